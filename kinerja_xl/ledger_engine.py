"""Where the ledger lives, and one DB-API connection to it: SQLite (embedded, the default) or PostgreSQL.

A ledger is named by a URL: ``sqlite:///path/daftar-kiriman.sqlite`` (or a plain path) or
``postgresql://user:password@host:5432/dbname``. The ledger's queries are plain SQL that both engines
accept (``?`` placeholders, ``INSERT … ON CONFLICT``, ``RETURNING``), run on the driver's own
connection: ``sqlite3`` as before, or psycopg 3 behind :class:`PgConnection`, which speaks the same
small part of the sqlite3 interface. SQLAlchemy and Alembic are imported only to create or migrate a
schema (:func:`migrate`), so an everyday ``check`` pays nothing for them.

Concurrency is the databases' own: SQLite serialises writers (``BEGIN IMMEDIATE``), PostgreSQL runs
each file's transaction under the table constraints (a conflicting writer gets a unique violation
and retries, see ``Ledger.record``); migrations take SQLite's write lock or a PostgreSQL advisory
lock, so two processes opening a new ledger at once create it once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kinerja_xl.errors import KinerjaError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

#: The schema version this code writes: SQLite's ``PRAGMA user_version`` and the Alembic head
#: (declared in :mod:`kinerja_xl.ledger_schema`; kept here so that opening a ledger never imports
#: SQLAlchemy).
SCHEMA_VERSION = 4
#: Alembic revision id of each schema version from 3 on (1 and 2 are migrated by revision 3).
REVISIONS = {3: "0003", 4: "0004"}
HEAD_REVISION = REVISIONS[SCHEMA_VERSION]

#: Any number, the same in every process: the advisory lock key migrations of a PostgreSQL ledger hold.
_MIGRATION_LOCK = 7_354_201_118


class LedgerUrlError(KinerjaError):
    """The ledger URL is not one we can use."""


@dataclass(frozen=True)
class LedgerUrl:
    """A parsed ledger URL; :attr:`shown` is safe to print (the password is masked)."""

    url: str
    engine: str  # SQLITE | POSTGRESQL
    path: Path | None = None  # the SQLite file

    @property
    def shown(self) -> str:
        return hide_password(self.url)


def hide_password(url: str) -> str:
    """``url`` with its password replaced by ``***`` (a URL is never printed with it)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"{parts.username or ''}:***@{host}", parts.path, parts.query,
                       parts.fragment))


def parse_ledger_url(target: str | Path) -> LedgerUrl:
    """A path or ``sqlite:///…`` URL is SQLite; ``postgresql://…`` (or ``postgres://``,
    ``postgresql+psycopg://``) is PostgreSQL; anything else is refused with one clear line."""
    if isinstance(target, Path):
        return LedgerUrl(f"sqlite:///{target}", SQLITE, target)
    text = target.strip()
    scheme = text.split(":", 1)[0].lower() if "://" in text else ""
    if not scheme:
        return LedgerUrl(f"sqlite:///{text}", SQLITE, Path(text))
    if scheme == "sqlite":
        rest = text.split("://", 1)[1]
        if not rest.startswith("/") or rest == "/":
            raise LedgerUrlError(f"URL daftar kiriman {text!r} tidak lengkap: tulis sqlite:///FOLDER/"
                                 "daftar-kiriman.sqlite (tiga garis miring, lalu path berkasnya).")
        return LedgerUrl(text, SQLITE, Path(rest[1:]))
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        parts = urlsplit(text)
        if not parts.path.strip("/"):
            raise LedgerUrlError(f"URL daftar kiriman {hide_password(text)} belum menyebut nama basis "
                                 "data: tulis postgresql://PENGGUNA:SANDI@HOST:5432/NAMA_BASIS_DATA.")
        return LedgerUrl("postgresql://" + text.split("://", 1)[1], POSTGRESQL)
    raise LedgerUrlError(f"URL daftar kiriman {hide_password(text)} tidak dikenal: pakai sqlite:///… "
                         "(bawaan, satu berkas di folder kerja) atau postgresql://….")


# --- PostgreSQL behind the sqlite3 interface ----------------------------------------------------

_PG_SQL: dict[str, str] = {}


def _pg_sql(sql: str) -> str:
    """The same statement for psycopg: ``%s`` placeholders, PostgreSQL's plain BEGIN."""
    out = _PG_SQL.get(sql)
    if out is None:
        out = sql.replace("%", "%%").replace("?", "%s").replace("BEGIN IMMEDIATE", "BEGIN")
        _PG_SQL[sql] = out
    return out


class PgConnection:
    """A psycopg 3 connection in autocommit mode with the sqlite3 methods the ledger uses."""

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(_pg_sql(sql), tuple(params), prepare=False)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_pg_sql(sql), list(rows))

    def close(self) -> None:
        self._conn.close()


# --- a small pool: a server opens the ledger many times per page --------------------------------

_POOL_SIZE = 8
_pool: dict[str, list[PgConnection]] = {}
_pool_lock = threading.Lock()
_pool_pid = os.getpid()


