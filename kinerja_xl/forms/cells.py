"""Writing cells of a form: cached formats and checked xlsxwriter calls.

xlsxwriter reports many mistakes only as a negative return value (and a
warning); every call here goes through :func:`kinerja_xl.xlsx.check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.xlsx import check, fit_text

if TYPE_CHECKING:
    from kinerja_xl.forms.context import FormContext

FONT_SIZE = 10
FONT = {"font_name": "Calibri", "font_size": FONT_SIZE, "valign": "top"}

# Colours (fills) — also named in the Petunjuk legend.
FILL_HEADER = "#D9E1F2"
FILL_LOCKED = "#F2F2F2"  # read-only context and formula cells
FILL_INPUT = "#E2EFDA"  # light green: where people type
FILL_WAJIB_KOSONG = "#FFEB9C"  # conditional: a required input still empty (kuning)
FILL_KENDALA = "#F8CBAD"  # conditional: capaian < 100 and no kendala (jingga)
FILL_CATATAN = "#FFC7CE"  # a cell with a note from the Sub Bagian Perencanaan (merah)
FONT_CATATAN = "#9C0006"

NUM_BULAT = "#,##0"
NUM_DESIMAL = "#,##0.00"
DATE_FORMAT = "dd-mm-yyyy"


class Styles:
    """Formats of one workbook, created once per distinct set of properties."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._asked: dict[tuple[tuple[str, Any], ...], Format] = {}  # the properties as a call gave them

    def get(self, **props: Any) -> Format:
        asked = tuple(props.items())
        fmt = self._asked.get(asked)
        if fmt is None:
            merged = {**FONT, **props}
            key = tuple(sorted(merged.items()))
            fmt = self._cache.get(key)
            if fmt is None:
                fmt = self.workbook.add_format(merged)
                self._cache[key] = fmt
            self._asked[asked] = fmt
        return fmt

    def highlight(self, bg_color: str) -> Format:
        """A conditional-format (dxf) fill."""
        key = (("dxf_bg_color", bg_color),)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self.workbook.add_format({"bg_color": bg_color})
            self._cache[key] = fmt
        return fmt

    # --- the recurring kinds of cell ---------------------------------------------------

    def title(self) -> Format:
        return self.get(bold=True, font_size=13, valign="vcenter")

    def label(self, **extra: Any) -> Format:
        return self.get(bold=True, **extra)

    def text(self, **extra: Any) -> Format:
        return self.get(text_wrap=True, **extra)

    def header(self) -> Format:
        return self.get(bold=True, text_wrap=True, border=1, align="center", valign="vcenter",
                        bg_color=FILL_HEADER)

    def locked(self, num_format: str | None = None, **extra: Any) -> Format:
        """A bordered, read-only table cell (grey)."""
        props: dict[str, Any] = {"border": 1, "text_wrap": True, "bg_color": FILL_LOCKED, **extra}
        if num_format:
            props["num_format"] = num_format
        return self.get(**props)

    def plain(self, num_format: str | None = None, **extra: Any) -> Format:
        """A bordered, read-only table cell (white): catalog text such as codes and names."""
        props: dict[str, Any] = {"border": 1, "text_wrap": True, **extra}
        if num_format:
            props["num_format"] = num_format
        return self.get(**props)

    def input(self, num_format: str | None = None, *, noted: bool = False, **extra: Any) -> Format:
        """An unlocked input cell; ``noted`` gives it the red "catatan" fill."""
        props: dict[str, Any] = {"border": 1, "text_wrap": True, "locked": False,
                                 "bg_color": FILL_CATATAN if noted else FILL_INPUT, **extra}
        if noted:
            props["font_color"] = FONT_CATATAN
        if num_format:
            props["num_format"] = num_format
        return self.get(**props)


# --- checked writes ----------------------------------------------------------------


# The message of a refused write is made only when xlsxwriter refuses it (0 means written).


def put_string(ws: Worksheet, row: int, col: int, text: str, fmt: Format | None = None) -> None:
    ret = ws.write_string(row, col, fit_text(text), fmt)
    if ret:
        check(ret, f"write_string {ws.name}!R{row + 1}C{col + 1}")


