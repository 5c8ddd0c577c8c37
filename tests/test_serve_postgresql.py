"""Two ``kinerja-xl serve`` processes on one PostgreSQL ledger and one workspace, one of them killed.

500 filled forms (40 bidang, 12-13 versions each, every version a little different) are sent by
40 concurrent clients spread over both servers; halfway, one server is killed with SIGKILL and
started again, and a client whose server vanished sends the same file again to the other one (as a
person would press the button again). Afterwards every upload is in the ledger exactly once, the
status board reads the same from both servers, and the recap equals the one a single-process
SQLite ``check`` + ``merge`` makes of each bidang's last version.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kinerja_xl import access, api
from kinerja_xl.catalog.model import Catalog, TipeElemen
from kinerja_xl.forms.writer import write_form
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import Period
from kinerja_xl.workspace import open_workspace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from agency import filled, synthetic_agency

TW1 = Period(2025, "TW", 1)
UNITS, FORMS = 40, 500
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(root: Path, port: int, db: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KINERJA_DB": db}
    return subprocess.Popen([sys.executable, "-m", "kinerja_xl", "serve", "-w", str(root), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_up(port: int, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/masuk", timeout=2)
            return
        except httpx.TransportError:
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)


def _versions(catalog: Catalog, folder: Path) -> dict[str, list[bytes]]:
    """Per bidang, its filled TW I forms: version k adds k to every whole-number denominator."""
    out: dict[str, list[bytes]] = {}
    bidang = [b.kode for b in catalog.bidang_with_form]
    for i in range(FORMS):
        kode = bidang[i % len(bidang)]
        k = len(out.setdefault(kode, []))
        fill = filled(catalog, kode, 1)
        denominators = {parts[1] for ind in catalog.indikator_of(kode) if (parts := ind.rumus.coverage_parts())}
        values = dict(fill.values)
        for e in catalog.elemen_of(kode):
            v = values.get(e.kode)
            if e.kode in denominators and e.tipe is TipeElemen.BULAT and isinstance(v, int):
                values[e.kode] = v + k
        path = write_form(catalog, kode, TW1, folder / f"{kode}-{k}.xlsx", created=dt.datetime(2025, 3, 25, 8, 0),
                          fill=dataclasses.replace(fill, values=values))
        out[kode].append(path.read_bytes())
    return out


async def _send_all(ports: list[int], tokens: dict[str, str], versions: dict[str, list[bytes]],
                    halfway: asyncio.Event) -> None:
    import httpx

    done = [0]

    async def send(bidang: str, n: int) -> None:
        for k, data in enumerate(versions[bidang]):
            for attempt in range(120):
                port = ports[(n + k + attempt) % len(ports)]
                try:
                    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=300) as c:
                        page = await c.get(f"/b/{tokens[bidang]}")
                        csrf = CSRF.search(page.text)
                        assert csrf is not None, page.text[:300]
                        r = await c.post(f"/b/{tokens[bidang]}/kirim/{TW1.code}", data={"csrf": csrf.group(1)},
                                         files={"berkas": (f"{bidang} versi {k}.xlsx", data, XLSX)})
                    assert r.status_code == 200, r.text[:300]
                    assert 'class="vonis diterima"' in r.text, r.text[:3000]
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.5)  # that server is down: press the button again, elsewhere
            else:
                raise AssertionError(f"{bidang} version {k} never got through")
            done[0] += 1
            if done[0] == FORMS // 2:
                halfway.set()

    await asyncio.gather(*(send(b, n) for n, b in enumerate(versions)))


def _board(port: int) -> str:
    import httpx

    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
        page = c.get("/masuk")
        token = CSRF.search(page.text)
        assert token is not None
        r = c.post("/masuk", data={"csrf": token.group(1), "nama": "kasubag", "sandi": "sandi-rahasia-1",
                                   "lanjut": "/pengelola"})
        assert r.status_code in (200, 303)
        html = c.get(f"/pengelola/periode/{TW1.code}").text
    assert "diterima" in html
    return CSRF.sub("", html)


def _sheet_values(path: Path, sheet: str) -> list[tuple[object, ...]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_two_servers_one_postgresql_ledger_one_killed(pg_url: str, tmp_path: Path) -> None:
    catalog = dataclasses.replace(synthetic_agency(UNITS), anggaran=(), renstra=())
    root = tmp_path / "dinas"
    api.init_workspace(root, catalog=catalog)
    ws = open_workspace(root, db=pg_url)
    api.create_forms(ws, TW1)
    access.add_user(ws, "kasubag", "sandi-rahasia-1")
    tokens = {link.bidang: link.token for link in access.bidang_links(ws)}
    forms = tmp_path / "isian"
    forms.mkdir()
    versions = _versions(ws.load_catalog(), forms)
    assert sum(map(len, versions.values())) == FORMS and len(versions) == UNITS

    ports = [_free_port(), _free_port()]
    servers = [_serve(root, p, pg_url) for p in ports]
    try:
        for p, s in zip(ports, servers, strict=True):
            _wait_up(p, s)

        async def run() -> None:
            halfway = asyncio.Event()
            sending = asyncio.create_task(_send_all(ports, tokens, versions, halfway))
            await halfway.wait()
            servers[0].send_signal(signal.SIGKILL)
            servers[0].wait()
            await asyncio.sleep(1)
            servers[0] = _serve(root, ports[0], pg_url)
            await asyncio.to_thread(_wait_up, ports[0], servers[0])
            await sending

        asyncio.run(run())

        with Ledger(pg_url) as ledger:
            subs = ledger.submissions(TW1.code)
        sent = {hashlib.sha256(d).hexdigest() for vs in versions.values() for d in vs}
        assert len(subs) == FORMS and {s.sha256 for s in subs} == sent  # every upload exactly once
        current = {s.bidang: s for s in subs if s.is_current}
        assert len(current) == UNITS
        for b, vs in versions.items():  # each bidang's last version is its current one
            assert current[b].sha256 == hashlib.sha256(vs[-1]).hexdigest()
        assert _board(ports[0]) == _board(ports[1])
    finally:
        for s in servers:
            s.terminate()
        for s in servers:
            try:
                s.wait(timeout=30)
            except subprocess.TimeoutExpired:
                s.kill()

    pg_recap = api.merge(ws, TW1, output=tmp_path / "rekap-pg.xlsx").path
    # the same files, one SQLite check and merge in one process: each bidang's last version
    solo = tmp_path / "solo"
    api.init_workspace(solo, catalog=catalog)
    api.create_forms(solo, TW1)
    inbox = solo / "masuk" / TW1.code
    inbox.mkdir(parents=True, exist_ok=True)
    for b, vs in versions.items():
        (inbox / f"{b}.xlsx").write_bytes(vs[-1])
    report = api.check(solo, TW1)
    assert [str(f.verdict) for f in report.files] == ["accepted"] * UNITS
    solo_recap = api.merge(solo, TW1, output=tmp_path / "rekap-sqlite.xlsx").path
    for sheet in ("Capaian Indikator", "Per Bidang"):
        assert _sheet_values(pg_recap, sheet) == _sheet_values(solo_recap, sheet)
