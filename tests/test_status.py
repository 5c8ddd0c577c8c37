"""kinerja-xl status: each bidang's state for a period, with the deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import small_catalog

from kinerja_xl.findings import Finding, Severity
from kinerja_xl.intake.result import Verdict
from kinerja_xl.ledger import Ledger, NewSubmission
from kinerja_xl.period import parse_period
from kinerja_xl.status import bidang_status
from kinerja_xl.workspace import Workspace

TW1 = parse_period("2025-TW1")


def record(ledger: Ledger, sha: str, bidang: str, verdict: Verdict, when: str) -> None:
    findings = [] if verdict is Verdict.ACCEPTED else [Finding("x", Severity.ERROR, "salah")]
    ledger.record(NewSubmission(rel_path=f"{sha}.xlsx", verdict=str(verdict), findings=findings, bidang=bidang,
                                sha256=sha * 64, values={"E01": 1.0}),
                  period="2025-TW1", file_name=f"{sha}.xlsx", size=1, received_at=when)


def test_states_deadline_and_json(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    with Ledger(ws.ledger_path) as ledger:
        record(ledger, "a", "DAFDUK", Verdict.ACCEPTED, "2025-04-03T08:00:00")
        record(ledger, "b", "DAFDUK", Verdict.ACCEPTED, "2025-04-12T08:00:00")  # revision, after the deadline
        record(ledger, "c", "DAFDUK", Verdict.RETURNED, "2025-04-13T08:00:00")  # does not undo the revision
        record(ledger, "d", "CAPIL", Verdict.RETURNED, "2025-04-02T10:00:00")
        record(ledger, "e", "CAPIL", Verdict.RETURNED, "2025-04-04T10:00:00")
    rows = bidang_status(ws, TW1, today=dt.date(2025, 4, 8), catalog=small_catalog())
    assert [(r.bidang, r.state, r.received_at, r.file_name, r.submissions) for r in rows] == [
        ("DAFDUK", "revisi ke-1", "2025-04-12T08:00:00", "b.xlsx", 3),
        ("CAPIL", "dikembalikan", "2025-04-04T10:00:00", "e.xlsx", 2),
        ("PIAK", "belum mengirim", None, None, 0),
    ]  # SEKRE fills no form: not listed
    deadline = dt.date(2025, 4, 10)  # 31 March + 10 days
    assert {r.deadline for r in rows} == {deadline} and {r.days_left for r in rows} == {2}
    assert [r.late for r in rows] == [True, False, False]
    assert rows[0].accepted and not rows[1].accepted
    assert rows[0].to_dict() == {
        "bidang": "DAFDUK", "nama": "Pelayanan Pendaftaran Penduduk", "state": "revisi ke-1",
        "received_at": "2025-04-12T08:00:00", "file": "b.xlsx", "revision": 1, "submissions": 3,
        "deadline": "2025-04-10", "days_left": 2, "late": True,
    }
    past = bidang_status(ws, TW1, today=dt.date(2025, 4, 15), catalog=small_catalog())
    assert [(r.days_left, r.late) for r in past] == [(-5, True), (-5, True), (-5, True)]


def test_first_accepted_is_diterima_and_missing_ledger_means_nobody_sent(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    rows = bidang_status(ws, TW1, today=dt.date(2025, 3, 31), catalog=small_catalog())
    assert [r.state for r in rows] == ["belum mengirim"] * 3 and not ws.ledger_path.exists()
    assert rows[0].days_left == 10 and not rows[0].late
    with Ledger(ws.ledger_path) as ledger:
        record(ledger, "a", "PIAK", Verdict.ACCEPTED, "2025-04-01T08:00:00")
    rows = bidang_status(ws, TW1, today=dt.date(2025, 4, 1), catalog=small_catalog())
    assert (rows[2].state, rows[2].revision, rows[2].late) == ("diterima", 0, False)


def test_status_after_check_runs(tmp_path: Path) -> None:
    from test_intake_run import fake_check, put

    from kinerja_xl.intake.run import check_inbox

    ws = Workspace(tmp_path)
    inbox = ws.masuk_dir(TW1)
    put(inbox, "a.xlsx", "DAFDUK", {"E01": 1})
    put(inbox, "b.xlsx", "CAPIL", {"E06": 1}, errors={"E9": "x"})
    kw = {"catalog": small_catalog(), "check": fake_check, "jobs": 1, "write_outputs": False}
    check_inbox(ws, TW1, now=dt.datetime(2025, 4, 2, 9, 0), **kw)
    put(inbox, "a2.xlsx", "DAFDUK", {"E01": 2})
    check_inbox(ws, TW1, now=dt.datetime(2025, 4, 11, 9, 0), **kw)
    rows = bidang_status(ws, TW1, today=dt.date(2025, 4, 11), catalog=small_catalog())
    assert [(r.bidang, r.state, r.received_at, r.late, r.days_left) for r in rows] == [
        ("DAFDUK", "revisi ke-1", "2025-04-11T09:00:00", True, -1),
        ("CAPIL", "dikembalikan", "2025-04-02T09:00:00", True, -1),
        ("PIAK", "belum mengirim", None, True, -1),
    ]
