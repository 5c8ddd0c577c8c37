"""The optional Anggaran (budget tree) and Renstra sheets of katalog.xlsx: loading, findings, writing.

As in test_catalog_loader, each case writes the sample catalog with our writer,
edits it with openpyxl as a person would, saves it and loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_catalog_loader import assert_finding, col_of, only, put, row_of, setting

from kinerja_xl.catalog.budget_loader import rekening_key, rupiah_text
from kinerja_xl.catalog.headers import (
    ANGGARAN_COLUMNS,
    RENSTRA_COLUMNS,
    VALIDATION_ROWS,
)
from kinerja_xl.catalog.loader import CatalogLoad, load_catalog
from kinerja_xl.catalog.model import Agregasi, Catalog, Tingkat
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.findings import Severity

SAMPLE = build_sample_catalog()


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("katalog") / "katalog.xlsx", SAMPLE)


def edited(tmp_path: Path, sample_path: Path, edit: Callable[[Workbook], object]) -> CatalogLoad:
    wb = openpyxl.load_workbook(sample_path)
    edit(wb)
    dst = tmp_path / "katalog.xlsx"
    wb.save(dst)
    return load_catalog(dst)


def append(wb: Workbook, sheet: str, **values: object) -> int:
    """Add a row below the data, values by header; return its row number."""
    ws = wb[sheet]
    r = max(c.row for c in ws["A"] if c.value is not None) + 1
    for header, value in values.items():
        ws.cell(r, col_of(ws, header)).value = value
    return r


def new_kegiatan(wb: Workbook, kode: str) -> int:
    return append(wb, "Anggaran", **{"Kode Rekening": kode, "Program / Kegiatan / Sub Kegiatan": "Kegiatan baru",
                                     "Indikator Kinerja": "Jumlah laporan", "Satuan": "laporan",
                                     "Agregasi": "kumulatif", "Pagu (Rp)": 1000})


# --- the sample's sheets load --------------------------------------------------------------------


def test_sample_budget_and_renstra_load_sorted_with_their_cells(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: None)
    assert r.findings == [] and r.catalog == SAMPLE
    cat = r.catalog
    codes = [a.kode for a in cat.anggaran]
    assert codes == sorted(codes, key=rekening_key)
    assert cat.sources[("Anggaran", "2.12.01")] == "A2"
    assert cat.sources[("Renstra", "IK01")] == "A2"
    assert [a.kode for a in cat.sub_kegiatan_of("CAPIL")] == ["2.12.03.2.01.0002", "2.12.03.2.02.0001"]


def test_absent_or_empty_optional_sheets_are_no_finding(tmp_path: Path, sample_path: Path) -> None:
    def drop(wb: Workbook) -> None:
        del wb["Anggaran"]
        del wb["Renstra"]

    r = edited(tmp_path, sample_path, drop)
    assert r.findings == [] and r.catalog is not None
    assert (r.catalog.anggaran, r.catalog.renstra) == ((), ())

    def empty(wb: Workbook) -> None:
        wb["Anggaran"].delete_rows(2, 100)
        wb["Renstra"].delete_rows(2, 100)

    r = edited(tmp_path, sample_path, empty)
    assert r.findings == [] and r.catalog is not None
    assert (r.catalog.anggaran, r.catalog.renstra) == ((), ())


def test_an_optional_sheet_under_another_name_is_a_warning(tmp_path: Path, sample_path: Path) -> None:
    def rename(wb: Workbook) -> None:
        wb["Anggaran"].title = "Anggaran 2025"
        wb["Renstra"].title = "Rentsra"

    r = edited(tmp_path, sample_path, rename)
    found = [(f.sheet, f.severity) for f in r.findings if f.code == "katalog-lembar-tidak-dibaca"]
    assert found == [("Anggaran 2025", Severity.WARNING), ("Rentsra", Severity.WARNING)]
    assert "ganti namanya menjadi 'Anggaran'" in r.findings[0].message
    assert r.catalog is not None and (r.catalog.anggaran, r.catalog.renstra) == ((), ())
    assert len(r.findings) == 2


def test_rows_in_any_order_and_other_header_spellings(tmp_path: Path, sample_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        for sheet in ("Anggaran", "Renstra"):
            ws = wb[sheet]
            rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
            for r, values in enumerate(reversed(rows), start=2):
                for c, v in enumerate(values, start=1):
                    ws.cell(r, c).value = v
        ws = wb["Anggaran"]
        for old, new in (("Kode Rekening", "kode"), ("Pagu (Rp)", "PAGU ANGGARAN"), ("Target (K)", "Target"),
                         ("Program / Kegiatan / Sub Kegiatan", "Program/Kegiatan/Sub Kegiatan")):
            ws.cell(1, col_of(ws, old)).value = new
        ws = wb["Renstra"]
        ws.cell(1, col_of(ws, "Target Tahun 3")).value = "Target Tahun ke-3"
        ws.cell(1, col_of(ws, "Baseline")).value = "Kondisi Awal"

    r = edited(tmp_path, sample_path, edit)
    assert r.findings == [] and r.catalog is not None
    assert r.catalog.anggaran == SAMPLE.anggaran
    assert sorted(r.catalog.renstra, key=lambda x: x.indikator) == list(SAMPLE.renstra)


# --- Anggaran findings -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2.12.2", "2.12.02.2.1", "2.12.02.2.01.01", "DAF01", "2.12.02.2.01.0001.1"])
def test_kode_rekening_of_no_known_shape(tmp_path: Path, sample_path: Path, bad: str) -> None:
    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Anggaran", "2.12.02.2.01.0004", "Kode Rekening", bad))
    row = row_of(openpyxl.load_workbook(sample_path)["Anggaran"], "2.12.02.2.01.0004")
    assert_finding(r, "katalog-anggaran-kode-tidak-sah", "Anggaran", f"A{row}", f"'{bad}'", "2.12.02",
                   "2.12.02.2.01", "2.12.02.2.01.0001")


def test_sub_kegiatan_without_its_kegiatan(tmp_path: Path, sample_path: Path) -> None:
    cell = ""

    def edit(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Anggaran", "2.12.02.2.02.0002", "Kode Rekening", "2.12.02.2.03.0002")

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-anggaran-induk-tidak-ada", "Anggaran", cell,
                   "Sub kegiatan 2.12.02.2.03.0002 tidak punya kegiatan 2.12.02.2.03 di lembar Anggaran")
    assert len(r.errors) == 1


def test_kegiatan_without_its_program(tmp_path: Path, sample_path: Path) -> None:
    row = 0

    def edit(wb: Workbook) -> None:
        nonlocal row
        row = new_kegiatan(wb, "2.12.05.2.01")

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-anggaran-induk-tidak-ada", "Anggaran", f"A{row}",
                   "Kegiatan 2.12.05.2.01 tidak punya program 2.12.05", "Tambahkan baris program 2.12.05")


def test_sub_kegiatan_needs_a_known_bidang_program_may_have_none(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        cells["blank"] = put(wb, "Anggaran", "2.12.03.2.01.0002", "Bidang", None)
        cells["unknown"] = put(wb, "Anggaran", "2.12.03.2.02.0001", "Bidang", "CAPL")
        put(wb, "Anggaran", "2.12.03", "Bidang", None)

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-isian-kosong", "Anggaran", cells["blank"], "'Bidang'")
    assert "Wajib untuk sub kegiatan" in only(r, "katalog-isian-kosong").message
    assert_finding(r, "katalog-bidang-tidak-ada", "Anggaran", cells["unknown"], "'CAPL'", "'CAPIL'")
    assert len(r.errors) == 2

    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Anggaran", "2.12.03", "Bidang", None))
    assert r.findings == [] and r.catalog is not None
    assert r.catalog.anggaran_by_kode["2.12.03"].bidang == ""


def test_sub_kegiatan_of_a_bidang_without_a_form_is_a_warning(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        append(wb, "Bidang", **{"Kode": "UPT", "Nama Bidang": "UPT Pelayanan Keliling"})
        cells["first"] = put(wb, "Anggaran", "2.12.02.2.01.0001", "Bidang", "UPT")
        put(wb, "Anggaran", "2.12.02.2.01.0004", "Bidang", "UPT")  # warned once per bidang

    r = edited(tmp_path, sample_path, edit)
    f = assert_finding(r, "katalog-anggaran-bidang-tanpa-formulir", "Anggaran", cells["first"], "Bidang UPT",
                       "sub kegiatan 2.12.02.2.01.0001", "tidak mendapat formulir")
    assert f.severity is Severity.WARNING and len(r.findings) == 1
    assert r.catalog is not None and len(r.catalog.sub_kegiatan_of("UPT")) == 2


def test_unknown_sasaran_duplicate_kode_and_blank_indikator(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        cells["sasaran"] = put(wb, "Anggaran", "2.12.02", "Sasaran", "SS9")
        cells["indikator"] = put(wb, "Anggaran", "2.12.03.2.02", "Indikator Kinerja", None)  # not linked
        row = new_kegiatan(wb, "2.12.03.2.01")
        cells["ganda"] = f"A{row}"

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-sasaran-tidak-ada", "Anggaran", cells["sasaran"], "'SS9'")
    assert_finding(r, "katalog-isian-kosong", "Anggaran", cells["indikator"], "'Indikator Kinerja'")
    first = openpyxl.load_workbook(sample_path)["Anggaran"]
    assert_finding(r, "katalog-kode-ganda", "Anggaran", cells["ganda"], "'2.12.03.2.01'",
                   f"A{row_of(first, '2.12.03.2.01')}")


def test_pagu_negative_or_not_a_number(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        cells["neg"] = put(wb, "Anggaran", "2.12.02.2.01.0001", "Pagu (Rp)", -250_000_000)
        cells["text"] = put(wb, "Anggaran", "2.12.02.2.01.0004", "Pagu (Rp)", "satu miliar")
        cells["rp"] = put(wb, "Anggaran", "2.12.03.2.01.0002", "Target Renstra (Rp)", "-1.500")

    r = edited(tmp_path, sample_path, edit)
    neg = [f for f in r.findings if f.code == "katalog-anggaran-rupiah-negatif"]
    assert [(f.cell, f.sheet) for f in neg] == [(cells["neg"], "Anggaran"), (cells["rp"], "Anggaran")]
    assert "(-250.000.000)" in neg[0].message and "'Pagu (Rp)'" in neg[0].message
    assert "'Target Renstra (Rp)'" in neg[1].message
    assert_finding(r, "katalog-angka-tidak-sah", "Anggaran", cells["text"], "'satu miliar'", "'Pagu (Rp)'")
    assert r.catalog is None


def test_pagu_typed_as_indonesian_text_is_read(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Anggaran", "2.12.02.2.01.0001", "Pagu (Rp)",
                                                     "250.000.000"))
    assert r.findings == [] and r.catalog == SAMPLE


def test_blank_parent_pagu_is_the_sum_below_a_different_one_is_a_warning(tmp_path: Path,
                                                                         sample_path: Path) -> None:
    def blank(wb: Workbook) -> None:
        for kode in ("2.12.01", "2.12.01.2.01", "2.12.01.2.02", "2.12.04.2.03"):
            put(wb, "Anggaran", kode, "Pagu (Rp)", None)

    r = edited(tmp_path, sample_path, blank)
    assert r.findings == [] and r.catalog == SAMPLE
    assert r.catalog.anggaran_by_kode["2.12.01"].pagu == 185e6 + 120e6 + 5460e6

    cell = ""

    def differ(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Anggaran", "2.12.02.2.01", "Pagu (Rp)", 1_700_000_000)

    r = edited(tmp_path, sample_path, differ)
    found = {f.cell: f for f in r.findings if f.code == "katalog-anggaran-pagu-tidak-sesuai"}
    f = found.pop(cell)
    assert f.sheet == "Anggaran" and f.severity is Severity.WARNING
    assert "Pagu kegiatan 2.12.02.2.01 (1.700.000.000)" in f.message
    assert "pagu sub kegiatan di bawahnya (1.600.000.000)" in f.message
    # the program adds up its kegiatan as written: 1.7 + 0.78 billion is not its 2.38 billion
    [prog] = found.values()
    assert "Pagu program 2.12.02 (2.380.000.000)" in prog.message and "(2.480.000.000)" in prog.message
    assert len(r.findings) == 2
    assert r.catalog is not None and r.catalog.anggaran_by_kode["2.12.02.2.01"].pagu == 1.7e9


def test_unknown_agregasi(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Anggaran", "2.12.02", "Agregasi", "dijumlah"))
    f = only(r, "katalog-pilihan-tidak-sah")
    assert f.sheet == "Anggaran" and "kumulatif, nilai akhir, rata-rata" in f.message


# --- Renstra findings ------------------------------------------------------------------------------------


def test_renstra_unknown_or_duplicate_indicator(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        cells["unknown"] = put(wb, "Renstra", "IK02", "Kode Indikator", "IK002")
        r = append(wb, "Renstra", **{"Kode Indikator": "IK01", "Tahun Awal": 2023})
        cells["ganda"] = f"A{r}"

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-renstra-indikator-tidak-ada", "Renstra", cells["unknown"], "'IK002'",
                   "Mungkin maksudnya 'IK02'?")
    assert_finding(r, "katalog-kode-ganda", "Renstra", cells["ganda"], "'IK01'", "A2")


@pytest.mark.parametrize(("awal", "code"), [(2019, "katalog-renstra-periode-tidak-sesuai"),
                                            (2026, "katalog-renstra-periode-tidak-sesuai"),
                                            ("dua ribu", "katalog-tahun-tidak-sah"),
                                            (None, "katalog-isian-kosong")])
def test_renstra_period_must_hold_the_catalog_year(tmp_path: Path, sample_path: Path, awal: object,
                                                   code: str) -> None:
    cell = ""

    def edit(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Renstra", "IK04", "Tahun Awal", awal)

    r = edited(tmp_path, sample_path, edit)
    f = assert_finding(r, code, "Renstra", cell)
    if isinstance(awal, int):
        assert f"Periode Renstra {awal}-{awal + 4}" in f.message and "tahun katalog 2025" in f.message


def test_renstra_period_follows_the_instansi_year(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: setting(wb, "Tahun", 2028))
    found = [f for f in r.errors if f.code == "katalog-renstra-periode-tidak-sesuai"]
    assert len(found) == len(SAMPLE.renstra)


def test_realisasi_only_up_to_the_catalog_year(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Renstra", "IK09", "Realisasi Tahun 3", 4100))
    assert r.findings == [] and r.catalog is not None
    assert r.catalog.renstra_by_indikator["IK09"].realisasi[2] == 4100

    cell = ""

    def edit(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Renstra", "IK09", "Realisasi Tahun 4", 16600)

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-renstra-realisasi-belum-waktunya", "Renstra", cell,
                   "Realisasi tahun ke-4 (2026) sudah diisi, padahal tahun katalog 2025")


def test_renstra_numbers(tmp_path: Path, sample_path: Path) -> None:
    cell = ""

    def edit(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Renstra", "IK01", "Target Tahun 5", "sembilan puluh")

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-angka-tidak-sah", "Renstra", cell, "'Target Tahun 5'")


def test_renstra_target_of_the_year_against_the_annual_target(tmp_path: Path, sample_path: Path) -> None:
    cell = ""

    def edit(wb: Workbook) -> None:
        nonlocal cell
        cell = put(wb, "Renstra", "IK04", "Target Tahun 3", 44.5)
        put(wb, "Renstra", "IK08", "Target Tahun 3", 75)  # inside the annual range 70-80: fine

    r = edited(tmp_path, sample_path, edit)
    f = assert_finding(r, "katalog-renstra-target-beda", "Renstra", cell, "IK04", "tahun 2025", "(44,5)", "(45)")
    assert f.severity is Severity.WARNING and len(r.findings) == 1
    assert r.catalog is not None and r.catalog.renstra_by_indikator["IK08"].target[2] == 75


def year_headers(wb: Workbook, drop_tahun_awal: bool) -> None:
    """Rename the numbered Renstra headers to the years of the sample's plan (2023-2027)."""
    ws = wb["Renstra"]
    for kind in ("Target", "Realisasi"):
        for k in range(1, 6):
            ws.cell(1, col_of(ws, f"{kind} Tahun {k}")).value = f"{kind} {2022 + k}"
    if drop_tahun_awal:
        ws.delete_cols(col_of(ws, "Tahun Awal"))


