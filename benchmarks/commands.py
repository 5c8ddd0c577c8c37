"""Benchmark: ``check``, ``forms`` and ``merge`` as a user runs them, beside their bare floors.

    python benchmarks/commands.py                      # 500 and 1,000 units, best of 3
    python benchmarks/commands.py -n 5 500 1000 --repeat 3 --data /tmp/kinerja-bench-cmd

For each N, a workspace of the synthetic agency of N units (:mod:`agency`: the sample agency
repeated) is generated once into ``--data`` (kept, reused by later runs; ``--fresh`` rebuilds):
``katalog.xlsx``, the filled forms of TW I-IV, and a ledger where all four quarters are accepted.
Then, interleaved and best of ``--repeat``, each command runs as a whole process —
``python -m kinerja_xl`` with ``PYTHONPATH`` set to the repository measured (``--repo``) — beside
its floor, also a whole process (``floor.py``, which imports no kinerja_xl):

* ``check -p 2025-TW1 INBOX`` in a fresh workspace (an empty ledger) each time, holding the
  catalog's parsed copy (``.katalog.cache``) as after ``forms`` — written once per run by the
  measured code (``status``) — against python-calamine reading every cell of every sheet of the
  catalog and of the N files; a second line, *catalog just edited*, without that copy;
* ``forms -p 2025-TW1``, against a bare xlsxwriter script writing the same cells (formulas with
  their cached values, no formats) of the N forms;
* ``merge -p 2025`` (the year: 4 quarters), against the same bare script writing the recap's cells
  with ``constant_memory``.

Reported: wall seconds, files (or units) per second, milliseconds per unit, peak RSS of the
child process (``os.wait4``; for ``check``, the largest of its processes), the ratio to the
floor, and a line with the inner loop alone (the library call with a catalog already loaded,
in a process of its own: the figure the older benchmarks gave). Per N, a process that only
imports the CLI and loads the catalog gives the part of a command's memory that is the catalog
(whole, as ``merge`` loads it; a bidang at a time, as ``forms`` and ``check`` do); at the end, each
command's peak growth between the two largest N, in total and beyond its catalog's part. The measured package is byte-compiled first, as ``pip install`` does. The floor's time leaves
out reading its list of cells (printed by ``floor.py``). On a shared machine the wall times
follow the load; the CPU seconds (user + system of the child and its own children) and their
ratio are steadier.

Figures, round 3 (2 vCPUs, quiet machine: load average 0.4-1.1; best of 3; ``check`` with the
catalog cached, as after ``forms``; before: the same machine at the start of the round)::

                         before                              after
    500 units            wall    CPU s  peak MB  ratio       wall    CPU s  peak MB  ratio (CPU ratio)
    check 2025-TW1       1.72 s   2.21     76    4.25x       0.84 s   1.33     47    2.19x (3.48x)
      catalog just edited                                    1.25 s   1.73     54    3.26x
    forms 2025-TW1       6.34 s   6.34     50    2.67x       2.59 s   4.76     36    0.94x (1.55x)
    merge 2025           5.89 s   5.83     66    0.63x       4.82 s   4.77     48    0.48x (0.45x)
    1,000 units
    check 2025-TW1       2.80 s   4.01     91    3.89x       1.34 s   2.22     61    1.39x (2.41x)
      catalog just edited                                    2.94 s   4.01     78    3.06x
    forms 2025-TW1      13.41 s  13.24     70    2.73x       4.70 s   8.77     47    0.96x (1.62x)
    merge 2025          12.64 s  12.56    100    0.70x       9.25 s   9.17     66    0.50x (0.47x)
    5 units (after)      check 0.29 s wall, 32 MB; forms 0.19 s, 26 MB; merge 0.30 s, 30 MB: mostly
                         starting Python and importing (the floors: 0.06-0.24 s, 16-22 MB)

    peak memory 500 -> 1,000 units: check 47 -> 61 MB, forms 36 -> 47, merge 48 -> 66; the catalog
    loaded alone (imports + catalog) 32 -> 44 MB, so beyond the catalog: check 14 -> 17 MB,
    forms 4 -> 4, merge 15 -> 22.

    Round 4 (the catalog packed in columns in its cache, ``kinerja_xl.catalog.packed``; check's
    records committed a few times per run, its accepted files' figures released once recorded;
    load average 0.8-1.1; ``--data`` on a fresh folder, see below)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.94 s   1.52     40    0.49 s  1.92x (3.13x)
      catalog just edited 1.53 s  2.20     50            3.14x
    forms 2025-TW1       3.47 s   6.34     30    3.57 s  0.97x (1.64x)
    merge 2025           6.44 s   6.39     44   11.48 s  0.56x (0.52x)
    1,000 units
    check 2025-TW1       1.57 s   2.72     48    0.77 s  2.05x (3.56x)
      catalog just edited 2.99 s  4.32     70            3.90x
    forms 2025-TW1       5.85 s  10.75     34    6.44 s  0.91x (1.53x)
    merge 2025          12.03 s  11.86     58   22.84 s  0.53x (0.49x)
    5 units              check 0.31 s, 32 MB; forms 0.26 s, 26 MB; merge 0.44 s, 30 MB

    peak memory 500 -> 1,000 units: check 40 -> 48 MB (+21%), forms 30 -> 34 (+12%), merge 44 -> 58
    (+32%); the catalog loaded alone 25 -> 29 MB (round 3: 32 -> 44), so beyond it: check 15 -> 19,
    forms 5 -> 5, merge 18 -> 29 (the recap's model, built whole before it is written).

    Round 5 (the laporan pemeriksaan written row by row; load average 0.3-1.3; the same data)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.89 s   1.37     38    0.43 s  2.06x (3.23x)   (0.92 s / 0.47 s, 1.96x, earlier that day)
    forms 2025-TW1       2.74 s   5.14     30    2.97 s  0.92x (1.64x)
    merge 2025           5.90 s   5.84     44   11.03 s  0.53x (0.50x)
    1,000 units
    check 2025-TW1       1.65 s   2.81     43    0.98 s  1.69x (2.90x)
    forms 2025-TW1       5.25 s   9.42     34    5.38 s  0.97x (1.58x)
    merge 2025           9.99 s   9.90     58   19.91 s  0.50x (0.46x)
    5 units              check 0.24 s, 32 MB; forms 0.18 s, 26 MB; merge 0.33 s, 30 MB

    peak memory 500 -> 1,000 units: check 38 -> 43 MB (+15%; round 4: 40 -> 49), forms 30 -> 34 (+13%),
    merge 44 -> 58 (+32%); the catalog loaded alone 25 -> 29 MB. At 500 units ``check`` costs a fixed
    ~0.18 s the floor does not (imports: dataclasses, xlsxwriter, click; the catalog; starting the
    checkers; the laporan) — 0.4x of its ratio there, 0.2x at 1,000 — and 1.4 ms per form against
    the floor's 0.8 (0.25 ms of it creating the archive copy on this disk).

Round 6 (``forms`` and ``check`` read the catalog a bidang at a time, ``kinerja_xl.catalog.slices``;
the recap's element and indicator rows in columns, ``kinerja_xl.recap.rows``; load average
0.6-1.2; two runs, the second one's figures; the first gave check 1.84x at 500 and 1.66x at 1,000)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.85 s   1.37     35    0.53 s  1.60x (2.58x)
      catalog just edited 1.65 s  2.13     50            3.10x
    forms 2025-TW1       2.42 s   4.51     27    2.47 s  0.98x (1.64x)
    merge 2025           5.84 s   5.79     43    9.96 s  0.59x (0.54x)
    1,000 units
    check 2025-TW1       1.34 s   2.34     38    0.89 s  1.51x (2.73x)
      catalog just edited 2.54 s  3.41     69            2.85x
    forms 2025-TW1       5.19 s   9.46     28    5.28 s  0.98x (1.63x)
    merge 2025          11.85 s  11.75     56   21.42 s  0.55x (0.51x)
    5 units              check 0.24 s, 32 MB; forms 0.16 s, 26 MB; merge 0.31 s, 30 MB

    peak memory 500 -> 1,000 units: check 35 -> 38 MB (+9%; round 5: +15%), forms 27 -> 28 (+3%;
    round 5: +13%), merge 43 -> 56 (+31%; 43 -> 55, +28%, once the Renstra rows and E.81 lines were
    packed too, with merge 0.62x / 0.59x its floor on a slower hour); the catalog a bidang at a time
    22 -> 22 MB, whole 25 -> 29 MB. ``merge`` holds the whole catalog and the recap's model (see docs/architecture.md,
    "Memory of the recap, of forms and of check").

Round 7 (``merge`` reads the ledger a hundred submissions at a time and keeps the one it uses per
bidang and quarter deflated, ``kinerja_xl.recap.submissions.ChosenSubmissions``; the recap's element,
indicator, Renstra and E.81 rows deflated in blocks naming the catalog's records,
``kinerja_xl.deflate``; ``kinerja_xl.recap.rows`` is gone; a slow hour: the floors 10-20 % slower than
in round 6; load average 0.7-1.2)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.88 s   1.40     35    0.60 s  1.49x (2.40x)
    forms 2025-TW1       3.03 s   5.66     27    3.53 s  0.86x (1.48x)
    merge 2025           7.62 s   7.50     38   13.59 s  0.56x (0.52x)
    1,000 units
    check 2025-TW1       1.46 s   2.55     38    0.95 s  1.54x (2.85x)
    forms 2025-TW1       5.15 s   9.72     28    6.21 s  0.83x (1.42x)
    merge 2025          15.62 s  15.47     46   25.36 s  0.62x (0.57x)
    5 units              check 0.26 s, 32 MB; forms 0.23 s, 26 MB; merge 0.38 s, 30 MB

    peak memory 500 -> 1,000 units: merge 38 -> 46 MB (+20%; round 6: 43 -> 55, +28%), check and forms
    as in round 6; merge 15.25 -> 15.62 ms per unit. What still grows in merge is mostly the catalog,
    held whole (docs/architecture.md, "Memory of the recap, of forms and of check").

Round 8 (``merge`` holds the catalog deflated, ``kinerja_xl.catalog.deflated``: the four large tables
in blocks, their indexes by code as sorted hashes; the rows keep their own copies of their records;
the layouts' row keys, the E.81 order and rows, the merged ranges kept in arrays; load average
1.0-1.2, a noisy hour: the same command's CPU varied by 20 % from one run to the next)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.94 s   1.59     35    0.49 s  1.91x (3.23x)
    forms 2025-TW1       3.23 s   5.97     27    3.86 s  0.84x (1.66x)
    merge 2025           8.00 s   7.94     37   11.01 s  0.73x (0.67x)
    1,000 units
    check 2025-TW1       1.35 s   2.35     38    0.74 s  1.84x (3.19x)
    forms 2025-TW1       4.95 s   9.40     28    4.64 s  1.07x (1.81x)
    merge 2025          18.57 s  18.45     41   20.15 s  0.92x (0.85x)  (another run: 15.79 s, 0.79x)
    5 units              check 0.23 s, 32 MB; forms 0.20 s, 26 MB; merge 0.32 s, 30 MB

    peak memory 500 -> 1,000 units: merge 37 -> 41 MB (+11%; round 7: 38 -> 46, +20%); the floor
    24.4 -> 24.8 MB, so +3.7 MB (+10%) beyond what the output needs; check and forms as in round 6.
    The price is CPU: ``merge`` reads the model's rows again and again and each read now unpickles
    their records too: ~15-25 % more than round 7 in A/B runs on the same hour.

Round 9 (``merge`` frees the submissions before the sheets; the model's element values and
realisasi by code in arrays, ``deflate.FloatRows``; ``RowIndex`` 8 bytes a key; E.81's text cells
hold the lines that fit instead of the whole text; ``--data`` used in place, load average 0.9-1.1)::

    500 units            wall    CPU s  peak MB  floor   ratio (CPU ratio)
    check 2025-TW1       0.69 s   1.13     35    0.40 s  1.70x (2.82x)
    forms 2025-TW1       2.25 s   4.22     28    2.34 s  0.96x (1.63x)
    merge 2025           6.99 s   6.94     36    9.22 s  0.76x (0.71x)
    1,000 units
    check 2025-TW1       1.13 s   1.97     38    0.82 s  1.38x (2.41x)
    forms 2025-TW1       4.36 s   8.29     28    5.12 s  0.85x (1.46x)
    merge 2025          13.87 s  13.69     39   18.41 s  0.75x (0.70x)
    5 units              check 0.23 s, 32 MB; forms 0.16 s, 26 MB; merge 0.29 s, 30 MB

    peak memory 500 -> 1,000 units: merge 36 -> 39 MB (+9%; round 8: 37 -> 41); the floor 24.4 ->
    24.8 MB, so +2.8 MB (+8%) beyond what the output needs (a merge-only run: +2.6 MB, +7%); check
    35 -> 38, forms 28 -> 28. Per unit, merge 13.97 -> 13.87 ms; per form, check 1.37 -> 1.13 ms.
    CPU as round 8 (A/B on the same hour at 1,000 units: 18.3-19.2 s against 18.4-19.4 s).

Each accepted form becomes one new file in ``arsip/`` (the floor creates none); the last line of
each ``check`` block says what creating a file costs in the data folder. On this VM's ext4 that is
~0.03 ms in a fresh folder but 0.3-0.9 ms in folders where many files were lately created and
deleted (as the benchmark's own repetitions do): 0.3-0.9 s more CPU per 1,000 forms, which alone
moved ``check``'s ratio at 1,000 units between 1.8x and 2.5x for the same code. The figures above
were taken with ``--data`` copied to a new folder.

The floor of ``check`` at 1,000 units ranged 0.71-0.96 s between runs of the same day; its ratio
follows. ``forms`` and ``check`` use both CPUs (``--jobs``), the floors one: the CPU ratio says
what each costs in all.

The merge floor is slower than the recap: it writes formulas through xlsxwriter's public
``write_formula`` (one regex pass per formula), which the recap's worksheets skip
(``kinerja_xl.xlsx.FormulaWorksheet``).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if sys.argv[1:2] != ["--inner"]:  # an inner-loop child measures the PYTHONPATH it was given
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

COMMANDS = ("check", "forms", "merge")
PERIOD_TW1 = "2025-TW1"
STAMP = "siap.json"


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    extra: float = 0.0  # time to leave out (the floor's plan reading)

    @property
    def net(self) -> float:
        return self.wall - self.extra


class Launcher:
    """The small process (``launcher.py``) that starts every measured child."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "launcher.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[Run, str]:
        """Run ``argv``; wall time, CPU and peak RSS of that process alone (and its own children)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": tempfile.gettempdir()}) + "\n")
        self.proc.stdin.flush()
        res = json.loads(self.proc.stdout.readline())
        if res["code"] not in (0, 1):
            raise RuntimeError(f"{' '.join(argv)} exited {res['code']}:\n{res['err']}")
        extra = 0.0
        for line in res["out"].splitlines():
            if line.startswith("plan_s "):
                extra = float(line.split()[1])
        return Run(res["wall"], res["cpu"], res["rss_mb"], extra), res["out"]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def env_for(repo: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(repo)
    env.pop("CI", None)
    return env


# --- the data, generated once -----------------------------------------------------


def prepare(data: Path, n: int, fresh: bool) -> Path:
    """The folder of the N-unit data (generated when absent or ``fresh``)."""
    from agency import synthetic_agency, write_inbox

    from kinerja_xl.catalog.writer import write_catalog
    from kinerja_xl.intake.run import check_inbox
    from kinerja_xl.period import Period
    from kinerja_xl.workspace import Workspace

    folder = data / f"n{n}"
    if (folder / STAMP).exists() and not fresh:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    catalog = synthetic_agency(n)
    write_catalog(folder / "katalog.xlsx", catalog)
    merge_ws = folder / "ws-merge"
    merge_ws.mkdir()
    shutil.copy2(folder / "katalog.xlsx", merge_ws / "katalog.xlsx")
    for q in range(1, 5):
        inbox = folder / "masuk" / f"2025-TW{q}"
        write_inbox(catalog, q, inbox)
        report = check_inbox(Workspace(merge_ws), Period(2025, "TW", q), inbox, catalog=catalog,
                             now=dt.datetime(2025, 3 * q, 28, 10, 0), write_outputs=False)
        bad = [r.file for r in report.files if r.verdict.value != "accepted"]
        if bad:
            raise RuntimeError(f"generated forms not accepted: {bad[:3]}")
    (folder / STAMP).write_text(json.dumps({"units": n, "elemen": len(catalog.elemen),
                                            "indikator": len(catalog.indikator), "anggaran": len(catalog.anggaran),
                                            "forms": len(catalog.bidang_with_form),
                                            "seconds": round(time.perf_counter() - t0, 1)}))
    return folder


def plan_for(folder: Path, command: str, outputs: list[Path]) -> Path:
    """The floor's plan of the cells ``command`` writes (made once, from its first outputs)."""
    from floor import dump_plan

    plan = folder / f"plan-{command}.marshal"
    if not plan.exists():
        tmp = plan.with_suffix(".tmp")
        dump_plan(sorted(outputs), tmp, constant_memory=command == "merge")
        os.replace(tmp, plan)
    return plan


