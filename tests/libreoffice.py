"""LibreOffice Calc as a test oracle, and as "a person" filling a form.

Import from tests as ``from libreoffice import ...`` (``tests/`` is on
``sys.path`` under pytest).

* :func:`recalculate` converts workbooks xlsx → xlsx with a fresh profile that
  makes Calc **recalculate every formula on load** (by default it keeps the
  cached values, which would make an oracle that never fails). Batch many
  files into one call: each soffice start costs a second or two.
* :func:`formula_cells` / :func:`compare_recalculated` compare the cached
  values we wrote with the values LibreOffice computed.
* :func:`fill_like_a_person` / :func:`fill_many` drive Calc through its UNO
  bridge (``tests/lo_fill.py``, run by the system ``/usr/bin/python3``): type
  values into cells, refusing locked cells of protected sheets as Calc's UI
  would, recalculate and save as xlsx.

Tests that need LibreOffice are marked ``@pytest.mark.libreoffice`` (alias
:data:`needs_libreoffice`); ``conftest.py`` skips them when ``soffice`` is
missing — except in CI (``CI=true``), where a missing soffice is a failure.
"""

from __future__ import annotations

import functools
import json
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

HERE = Path(__file__).parent
LO_FILL = HERE / "lo_fill.py"
SYSTEM_PYTHON = Path("/usr/bin/python3")

#: Marker for tests that need LibreOffice; see :func:`check_libreoffice`.
needs_libreoffice = pytest.mark.libreoffice

Cell = tuple[str, str]  # (sheet name, "A1")

_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """LibreOffice failed, timed out or did not produce the expected file."""


# --- availability ------------------------------------------------------------


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return soffice_path() is not None


@functools.cache
def uno_available() -> bool:
    """True when the system python has the UNO bridge (Debian ``python3-uno``)."""
    if not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], check=False, capture_output=True, timeout=30)
    return probe.returncode == 0


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def check_libreoffice(*, uno: bool = False) -> None:
    """Skip the calling test when LibreOffice (or its UNO bridge) is missing; fail in CI."""
    missing = None
    if not soffice_available():
        missing = "LibreOffice (soffice) is not on PATH"
    elif uno and not uno_available():
        missing = f"{SYSTEM_PYTHON} cannot import uno (install python3-uno)"
    if missing is None:
        return
    if in_ci():
        pytest.fail(f"{missing}; CI must install it (libreoffice-calc-nogui)", pytrace=False)
    pytest.skip(missing)


# --- profiles ------------------------------------------------------------------


def seed_profile(profile: Path) -> Path:
    """Write a LibreOffice user profile that recalculates xlsx/ods on load; return it."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
    return profile


@contextmanager
def fresh_profile() -> Iterator[Path]:
    """A private, seeded profile folder (each concurrent soffice needs its own)."""
    with tempfile.TemporaryDirectory(prefix="kxl-lo-profile-") as tmp:
        yield seed_profile(Path(tmp))


def _soffice_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


# --- recalculation ---------------------------------------------------------------


def recalculate(paths: Sequence[Path], outdir: Path, *, timeout: float | None = None) -> list[Path]:
    """Open each xlsx in LibreOffice (recalculating all formulas) and save it as xlsx in ``outdir``.

    One soffice process converts all ``paths``; returns the output paths in
    the same order (``outdir / <name>.xlsx``). Raises :class:`LibreOfficeError`.
    """
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not on PATH")
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return []
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = [outdir / (p.stem + ".xlsx") for p in paths]
    if len(set(outputs)) != len(outputs):
        raise ValueError("recalculate: input files must have distinct names")
    for p, out in zip(paths, outputs, strict=True):
        if not p.is_file():
            raise FileNotFoundError(p)
        if out == p:
            raise ValueError(f"recalculate: outdir would overwrite the input {p}")
        out.unlink(missing_ok=True)
    if timeout is None:
        timeout = 60 + 5 * len(paths)
    with fresh_profile() as profile:
        cmd = [
            soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "xlsx:Calc MS Excel 2007 XML",
            "--outdir", str(outdir), *map(str, paths),
        ]
        try:
            proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout,
                                  env=_soffice_env(), cwd=str(outdir))
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(f"soffice timed out after {timeout:.0f} s converting {len(paths)} file(s)") from exc
    missing = [str(o) for o in outputs if not o.is_file()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError(
            f"soffice exited with {proc.returncode}; missing outputs: {missing}\n"
            f"stdout: {proc.stdout.strip()}\nstderr: {proc.stderr.strip()}"
        )
    return outputs


# --- comparing cached values ------------------------------------------------------


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or hasattr(value, "text")


def formula_cells(path: Path) -> dict[Cell, tuple[str, Any]]:
    """Every formula cell: ``(sheet, "A1") -> (formula, cached value)``."""
    formulas = openpyxl.load_workbook(path, data_only=False)
    values = openpyxl.load_workbook(path, data_only=True)
    try:
        result: dict[Cell, tuple[str, Any]] = {}
        for ws in formulas.worksheets:
            vs = values[ws.title]
            for row in ws.iter_rows():
                for cell in row:
                    value: Any = cell.value
                    if _is_formula(value):
                        text = value if isinstance(value, str) else str(value.text)
                        result[(ws.title, cell.coordinate)] = (text, vs[cell.coordinate].value)
        return result
    finally:
        formulas.close()
        values.close()


def _blank(value: Any) -> bool:
    return value is None or value == ""


def values_equal(a: Any, b: Any, rel_tol: float = 1e-9, abs_tol: float = 1e-12) -> bool:
    """Spreadsheet-value equality: numbers within tolerance, "" ≡ None, strings exact."""
    if _blank(a) or _blank(b):
        return _blank(a) and _blank(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)
    return type(a) is type(b) and a == b


def compare_recalculated(original: Path, recalculated: Path, rel_tol: float = 1e-9) -> list[str]:
    """Differences between the cached values of ``original`` and those LibreOffice computed.

    Every formula cell of ``original`` is checked; returns one line per
    difference (empty list: they agree).
    """
    ours = formula_cells(original)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    try:
        diffs = []
        for (sheet, a1), (formula, cached) in ours.items():
            if sheet not in theirs.sheetnames:
                diffs.append(f"{sheet}!{a1}: sheet missing after recalculation")
                continue
            got = theirs[sheet][a1].value
            if not values_equal(cached, got, rel_tol):
                diffs.append(f"{sheet}!{a1} {formula}: cached {cached!r}, LibreOffice {got!r}")
        return diffs
    finally:
        theirs.close()


def recalculated_values(original: Path, recalculated: Path) -> dict[Cell, Any]:
    """LibreOffice's value for every formula cell of ``original``."""
    cells = formula_cells(original)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    try:
        return {(s, a1): theirs[s][a1].value for (s, a1) in cells}
    finally:
        theirs.close()


