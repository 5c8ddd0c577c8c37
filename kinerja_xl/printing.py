"""How our workbooks print: paper, orientation, a legible scale, repeated titles and page breaks.

One place decides the page setup of every sheet we write (forms, umpan balik,
check report, recap). A sheet describes itself with a :class:`PrintSpec` (its
header rows, identifying columns, print area, groups and blocks to keep
together); :func:`apply` computes the rest from the sheet's own column widths
and row heights as xlsxwriter holds them, so a sheet that gains columns prints
right without touching this module:

* the scale is the largest one (at most 100 %) that needs no more pages across
  than the smallest legible scale: every character at least :data:`MIN_PT` on
  paper (LibreOffice scales the footer too, so its size follows the scale);
* a table wider than the paper continues on further pages with the header rows
  and the identifying columns repeated;
* pages break between groups where a group fits on the next page, and a block to
  keep (a signature with the rows above it) never starts a page of its own.

Every break is written as a manual page break, computed with a little room to
spare, so LibreOffice and Excel break where we decided.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.xlsx import check


@dataclass(frozen=True)
class Paper:
    code: int  # xlsxwriter / Excel paper code
    name: str
    width_mm: float
    height_mm: float


PAPERS = {
    "F4": Paper(14, "F4 (folio 215 × 330 mm)", 215.9, 330.2),
    "A4": Paper(9, "A4 (210 × 297 mm)", 210.0, 297.0),
    "A3": Paper(8, "A3 (297 × 420 mm)", 297.0, 420.0),
}
#: The paper Indonesian offices print on.
DEFAULT_PAPER = "F4"
#: The smallest character a person can read on paper (pt); we aim a little above it.
MIN_PT = 7.0
_AIM_PT = 7.3
#: Text this size or larger reads comfortably: a sheet may shrink to it to save a page.
_COMFORTABLE_PT = 8.5
#: Margins in inches: left/right, top, bottom (the footer sits in the bottom margin).
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 0.4, 0.5, 0.6
#: Share of a page's height our pagination fills at most (LibreOffice's row heights differ slightly).
_FILL = 0.94
_PT_PER_INCH = 72.0
_PT_PER_MM = 72.0 / 25.4
PT_PER_PX = 0.75
#: LibreOffice prints a column of xlsxwriter's n pixels about n points wide (measured from its PDFs;
#: Excel prints it narrower, 0.75 n): the wider one decides, so no column spills onto an extra page.
COL_PT_PER_PX = 1.0


def paper(name: str | None) -> Paper:
    """The paper of a catalog setting (``F4`` when empty or unknown)."""
    return PAPERS.get((name or DEFAULT_PAPER).strip().upper(), PAPERS[DEFAULT_PAPER])


@dataclass(frozen=True)
class PrintSpec:
    """What a sheet tells the printer about itself (rows and columns are 0-based)."""

    footer: str  # left footer text (the sheet name and page numbers are added)
    header: tuple[int, int] | None = None  # rows repeated at the top of every page
    id_cols: tuple[int, int] | None = None  # columns repeated on every page across (No, Kode, uraian)
    last_col: int | None = None  # the print area's last column (machine columns lie beyond); None: all
    last_row: int | None = None  # the print area's last row; None: the last row written
    groups: Sequence[int] = ()  # rows where a group begins: natural places for a page break
    keep: Sequence[tuple[int, int]] = ()  # row spans kept on one page (a signature block with rows above it)
    min_font: float = 10.0  # the smallest font size (pt) of the sheet's cells
    text_width: float = 0.0  # characters of text flowing from column A (titles): the print area reaches as far
    col_starts: Sequence[int] = ()  # columns where a page across may begin (none given: any column)
    landscape: bool | None = None  # None: landscape when the sheet is wider than a portrait page


@dataclass
class PageSetup:
    """What :func:`apply` decided (for tests and benchmarks)."""

    paper: Paper
    landscape: bool
    scale: int
    pages_across: int
    breaks: list[int] = field(default_factory=list)


def _widths(ws: Worksheet, last_col: int) -> list[float]:
    return [ws._size_col(c) * COL_PT_PER_PX for c in range(last_col + 1)]  # hidden columns: 0


def _height(ws: Worksheet, row: int) -> float:
    return float(ws._size_row(row)) * PT_PER_PX


def _chart_boxes(ws: Worksheet) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col) of every chart on the sheet."""
    boxes = []
    for row, col, chart, x_off, y_off, x_scale, y_scale, *_ in ws.charts:
        # anchored to the cells it covers, counted in xlsxwriter's pixels
        width = x_off + getattr(chart, "width", 480) * x_scale
        height = y_off + getattr(chart, "height", 288) * y_scale
        r, used = row, 0.0
        while used < height:
            used += ws._size_row(r)
            r += 1
        c, used = col, 0.0
        while used < width:
            used += ws._size_col(c) or 64.0
            c += 1
        boxes.append((row, col, r - 1, c - 1))
    return boxes


