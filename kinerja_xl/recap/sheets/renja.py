"""*Evaluasi Renja (E.81)*: Permendagri 86/2017 form E.81 with live formulas (see :mod:`kinerja_xl.recap.budget`).

Columns 1–15 as the form numbers them (4 split into indicator and satuan,
3 into kode and nama); 16 = 12 / 7 × 100 is added after 15 so the form's own
numbering stays intact. Hidden columns after 16 hold each row's level, bidang
and program for the footer's and *Serapan Anggaran*'s SUMIFS / AVERAGEIFS.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterable

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing, scoring
from kinerja_xl.angka import format_id
from kinerja_xl.catalog.model import Agregasi, Target
from kinerja_xl.recap.budget import (
    BudgetModel,
    BudgetRow,
    KLine,
    percent_excel,
    renstra_sd_excel,
)
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    SHEET_CAPAIAN,
    SHEET_RENJA,
    SHEET_SKALA,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
)
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.sheets.common import Context, formula, tanggal
from kinerja_xl.recap.sheets.document import (
    MAX_ARGS,
    POINTS_PER_LINE,
    DocFormats,
    Formula,
    Signature,
    Span,
    call,
    signature_spans,
    span,
    split_at,
    text_height,
    write_spans,
)
from kinerja_xl.recap.styles import whole_numbers
from kinerja_xl.recap.texts import lines_within, place, tw_label
from kinerja_xl.xlsx import MAX_CELL_TEXT, check

#: The header takes four rows: titles, sub titles (TW I–IV, uraian/satuan), column numbers, K / Rp.
HEADER_TOP = 4
HEADER_LAST = HEADER_TOP + 3
#: E.81 column number -> (header text, K/Rp pair?)
#: "16" is the extra 12/7 pair (after the form's 15 Unit and 16 Keterangan; its keys keep the name k16/rp16)
PAIRS = ("5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "16")
PERCENT_PAIRS = ("14", "16")
QUARTERS = ("8", "9", "10", "11")  # each K · Fisik (%) · Rp, as real E.81 workbooks show them
EXTRA_NUMBER = "12/7 × 100"
TINGKAT_PROGRAM = "program"


def _numbers(year: int) -> dict[str, tuple[str, str]]:
    """E.81 column -> (header, number row text)."""
    return {
        "1": ("No", "1"),
        "2": ("Sasaran", "2"),
        "3": ("Program / Kegiatan / Sub Kegiatan", "3"),
        "4": ("Indikator Kinerja Program (Outcome) / Kegiatan (Output) / Sub Kegiatan (Output)", "4"),
        "5": ("Target Renstra Perangkat Daerah pada Akhir Periode Renstra", "5"),
        "6": (f"Realisasi Capaian Kinerja Renstra Perangkat Daerah s.d. Renja Tahun Lalu ({year - 1})", "6"),
        "7": (f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan ({year}) yang Dievaluasi", "7"),
        "8": ("Realisasi Kinerja, Fisik dan Anggaran pada Triwulan", "8"),
        "12": (f"Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi ({year})",
               "12 = 8+9+10+11"),
        "13": (f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun {year}", "13 = 6+12"),
        "14": ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s.d. Tahun Berjalan (%)",
               "14 = 13/5 × 100"),
        "15": ("Unit Perangkat Daerah Penanggung Jawab", "15"),
        "16": ("Keterangan", "16"),
        "extra": ((f"Tambahan (di luar form E.81): Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Tahun "
                   f"{year} (%)"), EXTRA_NUMBER),
    }


def layout(model: RecapModel) -> SheetLayout:
    assert model.budget is not None
    cols = [
        Column("no", "No", 4.5, CENTER),
        Column("sasaran", "Sasaran", 16, WRAP),
        Column("kode", "Kode", 15, TEXT),
        Column("nama", "Program / Kegiatan / Sub Kegiatan", 28, WRAP),
        Column("indikator", "Indikator Kinerja", 26, WRAP),
        Column("satuan", "Satuan", 8, WRAP),
    ]
    for n in PAIRS:
        pct = n in PERCENT_PAIRS
        if n == "16":
            cols.append(Column("unit", "Unit Penanggung Jawab", 16, WRAP))
            cols.append(Column("ket", "Keterangan", 20, WRAP))
        cols.append(Column(f"k{n}", f"{n} K", 7.5 if pct else 9, PCT if pct else NUM))
        if n in QUARTERS:
            cols.append(Column(f"f{n}", f"{n} Fisik (%)", 6.5, PCT))
        cols.append(Column(f"rp{n}", f"{n} Rp", 7.5 if pct else 14, PCT if pct else NUM))
    cols += [
        Column("tingkat", "Tingkat", 10, TEXT, hidden=True),
        Column("bidang", "Kode Bidang", 10, TEXT, hidden=True),
        Column("program", "Kode Program", 10, TEXT, hidden=True),
    ]
    return SheetLayout(SHEET_RENJA, cols, row_keys(model.budget), header_row=HEADER_LAST)


def row_keys(b: BudgetModel) -> list[object]:
    """One sheet row per indicator line: the row's kode for its first line, (kode, i) for the others."""
    return [r.kode if i == 0 else (r.kode, i) for r in b.rows for i in range(r.height)]


