"""The ledger's commands: ``db periksa`` (reachable? which schema? migrate) and ``arsip ekspor``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kinerja_xl import api
from kinerja_xl.cli_support import (
    DB_HELP,
    WORKSPACE_HELP,
    _err,
    _period,
    handles_errors,
    period_option,
    workspace_option,
)
from kinerja_xl.workspace import WorkspaceRef


def register(cli: click.Group) -> None:
    @cli.group(name="db")
    def db_group() -> None:
        """Daftar kiriman (basis data): periksa koneksi dan versi skemanya."""

    @db_group.command(name="periksa")
    @click.option("--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help=WORKSPACE_HELP + " Dipakai bila --db tidak diberikan.")
    @click.option("--db", metavar="URL", envvar="KINERJA_DB", default=None, help=DB_HELP)
    @click.option("--migrasi", is_flag=True, help="Buat atau perbarui skemanya ke versi terbaru.")
    @click.option("--json", "as_json", is_flag=True, help="Tulis hasilnya sebagai JSON ke stdout.")
    @handles_errors
    def periksa(workspace: Path | None, db: str | None, migrasi: bool, as_json: bool) -> None:
        """Periksa apakah daftar kiriman dapat dihubungi dan pada versi skema berapa.

        Keluar dengan status 2 bila basis data tidak dapat dihubungi.
        """
        info = api.check_ledger(workspace, db, migrate=migrasi)
        if as_json:
            click.echo(json.dumps(info.to_dict(), ensure_ascii=False))
        engine = "PostgreSQL" if info.engine == "postgresql" else "SQLite"
        if info.version is None:
            _err(f"Daftar kiriman {info.where} ({engine}): terhubung, belum dibuat. Buat dengan --migrasi "
                 "(atau otomatis saat pemeriksaan pertama).")
        elif info.migrated:
            _err(f"Daftar kiriman {info.where} ({engine}): terhubung, skema diperbarui ke versi {info.version}.")
        elif info.version < info.latest:
            _err(f"Daftar kiriman {info.where} ({engine}): terhubung, skema versi {info.version} (terbaru "
                 f"{info.latest}). Perbarui dengan --migrasi (atau otomatis saat dipakai).")
        else:
            _err(f"Daftar kiriman {info.where} ({engine}): terhubung, skema versi {info.version} (terbaru).")

    @cli.group(name="arsip")
    def arsip_group() -> None:
        """Berkas asli kiriman: tulis kembali dari daftar kiriman atau arsip."""

    @arsip_group.command(name="ekspor")
    @workspace_option
    @period_option("Periode, misalnya 2025-TW1, 2025-S1 atau 2025.")
    @click.argument("folder", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Tulis daftar berkas sebagai JSON ke stdout.")
    @handles_errors
    def ekspor(workspace: WorkspaceRef, period: str, folder: Path, as_json: bool) -> None:
        """Tulis berkas asli setiap kiriman periode itu (diterima dan dikembalikan) ke FOLDER, sama persis
        byte demi byte."""
        rows = api.export_originals(workspace, _period(period), folder)
        if as_json:
            click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        written = sum(r.written for r in rows)
        missing = [r for r in rows if r.path is None]
        _err(f"{len(rows)} berkas asli periode {period}: {written} ditulis ke {folder}, "
             f"{len(rows) - written - len(missing)} sudah ada.")
        for r in missing:
            _err(f"  kiriman {r.submission_id} ({r.bidang or 'tanpa bidang'}): salinannya tidak ditemukan di "
                 "folder masuk, arsip, maupun daftar kiriman.")
