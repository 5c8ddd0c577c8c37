"""The per-bidang form: what a person sees and may touch (structure, protection, validation, print, metadata)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from factories import small_catalog
from formtools import CREATED, element_table, indicator_table, label_cell, load
from openpyxl.utils.cell import range_boundaries

import kinerja_xl
from kinerja_xl.catalog.model import Bidang
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.errors import UsageError
from kinerja_xl.forms import layout
from kinerja_xl.forms.cells import FILL_INPUT
from kinerja_xl.forms.writer import (
    FormFill,
    form_file_name,
    form_id,
    generate_forms,
    write_form,
)
from kinerja_xl.period import parse_period

TW1 = parse_period("2025-TW1")
TW3 = parse_period("2025-TW3")


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("forms")
    catalog = small_catalog()
    paths = generate_forms(catalog, TW1, out / "tw1", created=CREATED)
    history = {1: {"E01": 1000.0, "E02": 900.0, "E03": None}, 2: {"E01": 1010.0}}
    tw3 = generate_forms(catalog, TW3, out / "tw3", created=CREATED, history=history)
    sandi = write_form(small_catalog(sandi="rahasia"), "DAFDUK", TW1, out / "sandi.xlsx", created=CREATED)
    return {"dafduk": paths[1], "capil": paths[0], "piak": paths[2], "dafduk3": tw3[1], "sandi": sandi}


# --- files -------------------------------------------------------------------------------


def test_generate_forms_one_per_bidang_with_elements_sorted(forms: dict[str, Path]) -> None:
    names = sorted(p.name for p in (forms["dafduk"].parent).iterdir())
    assert names == [
        "CAPIL Pelayanan Pencatatan Sipil.xlsx",
        "DAFDUK Pelayanan Pendaftaran Penduduk.xlsx",
        "PIAK Pengelolaan Informasi Administrasi Kependudukan.xlsx",
    ]  # SEKRE has no elements: no form


def test_form_file_name_is_safe_for_windows() -> None:
    assert form_file_name(Bidang("B1", 'Umum / Kepegawaian: "Arsip"?*'), TW1) == "B1 Umum Kepegawaian Arsip.xlsx"
    assert form_file_name(Bidang("CON", ""), TW1) == "CON_.xlsx"
    assert form_file_name(Bidang("X", "nama. "), TW1) == "X nama.xlsx"
    long = form_file_name(Bidang("X", "a" * 300), TW1)
    assert len(long) <= 125 and long.endswith(".xlsx")


def test_form_id_is_deterministic_and_follows_the_catalog() -> None:
    a = form_id(small_catalog(), "DAFDUK", TW1)
    assert a == form_id(small_catalog(), "DAFDUK", TW1)
    assert a.startswith("KXL-2025-TW1-DAFDUK-")
    assert form_id(small_catalog(), "DAFDUK", TW3) != a
    assert form_id(small_catalog(tahun=2026), "DAFDUK", TW1) != a
    assert form_id(small_catalog(sandi="x"), "DAFDUK", TW1) == a  # the password is not form content


def test_refuses_periods_that_are_not_quarters_and_unknown_bidang(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="bukan triwulan"):
        write_form(small_catalog(), "DAFDUK", parse_period("2025-S1"), tmp_path / "x.xlsx", created=CREATED)
    with pytest.raises(UsageError, match="bukan triwulan"):
        generate_forms(small_catalog(), parse_period("2025"), tmp_path, created=CREATED)
    with pytest.raises(UsageError, match="'NOPE' tidak ada di katalog"):
        write_form(small_catalog(), "NOPE", TW1, tmp_path / "x.xlsx", created=CREATED)
    assert not list(tmp_path.iterdir())


def test_sheets_order_and_visibility(forms: dict[str, Path]) -> None:
    wb = load(forms["dafduk"])
    assert wb.sheetnames == [layout.SHEET_PETUNJUK, layout.SHEET_ISIAN, layout.SHEET_PENGESAHAN,
                             layout.SHEET_DAFTAR, layout.SHEET_META]
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states == {"Petunjuk": "visible", "Isian": "visible", "Pengesahan": "visible", "Daftar": "hidden",
                      "_meta": "veryHidden"}
    assert wb.active.title == layout.SHEET_PETUNJUK


# --- Isian ---------------------------------------------------------------------------


def test_isian_header_block_and_tables(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_ISIAN]
    texts = [c.value for row in ws.iter_rows(max_row=7) for c in row if isinstance(c.value, str)]
    joined = "\n".join(texts)
    for part in ("Pemerintah Kabupaten Uji", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Uji",
                 "DAFDUK Pelayanan Pendaftaran Penduduk", "Triwulan I Tahun 2025", "10 April 2025"):
        assert part in joined
    el = element_table(ws)
    assert list(el.rows) == ["E01", "E02", "E03", "E04", "E05"]
    headers = [ws.cell(el.header_row, c).value for c in range(1, 7)]
    assert headers == ["No", "Kode", "Elemen Data", "Satuan", "Realisasi TW I", "Keterangan / Sumber Data"]
    assert ws[el.cell("E04", layout.H_ELEMEN)].value == "Indeks kepuasan masyarakat"
    assert ws[el.cell("E04", layout.H_SATUAN)].value == "poin"
    ind = indicator_table(ws)
    assert list(ind.rows) == ["IK01", "IK02", "IK03", "IK04"]
    assert [ws.cell(ind.header_row, c).value for c in range(1, 12)] == [
        "No", "Kode", "Indikator Kinerja", "Satuan", "Polaritas", "Target TW I", "Target Tahunan",
        "Realisasi TW I", "Capaian TW I (%)", "Predikat", "Kendala / Rencana Tindak Lanjut"]
    assert ws[ind.cell("IK01", layout.h_target(1))].value == 95
    assert ws[ind.cell("IK02", layout.H_TARGET_TAHUNAN)].value == 4000
    assert ws[ind.cell("IK03", layout.h_target(1))].value == "80–90"
    assert ws[ind.cell("IK04", layout.h_target(1))].value is None  # no TW I target
    assert ws[ind.cell("IK03", layout.H_POLARITAS)].value == "Rentang"
    assert ws.freeze_panes == f"A{el.header_row + 1}"


def test_context_columns_hold_earlier_quarters_read_only(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk3"])[layout.SHEET_ISIAN]
    el = element_table(ws)
    assert [ws.cell(el.header_row, c).value for c in range(5, 9)] == [
        "TW I", "TW II", "Realisasi TW III", "Keterangan / Sumber Data"]
    assert ws[el.cell("E01", "TW I")].value == 1000
    assert ws[el.cell("E01", "TW II")].value == 1010
    assert ws[el.cell("E02", "TW I")].value == 900
    assert ws[el.cell("E02", "TW II")].value is None
    assert ws[el.cell("E03", "TW I")].value is None
    assert ws[el.cell("E01", "TW I")].protection.locked
    assert indicator_table(ws).col(layout.h_capaian(3))
    tw1 = load(forms["dafduk"])[layout.SHEET_ISIAN]
    assert "tw i" not in element_table(tw1).cols  # no earlier quarter in TW I


def test_number_formats_and_widths(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_ISIAN]
    el = element_table(ws)
    real = layout.h_realisasi(1)
    assert ws[el.cell("E01", real)].number_format == "#,##0"
    assert ws[el.cell("E04", real)].number_format == "#,##0.00"
    assert ws[el.cell("E05", real)].number_format == "General"  # so that "42%" typed there keeps its percent format
    ind = indicator_table(ws)
    assert ws[ind.cell("IK01", layout.h_capaian(1))].number_format == "#,##0.00"
    assert ws.column_dimensions["C"].width > 40  # names
    assert ws[el.cell("E01", layout.H_ELEMEN)].alignment.wrap_text


# --- protection ------------------------------------------------------------------------


def _expected_inputs(wb: openpyxl.Workbook) -> set[tuple[str, str]]:
    ws = wb[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    cells = {(ws.title, el.cell(code, h)) for code in el.rows for h in (layout.h_realisasi(1), layout.H_KETERANGAN)}
    cells |= {(ws.title, ind.cell(code, layout.H_KENDALA)) for code in ind.rows}
    cells.add((layout.SHEET_PENGESAHAN, label_cell(wb[layout.SHEET_PENGESAHAN], layout.H_TANGGAL)))
    return cells


def test_unlocked_cells_are_exactly_the_input_cells(forms: dict[str, Path]) -> None:
    for key in ("dafduk", "piak"):
        wb = load(forms[key])
        unlocked = {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                    if c.has_style and not c.protection.locked}
        assert unlocked == _expected_inputs(wb)
        # what is unlocked looks like an input, and nothing locked does (Petunjuk shows the legend)
        for ws in (wb[layout.SHEET_ISIAN], wb[layout.SHEET_PENGESAHAN]):
            for row in ws.iter_rows():
                for c in row:
                    if c.has_style:
                        is_input = str(c.fill.fgColor.rgb).endswith(FILL_INPUT.lstrip("#"))
                        assert is_input == ((ws.title, c.coordinate) in unlocked), (ws.title, c.coordinate)
        # columns and rows carry no unlocked default style either
        for ws in wb.worksheets:
            for dim in list(ws.column_dimensions.values()) + list(ws.row_dimensions.values()):
                assert dim.protection is None or dim.protection.locked


def test_every_sheet_and_the_structure_are_protected(forms: dict[str, Path]) -> None:
    wb = load(forms["dafduk"])
    assert wb.security is not None and wb.security.lockStructure
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password  # no sandi in the catalog
    wb = load(forms["sandi"])
    for ws in wb.worksheets:
        assert ws.protection.sheet and ws.protection.password, ws.title


# --- validation ----------------------------------------------------------------------------


def _validation(ws, a1: str):  # type: ignore[no-untyped-def]
    found = [dv for dv in ws.data_validations.dataValidation if a1 in dv.sqref]
    assert len(found) == 1, a1
    return found[0]


def test_element_validations_follow_type_and_bounds(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_ISIAN]
    el = element_table(ws)
    real = layout.h_realisasi(1)
    e01 = _validation(ws, el.cell("E01", real))
    assert (e01.type, e01.operator, e01.formula1) == ("whole", "greaterThanOrEqual", "0")
    e04 = _validation(ws, el.cell("E04", real))  # desimal 0–100
    assert (e04.type, e04.operator or "between", e04.formula1, e04.formula2) == ("decimal", "between", "0", "100")
    e05 = _validation(ws, el.cell("E05", real))  # persen without bounds: 0–100
    assert (e05.type, e05.operator or "between", e05.formula1, e05.formula2) == ("decimal", "between", "0", "100")
    for dv in (e01, e04, e05):
        assert dv.allow_blank and dv.showErrorMessage and dv.showInputMessage
        assert dv.errorStyle in (None, "stop")
        assert len(dv.promptTitle) <= 32 and len(dv.errorTitle) <= 32
        assert len(dv.prompt) <= 255 and len(dv.error) <= 255
    assert e01.promptTitle == "Realisasi E01"
    assert "bilangan bulat paling kecil 0" in e01.prompt and "Kosongkan bila data belum tersedia" in e01.prompt
    assert e01.errorTitle == "Isian tidak sesuai"
    assert e01.error.startswith("E01 Jumlah penduduk wajib KTP-el: isi dengan bilangan bulat paling kecil 0")
    assert "dari 0 sampai 100" in e05.error and "tanpa tanda %" in e05.error
    assert "kendala" in _validation(ws, indicator_table(ws).cell("IK01", layout.H_KENDALA)).prompt.lower()


def test_long_names_are_clipped_to_excel_limits(tmp_path: Path) -> None:
    import dataclasses

    catalog = small_catalog()
    catalog = dataclasses.replace(catalog, elemen=tuple(
        dataclasses.replace(e, nama="Jumlah " + "sangat panjang " * 40) for e in catalog.elemen))
    path = write_form(catalog, "DAFDUK", TW1, tmp_path / "f.xlsx", created=CREATED)
    ws = load(path)[layout.SHEET_ISIAN]
    for dv in ws.data_validations.dataValidation:
        assert len(dv.prompt or "") <= 255 and len(dv.error or "") <= 255
        assert len(dv.promptTitle or "") <= 32 and len(dv.errorTitle or "") <= 32


def test_tanggal_is_a_date_input_with_validation(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_PENGESAHAN]
    a1 = label_cell(ws, layout.H_TANGGAL)
    dv = _validation(ws, a1)
    assert dv.type == "date"
    assert dv.errorTitle == "Tanggal tidak sesuai" and "1 Januari 2025" in dv.error
    assert not ws[a1].protection.locked
    assert ws[a1].number_format == "dd-mm-yyyy"


def test_conditional_formats_mark_empty_required_inputs_and_missing_kendala(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    blanks: set[str] = set()
    expressions = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            cells = {c for rng in cf.sqref.ranges for c in _cells(str(rng))}
            if rule.type == "containsBlanks":
                blanks |= cells
                assert rule.dxf.fill.fgColor.rgb.endswith("FFEB9C") or rule.dxf.fill.bgColor.rgb.endswith("FFEB9C")
            elif rule.type == "expression":
                expressions.append((cells, rule.formula[0]))
    real = layout.h_realisasi(1)
    assert blanks == {el.cell(c, real) for c in ("E01", "E02", "E03", "E05")}  # E04 is not wajib
    (cells, formula), = expressions
    assert cells == {ind.cell(c, layout.H_KENDALA) for c in ind.rows}
    cap, ken = ind.cell("IK01", layout.h_capaian(1)), ind.cell("IK01", layout.H_KENDALA)
    assert formula == f"AND(ISNUMBER(${cap}),${cap}<100,LEN(TRIM(${ken}))=0)"


def _cells(rng: str) -> list[str]:
    from openpyxl.utils import get_column_letter

    c1, r1, c2, r2 = range_boundaries(rng)
    return [f"{get_column_letter(c)}{r}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


# --- print -------------------------------------------------------------------------------


def test_print_settings(forms: dict[str, Path]) -> None:
    wb = load(forms["dafduk"])
    fid = form_id(small_catalog(), "DAFDUK", TW1)
    for name in (layout.SHEET_PETUNJUK, layout.SHEET_ISIAN, layout.SHEET_PENGESAHAN):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 14  # F4, the catalog's default paper
        # a fixed scale at which 10 pt text prints at 7 pt or more, never squeezed to fit a page
        assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
        assert 73 <= int(ws.page_setup.scale or 100) <= 100
        assert "Halaman &P dari &N" in ws.oddFooter.right.text
        assert fid in ws.oddFooter.left.text and "&A" in ws.oddFooter.left.text
    isian = wb[layout.SHEET_ISIAN]
    hr = element_table(isian).header_row
    assert isian.print_title_rows == f"${hr}:${hr}"


# --- Petunjuk and Pengesahan ----------------------------------------------------------------


def _texts(ws) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_petunjuk_says_who_what_when_how(forms: dict[str, Path]) -> None:
    text = _texts(load(forms["dafduk"])[layout.SHEET_PETUNJUK])
    assert "diisi oleh Bidang DAFDUK Pelayanan Pendaftaran Penduduk" in text
    assert "Ahmad Fauzi, S.Sos." in text
    assert 'isi kolom "Realisasi TW I"' in text
    assert "paling lambat 10 April 2025" in text
    assert ".xlsx" in text and "Jangan mengganti nama lembar" in text and "buku kerja baru" in text
    assert "Sub Bagian Perencanaan" in text
    tw3 = _texts(load(forms["dafduk3"])[layout.SHEET_PETUNJUK])
    assert "paling lambat 10 Oktober 2025" in tw3 and "Kolom TW I, TW II berisi realisasi" in tw3


def test_deadline_crosses_the_year_for_tw4(tmp_path: Path) -> None:
    path = write_form(small_catalog(batas_pengisian_hari=15), "CAPIL", parse_period("2025-TW4"),
                      tmp_path / "f.xlsx", created=CREATED)
    assert "paling lambat 15 Januari 2026" in _texts(load(path)[layout.SHEET_PETUNJUK])


def test_pengesahan_names_kepala_bidang_and_mengetahui(forms: dict[str, Path]) -> None:
    ws = load(forms["dafduk"])[layout.SHEET_PENGESAHAN]
    text = _texts(ws)
    for part in ("LEMBAR PENGESAHAN", "Kepala Bidang Pelayanan Pendaftaran Penduduk", "Ahmad Fauzi, S.Sos.",
                 "NIP. 19750315 200003 1 002", "Mengetahui,", "Dra. Siti Aminah, M.Si.", "NIP. 19700101 199503 2 001",
                 "Paraf"):
        assert part in text
    assert ws[label_cell(ws, layout.H_TANGGAL)].value is None


def test_prefilled_tanggal(tmp_path: Path) -> None:
    path = write_form(small_catalog(), "CAPIL", TW1, tmp_path / "f.xlsx", created=CREATED,
                      fill=FormFill(tanggal=dt.date(2025, 4, 7)))
    ws = load(path)[layout.SHEET_PENGESAHAN]
    assert ws[label_cell(ws, layout.H_TANGGAL)].value == dt.datetime(2025, 4, 7)


# --- metadata ----------------------------------------------------------------------------


def test_metadata_sheet_and_properties(forms: dict[str, Path]) -> None:
    catalog = small_catalog()
    wb = load(forms["dafduk"])
    expected = {
        layout.META_FORM_ID: form_id(catalog, "DAFDUK", TW1),
        layout.META_TEMPLATE_VERSION: kinerja_xl.TEMPLATE_VERSION,
        layout.META_FINGERPRINT: catalog.fingerprint("DAFDUK"),
        layout.META_BIDANG: "DAFDUK",
        layout.META_PERIOD: "2025-TW1",
        layout.META_CREATED: "2025-03-20T08:30:00",
        layout.META_TOOL_VERSION: kinerja_xl.__version__,
    }
    meta = wb[layout.SHEET_META]
    rows = [(r[0].value, r[1].value) for r in meta.iter_rows(max_col=2)]
    assert [k for k, _ in rows] == list(layout.META_KEYS)
    assert dict(rows) == expected
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {layout.PROPERTY_PREFIX + k: v for k, v in expected.items()}
    assert wb.properties.creator == catalog.instansi.nama_opd
    assert wb.properties.created == CREATED
    assert "DAFDUK" in wb.properties.title and "Triwulan I Tahun 2025" in wb.properties.title


# --- determinism -------------------------------------------------------------------------


def _content(path: Path) -> dict[str, list[tuple[str, object]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
            for ws in wb.worksheets}


def test_same_input_gives_the_same_workbook(tmp_path: Path) -> None:
    catalog = build_sample_catalog()
    a = generate_forms(catalog, TW3, tmp_path / "a", created=CREATED)
    b = generate_forms(build_sample_catalog(), TW3, tmp_path / "b", created=CREATED)
    assert [p.name for p in a] == [p.name for p in b] and len(a) == len(catalog.bidang)
    for pa, pb in zip(a, b, strict=True):
        assert _content(pa) == _content(pb)
        assert pa.read_bytes() == pb.read_bytes()
    c = write_form(catalog, a[0].name.split()[0], TW3, tmp_path / "c.xlsx",
                   created=CREATED + dt.timedelta(days=1))
    diff = {k for k in zipfile.ZipFile(a[0]).namelist()
            if zipfile.ZipFile(a[0]).read(k) != zipfile.ZipFile(c).read(k)}
    assert diff == {"docProps/core.xml", "docProps/custom.xml", "xl/sharedStrings.xml"}  # only the time


def test_jabatan_kepala() -> None:
    from kinerja_xl.forms.sheets import jabatan_kepala

    assert jabatan_kepala("Pelayanan Pencatatan Sipil") == "Kepala Bidang Pelayanan Pencatatan Sipil"
    assert jabatan_kepala("Bidang Pelayanan Pencatatan Sipil") == "Kepala Bidang Pelayanan Pencatatan Sipil"
    assert jabatan_kepala("Sekretariat") == "Sekretaris"
    assert jabatan_kepala("Sub Bagian Keuangan") == "Kepala Sub Bagian Keuangan"


def test_bidang_without_indicators_or_elements(tmp_path: Path) -> None:
    import dataclasses

    catalog = small_catalog()
    no_ind = dataclasses.replace(catalog, indikator=tuple(i for i in catalog.indikator if i.bidang != "CAPIL"))
    path = write_form(no_ind, "CAPIL", TW1, tmp_path / "a.xlsx", created=CREATED)
    ws = load(path)[layout.SHEET_ISIAN]
    assert list(element_table(ws).rows) == ["E06", "E07", "E08"]
    assert indicator_table(ws).rows == {}
    # write_form itself accepts a bidang without elements (generate_forms skips it)
    path = write_form(catalog, "SEKRE", TW1, tmp_path / "b.xlsx", created=CREATED)
    ws = load(path)[layout.SHEET_ISIAN]
    assert element_table(ws).rows == {} and indicator_table(ws).rows == {}
