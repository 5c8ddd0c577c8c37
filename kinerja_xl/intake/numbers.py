"""Reading what people type into a number cell.

A cell's value arrives from the reader as a Python value (``float``, ``int``,
``bool``, ``str``, a date/time, or ``""`` for blank). :func:`read_number` says
what it is and, for text that is a number, how it was read.

Decisions for text (Indonesian notation first, because that is what people here type):

* ``"1.234,5"`` → 1234.5 and ``"1,234.5"`` → 1234.5: when both separators
  appear, the *last* one is the decimal separator and the other groups
  thousands (groups of three digits, or it is not a number).
* Only commas: one comma is the decimal separator (``"98,5"`` → 98.5, so
  ``"1,234"`` → 1.234 — Indonesian usage); several commas in groups of three
  group thousands (``"1,234,567"`` → 1234567).
* Only dots: several dots in groups of three group thousands
  (``"1.234.567"`` → 1234567). A single dot is **ambiguous**; we read it the
  Indonesian way as a thousands separator when exactly three digits follow and
  the part before it is not ``0`` (``"1.234"`` → 1234), and as a decimal
  point otherwise (``"98.5"`` → 98.5, ``"0.125"`` → 0.125). Every text read
  as a number comes back with a warning that shows the reading, so a wrong
  guess is visible to the sender.
* A trailing ``%`` (with or without a space) is dropped: percent elements are
  numbers 0–100, so ``"98,5%"`` and ``"98,5 %"`` → 98.5.
* A leading ``Rp`` (rupiah) is dropped.
* ``""``, ``"-"`` (and en/em dashes), ``"N/A"``, ``"n/a"``, ``"NA"`` → no value.
* Excel error literals (``#DIV/0!``, ``#VALUE!``, ``#N/A`` …) → an error value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from enum import StrEnum


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

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_SHAPE = re.compile(r"[+-]?[0-9.,]+")  # used with fullmatch (linear: no nested quantifiers)
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


def _grouped(digits: str, sep: str) -> bool:
    """``1.234.567`` style: groups of three after a first group of one to three digits."""
    return bool(_GROUPED.match(digits.replace(sep, "X")))


def parse_text_number(text: str) -> float | None:
    """The number a person meant by ``text``, or ``None`` when it is not a number."""
    s = _SPACES.sub("", text).replace("\u2212", "-")  # the minus sign pasted from documents
    s = s.removesuffix("%")
    if s[:2].casefold() == "rp":
        s = s[2:].lstrip(".")
    if not _SHAPE.fullmatch(s) or not any(ch.isdigit() for ch in s):
        return None
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        whole, _, frac = s.rpartition(dec)
        if not frac or dec in whole or not _grouped(whole, grp):
            return None
        number = whole.replace(grp, "") + "." + frac
    elif "," in s:
        if s.count(",") == 1:
            whole, frac = s.split(",")
            if not frac:
                return None
            number = (whole or "0") + "." + frac
        elif _grouped(s, ","):
            number = s.replace(",", "")
        else:
            return None
    elif "." in s:
        if s.count(".") == 1:
            whole, frac = s.split(".")
            if not frac:
                return None
            if len(frac) == 3 and whole not in ("", "0") and _grouped(s, "."):
                number = whole + frac  # "1.234" → 1234 (Indonesian thousands)
            else:
                number = (whole or "0") + "." + frac
        elif _grouped(s, "."):
            number = s.replace(".", "")
        else:
            return None
    else:
        number = s
    value = sign * float(number)
    return value if math.isfinite(value) else None


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


def format_id(value: float) -> str:
    """A number the way it is written in Bahasa Indonesia: ``1.234,5``."""
    if value == int(value) and abs(value) < 1e15:
        text = f"{int(value):,}"
        return text.replace(",", ".")
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_plain(value: float) -> str:
    """A number without thousands separators and with a decimal comma: ``1234,5`` (never ambiguous)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".").replace(".", ",")


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
