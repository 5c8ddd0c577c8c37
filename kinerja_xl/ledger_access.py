"""The office server's state in the ledger (schema 3+): bidang links, pengelola users, settings, audit log.

Kept in the ledger database — not in files of their own — so that one store holds everything
the CLI and the server share, and moves with it when the ledger moves to another engine.
Plain storage only: tokens and password hashes are made and verified in :mod:`kinerja_xl.access`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

# The tables themselves are declared in kinerja_xl.ledger_schema and created by the ledger's migrations.


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

    def _transaction(self) -> AbstractContextManager[Any]:  # provided by Ledger
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
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, value))
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
        action = ("DO UPDATE SET token = excluded.token, token_sha256 = excluded.token_sha256, "
                  "created_at = excluded.created_at") if replace else "DO NOTHING"
        with self._transaction() as db:
            db.executemany("INSERT INTO bidang_links (bidang, token, token_sha256, created_at) VALUES (?, ?, ?, ?) "
                           f"ON CONFLICT (bidang) {action}",
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
            db.execute("INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) "
                       "DO UPDATE SET password_hash = excluded.password_hash, created_at = excluded.created_at",
                       (name, password_hash, created_at))
        return new

    # --- audit log --------------------------------------------------------------------------

    def audit(self, at: str, actor: str, action: str, detail: str = "", address: str | None = None) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO audit (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)",
                       (at, actor, action, detail, address))

    def audit_count(self, action: str, actor: str, since: str) -> int:
        rows = self._query("SELECT count(*) FROM audit WHERE action = ? AND actor = ? AND at >= ?",
                           (action, actor, since))
        return int(rows[0][0]) if rows else 0  # no rows: the ledger does not exist yet

    def audit_count_from(self, action: str, address: str, since: str) -> int:
        """Entries of ``action`` from one client address since ``since`` (whatever name was tried)."""
        rows = self._query("SELECT count(*) FROM audit WHERE action = ? AND address = ? AND at >= ?",
                           (action, address, since))
        return int(rows[0][0]) if rows else 0

    def audit_log(self, limit: int | None = 200) -> list[AuditEntry]:
        """The newest ``limit`` entries (all with None), newest first."""
        sql = "SELECT id, at, actor, action, detail, address FROM audit ORDER BY id DESC"
        rows = self._query(sql) if limit is None else self._query(f"{sql} LIMIT ?", (limit,))
        return [AuditEntry(*r) for r in rows]