def _header(lay: SheetLayout, year: int, fmt: DocFormats) -> list[Span]:
    c = lay.col
    h = _numbers(year)
    top, sub, num, kr = HEADER_TOP, HEADER_TOP + 1, HEADER_TOP + 2, HEADER_TOP + 3
    spans: list[Span] = []

    def whole(n: str, first: int, width: int = 1) -> None:  # a column (or two) without K/Rp
        spans.append(span(top, first, h[n][0], fmt.header, rows=2, cols=width))
        spans.append(span(num, first, h[n][1], fmt.number_row, rows=2, cols=width))

    whole("1", c("no"))
    whole("2", c("sasaran"))
    for n, first, subs in (("3", c("kode"), ("Kode", "Uraian")), ("4", c("indikator"), ("Uraian", "Satuan"))):
        spans.append(span(top, first, h[n][0], fmt.header, cols=2))
        spans += [span(sub, first + i, s, fmt.header) for i, s in enumerate(subs)]
        spans.append(span(num, first, h[n][1], fmt.number_row, rows=2, cols=2))
    whole("15", c("unit"))
    whole("16", c("ket"))
    for n in PAIRS:
        k = c(f"k{n}")
        width = 3 if n in QUARTERS else 2
        label = h["extra" if n == "16" else n] if n not in ("9", "10", "11") else None
        if n == "8":
            spans.append(span(top, k, h["8"][0], fmt.header, cols=12))
        elif label is not None:
            spans.append(span(top, k, label[0], fmt.header, rows=2, cols=2))
        if n in QUARTERS:
            spans.append(span(sub, k, ("I", "II", "III", "IV")[int(n) - 8], fmt.header, cols=3))
        number = h["extra"][1] if n == "16" else h[n][1] if n in h else n
        spans.append(span(num, k, number, fmt.number_row, cols=width))
        spans.append(span(kr, k, "K", fmt.header))
        if n in QUARTERS:
            spans.append(span(kr, k + 1, "Fisik (%)", fmt.header))
        spans.append(span(kr, k + width - 1, "Rp" if n not in PERCENT_PAIRS else "Rp (%)", fmt.header))
    return spans


def _children_refs(lay: SheetLayout, row: BudgetRow, key: str, lines: bool = False) -> list[str]:
    """The children's cells in column ``key`` (every indicator line of each child with ``lines``)."""
    tree: _Tree = lay.tree  # type: ignore[attr-defined]
    return [lay.ref(k, key, external=False) for child in row.children
            for k in (_line_keys(child, tree.height(child)) if lines else [child])]


def _line_keys(kode: str, height: int) -> list[object]:
    return [kode if i == 0 else (kode, i) for i in range(height)]


def row_keys_of(row: BudgetRow) -> list[object]:
    return _line_keys(row.kode, row.height)


def _sum_children(lay: SheetLayout, row: BudgetRow, key: str) -> str:
    refs = _children_refs(lay, row, key)
    return f'=IF({call("COUNT", refs)}=0,"",{call("SUM", refs)})'


def _avg_children(lay: SheetLayout, row: BudgetRow, key: str) -> str:
    refs = _children_refs(lay, row, key, lines=True)
    count = call("COUNT", refs)
    mean = f"AVERAGE({','.join(refs)})" if len(refs) <= MAX_ARGS else f"{call('SUM', refs)}/{count}"
    return f'=IF({count}=0,"",{mean})'


def _target_value(t: Target | None) -> float | str | None:
    if t is None:
        return None
    return str(t) if t.is_range else t.low


