"""Helpers for the recap's form-shaped sheets (E.81, Perjanjian Kinerja): merged cells written row by row,
level formats of a budget tree, text rows tall enough for their text, and signature blocks.

The workbook is written in ``constant_memory`` mode: a row cannot be touched
once a later row is written, so a merged range that spans rows is recorded
first and its cells are written in row order (:func:`write_spans`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import angka
from kinerja_xl.recap.sheets.common import cell_value
from kinerja_xl.recap.styles import FONT, HEADER_FILL
from kinerja_xl.recap.texts import MAX_TEXT
from kinerja_xl.xlsx import check

#: Number formats of the budget sheets: K in its unit, rupiah, percent.
K_FORMAT, RP_FORMAT, PCT_FORMAT = "#,##0.00", "#,##0", "0.00"
LEVEL_FILL = ("#F2F2F2", None, None)  # program rows shaded
POINTS_PER_LINE = 13.0


#: Excel functions take at most 255 arguments: longer lists of children are summed in chunks.
MAX_ARGS = 200


def call(fn: str, refs: list[str]) -> str:
    """``SUM(a,b,…)`` / ``COUNT(…)``, nested in chunks when there are too many arguments."""
    if len(refs) <= MAX_ARGS:
        return f"{fn}({','.join(refs)})"
    return "SUM(" + ",".join(call(fn, refs[i:i + MAX_ARGS]) for i in range(0, len(refs), MAX_ARGS)) + ")"


@dataclass(frozen=True)
class Span:
    """A cell or merged range with its text (or number) and format."""

    r1: int
    c1: int
    r2: int
    c2: int
    value: Any
    fmt: Format | None


@dataclass(frozen=True)
class Formula:
    """A formula as a span's value, with its computed value (None → "")."""

    text: str
    value: Any


def span(row: int, col: int, value: Any, fmt: Format | None, *, rows: int = 1, cols: int = 1) -> Span:
    return Span(row, col, row + rows - 1, col + cols - 1, value, fmt)


def split_at(spans: Iterable[Span], starts: Sequence[int]) -> list[Span]:
    """Merged ranges cut where a printed page across begins, each piece with the same text.

    LibreOffice prints a merged range that straddles two pages over the repeated
    columns of the next page; a heading repeated on both pages reads right.
    """
    out: list[Span] = []
    for s in spans:
        cuts = [c for c in starts if s.c1 < c <= s.c2]
        first = s.c1
        for c in [*cuts, s.c2 + 1]:
            out.append(Span(s.r1, first, s.r2, c - 1, s.value, s.fmt))
            first = c
    return out


def write_spans(ws: Worksheet, spans: Iterable[Span]) -> None:
    """Write cells and merged ranges in row order (every cell of a merged range gets the format)."""
    cells: dict[tuple[int, int], tuple[Any, Format | None]] = {}
    for s in spans:
        if (s.r1, s.c1) != (s.r2, s.c2):
            ref = xl_range(s.r1, s.c1, s.r2, s.c2)
            ws.merge.append((s.r1, s.c1, s.r2, s.c2))  # xlsxwriter only unpacks it
            for r in range(s.r1, s.r2 + 1):
                for c in range(s.c1, s.c2 + 1):
                    if (r, c) in ws.merged_cells:
                        raise ValueError(f"merged range {ref} overlaps {ws.merged_cells[(r, c)]}")
                    ws.merged_cells[(r, c)] = ref
                    cells[(r, c)] = (None, s.fmt)
        cells[(s.r1, s.c1)] = (s.value, s.fmt)
    for (r, c) in sorted(cells):
        value, fmt = cells[(r, c)]
        if isinstance(value, Formula):
            check(ws.write_formula(r, c, value.text, fmt, "" if value.value is None else value.value),
                  "write_formula")
        else:
            cell_value(ws, r, c, value, fmt)


def text_height(text: str, width_chars: float, *, minimum: float = 15.0) -> float:
    """Row height (points) for wrapped ``text`` in a cell ``width_chars`` wide."""
    per_line = max(width_chars * 1.25, 10.0)
    lines = sum(max(1, math.ceil(len(line) / per_line)) for line in (text[:MAX_TEXT].splitlines() or [""]))
    return float(min(max(minimum, lines * POINTS_PER_LINE + 4), 409))


