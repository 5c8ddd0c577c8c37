"""Reading what people type into a number cell.

A cell's value arrives from the reader as a Python value (``float``, ``int``,
``bool``, ``str``, a date/time, or ``""`` for blank). :func:`read_number` says
what it is and, for text that is a number, how it was read.

The notation of text numbers is :mod:`kinerja_xl.angka`'s (``1.234,5`` → 1234.5, ``98,5 %`` → 98.5, …).

* ``""``, ``"-"`` (and en/em dashes), ``"N/A"``, ``"n/a"``, ``"NA"`` → no value.
* Excel error literals (``#DIV/0!``, ``#VALUE!``, ``#N/A`` …) → an error value.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from kinerja_xl.angka import format_id, format_plain, parse_text_number

__all__ = ["BLANK_MARKERS", "ERROR_LITERALS", "Kind", "Reading", "format_id", "format_plain", "format_raw",
           "parse_text_number", "read_number"]


class Kind(StrEnum):
    NUMBER = "number"  # a real number cell
    TEXT_NUMBER = "text-number"  # text that we read as a number (warn)
    BLANK = "blank"  # no value
    ERROR = "error"  # an Excel error value (#DIV/0! …)
    DATE = "date"  # a date or time where a number belongs
    TEXT = "text"  # text that is not a number (also TRUE/FALSE)


@dataclass(frozen=True)
class Reading:
    kind: Kind
    value: float | None = None

    @property
    def is_value(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.TEXT_NUMBER)


#: Excel's error values, as they appear in a cell (or typed as text).
ERROR_LITERALS = frozenset({
    "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!",
})
BLANK_MARKERS = frozenset({"", "-", "–", "—", "\u2212", "n/a", "na", "n.a.", "n.a"})

def read_number(raw: object) -> Reading:
    """Classify a cell value that should be a number."""
    if raw is None:
        return Reading(Kind.BLANK)
    if isinstance(raw, bool):
        return Reading(Kind.TEXT)
    if isinstance(raw, (int, float)):
        value = float(raw)
        return Reading(Kind.NUMBER, value) if math.isfinite(value) else Reading(Kind.ERROR)
    if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        return Reading(Kind.DATE)
    text = str(raw).strip()
    if text.casefold() in BLANK_MARKERS:
        return Reading(Kind.BLANK)
    if text.upper() in ERROR_LITERALS:
        return Reading(Kind.ERROR)
    number = parse_text_number(text)
    if number is None:
        return Reading(Kind.TEXT)
    return Reading(Kind.TEXT_NUMBER, number)


def format_raw(raw: object) -> str:
    """A raw cell value as a person would recognise it in a message."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return format_id(raw)
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y %H:%M") if (raw.hour or raw.minute) else raw.strftime("%d/%m/%Y")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw)