def _line_spans(lay: SheetLayout, ctx: Context, fmt: DocFormats, b: BudgetModel, row: BudgetRow, i: int,
                key: object, line: KLine) -> list[Span]:
    """The K cells of one indicator line."""
    r = lay.row(key)
    c = lay.col
    d = row.depth
    a = row.anggaran
    m = ctx.model
    rule = m.catalog.instansi.rumus_negatif
    fk, fpct = fmt.cell("k", d), fmt.cell("pct", d)

    def ref(col: str) -> str:
        return lay.ref(key, col, external=False)

    out = [span(r, c("indikator"), line.nama, fmt.cell("wrap", d)), span(r, c("satuan"), line.satuan, fmt.cell("wrap", d))]
    target = _target_value(line.target)
    out += [span(r, c("k5"), line.renstra_target, fk), span(r, c("k6"), line.renstra_prev, fk),
            span(r, c("k7"), target, fk if not isinstance(target, str) else fmt.cell("center", d))]
    ind = line.indikator
    quarters = [str(q + 8) for q in range(4)]
    if ind is not None:  # linked: the indicator's own figures, from Capaian Indikator
        cap_lay = ctx.layouts[SHEET_CAPAIAN]
        for q, n in enumerate(quarters, start=1):
            v = line.tw[q - 1]
            out.append(span(r, c(f"k{n}"), Formula(f"={cap_lay.ref(ind.kode, f'real{q}')}", v)
                            if q <= m.last_quarter else None, fk))
        out.append(span(r, c("k12"), Formula(f"={cap_lay.ref(ind.kode, 'real_sd')}", line.sd), fk))
        out.append(span(r, c("k13"), Formula(renstra_sd_excel(ref("k6"), ref("k12"), ind.agregasi, line.years_before),
                                             line.renstra_sd), fk))
        out.append(span(r, c("k14"), Formula(scoring.capaian_excel(ref("k13"), ref("k5"), None, False, ind.polaritas,
                                                                   rule), line.capaian_renstra), fpct))
        t = line.target
        if t is not None and t.is_range:
            text = scoring.capaian_excel(ref("k12"), f"{t.low:g}", f"{t.high:g}", True, ind.polaritas, rule)
        else:
            text = scoring.capaian_excel(ref("k12"), ref("k7"), None, False, ind.polaritas, rule)
        out.append(span(r, c("k16"), Formula(text, line.capaian_renja), fpct))
    elif row.is_leaf:
        for q, n in enumerate(quarters):
            out.append(span(r, c(f"k{n}"), line.tw[q], fk))
        out.append(span(r, c("k12"), Formula(scoring.aggregate_excel([ref(f"k{n}") for n in quarters], a.agregasi),
                                             line.sd), fk))
        out.append(span(r, c("k13"), Formula(renstra_sd_excel(ref("k6"), ref("k12"), a.agregasi, b.tahun_sebelumnya),
                                             line.renstra_sd), fk))
        for n, real, target_key, v in (("14", "13", "5", line.capaian_renstra), ("16", "12", "7", line.capaian_renja)):
            out.append(span(r, c(f"k{n}"), Formula(percent_excel(ref(f"k{real}"), ref(f"k{target_key}")), v), fpct))
    else:  # a parent measured by its own indicator: nobody reports its K; capaian = mean of the children's
        out += [span(r, c(f"k{n}"), None, fk) for n in (*quarters, "12", "13")]
        out.append(span(r, c("k14"), Formula(_avg_children(lay, row, "k14"), line.capaian_renstra), fpct))
        out.append(span(r, c("k16"), Formula(_avg_children(lay, row, "k16"), line.capaian_renja), fpct))
    hidden = fmt.cell("text", 2)
    out += [span(r, c("tingkat"), TINGKAT_PROGRAM if d == 0 else row.tingkat_label or "-", hidden),
            span(r, c("bidang"), a.bidang, hidden), span(r, c("program"), lay.tree.program(a.kode), hidden)]  # type: ignore[attr-defined]
    return out


