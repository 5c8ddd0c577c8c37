"""``kinerja-xl lkjip``: the LKjIP Bab III draft of a year from the workspace's ledger."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.errors import UsageError
from kinerja_xl.lkjip.document import write_lkjip
from kinerja_xl.lkjip.figures import Value
from kinerja_xl.period import Period
from kinerja_xl.recap.model import build_model
from kinerja_xl.recap.pdf import recap_to_pdf
from kinerja_xl.recap.run import accepted, document_date
from kinerja_xl.workspace import Workspace


@dataclass(frozen=True)
class LkjipResult:
    path: Path
    pdf: Path | None = None
    earlier_years: tuple[int, ...] = ()  # years whose realisasi came from the ledger


def lkjip_path(ws: Workspace, period: Period) -> Path:
    return ws.rekap_dir() / f"lkjip-bab3-{period.year}.docx"


def earlier_years(ws: Workspace, catalog: Catalog, year: int) -> dict[int, dict[str, Value]]:
    """Realisasi per indicator of the years before ``year`` that the workspace's ledger holds.

    Each is that year's annual recap model (the indicators' rumus of this catalog applied to the
    elements accepted that year), so an earlier year reads exactly as its own recap did.
    """
    first = min((r.tahun_awal for r in catalog.renstra), default=year - 1)
    out: dict[int, dict[str, Value]] = {}
    for y in range(min(first, year - 1), year):
        period = Period(y, "Y", 0)
        subs = accepted(ws, period)
        if subs:
            model = build_model(catalog, period, subs)
            out[y] = {r.indikator.kode: r.realisasi_sd for r in model.indikator if r.realisasi_sd is not None}
    return out


def lkjip_workspace(ws: Workspace, catalog: Catalog, period: Period, *, output: Path | None = None,
                    pdf: bool = False) -> LkjipResult:
    """Write ``rekap/lkjip-bab3-TAHUN.docx`` from the same model as the annual recap (and its PDF)."""
    if period.kind != "Y":
        raise UsageError(f"LKjIP disusun per tahun, bukan per {period.label.split()[0].lower()}: pakai "
                         f"--period {period.year}.")
    subs = accepted(ws, period)
    model = build_model(catalog, period, subs)
    earlier = earlier_years(ws, catalog, period.year)
    path = Path(output) if output is not None else lkjip_path(ws, period)
    write_lkjip(model, path, earlier=earlier, generated=document_date(period, subs))
    made = recap_to_pdf(path) if pdf else None
    return LkjipResult(path, made, tuple(sorted(earlier)))
