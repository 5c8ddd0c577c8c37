"""Benchmark: a large catalog (default 5,000 reporting units) checked and merged, the ledger in
PostgreSQL beside SQLite.

Generates the synthetic agency of ``benchmarks/agency.py`` with N units and their filled TW I
forms (kept under ``--data`` for later runs), then for each engine runs, as whole processes,
``kinerja-xl check`` of the N forms and ``kinerja-xl merge --period 2025-TW1``, and reports wall
time, forms per second and the peak memory of the child process alone.

Usage: ``python benchmarks/ledger_scale.py --pg postgresql://…/postgres [-n 5000]``
(the PostgreSQL ledger goes into a new database on that server, dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from agency import synthetic_agency, write_inbox

from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.period import Period

TW1 = Period(2025, "TW", 1)


def prepare(data: Path, n: int) -> Path:
    folder = data / f"n{n}"
    stamp = folder / "ready"
    if stamp.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    catalog = synthetic_agency(n)
    write_catalog(folder / "katalog.xlsx", catalog)
    write_inbox(catalog, 1, folder / "masuk")
    stamp.write_text(f"{time.perf_counter() - t0:.1f} s\n")
    return folder


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the command alone, exit status.

    The peak is GNU time's (``/usr/bin/time -f %M``): the rusage of a child forked from this large
    process would count the parent's pages it held until ``exec``."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    peak_kb = float(proc.stderr.strip().splitlines()[-1])
    return time.perf_counter() - start, peak_kb / 1024, proc.returncode


def run_engine(folder: Path, name: str, db: str | None) -> list[str]:
    ws = folder / f"ws-{name}"
    shutil.rmtree(ws, ignore_errors=True)
    ws.mkdir()
    shutil.copy2(folder / "katalog.xlsx", ws / "katalog.xlsx")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KINERJA_DB", None)
    if db:
        env["KINERJA_DB"] = db
    py = [sys.executable, "-m", "kinerja_xl"]
    forms = len(list((folder / "masuk").glob("*.xlsx")))
    wall, rss, code = timed(py + ["check", "-w", str(ws), "-p", TW1.code, str(folder / "masuk")], env)
    lines = [f"{name}: check {forms} forms: {wall:.1f} s ({forms / wall:.0f} forms/s), peak {rss:.0f} MB, exit {code}"]
    wall, rss, code = timed(py + ["merge", "-w", str(ws), "-p", TW1.code], env)
    lines.append(f"{name}: merge {TW1.code}: {wall:.1f} s, peak {rss:.0f} MB, exit {code}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--pg", required=True, metavar="URL", help="a PostgreSQL server (URL of any database on it)")
    ap.add_argument("--data", type=Path, default=Path("/tmp/kinerja-bench-ledger"))
    args = ap.parse_args()
    import psycopg

    t0 = time.perf_counter()
    folder = prepare(args.data, args.n)
    print(f"{args.n} units; data ready in {time.perf_counter() - t0:.0f} s; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    for line in run_engine(folder, "SQLite", None):
        print(line, flush=True)
    name = f"kinerja_scale_{os.getpid()}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        for line in run_engine(folder, "PostgreSQL", args.pg.rsplit("/", 1)[0] + "/" + name):
            print(line, flush=True)
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