def _write_row(ws: Worksheet, lay: SheetLayout, ctx: Context, fmt: DocFormats, b: BudgetModel, i: int,
               row: BudgetRow) -> None:
    a = row.anggaran
    r = lay.row(a.kode)
    c = lay.col
    d = row.depth
    h = row.height
    cat = ctx.model.catalog

    def ref(key: str) -> str:
        return lay.ref(a.kode, key, external=False)

    sas = cat.sasaran_by_kode.get(a.sasaran) if a.sasaran else None
    unit = cat.bidang_by_kode.get(a.bidang)
    unit_name = unit.nama if unit else a.bidang
    keterangan = a.keterangan
    sasaran = f"{sas.kode} {sas.uraian}" if sas else a.sasaran
    wrapped = {"sasaran": sasaran, "nama": a.nama, "unit": unit_name, "ket": keterangan}
    need = max(text_height(str(t), lay.column(k).width - 2 * (k == "nama") * d) for k, t in wrapped.items())
    heights = [max(text_height(x.nama, lay.column("indikator").width), need / h) for x in row.lines] or [need]
    for k, height in enumerate(heights):
        check(ws.set_row(r + k, height), "set_row")
    frp, fpct = fmt.cell("rp", d), fmt.cell("pct", d)
    spans = [span(r, c(key), v, fmt.cell(kind, d), rows=h) for key, v, kind in (
        ("no", i, "center"), ("sasaran", sasaran, "wrap"), ("kode", a.kode, "text"), ("nama", a.nama, "indent"),
        ("unit", unit_name, "wrap"), ("ket", keterangan, "wrap"))]
    for n, pair in (("5", row.renstra_target), ("6", row.renstra_prev), ("7", row.target)):
        v = pair.rp if row.is_leaf else Formula(_sum_children(lay, row, f"rp{n}"), pair.rp)
        spans.append(span(r, c(f"rp{n}"), v, frp, rows=h))
    quarters = [str(q + 8) for q in range(4)]
    for q, (n, pair) in enumerate(zip(quarters, row.tw, strict=True)):
        v = pair.rp if row.is_leaf else Formula(_sum_children(lay, row, f"rp{n}"), pair.rp)
        spans.append(span(r, c(f"rp{n}"), v, frp, rows=h))
        fisik = row.fisik[q] if row.is_leaf else Formula(_avg_children(lay, row, f"f{n}"), row.fisik_rata[q])
        spans.append(span(r, c(f"f{n}"), fisik, fpct, rows=h))
    spans.append(span(r, c("rp12"), Formula(scoring.aggregate_excel([ref(f"rp{n}") for n in quarters],
                                                                    Agregasi.KUMULATIF), row.sd.rp), frp, rows=h))
    spans.append(span(r, c("rp13"), Formula(scoring.aggregate_excel([ref("rp6"), ref("rp12")], Agregasi.KUMULATIF),
                                            row.renstra_sd.rp), frp, rows=h))
    for n, real, target, pair in (("14", "13", "5", row.capaian_renstra), ("16", "12", "7", row.capaian_renja)):
        spans.append(span(r, c(f"rp{n}"), Formula(percent_excel(ref(f"rp{real}"), ref(f"rp{target}")), pair.rp),
                          fpct, rows=h))
    for k, line in enumerate(row.lines):
        spans += _line_spans(lay, ctx, fmt, b, row, i, a.kode if k == 0 else (a.kode, k), line)
    write_spans(ws, spans)


class _Tree:
    """What a row's formulas and cells read of other rows of the sheet, by the sheet row of each
    row's first line: its height (a parent's formulas read every line of its children) and its
    program. In arrays: an E.81 of 1,000 units has ~5,000 rows, whose codes are not held again."""

    def __init__(self, lay: SheetLayout, rows: Iterable[BudgetRow]):
        self._lay = lay
        self._height = array("i", bytes(4 * lay.n_rows))
        self._program = array("i", bytes(4 * lay.n_rows))
        self.programs: list[str] = []  # the programs' codes, in sheet order
        for row in rows:
            if row.depth == 0:
                self.programs.append(row.kode)
            at = self._offset(row.kode)
            self._height[at] = row.height
            self._program[at] = len(self.programs)  # 0: before any program

    def _offset(self, kode: str) -> int:
        return self._lay.row(kode) - self._lay.first_row

    def height(self, kode: str) -> int:
        return self._height[self._offset(kode)]

    def program(self, kode: str) -> str:
        n = self._program[self._offset(kode)]
        return self.programs[n - 1] if n else ""


