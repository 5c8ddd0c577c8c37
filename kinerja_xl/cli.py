"""The command line: parses options, calls one library function, renders the result.

Exit status: 0 fine; 1 findings that return files (``check``); 2 usage or
operational error; 3 a bug; 130 stopped with Ctrl+C. Data (``--json``) goes to stdout, messages to stderr.
``--debug`` re-raises errors so a developer sees the traceback.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import click

from kinerja_xl import __version__, api
from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.catalog.model import Tingkat
from kinerja_xl.cli_i18n import install as _install_translations
from kinerja_xl.cli_support import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    _err,
    _period,
    handles_errors,
    jobs_option,
    period_option,
    workspace_option,
)
from kinerja_xl.period import ROMAN
from kinerja_xl.workspace import WorkspaceRef

_install_translations()


class IndonesianCommand(click.Command):
    """A command whose usage line reads in Bahasa Indonesia."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)


class AliasedGroup(click.Group):
    """Commands with Indonesian aliases (``periksa`` = ``check`` …)."""

    command_class = IndonesianCommand

    ALIASES: ClassVar[dict[str, str]] = {"formulir": "forms", "periksa": "check", "rekap": "merge", "ekspor": "export",
               "contoh": "demo", "buat": "init", "laporan-kinerja": "lkjip"}

    def invoke(self, ctx: click.Context) -> Any:
        """Ctrl+C ends a command with its own status (click's would be 1: ``check``'s "files returned")."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _err()
            _err("Dibatalkan (Ctrl+C). Berkas Anda tidak diubah; yang sudah selesai tetap tersimpan. "
                 "Jalankan perintah yang sama lagi untuk melanjutkan.")
            ctx.exit(EXIT_INTERRUPTED)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.ALIASES.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        _, cmd, rest = super().resolve_command(ctx, args)
        return (cmd.name if cmd else None), cmd, rest


@click.group(cls=AliasedGroup, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar="[OPSI]", subcommand_metavar="PERINTAH [ARGUMEN]...")
@click.version_option(__version__, "--version", prog_name="kinerja-xl",
                      message="%(prog)s versi %(version)s", help="Tampilkan versi lalu keluar.")
@click.option("--debug", is_flag=True, help="Tampilkan jejak galat (traceback) untuk pengembang.")
def cli(debug: bool) -> None:
    """kinerja-xl: Pengumpulan Data Kinerja (SAKIP) per triwulan.

    Alur kerja: init (folder kerja + katalog) → forms (formulir per bidang) →
    check (periksa berkas yang masuk) → merge (rekap capaian kinerja).
    Jalankan 'kinerja-xl demo' untuk melihat seluruh alur dengan data contoh.
    """


# --- init / katalog ------------------------------------------------------------


@cli.command()
@click.argument("directory", metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path))
@click.option("--contoh", is_flag=True, help="Isi katalog dengan katalog contoh (Dinas Dukcapil Kabupaten Contoh).")
@handles_errors
def init(directory: Path, contoh: bool) -> None:
    """Buat folder kerja baru: katalog.xlsx dan sub-folder formulir/, masuk/, arsip/,
    umpan-balik/, rekap/, laporan/. Katalog yang sudah ada tidak pernah ditimpa."""
    from kinerja_xl.contoh.catalog import build_sample_catalog, sample_period

    # the sample catalog: the same content as samples/katalog.xlsx (a test keeps them in step)
    period = api.suggested_period()  # the blank catalog's year is this period's, so the two agree
    ws, _created = api.init_workspace(directory, catalog=build_sample_catalog() if contoh else None,
                                      tahun=None if contoh else int(period[:4]))
    _err(f"Folder kerja dibuat: {ws.root}")
    _err(f"Katalog: {ws.katalog_path}" + (" (berisi contoh)" if contoh else " (kosong; isi lewat Excel)"))
    if contoh:
        _err(f"Langkah berikutnya: kinerja-xl forms -w {ws.root} --period {sample_period()}")
    else:
        _err("Langkah berikutnya: isi katalog.xlsx di Excel (baca lembar Petunjuk), periksa dengan "
             f"'kinerja-xl katalog -w {ws.root}', lalu buat formulir dengan "
             f"'kinerja-xl forms -w {ws.root} --period {period}'.")


@cli.command()
@workspace_option
@click.option("--json", "as_json", is_flag=True, help="Tulis hasil pemeriksaan katalog sebagai JSON ke stdout.")
@handles_errors
def katalog(workspace: WorkspaceRef, as_json: bool) -> None:
    """Periksa katalog.xlsx dan tampilkan temuan (lembar, sel, cara memperbaiki)."""
    result = api.check_catalog(workspace)
    if as_json:
        data = {"ok": result.ok, "findings": [f.to_dict() for f in result.findings]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    for finding in result.findings:
        _err(f"- [{finding.severity.label}] {finding.describe()}")
    if result.catalog is None:
        _err(f"Error: katalog tidak dapat dimuat ({len(result.errors)} kesalahan).")
        sys.exit(EXIT_ERROR)
    cat = result.catalog
    levels = [a.tingkat for a in cat.anggaran]
    budget = "".join(f", {levels.count(t)} {t.value}" for t in Tingkat if t in levels)
    renstra = f", Renstra {len(cat.renstra)} indikator" if cat.renstra else ""
    _err(f"Katalog baik: {len(cat.bidang)} bidang, {len(cat.sasaran)} sasaran, "
         f"{len(cat.indikator)} indikator, {len(cat.elemen)} elemen data{budget}{renstra}"
         + (f", {len(result.findings)} peringatan." if result.findings else "."))


# --- forms ---------------------------------------------------------------------


@cli.command()
@workspace_option
@period_option("Periode triwulan formulir, misalnya 2025-TW1.")
@jobs_option
@handles_errors
def forms(workspace: WorkspaceRef, period: str, jobs: int | None) -> None:
    """Buat formulir elemen data untuk setiap bidang (satu berkas Excel per bidang)."""
    result = api.create_forms(workspace, _period(period, quarter_only=True), jobs=jobs)
    for path in result.paths:
        _err(f"  {path.name}")
    _err(f"{len(result.paths)} formulir ditulis ke {result.folder}")
    _err(f"Batas pengisian: {result.deadline_text}. Kirim formulir ke setiap bidang; "
         f"berkas yang kembali disimpan di {result.inbox}")


# --- check / status --------------------------------------------------------------


@cli.command()
@click.argument("inbox", required=False, type=click.Path(file_okay=False, path_type=Path))
@workspace_option
@period_option("Periode triwulan yang diperiksa, misalnya 2025-TW1.")
@jobs_option
@click.option("--json", "as_json", is_flag=True, help="Tulis hasil sebagai JSON ke stdout.")
@click.option("--verbose", "-v", is_flag=True, help="Tampilkan semua temuan dan berkas yang dilewati.")
@handles_errors
def check(inbox: Path | None, workspace: WorkspaceRef, period: str, jobs: int | None,
          as_json: bool, verbose: bool) -> None:
    """Periksa berkas isian yang masuk (bawaan: masuk/PERIODE/): diterima, dikembalikan, atau dilewati.

    Berkas pengguna hanya dibaca, tidak pernah diubah, dipindah, atau dihapus.
    Status keluar: 0 semua diterima, 1 ada yang dikembalikan, 2 kesalahan penggunaan.
    """
    from kinerja_xl.render import render_check

    report = api.check(workspace, _period(period, quarter_only=True), inbox, jobs=jobs,
                       progress=_progress_bar() if not as_json else None, waiting=_err)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    for line in render_check(report, verbose=verbose):
        _err(line)
    sys.exit(report.exit_code)


def _progress_bar() -> Callable[[int, int], None] | None:
    """A progress bar on stderr for long runs in a terminal."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < 20:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label="Memeriksa", file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(1)
        if done >= total:
            state["bar"].__exit__(None, None, None)

    return update


