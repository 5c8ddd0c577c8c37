"""Reading the values people type into the catalog: text, numbers, targets.

Numbers may be real numbers or text in Indonesian or English writing
(``98,5``, ``98.5``, ``1.234,5``, ``16.000``); targets are a number or a range
``80-90``, ``80–90``, ``80 s.d. 90``. Each parser returns the value or raises
:class:`BadValue`; the loader turns that into a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from kinerja_xl.angka import parse_text_number
from kinerja_xl.catalog.model import Target


class BadValue(ValueError):
    """A cell value that cannot be read as what its column expects."""


def text(value: object) -> str:
    """A cell as text, stripped (blank cell → ``""``; whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_NUM = r"[-+−]?\d[\d.,]*(?:[eE][-+]?\d+)?"
_EXPONENT = re.compile(r"[-+−]?\d+(?:[.,]\d+)?[eE][-+]?\d+")
_RANGE = re.compile(
    rf"^\s*(?P<lo>{_NUM})\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?)\s*(?P<hi>{_NUM})\s*$",
    re.IGNORECASE,
)


def number_text(x: float) -> str:
    """A number as the shortest text that reads back exactly (``98.5``, ``16000``, ``1e-07``)."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def parse_number_text(raw: str) -> float:
    """``"98,5"``, ``"98.5"``, ``"1.234,5"``, ``"16.000"``, ``"1,5e3"`` → float; else :class:`BadValue`.

    The notation is :func:`kinerja_xl.angka.parse_text_number`'s (the same as the forms');
    the catalog also reads the exponent form its own writer may use (``1e-07``).
    """
    number = parse_text_number(raw)
    if number is None and _EXPONENT.fullmatch(raw.strip()):
        number = float(raw.strip().replace(",", ".").replace("−", "-"))
    if number is None or not math.isfinite(number):
        raise BadValue(raw)
    return number


def number(value: object) -> float | None:
    """A number cell (or number text); blank → ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise BadValue(value)
    if isinstance(value, (int, float)):
        x = float(value)
        if not math.isfinite(x):
            raise BadValue(value)
        return x
    if isinstance(value, str):
        return parse_number_text(value)
    raise BadValue(value)


def target(value: object) -> Target | None:
    """A target cell: a number or a range ``low-high`` (low ≤ high); blank → ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        m = _RANGE.match(value)
        if m:
            lo, hi = parse_number_text(m["lo"]), parse_number_text(m["hi"])
            if lo > hi:
                raise BadValue(value)
            return Target(lo, hi)
    x = number(value)
    return None if x is None else Target.single(x)


def target_text(t: Target) -> str:
    """A target as the writer writes it as text: Indonesian decimal comma, ``80-90``, ``2,5-3``.

    The loader reads it back exactly (a dot could be mistaken for a thousands separator).
    """
    def fmt(x: float) -> str:
        return number_text(x).replace(".", ",")

    return f"{fmt(t.low)}-{fmt(t.high)}" if t.is_range else fmt(t.low)


def whole_number(value: object) -> int | None:
    """A whole number cell; blank → ``None``."""
    x = number(value)
    if x is None:
        return None
    if not x.is_integer():
        raise BadValue(value)
    return int(x)


class Marker:
    """A sentinel the loaders pass around instead of a value."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


BAD: Any = Marker("BAD")  # a value with a finding already reported
DEFAULT: Any = Marker("DEFAULT")  # a blank optional setting: the model's default applies
