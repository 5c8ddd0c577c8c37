"""Reading the form's tables by key: header names find the columns, element codes find the rows.

Inserted, deleted or re-sorted rows therefore do not matter; what does is a
code that is missing, duplicated or unknown, and locked content (names,
satuan, targets, the header block) that no longer matches the catalog.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from kinerja_xl.catalog.model import Bidang, Elemen, FormCatalog, Indikator, Target
from kinerja_xl.findings import Finding, make
from kinerja_xl.forms import layout
from kinerja_xl.intake import codes
from kinerja_xl.intake.numbers import (
    Kind,
    format_id,
    format_raw,
    parse_text_number,
    read_number,
)
from kinerja_xl.intake.reader import Grid, Table, a1, find_table, normalized
from kinerja_xl.period import Period

_CODE_LIKE = re.compile(r"^[A-Z][A-Z0-9_.\-]{0,29}$")

ELEMENT_HEADERS = (layout.H_KODE, layout.H_ELEMEN)
INDICATOR_HEADERS = (layout.H_KODE, layout.H_INDIKATOR)


@dataclass
class ElementEntry:
    elemen: Elemen
    row: int
    col: int  # the Realisasi column
    raw: object
    keterangan: str = ""
    keterangan_col: int | None = None

    @property
    def cell(self) -> str:
        return a1(self.row, self.col)


@dataclass
class IndicatorEntry:
    indikator: Indikator
    row: int
    kendala_col: int | None
    kendala: str = ""
    computed: tuple[tuple[str, int, object], ...] = ()  # (header, column, value) of the formula columns

    @property
    def kendala_cell(self) -> str | None:
        return a1(self.row, self.kendala_col) if self.kendala_col is not None else None


@dataclass
class FormTables:
    """What the Isian sheet says, by code, and what is wrong with its structure."""

    elements: dict[str, ElementEntry] = field(default_factory=dict)
    indicators: dict[str, IndicatorEntry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # structure: codes, locked content
    input_cells: list[tuple[int, int]] = field(default_factory=list)  # cells a person may type in


def _same_text(found: object, expected: str) -> bool:
    if found == expected:
        return True
    return " ".join(str(found or "").split()).casefold() == " ".join(expected.split()).casefold()


def target_text(target: Target | None) -> str:
    if target is None:
        return "(kosong)"
    if target.is_range:
        return f"{format_id(target.low)}–{format_id(target.high)}"
    return format_id(target.value)


def target_matches(raw: object, target: Target | None) -> bool:
    """Whether a target cell still shows the catalog's target (a number, or text ``80–90``)."""
    if type(raw) is float and target is not None and math.isfinite(raw):  # the usual case, quickly
        return not target.is_range and abs(raw - target.value) <= 1e-9 * max(1.0, abs(target.value))
    reading = read_number(raw)
    if target is None:
        return reading.kind is Kind.BLANK
    if reading.kind is Kind.NUMBER and reading.value is not None:
        return not target.is_range and abs(reading.value - target.value) <= 1e-9 * max(1.0, abs(target.value))
    if not isinstance(raw, str) or len(raw) > 100:
        return False
    parts = [p for p in re.split(r"\s*[–—]\s*|\s+-\s+|(?<=\d)-(?=\d)", raw.strip()) if p]
    nums = [parse_text_number(p) for p in parts]
    if any(n is None for n in nums) or len(nums) not in (1, 2):
        return False
    low, high = nums[0], nums[-1]
    assert low is not None and high is not None
    return abs(low - target.low) <= 1e-9 * max(1.0, abs(target.low)) and (
        abs(high - target.high) <= 1e-9 * max(1.0, abs(target.high)))


