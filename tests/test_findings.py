"""Findings: the registry, building findings, describing them to a person, JSON shape."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_xl import findings
from kinerja_xl.finding_codes import catalogue
from kinerja_xl.findings import Finding, Report, Severity, define, make

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict:
    """A private, empty finding catalogue (the real one is left untouched)."""
    fresh: dict = {}
    monkeypatch.setattr(findings, "CATALOGUE", fresh)
    return fresh


def test_define_registers_once(registry: dict) -> None:
    ftype = define("uji-bukan-angka", Severity.ERROR, "'{value}' bukan angka.", "Isi dengan angka.", topic="uji")
    assert registry["uji-bukan-angka"] is ftype
    assert ftype.severity is Severity.ERROR and ftype.topic == "uji"
    with pytest.raises(ValueError, match="'uji-bukan-angka' defined twice"):
        define("uji-bukan-angka", Severity.WARNING, "lain", topic="uji")
    assert registry["uji-bukan-angka"] is ftype


def test_make_fills_template_and_hint(registry: dict) -> None:
    define("uji-bukan-angka", Severity.ERROR, "'{value}' bukan angka.",
           "Isi dengan angka, misalnya {contoh}.", topic="uji")
    f = make("uji-bukan-angka", file="Bidang Capil.xlsx", sheet="Isian", cell="F12", value="abc",
             contoh="1234 atau 1.234,5")
    assert f == Finding(
        code="uji-bukan-angka", severity=Severity.ERROR,
        message="'abc' bukan angka. Isi dengan angka, misalnya 1234 atau 1.234,5.",
        file="Bidang Capil.xlsx", sheet="Isian", cell="F12", value="abc",
    )
    assert f.is_error
    assert f.location == "Bidang Capil.xlsx, lembar Isian, sel F12"
    assert f.describe() == (
        "Bidang Capil.xlsx, lembar Isian, sel F12: 'abc' bukan angka. Isi dengan angka, misalnya 1234 atau 1.234,5."
    )


def test_describe_uses_only_known_parts(registry: dict) -> None:
    define("uji-peringatan", Severity.WARNING, "Periode {periode} sudah lewat.", topic="uji")
    f = make("uji-peringatan", periode="2025-TW1")
    assert not f.is_error
    assert f.message == "Periode 2025-TW1 sudah lewat."
    assert f.location == ""
    assert f.describe() == "Periode 2025-TW1 sudah lewat."
    assert make("uji-peringatan", sheet="Isian", periode="x").describe() == "lembar Isian: Periode x sudah lewat."
    assert make("uji-peringatan", file="a.xlsx", cell="B2", periode="x").location == "a.xlsx, sel B2"


def test_make_unknown_code_or_missing_parameter_is_a_bug(registry: dict) -> None:
    with pytest.raises(KeyError):
        make("uji-tidak-ada")
    define("uji-param", Severity.ERROR, "{kolom} hilang.", topic="uji")
    with pytest.raises(KeyError):
        make("uji-param")


def test_to_dict_and_report_json(registry: dict) -> None:
    define("uji-bukan-angka", Severity.ERROR, "'{value}' bukan angka.", topic="uji")
    define("uji-kosong", Severity.WARNING, "Sel kosong.", topic="uji")
    err = make("uji-bukan-angka", file="f.xlsx", sheet="Isian", cell="F12", value=3.5)
    warn = make("uji-kosong", sheet="Isian", cell="F13", value=Severity.ERROR)  # any value: str() in JSON
    assert err.to_dict() == {
        "code": "uji-bukan-angka", "severity": "error", "sheet": "Isian", "cell": "F12", "value": 3.5,
        "message": "'3.5' bukan angka.",
    }
    assert warn.to_dict()["value"] == "error"
    assert warn.to_dict()["severity"] == "warning"

    report = Report()
    assert report.ok and len(report) == 0
    report.add(warn)
    assert report.ok and report.warnings == [warn] and report.errors == []
    report.extend([err])
    assert not report.ok
    assert list(report) == [warn, err]
    assert report.errors == [err]
    data = json.loads(report.to_json())
    assert [d["code"] for d in data] == ["uji-kosong", "uji-bukan-angka"]
    assert data[1]["file"] == "f.xlsx"


def test_severity_labels() -> None:
    assert Severity.ERROR.label == "kesalahan"
    assert Severity.WARNING.label == "peringatan"
    assert str(Severity.ERROR) == "error"


def _readme_table() -> dict[str, tuple[str, str]]:
    """The README's table of finding codes as written: code -> (tingkat, topik)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split("<!-- finding-codes:start -->", 1)[1].split("<!-- finding-codes:end -->", 1)[0]
    rows = [line.split(" | ") for line in body.strip().splitlines()[2:]]
    return {row[0].strip("| `"): (row[1], row[2]) for row in rows}