def _column_pages(widths: Sequence[float], repeat: tuple[int, int] | None, room: float,
                  starts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The columns of each page across when ``room`` points of the sheet fit on a page (columns are not split).

    The repeated columns print on every page; the ranges list the columns each page adds.
    With ``starts``, a page begins at one of those columns where it can (a pair of
    columns under one heading stays together).
    """
    repeat_width = sum(widths[repeat[0]:repeat[1] + 1]) if repeat else 0.0
    allowed = set(starts)
    pages: list[tuple[int, int]] = []
    start, used, first_page = 0, 0.0, True
    col = 0
    while col < len(widths):
        w = widths[col]
        floor = 0.0 if first_page else repeat_width
        if w and used + w > room and used > floor:
            back = max((c for c in allowed if start < c <= col), default=col) if allowed else col
            pages.append((start, back - 1))
            start, used, first_page = back, repeat_width, False
            col = back
            continue
        used += w
        col += 1
    pages.append((start, len(widths) - 1))
    return pages


@functools.lru_cache(maxsize=256)
def _choose_scale(widths: tuple[float, ...], repeat: tuple[int, int] | None, page_width: float,
                  min_font: float, starts: tuple[int, ...] = ()) -> tuple[int, list[tuple[int, int]]]:
    """(scale %, columns per page): the largest scale needing no more pages than the smallest legible one.

    Memoized (a pure function of a few numbers): the forms of one run have the same columns.
    Callers copy the list.
    """
    smallest = min(100, math.ceil(100 * _AIM_PT / min_font))
    fewest = len(_column_pages(widths, repeat, page_width * 100 / smallest, starts))
    for scale in range(100, smallest - 1, -1):
        pages = _column_pages(widths, repeat, page_width * 100 / scale, starts)
        if len(pages) <= fewest:
            return scale, pages
    return smallest, _column_pages(widths, repeat, page_width * 100 / smallest, starts)


@dataclass(frozen=True)
class ColumnPlan:
    """Orientation, scale and the columns of each page across, decided from the column widths alone."""

    paper: Paper
    landscape: bool
    scale: int
    pages: list[tuple[int, int]]
    last_col: int
    id_cols: tuple[int, int] | None  # the columns repeated on every page across

    def page_of(self, col: int) -> tuple[int, int]:
        """The column range of the page that prints ``col``."""
        return next((p for p in self.pages if p[0] <= col <= p[1]), self.pages[-1])

    @property
    def starts(self) -> list[int]:
        """The first column of every page across but the first (manual column breaks)."""
        return [first for first, _ in self.pages[1:]]


def plan_columns(ws: Worksheet, spec: PrintSpec, paper_name: str | None = None) -> ColumnPlan:
    """How the sheet's columns go onto pages; callable once the column widths are set (before the rows).

    A sheet with text merged across columns asks for it first, so that no merged
    range straddles two pages (LibreOffice prints such text over the repeated columns).
    """
    p = paper(paper_name)
    charts = _chart_boxes(ws)
    last_col = spec.last_col if spec.last_col is not None else max([ws.dim_colmax or 0] + [b[3] for b in charts])
    text_px = spec.text_width * 7 + 5  # as xlsxwriter converts a column width in characters
    while sum(ws._size_col(c) for c in range(last_col + 1)) < text_px:
        last_col += 1
    widths = _widths(ws, last_col)
    side = MARGIN_SIDE * _PT_PER_INCH
    short, long_ = p.width_mm * _PT_PER_MM, p.height_mm * _PT_PER_MM
    landscape = spec.landscape
    if landscape is None:
        smallest = math.ceil(100 * _AIM_PT / spec.min_font)
        landscape = sum(widths) * min(smallest, 100) / 100 > short - 2 * side
    page_w = long_ if landscape else short
    id_cols = spec.id_cols
    if id_cols is not None and sum(widths[id_cols[0]:id_cols[1] + 1]) > 0.45 * (page_w - 2 * side) * 100 / min(
            100, math.ceil(100 * _AIM_PT / spec.min_font)):
        id_cols = None  # repeated columns that wide would leave little room for anything else
    id_cols = None if id_cols is None else (id_cols[0], id_cols[1])
    scale, pages = _choose_scale(tuple(widths), id_cols, page_w - 2 * side, spec.min_font, tuple(spec.col_starts))
    return ColumnPlan(paper=p, landscape=landscape, scale=scale, pages=list(pages), last_col=last_col,
                      id_cols=id_cols)


def _paginate(heights: Sequence[float], first: int, last: int, room: float, header: tuple[int, int] | None,
              groups: Sequence[int], keep: Sequence[tuple[int, int]]) -> list[int]:
    """Rows that begin a new page (manual breaks), filling pages of ``room`` points."""
    repeat = sum(heights[r] for r in range(header[0], header[1] + 1)) if header else 0.0
    header_last = header[1] if header else first - 1
    units: dict[int, int] = {}  # first row -> last row of a unit that should not be split
    group_starts = sorted(g for g in groups if first < g <= last)
    for i, g in enumerate(group_starts):
        units[g] = (group_starts[i + 1] - 1) if i + 1 < len(group_starts) else last
    hard = {}
    for a, b in keep:
        if first < a <= last:
            hard[a] = min(b, last)
    breaks: list[int] = []
    used, content = 0.0, False  # content: the page holds a row below the header rows

    def unit_height(a: int, b: int) -> float:
        return sum(heights[r] for r in range(a, b + 1))

    for r in range(first, last + 1):
        h = heights[r]
        for span_end, is_hard in ((hard.get(r), True), (units.get(r), False)):
            if span_end is None or not content:
                continue
            need = unit_height(r, span_end)
            if used + need > room and repeat + need <= room:
                breaks.append(r)
                used, content = repeat, False
            elif is_hard and used + need > room:  # too tall for any page: at least not alone at the top
                pass
        if used + h > room and content:
            breaks.append(r)
            used, content = repeat, False
        used += h
        if r > header_last:
            content = True
    return breaks


def _row_plan(heights: tuple[float, ...], scale: int, page_h: float, header: tuple[int, int] | None,
              groups: tuple[int, ...], keep: tuple[tuple[int, int], ...], min_font: float) -> tuple[int, list[int]]:
    """(scale, manual row breaks) for rows of ``heights`` on pages ``page_h`` points high (inside the margins).

    Starts from the scale the columns chose and prints a little smaller when that saves a page down:
    always if the last page would hold a few rows only, else down to a comfortable size (still legible
    either way); the column breaks stay where they are.
    """
    last_row = len(heights) - 1

    def paginate(scale: int) -> list[int]:
        room = page_h * 100 / scale * _FILL
        return _paginate(heights, 0, last_row, room, header, groups, keep)

    breaks = paginate(scale)
    if breaks:
        last_page = sum(heights[breaks[-1]:])
        nearly_empty = last_page < 0.3 * sum(heights) / len(breaks)
        floor = math.ceil(100 * _AIM_PT / min_font) if nearly_empty else max(
            math.ceil(100 * _COMFORTABLE_PT / min_font), math.ceil(100 * _AIM_PT / min_font))
        for smaller in range(scale - 1, min(floor, scale) - 1, -1):
            fewer = paginate(smaller)
            if len(fewer) < len(breaks):
                scale, breaks = smaller, fewer
                break
    return scale, breaks


#: Sheets up to this many rows (forms, small reports) have their row plan memoized: the forms of
#: one run repeat the same few layouts, and a key of that size costs little to hash and to keep.
_MEMO_ROWS = 400
_row_plan_memo = functools.lru_cache(maxsize=128)(_row_plan)


def apply(ws: Worksheet, spec: PrintSpec, paper_name: str | None = None) -> PageSetup:
    """Set up ``ws`` for printing on ``paper_name`` (see the module's description). Call after writing."""
    plan = plan_columns(ws, spec, paper_name)
    p, landscape, scale, last_col = plan.paper, plan.landscape, plan.scale, plan.last_col
    charts = _chart_boxes(ws)
    last_row = spec.last_row if spec.last_row is not None else max([ws.dim_rowmax or 0] + [b[2] for b in charts])
    keep = [*spec.keep, *((b[0], b[2]) for b in charts)]  # a chart is never cut in two
    top, bottom = MARGIN_TOP * _PT_PER_INCH, MARGIN_BOTTOM * _PT_PER_INCH
    short, long_ = p.width_mm * _PT_PER_MM, p.height_mm * _PT_PER_MM
    page_h = short if landscape else long_
    heights = tuple(_height(ws, r) for r in range(last_row + 1))
    header = None if spec.header is None else (spec.header[0], spec.header[1])
    rows = (heights, scale, page_h - top - bottom, header, tuple(spec.groups), tuple((a, b) for a, b in keep),
            spec.min_font)
    scale, shared = _row_plan_memo(*rows) if len(heights) <= _MEMO_ROWS else _row_plan(*rows)
    breaks = list(shared)  # the memoized list stays as it is
    check(ws.set_paper(p.code), "set_paper")
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    check(ws.set_print_scale(scale), "set_print_scale")
    ws.fit_page = 0
    ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
    check(ws.print_area(0, 0, last_row, last_col), "print_area")
    if spec.header is not None:
        check(ws.repeat_rows(*spec.header), "repeat_rows")
    if plan.id_cols is not None and len(plan.pages) > 1:
        check(ws.repeat_columns(*plan.id_cols), "repeat_columns")
    if breaks:
        check(ws.set_h_pagebreaks(breaks), "set_h_pagebreaks")
    if plan.starts:
        check(ws.set_v_pagebreaks(plan.starts), "set_v_pagebreaks")
    ws.set_footer(footer(spec.footer, scale))
    return PageSetup(paper=p, landscape=landscape, scale=scale, pages_across=len(plan.pages), breaks=breaks)


def footer(text: str, scale: int) -> str:
    """The footer: ``text`` above the sheet's name on the left, page numbers on the right.

    Two lines, so a long title never runs into the page numbers of a portrait page.
    LibreOffice prints the footer at the sheet's scale, so its font grows as the scale shrinks.
    """
    size = max(8, math.ceil(_AIM_PT * 100 / scale))
    safe = text.replace("&", "&&")
    left = f"{safe}\n&A" if safe else "&A"
    return f"&L&{size} {left}&R&{size} Halaman &P dari &N"
