"""Reporting periods: parsing, quarters, end dates, labels."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_xl.errors import UsageError
from kinerja_xl.period import Period, parse_period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025-TW1", Period(2025, "TW", 1)),
        ("2025-TW4", Period(2025, "TW", 4)),
        (" 2025-tw2 ", Period(2025, "TW", 2)),
        ("2025-S1", Period(2025, "S", 1)),
        ("2026-s2", Period(2026, "S", 2)),
        ("2025", Period(2025, "Y", 0)),
    ],
)
def test_parse_good_periods(text: str, period: Period) -> None:
    assert parse_period(text) == period
    assert parse_period(period.code) == period  # the code round-trips


@pytest.mark.parametrize(
    "text", ["2025-TW5", "2025-TW0", "2025-S3", "2025-Q1", "2025TW1", "25-TW1", "2025-TW 1", "TW1-2025",
             "1900-TW1", "2200", "", "   ", "2025-TW1x", "2025-TW12"],
)
def test_parse_bad_periods(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_period(text)
    assert str(info.value) == (
        f"Periode '{text}' tidak dikenali. Tulis periode dalam bentuk 2025-TW1, 2025-S1 atau 2025."
    )


def test_parse_quarter_only() -> None:
    assert parse_period("2025-TW3", quarter_only=True) == Period(2025, "TW", 3)
    with pytest.raises(UsageError) as info:
        parse_period("2025-TW9", quarter_only=True)
    assert str(info.value) == (
        "Periode '2025-TW9' tidak dikenali. Tulis periode dalam bentuk 2025-TW1 (triwulan I sampai IV)."
    )
    for text in ("2025-S1", "2025"):
        with pytest.raises(UsageError) as info:
            parse_period(text, quarter_only=True)
        assert str(info.value) == (
            f"Periode '{text}' bukan triwulan. Perintah ini memerlukan periode triwulan, "
            "misalnya 2025-TW1 (triwulan I sampai IV)."
        )


def test_parse_none_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="Periode 'None' tidak dikenali"):
        parse_period(None)  # type: ignore[arg-type]


def test_quarters_and_last_quarter() -> None:
    assert [parse_period(f"2025-TW{n}").quarters for n in range(1, 5)] == [(1,), (2,), (3,), (4,)]
    assert parse_period("2025-S1").quarters == (1, 2)
    assert parse_period("2025-S2").quarters == (3, 4)
    assert parse_period("2025").quarters == (1, 2, 3, 4)
    assert parse_period("2025-S1").last_quarter == 2
    assert parse_period("2025").last_quarter == 4
    assert parse_period("2025-TW3").is_quarter
    assert not parse_period("2025-S1").is_quarter
    assert parse_period("2025-S2").quarter(3) == Period(2025, "TW", 3)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2025-TW1", dt.date(2025, 3, 31)),
        ("2025-TW2", dt.date(2025, 6, 30)),
        ("2025-TW3", dt.date(2025, 9, 30)),
        ("2025-TW4", dt.date(2025, 12, 31)),
        ("2024-S1", dt.date(2024, 6, 30)),
        ("2025", dt.date(2025, 12, 31)),
    ],
)
def test_end_dates(text: str, end: dt.date) -> None:
    assert parse_period(text).end_date == end


def test_codes_and_labels() -> None:
    p = parse_period("2025-tw2")
    assert p.code == str(p) == "2025-TW2"
    assert p.label == "Triwulan II Tahun 2025"
    assert parse_period("2025-TW4").label == "Triwulan IV Tahun 2025"
    assert parse_period("2025-S2").label == "Semester II Tahun 2025"
    assert parse_period("2025").label == "Tahun 2025"
    assert parse_period("2025").code == "2025"


def test_periods_sort_by_year_first() -> None:
    periods = [parse_period(t) for t in ("2026-TW1", "2025-TW4", "2025-TW1")]
    assert [p.code for p in sorted(periods)] == ["2025-TW1", "2025-TW4", "2026-TW1"]
