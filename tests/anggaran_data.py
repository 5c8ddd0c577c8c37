"""Budget (Anggaran) test data and helpers: a catalog with a budget tree, and budget forms filled in Calc.

Import as ``from anggaran_data import ...``. Reusable by the recap tests:

* :func:`budget_catalog` — :func:`factories.small_catalog` plus a program → kegiatan →
  sub kegiatan tree: DAFDUK reports two sub kegiatan, CAPIL one, PIAK none (its form
  has no Anggaran sheet).
* :func:`anggaran_cells` — the A1 cells of a written form's Anggaran inputs, found by header.
* :data:`CALC_FILLS` — what DAFDUK and CAPIL type for TW I in the done-when test.
* :func:`fill_budget_forms_in_calc` / :func:`fill_budget_form_in_calc` — write forms with our
  writer, type the element values and the budget figures into them with LibreOffice Calc (UNO,
  one session for all), save them as xlsx (e.g. straight into an inbox): files "as a person
  sends them", to be checked (and merged). See tests/test_anggaran_cycle.py for use.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from corpus import GOOD
from factories import small_catalog
from formtools import CREATED, Table, element_table
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.catalog.model import Agregasi, Anggaran, Catalog
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT
from kinerja_xl.forms.writer import form_file_name, write_form
from kinerja_xl.period import Period

SUB_DAFDUK_1 = "2.12.02.2.01.0001"
SUB_DAFDUK_2 = "2.12.02.2.01.0002"
SUB_CAPIL = "2.12.03.2.01.0001"

BUDGET_TREE = (
    Anggaran("2.12.02", "Program Pendaftaran Penduduk", "Persentase penduduk yang memiliki dokumen", "%",
             "DAFDUK", sasaran="S1", agregasi=Agregasi.NILAI_AKHIR, pagu=500_000_000, target_k=98),
    Anggaran("2.12.02.2.01", "Pelayanan Pendaftaran Penduduk", "Jumlah dokumen kependudukan yang diterbitkan",
             "dokumen", "DAFDUK", pagu=500_000_000, target_k=5000),
    Anggaran(SUB_DAFDUK_1, "Penyelenggaraan Pendaftaran Peristiwa Kependudukan",
             "Jumlah dokumen hasil pendaftaran peristiwa kependudukan", "dokumen", "DAFDUK",
             pagu=300_000_000, target_k=4000),
    Anggaran(SUB_DAFDUK_2, "Penataan Pendaftaran Penduduk", "Jumlah dokumen hasil penataan pendaftaran penduduk",
             "dokumen", "DAFDUK", agregasi=Agregasi.NILAI_AKHIR, pagu=200_000_000, target_k=12),
    Anggaran("2.12.03", "Program Pencatatan Sipil", "Persentase kepemilikan akta kelahiran", "%", "CAPIL",
             sasaran="S1", agregasi=Agregasi.NILAI_AKHIR, pagu=150_000_000, target_k=95),
    Anggaran("2.12.03.2.01", "Pelayanan Pencatatan Sipil", "Jumlah akta yang diterbitkan", "dokumen", "CAPIL",
             pagu=150_000_000, target_k=3000),
    Anggaran(SUB_CAPIL, "Pelayanan Pencatatan Kelahiran", "Jumlah akta kelahiran yang diterbitkan", "dokumen",
             "CAPIL", pagu=150_000_000, target_k=3000),
)


def budget_catalog(**instansi_changes: object) -> Catalog:
    """:func:`small_catalog` with :data:`BUDGET_TREE`."""
    return dataclasses.replace(small_catalog(**instansi_changes), anggaran=BUDGET_TREE)


def anggaran_cells(path: Path, quarter: int) -> dict[str, dict[str, str]]:
    """Sub kegiatan kode -> input key (BUDGET_* / FAKTOR_*) -> A1 cell of the Anggaran sheet."""
    wb = openpyxl.load_workbook(path)
    try:
        ws = wb[layout.SHEET_ANGGARAN]
        t = anggaran_table(ws)
        headers = {layout.BUDGET_K: layout.h_realisasi_k(quarter), layout.BUDGET_FISIK: layout.h_fisik(quarter),
                   layout.BUDGET_RP: layout.h_keuangan(quarter), FAKTOR_PENDORONG: layout.H_PENDORONG,
                   FAKTOR_PENGHAMBAT: layout.H_PENGHAMBAT}
        return {kode: {key: t.cell(kode, h) for key, h in headers.items()} for kode in t.rows}
    finally:
        wb.close()


def anggaran_table(ws: Worksheet) -> Table:
    """The Anggaran table of a worksheet (a formtools.Table keyed by Kode Rekening), found by headers."""
    want = layout.normalize_header(layout.H_KODE_REKENING)
    for row in ws.iter_rows():
        cols = {layout.normalize_header(c.value): c.column for c in row if isinstance(c.value, str)}
        if want in cols and layout.normalize_header(layout.H_SUB_KEGIATAN) in cols:
            header_row, kc = row[0].row, cols[want]
            rows: dict[str, int] = {}
            r = header_row + 1
            while isinstance(ws.cell(r, kc).value, str) and ws.cell(r, kc).value:
                rows[ws.cell(r, kc).value] = r
                r += 1
            return Table(header_row, cols, rows)
    raise AssertionError(f"no Anggaran table on sheet {ws.title}")


def budget_form_cells(path: Path, quarter: int, values: Mapping[str, object],
                      anggaran: Mapping[str, Mapping[str, object]]) -> dict[tuple[str, str], object]:
    """The cells to type: element realisasi (Isian) and budget inputs (Anggaran), by sheet and A1."""
    wb = openpyxl.load_workbook(path)
    try:
        el = element_table(wb[layout.SHEET_ISIAN])
    finally:
        wb.close()
    cells: dict[tuple[str, str], object] = {
        (layout.SHEET_ISIAN, el.cell(k, layout.h_realisasi(quarter))): v for k, v in values.items()}
    where = anggaran_cells(path, quarter)
    for kode, fields in anggaran.items():
        for key, v in fields.items():
            cells[(layout.SHEET_ANGGARAN, where[kode][key])] = v
    return cells


@dataclass(frozen=True)
class BudgetFill:
    """What one bidang types: element values (Isian) and kode -> BUDGET_*/FAKTOR_* -> value (Anggaran)."""

    values: Mapping[str, object]
    anggaran: Mapping[str, Mapping[str, object]]


def fill_budget_forms_in_calc(catalog: Catalog, period: Period, folder: Path, fills: Mapping[str, BudgetFill], *,
                              budget_history: Mapping[int, Mapping[str, Mapping[str, float | None]]] | None = None,
                              history: Mapping[int, Mapping[str, float | None]] | None = None) -> dict[str, Path]:
    """For each bidang of ``fills``: write its form, type the figures in LibreOffice Calc like a person
    (one Calc session for all), save as ``folder/<form file name>``; return bidang -> saved file.

    ``folder`` may be an inbox (``Workspace.masuk_dir(period)``): the blank forms are written elsewhere.
    Fails (AssertionError) when Calc refused a cell: every cell typed must be an input.
    """
    from libreoffice import FillJob, fill_many

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kxl-blank-") as tmp:
        jobs = []
        for bidang, f in fills.items():
            b = catalog.bidang_by_kode[bidang]
            blank = write_form(catalog, bidang, period, Path(tmp) / f"{bidang}.xlsx", created=CREATED,
                               history=history, budget_history=budget_history)
            jobs.append(FillJob(blank, folder / form_file_name(b, period),
                                budget_form_cells(blank, period.n, f.values, f.anggaran)))
        results = fill_many(jobs)
    for r in results:
        assert not r.refused, r.refused
    return {bidang: r.dst for bidang, r in zip(fills, results, strict=True)}


def fill_budget_form_in_calc(catalog: Catalog, bidang: str, period: Period, folder: Path, *,
                             values: Mapping[str, object], anggaran: Mapping[str, Mapping[str, object]],
                             budget_history: Mapping[int, Mapping[str, Mapping[str, float | None]]] | None = None,
                             history: Mapping[int, Mapping[str, float | None]] | None = None) -> Path:
    """One bidang's form filled in Calc (see :func:`fill_budget_forms_in_calc`)."""
    return fill_budget_forms_in_calc(catalog, period, folder, {bidang: BudgetFill(values, anggaran)},
                                     budget_history=budget_history, history=history)[bidang]


#: what DAFDUK and CAPIL type in Calc for TW I (the issue's done-when; reusable by the recap tests)
CALC_FILLS = {
    "CAPIL": BudgetFill(GOOD["CAPIL"], {SUB_CAPIL: {
        layout.BUDGET_K: 750, layout.BUDGET_FISIK: 37.5, layout.BUDGET_RP: 41_250_000.5,
        FAKTOR_PENDORONG: "Layanan keliling", FAKTOR_PENGHAMBAT: "Jaringan SIAK sempat terputus"}}),
    "DAFDUK": BudgetFill(GOOD["DAFDUK"], {
        SUB_DAFDUK_1: {layout.BUDGET_K: 820, layout.BUDGET_FISIK: 25, layout.BUDGET_RP: 60_000_000},
        SUB_DAFDUK_2: {layout.BUDGET_FISIK: 10, layout.BUDGET_RP: 0, FAKTOR_PENGHAMBAT: "Menunggu juknis"}}),
}