class TableReader:
    """Reads the element and indicator tables of one Isian sheet for one bidang and quarter."""

    def __init__(self, grid: Grid, catalog: FormCatalog, bidang: Bidang, period: Period, file: str):
        self.grid = grid
        self.catalog = catalog
        self.bidang = bidang
        self.q = period.last_quarter
        self.period = period
        self.file = file
        self.out = FormTables()

    def _add(self, code: str, row: int | None = None, col: int | None = None, value: object = None,
             **params: object) -> None:
        cell = a1(row, col) if row is not None and col is not None else None
        self.out.findings.append(make(code, file=self.file, sheet=self.grid.name, cell=cell, value=value, **params))

    def read(self) -> FormTables:
        el = find_table(self.grid, ELEMENT_HEADERS)
        # the indicator table normally follows the element table: look there first
        ind = find_table(self.grid, INDICATOR_HEADERS, el.header_row + 1) if el is not None else None
        ind = ind or find_table(self.grid, INDICATOR_HEADERS)
        if el is None:
            self._add(codes.ISIAN_TABEL_HILANG, tabel="elemen data", lembar=self.grid.name,
                      kolom=f"\"{layout.H_KODE}\" dan \"{layout.H_ELEMEN}\"")
        else:
            self._header_block(el.header_row)
            end = ind.header_row if ind is not None and ind.header_row > el.header_row else len(self.grid.rows)
            self._elements(el, end)
        if self.catalog.indikator_of(self.bidang.kode):
            if ind is None:
                self._add(codes.ISIAN_TABEL_HILANG, tabel="indikator kinerja", lembar=self.grid.name,
                          kolom=f"\"{layout.H_KODE}\" dan \"{layout.H_INDIKATOR}\"")
            else:
                end = el.header_row if el is not None and el.header_row > ind.header_row else len(self.grid.rows)
                self._indicators(ind, end)
        return self.out

    # --- header block ---------------------------------------------------------------------

    def _header_block(self, first_table_row: int) -> None:
        ins = self.catalog.instansi
        expected = {
            normalized("Pemerintah Daerah"): ("Pemerintah Daerah", ins.pemerintah_daerah),
            normalized("Perangkat Daerah"): ("Perangkat Daerah", ins.nama_opd),
            normalized("Bidang"): ("Bidang", self.bidang.label),
            normalized("Periode"): ("Periode", self.period.label),
        }
        for r in range(first_table_row):
            line = self.grid.rows[r] if r < len(self.grid.rows) else []
            for c, v in enumerate(line):
                key = normalized(v) if isinstance(v, str) and len(v) <= 40 else ""  # labels are short
                if key not in expected:
                    continue
                label, want = expected.pop(key)
                vc = next((k for k in range(c + 1, len(line)) if str(line[k]).strip()), None)
                found = str(line[vc]).strip().lstrip(":").strip() if vc is not None else ""
                if not _same_text(found, want):
                    self._add(codes.ISIAN_KEPALA_DIUBAH, r, vc if vc is not None else c + 1,
                              value=found, apa=label, expected=want)
                break
            if not expected:
                return

    # --- element table --------------------------------------------------------------------

    def _columns(self, table: Table, tabel: str, headers: tuple[str, ...], required: tuple[str, ...]
                 ) -> dict[str, int | None]:
        cols = {h: table.col(h) for h in headers}
        for h in required:
            if cols[h] is None:
                self._add(codes.ISIAN_KOLOM_HILANG, table.header_row, 0, kolom=h, tabel=tabel)
        return cols

    def _elements(self, table: Table, end: int) -> None:
        g, q = self.grid, self.q
        h_real = layout.h_realisasi(q)
        cols = self._columns(table, "elemen data",
                             (layout.H_KODE, layout.H_ELEMEN, layout.H_SATUAN, h_real, layout.H_KETERANGAN),
                             (layout.H_KODE, h_real))
        kc, rc = cols[layout.H_KODE], cols[h_real]
        if kc is None or rc is None:
            return
        nc, sc, tc = cols[layout.H_ELEMEN], cols[layout.H_SATUAN], cols[layout.H_KETERANGAN]
        expected = {e.kode: e for e in self.catalog.elemen_of(self.bidang.kode)}
        first: dict[str, int] = {}
        for r in range(table.header_row + 1, end):
            kode = g.text(r, kc).upper()
            raw = g.get(r, rc)
            if not kode:
                if raw != "" and read_number(raw).kind is not Kind.BLANK:
                    self._add(codes.ISIAN_BARIS_TANPA_KODE, r, rc, value=format_raw(raw))
                continue
            if not _CODE_LIKE.match(kode) and (raw == "" or read_number(raw).kind is Kind.BLANK):
                continue  # a label row (e.g. a section title), not an element
            if kode in first:
                self._add(codes.ISIAN_ELEMEN_GANDA, r, kc, value=kode, first=a1(first[kode], kc))
                continue
            first[kode] = r
            if kode not in expected:
                self._add(codes.ISIAN_ELEMEN_ASING, r, kc, value=kode, bidang=self.bidang.label)
                continue
            e = expected[kode]
            entry = ElementEntry(e, r, rc, raw, g.text(r, tc) if tc is not None else "", tc)
            self.out.elements[kode] = entry
            self.out.input_cells.append((r, rc))
            if tc is not None:
                self.out.input_cells.append((r, tc))
            if nc is not None and not _same_text(g.get(r, nc), e.nama):
                self._add(codes.ISIAN_ISI_TERKUNCI_DIUBAH, r, nc, value=g.text(r, nc), apa="Nama elemen data",
                          kode=kode, expected=e.nama)
            if sc is not None and not _same_text(g.get(r, sc), e.satuan):
                self._add(codes.ISIAN_ISI_TERKUNCI_DIUBAH, r, sc, value=g.text(r, sc), apa="Satuan",
                          kode=kode, expected=e.satuan)
        for kode, e in expected.items():
            if kode not in self.out.elements and kode not in first:
                self._add(codes.ISIAN_ELEMEN_HILANG, table.header_row, kc, kode=kode, nama=e.nama)

    # --- indicator table ------------------------------------------------------------------

    def _indicators(self, table: Table, end: int) -> None:
        g, q = self.grid, self.q
        computed = (layout.h_realisasi(q), layout.h_capaian(q), layout.H_PREDIKAT)
        headers = (layout.H_KODE, layout.H_INDIKATOR, layout.H_SATUAN, layout.H_POLARITAS, layout.h_target(q),
                   layout.H_TARGET_TAHUNAN, *computed, layout.H_KENDALA)
        cols = self._columns(table, "indikator kinerja", headers, (layout.H_KODE, layout.H_KENDALA))
        kc = cols[layout.H_KODE]
        if kc is None:
            return
        expected = {i.kode: i for i in self.catalog.indikator_of(self.bidang.kode)}
        first: dict[str, int] = {}
        kendala_col = cols[layout.H_KENDALA]
        formula_cols = tuple((h, c) for h in computed if (c := cols[h]) is not None)
        for r in range(table.header_row + 1, end):
            kode = g.text(r, kc).upper()
            if not kode or not _CODE_LIKE.match(kode):
                continue
            if kode in first:
                self._add(codes.ISIAN_INDIKATOR_GANDA, r, kc, value=kode, first=a1(first[kode], kc))
                continue
            first[kode] = r
            if kode not in expected:
                self._add(codes.ISIAN_INDIKATOR_ASING, r, kc, value=kode, bidang=self.bidang.label)
                continue
            ind = expected[kode]
            kendala = g.text(r, kendala_col) if kendala_col is not None else ""
            computed_cells = tuple((h, c, g.get(r, c)) for h, c in formula_cols)
            self.out.indicators[kode] = IndicatorEntry(ind, r, kendala_col, kendala, computed_cells)
            if kendala_col is not None:
                self.out.input_cells.append((r, kendala_col))
            self._locked_indicator(r, cols, ind)
        for kode, ind in expected.items():
            if kode not in first:
                self._add(codes.ISIAN_INDIKATOR_HILANG, table.header_row, kc, kode=kode, nama=ind.nama)

    def _locked_indicator(self, r: int, cols: dict[str, int | None], ind: Indikator) -> None:
        g, q = self.grid, self.q
        texts = ((layout.H_INDIKATOR, "Nama indikator", ind.nama), (layout.H_SATUAN, "Satuan", ind.satuan),
                 (layout.H_POLARITAS, "Polaritas", str(ind.polaritas)))
        for header, apa, want in texts:
            c = cols[header]
            if c is not None and not _same_text(g.get(r, c), want):
                self._add(codes.ISIAN_ISI_TERKUNCI_DIUBAH, r, c, value=g.text(r, c), apa=apa, kode=ind.kode,
                          expected=want)
        targets = ((layout.h_target(q), layout.h_target(q), ind.target_tw[q - 1]),
                   (layout.H_TARGET_TAHUNAN, "Target tahunan", ind.target_tahunan))
        for header, apa, target in targets:
            c = cols[header]
            if c is not None and not target_matches(g.get(r, c), target):
                self._add(codes.ISIAN_TARGET_DIUBAH, r, c, value=format_raw(g.get(r, c)), apa=apa,
                          kode=ind.kode, expected=target_text(target))


def read_tables(grid: Grid, catalog: FormCatalog, bidang: Bidang, period: Period, file: str) -> FormTables:
    return TableReader(grid, catalog, bidang, period, file).read()


def guess_bidang(grids: list[Grid], catalog: FormCatalog) -> tuple[Bidang, int, int, str] | None:
    """Which bidang's form a workbook without metadata looks like: by its element table's codes.

    Returns ``(bidang, codes matched, codes of that bidang, sheet)`` for the best match, or ``None``.
    """
    best: tuple[Bidang, int, int, str] | None = None
    for grid in grids:
        table = find_table(grid, ELEMENT_HEADERS)
        if table is None:
            continue
        kc = table.col(layout.H_KODE)
        assert kc is not None
        found = {grid.text(r, kc).upper() for r in range(table.header_row + 1, len(grid.rows))}
        for b in catalog.bidang:
            own = catalog.elemen_kodes(b.kode)
            hit = len(own & found)
            if own and hit and (best is None or hit > best[1]):
                best = (b, hit, len(own), grid.name)
    return best
