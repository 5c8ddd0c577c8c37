"""The private xlsxwriter hooks the recap relies on still behave as we use them.

setup.cfg pins ``xlsxwriter<4``; these tests fail loudly (with what changed) when a release
within that range moves a hook, instead of a recap that silently loses its speed-up, keeps
stale shared strings or writes a table over one row:

1. ``Worksheet._prepare_formula(formula, expand_future_functions)`` — every formula written goes
   through it; :class:`kinerja_xl.recap.worksheet.RecapWorksheet` overrides it to skip xlsxwriter's
   regex passes for Excel 2007 functions;
2. ``Workbook.str_table`` (a ``xlsxwriter.sharedstrings.SharedStringTable``) — the table the
   workbook writes as ``xl/sharedStrings.xml``; a constant-memory workbook (the recap, the laporan
   pemeriksaan) has it replaced with an empty one after its sheets are written
   (``kinerja_xl.xlsx.build_workbook``);
3. ``Worksheet.constant_memory``, ``.tables``, ``.table_cells`` and ``.table`` — how
   ``kinerja_xl.xlsx.add_streamed_table`` adds an Excel table in constant-memory mode;
4. ``Worksheet.row_info``, ``.row_sizes``, ``.merged_cells`` and ``.previous_row`` — what
   :class:`RecapWorksheet` and ``release_written_rows`` forget of the rows already flushed; and
   ``Worksheet.merge`` (appended to, then its length and its ranges read when the sheet is closed),
   which :class:`RecapWorksheet` keeps in an array (``MergedRanges``).
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from factories import small_catalog
from openpyxl.utils import range_boundaries
from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.period import parse_period
from kinerja_xl.recap import write_recap
from kinerja_xl.recap.layout import SHEET_CAPAIAN
from kinerja_xl.recap.worksheet import RecapWorksheet, release_written_rows


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def _formulas(xml: str) -> list[str]:
    return re.findall(r"<f>(.*?)</f>", xml)


def test_prepare_formula_is_the_hook_every_formula_goes_through(tmp_path: Path) -> None:
    assert xlsxwriter.__version__.split(".")[0] == "3", "setup.cfg pins xlsxwriter<4: re-check both hooks"
    hook = getattr(Worksheet, "_prepare_formula", None)
    assert hook is not None, "xlsxwriter.worksheet.Worksheet._prepare_formula is gone: RecapWorksheet is dead code"
    assert list(inspect.signature(hook).parameters) == ["self", "formula", "expand_future_functions"], \
        f"Worksheet._prepare_formula changed its signature: {inspect.signature(hook)}"

    seen: list[str] = []

    class Spy(Worksheet):
        def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
            seen.append(formula)
            return str(super()._prepare_formula(formula, expand_future_functions))

    path = tmp_path / "spy.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("S", worksheet_class=Spy)
    ws.write_formula(0, 0, "=SUM(B1:B2)", None, 3)
    ws.write(1, 0, "=IF(B1>0,1,0)")
    ws.write_array_formula(2, 0, 2, 0, "{=MAX(B1:B2)}")
    wb.close()
    assert seen == ["=SUM(B1:B2)", "=IF(B1>0,1,0)", "{=MAX(B1:B2)}"], \
        f"formulas no longer pass through Worksheet._prepare_formula as RecapWorksheet expects: {seen}"


def test_recap_worksheet_writes_what_xlsxwriter_writes(tmp_path: Path) -> None:
    """Our fast path and xlsxwriter's own give the same XML; a newer function still gets its prefix."""
    formulas = ["=SUM(B1:B3)", "=IFERROR(AVERAGEIFS(B1:B3,C1:C3,\"x\"),\"\")", "=IF(ISNUMBER(B1),B1*100,\"\")",
                "=_xlfn.STDEV.S(B1:B3)", "=CONCAT(\"a\",\"b\")"]
    xml = {}
    for name, cls in (("plain", Worksheet), ("ours", RecapWorksheet)):
        path = tmp_path / f"{name}.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "use_future_functions": True})
        ws = wb.add_worksheet("S", worksheet_class=cls)
        for r, f in enumerate(formulas):
            ws.write_formula(r, 0, f, None, 0)
        wb.close()
        xml[name] = _sheet_xml(path)
    assert xml["ours"] == xml["plain"]
    assert _formulas(xml["ours"])[4] == "_xlfn.CONCAT(\"a\",\"b\")"  # xlsxwriter's own path still runs


