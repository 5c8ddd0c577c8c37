"""Finding the sheets and header rows of ``katalog.xlsx`` by name, never by position.

A table sheet's header row is the row, among the first
:data:`~kinerja_xl.catalog.headers.HEADER_SCAN_ROWS`, that holds the most
known headers; headers are matched case-, space- and punctuation-insensitively
and may come in any order. Missing required headers are reported with the
closest unknown header in that row as a suggestion.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

import python_calamine
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name

from kinerja_xl import numfmt
from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog.codes import TOPIC  # noqa: F401  (registers the katalog-… codes)
from kinerja_xl.catalog.headers import HEADER_SCAN_ROWS, key
from kinerja_xl.findings import Finding, make

#: What opening a broken or foreign file can raise.
OPEN_ERRORS = (OSError, zipfile.BadZipFile, zlib.error, python_calamine.CalamineError, KeyError, ValueError, TypeError,
               ParseError, EOFError, NotImplementedError)


class TooLarge(Exception):
    """The workbook unpacks to more than :data:`MAX_UNPACKED_BYTES` (a zip bomb, or not a catalog)."""


#: A catalog is a small workbook; refuse to parse one that unpacks to more than this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def read_grids(path: Path | io.BytesIO) -> tuple[dict[str, Grid], list[str]]:
    """The data sheets' cell values by canonical sheet name, and the names of all sheets
    (``path``: the file, or its bytes already read).

    Read with python-calamine (the whole catalog of 1,000 bidang in ~0.3 s, against ~6 s
    with openpyxl). The values are those openpyxl's ``data_only`` mode gives, which the
    loader's findings were written for (a test compares both on good and faulty catalogs):
    blank cells are ``None``, whole numbers ``int``, a date cell a ``datetime``, and a cell
    holding an error value (a formula's ``#DIV/0!``, which calamine reads as blank) the
    error's text, found in the sheet's XML.

    Each grid also knows its percent-formatted cells (read from the package's XML, see
    :mod:`kinerja_xl.numfmt`): ``100%`` typed as a Max is stored as 1 and meant as 100.
    """
    with zipfile.ZipFile(path) as z:
        if sum(info.file_size for info in z.infolist()) > MAX_UNPACKED_BYTES:
            raise TooLarge
        percent, errors = _marked_cells(z)
    if isinstance(path, io.BytesIO):
        path.seek(0)
    wb = python_calamine.load_workbook(path)
    wanted = {key(s): s for s in H.ALL_SHEETS}
    grids: dict[str, Grid] = {}
    for meta in wb.sheets_metadata:
        canon = wanted.get(key(meta.name))
        if canon is None or canon in grids or meta.typ is not python_calamine.SheetTypeEnum.WorkSheet:
            continue
        rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        grids[canon] = Grid(meta.name, _as_openpyxl(rows, errors.get(meta.name, {})),
                            percent.get(meta.name, frozenset()))
    return grids, list(wb.sheet_names)


def _as_openpyxl(rows: list[list[Any]], errors: dict[tuple[int, int], str]) -> list[tuple[Any, ...]]:
    """Calamine's values as openpyxl gives them (see :func:`read_grids`).

    Equal texts become one object (calamine makes one per cell): the codes, choices and units
    repeated down a column then take their memory once, in the grid and in the catalog built from it.
    """
    out = []
    texts: dict[str, str] = {}
    for row in rows:
        out.append(tuple([texts.setdefault(v, v) if type(v) is str and v else _value(v) for v in row]))
    for (r, c), text in errors.items():
        while r >= len(out):
            out.append(())
        if c >= len(out[r]):
            out[r] = out[r] + (None,) * (c + 1 - len(out[r]))
        out[r] = out[r][:c] + (text,) + out[r][c + 1:]
    return out


def _value(v: Any) -> Any:
    if v == "" and type(v) is str:
        return None
    if type(v) is float:
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if type(v) is dt.date:
        return dt.datetime(v.year, v.month, v.day)
    return v


_NS = re.compile(r"^\{[^}]*\}")


def _marked_cells(z: zipfile.ZipFile) -> tuple[dict[str, frozenset[tuple[int, int]]],
                                               dict[str, dict[tuple[int, int], str]]]:
    """By sheet title: the percent-formatted cells, and the cells holding an error value (``#DIV/0!``).

    Each sheet's XML is read once for both (none when the package's parts are missing).
    """
    names = set(z.namelist())
    if not all(n in names for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")):
        return {}, {}
    styles = numfmt.percent_styles(z.read("xl/styles.xml")) if "xl/styles.xml" in names else frozenset()
    parts = numfmt.sheet_parts(z.read("xl/_rels/workbook.xml.rels"), z.read("xl/workbook.xml"))
    percent: dict[str, frozenset[tuple[int, int]]] = {}
    errors: dict[str, dict[tuple[int, int], str]] = {}
    for title, part in parts.items():
        if part not in names:
            continue
        xml = z.read(part)
        if styles:
            percent[title] = numfmt.styled_cells(xml, styles)
        if b't="e"' in xml:
            errors[title] = _errors_in(xml)
    return percent, errors


def _errors_in(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) -> error value of the cells of type ``e`` in a sheet's XML (positions as openpyxl counts)."""
    out: dict[tuple[int, int], str] = {}
    row, col = -1, -1
    for event, el in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = _NS.sub("", el.tag)
        if event == "start":
            if tag == "row":
                r = el.get("r")
                row, col = (int(r) - 1 if r else row + 1), -1
            elif tag == "c":
                ref = el.get("r")
                if ref:
                    row, col = xl_cell_to_rowcol(ref)
                else:
                    col += 1
        elif tag == "c":
            if el.get("t") == "e":
                v = next((x.text for x in el if _NS.sub("", x.tag) == "v"), None)
                out[(row, col)] = v or ""
            el.clear()
    return out


def cell_name(row: int, col: int) -> str:
    """A1 name of a 0-based (row, col)."""
    return f"{xl_col_to_name(col)}{row + 1}"


def suggestion(word: str, candidates: Sequence[str]) -> str | None:
    """The closest candidate (compared by :func:`key`), or ``None``."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(key(c), c)
    best = difflib.get_close_matches(key(word), list(by_key), n=1, cutoff=0.75)
    return by_key[best[0]] if best else None


def saran(word: str | None) -> str:
    """`` Mungkin maksudnya 'X'?`` or ``""``."""
    return f" Mungkin maksudnya '{word}'?" if word else ""


@dataclass
class Grid:
    """A sheet's cell values, 0-based rows of equal length."""

    name: str
    rows: list[tuple[Any, ...]]
    percent: frozenset[tuple[int, int]] = frozenset()  # 0-based cells with a percent number format

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None


@dataclass
class Table:
    """A table sheet: where its header row is and which column holds each field."""

    grid: Grid
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)

    def data_rows(self) -> list[int]:
        """0-based indexes of the non-blank rows below the header row."""
        used = sorted(set(self.columns.values()))
        out = []
        for r in range(self.header_row + 1, len(self.grid.rows)):
            if any(not _blank(self.grid.value(r, c)) for c in used):
                out.append(r)
        return out

    def get(self, row: int, field_name: str) -> Any:
        col = self.columns.get(field_name)
        return None if col is None else self.grid.value(row, col)

    def cell(self, row: int, field_name: str) -> str:
        col = self.columns.get(field_name)
        return cell_name(row, 0 if col is None else col)

    def is_percent(self, row: int, field_name: str) -> bool:
        """Whether the cell has a percent number format (``75%`` typed: 0.75 stored)."""
        col = self.columns.get(field_name)
        return col is not None and (row, col) in self.grid.percent


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_header_row(grid: Grid, known: dict[str, str]) -> tuple[int, int]:
    """(row index, number of known headers) of the best header row; (first non-blank row, 0) when none."""
    best, best_n, first = -1, 0, -1
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        if first < 0 and any(not _blank(v) for v in row):
            first = r
        n = len({known[key(v)] for v in row if not _blank(v) and key(v) in known})
        if n > best_n:
            best, best_n = r, n
    return (best, best_n) if best >= 0 else (max(first, 0), 0)


