"""Reading and checking the form's ``Anggaran`` sheet (sub kegiatan budget and output).

The sheet is read like ``Isian``: columns by header name, rows by Kode
Rekening (rows may be inserted or sorted). Checked:

* structure — the table and its columns, kode rekening missing, duplicated or
  unknown, values on a row without kode, locked content changed (nama,
  indikator, satuan: ``isian-isi-terkunci-diubah``; pagu and target K:
  ``anggaran-angka-diubah``), formulas typed into inputs, the computed columns
  overwritten with a value (``anggaran-rumus-dihapus``, a warning);
* values, read like element values (``numbers.read_number``: numbers typed as
  text in Indonesian notation are accepted with ``nilai-teks-angka``; errors,
  dates and text are ``nilai-*`` errors);
* **required**: Realisasi Fisik s.d. TW q (%) and Realisasi Keuangan TW q (Rp)
  (``anggaran-wajib-kosong``; "no spending yet" is 0). Realisasi Kinerja (K) is
  optional (some outputs are only counted at year end) and the faktor texts are
  free;
* Rp and K not negative; fisik % within 0–100 and not below the previous
  accepted quarter's (cumulative progress: an error); realisation to date
  (earlier accepted quarters of the year + this one) not above the pagu
  (error); serapan (to date ÷ pagu × 100) not more than
  :data:`SERAPAN_TERTINGGAL` percentage points below the fisik % (a warning:
  physical work ahead of payment happens, but a large gap is usually a slip).

The earlier quarters come in ``previous``: each sub kegiatan's :class:`BudgetToDate`, made once per
run by :func:`previous_from` from the ledger's accepted figures (the budget arithmetic lives here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from xlsxwriter.utility import xl_cell_to_rowcol

from kinerja_xl.catalog.model import Anggaran, Bidang, FormCatalog, tingkat_of
from kinerja_xl.findings import Finding, make
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT, note_key
from kinerja_xl.intake import codes
from kinerja_xl.intake.codes import long_text_params
from kinerja_xl.intake.numbers import (
    Kind,
    format_id,
    format_plain,
    format_raw,
    read_number,
)
from kinerja_xl.intake.reader import (
    Book,
    Grid,
    SheetXml,
    a1,
    find_table,
    read_sheet_xml,
)
from kinerja_xl.intake.result import BudgetToDate, Previous
from kinerja_xl.intake.structure import _same_text
from kinerja_xl.ledger import PreviousValues
from kinerja_xl.numfmt import percent_value
from kinerja_xl.period import Period
from kinerja_xl.xlsx import MAX_CELL_TEXT

#: Serapan this many percentage points below the fisik % gives ``anggaran-serapan-tertinggal``.
SERAPAN_TERTINGGAL = 25.0

_A1 = re.compile(r"^\$?[A-Za-z]{1,3}\$?\d+$")

#: Inputs whose blank is an error (K is optional).
REQUIRED = (layout.BUDGET_FISIK, layout.BUDGET_RP)


@dataclass
class BudgetRead:
    """What the Anggaran sheet says and what is wrong with it."""

    anggaran: dict[str, dict[str, float | None]] = field(default_factory=dict)
    faktor: dict[str, dict[str, str]] = field(default_factory=dict)
    structure: list[Finding] = field(default_factory=list)  # codes, locked content (dropped for outdated forms)
    findings: list[Finding] = field(default_factory=list)  # values


def _labels(q: int) -> dict[str, str]:
    return {layout.BUDGET_K: layout.h_realisasi_k(q), layout.BUDGET_FISIK: layout.h_fisik(q),
            layout.BUDGET_RP: layout.h_keuangan(q), FAKTOR_PENDORONG: layout.H_PENDORONG,
            FAKTOR_PENGHAMBAT: layout.H_PENGHAMBAT}


class BudgetReader:
    def __init__(self, grid: Grid, xml: SheetXml, catalog: FormCatalog, bidang: Bidang, period: Period, *, file: str,
                 previous: Mapping[str, BudgetToDate], percent_styles: Callable[[], frozenset[int]],
                 formulas: bool = True):
        self.grid = grid
        self.xml = xml
        self.catalog = catalog
        self.bidang = bidang
        self.q = period.last_quarter
        self.file = file
        self.previous = previous  # sub kegiatan kode -> accepted figures before this quarter
        self.percent_styles = percent_styles
        self.formulas = formulas  # whether the computed columns should still hold our formulas
        self.headers = _labels(self.q)
        self.out = BudgetRead()

    def _add(self, code: str, row: int | None, col: int | None, value: object = None, *, structure: bool = False,
             **params: object) -> None:
        cell = a1(row, col) if row is not None and col is not None else None
        f = make(code, file=self.file, sheet=self.grid.name, cell=cell, value=value, **params)
        (self.out.structure if structure else self.out.findings).append(f)

    def read(self) -> BudgetRead:
        g = self.grid
        table = find_table(g, (layout.H_KODE_REKENING, layout.H_SUB_KEGIATAN))
        if table is None:
            self._add(codes.ISIAN_TABEL_HILANG, None, None, structure=True, tabel="sub kegiatan", lembar=g.name,
                      kolom=f"\"{layout.H_KODE_REKENING}\" dan \"{layout.H_SUB_KEGIATAN}\"")
            return self.out
        cols: dict[str, int] = {}
        for key, header in self.headers.items():
            c = table.col(header)
            if c is None:
                self._add(codes.ISIAN_KOLOM_HILANG, table.header_row, 0, structure=True, kolom=header,
                          tabel="sub kegiatan")
            else:
                cols[key] = c
        kc = table.col(layout.H_KODE_REKENING)
        assert kc is not None
        if any(k not in cols for k in REQUIRED):
            return self.out
        expected = {a.kode: a for a in self.catalog.sub_kegiatan_of(self.bidang.kode)}
        first: dict[str, int] = {}
        number_cols = [cols[k] for k in layout.BUDGET_KEYS if k in cols]
        for r in range(table.header_row + 1, len(g.rows)):
            kode = g.text(r, kc)
            if not kode or tingkat_of(kode) is None:
                typed = [(c, g.get(r, c)) for c in number_cols if read_number(g.get(r, c)).kind is not Kind.BLANK]
                for c, raw in typed:
                    self._add(codes.ANGGARAN_BARIS_TANPA_KODE, r, c, value=format_raw(raw), structure=True)
                continue
            if kode in first:
                self._add(codes.ANGGARAN_SUB_KEGIATAN_GANDA, r, kc, value=kode, structure=True,
                          first=a1(first[kode], kc))
                continue
            first[kode] = r
            if kode not in expected:
                self._add(codes.ANGGARAN_SUB_KEGIATAN_ASING, r, kc, value=kode, structure=True,
                          bidang=self.bidang.label)
                continue
            self._locked(r, table.cols, expected[kode])
            self._row(r, cols, expected[kode])
            if self.formulas:
                self._computed(r, table.cols, kode)
        for kode, a in expected.items():
            if kode not in first:
                self._add(codes.ANGGARAN_SUB_KEGIATAN_HILANG, table.header_row, kc, structure=True, kode=kode,
                          nama=a.nama)
        return self.out

    # --- locked content -------------------------------------------------------------------

    def _locked(self, r: int, cols: Mapping[str, int], a: Anggaran) -> None:
        g = self.grid
        for header, apa, want in ((layout.H_SUB_KEGIATAN, "Nama sub kegiatan", a.nama),
                                  (layout.H_INDIKATOR_KELUARAN, "Indikator keluaran", a.indikator),
                                  (layout.H_SATUAN, "Satuan", a.satuan)):
            c = cols.get(layout.normalize_header(header))
            if c is not None and not _same_text(g.get(r, c), want):
                self._add(codes.ISIAN_ISI_TERKUNCI_DIUBAH, r, c, value=g.text(r, c), structure=True, apa=apa,
                          kode=a.kode, expected=want)
        for header, apa, number in ((layout.H_PAGU, "Pagu anggaran", a.pagu),
                                    (layout.H_TARGET_K, "Target kinerja tahunan", a.target_k)):
            c = cols.get(layout.normalize_header(header))
            if c is None:
                continue
            reading = read_number(g.get(r, c))
            same = (reading.kind is Kind.BLANK if number is None else
                    reading.value is not None and abs(reading.value - number) <= 1e-9 * max(1.0, abs(number)))
            if not same:
                self._add(codes.ANGGARAN_ANGKA_DIUBAH, r, c, value=format_raw(g.get(r, c)), structure=True,
                          apa=apa, kode=a.kode, expected="(kosong)" if number is None else format_id(number))

    def _computed(self, r: int, cols: Mapping[str, int], kode: str) -> None:
        """The formula columns should still hold formulas (a typed value is ignored: a warning)."""
        for header in (layout.h_keuangan_sd(self.q), layout.H_SERAPAN):
            c = cols.get(layout.normalize_header(header))
            if c is not None and not self.xml.has_formula(r, c):
                self._add(codes.ANGGARAN_RUMUS_DIHAPUS, r, c, value=format_raw(self.grid.get(r, c)), kolom=header,
                          kode=kode)

    # --- values ---------------------------------------------------------------------------

    def _number(self, key: str, r: int, c: int, a: Anggaran) -> float | None:
        """Read one number input; findings for what cannot be a value. ``None``: blank or unreadable."""
        raw = self.grid.get(r, c)
        formula = self.xml.formula(r, c)
        if formula is not None:
            text = f"={formula}" if formula else "rumus"
            self._add(codes.ISIAN_RUMUS_DIKETIK, r, c, value=text, formula=text)
            return None
        error = self.xml.error(r, c)
        if error is not None:
            self._add(codes.NILAI_GALAT, r, c, value=error)
            return None
        reading = read_number(raw)
        if reading.kind is Kind.BLANK:
            if key in REQUIRED:
                self._add(codes.ANGGARAN_WAJIB_KOSONG, r, c, value=None if raw == "" else raw,
                          kolom=self.headers[key], kode=a.kode, nama=a.nama)
            return None
        if reading.kind in (Kind.ERROR, Kind.DATE, Kind.TEXT):
            code = {Kind.ERROR: codes.NILAI_GALAT, Kind.DATE: codes.NILAI_TANGGAL,
                    Kind.TEXT: codes.NILAI_BUKAN_ANGKA}[reading.kind]
            self._add(code, r, c, value=format_raw(raw))
            return None
        value = reading.value
        assert value is not None
        if reading.kind is Kind.TEXT_NUMBER:
            self._add(codes.NILAI_TEKS_ANGKA, r, c, value=raw, reading=format_plain(value))
        elif key == layout.BUDGET_FISIK and value:
            styles = self.percent_styles()
            style = self.xml.style(r, c) if styles else None
            if style is not None and style in styles:  # "62%" typed: stored as 0.62
                self._add(codes.NILAI_FORMAT_PERSEN, r, c, value=raw, shown=format_id(value),
                          reading=format_id(percent_value(value)))
                value = percent_value(value)
        return value

    def _row(self, r: int, cols: Mapping[str, int], a: Anggaran) -> None:
        g = self.grid
        got = {key: self._number(key, r, cols[key], a) if key in cols else None for key in layout.BUDGET_KEYS}
        self.out.anggaran[a.kode] = got
        texts = {key: g.text(r, cols[key]) for key in (FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT) if key in cols}
        if any(texts.values()):
            self.out.faktor[a.kode] = {k: t for k, t in texts.items() if t}
        for key, t in texts.items():
            if len(t) > MAX_CELL_TEXT:
                n = long_text_params(t)
                self._add(codes.ISIAN_TEKS_TERLALU_PANJANG, r, cols[key], value=t[:60] + "…", panjang=n["panjang"],
                          batas=n["batas"])
        for key in (layout.BUDGET_K, layout.BUDGET_RP):
            v = got[key]
            if v is not None and v < 0:
                self._add(codes.ANGGARAN_NEGATIF, r, cols[key], value=g.get(r, cols[key]), kolom=self.headers[key],
                          kode=a.kode, shown=format_id(v))
        fisik, rp = got[layout.BUDGET_FISIK], got[layout.BUDGET_RP]
        fisik_ok = fisik is not None and 0 <= fisik <= 100
        if fisik is not None and not fisik_ok:
            self._add(codes.ANGGARAN_FISIK_DI_LUAR_RENTANG, r, cols[layout.BUDGET_FISIK],
                      value=g.get(r, cols[layout.BUDGET_FISIK]), kode=a.kode, shown=format_id(fisik))
        to_date = self.previous.get(a.kode)
        before = to_date.fisik if to_date is not None else None
        if fisik_ok and before is not None and fisik is not None and fisik < before:
            self._add(codes.ANGGARAN_FISIK_TURUN, r, cols[layout.BUDGET_FISIK],
                      value=g.get(r, cols[layout.BUDGET_FISIK]), kode=a.kode, shown=format_id(fisik),
                      previous=format_id(before))
        if rp is None or rp < 0:
            return
        earlier = to_date.rp if to_date is not None else 0.0
        total = earlier + rp
        rp_raw = g.get(r, cols[layout.BUDGET_RP])
        if a.pagu is not None and total > a.pagu:
            self._add(codes.ANGGARAN_MELEBIHI_PAGU, r, cols[layout.BUDGET_RP], value=rp_raw, kode=a.kode,
                      total=format_id(total), sebelumnya=format_id(earlier), shown=format_id(rp),
                      pagu=format_id(a.pagu))
        elif a.pagu and fisik_ok and fisik is not None:
            absorbed = total / a.pagu * 100
            if absorbed < fisik - SERAPAN_TERTINGGAL:
                self._add(codes.ANGGARAN_SERAPAN_TERTINGGAL, r, cols[layout.BUDGET_RP], value=rp_raw, kode=a.kode,
                          serapan=format_id(round(absorbed, 2)), fisik=format_id(fisik),
                          batas=format_id(SERAPAN_TERTINGGAL))


def read_budget(book: Book, catalog: FormCatalog, bidang: Bidang, period: Period, *, file: str,
                previous: Mapping[str, BudgetToDate] | None,
                percent_styles: Callable[[], frozenset[int]], formulas: bool = True) -> BudgetRead | None:
    """Read and check the Anggaran sheet of a bidang with sub kegiatan (``None`` for any other bidang).

    A missing sheet is ``berkas-lembar-hilang`` (structure).
    """
    if not catalog.sub_kegiatan_of(bidang.kode):
        return None
    grid = book.grid(layout.SHEET_ANGGARAN)
    if grid is None:
        out = BudgetRead()
        out.structure.append(make(codes.BERKAS_LEMBAR_HILANG, file=file, lembar=layout.SHEET_ANGGARAN))
        return out
    xml = read_sheet_xml(book, grid.name)
    return BudgetReader(grid, xml, catalog, bidang, period, file=file, previous=previous or {},
                        percent_styles=percent_styles, formulas=formulas).read()


def budget_to_date(quarters: Mapping[int, Mapping[str, Mapping[str, float | None]]]) -> dict[str, BudgetToDate]:
    """Each sub kegiatan's figures before a quarter from the accepted figures of each earlier quarter
    of the year: ``rp`` is the quarter's spending (summed here), ``fisik`` cumulative (the latest)."""
    rp: dict[str, float] = {}
    fisik: dict[str, float] = {}
    for q in sorted(quarters):
        for kode, fig in quarters[q].items():
            rp[kode] = rp.get(kode, 0.0) + (fig.get(layout.BUDGET_RP) or 0.0)
            if (f := fig.get(layout.BUDGET_FISIK)) is not None:
                fisik[kode] = f
    return {kode: BudgetToDate(rp=total, fisik=fisik.get(kode)) for kode, total in rp.items()}


