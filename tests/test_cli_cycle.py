"""The CLI over a whole quarter: init → forms → check → status → merge → export (CliRunner)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kinerja_xl.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "dinas"
    result = invoke("init", str(ws), "--contoh")
    assert result.exit_code == 0, result.output
    return ws


def test_init_creates_the_workspace_and_never_overwrites_the_catalog(tmp_path: Path) -> None:
    ws = tmp_path / "dinas"
    result = invoke("init", str(ws))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in ws.iterdir()) == sorted(
        ["katalog.xlsx", "formulir", "masuk", "arsip", "umpan-balik", "rekap", "laporan"])
    before = (ws / "katalog.xlsx").read_bytes()
    again = invoke("init", str(ws), "--contoh")
    assert again.exit_code == 2
    assert again.output.startswith(f"Error: {ws / 'katalog.xlsx'} sudah ada; katalog yang ada tidak akan ditimpa.")
    assert (ws / "katalog.xlsx").read_bytes() == before


def test_katalog_reports_a_broken_catalog_with_sheet_and_cell(tmp_path: Path) -> None:
    ws = tmp_path / "dinas"
    ws.mkdir()
    (ws / "katalog.xlsx").write_bytes(b"bukan excel")
    result = invoke("katalog", "-w", str(ws))
    assert result.exit_code == 2
    assert "katalog.xlsx" in result.output
    assert result.output.rstrip().endswith("Error: katalog tidak dapat dimuat (1 kesalahan).")


def test_forms_for_another_year_than_the_catalog_are_refused(workspace: Path) -> None:
    result = invoke("forms", "-w", str(workspace), "--period", "2026-TW1")
    assert result.exit_code == 2
    assert result.output == (
        "Error: Katalog berisi target tahun 2025, tetapi periode yang diminta 2026-TW1. Pakai periode tahun "
        "2025, atau ubah tahun dan target di katalog.xlsx (lembar Instansi).\n")


def test_a_quarter_through_the_cli(workspace: Path) -> None:
    forms = invoke("forms", "-w", str(workspace), "--periode", "2025-TW1")
    assert forms.exit_code == 0, forms.output
    assert f"5 formulir ditulis ke {workspace / 'formulir' / '2025-TW1'}" in forms.output
    assert "Batas pengisian: 10 April 2025." in forms.output

    inbox = workspace / "masuk" / "2025-TW1"
    for src in (SAMPLES / "masuk" / "2025-TW1").iterdir():
        shutil.copyfile(src, inbox / src.name)
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}

    first = invoke("check", "-w", str(workspace), "--period", "2025-TW1", "--json")
    assert first.exit_code == 1, first.output
    data = json.loads(first.stdout)
    assert data["period"] == "2025-TW1"
    assert set(data) == {"period", "files", "missing"}
    assert all(f["checked_before"] is None and f["superseded_by"] is None for f in data["files"])
    status = {f["file"]: f["status"] for f in data["files"]}
    assert status == {
        "CAPIL Pelayanan Pencatatan Sipil.xlsx": "returned",
        "DAFDUK Pelayanan Pendaftaran Penduduk.xlsx": "accepted",
        "PDIP Pemanfaatan Data dan Inovasi Pelayanan.xlsx": "accepted",
        "PIAK Pengelolaan Informasi Administrasi Kependudukan.xlsx": "accepted",
        "SEK Sekretariat.xlsx": "returned",
        "Thumbs.db": "skipped",
        "~$SEK Sekretariat.xlsx": "skipped",
    }
    assert data["missing"] == ["SEK", "CAPIL"]
    capil = next(f for f in data["files"] if f["bidang"] == "CAPIL")
    assert {(f["code"], f["cell"], f["severity"]) for f in capil["findings"]} >= {
        ("nilai-bukan-angka", "E13", "error")}
    for f in capil["findings"]:
        assert set(f) == {"code", "severity", "sheet", "cell", "value", "message"}
    assert "Yang harus diperbaiki bidang (berkas dikembalikan):" in first.stderr
    assert "CAPIL Pelayanan Pencatatan Sipil.xlsx, lembar Isian, sel E13: '2.850 akta' bukan angka." in first.stderr

    again = invoke("check", "-w", str(workspace), "--period", "2025-TW1", "--json")
    assert again.exit_code == 1
    repeated = json.loads(again.stdout)
    assert all(f["checked_before"] for f in repeated["files"] if f["status"] != "skipped")
    for f in repeated["files"]:
        f["checked_before"] = None
    assert repeated == data  # a second run changes nothing but says the files were checked before
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before  # the user's files are untouched

    for src in (SAMPLES / "revisi" / "2025-TW1").iterdir():
        shutil.copyfile(src, inbox / src.name)
    third = invoke("check", "-w", str(workspace), "--period", "2025-TW1")
    assert third.exit_code == 0, third.output
    assert "dikembalikan (sudah diganti)" in third.output

    status_run = invoke("status", "-w", str(workspace), "--period", "2025-TW1", "--json")
    assert status_run.exit_code == 0
    states = {row["bidang"]: row["state"] for row in json.loads(status_run.stdout)}
    assert states == {"SEK": "diterima", "DAFDUK": "diterima", "CAPIL": "diterima", "PIAK": "diterima",
                      "PDIP": "diterima"}

    merge = invoke("merge", "-w", str(workspace), "--period", "2025-TW1")
    assert merge.exit_code == 0, merge.output
    assert merge.output == f"Rekap ditulis: {workspace / 'rekap' / 'rekap-2025-TW1.xlsx'}\n"
    export = invoke("export", "-w", str(workspace), "--period", "2025-TW1")
    assert export.exit_code == 0, export.output
    assert (workspace / "rekap" / "capaian-2025-TW1.csv").is_file()

    # a semester recap while TW II has not come in: said in the terminal, marked in the recap
    semester = invoke("merge", "-w", str(workspace), "--period", "2025-S1")
    assert semester.exit_code == 0, semester.output
    assert semester.output == (
        f"Rekap ditulis: {workspace / 'rekap' / 'rekap-2025-S1.xlsx'}\n"
        "Data belum lengkap untuk Semester I Tahun 2025; belum diterima:\n"
        "  TW II: bidang SEK, DAFDUK, CAPIL, PIAK, PDIP\n"
        "20 indikator dihitung dari data yang belum lengkap; barisnya diberi catatan 'data belum lengkap' di "
        "rekap.\n")


def test_check_of_a_missing_inbox_folder_is_a_usage_error(workspace: Path) -> None:
    result = invoke("check", str(workspace / "tidak-ada"), "-w", str(workspace), "--period", "2025-TW1")
    assert result.exit_code == 2
    assert result.output == (f"Error: Folder {workspace / 'tidak-ada'} tidak ada. Sebutkan folder berisi "
                             "berkas isian yang masuk.\n")
