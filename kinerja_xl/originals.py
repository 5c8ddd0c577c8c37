"""The originals of recorded submissions: where their bytes are, and writing them back out.

A submission's original is in the inbox (``masuk/PERIODE/``, as received), in the archive
(``arsip/PERIODE/``, accepted ones) and — with a PostgreSQL ledger — in the ledger's ``originals``
table, so that a server on another machine, or an operator with only the database, has every one.
Every copy is checked against the SHA-256 the ledger recorded before it is used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kinerja_xl.errors import OutputError
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period, parse_period
from kinerja_xl.workspace import Workspace
from kinerja_xl.xlsx import atomic_write_bytes


def _verified(data: bytes | None, sha256: str) -> bytes | None:
    return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def original_bytes(ws: Workspace, sub: Submission, ledger: Ledger | None = None) -> bytes | None:
    """The original's bytes, from the inbox, the archive or the ledger (whichever holds the recorded
    bytes first); None when none does."""
    period = parse_period(sub.period, quarter_only=True)
    places = [ws.masuk_dir(period) / sub.rel_path]
    if sub.archive_path:
        places.append(ws.root / sub.archive_path)
    for place in places:
        data = _verified(_read(place), sub.sha256)
        if data is not None:
            return data
    if ledger is None:
        with Ledger(ws.ledger_url) as own:
            return _verified(own.original(sub.sha256), sub.sha256)
    return _verified(ledger.original(sub.sha256), sub.sha256)


@dataclass(frozen=True)
class ExportedOriginal:
    submission_id: int
    bidang: str | None
    verdict: str
    path: Path | None  # None: no copy of its bytes was found
    written: bool  # False: the same bytes were there already

    def to_dict(self) -> dict[str, object]:
        return {"id": self.submission_id, "bidang": self.bidang, "verdict": self.verdict,
                "path": str(self.path) if self.path else None, "written": self.written}


_UNSAFE = re.compile(r"[^\w.\- ()]+")


def export_name(sub: Submission) -> str:
    """``PERIODE/diterima/BIDANG-rN-NAME`` or ``PERIODE/dikembalikan/ID-NAME``: unique per submission,
    safe on any disk."""
    name = _UNSAFE.sub("_", Path(sub.file_name).name) or "berkas.xlsx"
    if sub.verdict == "accepted":
        return f"{sub.period}/diterima/{sub.bidang or 'X'}-r{sub.revision or 0}-{name}"
    return f"{sub.period}/dikembalikan/{sub.id}-{name}"


def export_originals(ws: Workspace, period: Period, dest: Path) -> list[ExportedOriginal]:
    """Write every recorded original of ``period`` (accepted and returned) into ``dest``, byte for byte.

    A file already in ``dest`` with the same bytes is left as it is; one with other bytes is never
    overwritten (:class:`OutputError`). Each file is written atomically (temporary file, rename).
    """
    out: list[ExportedOriginal] = []
    with Ledger(ws.ledger_url) as ledger:
        subs = [s for q in period.quarters for s in ledger.submissions(f"{period.year}-TW{q}")]
        for sub in subs:
            data = original_bytes(ws, sub, ledger)
            target = dest / export_name(sub)
            if data is None:
                out.append(ExportedOriginal(sub.id, sub.bidang, sub.verdict, None, False))
                continue
            existing = _read(target) if target.exists() else None
            if existing is not None:
                if existing != data:
                    raise OutputError(f"{target} sudah ada dengan isi lain; tidak ditimpa. Pilih folder "
                                      "tujuan yang kosong, lalu ulangi.")
                out.append(ExportedOriginal(sub.id, sub.bidang, sub.verdict, target, False))
                continue
            atomic_write_bytes(target, data)
            out.append(ExportedOriginal(sub.id, sub.bidang, sub.verdict, target, True))
    return out