def test_str_table_is_the_shared_string_table_written(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "probe.xlsx"))
    assert isinstance(getattr(wb, "str_table", None), SharedStringTable), \
        "xlsxwriter.Workbook.str_table is no longer its SharedStringTable: xlsx.build_workbook must change"
    wb.close()

    def write(path: Path, replace: bool) -> str:
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("S")
        ws.write_string(1, 0, "isi")
        ws.write_string(1, 1, "isi")
        ws.add_table(0, 0, 1, 1, {"name": "T", "columns": [{"header": "Kode"}, {"header": "Nama"}]})
        if replace:
            wb.str_table = SharedStringTable()
        wb.close()
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            return z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else ""

    kept = write(tmp_path / "kept.xlsx", replace=False)
    dropped = write(tmp_path / "dropped.xlsx", replace=True)
    assert "Kode" in kept, "add_table() no longer puts its headers into the shared strings: the hook is moot"
    assert "Kode" not in dropped, "replacing Workbook.str_table no longer changes xl/sharedStrings.xml"


def test_the_recap_adds_its_tables_in_constant_memory_mode(tmp_path: Path) -> None:
    probe = xlsxwriter.Workbook(str(tmp_path / "probe.xlsx"), {"constant_memory": True}).add_worksheet()
    for name, kind in (("constant_memory", bool), ("tables", list), ("table_cells", dict), ("table", dict)):
        assert isinstance(getattr(probe, name, None), kind), \
            f"xlsxwriter.Worksheet.{name} changed: xlsx.add_streamed_table must change"
    catalog = small_catalog()
    path = write_recap(catalog, parse_period("2025-TW1"), [], tmp_path / "rekap.xlsx",
                       generated=dt.datetime(2025, 4, 10, 9, 0)).path
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_CAPAIAN]
    [table] = ws.tables.values()
    _c1, top, _c2, bottom = range_boundaries(table.ref)
    assert bottom - top == len(catalog.indikator), "the table no longer spans every indicator row"
    assert [c.value for c in ws[top]][:2] == [h.name for h in table.tableColumns][:2]
    with zipfile.ZipFile(path) as z:
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    assert "<si>" not in shared, "table headers were left in the shared strings"


def _tall_sheet(path: Path, cls: type, *, chart: bool) -> Worksheet:
    """Rows of varied heights (more than RecapWorksheet keeps), merged cells, perhaps a chart below."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"created": dt.datetime(2025, 4, 10, 9, 0)})  # the same bytes whenever written
    ws = wb.add_worksheet("S", worksheet_class=cls)
    rows = RecapWorksheet.KEEP_ROWS * 3
    for r in range(rows):
        ws.write_number(r, 0, r)
        if r % 7 == 0:
            ws.merge_range(r, 1, r, 3, f"baris {r}")
        ws.set_row(r, 15 + (r % 4) * 7.5)
    if chart:
        ch = wb.add_chart({"type": "line"})
        ch.add_series({"values": ["S", 0, 0, 9, 0]})
        ws.insert_chart(rows + 2, 1, ch)
    if cls is RecapWorksheet:
        assert len(ws.row_info) <= RecapWorksheet.KEEP_ROWS + 1, "flushed rows' settings are still kept"
        release_written_rows(ws)
        assert len(ws.row_info) <= 1 and not ws.merged_cells
        assert len(ws.row_sizes) == (rows if chart else 1), "row heights kept without a chart, or lost with one"
    wb.close()
    return ws


def test_recap_worksheet_forgets_flushed_rows_but_writes_the_same_file(tmp_path: Path) -> None:
    for name in ("row_info", "row_sizes", "merged_cells"):
        assert isinstance(getattr(Worksheet(), name, None), dict), f"xlsxwriter.Worksheet.{name} changed"
    for chart in (False, True):
        files = {}
        for name, cls in (("plain", Worksheet), ("ours", RecapWorksheet)):
            files[name] = tmp_path / f"{name}-{chart}.xlsx"
            _tall_sheet(files[name], cls, chart=chart)
        with zipfile.ZipFile(files["plain"]) as a, zipfile.ZipFile(files["ours"]) as b:
            assert a.namelist() == b.namelist()
            for member in a.namelist():
                assert a.read(member) == b.read(member), f"{member} differs (chart={chart})"
