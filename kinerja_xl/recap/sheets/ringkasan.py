"""*Ringkasan*: completeness, average capaian, count per predikat and a chart of capaian per indicator."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.recap.layout import SHEET_CAPAIAN, SHEET_SKALA, SHEET_STATUS
from kinerja_xl.recap.model import DITERIMA
from kinerja_xl.recap.sheets import status as status_sheet
from kinerja_xl.recap.sheets.capaian import PROG, score_key, sd_headers, sd_label
from kinerja_xl.recap.sheets.common import Context, cell_value, formula, title_block
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import check

#: A chart with more bars than this would be unreadable; the table above it says the same.
CHART_MAX_INDICATORS = 60


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    fmt = ctx.fmt
    cap = ctx.layouts[SHEET_CAPAIAN]
    status = ctx.layouts[SHEET_STATUS]
    skala = ctx.layouts[SHEET_SKALA]
    sd = sd_label(m)
    ws.set_column(0, 0, 58)
    ws.set_column(1, 3, 16)
    title_block(ws, ctx, "REKAPITULASI CAPAIAN KINERJA", (
        f"Ringkasan dari lembar {SHEET_STATUS}, {SHEET_CAPAIAN} dan {SHEET_SKALA}.",))
    row = 5
    check(ws.write_string(row, 0, "Kelengkapan Pengumpulan", fmt.subtitle), "write")
    row += 1
    for col, text in enumerate(("Triwulan", "Bidang Terkirim", "Bidang Seharusnya", "Kelengkapan (%)")):
        check(ws.write_string(row, col, text, fmt.header), "write")
    for comp in m.completeness:
        row += 1
        cell_value(ws, row, 0, tw_label(comp.quarter), fmt.cell("text"))
        received = status.col_range(status_sheet.quarter_key(comp.quarter))
        formula(ws, row, 1, f'=COUNTIF({received},"{DITERIMA}")', comp.terkirim, fmt.cell("int"))
        cell_value(ws, row, 2, comp.seharusnya, fmt.cell("int"))
        b, c = xl_rowcol_to_cell(row, 1), xl_rowcol_to_cell(row, 2)
        formula(ws, row, 3, f'=IF({c}=0,"",{b}/{c}*100)', comp.persen, fmt.cell("pct"))

    row += 2
    check(ws.write_string(row, 0, "Capaian Indikator", fmt.subtitle), "write")
    score = cap.col_range(score_key(m, "_sd"))
    n_scored = sum(1 for r in m.indikator if r.capped_sd is not None)
    row += 1
    cell_value(ws, row, 0, "Jumlah indikator", fmt.cell("text"))
    formula(ws, row, 1, f"=COUNTA({cap.col_range('kode')})", len(m.indikator), fmt.cell("int"))
    row += 1
    cell_value(ws, row, 0, f"Indikator yang sudah dapat dinilai ({sd})", fmt.cell("text"))
    formula(ws, row, 1, f"=COUNT({score})", n_scored, fmt.cell("int"))
    row += 1
    cell_value(ws, row, 0, f"Rata-rata {sd_headers(m)['cap_sd']}", fmt.cell("text"))
    formula(ws, row, 1, f'=IFERROR(AVERAGE({score}),"")', m.rata_sd, fmt.cell("pct"))
    row += 1
    cell_value(ws, row, 0, f"Rata-rata {sd_headers(m)['prog']}", fmt.cell("text"))
    formula(ws, row, 1, f'=IFERROR(AVERAGE({cap.col_range(score_key(m, PROG))}),"")', m.rata_progres,
            fmt.cell("pct"))
    incomplete = sum(1 for r in m.indikator if r.belum_lengkap)
    if incomplete:
        row += 1
        cell_value(ws, row, 0, "Indikator dengan data belum lengkap (lihat Catatan)",
                   fmt.cell("text"))
        cell_value(ws, row, 1, incomplete, fmt.cell("int"))

    row += 2
    check(ws.write_string(row, 0, f"Jumlah Indikator per Predikat ({sd})", fmt.subtitle), "write")
    row += 1
    check(ws.write_string(row, 0, "Predikat", fmt.header), "write")
    check(ws.write_string(row, 1, "Jumlah Indikator", fmt.header), "write")
    pred = cap.col_range("pred_sd")
    band_formats = fmt.band_formats(len(m.labels))
    for i in reversed(range(len(m.labels))):  # the best band first
        row += 1
        formula(ws, row, 0, f"={skala.ref(i, 'predikat', absolute=True)}", m.labels[i], band_formats[i])
        label = xl_rowcol_to_cell(row, 0)
        formula(ws, row, 1, f"=COUNTIF({pred},{label})", m.per_predikat[i], fmt.cell("int"))

    row += 2
    n = len(m.indikator)
    if 0 < n <= CHART_MAX_INDICATORS:
        chart = ctx.workbook.add_chart({"type": "bar"})
        first, last = cap.first_row, cap.last_row
        chart.add_series({
            "name": f"Capaian {sd} (%)",
            "categories": [SHEET_CAPAIAN, first, cap.col("kode"), last, cap.col("kode")],
            "values": [SHEET_CAPAIAN, first, cap.col(score_key(m, "_sd")), last, cap.col(score_key(m, "_sd"))],
            "fill": {"color": "#5B9BD5"},
            "data_labels": {"value": True, "num_format": "0.0"},
        })
        chart.set_title({"name": f"Capaian {sd} per Indikator (%)", "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"num_format": "0", "min": 0})
        chart.show_blanks_as("gap")
        check(ws.insert_chart(row, 0, chart, {"x_scale": 1.4, "y_scale": max(1.0, n * 22 / 288)}), "insert_chart")
    elif n:
        cell_value(ws, row, 0, f"Grafik tidak ditampilkan: lebih dari {CHART_MAX_INDICATORS} indikator. "
                   f"Lihat lembar {SHEET_CAPAIAN}.", fmt.note)
    printing.apply(ws, printing.PrintSpec(footer=ctx.footer_title, landscape=False), ctx.paper)
