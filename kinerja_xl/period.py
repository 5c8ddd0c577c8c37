"""Reporting periods: quarters (``2025-TW1``), semesters (``2025-S1``) and years (``2025``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kinerja_xl.errors import UsageError

ROMAN = ("I", "II", "III", "IV")
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>TW|S)(?P<n>\d))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. ``kind`` is ``"TW"`` (quarter), ``"S"`` (semester) or ``"Y"`` (year)."""

    year: int
    kind: str
    n: int

    @property
    def code(self) -> str:
        """The canonical written form, e.g. ``2025-TW1``."""
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.n}"

    def __str__(self) -> str:
        return self.code

    @property
    def is_quarter(self) -> bool:
        return self.kind == "TW"

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters (1–4) this period covers."""
        if self.kind == "TW":
            return (self.n,)
        if self.kind == "S":
            return (1, 2) if self.n == 1 else (3, 4)
        return (1, 2, 3, 4)

    @property
    def last_quarter(self) -> int:
        return self.quarters[-1]

    @property
    def label(self) -> str:
        """How a person writes it: ``Triwulan I Tahun 2025``."""
        if self.kind == "TW":
            return f"Triwulan {ROMAN[self.n - 1]} Tahun {self.year}"
        if self.kind == "S":
            return f"Semester {ROMAN[self.n - 1]} Tahun {self.year}"
        return f"Tahun {self.year}"

    @property
    def end_date(self) -> dt.date:
        """The last day of the period."""
        month = self.last_quarter * 3
        if month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, month + 1, 1) - dt.timedelta(days=1)

    def quarter(self, n: int) -> Period:
        return Period(self.year, "TW", n)


def parse_period(text: str, *, quarter_only: bool = False) -> Period:
    """Parse ``2025-TW1`` … ``2025-TW4``, ``2025-S1``/``S2`` or ``2025``; raise UsageError otherwise."""
    raw = (text or "").strip().upper()
    m = _PATTERN.match(raw)
    ok = False
    if m:
        year = int(m["year"])
        kind = m["kind"] or "Y"
        n = int(m["n"]) if m["n"] else 0
        ok = (kind == "TW" and 1 <= n <= 4) or (kind == "S" and n in (1, 2)) or kind == "Y"
        ok = ok and 1900 < year < 2200
    if not ok or m is None:
        contoh = "2025-TW1" if quarter_only else "2025-TW1, 2025-S1 atau 2025"
        raise UsageError(
            f"Periode '{text}' tidak dikenali. Tulis periode dalam bentuk {contoh}"
            + (" (triwulan I sampai IV)." if quarter_only else ".")
        )
    period = Period(year, kind, n)
    if quarter_only and not period.is_quarter:
        raise UsageError(
            f"Periode '{text}' bukan triwulan. Perintah ini memerlukan periode triwulan, "
            "misalnya 2025-TW1 (triwulan I sampai IV)."
        )
    return period
