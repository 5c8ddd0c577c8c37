"""Findings: the registry, building findings, describing them to a person, JSON shape."""

from __future__ import annotations

import json

import pytest

from kinerja_xl import findings
from kinerja_xl.findings import Finding, Report, Severity, define, make


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


def test_registered_codes_are_kebab_case_and_in_the_table() -> None:
    md = findings.catalogue_markdown()  # imports the modules that register codes
    assert findings.CATALOGUE, "no finding codes registered"
    for code, ftype in findings.CATALOGUE.items():
        assert code == code.lower() and " " not in code and "_" not in code, code
        assert ftype.template.strip(), code
        assert f"| `{code}` |" in md
