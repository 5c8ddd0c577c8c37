"""A budget tree with Renstra figures and the budget submissions of the recap tests (built in code).

Import as ``from budget_factories import ...``. :func:`renja_catalog` is
:func:`factories.small_catalog` plus two programs:

* 2.12.02 (DAFDUK) → kegiatan 2.12.02.2.01 → SUB_KUM (kumulatif, documents) and
  SUB_AKHIR (nilai akhir, a percentage: a stock);
* 2.12.03 (CAPIL) → kegiatan 2.12.03.2.01 → SUB_RATA (rata-rata, a score);

and Renstra plans 2023–2027 for IK01 (nilai akhir) and IK02 (kumulatif).
:func:`budget_submissions` are the figures the recap tests compute by hand.
"""

from __future__ import annotations

import dataclasses

import recap_data
from factories import small_catalog

from kinerja_xl.catalog.model import Agregasi, Anggaran, Catalog, Renstra
from kinerja_xl.ledger import AcceptedSubmission

SUB_KUM = "2.12.02.2.01.0001"
SUB_AKHIR = "2.12.02.2.01.0002"
SUB_RATA = "2.12.03.2.01.0001"
KEG_DAFDUK = "2.12.02.2.01"
PROG_DAFDUK = "2.12.02"
PROG_CAPIL = "2.12.03"

KUM, AKHIR, RATA = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA

TREE = (
    Anggaran(PROG_DAFDUK, "Program Pendaftaran Penduduk", "Persentase penduduk ber-KTP-el", "%", "DAFDUK",
             sasaran="S1", agregasi=AKHIR, pagu=500_000_000, target_k=98, renstra_target_k=99,
             renstra_target_rp=2_500_000_000, renstra_realisasi_k=97, renstra_realisasi_rp=980_000_000),
    Anggaran(KEG_DAFDUK, "Pelayanan Pendaftaran Penduduk", "Persentase layanan tepat waktu", "%", "DAFDUK",
             agregasi=AKHIR, pagu=500_000_000, target_k=95, renstra_target_k=97),
    Anggaran(SUB_KUM, "Penyelenggaraan Pendaftaran Peristiwa Kependudukan",
             "Jumlah dokumen pendaftaran peristiwa kependudukan", "dokumen", "DAFDUK", agregasi=KUM,
             pagu=300_000_000, target_k=400, renstra_target_k=2000, renstra_target_rp=1_500_000_000,
             renstra_realisasi_k=800, renstra_realisasi_rp=600_000_000),
    Anggaran(SUB_AKHIR, "Penataan Pendaftaran Penduduk", "Persentase data penduduk yang mutakhir", "%", "DAFDUK",
             agregasi=AKHIR, pagu=200_000_000, target_k=90, renstra_target_k=95, renstra_target_rp=1_000_000_000,
             renstra_realisasi_k=85, renstra_realisasi_rp=380_000_000),
    Anggaran(PROG_CAPIL, "Program Pencatatan Sipil", "Persentase akta kelahiran", "%", "CAPIL", sasaran="S2",
             agregasi=AKHIR, pagu=100_000_000, target_k=95),
    Anggaran("2.12.03.2.01", "Pelayanan Pencatatan Sipil", "Indeks kepuasan layanan akta", "poin", "CAPIL",
             agregasi=RATA, pagu=100_000_000, target_k=80),
    Anggaran(SUB_RATA, "Pelayanan Pencatatan Kelahiran", "Indeks kepuasan layanan akta kelahiran", "poin",
             "CAPIL", agregasi=RATA, pagu=100_000_000, target_k=80, renstra_target_k=85,
             renstra_target_rp=500_000_000, renstra_realisasi_k=78, renstra_realisasi_rp=190_000_000),
)

RENSTRA = (
    Renstra("IK01", 2023, 94.0, (96.0, 97.0, 98.0, 99.0, 99.5), (95.5, 96.8, None, None, None)),
    Renstra("IK02", 2023, 2500.0, (3000.0, 3500.0, 4000.0, 4500.0, 5000.0), (3100.0, 3600.0, None, None, None)),
)

