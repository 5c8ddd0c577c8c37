"""The two private xlsxwriter hooks of ``kinerja_xl.xlsx``, and its atomic write: fail loudly if xlsxwriter changes."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.errors import OutputError
from kinerja_xl.xlsx import FormulaWorksheet, build_workbook


def test_xlsxwriter_still_has_the_hooks_we_override() -> None:
    assert callable(getattr(xlsxwriter.Workbook, "_write_book_views", None))
    assert callable(getattr(Worksheet, "_prepare_formula", None))
    assert callable(getattr(Worksheet, "_escape_attributes", None))
    fmt = Format({"bold": True}, {}, {})
    assert {"xf_format_indices", "dxf_format_indices", "xf_index", "dxf_index"} <= vars(fmt).keys()
    assert int(xlsxwriter.__version__.split(".")[0]) < 4


def _styled(wb: xlsxwriter.Workbook) -> None:
    """Cells, a conditional format and attribute values that need escaping, in two workbooks' worth of formats."""
    ws = wb.add_worksheet("Isian & <Catatan>")
    bold = wb.add_format({"bold": True, "border": 1, "bg_color": "#E2EFDA", "num_format": '#,##0 "m²"'})
    plain = wb.add_format({"border": 1, "text_wrap": True})
    again = wb.add_format({"bold": True, "border": 1, "bg_color": "#E2EFDA", "num_format": '#,##0 "m²"'})
    again.set_italic()  # a change to one copy is not a change to the format the next workbook gets
    red = wb.add_format({"bg_color": "#FFC7CE"})
    ws.write_string(0, 0, 'Kode "A" & <B>', bold)
    ws.write_number(1, 0, 12.5, plain)
    ws.write_number(2, 0, 3, again)
    ws.set_row(1, 22.5)
    ws.write_blank(3, 0, None, bold)
    ws.conditional_format(1, 0, 2, 0, {"type": "blanks", "format": red})
    ws.data_validation(1, 0, 2, 0, {"validate": "decimal", "criteria": ">=", "value": 0,
                                    "input_title": 'Isi "angka"', "input_message": "a < b & c > d\nbaris 2"})
    ws.set_header('&L"Judul" & <x>')
    wb.set_properties({"created": dt.datetime(2025, 3, 25)})  # not the clock: the files are compared


def test_our_workbooks_are_the_bytes_xlsxwriter_writes(tmp_path: Path) -> None:
    """Formats copied from the ones made before and our attribute escaping change nothing in the file."""
    plain = tmp_path / "xlsxwriter.xlsx"
    wb = xlsxwriter.Workbook(str(plain), {"in_memory": True})
    _styled(wb)
    wb.close()
    for k in range(2):  # the second workbook gets copies of the formats the first one made
        ours = tmp_path / f"ours{k}.xlsx"
        build_workbook(ours, _styled)
        with zipfile.ZipFile(plain) as a, zipfile.ZipFile(ours) as b:
            assert a.namelist() == b.namelist()
            for name in a.namelist():
                assert a.read(name) == b.read(name), name


def test_structure_lock_is_written_where_the_schema_puts_it(tmp_path: Path) -> None:
    path = tmp_path / "kunci.xlsx"
    build_workbook(path, lambda wb: wb.add_worksheet("Isian").write_formula(0, 0, "=SUM(1,2)", None, 3),
                   structure_locked=True)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert xml.count('<workbookProtection lockStructure="1"/>') == 1
    assert xml.index("<workbookPr") < xml.index("<workbookProtection") < xml.index("<bookViews>")
    assert "<f>SUM(1,2)</f><v>3</v>" in sheet
    assert not list(tmp_path.glob(".*.tmp"))


def test_unlocked_workbook_has_no_protection(tmp_path: Path) -> None:
    path = tmp_path / "bebas.xlsx"
    build_workbook(path, lambda wb: wb.add_worksheet("A").write_number(0, 0, 1))
    with zipfile.ZipFile(path) as z:
        assert b"workbookProtection" not in z.read("xl/workbook.xml")


def test_formulas_with_newer_functions_still_get_their_prefix() -> None:
    ws = FormulaWorksheet()
    assert ws._prepare_formula('=IF(AND(ISNUMBER(A1),A1>0),LOOKUP(A1,B1:B2),"")') == \
        'IF(AND(ISNUMBER(A1),A1>0),LOOKUP(A1,B1:B2),"")'
    assert ws._prepare_formula("AND($B2>0,$C2=\"\")") == "AND($B2>0,$C2=\"\")"  # a conditional format
    assert ws._prepare_formula("{=SUM(A1:A2*B1:B2)}") == "SUM(A1:A2*B1:B2)"
    assert ws._prepare_formula("=IF(A1,XLOOKUP(A1,B1:B2,C1:C2),0)") == "IF(A1,_xlfn.XLOOKUP(A1,B1:B2,C1:C2),0)"


def test_a_failed_fill_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "formulir.xlsx"
    path.write_bytes(b"lama")

    def fail(wb: xlsxwriter.Workbook) -> None:
        wb.add_worksheet("A")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError):
        build_workbook(path, fail, structure_locked=True)
    assert path.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["formulir.xlsx"]


def test_a_written_workbook_is_freed_without_the_garbage_collector(tmp_path: Path) -> None:
    """The sheet -> workbook cycle is broken once the file is written (forms: a seventh less time)."""
    import gc
    import weakref

    kept: list[weakref.ref] = []

    def fill(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("A")
        ws.write_string(0, 0, "x", wb.add_format({"bold": True}))
        kept.extend([weakref.ref(wb), weakref.ref(ws)])

    gc.collect()
    gc.disable()
    try:
        build_workbook(tmp_path / "a.xlsx", fill, structure_locked=True)
        assert [ref() for ref in kept] == [None, None]
    finally:
        gc.enable()
