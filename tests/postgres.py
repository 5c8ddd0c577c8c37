"""A real PostgreSQL server for the ledger's tests.

``.ci/run`` starts a throw-away cluster and sets ``KINERJA_TEST_PG_URL`` (a URL to its ``postgres``
database). Tests marked ``@pytest.mark.postgresql`` get a database of their own in it
(:func:`fresh_database`), dropped afterwards. Without the variable those tests skip locally and fail
in CI (``CI=true``), as the LibreOffice ones do. A developer can start a cluster of their own the way
``.ci/run`` does and export the variable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "KINERJA_TEST_PG_URL"


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def check_postgresql() -> None:
    """Skip the calling test when no PostgreSQL server is given; fail in CI."""
    if server_url():
        return
    missing = f"no PostgreSQL server ({ENV} is not set)"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{missing}; .ci/run must start one", pytrace=False)
    pytest.skip(missing)


def _with_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new empty database on the test server; its URL. Dropped (connections closed) afterwards."""
    import psycopg

    url = server_url()
    assert url, "check_postgresql() first"
    name = f"kx_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
