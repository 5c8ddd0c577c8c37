"""*Rencana Aksi* (quarterly monitoring) and *IKU* (LKjIP measurement), as formulas over *Capaian Indikator*.

Layouts from ``SAKIP.md`` ("The tables people must produce"):

* Rencana Aksi: No · Sasaran · Indikator · Satuan · Target tahunan · Target TW I–IV ·
  Realisasi TW I–IV · Target s.d. TW · Realisasi s.d. TW · Capaian s.d. TW thd target s.d. TW (%) ·
  Predikat · Progres thd target tahunan (%);
* IKU: No · Sasaran strategis · IKU · Satuan · Target · Realisasi · Capaian (%) · Predikat (mid-year
  also the target s.d. TW and the progress against the annual target);

each with the row's catatan (data belum lengkap, target 0) and the bidang's kendala / rencana tindak lanjut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.catalog.model import Target
from kinerja_xl.deflate import Picked
from kinerja_xl.recap.layout import (
    CENTER,
    NUM,
    PCT,
    PRED,
    SHEET_CAPAIAN,
    SHEET_IKU,
    SHEET_RA,
    TEXT,
    WRAP,
    Column,
    SheetLayout,
    fit_width,
)
from kinerja_xl.recap.model import IndikatorRow, RecapModel
from kinerja_xl.recap.sheets.capaian import (
    PROG,
    SD,
    TH,
    score_key,
    sd_headers,
    sd_label,
)
from kinerja_xl.recap.sheets.charts import quarter_trend
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


def _ordered(model: RecapModel, iku_only: bool) -> Sequence[IndikatorRow]:
    """By sasaran (catalog order), then indicator (catalog order); the rows are read when used."""
    order = {s.kode: i for i, s in enumerate(model.catalog.sasaran)}
    keys = [(order.get(r.indikator.sasaran, len(order)), i) for i, r in enumerate(model.indikator)
            if r.indikator.iku or not iku_only]
    return Picked(model.indikator, [i for _, i in sorted(keys)])


def _sasaran_text(model: RecapModel, kode: str) -> str:
    s = model.catalog.sasaran_by_kode.get(kode)
    return f"{kode} {s.uraian}" if s else kode


def _target_value(t: Target | None) -> Any:
    if t is None:
        return None
    return str(t) if t.is_range else t.low


def _link(src: str) -> str:
    """A reference that keeps blank blank (a bare ``=ref`` to an empty cell shows 0)."""
    return f'=IF({src}="","",{src})'


def _text_columns(model: RecapModel, rows: Sequence[IndikatorRow], indikator_header: str,
                  sasaran_header: str) -> list[Column]:
    return [
        Column("no", "No", 5, CENTER),
        Column("sasaran", sasaran_header, 24, WRAP),
        Column("indikator", indikator_header, 32, WRAP),
        Column("satuan", "Satuan", fit_width((r.indikator.satuan for r in rows), "Satuan", maximum=14), TEXT),
    ]


def layout_ra(model: RecapModel) -> SheetLayout:
    rows = _ordered(model, False)
    pq = model.period.quarters
    sd = sd_label(model)
    cols = _text_columns(model, rows, "Indikator Kinerja", "Sasaran")
    satuan = cols[-1]  # wide enough for the labels of the trend table below the sheet's table
    cols[-1] = Column(satuan.key, satuan.header, max(satuan.width, 16.0), satuan.kind)
    cols.append(Column(f"target{TH}", "Target Tahunan", 11, NUM))
    cols += [Column(f"target{q}", f"Target {tw_label(q)}", 10, NUM, emphasis=q in pq) for q in range(1, 5)]
    cols += [Column(f"real{q}", f"Realisasi {tw_label(q)}", 11, NUM, emphasis=q in pq) for q in range(1, 5)]
    if any(any(r.indikator.rencana_aksi) for r in rows):  # the catalog's optional Rencana Aksi TW columns
        cols += [Column(f"aksi{q}", f"Rencana Aksi {tw_label(q)}", 24, WRAP, emphasis=q in pq) for q in range(1, 5)]
    names = sd_headers(model)
    cols += [
        Column(f"target{SD}", names["target_sd"], 11, NUM, emphasis=True),
        Column("real_sd", f"Realisasi {sd}", 12, NUM, emphasis=True),
        Column("capaian", names["cap_sd"], 13, PCT, emphasis=True),
        Column("predikat", "Predikat", 13, PRED),
        *_progres_columns(model),
        Column("catatan", "Catatan", 22, WRAP),
        Column("kendala", "Kendala / Rencana Tindak Lanjut", 34, WRAP),
        Column("bidang", "Penanggung Jawab", 18, WRAP),
    ]
    return SheetLayout(SHEET_RA, cols, (r.indikator.kode for r in rows))


def _progres_columns(model: RecapModel) -> list[Column]:
    names = sd_headers(model)
    cols = [Column("progres", names["prog"], 12, PCT)]
    if model.progres_skala is not None:
        cols.append(Column("pred_prog", names["pred_prog"], 13, PRED))
    return cols


def _progres_links(model: RecapModel, r: IndikatorRow) -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = [("progres", score_key(model, PROG), r.capped_progres)]
    if model.progres_skala is not None:
        out.append(("pred_prog", "pred_prog", r.predikat_progres))
    return out


def layout_iku(model: RecapModel) -> SheetLayout:
    rows = _ordered(model, True)
    sd = sd_label(model)
    cols = _text_columns(model, rows, "Indikator Kinerja Utama", "Sasaran Strategis")
    mid_year = model.last_quarter < 4
    names = sd_headers(model)
    cols.append(Column("target", "Target Tahunan", 11, NUM))
    if mid_year:
        cols.append(Column(f"target{SD}", names["target_sd"], 11, NUM, emphasis=True))
    cols += [
        Column("realisasi", f"Realisasi {sd}", 12, NUM, emphasis=True),
        Column("capaian", names["cap_sd"] if mid_year else "Capaian (%)", 12, PCT, emphasis=True),
        Column("predikat", "Predikat", 13, PRED),
        *(_progres_columns(model) if mid_year else []),
        Column("catatan", "Catatan", 24, WRAP),
        Column("kendala", "Kendala / Rencana Tindak Lanjut", 42, WRAP),
    ]
    return SheetLayout(SHEET_IKU, cols, (r.indikator.kode for r in rows))


def _write_rows(ws: Worksheet, ctx: Context, lay: SheetLayout, rows: Sequence[IndikatorRow],
                links: Callable[[IndikatorRow], list[tuple[str, str, Any]]]) -> None:
    """Text columns as values; ``links(row)`` gives (column key, Capaian Indikator column key, value)."""
    m = ctx.model
    cap = ctx.layouts[SHEET_CAPAIAN]
    fmt = ctx.fmt
    c = lay.col
    bidang = m.catalog.bidang_by_kode
    for i, r in enumerate(rows, start=1):
        ind = r.indikator
        row = lay.row(ind.kode)
        cell_value(ws, row, c("no"), i, fmt.cell(CENTER))
        cell_value(ws, row, c("sasaran"), _sasaran_text(m, ind.sasaran), fmt.cell(WRAP))
        cell_value(ws, row, c("indikator"), ind.nama, fmt.cell(WRAP))
        cell_value(ws, row, c("satuan"), ind.satuan, fmt.cell(TEXT))
        for key, cap_key, value in links(r):
            kind = lay.column(key).kind
            formula(ws, row, c(key), _link(cap.ref(ind.kode, cap_key)), value, fmt.cell(kind))
        cell_value(ws, row, c("kendala"), r.kendala, fmt.cell(WRAP))
        cell_value(ws, row, c("catatan"), r.catatan, fmt.cell(WRAP))
        texts = {"sasaran": _sasaran_text(m, ind.sasaran), "indikator": ind.nama, "kendala": r.kendala,
                 "catatan": r.catatan}
        for q, aksi in enumerate(ind.rencana_aksi, start=1):
            if lay.has(f"aksi{q}"):
                cell_value(ws, row, c(f"aksi{q}"), aksi, fmt.cell(WRAP))
                texts[f"aksi{q}"] = aksi
        if lay.has("bidang"):
            b = bidang.get(ind.bidang)
            texts["bidang"] = b.nama if b else ind.bidang
            cell_value(ws, row, c("bidang"), texts["bidang"], fmt.cell(WRAP))
        fit_row(ws, lay, row, texts)


def write_ra(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    lay = ctx.layouts[SHEET_RA]
    sd = sd_label(m)
    title_block(ws, ctx, f"MONITORING RENCANA AKSI {m.period.label.upper()}", (
        (f"Capaian {sd} thd target {sd} (dasar predikat); progres thd target tahunan. Angka dirujuk dari lembar "
        f"{SHEET_CAPAIAN}; kendala dan rencana tindak lanjut dari isian bidang."),))
    start_table(ws, lay, ctx)
    score = score_key(m, "_sd")

    def links(r: IndikatorRow) -> list[tuple[str, str, Any]]:
        ind = r.indikator
        out: list[tuple[str, str, Any]] = [(f"target{TH}", f"target{TH}", _target_value(ind.target_tahunan))]
        out += [(f"target{q}", f"target{q}", _target_value(ind.target_tw[q - 1])) for q in range(1, 5)]
        out += [(f"real{q}", f"real{q}", r.realisasi_tw[q - 1]) for q in range(1, 5)]
        out += [(f"target{SD}", f"target{SD}", _target_value(r.target_sd)), ("real_sd", "real_sd", r.realisasi_sd),
                ("capaian", score, r.capped_sd), ("predikat", "pred_sd", r.predikat_sd)]
        return out + _progres_links(m, r)

    rows = _ordered(m, False)
    _write_rows(ws, ctx, lay, rows, links)
    predikat_colours(ws, lay, ctx, *(k for k in ("predikat", "pred_prog") if lay.has(k)))
    if rows:
        quarter_trend(ws, ctx, lay, max(lay.last_row, lay.first_row) + 2, rows)
    print_table(ws, ctx, lay, groups=lay.group_starts(r.indikator.sasaran for r in rows))


def write_iku(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    lay = ctx.layouts[SHEET_IKU]
    sd = sd_label(m)
    what = (f"Realisasi {sd} dibandingkan dengan target {sd} (dasar predikat) dan dengan target tahunan (progres)"
            if m.last_quarter < 4 else "Realisasi tahun ini dibandingkan dengan target tahunan")
    title_block(ws, ctx, f"PENGUKURAN INDIKATOR KINERJA UTAMA (IKU) {m.period.label.upper()}", (
        f"{what}; angka dirujuk dari lembar {SHEET_CAPAIAN}.",))
    start_table(ws, lay, ctx)
    score = score_key(m, "_sd")

    def links(r: IndikatorRow) -> list[tuple[str, str, Any]]:
        out: list[tuple[str, str, Any]] = [("target", f"target{TH}", _target_value(r.indikator.target_tahunan)),
                                           ("realisasi", "real_sd", r.realisasi_sd), ("capaian", score, r.capped_sd),
                                           ("predikat", "pred_sd", r.predikat_sd)]
        if m.last_quarter < 4:
            out += [(f"target{SD}", f"target{SD}", _target_value(r.target_sd)), *_progres_links(m, r)]
        return out

    _write_rows(ws, ctx, lay, _ordered(m, True), links)
    predikat_colours(ws, lay, ctx, *(k for k in ("predikat", "pred_prog") if lay.has(k)))
    print_table(ws, ctx, lay)
