"""Benchmark: ``check`` end to end against a read-only baseline.

Generates N filled forms (default 1,000) for a synthetic catalog that repeats
the sample catalog's bidang under new codes (N distinct bidang, so every form is
a distinct, acceptable submission), then times

* the baseline: open each file with python-calamine and read every cell of every sheet
  (one process — the fastest reader, nothing else);
* ``check_inbox`` end to end (recognise, read, check, ledger, archive, laporan) with the
  default number of processes (the CPU count), and with ``--jobs 1``.

Usage: ``python benchmarks/check.py [-n 1000] [--repeat 3] [--keep DIR] [--dir /dev/shm]``

Figures (2 vCPUs, shared; 1,000 forms of 14 KB; best of 3 interleaved runs; issue 3 asks for
``check`` within 3x of the baseline's wall time)::

                                      baseline  --jobs 2               --jobs 1
                                      ms/file   wall  ratio  CPU ms/f  wall  ratio  CPU ms/f
    disk, before (ad1c6e1), quiet      0.31     0.99  3.16x  1.67      1.51  4.84x  1.48
    disk, after, quiet                 0.31     0.87  2.75x  1.59      1.32  4.20x  1.28
    /dev/shm, before                   0.31     0.75  2.41x  1.32      1.37  4.39x  1.37
    /dev/shm, after                    0.32     0.64  2.03x  1.16      1.05  3.32x  1.05

(the issue's "today 4.6-6x" was measured on the disk shortly after mass deletions:
1.56 s / 1.86 s wall, 1.65 / 1.60 CPU ms per file then.) "Quiet" means nothing was deleted
on the disk in the minutes before; run with ``--keep`` so that the clean-up of one run does
not slow the next.

What the rest costs, per file (after): reading the values with calamine ~0.27 ms (the
sheets ``_meta``, ``Isian``, ``Pengesahan``: as much as the whole baseline, which reads all
five sheets); the checks in Python ~0.35 ms; reading and hashing the file, the zip directory
and the formula scan ~0.1 ms; recording in the ledger (one transaction per file) ~0.1 ms;
the laporan ~0.07 ms; and one new file, the archive copy, per accepted form. Creating a
file is the part this machine decides: its ext4 runs without a journal, and then the inode
allocator skips every inode freed in the last 1-6 minutes one by one (``recently_deleted``,
most of the kernel time in ``perf``), so a creation costs 0.04-0.1 ms of kernel CPU on a
quiet disk and up to 0.8 ms after a test suite or a benchmark has deleted thousands of
files — up to 2.7 times the whole baseline per file. The benchmark prints that cost before
and after its runs ("creating a file here costs ..."). With ``--jobs 2`` the copies are
created by the checkers, in parallel, which keeps check within 3x on a quiet disk (not after
mass deletions: at 0.8 ms per creation the copies alone add ~0.4 s of wall time on 2 CPUs).
With ``--jobs 1`` everything is serial: 3.3x even on tmpfs, where creating files is free
(~1.05 ms of checking, recording and reporting per file against 0.31 ms of reading).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kinerja_xl.catalog.model import Bidang, Catalog, Elemen, Indikator, TipeElemen
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.intake.result import Verdict
from kinerja_xl.intake.run import check_files, check_inbox
from kinerja_xl.period import parse_period
from kinerja_xl.rumus import parse
from kinerja_xl.workspace import Workspace

PERIOD = parse_period("2025-TW1")


def synthetic_catalog(n: int) -> Catalog:
    """The sample catalog's form-filling bidang repeated under new codes until there are ``n``."""
    base = build_sample_catalog()
    filling = [b for b in base.bidang if base.elemen_of(b.kode)]
    bidang: list[Bidang] = []
    elemen: list[Elemen] = []
    indikator: list[Indikator] = []
    for i in range(n):
        src = filling[i % len(filling)]
        suffix = f"_{i:04d}"
        kode = f"{src.kode}{suffix}"
        bidang.append(dataclasses.replace(src, kode=kode, nama=f"{src.nama} {i:04d}"))
        rename = {e.kode: f"{e.kode}{suffix}" for e in base.elemen_of(src.kode)}
        elemen += [dataclasses.replace(e, kode=rename[e.kode], bidang=kode) for e in base.elemen_of(src.kode)]
        for ind in base.indikator_of(src.kode):
            text = ind.rumus.canonical
            for old in sorted(rename, key=len, reverse=True):
                text = text.replace(old, rename[old])
            indikator.append(dataclasses.replace(ind, kode=f"{ind.kode}{suffix}", bidang=kode,
                                                 rumus=parse(text)))
    return dataclasses.replace(base, bidang=tuple(bidang), elemen=tuple(elemen), indikator=tuple(indikator))


