"""``kinerja-xl demo``: the whole cycle on the bundled samples.

Workspace with the sample catalog → forms of each triwulan of 2025 → the bidang's
filled forms (in TW I two are faulty, and a lock file and a Thumbs.db lie in the
folder) → check → the corrected files of TW I → check again → recaps for the
quarter, both semesters and the year, and the CSV for SILAKIP / e-SAKIP.

Every date is fixed, so the same version gives the same outputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_xl import api
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.contoh.budget import budget_history
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.contoh.data import (
    SampleSubmission,
    corrected_submissions,
    sample_submissions,
)
from kinerja_xl.errors import WorkspaceError
from kinerja_xl.forms.context import FormFill
from kinerja_xl.forms.writer import form_file_name, write_form
from kinerja_xl.intake.result import CheckReport
from kinerja_xl.period import Period
from kinerja_xl.xlsx import atomic_write_bytes

DEFAULT_DIR = "kinerja-demo"
YEAR = 2025


def form_created(q: int) -> dt.datetime:
    """When the Kasubag sends the forms of quarter q: a week before the quarter ends."""
    return dt.datetime(YEAR, q * 3, 24, 9, 0)


def filled_on(q: int) -> dt.date:
    """When the bidang sign their filled forms: five days after the quarter ends."""
    return Period(YEAR, "TW", q).end_date + dt.timedelta(days=5)


def checked_at(q: int, second_round: bool = False) -> dt.datetime:
    day = filled_on(q) + dt.timedelta(days=3 if second_round else 2)
    return dt.datetime(day.year, day.month, day.day, 10, 0)


def file_names(catalog: Catalog, period: Period) -> dict[str, str]:
    return {b.kode: form_file_name(b, period) for b in catalog.bidang}


def write_submissions(catalog: Catalog, period: Period, folder: Path, subs: list[SampleSubmission],
                      history: dict[int, dict[str, float | None]] | None = None) -> list[Path]:
    """Write filled forms as the bidang would send them back."""
    paths = []
    budget = budget_history(catalog, period.n)
    for sub in subs:
        fill = FormFill(values=sub.values, keterangan=sub.keterangan, kendala=sub.kendala,
                        tanggal=filled_on(period.n), anggaran=sub.anggaran, faktor=sub.faktor)
        paths.append(write_form(catalog, sub.bidang, period, folder / sub.file_name,
                                created=form_created(period.n), history=history, fill=fill,
                                budget_history=budget))
    return paths


def write_clutter(folder: Path, catalog: Catalog, period: Period) -> list[Path]:
    """What else lies in a shared folder: an Excel lock file and Windows' Thumbs.db."""
    first = form_file_name(catalog.bidang[0], period)
    lock = folder / f"~${first}"
    thumbs = folder / "Thumbs.db"
    atomic_write_bytes(lock, b"\x0bkasubag" + b"\x00" * 40)
    atomic_write_bytes(thumbs, b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    return [lock, thumbs]


def _history(catalog: Catalog, q: int) -> dict[int, dict[str, float | None]]:
    from kinerja_xl.contoh.data import quarter_values

    return {k: dict(quarter_values(k)) for k in range(1, q)}


def sample_inbox(catalog: Catalog, period: Period, folder: Path, *, corrected: bool = False) -> list[Path]:
    """The sample submissions of a quarter written into ``folder`` (also used for ``samples/``)."""
    names = file_names(catalog, period)
    history = _history(catalog, period.n)
    if corrected:
        return write_submissions(catalog, period, folder, corrected_submissions(catalog, period, names), history)
    paths = write_submissions(catalog, period, folder, sample_submissions(catalog, period, names), history)
    if period.n == 1:
        paths += write_clutter(folder, catalog, period)
    return paths


@dataclass
class DemoResult:
    root: Path
    checks: list[CheckReport] = field(default_factory=list)
    outputs: list[tuple[str, Path]] = field(default_factory=list)


def _free_directory(directory: Path) -> Path:
    """The demo never writes into a folder that already has content."""
    if not directory.exists() or (directory.is_dir() and not any(directory.iterdir())):
        return directory
    if directory.name == DEFAULT_DIR:
        for k in range(2, 100):
            candidate = directory.with_name(f"{DEFAULT_DIR}-{k}")
            if not candidate.exists():
                return candidate
    raise WorkspaceError(f"Folder {directory} sudah berisi berkas. Jalankan demo di folder baru, "
                         f"misalnya: kinerja-xl demo {directory.name}-baru")


def run_demo(directory: Path) -> DemoResult:
    root = _free_directory(Path(directory))
    ws, _ = api.init_workspace(root, catalog=build_sample_catalog())
    catalog: Catalog = ws.load_catalog()
    result = DemoResult(root=root)
    for q in range(1, 5):
        period = Period(YEAR, "TW", q)
        forms = api.create_forms(root, period, now=form_created(q))
        if q == 1:
            result.outputs.append(("Formulir TW I untuk setiap bidang", forms.folder))
        sample_inbox(catalog, period, forms.inbox)
        result.checks.append(api.check(root, period, now=checked_at(q)))
        if q == 1:
            first = result.checks[-1]
            if first.feedback_paths:
                result.outputs.append(("Umpan balik TW I (berkas dikembalikan)", first.feedback_paths[0].parent))
            if first.laporan_path is not None:
                result.outputs.append(("Laporan pemeriksaan TW I", first.laporan_path))
            sample_inbox(catalog, period, forms.inbox, corrected=True)
            result.checks.append(api.check(root, period, now=checked_at(q, second_round=True)))
    for code, label in (("2025-TW4", "Rekap triwulan IV"), ("2025-S1", "Rekap semester I"),
                        ("2025-S2", "Rekap semester II"), ("2025", "Rekap tahunan")):
        recap = api.merge(root, _period(code))
        result.outputs.append((label, recap.path))
    export = api.export(root, _period("2025"))
    result.outputs.append(("CSV capaian untuk SILAKIP / e-SAKIP", export.capaian))
    if export.anggaran is not None:
        result.outputs.append(("CSV anggaran", export.anggaran))
    result.outputs.append(("Draf LKjIP Bab III (Word)", api.lkjip(root, _period("2025")).path))
    result.outputs.append(("Arsip isian yang diterima", ws.root / "arsip"))
    return result


def _period(code: str) -> Period:
    from kinerja_xl.period import parse_period

    return parse_period(code)