def footer_row(lay: SheetLayout, k: int) -> int:
    """Row of the footer line ``k`` (0: rata-rata, 1: predikat, 2..: texts)."""
    return lay.last_row + 2 + k


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    b = m.budget
    assert b is not None
    lay = ctx.layouts[SHEET_RENJA]
    skala = ctx.layouts[SHEET_SKALA]
    fmt = DocFormats(ctx.workbook)
    tree = lay.tree = _Tree(lay, b.rows)  # type: ignore[attr-defined]
    program_rows = tree.programs
    ins = m.catalog.instansi
    year = m.period.year
    c = lay.col
    for i, col in enumerate(lay.columns):
        options = {"hidden": True} if col.hidden else {}
        check(ws.set_column(i, i, col.width, None, options), "set_column")
    last_print = c("rp16")  # the extra 12/7 pair after column 16
    spec = printing.PrintSpec(
        footer=f"Evaluasi Renja (E.81) {m.period.label} — {ins.nama_opd}", header=(HEADER_TOP, HEADER_LAST),
        id_cols=(0, c("nama")), last_col=last_print, min_font=fmt.font_size,
        col_starts=[c("indikator"), c("unit"), *(c(f"k{n}") for n in PAIRS)])  # K and Rp of a column together
    plan = printing.plan_columns(ws, spec, ctx.paper)  # no merged text may straddle two pages
    sd = "TW I" if m.last_quarter == 1 else f"TW I s.d. {tw_label(m.last_quarter)}"
    # the title over the identifying columns, which print on every page across
    title_cols = c("nama") + 1
    title_width = sum(col.width for col in lay.columns[:title_cols])
    titles = ((0, "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH", fmt.title, 13),
              (1, f"{ins.nama_opd.upper()} — {ins.pemerintah_daerah.upper()}", fmt.subtitle, 11),
              (2, f"{m.period.label.upper()} (DATA {sd})", fmt.subtitle, 11))
    for r, text, _, size in titles:
        ws.set_row(r, text_height(text, title_width * 9 / size * 0.85, minimum=size * 1.5) * size / 9)
    write_spans(ws, [span(r, 0, text, f, cols=title_cols) for r, text, f, _ in titles] + [
        span(3, 0, "Formulir E.81 Permendagri 86/2017. K = kinerja (satuan indikator); Rp = rupiah. "
                   "Catatan cara hitung di bawah tabel.", fmt.note),
    ])
    ws.set_row(HEADER_TOP, 64)
    ws.set_row(HEADER_TOP + 1, 24)
    write_spans(ws, split_at(_header(lay, year, fmt), plan.starts))
    whole_numbers(ws, ctx.fmt, lay)
    for i, row in enumerate(b.rows, start=1):
        _write_row(ws, lay, ctx, fmt, b, i, row)
    end = _footer(ws, lay, ctx, fmt, b, skala, plan)
    check(ws.freeze_panes(lay.first_row, c("nama") + 1), "freeze_panes")
    printing.apply(ws, dataclasses.replace(spec, last_row=end, groups=[lay.row(k) for k in program_rows],
                                           keep=[(max(lay.last_row, lay.first_row), end)]), ctx.paper)