class DocFormats:
    """Formats of the form-shaped sheets (created on first use; xlsxwriter shares identical ones)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self._wb = wb
        self._cache: dict[tuple[Any, ...], Format] = {}
        self.font_size = 9.0
        base = {"font_name": FONT, "font_size": self.font_size, "valign": "top"}
        self.base = base
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "valign": "vcenter",
                                     "align": "center", "border": 1, "bg_color": HEADER_FILL})
        self.number_row = wb.add_format({**base, "italic": True, "align": "center", "valign": "vcenter",
                                         "border": 1, "bg_color": HEADER_FILL, "text_wrap": True})
        self.label = wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True, "valign": "vcenter"})
        self.box = wb.add_format({**base, "border": 1, "text_wrap": True})
        self.box_center = wb.add_format({**base, "border": 1, "align": "center", "valign": "vcenter", "bold": True,
                                         "text_wrap": True})
        self.center = wb.add_format({**base, "align": "center", "text_wrap": True})
        self.center_bold = wb.add_format({**base, "align": "center", "bold": True, "text_wrap": True})
        self.name = wb.add_format({**base, "align": "center", "bold": True, "underline": 1})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.title = wb.add_format({**base, "bold": True, "font_size": 13, "align": "center", "text_wrap": True})
        self.subtitle = wb.add_format({**base, "bold": True, "font_size": 11, "align": "center", "text_wrap": True})
        self.text = wb.add_format(base)
        self.paragraph = wb.add_format({**base, "font_size": 10, "text_wrap": True, "align": "justify"})
        self.section = wb.add_format({**base, "bold": True, "font_size": 10})

    def cell(self, kind: str, depth: int = 2, *, bold: bool = False) -> Format:
        """A bordered data cell: kind text/wrap/center/k/rp/pct, shaded and bold by tree depth."""
        key = (kind, min(depth, 2), bold)
        fmt = self._cache.get(key)
        if fmt is None:
            props: dict[str, Any] = {**self.base, "border": 1}
            if kind == "wrap":
                props["text_wrap"] = True
            elif kind == "center":
                props["align"] = "center"
            elif kind == "indent":
                props.update(text_wrap=True, indent=min(depth, 2))
            elif kind in ("k", "rp", "pct"):
                props["num_format"] = {"k": K_FORMAT, "rp": RP_FORMAT, "pct": PCT_FORMAT}[kind]
            fill = LEVEL_FILL[min(depth, 2)]
            if fill:
                props["bg_color"] = fill
            if bold or depth < 2:
                props["bold"] = True
            fmt = self._wb.add_format(props)
            self._cache[key] = fmt
        return fmt


@dataclass(frozen=True)
class Signature:
    """A signature block: the lines above the room to sign, then the name and NIP lines."""

    first: int  # first column of the block
    last: int  # last column
    above: Sequence[str]  # e.g. date, "Disusun,", position
    nama: str
    nip: str


def signature_spans(row: int, blocks: Sequence[Signature], fmt: DocFormats, *, room: int = 4) -> tuple[list[Span], int]:
    """Signature blocks side by side from ``row``; returns the spans and the next free row.

    Blocks with fewer lines above are aligned at the bottom (the names share a row).
    """
    height = max(len(b.above) for b in blocks)
    spans: list[Span] = []
    name_row = row + height + room
    for b in blocks:
        width = b.last - b.first + 1
        start = row + height - len(b.above)
        for i, line in enumerate(b.above):
            spans.append(span(start + i, b.first, line, fmt.center_bold if i == len(b.above) - 1 else fmt.center,
                              cols=width))
        nama = b.nama or "(" + "." * 40 + ")"
        spans.append(span(name_row, b.first, nama, fmt.name, cols=width))
        spans.append(span(name_row + 1, b.first, f"NIP. {angka.nip(b.nip)}" if b.nip else "NIP. " + "." * 30, fmt.center,
                          cols=width))
    return spans, name_row + 2
