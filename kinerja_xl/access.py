"""Who may use the office server: bidang links, pengelola passwords, the session secret, the audit log.

* A bidang's link carries an unguessable token (144 random bits). It is looked up by its
  SHA-256 and then compared with :func:`hmac.compare_digest`, so the time an answer takes
  says nothing about how much of a guessed token was right.
* Passwords are hashed with :func:`hashlib.scrypt` (memory-hard, in the standard library:
  no new dependency) with a random salt; verified in constant time.
* Failed logins are slowed down: each failure of a name in the last 15 minutes doubles the
  delay (at most :data:`MAX_DELAY` seconds), and so does every second failure from one client
  address whatever the name; the failures are counted from the audit log in the ledger, so
  every server process and every restart sees them.
* Every upload and every pengelola action is written to the audit log (:func:`audit`).

The library never sleeps itself: :func:`login` returns the delay the caller waits.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from kinerja_xl.errors import UsageError
from kinerja_xl.ledger import Ledger
from kinerja_xl.workspace import Workspace, WorkspaceRef, open_workspace

#: scrypt cost: 2**15 x 8 x 1 = 32 MiB of memory and ~0.1 s per hash on a 2020 office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD = 8
FAILED_WINDOW = dt.timedelta(minutes=15)
MAX_DELAY = 8.0
LOGIN_FAILED = "masuk-gagal"


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(timespec="seconds")


# --- passwords -----------------------------------------------------------------------------------


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=SCRYPT_MAXMEM, dklen=len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so an unknown name costs the same time as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def add_user(workspace: WorkspaceRef, name: str, password: str) -> bool:
    """Add a pengelola (or set a new password); True when the user is new."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise UsageError("Nama pengguna harus satu kata (tanpa spasi), paling panjang 64 huruf.")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} karakter.")
    ws = open_workspace(workspace)
    with Ledger(ws.ledger_url) as ledger:
        new = ledger.set_user(name, hash_password(password), _now())
        ledger.audit(_now(), "cli", "pengguna-tambah" if new else "pengguna-ganti-sandi", name)
    return new


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    delay: float  # seconds the caller waits before answering (failed logins are slowed down)


def login(ws: Workspace, name: str, password: str, address: str | None = None) -> LoginResult:
    """Check a pengelola's name and password; a failure is audited and slows the next ones."""
    name = name.strip()[:64]
    with Ledger(ws.ledger_url) as ledger:
        stored = ledger.user_hash(name)
        ok = verify_password(password, stored or _dummy_hash()) and stored is not None
        if ok:
            ledger.audit(_now(), f"pengelola:{name}", "masuk", "", address)
            return LoginResult(True, 0.0)
        since = (dt.datetime.now() - FAILED_WINDOW).isoformat(timespec="seconds")
        failures = ledger.audit_count(LOGIN_FAILED, name, since)
        if address:  # trying many names from one place is slowed down too
            failures = max(failures, ledger.audit_count_from(LOGIN_FAILED, address, since) // 2)
        ledger.audit(_now(), name, LOGIN_FAILED, "", address)
    return LoginResult(False, min(MAX_DELAY, 0.5 * 2 ** failures))


# --- bidang links ---------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass(frozen=True)
class BidangLink:
    bidang: str
    nama: str
    token: str

    def url(self, base: str) -> str:
        return f"{base.rstrip('/')}/b/{self.token}"


def bidang_links(ws: Workspace, catalog=None, *, renew: str | None = None) -> list[BidangLink]:
    """The link of every bidang that fills a form (made the first time they are asked for);
    ``renew``: give that bidang a new token (its old link stops working)."""
    catalog = catalog if catalog is not None else ws.load_catalog()
    names = {b.kode: b.nama for b in catalog.bidang_with_form}
    if renew is not None and renew not in names:
        known = ", ".join(names) or "(tidak ada)"
        raise UsageError(f"Bidang {renew} tidak ada di katalog (atau tidak mengisi formulir). Bidang: {known}.")
    with Ledger(ws.ledger_url) as ledger:
        have = ledger.links()
        missing = {b: (t, _token_hash(t)) for b in names if b not in have for t in [new_token()]}
        if missing:
            ledger.set_links(missing, _now(), replace=False)
        if renew is not None:
            token = new_token()
            ledger.set_links({renew: (token, _token_hash(token))}, _now(), replace=True)
            ledger.audit(_now(), "cli", "tautan-baru", renew)
        have = ledger.links()
    return [BidangLink(b, nama, have[b]) for b, nama in names.items() if b in have]


def bidang_of_token(ws: Workspace, token: str) -> str | None:
    """The bidang whose link carries ``token``, or None (compared in constant time)."""
    if not token or len(token) > 100:
        return None
    with Ledger(ws.ledger_url) as ledger:
        found = ledger.link_by_hash(_token_hash(token))
    if found is None or not hmac.compare_digest(found[1].encode(), token.encode()):
        return None
    return found[0]


# --- session secret and audit log --------------------------------------------------------------------


def session_secret(ws: Workspace) -> str:
    """The key that signs the server's session cookies (made once, kept in the ledger)."""
    with Ledger(ws.ledger_url) as ledger:
        return ledger.setting_or_set("session_secret", secrets.token_urlsafe(32))


def audit(ws: Workspace, actor: str, action: str, detail: str = "", address: str | None = None) -> None:
    with Ledger(ws.ledger_url) as ledger:
        ledger.audit(_now(), actor, action, detail, address)
