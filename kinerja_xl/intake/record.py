"""Recording checked files: the ledger, the archive, and two files for one bidang.

Each result is recorded as soon as it arrives from the checkers (one
transaction per file), so the ledger work overlaps the checking. Two
different new files for the same bidang in one run are both returned
(``berkas-ganda``): the one recorded first is re-recorded as returned when
the second arrives (its archive copy, made in this run, is removed, and the
submission it had superseded is current again).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kinerja_xl import findings
from kinerja_xl.errors import KinerjaError, OutputError
from kinerja_xl.intake import codes
from kinerja_xl.intake.guard import mark_owner, owner_of
from kinerja_xl.intake.result import FileOutcome, FileResult, Verdict
from kinerja_xl.ledger import Ledger, NewSubmission, Submission
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace


class IntakeError(KinerjaError):
    """The run cannot go on (a worker died, a file changed while it was being checked)."""


def as_new_submission(result: FileResult) -> NewSubmission:
    """The ledger's record of a checked file (the ledger refuses one not hashed, or skipped)."""
    return NewSubmission(
        rel_path=result.file, sha256=result.sha256 or "", verdict=str(result.verdict), findings=list(result.findings),
        bidang=result.bidang, template_version=result.template_version, form_id=result.form_id,
        values=result.values, raw_values=result.raw_values, keterangan=result.keterangan, kendala=result.kendala,
        anggaran=result.anggaran, faktor=result.faktor)


# --- the archive ------------------------------------------------------------------------------


def sha256_of(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _write_new(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename (no fsync: see :func:`repair_archive`)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"Arsip {target} tidak dapat ditulis: {exc.strerror or exc}") from exc


def _read_verified(src: Path, sha256: str) -> bytes:
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise IntakeError(f"{src} tidak dapat dibaca lagi untuk diarsipkan ({exc.strerror or exc}); mungkin "
                          "dipindah atau dibuka program lain. Jalankan pemeriksaan lagi.") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise IntakeError(f"{src} berubah selama pemeriksaan (mungkin sedang disimpan). "
                          "Tunggu sampai selesai disimpan, lalu jalankan pemeriksaan lagi.")
    return data


def _move_staged(staged: Path, target: Path) -> bool:
    """Rename a staged copy into place (the caller has seen that ``target`` does not exist).

    False when the staged copy is gone (e.g. removed as stale): the caller copies from the inbox.
    """
    try:
        try:
            os.replace(staged, target)
        except FileNotFoundError:
            if not staged.exists():
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
    except OSError as exc:
        raise OutputError(f"Arsip {target} tidak dapat ditulis: {exc.strerror or exc}") from exc
    return True


def archive_copy(src: Path, folder: Path, name: str, revision: int, sha256: str, *,
                 staged: Path | None = None) -> Path:
    """Copy ``src`` byte for byte into ``folder`` under its own name; never overwrite.

    A taken name gets the revision (``nama (revisi 1).xlsx``), then a counter.
    A file already there with the same bytes (a run interrupted after copying) is reused.
    ``staged`` is a complete copy of the same bytes written by a checker into the run's staging
    folder (:func:`stage_copy`): it is renamed into place instead of copying ``src`` again.
    """
    data = _read_verified(src, sha256) if staged is None else None
    stem, suffix = Path(name).stem, Path(name).suffix
    first = [name] + ([f"{stem} (revisi {revision}){suffix}"] if revision else [])
    for candidate in itertools.chain(first, (f"{stem} ({k}){suffix}" for k in range(2, 1000))):
        target = folder / candidate
        if target.exists():
            if sha256_of(target)[0] == sha256:
                return target
            continue
        if staged is not None and _move_staged(staged, target):
            return target
        _write_new(target, data if data is not None else _read_verified(src, sha256))
        return target
    raise IntakeError(f"Terlalu banyak berkas bernama {name} di {folder}.")  # pragma: no cover


# --- staging: archive copies written by the checkers -------------------------------------------

#: Below ``arsip/``: each run stages the accepted files' bytes in its own folder here; the
#: recorder renames a staged copy into ``arsip/PERIODE/`` once the ledger has given it a name.
STAGING = ".staging"
#: A staging folder without an owner record (made by an older version) untouched this long was left
#: by a run that crashed; folders with an owner are removed as soon as their owner is gone.
STALE_AFTER = 3600.0


def open_staging(arsip: Path) -> Path | None:
    """A new staging folder for one run below ``arsip/.staging``, owned by this process (pid and
    start time, :mod:`kinerja_xl.intake.guard`); the folders of runs that are no longer alive are
    removed first.

    ``None`` when it cannot be made: the recorder then copies from the inbox itself.
    """
    base = arsip / STAGING
    try:
        base.mkdir(parents=True, exist_ok=True)
        now = time.time()
        for old in base.iterdir():
            try:
                owner = owner_of(old) if old.is_dir() else None
                if owner is not None and owner.alive():
                    continue
                if owner is None and now - old.stat().st_mtime <= STALE_AFTER:
                    continue
                if old.is_dir():
                    shutil.rmtree(old)
                else:
                    old.unlink()
            except OSError:
                pass  # removed by another run meanwhile, or not removable: harmless
        folder = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=base))
        mark_owner(folder)
        return folder
    except OSError:
        return None


