"""Ledgers as older versions of kinerja-xl wrote them (schema 1, 2 and 3, before Alembic), to test
that they still open and migrate. The SQL is copied from those versions; do not change it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_1 = """
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,              -- the period checked, e.g. 2025-TW1
    bidang TEXT,                       -- NULL when the file could not be attributed
    file_name TEXT NOT NULL,           -- original file name as received
    rel_path TEXT NOT NULL,            -- path below the inbox
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    received_at TEXT NOT NULL,         -- ISO 8601, seconds: when check first saw it
    template_version TEXT,
    form_id TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned')),
    findings_json TEXT NOT NULL,       -- list of findings (code, severity, file, sheet, cell, value, message)
    archive_path TEXT,                 -- accepted only: copy below the workspace (POSIX separators)
    revision INTEGER,                  -- accepted only: 0 first, 1.. revisions
    superseded_by INTEGER REFERENCES submissions(id),
    UNIQUE (period, sha256)
);
CREATE INDEX submissions_period_bidang ON submissions (period, bidang);
CREATE TABLE "values" (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    elemen TEXT NOT NULL,
    value REAL,                        -- NULL = blank
    raw TEXT,                          -- JSON of what was typed
    keterangan TEXT,
    PRIMARY KEY (submission_id, elemen)
);
CREATE TABLE kendala (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    indikator TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (submission_id, indikator)
);
"""

#: schema 2 added the Anggaran sheet's table
SCHEMA_2_ADDS = """
CREATE TABLE anggaran (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    kode TEXT NOT NULL,                -- sub kegiatan kode rekening
    k REAL,                            -- realisasi kinerja (K) of the quarter; NULL = blank
    fisik REAL,                        -- realisasi fisik s.d. the quarter, %
    rp REAL,                           -- realisasi keuangan of the quarter, Rp
    pendorong TEXT,
    penghambat TEXT,
    PRIMARY KEY (submission_id, kode)
);
"""

#: schema 3 added the office server's tables
SCHEMA_3_ADDS = """
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bidang_links (
    bidang TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,  -- looked up by this, then compared in constant time
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,        -- scrypt$n$r$p$salt$hash (base64)
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                   -- ISO 8601, seconds
    actor TEXT NOT NULL,                -- 'bidang:KODE', 'pengelola:NAMA', 'cli', or the name tried at login
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    address TEXT                        -- client address, when over the network
);
CREATE INDEX IF NOT EXISTS audit_action_actor ON audit (action, actor, at);
"""


def write_legacy_ledger(path: Path, version: int) -> sqlite3.Connection:
    """A new SQLite ledger at ``path`` as kinerja-xl wrote schema ``version`` (1-3); the open connection."""
    script = SCHEMA_1 + (SCHEMA_2_ADDS if version >= 2 else "") + (SCHEMA_3_ADDS if version >= 3 else "")
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {script} PRAGMA user_version = {version}; COMMIT;")
    return db