# --- one measurement of each kind ---------------------------------------------------


def warm_catalog(launcher: Launcher, folder: Path, env: dict[str, str]) -> Path | None:
    """The workspace's parsed copy of the catalog (``.katalog.cache``), as the measured code writes it
    the first time a command reads the catalog (here ``status``); None when that code keeps none."""
    ws = folder / "ws-catalog"
    shutil.rmtree(ws, ignore_errors=True)
    ws.mkdir()
    shutil.copy2(folder / "katalog.xlsx", ws / "katalog.xlsx")
    launcher.run([sys.executable, "-m", "kinerja_xl", "status", "-w", str(ws), "-p", PERIOD_TW1], env)
    cache = ws / ".katalog.cache"
    return cache if cache.exists() else None


_CATALOG_ALONE = ("import sys; import kinerja_xl.cli; from pathlib import Path; "
                  "from kinerja_xl.workspace import Workspace; ws = Workspace(Path(sys.argv[1])); "
                  "getattr(ws, sys.argv[2], ws.load_catalog)()")
#: How each command loads the catalog (``forms`` and ``check``: a bidang at a time, since round 6;
#: code without that loads it whole).
LOADED_BY = {"check": "load_catalog_by_bidang", "forms": "load_catalog_by_bidang", "merge": "load_catalog"}


