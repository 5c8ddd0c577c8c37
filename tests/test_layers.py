"""Every import points down: the import-linter contracts in setup.cfg hold, and they do catch a breach.

The contracts (``[importlinter:contract:…]`` in setup.cfg, explained in docs/architecture.md,
"Layers"): a ``layers`` contract over the top-level modules of ``kinerja_xl``, and an
``acyclic_siblings`` contract (no import circle among the modules of any package).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with ``root``'s setup.cfg on ``root``'s copy of the package."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [str(LINT_IMPORTS)] if LINT_IMPORTS.exists() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run([*command, "--config", str(root / "setup.cfg"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, check=False)


def test_the_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every import points down KEPT" in result.stdout
    assert "No import circle inside a package KEPT" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the package and its setup.cfg, to break on purpose."""
    shutil.copytree(ROOT / "kinerja_xl", tmp_path / "kinerja_xl",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates"))
    shutil.copy(ROOT / "setup.cfg", tmp_path / "setup.cfg")
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_an_import_pointing_up_breaks_the_layers(copy: Path) -> None:
    # the ledger (low) reaching for the intake's data (above it), the import this refactor removed
    _append(copy / "kinerja_xl" / "ledger.py", "from kinerja_xl.intake.result import FileResult  # noqa")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "Every import points down BROKEN" in result.stdout
    assert "kinerja_xl.ledger -> kinerja_xl.intake.result" in result.stdout


def test_a_lazy_import_pointing_up_breaks_the_layers_too(copy: Path) -> None:
    _append(copy / "kinerja_xl" / "findings.py",
            "def _codes():\n    from kinerja_xl.catalog import codes  # noqa\n    return codes")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "kinerja_xl.findings -> kinerja_xl.catalog.codes" in result.stdout


def test_an_import_closing_a_loop_inside_a_package_is_caught(copy: Path) -> None:
    # intake/result.py is the intake's data at the bottom of the package; the run is built on it
    _append(copy / "kinerja_xl" / "intake" / "result.py", "from kinerja_xl.intake import run  # noqa")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "No import circle inside a package BROKEN" in result.stdout
    assert "kinerja_xl.intake" in result.stdout
