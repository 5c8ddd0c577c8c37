"""Benchmark: generate the forms of a large synthetic catalog and report forms per second.

    python benchmarks/forms.py                      # 50 bidang x 200 elements, 20 indicators each
    python benchmarks/forms.py --bidang 10 --elemen 50 --period 2025-TW4 --history

The catalog is built in code (no katalog.xlsx is read), so this times the form
writer alone: building each workbook in memory and writing it atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
    TipeElemen,
)
from kinerja_xl.forms.writer import generate_forms
from kinerja_xl.period import parse_period


def synthetic_catalog(n_bidang: int, n_elemen: int, n_indikator: int, seed: int = 1) -> Catalog:
    """``n_bidang`` bidang, each filling ``n_elemen`` elements and owning ``n_indikator`` indicators."""
    rng = random.Random(seed)
    tipe = (TipeElemen.BULAT, TipeElemen.BULAT, TipeElemen.DESIMAL, TipeElemen.PERSEN)
    polaritas = (Polaritas.POSITIF, Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG)
    agregasi = tuple(Agregasi)
    bidang, elemen, indikator = [], [], []
    for b in range(n_bidang):
        kode_b = f"B{b + 1:02d}"
        bidang.append(Bidang(kode_b, f"Bidang Sintetis Nomor {b + 1}", f"Kepala Bidang {b + 1}",
                             f"19800101200501{b + 1:04d}"))
        codes = []
        for e in range(n_elemen):
            kode = f"{kode_b}E{e + 1:03d}"
            t = tipe[e % len(tipe)]
            elemen.append(Elemen(kode, f"Jumlah elemen data sintetis {e + 1} bidang {b + 1}", "unit", kode_b, t,
                                 0.0, 100.0 if t is TipeElemen.PERSEN else None, e % 7 != 0,
                                 agregasi[e % len(agregasi)]))
            codes.append(kode)
        for i in range(n_indikator):
            a, c = rng.sample(codes, 2)
            pol = polaritas[i % len(polaritas)]
            target = Target(80.0, 90.0) if pol is Polaritas.RENTANG else Target.single(rng.choice((50.0, 90.0, 100.0)))
            indikator.append(Indikator(
                kode=f"{kode_b}I{i + 1:02d}", sasaran="S1", nama=f"Indikator sintetis {i + 1} bidang {b + 1}",
                satuan="%", polaritas=pol, agregasi=agregasi[i % len(agregasi)],
                rumus=rumus.parse(f"{a} / {c} * 100"), target_tahunan=target, target_tw=(target,) * 4,
                iku=i % 2 == 0, bidang=kode_b,
            ))
    return Catalog(
        instansi=Instansi(pemerintah_daerah="Pemerintah Kabupaten Sintetis", nama_opd="Dinas Sintetis"),
        bidang=tuple(bidang), sasaran=(Sasaran("S1", "Sasaran sintetis"),),
        indikator=tuple(indikator), elemen=tuple(elemen),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bidang", type=int, default=50, help="number of bidang (forms)")
    parser.add_argument("--elemen", type=int, default=200, help="elements per bidang")
    parser.add_argument("--indikator", type=int, default=20, help="indicators per bidang")
    parser.add_argument("--period", default="2025-TW3", help="quarter, e.g. 2025-TW3")
    parser.add_argument("--history", action="store_true", help="fill the earlier quarters' context columns")
    parser.add_argument("--outdir", type=Path, help="keep the forms here (default: a temporary folder)")
    args = parser.parse_args(argv)

    period = parse_period(args.period, quarter_only=True)
    t0 = time.perf_counter()
    catalog = synthetic_catalog(args.bidang, args.elemen, args.indikator)
    t_catalog = time.perf_counter() - t0
    history = None
    if args.history:
        history = {q: {e.kode: float(q * 10) for e in catalog.elemen} for q in range(1, period.n)}
    created = dt.datetime(2025, 1, 1)

    with tempfile.TemporaryDirectory(prefix="kxl-bench-") as tmp:
        outdir = args.outdir or Path(tmp)
        t0, c0 = time.perf_counter(), time.process_time()
        paths = generate_forms(catalog, period, outdir, created=created, history=history)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        size = sum(p.stat().st_size for p in paths)
    print(f"catalog: {args.bidang} bidang x {args.elemen} elemen, {args.indikator} indikator per bidang "
          f"(built in {t_catalog:.2f} s); period {period.code}{' with history' if history else ''}")
    print(f"{len(paths)} forms in {elapsed:.2f} s: {len(paths) / elapsed:.1f} forms/s, "
          f"{elapsed / len(paths) * 1000:.0f} ms per form ({cpu / len(paths) * 1000:.0f} ms CPU), "
          f"{size / len(paths) / 1024:.0f} KiB per form")
    return 0


if __name__ == "__main__":
    sys.exit(main())