def put_number(ws: Worksheet, row: int, col: int, value: float, fmt: Format | None = None) -> None:
    ret = ws.write_number(row, col, value, fmt)
    if ret:
        check(ret, f"write_number {ws.name}!R{row + 1}C{col + 1}")


def put_blank(ws: Worksheet, row: int, col: int, fmt: Format) -> None:
    ret = ws.write_blank(row, col, None, fmt)
    if ret:
        check(ret, f"write_blank {ws.name}!R{row + 1}C{col + 1}")


def put_formula(ws: Worksheet, row: int, col: int, formula: str, fmt: Format,
                value: float | str | None) -> None:
    """A formula with its computed value (``None`` is written as ``""``)."""
    cached: float | str = "" if value is None else value
    ret = ws.write_formula(row, col, formula, fmt, cached)
    if ret:
        check(ret, f"write_formula {ws.name}!R{row + 1}C{col + 1}")


def put_date(ws: Worksheet, row: int, col: int, value: dt.date, fmt: Format) -> None:
    when = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    check(ws.write_datetime(row, col, when, fmt), f"write_datetime {ws.name}!R{row + 1}C{col + 1}")


def put_value(ws: Worksheet, row: int, col: int, value: object, fmt: Format) -> None:
    """A value a person typed: a number, text (as text, never a formula) or nothing."""
    if value is None or value == "":
        put_blank(ws, row, col, fmt)
    elif isinstance(value, bool):
        check(ws.write_boolean(row, col, value, fmt), f"write_boolean {ws.name}!R{row + 1}C{col + 1}")
    elif isinstance(value, (int, float)):
        put_number(ws, row, col, float(value), fmt)
    elif isinstance(value, dt.date):
        put_date(ws, row, col, value, fmt)
    else:
        put_string(ws, row, col, str(value), fmt)


def merge_text(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int, text: str,
               fmt: Format) -> None:
    """A merged range holding people's text (written with write_string, never as a formula)."""
    check(ws.merge_range(first_row, first_col, last_row, last_col, "", fmt), f"merge_range {ws.name}")
    put_string(ws, first_row, first_col, text, fmt)


def validate(ws: Worksheet, row: int, col: int, options: Mapping[str, Any], last_row: int | None = None,
             last_col: int | None = None) -> None:
    check(ws.data_validation(row, col, row if last_row is None else last_row,
                             col if last_col is None else last_col, dict(options)),
          f"data_validation {ws.name}!R{row + 1}C{col + 1}")


def conditional(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int,
                options: Mapping[str, Any]) -> None:
    check(ws.conditional_format(first_row, first_col, last_row, last_col, dict(options)),
          f"conditional_format {ws.name}!R{first_row + 1}C{first_col + 1}")


def comment(ws: Worksheet, row: int, col: int, text: str) -> None:
    check(ws.write_comment(row, col, clip(text, 32_000), {"author": "Sub Bagian Perencanaan", "x_scale": 2.5,
                                            "y_scale": 2, "font_size": 9}),
          f"write_comment {ws.name}!R{row + 1}C{col + 1}")


def clip(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` characters (Excel's limits on validation texts)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def protect(ws: Worksheet, password: str, **options: bool) -> None:
    """Protect a sheet: locked cells can be selected, not changed."""
    ws.protect(password, {"select_locked_cells": True, "select_unlocked_cells": True, **options})


def print_setup(ws: Worksheet, ctx: FormContext, *, repeat_row: int | None = None,
                id_cols: tuple[int, int] | None = None) -> None:
    """The catalog's paper at a legible scale, the table header on every page, the form id in the footer.

    Call once the sheet's rows are written (the page breaks follow their heights).
    """
    header = None if repeat_row is None else (repeat_row, repeat_row)
    printing.apply(ws, printing.PrintSpec(footer=ctx.form_id, header=header, id_cols=id_cols,
                                          min_font=FONT_SIZE),
                   ctx.catalog.instansi.kertas)
