"""Loading ``katalog.xlsx``: a :class:`~kinerja_xl.catalog.model.Catalog`, or findings saying why not.

Sheets and headers are found by name (see :mod:`kinerja_xl.catalog.headers`
and :mod:`kinerja_xl.catalog.sheets`); every problem becomes a finding naming
the sheet, the A1 cell and the fix. The catalog is built only when there is
no error; warnings (an unused element, a NIP that is not 18 digits, a rumus
over another bidang's elements) do not stop it.

Choices made here:

* a target is a number or a range ``low-high`` with ``low <= high``, for any
  polarity; a *rentang* indicator may also have a single value (capaian 100
  exactly at it, positive rule below, negative rule above — see ``scoring``);
* blank targets are allowed (no target yet); blank *IKU* means ``tidak``,
  blank *Wajib* means ``ya``; blank skala / rumus negatif / batas capaian /
  batas pengisian take the defaults of :class:`~kinerja_xl.catalog.model.Instansi`;
* an Instansi row that is absent takes the default; present but blank means "";
* the Anggaran and Renstra sheets are optional (see :mod:`kinerja_xl.catalog.budget_loader`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl.angka import parse_tanggal
from kinerja_xl.catalog import budget_loader as B
from kinerja_xl.catalog import codes as _codes  # noqa: F401  (registers the katalog-… codes)
from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog.checks import quarter_target_problem
from kinerja_xl.catalog.headers import key
from kinerja_xl.catalog.model import (
    SKALA,
    Agregasi,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Sasaran,
    Target,
)
from kinerja_xl.catalog.reading import SheetReader
from kinerja_xl.catalog.sheets import (
    MAX_UNPACKED_BYTES,
    OPEN_ERRORS,
    Grid,
    Table,
    TooLarge,
    cell_name,
    read_grids,
    read_table,
    saran,
    suggestion,
)
from kinerja_xl.catalog.values import (
    BAD,
    DEFAULT,
    BadValue,
    number,
    target,
    text,
    whole_number,
)
from kinerja_xl.errors import CatalogError, RumusError
from kinerja_xl.findings import Finding, HasFindings
from kinerja_xl.frozen import collector_paused
from kinerja_xl.numfmt import percent_value
from kinerja_xl.rumus import FUNCTIONS, parse

_INSTANSI_COLUMNS = (
    H.Column("label", H.H_PENGATURAN, ""),
    H.Column("value", H.H_ISIAN, "", aliases=H.ISIAN_ALIASES),
    H.Column("note", H.H_KETERANGAN, "", required=False),
)


@dataclass
class CatalogLoad(HasFindings):
    """The result of loading a catalog: the catalog (``None`` when there is an error) and the findings."""

    catalog: Catalog | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def load_catalog(path: Path | str, *, data: io.BytesIO | None = None) -> CatalogLoad:
    """Load ``katalog.xlsx`` (from ``data``, its bytes, when already read); never raises for a bad
    file (bad input becomes findings)."""
    with collector_paused():
        return _Loader(Path(path), data).load()


def read_catalog(path: Path | str, *, data: io.BytesIO | None = None) -> Catalog:
    """The catalog at ``path`` (read from ``data`` when given), or
    :class:`~kinerja_xl.errors.CatalogError` carrying the findings."""
    result = load_catalog(path, data=data)
    if result.catalog is None:
        n = len(result.errors)
        raise CatalogError(f"Katalog {Path(path).name} tidak dapat dimuat: {n} kesalahan perlu diperbaiki.",
                           result.findings)
    return result.catalog


class _Loader(SheetReader):
    def __init__(self, path: Path, data: io.BytesIO | None = None):
        super().__init__(path.name)
        self.path = path
        self.data = data
        self.sheet_titles: dict[str, str] = {}  # canonical sheet name -> the title in the file

    def load(self) -> CatalogLoad:
        if self.data is None and self.path.is_dir():
            self.add("katalog-berkas-tidak-terbaca", None, None, alasan=f"{self.path} adalah folder, bukan berkas")
            return CatalogLoad(None, self.findings)
        try:
            grids, names = read_grids(self.path if self.data is None else self.data)
        except TooLarge:
            self.add("katalog-berkas-tidak-terbaca", None, None,
                     alasan=f"isinya lebih dari {MAX_UNPACKED_BYTES // 2**20} MB setelah dibuka; ini bukan katalog")
            return CatalogLoad(None, self.findings)
        except FileNotFoundError:
            self.add("katalog-berkas-tidak-terbaca", None, None, alasan=f"berkas {self.path} tidak ada")
            return CatalogLoad(None, self.findings)
        except OPEN_ERRORS as exc:
            reason = "bukan buku kerja .xlsx atau berkasnya rusak"
            if isinstance(exc, PermissionError):
                reason = "tidak ada izin membaca berkas"
            self.add("katalog-berkas-tidak-terbaca", None, None, alasan=reason)
            return CatalogLoad(None, self.findings)
        self.sheet_titles = {s: g.name for s, g in grids.items()}
        others = [n for n in names if key(n) not in {key(s) for s in H.ALL_SHEETS}]
        for sheet in H.DATA_SHEETS:
            if sheet not in grids:
                near = suggestion(sheet, others)
                self.add("katalog-lembar-tidak-ada", sheet, None, lembar=sheet,
                         saran=f" Lembar '{near}' mungkin maksudnya '{sheet}'?" if near else "")
        B.unread_optional_sheets(self, others, grids)
        instansi = self._instansi(grids.get(H.SHEET_INSTANSI))
        tables = {s: self._table(grids.get(s), s) for s in H.COLUMNS if s != H.SHEET_RENSTRA}
        renstra_grid, renstra_columns, first_year = B.renstra_layout(grids.get(H.SHEET_RENSTRA))
        tables[H.SHEET_RENSTRA] = self._table(renstra_grid, H.SHEET_RENSTRA, renstra_columns)
        bidang = self._bidang(tables[H.SHEET_BIDANG])
        sasaran = self._sasaran(tables[H.SHEET_SASARAN])
        elemen = self._elemen(tables[H.SHEET_ELEMEN], bidang)
        indikator = self._indikator(tables[H.SHEET_INDIKATOR], bidang, sasaran, elemen)
        anggaran = B.read_anggaran(self, tables[H.SHEET_ANGGARAN], bidang, sasaran, elemen)
        renstra = B.read_renstra(self, tables[H.SHEET_RENSTRA], indikator, instansi.tahun if instansi else None,
                               first_year)
        if any(f.is_error for f in self.findings) or instansi is None:
            return CatalogLoad(None, self.findings)
        catalog = Catalog(
            instansi=instansi,
            bidang=tuple(bidang.values()),
            sasaran=tuple(sasaran.values()),
            indikator=tuple(Indikator(**r) for r in indikator.values()),
            elemen=tuple(Elemen(**r) for r in elemen.values()),
            anggaran=anggaran,
            renstra=renstra,
            sources=self.sources,
        )
        return CatalogLoad(catalog, self.findings)

    def _table(self, grid: Grid | None, sheet: str, columns: tuple[H.Column, ...] | None = None) -> Table | None:
        if grid is None:
            return None
        table = read_table(grid, columns or H.COLUMNS[sheet], self.file, self.findings)
        if table is not None and not table.data_rows() and sheet not in H.OPTIONAL_SHEETS:
            self.add("katalog-lembar-kosong", grid.name, cell_name(table.header_row + 1, 0), lembar=grid.name)
        return table

    # --- sheets ------------------------------------------------------------------

    def _instansi(self, grid: Grid | None) -> Instansi | None:
        if grid is None:
            return None
        t = read_table(grid, _INSTANSI_COLUMNS, self.file, self.findings)
        if t is None:
            return None
        by_key = {key(n): s for s in H.SETTINGS for n in s.names}
        found: dict[str, tuple[Any, str, str, bool]] = {}  # field -> (raw, value cell, label cell, percent)
        unknown: list[tuple[str, str]] = []
        for r in t.data_rows():
            label = text(t.get(r, "label"))
            if not label:
                continue
            setting = by_key.get(key(label))
            if setting is None:
                unknown.append((label, t.cell(r, "label")))
                continue
            if setting.field in found:
                self.add("katalog-pengaturan-ganda", grid.name, t.cell(r, "label"), label, label=setting.label,
                         sel_lain=found[setting.field][2])
                continue
            found[setting.field] = (t.get(r, "value"), t.cell(r, "value"), t.cell(r, "label"),
                                    t.is_percent(r, "value"))
        used_unknown: set[str] = set()
        for s in H.SETTINGS:
            if s.required and s.field not in found:
                near = next(((lab, cell) for lab, cell in unknown
                             if cell not in used_unknown and suggestion(lab, s.names)), None)
                if near:
                    used_unknown.add(near[1])
                self.add("katalog-pengaturan-tidak-ada", grid.name, near[1] if near else t.cell(t.header_row, "label"),
                         near[0] if near else None, label=s.label,
                         saran=f" Tulisan '{near[0]}' di sel {near[1]} mungkin maksudnya '{s.label}'?" if near else "")
        all_labels = [n for s in H.SETTINGS for n in s.names]
        for lab, cell in unknown:
            if cell not in used_unknown:
                self.add("katalog-pengaturan-tidak-dikenal", grid.name, cell, lab,
                         saran=saran(suggestion(lab, all_labels)))
        values: dict[str, Any] = {}
        ok = True
        for s in H.SETTINGS:
            if s.field not in found:
                continue
            raw, cell, _, percent = found[s.field]
            value = self._setting(s, raw, grid.name, cell, percent)
            if value is BAD:
                ok = False
            elif value is not DEFAULT:
                values[s.field] = value
        if not ok or not all(s.field in values for s in H.SETTINGS if s.required):
            return None
        return Instansi(**values)

    def _setting(self, s: H.Setting, raw: Any, sheet: str, cell: str, percent: bool = False) -> Any:
        value = text(raw)
        if s.required and not value:
            self.add("katalog-isian-kosong", sheet, cell, kolom=s.label, keterangan=s.note)
            return BAD
        if s.field == "tahun":
            try:
                year = whole_number(raw)
            except BadValue:
                year = None
            if year is None or not 2000 <= year <= 2100:
                self.add("katalog-tahun-tidak-sah", sheet, cell, value)
                return BAD
            return year
        if s.field == "batas_kendala":
            if not value:
                return DEFAULT
            try:
                limit = number(raw)
            except BadValue:
                limit = None
            if limit is not None and isinstance(raw, float) and percent:
                limit = percent_value(limit)
            if limit is None or not 0 <= limit <= 1000:
                self.add("katalog-angka-tidak-sah", sheet, cell, value, kolom=s.label,
                         petunjuk="Tulis capaian dalam persen sebagai angka 0 sampai 1000, misalnya 100 atau 95.")
                return BAD
            return limit
        if s.field == "batas_pengisian_hari":
            if not value:
                return DEFAULT
            try:
                days = whole_number(raw)
            except BadValue:
                days = None
            if days is None or not 1 <= days <= 366:
                self.add("katalog-angka-tidak-sah", sheet, cell, value, kolom=s.label,
                         petunjuk="Tulis jumlah hari sebagai bilangan bulat 1 sampai 366, misalnya 10.")
                return BAD
            return days
        choice_sets: dict[str, dict[str, Any]] = {
            "skala": {key(n): n for n in SKALA},
            "rumus_negatif": H.RUMUS_NEGATIF_CHOICES,
            "batas_capaian": H.BATAS_CAPAIAN_CHOICES,
            "kertas": H.KERTAS_CHOICES,
            "batas_bawah_capaian": H.BATAS_BAWAH_CHOICES,
            "predikat_progres": H.PREDIKAT_PROGRES_CHOICES,
        }
        choices = choice_sets.get(s.field)
        if choices is not None:
            if not value:
                return DEFAULT
            if key(value) in choices:
                return choices[key(value)]
            names = tuple(dict.fromkeys(str(getattr(v, "value", v)) for v in choices.values()))
            code = "katalog-skala-tidak-dikenal" if s.field == "skala" else "katalog-pilihan-tidak-sah"
            self.add(code, sheet, cell, value, kolom=s.label, pilihan=", ".join(names),
                     saran=saran(suggestion(value, names)))
            return BAD
        if s.field == "tanggal_pk":
            return self._tanggal(s, raw, sheet, cell)
        if s.field.endswith("_nip"):
            self.nip(value, sheet, cell)
        return value

    def _tanggal(self, s: H.Setting, raw: Any, sheet: str, cell: str) -> Any:
        """A date setting: a date cell or date text; blank → the model's default."""
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        value = text(raw)
        if not value:
            return DEFAULT
        day = parse_tanggal(value)
        if day is None:
            self.add("katalog-tanggal-tidak-sah", sheet, cell, value, kolom=s.label)
            return BAD
        return day

    def _bidang(self, t: Table | None) -> dict[str, Bidang]:
        out: dict[str, Bidang] = {}
        if t is None:
            return out
        seen: dict[str, str] = {}
        for r in t.data_rows():
            code = self.unique_code(t, r, seen)
            nama = self.required_text(t, r, "nama")
            nip = text(t.get(r, "kepala_nip"))
            self.nip(nip, t.grid.name, t.cell(r, "kepala_nip"))
            if code is not None and nama is not None:
                out[code] = Bidang(code, nama, text(t.get(r, "kepala_nama")), nip,
                                   text(t.get(r, "telepon")), text(t.get(r, "surel")))
        return out

    def _sasaran(self, t: Table | None) -> dict[str, Sasaran]:
        out: dict[str, Sasaran] = {}
        if t is None:
            return out
        seen: dict[str, str] = {}
        for r in t.data_rows():
            code = self.unique_code(t, r, seen)
            uraian = self.required_text(t, r, "uraian")
            if code is not None and uraian is not None:
                out[code] = Sasaran(code, uraian)
        return out

    def _elemen(self, t: Table | None, bidang: dict[str, Bidang]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if t is None:
            return out
        seen: dict[str, str] = {}
        for r in t.data_rows():
            rec: dict[str, Any] = {
                "kode": self.unique_code(t, r, seen),
                "nama": self.required_text(t, r, "nama"),
                "satuan": self.required_text(t, r, "satuan"),
                "bidang": self.reference(t, r, "bidang", bidang, "katalog-bidang-tidak-ada"),
                "tipe": self.choice(t, r, "tipe", H.TIPE_CHOICES),
                "min": self.number(t, r, "min"),
                "max": self.number(t, r, "max"),
                "wajib": self.choice(t, r, "wajib", H.YA_TIDAK_CHOICES, default=True, allowed=("ya", "tidak")),
                "agregasi": self.choice(t, r, "agregasi", H.ELEMEN_AGREGASI_CHOICES),
                "turun": self.choice(t, r, "turun", H.YA_TIDAK_CHOICES, default=DEFAULT, allowed=("ya", "tidak")),
            }
            if rec["turun"] is DEFAULT:
                rec["turun"] = None  # blank: the default rule
            lo, hi = rec["min"], rec["max"]
            if isinstance(lo, float) and isinstance(hi, float) and lo > hi:
                self.add("katalog-min-lebih-besar", t.grid.name, t.cell(r, "min"), lo, min=text(lo), max=text(hi),
                         kode=rec["kode"] or "")
                continue
            if all(v is not None and v is not BAD for k, v in rec.items() if k not in ("min", "max", "turun")) \
                    and BAD not in (lo, hi):
                out[rec["kode"]] = rec
        return out

    def _target(self, t: Table, r: int, field_name: str) -> Any:
        raw = t.get(r, field_name)
        try:
            found = target(raw)
        except BadValue:
            self.add("katalog-target-tidak-sah", t.grid.name, t.cell(r, field_name), text(raw))
            return BAD
        if found is not None and isinstance(raw, (int, float)) and not found.is_range:
            return Target.single(self.as_typed(t, r, field_name, found.low))
        return found

    def _indikator(self, t: Table | None, bidang: dict[str, Bidang], sasaran: dict[str, Sasaran],
                   elemen: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        if t is None:
            return out
        seen: dict[str, str] = {}
        used: set[str] = set()
        elemen_codes = {k for k in self.sources if k[0] == H.SHEET_ELEMEN}
        all_elemen = {code for _, code in elemen_codes}
        for r in t.data_rows():
            rec: dict[str, Any] = {
                "kode": self.unique_code(t, r, seen),
                "sasaran": self.reference(t, r, "sasaran", sasaran, "katalog-sasaran-tidak-ada"),
                "nama": self.required_text(t, r, "nama"),
                "satuan": self.required_text(t, r, "satuan"),
                "polaritas": self.choice(t, r, "polaritas", H.POLARITAS_CHOICES),
                "agregasi": self.choice(t, r, "agregasi", H.AGREGASI_CHOICES),
                "rumus": self._rumus(t, r, all_elemen),
                "target_tahunan": self._target(t, r, "target_tahunan"),
                "target_tw": tuple(self._target(t, r, f"target_tw{q}") for q in range(1, 5)),
                "iku": self.choice(t, r, "iku", H.YA_TIDAK_CHOICES, default=False, allowed=("ya", "tidak")),
                "bidang": self.reference(t, r, "bidang", bidang, "katalog-bidang-tidak-ada"),
                "definisi": text(t.get(r, "definisi")),
                "sumber_data": text(t.get(r, "sumber_data")),
                "rencana_aksi": tuple(text(t.get(r, f"aksi_tw{q}")) for q in range(1, 5)),
                "standar_nasional": text(t.get(r, "standar_nasional")),
            }
            expr = rec["rumus"]
            if expr is not None and expr is not BAD:
                used.update(expr.elements)
                if rec["bidang"] is not None:
                    others = [(c, elemen[c]["bidang"]) for c in expr.elements
                              if c in elemen and elemen[c]["bidang"] != rec["bidang"]]
                    for c, other in others:
                        self.add("katalog-rumus-beda-bidang", t.grid.name, t.cell(r, "rumus"), expr.source,
                                 indikator=rec["kode"] or text(t.get(r, "kode")), bidang=rec["bidang"], elemen=c,
                                 bidang_lain=other)
            bad = [v for k, v in rec.items() if k not in ("target_tahunan", "target_tw")] + [rec["target_tahunan"],
                                                                                          *rec["target_tw"]]
            if not any(v is BAD for v in bad) and all(
                    rec[k] is not None for k in ("kode", "sasaran", "nama", "satuan", "polaritas", "agregasi",
                                                 "rumus", "bidang")):
                out[rec["kode"]] = rec
                self._check_quarter_targets(t, r, rec)
        for code, rec in elemen.items():
            if code not in used:
                self.add("katalog-elemen-tidak-dipakai", self.sheet_titles[H.SHEET_ELEMEN],
                         self.sources[(H.SHEET_ELEMEN, code)], code, bidang=rec["bidang"])
        return out

    def _check_quarter_targets(self, t: Table, r: int, rec: dict[str, Any]) -> None:
        if rec["agregasi"] is Agregasi.KUMULATIF and key(rec["satuan"]) in ("%", "persen", "persentase"):
            self.add("katalog-persen-kumulatif", t.grid.name, t.cell(r, "agregasi"), rec["agregasi"].value,
                     kode=rec["kode"])
        problem = quarter_target_problem(rec["agregasi"], rec["target_tahunan"], rec["target_tw"])
        if problem:
            annual = rec["target_tahunan"]
            self.add("katalog-target-tw-tidak-sesuai", t.grid.name, t.cell(r, "target_tahunan"), annual.value,
                     kode=rec["kode"], agregasi=rec["agregasi"].value, tahunan=text(annual.value),
                     keadaan=problem[0], saran_perbaikan=problem[1])

    def _rumus(self, t: Table, r: int, all_elemen: set[str]) -> Any:
        source = self.required_text(t, r, "rumus")
        if source is None:
            return None
        cell = t.cell(r, "rumus")
        source = source.removeprefix("=")
        try:
            expr = parse(source)
        except RumusError as exc:
            self.add("katalog-rumus-tidak-terbaca", t.grid.name, cell, source, alasan=str(exc))
            return BAD
        missing = [c for c in expr.elements if c not in all_elemen]
        for c in missing:
            hint = suggestion(c, sorted(all_elemen))
            self.add("katalog-rumus-elemen-tidak-ada", t.grid.name, cell, source, elemen=c,
                     saran=saran(hint) if hint else (f" Nama fungsi yang tersedia: {', '.join(FUNCTIONS)}."
                                                     if c in FUNCTIONS else ""))
        return BAD if missing else expr
