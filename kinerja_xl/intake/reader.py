"""Reading a submitted workbook: cell values, metadata, and what values alone cannot show.

Reader choice: python-calamine (Rust). Reading one filled form's values takes
about 1 ms with calamine against about 13 ms with openpyxl's read-only mode
(``shared/domain/EXCEL-ENGINEERING.md``; re-measured here at ~0.5 ms for a
150-row sheet), and checking files is dominated by reading them, so intake
reads every sheet it needs from **one** ``CalamineWorkbook`` opened from the
file's bytes. Calamine returns values only (cached results for formulas, and
blank for error values), so the one sheet whose formulas matter (``Isian``)
is also scanned as XML straight from the zip (:func:`scan_cells`): which cells
hold a formula, which hold an error value. Document properties come from
``docProps/custom.xml`` in the same zip. openpyxl is never used here.

Coordinates are kept exact: sheets are read with ``skip_empty_area=False`` so
row 0 / column 0 of a :class:`Grid` is always cell A1, whatever is empty.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from xml.etree import ElementTree as ET

import python_calamine as pc
from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

from kinerja_xl import numfmt
from kinerja_xl.forms import layout
from kinerja_xl.intake.files import Package, ZipMembers
from kinerja_xl.numfmt import sheet_parts

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
_NS_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"

#: Everything calamine or the zip layer may raise for a damaged package.
READ_ERRORS = (pc.CalamineError, zipfile.BadZipFile, zlib.error, ET.ParseError, OSError, ValueError, KeyError,
               EOFError, NotImplementedError)


def a1(row: int, col: int) -> str:
    """0-based row/column to an A1 reference as Excel shows it."""
    return xl_rowcol_to_cell(row, col)


_NORMALIZED: dict[str, str] = {}


def normalized(text: str) -> str:
    """``layout.normalize_header(text)`` of a string, remembered: the same headers and labels recur
    in every form (other types are not remembered: ``1 == 1.0`` would share an entry)."""
    out = _NORMALIZED.get(text)
    if out is None:
        out = layout.normalize_header(text)
        if type(text) is str:
            if len(_NORMALIZED) >= 20_000:  # bounded: the texts people type vary without end
                _NORMALIZED.clear()
            _NORMALIZED[text] = out
    return out


@dataclass
class Grid:
    """One sheet's values; ``rows[r][c]`` is the cell at 0-based (r, c); ``""`` is blank."""

    name: str
    rows: list[list[object]]

    def get(self, row: int, col: int) -> object:
        if row < 0 or col < 0:
            return ""
        try:
            return self.rows[row][col]
        except IndexError:
            return ""

    def text(self, row: int, col: int) -> str:
        value = self.get(row, col)
        if isinstance(value, float) and value == int(value):
            value = int(value)
        return str(value).strip() if value is not None else ""


@dataclass
class Table:
    """A table found by its header row: the row and each header's column (normalised text)."""

    header_row: int
    cols: dict[str, int]

    def col(self, header: str) -> int | None:
        return self.cols.get(normalized(header))


def find_table(grid: Grid, required: Sequence[str], start: int = 0) -> Table | None:
    """The first row at or below ``start`` that contains every ``required`` header.

    Headers compare case- and space-insensitively; a quick pass looks for the
    headers exactly as written (the usual case, at C speed) before the full one.
    """
    need = [normalized(h) for h in required]

    def table(r: int) -> Table | None:
        present = {normalized(v): c for c, v in reversed(list(enumerate(grid.rows[r])))
                   if isinstance(v, str) and v.strip()}
        return Table(r, present) if all(n in present for n in need) else None

    rows = grid.rows
    for r in range(start, len(rows)):
        if all(h in rows[r] for h in required) and (found := table(r)) is not None:
            return found
    first = need[0]
    for r in range(start, len(rows)):
        if any(isinstance(v, str) and first in v.casefold() for v in rows[r]) and (found := table(r)) is not None:
            return found
    return None


# --- the workbook --------------------------------------------------------------------------