@cli.command()
@workspace_option
@period_option("Periode triwulan, misalnya 2025-TW1.")
@click.option("--json", "as_json", is_flag=True, help="Tulis status sebagai JSON ke stdout.")
@click.option("--pengingat", is_flag=True, help="Tulis pesan pengingat siap kirim untuk bidang yang belum mengirim, "
              "dikembalikan, atau terlambat (dengan tautan WhatsApp / e-mail bila katalog memuatnya).")
@click.option("--alamat", metavar="URL", default=None, help="Dengan --pengingat: alamat server dalam tautan unggah. "
              "Bawaan: alamat PC ini di jaringan kantor, port 8000.")
@handles_errors
def status(workspace: WorkspaceRef, period: str, as_json: bool, pengingat: bool, alamat: str | None) -> None:
    """Status pengumpulan setiap bidang: belum mengirim, dikembalikan, diterima, revisi ke-n."""
    from kinerja_xl.render import render_status

    if pengingat:
        from kinerja_xl.cli_server import print_reminders

        print_reminders(workspace, period, alamat, as_json)
        return

    rows = api.status(workspace, _period(period, quarter_only=True))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    for line in render_status(rows):
        _err(line)


# --- merge / export ---------------------------------------------------------------


@cli.command()
@workspace_option
@period_option("Periode rekap: triwulan (2025-TW2), semester (2025-S1) atau tahun (2025).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas rekap. Bawaan: rekap/rekap-PERIODE.xlsx di folder kerja.")
@click.option("--pdf", is_flag=True, help="Juga buat PDF lewat LibreOffice (bila terpasang).")
@handles_errors
def merge(workspace: WorkspaceRef, period: str, output: Path | None, pdf: bool) -> None:
    """Gabungkan isian yang diterima menjadi rekap capaian kinerja dengan rumus hidup."""
    result = api.merge(workspace, _period(period), output=output, pdf=pdf)
    _err(f"Rekap ditulis: {result.path}")
    if result.belum_diterima:
        by_quarter: dict[int, list[str]] = {}
        for bidang, q in result.belum_diterima:
            by_quarter.setdefault(q, []).append(bidang)
        _err(f"Data belum lengkap untuk {result.period.label}; belum diterima:")
        for q, names in sorted(by_quarter.items()):
            _err(f"  TW {ROMAN[q - 1]}: bidang {', '.join(names)}")
        _err(f"{result.terdampak} indikator dihitung dari data yang belum lengkap; barisnya diberi catatan "
             "'data belum lengkap' di rekap.")
    if pdf:
        _err(f"PDF: {result.pdf}" if result.pdf else "PDF tidak dibuat: LibreOffice (soffice) tidak ditemukan.")