def _footer(ws: Worksheet, lay: SheetLayout, ctx: Context, fmt: DocFormats, b: BudgetModel,
            skala: SheetLayout, plan: printing.ColumnPlan) -> int:
    m = ctx.model
    ins = m.catalog.instansi
    c = lay.col
    k16, rp16, unit = c("k16"), c("rp16"), c("unit")
    tingkat = lay.col_range("tingkat", external=False)
    # 0: rata-rata over the programs; 1: predikat
    r0, r1 = footer_row(lay, 0), footer_row(lay, 1)
    label = ("Rata-rata capaian kinerja (indikator program) dan realisasi anggaran dari seluruh program (%) — "
             f"kolom tambahan {EXTRA_NUMBER}")
    # labels in the identifying columns (printed on every page across), the columns up to 15 left blank
    label_cols, blank_first = c("nama") + 1, c("nama") + 1
    ws.set_row(r0, text_height(label, sum(col.width for col in lay.columns[:label_cols]) * 0.85))
    write_spans(ws, [span(r0, 0, label, fmt.label, cols=label_cols),
                     *split_at([span(r0, blank_first, "", fmt.label, cols=unit - blank_first + 1)], plan.starts)])
    crit = f'"{TINGKAT_PROGRAM}"'
    formula(ws, r0, k16, f'=IFERROR(AVERAGEIFS({lay.col_range("k16", external=False)},{tingkat},{crit}),"")',
            b.rata_kinerja, fmt.cell("pct", 0))
    pagu = f'SUMIFS({lay.col_range("rp7", external=False)},{tingkat},{crit})'
    real = f'SUMIFS({lay.col_range("rp12", external=False)},{tingkat},{crit})'
    formula(ws, r0, rp16, f'=IF(COUNT({lay.col_range("rp12", external=False)})=0,"",IF({pagu}=0,"",{real}/{pagu}*100))',
            b.rata_anggaran, fmt.cell("pct", 0))
    write_spans(ws, [span(r1, 0, "Predikat kinerja dari seluruh program", fmt.label, cols=label_cols),
                     *split_at([span(r1, blank_first, "", fmt.label, cols=unit - blank_first + 1)], plan.starts)])
    ws.set_row(r1, 2 * POINTS_PER_LINE + 4)  # a predikat such as "Sangat Tinggi" wraps in the narrow column
    bounds, labels = skala.col_range("batas"), skala.col_range("predikat")
    for col, value in ((k16, b.predikat_kinerja), (rp16, b.predikat_anggaran)):
        src = f"{xl_col_to_name(col)}{r0 + 1}"
        formula(ws, r1, col, scoring.predikat_excel(src, bounds, labels), value, fmt.box_center)
    def joined(attr: str) -> str:
        return lines_within((f"{r.kode} {r.anggaran.nama}: {getattr(r, attr)}" for r in b.rows
                             if r.is_leaf and getattr(r, attr)),
                            lambda n: f"… dan {format_id(n)} sub kegiatan lainnya tidak muat di sel ini "
                                      f"(batas Excel {format_id(MAX_CELL_TEXT)} karakter)")

    texts = (
        ("Faktor pendorong keberhasilan pencapaian", joined("pendorong")),
        ("Faktor penghambat pencapaian kinerja", joined("penghambat")),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya", b.tindak_lanjut),
        ("Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya", b.tindak_lanjut_renja),
    )
    text_first = c("indikator")
    text_last = min(rp16, plan.page_of(text_first)[1])  # on one printed page: lines are not cut
    width = sum(col.width for col in lay.columns[text_first:text_last + 1] if not col.hidden)
    row = r1
    for title, text in texts:
        row += 1
        ws.set_row(row, text_height(text, width, minimum=30))
        write_spans(ws, [span(row, 0, title, fmt.label, cols=text_first),
                         span(row, text_first, text, fmt.box, cols=text_last - text_first + 1)])
    notes = (
        "Catatan cara hitung:",
        ("• Kolom 12 K menurut jenis agregasi sub kegiatan: kumulatif dijumlahkan; nilai akhir = triwulan terakhir "
        "yang dilaporkan (tidak dijumlahkan); rata-rata = rata-rata triwulan. Kolom 12 Rp = 8+9+10+11."),
        ("• Kolom 13 K: kumulatif = 6 + 12; nilai akhir = tingkat yang dicapai (12, atau 6 bila tahun ini belum "
        "dilaporkan), bukan penjumlahan antartahun; rata-rata = rata-rata tahun-tahun Renstra."),
        ("• Baris program dan kegiatan: Rp = jumlah rincian di bawahnya; fisik = rata-rata fisik rinciannya. K: bila "
        "katalog mengaitkannya dengan indikator (lembar Indikator), target dan realisasi indikator itu sendiri "
        "(lembar Capaian Indikator), satu baris per indikator, capaian menurut polaritasnya; bila tidak, K 14 dan "
        f"{EXTRA_NUMBER} = rata-rata capaian rinciannya."),
        (f"• Kolom tambahan {EXTRA_NUMBER} = capaian tahun berjalan terhadap target Renja; rata-rata di atas dihitung "
        "dari kolom ini. Fisik (%) = realisasi fisik s.d. triwulan itu. Sel kosong: belum dilaporkan atau tidak "
        "dapat dihitung."),
    )
    spans: list[Span] = []
    for note in notes:
        row += 1
        spans.append(span(row, 0, note, fmt.note))
    write_spans(ws, spans)
    row += 2
    left, right = c("sasaran"), c("indikator")
    right_first, right_last = max(c("k12"), plan.page_of(rp16)[0]), rp16  # on the last page across
    blocks = [
        Signature(left, right, ("Dievaluasi,", "Kepala Badan Perencanaan Pembangunan Daerah"), "", ""),
        Signature(right_first, right_last,
                  (f"{place(ins.pemerintah_daerah)}, {tanggal(ctx.generated.date())}", "Disusun,",
                   ins.kepala_jabatan or "Kepala Perangkat Daerah"), ins.kepala_nama, ins.kepala_nip),
    ]
    spans, end = signature_spans(row, blocks, fmt)
    write_spans(ws, spans)
    return end - 1

