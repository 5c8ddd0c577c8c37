"""Value and consistency checks on a form read by key.

Per element: formulas typed into an input cell, error values, dates and text
where a number belongs, numbers stored as text (accepted with a warning),
negatives, percentages above 100, the catalog's min/max, fractions in whole
numbers, required values missing. Across elements: a coverage indicator's
numerator above its denominator; a capaian below target without a kendala /
rencana tindak lanjut. Against the last accepted quarter (warnings): a stock
value that falls, a value ten times larger or smaller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kinerja_xl import scoring
from kinerja_xl.catalog.model import Elemen, FormCatalog, TipeElemen
from kinerja_xl.findings import Finding, make
from kinerja_xl.intake import codes
from kinerja_xl.intake.codes import long_text_params
from kinerja_xl.intake.numbers import (
    Kind,
    format_id,
    format_plain,
    format_raw,
    read_number,
)
from kinerja_xl.intake.reader import SheetXml, a1
from kinerja_xl.intake.structure import FormTables
from kinerja_xl.numfmt import percent_value
from kinerja_xl.period import Period
from kinerja_xl.rumus import Expr
from kinerja_xl.xlsx import MAX_CELL_TEXT

#: A value this many times larger (or smaller) than last quarter's is a likely unit slip.
JUMP_FACTOR = 10.0

#: What a rumus uses and whether it is a coverage, by rumus object: ``Expr.elements`` and
#: ``coverage_parts()`` walk the tree on every call, and the catalog's rumus are checked in every
#: form. The rumus is kept with its entry, so its id is not reused while cached.
_RUMUS: dict[int, tuple[Expr, tuple[str, ...], tuple[str, str] | None]] = {}


def _rumus_info(expr: Expr) -> tuple[tuple[str, ...], tuple[str, str] | None]:
    hit = _RUMUS.get(id(expr))
    if hit is None or hit[0] is not expr:
        if len(_RUMUS) >= 50_000:
            _RUMUS.clear()
        hit = _RUMUS[id(expr)] = (expr, expr.elements, expr.coverage_parts())
    return hit[1], hit[2]


@dataclass
class Checked:
    values: dict[str, float | None] = field(default_factory=dict)
    raw_values: dict[str, object] = field(default_factory=dict)
    keterangan: dict[str, str] = field(default_factory=dict)
    kendala: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    bad: set[str] = field(default_factory=set)  # element codes with an error finding


class ValueChecker:
    def __init__(self, tables: FormTables, xml: SheetXml, catalog: FormCatalog, period: Period, *, file: str,
                 sheet: str, previous: Mapping[str, float | None] | None,
                 percent_styles: Callable[[], frozenset[int]], formulas: bool = True):
        self.tables = tables
        self.xml = xml
        self.catalog = catalog
        self.period = period
        self.file = file
        self.sheet = sheet
        self.previous = previous or {}
        self.percent_styles = percent_styles
        self.formulas = formulas  # whether the computed columns should still hold our formulas
        self.out = Checked()

    def _add(self, code: str, cell: str | None, value: object = None, **params: object) -> None:
        f = make(code, file=self.file, sheet=self.sheet, cell=cell, value=value, **params)
        self.out.findings.append(f)

    def run(self) -> Checked:
        self._formulas_in_inputs()
        for kode, entry in self.tables.elements.items():
            self._element(kode, entry.elemen, entry.row, entry.col, entry.raw)
            if entry.keterangan:
                self.out.keterangan[kode] = entry.keterangan
                self._long_text(entry.keterangan, entry.row, entry.keterangan_col)
        for kode, ie in self.tables.indicators.items():
            if ie.kendala:
                self.out.kendala[kode] = ie.kendala
                self._long_text(ie.kendala, ie.row, ie.kendala_col)
        self._coverage()
        self._kendala()
        if self.formulas:
            self._overwritten_formulas()
        return self.out

    def _long_text(self, text: str, row: int, col: int | None) -> None:
        if len(text) > MAX_CELL_TEXT and col is not None:
            self._add(codes.ISIAN_TEKS_TERLALU_PANJANG, a1(row, col), value=text[:60] + "…",
                      **long_text_params(text))

    # --- one element ----------------------------------------------------------------------------

    def _formulas_in_inputs(self) -> None:
        owner = {(e.row, e.col): k for k, e in self.tables.elements.items()}
        for row, col in self.tables.input_cells:
            formula = self.xml.formula(row, col)
            if formula is None:
                continue
            kode = owner.get((row, col))
            if kode is not None:
                self.out.bad.add(kode)
            text = f"={formula}" if formula else "rumus"
            self._add(codes.ISIAN_RUMUS_DIKETIK, a1(row, col), value=text, formula=text)

    def _element(self, kode: str, e: Elemen, row: int, col: int, raw: object) -> None:
        cell = a1(row, col)
        error = self.xml.error(row, col)
        if error is not None:
            self.out.raw_values[kode] = error
            self.out.values[kode] = None
            self.out.bad.add(kode)
            self._add(codes.NILAI_GALAT, cell, value=error)
            return
        self.out.raw_values[kode] = None if raw == "" else raw
        reading = read_number(raw)
        value = reading.value
        if reading.kind is Kind.BLANK:
            self.out.values[kode] = None
            if e.wajib:
                self.out.bad.add(kode)
                self._add(codes.NILAI_WAJIB_KOSONG, cell, value=None if raw == "" else raw, kode=kode, nama=e.nama)
            return
        if reading.kind in (Kind.ERROR, Kind.DATE, Kind.TEXT):
            self.out.values[kode] = None
            self.out.bad.add(kode)
            code = {Kind.ERROR: codes.NILAI_GALAT, Kind.DATE: codes.NILAI_TANGGAL,
                    Kind.TEXT: codes.NILAI_BUKAN_ANGKA}[reading.kind]
            self._add(code, cell, value=format_raw(raw))
            return
        assert value is not None
        if reading.kind is Kind.TEXT_NUMBER:
            self._add(codes.NILAI_TEKS_ANGKA, cell, value=raw, reading=format_plain(value))
        elif e.tipe is TipeElemen.PERSEN and value and self._percent_formatted(row, col):
            # "98%" typed in Excel or Calc is stored as 0.98 with a percent format; persen elements are 0–100
            self._add(codes.NILAI_FORMAT_PERSEN, cell, value=raw, shown=format_id(value),
                      reading=format_id(percent_value(value)))
            value = percent_value(value)
        self.out.values[kode] = value
        if self._range(kode, e, cell, value, raw):
            self._plausible(kode, e, cell, value, raw)

    def _percent_formatted(self, row: int, col: int) -> bool:
        styles = self.percent_styles()  # cheap, and empty for a form no one typed a percent into
        if not styles:
            return False
        style = self.xml.style(row, col)
        return style is not None and style in styles

    def _range(self, kode: str, e: Elemen, cell: str, value: float, raw: object) -> bool:
        """Sign, percent, min/max and whole-number checks; whether the value passed them all."""
        shown = format_id(value)
        before = len(self.out.findings)
        negative_ok = e.min is not None and e.min < 0
        if value < 0 and not negative_ok:
            self._add(codes.NILAI_NEGATIF, cell, value=raw, shown=shown)
        elif e.min is not None and value < e.min:
            self._add(codes.NILAI_DI_BAWAH_MINIMUM, cell, value=raw, shown=shown, limit=format_id(e.min))
        if e.tipe is TipeElemen.PERSEN and value > 100 and (e.max is None or e.max <= 100):
            self._add(codes.NILAI_PERSEN_LEBIH_100, cell, value=raw, shown=shown)
        elif e.max is not None and value > e.max:
            self._add(codes.NILAI_DI_ATAS_MAKSIMUM, cell, value=raw, shown=shown, limit=format_id(e.max))
        if e.tipe is TipeElemen.BULAT and value != int(value):
            self._add(codes.NILAI_PECAHAN, cell, value=raw, shown=shown, satuan=e.satuan,
                      rounded=format_id(round(value)), ribuan=codes.thousands_hint(value))
        if len(self.out.findings) > before:
            self.out.bad.add(kode)
            return False
        return True

    def _plausible(self, kode: str, e: Elemen, cell: str, value: float, raw: object) -> None:
        prev = self.previous.get(kode)
        if prev is None:
            return
        if e.tipe is TipeElemen.PERSEN and (0 < value < 1 < prev or 0 < prev < 1 < value):
            self._add(codes.NILAI_SATUAN_BERBALIK, cell, value=raw, shown=format_id(value), previous=format_id(prev),
                      kode=kode, nama=e.nama)
        elif prev > 0 and value > 0 and (value >= JUMP_FACTOR * prev or value * JUMP_FACTOR <= prev):
            arah = ("sepuluh kali lipat atau lebih dari" if value > prev
                    else "sepersepuluh atau kurang dari")
            self._add(codes.NILAI_LONJAKAN, cell, value=raw, shown=format_id(value), previous=format_id(prev),
                      arah=arah, satuan=e.satuan)
        elif value < prev and self.catalog.warns_on_fall(kode):
            self._add(codes.NILAI_TURUN, cell, value=raw, shown=format_id(value), previous=format_id(prev),
                      kode=kode, nama=e.nama)

    # --- across elements ------------------------------------------------------------------------

    def _coverage(self) -> None:
        els, values = self.tables.elements, self.out.values
        for kode, ie in self.tables.indicators.items():
            parts = _rumus_info(ie.indikator.rumus)[1]
            if parts is None:
                continue
            num, den = parts
            if num not in els or den not in els or num in self.out.bad or den in self.out.bad:
                continue
            a, b = values.get(num), values.get(den)
            if a is None or b is None or a <= b:
                continue
            self.out.bad.add(num)
            self._add(codes.NILAI_PEMBILANG_LEBIH_BESAR, els[num].cell, value=self.out.raw_values.get(num),
                      shown=format_id(a), kode=num,
                      nama=els[num].elemen.nama, penyebut=den, penyebut_nama=els[den].elemen.nama,
                      penyebut_nilai=format_id(b), indikator=f"{kode} ({ie.indikator.nama})")

    def _kendala(self) -> None:
        ins = self.catalog.instansi
        q = self.period.last_quarter
        for kode, ie in self.tables.indicators.items():
            ind = ie.indikator
            used = _rumus_info(ind.rumus)[0]
            if not all(c in self.tables.elements for c in used) or any(c in self.out.bad for c in used):
                continue
            realisasi = ind.rumus.evaluate(self.out.values)
            cap = scoring.capaian(realisasi, ind.target_tw[q - 1], ind.polaritas, ins.rumus_negatif)
            if cap is None or cap >= ins.batas_kendala or ie.kendala.strip():
                continue
            self._add(codes.ISIAN_KENDALA_KOSONG, ie.kendala_cell, value=None, kode=kode, nama=ind.nama,
                      capaian=format_id(round(cap, 2)))

    def _overwritten_formulas(self) -> None:
        """Computed indicator cells whose formula was replaced by a typed value (a warning)."""
        for kode, ie in self.tables.indicators.items():
            if not all(c in self.tables.elements for c in _rumus_info(ie.indikator.rumus)[0]):
                continue  # not previewed on this form ("dihitung saat rekap")
            for header, col, raw in ie.computed:
                if not self.xml.has_formula(ie.row, col):
                    self._add(codes.ISIAN_RUMUS_DIHAPUS, a1(ie.row, col), value=format_raw(raw), kolom=header,
                              kode=kode)