# --- filling like a person ----------------------------------------------------------


@dataclass(frozen=True)
class FillResult:
    """What happened when a person typed into a workbook."""

    dst: Path
    written: list[Cell]
    refused: list[Cell]  # locked cells on protected sheets: Calc refuses to type there


@dataclass(frozen=True)
class FillJob:
    src: Path
    dst: Path
    cells: Mapping[Cell, Any]  # number, text ("=..." is typed as a formula), typed(text) or None (clear)


def typed(text: str) -> dict[str, str]:
    """A cell value typed as in Calc's input line (``typed("42%")`` stores 0.42, formatted as a percent)."""
    return {"typed": text}


def fill_many(jobs: Sequence[FillJob], *, timeout: float | None = None) -> list[FillResult]:
    """Fill several workbooks in one LibreOffice session (see :func:`fill_like_a_person`)."""
    if soffice_path() is None:
        raise LibreOfficeError("LibreOffice (soffice) is not on PATH")
    payload = {
        "soffice": soffice_path(),
        "jobs": [
            {
                "src": str(Path(j.src).resolve()),
                "dst": str(Path(j.dst).resolve()),
                "cells": [[sheet, a1, value] for (sheet, a1), value in j.cells.items()],
            }
            for j in jobs
        ],
    }
    for j in jobs:
        if Path(j.src).resolve() == Path(j.dst).resolve():
            raise ValueError(f"fill: dst must differ from src ({j.src})")
        Path(j.dst).parent.mkdir(parents=True, exist_ok=True)
    if timeout is None:
        timeout = 90 + 10 * len(jobs)
    with fresh_profile() as profile:
        payload["profile"] = profile.as_uri()
        try:
            proc = subprocess.run(
                [str(SYSTEM_PYTHON), str(LO_FILL)], check=False, input=json.dumps(payload), capture_output=True,
                text=True, timeout=timeout, env=_soffice_env(),
            )
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(f"lo_fill timed out after {timeout:.0f} s") from exc
    if proc.returncode != 0:
        raise LibreOfficeError(f"lo_fill failed ({proc.returncode}):\n{proc.stderr.strip()}")
    try:
        reports = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise LibreOfficeError(f"lo_fill output is not JSON: {proc.stdout!r}\n{proc.stderr}") from exc
    return [
        FillResult(
            dst=Path(r["dst"]),
            written=[(s, c) for s, c in r["written"]],
            refused=[(s, c) for s, c in r["refused"]],
        )
        for r in reports
    ]


def fill_like_a_person(src: Path, dst: Path, cells: Mapping[Cell, Any], *,
                       timeout: float | None = None) -> FillResult:
    """Open ``src`` in LibreOffice Calc, type ``cells``, recalculate, save as xlsx ``dst``.

    Like a person in Calc's UI: a locked cell on a protected sheet is not
    written — it is listed in ``FillResult.refused``; the other cells are
    written and the file is saved. ``src`` is never modified.
    """
    return fill_many([FillJob(Path(src), Path(dst), cells)], timeout=timeout)[0]
