"""E.81 program and kegiatan rows measured by their own indicators, column 16 Keterangan, realisasi fisik, the
footer's tindak lanjut dalam Renja berikutnya, and the Renstra's stated end target — on the sample catalog.

Figures are computed by hand from ``kinerja_xl.sample_data`` (element values) and the sample catalog
(targets, Renstra plans), never by our functions.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import recap_data
from test_recap_budget import E81Sheet

from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.period import parse_period
from kinerja_xl.recap import write_recap

E81, RENSTRA = "Evaluasi Renja (E.81)", "Evaluasi Renstra"
PROGRAM = "2.12.02"  # PROGRAM PENDAFTARAN PENDUDUK, linked to IK01 (KTP-el, nilai akhir, positif)


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cat = build_sample_catalog()
    return write_recap(cat, parse_period("2025"), recap_data.submissions(cat),
                       tmp_path_factory.mktemp("e81") / "rekap-2025.xlsx", generated=recap_data.GENERATED).path


def test_program_row_shows_its_outcome_indicator_figures_by_hand(annual: Path) -> None:
    e = E81Sheet(annual)
    # IK01 = DAF03 / DAF01 x 100 per quarter (sample_data)
    tw = [441_200 / 452_300 * 100, 442_600 / 453_100 * 100, 444_100 / 454_050 * 100, 446_200 / 455_200 * 100]
    assert e.formulas.cell(e.row[PROGRAM], e.col["4"]).value == \
        "Persentase penduduk wajib KTP-el yang memiliki KTP-el"
    for n, want in zip(("8", "9", "10", "11"), tw, strict=True):
        assert e.value(PROGRAM, n, "K") == pytest.approx(want, rel=1e-12)
        assert e.formula(PROGRAM, n, "K").startswith("='Capaian Indikator'!")
    assert e.value(PROGRAM, "5", "K") == 99.5  # the Renstra's stated end target
    assert e.value(PROGRAM, "6", "K") == 97.9  # realisation 2024: a stock, the last year, never 97.1 + 97.9
    assert e.value(PROGRAM, "7", "K") == 98.5  # the annual target
    assert e.value(PROGRAM, "12", "K") == pytest.approx(tw[3])  # nilai akhir: the TW IV level
    assert e.value(PROGRAM, "13", "K") == pytest.approx(tw[3])  # the level reached, not 97.9 + 98.02
    assert e.value(PROGRAM, "14", "K") == pytest.approx(tw[3] / 99.5 * 100)
    assert e.value(PROGRAM, "12/7", "K") == pytest.approx(tw[3] / 98.5 * 100)  # ~99.5 %, not a mean of outputs
    # the Rp columns still add up the sub kegiatan: pagu 250 + 1.350 + 780 million
    assert e.value(PROGRAM, "7", "Rp") == 2_380_000_000


def test_a_row_with_two_indicators_takes_one_sheet_row_each(annual: Path) -> None:
    e = E81Sheet(annual)
    ws: Any = e.formulas
    top = e.row["2.12.01"]  # linked to IK18 (realisasi anggaran) and IK19 (rekomendasi, negatif)
    assert ws.cell(top, e.col["4"]).value == "Persentase realisasi anggaran"
    assert ws.cell(top + 1, e.col["4"]).value == \
        "Persentase rekomendasi hasil pemeriksaan yang belum ditindaklanjuti"
    merged = {str(r) for r in ws.merged_cells.ranges}
    kode = openpyxl.utils.get_column_letter(e.col["3"])
    rp7 = openpyxl.utils.get_column_letter(e._col("7", "Rp"))
    assert f"{kode}{top}:{kode}{top + 1}" in merged and f"{rp7}{top}:{rp7}{top + 1}" in merged
    values = e.values
    # IK18 = SEK02 / SEK01 x 100: TW IV 23.52 / 24.5 bn = 96 %, target 95
    assert values.cell(top, e._col("12", "K")).value == pytest.approx(96.0)
    assert values.cell(top, e._col("12/7", "K")).value == pytest.approx(96 / 95 * 100)
    # IK19 = SEK04 / SEK03 x 100 (negatif, linear): TW IV 1 / 12 -> 8.33 %, target 5: (2 x 5 - 8.33) / 5 x 100
    ik19 = 1 / 12 * 100
    assert values.cell(top + 1, e._col("12", "K")).value == pytest.approx(ik19)
    assert values.cell(top + 1, e._col("12/7", "K")).value == pytest.approx((2 * 5 - ik19) / 5 * 100)
    assert values.cell(top + 1, e._col("7", "K")).value == 5


def test_keterangan_fisik_and_tindak_lanjut_renja(annual: Path) -> None:
    e = E81Sheet(annual)
    sub = "2.12.02.2.02.0002"
    assert e.values.cell(e.row[sub], e.col["16"]).value == "Blangko dikirim bertahap sesuai kontrak."
    # realisasi fisik s.d. each quarter as the bidang reported it (sample_budget.FISIK); parents: the mean
    for n, fisik in zip(("8", "9", "10", "11"), (22.0, 47.0, 73.0, 97.0), strict=True):
        assert e.value(sub, n, "Fisik") == fisik
        assert e.value(PROGRAM, n, "Fisik") == pytest.approx(fisik)
        assert str(e.formula(PROGRAM, n, "Fisik")).startswith("=IF(COUNT(")
    texts = {c.value: c for row in e.values.iter_rows(min_row=max(e.row.values()) + 1) for c in row
             if isinstance(c.value, str)}
    label = texts["Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"]
    text = e.values.cell(label.row, e.col["4"]).value
    assert text.splitlines()[1] == ("2.12.02 PROGRAM PENDAFTARAN PENDUDUK: Menambah layanan jemput bola perekaman "
                                    "dan pencetakan KTP-el bagi penduduk rentan.")


def test_unlinked_kegiatan_keeps_the_mean_of_its_children(annual: Path) -> None:
    e = E81Sheet(annual)
    keg = "2.12.01.2.01"  # own indicator, nobody reports its K: the mean of its two sub kegiatan's 12/7
    assert e.value(keg, "12", "K") is None
    assert e.value(keg, "12/7", "K") == pytest.approx((3 / 3 * 100 + 4 / 4 * 100) / 2)


def test_evaluasi_renstra_uses_the_stated_end_target(annual: Path, tmp_path: Path) -> None:
    table = recap_data.read_table(openpyxl.load_workbook(annual, data_only=True)[RENSTRA])
    ik15 = table["IK15"]  # IKM, rata-rata: stated 87, where the mean of the five targets would be 84.7
    assert ik15["Target Akhir Periode Renstra"] == 87
    assert ik15["Sumber Target Akhir"] == "Renstra (kondisi akhir)"
    assert ik15["Capaian thd Target Akhir Periode (%)"] == pytest.approx(ik15["Realisasi s.d. Tahun 2025"] / 87 * 100)
    ik06 = table["IK06"]  # days, negatif, rata-rata: stated 2 (the mean of the targets is 3.0)
    assert ik06["Target Akhir Periode Renstra"] == 2
    real = ik06["Realisasi s.d. Tahun 2025"]
    assert ik06["Capaian thd Target Akhir Periode (%)"] == pytest.approx((2 * 2 - real) / 2 * 100)
    # a catalog written before the column existed: derived from the yearly targets, and said so
    cat = build_sample_catalog()
    old = dataclasses.replace(cat, renstra=tuple(dataclasses.replace(r, target_akhir_k=None) for r in cat.renstra))
    path = write_recap(old, parse_period("2025"), recap_data.submissions(old), tmp_path / "lama.xlsx",
                       generated=recap_data.GENERATED).path
    table = recap_data.read_table(openpyxl.load_workbook(path, data_only=True)[RENSTRA])
    assert table["IK15"]["Target Akhir Periode Renstra"] == pytest.approx((82 + 83.5 + 85 + 86 + 87) / 5)
    assert table["IK15"]["Sumber Target Akhir"].startswith("tidak diisi di katalog")


def test_evaluasi_renstra_per_program_k_and_rp(annual: Path) -> None:
    wb = openpyxl.load_workbook(annual, data_only=True)
    table = recap_data.read_table(wb["Evaluasi Renstra Program"])
    row = table[PROGRAM]  # the first indicator line of the program (IK01)
    tw4 = 446_200 / 455_200 * 100
    assert row["Indikator Kinerja Program (Outcome)"] == "Persentase penduduk wajib KTP-el yang memiliki KTP-el"
    assert row["Target Akhir Periode Renstra (K)"] == 99.5  # stated in the Renstra sheet
    assert row["Realisasi s.d. Tahun 2025 (K)"] == pytest.approx(tw4)  # a stock: the level reached
    assert row["Capaian thd Target Akhir (K, %)"] == pytest.approx(tw4 / 99.5 * 100)
    # Rp: Renstra target 1.2 + 6.5 + 3.8 bn; realised 0.47 + 2.58 + 1.49 bn up to 2024, plus 94 % of 2025's pagu
    # as sample_budget spends it (rounded to thousands per quarter)
    spent_2025 = 235_000_000 + 1_269_000_000 + 733_200_000
    assert row["Target Akhir Periode Renstra (Rp)"] == 11_500_000_000
    assert row["Realisasi s.d. Tahun 2025 (Rp)"] == 4_540_000_000 + spent_2025
    assert row["Capaian thd Target Akhir (Rp, %)"] == pytest.approx((4_540_000_000 + spent_2025) / 115_000_000)
    formulas = openpyxl.load_workbook(annual)["Evaluasi Renstra Program"]
    assert any(str(c.value).startswith("=IF(ISNUMBER('Evaluasi Renja (E.81)'!") for r in formulas.iter_rows()
               for c in r)
