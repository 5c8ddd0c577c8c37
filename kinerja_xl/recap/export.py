"""Tidy exports for SILAKIP / e-SAKIP and for people: capaian, and (with a budget tree) anggaran.

Two tidy tables, one observation per row, from the recap model (the same
numbers as the recap workbook):

* *capaian* — one row per indicator × quarter of the period, plus s.d. TW;
* *anggaran* — one row per program / kegiatan / sub kegiatan × quarter of the
  period, plus s.d. TW: pagu, realisasi keuangan of the quarter and to date,
  realisasi kinerja and fisik, serapan.

Three flavours (:class:`Flavour`): ``csv`` (comma, decimal point, UTF-8: for
machines), ``csv-id`` (semicolon, decimal comma, UTF-8 with BOM: what Excel on
an Indonesian Windows opens in columns) and ``xlsx`` (one sheet per table,
numbers as numbers).

The capaian s.d. TW row's target is the target to date and its capaian is judged against it;
the annual target and the progress against it are their own columns (on that row only).
``data_belum_lengkap`` flags rows computed while a bidang's quarter is missing ("ya").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xlsxwriter import Workbook

from kinerja_xl.catalog.model import Catalog, Target
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period
from kinerja_xl.recap.budget import percent, total
from kinerja_xl.recap.model import RecapModel, build_model
from kinerja_xl.recap.submissions import ChosenSubmissions, RecapSubmission
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import atomic_write_bytes, build_workbook, check

COLUMNS = ("periode", "kode_bidang", "bidang", "kode_sasaran", "sasaran", "kode_indikator", "indikator",
           "satuan", "polaritas", "agregasi", "triwulan", "target", "realisasi", "capaian",
           "capaian_tanpa_batas", "predikat", "target_tahunan", "progres_thd_target_tahunan",
           "data_belum_lengkap", "catatan")

BUDGET_COLUMNS = ("periode", "kode_rekening", "tingkat", "nama", "kode_bidang", "indikator", "satuan",
                  "triwulan", "target_kinerja", "realisasi_kinerja", "capaian_kinerja", "realisasi_fisik",
                  "pagu", "realisasi_keuangan", "realisasi_keuangan_sd", "serapan")

Cell = str | float | Target | None
Table = list[dict[str, Cell]]


class Flavour(StrEnum):
    CSV = "csv"  # comma, decimal point, UTF-8 (machines; unchanged since the first version)
    CSV_ID = "csv-id"  # semicolon, decimal comma, UTF-8 with BOM (Excel with Indonesian settings)
    XLSX = "xlsx"  # one sheet per table

    @property
    def suffix(self) -> str:
        return ".xlsx" if self is Flavour.XLSX else ".csv"


@dataclass(frozen=True)
class ExportResult:
    capaian: Path  # the capaian table (the xlsx holding both tables, for Flavour.XLSX)
    anggaran: Path | None  # the anggaran CSV (None: no budget tree, or inside the xlsx)

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.capaian,) if self.anggaran is None else (self.capaian, self.anggaran)


# --- the tables ------------------------------------------------------------------------


def capaian_table(model: RecapModel) -> Table:
    """The capaian rows (tidy: one observation per row), in catalog order; numbers as floats."""
    cat = model.catalog
    last = model.last_quarter
    rows: Table = []
    for r in model.indikator:
        ind = r.indikator
        b = cat.bidang_by_kode.get(ind.bidang)
        s = cat.sasaran_by_kode.get(ind.sasaran)
        common: dict[str, Cell] = {
            "periode": model.period.code, "kode_bidang": ind.bidang, "bidang": b.nama if b else "",
            "kode_sasaran": ind.sasaran, "sasaran": s.uraian if s else "", "kode_indikator": ind.kode,
            "indikator": ind.nama, "satuan": ind.satuan, "polaritas": str(ind.polaritas),
            "agregasi": str(ind.agregasi), "target_tahunan": None, "progres_thd_target_tahunan": None,
            "catatan": r.catatan,
        }
        for q in model.period.quarters:
            missing = any(mq == q for mq, _ in r.belum_lengkap)
            rows.append({**common, "triwulan": tw_label(q), "target": ind.target_tw[q - 1],
                         "realisasi": r.realisasi_tw[q - 1], "capaian": r.capped_tw[q - 1],
                         "capaian_tanpa_batas": r.capaian_tw[q - 1], "predikat": r.predikat_tw[q - 1] or "",
                         "data_belum_lengkap": "ya" if missing else ""})
        rows.append({**common, "triwulan": f"s.d. {tw_label(last)}", "target": r.target_sd,
                     "realisasi": r.realisasi_sd, "capaian": r.capped_sd,
                     "capaian_tanpa_batas": r.capaian_sd, "predikat": r.predikat_sd or "",
                     "target_tahunan": ind.target_tahunan, "progres_thd_target_tahunan": r.capped_progres,
                     "data_belum_lengkap": "ya" if r.belum_lengkap else ""})
    return rows


def anggaran_table(model: RecapModel) -> Table:
    """The budget rows in E.81 order: each node × quarter of the period, plus s.d. TW (empty without a tree)."""
    if model.budget is None:
        return []
    last = model.last_quarter
    rows: Table = []
    for b in model.budget.rows:
        a = b.anggaran
        pagu = b.target.rp
        common: dict[str, Cell] = {
            "periode": model.period.code, "kode_rekening": a.kode, "tingkat": b.tingkat_label, "nama": a.nama,
            "kode_bidang": a.bidang, "indikator": a.indikator, "satuan": a.satuan, "target_kinerja": b.target.k,
            "pagu": pagu,
        }
        for q in model.period.quarters:
            rp_sd = total(b.tw[i].rp for i in range(q))
            rows.append({**common, "triwulan": tw_label(q), "realisasi_kinerja": b.tw[q - 1].k,
                         "capaian_kinerja": None, "realisasi_fisik": b.fisik[q - 1],
                         "realisasi_keuangan": b.tw[q - 1].rp, "realisasi_keuangan_sd": rp_sd,
                         "serapan": percent(rp_sd, pagu)})
        rows.append({**common, "triwulan": f"s.d. {tw_label(last)}", "realisasi_kinerja": b.sd.k,
                     "capaian_kinerja": b.capaian_renja.k, "realisasi_fisik": b.fisik_sd,
                     "realisasi_keuangan": b.sd.rp, "realisasi_keuangan_sd": b.sd.rp,
                     "serapan": percent(b.sd.rp, pagu)})
    return rows


def csv_rows(model: RecapModel) -> list[dict[str, str]]:
    """The capaian CSV's rows as text (decimal point)."""
    return [_texts(row, Flavour.CSV) for row in capaian_table(model)]


