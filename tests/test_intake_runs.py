"""Intake as operators live it: two runs at once, a killed run, odd inbox entries, history.

Runs are real processes where the case is about processes (the CLI twice at once, a run killed
with SIGKILL); the rest drive ``check_inbox`` with the JSON stand-in checker of test_intake_run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from multiprocessing import get_context
from pathlib import Path

import pytest
from corpus import ole_stub
from factories import small_catalog
from test_intake_run import NOW, TW1, fake_check, put

from kinerja_xl.intake.feedback import SUPERSEDED
from kinerja_xl.intake.guard import LOCK_NAME, LockError, Owner, run_lock
from kinerja_xl.intake.record import STAGING, open_staging
from kinerja_xl.intake.result import CheckReport, Verdict
from kinerja_xl.intake.run import check_inbox
from kinerja_xl.ledger import Ledger
from kinerja_xl.render import render_check
from kinerja_xl.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path / "ws")
    w.masuk_dir(TW1).mkdir(parents=True)
    return w


def run(ws: Workspace, **kw: object) -> CheckReport:
    kw.setdefault("jobs", 1)
    kw.setdefault("now", NOW)
    kw.setdefault("write_outputs", False)
    return check_inbox(ws, TW1, catalog=small_catalog(), check=fake_check, **kw)  # type: ignore[arg-type]


# --- one run at a time ----------------------------------------------------------------------


def test_two_processes_create_a_new_ledger_at_the_same_moment(tmp_path: Path) -> None:
    ctx = get_context("fork")
    for attempt in range(5):
        path = tmp_path / f"daftar-{attempt}.sqlite"
        barrier = ctx.Barrier(2)
        answers = ctx.Queue()

        def create(barrier: object = barrier, answers: object = answers, path: Path = path) -> None:
            barrier.wait()  # type: ignore[attr-defined]
            try:
                with Ledger(path) as ledger:
                    ledger._connect(create=True)
                    answers.put(str(ledger.by_sha("2025-TW1")))  # type: ignore[attr-defined]
            except Exception as exc:  # noqa: BLE001  (reported to the test below)
                answers.put(repr(exc))  # type: ignore[attr-defined]

        procs = [ctx.Process(target=create) for _ in range(2)]
        for p in procs:
            p.start()
        got = sorted(answers.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(30)
        assert got == ["{}", "{}"]
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 2
        db.close()


def test_two_check_commands_started_together_on_a_new_workspace_both_end_cleanly(tmp_path: Path) -> None:
    ws = tmp_path / "dinas"
    cli = [sys.executable, "-m", "kinerja_xl"]
    subprocess.run([*cli, "init", str(ws), "--contoh"], check=True, env=ENV, capture_output=True)
    shutil.copytree(ROOT / "samples" / "masuk" / "2025-TW1", ws / "masuk" / "2025-TW1", dirs_exist_ok=True)
    assert not (ws / "daftar-kiriman.sqlite").exists()
    args = [*cli, "check", "-w", str(ws), "--period", "2025-TW1", "--jobs", "1"]
    procs = [subprocess.Popen(args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 1, err  # the sample TW I inbox has faulty files: returned, not an error
        assert "Error" not in err and "pindahkan" not in err.lower() and "Traceback" not in err
    waited = [err for _out, err in outs if "menunggu" in err]
    assert len(waited) <= 1  # the second one waited for the first (when they overlapped) and said so
    db = sqlite3.connect(ws / "daftar-kiriman.sqlite")
    names = [r[0] for r in db.execute("SELECT rel_path FROM submissions")]
    db.close()
    assert len(names) == len(set(names)) == 5  # every file recorded once


def test_a_second_run_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    said: list[str] = []
    ctx = get_context("fork")
    ready = ctx.Event()
    release = ctx.Event()

    def hold() -> None:
        with run_lock(tmp_path):
            ready.set()
            release.wait(30)

    holder = ctx.Process(target=hold)
    holder.start()
    try:
        assert ready.wait(30)
        start = time.monotonic()
        with pytest.raises(LockError, match="Pemeriksaan lain sedang berjalan"), \
                run_lock(tmp_path, waiting=said.append, timeout=0.6):
            pass
        assert time.monotonic() - start >= 0.5
        assert len(said) == 1 and "menunggu" in said[0] and f"proses {holder.pid}" in said[0]
    finally:
        release.set()
        holder.join(30)
    with run_lock(tmp_path, waiting=said.append, timeout=5):  # free again
        pass
    assert (tmp_path / LOCK_NAME).exists()


# --- a dying run leaves nothing behind ------------------------------------------------------------

_KILLED_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path[:0] = [{tests!r}, {root!r}]
    from factories import small_catalog
    from test_intake_run import TW1, fake_check
    from kinerja_xl.intake.run import check_inbox
    from kinerja_xl.workspace import Workspace

    def slow(path, catalog, period, *, display_name, previous=None):
        time.sleep(0.5)
        return fake_check(path, catalog, period, display_name=display_name, previous=previous)

    check_inbox(Workspace(Path({ws!r})), TW1, catalog=small_catalog(), check=slow, jobs=2, write_outputs=False)
""")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2:].split()
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return True
    return stat[stat.rfind(b")") + 2:].split()[0] in (b"Z", b"X")  # a zombie no one reaped yet


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_main_process_killed_its_workers_end_and_the_next_run_leaves_no_staging(ws: Workspace,
                                                                                tmp_path: Path) -> None:
    for i in range(40):
        put(ws.masuk_dir(TW1), f"f{i:02}.xlsx", ["DAFDUK", "CAPIL", "PIAK"][i % 3], {"E01": i})
    script = tmp_path / "run.py"
    script.write_text(_KILLED_RUN.format(tests=str(TESTS), root=str(ROOT), ws=str(ws.root)), encoding="utf-8")
    main = subprocess.Popen([sys.executable, str(script)], env=ENV)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            time.sleep(0.1)
            workers = _children(main.pid)
        assert len(workers) >= 2, "the run did not start its checker processes"
        staging = ws.arsip_dir(TW1).parent / STAGING
        assert any(staging.iterdir())
    finally:
        main.send_signal(signal.SIGKILL)
        main.wait(30)
    deadline = time.monotonic() + 10
    while not all(_gone(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(w) for w in workers), "checker processes outlived the killed run"
    assert any(staging.iterdir())  # what the killed run staged is still there …
    report = run(ws)  # … until the next run, which does not wait for the dead one
    assert len(report.files) == 40
    assert not staging.exists()
    with Ledger(ws.ledger_path) as ledger:
        assert len(ledger.by_sha(TW1.code)) == 40  # the ledger is sound: each file once


def test_staging_of_a_live_run_is_kept_and_of_a_dead_one_removed(tmp_path: Path) -> None:
    arsip = tmp_path / "arsip"
    mine = open_staging(arsip)
    assert mine is not None and Owner.parse((mine / "owner").read_text()) == Owner.me()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    other = arsip / STAGING / "run-dead"
    other.mkdir()
    (other / "owner").write_text(Owner(dead.pid, "1").text())
    reused = arsip / STAGING / "run-reused"  # our pid, but another start time: a different process
    reused.mkdir()
    (reused / "owner").write_text(Owner(os.getpid(), "0").text())
    again = open_staging(arsip)
    assert again is not None and mine.exists() and not other.exists() and not reused.exists()


# --- every file in the inbox is accounted for ------------------------------------------------------


def test_a_dangling_link_and_a_linked_folder_are_listed_in_every_output(ws: Workspace, tmp_path: Path) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "dafduk.xlsx", "DAFDUK", {"E01": 1})
    (inbox / "CAPIL di flashdisk.xlsx").symlink_to("/media/flashdisk-tidak-ada/CAPIL.xlsx")
    (tmp_path / "lain").mkdir()
    (inbox / "folder lain").symlink_to(tmp_path / "lain", target_is_directory=True)
    report = run(ws)
    by = {f["file"]: f for f in report.to_dict()["files"]}
    assert set(by) == {"dafduk.xlsx", "CAPIL di flashdisk.xlsx", "folder lain"}
    link = by["CAPIL di flashdisk.xlsx"]
    assert link["status"] == "returned" and [f["code"] for f in link["findings"]] == ["berkas-tidak-terbaca"]
    assert "tautan" in link["findings"][0]["message"] and "/media/flashdisk-tidak-ada" in link["findings"][0]["message"]
    assert by["folder lain"]["status"] == "skipped"
    for verbose in (False, True):
        text = "\n".join(render_check(report, verbose=verbose))
        assert "CAPIL di flashdisk.xlsx" in text and "tautan" in text
    assert "folder lain" in "\n".join(render_check(report, verbose=True))
    assert report.exit_code == 1


