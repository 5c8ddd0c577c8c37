"""Numbers and dates as they are written in Bahasa Indonesia: reading and writing them.

One place for the conventions every part of kinerja-xl shares (the catalog, the
forms, intake, the recap): ``1.234,5``, ``98,5 %``, ``10 April 2025``.

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
"""

from __future__ import annotations

import datetime as dt
import math
import re

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


def tanggal_indonesia(day: dt.date) -> str:
    """``10 April 2025``."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


#: A month's name or usual abbreviation (case-folded) -> its number, for reading dates.
NOMOR_BULAN = {b.casefold(): i for i, b in enumerate(BULAN, start=1)}
NOMOR_BULAN.update({"agu": 8, "agt": 8, "okt": 10, "nop": 11, "des": 12, "feb": 2, "mar": 3, "apr": 4, "jun": 6,
                    "jul": 7, "sep": 9, "nov": 11, "jan": 1})


def parse_tanggal(raw: object) -> dt.date | None:
    """A date typed or picked in a cell (a date cell, ``31/03/2025`` or ``31 Maret 2025``)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and m.group(2).casefold() in NOMOR_BULAN:
        try:
            return dt.date(int(m.group(3)), NOMOR_BULAN[m.group(2).casefold()], int(m.group(1)))
        except ValueError:
            return None
    return None


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


def nip(text: str) -> str:
    """An NIP as it is written: ``19780101 200501 1 001`` (birth date, appointment, sex, number).

    Anything that is not 18 digits (spaces aside) is left as it was typed.
    """
    digits = "".join(text.split())
    if len(digits) != 18 or not digits.isdigit():
        return text.strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
