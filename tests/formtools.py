"""Helpers for the form tests: build forms with our writer and find things in them by header name.

Import as ``from formtools import ...``. Like intake, these helpers locate tables by
their header texts (``kinerja_xl.forms.layout``), never by fixed row numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.forms import layout

CREATED = dt.datetime(2025, 3, 20, 8, 30)


@dataclass(frozen=True)
class Table:
    header_row: int  # 1-based
    cols: dict[str, int]  # normalized header -> 1-based column
    rows: dict[str, int]  # code -> 1-based row

    def col(self, header: str) -> int:
        return self.cols[layout.normalize_header(header)]

    def cell(self, code: str, header: str) -> str:
        """The A1 address of the cell of ``code``'s row under ``header``."""
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.col(header))}{self.rows[code]}"


def find_table(ws: Worksheet, *headers: str) -> Table:
    """The table whose header row holds all ``headers``; its rows keyed by the Kode column."""
    wanted = {layout.normalize_header(h) for h in headers}
    for row in ws.iter_rows():
        cols = {layout.normalize_header(c.value): c.column for c in row if isinstance(c.value, str)}
        if wanted <= cols.keys():
            header_row = row[0].row
            kode = cols[layout.normalize_header(layout.H_KODE)]
            rows: dict[str, int] = {}
            r = header_row + 1
            while isinstance(ws.cell(r, kode).value, str) and ws.cell(r, kode).value:
                rows[ws.cell(r, kode).value] = r
                r += 1
            return Table(header_row, cols, rows)
    raise AssertionError(f"no table with headers {headers} on sheet {ws.title}")


def element_table(ws: Worksheet) -> Table:
    return find_table(ws, layout.H_KODE, layout.H_ELEMEN, layout.H_KETERANGAN)


def indicator_table(ws: Worksheet) -> Table:
    return find_table(ws, layout.H_KODE, layout.H_INDIKATOR, layout.H_KENDALA)


def load(path: Path, *, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=values)


def label_cell(ws: Worksheet, label: str) -> str:
    """The A1 address right of the cell holding ``label``."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == label:
                return ws.cell(c.row, c.column + 1).coordinate
    raise AssertionError(f"label {label!r} not on sheet {ws.title}")