@cli.command("pk")
@workspace_option
@click.option("--tahun", "tahun", type=click.IntRange(2000, 2100), required=True, metavar="TAHUN",
              help="Tahun Perjanjian Kinerja, sama dengan tahun katalog, misalnya 2025.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas keluaran. Bawaan: rekap/perjanjian-kinerja-TAHUN.xlsx di folder kerja.")
@click.option("--json", "as_json", is_flag=True, help="Tulis letak berkas dan daftar lembarnya sebagai JSON ke stdout.")
@handles_errors
def pk(workspace: WorkspaceRef, tahun: int, output: Path | None, as_json: bool) -> None:
    """Tulis Perjanjian Kinerja tahun itu (Kepala OPD dan setiap Kepala Bidang) dari katalog saja."""
    result = api.perjanjian(workspace, tahun, output=output)
    _err(f"Perjanjian Kinerja ditulis: {result.path}")
    _err(f"Lembar: {', '.join(result.lembar)}. Tanggal perjanjian: {tanggal_indonesia(result.tanggal)}.")
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@workspace_option
@period_option("Periode: triwulan (2025-TW2), semester (2025-S1) atau tahun (2025).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas keluaran. Bawaan: rekap/capaian-PERIODE.csv (atau .xlsx) di folder kerja.")
@click.option("--format", "--bentuk", "flavour", type=click.Choice(["csv", "csv-id", "xlsx"]), default=None,
              help="csv: koma, titik desimal (untuk aplikasi); csv-id: titik koma, koma desimal, UTF-8 "
                   "dengan BOM (Excel berbahasa Indonesia); xlsx: buku kerja Excel. Bawaan: csv, atau "
                   "xlsx bila --output berakhiran .xlsx.")
