"""The ``Isian`` sheet: header block, element table (inputs) and indicator table (live preview).

Capaian on the form: the column ``Capaian TW q (%)`` shows the capaian
*after* the catalog's cap and floor (``Instansi.batas_capaian``,
``Instansi.batas_bawah_capaian``, default 0), so the form agrees with the
recap's judged figure and its predikat. When a cap is set, an extra read-only
column ``Capaian TW q tanpa batas (%)`` just before it keeps the raw value
(uncapped and unfloored) visible (SAKIP.md: the uncapped value must stay
visible); without a cap there is only the one column.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_range_abs, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import scoring
from kinerja_xl.angka import format_id as angka_indonesia
from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.catalog.model import Elemen, Indikator, Polaritas, Target, TipeElemen
from kinerja_xl.forms import layout
from kinerja_xl.forms.cells import (
    FILL_KENDALA,
    FILL_WAJIB_KOSONG,
    NUM_BULAT,
    NUM_DESIMAL,
    Styles,
    clip,
    comment,
    conditional,
    merge_text,
    print_setup,
    protect,
    put_blank,
    put_formula,
    put_number,
    put_string,
    put_value,
    validate,
)
from kinerja_xl.forms.context import FormContext
from kinerja_xl.period import ROMAN
from kinerja_xl.xlsx import LINE_HEIGHT, check, wrapped_lines

NAME_WIDTH = 46  # Elemen Data / Indikator Kinerja column
KETERANGAN_WIDTH = 28
KENDALA_WIDTH = 40

#: Shown instead of a preview when a rumus uses an element another bidang fills.
DIHITUNG_SAAT_REKAP = "dihitung saat rekap"

POLARITAS_LABEL = {
    Polaritas.POSITIF: "Positif",
    Polaritas.NEGATIF: "Negatif",
    Polaritas.RENTANG: "Rentang",
}

TIPE_TEXT = {
    TipeElemen.BULAT: "bilangan bulat",
    TipeElemen.DESIMAL: "angka (boleh desimal)",
    TipeElemen.PERSEN: "persentase sebagai angka 0–100 (98,5 untuk 98,5%), tanpa tanda %",
}

TITLE = "FORMULIR ELEMEN DATA LAPORAN KINERJA"
HEADER_ROWS = 8  # rows above and including the element table's header row (frozen)
R_ELEMENT_HEADER = HEADER_ROWS - 1


def h_capaian_tanpa_batas(q: int) -> str:
    return f"Capaian TW {ROMAN[q - 1]} tanpa batas (%)"


def element_format(e: Elemen) -> str | None:
    """The input's number format. A *persen* input keeps Excel's General format: ``42%`` typed there
    is stored as 0.42 with a percent format that intake sees (a number format of its own would
    keep 0.42 looking like a plain 0,42 in LibreOffice Calc)."""
    if e.tipe is TipeElemen.PERSEN:
        return None
    return NUM_BULAT if e.tipe is TipeElemen.BULAT else NUM_DESIMAL


def bounds(e: Elemen) -> tuple[float | None, float | None]:
    """The validation bounds of an element (persen defaults to 0–100)."""
    lo, hi = e.min, e.max
    if e.tipe is TipeElemen.PERSEN:
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
    return lo, hi


def _bound_value(x: float, tipe: TipeElemen) -> float | int:
    return int(x) if x == int(x) and abs(x) < 1e15 else x


def element_validation(e: Elemen) -> dict[str, object]:
    """Data validation options (xlsxwriter) for an element's realisasi cell."""
    lo, hi = bounds(e)
    kind = "integer" if e.tipe is TipeElemen.BULAT else "decimal"
    opts: dict[str, object] = {"validate": kind, "ignore_blank": True, "error_type": "stop"}
    if lo is not None and hi is not None:
        opts.update(criteria="between", minimum=_bound_value(lo, e.tipe), maximum=_bound_value(hi, e.tipe))
        rentang = f" dari {angka_indonesia(lo)} sampai {angka_indonesia(hi)}"
    elif lo is not None:
        opts.update(criteria=">=", value=_bound_value(lo, e.tipe))
        rentang = f" paling kecil {angka_indonesia(lo)}"
    elif hi is not None:
        opts.update(criteria="<=", value=_bound_value(hi, e.tipe))
        rentang = f" paling besar {angka_indonesia(hi)}"
    else:
        opts.update(criteria="between", minimum=-999_999_999_999_999, maximum=999_999_999_999_999)
        rentang = ""
    tipe = TIPE_TEXT[e.tipe]
    opts["input_title"] = clip(f"Realisasi {e.kode}", 32)
    opts["input_message"] = clip(
        f"{e.nama} ({e.satuan}). Isi {tipe}{rentang}. Kosongkan bila data belum tersedia; "
        "angka 0 berarti nilainya memang nol.", 255)
    opts["error_title"] = clip("Isian tidak sesuai", 32)
    opts["error_message"] = clip(
        f"{e.kode} {e.nama}: isi dengan {tipe}{rentang}. Jangan menulis satuan atau teks di sel ini; "
        "tulis penjelasan di kolom Keterangan.", 255)
    return opts


