"""*Capaian Indikator*: realisasi, capaian and predikat per indicator, as live formulas.

Realisasi TW n is the indicator's rumus over the *Elemen Data* cells of that
quarter; realisasi s.d. TW aggregates the quarters by the indicator's type (an
indicator "dari elemen" is its rumus over the elements' s.d. TW cells). Three
capaian, kept apart: TW n against the quarter target, s.d. TW n against the
target s.d. TW n (the quarter targets aggregated the same way; the predikat is
judged on it), and progress against the annual target. Polarity, range targets
(their bounds sit in hidden columns), the cap and the floor are honoured;
predikat is looked up in *Skala*.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from kinerja_xl import scoring
from kinerja_xl.catalog.model import Agregasi, Indikator, RumusNegatif, Target
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    PRED,
    SHEET_CAPAIAN,
    SHEET_ELEMEN,
    SHEET_SKALA,
    TEXT,
    WRAP,
    Column,
    Fit,
    SheetLayout,
    fit_widths,
)
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.sheets import elemen as elemen_sheet
from kinerja_xl.recap.sheets.common import (
    Context,
    cell_value,
    fit_row,
    formula,
    predikat_colours,
    print_table,
    start_table,
    title_block,
)
from kinerja_xl.recap.texts import tw_label

TH = "th"  # the annual target's key suffix
SD = "sd"  # the target to date's key suffix
PROG = "_prog"  # progress against the annual target


def sd_label(model: RecapModel) -> str:
    return f"s.d. {tw_label(model.last_quarter)}"


def score_key(model: RecapModel, q: int | str) -> str:
    """The capaian column the predikat is given for: after the cap and floor when there are some."""
    base = "capb" if model.bounded else "cap"
    return f"{base}{q}"


def sd_headers(model: RecapModel) -> dict[str, str]:
    """The plain names of the figures to date (shared by every sheet that shows them)."""
    sd = sd_label(model)
    return {
        "target_sd": f"Target {sd}",
        "cap_sd": f"Capaian {sd} thd Target {sd} (%)",
        "prog": f"Progres {sd} thd Target Tahunan (%)",
        "pred_sd": f"Predikat {sd}",
        "pred_prog": f"Predikat Progres {sd}",
    }


def layout(model: RecapModel) -> SheetLayout:
    rows = model.indikator
    pq = model.period.quarters
    sd = sd_label(model)
    kode, bidang, satuan, rumus = fit_widths(rows, [
        Fit(lambda r: (r.indikator.kode,), "Kode", maximum=14),
        Fit(lambda r: (r.indikator.bidang,), "Bidang", maximum=14),
        Fit(lambda r: (r.indikator.satuan,), "Satuan", maximum=14),
        Fit(lambda r: (r.indikator.rumus.canonical,), "", minimum=12, maximum=30),
    ])
    cols = [
        Column("no", "No", 5, CENTER),
        Column("kode", "Kode", kode, TEXT),
        Column("kode_sasaran", "Kode Sasaran", 9, TEXT),
        Column("sasaran", "Sasaran", 24, WRAP),
        Column("indikator", "Indikator Kinerja", 32, WRAP),
        Column("bidang", "Bidang", bidang, TEXT),
        Column("satuan", "Satuan", satuan, TEXT),
        Column("polaritas", "Polaritas", 10, TEXT),
        Column("agregasi", "Agregasi", 12, TEXT),
        Column("rumus", "Rumus", rumus, WRAP),
    ]
    names = sd_headers(model)
    for q in range(1, 5):
        cols.append(Column(f"target{q}", f"Target {tw_label(q)}", 11, NUM, emphasis=q in pq))
    cols.append(Column(f"target{TH}", "Target Tahunan", 11, NUM))
    cols.append(Column(f"target{SD}", names["target_sd"], 11, NUM, emphasis=True))
    for q in range(1, 5):
        cols.append(Column(f"real{q}", f"Realisasi {tw_label(q)}", 12, NUM, emphasis=q in pq))
    cols.append(Column("real_sd", f"Realisasi {sd}", 13, NUM, emphasis=True))
    # raw values ("tanpa batas": before the cap and floor) and, when there are bounds, the judged ones
    raw = " tanpa batas" if model.bounded else ""
    judged = not model.bounded
    for q in range(1, 5):
        cols.append(Column(f"cap{q}", f"Capaian {tw_label(q)}{raw} (%)", 10, PCT, emphasis=judged and q in pq))
    cols.append(Column("cap_sd", f"Capaian {sd}{raw} (%)" if raw else names["cap_sd"], 12, PCT, emphasis=judged))
    cols.append(Column(f"cap{PROG}", f"Progres {sd}{raw} (%)" if raw else names["prog"], 12, PCT))
    if model.bounded:
        for q in range(1, 5):
            cols.append(Column(f"capb{q}", f"Capaian {tw_label(q)} (%)", 10, PCT, emphasis=q in pq))
        cols.append(Column("capb_sd", names["cap_sd"], 13, PCT, emphasis=True))
        cols.append(Column(f"capb{PROG}", names["prog"], 12, PCT))
    cols.append(Column("pred_tw", f"Predikat {tw_label(model.last_quarter)}", 13, PRED))
    cols.append(Column("pred_sd", names["pred_sd"], 13, PRED, emphasis=True))
    if model.progres_skala is not None:
        cols.append(Column("pred_prog", names["pred_prog"], 13, PRED))
    cols.append(Column("catatan", "Catatan", 30, WRAP))
    bound_names = [(str(q), tw_label(q)) for q in range(1, 5)] + [(TH, "Tahunan"), (SD, sd)]
    for key, label in bound_names:
        cols.append(Column(f"lo{key}", f"Target {label} Batas Bawah", 10, NUM, hidden=True))
        cols.append(Column(f"hi{key}", f"Target {label} Batas Atas", 10, NUM, hidden=True))
    return SheetLayout(SHEET_CAPAIAN, cols, (r.indikator.kode for r in rows))


def _target_cell(t: Target | None) -> float | str | None:
    if t is None:
        return None
    return str(t) if t.is_range else t.low


def _capaian_formula(lay: SheetLayout, ind: Indikator, real_ref: str, key: str, t: Target | None,
                     rule: RumusNegatif) -> str:
    """Capaian against a target; a range target's bounds are in the hidden bound columns."""
    if t is not None and t.is_range:
        lo = lay.ref(ind.kode, f"lo{key}", external=False)
        hi = lay.ref(ind.kode, f"hi{key}", external=False)
        return scoring.capaian_excel(real_ref, lo, hi, True, ind.polaritas, rule)
    target = lay.ref(ind.kode, f"target{key}", external=False)
    return scoring.capaian_excel(real_ref, target, None, False, ind.polaritas, rule)