@dataclass
class Book:
    """A submitted workbook: calamine for values, the zip for properties and sheet XML."""

    zip: ZipMembers  # files.Package, or a zipfile.ZipFile
    calamine: pc.CalamineWorkbook
    sheet_names: list[str]
    _parts: dict[str, str] | None = None

    @classmethod
    def open(cls, data: bytes, zf: ZipMembers) -> Book:
        """Open the bytes once with calamine (raises one of :data:`READ_ERRORS` when damaged)."""
        wb = pc.CalamineWorkbook.from_object(io.BytesIO(data))
        return cls(zf, wb, list(wb.sheet_names))

    def find_sheet(self, name: str) -> str | None:
        """The sheet's real name (sheet names compare case-insensitively, as in Excel)."""
        want = name.casefold()
        return next((s for s in self.sheet_names if s.casefold() == want), None)

    def grid(self, name: str) -> Grid | None:
        real = self.find_sheet(name)
        if real is None:
            return None
        rows: list[list[object]] = self.calamine.get_sheet_by_name(real).to_python(  # type: ignore[assignment]
            skip_empty_area=False)
        return Grid(real, rows)

    def part_of(self, sheet: str) -> str | None:
        """The zip member holding a sheet's XML (``xl/worksheets/sheet1.xml``)."""
        if self._parts is None:
            self._parts = _sheet_parts(self.zip)
        return self._parts.get(sheet)

    def custom_properties(self) -> dict[str, str]:
        return read_custom_properties(self.zip)


#: ``_sheet_parts`` by the bytes it was computed from (forms of one template share them).
_PARTS: dict[tuple[bytes, bytes], dict[str, str]] = {}


def _sheet_parts(zf: ZipMembers) -> dict[str, str]:
    """Sheet name -> zip member, from ``xl/workbook.xml`` and its relationships (small, regular files)."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    key = (zf.read("xl/_rels/workbook.xml.rels"), zf.read("xl/workbook.xml"))
    parts = _PARTS.get(key)
    if parts is None:
        if len(_PARTS) >= 64:
            _PARTS.clear()
        parts = _PARTS[key] = sheet_parts(*key)
    return dict(parts)


def read_custom_properties(zf: ZipMembers) -> dict[str, str]:
    """Custom document properties (``docProps/custom.xml``) as text, by name."""
    try:
        data = zf.read("docProps/custom.xml")
    except KeyError:
        return {}
    out: dict[str, str] = {}
    for prop in ET.fromstring(data).iter(f"{_NS_CUSTOM}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return out


def read_meta(book: Book) -> tuple[dict[str, str], bool]:
    """Our metadata: the ``_meta`` sheet (key in A, value in B), completed by the document properties.

    Returns ``(meta, found)``; ``found`` is false when neither source names a form.
    """
    meta: dict[str, str] = {}
    grid = book.grid(layout.SHEET_META)
    if grid is not None:
        for r in range(len(grid.rows)):
            key = grid.text(r, 0)
            if key in layout.META_KEYS:
                meta[key] = grid.text(r, 1)
    if all(meta.get(k) for k in layout.META_KEYS):
        return meta, True
    for name, value in book.custom_properties().items():
        if name.startswith(layout.PROPERTY_PREFIX):
            key = name[len(layout.PROPERTY_PREFIX):]
            if key in layout.META_KEYS and not meta.get(key):
                meta[key] = value.strip()
    found = bool(meta.get(layout.META_FORM_ID) or meta.get(layout.META_BIDANG))
    return meta, found


# --- what the values cannot show: formulas and error values ------------------------------------


class CellXml:
    """One cell's formula and error value; the formula text is decoded only when asked for."""

    __slots__ = ("_body", "_error", "_formula", "has_formula", "is_error")

    def __init__(self, *, body: bytes = b"", has_formula: bool = False, is_error: bool = False,
                 formula: str | None = None, error: str | None = None):
        self._body = body
        self.has_formula = has_formula or formula is not None
        self.is_error = is_error or error is not None
        self._formula = formula
        self._error = error

    @property
    def formula(self) -> str | None:
        """The formula text (without ``=``); ``""`` for a member of a shared formula."""
        if not self.has_formula:
            return None
        if self._formula is None:
            f = _F.search(self._body)
            self._formula = _text(f.group(1) or b"") if f else ""
        return self._formula

    @property
    def error(self) -> str | None:
        """The error value, e.g. ``#DIV/0!``."""
        if not self.is_error:
            return None
        if self._error is None:
            v = _V.search(self._body)
            self._error = _text(v.group(1)) if v else "#N/A"
        return self._error

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CellXml):
            return NotImplemented
        return (self.formula, self.error) == (other.formula, other.error)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CellXml(formula={self.formula!r}, error={self.error!r})"


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return unescape(text) if "&" in text else text


