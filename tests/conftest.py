"""Shared fixtures and hooks. Keep it small; append new fixtures at the end."""

from __future__ import annotations

import pytest
from browser import check_browser
from libreoffice import check_libreoffice
from postgres import check_postgresql, fresh_database


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.libreoffice`` (``uno=True`` for the UNO bridge): skip without it, fail in CI."""
    marker = item.get_closest_marker("libreoffice")
    if marker is not None:
        check_libreoffice(uno=bool(marker.kwargs.get("uno", False)))
    if item.get_closest_marker("browser") is not None:  # headless Chromium via Playwright: skip without, fail in CI
        check_browser()
    if item.get_closest_marker("postgresql") is not None:  # a PostgreSQL server: skip without, fail in CI
        check_postgresql()


@pytest.fixture
def pg_url(request: pytest.FixtureRequest):  # -> Iterator[str]
    """A fresh, empty PostgreSQL database (the test needs ``@pytest.mark.postgresql``)."""
    check_postgresql()
    with fresh_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def ledger_target(request: pytest.FixtureRequest, tmp_path):  # -> Iterator[Path | str]
    """Where a test's ledger lives, once per engine: a new SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "daftar-kiriman.sqlite"
        return
    check_postgresql()
    with fresh_database() as url:
        yield url
