"""*Per Bidang* and *Per Sasaran*: counts per predikat and average capaian (COUNTIFS / AVERAGEIFS).

The cached values come from :class:`~kinerja_xl.recap.model.GroupSummary`,
computed with the same semantics: criteria match text case-insensitively,
AVERAGEIFS ignores blanks and text, and no number at all gives "" (the
formula's ``IFERROR``), never ``#DIV/0!``.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.recap.layout import (
    CENTER,
    INT,
    PCT,
    SHEET_BIDANG,
    SHEET_CAPAIAN,
    SHEET_SASARAN,
    SHEET_SKALA,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
    fit_width,
)
from kinerja_xl.recap.model import GroupSummary, RecapModel
from kinerja_xl.recap.sheets.capaian import PROG, score_key, sd_headers, sd_label
from kinerja_xl.recap.sheets.charts import ACUAN, ACUAN_LABEL, group_chart
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

#: sheet -> (column of Capaian Indikator holding the group's code, header of the code, header of the name)
GROUPS = {
    SHEET_BIDANG: ("bidang", "Kode Bidang", "Nama Bidang"),
    SHEET_SASARAN: ("kode_sasaran", "Kode Sasaran", "Sasaran"),
}


def _rows(model: RecapModel, sheet: str) -> tuple[GroupSummary, ...]:
    return model.per_bidang if sheet == SHEET_BIDANG else model.per_sasaran


def band_key(i: int) -> str:
    return f"band{i}"


def _layout(model: RecapModel, sheet: str) -> SheetLayout:
    rows = _rows(model, sheet)
    _, code_header, name_header = GROUPS[sheet]
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", code_header, fit_width((r.kode for r in rows), code_header, maximum=14), TEXT),
        Column("nama", name_header, fit_width((r.nama for r in rows), "", minimum=24, maximum=50), WRAP),
        Column("jumlah", "Jumlah Indikator", 10, INT),
    ]
    for i, label in enumerate(model.labels):
        cols.append(Column(band_key(i), label, max(10.0, len(label) / 2 + 3), INT))
    cols += [
        Column("dinilai", "Jumlah Dinilai", 10, INT),
        Column("rata_tw", f"Rata-rata Capaian {tw_label(model.last_quarter)} (%)", 13, PCT),
        Column("rata_sd", f"Rata-rata {sd_headers(model)['cap_sd']}", 15, PCT, emphasis=True),
        Column("rata_prog", f"Rata-rata {sd_headers(model)['prog']}", 14, PCT),
        Column("acuan", ACUAN_LABEL, 8, PCT, hidden=True, machine=True),  # the chart's 100 % line
    ]
    return SheetLayout(sheet, cols, (r.kode for r in rows))


def layout_bidang(model: RecapModel) -> SheetLayout:
    return _layout(model, SHEET_BIDANG)


def layout_sasaran(model: RecapModel) -> SheetLayout:
    return _layout(model, SHEET_SASARAN)


def _write(ws: Worksheet, ctx: Context, sheet: str) -> None:
    m = ctx.model
    lay = ctx.layouts[sheet]
    cap = ctx.layouts[SHEET_CAPAIAN]
    skala = ctx.layouts[SHEET_SKALA]
    fmt = ctx.fmt
    group_col, _, _ = GROUPS[sheet]
    title = "REKAP CAPAIAN PER BIDANG" if sheet == SHEET_BIDANG else "REKAP CAPAIAN PER SASARAN"
    title_block(ws, ctx, title, (
        (f"Jumlah indikator per predikat {sd_label(m)} (capaian thd target {sd_label(m)}) dan rata-rata capaian yang "
        f"dinilai, dihitung dari lembar {SHEET_CAPAIAN}."),))
    start_table(ws, lay, ctx)
    c = lay.col
    keys = cap.col_range(group_col)
    pred = cap.col_range("pred_sd")
    score_tw = cap.col_range(score_key(m, m.last_quarter))
    score_sd = cap.col_range(score_key(m, "_sd"))
    score_prog = cap.col_range(score_key(m, PROG))
    for i, r in enumerate(_rows(m, sheet), start=1):
        row = lay.row(r.kode)
        code = lay.ref(r.kode, "kode", external=False)
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), r.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("nama"), r.nama, fmt.cell(WRAP))
        fit_row(ws, lay, row, {"nama": r.nama})
        formula(ws, row, c("jumlah"), f"=COUNTIFS({keys},{code})", r.jumlah, fmt.cell(INT))
        for b, count in enumerate(r.per_predikat):
            label = skala.ref(b, "predikat", absolute=True)
            formula(ws, row, c(band_key(b)), f"=COUNTIFS({keys},{code},{pred},{label})", count, fmt.cell(INT))
        first = lay.ref(r.kode, band_key(0), external=False)
        last = lay.ref(r.kode, band_key(len(r.per_predikat) - 1), external=False)
        formula(ws, row, c("dinilai"), f"=SUM({first}:{last})", r.dinilai, fmt.cell(INT))
        formula(ws, row, c("rata_tw"), f'=IFERROR(AVERAGEIFS({score_tw},{keys},{code}),"")', r.rata_tw, fmt.cell(PCT))
        formula(ws, row, c("rata_sd"), f'=IFERROR(AVERAGEIFS({score_sd},{keys},{code}),"")', r.rata_sd, fmt.cell(PCT))
        formula(ws, row, c("rata_prog"), f'=IFERROR(AVERAGEIFS({score_prog},{keys},{code}),"")', r.rata_progres,
                fmt.cell(PCT))
        cell_value(ws, row, c("acuan"), ACUAN, fmt.cell(PCT))
    per = "Bidang" if sheet == SHEET_BIDANG else "Sasaran"
    group_chart(ws, ctx, lay, "rata_sd", f"Rata-rata Capaian {sd_label(m)} thd Target {sd_label(m)} per {per} (%)")
    print_table(ws, ctx, lay)


def write_bidang(ws: Worksheet, ctx: Context) -> None:
    _write(ws, ctx, SHEET_BIDANG)


def write_sasaran(ws: Worksheet, ctx: Context) -> None:
    _write(ws, ctx, SHEET_SASARAN)
