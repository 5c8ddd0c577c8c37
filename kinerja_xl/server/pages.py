"""What every route of the office server shares: its state, the templates and the page helpers.

The routes (:mod:`.bidang`, :mod:`.pengelola`) and the application factory (:mod:`.app`) import it;
it imports neither, so the server's modules import each other in one direction only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from kinerja_xl.angka import format_id, tanggal_indonesia
from kinerja_xl.errors import KinerjaError
from kinerja_xl.server.security import csrf_token
from kinerja_xl.workspace import Workspace

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


def ukuran(n: int) -> str:
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
templates.env.filters["ukuran"] = ukuran
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


