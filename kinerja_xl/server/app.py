"""The application factory: ``create_app(workspace)`` -> a Starlette ASGI app.

Starlette rather than FastAPI: we serve server-rendered HTML, not a JSON API, so FastAPI's
request models and OpenAPI add weight and nothing we use; Starlette gives routing, Jinja2
templates, signed-cookie sessions and a test client, like Datasette is built on plain ASGI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kinerja_xl import access
from kinerja_xl.angka import format_id, tanggal_indonesia
from kinerja_xl.errors import KinerjaError
from kinerja_xl.intake.upload import UploadRefused
from kinerja_xl.portal import NotFound
from kinerja_xl.server.security import (
    BodyLimit,
    CsrfError,
    NotSignedIn,
    SecurityHeaders,
    UploadTooLarge,
    csrf_token,
)
from kinerja_xl.workspace import Workspace, WorkspaceRef, open_workspace

HERE = Path(__file__).parent
#: Default upload limit; ``serve --batas-unggah`` changes it.
MAX_UPLOAD = 20 * 1024 * 1024
#: A pengelola's session lasts this long (the signed cookie's age is checked on every request).
SESSION_AGE = 8 * 3600


@dataclass
class ServerState:
    """What every route needs: the workspace, its catalog (re-read when the file changes), settings."""

    workspace: Workspace
    max_upload: int = MAX_UPLOAD
    _catalog: Any = None
    _catalog_mtime: float | None = field(default=None, repr=False)

    def catalog(self):  # -> Catalog
        mtime = self.workspace.katalog_path.stat().st_mtime
        if self._catalog is None or mtime != self._catalog_mtime:
            self._catalog = self.workspace.load_catalog()
            self._catalog_mtime = mtime
        return self._catalog


def _waktu(iso: str | None) -> str:
    if not iso:
        return "-"
    t = dt.datetime.fromisoformat(iso)
    return f"{tanggal_indonesia(t.date())} {t:%H.%M}"


def _ukuran(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{format_id(round(n / 1024 / 1024, 1))} MB"
    return f"{max(1, round(n / 1024))} KB"


def _nilai(value: object) -> str:
    """A value from the ledger as the bidang wrote it: numbers in Indonesian style, blank as '-'."""
    if value is None or value == "":
        return "-"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_id(float(value))
    return str(value)


templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                                 autoescape=True, undefined=jinja2.StrictUndefined))
templates.env.filters["tanggal"] = tanggal_indonesia
templates.env.filters["waktu"] = _waktu
templates.env.filters["ukuran"] = _ukuran
templates.env.filters["nilai"] = _nilai
templates.env.globals["csrf_token"] = csrf_token


def state(request: Request) -> ServerState:
    return request.app.state.kinerja


def page(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> Response:
    ctx = {"instansi": state(request).catalog().instansi, **(context or {})}
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def message(request: Request, title: str, text: str, status_code: int, *, back: str | None = None) -> Response:
    """A plain page saying what happened (every refusal gets one; never a traceback)."""
    try:
        return page(request, "pesan.html", {"judul": title, "teks": text, "kembali": back}, status_code)
    except (KinerjaError, OSError):  # the catalog itself cannot be read: still answer
        return Response(f"{title}\n\n{text}\n", status_code=status_code, media_type="text/plain; charset=utf-8")


async def _not_found(request: Request, exc: Exception) -> Response:
    text = str(exc) if isinstance(exc, NotFound) else "Halaman itu tidak ada. Periksa kembali alamatnya."
    return message(request, "Tidak ditemukan", text, 404)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return await _not_found(request, exc)
    if exc.status_code == 405:
        return message(request, "Tidak diizinkan", "Halaman ini tidak menerima permintaan seperti itu.", 405)
    return message(request, "Permintaan ditolak", "Permintaan itu tidak dapat dilayani.", exc.status_code)


async def _too_large(request: Request, exc: Exception) -> Response:
    limit = _ukuran(state(request).max_upload)
    return message(request, "Berkas terlalu besar",
                   f"Berkas yang diunggah lebih besar dari batas {limit}. Formulir isian yang wajar hanya "
                   "puluhan KB: pastikan yang diunggah adalah formulir dari kinerja-xl (bukan foto atau "
                   "arsip lain), lalu coba lagi.", 413)


async def _csrf(request: Request, exc: Exception) -> Response:
    return message(request, "Formulir kedaluwarsa",
                   "Formulir ini tidak sah atau sudah kedaluwarsa (misalnya sesi berakhir, atau dikirim dari "
                   "halaman lain). Tidak ada yang diubah. Muat ulang halaman, lalu coba lagi.", 403)


async def _login(request: Request, exc: Exception) -> Response:
    return RedirectResponse(f"/masuk?lanjut={quote(request.url.path)}", status_code=303)


async def _refused(request: Request, exc: Exception) -> Response:
    back = f"/b/{request.path_params['token']}" if "token" in request.path_params else None
    return message(request, "Berkas ditolak", str(exc), 400, back=back)


async def _usage(request: Request, exc: Exception) -> Response:
    return message(request, "Tidak dapat dilakukan", str(exc), 400)


async def _bug(request: Request, exc: Exception) -> Response:
    return message(request, "Kesalahan internal",
                   "Terjadi kesalahan di dalam kinerja-xl. Berkas Anda tidak diubah. Beri tahu pengelola; "
                   "catatan kesalahannya ada di jendela tempat 'kinerja-xl serve' berjalan.", 500)


def create_app(workspace: WorkspaceRef, *, max_upload: int = MAX_UPLOAD, session_age: int = SESSION_AGE) -> Starlette:
    """The office server over the workspace (routes in :mod:`.bidang` and :mod:`.pengelola`)."""
    from kinerja_xl.server import bidang, pengelola

    ws = open_workspace(workspace)
    st = ServerState(ws, max_upload)
    st.catalog()  # a catalog that cannot be loaded stops the server before it starts
    secret = access.session_secret(ws)
    routes = [*bidang.routes, *pengelola.routes,
              Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=max_upload),
        Middleware(SessionMiddleware, secret_key=secret, session_cookie="kinerja_sesi", max_age=session_age,
                   same_site="strict"),
    ]
    handlers: dict[Any, Any] = {
        HTTPException: _http, NotFound: _not_found, UploadTooLarge: _too_large, CsrfError: _csrf,
        NotSignedIn: _login, UploadRefused: _refused, KinerjaError: _usage, Exception: _bug,
    }
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.kinerja = st
    return app
