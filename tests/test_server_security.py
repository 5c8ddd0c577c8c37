"""The office server under attack: each test names the threat, and checks that the request is refused
with a clear page (never a traceback), that the server still answers, and that neither the ledger's
submissions nor the inbox (nor the catalog) changed."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import json
import time
import zipfile

import pytest
from itsdangerous import TimestampSigner
from server_support import (
    PASSWORD,
    TW1,
    USER,
    ServerWorkspace,
    client,
    csrf_of,
    filled_form,
    make_workspace,
    sign_in,
)

from kinerja_xl import access
from kinerja_xl.ledger import Ledger


@pytest.fixture(scope="module")
def sw(tmp_path_factory: pytest.TempPathFactory) -> ServerWorkspace:
    """One workspace with one upload of CAPIL recorded (every test here must leave it as it is)."""
    sw = make_workspace(tmp_path_factory.mktemp("sec") / "dinas")
    c = client(sw)
    page = c.get(sw.url("CAPIL"))
    r = c.post(f"{sw.url('CAPIL')}/kirim/{TW1.code}", data={"csrf": csrf_of(page.text)},
               files={"berkas": ("capil.xlsx", filled_form(sw.ws, "CAPIL", faulty=True), "application/octet-stream")})
    assert r.status_code == 200
    return sw


def snapshot(sw: ServerWorkspace) -> tuple[object, ...]:
    """The submissions in the ledger, every file below the workspace but the ledger's, the catalog."""
    with Ledger(sw.ws.ledger_path) as ledger:
        subs = ledger.submissions(TW1.code)
        links = ledger.links()
    files = sorted((str(p.relative_to(sw.ws.root)), p.stat().st_size) for p in sw.ws.root.rglob("*")
                   if p.is_file() and not p.name.startswith("daftar-kiriman"))
    return subs, links, files, hashlib.sha256(sw.ws.katalog_path.read_bytes()).hexdigest()


@pytest.fixture()
def unchanged(sw: ServerWorkspace):  # type: ignore[no-untyped-def]
    before = snapshot(sw)
    yield
    assert snapshot(sw) == before
    # the server still answers
    assert client(sw).get(sw.url("CAPIL")).status_code == 200


def capil_submission(sw: ServerWorkspace) -> int:
    with Ledger(sw.ws.ledger_path) as ledger:
        return ledger.submissions(TW1.code, "CAPIL")[0].id


def upload(c, sw: ServerWorkspace, name: str, data: bytes, bidang: str = "SEK"):  # type: ignore[no-untyped-def]
    page = c.get(sw.url(bidang))
    return c.post(f"{sw.url(bidang)}/kirim/{TW1.code}", data={"csrf": csrf_of(page.text)},
                  files={"berkas": (name, data, "application/octet-stream")})


# --- a bidang reaching another bidang ------------------------------------------------------------


@pytest.mark.usefixtures("unchanged")
def test_threat_another_bidang_s_submission_through_one_s_own_token(sw: ServerWorkspace) -> None:
    c = client(sw)
    sid = capil_submission(sw)
    for path in (f"/kiriman/{sid}", f"/kiriman/{sid}/umpan-balik"):
        r = c.get(sw.url("SEK") + path)
        assert r.status_code == 404 and "Kiriman itu tidak ada" in r.text
    assert c.get(sw.url("CAPIL") + f"/kiriman/{sid}").status_code == 200  # its own bidang sees it


@pytest.mark.usefixtures("unchanged")
def test_threat_a_guessed_or_altered_token(sw: ServerWorkspace) -> None:
    c = client(sw)
    token = sw.links["CAPIL"]
    for guess in (token[:-1] + ("A" if token[-1] != "A" else "B"), token[:10], "x" * 500, "%00"):
        r = c.get(f"/b/{guess}")
        assert r.status_code == 404 and "Tautan ini tidak dikenal" in r.text
    page = c.get(sw.url("CAPIL"))
    r = c.post(f"/b/{token[:-2]}xx/kirim/{TW1.code}", data={"csrf": csrf_of(page.text)},
               files={"berkas": ("a.xlsx", filled_form(sw.ws, "CAPIL", faulty=False), "application/octet-stream")})
    assert r.status_code == 404