@dataclass
class SheetXml:
    """What the XML scan found, by 0-based (row, col): only cells with a formula or an error value."""

    cells: dict[tuple[int, int], CellXml] = field(default_factory=dict)
    raw: bytes = b""

    def has_formula(self, row: int, col: int) -> bool:
        cell = self.cells.get((row, col))
        return cell is not None and cell.has_formula

    def formula(self, row: int, col: int) -> str | None:
        cell = self.cells.get((row, col))
        return cell.formula if cell else None

    def error(self, row: int, col: int) -> str | None:
        cell = self.cells.get((row, col))
        return cell.error if cell else None

    def style(self, row: int, col: int) -> int | None:
        """The style index of any cell (looked up in the raw XML on demand, at ``bytes.find`` speed)."""
        raw = self.raw
        at = raw.find(b' r="' + a1(row, col).encode() + b'"')
        if at < 0:
            return None
        start = _cell_start(raw, at)
        end = raw.find(b">", at)
        if start < 0 or end < 0 or raw.find(b">", start, at) >= 0:  # a prefixed <x:c>, or not a cell
            m = re.search(rb'<(?:\w+:)?c\s[^>]*?\br="' + a1(row, col).encode() + rb'"[^>]*?>', raw)
            if m is None:
                return None
            start, end = m.start(), m.end()
        s = _S_ATTR.search(raw, start, end)
        return int(s.group(1)) if s else None


_S_ATTR = re.compile(rb'\ss="(\d+)"')


_HITS = (b"<f>", b"<f ", b' t="e"')


def _positions(xml: bytes) -> list[int]:
    """Where a formula element or an error-type attribute occurs (``bytes.find`` is far faster than ``re``)."""
    out = []
    for needle in _HITS:
        i = xml.find(needle)
        while i >= 0:
            out.append(i)
            i = xml.find(needle, i + 3)
    out.sort()
    return out
_F = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_V = re.compile(rb"<v>(.*?)</v>", re.DOTALL)


def _cell_start(xml: bytes, at: int) -> int:
    """Where the ``<c`` element enclosing position ``at`` starts (-1 if none)."""
    start = xml.rfind(b"<c", 0, at)
    while start >= 0 and xml[start + 2:start + 3] not in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
        start = xml.rfind(b"<c", 0, start)
    return start