@handles_errors
def export(workspace: WorkspaceRef, period: str, output: Path | None, flavour: str | None) -> None:
    """Tulis tabel rapi capaian (periode, bidang, sasaran, indikator, target, realisasi, capaian,
    predikat) dan, bila katalog memuat Anggaran, tabel anggaran (pagu, realisasi keuangan, fisik,
    serapan) untuk diketik atau diunggah ke SILAKIP / e-SAKIP, atau dibuka di Excel."""
    result = api.export(workspace, _period(period), output=output, flavour=flavour)
    if result.anggaran is None:
        _err(f"Ditulis: {result.capaian}")
    else:
        _err(f"Capaian ditulis: {result.capaian}")
        _err(f"Anggaran ditulis: {result.anggaran}")


@cli.command()
@workspace_option
@period_option("Tahun laporan, misalnya 2025.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas Word. Bawaan: rekap/lkjip-bab3-TAHUN.docx di folder kerja.")
@click.option("--pdf", is_flag=True, help="Juga buat PDF lewat LibreOffice (bila terpasang).")
@handles_errors
def lkjip(workspace: WorkspaceRef, period: str, output: Path | None, pdf: bool) -> None:
    """Susun draf LKjIP Bab III Akuntabilitas Kinerja (Word) dari rekap tahunan: per sasaran dan
    IKU tabel pengukuran, perbandingan dengan tahun sebelumnya dan target akhir Renstra, grafik,
    analisis, serta realisasi anggaran. Teks dalam [kurung siku] perlu dilengkapi."""
    result = api.lkjip(workspace, _period(period), output=output, pdf=pdf)
    _err(f"Draf LKjIP Bab III ditulis: {result.path}")
    if pdf:
        _err(f"PDF: {result.pdf}" if result.pdf else "PDF tidak dibuat: LibreOffice (soffice) tidak ditemukan.")


# --- demo ---------------------------------------------------------------------------


@cli.command()
@click.argument("directory", metavar="FOLDER", required=False, default="kinerja-demo",
                type=click.Path(file_okay=False, path_type=Path))
@handles_errors
def demo(directory: Path) -> None:
    """Jalankan seluruh alur dengan data contoh: folder kerja, katalog, formulir,
    isian contoh (sebagian bermasalah), pemeriksaan, dan rekap. Bawaan: ./kinerja-demo"""
    from kinerja_xl.contoh.demo import run_demo
    from kinerja_xl.render import render_check

    result = run_demo(directory)
    _err(f"Demo di folder {result.root}: katalog contoh, formulir TW I–IV, isian contoh, pemeriksaan, rekap.")
    _err()
    for i, report in enumerate(result.checks):
        # the first quarter in full (with the returned files and their second round), then one line each
        lines = render_check(report, verbose=False)
        for line in lines if i < 2 else lines[:1]:
            _err(line)
        if i < 2:
            _err()
    _err()
    _err("Hasil demo:")
    for label, path in result.outputs:
        _err(f"  {label}: {path}")
    _err()
    _err(f"Buka folder demo di peramban dengan  kinerja-xl serve -w {result.root}  lalu http://127.0.0.1:8000 "
         f"(buat dulu akun pengelola dengan  kinerja-xl pengguna tambah NAMA -w {result.root}; tautan tiap "
         f"bidang ada di halaman pengelola dan lewat  kinerja-xl tautan -w {result.root}).")


from kinerja_xl.cli_server import register as _register_server_commands

_register_server_commands(cli)

from kinerja_xl.cli_ledger import register as _register_ledger_commands

_register_ledger_commands(cli)


def main() -> None:
    try:
        cli(prog_name="kinerja-xl")
    finally:
        # The interpreter's last act is a full collection over every object still alive — the
        # catalog's records, a run's results: 10-30 ms with 500-1,000 bidang — looking for cycles
        # that die with the process anyway. Frozen objects are left out of it. (Our files are
        # closed by then: every output is written and renamed inside the command.)
        gc.freeze()
