"""Charts where people would rather look than read: capaian per group against 100 %, and the quarters' trend.

xlsxwriter charts (Excel and LibreOffice draw them from the sheet's cells, so a
corrected figure redraws the chart). Each chart sits below its table and prints
on the same paper (:mod:`kinerja_xl.printing` keeps a chart on one page).
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.recap.layout import SHEET_CAPAIAN, SheetLayout
from kinerja_xl.recap.model import IndikatorRow
from kinerja_xl.recap.sheets.capaian import score_key
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    formula,
    table_print_spec,
)
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import check

#: The capaian every indicator aims at (%), drawn as a line.
ACUAN = 100.0
ACUAN_LABEL = "Acuan 100%"
BAR_COLOUR, ACUAN_COLOUR = "#5B9BD5", "#C00000"
#: Above this many groups a bar chart is unreadable; the table says the same.
MAX_GROUPS = 40
#: Series of the trend chart, one per sasaran; more sasaran than this draw the average only.
MAX_TREND_SERIES = 8
LINE_COLOURS = ("#5B9BD5", "#ED7D31", "#70AD47", "#FFC000", "#7030A0", "#255E91", "#9E480E", "#43682B")


def _acuan_line(chart_values: list[object], categories: list[object]) -> dict[str, object]:
    return {"name": ACUAN_LABEL, "categories": categories, "values": chart_values,
            "line": {"color": ACUAN_COLOUR, "width": 1.5, "dash_type": "dash"}, "marker": {"type": "none"}}


def group_chart(ws: Worksheet, ctx: Context, lay: SheetLayout, value_key: str, title: str) -> None:
    """A bar per group (its average capaian) against the 100 % line, below the table.

    The 100 % line reads the layout's hidden ``acuan`` column (a chart series needs cells).
    """
    if not 0 < lay.n_rows <= MAX_GROUPS:
        return
    first, last = lay.first_row, lay.last_row
    cats = [lay.name, first, lay.col("kode"), last, lay.col("kode")]
    wb = ctx.workbook
    bars = wb.add_chart({"type": "column"})
    bars.add_series({"name": title, "categories": cats,
                     "values": [lay.name, first, lay.col(value_key), last, lay.col(value_key)],
                     "fill": {"color": BAR_COLOUR}, "data_labels": {"value": True, "num_format": "0.0"}})
    line = wb.add_chart({"type": "line"})
    line.add_series(_acuan_line([lay.name, first, lay.col("acuan"), last, lay.col("acuan")], cats))
    bars.combine(line)
    bars.set_title({"name": title, "name_font": {"size": 11}})
    bars.set_y_axis({"name": "%", "min": 0, "num_format": "0"})
    bars.set_legend({"position": "bottom"})
    bars.show_blanks_as("gap")
    bars.show_hidden_data()  # the 100 % column is hidden
    check(ws.insert_chart(last + 2, 1, bars, {"x_scale": 1.4, "y_scale": 1.1}), "insert_chart")


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def quarter_trend(ws: Worksheet, ctx: Context, lay: SheetLayout, top: int, rows: Sequence[IndikatorRow]) -> int:
    """Below Rencana Aksi: average capaian per sasaran and quarter (formulas on Capaian Indikator), a line chart.

    Returns the last row used by the block (the chart is below it).
    """
    m = ctx.model
    cap = ctx.layouts[SHEET_CAPAIAN]
    fmt = ctx.fmt
    # each quarter's capaian per sasaran and of every row, in one pass (the rows are read, not held)
    by_sasaran: dict[str, tuple[list[float | None], ...]] = {}
    every: tuple[list[float | None], ...] = ([], [], [], [])
    for ind_row in rows:
        per_q = by_sasaran.setdefault(ind_row.indikator.sasaran, ([], [], [], []))
        for q, v in enumerate(ind_row.capped_tw):
            per_q[q].append(v)
            every[q].append(v)
    sasaran = list(by_sasaran)
    series = sasaran if len(sasaran) <= MAX_TREND_SERIES else []
    keys = cap.col_range("kode_sasaran")
    ids = lay.id_columns()
    c0 = ids[1] + 1 if ids else 1  # after the identifying columns, which repeat on every page across
    cell_value(ws, top, c0, "Tren capaian per triwulan (%): rata-rata capaian indikator, per sasaran", fmt.subtitle)
    head = top + 1
    cell_value(ws, head, c0, "Sasaran", fmt.header)
    for q in range(1, 5):
        cell_value(ws, head, c0 + q, tw_label(q), fmt.header)
    row = head
    for s in series:
        row += 1
        cell_value(ws, row, c0, s, fmt.cell("text"))
        code = xl_rowcol_to_cell(row, c0)
        for q in range(1, 5):
            score = cap.col_range(score_key(m, q))
            if q > m.last_quarter:  # not reported yet: a blank cell, a gap in the chart (not a 0)
                cell_value(ws, row, c0 + q, None, fmt.cell("pct"))
                continue
            value = _mean(by_sasaran[s][q - 1])
            formula(ws, row, c0 + q, f'=IFERROR(AVERAGEIFS({score},{keys},{code}),"")', value, fmt.cell("pct"))
    row += 1
    cell_value(ws, row, c0, "Semua indikator", fmt.bold)
    for q in range(1, 5):
        score = cap.col_range(score_key(m, q))
        if q > m.last_quarter:
            cell_value(ws, row, c0 + q, None, fmt.cell("pct"))
            continue
        formula(ws, row, c0 + q, f'=IFERROR(AVERAGE({score}),"")', _mean(every[q - 1]),
                fmt.cell("pct"))
    row += 1
    cell_value(ws, row, c0, ACUAN_LABEL, fmt.cell("text"))
    for q in range(1, 5):
        cell_value(ws, row, c0 + q, ACUAN, fmt.cell("pct"))
    acuan_row, all_row = row, row - 1
    chart = ctx.workbook.add_chart({"type": "line"})
    cats = [ws.name, head, c0 + 1, head, c0 + 4]
    for i, r in enumerate(range(head + 1, all_row + 1)):
        last = r == all_row
        colour = "#404040" if last else LINE_COLOURS[i % len(LINE_COLOURS)]
        chart.add_series({"name": [ws.name, r, c0], "categories": cats, "values": [ws.name, r, c0 + 1, r, c0 + 4],
                          "line": {"color": colour, "width": 2.5 if last else 1.5},
                          "marker": {"type": "circle", "size": 5, "fill": {"color": colour},
                                     "border": {"color": colour}}})
    chart.add_series(_acuan_line([ws.name, acuan_row, c0 + 1, acuan_row, c0 + 4], cats))
    chart.set_title({"name": "Tren Capaian per Triwulan (%)", "name_font": {"size": 11}})
    chart.set_y_axis({"name": "%", "min": 0, "num_format": "0"})
    chart.set_legend({"position": "right"})
    chart.show_blanks_as("gap")
    check(ws.insert_chart(row + 2, c0, chart, {"x_scale": min(1.6, _first_page_px(ws, ctx, lay, c0) / 480),
                                              "y_scale": 1.2}), "insert_chart")
    return row


def _first_page_px(ws: Worksheet, ctx: Context, lay: SheetLayout, col: int) -> float:
    """Width (chart pixels) of the first printed page's columns from ``col`` on: a chart there is never cut."""
    plan = printing.plan_columns(ws, table_print_spec(ws, ctx, lay), ctx.paper)
    first, last = plan.pages[0]
    columns_px = sum(ws._size_col(c) for c in range(max(first, col), last + 1))
    return columns_px * 0.95  # a chart is anchored to the cells it covers in xlsxwriter's pixels
