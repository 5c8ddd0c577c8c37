"""Writing the recap workbook: layouts first, then each sheet top to bottom, atomically."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import xlsxwriter

from kinerja_xl import __version__
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period
from kinerja_xl.recap import layout as L
from kinerja_xl.recap.model import RecapModel, build_model
from kinerja_xl.recap.sheets import capaian, elemen, skala
from kinerja_xl.recap.sheets.common import Context
from kinerja_xl.recap.styles import Formats
from kinerja_xl.xlsx import build_workbook

#: sheet name -> module with ``layout(model)`` and ``write(ws, ctx)``
SHEET_MODULES: dict[str, ModuleType] = {
    L.SHEET_ELEMEN: elemen,
    L.SHEET_CAPAIAN: capaian,
    L.SHEET_SKALA: skala,
}


@dataclass(frozen=True)
class RecapResult:
    """What :func:`write_recap` wrote."""

    path: Path
    period: Period
    indikator: int
    elemen: int
    submissions: int
    pdf: Path | None = None


def layouts_for(model: RecapModel) -> dict[str, L.SheetLayout]:
    """Where every value of the model's workbook lives, by sheet name."""
    return {name: mod.layout(model) for name, mod in SHEET_MODULES.items() if hasattr(mod, "layout")}


def write_model(model: RecapModel, path: Path, *, generated: dt.datetime) -> None:
    """Write the workbook of an already computed model (atomically)."""
    layouts = layouts_for(model)

    def fill(wb: xlsxwriter.Workbook) -> None:
        ins = model.catalog.instansi
        wb.set_properties({
            "title": f"Rekap Capaian Kinerja {model.period.label}",
            "subject": ins.nama_opd,
            "author": ins.penyusun_nama or ins.nama_opd,
            "company": ins.pemerintah_daerah,
            "comments": f"Dibuat dengan kinerja-xl {__version__}",
            "created": generated,
        })
        ctx = Context(model=model, layouts=layouts, fmt=Formats(wb), generated=generated)
        sheets = {name: wb.add_worksheet(name) for name in L.SHEETS if name in SHEET_MODULES}
        for name, ws in sheets.items():
            SHEET_MODULES[name].write(ws, ctx)
        first = next(iter(sheets.values()))
        first.activate()

    build_workbook(path, fill, constant_memory=True)


def write_recap(catalog: Catalog, period: Period, submissions: Sequence[AcceptedSubmission], path: Path, *,
                statuses: Sequence[object] | None = None, generated: dt.datetime) -> RecapResult:
    """Write the recap workbook of ``period`` to ``path`` from the accepted submissions.

    ``statuses``: each bidang's collection state for *Status Pengumpulan*
    (:class:`~kinerja_xl.recap.model.BidangStatusRow`, a ``(bidang, state,
    received_at, revisi)`` tuple, or an object with those attributes); when
    omitted the state is derived from the submissions. ``generated`` is the
    document date written into the workbook (fixed, so the same input gives
    the same workbook).
    """
    model = build_model(catalog, period, submissions, statuses)
    path = Path(path)
    write_model(model, path, generated=generated)
    return RecapResult(path=path, period=period, indikator=len(model.indikator), elemen=len(model.elemen),
                       submissions=model.submissions)
