"""The intake run: check every file below an inbox, record verdicts, write the outputs.

``check_inbox`` is the library side of ``kinerja-xl check``. Steps:

1. list the files below the inbox (``files.discover_named``); lock files, hidden
   files and the like are *skipped*;
2. examine the other files in parallel (one process per CPU, :mod:`kinerja_xl.workers`; checking a
   file is a pure function of the file and the catalog): each checker reads a file once,
   hashes it — bytes already recorded in the ledger for the period keep their
   recorded verdict (a second run changes nothing) — checks it and, when it is
   accepted, writes its bytes into the run's staging folder ``arsip/.staging/``.
   Results stream back in file order; the workbooks never leave the worker;
3. record each result as it arrives, one transaction per file (committed a few
   at a time: :meth:`kinerja_xl.ledger.Ledger.batch`), accepted
   originals moved from the staging folder into the archive inside it
   (:mod:`kinerja_xl.intake.record`, which also returns two different new files
   of one bidang: ``berkas-ganda``); staged copies not used are removed;
4. mark returned files whose bidang has since sent an accepted file (settled);
5. write the umpan balik of every returned file and the laporan pemeriksaan.

The user's files are only ever read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kinerja_xl import findings
from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.errors import UsageError
from kinerja_xl.frozen import collector_spares_what_exists
from kinerja_xl.intake import codes
from kinerja_xl.intake.anggaran import previous_from
from kinerja_xl.intake.files import unreadable_reason
from kinerja_xl.intake.guard import run_lock
from kinerja_xl.intake.record import (
    IntakeError,
    Recorder,
    close_staging,
    figures_from_ledger,
    open_staging,
    repair_archive,
    stage_copy,
)
from kinerja_xl.intake.result import (
    CheckReport,
    FileOutcome,
    FileResult,
    Previous,
    Verdict,
)
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period
from kinerja_xl.workers import ordered_map, worker_count
from kinerja_xl.workspace import Workspace
from kinerja_xl.xlsx import atomic_write_bytes

__all__ = ["CheckFn", "IntakeError", "check_files", "check_inbox"]


class CheckFn(Protocol):
    """The single-file checker's signature (``kinerja_xl.intake.checker.check_file``)."""

    def __call__(self, path: Path, catalog: FormCatalog, period: Period, *, display_name: str,
                 previous: Previous | None = None) -> FileResult: ...


# --- checking files, in parallel ------------------------------------------------


@dataclass
class Examined:
    """What a checker sends back for one file."""

    result: FileResult | None  # None: these bytes are recorded already (``sha256`` in ``known``)
    sha256: str | None = None
    size: int | None = None  # None: the file could not be read (nothing is recorded)
    staged: str | None = None  # an accepted file's bytes, written into the run's staging folder


@dataclass
class _Context:
    """What every checker needs; set once per process (the pool's initializer)."""

    catalog: FormCatalog
    period: Period
    previous: Previous
    check: CheckFn | None = None  # None: the real checker, given the bytes already read
    known: frozenset[str] = frozenset()  # SHA-256 of files whose recorded verdict stands
    staging: Path | None = None  # where accepted files' bytes are staged for the archive


def read_submission(path: Path) -> bytes:
    """A submitted file's bytes: read once, then hashed, checked and (if accepted) staged."""
    return Path(path).read_bytes()


def examine(ctx: _Context, path: Path, name: str) -> Examined:
    """Read, hash and check one file; stage the bytes of an accepted one for the archive.

    Runs in the checker processes: all per-file work that does not need the ledger happens
    here, in parallel (the parent only records, and renames staged copies into the archive).
    """
    try:
        data = read_submission(path)
    except OSError as exc:  # a broken link, an unreadable file or folder, or vanished since listed
        reason = unreadable_reason(Path(path), exc)
        return Examined(FileResult(file=name, verdict=Verdict.RETURNED, findings=[
            findings.make(codes.BERKAS_TIDAK_TERBACA, file=name, reason=reason)]))
    sha = hashlib.sha256(data).hexdigest()
    if sha in ctx.known:
        return Examined(None, sha, len(data))
    if ctx.check is None:
        from kinerja_xl.intake.checker import check_file

        result = check_file(path, ctx.catalog, ctx.period, display_name=name, previous=ctx.previous,
                            data=data, sha256=sha)
    else:
        result = ctx.check(path, ctx.catalog, ctx.period, display_name=name, previous=ctx.previous)
    if result.sha256 is None:
        result.sha256 = sha
    staged = None
    if ctx.staging is not None and result.verdict is Verdict.ACCEPTED and result.sha256 == sha:
        staged = stage_copy(ctx.staging, data)
    return Examined(result, sha, len(data), staged)


_WORKER: dict[str, _Context] = {}

#: Fewer files than this are checked in this process (a pool costs more than it saves).
MIN_FILES_FOR_POOL = 4


