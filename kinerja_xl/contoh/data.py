"""The figures the bidang of the sample catalog report in 2025 (invented, plausible).

Used by ``kinerja-xl demo`` and by ``samples/make_samples.py`` to write filled
forms the way the bidang would send them, including the typical faults a
Kasubag sees (text instead of a number, a missing explanation), so that the
returned path of the cycle shows too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.contoh.budget import budget_faktor, budget_values
from kinerja_xl.period import Period
from kinerja_xl.rumus import Expr
from kinerja_xl.scoring import capaian

# element -> values for TW I..IV
VALUES: dict[str, tuple[float, float, float, float]] = {
    "SEK01": (24_500_000_000, 24_500_000_000, 24_500_000_000, 24_500_000_000),
    "SEK02": (4_410_000_000, 10_780_000_000, 17_150_000_000, 23_520_000_000),
    "SEK03": (12, 12, 12, 12),
    "SEK04": (5, 3, 1, 1),
    "SEK05": (0, 0, 1, 0),
    "DAF01": (452_300, 453_100, 454_050, 455_200),
    "DAF02": (445_900, 446_900, 448_100, 449_500),
    "DAF03": (441_200, 442_600, 444_100, 446_200),
    "DAF04": (178_400, 178_900, 179_300, 179_800),
    "DAF05": (177_100, 177_650, 178_100, 178_650),
    "DAF06": (168_200, 168_400, 168_600, 168_900),
    "DAF07": (61_900, 66_300, 71_200, 75_800),
    "DAF08": (5_200, 7_800, 4_100, 9_500),
    "DAF09": (2_150.5, 2_310.0, 2_240.5, 2_080.0),
    "DAF10": (21_450, 23_800, 22_950, 20_700),
    "DAF11": (60_060.0, 69_020.0, 75_735.0, 57_960.0),
    "CAP01": (186_500, 186_900, 187_200, 187_600),
    "CAP02": (179_800, 180_400, 180_900, 181_500),
    "CAP03": (820, 1_640, 2_480, 3_310),
    "CAP04": (510, 1_080, 1_810, 2_560),
    "CAP05": (2_850, 3_020, 2_960, 3_140),
    "CAP06": (510, 570, 730, 750),
    "CAP07": (180, 210, 160, 230),
    "CAP08": (45, 52, 48, 61),
    "PIA01": (446_100, 447_000, 448_300, 449_700),
    "PIA02": (52_300, 68_900, 85_100, 104_800),
    "PIA03": (99.2, 98.7, 99.5, 99.6),
    "PIA04": (1_240, 1_310, 1_350, 1_380),
    "PIA05": (780, 960, 1_090, 1_215),
    "PDI01": (2, 1, 3, 2),
    "PDI02": (1, 0, 2, 1),
    "PDI03": (84.6, 86.1, 85.3, 87.2),
    "PDI04": (142, 167, 151, 129),
    "PDI05": (6, 11, 7, 5),
    "PDI06": (58.3, 66.7, 70.8, 79.2),
}

KETERANGAN = {
    "DAF01": "Data konsolidasi Ditjen Dukcapil (DKB) semester berjalan",
    "CAP03": "Laporan kematian RT/RW, kelurahan dan rumah sakit",
    "DAF08": "Stock opname gudang blangko akhir triwulan; turun bila kiriman blangko pusat terlambat",
    "SEK04": "Turun karena rekomendasi sudah ditindaklanjuti",
    "PIA03": "Log pemantauan server SIAK",
    "PDI03": "Survei IKM triwulanan, 400 responden",
}

#: the explanation a bidang gives for an indicator below its target
KENDALA = {
    "IK01": "Sebagian wajib KTP-el baru berusia 17 tahun belum datang merekam; rencana: jemput bola ke SMA/SMK.",
    "IK02": "Penduduk lanjut usia dan disabilitas sulit datang; rencana: perekaman keliling ke rumah.",
    "IK03": "Keluarga baru hasil pernikahan belum mengurus KK; rencana: layanan KK langsung setelah akad di KUA.",
    "IK04": "Kesadaran orang tua tentang KIA masih rendah; rencana: kerja sama dengan sekolah dasar dan posyandu.",
    "IK05": "Kiriman blangko dari pusat tidak merata antar-triwulan; rencana: usulan alokasi blangko lebih awal.",
    "IK06": "Gangguan jaringan SIAK memperlambat penerbitan; rencana: koneksi cadangan di kantor kecamatan.",
    "IK07": "Kelahiran di luar fasilitas kesehatan terlambat dilaporkan; rencana: kerja sama dengan bidan desa.",
    "IK08": "Kematian di rumah jarang dilaporkan ahli waris; rencana: pelaporan lewat kelurahan.",
    "IK09": "Permohonan akta menurun pada bulan puasa dan libur panjang; rencana: pelayanan keliling.",
    "IK10": "Ponsel warga belum mendukung aplikasi IKD; rencana: pendampingan aktivasi di kecamatan.",
    "IK11": "Pemadaman listrik di pusat data dua kali; rencana: pengadaan UPS tambahan.",
    "IK12": "Data ganda lintas kabupaten perlu konfirmasi daerah lain; rencana: rapat koordinasi bulanan.",
    "IK13": "Calon mitra belum menyelesaikan syarat teknis; rencana: pendampingan penyusunan PKS.",
    "IK14": "Inovasi baru masih tahap uji coba; rencana: peluncuran triwulan berikutnya.",
    "IK15": "Antrean panjang pada jam sibuk; rencana: penambahan loket dan nomor antrean daring.",
    "IK16": "Pengaduan teknis menunggu perbaikan dari pusat; rencana: eskalasi ke Ditjen Dukcapil.",
    "IK17": "Sebagian perangkat daerah belum menandatangani PKS; rencana: sosialisasi pemanfaatan data.",
    "IK18": "Pengadaan barang/jasa baru berjalan pada triwulan berikutnya; rencana: percepatan lelang.",
    "IK19": "Tindak lanjut rekomendasi menunggu dokumen pendukung; rencana: rapat tindak lanjut bulanan.",
    "IK20": "Temuan persediaan berulang karena kartu stok belum diperbarui; rencana: opname bulanan.",
}


@dataclass(frozen=True)
class SampleSubmission:
    """One filled form as a bidang would send it."""

    bidang: str
    file_name: str
    values: dict[str, object]  # what was typed: numbers, or text as a person types it
    keterangan: dict[str, str]
    kendala: dict[str, str]
    fault: str = ""  # what is wrong with it, for the demo's explanation ("" = nothing)
    anggaran: dict[str, dict[str, object]] = field(default_factory=dict)  # sub kegiatan -> BUDGET_* -> typed
    faktor: dict[str, dict[str, str]] = field(default_factory=dict)  # sub kegiatan -> faktor texts


def quarter_values(q: int) -> dict[str, float]:
    return {code: vals[q - 1] for code, vals in VALUES.items()}


def needed_kendala(catalog: Catalog, bidang: str, q: int, values: dict[str, float]) -> dict[str, str]:
    """The explanations a bidang must give: every indicator below its quarter target."""
    out: dict[str, str] = {}
    rule = catalog.instansi.rumus_negatif
    for ind in catalog.indikator_of(bidang):
        expr: Expr = ind.rumus
        score = capaian(expr.evaluate(values), ind.target_tw[q - 1], ind.polaritas, rule)
        if score is not None and score < 100:
            out[ind.kode] = KENDALA.get(ind.kode, "Kendala sedang diidentifikasi; rencana tindak lanjut menyusul.")
    return out


def sample_submissions(catalog: Catalog, period: Period, file_names: dict[str, str]) -> list[SampleSubmission]:
    """The sample catalog's submissions for a quarter; in TW I two of them carry typical faults.

    ``file_names`` maps bidang code to the form's file name (as sent out).
    """
    q = period.n
    values = quarter_values(q)
    out: list[SampleSubmission] = []
    for bidang in catalog.bidang:
        own = {e.kode: values[e.kode] for e in catalog.elemen_of(bidang.kode) if e.kode in values}
        if not own:
            continue
        typed: dict[str, object] = dict(own)
        kendala = needed_kendala(catalog, bidang.kode, q, values)
        keterangan = {k: v for k, v in KETERANGAN.items() if k in own}
        fault = ""
        if q == 1 and bidang.kode == "DAFDUK":
            typed["DAF01"] = "452.300"  # Indonesian thousands separator typed as text: accepted, with a warning
        if q == 1 and bidang.kode == "CAPIL":
            typed["CAP05"] = "2.850 akta"  # text where a number belongs
            typed["CAP04"] = 1_900  # more deaths with a certificate than deaths reported
            fault = "teks di sel angka, dan pembilang lebih besar dari penyebut"
        if q == 1 and bidang.kode == "SEK":
            kendala = {}  # below target without an explanation
            fault = "capaian di bawah target tanpa kendala / rencana tindak lanjut"
        out.append(SampleSubmission(bidang.kode, file_names[bidang.kode], typed, keterangan, kendala, fault,
                                    budget_values(catalog, bidang.kode, q), budget_faktor(catalog, bidang.kode)))
    return out


def corrected_submissions(catalog: Catalog, period: Period, file_names: dict[str, str]) -> list[SampleSubmission]:
    """The corrected files the bidang send back after a returned form (TW I only)."""
    q = period.n
    values = quarter_values(q)
    out = []
    for sub in sample_submissions(catalog, period, file_names):
        if not sub.fault:
            continue
        own = {e.kode: values[e.kode] for e in catalog.elemen_of(sub.bidang)}
        name = sub.file_name.removesuffix(".xlsx") + " (revisi).xlsx"
        out.append(SampleSubmission(sub.bidang, name, dict(own), sub.keterangan,
                                    needed_kendala(catalog, sub.bidang, q, values), "", sub.anggaran, sub.faktor))
    return out
