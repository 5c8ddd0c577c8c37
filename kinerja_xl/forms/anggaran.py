"""The ``Anggaran`` sheet: the quarter's budget and output report per sub kegiatan.

Only a bidang that has sub kegiatan in the catalog's Anggaran sheet gets it
(:meth:`Catalog.sub_kegiatan_of`); every other form is unchanged. One row per
sub kegiatan, found by intake through its ``Kode Rekening`` (rows may be
sorted). Columns (names in :mod:`kinerja_xl.forms.layout`):

* from the catalog (locked): Kode Rekening, Sub Kegiatan, Indikator Keluaran,
  Satuan, Target Kinerja Tahunan (K), Pagu Anggaran (Rp);
* context (locked): for every earlier quarter i, ``Kinerja TW i (K)`` and
  ``Realisasi Keuangan TW i (Rp)`` as accepted (``budget_history``);
* inputs: ``Realisasi Kinerja TW q (K)``, ``Realisasi Fisik s.d. TW q (%)``
  (cumulative progress 0–100), ``Realisasi Keuangan TW q (Rp)`` (the
  quarter's spending, ≥ 0), ``Faktor Pendorong``, ``Faktor Penghambat``;
* formulas (locked, with cached values): ``Realisasi Keuangan s.d. TW q (Rp)``
  = earlier quarters + this one (blank while this one is blank) and
  ``Serapan Anggaran (%)`` = s.d. ÷ pagu × 100 (blank without a pagu).

Notes of a returned form are keyed by sub kegiatan kode (the Realisasi
Keuangan cell is marked) or by :func:`note_key` ``(kode, field)`` for one
input cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.catalog.model import Anggaran
from kinerja_xl.forms import layout
from kinerja_xl.forms.cells import (
    FILL_WAJIB_KOSONG,
    NUM_BULAT,
    NUM_DESIMAL,
    Styles,
    clip,
    comment,
    conditional,
    print_setup,
    protect,
    put_blank,
    put_formula,
    put_number,
    put_string,
    put_value,
    validate,
)
from kinerja_xl.forms.context import FormContext, as_number
from kinerja_xl.forms.isian import (
    HEADER_ROWS,
    R_ELEMENT_HEADER,
    as_typed,
    note_text,
    runs,
    write_header_block,
)
from kinerja_xl.xlsx import LINE_HEIGHT, check, wrapped_lines

TITLE = "FORMULIR REALISASI KINERJA DAN ANGGARAN SUB KEGIATAN"

#: keys of :attr:`FormFill.faktor` / ``FileResult.faktor`` / ``AcceptedSubmission.faktor``
FAKTOR_PENDORONG = "pendorong"
FAKTOR_PENGHAMBAT = "penghambat"
FAKTOR_KEYS = (FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT)

#: Rupiah: whole rupiah shown with thousands separators (a decimal typed in is kept, not shown).
NUM_RP = NUM_BULAT
NUM_K: str | None = None  # K: shown as typed (whole or decimal)
#: Fisik %: General, so that "62%" typed there keeps the percent format intake reads (a number format
#: of its own would make LibreOffice Calc store 0.62 looking like a plain 0,62).
NUM_FISIK: str | None = None

#: Largest number the validations accept (a typo guard, far above any pagu).
_MAX = 999_999_999_999_999


#: Column widths (characters) by header; others: 15 for rupiah, 11 for the rest.
WIDTHS = {layout.H_NO: 5, layout.H_KODE_REKENING: 17, layout.H_SUB_KEGIATAN: 32, layout.H_INDIKATOR_KELUARAN: 28,
          layout.H_SATUAN: 10, layout.H_TARGET_K: 11, layout.H_PAGU: 16, layout.H_SERAPAN: 10,
          layout.H_PENDORONG: 28, layout.H_PENGHAMBAT: 28}
def note_key(kode: str, field: str) -> str:
    """The notes key of one input cell of a sub kegiatan row (``field``: a BUDGET_* or FAKTOR_* key)."""
    return f"{kode}#{field}"


def keuangan_sd(earlier: Sequence[float | None], rp: float | None) -> float | None:
    """Spending up to and including the quarter: earlier quarters + this one; blank while this one is."""
    if rp is None:
        return None
    return sum(x for x in earlier if x is not None) + rp


def serapan(sd: float | None, pagu: float | None) -> float | None:
    """Budget absorption in percent: s.d. ÷ pagu × 100; blank without spending or pagu."""
    if sd is None or not pagu:
        return None
    return sd / pagu * 100


def _petunjuk_lines(q: int) -> list[str]:
    return [
        (f"Di lembar {layout.SHEET_ANGGARAN}, isi untuk setiap sub kegiatan: \"{layout.h_realisasi_k(q)}\" "
         f"(keluaran triwulan ini dalam satuan indikatornya), \"{layout.h_fisik(q)}\" (kemajuan fisik "
         f"kumulatif sejak awal tahun, angka 0 sampai 100) dan \"{layout.h_keuangan(q)}\" (belanja triwulan "
         "ini saja, dalam rupiah, tanpa titik atau \"Rp\")."),
        (f"Realisasi keuangan s.d. triwulan ini dan serapan anggaran dihitung otomatis; realisasi s.d. "
         f"triwulan ini tidak boleh melebihi pagu. Tulis \"{layout.H_PENDORONG}\" dan "
         f"\"{layout.H_PENGHAMBAT}\" realisasi sub kegiatan itu."),
    ]


def petunjuk_lines(ctx: FormContext) -> list[str]:
    """The Petunjuk lines about the Anggaran sheet (none when the form has no such sheet)."""
    return _petunjuk_lines(ctx.quarter) if ctx.sub_kegiatan else []


class AnggaranWriter:
    """Writes the Anggaran sheet of one form."""

    def __init__(self, ws: Worksheet, st: Styles, ctx: FormContext):
        self.ws = ws
        self.st = st
        self.ctx = ctx
        q = self.q = ctx.quarter
        self.headers: list[str] = [layout.H_NO, layout.H_KODE_REKENING, layout.H_SUB_KEGIATAN,
                                   layout.H_INDIKATOR_KELUARAN, layout.H_SATUAN, layout.H_TARGET_K, layout.H_PAGU]
        for k in range(1, q):
            self.headers += [layout.h_kinerja_context(k), layout.h_keuangan(k)]
        self.headers += [layout.h_realisasi_k(q), layout.h_fisik(q), layout.h_keuangan(q), layout.h_keuangan_sd(q),
                         layout.H_SERAPAN, layout.H_PENDORONG, layout.H_PENGHAMBAT]
        self.col = {h: c for c, h in enumerate(self.headers)}
        self.inputs = {
            layout.BUDGET_K: self.col[layout.h_realisasi_k(q)],
            layout.BUDGET_FISIK: self.col[layout.h_fisik(q)],
            layout.BUDGET_RP: self.col[layout.h_keuangan(q)],
            FAKTOR_PENDORONG: self.col[layout.H_PENDORONG],
            FAKTOR_PENGHAMBAT: self.col[layout.H_PENGHAMBAT],
        }
        self.used_notes: set[str] = set()

    def write(self) -> None:
        ws, st, ctx = self.ws, self.st, self.ctx
        write_header_block(ws, st, ctx, TITLE)
        put_string(ws, HEADER_ROWS - 2, 0,
                   f"C. REALISASI SUB KEGIATAN — isi kolom {layout.h_realisasi_k(self.q)}, {layout.h_fisik(self.q)}, "
                   f"{layout.h_keuangan(self.q)}, {layout.H_PENDORONG} dan {layout.H_PENGHAMBAT}", st.label())
        r0 = R_ELEMENT_HEADER
        check(ws.set_row(r0, 45), "set_row")
        for c, h in enumerate(self.headers):
            put_string(ws, r0, c, h, st.header())
        unnoted: list[int] = []  # rows whose empty required inputs turn yellow (noted ones are red)
        for i, a in enumerate(ctx.sub_kegiatan):
            if not self._row(r0 + 1 + i, i, a):
                unnoted.append(r0 + 1 + i)
        last = r0 + len(ctx.sub_kegiatan)
        self._validations(r0 + 1, last)
        for first, end in runs(unnoted):
            for key in (layout.BUDGET_FISIK, layout.BUDGET_RP):
                c = self.inputs[key]
                conditional(ws, first, c, end, c, {"type": "blanks", "format": st.highlight(FILL_WAJIB_KOSONG)})
        self._footnotes(last + 2)
        self._widths()
        ws.freeze_panes(HEADER_ROWS, 0)
        print_setup(ws, ctx, repeat_row=r0, id_cols=(0, 2))  # No, Kode, Sub Kegiatan
        self._other_notes()
        protect(ws, ctx.password)

    def _row(self, r: int, i: int, a: Anggaran) -> bool:
        """Write one sub kegiatan; return whether any of its cells carries a note."""
        ws, st, ctx, q, col = self.ws, self.st, self.ctx, self.q, self.col
        put_number(ws, r, 0, i + 1, st.plain(align="center"))
        put_string(ws, r, col[layout.H_KODE_REKENING], a.kode, st.plain())
        put_string(ws, r, col[layout.H_SUB_KEGIATAN], a.nama, st.plain())
        put_string(ws, r, col[layout.H_INDIKATOR_KELUARAN], a.indikator, st.plain())
        put_string(ws, r, col[layout.H_SATUAN], a.satuan, st.plain())
        for header, value, fmt in ((layout.H_TARGET_K, a.target_k, NUM_K), (layout.H_PAGU, a.pagu, NUM_RP)):
            if value is None:
                put_blank(ws, r, col[header], st.plain(fmt))
            else:
                put_number(ws, r, col[header], float(value), st.plain(fmt))
        earlier: list[float | None] = []
        earlier_cells: list[str] = []
        for k in range(1, q):
            past = ctx.budget_history.get(k, {}).get(a.kode, {})
            for header, key, fmt in ((layout.h_kinerja_context(k), layout.BUDGET_K, NUM_K),
                                     (layout.h_keuangan(k), layout.BUDGET_RP, NUM_RP)):
                value = past.get(key)
                if value is None:
                    put_blank(ws, r, col[header], st.locked(fmt))
                else:
                    put_number(ws, r, col[header], float(value), st.locked(fmt))
            earlier.append(past.get(layout.BUDGET_RP))
            earlier_cells.append(xl_rowcol_to_cell(r, col[layout.h_keuangan(k)]))
        fill = ctx.fill.anggaran.get(a.kode, {})
        faktor = ctx.fill.faktor.get(a.kode, {})
        row_noted = a.kode in ctx.notes
        any_note = row_noted
        for key, fmt, align in ((layout.BUDGET_K, NUM_K, "right"), (layout.BUDGET_FISIK, NUM_FISIK, "right"),
                                (layout.BUDGET_RP, NUM_RP, "right"), (FAKTOR_PENDORONG, None, None),
                                (FAKTOR_PENGHAMBAT, None, None)):
            c = self.inputs[key]
            nk = note_key(a.kode, key)
            messages = list(ctx.notes.get(nk, ()))
            if row_noted and key == layout.BUDGET_RP:
                messages = list(ctx.notes[a.kode]) + messages
            noted = bool(messages)
            any_note = any_note or noted
            typed: object = as_typed(fill.get(key)) if key in layout.BUDGET_KEYS else faktor.get(key)
            extra = {"align": align} if align else {}
            put_value(ws, r, c, typed, st.input(fmt, noted=noted, **extra))
            if noted:
                comment(ws, r, c, note_text(messages))
                self.used_notes.add(nk)
        if row_noted:
            self.used_notes.add(a.kode)
        self._row_height(r, [(layout.H_SUB_KEGIATAN, a.nama), (layout.H_INDIKATOR_KELUARAN, a.indikator),
                             *((h, str(faktor.get(key) or "")) for key, h in ((FAKTOR_PENDORONG, layout.H_PENDORONG),
                                                                              (FAKTOR_PENGHAMBAT, layout.H_PENGHAMBAT)))])
        rp_cell = xl_rowcol_to_cell(r, self.inputs[layout.BUDGET_RP])
        sd_cell = xl_rowcol_to_cell(r, col[layout.h_keuangan_sd(q)])
        pagu_cell = xl_rowcol_to_cell(r, col[layout.H_PAGU])
        sd = keuangan_sd(earlier, as_number(fill.get(layout.BUDGET_RP)))
        total = f"SUM({','.join([*earlier_cells, rp_cell])})"
        put_formula(ws, r, col[layout.h_keuangan_sd(q)], f"=IF(ISNUMBER({rp_cell}),{total},\"\")",
                    st.locked(NUM_RP), sd)
        put_formula(ws, r, col[layout.H_SERAPAN],
                    f"=IF(AND(ISNUMBER({sd_cell}),ISNUMBER({pagu_cell})),IF({pagu_cell}<>0,"
                    f"{sd_cell}/{pagu_cell}*100,\"\"),\"\")",
                    st.locked(NUM_DESIMAL), serapan(sd, a.pagu))
        return any_note

    def _validations(self, first: int, last: int) -> None:
        if last < first:
            return
        ws, q = self.ws, self.q
        validate(ws, first, self.inputs[layout.BUDGET_K], {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": _MAX, "ignore_blank": True,
            "input_title": clip(layout.h_realisasi_k(q), 32),
            "input_message": clip("Keluaran sub kegiatan triwulan ini dalam satuan indikatornya (angka 0 atau "
                                  "lebih). Kosongkan bila belum ada datanya.", 255),
            "error_title": "Isian tidak sesuai",
            "error_message": clip("Isi dengan angka 0 atau lebih, tanpa satuan; penjelasan ditulis di kolom "
                                  "faktor pendorong / penghambat.", 255),
        }, last_row=last)
        validate(ws, first, self.inputs[layout.BUDGET_FISIK], {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100, "ignore_blank": True,
            "input_title": clip(layout.h_fisik(q), 32),
            "input_message": clip("Kemajuan fisik kumulatif sejak awal tahun sampai akhir triwulan ini, angka "
                                  "0 sampai 100 tanpa tanda % (tidak boleh lebih kecil dari triwulan lalu).",
                                  255),
            "error_title": "Isian tidak sesuai",
            "error_message": "Isi persen sebagai angka 0 sampai 100 (misalnya 62,5), tanpa tanda %.",
        }, last_row=last)
        validate(ws, first, self.inputs[layout.BUDGET_RP], {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": _MAX, "ignore_blank": True,
            "input_title": clip(layout.h_keuangan(q), 32),
            "input_message": clip("Belanja sub kegiatan pada triwulan ini saja (bukan kumulatif), dalam rupiah, "
                                  "tanpa titik pemisah atau \"Rp\". Isi 0 bila belum ada belanja.", 255),
            "error_title": "Isian tidak sesuai",
            "error_message": clip("Isi jumlah rupiah sebagai angka 0 atau lebih, misalnya 12500000.", 255),
        }, last_row=last)
        validate(ws, first, self.inputs[FAKTOR_PENDORONG], {
            "validate": "any", "input_title": "Faktor pendorong / penghambat",
            "input_message": clip("Tulis hal yang mendorong atau menghambat realisasi kinerja dan keuangan sub "
                                  "kegiatan ini (dipakai di evaluasi Renja).", 255),
        }, last_row=last, last_col=self.inputs[FAKTOR_PENGHAMBAT])

    def _footnotes(self, row: int) -> None:
        ws, st = self.ws, self.st
        lines = [
            "Catatan:",
            (f"• {layout.h_keuangan_sd(self.q)} = realisasi keuangan triwulan sebelumnya yang sudah diterima "
             "+ triwulan ini."),
            f"• {layout.H_SERAPAN} = realisasi keuangan s.d. triwulan ini ÷ pagu anggaran × 100.",
            f"• {layout.h_fisik(self.q)} adalah kemajuan kumulatif; tidak boleh lebih kecil dari triwulan lalu.",
        ]
        for k, text in enumerate(lines):
            put_string(ws, row + k, 0, text, st.get(italic=k > 0, bold=k == 0))

    def _widths(self) -> None:
        for c, h in enumerate(self.headers):
            check(self.ws.set_column(c, c, self._width(h)), "set_column")

    @staticmethod
    def _width(header: str) -> float:
        return WIDTHS.get(header, 15 if "(Rp)" in header else 11)

    def _row_height(self, r: int, texts: Sequence[tuple[str, str]]) -> None:
        """Tall enough for the wrapped texts (neither Excel nor Calc grows rows of a generated file)."""
        lines = max([1, *(wrapped_lines(text, self._width(header)) for header, text in texts)])
        if lines > 1:
            check(self.ws.set_row(r, LINE_HEIGHT * lines), "set_row")

    def _other_notes(self) -> None:
        """Notes for a sub kegiatan of this bidang whose field has no cell: on the title cell."""
        own = {a.kode for a in self.ctx.sub_kegiatan}
        other = [(k, msgs) for k, msgs in sorted(self.ctx.notes.items())
                 if k.split("#", 1)[0] in own and k not in self.used_notes]
        if other:
            text = "Catatan lain dari Sub Bagian Perencanaan:\n" + "\n".join(
                f"• {k.split('#', 1)[0]}: {m}" for k, msgs in other for m in msgs)
            comment(self.ws, 0, 0, text)
