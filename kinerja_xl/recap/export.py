"""The tidy CSV for SILAKIP / e-SAKIP: one row per indicator × quarter of the period, plus s.d. TW."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from kinerja_xl.catalog.model import Catalog, Target
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period
from kinerja_xl.recap.model import RecapModel, build_model
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import atomic_write_bytes

COLUMNS = ("periode", "kode_bidang", "bidang", "kode_sasaran", "sasaran", "kode_indikator", "indikator",
           "satuan", "polaritas", "agregasi", "triwulan", "target", "realisasi", "capaian",
           "capaian_tanpa_batas", "predikat")


def _number(value: float | None) -> str:
    """Plain decimal text with a point, at most 6 decimals; blank stays blank."""
    if value is None:
        return ""
    text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _target(t: Target | None) -> str:
    if t is None:
        return ""
    return f"{_number(t.low)}-{_number(t.high)}" if t.is_range else _number(t.low)


def csv_rows(model: RecapModel) -> list[dict[str, str]]:
    """The CSV's rows (tidy: one observation per row), in catalog order."""
    cat = model.catalog
    last = model.last_quarter
    rows = []
    for r in model.indikator:
        ind = r.indikator
        b = cat.bidang_by_kode.get(ind.bidang)
        s = cat.sasaran_by_kode.get(ind.sasaran)
        common = {
            "periode": model.period.code, "kode_bidang": ind.bidang, "bidang": b.nama if b else "",
            "kode_sasaran": ind.sasaran, "sasaran": s.uraian if s else "", "kode_indikator": ind.kode,
            "indikator": ind.nama, "satuan": ind.satuan, "polaritas": str(ind.polaritas),
            "agregasi": str(ind.agregasi),
        }
        for q in model.period.quarters:
            rows.append({**common, "triwulan": tw_label(q), "target": _target(ind.target_tw[q - 1]),
                         "realisasi": _number(r.realisasi_tw[q - 1]), "capaian": _number(r.capped_tw[q - 1]),
                         "capaian_tanpa_batas": _number(r.capaian_tw[q - 1]),
                         "predikat": r.predikat_tw[q - 1] or ""})
        rows.append({**common, "triwulan": f"s.d. {tw_label(last)}", "target": _target(ind.target_tahunan),
                     "realisasi": _number(r.realisasi_sd), "capaian": _number(r.capped_sd),
                     "capaian_tanpa_batas": _number(r.capaian_sd), "predikat": r.predikat_sd or ""})
    return rows


def write_csv(model: RecapModel, path: Path) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(model))
    path = Path(path)
    atomic_write_bytes(path, buf.getvalue().encode("utf-8"))
    return path


def export_csv(catalog: Catalog, period: Period, submissions: Sequence[AcceptedSubmission], path: Path) -> Path:
    """Write the tidy CSV of ``period`` (UTF-8, comma-separated, decimal point) atomically; return its path."""
    return write_csv(build_model(catalog, period, submissions), path)