def catalog_alone(launcher: Launcher, folder: Path, env: dict[str, str], how: str) -> Run:
    """A process that imports the CLI and loads the catalog (from its cache when the measured code
    keeps one) as ``how`` (a method of the workspace), nothing else: the part of a command's memory
    that is the catalog itself."""
    warm_catalog(launcher, folder, env)
    return min((launcher.run([sys.executable, "-c", _CATALOG_ALONE, str(folder / "ws-catalog"), how], env)[0]
                for _ in range(2)), key=lambda r: r.rss_mb)


def command_argv(command: str, folder: Path, k: int, cache: Path | None = None) -> tuple[list[str], Path]:
    """``cache``: for ``check``, the catalog's parsed copy to put in its fresh workspace (as after
    ``forms``); without it the check reads a catalog never read before (just edited)."""
    py = [sys.executable, "-m", "kinerja_xl"]
    if command == "check":
        ws = folder / f"ws-check-{k}"
        shutil.rmtree(ws, ignore_errors=True)
        ws.mkdir()
        shutil.copy2(folder / "katalog.xlsx", ws / "katalog.xlsx")
        if cache is not None:
            shutil.copy2(cache, ws / cache.name)
        return py + ["check", "-w", str(ws), "-p", PERIOD_TW1, str(folder / "masuk" / PERIOD_TW1)], ws
    if command == "forms":
        ws = folder / "ws-forms"
        if not ws.exists():
            ws.mkdir()
            shutil.copy2(folder / "katalog.xlsx", ws / "katalog.xlsx")
        return py + ["forms", "-w", str(ws), "-p", PERIOD_TW1], ws
    ws = folder / "ws-merge"
    return py + ["merge", "-w", str(ws), "-p", "2025"], ws