def _init_worker(ctx: _Context) -> None:
    _WORKER["ctx"] = ctx


def _examine_in_worker(item: tuple[Path, str]) -> Examined:
    return examine(_WORKER["ctx"], *item)


def _examine_all(ctx: _Context, paths: Sequence[Path], names: Sequence[str], jobs: int | None
                 ) -> Generator[Examined, None, None]:
    """Examine files (in parallel when ``jobs`` > 1), yielding results in the order given
    (:func:`kinerja_xl.workers.ordered_map`: a checker ends with the run, however the run ends)."""
    workers = worker_count(jobs, len(paths)) if len(paths) >= MIN_FILES_FOR_POOL else 1
    if workers == 1:
        for path, name in zip(paths, names):
            yield examine(ctx, path, name)
        return
    if ctx.check is None:  # imported before the workers are forked, not once in each of them
        import kinerja_xl.intake.checker  # noqa: F401
    yield from ordered_map(_examine_in_worker, list(zip(paths, names)), workers=workers,
                           initializer=_init_worker, initargs=(ctx,), broken=IntakeError(
                               "Pemeriksaan berhenti karena sebuah proses pemeriksa berhenti tiba-tiba "
                               "(mungkin kehabisan memori). Ulangi dengan --jobs 1."))


def check_files(paths: Sequence[Path], names: Sequence[str], catalog: FormCatalog, period: Period, *,
                previous: Previous | None = None, jobs: int | None = None,
                check: CheckFn | None = None) -> Generator[FileResult, None, None]:
    """Check files (in parallel when ``jobs`` > 1), yielding results in the order given."""
    ctx = _Context(catalog, period, previous or Previous(), check)
    examined = _examine_all(ctx, paths, names, jobs)
    try:
        for item in examined:
            assert item.result is not None
            yield item.result
    finally:
        examined.close()


# --- helpers -----------------------------------------------------------------------


def _returned_only_as_duplicate(sub: Submission) -> bool:
    """Returned only because another file of its bidang came in the same run: look again."""
    errors = {f.code for f in sub.findings if f.is_error}
    return sub.verdict == "returned" and errors == {codes.BERKAS_GANDA}


def _from_ledger(sub: Submission, name: str, ledger: Ledger) -> FileResult:
    """The recorded verdict of bytes seen in an earlier run, as a FileResult; with the figures
    recorded only for a returned file (its umpan balik shows them; an accepted one's are not
    held, see :meth:`kinerja_xl.intake.record.Recorder.add`)."""
    result = FileResult(file=name, verdict=Verdict(sub.verdict), findings=list(sub.findings), bidang=sub.bidang,
                        sha256=sub.sha256, form_id=sub.form_id, template_version=sub.template_version,
                        period=sub.period)
    if sub.verdict != "accepted":
        figures_from_ledger(result, ledger, sub.id)
    return result


def _settle(files: list[FileResult], outcomes: dict[str, FileOutcome], ledger: Ledger, period: Period) -> None:
    """Mark returned files whose bidang has an accepted file recorded after them (a correction)."""
    current: dict[str, Submission | None] = {}
    for r in files:
        outcome = outcomes.get(r.file)
        if r.verdict is not Verdict.RETURNED or not r.bidang or outcome is None or outcome.submission_id is None:
            continue
        if r.bidang not in current:
            current[r.bidang] = ledger.current(period.code, r.bidang)
        later = current[r.bidang]
        if later is not None and later.id > outcome.submission_id:
            outcome.settled_by = later.rel_path


def _missing(catalog: FormCatalog, ledger: Ledger, period: Period) -> list[str]:
    """Bidang that fill a form (have elements) and have no accepted submission for the period."""
    accepted = ledger.accepted_bidang(period.code)
    return [b.kode for b in catalog.bidang_with_form if b.kode not in accepted]


def _free_path(path: Path) -> Path:
    """``path``, or ``name-2.xlsx``, ``name-3.xlsx`` … when taken (two runs in one second)."""
    k = 2
    out = path
    while out.exists():
        out = path.with_name(f"{path.stem}-{k}{path.suffix}")
        k += 1
    return out


# --- the run -------------------------------------------------------------------------


def arrival_time(path: Path, now: datetime) -> str:
    """When a file arrived: its modification time (the moment it was saved into the inbox, or
    kept by the copy), never later than ``now``; ISO 8601 to the second."""
    try:
        mtime = datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, OverflowError, ValueError):
        mtime = now
    return min(mtime, now).replace(microsecond=0).isoformat(timespec="seconds")


