"""The ledger's budget table: round trip, revisions, history, previous values, migration from schema 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from legacy_ledger import write_legacy_ledger

from kinerja_xl.forms import layout
from kinerja_xl.intake.anggaran import previous_from
from kinerja_xl.intake.result import BudgetToDate, Verdict
from kinerja_xl.ledger import SCHEMA_VERSION, Ledger, NewSubmission

NOW = "2025-04-05T09:30:15"
K, FISIK, RP = layout.BUDGET_K, layout.BUDGET_FISIK, layout.BUDGET_RP
S1, S2 = "2.12.02.2.01.0001", "2.12.02.2.01.0002"


def result(sha: str, period: str = "2025-TW1", *, verdict: Verdict = Verdict.ACCEPTED, bidang: str = "DAFDUK",
           anggaran: dict[str, dict[str, float | None]] | None = None,
           faktor: dict[str, dict[str, str]] | None = None) -> NewSubmission:
    return NewSubmission(rel_path=f"{sha[:4]}.xlsx", verdict=str(verdict), bidang=bidang, sha256=sha, form_id="F",
                         template_version="1", values={"E01": 1.0},
                      anggaran=anggaran if anggaran is not None else {S1: {K: 10.0, FISIK: 25.0, RP: 1_000_000.0}},
                      faktor=faktor if faktor is not None else {S1: {"pendorong": "SDM"}})


def record(ledger: Ledger, res: NewSubmission, period: str = "2025-TW1") -> None:
    ledger.record(res, period=period, file_name=res.rel_path, size=1, received_at=NOW)


def test_round_trip_into_accepted_submission(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        record(ledger, result("a" * 64, anggaran={S1: {K: 10.0, FISIK: 25.5, RP: 1_000_000.5},
                                                  S2: {K: None, FISIK: 0.0, RP: 0.0}},
                              faktor={S1: {"pendorong": "SDM", "penghambat": "Jaringan"}, S2: {"penghambat": "X"}}))
        [sub] = ledger.accepted(2025, [1])
    assert sub.anggaran == {S1: {K: 10.0, FISIK: 25.5, RP: 1_000_000.5}, S2: {K: None, FISIK: 0.0, RP: 0.0}}
    assert sub.faktor == {S1: {"pendorong": "SDM", "penghambat": "Jaringan"}, S2: {"penghambat": "X"}}


def test_without_budget_nothing_is_stored(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        record(ledger, result("a" * 64, anggaran={}, faktor={}))
        [sub] = ledger.accepted(2025, [1])
        assert sub.anggaran == {} and sub.faktor == {}
        assert ledger._query("SELECT count(*) FROM anggaran") == [(0,)]


def test_revision_replaces_the_budget_and_rerecording_changes_nothing(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        first = result("a" * 64)
        record(ledger, first)
        record(ledger, first)  # the same bytes again: idempotent
        assert ledger._query("SELECT count(*) FROM anggaran") == [(1,)]
        record(ledger, result("b" * 64, anggaran={S1: {K: 12.0, FISIK: 30.0, RP: 2_000_000.0}}))
        [sub] = ledger.accepted(2025, [1])
        assert sub.revision == 1 and sub.anggaran[S1][RP] == 2_000_000.0
        # a returned file keeps what was read, and is not "the data"
        record(ledger, result("c" * 64, verdict=Verdict.RETURNED, anggaran={S1: {K: None, FISIK: None, RP: -1.0}}))
        assert [s.sha256[0] for s in ledger.accepted(2025, [1])] == ["b"]
        returned = ledger.find("2025-TW1", "c" * 64)
        assert returned is not None and ledger.budget_of(returned.id)[0] == {S1: {K: None, FISIK: None, RP: -1.0}}


def test_budget_history_and_previous_values(ledger_target: Path | str) -> None:
    with Ledger(ledger_target) as ledger:
        record(ledger, result("a" * 64, "2025-TW1", anggaran={S1: {K: 5.0, FISIK: 20.0, RP: 100.0},
                                                             S2: {K: 1.0, FISIK: 10.0, RP: None}}), "2025-TW1")
        record(ledger, result("b" * 64, "2025-TW2", anggaran={S1: {K: 6.0, FISIK: None, RP: 50.0}}), "2025-TW2")
        record(ledger, result("c" * 64, "2025-TW1", bidang="CAPIL", anggaran={"2.12.03.2.01.0001": {
            K: 1.0, FISIK: 5.0, RP: 7.0}}, faktor={}), "2025-TW1")
        record(ledger, result("d" * 64, "2024-TW4", anggaran={S1: {K: 1.0, FISIK: 100.0, RP: 9.0}}), "2024-TW4")
        assert ledger.budget_history("DAFDUK", 2025, 3) == {
            1: {S1: {K: 5.0, FISIK: 20.0, RP: 100.0}, S2: {K: 1.0, FISIK: 10.0, RP: None}},
            2: {S1: {K: 6.0, FISIK: None, RP: 50.0}}}
        assert ledger.budget_history("DAFDUK", 2025, 1) == {}
        prev = ledger.previous_values(2025, 3)
        assert prev.elements == {"E01": 1.0}  # elements: the quarter before only (TW II)
        assert prev.budget == {  # every earlier quarter of the year, as recorded
            1: {S1: {K: 5.0, FISIK: 20.0, RP: 100.0}, S2: {K: 1.0, FISIK: 10.0, RP: None},
                "2.12.03.2.01.0001": {K: 1.0, FISIK: 5.0, RP: 7.0}},
            2: {S1: {K: 6.0, FISIK: None, RP: 50.0}}}
        # the intake's budget arithmetic: Rp summed over the quarters, the latest fisik s.d.
        assert previous_from(prev).budget == {
            S1: BudgetToDate(rp=150.0, fisik=20.0), S2: BudgetToDate(rp=0.0, fisik=10.0),
            "2.12.03.2.01.0001": BudgetToDate(rp=7.0, fisik=5.0)}
        # the budget year restarts: TW I compares nothing from last year's budget
        first = ledger.previous_values(2025, 1)
        assert first.elements == {"E01": 1.0} and first.budget == {}


def test_a_schema_1_ledger_is_migrated_and_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "daftar-kiriman.sqlite"
    db = write_legacy_ledger(path, 1)
    db.execute("INSERT INTO submissions (period, bidang, file_name, rel_path, sha256, size, received_at, "
               "template_version, form_id, verdict, findings_json, revision) VALUES "
               "('2025-TW1', 'DAFDUK', 'a.xlsx', 'a.xlsx', ?, 1, ?, '1', 'F', 'accepted', '[]', 0)", ("a" * 64, NOW))
    db.execute("INSERT INTO \"values\" (submission_id, elemen, value) VALUES (1, 'E01', 42.0)")
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        [old] = ledger.accepted(2025, [1])
        assert old.values == {"E01": 42.0} and old.anggaran == {} and old.faktor == {}
        record(ledger, result("b" * 64))
        [new] = ledger.accepted(2025, [1])
        assert new.revision == 1 and new.anggaran[S1][FISIK] == 25.0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    db.close()