# --- formatting --------------------------------------------------------------------------


def _number(value: float | None, flavour: Flavour = Flavour.CSV) -> str:
    """Plain decimal text, at most 6 decimals, no thousands separator; blank stays blank."""
    if value is None:
        return ""
    text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace(".", ",") if flavour is Flavour.CSV_ID else text


def _target(t: Target, flavour: Flavour) -> str:
    if not t.is_range:
        return _number(t.low, flavour)
    # "2-3" would be taken for a date by a spreadsheet with Indonesian settings; an en dash is not
    sep = "–" if flavour is Flavour.CSV_ID else "-"
    return f"{_number(t.low, flavour)}{sep}{_number(t.high, flavour)}"


def _text(value: Cell, flavour: Flavour) -> str:
    if value is None:
        return ""
    if isinstance(value, Target):
        return _target(value, flavour)
    if isinstance(value, float):
        return _number(value, flavour)
    return str(value)


def _texts(row: dict[str, Cell], flavour: Flavour) -> dict[str, str]:
    return {k: _text(v, flavour) for k, v in row.items()}


def _csv_bytes(columns: Sequence[str], table: Table, flavour: Flavour) -> bytes:
    buf = io.StringIO()
    delimiter = ";" if flavour is Flavour.CSV_ID else ","
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", delimiter=delimiter)
    writer.writeheader()
    writer.writerows(_texts(row, flavour) for row in table)
    # the BOM tells Excel the file is UTF-8 (otherwise it reads it as Windows-1252)
    return buf.getvalue().encode("utf-8-sig" if flavour is Flavour.CSV_ID else "utf-8")