def outputs_of(command: str, ws: Path) -> list[Path]:
    if command == "forms":
        return sorted((ws / "formulir" / PERIOD_TW1).glob("*.xlsx"))
    return [ws / "rekap" / "rekap-2025.xlsx"]


def floor_argv(command: str, folder: Path) -> list[str]:
    script = [sys.executable, str(HERE / "floor.py")]
    if command == "check":
        listing = folder / "floor-check.txt"
        files = [folder / "katalog.xlsx", *sorted((folder / "masuk" / PERIOD_TW1).glob("*.xlsx"))]
        listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
        return script + ["read", str(listing)]
    return script + ["write", str(folder / f"plan-{command}.marshal"), str(folder / f"floor-{command}")]


def inner(command: str, folder: str, k: str) -> None:
    """The library call alone, catalog loaded beforehand (runs in its own process)."""
    from kinerja_xl.catalog.loader import read_catalog
    from kinerja_xl.period import parse_period
    from kinerja_xl.workspace import Workspace

    base = Path(folder)
    cache = base / "ws-catalog" / ".katalog.cache"  # as warm_catalog left it, when the code keeps one
    if cache.exists():
        from kinerja_xl.catalog.cache import cached_catalog

        catalog = cached_catalog(base / "katalog.xlsx", cache)
    else:
        catalog = read_catalog(base / "katalog.xlsx")
    if command == "check":
        from kinerja_xl.intake.run import check_inbox

        ws = base / f"ws-inner-{k}"
        shutil.rmtree(ws, ignore_errors=True)
        ws.mkdir()
        t0 = time.perf_counter()
        check_inbox(Workspace(ws), parse_period(PERIOD_TW1), base / "masuk" / PERIOD_TW1, catalog=catalog)
    elif command == "forms":
        from kinerja_xl.forms.writer import generate_forms

        t0 = time.perf_counter()
        generate_forms(catalog, parse_period(PERIOD_TW1), base / "inner-forms", created=dt.datetime(2025, 3, 25))
    else:
        from kinerja_xl.recap.run import merge_workspace

        t0 = time.perf_counter()
        merge_workspace(Workspace(base / "ws-merge"), catalog, parse_period("2025"),
                        output=base / "inner-rekap.xlsx")
    print(f"inner_s {time.perf_counter() - t0:.4f}")


