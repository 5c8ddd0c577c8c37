"""*Elemen Data*: each element × TW I–IV as values, with the submission each came from.

The column s.d. TW n aggregates the quarters by the element's own agregasi: an indicator
"dari elemen" is its rumus over these cells (a ratio of sums).
"""

from __future__ import annotations

import datetime as dt

from xlsxwriter.worksheet import Worksheet

from kinerja_xl import scoring
from kinerja_xl.catalog.model import TipeElemen
from kinerja_xl.recap.layout import (
    CENTER,
    DATE,
    INT,
    NUM,
    PCT,
    SHEET_ELEMEN,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
    fit_width,
)
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    fit_row,
    formula,
    print_table,
    start_table,
    title_block,
)
from kinerja_xl.recap.texts import tw_label

_KIND = {TipeElemen.BULAT: INT, TipeElemen.DESIMAL: NUM, TipeElemen.PERSEN: PCT}
SD = "sd"  # the column of the quarters aggregated to date


def value_key(q: int) -> str:
    return f"tw{q}"


def layout(model: RecapModel) -> SheetLayout:
    rows = model.elemen
    period_q = model.period.quarters
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", fit_width((r.elemen.kode for r in rows), "Kode", maximum=14), TEXT),
        Column("elemen", "Elemen Data", fit_width((r.elemen.nama for r in rows), "", minimum=30, maximum=55), WRAP),
        Column("satuan", "Satuan", fit_width((r.elemen.satuan for r in rows), "Satuan", maximum=16), TEXT),
        Column("bidang", "Bidang", fit_width((r.elemen.bidang for r in rows), "Bidang", maximum=14), TEXT),
        Column("agregasi", "Agregasi", 12, TEXT),
    ]
    for q in range(1, 5):
        width = fit_width((r.values[q - 1] for r in rows), tw_label(q), minimum=11, maximum=22)
        cols.append(Column(value_key(q), tw_label(q), width, NUM, emphasis=q in period_q))
    cols.append(Column(SD, f"s.d. {tw_label(model.last_quarter)}", 13, NUM, emphasis=True))
    cols.append(Column("keterangan", "Keterangan / Sumber Data",
                       fit_width((r.keterangan for r in rows), "", minimum=20, maximum=45), WRAP))
    for q in range(1, 5):
        names = (s.file_name for r in rows for s in r.sources[q - 1:q] if s is not None)
        cols.append(Column(f"berkas{q}", f"Berkas {tw_label(q)}", fit_width(names, "", minimum=14, maximum=40),
                           TEXT, machine=True))
        cols.append(Column(f"diterima{q}", f"Diterima {tw_label(q)}", 16, DATE, machine=True))
    return SheetLayout(SHEET_ELEMEN, cols, (r.elemen.kode for r in rows))


def _when(text: str) -> dt.datetime | str:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return when.replace(tzinfo=None)


def write(ws: Worksheet, ctx: Context) -> None:
    lay = ctx.layouts[SHEET_ELEMEN]
    fmt = ctx.fmt
    title_block(ws, ctx, "ELEMEN DATA PER TRIWULAN",
                (("Nilai yang dilaporkan bidang dan diterima; kolom s.d. digabung menurut agregasi elemen. "
                 "Sel kosong: belum dilaporkan."),))
    start_table(ws, lay, ctx)
    c = lay.col
    last = ctx.model.last_quarter
    for i, r in enumerate(ctx.model.elemen, start=1):
        row = lay.row(r.elemen.kode)
        el = r.elemen
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), el.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("elemen"), el.nama, fmt.cell(WRAP))
        cell_value(ws, row, c("satuan"), el.satuan, fmt.cell(TEXT))
        cell_value(ws, row, c("bidang"), el.bidang, fmt.cell(TEXT))
        cell_value(ws, row, c("agregasi"), str(el.agregasi), fmt.cell(TEXT))
        kind = _KIND.get(el.tipe, NUM)
        for q in range(1, 5):
            cell_value(ws, row, c(value_key(q)), r.values[q - 1], fmt.cell(kind))
        refs = [lay.ref(el.kode, value_key(q), external=False) for q in range(1, last + 1)]
        formula(ws, row, c(SD), scoring.aggregate_excel(refs, el.agregasi),
                scoring.aggregate(r.values[:last], el.agregasi), fmt.cell(kind))
        cell_value(ws, row, c("keterangan"), r.keterangan, fmt.cell(WRAP))
        fit_row(ws, lay, row, {"elemen": el.nama, "keterangan": r.keterangan})
        for q in range(1, 5):
            src = r.sources[q - 1]
            cell_value(ws, row, c(f"berkas{q}"), src.file_name if src else None, fmt.cell(TEXT))
            cell_value(ws, row, c(f"diterima{q}"), _when(src.received_at) if src else None, fmt.cell(DATE))
    print_table(ws, ctx, lay)
