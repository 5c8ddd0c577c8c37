"""The ledger on both engines: one schema, migrations, many writers at once, originals, db periksa."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from legacy_ledger import write_legacy_ledger

from kinerja_xl.cli import cli
from kinerja_xl.ledger import (
    SCHEMA_VERSION,
    Ledger,
    LedgerError,
    NewSubmission,
    describe_ledger,
)
from kinerja_xl.ledger_engine import LedgerUrlError, hide_password, parse_ledger_url

NOW = "2025-04-05T09:30:15"


def new(sha: str, *, bidang: str = "DAFDUK", verdict: str = "accepted") -> NewSubmission:
    return NewSubmission(rel_path=f"{sha[:6]}.xlsx", sha256=sha, verdict=verdict, bidang=bidang,
                         values={"E01": float(int(sha[:4], 16))}, kendala={"IK01": "jaringan"})


def sha(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


# --- one schema ----------------------------------------------------------------------------------


def test_a_migrated_ledger_is_exactly_the_declared_schema(ledger_target: Path | str) -> None:
    """Alembic's own comparison finds no difference between the migrated database and ledger_schema."""
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kinerja_xl.ledger_schema import metadata

    with Ledger(ledger_target) as ledger:
        ledger.record(new(sha(1)), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
    url = f"sqlite:///{ledger_target}" if isinstance(ledger_target, Path) else \
        ledger_target.replace("postgresql://", "postgresql+psycopg://")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == []


def _sqlite_schema(db: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()


def test_a_new_sqlite_ledger_is_created_as_alembic_would_without_importing_it(tmp_path: Path) -> None:
    """SQLITE_DDL (the fast creation of a new ledger) gives the very schema Alembic's migrations give."""
    import subprocess
    import sys

    from kinerja_xl.ledger_engine import HEAD_REVISION, SQLITE, migrate

    by_alembic = sqlite3.connect(tmp_path / "alembic.sqlite", isolation_level=None)
    migrate(by_alembic, SQLITE, user_version=SCHEMA_VERSION)
    path = tmp_path / "daftar-kiriman.sqlite"
    code = ("import sys; from kinerja_xl.ledger import Ledger, NewSubmission\n"
            f"with Ledger({str(path)!r}) as ledger: ledger.record(NewSubmission(rel_path='a.xlsx', "
            f"sha256='{sha(1)}', verdict='accepted', bidang='DAFDUK'), period='2025-TW1', file_name='a.xlsx', "
            f"size=1, received_at='{NOW}')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    fast = sqlite3.connect(path)
    assert _sqlite_schema(fast) == _sqlite_schema(by_alembic), "regenerate SQLITE_DDL from the migrations"
    assert fast.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
    assert fast.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert describe_ledger(path).version == SCHEMA_VERSION


@pytest.mark.parametrize("version", [1, 2, 3])
def test_ledgers_of_earlier_versions_open_and_migrate(tmp_path: Path, version: int) -> None:
    path = tmp_path / "daftar-kiriman.sqlite"
    db = write_legacy_ledger(path, version)
    db.execute("INSERT INTO submissions (period, bidang, file_name, rel_path, sha256, size, received_at, verdict, "
               "findings_json, revision) VALUES ('2025-TW1', 'DAFDUK', 'a.xlsx', 'a.xlsx', ?, 1, ?, 'accepted', "
               "'[]', 0)", (sha(1), NOW))
    db.commit()
    db.close()
    assert describe_ledger(path).version == version
    with Ledger(path) as ledger:
        assert [s.revision for s in ledger.submissions("2025-TW1")] == [0]
        sub, changed = ledger.record(new(sha(2)), period="2025-TW1", file_name="b.xlsx", size=1, received_at=NOW,
                                     content=b"isi")
        assert changed and sub.revision == 1 and ledger.original(sha(2)) == b"isi"
    assert describe_ledger(path).version == SCHEMA_VERSION == 4


def _record_in_a_process(target: str, n: int) -> int:
    with Ledger(target) as ledger:
        sub, _ = ledger.record(new(sha(n), bidang=f"B{n}"), period="2025-TW1", file_name=f"{n}.xlsx", size=1,
                               received_at=NOW)
    return sub.id


def test_two_processes_creating_a_new_ledger_at_once_both_succeed(ledger_target: Path | str) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        ids = pool.starmap(_record_in_a_process, [(str(ledger_target), n) for n in range(4)])
    assert len(set(ids)) == 4
    with Ledger(ledger_target) as ledger:
        assert sorted(s.bidang or "" for s in ledger.submissions("2025-TW1")) == ["B0", "B1", "B2", "B3"]


# --- many writers, one truth ---------------------------------------------------------------------


def test_writers_at_once_record_each_file_once_and_the_latest_arrival_is_current(
        ledger_target: Path | str) -> None:
    """Eight writers (own connections) each send eight files of one bidang, and the same file twice."""
    with Ledger(ledger_target) as ledger:  # created before, so the race is on the rows, not the schema
        ledger.submissions("2025-TW1")

    def send(n: int) -> None:
        with Ledger(ledger_target, timeout=30) as ledger:
            for k in range(8):
                m = n * 8 + k
                at = f"2025-04-05T10:{m // 60:02d}:{m % 60:02d}"
                ledger.record(new(sha(m)), period="2025-TW1", file_name=f"{m}.xlsx", size=1, received_at=at)
                ledger.record(new(sha(1000)), period="2025-TW1", file_name="same.xlsx", size=1, received_at=at)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send, range(8)))
    with Ledger(ledger_target) as ledger:
        subs = ledger.submissions("2025-TW1")
        assert len(subs) == 65  # 64 different files and the one sent by everybody, each once
        assert sorted(s.revision for s in subs if s.revision is not None) == list(range(65))
        [current] = [s for s in subs if s.is_current]
        assert current.received_at == max(s.received_at for s in subs if s.sha256 != sha(1000)) or \
            current.sha256 == sha(1000)
        assert all(s.superseded_by is not None for s in subs if s.id != current.id)


@pytest.mark.postgresql
def test_a_postgresql_ledger_keeps_the_originals_and_exports_them_byte_for_byte(
        pg_url: str, tmp_path: Path) -> None:
    from kinerja_xl.contoh.catalog import build_sample_catalog
    from kinerja_xl.workspace import init_workspace

    ws, _ = init_workspace(tmp_path / "ws", catalog=build_sample_catalog())
    data = {n: f"isi berkas {n}".encode() * 50 for n in range(3)}
    with Ledger(pg_url) as ledger:
        assert ledger.stores_originals
        for n, content in data.items():
            h = hashlib.sha256(content).hexdigest()
            ledger.record(new(h, bidang=f"B{n}", verdict="accepted" if n else "returned"), period="2025-TW1",
                          file_name=f"Bidang {n}.xlsx", size=len(content), received_at=NOW, content=content)
    out = tmp_path / "keluar"
    result = CliRunner().invoke(cli, ["arsip", "ekspor", "-w", str(ws.root), "--db", pg_url, "--period", "2025-TW1",
                                      str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"3 berkas asli periode 2025-TW1: 3 ditulis ke {out}, 0 sudah ada.\n"
    written = {p.name: p.read_bytes() for p in out.rglob("*.xlsx")}
    assert written == {"1-Bidang 0.xlsx": data[0], "B1-r0-Bidang 1.xlsx": data[1], "B2-r0-Bidang 2.xlsx": data[2]}
    again = CliRunner().invoke(cli, ["arsip", "ekspor", "-w", str(ws.root), "--period", "2025-TW1", str(out)],
                               env={"KINERJA_DB": pg_url})
    assert again.exit_code == 0 and "0 ditulis" in again.stderr and "3 sudah ada" in again.stderr


# --- URLs and db periksa -------------------------------------------------------------------------


def test_ledger_urls() -> None:
    assert parse_ledger_url(Path("/a/b.sqlite")).path == Path("/a/b.sqlite")
    assert parse_ledger_url("sqlite:////a/b.sqlite").path == Path("/a/b.sqlite")
    assert parse_ledger_url("postgres://u:p@h/db").url == "postgresql://u:p@h/db"
    assert hide_password("postgresql://u:rahasia@h:5433/db") == "postgresql://u:***@h:5433/db"
    with pytest.raises(LedgerUrlError, match="tidak dikenal"):
        parse_ledger_url("mysql://u:rahasia@h/db")
    with pytest.raises(LedgerUrlError, match="belum menyebut nama basis data"):
        parse_ledger_url("postgresql://u:rahasia@h:5432")


def test_db_periksa_says_what_is_wrong_in_one_line_and_never_the_password() -> None:
    runner = CliRunner()
    refused = runner.invoke(cli, ["db", "periksa", "--db", "postgresql://kasubag:rahasia@127.0.0.1:1/kinerja"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Error: Basis data postgresql://kasubag:***@127.0.0.1:1/kinerja tidak dapat "
                                     "dihubungi: ")
    assert "rahasia" not in refused.output and refused.stderr.count("\n") == 1
    foreign = runner.invoke(cli, ["db", "periksa"], env={"KINERJA_DB": "mysql://kasubag:rahasia@h/db"})
    assert foreign.exit_code == 2 and "rahasia" not in foreign.output
    assert foreign.stderr == ("Error: URL daftar kiriman mysql://kasubag:***@h/db tidak dikenal: pakai sqlite:///… "
                              "(bawaan, satu berkas di folder kerja) atau postgresql://….\n")


@pytest.mark.postgresql
def test_db_periksa_creates_and_reports_a_postgresql_ledger(pg_url: str) -> None:
    runner = CliRunner()
    shown = pg_url
    first = runner.invoke(cli, ["db", "periksa", "--db", pg_url])
    assert first.exit_code == 0
    assert first.stderr == (f"Daftar kiriman {shown} (PostgreSQL): terhubung, belum dibuat. Buat dengan --migrasi "
                            "(atau otomatis saat pemeriksaan pertama).\n")
    made = runner.invoke(cli, ["db", "periksa", "--db", pg_url, "--migrasi", "--json"])
    assert made.exit_code == 0 and '"skema": 4' in made.stdout and '"dimigrasi": true' in made.stdout
    again = runner.invoke(cli, ["db", "periksa", "--db", pg_url])
    assert again.stderr == f"Daftar kiriman {shown} (PostgreSQL): terhubung, skema versi 4 (terbaru).\n"
    missing = runner.invoke(cli, ["db", "periksa", "--db", pg_url.rsplit("/", 1)[0] + "/tidak_ada_db"])
    assert missing.exit_code == 2 and 'database "tidak_ada_db" does not exist' in missing.stderr


def test_a_newer_postgresql_or_sqlite_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LedgerError, match="lebih baru"):
        Ledger(path).submissions("2025-TW1")
