"""Cell formats and predikat colours shared by the recap's sheets (print setup: :mod:`kinerja_xl.printing`)."""

from __future__ import annotations

from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.recap.layout import (
    CENTER,
    DATE,
    INT,
    NUM,
    PCT,
    PRED,
    TEXT,
    WRAP,
    SheetLayout,
)
from kinerja_xl.xlsx import check

FONT = "Calibri"
HEADER_FILL = "#DDEBF7"
EMPHASIS_FILL = "#9BC2E6"
#: Predikat colours from the lowest band to the highest (fill, font).
BAND_COLOURS = (("#F8CBAD", "#9C0006"), ("#FCE4D6", "#833C0B"), ("#FFF2CC", "#7F6000"),
                ("#E2EFDA", "#375623"), ("#C6EFCE", "#006100"))

NUMBER_FORMATS = {INT: "#,##0", NUM: "#,##0.00", PCT: "0.00", DATE: "dd/mm/yyyy hh:mm"}


class Formats:
    """The workbook's formats, created once."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self._wb = wb
        base: dict[str, Any] = {"font_name": FONT, "font_size": 10, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.subtitle = wb.add_format({**base, "bold": True, "font_size": 11})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.text = wb.add_format(base)
        self.bold = wb.add_format({**base, "bold": True})
        header = {**base, "bold": True, "text_wrap": True, "valign": "vcenter", "align": "center",
                  "border": 1, "bg_color": HEADER_FILL}
        self.header = wb.add_format(header)
        self.header_emphasis = wb.add_format({**header, "bg_color": EMPHASIS_FILL})
        self.cells: dict[str, Format] = {
            TEXT: wb.add_format({**base, "border": 1}),
            WRAP: wb.add_format({**base, "border": 1, "text_wrap": True}),
            CENTER: wb.add_format({**base, "border": 1, "align": "center"}),
            PRED: wb.add_format({**base, "border": 1, "align": "center"}),
        }
        for kind, num_format in NUMBER_FORMATS.items():
            self.cells[kind] = wb.add_format({**base, "border": 1, "num_format": num_format})
        self.bands = [wb.add_format({"bg_color": fill, "font_color": font}) for fill, font in BAND_COLOURS]
        self.signature_line = wb.add_format({**base, "bold": True, "underline": 1, "align": "center"})
        self.center = wb.add_format({**base, "align": "center", "text_wrap": True})
        self.whole = wb.add_format({"num_format": NUMBER_FORMATS[INT]})

    def cell(self, kind: str) -> Format:
        return self.cells[kind]

    def band_formats(self, n: int) -> list[Format]:
        """Colours for a scale of ``n`` bands, lowest first (red … green)."""
        if n >= len(self.bands):
            return [self.bands[min(i, len(self.bands) - 1)] for i in range(n)]
        picks = [round(i * (len(self.bands) - 1) / max(n - 1, 1)) for i in range(n)]
        return [self.bands[i] for i in picks]


def whole_numbers(ws: Worksheet, fmt: Formats, layout: SheetLayout) -> None:
    """Whole numbers of the layout's NUM columns print without decimals (20, not 20.00).

    A conditional number format, so a figure typed or recalculated later follows it too.
    """
    first, last = layout.first_row, max(layout.last_row, layout.first_row)
    for col, c in enumerate(layout.columns):
        if c.kind != NUM or c.hidden:
            continue
        cell = xl_rowcol_to_cell(first, col)
        check(ws.conditional_format(first, col, last, col, {
            "type": "formula", "criteria": f"=AND(ISNUMBER({cell}),{cell}=INT({cell}))", "format": fmt.whole}),
            "conditional_format")
