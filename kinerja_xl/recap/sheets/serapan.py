"""*Serapan Anggaran*: capaian kinerja beside serapan anggaran, per program and per bidang.

Every figure comes from *Evaluasi Renja (E.81)*: pagu (7 Rp), realisasi
keuangan s.d. TW (12 Rp), serapan = realisasi / pagu × 100, capaian kinerja =
the mean of the sub kegiatan's capaian Renja K (column 16: 12 / 7 × 100) —
per program over its subtree, per bidang over the sub kegiatan it reports —
and efisiensi = capaian − serapan (positive: more output than money spent).
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_range_abs
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.catalog.model import Tingkat
from kinerja_xl.recap.budget import BudgetRow, mean, percent, percent_excel, total
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    SHEET_RENJA,
    SHEET_SERAPAN,
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
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import check

SUB = str(Tingkat.SUB_KEGIATAN)
EFISIEN, KURANG = "Efisien", "Kurang efisien"


@dataclass(frozen=True)
class SerapanRow:
    kode: str
    nama: str
    pagu: float | None
    realisasi: float | None
    serapan: float | None
    capaian: float | None
    efisiensi: float | None

    @property
    def penilaian(self) -> str | None:
        return None if self.efisiensi is None else EFISIEN if self.efisiensi >= 0 else KURANG


def _row(kode: str, nama: str, pagu: float | None, real: float | None, cap: float | None) -> SerapanRow:
    ser = percent(real, pagu)
    eff = None if cap is None or ser is None else cap - ser
    return SerapanRow(kode, nama, pagu, real, ser, cap, eff)


def program_rows(model: RecapModel) -> list[tuple[SerapanRow, int]]:
    """Per program: its figures and the number of E.81 rows of its subtree (the rows that follow it
    up to the next program), in one pass over the rows."""
    assert model.budget is not None
    out: list[tuple[SerapanRow, int]] = []
    program: BudgetRow | None = None
    capaian: list[float | None] = []  # of the program's sub kegiatan
    height = 0

    def close() -> None:
        if program is not None:
            out.append((_row(program.kode, program.anggaran.nama, program.target.rp, program.sd.rp,
                             mean(capaian)), height))

    for r in model.budget.rows:
        if r.depth == 0:
            close()
            program, capaian, height = r, [], 0
        elif r.anggaran.tingkat is Tingkat.SUB_KEGIATAN:
            capaian.append(r.capaian_renja.k)
        height += r.height
    close()
    return out


def bidang_rows(model: RecapModel) -> list[SerapanRow]:
    """Per bidang with sub kegiatan (SUMIFS give 0 where nothing is there)."""
    assert model.budget is not None
    # per bidang, its sub kegiatan's pagu, realisasi and capaian (numbers, not rows), in row order
    by_bidang: dict[str, tuple[list[float | None], list[float | None], list[float | None]]] = {}
    for r in model.budget.rows:
        if r.depth > 0 and r.anggaran.tingkat is Tingkat.SUB_KEGIATAN:
            pagu, real, cap = by_bidang.setdefault(r.anggaran.bidang, ([], [], []))
            pagu.append(r.target.rp)
            real.append(r.sd.rp)
            cap.append(r.capaian_renja.k)
    out = []
    for b in model.catalog.bidang:
        found = by_bidang.get(b.kode)
        if not found:
            continue
        pagu, real, cap = found
        out.append(_row(b.kode, b.nama, total(pagu) or 0.0, total(real) or 0.0, mean(cap)))
    return out


def _columns(model: RecapModel) -> list[Column]:
    sd = f"s.d. {tw_label(model.last_quarter)}"
    return [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", 17, TEXT),
        Column("nama", "Program / Bidang", 46, WRAP),
        Column("pagu", "Pagu Anggaran (Rp)", 18, NUM),
        Column("realisasi", f"Realisasi Keuangan {sd} (Rp)", 18, NUM),
        Column("serapan", "Serapan Anggaran (%)", 12, PCT),
        Column("capaian", "Capaian Kinerja (%)", 12, PCT),
        Column("efisiensi", "Efisiensi (Capaian − Serapan)", 13, PCT),
        Column("penilaian", "Penilaian", 14, TEXT),
    ]


def layout(model: RecapModel) -> SheetLayout:
    return SheetLayout(SHEET_SERAPAN, _columns(model), (r.kode for r, _ in program_rows(model)))


def _bidang_layout(model: RecapModel, after: int) -> SheetLayout:
    return SheetLayout(SHEET_SERAPAN, _columns(model), (r.kode for r in bidang_rows(model)), header_row=after + 3)


def _derived(ws: Worksheet, ctx: Context, lay: SheetLayout, r: SerapanRow) -> None:
    """Serapan, efisiensi and penilaian of a row whose pagu, realisasi and capaian are written."""
    row, c = lay.row(r.kode), lay.col

    def ref(key: str) -> str:
        return lay.ref(r.kode, key, external=False)

    fmt = ctx.fmt
    formula(ws, row, c("serapan"), percent_excel(ref("realisasi"), ref("pagu")), r.serapan, fmt.cell(PCT))
    cap, ser = ref("capaian"), ref("serapan")
    formula(ws, row, c("efisiensi"), f'=IF(COUNT({cap},{ser})<2,"",{cap}-{ser})', r.efisiensi, fmt.cell(PCT))
    eff = ref("efisiensi")
    formula(ws, row, c("penilaian"), f'=IF(COUNT({eff})=0,"",IF({eff}>=0,"{EFISIEN}","{KURANG}"))', r.penilaian,
            fmt.cell(TEXT))


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    e81 = ctx.layouts[SHEET_RENJA]
    lay = ctx.layouts[SHEET_SERAPAN]
    fmt = ctx.fmt
    title_block(ws, ctx, "CAPAIAN KINERJA DAN SERAPAN ANGGARAN", (
        (f"Dari lembar {SHEET_RENJA}: serapan = realisasi keuangan / pagu × 100; capaian kinerja = rata-rata "
        "capaian Renja (kolom tambahan 12/7 K) sub kegiatan; efisiensi = capaian − serapan (positif: efisien)."),))
    start_table(ws, lay, ctx)
    c = lay.col
    sub_crit = f'"{SUB}"'
    for i, (r, n_rows) in enumerate(program_rows(m), start=1):
        row = lay.row(r.kode)
        check(ws.set_row(row, text_height(r.nama, lay.column("nama").width, minimum=14)), "set_row")
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), r.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("nama"), r.nama, fmt.cell(WRAP))
        formula(ws, row, c("pagu"), f"={e81.ref(r.kode, 'rp7')}", r.pagu, fmt.cell(NUM))
        formula(ws, row, c("realisasi"), f"={e81.ref(r.kode, 'rp12')}", r.realisasi, fmt.cell(NUM))
        first = e81.row(r.kode)
        k16 = _range(e81, "k16", first, first + n_rows - 1)
        ting = _range(e81, "tingkat", first, first + n_rows - 1)
        formula(ws, row, c("capaian"), f'=IFERROR(AVERAGEIFS({k16},{ting},{sub_crit}),"")', r.capaian, fmt.cell(PCT))
        _derived(ws, ctx, lay, r)
    blay = _bidang_layout(m, lay.last_row)
    check(ws.write_string(blay.header_row - 1, 0, "Per Bidang", fmt.subtitle), "write")
    for i, col in enumerate(blay.columns):
        header = "Bidang" if col.key == "nama" else col.header
        check(ws.write_string(blay.header_row, i, header, fmt.header), "header")
    check(ws.set_row(blay.header_row, 40), "set_row")
    k16, ting, bid = e81.col_range("k16"), e81.col_range("tingkat"), e81.col_range("bidang")
    rp7, rp12 = e81.col_range("rp7"), e81.col_range("rp12")
    for i, r in enumerate(bidang_rows(m), start=1):
        row = blay.row(r.kode)
        check(ws.set_row(row, text_height(r.nama, blay.column("nama").width, minimum=14)), "set_row")
        kode = blay.ref(r.kode, "kode", external=False)
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), r.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("nama"), r.nama, fmt.cell(WRAP))
        crit = f"{bid},{kode},{ting},{sub_crit}"
        formula(ws, row, c("pagu"), f"=SUMIFS({rp7},{crit})", r.pagu, fmt.cell(NUM))
        formula(ws, row, c("realisasi"), f"=SUMIFS({rp12},{crit})", r.realisasi, fmt.cell(NUM))
        formula(ws, row, c("capaian"), f'=IFERROR(AVERAGEIFS({k16},{crit}),"")', r.capaian, fmt.cell(PCT))
        _derived(ws, ctx, blay, r)
    print_table(ws, ctx, lay)


def _range(lay: SheetLayout, key: str, first: int, last: int) -> str:
    """An absolute range of one column over some rows of another sheet."""
    return f"{quote_sheetname(lay.name)}!{xl_range_abs(first, lay.col(key), last, lay.col(key))}"
