"""Reading what people type into number cells (Indonesian notation first)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_xl.intake.numbers import (
    Kind,
    format_id,
    format_plain,
    parse_text_number,
    read_number,
)


@pytest.mark.parametrize(("text", "value"), [
    ("1234", 1234.0),
    ("1.234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("1.234", 1234.0),  # ambiguous: read the Indonesian way (thousands)
    ("12.500", 12500.0),
    ("1.234.567", 1234567.0),
    ("1.234.567,25", 1234567.25),
    ("1,234,567", 1234567.0),
    ("1,234", 1.234),  # one comma is the decimal separator
    ("98,5", 98.5),
    ("98.5", 98.5),  # a dot not followed by three digits is a decimal point
    ("0.125", 0.125),
    ("0,98", 0.98),
    (",5", 0.5),
    ("98,5%", 98.5),
    ("75 %", 75.0),
    ("75\u00a0%", 75.0),
    (" 1 234 ", 1234.0),
    ("Rp 1.500.000", 1500000.0),
    ("Rp1.500.000,-".removesuffix(",-"), 1500000.0),
    ("-5", -5.0),
    ("\u22125", -5.0),
    ("+7", 7.0),
])
def test_text_numbers(text: str, value: float) -> None:
    assert parse_text_number(text) == pytest.approx(value)
    reading = read_number(text)
    assert reading.kind is Kind.TEXT_NUMBER and reading.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "12 jiwa", "1.23.4", "1,2,3", "1.234,5.6", "1e3", "12,", "12.", "%",
                                  "nihil", "1..2", "1.2345,6"])
def test_text_that_is_not_a_number(text: str) -> None:
    assert parse_text_number(text) is None
    assert read_number(text).kind is Kind.TEXT


@pytest.mark.parametrize("raw", ["", "  ", "-", "–", "—", "N/A", "n/a", "NA", None])
def test_no_value(raw: object) -> None:
    assert read_number(raw).kind is Kind.BLANK and read_number(raw).value is None


@pytest.mark.parametrize("raw", ["#DIV/0!", "#VALUE!", "#N/A", "#ref!", float("nan"), float("inf")])
def test_error_values(raw: object) -> None:
    assert read_number(raw).kind is Kind.ERROR


def test_other_kinds() -> None:
    assert read_number(12).kind is Kind.NUMBER and read_number(12).value == 12.0
    assert read_number(0.0).value == 0.0  # zero is a value, not blank
    assert read_number(dt.date(2025, 3, 1)).kind is Kind.DATE
    assert read_number(dt.datetime(2025, 3, 1, 8)).kind is Kind.DATE
    assert read_number(dt.time(8, 30)).kind is Kind.DATE
    assert read_number(True).kind is Kind.TEXT


def test_formats() -> None:
    assert format_id(1234.5) == "1.234,5"
    assert format_id(1234567.0) == "1.234.567"
    assert format_id(0.98) == "0,98"
    assert format_id(-5.0) == "-5"
    assert format_plain(1234.5) == "1234,5"
    assert format_plain(1000.0) == "1000"


@given(st.decimals(min_value=-10**12, max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_indonesian_writing_reads_back(d: object) -> None:
    """What we write the Indonesian way (messages, forms) reads back as the same number."""
    value = float(d)  # type: ignore[arg-type]
    assert math.isclose(parse_text_number(format_id(value)) or 0.0, value, rel_tol=1e-12, abs_tol=1e-9)
    assert math.isclose(parse_text_number(format_plain(value)) or 0.0, value, rel_tol=1e-12, abs_tol=1e-9)


def test_long_text_is_read_in_linear_time() -> None:
    import time
    start = time.perf_counter()
    for text in ("1" * 30_000 + "x", "1." * 15_000, "9" * 32_767):
        parse_text_number(text)
    assert time.perf_counter() - start < 0.5
