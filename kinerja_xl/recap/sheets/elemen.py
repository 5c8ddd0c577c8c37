"""*Elemen Data*: each element × TW I–IV as values, with the submission each came from.

The column s.d. TW n aggregates the quarters by the element's own agregasi: an indicator
"dari elemen" is its rumus over these cells (a ratio of sums).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
    Fit,
    SheetLayout,
    fit_widths,
)
from kinerja_xl.recap.model import ElemenRow, RecapModel
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


def _value_of(q: int) -> Callable[[ElemenRow], tuple[object]]:
    return lambda r: (r.values[q - 1],)


def _file_of(q: int) -> Callable[[ElemenRow], tuple[str, ...]]:
    return lambda r: tuple(s.file_name for s in r.sources[q - 1:q] if s is not None)


def layout(model: RecapModel) -> SheetLayout:
    rows = model.elemen
    period_q = model.period.quarters
    widths = iter(fit_widths(rows, [
        Fit(lambda r: (r.elemen.kode,), "Kode", maximum=14),
        Fit(lambda r: (r.elemen.nama,), "", minimum=30, maximum=55),
        Fit(lambda r: (r.elemen.satuan,), "Satuan", maximum=16),
        Fit(lambda r: (r.elemen.bidang,), "Bidang", maximum=14),
        *(Fit(_value_of(q), tw_label(q), minimum=11, maximum=22) for q in range(1, 5)),
        Fit(lambda r: (r.keterangan,), "", minimum=20, maximum=45),
        *(Fit(_file_of(q), "", minimum=14, maximum=40) for q in range(1, 5)),
    ]))
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", next(widths), TEXT),
        Column("elemen", "Elemen Data", next(widths), WRAP),
        Column("satuan", "Satuan", next(widths), TEXT),
        Column("bidang", "Bidang", next(widths), TEXT),
        Column("agregasi", "Agregasi", 12, TEXT),
    ]
    for q in range(1, 5):
        cols.append(Column(value_key(q), tw_label(q), next(widths), NUM, emphasis=q in period_q))
    cols.append(Column(SD, f"s.d. {tw_label(model.last_quarter)}", 13, NUM, emphasis=True))
    cols.append(Column("keterangan", "Keterangan / Sumber Data", next(widths), WRAP))
    for q in range(1, 5):
        cols.append(Column(f"berkas{q}", f"Berkas {tw_label(q)}", next(widths), TEXT, machine=True))
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
