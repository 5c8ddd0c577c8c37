"""The intake run: check every file below an inbox, record verdicts, write the outputs.

``check_inbox`` is the library side of ``kinerja-xl check``. Steps:

1. list the files below the inbox (``checker.discover``); lock files, hidden
   files and the like are *skipped*;
2. hash each file; bytes already recorded in the ledger for the period keep
   their recorded verdict (a second run changes nothing);
3. check the other files in parallel (one process per CPU; checking a file is
   a pure function of the file and the catalog) — results stream back in
   file order, the workbooks themselves never leave the worker;
4. two different new files for the same bidang in one run are both returned
   (``berkas-ganda``): we cannot tell which one the bidang meant;
5. record each file in the ledger, one transaction per file (accepted
   originals are copied byte for byte into the archive inside it);
6. write the umpan balik of every returned file and the laporan pemeriksaan.

The user's files are only ever read.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from kinerja_xl import findings
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.errors import KinerjaError, OutputError, UsageError
from kinerja_xl.findings import Severity
from kinerja_xl.intake.result import FileResult, Verdict
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace

findings.define(
    "berkas-ganda", Severity.ERROR,
    "Ada {n} berkas berbeda untuk bidang {bidang} dalam satu pemeriksaan: {berkas}.",
    "Satu bidang hanya boleh mengirim satu berkas per pemeriksaan. Pindahkan berkas yang tidak berlaku "
    "dari folder masuk (atau tanyakan kepada bidang berkas mana yang benar), lalu jalankan pemeriksaan lagi.",
    topic="berkas",
)


class CheckFn(Protocol):
    """The single-file checker's signature (``kinerja_xl.intake.checker.check_file``)."""

    def __call__(self, path: Path, catalog: Catalog, period: Period, *, display_name: str,
                 previous: Mapping[str, float | None] | None = None) -> FileResult: ...


class IntakeError(KinerjaError):
    """The run cannot go on (a worker died, a file changed while it was being checked)."""


@dataclass
class FileOutcome:
    """What the run did with one file (beyond its verdict)."""

    earlier: str | None = None  # received_at of an earlier run that recorded these bytes
    copy_of: str | None = None  # an identical file earlier in this run
    submission_id: int | None = None
    revision: int | None = None
    archive_path: Path | None = None
    feedback_path: Path | None = None
    no_feedback: str | None = None  # why a returned file gets no umpan balik

    def note(self, result: FileResult) -> str:
        """One sentence for the report's Keterangan column."""
        parts: list[str] = []
        if result.skip_reason:
            parts.append(result.skip_reason)
        if self.earlier:
            parts.append(f"sudah tercatat pada pemeriksaan {self.earlier.replace('T', ' ')}")
        if self.copy_of:
            parts.append(f"salinan identik dari {self.copy_of}")
        if self.revision:
            parts.append(f"revisi ke-{self.revision}, menggantikan kiriman sebelumnya")
        if self.feedback_path is not None:
            parts.append(f"umpan balik: {self.feedback_path.name}")
        if self.no_feedback:
            parts.append(f"tanpa umpan balik: {self.no_feedback}")
        return "; ".join(parts)


@dataclass
class CheckReport:
    """The outcome of one run of ``check``."""

    period: Period
    files: list[FileResult]
    missing: list[str]  # bidang codes (with a form) with no accepted submission for the period
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)  # by FileResult.file
    laporan_path: Path | None = None
    inbox: Path | None = None

    @property
    def feedback_paths(self) -> list[Path]:
        return [o.feedback_path for o in self.outcomes.values() if o.feedback_path is not None]

    @property
    def submissions(self) -> list[FileResult]:
        return [r for r in self.files if r.verdict is not Verdict.SKIPPED]

    @property
    def exit_code(self) -> int:
        """0 when every submission was accepted (skipped files do not count), 1 when any was returned."""
        return 1 if any(r.verdict is Verdict.RETURNED for r in self.files) else 0

    def outcome(self, result: FileResult) -> FileOutcome:
        return self.outcomes.get(result.file) or FileOutcome()

    def to_dict(self) -> dict[str, Any]:
        """Exactly the ``--json`` contract."""
        return {
            "period": self.period.code,
            "files": [r.to_dict() for r in self.files],
            "missing": list(self.missing),
        }


# --- checking files, in parallel ------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(catalog: Catalog, period: Period, previous: Mapping[str, float | None],
                 check: CheckFn | None) -> None:
    _WORKER.update(catalog=catalog, period=period, previous=previous, check=check or _default_check())


def _check_in_worker(path: Path, name: str) -> FileResult:
    check: CheckFn = _WORKER["check"]
    return check(path, _WORKER["catalog"], _WORKER["period"], display_name=name, previous=_WORKER["previous"])


def _default_check() -> CheckFn:
    from kinerja_xl.intake.checker import check_file

    return check_file