def inner_argv(command: str, folder: Path, k: int) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--inner", command, str(folder), str(k)]


# --- the report --------------------------------------------------------------------------


def measure(launcher: Launcher, folder: Path, commands: list[str], repeat: int, env: dict[str, str],
            with_inner: bool) -> dict[str, dict[str, list[Run]]]:
    runs: dict[str, dict[str, list[Run]]] = {c: {"cmd": [], "floor": [], "inner": [], "cold": []}
                                             for c in commands}
    cache = warm_catalog(launcher, folder, env)
    for k in range(repeat):
        for command in commands:
            order = ("floor", "cmd", "inner", "cold") if k % 2 == 0 else ("cold", "inner", "cmd", "floor")
            for kind in order:
                if kind == "inner" and not with_inner:
                    continue
                if kind == "cold":
                    if command == "check" and cache is not None:
                        runs[command][kind].append(launcher.run(command_argv(command, folder, k)[0], env)[0])
                    continue
                if kind == "floor" and command != "check" and not (folder / f"plan-{command}.marshal").exists():
                    continue  # made after the command's first run
                if kind == "cmd":
                    argv, ws = command_argv(command, folder, k, cache)
                    run, _ = launcher.run(argv, env)
                    if command != "check":
                        plan_for(folder, command, outputs_of(command, ws))
                elif kind == "floor":
                    run, _ = launcher.run(floor_argv(command, folder), env)
                else:
                    run, text = launcher.run(inner_argv(command, folder, k), env)
                    run.extra = run.wall - float(text.split("inner_s ")[1].split()[0])
                runs[command][kind].append(run)
        if k == 0:  # the floors whose plan was made by this round's commands
            for command in commands:
                if command != "check" and not runs[command]["floor"]:
                    runs[command]["floor"].append(launcher.run(floor_argv(command, folder), env)[0])
    for command in ("check",):
        for k in range(repeat):
            shutil.rmtree(folder / f"ws-check-{k}", ignore_errors=True)
            shutil.rmtree(folder / f"ws-inner-{k}", ignore_errors=True)
    return runs


