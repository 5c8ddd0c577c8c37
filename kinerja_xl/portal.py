"""What the office server shows: one bidang's own periods and files, and the files a pengelola opens.

Every path handed out here is built from the workspace layout, the catalog and the ledger —
never from a name in a request — so no request can reach a file outside the workspace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.errors import KinerjaError
from kinerja_xl.forms.writer import form_file_name
from kinerja_xl.intake.feedback import feedback_name
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period, parse_period
from kinerja_xl.status import BidangStatus, statuses
from kinerja_xl.workspace import Workspace


class NotFound(KinerjaError):
    """What was asked for does not exist (or is not this bidang's)."""


def form_periods(ws: Workspace, catalog: Catalog) -> list[Period]:
    """The quarters whose forms have been made (``formulir/PERIODE/``) for the catalog's year, newest first."""
    found = []
    folder = ws.root / "formulir"
    if folder.is_dir():
        for child in folder.iterdir():
            try:
                period = parse_period(child.name, quarter_only=True)
            except KinerjaError:
                continue
            if child.is_dir() and period.year == catalog.instansi.tahun:
                found.append(period)
    return sorted(found, key=lambda p: p.n, reverse=True)


@dataclass
class PeriodView:
    """One period as a bidang sees it."""

    period: Period
    status: BidangStatus
    form: Path | None  # the blank form, if made
    feedback: Path | None  # the marked copy of the last returned file, while nothing accepted stands
    submissions: list[Submission] = field(default_factory=list)  # newest first

    @property
    def deadline(self) -> dt.date:
        return self.status.deadline


def bidang_periods(ws: Workspace, catalog: Catalog, bidang: str, *, today: dt.date | None = None
                   ) -> list[PeriodView]:
    """Every period with forms, as ``bidang`` sees it: deadline, state, form, its own submissions."""
    b = catalog.bidang_by_kode[bidang]
    today = today or dt.date.today()
    views = []
    with Ledger(ws.ledger_url) as ledger:
        for period in form_periods(ws, catalog):
            status = next((s for s in statuses(catalog, ledger, period, today) if s.bidang == bidang), None)
            if status is None:
                continue
            subs = ledger.submissions(period.code, bidang)
            form = ws.formulir_dir(period) / form_file_name(b, period)
            feedback = None
            if subs and not status.accepted and subs[-1].verdict == "returned":
                path = ws.umpan_balik_dir(period) / feedback_name(subs[-1].rel_path)
                feedback = path if path.is_file() else None
            views.append(PeriodView(period, status, form if form.is_file() else None, feedback, subs[::-1]))
    return views


def submission(ws: Workspace, submission_id: int, bidang: str | None = None) -> Submission:
    """A recorded submission (of ``bidang`` only, when given)."""
    with Ledger(ws.ledger_url) as ledger:
        sub = ledger.get(submission_id)
    if sub is None or (bidang is not None and sub.bidang != bidang):
        raise NotFound("Kiriman itu tidak ada.")
    return sub


def submission_file(ws: Workspace, sub: Submission, kind: str) -> Path:
    """``asli`` (the file as received) or ``umpan-balik`` (the marked copy) of a submission."""
    period = parse_period(sub.period, quarter_only=True)
    if kind == "asli":
        path = ws.masuk_dir(period) / sub.rel_path
        if not path.is_file() and sub.archive_path:
            path = ws.root / sub.archive_path
    elif kind == "umpan-balik":
        path = ws.umpan_balik_dir(period) / feedback_name(sub.rel_path)
    else:
        raise NotFound("Berkas itu tidak ada.")
    root = ws.root.resolve()
    if not path.is_file() or not path.resolve().is_relative_to(root):
        raise NotFound("Berkas itu belum ada atau sudah dipindahkan.")
    return path


def blank_form(ws: Workspace, catalog: Catalog, bidang: str, period: Period) -> Path:
    path = ws.formulir_dir(period) / form_file_name(catalog.bidang_by_kode[bidang], period)
    if not path.is_file():
        raise NotFound(f"Formulir {period.label} untuk bidang {bidang} belum dibuat.")
    return path
