"""One file uploaded through a bidang's link: saved into the inbox, then checked like ``check`` does.

The bytes are written under a safe, new name in ``masuk/PERIODE/`` (never a name that leaves the
folder, never over an earlier file: a hidden temporary file is linked into place, which fails
rather than overwrites), its modification time set to the moment of upload (the arrival time the
ledger records), and :func:`kinerja_xl.intake.run.check_inbox` checks just that file — the same
checker, recorder, archive and umpan balik as ``kinerja-xl check``. The same bytes uploaded again
are not saved twice: the recorded verdict is shown again.

A form that belongs to another bidang (or to none) is returned: a link only ever submits for its
own bidang.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kinerja_xl import findings
from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.errors import OutputError, UsageError
from kinerja_xl.intake import codes
from kinerja_xl.intake.result import FileOutcome, FileResult, Previous, Verdict
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace

_SAFE = re.compile(r"[^A-Za-z0-9 ._()-]+")
_MAX_STEM = 80


def safe_name(original: str, bidang: str, when: datetime) -> str:
    """``DAFDUK 2025-04-05 093000 isian capil.xlsx``: the bidang and the upload time, then what is
    left of the original name after dropping any folder part and every character outside a small
    safe set (so no name can leave the inbox, hide itself, or trouble Windows)."""
    base = re.split(r"[/\\]", original or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    suffix = _SAFE.sub("", suffix).lower()[:8] or "xlsx"
    stem = " ".join(_SAFE.sub(" ", stem).split()).strip(" .-")[:_MAX_STEM]
    kode = _SAFE.sub("", bidang)[:30] or "bidang"
    parts = [kode, when.strftime("%Y-%m-%d %H%M%S"), *([stem] if stem else [])]
    return f"{' '.join(parts)}.{suffix}"


def save_upload(inbox: Path, name: str, data: bytes, when: datetime) -> Path:
    """Write ``data`` as a new file in ``inbox`` named ``name`` (or ``name (2)`` …); never overwrite."""
    try:
        inbox.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".unggah-", suffix=".tmp", dir=inbox)  # hidden: check skips it
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            stamp = when.timestamp()
            os.utime(tmp, (stamp, stamp))
            stem, suffix = os.path.splitext(name)
            for k in range(1, 1000):
                target = inbox / (name if k == 1 else f"{stem} ({k}){suffix}")
                try:
                    os.link(tmp, target)  # fails if the name is taken: never overwrites
                except FileExistsError:
                    continue
                return target
        finally:
            os.unlink(tmp)
    except OSError as exc:
        raise OutputError(f"Berkas unggahan tidak dapat disimpan di {inbox}: {exc.strerror or exc}") from exc
    raise OutputError(f"Terlalu banyak berkas bernama {name} di {inbox}.")  # pragma: no cover


class UploadRefused(UsageError):
    """An upload that is not saved at all: a file name with a path in it, or a zip bomb."""


def refuse_before_saving(original_name: str, data: bytes) -> None:
    """Refuse what no honest browser sends and what could harm the server, before anything is saved.

    A browser sends only a file's own name; a name with a folder part, ``..`` or control characters
    is an attempt to write elsewhere. A package that would unpack to an enormous size (a zip bomb) is
    found by the intake's own guard (:func:`kinerja_xl.intake.files.open_package`) and never stored.
    """
    from kinerja_xl.intake.files import open_package

    name = original_name or ""
    if (any(c in name for c in "/\\") or name.strip() in ("", ".", "..") or any(ord(c) < 32 for c in name)
            or len(name) > 255):
        raise UploadRefused("Nama berkas itu tidak dapat diterima (berisi nama folder atau karakter khusus). "
                            "Simpan formulir dengan nama biasa, misalnya 'Formulir CAPIL.xlsx', lalu unggah lagi.")
    opened = open_package(data, name)
    bomb = [f for f in opened.findings if f.code == codes.BERKAS_TERLALU_BESAR]
    if bomb:
        raise UploadRefused(f"Berkas ditolak dan tidak disimpan: {bomb[0].message}")


@dataclass
class UploadResult:
    """The verdict on one uploaded file, as the bidang's page shows it."""

    result: FileResult
    outcome: FileOutcome
    submission_id: int | None
    saved: Path | None  # None: the same bytes were uploaded before (nothing saved again)
    received_at: str


def _own_bidang(bidang: str):  # -> CheckFn
    """The single-file checker, returning a form of another bidang (or of none) under ``bidang``."""
    from kinerja_xl.intake.checker import check_file

    def check(path: Path, catalog: FormCatalog, period: Period, *, display_name: str,
              previous: Previous | None = None) -> FileResult:
        result = check_file(path, catalog, period, display_name=display_name, previous=previous)
        if result.bidang is not None and result.bidang != bidang:
            result.findings.insert(0, findings.make(codes.FORMULIR_BIDANG_LAIN, file=display_name, bidang=bidang,
                                                    lain=result.bidang))
            result.verdict = Verdict.RETURNED
            # nothing of another bidang's data is kept under this bidang
            result.forget_figures()
        result.bidang = bidang
        return result

    return check


def check_upload(workspace: Workspace, catalog: FormCatalog, period: Period, bidang: str, original_name: str,
                 data: bytes, *, now: datetime | None = None) -> UploadResult:
    """Save one uploaded file of ``bidang`` into the inbox and check, record and answer it."""
    from kinerja_xl.intake.run import _from_ledger, check_inbox

    now = (now or datetime.now()).replace(microsecond=0)
    refuse_before_saving(original_name, data)
    sha = hashlib.sha256(data).hexdigest()
    with Ledger(workspace.ledger_url) as ledger:
        earlier = ledger.find(period.code, sha)
        if earlier is not None and earlier.bidang == bidang:
            from kinerja_xl.intake.feedback import feedback_name

            result = _from_ledger(earlier, earlier.rel_path, ledger)
            feedback = workspace.umpan_balik_dir(period) / feedback_name(earlier.rel_path)
            outcome = FileOutcome(earlier=earlier.received_at, submission_id=earlier.id, revision=earlier.revision,
                                  archive_path=workspace.root / earlier.archive_path if earlier.archive_path else None,
                                  feedback_path=feedback if earlier.verdict == "returned" and feedback.exists() else None)
            return UploadResult(result, outcome, earlier.id, None, earlier.received_at)
    inbox = workspace.masuk_dir(period)
    path = save_upload(inbox, safe_name(original_name, bidang, now), data, now)
    report = check_inbox(workspace, period, only=[path], jobs=1, now=now, catalog=catalog,
                         check=_own_bidang(bidang))
    [result] = report.files
    outcome = report.outcome(result)
    return UploadResult(result, outcome, outcome.submission_id, path, now.isoformat(timespec="seconds"))
