"""Benchmark: the recap of 1,000 submissions × 150 elements, with live formulas vs plain values.

    python benchmarks/merge.py                      # 250 bidang × 4 quarters × 150 elements (annual recap)
    python benchmarks/merge.py --bidang 1000 --quarters 1   # 1,000 bidang × 150 elements, one quarter

Each scenario runs in its own process so that its peak memory (``ru_maxrss``)
is its own: ``rekap`` writes the real workbook (formulas + cached values,
xlsxwriter ``constant_memory``); ``nilai`` writes the same workbook with every
formula cell replaced by its value. ``rss_awal`` is the memory after building
the inputs, before writing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kinerja_xl import rumus
from kinerja_xl.catalog.model import (
    Agregasi,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    Sasaran,
    Target,
)
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period

AGG = (Agregasi.NILAI_AKHIR, Agregasi.KUMULATIF, Agregasi.RATA_RATA)
POL = (Polaritas.POSITIF, Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG)


def synthetic(n_bidang: int, n_elements: int, quarters: int, seed: int = 7) -> tuple[Catalog, list[AcceptedSubmission]]:
    """A catalog of n_bidang × n_elements elements, one indicator per element pair, and its submissions."""
    rnd = random.Random(seed)
    bidang = tuple(Bidang(f"B{i:04d}", f"Bidang Uji {i}") for i in range(n_bidang))
    sasaran = tuple(Sasaran(f"SS{j}", f"Sasaran uji {j}") for j in range(1, 11))
    elemen: list[Elemen] = []
    indikator: list[Indikator] = []
    for i, b in enumerate(bidang):
        for k in range(n_elements):
            elemen.append(Elemen(f"{b.kode}E{k:03d}", f"Elemen uji {k} bidang {i}", "jiwa", b.kode))
        for k in range(n_elements // 2):
            n = len(indikator)
            pol, agg = POL[n % len(POL)], AGG[n % len(AGG)]
            t = Target(60.0, 80.0) if pol is Polaritas.RENTANG else Target.single(80.0 if pol is Polaritas.POSITIF else 20.0)
            indikator.append(Indikator(
                kode=f"{b.kode}I{k:03d}", sasaran=sasaran[n % len(sasaran)].kode, nama=f"Indikator uji {k} bidang {i}",
                satuan="%", polaritas=pol, agregasi=agg,
                rumus=rumus.parse(f"{b.kode}E{2 * k + 1:03d} / {b.kode}E{2 * k:03d} * 100"),
                target_tahunan=t, target_tw=(t, t, t, t), iku=k % 10 == 0, bidang=b.kode))
    catalog = Catalog(instansi=Instansi("Pemerintah Kabupaten Uji", "Dinas Uji"), bidang=bidang, sasaran=sasaran,
                      indikator=tuple(indikator), elemen=tuple(elemen))
    subs: list[AcceptedSubmission] = []
    for q in range(1, quarters + 1):
        for b in bidang:
            values: dict[str, float | None] = {}
            for k in range(0, n_elements - 1, 2):
                denom = float(rnd.randint(1000, 5000))
                values[f"{b.kode}E{k:03d}"] = denom
                values[f"{b.kode}E{k + 1:03d}"] = float(round(denom * rnd.uniform(0.1, 1.0)))
            if n_elements % 2:
                values[f"{b.kode}E{n_elements - 1:03d}"] = 1.0
            subs.append(AcceptedSubmission(
                id=len(subs) + 1, bidang=b.kode, period=f"2025-TW{q}", file_name=f"{b.kode}-TW{q}.xlsx",
                sha256=f"{len(subs):064x}", received_at=f"2025-{3 * q:02d}-28T10:00:00", revision=0,
                values=values, kendala={f"{b.kode}I000": "Kendala uji; rencana tindak lanjut uji."}))
    return catalog, subs


def _period(quarters: int) -> Period:
    return Period(2025, "TW", quarters) if quarters < 4 else Period(2025, "Y", 0)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(scenario: str, n_bidang: int, n_elements: int, quarters: int, out: Path) -> dict[str, float]:
    from kinerja_xl.recap import build_model
    from kinerja_xl.recap.sheets import capaian, common, groups, monitoring, ringkasan
    from kinerja_xl.recap.workbook import write_model

    catalog, subs = synthetic(n_bidang, n_elements, quarters)
    period = _period(quarters)
    if scenario == "nilai":
        def as_value(ws, row, col, _text, value, fmt):  # same signature as common.formula
            common.cell_value(ws, row, col, value, fmt)
        for mod in (capaian, common, groups, monitoring, ringkasan):
            mod.formula = as_value  # type: ignore[attr-defined]
    rss_before = _maxrss_mb()
    t0 = time.perf_counter()
    model = build_model(catalog, period, subs)
    t1 = time.perf_counter()
    write_model(model, out, generated=dt.datetime(2026, 1, 20))
    t2 = time.perf_counter()
    return {"model_s": t1 - t0, "tulis_s": t2 - t1, "rss_awal_mb": rss_before, "rss_puncak_mb": _maxrss_mb(),
            "berkas_mb": out.stat().st_size / 1e6, "kiriman": len(subs), "elemen": len(catalog.elemen),
            "indikator": len(catalog.indikator)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bidang", type=int, default=250)
    ap.add_argument("--elements", type=int, default=150)
    ap.add_argument("--quarters", type=int, default=4, choices=(1, 2, 3, 4))
    ap.add_argument("--scenario", choices=("rekap", "nilai"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scenario:
        print(json.dumps(child(args.scenario, args.bidang, args.elements, args.quarters, args.out)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for scenario in ("rekap", "nilai"):
            out = Path(tmp) / f"{scenario}.xlsx"
            proc = subprocess.run([sys.executable, __file__, "--scenario", scenario, "--bidang", str(args.bidang),
                                   "--elements", str(args.elements), "--quarters", str(args.quarters),
                                   "--out", str(out)], capture_output=True, text=True, check=True)
            results[scenario] = json.loads(proc.stdout.strip().splitlines()[-1])
    r = results["rekap"]
    print(f"{r['kiriman']} kiriman, {r['elemen']:,} elemen, {r['indikator']:,} indikator, "
          f"periode {_period(args.quarters).code}")
    print(f"{'skenario':<22}{'model (s)':>10}{'tulis (s)':>11}{'RSS awal (MB)':>15}{'RSS puncak (MB)':>17}"
          f"{'berkas (MB)':>13}")
    for name, label in (("rekap", "rumus + nilai (rekap)"), ("nilai", "nilai saja")):
        x = results[name]
        print(f"{label:<22}{x['model_s']:>10.2f}{x['tulis_s']:>11.2f}{x['rss_awal_mb']:>15.0f}"
              f"{x['rss_puncak_mb']:>17.0f}{x['berkas_mb']:>13.1f}")


if __name__ == "__main__":
    main()