def read_table(
    grid: Grid, columns: Sequence[Any], file: str, findings: list[Finding]
) -> Table | None:
    """Locate the columns of a table sheet; ``None`` (and findings) when a required header is missing.

    ``columns`` are :class:`~kinerja_xl.catalog.headers.Column` (or anything with
    ``field``, ``header``, ``names`` and ``required``).
    """
    known = {key(n): c.field for c in columns for n in c.names}
    header_row, _ = find_header_row(grid, known)
    table = Table(grid, header_row)
    unknown: dict[int, str] = {}
    duplicated = False
    row = grid.rows[header_row] if header_row < len(grid.rows) else ()
    for c, v in enumerate(row):
        if _blank(v):
            continue
        fname = known.get(key(v))
        if fname is None:
            unknown[c] = str(v).strip()
        elif fname in table.columns:
            duplicated = True
            header = next(col.header for col in columns if col.field == fname)
            findings.append(make("katalog-kolom-ganda", file=file, sheet=grid.name, cell=cell_name(header_row, c),
                                 value=str(v).strip(), kolom=header, lembar=grid.name,
                                 sel_lain=cell_name(header_row, table.columns[fname])))
        else:
            table.columns[fname] = c
    ok = True
    used_unknown: set[int] = set()
    for col in columns:
        if col.field in table.columns or not col.required:
            continue
        ok = False
        near = None
        for c, text in unknown.items():
            if c not in used_unknown and suggestion(text, col.names):
                near = c
                break
        if near is not None:
            used_unknown.add(near)
            findings.append(make("katalog-kolom-tidak-ada", file=file, sheet=grid.name,
                                 cell=cell_name(header_row, near), value=unknown[near], kolom=col.header,
                                 lembar=grid.name, saran=f" Judul '{unknown[near]}' di sel "
                                 f"{cell_name(header_row, near)} mungkin maksudnya '{col.header}'?"))
        else:
            findings.append(make("katalog-kolom-tidak-ada", file=file, sheet=grid.name,
                                 cell=cell_name(header_row, 0), kolom=col.header, lembar=grid.name, saran=""))
    all_names = [n for col in columns for n in col.names]
    for c, text in unknown.items():
        if c in used_unknown:
            continue
        findings.append(make("katalog-kolom-tidak-dikenal", file=file, sheet=grid.name,
                             cell=cell_name(header_row, c), value=text, saran=saran(suggestion(text, all_names))))
    return table if ok and not duplicated else None
