"""The office server's commands (tautan, pengguna, riwayat, status --pengingat, serve), the ledger's
schema 3 and the arrival time that check and uploads record."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_support import TW1, ServerWorkspace, filled_form, make_workspace

from kinerja_xl import access
from kinerja_xl.cli import cli
from kinerja_xl.intake.upload import check_upload
from kinerja_xl.ledger import SCHEMA_VERSION, Ledger

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(scope="module")
def sw(tmp_path_factory: pytest.TempPathFactory) -> ServerWorkspace:
    return make_workspace(tmp_path_factory.mktemp("cli") / "dinas")


def test_tautan_json_is_exactly_bidang_nama_url_and_stable(sw: ServerWorkspace) -> None:
    r = invoke("tautan", "-w", str(sw.ws.root), "--json", "--alamat", "http://10.0.0.5:8000")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [sorted(row) for row in rows] == [["bidang", "nama", "url"]] * 5
    assert rows[1] == {"bidang": "DAFDUK", "nama": "Pelayanan Pendaftaran Penduduk",
                       "url": f"http://10.0.0.5:8000/b/{sw.links['DAFDUK']}"}
    again = json.loads(invoke("tautan", "-w", str(sw.ws.root), "--json", "--alamat", "http://10.0.0.5:8000").stdout)
    assert again == rows


def test_tautan_baru_replaces_only_that_bidang_s_link(tmp_path: Path) -> None:
    sw = make_workspace(tmp_path / "dinas")
    r = invoke("tautan", "-w", str(sw.ws.root), "--baru", "CAPIL", "--alamat", "http://x:1")
    assert r.exit_code == 0, r.output
    lines = dict(line.split("\t")[0::2] for line in r.stdout.splitlines())
    assert lines["CAPIL"] != f"http://x:1/b/{sw.links['CAPIL']}"
    assert lines["SEK"] == f"http://x:1/b/{sw.links['SEK']}"
    assert access.bidang_of_token(sw.ws, sw.links["CAPIL"]) is None
    assert "sudah diganti" in r.stderr
    bad = invoke("tautan", "-w", str(sw.ws.root), "--baru", "NONE")
    assert bad.exit_code == 2 and "Bidang NONE tidak ada di katalog" in bad.output


def test_pengguna_tambah_asks_for_the_password_twice_and_stores_only_a_scrypt_hash(sw: ServerWorkspace) -> None:
    r = invoke("pengguna", "tambah", "operator", "-w", str(sw.ws.root), input="kata-sandi-9\nkata-sandi-9\n")
    assert r.exit_code == 0, r.output
    assert "Pengelola operator ditambahkan." in r.output
    with Ledger(sw.ws.ledger_path) as ledger:
        stored = ledger.user_hash("operator")
    assert stored is not None and stored.startswith("scrypt$32768$8$1$") and "kata-sandi-9" not in stored
    assert access.login(sw.ws, "operator", "kata-sandi-9").ok
    short = invoke("pengguna", "tambah", "x", "-w", str(sw.ws.root), input="pendek\npendek\n")
    assert short.exit_code == 2 and "terlalu pendek" in short.output


def test_riwayat_lists_per_cell_changes_between_accepted_revisions(tmp_path: Path) -> None:
    import io

    import openpyxl

    sw = make_workspace(tmp_path / "dinas")
    catalog = sw.ws.load_catalog()
    good = filled_form(sw.ws, "CAPIL", faulty=False)
    check_upload(sw.ws, catalog, TW1, "CAPIL", "a.xlsx", filled_form(sw.ws, "CAPIL", faulty=True))
    check_upload(sw.ws, catalog, TW1, "CAPIL", "b.xlsx", good)
    wb = openpyxl.load_workbook(io.BytesIO(good))
    sheet = wb["Isian"]
    next(row[4] for row in sheet.iter_rows() if row[1].value == "CAP05").value = 2900
    buf = io.BytesIO()
    wb.save(buf)
    check_upload(sw.ws, catalog, TW1, "CAPIL", "c.xlsx", buf.getvalue())
    r = invoke("riwayat", "-w", str(sw.ws.root), "--period", "2025-TW1", "--bidang", "CAPIL", "--json")
    assert r.exit_code == 0, r.output
    first, second = json.loads(r.stdout)
    assert first["revisi"] == 0 and first["dibanding"] is None
    assert {c["elemen"]: (c["lama"], c["baru"]) for c in first["perubahan"]}["CAP05"] == (None, 2850)
    assert second["revisi"] == 1 and second["dibanding"] == first["kiriman"]
    [change] = second["perubahan"]
    assert change["elemen"] == "CAP05" and (change["lama"], change["baru"]) == (2850, 2900)
    assert change["nama"] == catalog.elemen_by_kode["CAP05"].nama
    text = invoke("riwayat", "-w", str(sw.ws.root), "-p", "2025-TW1", "-b", "CAPIL")
    assert "CAP05" in text.stderr and "2850 -> 2900" in text.stderr


def test_status_pengingat_gives_a_ready_message_per_bidang_to_remind(tmp_path: Path) -> None:
    sw = make_workspace(tmp_path / "dinas")
    check_upload(sw.ws, sw.ws.load_catalog(), TW1, "CAPIL", "a.xlsx", filled_form(sw.ws, "CAPIL", faulty=True))
    check_upload(sw.ws, sw.ws.load_catalog(), TW1, "PIAK", "p.xlsx", filled_form(sw.ws, "PIAK", faulty=False))
    r = invoke("status", "-w", str(sw.ws.root), "-p", "2025-TW1", "--pengingat", "--json", "--alamat", "http://k:8000")
    assert r.exit_code == 0, r.output
    rows = {m["bidang"]: m for m in json.loads(r.stdout)}
    assert sorted(rows) == ["CAPIL", "DAFDUK", "PDIP", "SEK"]  # PIAK was accepted
    capil = rows["CAPIL"]["pesan"]
    assert capil.startswith("Yth. Kepala Pelayanan Pencatatan Sipil,")
    assert "dikembalikan" in capil and "sel E13: '2.850 akta' bukan angka" in capil
    assert f"http://k:8000/b/{sw.links['CAPIL']}" in capil and "10 April 2025" in capil
    assert "Mohon kirim formulir Pengumpulan Data Kinerja Triwulan I Tahun 2025" in rows["SEK"]["pesan"]
    # WhatsApp and e-mail links where the catalog's Bidang sheet gives a number / address
    from urllib.parse import quote

    assert rows["CAPIL"]["whatsapp"] == f"https://wa.me/6281345002003?text={quote(capil)}"
    assert rows["DAFDUK"]["whatsapp"].startswith("https://wa.me/6281234001002?text=Yth.%20Kepala")
    assert rows["CAPIL"]["mailto"].startswith("mailto:capil@disdukcapil.contohkab.go.id?subject=Pengumpulan%20Data")
    assert rows["DAFDUK"]["mailto"] is None and rows["PDIP"]["whatsapp"] is None and rows["PDIP"]["mailto"] is None
    text = invoke("status", "-w", str(sw.ws.root), "-p", "2025-TW1", "--pengingat", "--alamat", "http://k:8000")
    assert text.stdout.count("=== ") == 4


def test_serve_on_a_busy_port_says_so_in_one_line(sw: ServerWorkspace) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = invoke("serve", "-w", str(sw.ws.root), "--port", str(port))
    assert r.exit_code == 2
    assert r.output.splitlines() == [
        (f"Error: Port {port} sudah dipakai (mungkin 'kinerja-xl serve' lain sudah berjalan); hentikan yang itu, "
        f"atau pakai --port lain, misalnya --port {port + 1}.")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_and_stops_cleanly_on_ctrl_c(sw: ServerWorkspace) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kinerja_xl", "serve", "-w", str(sw.ws.root), "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/masuk", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.2)
        assert r.status_code == 200 and "Masuk sebagai pengelola" in r.text
        assert "server" not in r.headers  # no software banner
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert f"Server berjalan di http://127.0.0.1:{port}" in err and err.rstrip().endswith("Server berhenti.")
    assert "Traceback" not in err


# --- the ledger and arrival times ------------------------------------------------------------------


def test_a_schema_2_ledger_is_migrated_and_keeps_its_submissions(tmp_path: Path) -> None:
    from legacy_ledger import write_legacy_ledger

    path = tmp_path / "daftar-kiriman.sqlite"
    db = write_legacy_ledger(path, 2)
    db.execute("INSERT INTO submissions (period, bidang, file_name, rel_path, sha256, size, received_at, verdict, "
               "findings_json) VALUES ('2025-TW1', 'SEK', 'a.xlsx', 'a.xlsx', ?, 1, '2025-04-05T09:00:00', "
               "'returned', '[]')", ("a" * 64,))
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        assert [s.bidang for s in ledger.submissions("2025-TW1")] == ["SEK"]
        assert ledger.setting_or_set("k", "v") == "v" and ledger.setting_or_set("k", "w") == "v"
        assert ledger.users() == [] and ledger.audit_log() == []
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"settings", "bidang_links", "users", "audit", "originals"} <= tables
    db.close()


def test_check_records_a_file_s_modification_time_as_its_arrival(tmp_path: Path) -> None:
    from kinerja_xl import api

    sw = make_workspace(tmp_path / "dinas")
    inbox = sw.ws.masuk_dir(TW1)
    path = inbox / "sek.xlsx"
    path.write_bytes(filled_form(sw.ws, "SEK", faulty=True))
    arrived = dt.datetime(2025, 4, 9, 14, 30, 5)
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))
    api.check(sw.ws.root, TW1, jobs=1, now=dt.datetime(2025, 4, 20, 8, 0))
    with Ledger(sw.ws.ledger_path) as ledger:
        [sub] = ledger.submissions(TW1.code)
    assert sub.received_at == "2025-04-09T14:30:05"  # not the run's time (20 April)


def test_an_upload_is_recorded_as_arriving_when_it_was_uploaded(tmp_path: Path) -> None:
    sw = make_workspace(tmp_path / "dinas")
    when = dt.datetime(2025, 4, 9, 7, 45, 0)
    result = check_upload(sw.ws, sw.ws.load_catalog(), TW1, "SEK", "sek.xlsx",
                          filled_form(sw.ws, "SEK", faulty=False), now=when)
    assert result.received_at == "2025-04-09T07:45:00"
    with Ledger(sw.ws.ledger_path) as ledger:
        [sub] = ledger.submissions(TW1.code)
    assert sub.received_at == "2025-04-09T07:45:00" and sub.verdict == "accepted"
    assert sub.rel_path == "SEK 2025-04-09 074500 sek.xlsx"


def test_the_cli_and_the_server_on_one_workspace_lose_and_double_nothing(tmp_path: Path) -> None:
    """Uploads through the server while check runs over the same inbox: every file recorded once."""
    import threading

    from server_support import client, csrf_of

    from kinerja_xl import api

    sw = make_workspace(tmp_path / "dinas")
    # files the operator copied into the inbox by hand, checked by the CLI meanwhile
    by_hand = {"SEK": filled_form(sw.ws, "SEK", faulty=False), "DAFDUK": filled_form(sw.ws, "DAFDUK", faulty=False)}
    for b, data in by_hand.items():
        (sw.ws.masuk_dir(TW1) / f"{b}.xlsx").write_bytes(data)
    uploads = {"CAPIL": filled_form(sw.ws, "CAPIL", faulty=True), "PIAK": filled_form(sw.ws, "PIAK", faulty=False),
               "PDIP": filled_form(sw.ws, "PDIP", faulty=False)}
    errors: list[BaseException] = []

    def run_check() -> None:
        try:
            for _ in range(3):
                api.check(sw.ws.root, TW1, jobs=1)
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)

    checker = threading.Thread(target=run_check)
    checker.start()
    c = client(sw)
    for b, data in uploads.items():
        page = c.get(sw.url(b))
        r = c.post(f"{sw.url(b)}/kirim/{TW1.code}", data={"csrf": csrf_of(page.text)},
                   files={"berkas": (f"{b}.xlsx", data, "application/octet-stream")})
        assert r.status_code == 200
    checker.join()
    assert not errors
    api.check(sw.ws.root, TW1, jobs=1)  # and once more afterwards: the uploads are known by their bytes
    with Ledger(sw.ws.ledger_path) as ledger:
        subs = ledger.submissions(TW1.code)
    shas = [s.sha256 for s in subs]
    import hashlib

    expected = {hashlib.sha256(d).hexdigest() for d in [*by_hand.values(), *uploads.values()]}
    assert sorted(shas) == sorted(expected)  # each exactly once
    assert {s.bidang: s.verdict for s in subs} == {"SEK": "accepted", "DAFDUK": "accepted", "CAPIL": "returned",
                                                   "PIAK": "accepted", "PDIP": "accepted"}
    assert len(list(sw.ws.masuk_dir(TW1).iterdir())) == 5


def test_every_template_and_static_file_ships_with_a_non_editable_install() -> None:
    import configparser
    import fnmatch

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    patterns = [p.strip() for p in cfg["options.package_data"]["kinerja_xl.server"].split(",")]
    server = ROOT / "kinerja_xl" / "server"
    data = [p.relative_to(server).as_posix() for p in server.rglob("*")
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    assert data and all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in data), data
