"""*Status Pengumpulan*: each bidang's collection state (from the ledger)."""

from __future__ import annotations

import datetime as dt

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.recap.layout import (
    CENTER,
    DATE,
    SHEET_STATUS,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
    fit_width,
)
from kinerja_xl.recap.model import BELUM, DITERIMA, RecapModel
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    print_table,
    start_table,
    title_block,
)
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import check


def quarter_key(q: int) -> str:
    return f"tw{q}"


def layout(model: RecapModel) -> SheetLayout:
    rows = model.status
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode Bidang", fit_width((r.bidang.kode for r in rows), "Kode Bidang", maximum=14), TEXT),
        Column("nama", "Nama Bidang", fit_width((r.bidang.nama for r in rows), "", minimum=20, maximum=45), WRAP),
        Column("kepala", "Kepala Bidang", fit_width((r.bidang.kepala_nama for r in rows), "", minimum=16,
                                                    maximum=32), WRAP),
    ]
    for q in range(1, 5):
        cols.append(Column(quarter_key(q), tw_label(q), 10, CENTER, emphasis=q in model.period.quarters))
    last = tw_label(model.last_quarter)
    cols += [
        Column("state", f"Status {last}", fit_width((r.state for r in rows), "", minimum=14, maximum=30), WRAP),
        Column("received", f"Diterima Pada ({last})", 17, DATE),
        Column("revisi", "Revisi", 8, CENTER),
    ]
    return SheetLayout(SHEET_STATUS, cols, (r.bidang.kode for r in rows))


def write(ws: Worksheet, ctx: Context) -> None:
    lay = ctx.layouts[SHEET_STATUS]
    fmt = ctx.fmt
    title_block(ws, ctx, "STATUS PENGUMPULAN DATA KINERJA", (
        f"{DITERIMA}: isian triwulan itu sudah diterima dan masuk rekap. {BELUM}: belum ada isian yang diterima.",))
    start_table(ws, lay, ctx)
    c = lay.col
    for i, r in enumerate(ctx.model.status, start=1):
        row = lay.row(r.bidang.kode)
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), r.bidang.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("nama"), r.bidang.nama, fmt.cell(WRAP))
        cell_value(ws, row, c("kepala"), r.bidang.kepala_nama, fmt.cell(WRAP))
        for q in range(1, 5):
            cell_value(ws, row, c(quarter_key(q)), r.per_quarter[q - 1], fmt.cell(CENTER))
        cell_value(ws, row, c("state"), r.state[:1].upper() + r.state[1:], fmt.cell(WRAP))
        received: object = r.received_at
        try:
            received = dt.datetime.fromisoformat(r.received_at).replace(tzinfo=None) if r.received_at else None
        except ValueError:
            pass
        cell_value(ws, row, c("received"), received, fmt.cell(DATE))
        cell_value(ws, row, c("revisi"), r.revisi, fmt.cell(CENTER))
    first, last = lay.first_row, max(lay.last_row, lay.first_row)
    for q in range(1, 5):
        col = c(quarter_key(q))
        check(ws.conditional_format(first, col, last, col, {
            "type": "cell", "criteria": "==", "value": f'"{DITERIMA}"', "format": fmt.bands[-1]}), "cf")
        check(ws.conditional_format(first, col, last, col, {
            "type": "cell", "criteria": "==", "value": f'"{BELUM}"', "format": fmt.bands[0]}), "cf")
    print_table(ws, ctx, lay)
