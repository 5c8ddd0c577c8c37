"""The office server's state in the ledger (schema 3): bidang links, pengelola users, settings, audit log.

Kept in the ledger database — not in files of their own — so that one store holds everything
the CLI and the server share, and moves with it when the ledger moves to another engine.
Plain storage only: tokens and password hashes are made and verified in :mod:`kinerja_xl.access`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

#: Migration 2 -> 3 adds these tables; nothing else changes.
SCHEMA_ACCESS = """
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


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    detail: str
    address: str | None


class AccessTables:
    """Mixed into :class:`kinerja_xl.ledger.Ledger`: reads and writes of the schema-3 tables."""

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by Ledger
        raise NotImplementedError

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:  # provided by Ledger
        raise NotImplementedError

    # --- settings ---------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def setting_or_set(self, key: str, value: str) -> str:
        """The stored value of ``key``, storing ``value`` first when there is none (first writer wins)."""
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (key, value))
            return str(db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()[0])

    # --- bidang links -----------------------------------------------------------------------

    def links(self) -> dict[str, str]:
        """bidang -> token."""
        return dict(self._query("SELECT bidang, token FROM bidang_links ORDER BY bidang"))

    def link_by_hash(self, token_sha256: str) -> tuple[str, str] | None:
        """``(bidang, token)`` of the link whose token hashes to ``token_sha256``."""
        rows = self._query("SELECT bidang, token FROM bidang_links WHERE token_sha256 = ?", (token_sha256,))
        return (rows[0][0], rows[0][1]) if rows else None

    def set_links(self, tokens: dict[str, tuple[str, str]], created_at: str, *, replace: bool) -> None:
        """Store ``bidang -> (token, token_sha256)``; an existing link is kept unless ``replace``."""
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        with self._transaction() as db:
            db.executemany(f"{verb} INTO bidang_links (bidang, token, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                           [(b, t, h, created_at) for b, (t, h) in tokens.items()])

    # --- users ------------------------------------------------------------------------------

    def user_hash(self, name: str) -> str | None:
        rows = self._query("SELECT password_hash FROM users WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def users(self) -> list[str]:
        return [n for (n,) in self._query("SELECT name FROM users ORDER BY name")]

    def set_user(self, name: str, password_hash: str, created_at: str) -> bool:
        """Add a user or change its password; True when the user is new."""
        with self._transaction() as db:
            new = db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None
            db.execute("INSERT OR REPLACE INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
                       (name, password_hash, created_at))
        return new

    # --- audit log --------------------------------------------------------------------------

    def audit(self, at: str, actor: str, action: str, detail: str = "", address: str | None = None) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO audit (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)",
                       (at, actor, action, detail, address))

    def audit_count(self, action: str, actor: str, since: str) -> int:
        return int(self._query("SELECT count(*) FROM audit WHERE action = ? AND actor = ? AND at >= ?",
                               (action, actor, since))[0][0]) if self._has_audit() else 0

    def audit_count_from(self, action: str, address: str, since: str) -> int:
        """Entries of ``action`` from one client address since ``since`` (whatever name was tried)."""
        return int(self._query("SELECT count(*) FROM audit WHERE action = ? AND address = ? AND at >= ?",
                               (action, address, since))[0][0]) if self._has_audit() else 0

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        if not self._has_audit():
            return []
        return [AuditEntry(*r) for r in self._query(
            "SELECT id, at, actor, action, detail, address FROM audit ORDER BY id DESC LIMIT ?", (limit,))]

    def _has_audit(self) -> bool:
        return bool(self._query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"))
