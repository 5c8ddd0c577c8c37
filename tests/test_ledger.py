"""The ledger (daftar-kiriman.sqlite): schema, recording, revisions, reading for recap and forms."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from kinerja_xl.findings import Finding, Severity
from kinerja_xl.intake.result import Verdict
from kinerja_xl.ledger import (
    SCHEMA_VERSION,
    Ledger,
    LedgerError,
    NewSubmission,
    PreviousValues,
)

NOW = "2025-04-05T09:30:00"


def result(sha: str, bidang: str | None = "DAFDUK", verdict: Verdict = Verdict.ACCEPTED,
           values: dict[str, float | None] | None = None, name: str = "a.xlsx") -> NewSubmission:
    errs = [] if verdict is Verdict.ACCEPTED else [
        Finding("nilai-bukan-angka", Severity.ERROR, "'abc' bukan angka.", file=name, sheet="Isian", cell="F12",
                value="abc")]
    values = values or {"E01": 10.0, "E02": None}
    raw = {code: "" if v is None else f"{v:g}" for code, v in values.items()}
    return NewSubmission(rel_path=name, verdict=str(verdict), findings=errs, bidang=bidang, sha256=sha, form_id="F1",
                         template_version="1", values=values, raw_values=raw,
                      keterangan={"E01": "SIAK"} if "E01" in values else {},
                      kendala={"IK01": "jaringan putus"})


def test_new_ledger_has_versioned_schema(tmp_path: Path) -> None:
    path = tmp_path / "daftar-kiriman.sqlite"
    with Ledger(path) as ledger:
        sub, changed = ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=10,
                                     received_at=NOW)
    assert changed and sub.revision == 0 and sub.verdict == "accepted"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"submissions", "values", "kendala", "anggaran", "settings", "bidang_links", "users", "audit",
                      "originals", "alembic_version"}
    assert db.execute('SELECT elemen, value, raw, keterangan FROM "values" ORDER BY elemen').fetchall() == [
        ("E01", 10.0, '"10"', "SIAK"), ("E02", None, '""', None)]


def test_reading_a_missing_ledger_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "daftar-kiriman.sqlite"
    ledger = Ledger(path)
    assert ledger.accepted(2025, [1, 2]) == []
    assert ledger.submissions("2025-TW1") == []
    assert ledger.find("2025-TW1", "x") is None
    assert not path.exists()


def test_same_bytes_twice_change_nothing(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        first, _ = ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
        again, changed = ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1,
                                       received_at="2025-04-06T00:00:00")
        assert not changed and again == first
        assert len(ledger.submissions("2025-TW1")) == 1


def test_revision_supersedes_and_keeps_the_earlier(ledger_target: Path | str) -> None:
    calls: list[int] = []

    def archive(revision: int) -> str:
        calls.append(revision)
        return f"arsip/2025-TW1/r{revision}.xlsx"

    with Ledger(ledger_target) as ledger:
        ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW,
                      archive=archive)
        r, _ = ledger.record(result("r" * 64, verdict=Verdict.RETURNED), period="2025-TW1", file_name="r.xlsx",
                             size=1, received_at=NOW, archive=archive)
        b, _ = ledger.record(result("b" * 64, values={"E01": 12.0}), period="2025-TW1", file_name="b.xlsx",
                             size=1, received_at=NOW, archive=archive)
        assert calls == [0, 1]  # the returned file is not archived
        assert (b.revision, b.archive_path) == (1, "arsip/2025-TW1/r1.xlsx")
        assert r.revision is None and r.archive_path is None
        subs = {s.sha256[0]: s for s in ledger.submissions("2025-TW1")}
        assert subs["a"].superseded_by == b.id and subs["b"].superseded_by is None
        assert subs["r"].findings[0].cell == "F12"
        [acc] = ledger.accepted(2025, [1])
        assert (acc.id, acc.revision, acc.values) == (b.id, 1, {"E01": 12.0})
        assert ledger.current("2025-TW1", "DAFDUK") == subs["b"]
        # the same bytes as the superseded one come back: nothing changes
        _, changed = ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1,
                                   received_at=NOW, archive=archive)
        assert not changed and ledger.accepted(2025, [1])[0].id == b.id


def test_failure_inside_the_transaction_records_nothing(tmp_path: Path) -> None:
    def broken(revision: int) -> str:
        raise OSError("disk full")

    with Ledger(tmp_path / "l.sqlite") as ledger:
        with pytest.raises(OSError):
            ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW,
                          archive=broken)
        assert ledger.submissions("2025-TW1") == []
        db = sqlite3.connect(tmp_path / "l.sqlite")
        assert db.execute('SELECT count(*) FROM "values"').fetchone()[0] == 0


def test_returned_only_as_duplicate_is_reexamined_in_place(ledger_target: Path | str) -> None:
    dup = replace(result("a" * 64, verdict=Verdict.RETURNED),
                  findings=[Finding("berkas-ganda", Severity.ERROR, "ganda", file="a.xlsx")])
    with Ledger(ledger_target) as ledger:
        first, _ = ledger.record(dup, period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
        now_alone, changed = ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1,
                                           received_at="2025-04-07T00:00:00", archive=lambda r: "arsip/a.xlsx")
        assert changed and now_alone.id == first.id and now_alone.verdict == "accepted"
        assert now_alone.received_at == NOW  # received when first seen
        assert len(ledger.submissions("2025-TW1")) == 1
        # an accepted submission is never downgraded
        again, changed = ledger.record(dup, period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
        assert not changed and again.verdict == "accepted"


def test_history_and_previous_values(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        for q, sha, bidang, v in ((1, "a", "DAFDUK", 1.0), (2, "b", "DAFDUK", 2.0), (2, "c", "CAPIL", 5.0),
                                  (4, "d", "DAFDUK", 9.0)):
            code = "E01" if bidang == "DAFDUK" else "E06"
            ledger.record(result(sha * 64, bidang=bidang, values={code: v}), period=f"2025-TW{q}",
                          file_name="x.xlsx", size=1, received_at=NOW)
        ledger.record(result("e" * 64, values={"E01": 7.0}), period="2024-TW4", file_name="x.xlsx", size=1,
                      received_at=NOW)
        assert ledger.history("DAFDUK", 2025, 3) == {1: {"E01": 1.0}, 2: {"E01": 2.0}}
        assert ledger.history("DAFDUK", 2025, 1) == {}
        assert ledger.previous_values(2025, 3) == PreviousValues(elements={"E01": 2.0, "E06": 5.0})
        assert ledger.previous_values(2025, 1) == PreviousValues(elements={"E01": 7.0})
        assert [s.period for s in ledger.accepted(2025, [1, 2, 3, 4])] == ["2025-TW1", "2025-TW2", "2025-TW2",
                                                                           "2025-TW4"]


def test_accepted_submissions_come_the_same_however_many_are_read_together(ledger_target: Path | str) -> None:
    """``iter_accepted`` reads a few submissions at a time: each comes whole (values, keterangan, kendala),
    in the order of ``accepted`` (quarter, then bidang), a revision in place of what it supersedes."""
    with Ledger(ledger_target) as ledger:
        for q, bidang, v in ((2, "DAFDUK", 2.0), (1, "SEK", 3.0), (1, "CAPIL", 5.0), (2, "CAPIL", 6.0),
                             (1, "DAFDUK", 1.0)):
            ledger.record(result(f"{q}{bidang}".ljust(64, "0"), bidang=bidang, values={f"E{q}{bidang}": v}),
                          period=f"2025-TW{q}", file_name=f"{bidang}.xlsx", size=1, received_at=NOW)
        ledger.record(result("f" * 64, bidang="CAPIL", values={"E2CAPIL": 7.0}), period="2025-TW2",
                      file_name="revisi.xlsx", size=1, received_at=NOW)
        ledger.record(result("9" * 64, bidang="SEK", values={"E1SEK": 8.0}, verdict=Verdict.RETURNED),
                      period="2025-TW1", file_name="salah.xlsx", size=1, received_at=NOW)
        whole = ledger.accepted(2025, [2, 1])
        assert [(s.quarter, s.bidang, s.values) for s in whole] == [
            (1, "CAPIL", {"E1CAPIL": 5.0}), (1, "DAFDUK", {"E1DAFDUK": 1.0}), (1, "SEK", {"E1SEK": 3.0}),
            (2, "CAPIL", {"E2CAPIL": 7.0}), (2, "DAFDUK", {"E2DAFDUK": 2.0})]
        assert all(s.kendala == {"IK01": "jaringan putus"} for s in whole)
        for batch in (1, 2, 3):
            assert list(ledger.iter_accepted(2025, [1, 2], batch=batch)) == whole
        assert list(ledger.iter_accepted(2025, [])) == [] and ledger.accepted(2024, [1]) == []


def test_foreign_or_newer_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LedgerError, match="tidak dapat dibuka"):
        Ledger(junk).record(result("a" * 64), period="2025-TW1", file_name="a", size=1, received_at=NOW)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(LedgerError, match="bukan daftar kiriman"):
        Ledger(other).submissions("2025-TW1")
    newer = tmp_path / "newer.sqlite"
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LedgerError, match="lebih baru"):
        Ledger(newer).submissions("2025-TW1")


def test_a_ledger_held_by_another_run_is_an_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger(path) as first:
        first.record(result("a" * 64), period="2025-TW1", file_name="a", size=1, received_at=NOW)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another check run in the middle of a file
        with pytest.raises(LedgerError, match="sedang dipakai"):
            Ledger(path, timeout=0.1).record(result("b" * 64), period="2025-TW1", file_name="b", size=1,
                                             received_at=NOW)
        other.execute("ROLLBACK")


def _committed(path: Path) -> list[str]:
    """The sha256 of the submissions another connection sees (what is committed)."""
    with sqlite3.connect(path) as other:
        return [r[0] for r in other.execute("SELECT sha256 FROM submissions ORDER BY id")]


def test_a_batch_commits_its_writes_together_and_a_failing_one_alone_is_undone(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"

    def broken(revision: int) -> str:
        raise OSError("disk full")

    with Ledger(path) as ledger:
        with ledger.batch(seconds=3600):
            ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
            with pytest.raises(OSError):
                ledger.record(result("b" * 64, bidang="CAPIL"), period="2025-TW1", file_name="b.xlsx", size=1,
                              received_at=NOW, archive=broken)
            ledger.record(result("c" * 64, bidang="KB"), period="2025-TW1", file_name="c.xlsx", size=1,
                          received_at=NOW)
            # this process reads what it wrote; another sees nothing before the commit
            assert [s.sha256[0] for s in ledger.submissions("2025-TW1")] == ["a", "c"]
            assert _committed(path) == []
        assert _committed(path) == ["a" * 64, "c" * 64]
        db = sqlite3.connect(path)
        assert db.execute('SELECT count(*) FROM "values"').fetchone()[0] == 4  # two per file, none of b


def test_a_batch_commits_when_its_time_is_up_and_keeps_what_came_before_an_error(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        with pytest.raises(RuntimeError), ledger.batch(seconds=0):  # every write is committed as it is made
            ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
            assert _committed(path) == ["a" * 64]
            raise RuntimeError("the run stops")
        with pytest.raises(RuntimeError), ledger.batch(seconds=3600):
            ledger.record(result("b" * 64, bidang="KB"), period="2025-TW1", file_name="b.xlsx", size=1,
                          received_at=NOW)
            raise RuntimeError("the run stops")
        # what was recorded before the error stays recorded, as without a batch
        assert _committed(path) == ["a" * 64, "b" * 64]
        # and the ledger is free for the next writer
        with Ledger(path, timeout=0.1) as other:
            other.record(result("c" * 64, bidang="CAPIL"), period="2025-TW1", file_name="c.xlsx", size=1,
                         received_at=NOW)
        assert len(_committed(path)) == 3


@pytest.mark.parametrize(("batched", "kept"), [
    # in a batch, what the lost transaction held is not recorded (the next check records it again)
    (True, ["c" * 64]),
    # alone, each write was its own transaction: only the failed one is lost
    (False, ["a" * 64, "c" * 64]),
])
def test_a_write_whose_error_ended_the_whole_transaction_says_so_and_the_next_write_goes_on(
        tmp_path: Path, batched: bool, kept: list[str]) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger, (ledger.batch(seconds=3600) if batched else contextlib.nullcontext()):
        ledger.record(result("a" * 64), period="2025-TW1", file_name="a.xlsx", size=1, received_at=NOW)
        # as SQLite does on a full disk or an I/O error: the whole transaction is gone before we roll it back
        with pytest.raises(LedgerError, match="disk I/O error"), ledger._transaction() as db:
            db.execute("ROLLBACK")
            raise sqlite3.OperationalError("disk I/O error")
        ledger.record(result("c" * 64, bidang="KB"), period="2025-TW1", file_name="c.xlsx", size=1,
                      received_at=NOW)
    assert _committed(path) == kept