def runs(rows: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs ``(first, last)`` of sorted row numbers."""
    start = prev = None
    for r in rows:
        if start is None:
            start = prev = r
        elif r == prev + 1:  # type: ignore[operator]
            prev = r
        else:
            yield start, prev  # type: ignore[misc]
            start = prev = r
    if start is not None:
        yield start, prev  # type: ignore[misc]


def as_typed(value: object) -> object:
    """A prefilled realisasi as the person typed it: a date shows as text, a non-finite number as blank."""
    if isinstance(value, dt.date):
        return tanggal_indonesia(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _literal(x: float) -> str:
    return str(int(x)) if x == int(x) and abs(x) < 1e15 else repr(x)


def note_text(messages: Sequence[str]) -> str:
    lines = [f"• {m}" for m in messages]
    return "Catatan Sub Bagian Perencanaan:\n" + "\n".join(lines)


@dataclass(frozen=True)
class IndicatorCols:
    no: int = 0
    kode: int = 1
    nama: int = 2
    satuan: int = 3
    polaritas: int = 4
    target: int = 5
    tahunan: int = 6
    realisasi: int = 7
    uncapped: int | None = None
    capaian: int = 8
    predikat: int = 9
    kendala: int = 10

    @classmethod
    def make(cls, capped: bool) -> IndicatorCols:
        if capped:
            return cls(uncapped=8, capaian=9, predikat=10, kendala=11)
        return cls()


class IsianWriter:
    """Writes the Isian sheet of one form."""

    def __init__(self, ws: Worksheet, st: Styles, ctx: FormContext, skala_ranges: tuple[str, str]):
        self.ws = ws
        self.st = st
        self.ctx = ctx
        self.q = ctx.quarter
        self.skala_bounds, self.skala_labels = skala_ranges
        self.limit = ctx.catalog.instansi.batas_capaian.limit
        self.floor = ctx.catalog.instansi.batas_bawah_capaian.limit
        # element table columns
        self.c_context = list(range(4, 4 + self.q - 1))
        self.c_realisasi = 4 + self.q - 1
        self.c_keterangan = self.c_realisasi + 1
        self.ic = IndicatorCols.make(self.limit is not None)
        self.refs: dict[str, str] = {}  # element code -> absolute A1 of its realisasi cell
        self.used_notes: set[str] = set()

    def write(self) -> None:
        self._header_block()
        last = self._elements()
        self._indicators(last + 2)
        self._widths()
        self.ws.freeze_panes(HEADER_ROWS, 0)
        print_setup(self.ws, self.ctx, repeat_row=R_ELEMENT_HEADER, id_cols=(0, 2))  # No, Kode, nama
        self._other_notes()
        protect(self.ws, self.ctx.password)

    # --- header block ---------------------------------------------------------------------

    def _header_block(self) -> None:
        ws, st = self.ws, self.st
        write_header_block(ws, st, self.ctx, TITLE)
        put_string(ws, HEADER_ROWS - 2, 0,
                   f"A. ELEMEN DATA — isi kolom {layout.h_realisasi(self.q)} dan {layout.H_KETERANGAN}",
                   st.label())

    # --- element table ----------------------------------------------------------------------

    def _elements(self) -> int:
        """Write the element table; return its last row."""
        ws, st, ctx, q = self.ws, self.st, self.ctx, self.q
        r0 = R_ELEMENT_HEADER
        headers = [layout.H_NO, layout.H_KODE, layout.H_ELEMEN, layout.H_SATUAN]
        headers += [layout.h_context(k) for k in range(1, q)]
        headers += [layout.h_realisasi(q), layout.H_KETERANGAN]
        check(ws.set_row(r0, 30), "set_row")
        for c, h in enumerate(headers):
            put_string(ws, r0, c, h, st.header())
        wajib_rows: list[int] = []
        for i, e in enumerate(ctx.elements):
            r = r0 + 1 + i
            numfmt = element_format(e)
            put_number(ws, r, 0, i + 1, st.plain(align="center"))
            put_string(ws, r, 1, e.kode, st.plain())
            put_string(ws, r, 2, e.nama, st.plain())
            put_string(ws, r, 3, e.satuan, st.plain())
            for k, c in zip(range(1, q), self.c_context, strict=True):
                value = ctx.history.get(k, {}).get(e.kode)
                if value is None:
                    put_blank(ws, r, c, st.locked(numfmt))
                else:
                    put_number(ws, r, c, float(value), st.locked(numfmt))
            noted = e.kode in ctx.notes
            put_value(ws, r, self.c_realisasi, as_typed(ctx.fill.values.get(e.kode)),
                      st.input(numfmt, noted=noted, align="right"))
            keterangan = ctx.fill.keterangan.get(e.kode)
            put_value(ws, r, self.c_keterangan, keterangan, st.input())
            self._fit_row(r, (e.nama, NAME_WIDTH), (keterangan, KETERANGAN_WIDTH))
            validate(ws, r, self.c_realisasi, element_validation(e))
            if noted:
                comment(ws, r, self.c_realisasi, note_text(ctx.notes[e.kode]))
                self.used_notes.add(e.kode)
            elif e.wajib:
                wajib_rows.append(r)
            self.refs[e.kode] = xl_rowcol_to_cell(r, self.c_realisasi, row_abs=True, col_abs=True)
        last = r0 + len(ctx.elements)
        if ctx.elements:
            validate(ws, r0 + 1, self.c_keterangan, {
                "validate": "any",
                "input_title": "Keterangan / sumber data",
                "input_message": clip("Tulis sumber data (misalnya SIAK, register pelayanan, laporan "
                                      "kecamatan) dan penjelasan bila angka berubah jauh dari triwulan "
                                      "sebelumnya atau belum tersedia.", 255),
            }, last_row=last)
        for first, end in runs(wajib_rows):
            conditional(ws, first, self.c_realisasi, end, self.c_realisasi, {
                "type": "blanks", "format": st.highlight(FILL_WAJIB_KOSONG),
            })
        return last

    # --- indicator table -----------------------------------------------------------------

    def _indicator_headers(self) -> list[tuple[int, str]]:
        ic, q = self.ic, self.q
        cols = [
            (ic.no, layout.H_NO), (ic.kode, layout.H_KODE), (ic.nama, layout.H_INDIKATOR),
            (ic.satuan, layout.H_SATUAN), (ic.polaritas, layout.H_POLARITAS), (ic.target, layout.h_target(q)),
            (ic.tahunan, layout.H_TARGET_TAHUNAN), (ic.realisasi, layout.h_realisasi(q)),
        ]
        if ic.uncapped is not None:
            cols.append((ic.uncapped, h_capaian_tanpa_batas(q)))
        cols += [(ic.capaian, layout.h_capaian(q)), (ic.predikat, layout.H_PREDIKAT),
                 (ic.kendala, layout.H_KENDALA)]
        return cols

    def _indicators(self, start: int) -> None:
        ws, st, ctx, ic = self.ws, self.st, self.ctx, self.ic
        cap_note = (f"; capaian dibatasi paling tinggi {angka_indonesia(self.limit)}%"
                    if self.limit is not None else "")
        put_string(ws, start, 0, "B. INDIKATOR KINERJA — dihitung otomatis dari isian di atas"
                   f"{cap_note}; isi {layout.H_KENDALA} bila capaian di bawah 100%", st.label())
        hr = start + 1
        check(ws.set_row(hr, 30), "set_row")
        for c, h in self._indicator_headers():
            put_string(ws, hr, c, h, st.header())
        values = ctx.numeric_values()
        kendala_rows: list[int] = []
        cross = False
        for i, ind in enumerate(ctx.indicators):
            r = hr + 1 + i
            previewed = self._indicator_row(r, i, ind, values)
            cross = cross or not previewed
            if ind.kode in ctx.notes:
                comment(ws, r, ic.kendala, note_text(ctx.notes[ind.kode]))
                self.used_notes.add(ind.kode)
            elif previewed:
                kendala_rows.append(r)
        last = hr + len(ctx.indicators)
        if ctx.indicators:
            validate(ws, hr + 1, ic.kendala, {
                "validate": "any",
                "input_title": "Kendala / rencana tindak lanjut",
                "input_message": clip("Wajib diisi bila capaian di bawah 100%: tulis kendala yang dihadapi "
                                      "dan rencana tindak lanjut (apa, oleh siapa, kapan).", 255),
            }, last_row=last)
        for first, end in runs(kendala_rows):
            cap = xl_rowcol_to_cell(first, ic.capaian, col_abs=True)
            ken = xl_rowcol_to_cell(first, ic.kendala, col_abs=True)
            conditional(ws, first, ic.kendala, end, ic.kendala, {
                "type": "formula", "criteria": f"=AND(ISNUMBER({cap}),{cap}<100,LEN(TRIM({ken}))=0)",
                "format": st.highlight(FILL_KENDALA),
            })
        self._footnotes(last + 2, cross)

    def _target_cell(self, r: int, c: int, target: Target | None) -> None:
        ws, st = self.ws, self.st
        if target is None:
            put_blank(ws, r, c, st.plain(NUM_BULAT))
        elif target.is_range:
            put_string(ws, r, c, f"{angka_indonesia(target.low)}–{angka_indonesia(target.high)}",
                       st.plain(align="right"))
        else:
            fmt = NUM_BULAT if target.value == int(target.value) else NUM_DESIMAL
            put_number(ws, r, c, target.value, st.plain(fmt))

    def _indicator_row(self, r: int, i: int, ind: Indikator, values: dict[str, float | None]) -> bool:
        """Write one indicator row; return whether it could be previewed on this form."""
        ws, st, ctx, ic, q = self.ws, self.st, self.ctx, self.ic, self.q
        rule = ctx.catalog.instansi.rumus_negatif
        target = ind.target_tw[q - 1]
        put_number(ws, r, ic.no, i + 1, st.plain(align="center"))
        put_string(ws, r, ic.kode, ind.kode, st.plain())
        put_string(ws, r, ic.nama, ind.nama, st.plain())
        put_string(ws, r, ic.satuan, ind.satuan, st.plain())
        put_string(ws, r, ic.polaritas, POLARITAS_LABEL[ind.polaritas], st.plain())
        self._target_cell(r, ic.target, target)
        self._target_cell(r, ic.tahunan, ind.target_tahunan)
        noted = ind.kode in ctx.notes
        kendala = ctx.fill.kendala.get(ind.kode)
        put_value(ws, r, ic.kendala, kendala, st.input(noted=noted))
        self._fit_row(r, (ind.nama, NAME_WIDTH), (kendala, KENDALA_WIDTH))
        calc = st.locked(NUM_DESIMAL)
        previewed = all(code in self.refs for code in ind.rumus.elements)
        if not previewed:
            put_string(ws, r, ic.realisasi, DIHITUNG_SAAT_REKAP, st.locked(italic=True, font_color="#595959"))
            for c in (ic.uncapped, ic.capaian, ic.predikat):
                if c is not None:
                    put_blank(ws, r, c, st.locked())
            return False
        realisasi = ind.rumus.evaluate(values)
        put_formula(ws, r, ic.realisasi, ind.rumus.to_excel(self.refs.__getitem__), calc, realisasi)
        r_ref = xl_rowcol_to_cell(r, ic.realisasi)
        if target is not None and target.is_range:
            lo, hi = _literal(target.low), _literal(target.high)
        else:
            lo, hi = xl_rowcol_to_cell(r, ic.target), None
        is_range = target is not None and target.is_range
        raw = scoring.capaian(realisasi, target, ind.polaritas, rule)
        raw_formula = scoring.capaian_excel(r_ref, lo, hi, is_range, ind.polaritas, rule)
        if ic.uncapped is None:  # no cap: the one column is the capaian judged (after the floor)
            shown = scoring.capped(raw, None, self.floor)
            put_formula(ws, r, ic.capaian,
                        scoring.capaian_excel(r_ref, lo, hi, is_range, ind.polaritas, rule, self.floor), calc, shown)
        else:
            put_formula(ws, r, ic.uncapped, raw_formula, calc, raw)
            shown = scoring.capped(raw, self.limit, self.floor)
            put_formula(ws, r, ic.capaian,
                        scoring.capped_excel(xl_rowcol_to_cell(r, ic.uncapped), self.limit, self.floor), calc, shown)
        predikat = scoring.predikat(shown, ctx.catalog.instansi.skala_predikat)
        put_formula(ws, r, ic.predikat,
                    scoring.predikat_excel(xl_rowcol_to_cell(r, ic.capaian), self.skala_bounds, self.skala_labels),
                    st.locked(align="center"), predikat)
        return True

    def _footnotes(self, row: int, cross: bool) -> None:
        ws, st, ins = self.ws, self.st, self.ctx.catalog.instansi
        lines = ["Catatan:",
                 "• Capaian positif = realisasi ÷ target × 100; capaian negatif (semakin rendah semakin baik) = "
                 + ("target ÷ realisasi × 100." if ins.rumus_negatif.value == "rasio"
                    else "(2 × target − realisasi) ÷ target × 100."),
                 "• Target rentang: capaian 100% bila realisasi berada di dalam rentang target.",
                 f"• Predikat menurut skala {ins.skala_predikat.nama}: "
                 + "; ".join(f"{label} ≥ {angka_indonesia(b)}" for b, label in ins.skala_predikat.bands) + "."]
        lines.append("• Target 0: capaian 100% bila realisasi 0 (negatif: 0 atau kurang; positif: 0 atau lebih), "
                     "selain itu 0%.")
        bounds = [f"paling rendah {angka_indonesia(self.floor)}%" if self.floor is not None else "",
                  f"paling tinggi {angka_indonesia(self.limit)}%" if self.limit is not None else ""]
        if any(bounds):
            lines.append(f"• Capaian dibatasi {' dan '.join(b for b in bounds if b)}"
                         + ("; nilai tanpa batas ditampilkan di kolom sebelahnya." if self.limit is not None else "."))
        if cross:
            lines.append(f"• \"{DIHITUNG_SAAT_REKAP}\": rumus indikator ini memakai elemen data bidang lain, "
                         "sehingga realisasi dan capaiannya dihitung oleh Sub Bagian Perencanaan saat rekap.")
        for k, text in enumerate(lines):
            put_string(ws, row + k, 0, text, st.get(italic=k > 0, bold=k == 0))

    def _fit_row(self, r: int, *texts: tuple[object, float]) -> None:
        """Tall enough for its wrapped texts (Excel and Calc do not grow rows of a generated file)."""
        lines = max(wrapped_lines(text, width) for text, width in texts)
        if lines > 1:
            check(self.ws.set_row(r, LINE_HEIGHT * lines), "set_row")

    def _widths(self) -> None:
        widths: dict[int, float] = {0: 5, 1: 10, 2: NAME_WIDTH, 3: 11}
        for c in self.c_context:
            widths[c] = 13
        widths[self.c_realisasi] = 15
        widths[self.c_keterangan] = KETERANGAN_WIDTH
        ic = self.ic
        wanted: tuple[tuple[int | None, float], ...] = (
            (ic.polaritas, 11), (ic.target, 12), (ic.tahunan, 12), (ic.realisasi, 13), (ic.uncapped, 13),
            (ic.capaian, 13), (ic.predikat, 14), (ic.kendala, KENDALA_WIDTH))
        for col, width in wanted:
            if col is not None:
                widths[col] = max(widths.get(col, 0), width)
        for col, width in sorted(widths.items()):
            check(self.ws.set_column(col, col, width), "set_column")

    def _other_notes(self) -> None:
        """Notes whose key is no element or indicator of this form go on the title cell."""
        budget = {a.kode for a in self.ctx.sub_kegiatan}  # notes for the Anggaran sheet
        other = [(k, msgs) for k, msgs in sorted(self.ctx.notes.items())
                 if k not in self.used_notes and k.split("#", 1)[0] not in budget]
        if other:
            text = "Catatan lain dari Sub Bagian Perencanaan:\n" + "\n".join(
                f"• {k}: {m}" for k, msgs in other for m in msgs)
            comment(self.ws, 0, 0, text)


def write_header_block(ws: Worksheet, st: Styles, ctx: FormContext, title: str) -> None:
    """The title and the block above a form's table (what intake compares with the catalog)."""
    check(ws.set_row(0, 22), "set_row")
    put_string(ws, 0, 0, title, st.title())
    info = (
        ("Pemerintah Daerah", ctx.catalog.instansi.pemerintah_daerah),
        ("Perangkat Daerah", ctx.catalog.instansi.nama_opd),
        ("Bidang", ctx.bidang.label),
        ("Periode", ctx.period.label),
        ("Batas Pengisian", tanggal_indonesia(ctx.deadline)),
    )
    for i, (label, value) in enumerate(info, start=1):
        merge_text(ws, i, 0, i, 1, label, st.label())
        put_string(ws, i, 2, f": {value}", st.get())


def skala_ranges(first_row: int, n: int, sheet: str = layout.SHEET_DAFTAR) -> tuple[str, str]:
    """Absolute ranges of the Skala table's bounds (column A) and labels (column B)."""
    q = quote_sheetname(sheet)
    return (f"{q}!{xl_range_abs(first_row, 0, first_row + n - 1, 0)}",
            f"{q}!{xl_range_abs(first_row, 1, first_row + n - 1, 1)}")