# --- history, not a pile -------------------------------------------------------------------------


def test_an_old_xls_left_in_the_inbox_is_not_counted_as_new(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    ole_stub(inbox / "DAFDUK lama.xls", "Workbook")
    first = check_inbox(ws, TW1, catalog=small_catalog(), jobs=1, now=NOW)
    [xls] = first.files
    assert xls.verdict is Verdict.RETURNED and [f.code for f in xls.findings] == ["berkas-format-xls"]
    assert first.exit_code == 1
    later = NOW + dt.timedelta(days=2)
    second = check_inbox(ws, TW1, catalog=small_catalog(), jobs=1, now=later)
    assert second.files[0].verdict is Verdict.RETURNED  # it keeps its verdict …
    assert second.history_label(second.files[0]) == "sudah diperiksa"  # … shown as judged before
    assert second.exit_code == 0 and second.to_fix == []  # nothing new or still open
    assert second.to_dict()["files"][0]["checked_before"] == "2025-04-05T09:30:15"
    assert "sudah diperiksa" in "\n".join(render_check(second))
    laporan = sorted(p.name for p in ws.laporan_dir().iterdir())
    assert laporan == ["2025-TW1-pemeriksaan-20250405-093015.xlsx", "2025-TW1-pemeriksaan-20250407-093015.xlsx",
                       "2025-TW1-pemeriksaan.xlsx"]
    assert (ws.laporan_dir() / laporan[2]).read_bytes() == (ws.laporan_dir() / laporan[1]).read_bytes()
    assert second.laporan_run_path == ws.laporan_dir() / laporan[1]


def test_umpan_balik_of_a_superseded_submission_moves_to_a_subfolder(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "capil.xlsx", "CAPIL", {"E06": 5}, errors={"F12": "abc"})
    first = run(ws, write_outputs=True)
    copy = ws.umpan_balik_dir(TW1) / "capil.xlsx"
    assert first.feedback_paths == [copy] and copy.exists()
    put(inbox, "capil revisi.xlsx", "CAPIL", {"E06": 5, "E07": 4})
    second = run(ws, write_outputs=True, now=NOW + dt.timedelta(hours=1))
    old = next(r for r in second.files if r.file == "capil.xlsx")
    assert second.history_label(old) == "sudah diganti" and second.exit_code == 0
    assert not copy.exists() and (ws.umpan_balik_dir(TW1) / SUPERSEDED / "capil.xlsx").exists()
    by = {f["file"]: f for f in json.loads(json.dumps(second.to_dict()))["files"]}
    assert by["capil.xlsx"]["superseded_by"] == "capil revisi.xlsx" and by["capil revisi.xlsx"]["superseded_by"] is None
    assert (inbox / "capil.xlsx").exists()  # the user's files stay where they are
