"""Workspace-level operations: one function per CLI command.

Each takes the workspace folder (``None`` = the current folder) and plain
arguments, and returns data; none prints or exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kinerja_xl.catalog.model import Catalog, FormCatalog
from kinerja_xl.errors import UsageError
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace, WorkspaceRef, init_workspace, open_workspace

__all__ = [
    "FormsResult", "check", "check_catalog", "create_forms", "export", "init_workspace", "lkjip",
    "merge", "status", "suggested_period",
]

_C = TypeVar("_C", bound=FormCatalog)

def suggested_period(today: dt.date | None = None) -> str:
    """The quarter a planning office collects now: the one that ended last."""
    today = today or dt.date.today()
    q = (today.month - 1) // 3  # the quarter before the current one
    return f"{today.year - 1}-TW4" if q == 0 else f"{today.year}-TW{q}"


def check_catalog(workspace: WorkspaceRef):  # -> CatalogLoad
    """Load the workspace's catalog and return it with every finding (never raises for bad content)."""
    from kinerja_xl.catalog.loader import load_catalog

    ws = open_workspace(workspace)
    return load_catalog(ws.katalog_path)


def _catalog_for(ws: Workspace, period: Period) -> Catalog:
    return _of_year(ws, ws.load_catalog(), period)


def _catalog_by_bidang_for(ws: Workspace, period: Period) -> FormCatalog:
    """The catalog one bidang at a time (``forms``, ``check``: their memory does not grow with the
    number of bidang)."""
    return _of_year(ws, ws.load_catalog_by_bidang(), period)


def _of_year(ws: Workspace, catalog: _C, period: Period) -> _C:
    if catalog.instansi.tahun != period.year:
        raise UsageError(
            f"Katalog berisi target tahun {catalog.instansi.tahun}, tetapi periode yang diminta "
            f"{period.code}. Pakai periode tahun {catalog.instansi.tahun}, atau ubah tahun dan "
            f"target di {ws.katalog_path.name} (lembar Instansi)."
        )
    return catalog


def _histories(ws: Workspace, period: Period) -> tuple[dict[int, dict[str, float | None]],
                                                      dict[int, dict[str, dict[str, float | None]]]]:
    """Accepted element values and budget figures (Anggaran sheet) of the quarters before ``period``
    in the same year, by quarter (the forms' context columns)."""
    earlier = list(range(1, period.last_quarter))
    if not earlier or (ws.db is None and not ws.ledger_path.exists()):
        return {}, {}  # the first quarter's forms import no ledger
    from kinerja_xl.ledger import Ledger

    values: dict[int, dict[str, float | None]] = {}
    budget: dict[int, dict[str, dict[str, float | None]]] = {}
    with Ledger(ws.ledger_url) as ledger:
        accepted = ledger.accepted(period.year, earlier)
    for sub in accepted:
        values.setdefault(sub.quarter, {}).update(sub.values)
        budget.setdefault(sub.quarter, {}).update(sub.anggaran)
    return values, budget


@dataclass(frozen=True)
class FormsResult:
    paths: list[Path]
    folder: Path
    inbox: Path
    deadline: dt.date

    @property
    def deadline_text(self) -> str:
        from kinerja_xl.angka import tanggal_indonesia

        return tanggal_indonesia(self.deadline)


def create_forms(workspace: WorkspaceRef, period: Period, *, now: dt.datetime | None = None,
                 jobs: int | None = None) -> FormsResult:
    """Write one form per bidang into ``formulir/PERIODE/`` (and create ``masuk/PERIODE/``).

    ``jobs``: processes writing forms side by side (``None``: one per CPU; 1: in this process).
    """
    from kinerja_xl.forms.writer import generate_forms

    ws = open_workspace(workspace)
    catalog = _catalog_by_bidang_for(ws, period)
    folder = ws.formulir_dir(period)
    created = (now or dt.datetime.now()).replace(microsecond=0)
    history, budget_history = _histories(ws, period)
    paths = generate_forms(catalog, period, folder, created=created, history=history,
                           budget_history=budget_history, jobs=jobs)
    inbox = ws.masuk_dir(period)
    inbox.mkdir(parents=True, exist_ok=True)
    deadline = catalog.instansi.deadline(period)
    return FormsResult(paths=paths, folder=folder, inbox=inbox, deadline=deadline)


def check(workspace: WorkspaceRef, period: Period, inbox: Path | None = None, *, jobs: int | None = None,
          progress: Callable[[int, int], None] | None = None, now: dt.datetime | None = None,
          waiting: Callable[[str], None] | None = None):  # -> CheckReport
    """Check every file below the inbox; record verdicts in the ledger; write the reports.

    ``waiting(text)``: called when another check of the workspace runs (this one waits for it)."""
    from kinerja_xl.intake.run import check_inbox

    ws = open_workspace(workspace)
    catalog = _catalog_by_bidang_for(ws, period)
    if inbox is not None and not Path(inbox).is_dir():
        raise UsageError(f"Folder {inbox} tidak ada. Sebutkan folder berisi berkas isian yang masuk.")
    return check_inbox(ws, period, inbox, jobs=jobs, progress=progress, now=now, catalog=catalog, waiting=waiting)


