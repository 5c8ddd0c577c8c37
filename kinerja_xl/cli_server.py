"""The office server's commands: serve, tautan, pengguna, riwayat (registered on the main group)."""

from __future__ import annotations

import errno
import json
import socket
import sys
from pathlib import Path

import click

from kinerja_xl import api
from kinerja_xl.cli_support import (
    _err,
    _period,
    handles_errors,
    period_option,
    workspace_option,
)
from kinerja_xl.errors import UsageError
from kinerja_xl.workspace import Workspace, WorkspaceRef

ALAMAT_HELP = "Alamat server yang dipakai dalam tautan, misalnya http://192.168.1.10:8000. Bawaan: alamat PC ini di jaringan kantor, port 8000."


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, or a one-line error when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"Port {port} sudah dipakai (mungkin 'kinerja-xl serve' lain sudah berjalan); "
                             f"hentikan yang itu, atau pakai --port lain, misalnya --port {port + 1}.") from exc
        raise UsageError(f"Tidak dapat memakai alamat {host}:{port}: {exc.strerror or exc}.") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def register(cli: click.Group) -> None:
    @cli.command()
    @workspace_option
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Alamat yang didengar. 127.0.0.1 = hanya PC ini; 0.0.0.0 = semua PC di jaringan kantor.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
    @click.option("--batas-unggah", default=20, show_default=True, type=click.IntRange(1, 500), metavar="MB",
                  help="Ukuran berkas unggahan paling besar, dalam MB.")
    @handles_errors
    def serve(workspace: WorkspaceRef, host: str, port: int, batas_unggah: int) -> None:
        """Jalankan server kantor: bidang mengunggah formulir lewat peramban, pengelola memantau.

        Hentikan dengan Ctrl+C.
        """
        import uvicorn

        from kinerja_xl.netaddr import lan_addresses
        from kinerja_xl.server import create_app

        app = create_app(workspace, max_upload=batas_unggah * 1024 * 1024)
        sock = _listen(host, port)
        ws = (workspace.root if isinstance(workspace, Workspace) else workspace) or Path(".")
        if host in ("0.0.0.0", "::"):
            addresses = [f"http://{a}:{port}" for a in lan_addresses()] or [f"http://127.0.0.1:{port}"]
            _err("Server berjalan. Alamat untuk PC dan ponsel lain di jaringan kantor:")
            for a in addresses:
                _err(f"  {a}")
            _err(f"Tautan tiap bidang: kinerja-xl tautan -w {ws} --alamat {addresses[0]}")
        else:
            shown = f"[{host}]" if ":" in host else host
            _err(f"Server berjalan di http://{shown}:{port} (hanya dari PC ini; untuk jaringan kantor pakai "
                 "--host 0.0.0.0).")
        _err(f"Pengelola masuk di /masuk (akun: kinerja-xl pengguna tambah NAMA -w {ws}). Hentikan dengan Ctrl+C.")
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
        server = uvicorn.Server(config)
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            pass  # uvicorn has shut down cleanly and re-raised the Ctrl+C it caught: that is the way to stop
        finally:
            sock.close()
        _err("Server berhenti.")

    @cli.command()
    @workspace_option
    @click.option("--json", "as_json", is_flag=True, help="Tulis daftar tautan sebagai JSON ke stdout.")
    @click.option("--baru", metavar="BIDANG", default=None,
                  help="Ganti tautan bidang ini dengan yang baru (tautan lamanya langsung tidak berlaku).")
    @click.option("--alamat", metavar="URL", default=None, help=ALAMAT_HELP)
    @handles_errors
    def tautan(workspace: WorkspaceRef, as_json: bool, baru: str | None, alamat: str | None) -> None:
        """Tautan unggah setiap bidang (dibuat bila belum ada). Kirim tiap tautan hanya kepada bidangnya."""
        rows = api.links(workspace, base_url=alamat or api.default_base_url(), renew=baru)
        if as_json:
            click.echo(json.dumps([{"bidang": link.bidang, "nama": link.nama, "url": url} for link, url in rows],
                                  ensure_ascii=False, indent=2))
            return
        for link, url in rows:
            click.echo(f"{link.bidang}\t{link.nama}\t{url}")
        if baru:
            _err(f"Tautan bidang {baru} sudah diganti; tautan lamanya tidak berlaku lagi.")

    @cli.group(cls=type(cli))
    def pengguna() -> None:
        """Akun pengelola (Kasubag / operator) untuk halaman pengelola di server."""

    @pengguna.command("tambah")
    @click.argument("nama")
    @workspace_option
    @click.password_option("--sandi", prompt="Kata sandi", confirmation_prompt="Ulangi kata sandi",
                           help="Kata sandi (bila tidak diberikan, ditanyakan tanpa ditampilkan).")
    @handles_errors
    def tambah(nama: str, workspace: WorkspaceRef, sandi: str) -> None:
        """Tambah pengelola NAMA (atau ganti kata sandinya). Kata sandi disimpan sebagai hash scrypt."""
        new = api.add_user(workspace, nama, sandi)
        _err(f"Pengelola {nama} {'ditambahkan' if new else 'sudah ada; kata sandinya diganti'}.")

    @cli.command()
    @workspace_option
    @period_option("Periode triwulan, misalnya 2025-TW1.")
    @click.option("--bidang", "-b", required=True, metavar="BIDANG", help="Kode bidang, misalnya CAPIL.")
    @click.option("--json", "as_json", is_flag=True, help="Tulis riwayat sebagai JSON ke stdout.")
    @handles_errors
    def riwayat(workspace: WorkspaceRef, period: str, bidang: str, as_json: bool) -> None:
        """Riwayat kiriman bidang yang diterima: per sel, apa yang berubah dari kiriman diterima sebelumnya."""
        revs = api.history(workspace, _period(period, quarter_only=True), bidang)
        if as_json:
            click.echo(json.dumps([r.to_dict() for r in revs], ensure_ascii=False, indent=2))
            return
        if not revs:
            _err(f"Bidang {bidang} belum punya kiriman yang diterima untuk {period}.")
        for r in revs:
            s = r.submission
            _err(f"Kiriman {s.id} ({'revisi ke-' + str(s.revision) if s.revision else 'pertama diterima'}), "
                 f"{s.received_at.replace('T', ' ')}, {s.file_name}:")
            for c in r.changes:
                _err(f"  {c.elemen} {c.nama}: {'-' if c.lama is None else c.lama} -> "
                     f"{'-' if c.baru is None else c.baru} {c.satuan}".rstrip())
                for k, t in c.kendala.items():
                    _err(f"      kendala {k}: {t}")
            for k in r.kendala:
                _err(f"  kendala {k.indikator}: {k.lama or '-'} -> {k.baru or '-'}")
            if not r.changes and not r.kendala:
                _err("  tidak ada nilai yang berubah")

    del serve, tautan, tambah, riwayat  # registered on the group


def print_reminders(workspace: WorkspaceRef, period: str, alamat: str | None, as_json: bool) -> None:
    """``status --pengingat``."""
    rows = api.reminders(workspace, _period(period, quarter_only=True), base_url=alamat or api.default_base_url())
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        _err("Tidak ada pengingat: semua bidang sudah mengirim dan diterima.")
    for r in rows:
        click.echo(f"=== {r.bidang} {r.nama} ({r.state}) ===")
        click.echo(r.text)
        if r.whatsapp:
            click.echo(f"WhatsApp: {r.whatsapp}")
        if r.mailto:
            click.echo(f"E-mail: {r.mailto}")
        click.echo()
    sys.stdout.flush()
