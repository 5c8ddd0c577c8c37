"""Loading katalog.xlsx: every catalog finding, located by sheet and cell, on real edited workbooks.

Each case writes the sample catalog with our writer, edits it with openpyxl as
a person would (rename a sheet, mistype a header, type a bad value), saves it
and loads it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.catalog import sheets
from kinerja_xl.catalog.loader import CatalogLoad, load_catalog, read_catalog
from kinerja_xl.catalog.model import (
    Agregasi,
    BatasBawah,
    Polaritas,
    PredikatProgres,
    Target,
)
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.errors import CatalogError
from kinerja_xl.findings import CATALOGUE, Finding, Severity


@pytest.fixture(scope="module")
def sample_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("katalog") / "katalog.xlsx"
    write_catalog(path, build_sample_catalog())
    return path.read_bytes()


def edited(tmp_path: Path, sample_bytes: bytes, edit: Callable[[Workbook], object]) -> CatalogLoad:
    src = tmp_path / "asli.xlsx"
    src.write_bytes(sample_bytes)
    wb = openpyxl.load_workbook(src)
    edit(wb)
    dst = tmp_path / "katalog.xlsx"
    wb.save(dst)
    return load_catalog(dst)


def col_of(ws: Worksheet, header: str, header_row: int = 1) -> int:
    for cell in ws[header_row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no header {header!r} in {ws.title}")


def row_of(ws: Worksheet, code: str) -> int:
    for cell in ws["A"]:
        if cell.value == code:
            return cell.row
    raise AssertionError(f"no code {code!r} in {ws.title}")


def put(wb: Workbook, sheet: str, code: str, header: str, value: object) -> str:
    """Set the cell of record ``code`` in column ``header``; return its A1 name."""
    ws = wb[sheet]
    cell = ws.cell(row_of(ws, code), col_of(ws, header))
    cell.value = value
    return cell.coordinate


def setting(wb: Workbook, label: str, value: object) -> str:
    ws = wb["Instansi"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == label:
            row[1].value = value
            return row[1].coordinate
    raise AssertionError(label)


def only(result: CatalogLoad, code: str) -> Finding:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, [f.describe() for f in result.findings]
    return found[0]


def assert_finding(result: CatalogLoad, code: str, sheet: str | None, cell: str | None,
                   *in_message: str) -> Finding:
    f = only(result, code)
    assert (f.sheet, f.cell) == (sheet, cell), f.describe()
    assert f.file == "katalog.xlsx"
    for text in in_message:
        assert text in f.message, f.message
    if f.is_error:
        assert result.catalog is None
    return f


# --- the sample is clean ----------------------------------------------------------


def test_unedited_sample_loads_without_findings(tmp_path: Path, sample_bytes: bytes) -> None:
    result = edited(tmp_path, sample_bytes, lambda wb: None)
    assert result.findings == []
    assert result.catalog == build_sample_catalog()
    assert result.catalog.sources[("Indikator", "IK01")] == "A2"


# --- the file itself --------------------------------------------------------------


def test_not_an_xlsx_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_text("ini bukan buku kerja", encoding="utf-8")
    result = load_catalog(path)
    assert result.catalog is None
    f = assert_finding(result, "katalog-berkas-tidak-terbaca", None, None, "rusak")
    assert f.severity is Severity.ERROR


def test_truncated_xlsx_is_a_finding(tmp_path: Path, sample_bytes: bytes) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(sample_bytes[: len(sample_bytes) // 2])
    assert_finding(load_catalog(path), "katalog-berkas-tidak-terbaca", None, None)


def test_zip_without_workbook_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "x")
    assert_finding(load_catalog(path), "katalog-berkas-tidak-terbaca", None, None)


def test_workbook_unpacking_too_large_is_refused(tmp_path: Path, sample_bytes: bytes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(sample_bytes)
    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", 10_000)
    assert_finding(load_catalog(path), "katalog-berkas-tidak-terbaca", None, None, "bukan katalog")


def test_missing_file_and_folder_are_findings(tmp_path: Path) -> None:
    r = load_catalog(tmp_path / "tidak-ada.xlsx")
    assert r.findings[0].code == "katalog-berkas-tidak-terbaca" and "tidak ada" in r.findings[0].message
    r = load_catalog(tmp_path)
    assert r.findings[0].code == "katalog-berkas-tidak-terbaca" and "folder" in r.findings[0].message


def test_read_catalog_raises_with_findings(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert [f.code for f in info.value.findings] == ["katalog-berkas-tidak-terbaca"]
    assert "katalog.xlsx" in str(info.value)


# --- sheets and headers -------------------------------------------------------------


def test_missing_sheet_with_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Indikator"].title = "Indikatr"

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-lembar-tidak-ada", "Indikator", None, "'Indikatr'", "'Indikator'")


def test_missing_sheet_without_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: wb.remove(wb["Sasaran"]))
    f = assert_finding(r, "katalog-lembar-tidak-ada", "Sasaran", None)
    assert "mungkin" not in f.message.lower()


def test_misspelled_header_points_at_it(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Indikator"]["E1"] = "Polaritass"

    r = edited(tmp_path, sample_bytes, edit)
    f = assert_finding(r, "katalog-kolom-tidak-ada", "Indikator", "E1", "'Polaritas'", "'Polaritass'")
    assert "mungkin maksudnya" in f.message
    assert not [x for x in r.findings if x.code == "katalog-kolom-tidak-dikenal"]


def test_missing_header_without_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Elemen"]["B1"] = None

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-kolom-tidak-ada", "Elemen", "A1", "'Nama Elemen Data'")


def test_unknown_header_is_a_warning_with_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Indikator"]["O1"] = "Definisi Operasinal"  # optional column, misspelled

    r = edited(tmp_path, sample_bytes, edit)
    f = assert_finding(r, "katalog-kolom-tidak-dikenal", "Indikator", "O1", "'Definisi Operasional'")
    assert not f.is_error
    assert r.catalog is not None
    assert all(i.definisi == "" for i in r.catalog.indikator)


def test_duplicate_header(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Bidang"]["E1"] = "NAMA bidang"

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-kolom-ganda", "Bidang", "E1", "B1")


def test_headers_any_order_any_case_and_not_on_first_row(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["Elemen"]
        ws.move_range("A1:I40", rows=0, cols=2)  # columns C..K
        ws["C1"], ws["D1"] = ws["D1"].value, ws["C1"].value  # swap the first two headers...
        for r in range(2, 41):  # ...and their data
            ws.cell(r, 3).value, ws.cell(r, 4).value = ws.cell(r, 4).value, ws.cell(r, 3).value
        ws["F1"] = "  bidang   PENGISI "
        ws.insert_rows(1, 3)
        ws["A1"] = "Daftar elemen data Dinas Dukcapil"
        ws["A2"] = "Diisi oleh Kasubag Perencanaan"

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    assert r.catalog == build_sample_catalog()
    assert r.catalog.sources[("Elemen", "SEK01")] == "D5"


# --- the Instansi sheet ---------------------------------------------------------------


def test_instansi_labels_case_and_space_insensitive(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["Instansi"]
        ws["A2"] = "  PEMERINTAH   daerah"
        ws["B1"] = "Nilai"

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    assert r.catalog is not None
    assert r.catalog.instansi.pemerintah_daerah == "Pemerintah Kabupaten Contoh"


def test_missing_setting_with_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["Instansi"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "Tahun":
                row[0].value = "Tahunn"

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-pengaturan-tidak-ada", "Instansi", "A5", "'Tahun'", "'Tahunn'")


def test_missing_setting_row(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Instansi"].delete_rows(3)  # Nama OPD

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-pengaturan-tidak-ada", "Instansi", "A1", "'Nama OPD'")


def test_absent_optional_settings_take_defaults(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Instansi"].delete_rows(9, 10)  # skala .. penyusun

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    ins = r.catalog.instansi
    assert (ins.skala, ins.batas_pengisian_hari, ins.penyusun_jabatan) == (
        "Permendagri 86/2017", 10, "Kepala Sub Bagian Perencanaan")


def test_unknown_and_duplicate_setting(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["Instansi"]
        ws["A30"], ws["B30"] = "Warna Kop", "biru"
        ws["A31"], ws["B31"] = "alamat", "Jalan Lain"

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-pengaturan-tidak-dikenal", "Instansi", "A30", "'Warna Kop'")
    assert_finding(r, "katalog-pengaturan-ganda", "Instansi", "A31", "A4")


def test_blank_required_setting(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        setting(wb, "Nama OPD", "  ")
        setting(wb, "Skala Predikat", None)
        setting(wb, "Sandi Lembar", "rahasia")

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-isian-kosong", "Instansi", "B3", "'Nama OPD'")


@pytest.mark.parametrize("value", ["dua ribu", 1999, 2025.5, "20255"])
def test_invalid_tahun(tmp_path: Path, sample_bytes: bytes, value: object) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, "Tahun", value))
    assert_finding(r, "katalog-tahun-tidak-sah", "Instansi", "B5", "2000")


def test_tahun_as_text_is_accepted(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, "Tahun", " 2026 "))
    assert r.catalog is not None and r.catalog.instansi.tahun == 2026


def test_unknown_skala_lists_the_scales(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, "Skala Predikat", "Permendagri 86/2018"))
    assert_finding(r, "katalog-skala-tidak-dikenal", "Instansi", "B9", "LKjIP", "Lampu lalu lintas",
                   "Mungkin maksudnya 'Permendagri 86/2017'")


def test_skala_case_insensitive_and_batas_as_number(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        setting(wb, "Skala Predikat", "lkjip")
        setting(wb, "Batas Capaian (%)", 120)
        setting(wb, "Rumus Polaritas Negatif", "RASIO")

    r = edited(tmp_path, sample_bytes, edit)
    ins = r.catalog.instansi
    assert (ins.skala, ins.batas_capaian.limit, ins.rumus_negatif.value) == ("LKjIP", 120.0, "rasio")


@pytest.mark.parametrize(("typed", "paper"), [("folio", "F4"), ("a3", "A3"), ("", "F4"), (" A4 ", "A4")])
def test_paper_setting(tmp_path: Path, sample_bytes: bytes, typed: str, paper: str) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, "Ukuran Kertas", typed or None))
    assert r.catalog is not None and r.catalog.instansi.kertas == paper


def test_unknown_paper_lists_the_choices(tmp_path: Path, sample_bytes: bytes) -> None:
    cells: list[str] = []
    r = edited(tmp_path, sample_bytes, lambda wb: cells.append(setting(wb, "Ukuran Kertas", "Letter")))
    assert_finding(r, "katalog-pilihan-tidak-sah", "Instansi", cells[0], "'Letter'", "F4, A4, A3")


@pytest.mark.parametrize(("label", "value", "cell", "listed"), [
    ("Rumus Polaritas Negatif", "kuadrat", "B10", "linear, rasio"),
    ("Batas Capaian (%)", "150", "B11", "tanpa batas, 100, 120, 200"),
])
def test_unknown_instansi_choice(tmp_path: Path, sample_bytes: bytes, label: str, value: str, cell: str,
                                 listed: str) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, label, value))
    assert_finding(r, "katalog-pilihan-tidak-sah", "Instansi", cell, listed)


def test_bad_batas_pengisian(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: setting(wb, "Batas Pengisian (hari)", "sepuluh"))
    assert_finding(r, "katalog-angka-tidak-sah", "Instansi", "B12", "'sepuluh'", "bilangan bulat")


def test_nip_not_18_digits_is_a_warning(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        setting(wb, "NIP Kepala OPD", "19690514 199403 1 00")
        put(wb, "Bidang", "CAPIL", "NIP Kepala Bidang", "19800214 200501 2 003")  # spaces are fine

    r = edited(tmp_path, sample_bytes, edit)
    f = assert_finding(r, "katalog-nip-tidak-sah", "Instansi", "B7", "18 angka")
    assert not f.is_error
    assert r.catalog is not None
    assert r.catalog.bidang_by_kode["CAPIL"].kepala_nip == "19800214 200501 2 003"


# --- codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("sheet", "code", "first"), [
    ("Bidang", "SEK", "A2"), ("Sasaran", "SS1", "A2"), ("Indikator", "IK01", "A2"), ("Elemen", "SEK01", "A2"),
])
def test_duplicate_code(tmp_path: Path, sample_bytes: bytes, sheet: str, code: str, first: str) -> None:
    def edit(wb: Workbook) -> None:
        wb[sheet]["A4"] = code.lower() + " "  # upper-cased and stripped: still the same code

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-kode-ganda", sheet, "A4", first, f"'{code}'")


@pytest.mark.parametrize("bad", ["IK 01", "1K01", "IK-01"])
def test_invalid_code_format(tmp_path: Path, sample_bytes: bytes, bad: str) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK03", "Kode", bad))
    assert_finding(r, "katalog-kode-tidak-sah", "Indikator", "A4", f"'{bad}'", "IK01")


def test_codes_are_upper_cased(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Elemen", "PDI06", "Kode", " pdi06")
        put(wb, "Indikator", "IK17", "Rumus", "pdi06")
        put(wb, "Indikator", "IK17", "Bidang", "pdip")

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    ik17 = r.catalog.indikator_by_kode["IK17"]
    assert (ik17.bidang, ik17.rumus.elements) == ("PDIP", ("PDI06",))


def test_empty_required_field(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Elemen", "CAP03", "Nama Elemen Data", None))
    assert_finding(r, "katalog-isian-kosong", "Elemen", "B19", "'Nama Elemen Data'")


def test_empty_code_with_data(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Sasaran", "SS3", "Kode", None))
    assert_finding(r, "katalog-isian-kosong", "Sasaran", "A4", "'Kode'")


# --- references --------------------------------------------------------------------------


def test_indicator_bidang_missing_with_suggestion(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK07", "Bidang", "CAPILL"))
    assert_finding(r, "katalog-bidang-tidak-ada", "Indikator", "N8", "'CAPILL'", "'CAPIL'")


def test_element_bidang_missing(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Elemen", "PIA03", "Bidang Pengisi", "TU"))
    assert_finding(r, "katalog-bidang-tidak-ada", "Elemen", "D27", "'TU'")


def test_indicator_sasaran_missing(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK02", "Sasaran", "SS9"))
    assert_finding(r, "katalog-sasaran-tidak-ada", "Indikator", "B3", "'SS9'")


# --- rumus ----------------------------------------------------------------------------------


def test_unknown_element_in_rumus(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK03", "Rumus", "DAF05 / DAF40 * 100"))
    assert_finding(r, "katalog-rumus-elemen-tidak-ada", "Indikator", "G4", "'DAF40'")


def test_unknown_element_in_rumus_suggests_close_code(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK03", "Rumus", "DAF05 / DAFO4 * 100"))
    assert_finding(r, "katalog-rumus-elemen-tidak-ada", "Indikator", "G4", "'DAFO4'", "'DAF04'")


@pytest.mark.parametrize(("rumus", "where"), [
    ("DAF05 / (DAF04 * 100", "kurung"),
    ("DAF05 // DAF04", "posisi 8"),
    ("DAF05 ÷ DAF04", "posisi 7"),
    ("AVG(DAF05)", "AVG"),
])
def test_rumus_that_does_not_parse(tmp_path: Path, sample_bytes: bytes, rumus: str, where: str) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK03", "Rumus", rumus))
    assert_finding(r, "katalog-rumus-tidak-terbaca", "Indikator", "G4", where, "lembar Petunjuk")


def test_rumus_over_another_bidang_is_a_warning(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK18", "Rumus", "SEK02 / DAF01"))
    f = assert_finding(r, "katalog-rumus-beda-bidang", "Indikator", "G19", "DAF01", "DAFDUK", "SEK")
    assert not f.is_error and r.catalog is not None


def test_unused_element_is_a_warning(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK17", "Rumus", "100"))
    f = assert_finding(r, "katalog-elemen-tidak-dipakai", "Elemen", "A35", "PDI06")
    assert not f.is_error and r.catalog is not None


def test_rumus_with_leading_equals_sign_is_read(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        # typed into the text-formatted Rumus column, "=..." stays text
        ws = wb["Indikator"]
        ws[put(wb, "Indikator", "IK01", "Rumus", "=DAF03/DAF01*100")].data_type = "s"

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    assert r.catalog.indikator[0].rumus.source == "DAF03/DAF01*100"


# --- choices, numbers, targets ----------------------------------------------------------------


@pytest.mark.parametrize(("sheet", "code", "header", "value", "listed"), [
    ("Indikator", "IK01", "Polaritas", "naik", "positif, negatif, rentang"),
    ("Indikator", "IK01", "Agregasi", "jumlah", "kumulatif, nilai akhir, rata-rata"),
    ("Indikator", "IK01", "IKU", "mungkin", "ya, tidak"),
    ("Elemen", "SEK01", "Tipe", "pecahan", "bilangan bulat, desimal, persen"),
    ("Elemen", "SEK01", "Wajib", "kadang", "ya, tidak"),
    ("Elemen", "SEK01", "Agregasi", "rata rata rata", "kumulatif, nilai akhir, rata-rata"),
])
def test_unknown_choice_lists_allowed(tmp_path: Path, sample_bytes: bytes, sheet: str, code: str, header: str,
                                      value: str, listed: str) -> None:
    cell: list[str] = []
    r = edited(tmp_path, sample_bytes, lambda wb: cell.append(put(wb, sheet, code, header, value)))
    assert_finding(r, "katalog-pilihan-tidak-sah", sheet, cell[0], f"'{value}'", listed)


def test_choices_are_lenient_about_case_space_and_aliases(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Indikator", "IK08", "Polaritas", "Stabil")
        put(wb, "Indikator", "IK01", "Agregasi", "Nilai-Akhir")
        put(wb, "Indikator", "IK01", "IKU", True)
        put(wb, "Elemen", "DAF09", "Tipe", "DESIMAL")
        put(wb, "Elemen", "SEK03", "Wajib", None)  # blank wajib means ya

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    assert r.catalog.indikator_by_kode["IK08"].polaritas is Polaritas.RENTANG
    assert r.catalog.elemen_by_kode["SEK03"].wajib is True


@pytest.mark.parametrize(("typed", "expected"), [
    ("80-90", Target(80, 90)), ("80–90", Target(80, 90)), ("80 s.d. 90", Target(80, 90)),
    ("80 s/d 90", Target(80, 90)), ("97,5", Target.single(97.5)), (" 97.5 ", Target.single(97.5)),
    ("16.000", Target.single(16000)), (98, Target.single(98)), ("2,5-3,5", Target(2.5, 3.5)),
])
def test_target_forms(tmp_path: Path, sample_bytes: bytes, typed: object, expected: Target) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK02", "Target Tahunan", typed))
    assert r.errors == []
    assert r.catalog.indikator_by_kode["IK02"].target_tahunan == expected


def test_percentage_marked_kumulatif_suggests_dari_elemen(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK16", "Agregasi", "kumulatif"))
    f = assert_finding(r, "katalog-persen-kumulatif", "Indikator", "F17", "IK16", "melebihi 100%")
    assert "dari elemen" in f.message and not f.is_error
    assert r.catalog.indikator_by_kode["IK16"].agregasi is Agregasi.KUMULATIF


def test_dari_elemen_is_for_indicators_only(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Elemen", "PDI05", "Agregasi", "dari elemen"))
    assert_finding(r, "katalog-pilihan-tidak-sah", "Elemen", "I34", "dari elemen")


def test_catalog_of_an_older_version_loads_with_the_new_defaults(tmp_path: Path, sample_bytes: bytes) -> None:
    """A catalog written before issue 10 has no floor and progress settings: the defaults apply."""
    def edit(wb: Workbook) -> None:
        ws = wb["Instansi"]
        for row in reversed(list(ws.iter_rows(min_row=2))):
            if row[0].value in ("Batas Bawah Capaian (%)", "Predikat Progres thd Target Tahunan"):
                ws.delete_rows(row[0].row)

    r = edited(tmp_path, sample_bytes, edit)
    assert r.findings == []
    ins = r.catalog.instansi
    assert ins.batas_bawah_capaian is BatasBawah.NOL and ins.batas_bawah_capaian.limit == 0
    assert ins.predikat_progres is PredikatProgres.TANPA


def test_blank_targets_are_allowed(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Indikator", "IK02", "Target Tahunan", None)
        put(wb, "Indikator", "IK02", "Target TW I", None)

    r = edited(tmp_path, sample_bytes, edit)
    ik02 = r.catalog.indikator_by_kode["IK02"]
    assert ik02.target_tahunan is None and ik02.target_tw[0] is None and ik02.target_tw[1] is not None


@pytest.mark.parametrize("typed", ["tinggi", "90-80", "-", "80-90-100", "1,2,3"])
def test_target_not_a_number_or_range(tmp_path: Path, sample_bytes: bytes, typed: str) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK04", "Target TW III", typed))
    assert_finding(r, "katalog-target-tidak-sah", "Indikator", "K5", f"'{typed}'", "80-90")


def test_cumulative_quarter_targets_must_add_up(tmp_path: Path, sample_bytes: bytes) -> None:
    # IK13 (kumulatif, 8 per year): quarter targets typed as levels "s.d. triwulan"
    def edit(wb: Workbook) -> None:
        for header, value in zip(("Target TW I", "Target TW II", "Target TW III", "Target TW IV"), (2, 4, 6, 8),
                                 strict=True):
            put(wb, "Indikator", "IK13", header, value)

    r = edited(tmp_path, sample_bytes, edit)
    f = assert_finding(r, "katalog-target-tw-tidak-sesuai", "Indikator", "H14", "IK13", "kumulatif", "20",
                       "target per triwulan")
    assert not f.is_error and r.catalog is not None


def test_stock_indicator_tw4_must_equal_annual(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK01", "Target TW IV", 98))
    assert_finding(r, "katalog-target-tw-tidak-sesuai", "Indikator", "H2", "IK01", "nilai akhir", "98.5")


def test_min_greater_than_max(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Elemen", "PIA03", "Min", 100)
        put(wb, "Elemen", "PIA03", "Max", "90")

    r = edited(tmp_path, sample_bytes, edit)
    assert_finding(r, "katalog-min-lebih-besar", "Elemen", "F27", "PIA03", "100", "90")


def test_min_not_a_number(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Elemen", "PIA03", "Max", "seratus"))
    assert_finding(r, "katalog-angka-tidak-sah", "Elemen", "G27", "'seratus'", "'Max'")


def test_empty_sheet_is_a_warning(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        wb["Sasaran"].delete_rows(2, 10)
        ws = wb["Indikator"]
        ws.delete_rows(2, 30)
        wb["Renstra"].delete_rows(2, 30)  # its rows name the deleted indicators
        wb["Anggaran"].delete_rows(2, 50)  # an empty optional sheet is no finding

    r = edited(tmp_path, sample_bytes, edit)
    empty = [(f.sheet, f.cell, f.severity) for f in r.findings if f.code == "katalog-lembar-kosong"]
    assert empty == [("Sasaran", "A2", Severity.WARNING), ("Indikator", "A2", Severity.WARNING)]
    assert r.catalog is not None and r.catalog.indikator == () and r.catalog.anggaran == ()


def test_errors_are_all_reported_at_once(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Indikator", "IK01", "Polaritas", "naik")
        put(wb, "Indikator", "IK02", "Bidang", "XX")
        put(wb, "Elemen", "SEK01", "Tipe", "teks")
        setting(wb, "Tahun", "tahun ini")

    r = edited(tmp_path, sample_bytes, edit)
    codes = sorted(f.code for f in r.errors)
    assert codes == ["katalog-bidang-tidak-ada", "katalog-pilihan-tidak-sah", "katalog-pilihan-tidak-sah",
                     "katalog-tahun-tidak-sah"]
    assert r.catalog is None and not r.ok


def test_messages_say_where_what_and_how(tmp_path: Path, sample_bytes: bytes) -> None:
    r = edited(tmp_path, sample_bytes, lambda wb: put(wb, "Indikator", "IK01", "Polaritas", "naik"))
    assert r.findings[0].describe() == (
        "katalog.xlsx, lembar Indikator, sel E2: 'naik' bukan isian yang dikenal untuk 'Polaritas'. "
        "Pilih salah satu: positif, negatif, rentang.")


#: every katalog code is exercised by a test above (keep this list in step with codes.py)
TESTED_CODES = {
    "katalog-format-persen", "katalog-berkas-tidak-terbaca", "katalog-lembar-tidak-ada", "katalog-kolom-tidak-ada",
    "katalog-kolom-tidak-dikenal", "katalog-kolom-ganda", "katalog-pengaturan-tidak-ada",
    "katalog-pengaturan-tidak-dikenal", "katalog-pengaturan-ganda", "katalog-lembar-kosong",
    "katalog-isian-kosong", "katalog-kode-tidak-sah", "katalog-kode-ganda", "katalog-rumus-tidak-terbaca",
    "katalog-rumus-elemen-tidak-ada", "katalog-rumus-beda-bidang", "katalog-bidang-tidak-ada",
    "katalog-sasaran-tidak-ada", "katalog-pilihan-tidak-sah", "katalog-target-tidak-sah",
    "katalog-angka-tidak-sah", "katalog-min-lebih-besar", "katalog-skala-tidak-dikenal",
    "katalog-tahun-tidak-sah", "katalog-nip-tidak-sah", "katalog-elemen-tidak-dipakai",
    "katalog-target-tw-tidak-sesuai",
    "katalog-persen-kumulatif",
    # tests/test_catalog_budget.py
    "katalog-anggaran-kode-tidak-sah", "katalog-anggaran-induk-tidak-ada", "katalog-anggaran-rupiah-negatif",
    "katalog-anggaran-pagu-tidak-sesuai", "katalog-renstra-indikator-tidak-ada",
    "katalog-renstra-periode-tidak-sesuai", "katalog-renstra-realisasi-belum-waktunya",
    "katalog-renstra-target-beda", "katalog-renstra-tahun-awal-beda",
    "katalog-lembar-tidak-dibaca", "katalog-anggaran-bidang-tanpa-formulir",
    # tests/test_catalog_links.py
    "katalog-anggaran-indikator-tidak-ada", "katalog-tanggal-tidak-sah",
}


def test_every_katalog_code_is_tested() -> None:
    defined = {c for c, ft in CATALOGUE.items() if ft.topic == "katalog"}
    assert defined == TESTED_CODES


def test_planned_actions_per_quarter_are_optional_columns(tmp_path: Path, sample_bytes: bytes) -> None:
    def edit(wb: Workbook) -> None:
        put(wb, "Indikator", "IK02", "Rencana Aksi TW II", "Perekaman di kecamatan")

    r = edited(tmp_path, sample_bytes, edit)
    assert r.catalog is not None
    ind = next(i for i in r.catalog.indikator if i.kode == "IK02")
    assert ind.rencana_aksi == ("", "Perekaman di kecamatan", "", "")
