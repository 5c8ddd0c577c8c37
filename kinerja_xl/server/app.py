"""The application factory: ``create_app(workspace)`` -> a Starlette ASGI app.

Starlette rather than FastAPI: we serve server-rendered HTML, not a JSON API, so FastAPI's
request models and OpenAPI add weight and nothing we use; Starlette gives routing, Jinja2
templates, signed-cookie sessions and a test client, like Datasette is built on plain ASGI.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from kinerja_xl import access
from kinerja_xl.errors import KinerjaError
from kinerja_xl.intake.upload import UploadRefused
from kinerja_xl.portal import NotFound
from kinerja_xl.server.pages import (
    HERE,
    MAX_UPLOAD,
    SESSION_AGE,
    ServerState,
    message,
    state,
    ukuran,
)
from kinerja_xl.server.security import (
    BodyLimit,
    CsrfError,
    NotSignedIn,
    SecurityHeaders,
    UploadTooLarge,
)
from kinerja_xl.workspace import WorkspaceRef, open_workspace


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
    limit = ukuran(state(request).max_upload)
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