@pytest.mark.parametrize("drop_tahun_awal", [False, True])
def test_renstra_headers_may_name_the_years(tmp_path: Path, sample_path: Path, drop_tahun_awal: bool) -> None:
    r = edited(tmp_path, sample_path, lambda wb: year_headers(wb, drop_tahun_awal))
    assert r.findings == [] and r.catalog == SAMPLE


def test_renstra_tahun_awal_must_match_the_year_headers(tmp_path: Path, sample_path: Path) -> None:
    cells = {}

    def edit(wb: Workbook) -> None:
        year_headers(wb, False)
        cells["beda"] = put(wb, "Renstra", "IK03", "Tahun Awal", 2024)
        put(wb, "Renstra", "IK04", "Tahun Awal", None)  # blank: the first year of the headers

    r = edited(tmp_path, sample_path, edit)
    assert_finding(r, "katalog-renstra-tahun-awal-beda", "Renstra", cells["beda"], "Tahun Awal 2024",
                   "(2023)", "Target 2023")
    assert len(r.findings) == 1


# --- the written sheets ------------------------------------------------------------------------------


def header_col(ws: Worksheet, header: str) -> str:
    return openpyxl.utils.get_column_letter(col_of(ws, header))


def validation_for(ws: Worksheet, cell: str) -> openpyxl.worksheet.datavalidation.DataValidation:
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (ws.title, cell, found)
    return found[0]


