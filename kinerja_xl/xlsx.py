"""Writing our own workbooks safely: with xlsxwriter into a temporary file, then an atomic rename.

Also the few things xlsxwriter cannot do by itself (workbook structure protection).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions
from xlsxwriter.format import Format
from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.errors import OutputError

#: Fixed document date for reproducible outputs when none is given.
EPOCH = dt.datetime(2000, 1, 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc.strerror or exc}") from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared like any file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"Tidak dapat menulis {path}: {exc.strerror or exc}. "
            "Jika berkas itu sedang dibuka di Excel, tutup dulu lalu ulangi."
        ) from exc


#: Excel 2007 functions our workbooks use: none needs xlsxwriter's ``_xlfn.`` prefix.
PLAIN_FUNCTIONS = frozenset({
    "ABS", "AND", "AVERAGE", "AVERAGEIFS", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "IF", "IFERROR", "ISNUMBER",
    "LEN", "LOOKUP", "MAX", "MIN", "NOT", "OR", "ROUND", "SUM", "SUMIFS", "TRIM",
})
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")
#: The characters xlsxwriter escapes in an attribute value (``xlsxwriter.xmlwriter.xml_escapes``).
_XML_ESCAPES = re.compile('["&<>\n]')


class FormulaWorksheet(Worksheet):
    """A worksheet that prepares our formulas without xlsxwriter's ~100 regex passes.

    xlsxwriter rewrites every formula through a long list of ``re.sub`` calls to add the
    ``_xlfn.`` prefix to functions newer than Excel 2007; that is most of the time spent
    writing a large recap, and a tenth of writing a form. When every function name in a
    formula is one of :data:`PLAIN_FUNCTIONS`, the formula is used as it is; anything else
    goes through xlsxwriter's own path. (A private hook: xlsxwriter is pinned below 4 and
    ``tests/test_xlsx.py`` fails loudly if the hook changes.)
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        text = formula.removeprefix("=")  # conditional formats come without "="
        if "{" not in text and "}" not in text and set(_CALL.findall(text)) <= PLAIN_FUNCTIONS:
            return text
        return str(super()._prepare_formula(formula, expand_future_functions))

    def _escape_attributes(self, attribute: Any) -> Any:
        """xlsxwriter's escaping of an attribute value, without its costly way of passing a number
        through (a regex's ``TypeError``): a number, such as the style index of every cell, is
        written as it is, as xlsxwriter does; text is escaped as xlsxwriter escapes it."""
        if attribute.__class__ is not str or _XML_ESCAPES.search(attribute) is None:
            return attribute
        return super()._escape_attributes(attribute)


#: Formats made so far in this process, by their properties (never used in a workbook themselves).
_FORMATS: dict[tuple[tuple[str, Any], ...], Format] = {}
_MAX_FORMATS = 4096


class _Workbook(xlsxwriter.Workbook):
    """Our workbooks: their worksheets are :class:`FormulaWorksheet` unless a class is given,
    and their formats are copies of the ones this process made before.

    xlsxwriter's ``Format`` sets some ninety attributes one by one; a form asks for some thirty
    formats, the same in every form. A copy is what ``add_format`` returns, with the indices of
    this workbook (the private part of the hook: ``xf_format_indices``, ``dxf_format_indices``,
    see ``tests/test_xlsx.py``).
    """

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
        return super().add_worksheet(name, worksheet_class=worksheet_class or FormulaWorksheet)

    def add_format(self, properties: dict[str, Any] | None = None) -> Format:
        merged = {**self.default_format_properties, **(properties or {})}
        try:
            key = tuple(sorted(merged.items()))
            made = _FORMATS.get(key)
        except TypeError:  # an unhashable property value: made the usual way
            return super().add_format(properties)
        if made is None:
            made = Format(merged)
            if len(_FORMATS) < _MAX_FORMATS:
                _FORMATS[key] = made
        fmt = copy.copy(made)
        fmt.xf_format_indices = self.xf_format_indices
        fmt.dxf_format_indices = self.dxf_format_indices
        self.formats.append(fmt)
        return fmt


class _StructureLocked(_Workbook):
    """A workbook whose structure is locked (sheets cannot be added, removed, renamed or unhidden).

    xlsxwriter has no API for it: ``<workbookProtection lockStructure="1"/>`` is written where
    the schema puts it, right before ``<bookViews>`` (a private hook, see :class:`FormulaWorksheet`).
    Written as the workbook is assembled, not by unpacking and re-zipping the finished file.
    """

    def _write_book_views(self) -> None:
        self._xml_empty_tag("workbookProtection", [("lockStructure", "1")])
        super()._write_book_views()