def file_creation_ms(folder: Path, files: int = 200) -> float:
    """Milliseconds (CPU, mostly the kernel's) to create one small file in a new folder below ``folder``,
    as ``check`` does for every accepted form (its copy in ``arsip/``; the floor creates none).

    Usually ~0.03 ms; on some virtual machines' ext4, folders below heavily used ones cost up to
    ~0.9 ms (the inode allocator), which then shows in ``check``'s figures: see the line printed."""
    probe = Path(tempfile.mkdtemp(prefix=".probe-", dir=folder))
    try:
        start = time.process_time()
        for i in range(files):
            fd = os.open(probe / f"{i}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, b"x" * 30_000)
            os.close(fd)
        return (time.process_time() - start) / files * 1000
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def best(runs: list[Run]) -> Run:
    return Run(min(r.net for r in runs), min(r.cpu for r in runs), min(r.rss_mb for r in runs))


def report(n: int, info: dict[str, int], runs: dict[str, dict[str, list[Run]]]) -> list[str]:
    head = (f"{n} units: {info['elemen']:,} elemen, {info['indikator']:,} indikator, {info['anggaran']:,} "
            f"baris anggaran, {info['forms']:,} forms")
    lines = [head, (f"  {'':<26}{'wall s':>8}{'files/s':>9}{'ms/unit':>9}{'CPU s':>8}{'peak MB':>9}"
                   f"{'floor s':>9}{'CPU s':>7}{'MB':>5}{'ratio':>8}{'CPU ratio':>10}")]
    labels = {"check": "check 2025-TW1", "forms": "forms 2025-TW1", "merge": "merge 2025 (4 quarters)"}
    for command, kinds in runs.items():
        cmd, floor = best(kinds["cmd"]), best(kinds["floor"]) if kinds["floor"] else None
        files = info["forms"] if command != "merge" else n
        ratios = (f"{cmd.wall / floor.wall:7.2f}x{cmd.cpu / floor.cpu:9.2f}x" if floor else "")
        fl = f"{floor.wall:9.2f}{floor.cpu:7.2f}{floor.rss_mb:5.0f}" if floor else f"{'':21}"
        lines.append(f"  {labels[command]:<26}{cmd.wall:8.2f}{files / cmd.wall:9.0f}{cmd.wall / n * 1000:9.2f}"
                     f"{cmd.cpu:8.2f}{cmd.rss_mb:9.0f}{fl} {ratios}")
        if kinds["cold"]:
            cold = best(kinds["cold"])
            ratio = f"{cold.wall / floor.wall:7.2f}x{cold.cpu / floor.cpu:9.2f}x" if floor else ""
            lines.append(f"  {'  catalog just edited':<26}{cold.wall:8.2f}{files / cold.wall:9.0f}"
                         f"{cold.wall / n * 1000:9.2f}{cold.cpu:8.2f}{cold.rss_mb:9.0f}{'':>21} {ratio}")
        if kinds["inner"]:
            inn = best(kinds["inner"])
            ratio = f"{inn.wall / floor.wall:7.2f}x" if floor else ""
            lines.append(f"  {'  inner loop alone':<26}{inn.wall:8.2f}{files / inn.wall:9.0f}"
                         f"{inn.wall / n * 1000:9.2f}{'':>8}{inn.rss_mb:9.0f}{'':>21} {ratio}")
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        inner(*sys.argv[2:5])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, nargs="+", default=[500, 1000], help="numbers of units (default 500 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved repetitions, best kept (default 3)")
    ap.add_argument("--only", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    ap.add_argument("--data", type=Path, default=Path("/tmp/kinerja-bench-cmd"), help="generated data (kept)")
    ap.add_argument("--repo", type=Path, default=ROOT, help="the repository whose kinerja_xl is measured")
    ap.add_argument("--fresh", action="store_true", help="regenerate the data")
    ap.add_argument("--no-inner", action="store_true", help="leave out the inner-loop line")
    args = ap.parse_args()
    launcher = Launcher()  # first, while this process is small
    env = env_for(args.repo.resolve())
    # an installed package has its bytecode (pip compiles it); a working copy run with
    # PYTHONDONTWRITEBYTECODE would compile every module in every measured process
    compileall.compile_dir(str(args.repo.resolve() / "kinerja_xl"), quiet=1)
    print(f"kinerja_xl from {args.repo.resolve()}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}; best of {args.repeat}, interleaved", flush=True)
    peaks: dict[int, dict[str, float]] = {}
    for n in args.n:
        folder = prepare(args.data.resolve(), n, args.fresh)
        info = json.loads((folder / STAMP).read_text())
        runs = measure(launcher, folder, args.only, args.repeat, env, not args.no_inner)
        alone = {how: catalog_alone(launcher, folder, env, how) for how in sorted(set(LOADED_BY.values()))}
        peaks[n] = ({c: best(kinds["cmd"]).rss_mb for c, kinds in runs.items()}
                    | {how: run.rss_mb for how, run in alone.items()}
                    | {f"{c} floor": best(kinds["floor"]).rss_mb for c, kinds in runs.items() if kinds["floor"]})
        block = report(n, info, runs)
        for how, label, who in (("load_catalog", "catalog loaded alone", "merge"),
                                ("load_catalog_by_bidang", "  a bidang at a time", "forms, check")):
            block.append(f"  {label:<26}{alone[how].wall:8.2f}{'':>26}{alone[how].rss_mb:9.0f}"
                         f"   (imports and the catalog as {who} load it: their share that is the catalog)")
        if "check" in args.only:
            block.append(f"  {'creating a file here':<26}{file_creation_ms(folder):8.3f} ms   (check: one per "
                         "accepted form, its copy in arsip/; the floor creates none)")
        print("\n".join(block), flush=True)
    launcher.close()
    if len(peaks) > 1:  # the two largest numbers of units (the smallest is mostly start-up)
        small, large = sorted(peaks)[-2:]
        print(f"peak memory from {small:,} to {large:,} units:")
        for command in args.only:
            a, b = peaks[small][command], peaks[large][command]
            how = LOADED_BY[command]
            ca, cb = a - peaks[small][how], b - peaks[large][how]
            if f"{command} floor" not in peaks[small] or f"{command} floor" not in peaks[large]:
                continue
            fa, fb = peaks[small][f"{command} floor"], peaks[large][f"{command} floor"]
            print(f"  {command:<6} {a:5.0f} -> {b:5.0f} MB ({(b - a) / a:+.0%}); beyond the catalog loaded alone "
                  f"{ca:4.0f} -> {cb:4.0f} MB ({(cb - ca) / ca:+.0%} of it, {(cb - ca) / a:+.0%} of the whole)")
            # what the output itself needs: the floor writes (or reads) the same cells
            print(f"  {'':<6} the floor {fa:5.1f} -> {fb:5.1f} MB: beyond what the output needs "
                  f"{(b - a) - (fb - fa):+.1f} MB ({((b - a) - (fb - fa)) / a:+.0%} of {a:.0f})")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
