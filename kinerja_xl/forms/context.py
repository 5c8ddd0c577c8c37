"""What one form is made of: the fill (prefilled inputs) and the context every sheet writer reads."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from kinerja_xl.catalog.model import Anggaran, Bidang, Elemen, FormCatalog, Indikator
from kinerja_xl.findings import Finding
from kinerja_xl.period import Period

_EMPTY: Mapping = MappingProxyType({})



@dataclass(frozen=True)
class FormFill:
    """Values to prefill into the input cells (samples, tests, and returned forms)."""

    values: Mapping[str, object] = field(default_factory=lambda: _EMPTY)  # element -> number, text or None
    keterangan: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # element -> keterangan
    kendala: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # indicator -> kendala / RTL
    tanggal: dt.date | None = None  # the Pengesahan date
    # sub kegiatan kode -> {layout.BUDGET_K / BUDGET_FISIK / BUDGET_RP: number, text or None}
    anggaran: Mapping[str, Mapping[str, object]] = field(default_factory=lambda: _EMPTY)
    # sub kegiatan kode -> {"pendorong": text, "penghambat": text}
    faktor: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class FormContext:
    """Everything the sheet writers need for one bidang's form."""

    catalog: FormCatalog
    bidang: Bidang
    period: Period
    form_id: str
    created: dt.datetime
    elements: tuple[Elemen, ...]
    indicators: tuple[Indikator, ...]
    fill: FormFill
    history: Mapping[int, Mapping[str, float | None]]
    notes: Mapping[str, Sequence[str]]
    findings: Sequence[Finding]
    sub_kegiatan: tuple[Anggaran, ...] = ()  # the Anggaran sheet's rows (none: no such sheet)
    # quarter -> sub kegiatan kode -> {layout.BUDGET_K / BUDGET_FISIK / BUDGET_RP: accepted value}
    budget_history: Mapping[int, Mapping[str, Mapping[str, float | None]]] = field(
        default_factory=lambda: _EMPTY)

    @property
    def quarter(self) -> int:
        return self.period.n

    @property
    def deadline(self) -> dt.date:
        return self.catalog.instansi.deadline(self.period)

    @property
    def password(self) -> str:
        return self.catalog.instansi.sandi or ""

    def numeric_values(self) -> dict[str, float | None]:
        """The prefilled element values the formulas see: numbers only (text counts as blank)."""
        out: dict[str, float | None] = {}
        for e in self.elements:
            v = self.fill.values.get(e.kode)
            ok = isinstance(v, (int, float)) and not isinstance(v, bool)
            out[e.kode] = float(v) if ok else None  # type: ignore[arg-type]
        return out


def as_number(value: object) -> float | None:
    """A prefilled value as the formulas see it: numbers only (text, dates, booleans count as blank)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None
