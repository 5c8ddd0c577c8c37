"""The budget sheets of the recap as a Bappeda reads them: E.81 figures computed by hand, structure, print setup.

Numbers in these tests are computed by hand from :mod:`budget_factories` (not by our functions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import recap_data
from budget_factories import (
    KEG_DAFDUK,
    PROG_CAPIL,
    PROG_DAFDUK,
    SUB_AKHIR,
    SUB_KUM,
    SUB_RATA,
    budget_submissions,
    renja_catalog,
)
from factories import small_catalog

from kinerja_xl.period import parse_period
from kinerja_xl.recap import build_model, write_recap
from kinerja_xl.recap.layout import SHEETS
from kinerja_xl.recap.texts import MAX_TEXT, lines_within

E81, SERAPAN, PK, RENSTRA = "Evaluasi Renja (E.81)", "Serapan Anggaran", "Perjanjian Kinerja", "Evaluasi Renstra"
M = 1_000_000


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("recap-budget")
    cat = renja_catalog()
    subs = budget_submissions(cat)
    return {code: write_recap(cat, parse_period(code), subs, tmp / f"rekap-{code}.xlsx",
                              generated=recap_data.GENERATED).path for code in ("2025-TW2", "2025")}


class E81Sheet:
    """The E.81 sheet found the way a person reads it: column numbers from the numbered header row,
    K / Rp from the row below it, rows by the Kode column."""

    def __init__(self, path: Path):
        self.values = openpyxl.load_workbook(path, data_only=True)[E81]
        self.formulas = openpyxl.load_workbook(path)[E81]
        ws = self.formulas
        self.num_row = next(c.row for row in ws.iter_rows(max_row=20) for c in row if c.value == "12 = 8+9+10+11")
        self.col: dict[str, int] = {}
        for c in ws[self.num_row]:
            if isinstance(c.value, str) and c.value:
                self.col[c.value.split()[0]] = c.column
        kode_col = next(c.column for c in ws[self.num_row - 1] if c.value == "Kode")
        self.row = {ws.cell(r, kode_col).value: r for r in range(self.num_row + 2, ws.max_row + 1)
                    if isinstance(ws.cell(r, kode_col).value, str) and ws.cell(r, kode_col).value.startswith("2.")}

    def _col(self, n: str, part: str) -> int:
        """``n``: the number row's text up to its first space (``"12"``, ``"12/7"`` the extra column);
        ``part``: K, Fisik (%) (the quarters) or Rp."""
        k = self.col[n]
        below = self.formulas.cell(self.num_row + 1, k).value
        assert below == "K", (n, below)
        if part == "K":
            return k
        fisik = self.formulas.cell(self.num_row + 1, k + 1).value == "Fisik (%)"
        if part == "Fisik":
            assert fisik, n
            return k + 1
        rp = k + 2 if fisik else k + 1
        assert str(self.formulas.cell(self.num_row + 1, rp).value).startswith("Rp")
        return rp

    def value(self, kode: str, n: str, part: str) -> Any:
        return self.values.cell(self.row[kode], self._col(n, part)).value

    def formula(self, kode: str, n: str, part: str) -> Any:
        return self.formulas.cell(self.row[kode], self._col(n, part)).value


def test_e81_columns_12_13_14_computed_by_hand(recaps: dict[str, Path]) -> None:
    e = E81Sheet(recaps["2025-TW2"])
    # kumulatif sub kegiatan: TW I 100 dok / Rp 50 jt, TW II 150 dok / Rp 70 jt; Renstra s.d. 2024: 800 dok / Rp 600 jt;
    # end-of-Renstra target 2000 dok / Rp 1.500 jt; Renja 2025 target 400 dok / pagu Rp 300 jt
    expected_kum = {("12", "K"): 250, ("12", "Rp"): 120 * M, ("13", "K"): 1050, ("13", "Rp"): 720 * M,
                    ("14", "K"): 52.5, ("14", "Rp"): 48.0, ("12/7", "K"): 62.5, ("12/7", "Rp"): 40.0}
    # nilai akhir (a stock, %): TW I 80, TW II 86 -> 86, never 166; 13 = the level reached (86), never 85 + 86
    expected_akhir = {("12", "K"): 86, ("12", "Rp"): 90 * M, ("13", "K"): 86, ("13", "Rp"): 470 * M,
                      ("14", "K"): 86 / 95 * 100, ("14", "Rp"): 47.0, ("12/7", "K"): 86 / 90 * 100, ("12/7", "Rp"): 45.0}
    # rata-rata: only TW I reported (76); Renstra 2023-2024 mean 78 weighs two years
    expected_rata = {("12", "K"): 76, ("12", "Rp"): 20 * M, ("13", "K"): (78 * 2 + 76) / 3, ("13", "Rp"): 210 * M,
                     ("14", "K"): (78 * 2 + 76) / 3 / 85 * 100, ("14", "Rp"): 42.0, ("12/7", "K"): 95.0}
    for kode, expected in ((SUB_KUM, expected_kum), (SUB_AKHIR, expected_akhir), (SUB_RATA, expected_rata)):
        for (n, part), want in expected.items():
            assert e.value(kode, n, part) == pytest.approx(want, rel=1e-12), (kode, n, part)
            assert str(e.formula(kode, n, part)).startswith("="), (kode, n, part)
    # the quarter columns hold the reported figures; TW III and IV are not reported yet: blank
    assert (e.value(SUB_KUM, "8", "K"), e.value(SUB_KUM, "9", "Rp")) == (100, 70 * M)
    for n in ("10", "11"):
        assert e.value(SUB_KUM, n, "K") is None and e.value(SUB_KUM, n, "Rp") is None
    assert e.value(SUB_RATA, "9", "K") is None  # CAPIL sent TW II without budget figures
    # columns 5-7 from the catalog
    assert (e.value(SUB_KUM, "5", "K"), e.value(SUB_KUM, "6", "Rp"), e.value(SUB_KUM, "7", "Rp")) == \
        (2000, 600 * M, 300 * M)


def test_e81_program_and_kegiatan_rows_aggregate_their_children(recaps: dict[str, Path]) -> None:
    e = E81Sheet(recaps["2025-TW2"])
    for kode in (KEG_DAFDUK, PROG_DAFDUK):
        assert e.value(kode, "7", "Rp") == 500 * M  # 300 + 200 (pagu)
        assert e.value(kode, "12", "Rp") == 210 * M  # 120 + 90
        assert e.value(kode, "13", "Rp") == 1190 * M  # 720 + 470
        assert e.value(kode, "14", "Rp") == pytest.approx(1190 / 2500 * 100)
        assert e.value(kode, "12", "K") is None and e.value(kode, "9", "K") is None  # nobody reports their K
        assert e.value(kode, "12/7", "K") == pytest.approx((62.5 + 86 / 90 * 100) / 2)  # mean of the children
    assert e.value(PROG_DAFDUK, "7", "K") == 98  # its own outcome target
    assert e.formula(PROG_DAFDUK, "12", "Rp").startswith("=")


def test_e81_annual_stock_is_the_last_quarter(recaps: dict[str, Path]) -> None:
    e = E81Sheet(recaps["2025"])
    assert e.value(SUB_AKHIR, "12", "K") == 91  # TW IV level, not 80 + 86 + 88 + 91
    assert e.value(SUB_KUM, "12", "K") == 410  # 100 + 150 + 90 + 70
    assert e.value(SUB_KUM, "12", "Rp") == 295 * M
    assert e.value(SUB_AKHIR, "13", "K") == 91
    assert e.value(SUB_AKHIR, "14", "K") == pytest.approx(91 / 95 * 100)


def test_e81_header_footer_and_signatures(recaps: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(recaps["2025-TW2"])
    ws: Any = wb[E81]
    e = E81Sheet(recaps["2025-TW2"])
    values = openpyxl.load_workbook(recaps["2025-TW2"], data_only=True)[E81]
    merged = {str(r) for r in ws.merged_cells.ranges}
    header_top = e.num_row - 2
    assert ws.cell(header_top, 1).value == "No" and f"A{header_top}:A{header_top + 1}" in merged
    assert f"A{e.num_row}:A{e.num_row + 1}" in merged  # column number 1 over the K/Rp row
    numbers = [str(c.value) for c in ws[e.num_row] if c.value]
    # columns 1-16 as Permendagri 86/2017 numbers them (15 unit, 16 keterangan), then the extra 12/7 column
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12 = 8+9+10+11", "13 = 6+12",
                       "14 = 13/5 × 100", "15", "16", "12/7 × 100"]
    assert ws.cell(header_top, e.col["16"]).value == "Keterangan"
    assert ws.cell(header_top, e.col["12/7"]).value.startswith("Tambahan (di luar form E.81)")
    tw_row = [c.value for c in ws[e.num_row - 1] if c.value in ("I", "II", "III", "IV")]
    assert tw_row == ["I", "II", "III", "IV"]
    assert [c.value for c in ws[e.num_row + 1] if c.value] == \
        ["K", "Rp"] * 3 + ["K", "Fisik (%)", "Rp"] * 4 + ["K", "Rp"] * 2 + ["K", "Rp (%)"] * 2
    # footer: rata-rata, predikat, faktor, tindak lanjut; two signature blocks
    texts = {c.value: c for row in values.iter_rows(min_row=max(e.row.values()) + 1) for c in row
             if isinstance(c.value, str)}
    label = next(t for t in texts if t.startswith("Rata-rata capaian kinerja"))
    row = texts[label].row
    k16 = e._col("12/7", "K")
    # programs' 16 K: 2.12.02 = mean(62.5, 95.56) = 79.03; 2.12.03 = 95 -> 87.01
    rata = ((62.5 + 86 / 90 * 100) / 2 + 95.0) / 2
    assert values.cell(row, k16).value == pytest.approx(rata)
    assert values.cell(row, k16 + 1).value == pytest.approx(230 / 600 * 100)  # (210 + 20) / (500 + 100)
    assert values.cell(row + 1, k16).value == "Tinggi"  # 76 <= 87.01 < 91
    assert values.cell(row + 1, k16 + 1).value == "Sangat Rendah"
    pendorong = next(c for t, c in texts.items() if t.startswith("Faktor pendorong"))
    assert values.cell(pendorong.row, 5).value == \
        f"{SUB_KUM} Penyelenggaraan Pendaftaran Peristiwa Kependudukan: Jemput bola ke kelurahan"
    assert "Server pusat lambat" in values.cell(pendorong.row + 1, 5).value
    assert "Kendala; rencana tindak lanjut." in values.cell(pendorong.row + 2, 5).value
    for t in ("Dievaluasi,", "Disusun,", "Kepala Badan Perencanaan Pembangunan Daerah", "Dra. Siti Aminah, M.Si.",
              "NIP. 19700101 199503 2 001", "Kabupaten Uji, 20 Januari 2026"):
        assert t in texts, t


def test_e81_prints_landscape_with_repeated_header_rows(recaps: dict[str, Path]) -> None:
    ws: Any = openpyxl.load_workbook(recaps["2025-TW2"])[E81]
    e = E81Sheet(recaps["2025-TW2"])
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 14  # F4, the default paper
    # several pages across at a legible scale (9 pt text at 7 pt or more), No … Uraian on every page
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert 9 * int(ws.page_setup.scale) / 100 >= 7
    assert ws.print_title_cols == "$A:$D"
    assert ws.print_title_rows == f"${e.num_row - 2}:${e.num_row + 1}"
    # a page across starts at a K column, never between the K and Rp of one column number
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks and all(ws.cell(e.num_row + 1, b + 1).value == "K" or b + 1 < e._col("5", "K") for b in breaks)
    assert "Halaman &P dari &N" in ws.oddFooter.right.text
    area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
    last = openpyxl.utils.get_column_letter(e._col("12/7", "Rp"))
    assert area.endswith(f"${last}${ws.max_row}") or f"${last}$" in area  # up to the extra 12/7 Rp; helpers hidden
    hidden = [k for k, d in ws.column_dimensions.items() if d.hidden]
    assert hidden and all(openpyxl.utils.column_index_from_string(k) > e._col("12/7", "Rp") for k in hidden)


def test_serapan_anggaran_per_program_and_bidang(recaps: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(recaps["2025-TW2"], data_only=True)
    table = recap_data.read_table(wb[SERAPAN])
    row = table[PROG_DAFDUK]
    capaian = (62.5 + 86 / 90 * 100) / 2
    assert row["Pagu Anggaran (Rp)"] == 500 * M
    assert row["Realisasi Keuangan s.d. TW II (Rp)"] == 210 * M
    assert row["Serapan Anggaran (%)"] == pytest.approx(42.0)
    assert row["Capaian Kinerja (%)"] == pytest.approx(capaian)
    assert row["Efisiensi (Capaian − Serapan)"] == pytest.approx(capaian - 42.0)
    assert row["Penilaian"] == "Efisien"
    assert table[PROG_CAPIL]["Serapan Anggaran (%)"] == pytest.approx(20.0)
    # per bidang, below the table
    ws = wb[SERAPAN]
    cells = {c.value: c.row for r in ws.iter_rows() for c in r if c.value in ("DAFDUK", "CAPIL", "PIAK")}
    assert "PIAK" not in cells  # no sub kegiatan
    assert [ws.cell(cells["DAFDUK"], col).value for col in (4, 5)] == [500 * M, 210 * M]
    assert ws.cell(cells["DAFDUK"], 7).value == pytest.approx(capaian)
    formulas = openpyxl.load_workbook(recaps["2025-TW2"])[SERAPAN]
    assert formulas.cell(cells["DAFDUK"], 4).value.startswith("=SUMIFS(")


def test_perjanjian_kinerja(recaps: dict[str, Path]) -> None:
    """The recap's sheet is the Kepala OPD's agreement: IKU and programs, dated from the catalog, not the recap."""
    ws: Any = openpyxl.load_workbook(recaps["2025-TW2"], data_only=True)[PK]
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "PERJANJIAN KINERJA TAHUN 2025" in texts and "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025" in texts
    assert any(t.startswith("Dalam rangka mewujudkan manajemen pemerintahan yang efektif") for t in texts)
    ind = texts["Cakupan perekaman KTP-el"]  # an IKU
    assert (ws.cell(ind.row, ind.column + 1).value, ws.cell(ind.row, ind.column + 2).value) == ("%", 98)
    assert ws.cell(texts["Indeks kepuasan masyarakat"].row, ind.column + 2).value == "80–90"
    assert "Jumlah Kartu Keluarga yang diterbitkan" not in texts  # not an IKU: not in the Kepala OPD's agreement
    prog = next(c for t, c in texts.items() if t.startswith(f"{PROG_DAFDUK} "))
    assert ws.cell(prog.row, 5).value == 500 * M
    assert not any(t.startswith(KEG_DAFDUK) for t in texts)  # kegiatan belong to the Kepala Bidang's agreements
    jumlah = [c for t, c in texts.items() if t == "JUMLAH"][-1]
    assert ws.cell(jumlah.row, 5).value == 600 * M
    for t in ("PIHAK PERTAMA,", "PIHAK KEDUA,", "Bupati Uji", "Dra. Siti Aminah, M.Si.", "Kepala Dinas",
              "Kabupaten Uji, 2 Januari 2025"):
        assert t in texts, t
    assert "Kabupaten Uji, 20 Januari 2026" not in texts  # the recap's own date
    # F4 (the catalog's default paper), portrait as an agreement is signed; the lampiran starts a page
    assert ws.page_setup.paperSize == 14 and ws.page_setup.orientation == "portrait" and not ws.col_breaks.brk
    lampiran = texts["LAMPIRAN PERJANJIAN KINERJA TAHUN 2025"].row
    assert lampiran - 1 in [b.id for b in ws.row_breaks.brk]


def test_evaluasi_renstra_only_in_the_annual_recap(recaps: dict[str, Path]) -> None:
    assert RENSTRA not in openpyxl.load_workbook(recaps["2025-TW2"], read_only=True).sheetnames
    wb = openpyxl.load_workbook(recaps["2025"], data_only=True)
    table = recap_data.read_table(wb[RENSTRA])
    # IK01 (nilai akhir): 2025 = E02 / E01 of TW IV = 1310 / 1160 x 100; s.d. 2025 is that level, not a sum of years
    ik01 = table["IK01"]
    this_year = 1310 / 1160 * 100
    assert ik01["Realisasi 2025"] == pytest.approx(this_year)
    assert ik01["Realisasi 2024"] == 96.8 and ik01["Realisasi 2026"] is None
    assert ik01["Capaian 2025 (%)"] == pytest.approx(this_year / 98 * 100)
    assert ik01["Realisasi s.d. Tahun 2025"] == pytest.approx(this_year)
    assert ik01["Target Akhir Periode Renstra"] == 99.5
    assert ik01["Capaian thd Target Akhir Periode (%)"] == pytest.approx(this_year / 99.5 * 100)
    # IK02 (kumulatif): E03 over TW I-IV = 1340 + 1380 + 1420 + 1460; the years add up
    ik02 = table["IK02"]
    assert ik02["Realisasi 2025"] == 5600
    assert ik02["Realisasi s.d. Tahun 2025"] == 3100 + 3600 + 5600
    assert ik02["Target Akhir Periode Renstra"] == 20000
    assert ik02["Capaian thd Target Akhir Periode (%)"] == pytest.approx(12300 / 20000 * 100)
    formulas = openpyxl.load_workbook(recaps["2025"])[RENSTRA]
    cell = next(c for r in formulas.iter_rows() for c in r if isinstance(c.value, str)
                and c.value.startswith("=") and "Capaian Indikator" in c.value)
    assert cell.value.startswith("='Capaian Indikator'!")


def test_catalog_without_budget_has_none_of_these_sheets(tmp_path: Path) -> None:
    cat = small_catalog()
    subs = recap_data.generic_submissions(cat)
    for code in ("2025-TW2", "2025"):
        path = write_recap(cat, parse_period(code), subs, tmp_path / f"{code}.xlsx", generated=recap_data.GENERATED).path
        assert openpyxl.load_workbook(path, read_only=True).sheetnames == list(SHEETS)
    model = build_model(cat, parse_period("2025"), subs)
    assert model.budget is None and model.renstra == ()


@pytest.mark.libreoffice(uno=True)
def test_budget_forms_filled_in_calc_go_through_check_and_merge_into_e81(tmp_path: Path) -> None:
    """Done-when of issue 5: forms with budget rows typed into Calc -> check -> merge -> the E.81 figures."""
    import datetime as dt

    from anggaran_data import (
        CALC_FILLS,
        SUB_CAPIL,
        SUB_DAFDUK_1,
        SUB_DAFDUK_2,
        budget_catalog,
        fill_budget_forms_in_calc,
    )

    from kinerja_xl.intake.result import Verdict
    from kinerja_xl.intake.run import check_inbox
    from kinerja_xl.recap import merge_workspace
    from kinerja_xl.workspace import Workspace

    cat = budget_catalog()
    tw1 = parse_period("2025-TW1")
    ws = Workspace(tmp_path / "ws")
    fill_budget_forms_in_calc(cat, tw1, ws.masuk_dir(tw1), CALC_FILLS)
    report = check_inbox(ws, tw1, catalog=cat, jobs=1, now=dt.datetime(2025, 4, 5, 9, 0))
    assert [(r.bidang, r.verdict) for r in report.files] == [("CAPIL", Verdict.ACCEPTED), ("DAFDUK", Verdict.ACCEPTED)]
    result = merge_workspace(ws, cat, tw1)
    e = E81Sheet(result.path)
    # what was typed: CAPIL 750 akta / Rp 41.250.000,50; DAFDUK 820 dokumen / Rp 60 jt and (K blank) / Rp 0
    assert (e.value(SUB_CAPIL, "8", "K"), e.value(SUB_CAPIL, "8", "Rp")) == (750, 41_250_000.5)
    assert (e.value(SUB_DAFDUK_1, "8", "K"), e.value(SUB_DAFDUK_1, "8", "Rp")) == (820, 60 * M)
    assert (e.value(SUB_DAFDUK_2, "8", "K"), e.value(SUB_DAFDUK_2, "8", "Rp")) == (None, 0)
    assert e.value(SUB_CAPIL, "12", "Rp") == 41_250_000.5
    assert e.value(SUB_CAPIL, "12/7", "K") == pytest.approx(750 / 3000 * 100)
    assert e.value(SUB_CAPIL, "12/7", "Rp") == pytest.approx(41_250_000.5 / 150_000_000 * 100)
    assert e.value(SUB_DAFDUK_2, "12", "K") is None and e.value(SUB_DAFDUK_2, "12", "Rp") == 0
    assert e.value("2.12.02", "12", "Rp") == 60 * M  # program: 60 jt + 0
    footer = [c.value for row in e.values.iter_rows(min_row=max(e.row.values()) + 1) for c in row
              if isinstance(c.value, str)]
    assert any("Layanan keliling" in t for t in footer)
    assert any("Jaringan SIAK sempat terputus" in t and "Menunggu juknis" in t for t in footer)


def test_a_kegiatan_with_more_children_than_function_arguments(tmp_path: Path) -> None:
    from budget_factories import WIDE, wide_catalog, wide_submissions

    cat = wide_catalog()
    path = write_recap(cat, parse_period("2025-TW1"), wide_submissions(cat), tmp_path / "lebar.xlsx",
                       generated=recap_data.GENERATED).path
    e = E81Sheet(path)
    text = e.formula(KEG_DAFDUK, "8", "Rp")
    assert text.startswith("=IF(SUM(COUNT(") and text.count(",") >= WIDE  # chunks of at most 200 arguments
    assert e.value(KEG_DAFDUK, "7", "Rp") == sum(1_000_000.0 * i for i in range(1, WIDE + 1))
    assert e.value(KEG_DAFDUK, "8", "Rp") == pytest.approx(sum(1000.0 * i + 0.5 for i in range(1, WIDE + 1)))


def test_nothing_reported_leaves_the_figures_blank(tmp_path: Path) -> None:
    cat = renja_catalog()
    path = write_recap(cat, parse_period("2025-TW1"), [], tmp_path / "kosong.xlsx", generated=recap_data.GENERATED).path
    e = E81Sheet(path)
    for kode in (SUB_KUM, SUB_AKHIR, KEG_DAFDUK, PROG_DAFDUK):
        for n in ("8", "12", "12/7"):
            assert e.value(kode, n, "K") is None and e.value(kode, n, "Rp") is None, (kode, n)
    assert e.value(SUB_KUM, "13", "K") == 800  # Renstra up to last year, nothing added this year
    assert e.value(SUB_KUM, "7", "Rp") == 300 * M
    wb = openpyxl.load_workbook(path, data_only=True)
    for name in (E81, SERAPAN, PK):
        for row in wb[name].iter_rows():
            for c in row:
                assert not (isinstance(c.value, str) and c.value.startswith("#")), (name, c.coordinate, c.value)


def test_e81_texts_hold_whole_lines_and_count_those_left_out() -> None:
    """A thousand units' kendala do not fit Excel's cell: whole lines, then how many were left out."""
    def rest(n: int) -> str:
        return f"… dan {n} indikator lainnya"

    assert lines_within([], rest) == ""
    assert lines_within(["IK01 a", "IK02 b"], rest) == "IK01 a\nIK02 b"
    many = [f"IK{i:05} {'kendala ' * 10}".strip() for i in range(5_000)]
    text = lines_within(many, rest)
    kept = text.split("\n")[:-1]
    assert len(text) <= MAX_TEXT and kept == many[:len(kept)]  # whole lines, in order
    assert text.split("\n")[-1] == f"… dan {len(many) - len(kept)} indikator lainnya"
    long = lines_within(["x" * 40_000, "IK02 b"], rest)  # one line longer than a cell: its start, cut
    assert len(long) <= MAX_TEXT and long.startswith("x" * 1000) and long.endswith("…\n… dan 1 indikator lainnya")
