"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for the office server's
browser tests, and the server itself running in a thread.

Tests that need it are marked ``@pytest.mark.browser``; ``conftest.py`` skips them when Chromium
or Playwright is missing — except in CI (``CI=true``), where that is a failure. Playwright cannot
download browsers here, so Chromium is launched by its path.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def check_browser() -> None:
    """Skip the calling test when Chromium or Playwright is missing; fail in CI."""
    missing = None
    if not CHROMIUM.is_file():
        missing = f"{CHROMIUM} is not installed"
    elif importlib.util.find_spec("playwright") is None:
        missing = "the playwright Python package is not installed"
    if missing is None:
        return
    if in_ci():
        pytest.fail(f"{missing}; CI must install it (.ci/run installs chromium)", pytrace=False)
    pytest.skip(missing)


@contextmanager
def running_server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
