"""*Evaluasi Renstra* (annual recaps): each indicator's five-year plan — baseline, target, realisasi and capaian
per year — and the realisation so far against the end-of-period target.

Earlier years come from the catalog's Renstra sheet; the recap's year is the
realisasi s.d. TW IV of *Capaian Indikator* (a live reference). Both the
end-of-period target and the realisation so far aggregate the years by the
indicator's type: kumulatif sums, nilai akhir takes the latest year (a stock
is never summed over years), rata-rata the mean.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from kinerja_xl import scoring
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    SHEET_CAPAIAN,
    SHEET_RENSTRA,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
)
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    formula,
    print_table,
    start_table,
    title_block,
)
from kinerja_xl.recap.sheets.document import text_height
from kinerja_xl.xlsx import check

YEARS = range(5)


STATED = "Renstra (kondisi akhir)"
DERIVED = "tidak diisi di katalog: dihitung dari target tahunan"


def _year_label(model: RecapModel, i: int) -> str:
    starts = {r.renstra.tahun_awal for r in model.renstra}
    if len(starts) == 1:
        return str(next(iter(starts)) + i)
    return f"Tahun ke-{i + 1}"


def layout(model: RecapModel) -> SheetLayout:
    year = model.period.year
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", 8, TEXT),
        Column("indikator", "Indikator Kinerja", 34, WRAP),
        Column("satuan", "Satuan", 9, TEXT),
        Column("polaritas", "Polaritas", 9, TEXT),
        Column("agregasi", "Agregasi", 10, TEXT),
        Column("periode", "Periode Renstra", 11, CENTER),
        Column("baseline", "Baseline", 10, NUM),
    ]
    for i in YEARS:
        label = _year_label(model, i)
        cols += [Column(f"t{i}", f"Target {label}", 10, NUM),
                 Column(f"r{i}", f"Realisasi {label}", 10, NUM),
                 Column(f"c{i}", f"Capaian {label} (%)", 9, PCT)]
    cols += [
        Column("target_akhir", "Target Akhir Periode Renstra", 12, NUM, emphasis=True),
        Column("real_sd", f"Realisasi s.d. Tahun {year}", 12, NUM, emphasis=True),
        Column("cap_akhir", "Capaian thd Target Akhir Periode (%)", 12, PCT, emphasis=True),
        Column("sumber_akhir", "Sumber Target Akhir", 18, WRAP),
    ]
    return SheetLayout(SHEET_RENSTRA, cols, (r.indikator.kode for r in model.renstra))


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    lay = ctx.layouts[SHEET_RENSTRA]
    cap = ctx.layouts[SHEET_CAPAIAN]
    fmt = ctx.fmt
    rule = m.catalog.instansi.rumus_negatif
    title_block(ws, ctx, "EVALUASI RENSTRA PERANGKAT DAERAH", (
        (f"Realisasi tahun {m.period.year} = realisasi s.d. TW IV lembar {SHEET_CAPAIAN}; tahun sebelumnya dari "
        "katalog. Kumulatif: dijumlahkan antartahun; nilai akhir: tahun terakhir (tidak dijumlahkan); "
        "rata-rata: rata-rata tahun."),))
    start_table(ws, lay, ctx)
    c = lay.col
    f_num, f_pct = fmt.cell(NUM), fmt.cell(PCT)
    for n, r in enumerate(m.renstra, start=1):
        ind, plan = r.indikator, r.renstra
        row = lay.row(ind.kode)
        check(ws.set_row(row, text_height(ind.nama, lay.column("indikator").width, minimum=14)), "set_row")

        def ref(key: str, kode: str = ind.kode) -> str:
            return lay.ref(kode, key, external=False)

        cell_value(ws, row, c("no"), n, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), ind.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("indikator"), ind.nama, fmt.cell(WRAP))
        cell_value(ws, row, c("satuan"), ind.satuan, fmt.cell(TEXT))
        cell_value(ws, row, c("polaritas"), str(ind.polaritas), fmt.cell(TEXT))
        cell_value(ws, row, c("agregasi"), str(ind.agregasi), fmt.cell(TEXT))
        cell_value(ws, row, c("periode"), f"{plan.tahun[0]}–{plan.tahun[-1]}", fmt.cell(CENTER))
        cell_value(ws, row, c("baseline"), plan.baseline, f_num)
        for i in YEARS:
            cell_value(ws, row, c(f"t{i}"), plan.target[i], f_num)
            if i == r.current and cap.has_row(ind.kode):
                formula(ws, row, c(f"r{i}"), f"={cap.ref(ind.kode, 'real_sd')}", r.realisasi[i], f_num)
            else:
                cell_value(ws, row, c(f"r{i}"), r.realisasi[i], f_num)
            formula(ws, row, c(f"c{i}"),
                    scoring.capaian_excel(ref(f"r{i}"), ref(f"t{i}"), None, False, ind.polaritas, rule),
                    r.capaian[i], f_pct)
        if plan.target_akhir_k is not None:  # as the Renstra states it (kondisi akhir)
            cell_value(ws, row, c("target_akhir"), plan.target_akhir_k, f_num)
        else:
            formula(ws, row, c("target_akhir"), scoring.aggregate_excel([ref(f"t{i}") for i in YEARS], ind.agregasi),
                    r.target_akhir, f_num)
        cell_value(ws, row, c("sumber_akhir"), STATED if plan.target_akhir_k is not None else DERIVED,
                   fmt.cell(WRAP))
        formula(ws, row, c("real_sd"),
                scoring.aggregate_excel([ref(f"r{i}") for i in range(r.years_shown)], ind.agregasi),
                r.realisasi_sd, f_num)
        formula(ws, row, c("cap_akhir"),
                scoring.capaian_excel(ref("real_sd"), ref("target_akhir"), None, False, ind.polaritas, rule),
                r.capaian_akhir, f_pct)
    print_table(ws, ctx, lay)