def pooled(url: LedgerUrl) -> PgConnection | None:
    """An idle connection to ``url`` given back earlier by this process (its schema already checked)."""
    global _pool_pid
    with _pool_lock:
        if _pool_pid != os.getpid():  # a forked child never uses its parent's connections
            _pool.clear()
            _pool_pid = os.getpid()
        free = _pool.get(url.url)
        return free.pop() if free else None


def give_back(url: LedgerUrl, db: PgConnection) -> None:
    """Keep an idle, healthy connection for the next :class:`Ledger` of this process; close others."""
    conn = db._conn
    keep = not conn.closed and conn.info.transaction_status == 0 and os.getpid() == _pool_pid  # 0: IDLE
    if keep:
        with _pool_lock:
            free = _pool.setdefault(url.url, [])
            if len(free) < _POOL_SIZE:
                free.append(db)
                return
    db.close()


def database_errors(engine: str) -> tuple[type[Exception], ...]:
    """The driver's base error class(es), to catch around queries."""
    if engine == SQLITE:
        return (sqlite3.DatabaseError,)
    import psycopg

    return (psycopg.Error,)


def integrity_errors(engine: str) -> tuple[type[Exception], ...]:
    """A constraint refused the write (another process got there first): retry the transaction."""
    if engine == SQLITE:
        return (sqlite3.IntegrityError,)
    import psycopg

    return (psycopg.errors.IntegrityError, psycopg.errors.SerializationFailure,
            psycopg.errors.DeadlockDetected)


def connect_postgresql(url: LedgerUrl, *, timeout: float) -> PgConnection:
    """A connection, or :class:`LedgerUrlError` in one line (wrong host, refused, no such database)."""
    import psycopg

    try:
        conn = psycopg.connect(url.url, autocommit=True, connect_timeout=max(1, int(timeout)))
    except psycopg.OperationalError as exc:
        lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
        first = lines[0].removeprefix("connection failed: ") if lines else type(exc).__name__
        raise LedgerUrlError(f"Basis data {url.shown} tidak dapat dihubungi: {_reason(first)}{first}. Periksa "
                             "alamat, nama basis data, pengguna dan sandinya, dan bahwa server PostgreSQL "
                             "berjalan.") from exc
    return PgConnection(conn)


#: What the driver's (English) message means, said in Bahasa Indonesia before it.
_REASONS = (("does not exist", "basis data itu tidak ada; buat dulu dengan createdb"),
            ("password authentication failed", "pengguna atau sandi salah"),
            ("Connection refused", "server menolak koneksi"),
            ("timeout expired", "server tidak menjawab"),
            ("could not translate host name", "nama host tidak dikenal"))


def _reason(driver_text: str) -> str:
    return next((f"{said} — " for marker, said in _REASONS if marker in driver_text), "")


# --- schema version and migrations ---------------------------------------------------------------

