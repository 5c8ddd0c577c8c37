"""The whole package passes the linter and the type checker, and the generated docs are current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "kinerja_xl", "tests", "benchmarks", "docs", "samples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy", "kinerja_xl")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_docs_are_current() -> None:
    result = subprocess.run([sys.executable, "docs/generate.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, f"{result.stdout}{result.stderr}: run python docs/generate.py"


def test_cli_doc_shows_the_help_the_command_prints() -> None:
    shown = subprocess.run([sys.executable, "-m", "kinerja_xl", "check", "-h"], cwd=ROOT, capture_output=True,
                           text=True, check=True, env={**os.environ, "COLUMNS": "88"}).stdout
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = doc.split("## kinerja-xl check\n\n```\n", 1)[1].split("```", 1)[0]
    assert "-h, --help" in section
    assert section.split("Opsi:")[1].split() == shown.split("Opsi:")[1].split()


def test_every_finding_code_is_in_the_readme() -> None:
    from kinerja_xl.finding_codes import catalogue

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in catalogue() if f"`{code}`" not in readme]
    assert not missing, f"not documented in README.md: {missing}: run python docs/generate.py"
