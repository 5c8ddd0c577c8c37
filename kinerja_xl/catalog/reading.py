"""Reading the catalog's cells into typed values, every problem a finding: :class:`SheetReader`.

The one reader that the loaders of the catalog's sheets share (``loader.py`` for Instansi,
Bidang, Sasaran, Elemen, Indikator; ``budget_loader.py`` for Anggaran and Renstra). Each method
reads one cell of a :class:`~kinerja_xl.catalog.sheets.Table` row and returns the value, or
``None`` (``BAD`` for numbers) after adding a finding that names the sheet, the cell and the fix.
"""

from __future__ import annotations

import re
from typing import Any

from kinerja_xl.catalog import codes as _codes  # noqa: F401  (registers the katalog-… codes)
from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog import values
from kinerja_xl.catalog.headers import key
from kinerja_xl.catalog.sheets import Table, saran, suggestion
from kinerja_xl.catalog.values import BAD, BadValue, text
from kinerja_xl.findings import Finding, make
from kinerja_xl.numfmt import percent_value
from kinerja_xl.rumus import CODE_RE

_NIP_RE = re.compile(r"\d{18}")
_CANONICAL = {key(s): s for s in H.ALL_SHEETS}
_COLUMN_BY_FIELD = {sheet: {c.field: c for c in columns} for sheet, columns in H.COLUMNS.items()}
_CODE_EXAMPLE = {H.SHEET_BIDANG: "DAFDUK", H.SHEET_SASARAN: "SS1", H.SHEET_INDIKATOR: "IK01",
                 H.SHEET_ELEMEN: "DAF01", H.SHEET_RENSTRA: "IK01"}


def rupiah_text(x: float) -> str:
    """Rupiah the Indonesian way: ``1.250.000.000``, ``-1.500,50``."""
    shown = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    return shown.translate(str.maketrans(",.", ".,"))


class SheetReader:
    """Reads cells of one catalog file, collecting findings and where each code is defined."""

    def __init__(self, file: str):
        self.file = file  # the file name the findings carry
        self.findings: list[Finding] = []
        self.sources: dict[tuple[str, str], str] = {}  # (canonical sheet, code) -> the A1 cell defining it

    def add(self, code: str, sheet: str | None, cell: str | None, value: Any = None, **params: Any) -> None:
        self.findings.append(make(code, file=self.file, sheet=sheet, cell=cell, value=value, **params))

    def canon(self, t: Table) -> str:
        """The canonical name of a table's sheet (the title in the file may differ in case and spaces)."""
        return _CANONICAL[key(t.grid.name)]

    def column(self, sheet: str, field_name: str) -> H.Column:
        return _COLUMN_BY_FIELD[sheet][field_name]

    def required_text(self, t: Table, r: int, field_name: str) -> str | None:
        value = text(t.get(r, field_name))
        if not value:
            col = self.column(self.canon(t), field_name)
            self.add("katalog-isian-kosong", t.grid.name, t.cell(r, field_name), kolom=col.header,
                     keterangan=col.comment)
            return None
        return value

    def code(self, t: Table, r: int, field_name: str = "kode") -> str | None:
        raw = self.required_text(t, r, field_name)
        if raw is None:
            return None
        code = raw.upper()
        if not CODE_RE.fullmatch(code):
            sheet = self.canon(t)
            ref_sheet = {"bidang": H.SHEET_BIDANG, "sasaran": H.SHEET_SASARAN}.get(field_name, sheet)
            self.add("katalog-kode-tidak-sah", t.grid.name, t.cell(r, field_name), raw,
                     contoh=_CODE_EXAMPLE[ref_sheet])
            return None
        return code

    def unique_code(self, t: Table, r: int, seen: dict[str, str]) -> str | None:
        code = self.code(t, r)
        if code is None:
            return None
        cell = t.cell(r, "kode")
        if code in seen:
            self.add("katalog-kode-ganda", t.grid.name, cell, code, sel_lain=seen[code], lembar=t.grid.name)
            return None
        seen[code] = cell
        self.sources[(self.canon(t), code)] = cell
        return code

    def reference(self, t: Table, r: int, field_name: str, known: dict[str, Any], code: str) -> str | None:
        ref = self.code(t, r, field_name)
        if ref is None:
            return None
        if ref not in known:
            self.add(code, t.grid.name, t.cell(r, field_name), ref, saran=saran(suggestion(ref, list(known))))
            return None
        return ref

    def choice(self, t: Table, r: int, field_name: str, choices: dict[str, Any], default: Any = None,
               allowed: tuple[str, ...] = ()) -> Any:
        raw = t.get(r, field_name)
        if isinstance(raw, bool) and set(choices.values()) == {True, False}:
            return raw
        value = text(raw)
        col = self.column(self.canon(t), field_name)
        if not value:
            if default is None:
                self.add("katalog-isian-kosong", t.grid.name, t.cell(r, field_name), kolom=col.header,
                         keterangan=col.comment)
            return default
        if key(value) in choices:
            return choices[key(value)]
        names = allowed or tuple(dict.fromkeys(str(getattr(v, "value", v)) for v in choices.values()))
        self.add("katalog-pilihan-tidak-sah", t.grid.name, t.cell(r, field_name), value, kolom=col.header,
                 pilihan=", ".join(names), saran=saran(suggestion(value, names)))
        return None

    def nip(self, value: str, sheet: str, cell: str) -> None:
        if value and not _NIP_RE.fullmatch(re.sub(r"\s", "", value)):
            self.add("katalog-nip-tidak-sah", sheet, cell, value)

    def as_typed(self, t: Table, r: int, field_name: str, value: Any) -> Any:
        """A number read from a percent-formatted cell as the person typed it (0.75 in a ``0%`` cell is 75)."""
        if not isinstance(value, float) or not value or not t.is_percent(r, field_name):
            return value
        col = self.column(self.canon(t), field_name)
        typed = percent_value(value)
        self.add("katalog-format-persen", t.grid.name, t.cell(r, field_name), text(value), kolom=col.header,
                 shown=text(value), reading=text(typed))
        return typed

    def number(self, t: Table, r: int, field_name: str, *, rupiah: bool = False,
               example: str = "0 atau 100") -> Any:
        """A number cell (blank is ``None``); :data:`BAD` after a finding.

        ``rupiah``: an amount in Rp, never read as a percentage and never negative. ``example``
        goes into the hint of ``katalog-angka-tidak-sah``.
        """
        raw = t.get(r, field_name)
        try:
            x = values.number(raw)
            if not rupiah:
                x = self.as_typed(t, r, field_name, x)
        except BadValue:
            col = self.column(self.canon(t), field_name)
            self.add("katalog-angka-tidak-sah", t.grid.name, t.cell(r, field_name), text(raw), kolom=col.header,
                     petunjuk=f"Tulis angka (misalnya {example}) atau kosongkan.")
            return BAD
        if rupiah and x is not None and x < 0:
            col = self.column(self.canon(t), field_name)
            self.add("katalog-anggaran-rupiah-negatif", t.grid.name, t.cell(r, field_name), rupiah_text(x),
                     kolom=col.header)
            return BAD
        return x