def add_streamed_table(ws: Worksheet, header_row: int, last_row: int, last_col: int, options: dict[str, Any]) -> None:
    """An Excel table over ``header_row``..``last_row`` of a sheet written top to bottom, called on the
    header row, before the first data row; the header cells are written here (``options["columns"]``:
    each one's ``header`` and ``header_format``).

    xlsxwriter refuses ``add_table()`` in ``constant_memory`` mode only because the header cells it
    writes could come after rows already flushed; we are exactly on the header row, so the table
    definition is added and the header cells written by us (inline strings; the shared strings
    ``add_table()`` left behind are dropped by :func:`build_workbook`). ``add_table()`` also
    remembers every cell of its range to refuse overlaps, which would grow with the data: the table
    is declared over its first data row, then its stored range widened (one table per sheet, no
    merged cells in it). Private xlsxwriter attributes: ``tests/test_xlsxwriter_hooks.py``.
    """
    saved = ws.constant_memory
    ws.constant_memory = False
    try:
        check(ws.add_table(header_row, 0, header_row + 1, last_col, options), "add_table")
    finally:
        ws.constant_memory = saved
    table = ws.tables[-1]
    full = xl_range(header_row, 0, max(last_row, header_row + 1), last_col)  # a table needs a data row
    table["range"] = table["a_range"] = full
    if table.get("autofilter"):
        table["autofilter"] = full
    ws.table_cells.clear()
    if saved:
        ws.table.pop(header_row, None)
    for i, column in enumerate(options["columns"]):
        check(ws.write_string(header_row, i, column["header"], column.get("header_format")), "header")


def build_workbook(
    path: Path,
    fill: Callable[[xlsxwriter.Workbook], None],
    *,
    structure_locked: bool = False,
    constant_memory: bool = False,
) -> None:
    """Create a workbook with ``fill(workbook)`` and put it at ``path`` atomically.

    xlsxwriter writes it into a temporary file beside ``path``, renamed over ``path`` when
    complete: a reader never sees half a workbook and a failed run leaves the old file. Not
    fsync'ed: every workbook written here is made again from the catalog and the ledger at
    will (as the archive copies, see ``intake.record``), and syncing each form took longer
    than writing it. ``constant_memory``: rows are flushed as they are written, strings inline (the
    recap, the laporan pemeriksaan: their size grows with the number of units; tables through
    :func:`add_streamed_table`).
    """
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
               "constant_memory": constant_memory, "in_memory": not constant_memory}
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        wb = (_StructureLocked if structure_locked else _Workbook)(str(tmp), options)
        fill(wb)
        if constant_memory:
            # Every cell string is inline; the only shared strings are the table headers add_table()
            # wrote and add_streamed_table() replaced: dropped, unreferenced.
            wb.str_table = SharedStringTable()
        _close(wb, path)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            f"Tidak dapat menulis {path}: {exc.strerror or exc}. "
            "Jika berkas itu sedang dibuka di Excel, tutup dulu lalu ulangi."
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _close(wb: xlsxwriter.Workbook, path: Path) -> None:
    try:
        wb.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc}") from exc
    for ws in wb.worksheets():
        # Each sheet holds the workbook's add_format: a cycle that only the garbage collector
        # would free, with every cell of the workbook. Broken, the workbook goes when it is done
        # (the collector, scanning a whole form for every few hundred objects, took a seventh of
        # the time spent writing forms).
        ws.workbook_add_format = None


#: points per line of 10–11 pt text
LINE_HEIGHT = 15.0


def wrapped_lines(text: object, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate).

    xlsxwriter cannot measure text, and neither Excel nor LibreOffice grows the rows
    of a generated file by itself, so rows with wrapped text get an explicit height.
    """
    per_line = max(int(width * 1.2) - 1, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text or "").split("\n"))


#: Excel keeps at most this many characters in a cell (xlsxwriter cuts longer strings).
MAX_CELL_TEXT = 32_767


def fit_text(text: str) -> str:
    """``text`` cut to what a cell holds, ending in "…" when cut (intake warns about such texts)."""
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def check(ret: int | None, what: str) -> None:
    """xlsxwriter signals many mistakes by a negative return value: turn them into errors."""
    if ret is not None and ret < 0:
        raise OutputError(f"Kesalahan internal: xlsxwriter menolak {what} (kode {ret}). Laporkan ke pengembang.")