def filled_values(catalog: Catalog, bidang: str, rng: random.Random) -> FormFill:
    """Plausible values that pass every check (numerators below denominators, within min/max)."""
    values: dict[str, object] = {}
    for e in catalog.elemen_of(bidang):
        if e.tipe is TipeElemen.PERSEN:
            v: float = round(rng.uniform(90, 100), 1)
        elif e.tipe is TipeElemen.DESIMAL:
            v = round(rng.uniform(e.min if e.min is not None else 1, e.max if e.max is not None else 100), 2)
        else:
            v = rng.randint(2_000, 50_000)
        if e.max is not None:
            v = min(v, e.max)
        if e.min is not None:
            v = max(v, e.min)
        values[e.kode] = v
    for ind in catalog.indikator_of(bidang):
        parts = ind.rumus.coverage_parts()
        if parts and isinstance(values.get(parts[1]), (int, float)):
            values[parts[0]] = int(values[parts[1]] * 0.95)  # type: ignore[operator]
    kendala = {i.kode: "Tidak ada kendala berarti; pelayanan berjalan sesuai jadwal." for i in
               catalog.indikator_of(bidang)}
    return FormFill(values=values, kendala=kendala, tanggal=dt.date(2025, 4, 3))


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children (the checkers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _kernel() -> float:
    """The system (kernel) part of :func:`_cpu`: mostly creating files."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime


def creation_probe(folder: Path, n: int = 200) -> float:
    """Kernel CPU milliseconds to create one (empty) file in ``folder`` right now.

    ext4 without a journal (as here) skips inodes deleted in the last minutes one by one when it
    allocates a new one, so this ranges from ~0.07 ms on a quiet disk to ~0.8 ms after mass
    deletions (a test suite, an earlier benchmark's clean-up). Every accepted file costs one
    creation (its archive copy); the baseline creates nothing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    for i in range(n):
        os.close(os.open(folder / f"{i}.probe", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return (resource.getrusage(resource.RUSAGE_SELF).ru_stime - before) / n * 1000


Timing = tuple[float, float, float]  # wall, CPU, kernel CPU (seconds)


def baseline(paths: list[Path]) -> Timing:
    """Seconds to open every file with python-calamine and read all cells of all sheets."""
    cpu, sys_, start = _cpu(), _kernel(), time.perf_counter()
    for path in paths:
        wb = python_calamine.load_workbook(path)
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - start, _cpu() - cpu, _kernel() - sys_


def checks_only(paths: list[Path], catalog: Catalog, jobs: int | None) -> Timing:
    """The file checks alone: no ledger, no archive copies, no reports."""
    cpu, sys_, start = _cpu(), _kernel(), time.perf_counter()
    for _ in check_files(paths, [p.name for p in paths], catalog, PERIOD, jobs=jobs):
        pass
    return time.perf_counter() - start, _cpu() - cpu, _kernel() - sys_


def timed_check(root: Path, inbox: Path, catalog: Catalog, jobs: int | None) -> tuple[Timing, dict[str, int]]:
    """One ``check_inbox`` run into a workspace at ``root``, and its verdict counts."""
    ws = Workspace(root)
    root.mkdir(parents=True, exist_ok=True)
    cpu, sys_, start = _cpu(), _kernel(), time.perf_counter()
    report = check_inbox(ws, PERIOD, inbox, catalog=catalog, jobs=jobs, now=dt.datetime(2025, 4, 5, 9, 0))
    elapsed = time.perf_counter() - start
    counts = {v.value: sum(1 for r in report.files if r.verdict is v) for v in Verdict}
    return (elapsed, _cpu() - cpu, _kernel() - sys_), counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="number of filled forms (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved repetitions, best kept (default 3)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated workspace here")
    ap.add_argument("--dir", type=Path, default=None,
                    help="where to create the temporary workspace (e.g. /dev/shm to leave the disk out)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kinerja-bench-", dir=args.dir)) if args.keep is None else args.keep
    try:
        catalog = synthetic_catalog(args.n)
        inbox = tmp / "masuk"
        inbox.mkdir(parents=True, exist_ok=True)
        rng = random.Random(2025)
        t0 = time.perf_counter()
        paths = []
        for b in catalog.bidang:
            path = inbox / f"{b.kode}.xlsx"
            write_form(catalog, b.kode, PERIOD, path, created=dt.datetime(2025, 3, 25, 8, 0),
                       fill=filled_values(catalog, b.kode, rng))
            paths.append(path)
        gen = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths) / len(paths)
        print(f"generated {len(paths)} filled forms in {gen:.1f} s (average {size / 1024:.1f} KB)")

        n = len(paths)
        probe = creation_probe(tmp / "probe-before")
        print(f"creating a file here costs {probe:.2f} ms of kernel CPU now; load average "
              f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        runs: dict[str, list[Timing]] = {"baseline": [], "auto": [], "1": [], "files": []}
        counts: dict[str, int] = {}
        for k in range(args.repeat):  # interleaved, best of each: the machine may be shared
            runs["baseline"].append(baseline(paths))
            runs["files"].append(checks_only(paths, catalog, None))
            for jobs in (None, 1):
                timing, counts = timed_check(tmp / f"ws-{jobs or 'auto'}-{k}", inbox, catalog, jobs)
                runs[str(jobs or "auto")].append(timing)
        best = {key: (min(t[0] for t in v), min(t[1] for t in v), min(t[2] for t in v)) for key, v in runs.items()}
        print(f"verdicts: {counts}")
        labels = {"baseline": "baseline: calamine, all cells of all sheets, 1 process",
                  "auto": f"check end to end, --jobs {os.cpu_count()} (default)",
                  "1": "check end to end, --jobs 1",
                  "files": f"  of which file checks only, --jobs {os.cpu_count()}"}
        print(f"{'':<56} {'wall s':>7} {'files/s':>8} {'CPU ms/file':>12} {'of it kernel':>13}")
        for key, (wall, cpu, kernel) in best.items():
            print(f"{labels[key]:<56} {wall:7.2f} {n / wall:8.0f} {cpu / n * 1000:12.2f} {kernel / n * 1000:13.2f}")
        (again, _cpu_again, _sys_again), _ = timed_check(tmp / "ws-auto-0", inbox, catalog, None)
        print(f"{'check again (nothing new: ledger look-ups only)':<56} {again:7.2f} {n / again:8.0f}")
        print(f"creating a file here costs {creation_probe(tmp / 'probe-after'):.2f} ms of kernel CPU "
              f"after the runs; load average {os.getloadavg()[0]:.2f}")
        base_wall, base_cpu, _ = best["baseline"]
        for key in ("auto", "1", "files"):
            wall, cpu, kernel = best[key]
            short = {"auto": f"check --jobs {os.cpu_count()}", "1": "check --jobs 1", "files": "file checks only"}[key]
            print(f"ratio {short:<20} wall {wall / base_wall:5.2f}x   CPU {cpu / base_cpu:5.2f}x"
                  f"   CPU without kernel {(cpu - kernel) / base_cpu:5.2f}x   (target: wall <= 3x)")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