#: (bidang, quarter) -> sub kegiatan -> the quarter's K, fisik (%, s.d.) and Rp
BUDGET = {
    ("DAFDUK", 1): {SUB_KUM: {"k": 100.0, "fisik": 20.0, "rp": 50_000_000.0},
                    SUB_AKHIR: {"k": 80.0, "fisik": 30.0, "rp": 30_000_000.0}},
    ("DAFDUK", 2): {SUB_KUM: {"k": 150.0, "fisik": 45.0, "rp": 70_000_000.0},
                    SUB_AKHIR: {"k": 86.0, "fisik": 55.0, "rp": 60_000_000.0}},
    ("DAFDUK", 3): {SUB_KUM: {"k": 90.0, "fisik": 70.0, "rp": 80_000_000.0},
                    SUB_AKHIR: {"k": 88.0, "fisik": 80.0, "rp": 50_000_000.0}},
    ("DAFDUK", 4): {SUB_KUM: {"k": 70.0, "fisik": 100.0, "rp": 95_000_000.0},
                    SUB_AKHIR: {"k": 91.0, "fisik": 100.0, "rp": 55_000_000.0}},
    ("CAPIL", 1): {SUB_RATA: {"k": 76.0, "fisik": 25.0, "rp": 20_000_000.0}},
    # CAPIL's TW II has no budget figures: its TW II column stays blank
    ("CAPIL", 3): {SUB_RATA: {"k": 82.0, "fisik": 75.0, "rp": 30_000_000.0}},
    ("CAPIL", 4): {SUB_RATA: {"k": 84.0, "fisik": 100.0, "rp": 40_000_000.0}},
}
FAKTOR = {
    ("DAFDUK", 2): {SUB_KUM: {"pendorong": "Jemput bola ke kelurahan"},
                    SUB_AKHIR: {"penghambat": "Server pusat lambat"}},
}


def renja_catalog(**instansi_changes: object) -> Catalog:
    return dataclasses.replace(small_catalog(**instansi_changes), anggaran=TREE, renstra=RENSTRA)


def budget_submissions(catalog: Catalog) -> list[AcceptedSubmission]:
    """recap_data.generic_submissions with :data:`BUDGET` and :data:`FAKTOR` attached."""
    out = []
    for sub in recap_data.generic_submissions(catalog):
        q = int(sub.period.rsplit("TW", 1)[1])
        out.append(dataclasses.replace(sub, anggaran=BUDGET.get((sub.bidang, q), {}),
                                       faktor=FAKTOR.get((sub.bidang, q), {})))
    return out


#: More sub kegiatan under one kegiatan than an Excel function takes arguments (255)
WIDE = 260


def wide_catalog() -> Catalog:
    """One program → one kegiatan → :data:`WIDE` sub kegiatan of DAFDUK (the SUM/COUNT/AVERAGE chunks)."""
    subs = tuple(
        Anggaran(f"2.12.02.2.01.{i:04d}", f"Sub kegiatan {i}", f"Jumlah keluaran {i}", "dokumen", "DAFDUK",
                 agregasi=KUM if i % 2 else AKHIR, pagu=1_000_000.0 * i, target_k=10.0 + i % 7)
        for i in range(1, WIDE + 1))
    tree = (Anggaran(PROG_DAFDUK, "Program Pendaftaran Penduduk", "Persentase", "%", "DAFDUK", sasaran="S1"),
            Anggaran(KEG_DAFDUK, "Pelayanan Pendaftaran Penduduk", "Persentase", "%", "DAFDUK"), *subs)
    return dataclasses.replace(small_catalog(), anggaran=tree)


def wide_submissions(catalog: Catalog) -> list[AcceptedSubmission]:
    out = []
    for sub in recap_data.generic_submissions(catalog):
        q = int(sub.period.rsplit("TW", 1)[1])
        figures: dict[str, dict[str, float | None]] = {}
        if sub.bidang == "DAFDUK":
            for a in catalog.sub_kegiatan_of("DAFDUK"):
                i = int(a.kode[-4:])
                figures[a.kode] = {"k": None if i % 11 == 0 else float(i % 5 + q),
                                   "fisik": 25.0 * q, "rp": 1000.0 * i * q + 0.5}
        out.append(dataclasses.replace(sub, anggaran=figures))
    return out
