"""Shared fixtures and hooks. Keep it small; append new fixtures at the end."""

from __future__ import annotations

import pytest
from browser import check_browser
from libreoffice import check_libreoffice


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.libreoffice`` (``uno=True`` for the UNO bridge): skip without it, fail in CI."""
    marker = item.get_closest_marker("libreoffice")
    if marker is not None:
        check_libreoffice(uno=bool(marker.kwargs.get("uno", False)))
    if item.get_closest_marker("browser") is not None:  # headless Chromium via Playwright: skip without, fail in CI
        check_browser()