def test_every_registered_code_is_kebab_case_and_documented_as_registered() -> None:
    codes = catalogue()
    assert len(codes) > 50
    for code, ftype in codes.items():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", code), code
        assert code.startswith(f"{ftype.topic}-") or ftype.topic in ("berkas", "isian", "nilai"), code
        assert ftype.template.strip(), code
    documented = _readme_table()
    assert documented == {c: (f.severity.label, f.topic) for c, f in codes.items()}, \
        "README.md's table differs from the registered codes: run python docs/generate.py"


def _codes_used_in_source(known: set[str]) -> tuple[set[str], set[str]]:
    """(codes the package's code names, code-like strings that are not registered).

    A code is named either as a string literal (``"katalog-sel-kosong"``) or through a constant of a
    codes module (``codes.BERKAS_GANDA``); the ``define`` calls themselves do not count.
    """
    package = ROOT / "kinerja_xl"
    constants: dict[str, str] = {}
    for path in package.rglob("codes.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and node.value.value in known):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants[target.id] = node.value.value
    prefixes = tuple(f"{f.topic}-" for f in catalogue().values()) + ("katalog-",)
    used: set[str] = set()
    unknown: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined_here = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "define":
                defined_here.update(id(a) for a in node.args[:1])
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in defined_here:
                if re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", node.value) and node.value.startswith(prefixes):
                    (used if node.value in known else unknown).add(node.value)
            elif isinstance(node, (ast.Attribute, ast.Name)) and path.name != "codes.py":
                name = node.attr if isinstance(node, ast.Attribute) else node.id
                if name in constants:
                    used.add(constants[name])
            elif isinstance(node, ast.Name) and node.id in constants and isinstance(node.ctx, ast.Load):
                used.add(constants[node.id])  # used inside its own codes module (a helper there)
    return used, unknown


def test_every_registered_code_is_produced_and_every_named_code_registered() -> None:
    known = set(catalogue())
    used, unknown = _codes_used_in_source(known)
    assert not unknown, f"named in the code but never registered: {sorted(unknown)}"
    assert known - used == set(), f"registered but never produced: {sorted(known - used)}"


def test_the_catalogue_is_complete_in_a_fresh_interpreter() -> None:
    """``finding_codes`` alone gives every code that importing the whole package registers."""
    script = (
        "import importlib, pkgutil, kinerja_xl\n"
        "from kinerja_xl.finding_codes import catalogue\n"
        "alone = set(catalogue())\n"
        "for m in pkgutil.walk_packages(kinerja_xl.__path__, 'kinerja_xl.'):\n"
        "    if m.name != 'kinerja_xl.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(set(catalogue()) - alone))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", f"codes not reached by kinerja_xl.finding_codes: {out.stdout}"


def test_findings_imports_nothing_of_the_package() -> None:
    tree = ast.parse((ROOT / "kinerja_xl" / "findings.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and m.startswith("kinerja_xl")}
