"""*Evaluasi Renstra Program*: each program's end-of-Renstra target, realisation to date and capaian, K and Rp.

Annual recaps of a catalog with a budget tree and Renstra plans. One row per program indicator
(a program linked to indicators of the Indikator sheet shows each of them, with the Renstra's
stated end target; an unlinked one its own Target Renstra K). Every figure is a live reference to
*Evaluasi Renja (E.81)*: column 5 (target akhir Renstra), 13 (realisasi s.d. this year) and 14
(capaian), so the two sheets never disagree. The yearly figures of each indicator are on
*Evaluasi Renstra*.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.recap.budget import BudgetRow
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    SHEET_RENJA,
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
from kinerja_xl.recap.sheets.renja import row_keys_of
from kinerja_xl.xlsx import check

SHEET_RENSTRA_PROGRAM = "Evaluasi Renstra Program"


def _programs(model: RecapModel) -> Sequence[BudgetRow]:
    assert model.budget is not None
    return model.budget.roots


def layout(model: RecapModel) -> SheetLayout:
    year = model.period.year
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", 8, TEXT),
        Column("nama", "Program", 22, WRAP),
        Column("indikator", "Indikator Kinerja Program (Outcome)", 24, WRAP),
        Column("satuan", "Satuan", 7, TEXT),
        Column("k_akhir", "Target Akhir Periode Renstra (K)", 10, NUM),
        Column("k_sd", f"Realisasi s.d. Tahun {year} (K)", 10, NUM),
        Column("k_cap", "Capaian thd Target Akhir (K, %)", 9, PCT),
        Column("rp_akhir", "Target Akhir Periode Renstra (Rp)", 14, NUM),
        Column("rp_sd", f"Realisasi s.d. Tahun {year} (Rp)", 14, NUM),
        Column("rp_cap", "Capaian thd Target Akhir (Rp, %)", 9, PCT),
    ]
    return SheetLayout(SHEET_RENSTRA_PROGRAM, cols, (k for r in _programs(model) for k in row_keys_of(r)))


def _number_ref(ref: str) -> str:
    """A reference that stays blank when the E.81 cell is blank (a plain reference would give 0)."""
    return f'=IF(ISNUMBER({ref}),{ref},"")'


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    lay = ctx.layouts[SHEET_RENSTRA_PROGRAM]
    e81 = ctx.layouts[SHEET_RENJA]
    fmt = ctx.fmt
    title_block(ws, ctx, "EVALUASI RENSTRA PERANGKAT DAERAH — PER PROGRAM", ((
        f"Dari {SHEET_RENJA} kolom 5 (target akhir), 13 (realisasi) dan 14 (capaian). Per tahun: lembar "
        f"{SHEET_RENSTRA}."),))
    start_table(ws, lay, ctx)
    c = lay.col
    f_num, f_pct = fmt.cell(NUM), fmt.cell(PCT)
    for n, r in enumerate(_programs(m), start=1):
        for i, (key, line) in enumerate(zip(row_keys_of(r), r.lines, strict=True)):
            row = lay.row(key)
            check(ws.set_row(row, max(text_height(line.nama, lay.column("indikator").width, minimum=14),
                                      text_height(r.anggaran.nama, lay.column("nama").width) if i == 0 else 0)),
                  "set_row")
            first = i == 0
            cell_value(ws, row, c("no"), n if first else None, fmt.cell(CENTER))
            cell_value(ws, row, c("kode"), r.kode, fmt.cell(TEXT))
            cell_value(ws, row, c("nama"), r.anggaran.nama if first else None, fmt.cell(WRAP))
            cell_value(ws, row, c("indikator"), line.nama, fmt.cell(WRAP))
            cell_value(ws, row, c("satuan"), line.satuan, fmt.cell(TEXT))
            for key_here, col, value, f in (("k_akhir", "k5", line.renstra_target, f_num),
                                            ("k_sd", "k13", line.renstra_sd, f_num),
                                            ("k_cap", "k14", line.capaian_renstra, f_pct)):
                formula(ws, row, c(key_here), _number_ref(e81.ref(key, col)), value, f)
            for key_here, col, value, f in (("rp_akhir", "rp5", r.renstra_target.rp, f_num),
                                            ("rp_sd", "rp13", r.renstra_sd.rp, f_num),
                                            ("rp_cap", "rp14", r.capaian_renstra.rp, f_pct)):
                if first:  # the program's budget, once
                    formula(ws, row, c(key_here), _number_ref(e81.ref(key, col)), value, f)
                else:
                    cell_value(ws, row, c(key_here), None, f)
    print_table(ws, ctx, lay)
