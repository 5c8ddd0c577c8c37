"""Writing the recap workbook: layouts first, then each sheet top to bottom, atomically."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import __version__
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period
from kinerja_xl.recap import layout as L
from kinerja_xl.recap.model import RecapModel, build_model
from kinerja_xl.recap.sheets import (
    capaian,
    elemen,
    groups,
    monitoring,
    pengesahan,
    perjanjian,
    renja,
    renstra,
    renstra_program,
    ringkasan,
    serapan,
    skala,
    status,
)
from kinerja_xl.recap.sheets.common import Context
from kinerja_xl.recap.styles import Formats
from kinerja_xl.recap.worksheet import RecapWorksheet, release_written_rows
from kinerja_xl.status import BidangStatus
from kinerja_xl.xlsx import build_workbook

LayoutFn = Callable[[RecapModel], L.SheetLayout]
WriteFn = Callable[[Worksheet, Context], None]

#: sheet name -> (its layout, or None for a free-form sheet nobody refers to; its writer), in workbook order:
#: the sheets of every recap (see :func:`sheet_writers` for the budget and Renstra sheets)
SHEET_WRITERS: dict[str, tuple[LayoutFn | None, WriteFn]] = {
    L.SHEET_RINGKASAN: (None, ringkasan.write),
    L.SHEET_ELEMEN: (elemen.layout, elemen.write),
    L.SHEET_CAPAIAN: (capaian.layout, capaian.write),
    L.SHEET_RA: (monitoring.layout_ra, monitoring.write_ra),
    L.SHEET_IKU: (monitoring.layout_iku, monitoring.write_iku),
    L.SHEET_BIDANG: (groups.layout_bidang, groups.write_bidang),
    L.SHEET_SASARAN: (groups.layout_sasaran, groups.write_sasaran),
    L.SHEET_STATUS: (status.layout, status.write),
    L.SHEET_SKALA: (skala.layout, skala.write),
    L.SHEET_PENGESAHAN: (None, pengesahan.write),
}


#: Sheets of a catalog with an Anggaran tree, after Per Sasaran
BUDGET_WRITERS: dict[str, tuple[LayoutFn | None, WriteFn]] = {
    L.SHEET_RENJA: (renja.layout, renja.write),
    L.SHEET_SERAPAN: (serapan.layout, serapan.write),
    L.SHEET_PK: (None, perjanjian.write),
}
RENSTRA_WRITERS: dict[str, tuple[LayoutFn | None, WriteFn]] = {L.SHEET_RENSTRA: (renstra.layout, renstra.write)}
#: Evaluasi Renstra per program: an annual recap of a catalog with both a budget tree and Renstra plans
RENSTRA_PROGRAM_WRITERS: dict[str, tuple[LayoutFn | None, WriteFn]] = {
    renstra_program.SHEET_RENSTRA_PROGRAM: (renstra_program.layout, renstra_program.write)}


def sheet_writers(model: RecapModel) -> dict[str, tuple[LayoutFn | None, WriteFn]]:
    """The model's sheets in workbook order: budget sheets only with a budget tree, Renstra only in annual recaps."""
    extra = {**(BUDGET_WRITERS if model.budget is not None else {}), **(RENSTRA_WRITERS if model.renstra else {}),
             **(RENSTRA_PROGRAM_WRITERS if model.renstra and model.budget is not None else {})}
    if not extra:
        return SHEET_WRITERS
    out: dict[str, tuple[LayoutFn | None, WriteFn]] = {}
    for name, writer in SHEET_WRITERS.items():
        out[name] = writer
        if name == L.SHEET_SASARAN:
            out.update(extra)
    return out


@dataclass(frozen=True)
class RecapResult:
    """What :func:`write_recap` wrote."""

    path: Path
    period: Period
    indikator: int
    elemen: int
    submissions: int
    pdf: Path | None = None
    belum_diterima: tuple[tuple[str, int], ...] = ()  # (bidang, quarter) with no accepted form (data incomplete)
    terdampak: int = 0  # indicators computed from incomplete data


def layouts_for(model: RecapModel) -> dict[str, L.SheetLayout]:
    """Where every value of the model's workbook lives, by sheet name."""
    return {name: fn(model) for name, (fn, _) in sheet_writers(model).items() if fn is not None}


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
        ctx = Context(model=model, layouts=layouts, fmt=Formats(wb), generated=generated, workbook=wb)
        writers = sheet_writers(model)
        sheets = {name: wb.add_worksheet(name, worksheet_class=RecapWorksheet) for name in writers}
        for name, ws in sheets.items():
            writers[name][1](ws, ctx)
            release_written_rows(ws)
        sheets[L.SHEET_RINGKASAN].activate()

    build_workbook(path, fill, constant_memory=True)


def write_recap(catalog: Catalog, period: Period, submissions: Sequence[AcceptedSubmission], path: Path, *,
                statuses: Sequence[BidangStatus] | None = None, generated: dt.datetime) -> RecapResult:
    """Write the recap workbook of ``period`` to ``path`` from the accepted submissions.

    ``statuses``: each bidang's collection state for *Status Pengumpulan*
    (:func:`kinerja_xl.status.bidang_status`); a bidang without one is ``diterima`` when it has a
    submission for the last quarter, else ``belum mengirim``. ``generated`` is the
    document date written into the workbook (fixed, so the same input gives
    the same workbook).
    """
    return write_recap_model(build_model(catalog, period, submissions, statuses), path, generated=generated)


def write_recap_model(model: RecapModel, path: Path, *, generated: dt.datetime) -> RecapResult:
    """Write the recap workbook of an already computed model (see :func:`write_recap`)."""
    path = Path(path)
    period = model.period
    write_model(model, path, generated=generated)
    return RecapResult(path=path, period=period, indikator=len(model.indikator), elemen=len(model.elemen),
                       submissions=model.submissions,
                       belum_diterima=model.belum_diterima,
                       terdampak=sum(1 for r in model.indikator if r.belum_lengkap))