def previous_from(values: PreviousValues) -> Previous:
    """What the checks compare with, from the ledger's accepted figures before the quarter."""
    return Previous(elements=values.elements, budget=budget_to_date(values.budget))


def budget_notes(findings: Sequence[Finding], source: Path | None, period: Period) -> dict[str, list[str]]:
    """Finding messages for the Anggaran sheet of an umpan balik, keyed for the form writer.

    The key is ``note_key(kode, field)`` when the finding's cell is one of the row's inputs
    (realisasi K, fisik, keuangan, faktor), else the sub kegiatan kode. Rows and columns are
    found again in the *submitted* file (people may have sorted rows).
    """
    located = [f for f in findings if f.sheet and f.sheet.casefold() == layout.SHEET_ANGGARAN.casefold()
               and f.cell and _A1.match(f.cell)]
    if not located or source is None:
        return {}
    try:
        rows = python_calamine.load_workbook(source).get_sheet_by_name(located[0].sheet or "").to_python(
            skip_empty_area=False)
    except (python_calamine.CalamineError, OSError, ValueError):
        return {}
    grid = Grid(layout.SHEET_ANGGARAN, rows)  # type: ignore[arg-type]
    table = find_table(grid, (layout.H_KODE_REKENING, layout.H_SUB_KEGIATAN))
    if table is None:
        return {}
    kc = table.col(layout.H_KODE_REKENING)
    fields = {c: key for key, h in _labels(period.last_quarter).items() if (c := table.col(h)) is not None}
    notes: dict[str, list[str]] = {}
    for f in located:
        row, col = xl_cell_to_rowcol((f.cell or "").replace("$", "").upper())
        kode = grid.text(row, kc) if kc is not None else ""
        if not kode or tingkat_of(kode) is None:
            continue
        key = note_key(kode, fields[col]) if col in fields else kode
        notes.setdefault(key, []).append(f.message)
    return notes
