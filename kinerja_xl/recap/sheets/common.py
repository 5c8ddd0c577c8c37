"""Helpers every recap sheet uses: the context, title block, tables written row by row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.recap.layout import HEADER_ROW, SheetLayout
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.styles import Formats, whole_numbers
from kinerja_xl.recap.texts import MAX_TEXT
from kinerja_xl.xlsx import LINE_HEIGHT, add_streamed_table, check, wrapped_lines

TABLE_STYLE = "Table Style Light 9"


def tanggal(date: dt.date) -> str:
    """``7 Januari 2026``."""
    return tanggal_indonesia(date)


@dataclass
class Context:
    model: RecapModel
    layouts: dict[str, SheetLayout]
    fmt: Formats
    generated: dt.datetime
    workbook: xlsxwriter.Workbook
    #: sheet name -> width (characters of 10 pt) of the title block's free-flowing text
    text_widths: dict[str, float] = field(default_factory=dict)

    @property
    def paper(self) -> str:
        return self.model.catalog.instansi.kertas

    @property
    def footer_title(self) -> str:
        return f"Rekap Capaian Kinerja {self.model.period.label} — {self.model.catalog.instansi.nama_opd}"


def cell_value(ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None) -> None:
    """Write a plain value: None → formatted blank, text with write_string, numbers as numbers."""
    if value is None or value == "":
        check(ws.write_blank(row, col, None, fmt), "write_blank")
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:  # Excel's cell limit; joined kendala of four quarters could pass it
            value = value[:MAX_TEXT - 1] + "…"
        check(ws.write_string(row, col, value, fmt), "write_string")
    elif isinstance(value, dt.datetime):
        check(ws.write_datetime(row, col, value, fmt), "write_datetime")
    elif isinstance(value, bool):
        check(ws.write_boolean(row, col, value, fmt), "write_boolean")
    else:
        check(ws.write_number(row, col, value, fmt), "write_number")


def formula(ws: Worksheet, row: int, col: int, text: str, value: Any, fmt: Format | None) -> None:
    """Write a formula with its computed value (None → "")."""
    check(ws.write_formula(row, col, text, fmt, "" if value is None else value), "write_formula")


def title_block(ws: Worksheet, ctx: Context, title: str, lines: tuple[str, ...] = (), *,
                quarter_columns: bool = True) -> None:
    """Rows 0–3: title, agency, period and data span (the table header follows on HEADER_ROW).

    ``quarter_columns``: the sheet shows quarter columns, so a Semester II recap says what they hold."""
    m = ctx.model
    ins = m.catalog.instansi
    check(ws.write_string(0, 0, title, ctx.fmt.title), "title")
    check(ws.write_string(1, 0, f"{ins.nama_opd} — {ins.pemerintah_daerah}", ctx.fmt.subtitle), "title")
    last = m.last_quarter
    span = "TW I" if last == 1 else f"TW I s.d. TW {('I', 'II', 'III', 'IV')[last - 1]}"
    text = f"Periode: {m.period.label} (data {span}). Disusun {tanggal(ctx.generated.date())}."
    if quarter_columns and m.period.kind == "S" and m.period.n == 2:
        text += (" Semester II: kolom TW III dan TW IV = triwulan masing-masing; kolom s.d. TW IV = akumulasi "
                 "TW I–IV (bukan TW III–IV saja).")
    if m.belum_diterima:
        text += " DATA BELUM LENGKAP: lihat kolom Catatan."
    check(ws.write_string(2, 0, text, ctx.fmt.text), "title")
    for i, line in enumerate(lines):
        row = 3 + i
        if row >= HEADER_ROW:
            raise ValueError("title block too long")
        check(ws.write_string(row, 0, line, ctx.fmt.note), "title")
    # the text flows over the columns to its right: the print area must reach as far
    ctx.text_widths[ws.name] = max([len(title) * 1.5, len(f"{ins.nama_opd} — {ins.pemerintah_daerah}") * 1.15,
                                    len(text), *(len(line) for line in lines)])


def start_table(ws: Worksheet, layout: SheetLayout, ctx: Context, *, total_row: bool = False) -> None:
    """Column widths, the header row, an Excel table over the data rows, frozen panes.

    Must be called after the title block and before the first data row
    (the sheet is written top to bottom).
    """
    fmt = ctx.fmt
    for i, c in enumerate(layout.columns):
        col_options = {"hidden": True, "level": 1, "collapsed": False} if c.hidden else {}
        check(ws.set_column(i, i, c.width, None, col_options), "set_column")
    columns = [{"header": c.header, "header_format": fmt.header_emphasis if c.emphasis else fmt.header}
               for c in layout.columns]
    options: dict[str, Any] = {"columns": columns, "style": TABLE_STYLE, "autofilter": True, "banded_rows": True,
               "name": "T_" + "".join(ch for ch in layout.name.title() if ch.isalnum())}
    add_streamed_table(ws, layout.header_row, layout.last_row, layout.last_col, options)
    check(ws.set_row(layout.header_row, 54), "set_row")  # four lines of a wrapped header
    whole_numbers(ws, fmt, layout)
    check(ws.freeze_panes(layout.first_row, 0), "freeze_panes")


def predikat_colours(ws: Worksheet, layout: SheetLayout, ctx: Context, *col_keys: str) -> None:
    """Colour the predikat cells by band (lowest red … highest green)."""
    labels = ctx.model.labels
    formats = ctx.fmt.band_formats(len(labels))
    last = max(layout.last_row, layout.first_row)
    for key in col_keys:
        col = layout.col(key)
        for label, band_fmt in zip(labels, formats, strict=True):
            quoted = '"' + label.replace('"', '""') + '"'
            check(ws.conditional_format(layout.first_row, col, last, col,
                                        {"type": "cell", "criteria": "==", "value": quoted,
                                         "format": band_fmt}), "conditional_format")



def fit_row(ws: Worksheet, lay: SheetLayout, row: int, texts: dict[str, Any]) -> None:
    """Make ``row`` tall enough for its wrapped texts (column key -> text).

    Neither Excel nor LibreOffice grows the rows of a generated file by itself.
    """
    lines = max((wrapped_lines(t, lay.column(k).width) for k, t in texts.items() if t), default=1)
    if lines > 1:
        check(ws.set_row(row, min(LINE_HEIGHT * lines, 409)), "set_row")


def table_print_spec(ws: Worksheet, ctx: Context, lay: SheetLayout, *, groups: Sequence[int] = (),
                     landscape: bool | None = None) -> printing.PrintSpec:
    """How a table sheet prints: its header row and identifying columns on every page."""
    return printing.PrintSpec(
        footer=ctx.footer_title, header=(lay.header_row, lay.header_row), id_cols=lay.id_columns(),
        last_col=lay.last_print_col(), groups=groups, landscape=landscape,
        text_width=ctx.text_widths.get(ws.name, 0.0))


def print_table(ws: Worksheet, ctx: Context, lay: SheetLayout, *, groups: Sequence[int] = (),
                landscape: bool | None = None) -> printing.PageSetup:
    """Print setup of a table sheet (call once its rows are written)."""
    return printing.apply(ws, table_print_spec(ws, ctx, lay, groups=groups, landscape=landscape), ctx.paper)
