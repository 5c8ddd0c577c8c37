"""*Skala*: the predikat thresholds; every predikat formula looks them up here."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.recap.layout import NUM, SHEET_SKALA, TEXT, Column, SheetLayout
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    print_table,
    start_table,
    title_block,
)
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import check


def layout(model: RecapModel) -> SheetLayout:
    bands = model.catalog.instansi.skala_predikat.bands
    cols = [
        Column("batas", "Batas Bawah Capaian (≥ %)", 16, NUM),
        Column("predikat", "Predikat", max(16.0, max(len(b[1]) for b in bands) + 4.0), TEXT),
    ]
    if model.progres_skala is not None:
        cols.append(Column("batas_prog", f"Batas Progres s.d. {tw_label(model.last_quarter)} (≥ % target tahunan)",
                           18, NUM))
    return SheetLayout(SHEET_SKALA, cols, range(len(bands)))


def write(ws: Worksheet, ctx: Context) -> None:
    lay = ctx.layouts[SHEET_SKALA]
    skala = ctx.model.catalog.instansi.skala_predikat
    title_block(ws, ctx, f"SKALA PREDIKAT CAPAIAN ({skala.nama})", (
        "Urutkan dari batas terkecil (0). Mengubah batas atau nama di sini menilai ulang semua predikat.",),
        quarter_columns=False)  # a narrow sheet: the Semester II note would run over a second page across
    start_table(ws, lay, ctx)
    for i, (bound, label) in enumerate(skala.bands):
        row = lay.row(i)
        cell_value(ws, row, lay.col("batas"), float(bound), ctx.fmt.cell(NUM))
        cell_value(ws, row, lay.col("predikat"), label, ctx.fmt.cell(TEXT))
        progres = ctx.model.progres_skala
        if progres is not None:
            cell_value(ws, row, lay.col("batas_prog"), float(progres.bands[i][0]), ctx.fmt.cell(NUM))
    col = lay.col("batas")
    check(ws.data_validation(lay.first_row, col, lay.last_row, col, {
        "validate": "decimal", "criteria": ">=", "value": 0,
        "error_title": "Batas tidak sah", "error_message": "Isi batas bawah capaian dengan angka 0 atau lebih.",
    }), "data_validation")
    print_table(ws, ctx, lay, landscape=False)
