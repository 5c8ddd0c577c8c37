"""Writing the per-bidang forms (formulir elemen data), SOP step 2.

One protected workbook per bidang and quarter: ``Petunjuk`` (instructions),
``Isian`` (element inputs and the live indicator preview, see
:mod:`kinerja_xl.forms.isian`), ``Anggaran`` (only for a bidang with sub
kegiatan: budget and output per sub kegiatan, see :mod:`kinerja_xl.forms.anggaran`),
``Pengesahan`` (signature block), ``Daftar``
(hidden: predikat scale), ``_meta`` (very hidden: what intake recognises the
form by). A returned form (umpan balik) also carries ``Temuan``, first and
active, and red, commented input cells.

Same catalog, period and ``created`` give the same workbook, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.workbook import Workbook

from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.catalog.model import Bidang, FormCatalog
from kinerja_xl.errors import OutputError, UsageError
from kinerja_xl.findings import Finding
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import AnggaranWriter
from kinerja_xl.forms.cells import Styles
from kinerja_xl.forms.context import FormContext, FormFill
from kinerja_xl.forms.isian import IsianWriter, skala_ranges
from kinerja_xl.forms.meta import form_id, meta_values, write_meta
from kinerja_xl.forms.sheets import (
    SKALA_FIRST_ROW,
    write_daftar,
    write_pengesahan,
    write_petunjuk,
    write_temuan,
)
from kinerja_xl.frozen import collector_spares_what_exists
from kinerja_xl.period import Period
from kinerja_xl.workers import ordered_map, worker_count
from kinerja_xl.xlsx import build_workbook

__all__ = [
    "FormFill",
    "form_file_name",
    "form_id",
    "generate_forms",
    "meta_values",
    "tanggal_indonesia",
    "write_form",
]

History = Mapping[int, Mapping[str, float | None]]
#: quarter -> sub kegiatan kode -> {layout.BUDGET_K / BUDGET_FISIK / BUDGET_RP: accepted value}
BudgetHistory = Mapping[int, Mapping[str, Mapping[str, float | None]]]

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_MAX_STEM = 120


def form_file_name(bidang: Bidang, period: Period) -> str:
    """``DAFDUK Pelayanan Pendaftaran Penduduk.xlsx``: safe as a Windows file name.

    The period is not part of the name: forms of one period go in their own
    folder (``formulir/2025-TW1/``), and intake recognises a form by its
    metadata, never by its file name.
    """
    del period  # the folder carries the period
    stem = _UNSAFE.sub(" ", f"{bidang.kode} {bidang.nama}")
    stem = " ".join(stem.split())[:_MAX_STEM].rstrip(" .")
    if not stem:
        stem = "Formulir"
    if stem.split(".")[0].upper() in _RESERVED:
        stem += "_"
    return f"{stem}.xlsx"


def _context(catalog: FormCatalog, bidang: str, period: Period, created: dt.datetime, history: History | None,
             fill: FormFill | None, notes: Mapping[str, Sequence[str]] | None,
             findings: Sequence[Finding], budget_history: BudgetHistory | None = None) -> FormContext:
    if not period.is_quarter:
        raise UsageError(f"Formulir dibuat per triwulan; periode '{period.code}' bukan triwulan "
                         "(tulis misalnya 2025-TW1).")
    b = catalog.bidang_by_kode.get(bidang)
    if b is None:
        known = ", ".join(x.kode for x in catalog.bidang) or "(belum ada)"
        raise UsageError(f"Bidang '{bidang}' tidak ada di katalog. Bidang yang ada: {known}.")
    return FormContext(
        catalog=catalog, bidang=b, period=period, form_id=form_id(catalog, b.kode, period), created=created,
        elements=tuple(catalog.elemen_of(b.kode)), indicators=tuple(catalog.indikator_of(b.kode)),
        fill=fill or FormFill(), history=history or {}, notes=notes or {}, findings=tuple(findings),
        sub_kegiatan=tuple(catalog.sub_kegiatan_of(b.kode)), budget_history=budget_history or {},
    )


def _fill_workbook(wb: Workbook, ctx: FormContext) -> None:
    st = Styles(wb)
    temuan = wb.add_worksheet(layout.SHEET_TEMUAN) if ctx.findings else None
    petunjuk = wb.add_worksheet(layout.SHEET_PETUNJUK)
    isian = wb.add_worksheet(layout.SHEET_ISIAN)
    anggaran = wb.add_worksheet(layout.SHEET_ANGGARAN) if ctx.sub_kegiatan else None
    pengesahan = wb.add_worksheet(layout.SHEET_PENGESAHAN)
    daftar = wb.add_worksheet(layout.SHEET_DAFTAR)
    meta = wb.add_worksheet(layout.SHEET_META)
    skala = ctx.catalog.instansi.skala_predikat
    write_petunjuk(petunjuk, st, ctx)
    IsianWriter(isian, st, ctx, skala_ranges(SKALA_FIRST_ROW, len(skala.bands))).write()
    if anggaran is not None:
        AnggaranWriter(anggaran, st, ctx).write()
    write_pengesahan(pengesahan, st, ctx)
    write_daftar(daftar, st, ctx)
    write_meta(wb, meta, st, ctx)
    if temuan is not None:
        write_temuan(temuan, st, ctx)
    else:
        petunjuk.activate()


def write_form(catalog: FormCatalog, bidang: str, period: Period, path: Path, *, created: dt.datetime,
               history: History | None = None, fill: FormFill | None = None,
               notes: Mapping[str, Sequence[str]] | None = None, findings: Sequence[Finding] = (),
               budget_history: BudgetHistory | None = None) -> Path:
    """Write the form of ``bidang`` for the quarter ``period`` to ``path`` (atomically); return ``path``.

    ``history``: quarter -> element -> accepted value of earlier quarters (read-only context);
    ``budget_history``: the same for the sub kegiatan of the Anggaran sheet (quarter -> kode ->
    ``{layout.BUDGET_K, BUDGET_FISIK, BUDGET_RP}``), only for a bidang with sub kegiatan.
    ``fill``: values to prefill into the input cells. ``notes``: element/indicator code -> messages
    marked on that row's input cell (realisasi for an element, kendala for an indicator) in red with a
    comment (on the Anggaran sheet: sub kegiatan kode, or ``anggaran.note_key(kode, field)`` for one
    input cell); ``findings``: listed on a ``Temuan`` sheet shown first (returned forms).
    Raises :class:`UsageError` for a period that is not a quarter or an unknown bidang,
    :class:`OutputError` when the file cannot be written.
    """
    ctx = _context(catalog, bidang, period, created, history, fill, notes, findings, budget_history)
    path = Path(path)
    build_workbook(path, lambda wb: _fill_workbook(wb, ctx), structure_locked=True)
    return path


@dataclass(frozen=True)
class _Run:
    """What every form of one :func:`generate_forms` run shares (given to each worker once)."""

    catalog: FormCatalog
    period: Period
    outdir: Path
    created: dt.datetime
    history: History | None
    budget_history: BudgetHistory | None

    def write(self, item: tuple[str, str]) -> Path:
        kode, name = item
        return write_form(self.catalog, kode, self.period, self.outdir / name, created=self.created,
                          history=self.history, budget_history=self.budget_history)


_WORKER: dict[str, _Run] = {}

#: Forms per process at least: below that, starting a process costs more than it saves.
MIN_FORMS_PER_WORKER = 4


def _init_worker(run: _Run) -> None:
    _WORKER["run"] = run


def _write_in_worker(item: tuple[str, str]) -> Path:
    return _WORKER["run"].write(item)


def generate_forms(catalog: FormCatalog, period: Period, outdir: Path, *, created: dt.datetime,
                   history: History | None = None, budget_history: BudgetHistory | None = None,
                   jobs: int | None = None) -> list[Path]:
    """Write the form of every bidang that fills elements into ``outdir``; return the paths, sorted.

    ``jobs``: processes writing forms side by side (``None``: one per CPU; 1: in this process).
    Every form is the same, byte for byte, whatever the number of processes.
    """
    if not period.is_quarter:
        raise UsageError(f"Formulir dibuat per triwulan; periode '{period.code}' bukan triwulan "
                         "(tulis misalnya 2025-TW1).")
    outdir = Path(outdir)
    names: dict[str, str] = {}
    items: list[tuple[str, str]] = []
    for b in catalog.bidang_with_form:
        name = form_file_name(b, period)
        other = names.get(name.casefold())
        if other is not None:
            raise OutputError(f"Bidang {other} dan {b.kode} akan menghasilkan nama berkas yang sama ({name}). "
                              "Ubah kode atau nama salah satu bidang di katalog.")
        names[name.casefold()] = b.kode
        items.append((b.kode, name))
    run = _Run(catalog, period, outdir, created, history, budget_history)
    workers = worker_count(jobs, len(items), MIN_FORMS_PER_WORKER)
    # the catalog spared: a form costs the same with 500 bidang as with 1,000
    with collector_spares_what_exists():
        if workers == 1:
            return sorted(run.write(item) for item in items)
        broken = OutputError("Pembuatan formulir berhenti karena sebuah proses penulis berhenti tiba-tiba "
                             "(mungkin kehabisan memori). Ulangi dengan --jobs 1.")
        return sorted(ordered_map(_write_in_worker, items, workers=workers, initializer=_init_worker,
                                  initargs=(run,), broken=broken))
