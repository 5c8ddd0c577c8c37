"""The recap of a workspace: read the ledger, write ``rekap/rekap-PERIODE.xlsx`` (and CSV, PDF)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.frozen import collector_spares_what_exists
from kinerja_xl.ledger import AcceptedSubmission, Ledger
from kinerja_xl.period import Period
from kinerja_xl.recap.export import ExportResult, Flavour, export_csv
from kinerja_xl.recap.model import build_model
from kinerja_xl.recap.pdf import recap_to_pdf
from kinerja_xl.recap.sheets.perjanjian import (
    PerjanjianResult,
    write_perjanjian_workbook,
)
from kinerja_xl.recap.submissions import (
    ChosenSubmissions,
    RecapSubmission,
    received_stamp,
)
from kinerja_xl.recap.workbook import RecapResult, write_recap_model
from kinerja_xl.workspace import Workspace


def recap_path(ws: Workspace, period: Period) -> Path:
    return ws.rekap_dir() / f"rekap-{period.code}.xlsx"


def csv_path(ws: Workspace, period: Period, flavour: Flavour = Flavour.CSV) -> Path:
    return ws.rekap_dir() / f"capaian-{period.code}{flavour.suffix}"


def document_date(period: Period,
                  submissions: ChosenSubmissions | Sequence[AcceptedSubmission | RecapSubmission]) -> dt.datetime:
    """The recap's date: the latest acceptance it includes (so the same ledger gives the same recap),
    or the period's last day when nothing was accepted."""
    if isinstance(submissions, ChosenSubmissions):
        latest = submissions.latest
    else:
        latest = max((s for s in map(received_stamp, (sub.received_at for sub in submissions)) if s is not None),
                     default=None)
    if latest is not None:
        return latest.replace(microsecond=0)
    end = period.end_date
    return dt.datetime(end.year, end.month, end.day)


def accepted(ws: Workspace, period: Period) -> list[AcceptedSubmission]:
    with Ledger(ws.ledger_url) as ledger:
        return ledger.accepted(period.year, range(1, period.last_quarter + 1))


def accepted_compact(ws: Workspace, catalog: Catalog, period: Period) -> ChosenSubmissions:
    """The accepted submissions of the period as the recap reads them, read from the ledger a few
    at a time (:meth:`Ledger.iter_accepted`) and kept deflated (:class:`ChosenSubmissions`)."""
    with Ledger(ws.ledger_url) as ledger:
        return ChosenSubmissions(catalog, period, ledger.iter_accepted(period.year, range(1, period.last_quarter + 1)))


def merge_workspace(ws: Workspace, catalog: Catalog, period: Period, *, output: Path | None = None,
                    pdf: bool = False) -> RecapResult:
    """``kinerja-xl merge``: the recap of ``period`` from the workspace's ledger."""
    from kinerja_xl.status import bidang_status

    with collector_spares_what_exists() as spared:  # the catalog, then the model
        subs = accepted_compact(ws, catalog, period)
        generated = document_date(period, subs)
        statuses = bidang_status(ws, period.quarter(period.last_quarter), generated.date(), catalog=catalog)
        path = Path(output) if output is not None else recap_path(ws, period)
        model = build_model(catalog, period, subs, statuses)
        del subs, statuses  # in the model now: not held while the workbook is written
        spared.what_exists_now()
        result = write_recap_model(model, path, generated=generated)
    if pdf:
        result = replace(result, pdf=recap_to_pdf(result.path))
    return result


def export_workspace(ws: Workspace, catalog: Catalog, period: Period, *, output: Path | None = None,
                     flavour: Flavour | None = None) -> ExportResult:
    """``kinerja-xl export``: the tidy tables of ``period`` from the workspace's ledger.

    Without ``flavour``, an ``output`` ending in ``.xlsx`` chooses the workbook; otherwise plain CSV.
    """
    if flavour is None:
        flavour = Flavour.XLSX if output is not None and Path(output).suffix.lower() == ".xlsx" else Flavour.CSV
    path = Path(output) if output is not None else csv_path(ws, period, flavour)
    return export_csv(catalog, period, accepted_compact(ws, catalog, period), path, flavour)


def perjanjian_path(ws: Workspace, tahun: int) -> Path:
    return ws.rekap_dir() / f"perjanjian-kinerja-{tahun}.xlsx"


def perjanjian_workspace(ws: Workspace, catalog: Catalog, *, output: Path | None = None) -> PerjanjianResult:
    """``kinerja-xl pk``: every Perjanjian Kinerja of the catalog's year, from the catalog alone."""
    path = Path(output) if output is not None else perjanjian_path(ws, catalog.instansi.tahun)
    return write_perjanjian_workbook(catalog, path)
