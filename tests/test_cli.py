"""CLI: exit codes and exact messages for good and bad calls (CliRunner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kinerja_xl import __version__
from kinerja_xl.cli import cli

COMMANDS = ["init", "katalog", "forms", "check", "status", "merge", "pk", "export", "lkjip", "demo"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"kinerja-xl versi {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_indonesian_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Penggunaan: cli {command}")
    assert "Tampilkan bantuan ini lalu keluar." in result.output
    assert "Show this message" not in result.output


def test_aliases_reach_the_same_command(runner: CliRunner) -> None:
    for alias, name in [("formulir", "forms"), ("periksa", "check"), ("rekap", "merge"), ("ekspor", "export")]:
        a = runner.invoke(cli, [alias, "--help"])
        b = runner.invoke(cli, [name, "--help"])
        assert a.exit_code == 0
        assert a.output == b.output


def test_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["kirim"])
    assert result.exit_code == 2
    assert "Error: Perintah 'kirim' tidak ada." in result.output


def test_missing_period_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["forms", "-w", str(tmp_path)])
    assert result.exit_code == 2
    assert "Opsi wajib belum diisi '--period'" in result.output


def test_bad_period_is_refused_clearly(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["forms", "-w", str(tmp_path), "--period", "2025-Q1"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: Periode '2025-Q1' tidak dikenali. Tulis periode dalam bentuk 2025-TW1 "
        "(triwulan I sampai IV).\n"
    )


def test_semester_is_refused_where_a_quarter_is_needed(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["forms", "-w", str(tmp_path), "--period", "2025-S1"])
    assert result.exit_code == 2
    assert "bukan triwulan" in result.output


def test_a_folder_that_is_not_a_workspace_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["forms", "-w", str(tmp_path), "--period", "2025-TW1"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path} bukan folder kerja kinerja-xl (tidak ada katalog.xlsx). "
        f"Buat dengan: kinerja-xl init {tmp_path}  atau pilih folder kerja dengan --workspace/-w.\n"
    )


def test_a_missing_workspace_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada"
    result = runner.invoke(cli, ["status", "-w", str(missing), "--period", "2025-TW1"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: Folder kerja {missing} tidak ada. Buat dulu dengan: kinerja-xl init {missing}\n"
    )


def test_a_bug_exits_with_its_own_status_not_a_verdict(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja_xl import api

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "status", broken)
    result = runner.invoke(cli, ["status", "-w", str(tmp_path), "--period", "2025-TW1"])
    assert result.exit_code == 3
    assert result.output == (
        "Error: kesalahan internal kinerja-xl (ZeroDivisionError: division by zero). Berkas Anda tidak "
        "diubah. Jalankan ulang perintah yang sama dengan --debug dan kirim keluarannya ke pengembang.\n")
    debug = runner.invoke(cli, ["--debug", "status", "-w", str(tmp_path), "--period", "2025-TW1"])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_a_system_error_is_an_operational_error(runner: CliRunner, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja_xl import api

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "rekap"))

    monkeypatch.setattr(api, "merge", denied)
    result = runner.invoke(cli, ["merge", "-w", str(tmp_path), "--period", "2025"])
    assert result.exit_code == 2
    assert result.output == (f"Error: kesalahan sistem berkas ({tmp_path / 'rekap'}): Permission denied. "
                             "Periksa izin folder dan ruang disk, lalu ulangi.\n")


def test_ctrl_c_has_its_own_status_not_a_verdict(runner: CliRunner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja_xl import api

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    result = runner.invoke(cli, ["check", "-w", str(tmp_path), "--period", "2025-TW1"])
    assert result.exit_code == 130  # click's own would be 1: for check, "a file was returned"
    assert result.output == ("\nDibatalkan (Ctrl+C). Berkas Anda tidak diubah; yang sudah selesai tetap tersimpan. "
                             "Jalankan perintah yang sama lagi untuk melanjutkan.\n")
