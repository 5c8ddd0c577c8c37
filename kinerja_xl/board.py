"""What the pengelola's pages show: the board of a period, one submission in full, the bidang links,
the forms as one zip, and the outputs (recap, PDF, LKjIP draft) ready to download."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_xl import access
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.history import Revision, revisions
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period, parse_period
from kinerja_xl.portal import NotFound
from kinerja_xl.reminders import Reminder, reminders
from kinerja_xl.status import BidangStatus, statuses
from kinerja_xl.workspace import Workspace

#: Files below ``rekap/`` (and ``laporan/``) the pengelola may download, by extension.
OUTPUT_SUFFIXES = (".xlsx", ".pdf", ".docx", ".csv", ".zip")


@dataclass
class BoardView:
    period: Period
    periods: list[Period]  # every quarter of the catalog's year
    rows: list[BidangStatus]
    reminders: list[Reminder]
    forms_made: bool
    outputs: list[Path] = field(default_factory=list)  # recap, PDF, LKjIP … of this period's year
    last_submission: dict[str, int] = field(default_factory=dict)  # bidang -> id of its latest submission

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rows:
            key = "diterima" if r.accepted else r.state
            out[key] = out.get(key, 0) + 1
        return out


def links(ws: Workspace, catalog: Catalog, base_url: str) -> dict[str, str]:
    return {link.bidang: link.url(base_url) for link in access.bidang_links(ws, catalog)}


def board(ws: Workspace, catalog: Catalog, period: Period, *, base_url: str, today: dt.date | None = None
          ) -> BoardView:
    today = today or dt.date.today()
    with Ledger(ws.ledger_url) as ledger:
        rows = statuses(catalog, ledger, period, today)
        last = {s.bidang: s.id for s in ledger.submissions(period.code) if s.bidang}
    quarters = [Period(catalog.instansi.tahun, "TW", n) for n in range(1, 5)]
    return BoardView(period, quarters, rows,
                     reminders(ws, catalog, period, links(ws, catalog, base_url), today=today),
                     ws.formulir_dir(period).is_dir(), outputs(ws, period), last)


def outputs(ws: Workspace, period: Period | None = None) -> list[Path]:
    """The files in ``rekap/`` (of the period's year, when given), newest first."""
    folder = ws.rekap_dir()
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in OUTPUT_SUFFIXES
             and not p.name.startswith((".", "~"))
             and (period is None or str(period.year) in p.name)]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def output_file(ws: Workspace, name: str) -> Path:
    """One file of :func:`outputs`, by its name exactly as listed (nothing else can be reached)."""
    for path in outputs(ws):
        if path.name == name:
            return path
    raise NotFound("Berkas itu tidak ada di folder rekap.")


@dataclass
class SubmissionView:
    submission: Submission
    bidang_nama: str
    files: dict[str, bool]  # "asli" / "umpan-balik" -> present
    revision: Revision | None  # the changes, for an accepted submission
    all_of_bidang: list[Submission] = field(default_factory=list)  # every submission of its bidang, the period


def submission_view(ws: Workspace, catalog: Catalog, submission_id: int) -> SubmissionView:
    from kinerja_xl.portal import submission, submission_file

    sub = submission(ws, submission_id)
    files = {}
    for kind in ("asli", "umpan-balik"):
        try:
            submission_file(ws, sub, kind)
            files[kind] = True
        except NotFound:
            files[kind] = False
    rev = None
    b = catalog.bidang_by_kode.get(sub.bidang or "")
    if sub.verdict == "accepted" and b is not None:
        rev = next((r for r in revisions(ws, catalog, parse_period(sub.period), b.kode)
                    if r.submission.id == sub.id), None)
    others: list[Submission] = []
    if sub.bidang:
        with Ledger(ws.ledger_url) as ledger:
            others = ledger.submissions(sub.period, sub.bidang)
    return SubmissionView(sub, b.nama if b else "(tidak dikenali)", files, rev, others)


def forms_zip(ws: Workspace, catalog: Catalog, period: Period) -> Path:
    """``formulir/PERIODE.zip`` with every form of the period (rewritten when a form is newer)."""
    folder = ws.formulir_dir(period)
    forms = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith((".", "~"))) if folder.is_dir() else []
    if not forms:
        raise NotFound(f"Formulir {period.label} belum dibuat.")
    target = folder.parent / f"formulir-{period.code}.zip"
    if target.exists() and target.stat().st_mtime >= max(p.stat().st_mtime for p in forms):
        return target
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in forms:
                zf.write(p, p.name)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


@dataclass(frozen=True)
class LinkRow:
    bidang: str
    nama: str
    url: str
    qr_svg: str  # inline SVG


def links_with_qr(ws: Workspace, catalog: Catalog, base_url: str) -> list[LinkRow]:
    import segno

    return [LinkRow(link.bidang, link.nama, url, segno.make(url, error="m").svg_inline(scale=4, border=2))
            for link in access.bidang_links(ws, catalog) for url in [link.url(base_url)]]