def close_staging(folder: Path | None) -> None:
    """Remove a run's staging folder with the copies it did not use (and ``.staging`` when empty)."""
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.parent.rmdir()
    except OSError:
        pass  # another run's folder is there, or it is gone already


_staged = itertools.count()
_own_folders: dict[tuple[Path, int], str] = {}


def stage_copy(folder: Path, data: bytes) -> str | None:
    """Write ``data`` into a new file in a run's staging folder; its path, or ``None`` on failure
    (the recorder then copies from the inbox and reports any error itself).

    Each process writes into its own sub-folder: creating files in one directory is serialised
    by the file system (ext4 holds the directory's lock while it allocates the inode, which is
    most of the cost), while renaming a staged file into the archive later is cheap.
    """
    key = (folder, os.getpid())
    own = _own_folders.get(key)
    try:
        if own is None:
            own = os.path.join(folder, str(key[1]))
            os.makedirs(own, exist_ok=True)
            _own_folders.clear()  # one run at a time per process
            _own_folders[key] = own
        path = os.path.join(own, f"{next(_staged)}.xlsx")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError:
        try:
            os.unlink(path)
        except OSError:
            pass
        return None
    return path


def repair_archive(workspace: Workspace, sub: Submission, src: Path) -> None:
    """Restore the archive copy of a recorded accepted file when it is missing or damaged.

    Archive copies are not fsync'ed one by one (that would triple the time of a
    run); after a power failure a copy may be empty or truncated. Its size and
    hash are checked whenever the same file is seen again, and the copy is
    rewritten from the inbox (the same bytes: same SHA-256).
    """
    if sub.verdict != "accepted" or not sub.archive_path:
        return
    target = workspace.root / sub.archive_path
    try:
        ok = target.stat().st_size == sub.size and sha256_of(target)[0] == sub.sha256
    except OSError:
        ok = False
    if not ok:
        data = src.read_bytes()
        if hashlib.sha256(data).hexdigest() == sub.sha256:
            _write_new(target, data)


# --- recording, as results arrive ----------------------------------------------------------------


def figures_from_ledger(result: FileResult, ledger: Ledger, submission_id: int) -> None:
    """Give ``result`` the figures recorded for its submission (what was typed, as recorded)."""
    result.values, result.raw_values, result.keterangan, result.kendala = ledger.values_of(submission_id)
    result.anggaran, result.faktor = ledger.budget_of(submission_id)


@dataclass
class _Member:
    result: FileResult
    path: Path
    size: int
    staged: str | None