def test_anggaran_sheet_as_written(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb["Anggaran"]
    assert [c.value for c in ws[1]] == [c.header for c in ANGGARAN_COLUMNS]
    assert ws.freeze_panes == "C2" and all(c.font.b for c in ws[1]) and all(c.comment for c in ws[1])
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    for col in ANGGARAN_COLUMNS:
        assert ws.column_dimensions[header_col(ws, col.header)].width >= col.width
    r = row_of(ws, "2.12.02.2.01.0001")
    pagu = ws[f"{header_col(ws, 'Pagu (Rp)')}{r}"]
    assert pagu.value == 250_000_000 and pagu.number_format == "#,##0"
    assert ws[f"A{r}"].data_type == "s" and ws[f"A{r}"].number_format == "@"
    for header in ("Target Renstra (Rp)", "Realisasi Renstra s.d. Tahun Lalu (Rp)"):
        assert ws[f"{header_col(ws, header)}{r}"].number_format == "#,##0"
    last = len(SAMPLE.anggaran) + VALIDATION_ROWS + 1
    bidang = validation_for(ws, f"{header_col(ws, 'Bidang')}2")
    assert bidang.type == "list" and bidang.formula1.startswith("Bidang!$A$2")
    assert f"{header_col(ws, 'Bidang')}{last}" in bidang.sqref
    sasaran = validation_for(ws, f"{header_col(ws, 'Sasaran')}2")
    assert sasaran.type == "list" and sasaran.formula1.startswith("Sasaran!$A$2")
    agregasi = validation_for(ws, f"{header_col(ws, 'Agregasi')}2")
    assert agregasi.type == "list" and agregasi.formula1.startswith("Daftar!")
    rp = validation_for(ws, f"{header_col(ws, 'Pagu (Rp)')}5")
    assert (rp.type, rp.operator, rp.formula1) == ("decimal", "greaterThanOrEqual", "0")
    kode = validation_for(ws, "A3")
    assert kode.type == "custom" and "COUNTIF" in kode.formula1 and "2.12.02.2.01.0001" in kode.prompt


def test_renstra_sheet_as_written(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb["Renstra"]
    assert [c.value for c in ws[1]] == [c.header for c in RENSTRA_COLUMNS]
    assert [ws.cell(r, 1).value for r in range(2, 2 + len(SAMPLE.renstra))] == [x.indikator for x in SAMPLE.renstra]
    nama = ws[f"{header_col(ws, 'Nama Indikator')}2"]
    assert nama.value.startswith("=IFERROR(INDEX(Indikator!$C$2:") and "MATCH($A2,Indikator!$A$2:" in nama.value
    cached = openpyxl.load_workbook(sample_path, data_only=True)["Renstra"]
    assert cached[nama.coordinate].value == SAMPLE.indikator_by_kode["IK01"].nama
    kode = validation_for(ws, "A2")
    assert kode.type == "list" and kode.formula1.startswith("Indikator!$A$2")
    tahun = validation_for(ws, f"{header_col(ws, 'Tahun Awal')}2")
    assert (tahun.type, tahun.formula1, tahun.formula2) == ("whole", "2000", "2100")
    assert ws[f"{header_col(ws, 'Tahun Awal')}2"].value == 2023
    assert ws[f"{header_col(ws, 'Realisasi Tahun 3')}2"].value is None


def test_empty_template_shows_the_optional_sheets_and_petunjuk_explains_them(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "katalog.xlsx", None)
    wb = openpyxl.load_workbook(path)
    for sheet, columns in (("Anggaran", ANGGARAN_COLUMNS), ("Renstra", RENSTRA_COLUMNS)):
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == [c.header for c in columns]
        assert ws.max_row == 1 or all(c.value is None for row in ws.iter_rows(min_row=2) for c in row)
    text = "\n".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    for words in ("Lembar Anggaran (boleh kosong)", "Lembar Renstra (boleh kosong)", "2.12.02.2.01.0001",
                  "Pagu program dan kegiatan boleh dikosongkan", "Target Tahun 3 adalah target 2025",
                  *(c.header for c in ANGGARAN_COLUMNS + RENSTRA_COLUMNS)):
        assert words in text, words
    assert not [f for f in load_catalog(path).findings if f.sheet in ("Anggaran", "Renstra")]


def test_rupiah_text() -> None:
    assert rupiah_text(1_250_000_000) == "1.250.000.000"
    assert rupiah_text(-1500.5) == "-1.500,50"


# --- the sample's budget tree and Renstra history -------------------------------------------------------


def test_sample_budget_tree(tmp_path: Path) -> None:
    cat: Catalog = SAMPLE
    by_level = {t: [a for a in cat.anggaran if a.tingkat is t] for t in Tingkat}
    assert len(by_level[Tingkat.PROGRAM]) >= 3 and len(by_level[Tingkat.KEGIATAN]) >= 5
    assert len(by_level[Tingkat.SUB_KEGIATAN]) >= 8
    owner = {"2.12.01": {"SEK"}, "2.12.02": {"DAFDUK"}, "2.12.03": {"CAPIL"}, "2.12.04": {"PIAK", "PDIP"}}
    for a in cat.anggaran:
        assert a.induk is None or a.induk in cat.anggaran_by_kode, a.kode
        assert a.pagu is not None and None not in (a.renstra_target_rp, a.renstra_realisasi_rp), a.kode
        if a.indikator_kode:  # measured by indicators of the Indikator sheet: no K figures of its own
            assert all(k in cat.indikator_by_kode for k in a.indikator_kode), a.kode
            assert (a.indikator, a.target_k, a.renstra_target_k) == ("", None, None), a.kode
        else:
            assert a.indikator and a.satuan and a.target_k is not None, a.kode
            assert None not in (a.renstra_target_k, a.renstra_realisasi_k), a.kode
        assert a.bidang in owner[a.kode[:7]], a.kode
        children = [c for c in cat.anggaran if c.induk == a.kode]
        if children:
            assert a.pagu == sum(c.pagu or 0 for c in children), a.kode
            assert a.renstra_target_rp == sum(c.renstra_target_rp or 0 for c in children), a.kode
    for a in by_level[Tingkat.SUB_KEGIATAN]:
        assert 5e7 <= (a.pagu or 0) <= 6e9, a.kode
        assert (a.renstra_realisasi_rp or 0) < (a.renstra_target_rp or 0), a.kode
    assert all(p.sasaran in cat.sasaran_by_kode for p in by_level[Tingkat.PROGRAM])
    assert all(cat.sub_kegiatan_of(b.kode) for b in cat.bidang)
    assert {a.agregasi for a in cat.anggaran} == set(Agregasi) - {Agregasi.DARI_ELEMEN}  # indicators only
    assert any(a.agregasi is Agregasi.NILAI_AKHIR and a.satuan == "%" for a in cat.anggaran)
    names = {a.kode: a.nama for a in cat.anggaran}
    assert names["2.12.02"] == "PROGRAM PENDAFTARAN PENDUDUK"
    assert names["2.12.03.2.01.0002"] == "Peningkatan dalam Pelayanan Pencatatan Sipil"


def test_sample_renstra_history() -> None:
    cat = SAMPLE
    assert [r.indikator for r in cat.renstra] == [i.kode for i in cat.indikator]
    for r in cat.renstra:
        assert r.tahun == (2023, 2024, 2025, 2026, 2027) and r.baseline is not None
        assert None not in r.target and r.realisasi[:2] != (None, None) and None not in r.realisasi[:2]
        assert r.realisasi[2:] == (None, None, None), r.indikator
        annual = cat.indikator_by_kode[r.indikator].target_tahunan
        assert annual is not None and r.target[2] == annual.low, r.indikator


def test_sample_budget_realisations_are_plausible() -> None:
    """What the sample bidang report per sub kegiatan: within pagu, K adding up to the target, fisik rising."""
    from kinerja_xl.contoh.budget import budget_faktor, budget_history, budget_values
    from kinerja_xl.forms import layout

    for b in SAMPLE.bidang:
        subs = SAMPLE.sub_kegiatan_of(b.kode)
        quarters = [budget_values(SAMPLE, b.kode, q) for q in range(1, 5)]
        assert all(set(v) == {a.kode for a in subs} for v in quarters)
        for a in subs:
            rows = [v[a.kode] for v in quarters]
            rp = [float(r[layout.BUDGET_RP]) for r in rows]  # type: ignore[arg-type]
            fisik = [float(r[layout.BUDGET_FISIK]) for r in rows]  # type: ignore[arg-type]
            k = [float(r[layout.BUDGET_K]) for r in rows]  # type: ignore[arg-type]
            assert min(rp) > 0 and sum(rp) <= (a.pagu or 0)
            assert fisik == sorted(fisik) and fisik[-1] <= 100
            for q in range(4):
                assert sum(rp[: q + 1]) / (a.pagu or 1) * 100 > fisik[q] - 25, (a.kode, q)
            if a.agregasi is Agregasi.KUMULATIF:
                assert sum(k) == a.target_k and min(k) >= 0, a.kode
            else:
                assert k[-1] == a.target_k, a.kode
        assert set(budget_faktor(SAMPLE, b.kode)) == {a.kode for a in subs}
    history = budget_history(SAMPLE, 3)
    assert sorted(history) == [1, 2]
    assert history[2]["2.12.01.2.02.0001"][layout.BUDGET_K] == 85


def test_katalog_command_counts_the_budget_tree_and_plans(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kinerja_xl.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "dinas"), "--contoh"]).exit_code == 0
    result = runner.invoke(cli, ["katalog", "-w", str(tmp_path / "dinas")])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(
        "35 elemen data, 4 program, 8 kegiatan, 12 sub kegiatan, Renstra 20 indikator.")