# --- forged form posts (CSRF) --------------------------------------------------------------------


POSTS = ["/masuk", "/keluar", "/pengelola/periode/2025-TW1/formulir", "/pengelola/periode/2025-TW1/rekap",
         "/pengelola/tautan/SEK/baru"]


@pytest.mark.usefixtures("unchanged")
def test_threat_form_posts_without_a_csrf_token(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    for path in [*POSTS, f"{sw.url('SEK')}/kirim/2025-TW1"]:
        r = c.post(path, data={"nama": USER, "sandi": PASSWORD},
                   files={"berkas": ("a.xlsx", filled_form(sw.ws, "SEK", faulty=False), "application/octet-stream")})
        assert r.status_code == 403 and "Formulir kedaluwarsa" in r.text, path
    assert c.get("/pengelola/catatan").status_code == 200  # still signed in: /keluar did nothing


@pytest.mark.usefixtures("unchanged")
def test_threat_a_forged_csrf_token_or_one_from_another_session(sw: ServerWorkspace) -> None:
    victim, attacker = client(sw), client(sw)
    sign_in(victim)
    attacker_token = csrf_of(attacker.get("/masuk").text)
    for token in ("palsu", attacker_token, ""):
        for path in POSTS[1:]:
            r = victim.post(path, data={"csrf": token})
            assert r.status_code == 403, (path, token)
        r = victim.post(f"{sw.url('SEK')}/kirim/2025-TW1", data={"csrf": token},
                        files={"berkas": ("a.xlsx", filled_form(sw.ws, "SEK", faulty=False), "x")})
        assert r.status_code == 403


# --- passwords ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("unchanged")
def test_threat_password_guessing_is_refused_and_slowed_down(sw: ServerWorkspace) -> None:
    c = client(sw)
    took = []
    for guess in ("salah", "salah lagi"):
        page = c.get("/masuk")
        start = time.monotonic()
        r = c.post("/masuk", data={"csrf": csrf_of(page.text), "nama": USER, "sandi": guess})
        took.append(time.monotonic() - start)
        assert r.status_code == 401 and "Nama atau kata sandi salah" in r.text
    assert took[0] >= 0.5 and took[1] >= 1.0  # each failure doubles the wait
    assert c.get("/pengelola/catatan").status_code == 303  # not signed in
    # an unknown name is answered like a wrong password (and counted)
    page = c.get("/masuk")
    r = c.post("/masuk", data={"csrf": csrf_of(page.text), "nama": "tidakada", "sandi": PASSWORD})
    assert r.status_code == 401
    with Ledger(sw.ws.ledger_path) as ledger:
        failed = [e for e in ledger.audit_log() if e.action == access.LOGIN_FAILED]
    assert [e.actor for e in failed[:3]] == ["tidakada", USER, USER] and failed[0].address == "testclient"


def test_the_slow_down_grows_with_each_recent_failure_up_to_a_limit(sw: ServerWorkspace) -> None:
    delays = [access.login(sw.ws, "penyusup", "x").delay for _ in range(6)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert access.login(sw.ws, USER, PASSWORD).ok  # another name is not slowed down
    # many names tried from one address: slowed down by the address too
    spread = [access.login(sw.ws, f"nama{i}", "x", "10.9.9.9").delay for i in range(6)]
    assert spread == [0.5, 0.5, 1.0, 1.0, 2.0, 2.0]


# --- sessions ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("unchanged")
def test_threat_an_expired_session_cookie(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    token = csrf_of(c.get("/pengelola/tautan").text)
    secret = access.session_secret(sw.ws)
    payload = base64.b64encode(json.dumps({"pengelola": USER, "csrf": token}).encode())
    signer = TimestampSigner(secret)
    signer.get_timestamp = lambda: int(time.time()) - 9 * 3600  # type: ignore[method-assign]
    c.cookies.set("kinerja_sesi", signer.sign(payload).decode())
    r = c.get("/pengelola/tautan")
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")
    c.cookies.set("kinerja_sesi", signer.sign(payload).decode())
    r = c.post("/pengelola/tautan/SEK/baru", data={"csrf": token})
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")  # sign in again; nothing done
    # the same cookie, freshly signed, is accepted: it was the age that was refused
    c.cookies.set("kinerja_sesi", TimestampSigner(secret).sign(payload).decode())
    assert c.get("/pengelola/tautan").status_code == 200


def test_session_cookie_is_httponly_and_samesite(sw: ServerWorkspace) -> None:
    r = client(sw).get("/masuk")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=28800" in cookie


# --- uploads -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("unchanged")
def test_threat_an_oversize_upload_is_refused_before_it_is_stored(sw: ServerWorkspace) -> None:
    c = client(sw, max_upload=200 * 1024)
    r = upload(c, sw, "besar.xlsx", b"PK" + b"\0" * (2 * 1024 * 1024))
    assert r.status_code == 413 and "lebih besar dari batas 200 KB" in r.text
    # without a Content-Length (chunked): the application stops reading once the limit has arrived
    page = c.get(sw.url("SEK"))
    cookie = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
    head = (b'--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + csrf_of(page.text).encode()
            + b'\r\n--x\r\nContent-Disposition: form-data; name="berkas"; filename="b.xlsx"\r\n\r\n')
    received = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal received
        chunk = head if received == 0 else b"\0" * 64 * 1024
        received += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": received < 1024**3}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": f"{sw.url('SEK')}/kirim/2025-TW1", "raw_path": b"",
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("testserver", 80),
             "client": ("127.0.0.1", 1), "http_version": "1.1",
             "headers": [(b"content-type", b"multipart/form-data; boundary=x"), (b"cookie", cookie.encode())]}
    asyncio.run(c.app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert received < 200 * 1024 + 64 * 1024 + 64 * 1024 + len(head)  # the limit, the envelope, one chunk


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))  # unpacks 1,000 times its size
    return buf.getvalue()


@pytest.mark.usefixtures("unchanged")
def test_threat_a_zip_bomb_upload(sw: ServerWorkspace) -> None:
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024
    r = upload(client(sw), sw, "bom.xlsx", bomb)
    assert r.status_code == 400 and "Berkas ditolak dan tidak disimpan" in r.text and "terlalu besar" in r.text


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("name", ["../../katalog.xlsx", "..\\..\\katalog.xlsx", "/etc/passwd", "sub/isian.xlsx",
                                  ".."])
def test_threat_path_traversal_in_the_uploaded_file_name(sw: ServerWorkspace, name: str) -> None:
    r = upload(client(sw), sw, name, filled_form(sw.ws, "SEK", faulty=False))
    assert r.status_code == 400 and "Nama berkas itu tidak dapat diterima" in r.text


@pytest.mark.usefixtures("unchanged")
def test_threat_path_traversal_in_the_url(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    token = sw.links["CAPIL"]
    sid = capil_submission(sw)
    for path in (f"/b/{token}/formulir/..%2F..%2Fkatalog.xlsx", f"/b/{token}/formulir/../../katalog.xlsx",
                 f"/b/{token}/kiriman/{sid}/..%2F..%2Fkatalog.xlsx", "/pengelola/berkas/..%2Fkatalog.xlsx",
                 "/pengelola/berkas/%2E%2E%2Fdaftar-kiriman.sqlite", f"/pengelola/kiriman/{sid}/..%2F..%2Fkatalog",
                 "/static/..%2F..%2F..%2Fkatalog.xlsx", "/static/%2e%2e/app.py", "/pengelola/periode/..%2F..",
                 "/daftar-kiriman.sqlite", "/katalog.xlsx"):
        r = c.get(path)
        assert r.status_code in (404, 405), path
        assert "Traceback" not in r.text and b"PK\x03\x04" not in r.content, path


def test_a_bug_is_answered_with_a_page_not_a_traceback(sw: ServerWorkspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from kinerja_xl import portal
    from kinerja_xl.server import create_app

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("rusak")

    monkeypatch.setattr(portal, "bidang_periods", broken)
    c = TestClient(create_app(sw.ws.root), raise_server_exceptions=False)
    r = c.get(sw.url("CAPIL"))
    assert r.status_code == 500 and "Kesalahan internal" in r.text and "rusak" not in r.text
