"""The ledger: the register of every submission — embedded SQLite (``daftar-kiriman.sqlite``, the
default) or PostgreSQL (``--db postgresql://…``; see :mod:`kinerja_xl.ledger_engine`).

Intake writes it (one transaction per file, grouped into fewer commits: :meth:`Ledger.batch`); the
recap and ``status`` read it.

Rules kept here:

* A submission is identified by its bytes: ``(period, sha256)`` is unique, so
  checking the same file twice records it once.
* An accepted file for a bidang that already has an accepted one is a
  *revision*: it gets the next revision number and the earlier one is marked
  ``superseded_by`` (it stays in the ledger, and its copy stays in the archive).
* Every value read from a recorded file is kept (``values``, ``kendala`` and,
  since schema 2, ``anggaran`` tables), accepted or not; readers of "the data" use :meth:`Ledger.accepted`.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit needs no
fsync of its own, yet a crash or power failure never leaves a half-recorded
file (the last commits may be lost on power failure; the next run records
those files again, since they are still in the inbox). The schema version is
``PRAGMA user_version`` (SQLite) or the Alembic revision (PostgreSQL); a newer
one is refused rather than misread.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from kinerja_xl.errors import KinerjaError
from kinerja_xl.findings import Finding
from kinerja_xl.ledger_access import AccessTables
from kinerja_xl.ledger_engine import (
    HEAD_REVISION,
    POSTGRESQL,
    REVISIONS,
    SCHEMA_VERSION,
    SQLITE,
    LedgerUrl,
    LedgerUrlError,
    PgConnection,
    connect_postgresql,
    create_sqlite,
    database_errors,
    give_back,
    integrity_errors,
    migrate,
    parse_ledger_url,
    pg_revision,
    pooled,
)
from kinerja_xl.period import parse_period

_COLUMNS = ("id, period, bidang, file_name, rel_path, sha256, size, received_at, template_version, "
            "form_id, verdict, findings_json, archive_path, revision, superseded_by")

#: Submissions read together by :meth:`Ledger.iter_accepted` (a query's parameters stay well under
#: SQLite's and PostgreSQL's limits).
ACCEPTED_BATCH = 100
#: How often a transaction refused by a constraint (another process recorded first) is tried again.
_RETRIES = 8


class LedgerError(KinerjaError):
    """The ledger file cannot be used (not a database, newer schema, locked)."""


@dataclass(frozen=True)
class AcceptedSubmission:
    """The current accepted submission of one bidang for one quarter."""

    id: int
    bidang: str
    period: str  # "2025-TW1"
    file_name: str  # original file name as received
    sha256: str
    received_at: str  # ISO 8601, seconds
    revision: int  # 0 = first accepted, 1.. = revisions
    values: dict[str, float | None] = field(default_factory=dict)  # element code -> value
    keterangan: dict[str, str] = field(default_factory=dict)  # element code -> keterangan
    kendala: dict[str, str] = field(default_factory=dict)  # indicator code -> kendala / RTL
    # budget sheet: sub kegiatan kode -> {"k", "fisik", "rp"}; and -> {"pendorong", "penghambat"}
    anggaran: dict[str, dict[str, float | None]] = field(default_factory=dict)
    faktor: dict[str, dict[str, str]] = field(default_factory=dict)
    year: int = field(init=False, compare=False)  # from ``period``, read once
    quarter: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        period = parse_period(self.period, quarter_only=True)
        object.__setattr__(self, "year", period.year)
        object.__setattr__(self, "quarter", period.n)


@dataclass(frozen=True)
class NewSubmission:
    """What :meth:`Ledger.record` keeps of one checked file: its verdict, findings and what it holds."""

    rel_path: str  # path below the inbox, as the user sees it
    sha256: str
    verdict: str  # "accepted" | "returned"
    findings: list[Finding] = field(default_factory=list)
    bidang: str | None = None  # None when the file could not be attributed
    template_version: str | None = None
    form_id: str | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # element code -> value (None = blank)
    raw_values: dict[str, Any] = field(default_factory=dict)  # element code -> what was typed
    keterangan: dict[str, str] = field(default_factory=dict)  # element code -> keterangan / sumber data
    kendala: dict[str, str] = field(default_factory=dict)  # indicator code -> kendala / RTL
    anggaran: dict[str, dict[str, float | None]] = field(default_factory=dict)  # kode -> {"k", "fisik", "rp"}
    faktor: dict[str, dict[str, str]] = field(default_factory=dict)  # kode -> {"pendorong", "penghambat"}


@dataclass(frozen=True)
class PreviousValues:
    """The accepted figures before a quarter, for the checks of that quarter's files.

    ``elements``: every bidang's element values of the quarter before (TW IV of the year before
    for TW I), by element code (codes are unique in a catalog). ``budget``: the Anggaran figures of
    each earlier quarter of the same year (none for TW I: the budget year restarts), quarter ->
    sub kegiatan kode -> ``{"k", "fisik", "rp"}`` as recorded.
    """

    elements: dict[str, float | None] = field(default_factory=dict)
    budget: dict[int, dict[str, dict[str, float | None]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Submission:
    """One row of the register: one distinct file checked for one period."""

    id: int
    period: str
    bidang: str | None
    file_name: str
    rel_path: str
    sha256: str
    size: int
    received_at: str
    template_version: str | None
    form_id: str | None
    verdict: str  # "accepted" | "returned"
    findings: list[Finding]
    archive_path: str | None
    revision: int | None
    superseded_by: int | None

    @property
    def is_current(self) -> bool:
        """Accepted and not superseded by a revision."""
        return self.verdict == "accepted" and self.superseded_by is None


#: ``json.dumps(x, ensure_ascii=False)`` and ``json.dumps(x, ensure_ascii=False, default=str)``, with one
#: encoder each (``json.dumps`` with options builds a new encoder per call; the output is the same).
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_raw_to_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


def _row(r: tuple[Any, ...]) -> Submission:
    findings = [Finding.from_dict(d) for d in json.loads(r[11])]
    return Submission(id=r[0], period=r[1], bidang=r[2], file_name=r[3], rel_path=r[4], sha256=r[5],
                      size=r[6], received_at=r[7], template_version=r[8], form_id=r[9], verdict=r[10],
                      findings=findings, archive_path=r[12], revision=r[13], superseded_by=r[14])


#: Called inside the transaction of an accepted file with its revision number; copies the
#: file into the archive and returns the copy's path relative to the workspace.
Archiver = Callable[[int], str]


#: How long a :meth:`Ledger.batch` keeps its transaction open before committing (seconds).
BATCH_SECONDS = 0.25


@dataclass
class _Batch:
    seconds: float
    began: float | None = None  # when its open transaction began (None: none is open)


class _Conflict(Exception):
    """A constraint refused a transaction because another process recorded first: try it again."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Ledger(AccessTables):
    """The register at ``target``: a path or ``sqlite:///…`` URL (SQLite, the default) or a
    ``postgresql://…`` URL. Reading a SQLite ledger that does not exist yet gives empty answers."""

    def __init__(self, target: Path | str, *, timeout: float = 10.0):
        self.url: LedgerUrl = parse_ledger_url(target)
        self.engine = self.url.engine
        self.path = self.url.path if self.url.path is not None else Path(self.url.shown)  # for messages
        self.timeout = timeout  # seconds to wait for another process holding the ledger
        self._db: sqlite3.Connection | PgConnection | None = None
        self._errors = database_errors(self.engine)
        self._batch: _Batch | None = None  # see :meth:`batch`

    @property
    def where(self) -> str:
        """The ledger as a person should see it named (a PostgreSQL password masked)."""
        return str(self.url.path) if self.engine == SQLITE else self.url.shown

    @property
    def stores_originals(self) -> bool:
        """PostgreSQL ledgers keep the originals' bytes too, so that any server can serve them."""
        return self.engine == POSTGRESQL

    # --- connection -----------------------------------------------------------

    def _connect(self, *, create: bool) -> sqlite3.Connection | PgConnection | None:
        if self._db is not None:
            return self._db
        if self.engine == POSTGRESQL:
            self._db = self._connect_postgresql()
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=self.timeout)
            db.execute("PRAGMA foreign_keys = ON")
            if create:
                # WAL: a commit needs no fsync of its own (synchronous=NORMAL) yet the database stays
                # consistent after a crash or power loss; ~40x faster per file than the rollback journal.
                # Where WAL is not available the default journal is kept.
                try:
                    db.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError:
                    pass  # another process holds the file (and is switching it to WAL itself)
            db.execute("PRAGMA synchronous = NORMAL")
            # one statement, so one snapshot: another process may be creating the ledger right now
            version, tables = db.execute(
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master "
                "WHERE type = 'table' AND name NOT IN ('alembic_version'))").fetchone()
            if version == 0 and tables:
                raise LedgerError(f"{self.path} bukan daftar kiriman kinerja-xl. Pindahkan berkas itu "
                                  "dari folder kerja, lalu ulangi.")
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version < SCHEMA_VERSION and (version != 0 or not create_sqlite(db, user_version=SCHEMA_VERSION)):
                # one of schema 1-3 (or a new ledger another process began meanwhile): Alembic migrates
                # it under the write lock; two runs on a new workspace create it once (the second
                # finds it done)
                migrate(db, SQLITE, user_version=SCHEMA_VERSION)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise self._broken(exc) from exc
            raise LedgerError(f"Daftar kiriman {self.path} sedang dipakai proses lain lebih dari "
                              f"{self.timeout:g} detik; tunggu sampai selesai, lalu ulangi.") from exc
        except sqlite3.DatabaseError as exc:
            raise self._broken(exc) from exc
        self._db = db
        return db

    def _connect_postgresql(self) -> PgConnection:
        reused = pooled(self.url)
        if reused is not None:
            try:
                reused.execute("SELECT 1")  # the server may have restarted since it was given back
                return reused
            except self._errors:
                reused.close()
        try:
            db = connect_postgresql(self.url, timeout=self.timeout)
        except LedgerUrlError as exc:
            raise LedgerError(str(exc)) from exc
        try:
            revision = pg_revision(db)
            if revision != HEAD_REVISION:
                if revision is not None and revision not in REVISIONS.values():
                    raise self._newer(revision)
                migrate(db, POSTGRESQL)
        except self._errors as exc:
            db.close()
            raise LedgerError(f"Basis data {self.where} tidak dapat dipakai sebagai daftar kiriman: "
                              f"{_first_line(exc)}") from exc
        return db

    def schema_version(self) -> int | None:
        """The schema version of the ledger as it is, without migrating it (None: not created yet)."""
        if self.engine == SQLITE:
            if not self.path.exists():
                return None
            try:
                with closing(sqlite3.connect(self.path)) as lite:
                    return int(lite.execute("PRAGMA user_version").fetchone()[0]) or None
            except sqlite3.DatabaseError as exc:
                raise self._broken(exc) from exc
        try:
            pg = connect_postgresql(self.url, timeout=self.timeout)
        except LedgerUrlError as exc:
            raise LedgerError(str(exc)) from exc
        try:
            revision = pg_revision(pg)
        finally:
            pg.close()
        versions = {rev: v for v, rev in REVISIONS.items()}
        if revision is not None and revision not in versions:
            raise self._newer(revision)
        return versions.get(revision) if revision else None

    def _newer(self, version: int | str) -> LedgerError:
        return LedgerError(f"{self.where} dibuat oleh kinerja-xl versi yang lebih baru "
                           f"(skema {version}). Perbarui kinerja-xl, lalu ulangi.")

    def _broken(self, exc: Exception) -> LedgerError:
        return LedgerError(f"Daftar kiriman {self.path} tidak dapat dibuka: {exc}. Jika berkas itu "
                           "rusak, pindahkan dari folder kerja (pemeriksaan berikutnya membuat yang baru "
                           "dan mencatat ulang berkas yang masih ada di folder masuk).")

    def close(self) -> None:
        if self._db is not None:
            if isinstance(self._db, PgConnection):
                give_back(self.url, self._db)  # a server opens the ledger many times per page
            else:
                self._db.close()
            self._db = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self, seconds: float = BATCH_SECONDS) -> Iterator[None]:
        """Group the writes made inside into one commit every ``seconds`` (SQLite; elsewhere a no-op).

        A check records each file in a transaction of its own, so that one failing file takes nothing
        else with it. Inside a batch each such transaction is a savepoint of one longer transaction,
        committed once ``seconds`` have passed since it began, and when the batch ends — however it
        ends: what was recorded before an error stays recorded, as without a batch. A commit writes
        every changed page into the write-ahead log, a fifth of a file's recording; a check of 500
        files then commits a handful of times instead of 500.

        A crash loses at most the last ``seconds`` of records. Their files are still in the inbox and
        are recorded by the next check; their archive copies, already in place, are found there and
        reused (:func:`kinerja_xl.intake.record.archive_copy`). Meanwhile the write lock is held:
        another process writing the ledger waits up to ``seconds`` (its timeout is longer).

        PostgreSQL keeps one transaction per write: a shared ledger's other writers (the office
        server's operators) should not wait on a check's locks.
        """
        if self.engine != SQLITE or self._batch is not None:
            yield
            return
        self._batch = _Batch(seconds)
        try:
            yield
        finally:
            batch, self._batch = self._batch, None
            if batch.began is not None:
                self._commit_batch()

    def _commit_batch(self) -> None:
        db = self._db
        assert db is not None
        try:
            db.execute("COMMIT")
        except self._errors as exc:
            self._rollback(db)
            # never a conflict to try again: the files of the whole batch were in this commit
            raise LedgerError(f"Daftar kiriman {self.where} tidak dapat ditulis: {_first_line(exc)}") from exc

    def _begin(self, db: Any) -> None:
        try:
            db.execute("BEGIN IMMEDIATE")
        except self._errors as exc:
            raise LedgerError(f"Daftar kiriman {self.where} sedang dipakai proses lain ({_first_line(exc)}); "
                              "mungkin pemeriksaan lain sedang berjalan. Tunggu sampai selesai, lalu "
                              "ulangi.") from exc

    @contextmanager
    def _savepoint(self, db: Any, batch: _Batch) -> Iterator[Any]:
        """One write inside a batch: a savepoint, rolled back alone when it fails."""
        if batch.began is None:
            self._begin(db)
            batch.began = time.monotonic()
        db.execute("SAVEPOINT one_write")
        try:
            yield db
        except self._errors as exc:
            self._undo_write(db, batch)
            raise self._write_failed(exc) from exc
        except BaseException:
            self._undo_write(db, batch)
            raise
        db.execute("RELEASE one_write")
        if time.monotonic() - batch.began >= batch.seconds:
            batch.began = None
            self._commit_batch()

    @staticmethod
    def _undo_write(db: Any, batch: _Batch) -> None:
        if db.in_transaction:
            db.execute("ROLLBACK TO one_write")
            db.execute("RELEASE one_write")
        else:  # SQLite rolled the whole transaction back itself (a full disk, an I/O error)
            batch.began = None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        db = self._connect(create=True)
        assert db is not None
        if self._batch is not None:
            with self._savepoint(db, self._batch) as inner:
                yield inner
            return
        self._begin(db)
        try:
            yield db
        except self._errors as exc:
            self._rollback(db)
            raise self._write_failed(exc) from exc
        except BaseException:
            self._rollback(db)
            raise
        try:
            db.execute("COMMIT")
        except self._errors as exc:
            self._rollback(db)  # a COMMIT that failed (a full disk) can leave the transaction open
            raise self._write_failed(exc) from exc

    def _rollback(self, db: Any) -> None:
        """End a failed write's transaction, if the database has not ended it already (SQLite rolls the
        whole transaction back itself on a full disk or an I/O error): the error the caller sees is the
        write's, never "no transaction is active"."""
        try:
            db.execute("ROLLBACK")
        except self._errors:
            pass

    def _write_failed(self, exc: Exception) -> Exception:
        """What a write that the database refused raises: :class:`_Conflict` (another process recorded
        first: the caller tries again) or :class:`LedgerError`."""
        if isinstance(exc, integrity_errors(self.engine)):
            return _Conflict()
        return LedgerError(f"Daftar kiriman {self.where} tidak dapat ditulis: {_first_line(exc)}")

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        db = self._connect(create=False)
        if db is None:
            return []
        try:
            return list(db.execute(sql, tuple(params)).fetchall())
        except self._errors as exc:
            raise LedgerError(f"Daftar kiriman {self.where} tidak dapat dibaca: {_first_line(exc)}") from exc

    # --- reading --------------------------------------------------------------

    def find(self, period: str, sha256: str) -> Submission | None:
        """The recorded submission of these bytes for the period, if any."""
        rows = self._query(f"SELECT {_COLUMNS} FROM submissions WHERE period = ? AND sha256 = ?",
                           (period, sha256))
        return _row(rows[0]) if rows else None

    def get(self, submission_id: int) -> Submission | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM submissions WHERE id = ?", (submission_id,))
        return _row(rows[0]) if rows else None

    def by_sha(self, period: str) -> dict[str, Submission]:
        """Every recorded submission of the period by SHA-256 (one query for a whole run)."""
        return {s.sha256: s for s in self.submissions(period)}

    def submissions(self, period: str, bidang: str | None = None) -> list[Submission]:
        """Every recorded submission of the period (of one bidang), oldest first."""
        if bidang is None:
            rows = self._query(f"SELECT {_COLUMNS} FROM submissions WHERE period = ? ORDER BY id", (period,))
        else:
            rows = self._query(f"SELECT {_COLUMNS} FROM submissions WHERE period = ? AND bidang = ? "
                               "ORDER BY id", (period, bidang))
        return [_row(r) for r in rows]

    def current(self, period: str, bidang: str) -> Submission | None:
        """The current accepted submission of a bidang for the period."""
        rows = self._query(f"SELECT {_COLUMNS} FROM submissions WHERE period = ? AND bidang = ? "
                           "AND verdict = 'accepted' AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
                           (period, bidang))
        return _row(rows[0]) if rows else None

    def values_of(self, submission_id: int) -> tuple[dict[str, float | None], dict[str, Any], dict[str, str],
                                                     dict[str, str]]:
        """``(values, raw, keterangan, kendala)`` recorded for a submission."""
        values: dict[str, float | None] = {}
        raw: dict[str, Any] = {}
        keterangan: dict[str, str] = {}
        for elemen, value, raw_json, ket in self._query(
                'SELECT elemen, value, raw, keterangan FROM "values" WHERE submission_id = ?', (submission_id,)):
            values[elemen] = value
            if raw_json is not None:
                raw[elemen] = json.loads(raw_json)
            if ket:
                keterangan[elemen] = ket
        kendala = dict(self._query("SELECT indikator, text FROM kendala WHERE submission_id = ?",
                                   (submission_id,)))
        return values, raw, keterangan, kendala

    def budget_of(self, submission_id: int) -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, str]]]:
        """``(anggaran, faktor)`` recorded for a submission (see :class:`AcceptedSubmission`)."""
        anggaran: dict[str, dict[str, float | None]] = {}
        faktor: dict[str, dict[str, str]] = {}
        for kode, k, fisik, rp, pendorong, penghambat in self._query(
                "SELECT kode, k, fisik, rp, pendorong, penghambat FROM anggaran WHERE submission_id = ? "
                "ORDER BY kode", (submission_id,)):
            anggaran[kode] = {"k": k, "fisik": fisik, "rp": rp}
            texts = {"pendorong": pendorong, "penghambat": penghambat}
            if any(texts.values()):
                faktor[kode] = {key: t for key, t in texts.items() if t}
        return anggaran, faktor

    def accepted(self, year: int, quarters: Iterable[int]) -> list[AcceptedSubmission]:
        """The current (latest, not superseded) accepted submission per (bidang, quarter), ordered
        by quarter then bidang (see :meth:`iter_accepted`)."""
        return list(self.iter_accepted(year, quarters))

    def iter_accepted(self, year: int, quarters: Iterable[int], *, batch: int = ACCEPTED_BATCH
                      ) -> Iterator[AcceptedSubmission]:
        """:meth:`accepted`, given one at a time: a quarter's submissions are read ``batch`` at a time
        (their values, kendala and budget rows in three queries per batch), so a caller that keeps
        only what it needs of each never holds a whole quarter's rows (a thousand units: ~1,000
        submissions and 30,000 rows a quarter)."""
        for period in sorted({f"{year}-TW{q}" for q in quarters}):
            rows = self._query(
                "SELECT id, bidang, period, file_name, sha256, received_at, revision FROM submissions "
                "WHERE period = ? AND verdict = 'accepted' AND superseded_by IS NULL ORDER BY bidang", (period,))
            for first in range(0, len(rows), batch):
                yield from self._accepted_batch(rows[first:first + batch])

    def _accepted_batch(self, rows: list[tuple[Any, ...]]) -> Iterator[AcceptedSubmission]:
        """The submissions of ``rows`` (``submissions`` rows), with their values, kendala and budget."""
        ids = [row[0] for row in rows]
        marks = ",".join("?" * len(ids))
        values: dict[int, dict[str, float | None]] = {}
        keterangan: dict[int, dict[str, str]] = {}
        for sid, elemen, value, ket in self._query(
                f'SELECT submission_id, elemen, value, keterangan FROM "values" WHERE submission_id IN ({marks}) '
                "ORDER BY submission_id, elemen", ids):
            values.setdefault(sid, {})[elemen] = value
            if ket:
                keterangan.setdefault(sid, {})[elemen] = ket
        kendala: dict[int, dict[str, str]] = {}
        for sid, indikator, text in self._query(
                f"SELECT submission_id, indikator, text FROM kendala WHERE submission_id IN ({marks}) "
                "ORDER BY submission_id, indikator", ids):
            kendala.setdefault(sid, {})[indikator] = text
        anggaran: dict[int, dict[str, dict[str, float | None]]] = {}
        faktor: dict[int, dict[str, dict[str, str]]] = {}
        for sid, kode, k, fisik, rp, pendorong, penghambat in self._query(
                "SELECT submission_id, kode, k, fisik, rp, pendorong, penghambat FROM anggaran "
                f"WHERE submission_id IN ({marks}) ORDER BY submission_id, kode", ids):
            anggaran.setdefault(sid, {})[kode] = {"k": k, "fisik": fisik, "rp": rp}
            texts = {"pendorong": pendorong, "penghambat": penghambat}
            if any(texts.values()):
                faktor.setdefault(sid, {})[kode] = {key: t for key, t in texts.items() if t}
        for sid, bidang, period, file_name, sha, received_at, revision in rows:
            yield AcceptedSubmission(id=sid, bidang=bidang, period=period, file_name=file_name, sha256=sha,
                                     received_at=received_at, revision=revision or 0,
                                     values=values.pop(sid, {}), keterangan=keterangan.pop(sid, {}),
                                     kendala=kendala.pop(sid, {}), anggaran=anggaran.pop(sid, {}),
                                     faktor=faktor.pop(sid, {}))

    def accepted_bidang(self, period: str) -> set[str]:
        """The bidang with a current accepted submission for the period (no values read)."""
        return {b for (b,) in self._query(
            "SELECT DISTINCT bidang FROM submissions WHERE period = ? AND verdict = 'accepted' "
            "AND superseded_by IS NULL AND bidang IS NOT NULL", (period,))}

    def history(self, bidang: str, year: int, before_quarter: int) -> dict[int, dict[str, float | None]]:
        """Accepted values of one bidang for the quarters before ``before_quarter`` (form context columns)."""
        out: dict[int, dict[str, float | None]] = {}
        for sub in self.accepted(year, range(1, before_quarter)):
            if sub.bidang == bidang:
                out[sub.quarter] = dict(sub.values)
        return out

    def budget_history(self, bidang: str, year: int, before_quarter: int
                       ) -> dict[int, dict[str, dict[str, float | None]]]:
        """Accepted budget figures of one bidang for the quarters before ``before_quarter``:
        quarter -> sub kegiatan kode -> ``{"k", "fisik", "rp"}`` (the Anggaran sheet's context columns)."""
        out: dict[int, dict[str, dict[str, float | None]]] = {}
        for sub in self.accepted(year, range(1, before_quarter)):
            if sub.bidang == bidang and sub.anggaran:
                out[sub.quarter] = {k: dict(v) for k, v in sub.anggaran.items()}
        return out

    def previous_values(self, year: int, quarter: int) -> PreviousValues:
        """The accepted figures before ``quarter`` of ``year`` (see :class:`PreviousValues`)."""
        if quarter == 1:
            elements: dict[str, float | None] = {}
            for sub in self.accepted(year - 1, [4]):
                elements.update(sub.values)
            return PreviousValues(elements=elements)
        earlier = self.accepted(year, range(1, quarter))  # one query for the elements and the budget
        previous = PreviousValues()
        for sub in earlier:
            if sub.quarter == quarter - 1:
                previous.elements.update(sub.values)
            if sub.anggaran:
                previous.budget.setdefault(sub.quarter, {}).update(sub.anggaran)
        return previous

    # --- writing --------------------------------------------------------------

    def record(self, new: NewSubmission, *, period: str, file_name: str, size: int, received_at: str,
               archive: Archiver | None = None, content: bytes | None = None) -> tuple[Submission, bool]:
        """Record one checked file in one transaction; return ``(row, changed)``.

        The same bytes already recorded for the period with the same verdict and
        findings change nothing. Recorded with another verdict (a file returned only
        because another file of its bidang arrived in the same run, now alone) the
        row is re-examined in place. An accepted file supersedes the bidang's
        current accepted one (a revision) — unless that one arrived later (two files
        sent at the same moment to two servers): then the later arrival stays current.
        ``archive(revision)`` copies it into the archive inside the transaction, so a
        failure leaves nothing recorded. ``content``: the file's bytes, kept in the
        ledger's ``originals`` (PostgreSQL ledgers; see :attr:`stores_originals`).

        Several processes may record at once: a transaction refused by a constraint
        (the same file, or another revision, recorded by another process meanwhile)
        is run again, and then sees what the other recorded.
        """
        if not new.sha256:
            raise ValueError("internal: a recorded file needs its sha256")
        if new.verdict not in ("accepted", "returned"):
            raise ValueError(f"internal: {new.verdict} files are not recorded")
        findings_json = _to_json([f.to_dict(with_file=True) for f in new.findings])
        for attempt in range(_RETRIES):
            try:
                return self._record_once(new, findings_json, period=period, file_name=file_name, size=size,
                                         received_at=received_at, archive=archive, content=content)
            except _Conflict as exc:
                if attempt == _RETRIES - 1:
                    raise LedgerError(f"Daftar kiriman {self.where} terus ditulis proses lain; berkas "
                                      f"{file_name} belum tercatat. Ulangi sebentar lagi.") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _record_once(self, new: NewSubmission, findings_json: str, *, period: str, file_name: str, size: int,
                     received_at: str, archive: Archiver | None, content: bytes | None
                     ) -> tuple[Submission, bool]:
        verdict = new.verdict
        superseded_by: int | None = None
        with self._transaction() as db:
            if self.engine == POSTGRESQL:
                # writers of one bidang's period queue in the database (released at commit or when the
                # connection dies); SQLite's BEGIN IMMEDIATE already lets one writer in at a time
                db.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"{period}|{new.bidang or ''}",))
            old = db.execute(f"SELECT {_COLUMNS} FROM submissions WHERE period = ? AND sha256 = ?",
                             (period, new.sha256)).fetchone()
            if old is not None and (old[10] == "accepted" or (old[10] == verdict and old[11] == findings_json)):
                return _row(old), False  # never downgrade an accepted submission
            if old is not None:
                received_at = old[7]  # re-examined: it was received when first seen
            revision: int | None = None
            previous = None
            archive_path = None
            if verdict == "accepted" and new.bidang:
                current, current_at, revision = db.execute(
                    "SELECT max(CASE WHEN superseded_by IS NULL THEN id END), "
                    "max(CASE WHEN superseded_by IS NULL THEN received_at END), coalesce(max(revision) + 1, 0) "
                    "FROM submissions WHERE period = ? AND bidang = ? AND verdict = 'accepted'",
                    (period, new.bidang)).fetchone()
                if current is not None and current_at > received_at:
                    superseded_by = current  # the current one arrived later: it stays current
                elif current is not None:
                    previous = current
                if archive is not None:
                    archive_path = archive(revision)
            fields = (period, new.bidang, file_name, new.rel_path, new.sha256, size, received_at,
                      new.template_version, new.form_id, verdict, findings_json, archive_path, revision,
                      superseded_by)
            if old is None:
                sid = db.execute(
                    "INSERT INTO submissions (period, bidang, file_name, rel_path, sha256, size, received_at, "
                    "template_version, form_id, verdict, findings_json, archive_path, revision, superseded_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", fields).fetchone()[0]
            else:
                sid = old[0]
                db.execute(
                    "UPDATE submissions SET period = ?, bidang = ?, file_name = ?, rel_path = ?, sha256 = ?, "
                    "size = ?, received_at = ?, template_version = ?, form_id = ?, verdict = ?, "
                    "findings_json = ?, archive_path = ?, revision = ?, superseded_by = ? WHERE id = ?",
                    (*fields, sid))
                db.execute('DELETE FROM "values" WHERE submission_id = ?', (sid,))
                db.execute("DELETE FROM kendala WHERE submission_id = ?", (sid,))
                db.execute("DELETE FROM anggaran WHERE submission_id = ?", (sid,))
            codes = list(dict.fromkeys([*new.values, *new.raw_values, *new.keterangan]))
            if codes:
                db.executemany(
                    'INSERT INTO "values" (submission_id, elemen, value, raw, keterangan) VALUES (?, ?, ?, ?, ?)',
                    [(sid, c, new.values.get(c),
                      _raw_to_json(new.raw_values[c]) if c in new.raw_values else None,
                      new.keterangan.get(c) or None) for c in codes])
            kendala = [(sid, k, t) for k, t in new.kendala.items() if t]
            if kendala:
                db.executemany("INSERT INTO kendala (submission_id, indikator, text) VALUES (?, ?, ?)", kendala)
            subs = list(dict.fromkeys([*new.anggaran, *new.faktor]))
            if subs:
                db.executemany(
                    "INSERT INTO anggaran (submission_id, kode, k, fisik, rp, pendorong, penghambat) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(sid, kode, *(new.anggaran.get(kode, {}).get(key) for key in ("k", "fisik", "rp")),
                      new.faktor.get(kode, {}).get("pendorong") or None,
                      new.faktor.get(kode, {}).get("penghambat") or None) for kode in subs])
            if previous is not None and previous != sid:
                db.execute("UPDATE submissions SET superseded_by = ? WHERE id = ?", (sid, previous))
            if content is not None:
                db.execute("INSERT INTO originals (sha256, size, content) VALUES (?, ?, ?) "
                           "ON CONFLICT (sha256) DO NOTHING", (new.sha256, len(content), content))
        assert isinstance(sid, int)
        row = Submission(id=sid, period=period, bidang=new.bidang, file_name=file_name, rel_path=new.rel_path,
                         sha256=new.sha256, size=size, received_at=received_at,
                         template_version=new.template_version, form_id=new.form_id, verdict=verdict,
                         findings=list(new.findings), archive_path=archive_path, revision=revision,
                         superseded_by=superseded_by)
        return row, True

    def original(self, sha256: str) -> bytes | None:
        """The bytes of a recorded file kept in the ledger (see :attr:`stores_originals`), if any."""
        rows = self._query("SELECT content FROM originals WHERE sha256 = ?", (sha256,))
        return bytes(rows[0][0]) if rows else None

    def retract(self, submission_id: int, findings: list[Finding]) -> str | None:
        """Turn a submission recorded as accepted *in the current run* into a returned one.

        Used when a second, different file of the same bidang turns up later in the
        same run (``berkas-ganda``). The submission it superseded becomes current
        again. Returns the archive path it had (the caller removes the copy it made).
        """
        findings_json = _to_json([f.to_dict(with_file=True) for f in findings])
        with self._transaction() as db:
            row = db.execute("SELECT verdict, archive_path FROM submissions WHERE id = ?",
                             (submission_id,)).fetchone()
            if row is None:
                raise ValueError(f"internal: no submission {submission_id}")
            db.execute("UPDATE submissions SET superseded_by = NULL WHERE superseded_by = ?", (submission_id,))
            db.execute("UPDATE submissions SET verdict = 'returned', findings_json = ?, archive_path = NULL, "
                       "revision = NULL, superseded_by = NULL WHERE id = ?", (findings_json, submission_id))
            shared = row[1] is not None and db.execute(
                "SELECT count(*) FROM submissions WHERE archive_path = ?", (row[1],)).fetchone()[0] > 0
        return row[1] if row[0] == "accepted" and not shared else None


@dataclass(frozen=True)
class LedgerInfo:
    """What ``kinerja-xl db periksa`` says of a ledger."""

    where: str  # path, or URL with the password masked
    engine: str  # "sqlite" | "postgresql"
    version: int | None  # schema version found (None: not created yet)
    latest: int  # the version this kinerja-xl writes
    migrated: bool  # created or migrated by this call

    def to_dict(self) -> dict[str, Any]:
        return {"db": self.where, "engine": self.engine, "skema": self.version, "skema_terbaru": self.latest,
                "dimigrasi": self.migrated}


def describe_ledger(target: Path | str, *, migrate_it: bool = False) -> LedgerInfo:
    """Connect to the ledger (raising :class:`LedgerError` in one line when it cannot be reached) and
    tell its schema version; with ``migrate_it``, create or migrate it to the latest first."""
    ledger = Ledger(target)
    before = ledger.schema_version()
    migrated = False
    if migrate_it and before != SCHEMA_VERSION:
        with ledger:
            ledger._connect(create=True)
        migrated = True
    version = ledger.schema_version() if migrated else before
    return LedgerInfo(ledger.where, ledger.engine, version, SCHEMA_VERSION, migrated)
