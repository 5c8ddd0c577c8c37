"""Benchmark: the office server, upload to verdict, one server process on 127.0.0.1.

Builds a workspace with a synthetic catalog of N bidang (the sample catalog's bidang repeated,
as in ``benchmarks/check.py``), the forms of 2025-TW1 and, per bidang, several distinct filled
forms; starts ``kinerja-xl serve`` as its own process, then

* **latency**: uploads one form at a time (a typical 14 KB form, each from another bidang) and
  times each POST from the first byte sent to the verdict page received (median, p95);
* **throughput**: 50 concurrent uploaders (httpx, one client and session per bidang), each
  sending its bidang's next forms one after another; uploads per second over the whole run.

Then checks that nothing was lost or doubled: every upload is in the ledger exactly once
(by its SHA-256), with the verdict its page showed, and every saved file is in ``masuk/``.

Usage: ``python benchmarks/serve.py [--uploaders 50] [--per-uploader 3] [--sequential 30]
[--servers N] [--pg postgresql://…/postgres]``

``--pg`` puts the ledger in a new database on that PostgreSQL server (created and dropped by the
run); ``--servers N`` starts N server processes on one workspace and one ledger, the uploaders
spread over them (for several servers the ledger must be PostgreSQL).

Figures (2 vCPUs shared with other work; 50 bidang; 14 KB forms; defaults)::

    latency, one upload at a time (30 uploads): median 183 ms, p95 216 ms, max 367 ms
    throughput, 50 concurrent uploaders x 3: 150 uploads in 14.2 s = 10.5 uploads/s;
        latency under load median 1614 ms, p95 4199 ms
    ledger: 180 submissions for 180 distinct uploads; lost 0, doubled 0, verdict differs 0

The server checks in its thread pool (one process: the checks share the GIL), so throughput
is about one CPU's worth of checking (~95 ms per file including the page round trip, the
save, the ledger transaction, the archive copy and the umpan balik work); under load each
upload waits its turn, hence the higher latency.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import hashlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from check import filled_values, synthetic_catalog

from kinerja_xl import access, api
from kinerja_xl.forms.writer import write_form
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import parse_period
from kinerja_xl.workspace import init_workspace

PERIOD = parse_period("2025-TW1")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def build(root: Path, n_bidang: int, per_bidang: int, db: str | None = None
          ) -> tuple[dict[str, str], dict[str, list[bytes]]]:
    """The workspace; returns bidang -> link token, and bidang -> distinct filled forms."""
    # without the budget tree and Renstra, whose rows name the sample's bidang codes
    catalog = dataclasses.replace(synthetic_catalog(n_bidang), anggaran=(), renstra=())
    init_workspace(root, catalog=catalog)
    ws = api.open_workspace(root, db=db)
    api.create_forms(ws, PERIOD)
    catalog = ws.load_catalog()
    tokens = {link.bidang: link.token for link in access.bidang_links(ws, catalog)}
    forms: dict[str, list[bytes]] = {}
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        for b in catalog.bidang_with_form:
            forms[b.kode] = []
            for k in range(per_bidang):
                path = write_form(catalog, b.kode, PERIOD, Path(tmp) / f"{b.kode}-{k}.xlsx",
                                  created=dt.datetime(2025, 3, 24, 9, 0),
                                  fill=filled_values(catalog, b.kode, rng))
                forms[b.kode].append(path.read_bytes())
    return tokens, forms


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(root: Path, port: int, db: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if db:
        env["KINERJA_DB"] = db
    proc = subprocess.Popen([sys.executable, "-m", "kinerja_xl", "serve", "-w", str(root), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/masuk", timeout=2)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {proc.stderr.read() if proc.stderr else ''}") from None
            time.sleep(0.2)


async def upload(client: httpx.AsyncClient, token: str, data: bytes, name: str) -> tuple[float, str]:
    """One upload as a browser does it (the page for the CSRF token, then the POST); seconds of the
    POST and the verdict shown."""
    page = await client.get(f"/b/{token}")
    csrf = CSRF.search(page.text)
    assert csrf is not None, page.text[:500]
    start = time.perf_counter()
    r = await client.post(f"/b/{token}/kirim/{PERIOD.code}", data={"csrf": csrf.group(1)},
                          files={"berkas": (name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    took = time.perf_counter() - start
    assert r.status_code == 200, r.text[:500]
    verdict = "accepted" if 'class="vonis diterima"' in r.text else "returned"
    return took, verdict


async def sequential(base: str, jobs: list[tuple[str, bytes, str]]) -> list[tuple[float, str]]:
    out = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:  # always the first server
        for token, data, name in jobs:
            out.append(await upload(client, token, data, name))
    return out


async def concurrent(bases: list[str], per_uploader: dict[str, list[tuple[bytes, str]]], tokens: dict[str, str]
                     ) -> tuple[float, list[tuple[str, float, str]]]:
    results: list[tuple[str, float, str]] = []
    order = {b: i for i, b in enumerate(per_uploader)}

    async def uploader(bidang: str) -> None:
        base = bases[order[bidang] % len(bases)]  # uploaders spread over the servers
        async with httpx.AsyncClient(base_url=base, timeout=300) as client:
            for data, name in per_uploader[bidang]:
                took, verdict = await upload(client, tokens[bidang], data, name)
                results.append((hashlib.sha256(data).hexdigest(), took, verdict))

    start = time.perf_counter()
    await asyncio.gather(*(uploader(b) for b in per_uploader))
    return time.perf_counter() - start, results


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uploaders", type=int, default=50)
    parser.add_argument("--per-uploader", type=int, default=3)
    parser.add_argument("--sequential", type=int, default=30)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--pg", metavar="URL", default=None,
                        help="a PostgreSQL server (URL of any database on it): the ledger goes into a new database")
    args = parser.parse_args()
    if args.servers > 1 and not args.pg:
        raise SystemExit("several servers share one ledger only in PostgreSQL: give --pg")
    db = create_database(args.pg) if args.pg else None
    try:
        run(args, db)
    finally:
        if db:
            drop_database(args.pg, db)


def create_database(server: str) -> str:
    import psycopg

    name = f"kinerja_bench_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def drop_database(server: str, db: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1]}" WITH (FORCE)')


def run(args: argparse.Namespace, db: str | None) -> None:
    n = max(args.uploaders, args.sequential)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "dinas"
        t0 = time.perf_counter()
        tokens, forms = build(root, n, args.per_uploader + 1, db)
        print(f"workspace: {n} bidang, {sum(map(len, forms.values()))} filled forms of "
              f"{statistics.mean(len(f) for fs in forms.values() for f in fs) / 1024:.0f} KB "
              f"({time.perf_counter() - t0:.1f} s to build)")
        ports = [free_port() for _ in range(args.servers)]
        procs = [start_server(root, port, db) for port in ports]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        base = bases[0]
        print(f"{args.servers} server process(es), ledger on {'PostgreSQL' if db else 'SQLite'}")
        try:
            bidang = list(tokens)
            seq_jobs = [(tokens[b], forms[b][0], f"{b}.xlsx") for b in bidang[:args.sequential]]
            seq = asyncio.run(sequential(base, seq_jobs))
            times = [t for t, _ in seq]
            print(f"latency, one upload at a time ({len(times)} uploads): median {statistics.median(times) * 1000:.0f} ms, "
                  f"p95 {pct(times, 0.95) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
            plan = {b: [(forms[b][k], f"{b} versi {k}.xlsx") for k in range(1, args.per_uploader + 1)]
                    for b in bidang[:args.uploaders]}
            wall, results = asyncio.run(concurrent(bases, plan, tokens))
            lat = [t for _, t, _ in results]
            print(f"throughput, {args.uploaders} concurrent uploaders x {args.per_uploader}: {len(results)} uploads "
                  f"in {wall:.1f} s = {len(results) / wall:.1f} uploads/s; latency under load median "
                  f"{statistics.median(lat) * 1000:.0f} ms, p95 {pct(lat, 0.95) * 1000:.0f} ms")
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=30)
        # nothing lost or doubled
        with Ledger(db or root / "daftar-kiriman.sqlite") as ledger:
            rows = [(s.sha256, s.verdict, s.rel_path) for s in ledger.submissions(PERIOD.code)]
        by_sha: dict[str, list[tuple[str, str]]] = {}
        for sha, verdict, rel in rows:
            by_sha.setdefault(sha, []).append((verdict, rel))
        sent = {hashlib.sha256(data).hexdigest(): v for (_, data, _), (_, v) in zip(seq_jobs, seq)}
        sent.update({sha: v for sha, _, v in results})
        lost = [s for s in sent if s not in by_sha]
        doubled = [s for s, subs in by_sha.items() if len(subs) != 1]
        wrong = [s for s, v in sent.items() if s in by_sha and by_sha[s][0][0] != v]
        missing_files = [rel for subs in by_sha.values() for _, rel in subs
                         if not (root / "masuk" / PERIOD.code / rel).is_file()]
        print(f"ledger: {len(rows)} submissions for {len(sent)} distinct uploads; lost {len(lost)}, doubled "
              f"{len(doubled)}, verdict differs {len(wrong)}, file missing in masuk/ {len(missing_files)}; "
              f"verdicts: {sum(v == 'accepted' for v in sent.values())} diterima")
        if lost or doubled or wrong or missing_files or len(rows) != len(sent):
            raise SystemExit("FAILED: the ledger does not hold every upload exactly once")


if __name__ == "__main__":
    main()