def status(workspace: WorkspaceRef, period: Period, *, today: dt.date | None = None):  # -> list[BidangStatus]
    """Every bidang's collection state for the period."""
    from kinerja_xl.status import bidang_status

    ws = open_workspace(workspace)
    return bidang_status(ws, period, today=today, catalog=_catalog_for(ws, period))


def merge(workspace: WorkspaceRef, period: Period, *, output: Path | None = None, pdf: bool = False):
    """Write the recap workbook of the period from the accepted submissions in the ledger."""
    from kinerja_xl.recap import merge_workspace

    ws = open_workspace(workspace)
    catalog = _of_year(ws, ws.load_catalog_deflated(), period)  # memory that hardly grows with the units
    return merge_workspace(ws, catalog, period, output=output, pdf=pdf)


def perjanjian(workspace: WorkspaceRef, tahun: int, *, output: Path | None = None):  # -> PerjanjianResult
    """Write the year's Perjanjian Kinerja (Kepala OPD and each Kepala Bidang) from the catalog alone."""
    from kinerja_xl.period import parse_period
    from kinerja_xl.recap.run import perjanjian_workspace

    ws = open_workspace(workspace)
    catalog = _catalog_for(ws, parse_period(str(tahun)))
    return perjanjian_workspace(ws, catalog, output=output)


def export(workspace: WorkspaceRef, period: Period, *, output: Path | None = None,
           flavour: str | None = None):  # -> ExportResult
    """Write the tidy tables (capaian; anggaran with a budget tree) for SILAKIP / e-SAKIP or Excel."""
    from kinerja_xl.recap import Flavour, export_workspace

    ws = open_workspace(workspace)
    catalog = _catalog_for(ws, period)
    return export_workspace(ws, catalog, period, output=output,
                            flavour=None if flavour is None else Flavour(flavour))


# --- the office server's commands (serve, tautan, pengguna, riwayat, status --pengingat) ----------


def default_base_url(port: int = 8000) -> str:
    """The address the bidang reach the server at: this PC's address on the office network."""
    from kinerja_xl.netaddr import lan_addresses

    return f"http://{(lan_addresses() or ['127.0.0.1'])[0]}:{port}"


def links(workspace: WorkspaceRef, *, base_url: str, renew: str | None = None):  # -> list[(BidangLink, url)]
    """Every bidang's upload link (made when missing); ``renew`` replaces that bidang's token."""
    from kinerja_xl.access import bidang_links

    ws = open_workspace(workspace)
    return [(link, link.url(base_url)) for link in bidang_links(ws, renew=renew)]


def add_user(workspace: WorkspaceRef, name: str, password: str) -> bool:
    """Add a pengelola (or set a new password); True when new."""
    from kinerja_xl.access import add_user as _add

    return _add(workspace, name, password)


def history(workspace: WorkspaceRef, period: Period, bidang: str):  # -> list[Revision]
    """What each accepted revision of a bidang changed in the period."""
    from kinerja_xl.history import revisions

    ws = open_workspace(workspace)
    return revisions(ws, _catalog_for(ws, period), period, bidang)


def reminders(workspace: WorkspaceRef, period: Period, *, base_url: str, today: dt.date | None = None):
    """Ready reminder messages for the bidang that have not sent, were returned, or are late."""
    from kinerja_xl.board import links as link_urls
    from kinerja_xl.reminders import reminders as _reminders

    ws = open_workspace(workspace)
    catalog = _catalog_for(ws, period)
    return _reminders(ws, catalog, period, link_urls(ws, catalog, base_url), today=today)


def check_ledger(workspace: Path | None, db: str | None, *, migrate: bool = False):  # -> LedgerInfo
    """``db periksa``: the ledger at ``db``, else the workspace's own: reachable, schema version."""
    from kinerja_xl.ledger import describe_ledger

    return describe_ledger(db if db else open_workspace(workspace).ledger_path, migrate_it=migrate)


def export_originals(workspace: WorkspaceRef, period: Period, dest: Path):  # -> list[ExportedOriginal]
    """``arsip ekspor``: every recorded original of the period written into ``dest``, byte for byte."""
    from kinerja_xl.originals import export_originals as export

    return export(open_workspace(workspace), period, dest)


def lkjip(workspace: WorkspaceRef, period: Period, *, output: Path | None = None, pdf: bool = False):
    """Write the LKjIP Bab III draft (.docx) of a year from the same model as the annual recap."""
    from kinerja_xl.lkjip.run import lkjip_workspace

    ws = open_workspace(workspace)
    catalog = _catalog_for(ws, period)
    return lkjip_workspace(ws, catalog, period, output=output, pdf=pdf)
