"""The polarity × aggregation combinations the sample catalog does not have, computed by hand.

With tests/test_recap_capaian.py (positif × each aggregation, negatif × nilai akhir and
rata-rata, rentang × nilai akhir) this covers all nine combinations.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from recap_data import read_table

from kinerja_xl import rumus
from kinerja_xl.catalog.model import (
    Agregasi,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    Sasaran,
    Target,
    TipeElemen,
)
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import parse_period
from kinerja_xl.recap import write_recap

T = Target.single


def _ind(kode: str, polaritas: Polaritas, agregasi: Agregasi, rumus_text: str, tahunan: Target,
         tw: Target) -> Indikator:
    return Indikator(kode=kode, sasaran="S1", nama=f"Indikator {kode}", satuan="kasus", polaritas=polaritas,
                     agregasi=agregasi, rumus=rumus.parse(rumus_text), target_tahunan=tahunan,
                     target_tw=(tw, tw, tw, tw), iku=True, bidang="B1")


CATALOG = Catalog(
    instansi=Instansi(pemerintah_daerah="Pemerintah Kabupaten Uji", nama_opd="Dinas Uji", tahun=2025),
    bidang=(Bidang("B1", "Bidang Uji"),),
    sasaran=(Sasaran("S1", "Sasaran uji"),),
    elemen=(
        Elemen("E1", "Pengaduan tidak selesai", "kasus", "B1", TipeElemen.BULAT, agregasi=Agregasi.KUMULATIF),
        Elemen("E2", "Kunjungan", "kali", "B1", TipeElemen.BULAT, agregasi=Agregasi.KUMULATIF),
        Elemen("E3", "Suhu ruang server", "derajat", "B1", TipeElemen.DESIMAL, agregasi=Agregasi.RATA_RATA),
    ),
    indikator=(
        # negatif × kumulatif: complaints left unresolved, fewer is better; annual 20, 5 a quarter
        _ind("N_KUM", Polaritas.NEGATIF, Agregasi.KUMULATIF, "E1", T(20), T(5)),
        # rentang × kumulatif: visits should stay within 100–120 a year, 25–30 a quarter
        _ind("R_KUM", Polaritas.RENTANG, Agregasi.KUMULATIF, "E2", Target(100, 120), Target(25, 30)),
        # rentang × rata-rata: server room temperature 18–24 degrees
        _ind("R_AVG", Polaritas.RENTANG, Agregasi.RATA_RATA, "E3", Target(18, 24), Target(18, 24)),
    ),
)

VALUES = {1: {"E1": 4, "E2": 40, "E3": 23.5}, 2: {"E1": 9, "E2": 35, "E3": 27.0}}


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    subs = [AcceptedSubmission(id=q, bidang="B1", period=f"2025-TW{q}", file_name=f"b1-tw{q}.xlsx", sha256=str(q),
                               received_at=f"2025-0{3 * q + 1}-05T10:00:00", revision=0,
                               values={k: float(v) for k, v in VALUES[q].items()})
            for q in (1, 2)]
    path = write_recap(CATALOG, parse_period("2025-S1"), subs, tmp_path_factory.mktemp("m") / "r.xlsx",
                       generated=dt.datetime(2025, 7, 10)).path
    return read_table(openpyxl.load_workbook(path, data_only=True)["Capaian Indikator"])


def test_negatif_kumulatif(rows: dict[str, dict]) -> None:
    row = rows["N_KUM"]
    assert row["Realisasi s.d. TW II"] == 13  # 4 + 9: a flow is summed
    assert row["Capaian TW I (%)"] == pytest.approx((2 * 5 - 4) / 5 * 100)  # 120: fewer than the target
    assert row["Capaian TW II (%)"] == pytest.approx((2 * 5 - 9) / 5 * 100)  # 20
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx((2 * 20 - 13) / 20 * 100)  # 135
    assert row["Target s.d. TW II"] == 10  # 5 + 5
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((2 * 10 - 13) / 10 * 100)  # 70


def test_rentang_kumulatif(rows: dict[str, dict]) -> None:
    row = rows["R_KUM"]
    assert row["Realisasi s.d. TW II"] == 75  # 40 + 35
    assert row["Capaian TW I (%)"] == pytest.approx((2 * 30 - 40) / 30 * 100)  # above 25–30: negative rule on 30
    assert row["Capaian TW II (%)"] == pytest.approx((2 * 30 - 35) / 30 * 100)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx(75 / 100 * 100)  # below 100–120
    assert row["Target s.d. TW II"] == "50–60"  # 25–30 twice
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((2 * 60 - 75) / 60 * 100)


def test_rentang_rata_rata(rows: dict[str, dict]) -> None:
    row = rows["R_AVG"]
    assert row["Realisasi s.d. TW II"] == pytest.approx((23.5 + 27.0) / 2)  # 25.25: the mean
    assert row["Capaian TW I (%)"] == pytest.approx(100)  # 23.5 inside 18–24
    assert row["Capaian TW II (%)"] == pytest.approx((2 * 24 - 27.0) / 24 * 100)  # 87.5
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx((2 * 24 - 25.25) / 24 * 100)
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((2 * 24 - 25.25) / 24 * 100)