def test_budget_tree_reads_as_a_tree(sample_path: Path) -> None:
    ws = openpyxl.load_workbook(sample_path)["Anggaran"]
    nama = header_col(ws, "Program / Kegiatan / Sub Kegiatan")
    pagu = header_col(ws, "Pagu (Rp)")
    for kode, bold, indent in (("2.12.02", True, 0), ("2.12.02.2.01", False, 1), ("2.12.02.2.01.0001", False, 2)):
        r = row_of(ws, kode)
        assert ws[f"A{r}"].font.b is bold and ws[f"{pagu}{r}"].font.b is bold, kode
        assert ws[f"{nama}{r}"].alignment.indent == indent and ws[f"{nama}{r}"].alignment.wrap_text, kode
        assert ws[f"{pagu}{r}"].number_format == "#,##0"


def test_sample_budget_indicators_agree_with_their_renstra_plans() -> None:
    """A program or kegiatan measured by a catalog indicator carries that indicator's Renstra figures,
    aggregated by its agregasi: kumulatif sums the years, nilai akhir takes the last, rata-rata the mean."""
    by_name = {i.nama.casefold(): i for i in SAMPLE.indikator}
    linked = sum(len(a.indikator_kode) for a in SAMPLE.anggaran)
    assert all(k in SAMPLE.renstra_by_indikator for a in SAMPLE.anggaran for k in a.indikator_kode)
    for a in SAMPLE.anggaran:
        ind = by_name.get(a.indikator.casefold())
        if ind is None:
            continue
        linked += 1
        plan = SAMPLE.renstra_by_indikator[ind.kode]
        done = [x for x in plan.realisasi if x is not None]
        assert a.agregasi is ind.agregasi and a.target_k == ind.target_tahunan.low, a.kode  # type: ignore[union-attr]
        if a.agregasi is Agregasi.KUMULATIF:
            expected = (sum(t or 0 for t in plan.target), sum(done))
        elif a.agregasi is Agregasi.NILAI_AKHIR:
            expected = (plan.target_akhir, done[-1])
        else:
            expected = (plan.target_akhir, sum(done) / len(done))
        assert (a.renstra_target_k, a.renstra_realisasi_k) == pytest.approx(expected), a.kode
    assert linked >= 7
