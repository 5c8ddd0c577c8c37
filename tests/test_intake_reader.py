"""The reader: exact coordinates, metadata from either source, formulas and error values from the XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from corpus import PERIOD, catalog, edit_openpyxl, write_good
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xl.forms import layout
from kinerja_xl.intake.reader import (
    Book,
    Grid,
    find_table,
    read_meta,
    read_sheet_xml,
    scan_cells,
    scan_cells_xml,
)
from kinerja_xl.intake.structure import read_tables

CAT = catalog()


def _book(path: Path) -> Book:
    data = path.read_bytes()
    return Book.open(data, zipfile.ZipFile(io.BytesIO(data)))


def test_coordinates_are_exact_despite_empty_leading_rows_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Isian")
    ws.write_string("D5", "Kode")
    ws.write_string("E5", "Elemen Data")
    ws.write_string("D6", "E01")
    ws.write_number("F6", 12)
    wb.close()
    grid = _book(path).grid("isian")  # sheet names compare case-insensitively
    assert grid is not None and grid.name == "Isian"
    assert grid.get(4, 3) == "Kode" and grid.get(5, 5) == 12.0 and grid.get(0, 0) == ""
    table = find_table(grid, [layout.H_KODE, layout.H_ELEMEN])
    assert table is not None and table.header_row == 4 and table.col("kode") == 3 and table.col("ELEMEN  data") == 4


def test_formulas_and_errors_regex_and_xml_parser_agree(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Isian")
    ws.write_number("A1", 1)
    ws.write_formula("B2", "=A1*2", None, 2)
    ws.write_formula("C3", '=IF(A1>0,"a&b","")', None, "a&b")
    ws.write_formula("D4", "=1/0", None, "#DIV/0!")
    ws.write_blank("E5", None, wb.add_format({"bold": True}))
    ws.write_string("F6", "<f>not a formula</f>")
    wb.close()
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    fast, slow = scan_cells(xml), scan_cells_xml(xml)
    assert fast.cells == slow.cells
    assert fast.formula(1, 1) == "A1*2" and fast.formula(2, 2) == 'IF(A1>0,"a&b","")'
    assert fast.error(3, 3) == "#DIV/0!" and fast.formula(0, 0) is None and fast.formula(5, 5) is None
    # a writer using a namespace prefix and no r attributes: the fallback counts positions
    other = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
             b'<x:row r="3"><x:c><x:v>1</x:v></x:c><x:c><x:f>A3+1</x:f><x:v>2</x:v></x:c>'
             b'<x:c t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    got = scan_cells(other)
    assert got.formula(2, 1) == "A3+1" and got.error(2, 2) == "#N/A" and got.cells == scan_cells_xml(other).cells


def test_meta_from_sheet_or_from_properties(tmp_path: Path) -> None:
    good = write_good(tmp_path / "g.xlsx")
    meta, found = read_meta(_book(good))
    assert found and meta[layout.META_BIDANG] == "DAFDUK" and meta[layout.META_PERIOD] == "2025-TW1"
    assert set(meta) == set(layout.META_KEYS)
    # the _meta sheet deleted: the document properties still say which form it is
    no_sheet = edit_openpyxl(good, tmp_path / "n.xlsx", lambda wb: wb.remove(wb[layout.SHEET_META]))
    meta2, found2 = read_meta(_book(no_sheet))
    assert found2 and meta2 == meta


def test_sheet_xml_of_the_isian_sheet(tmp_path: Path) -> None:
    good = write_good(tmp_path / "g.xlsx")
    book = _book(good)
    xml = read_sheet_xml(book, "Isian")
    assert xml.cells and all(c.formula for c in xml.cells.values())  # the indicator preview formulas
    assert book.part_of("Isian", ) is not None and book.part_of("Tidak Ada") is None


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_rows_found_by_code_whatever_their_order_and_gaps(tmp_path_factory: pytest.TempPathFactory,
                                                          data: st.DataObject) -> None:
    """Permuting the element rows and inserting blank rows changes nothing that is read."""
    good = _good_form(tmp_path_factory)
    grid = _book(good).grid(layout.SHEET_ISIAN)
    assert grid is not None
    table = find_table(grid, [layout.H_KODE, layout.H_ELEMEN])
    assert table is not None
    first = table.header_row + 1
    n = len(CAT.elemen_of("DAFDUK"))
    rows = grid.rows[first:first + n]
    order = data.draw(st.permutations(rows))
    blanks = data.draw(st.lists(st.integers(0, n), max_size=3))
    new_rows = list(order)
    for at in sorted(blanks, reverse=True):
        new_rows.insert(at, [""] * len(rows[0]))
    shuffled = Grid(grid.name, grid.rows[:first] + new_rows + grid.rows[first + n:])
    before = read_tables(grid, CAT, CAT.bidang_by_kode["DAFDUK"], PERIOD, "f")
    after = read_tables(shuffled, CAT, CAT.bidang_by_kode["DAFDUK"], PERIOD, "f")
    assert after.findings == []
    assert {k: e.raw for k, e in after.elements.items()} == {k: e.raw for k, e in before.elements.items()}
    assert set(after.indicators) == set(before.indicators)


_GOOD: dict[str, Path] = {}


def _good_form(factory: pytest.TempPathFactory) -> Path:
    if "f" not in _GOOD:
        _GOOD["f"] = write_good(factory.mktemp("good") / "g.xlsx", CAT)
    return _GOOD["f"]