def check_files(paths: Sequence[Path], names: Sequence[str], catalog: Catalog, period: Period, *,
                previous: Mapping[str, float | None] | None = None, jobs: int | None = None,
                check: CheckFn | None = None) -> Iterator[FileResult]:
    """Check files (in parallel when ``jobs`` > 1), yielding results in the order given."""
    jobs = jobs or os.cpu_count() or 1
    previous = dict(previous or {})
    if jobs == 1 or len(paths) < 4:
        fn = check or _default_check()
        for path, name in zip(paths, names):
            yield fn(path, catalog, period, display_name=name, previous=previous)
        return
    workers = min(jobs, len(paths))
    chunk = max(1, min(16, len(paths) // (workers * 8)))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(catalog, period, previous, check)) as pool:
            yield from pool.map(_check_in_worker, paths, names, chunksize=chunk)
    except BrokenProcessPool as exc:
        raise IntakeError("Pemeriksaan berhenti karena sebuah proses pemeriksa berhenti tiba-tiba "
                          "(mungkin kehabisan memori). Ulangi dengan --jobs 1.") from exc


# --- helpers -----------------------------------------------------------------------


def _sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _returned_only_as_duplicate(sub: Submission) -> bool:
    """Returned only because another file of its bidang came in the same run: look again."""
    errors = {f.code for f in sub.findings if f.is_error}
    return sub.verdict == "returned" and errors == {"berkas-ganda"}


def _from_ledger(sub: Submission, name: str, ledger: Ledger) -> FileResult:
    """The recorded verdict of bytes seen in an earlier run, as a FileResult."""
    values, raw, keterangan, kendala = ledger.values_of(sub.id)
    return FileResult(
        file=name, verdict=Verdict(sub.verdict), findings=list(sub.findings), bidang=sub.bidang,
        sha256=sub.sha256, form_id=sub.form_id, template_version=sub.template_version, period=sub.period,
        values=values, keterangan=keterangan, kendala=kendala, raw_values=raw,
    )


def _mark_duplicates(results: Sequence[FileResult]) -> None:
    """Return every new file of a bidang that has several different new files in this run."""
    by_bidang: dict[str, list[FileResult]] = {}
    for r in results:
        if r.bidang and r.verdict is not Verdict.SKIPPED:
            by_bidang.setdefault(r.bidang, []).append(r)
    for bidang, group in by_bidang.items():
        if len({r.sha256 for r in group}) < 2:
            continue
        names = ", ".join(r.file for r in group)
        for r in group:
            r.findings.append(findings.make("berkas-ganda", file=r.file, bidang=bidang, n=len(group),
                                            berkas=names))
            r.verdict = Verdict.RETURNED


def _write_new(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename (no fsync: see :func:`_repair_archive`)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"Arsip {target} tidak dapat ditulis: {exc.strerror or exc}") from exc


def archive_copy(src: Path, folder: Path, name: str, revision: int, sha256: str) -> Path:
    """Copy ``src`` byte for byte into ``folder`` under its own name; never overwrite.

    A taken name gets the revision (``nama (revisi 1).xlsx``), then a counter.
    A file already there with the same bytes (a run interrupted after copying) is reused.
    """
    data = src.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise IntakeError(f"{src} berubah selama pemeriksaan (mungkin sedang disimpan). "
                          "Tunggu sampai selesai disimpan, lalu jalankan pemeriksaan lagi.")
    stem, suffix = Path(name).stem, Path(name).suffix
    first = [name] + ([f"{stem} (revisi {revision}){suffix}"] if revision else [])
    for candidate in itertools.chain(first, (f"{stem} ({k}){suffix}" for k in range(2, 1000))):
        target = folder / candidate
        if target.exists():
            if _sha256(target)[0] == sha256:
                return target
            continue
        _write_new(target, data)
        return target
    raise IntakeError(f"Terlalu banyak berkas bernama {name} di {folder}.")  # pragma: no cover


def _repair_archive(workspace: Workspace, sub: Submission, src: Path) -> None:
    """Restore the archive copy of a recorded accepted file when it is missing or damaged.

    Archive copies are not fsync'ed one by one (that would triple the time of a
    run); after a power failure a copy may be empty or truncated. Its size
    and hash are checked whenever the same file is seen again, and the copy rewritten from
    the inbox (the same bytes: same SHA-256).
    """
    if sub.verdict != "accepted" or not sub.archive_path:
        return
    target = workspace.root / sub.archive_path
    try:
        ok = target.stat().st_size == sub.size and _sha256(target)[0] == sub.sha256
    except OSError:
        ok = False
    if not ok:
        data = src.read_bytes()
        if hashlib.sha256(data).hexdigest() == sub.sha256:
            _write_new(target, data)


def _missing(catalog: Catalog, ledger: Ledger, period: Period) -> list[str]:
    """Bidang that fill a form (have elements) and have no accepted submission for the period."""
    accepted = {s.bidang for s in ledger.accepted(period.year, [period.n])}
    fills = {e.bidang for e in catalog.elemen}
    return [b.kode for b in catalog.bidang if b.kode in fills and b.kode not in accepted]


# --- the run -------------------------------------------------------------------------


def check_inbox(workspace: Workspace, period: Period, inbox: Path | None = None, *, jobs: int | None = None,
                now: datetime | None = None, progress: Callable[[int, int], None] | None = None,
                catalog: Catalog | None = None, check: CheckFn | None = None,
                write_outputs: bool = True) -> CheckReport:
    """Check every file below ``inbox`` (default ``masuk/PERIODE/``), record, and report.

    ``catalog`` defaults to the workspace's; ``check`` to the single-file checker
    (tests inject a fake). ``progress(done, total)`` is called once per file.
    """
    from kinerja_xl.intake.files import discover

    if not period.is_quarter:
        raise UsageError(f"Pemeriksaan memerlukan periode triwulan (misalnya {period.year}-TW1), "
                         f"bukan {period.code}.")
    catalog = catalog if catalog is not None else workspace.load_catalog()
    inbox = Path(inbox) if inbox is not None else workspace.masuk_dir(period)
    if not inbox.is_dir():
        raise UsageError(f"Folder {inbox} tidak ada. Simpan berkas isian yang masuk di folder itu "
                         "(atau sebutkan folder lain), lalu jalankan pemeriksaan lagi.")
    received_at = (now or datetime.now()).replace(microsecond=0).isoformat(timespec="seconds")
    with Ledger(workspace.ledger_path) as ledger:
        entries = discover(inbox)
        total = len(entries)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        results: list[FileResult | None] = [None] * total
        outcomes: dict[str, FileOutcome] = {}
        hashes: dict[int, tuple[str, int]] = {}
        to_check: list[int] = []
        for i, (path, skip) in enumerate(entries):
            name = path.relative_to(inbox).as_posix()
            if skip is not None:
                results[i] = FileResult(file=name, verdict=Verdict.SKIPPED, skip_reason=skip)
                tick()
                continue
            hashes[i] = _sha256(path)
            known = ledger.find(period.code, hashes[i][0])
            if known is not None and not _returned_only_as_duplicate(known):
                _repair_archive(workspace, known, path)
                results[i] = _from_ledger(known, name, ledger)
                outcomes[name] = FileOutcome(earlier=known.received_at, submission_id=known.id,
                                             revision=known.revision,
                                             archive_path=workspace.root / known.archive_path
                                             if known.archive_path else None)
                tick()
            else:
                to_check.append(i)

        previous = ledger.previous_values(period.year, period.n)
        checked = check_files([entries[i][0] for i in to_check],
                              [entries[i][0].relative_to(inbox).as_posix() for i in to_check],
                              catalog, period, previous=previous, jobs=jobs, check=check)
        for i, result in zip(to_check, checked):
            if result.sha256 is None:
                result.sha256 = hashes[i][0]
            results[i] = result
            tick()
        new = [r for i in to_check if (r := results[i]) is not None]
        _mark_duplicates(new)

        first_of_sha: dict[str, str] = {}
        for i in to_check:
            result = results[i]
            assert result is not None and result.sha256 is not None
            path = entries[i][0]
            outcome = outcomes.setdefault(result.file, FileOutcome())
            if result.sha256 in first_of_sha:
                outcome.copy_of = first_of_sha[result.sha256]
                continue
            first_of_sha[result.sha256] = result.file
            archived: list[Path] = []

            def archive(revision: int, path: Path = path, sha: str = result.sha256,
                        archived: list[Path] = archived) -> str:
                target = archive_copy(path, workspace.arsip_dir(period), path.name, revision, sha)
                archived.append(target)
                return target.relative_to(workspace.root).as_posix()

            sub, _changed = ledger.record(result, period=period.code, file_name=path.name,
                                          size=hashes[i][1], received_at=received_at,
                                          archive=archive if result.verdict is Verdict.ACCEPTED else None)
            outcome.submission_id = sub.id
            outcome.revision = sub.revision
            outcome.archive_path = workspace.root / sub.archive_path if sub.archive_path else None

        files = [r for r in results if r is not None]
        report = CheckReport(period=period, files=files, missing=_missing(catalog, ledger, period),
                             outcomes=outcomes, inbox=inbox)
        if write_outputs:
            from kinerja_xl.intake.feedback import write_feedback_forms
            from kinerja_xl.intake.report import write_laporan

            write_feedback_forms(workspace, catalog, period, report, ledger=ledger, inbox=inbox,
                                 now=(now or datetime.now()).replace(microsecond=0))
            report.laporan_path = write_laporan(workspace.laporan_dir() / f"{period.code}-pemeriksaan.xlsx",
                                                catalog, report)
    return report