class Recorder:
    """Records new results one by one (one transaction each), handling ``berkas-ganda``."""

    def __init__(self, workspace: Workspace, ledger: Ledger, period: Period, received_at: str,
                 outcomes: dict[str, FileOutcome]):
        self.workspace = workspace
        self.ledger = ledger
        self.period = period
        self.received_at = received_at
        self.outcomes = outcomes
        self._first_of_sha: dict[str, str] = {}
        self._groups: dict[str, list[_Member]] = {}
        self._arrived: dict[str, str] = {}  # file -> when it arrived
        self._arsip = workspace.arsip_dir(period)
        self._arsip_rel = self._arsip.relative_to(workspace.root).as_posix()  # copies are named below it

    def add(self, result: FileResult, path: Path, size: int, staged: str | None = None, *,
            received_at: str | None = None) -> None:
        """Record one result; ``staged`` is a copy of its bytes in the run's staging folder, if any;
        ``received_at`` when the file arrived (default: the run's time)."""
        self._arrived[result.file] = received_at or self.received_at
        outcome = self.outcomes.setdefault(result.file, FileOutcome())
        assert result.sha256 is not None
        if result.sha256 in self._first_of_sha:
            outcome.copy_of = self._first_of_sha[result.sha256]
        else:
            self._first_of_sha[result.sha256] = result.file
        group = self._groups.setdefault(result.bidang, []) if result.bidang else None
        if group is not None:
            group.append(_Member(result, path, size, staged))
            if len({m.result.sha256 for m in group}) > 1:
                self._duplicates(result.bidang or "", group)
                return
        if outcome.copy_of is None:
            self._record(result, path, size, outcome, staged)
            if result.verdict is Verdict.ACCEPTED and outcome.submission_id is not None:
                # the ledger has its figures, and nothing of the run reads them again (the laporan
                # lists verdicts and findings; only a returned file's umpan balik shows its figures):
                # a run holds ~1.4 KB per file instead of ~5 KB
                result.forget_figures()
        else:
            first = self.outcomes[outcome.copy_of]
            outcome.submission_id, outcome.revision = first.submission_id, first.revision
            outcome.archive_path = first.archive_path

    def _record(self, result: FileResult, path: Path, size: int, outcome: FileOutcome,
                staged: str | None = None) -> None:
        assert result.sha256 is not None
        sha = result.sha256

        def archive(revision: int) -> str:
            target = archive_copy(path, self._arsip, path.name, revision, sha,
                                  staged=Path(staged) if staged is not None else None)
            return f"{self._arsip_rel}/{target.name}"

        content = None
        if self.ledger.stores_originals:  # a PostgreSQL ledger keeps the bytes too (any server can serve them)
            content = _read_verified(Path(staged) if staged is not None and os.path.exists(staged) else path, sha)
        sub, _changed = self.ledger.record(
            as_new_submission(result), period=self.period.code, file_name=path.name, size=size,
            received_at=self._arrived.get(result.file, self.received_at),
            archive=archive if result.verdict is Verdict.ACCEPTED else None, content=content)
        outcome.submission_id = sub.id
        outcome.revision = sub.revision
        outcome.archive_path = self.workspace.root / sub.archive_path if sub.archive_path else None

    def _duplicates(self, bidang: str, group: list[_Member]) -> None:
        names = ", ".join(m.result.file for m in group)
        for m in group:
            r = m.result
            r.findings = [f for f in r.findings if f.code != codes.BERKAS_GANDA]
            r.findings.append(findings.make(codes.BERKAS_GANDA, file=r.file, bidang=bidang, n=len(group),
                                            berkas=names))
            r.verdict = Verdict.RETURNED
            outcome = self.outcomes[r.file]
            if outcome.copy_of is not None:
                outcome.revision = None
                outcome.archive_path = None
            elif outcome.submission_id is None:
                self._record(r, m.path, m.size, outcome)
            else:
                made = self.ledger.retract(outcome.submission_id, r.findings)
                if made:
                    (self.workspace.root / made).unlink(missing_ok=True)
                outcome.revision = None
                outcome.archive_path = None
                figures_from_ledger(r, self.ledger, outcome.submission_id)  # its umpan balik shows them
