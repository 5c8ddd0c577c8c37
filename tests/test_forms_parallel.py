"""Forms written by several processes: the same files as in one process, clear errors, nothing half-written."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.cli import cli
from kinerja_xl.errors import OutputError
from kinerja_xl.forms import writer
from kinerja_xl.forms.writer import form_file_name, generate_forms
from kinerja_xl.period import parse_period

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from agency import synthetic_agency

TW2 = parse_period("2025-TW2")
CREATED = dt.datetime(2025, 6, 20, 8, 0)


@pytest.fixture(scope="module")
def agency():
    return synthetic_agency(12)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_forms_written_in_two_processes_are_the_bytes_written_in_one(agency, tmp_path):
    history = {1: {e.kode: 7.0 for e in agency.elemen[::3]}}
    one = generate_forms(agency, TW2, tmp_path / "one", created=CREATED, history=history, jobs=1)
    two = generate_forms(agency, TW2, tmp_path / "two", created=CREATED, history=history, jobs=2)
    assert [p.name for p in one] == [p.name for p in two] == sorted(
        form_file_name(b, TW2) for b in agency.bidang_with_form)
    assert [p.parent for p in two] == [tmp_path / "two"] * len(two)
    assert len(one) == 12
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # no temporary file either


def _blocked(agency, folder: Path) -> Path:
    """A folder where one form's file name is taken by a folder: that form cannot be written."""
    b = agency.bidang_with_form[7]
    (folder / form_file_name(b, TW2)).mkdir(parents=True)
    return folder / form_file_name(b, TW2)


def test_a_form_that_cannot_be_written_in_a_worker_is_the_same_clear_error(agency, tmp_path):
    messages = []
    for jobs in (1, 2):
        blocked = _blocked(agency, tmp_path / str(jobs))
        with pytest.raises(OutputError) as caught:
            generate_forms(agency, TW2, tmp_path / str(jobs), created=CREATED, jobs=jobs)
        messages.append(str(caught.value).replace(str(tmp_path / str(jobs)), "FOLDER"))
        assert str(blocked) in str(caught.value)
        assert not list((tmp_path / str(jobs)).glob(".*.tmp"))
    assert messages[0] == messages[1]
    assert messages[1].startswith("Tidak dapat menulis ")


def test_forms_command_jobs_option_and_its_error(agency, tmp_path):
    write_catalog(tmp_path / "katalog.xlsx", agency)
    runner = CliRunner()
    done = runner.invoke(cli, ["forms", "-w", str(tmp_path), "-p", "2025-TW2", "--jobs", "2"])
    assert done.exit_code == 0, done.output
    folder = tmp_path / "formulir" / "2025-TW2"
    assert len(list(folder.glob("*.xlsx"))) == 12
    assert "12 formulir ditulis" in done.output
    first = _files(folder)

    again = runner.invoke(cli, ["forms", "-w", str(tmp_path), "-p", "2025-TW2", "-j", "1"])
    assert again.exit_code == 0, again.output
    one = _files(folder)
    assert one.keys() == first.keys()

    for name in first:  # every form's name taken by a folder: the workers all fail
        (folder / name).unlink()
        (folder / name).mkdir()
    failed = runner.invoke(cli, ["forms", "-w", str(tmp_path), "-p", "2025-TW2", "--jobs", "2"])
    assert failed.exit_code == 2
    assert failed.output.startswith("Error: Tidak dapat menulis ")
    assert "Traceback" not in failed.output
    assert not list(folder.glob(".*.tmp"))

    zero = runner.invoke(cli, ["forms", "-w", str(tmp_path), "-p", "2025-TW2", "--jobs", "0"])
    assert zero.exit_code == 2


def test_ctrl_c_while_forms_are_written_leaves_no_temporary_file(tmp_path):
    catalog = synthetic_agency(150)
    write_catalog(tmp_path / "katalog.xlsx", catalog)
    folder = tmp_path / "formulir" / "2025-TW1"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kinerja_xl", "forms", "-w", str(tmp_path), "-p", "2025-TW1",
                             "--jobs", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while not (folder.is_dir() and any(folder.glob("*.xlsx"))) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches every process of the terminal's group
    _, err = proc.communicate(timeout=60)
    written = sorted(folder.glob("*.xlsx"))
    assert proc.returncode != 0, "the run ended before Ctrl+C; make the agency larger"
    assert b"Traceback" not in err
    assert len(written) < 150
    assert not list(folder.glob(".*"))  # no temporary file
    for path in written:  # every form there is whole
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            assert "xl/worksheets/sheet2.xml" in z.namelist()
    # nothing keeps writing after the command ended
    time.sleep(0.5)
    assert sorted(folder.glob("*.xlsx")) == written


def _failing_for(kode: str, failure):
    """``_fill_workbook`` that fails (in the worker process, which inherits the patch) for one bidang."""
    real = writer._fill_workbook

    def fill(wb, ctx):
        if ctx.bidang.kode == kode:
            failure()
        real(wb, ctx)

    return fill


def test_a_bug_in_a_worker_reaches_the_caller_as_itself(agency, tmp_path, monkeypatch):
    def bug():
        raise ValueError("rusak")

    monkeypatch.setattr(writer, "_fill_workbook", _failing_for(agency.bidang_with_form[5].kode, bug))
    with pytest.raises(ValueError, match="rusak"):
        generate_forms(agency, TW2, tmp_path, created=CREATED, jobs=2)
    assert not list(tmp_path.glob(".*"))


def test_a_worker_that_dies_ends_the_run_with_a_clear_error(agency, tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "_fill_workbook", _failing_for(agency.bidang_with_form[5].kode, lambda: os._exit(9)))
    with pytest.raises(OutputError, match="proses penulis berhenti tiba-tiba.*--jobs 1"):
        generate_forms(agency, TW2, tmp_path, created=CREATED, jobs=2)


def test_how_many_processes_write_forms():
    from kinerja_xl.forms.writer import MIN_FORMS_PER_WORKER
    from kinerja_xl.workers import available_cpus, worker_count

    assert worker_count(1, 500, MIN_FORMS_PER_WORKER) == 1
    assert worker_count(3, 500, MIN_FORMS_PER_WORKER) == 3
    assert worker_count(3, 8, MIN_FORMS_PER_WORKER) == 2  # at least 4 forms per process
    assert worker_count(8, 5, MIN_FORMS_PER_WORKER) == 1  # the 5-unit sample: in this process
    assert worker_count(None, 10_000, MIN_FORMS_PER_WORKER) == available_cpus() == len(os.sched_getaffinity(0))