#: A new SQLite ledger's schema at the head revision: the statements Alembic's migrations produce,
#: in their order (``tests/test_ledger_fresh.py`` keeps the two equal). Creating a ledger from them
#: takes about a millisecond; importing SQLAlchemy and Alembic to run the migrations, ~0.35 s and ~25 MB.
SQLITE_DDL = (
    ('CREATE TABLE alembic_version (\n'
     '\tversion_num VARCHAR(32) NOT NULL, \n'
     '\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n'
     ')'),
    ('CREATE TABLE submissions (\n'
     '\tid INTEGER NOT NULL, \n'
     '\tperiod TEXT NOT NULL, \n'
     '\tbidang TEXT, \n'
     '\tfile_name TEXT NOT NULL, \n'
     '\trel_path TEXT NOT NULL, \n'
     '\tsha256 TEXT NOT NULL, \n'
     '\tsize INTEGER NOT NULL, \n'
     '\treceived_at TEXT NOT NULL, \n'
     '\ttemplate_version TEXT, \n'
     '\tform_id TEXT, \n'
     "\tverdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned')), \n"
     '\tfindings_json TEXT NOT NULL, \n'
     '\tarchive_path TEXT, \n'
     '\trevision INTEGER, \n'
     '\tsuperseded_by INTEGER, \n'
     '\tPRIMARY KEY (id), \n'
     '\tUNIQUE (period, sha256), \n'
     '\tFOREIGN KEY(superseded_by) REFERENCES submissions (id)\n'
     ')'),
    ('CREATE TABLE "values" (\n'
     '\tsubmission_id INTEGER NOT NULL, \n'
     '\telemen TEXT NOT NULL, \n'
     '\tvalue FLOAT, \n'
     '\traw TEXT, \n'
     '\tketerangan TEXT, \n'
     '\tPRIMARY KEY (submission_id, elemen), \n'
     '\tFOREIGN KEY(submission_id) REFERENCES submissions (id)\n'
     ')'),
    ('CREATE TABLE kendala (\n'
     '\tsubmission_id INTEGER NOT NULL, \n'
     '\tindikator TEXT NOT NULL, \n'
     '\ttext TEXT NOT NULL, \n'
     '\tPRIMARY KEY (submission_id, indikator), \n'
     '\tFOREIGN KEY(submission_id) REFERENCES submissions (id)\n'
     ')'),
    ('CREATE TABLE anggaran (\n'
     '\tsubmission_id INTEGER NOT NULL, \n'
     '\tkode TEXT NOT NULL, \n'
     '\tk FLOAT, \n'
     '\tfisik FLOAT, \n'
     '\trp FLOAT, \n'
     '\tpendorong TEXT, \n'
     '\tpenghambat TEXT, \n'
     '\tPRIMARY KEY (submission_id, kode), \n'
     '\tFOREIGN KEY(submission_id) REFERENCES submissions (id)\n'
     ')'),
    ('CREATE TABLE settings (\n'
     '\t"key" TEXT NOT NULL, \n'
     '\tvalue TEXT NOT NULL, \n'
     '\tPRIMARY KEY ("key")\n'
     ')'),
    ('CREATE TABLE bidang_links (\n'
     '\tbidang TEXT NOT NULL, \n'
     '\ttoken TEXT NOT NULL, \n'
     '\ttoken_sha256 TEXT NOT NULL, \n'
     '\tcreated_at TEXT NOT NULL, \n'
     '\tPRIMARY KEY (bidang), \n'
     '\tUNIQUE (token_sha256)\n'
     ')'),
    ('CREATE TABLE users (\n'
     '\tname TEXT NOT NULL, \n'
     '\tpassword_hash TEXT NOT NULL, \n'
     '\tcreated_at TEXT NOT NULL, \n'
     '\tPRIMARY KEY (name)\n'
     ')'),
    ('CREATE TABLE audit (\n'
     '\tid INTEGER NOT NULL, \n'
     '\tat TEXT NOT NULL, \n'
     '\tactor TEXT NOT NULL, \n'
     '\taction TEXT NOT NULL, \n'
     "\tdetail TEXT DEFAULT '' NOT NULL, \n"
     '\taddress TEXT, \n'
     '\tPRIMARY KEY (id)\n'
     ')'),
    'CREATE INDEX submissions_period_bidang ON submissions (period, bidang)',
    'CREATE INDEX audit_action_actor ON audit (action, actor, at)',
    ('CREATE TABLE originals (\n'
     '\tsha256 TEXT NOT NULL, \n'
     '\tsize INTEGER NOT NULL, \n'
     '\tcontent BLOB NOT NULL, \n'
     '\tPRIMARY KEY (sha256)\n'
     ')'),
    'CREATE UNIQUE INDEX submissions_revision ON submissions (period, bidang, revision)',
)


def create_sqlite(db: sqlite3.Connection, *, user_version: int) -> bool:
    """Create the schema of a new SQLite ledger from :data:`SQLITE_DDL`, stamped at the head revision
    (``alembic_version``) and ``PRAGMA user_version``, in one transaction under the write lock.

    False, with nothing changed, when the database is not empty any more once the lock is held (another
    process created it meanwhile, or it is an older ledger): :func:`migrate` then decides. ``db`` must
    be in autocommit mode (``isolation_level=None``) and not inside a transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if (db.execute("PRAGMA user_version").fetchone()[0] != 0
                or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]):
            db.execute("ROLLBACK")
            return False
        for statement in SQLITE_DDL:
            db.execute(statement)
        db.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (HEAD_REVISION,))
        db.execute(f"PRAGMA user_version = {int(user_version)}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return True



def pg_revision(db: PgConnection) -> str | None:
    """The Alembic revision of a PostgreSQL ledger, or None for an empty database."""
    exists = db.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return None
    row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def migrate(db: sqlite3.Connection | PgConnection, engine: str, *, user_version: int | None = None) -> None:
    """Bring the ledger on ``db`` to the head revision with Alembic, in one transaction that holds
    SQLite's write lock (``BEGIN IMMEDIATE``) or a PostgreSQL advisory lock from the start. Alembic
    reads the current revision inside it, so a second process migrating at the same moment waits,
    then finds nothing to do. SQLite: ``PRAGMA user_version`` is set to ``user_version`` in the same
    transaction (the fast check of every later open). ``db`` must not be inside a transaction."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.pool import StaticPool

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "ledger_migrations"))
    raw: Any
    if engine == SQLITE:
        assert isinstance(db, sqlite3.Connection)
        raw, url = db, "sqlite://"
    else:
        assert isinstance(db, PgConnection)
        raw, url = db._conn, "postgresql+psycopg://"
        raw.autocommit = False
    sa_engine = sa.create_engine(url, creator=lambda: raw, poolclass=StaticPool)
    try:
        with sa_engine.connect() as conn:
            if engine == SQLITE:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if engine == SQLITE and user_version is not None:
                conn.exec_driver_sql(f"PRAGMA user_version = {int(user_version)}")
            conn.commit()
    finally:
        if engine == POSTGRESQL:
            if raw.info.transaction_status != 0:  # not idle: a failed migration
                raw.rollback()
            raw.autocommit = True