def _sheet(wb: Workbook, name: str, columns: Sequence[str], table: Table) -> None:
    ws = wb.add_worksheet(name)
    header = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    decimal = wb.add_format({"num_format": "#,##0.00"})
    for c, key in enumerate(columns):
        check(ws.write_string(0, c, key, header), "header")
        check(ws.set_column(c, c, max(len(key) + 2, 12)), "set_column")
    for r, row in enumerate(table, start=1):
        for c, key in enumerate(columns):
            value = row.get(key)
            if value is None:
                continue
            if isinstance(value, Target):
                if value.is_range:
                    check(ws.write_string(r, c, str(value)), "write")
                else:
                    check(ws.write_number(r, c, value.low), "write")
            elif isinstance(value, float):
                check(ws.write_number(r, c, value, decimal if value != int(value) else None), "write")
            else:
                check(ws.write_string(r, c, str(value)), "write")
    check(ws.freeze_panes(1, 0), "freeze")
    check(ws.autofilter(0, 0, max(len(table), 1), len(columns) - 1), "autofilter")


# --- writing -------------------------------------------------------------------------------


def budget_path(path: Path) -> Path:
    """The anggaran CSV beside the capaian CSV: ``capaian-2025.csv`` → ``anggaran-2025.csv``."""
    name = path.name.replace("capaian", "anggaran", 1) if "capaian" in path.name else f"{path.stem}-anggaran.csv"
    return path.with_name(name)


def write_csv(model: RecapModel, path: Path, flavour: Flavour = Flavour.CSV) -> Path:
    """The capaian CSV only (``flavour``: csv or csv-id), atomically."""
    path = Path(path)
    atomic_write_bytes(path, _csv_bytes(COLUMNS, capaian_table(model), flavour))
    return path


def write_export(model: RecapModel, path: Path, flavour: Flavour = Flavour.CSV) -> ExportResult:
    """Write the tidy tables of ``model`` in ``flavour`` (each file atomically)."""
    path = Path(path)
    budget = anggaran_table(model) if model.budget is not None else None
    if flavour is Flavour.XLSX:
        def fill(wb: Workbook) -> None:
            end = model.period.end_date  # a fixed date: the same ledger gives the same bytes
            wb.set_properties({"title": f"Capaian kinerja {model.period.code}",
                               "created": dt.datetime(end.year, end.month, end.day)})
            _sheet(wb, "Capaian", COLUMNS, capaian_table(model))
            if budget is not None:
                _sheet(wb, "Anggaran", BUDGET_COLUMNS, budget)

        build_workbook(path, fill)
        return ExportResult(path, None)
    write_csv(model, path, flavour)
    if budget is None:
        return ExportResult(path, None)
    other = budget_path(path)
    atomic_write_bytes(other, _csv_bytes(BUDGET_COLUMNS, budget, flavour))
    return ExportResult(path, other)


def export_csv(catalog: Catalog, period: Period,
               submissions: ChosenSubmissions | Iterable[AcceptedSubmission | RecapSubmission],
               path: Path, flavour: Flavour = Flavour.CSV) -> ExportResult:
    """Write the tidy tables of ``period`` from the accepted submissions; return where they are."""
    return write_export(build_model(catalog, period, submissions), path, flavour)