def scan_cells(xml: bytes) -> SheetXml:
    """Formulas and error values of a sheet's XML.

    Fast path: search only the ``<f>`` elements and ``t="e"`` attributes and
    look back to the enclosing ``<c>`` (a form has a few hundred such cells
    among thousands; ~0.1 ms instead of ~1–4 ms for expat / ``iterparse``).
    Cells never nest and ``<f>`` occurs only inside cells (conditional
    formats and validations use ``<formula>``). Sheets written with a namespace
    prefix, or cells without the optional ``r`` attribute, go to the XML
    parser (:func:`scan_cells_xml`).
    """
    if b"<sheetData" not in xml:
        return scan_cells_xml(xml)
    out = SheetXml(raw=xml)
    done = 0
    for at in _positions(xml):
        if at < done:
            continue  # inside a cell already read
        start = _cell_start(xml, at)
        if start < 0:
            continue
        head_end = xml.find(b">", start)
        if head_end < 0:
            return scan_cells_xml(xml)
        if xml[head_end - 1] == 47:  # "/>": an empty cell
            body_start = end = head_end + 1
        else:
            body_start = head_end + 1
            end = xml.find(b"</c>", head_end)
            if end < 0:
                return scan_cells_xml(xml)
            end += 4
        if at >= end:
            continue  # not inside that cell
        i = xml.find(b' r="', start, head_end)
        if i < 0:
            return scan_cells_xml(xml)
        row, col = _rowcol(xml[i + 4:xml.find(b'"', i + 4)])
        body = xml[body_start:end - 4] if end > body_start else b""
        is_error = xml.find(b' t="e"', start, head_end) >= 0
        has_formula = at > head_end or body.find(b"<f>") >= 0 or body.find(b"<f ") >= 0
        out.cells[(row, col)] = CellXml(body=body, has_formula=has_formula, is_error=is_error)
        done = end
    return out


_ROWCOL: dict[bytes, tuple[int, int]] = {}


def _rowcol(ref: bytes) -> tuple[int, int]:
    """``b"AB12"`` → (11, 27), 0-based (remembered: forms of one template have formulas in the same cells)."""
    found = _ROWCOL.get(ref)
    if found is None:
        if len(_ROWCOL) >= 20_000:
            _ROWCOL.clear()
        found = _ROWCOL[ref] = _parse_rowcol(ref)
    return found


def _parse_rowcol(ref: bytes) -> tuple[int, int]:
    col = 0
    i = 0
    for ch in ref:
        if 65 <= ch <= 90:
            col = col * 26 + ch - 64
        elif 97 <= ch <= 122:
            col = col * 26 + ch - 96
        else:
            break
        i += 1
    return int(ref[i:]) - 1, col - 1


def scan_cells_xml(xml: bytes) -> SheetXml:
    """The same as :func:`scan_cells` with a real XML parser (positions counted when ``r`` is absent)."""
    out = SheetXml(raw=xml)
    row, col = -1, -1
    formula: str | None = None
    error: str | None = None
    is_error = False
    for event, el in ET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                r = el.get("r")
                row = int(r) - 1 if r else row + 1
                col = -1
            elif tag == "c":
                ref = el.get("r")
                if ref:
                    row, col = xl_cell_to_rowcol(ref.upper())
                else:
                    col += 1
                formula, error, is_error = None, None, el.get("t") == "e"
            continue
        if tag == "f":
            formula = el.text or ""
        elif tag == "v" and is_error:
            error = el.text or "#N/A"
        elif tag == "c":
            if formula is not None or is_error:
                out.cells[(row, col)] = CellXml(formula=formula, error=error or ("#N/A" if is_error else None))
            el.clear()
    return out


def read_sheet_xml(book: Book, sheet: str) -> SheetXml:
    part = book.part_of(sheet)
    if part is None:
        return SheetXml()
    return scan_cells(book.zip.read(part))


#: ``percent_styles`` by ``xl/styles.xml`` (forms of one template share it): by its CRC-32 and size
#: in the zip directory (no inflating, ~10x cheaper), or by its bytes for a ``zipfile.ZipFile``.
_PERCENT_STYLES: dict[object, frozenset[int]] = {}


def percent_styles(zf: ZipMembers) -> frozenset[int]:
    """Style indexes (``cellXfs``) whose number format shows a percent."""
    key: object = zf.identity("xl/styles.xml") if isinstance(zf, Package) else None
    found = _PERCENT_STYLES.get(key) if key is not None else None
    if found is not None:
        return found
    try:
        xml = zf.read("xl/styles.xml")
    except KeyError:
        return frozenset()
    if key is None:
        key = xml
    found = _PERCENT_STYLES.get(key)
    if found is None:
        if len(_PERCENT_STYLES) >= 64:
            _PERCENT_STYLES.clear()
        found = _PERCENT_STYLES[key] = numfmt.percent_styles(xml)
    return found
