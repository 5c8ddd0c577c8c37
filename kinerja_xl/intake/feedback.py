"""Umpan balik: for every returned file, a fresh form of that bidang, ready to send back.

The form is written anew by the form writer (never by re-saving the user's
workbook): prefilled with what the bidang typed, each faulty row's input cell
marked with a comment that says what is wrong and how to fix it, plus a
``Temuan`` sheet listing every finding.

Which row a finding belongs to: the checker reports findings by A1 cell of the
*submitted* file, whose rows people may have inserted, deleted or sorted. We
read that file's ``Isian`` sheet again (python-calamine, returned files only)
and take the element or indicator code found in the finding's row. Findings
without such a row (metadata, Pengesahan, whole-file problems) appear only on
the ``Temuan`` sheet. This needs nothing from the checker beyond
:class:`~kinerja_xl.intake.result.FileResult`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import python_calamine

from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.errors import OutputError
from kinerja_xl.findings import Finding
from kinerja_xl.forms.layout import SHEET_ISIAN
from kinerja_xl.intake.result import CheckReport, FileOutcome, FileResult, Verdict
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace

_CELL = re.compile(r"^\$?[A-Za-z]{1,3}\$?(\d+)$")


def feedback_name(file: str) -> str:
    """The umpan balik's file name: the original name, always as ``.xlsx``."""
    name = Path(file).name
    stem = Path(name).stem if Path(name).suffix else name
    return f"{stem}.xlsx"


def row_codes(path: Path, sheet: str, codes: Iterable[str]) -> dict[int, str]:
    """Row number (1-based, as Excel shows it) → the known code written in that row of ``sheet``."""
    wanted = {c.upper() for c in codes}
    try:
        rows = python_calamine.load_workbook(path).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, OSError, ValueError):
        return {}
    out: dict[int, str] = {}
    for r, row in enumerate(rows, start=1):
        for value in row:
            if isinstance(value, str) and value.strip().upper() in wanted:
                out[r] = value.strip().upper()
                break
    return out


def notes_by_code(result: FileResult, source: Path | None, codes: Iterable[str]) -> dict[str, list[str]]:
    """Finding messages per element/indicator code, for the comments of the umpan balik."""
    located = [f for f in result.findings if f.sheet == SHEET_ISIAN and f.cell and _CELL.match(f.cell)]
    if not located or source is None:
        return {}
    rows = row_codes(source, SHEET_ISIAN, codes)
    notes: dict[str, list[str]] = {}
    for f in located:
        m = _CELL.match(f.cell or "")
        code = rows.get(int(m.group(1))) if m else None
        if code is not None:
            notes.setdefault(code, []).append(f.message)
    return notes


def write_feedback(catalog: FormCatalog, period: Period, result: FileResult, path: Path, *, created: datetime,
                   source: Path | None = None,
                   history: dict[int, dict[str, float | None]] | None = None,
                   budget_history: dict[int, dict[str, dict[str, float | None]]] | None = None) -> Path:
    """Write one umpan balik form for a returned file; return its path.

    The Anggaran sheet (a bidang with sub kegiatan) is prefilled with the budget figures as read
    and its findings marked like the Isian ones (:func:`kinerja_xl.intake.anggaran.budget_notes`).
    """
    from kinerja_xl.forms.writer import FormFill, write_form
    from kinerja_xl.intake.anggaran import budget_notes

    assert result.bidang is not None
    codes = [e.kode for e in catalog.elemen_of(result.bidang)] + [i.kode for i in catalog.indikator_of(result.bidang)]
    tanggal = None
    if result.tanggal:
        try:
            tanggal = date.fromisoformat(result.tanggal[:10])
        except ValueError:
            tanggal = None
    fill = FormFill(values=dict(result.raw_values), keterangan=dict(result.keterangan),
                    kendala=dict(result.kendala), tanggal=tanggal, anggaran=dict(result.anggaran),
                    faktor=dict(result.faktor))
    findings: list[Finding] = list(result.findings)
    notes = notes_by_code(result, source, codes)
    if catalog.sub_kegiatan_of(result.bidang):
        notes.update(budget_notes(result.findings, source, period))
    write_form(catalog, result.bidang, period, path, created=created, history=history, fill=fill,
               notes=notes, findings=findings, budget_history=budget_history)
    return path


def _no_feedback_reason(catalog: FormCatalog, result: FileResult) -> str | None:
    if result.bidang is None:
        return "bidang pengirim tidak dapat dikenali dari berkas ini"
    if result.bidang not in catalog.bidang_by_kode:
        return f"bidang {result.bidang} tidak ada di katalog"
    if not catalog.elemen_of(result.bidang):
        return f"bidang {result.bidang} tidak mengisi formulir"
    return None


def write_feedback_forms(workspace: Workspace, catalog: FormCatalog, period: Period, report: CheckReport, *,
                         ledger: Ledger, inbox: Path, now: datetime) -> list[Path]:
    """Write the umpan balik of every returned file (kept as is when an earlier run wrote it); the
    umpan balik of a file since superseded (``settled_by``) moves to the sub-folder :data:`SUPERSEDED`."""
    folder = workspace.umpan_balik_dir(period)
    used: set[str] = set()
    written: list[Path] = []
    superseded: list[str] = []
    for result in report.files:
        if result.verdict is not Verdict.RETURNED:
            continue
        outcome = report.outcomes.setdefault(result.file, FileOutcome())
        if outcome.settled_by:
            superseded.append(feedback_name(result.file))
            continue  # the bidang has since sent a file that was accepted
        reason = _no_feedback_reason(catalog, result)
        if reason is not None:
            outcome.no_feedback = reason
            continue
        name = feedback_name(result.file)
        stem = Path(name).stem
        k = 2
        while name.casefold() in used:
            name = f"{stem} ({k}).xlsx"
            k += 1
        used.add(name.casefold())
        path = folder / name
        outcome.feedback_path = path
        if outcome.earlier is not None and path.exists():
            continue  # recorded and answered in an earlier run: leave it as it is
        assert result.bidang is not None
        try:
            write_feedback(catalog, period, result, path, created=now, source=inbox / result.file,
                           history=ledger.history(result.bidang, period.year, period.n),
                           budget_history=ledger.budget_history(result.bidang, period.year, period.n))
        except OutputError as exc:  # e.g. the previous umpan balik of that name is open in Excel
            outcome.feedback_path = None
            outcome.no_feedback = str(exc)
            continue
        written.append(path)
    for name in superseded:
        if name.casefold() not in used:  # not the name of a current umpan balik
            _move_aside(folder / name)
    return written


#: The sub-folder of ``umpan-balik/PERIODE/`` for the umpan balik of superseded submissions.
SUPERSEDED = "sudah-diganti"


def _move_aside(path: Path) -> None:
    """Move one of our umpan balik into :data:`SUPERSEDED` (a free name there; nothing when absent)."""
    if not path.is_file():
        return
    target_dir = path.parent / SUPERSEDED
    target = target_dir / path.name
    k = 2
    while target.exists():
        target = target_dir / f"{path.stem} ({k}){path.suffix}"
        k += 1
    try:
        target_dir.mkdir(exist_ok=True)
        path.rename(target)
    except OSError:
        pass  # open in Excel on Windows, say: it stays where it is, and is moved on a later run