def _target_sd(ws: Worksheet, lay: SheetLayout, ind: Indikator, target: Target | None, last: int,
               f_num: object) -> None:
    """Target s.d. TW n: the quarter targets aggregated by the indicator's type (the annual target for
    TW IV); the bounds as formulas over the quarters' bound cells, the visible cell as a number (or the
    range's text)."""
    c = lay.col
    row = lay.row(ind.kode)
    if last == 4:
        keys, how = [TH], Agregasi.NILAI_AKHIR
    else:
        keys, how = [str(q) for q in range(1, last + 1)], ind.agregasi
    for bound in ("lo", "hi"):
        refs = [lay.ref(ind.kode, f"{bound}{k}", external=False) for k in keys]
        value = None if target is None else (target.low if bound == "lo" else target.high)
        formula(ws, row, c(f"{bound}{SD}"), scoring.target_to_date_excel(refs, how), value, f_num)
    if target is not None and target.is_range:
        cell_value(ws, row, c(f"target{SD}"), str(target), f_num)
    else:
        lo = lay.ref(ind.kode, f"lo{SD}", external=False)
        formula(ws, row, c(f"target{SD}"), f'=IF({lo}="","",{lo})', None if target is None else target.low, f_num)


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    lay = ctx.layouts[SHEET_CAPAIAN]
    el = ctx.layouts[SHEET_ELEMEN]
    skala = ctx.layouts[SHEET_SKALA]
    fmt = ctx.fmt
    ins = m.catalog.instansi
    rule = ins.rumus_negatif
    limit = m.cap_limit
    last = m.last_quarter
    bounds, labels = skala.col_range("batas"), skala.col_range("predikat")
    cap_note = "tanpa batas atas" if limit is None else f"paling tinggi {limit:g}%"
    floor_note = "tanpa batas bawah" if m.floor is None else f"paling rendah {m.floor:g}%"
    sd = sd_label(m)
    figures = "" if last == 4 else (
        f"Capaian {sd} = realisasi {sd} thd target {sd} (dasar predikat); progres = realisasi {sd} thd target "
        f"tahunan{'' if m.progres_skala is not None else ' (tanpa predikat)'}. ")
    note = (f"{figures}Capaian yang dinilai: {floor_note}, {cap_note}; rumus negatif {rule}; predikat menurut "
            f"lembar {SHEET_SKALA} ({ins.skala}). Kolom tanpa batas: sebelum dibatasi. Sel kosong: belum dapat dihitung.")
    title_block(ws, ctx, "CAPAIAN INDIKATOR KINERJA", (note,))
    start_table(ws, lay, ctx)
    c = lay.col
    ss = m.catalog.sasaran_by_kode
    f_num, f_pct, f_pred = fmt.cell(NUM), fmt.cell(PCT), fmt.cell(PRED)
    for i, r in enumerate(m.indikator, start=1):
        ind = r.indikator
        row = lay.row(ind.kode)
        sas = ss.get(ind.sasaran)
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("kode"), ind.kode, fmt.cell(TEXT))
        cell_value(ws, row, c("kode_sasaran"), ind.sasaran, fmt.cell(TEXT))
        cell_value(ws, row, c("sasaran"), sas.uraian if sas else "", fmt.cell(WRAP))
        cell_value(ws, row, c("indikator"), ind.nama, fmt.cell(WRAP))
        cell_value(ws, row, c("bidang"), ind.bidang, fmt.cell(TEXT))
        cell_value(ws, row, c("satuan"), ind.satuan, fmt.cell(TEXT))
        cell_value(ws, row, c("polaritas"), str(ind.polaritas), fmt.cell(TEXT))
        cell_value(ws, row, c("agregasi"), str(ind.agregasi), fmt.cell(TEXT))
        cell_value(ws, row, c("rumus"), ind.rumus.canonical, fmt.cell(WRAP))
        fit_row(ws, lay, row, {"sasaran": sas.uraian if sas else "", "indikator": ind.nama,
                               "rumus": ind.rumus.canonical, "catatan": r.catatan})
        targets: list[tuple[str, Target | None]] = [(str(q), ind.target_tw[q - 1]) for q in range(1, 5)]
        targets.append((TH, ind.target_tahunan))
        for key, t in targets:
            cell_value(ws, row, c(f"target{key}"), _target_cell(t), f_num)
        # realisasi per quarter: the rumus over that quarter's element cells
        real_refs = []
        known = all(el.has_row(code) for code in ind.rumus.elements)  # the catalog loader guarantees it
        for q in range(1, 5):
            def ref(code: str, q: int = q) -> str:
                return el.ref(code, elemen_sheet.value_key(q))
            text = ind.rumus.to_excel(ref) if known else '=""'
            formula(ws, row, c(f"real{q}"), text, r.realisasi_tw[q - 1] if known else None, f_num)
            real_refs.append(lay.ref(ind.kode, f"real{q}", external=False))
        if ind.agregasi is Agregasi.DARI_ELEMEN:
            real_sd_text = ind.rumus.to_excel(lambda code: el.ref(code, elemen_sheet.SD)) if known else '=""'
        else:
            real_sd_text = scoring.aggregate_excel(real_refs[:last], ind.agregasi)
        formula(ws, row, c("real_sd"), real_sd_text, r.realisasi_sd, f_num)
        _target_sd(ws, lay, ind, r.target_sd, last, f_num)

        for q in range(1, 5):
            formula(ws, row, c(f"cap{q}"), _capaian_formula(lay, ind, real_refs[q - 1], str(q), ind.target_tw[q - 1], rule),
                    r.capaian_tw[q - 1], f_pct)
        real_sd = lay.ref(ind.kode, "real_sd", external=False)
        formula(ws, row, c("cap_sd"), _capaian_formula(lay, ind, real_sd, SD, r.target_sd, rule), r.capaian_sd, f_pct)
        formula(ws, row, c(f"cap{PROG}"), _capaian_formula(lay, ind, real_sd, TH, ind.target_tahunan, rule),
                r.progres, f_pct)
        if m.bounded:
            bounded = [(str(q), r.capped_tw[q - 1]) for q in range(1, 5)]
            bounded += [("_sd", r.capped_sd), (PROG, r.capped_progres)]
            for key, value in bounded:
                src = lay.ref(ind.kode, f"cap{key}", external=False)
                formula(ws, row, c(f"capb{key}"), scoring.capped_excel(src, limit, m.floor), value, f_pct)
        score_tw = lay.ref(ind.kode, score_key(m, last), external=False)
        formula(ws, row, c("pred_tw"), scoring.predikat_excel(score_tw, bounds, labels), r.predikat_tw[last - 1],
                f_pred)
        score_sd = lay.ref(ind.kode, score_key(m, "_sd"), external=False)
        formula(ws, row, c("pred_sd"), scoring.predikat_excel(score_sd, bounds, labels), r.predikat_sd, f_pred)
        if lay.has("pred_prog"):
            score_prog = lay.ref(ind.kode, score_key(m, PROG), external=False)
            formula(ws, row, c("pred_prog"), scoring.predikat_excel(score_prog, skala.col_range("batas_prog"), labels),
                    r.predikat_progres, f_pred)
        cell_value(ws, row, c("catatan"), r.catatan, fmt.cell(WRAP))
        for key, t in targets:
            cell_value(ws, row, c(f"lo{key}"), None if t is None else t.low, f_num)
            cell_value(ws, row, c(f"hi{key}"), None if t is None else t.high, f_num)
    predikat_colours(ws, lay, ctx, *(k for k in ("pred_tw", "pred_sd", "pred_prog") if lay.has(k)))
    print_table(ws, ctx, lay, groups=lay.group_starts(r.indikator.sasaran for r in m.indikator))
