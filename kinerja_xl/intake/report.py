"""The laporan pemeriksaan (``laporan/2025-TW1-pemeriksaan.xlsx``) and its rows as data.

:func:`summary_rows` gives one row per file (plus the bidang that have not sent
anything) for any renderer — the CLI's terminal table uses it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from kinerja_xl import printing, states
from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.intake.result import CheckReport, Verdict
from kinerja_xl.xlsx import add_streamed_table, build_workbook, check, wrapped_lines

SHEET_RINGKASAN = "Ringkasan"
SHEET_TEMUAN = "Temuan"
STATUS_BELUM = states.BELUM_MENGIRIM

#: SHA-256 (for machines and audits) comes last, outside the print area: printed beside the counts it
#: read as one more figure.
RINGKASAN_HEADERS = ("No", "Berkas", "Kode Bidang", "Nama Bidang", "Status", "Kesalahan", "Peringatan",
                     "Keterangan", "SHA-256")
TEMUAN_HEADERS = ("No", "Berkas", "Bidang", "Kode", "Tingkat", "Lembar", "Sel", "Nilai", "Pesan")
RINGKASAN_WIDTHS = (5, 38, 12, 30, 15, 10, 11, 60, 14)
TEMUAN_WIDTHS = (5, 34, 11, 24, 11, 11, 7, 16, 90)


@dataclass(frozen=True)
class SummaryRow:
    """One line of the summary: a file, or a bidang that has not sent anything."""

    file: str  # "" for a bidang that has not sent anything
    bidang: str | None
    bidang_nama: str
    status: str  # diterima | dikembalikan | dilewati | belum mengirim
    errors: int
    warnings: int
    sha256: str  # first 12 hex digits, "" when not hashed
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "bidang": self.bidang, "bidang_nama": self.bidang_nama,
                "status": self.status, "errors": self.errors, "warnings": self.warnings,
                "sha256": self.sha256, "note": self.note}


def summary_rows(report: CheckReport, catalog: FormCatalog | None = None, *,
                 include_skipped: bool = True) -> list[SummaryRow]:
    """One row per file in file order, then one per bidang that sent nothing in this run and
    has no accepted submission (``belum mengirim``)."""
    names = {b.kode: b.nama for b in catalog.bidang} if catalog is not None else {}
    rows = []
    seen: set[str] = set()
    for r in report.files:
        if r.verdict is Verdict.SKIPPED and not include_skipped:
            continue
        if r.bidang:
            seen.add(r.bidang)
        rows.append(SummaryRow(
            file=r.file, bidang=r.bidang, bidang_nama=names.get(r.bidang or "", ""), status=r.verdict.label,
            errors=len(r.errors), warnings=len(r.warnings), sha256=(r.sha256 or "")[:12],
            note=report.outcome(r).note(r)))
    for kode in report.missing:
        if kode not in seen:
            rows.append(SummaryRow(file="", bidang=kode, bidang_nama=names.get(kode, ""), status=STATUS_BELUM,
                                   errors=0, warnings=0, sha256="",
                                   note="belum ada berkas yang diterima untuk periode ini"))
    return rows


def _page_setup(ws: Any, header_row: int, title: str, catalog: FormCatalog, *, last_col: int | None = None) -> None:
    ws.freeze_panes(header_row + 1, 0)
    printing.apply(ws, printing.PrintSpec(footer=title, header=(header_row, header_row), id_cols=(0, 1),
                                          last_col=last_col, min_font=11), catalog.instansi.kertas)


def _write_value(ws: Any, row: int, col: int, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        check(ws.write_blank(row, col, None, fmt), "blank")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        check(ws.write_number(row, col, value, fmt), "number")
    else:
        check(ws.write_string(row, col, str(value), fmt), "string")


def _table(ws: Any, top: int, headers: tuple[str, ...], rows: list[tuple[Any, ...]], name: str,
           widths: tuple[int, ...], plain: Any, wrap: Any, wrapped: frozenset[int],
           by_value: dict[int, dict[Any, Any]] | None = None) -> None:
    """An Excel table with autofilter: the header at ``top``, ``rows`` below it (written top to bottom).

    Columns in ``wrapped`` wrap their text; each row is made tall enough for it
    (xlsxwriter cannot measure text, and LibreOffice does not grow such rows itself).
    ``by_value``: column -> cell value -> its format (the status column's colours).
    """
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    add_streamed_table(ws, top, top + max(len(rows), 1), len(headers) - 1, {
        "name": name, "style": "Table Style Light 9", "autofilter": True,
        "columns": [{"header": h} for h in headers],
    })
    column_formats = [wrap if col in wrapped else plain for col in range(len(headers))]
    by_value = by_value or {}
    for i, row in enumerate(rows, start=top + 1):
        for col, value in enumerate(row):
            fmt = by_value[col].get(value, column_formats[col]) if col in by_value else column_formats[col]
            _write_value(ws, i, col, value, fmt)
        lines = max([wrapped_lines(row[c], widths[c]) for c in wrapped if row[c] is not None] or [1])
        if lines > 1:
            ws.set_row(i, 15 * lines)


def write_laporan(path: Path, catalog: FormCatalog, report: CheckReport) -> Path:
    """Write the check report workbook (Ringkasan + Temuan) atomically; return its path."""
    title = f"Laporan Pemeriksaan Berkas Isian — {report.period.label}"
    summary = summary_rows(report, catalog)
    def fill(wb: xlsxwriter.Workbook) -> None:
        wb.set_properties({"title": title, "subject": report.period.label, "author": "kinerja-xl",
                           "company": catalog.instansi.nama_opd})
        bold = wb.add_format({"bold": True, "font_size": 13})
        plain = wb.add_format({"valign": "top"})
        wrap = wb.add_format({"valign": "top", "text_wrap": True})
        status_fmt = {
            states.DITERIMA: wb.add_format({"valign": "top", "font_color": "#006100", "bg_color": "#C6EFCE"}),
            states.DIKEMBALIKAN: wb.add_format({"valign": "top", "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            states.DILEWATI: wb.add_format({"valign": "top", "font_color": "#595959"}),
            STATUS_BELUM: wb.add_format({"valign": "top", "font_color": "#9C5700", "bg_color": "#FFEB9C"}),
        }

        ws = wb.add_worksheet(SHEET_RINGKASAN)
        check(ws.write_string(0, 0, title, bold), "title")
        check(ws.write_string(1, 0, f"{catalog.instansi.nama_opd} · {catalog.instansi.pemerintah_daerah}",
                              plain), "subtitle")
        n = {s: sum(1 for r in summary if r.status == s) for s in status_fmt}
        settled = n[states.DIKEMBALIKAN] - len(report.to_fix)
        check(ws.write_string(2, 0, f"Diterima {n[states.DITERIMA]} · dikembalikan {n[states.DIKEMBALIKAN]}"
                                    + (f" ({settled} sudah diganti kiriman yang diterima)" if settled else "")
                                    + f" · dilewati {n[states.DILEWATI]} · bidang belum mengirim {n[STATUS_BELUM]}",
                              plain), "counts")
        top = 4
        rows = [(i, r.file, r.bidang or "", r.bidang_nama, r.status, r.errors, r.warnings, r.note, r.sha256)
                for i, r in enumerate(summary, start=1)]
        _table(ws, top, RINGKASAN_HEADERS, rows, "TabelRingkasan", RINGKASAN_WIDTHS, plain, wrap,
               frozenset({1, 3, 7}), by_value={4: status_fmt})
        _page_setup(ws, top, title, catalog, last_col=len(RINGKASAN_HEADERS) - 2)

        wt = wb.add_worksheet(SHEET_TEMUAN)
        check(wt.write_string(0, 0, f"Temuan — {report.period.label}", bold), "title")
        check(wt.write_string(1, 0, "Kesalahan membuat berkas dikembalikan; peringatan tidak. "
                                    "Gunakan filter pada baris judul untuk memilih berkas, bidang atau kode.",
                              plain), "subtitle")
        found = [(r, f) for r in report.files for f in r.findings]
        trows: list[tuple[Any, ...]] = [
            (i, r.file, r.bidang or "", f.code, f.severity.label, f.sheet or "", f.cell or "", f.value, f.message)
            for i, (r, f) in enumerate(found, start=1)]
        if not trows:
            trows = [(None, "", "", "", "", "", "", None, "Tidak ada temuan.")]
        top = 3
        _table(wt, top, TEMUAN_HEADERS, trows, "TabelTemuan", TEMUAN_WIDTHS, plain, wrap, frozenset({1, 7, 8}))
        _page_setup(wt, top, title, catalog)

    build_workbook(path, fill, constant_memory=True)  # rows flushed as they are written
    return path