def check_inbox(workspace: Workspace, period: Period, inbox: Path | None = None, *, jobs: int | None = None,
                now: datetime | None = None, progress: Callable[[int, int], None] | None = None,
                catalog: FormCatalog | None = None, check: CheckFn | None = None,
                write_outputs: bool = True, only: Sequence[Path] | None = None,
                waiting: Callable[[str], None] | None = None) -> CheckReport:
    """Check every file below ``inbox`` (default ``masuk/PERIODE/``), record, and report.

    ``catalog`` defaults to the workspace's; ``check`` to the single-file checker
    (tests inject a fake). ``progress(done, total)`` is called once per file.
    Each file is recorded as received at its modification time (not later than ``now``).
    ``only``: check just these files below the inbox (an upload); the laporan pemeriksaan of the
    whole period is then left as it is. One run at a time per workspace: while another holds the
    run lock this waits, after calling ``waiting(text)``.
    """
    if not period.is_quarter:
        raise UsageError(f"Pemeriksaan memerlukan periode triwulan (misalnya {period.year}-TW1), "
                         f"bukan {period.code}.")
    catalog = catalog if catalog is not None else workspace.load_catalog_by_bidang()
    inbox = Path(inbox) if inbox is not None else workspace.masuk_dir(period)
    if not inbox.is_dir():
        raise UsageError(f"Folder {inbox} tidak ada. Simpan berkas isian yang masuk di folder itu "
                         "(atau sebutkan folder lain), lalu jalankan pemeriksaan lagi.")
    with run_lock(workspace.root, waiting=waiting):
        return _check_inbox(workspace, period, inbox, catalog, jobs=jobs,
                            now=(now or datetime.now()).replace(microsecond=0), progress=progress, check=check,
                            write_outputs=write_outputs, only=only)


def _check_inbox(workspace: Workspace, period: Period, inbox: Path, catalog: FormCatalog, *, jobs: int | None,
                 now: datetime, progress: Callable[[int, int], None] | None, check: CheckFn | None,
                 write_outputs: bool, only: Sequence[Path] | None) -> CheckReport:
    from kinerja_xl.intake.files import discover_named

    received_at = now.isoformat(timespec="seconds")
    with collector_spares_what_exists(), Ledger(workspace.ledger_url) as ledger:
        entries = discover_named(inbox)
        if only is not None:
            wanted = {Path(p).resolve() for p in only}
            entries = [e for e in entries if e[0].resolve() in wanted]
        total = len(entries)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        results: list[FileResult | None] = [None] * total
        outcomes: dict[str, FileOutcome] = {}
        to_check: list[int] = []
        recorded = ledger.by_sha(period.code)
        names: list[str] = [""] * total
        for i, (path, name, skip) in enumerate(entries):
            names[i] = name
            if skip is not None:
                results[i] = FileResult(file=name, verdict=Verdict.SKIPPED, skip_reason=skip)
                tick()
            else:
                to_check.append(i)

        previous = previous_from(ledger.previous_values(period.year, period.n))
        recorder = Recorder(workspace, ledger, period, received_at, outcomes)
        known = frozenset(sha for sha, sub in recorded.items() if not _returned_only_as_duplicate(sub))
        staging = open_staging(workspace.arsip_dir(period).parent) if to_check else None
        ctx = _Context(catalog, period, previous, check, known, staging)
        examined = _examine_all(ctx, [entries[i][0] for i in to_check], [names[i] for i in to_check], jobs)
        try:
            with ledger.batch():  # one transaction per file, committed a few at a time
                for i, item in zip(to_check, examined):
                    path, name = entries[i][0], names[i]
                    if item.result is None:  # the same bytes were recorded in an earlier run: keep that verdict
                        assert item.sha256 is not None
                        sub = recorded[item.sha256]
                        repair_archive(workspace, sub, path)
                        results[i] = _from_ledger(sub, name, ledger)
                        outcomes[name] = FileOutcome(earlier=sub.received_at, submission_id=sub.id,
                                                     revision=sub.revision,
                                                     archive_path=workspace.root / sub.archive_path
                                                     if sub.archive_path else None)
                    else:
                        results[i] = item.result
                        if item.size is not None:  # one transaction per file
                            recorder.add(item.result, path, item.size, item.staged,
                                         received_at=arrival_time(path, now))
                    tick()
        finally:
            examined.close()
            close_staging(staging)

        files = [r for r in results if r is not None]
        _settle(files, outcomes, ledger, period)
        report = CheckReport(period=period, files=files, missing=_missing(catalog, ledger, period),
                             outcomes=outcomes, inbox=inbox)
        if write_outputs:
            from kinerja_xl.intake.feedback import write_feedback_forms
            from kinerja_xl.intake.report import write_laporan

            write_feedback_forms(workspace, catalog, period, report, ledger=ledger, inbox=inbox,
                                 now=now)
            if only is None:
                run_path = _free_path(workspace.laporan_dir()
                                      / f"{period.code}-pemeriksaan-{now.strftime('%Y%m%d-%H%M%S')}.xlsx")
                report.laporan_run_path = write_laporan(run_path, catalog, report)
                latest = workspace.laporan_dir() / f"{period.code}-pemeriksaan.xlsx"
                atomic_write_bytes(latest, run_path.read_bytes())
                report.laporan_path = latest
    return report
