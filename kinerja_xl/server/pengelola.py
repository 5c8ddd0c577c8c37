"""The pengelola's pages (Kasubag Perencanaan / operator), behind a sign-in: the board per period,
each submission with its findings, files and changes, the bidang links with QR codes, the forms and
the recap to make and download, and the audit log."""

from __future__ import annotations

import asyncio
import functools
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from kinerja_xl import access, api, portal
from kinerja_xl import board as boards
from kinerja_xl.errors import KinerjaError
from kinerja_xl.ledger import Ledger
from kinerja_xl.originals import original_bytes
from kinerja_xl.period import Period, parse_period
from kinerja_xl.server.pages import page, state
from kinerja_xl.server.security import checked_form, client_address, signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _audit(request: Request, action: str, detail: str = "") -> None:
    access.audit(state(request).workspace, f"pengelola:{signed_in(request)}", action, detail,
                 client_address(request))


def _period(request: Request, *, quarter_only: bool = True) -> Period:
    try:
        return parse_period(request.path_params["periode"], quarter_only=quarter_only)
    except KinerjaError as exc:
        raise portal.NotFound("Periode itu tidak ada.") from exc


# --- signing in and out ------------------------------------------------------------------------


def _next(target: str | None) -> str:
    """Only a path of our own pengelola pages (no open redirect)."""
    if target and target.startswith("/pengelola") and "//" not in target and "\\" not in target:
        return target
    return "/pengelola"


def login_page(request: Request) -> Response:
    return page(request, "masuk.html", {"lanjut": _next(request.query_params.get("lanjut")), "gagal": False})


async def login(request: Request) -> Response:
    form = await checked_form(request)
    name, password = str(form.get("nama") or ""), str(form.get("sandi") or "")
    target = _next(str(form.get("lanjut") or ""))
    result = await run_in_threadpool(access.login, state(request).workspace, name, password, client_address(request))
    if not result.ok:
        await asyncio.sleep(result.delay)  # failed sign-ins are slowed down (see access.login)
        return page(request, "masuk.html", {"lanjut": target, "gagal": True, "nama": name[:64]}, 401)
    request.session.clear()  # a fresh session (and CSRF token) on every sign-in
    request.session["pengelola"] = name.strip()
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    await checked_form(request)
    if request.session.get("pengelola"):
        await run_in_threadpool(_audit, request, "keluar")
    request.session.clear()
    return RedirectResponse("/masuk", status_code=303)


# --- the board ----------------------------------------------------------------------------------


def home(request: Request) -> Response:
    signed_in(request)
    st = state(request)
    periods = portal.form_periods(st.workspace, st.catalog())
    code = periods[0].code if periods else f"{st.catalog().instansi.tahun}-TW1"
    return RedirectResponse(f"/pengelola/periode/{code}", status_code=303)


def board(request: Request) -> Response:
    user = signed_in(request)
    st = state(request)
    period = _period(request)
    view = boards.board(st.workspace, st.catalog(), period, base_url=str(request.base_url))
    return page(request, "papan.html", {"user": user, "period": period, "v": view})


def submission_page(request: Request) -> Response:
    user = signed_in(request)
    st = state(request)
    view = boards.submission_view(st.workspace, st.catalog(), request.path_params["sid"])
    return page(request, "kiriman.html", {"user": user, "s": view, "period": parse_period(view.submission.period)})


def submission_file(request: Request) -> Response:
    signed_in(request)
    ws = state(request).workspace
    sub = portal.submission(ws, request.path_params["sid"])
    kind = request.path_params["jenis"]
    try:
        path = portal.submission_file(ws, sub, kind)
    except portal.NotFound:
        # not on this machine's disk: a PostgreSQL ledger keeps the originals' bytes too
        data = original_bytes(ws, sub) if kind == "asli" else None
        if data is None:
            raise
        _audit(request, "unduh", f"kiriman {sub.id} {kind}")
        return Response(data, media_type=XLSX, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(sub.file_name)}"})
    _audit(request, "unduh", f"kiriman {sub.id} {kind}")
    return FileResponse(path, filename=path.name)


# --- forms and recap ---------------------------------------------------------------------------


async def make_forms(request: Request) -> Response:
    signed_in(request)
    await checked_form(request)
    period = _period(request)
    # in this process: no worker processes forked from a server with threads (a lock held by another
    # thread at the fork would stay held in the worker)
    result = await run_in_threadpool(functools.partial(api.create_forms, jobs=1), state(request).workspace.root,
                                     period)
    await run_in_threadpool(_audit, request, "buat-formulir", f"{period.code}: {len(result.paths)} formulir")
    return RedirectResponse(f"/pengelola/periode/{period.code}", status_code=303)


def forms_zip(request: Request) -> Response:
    signed_in(request)
    period = _period(request)
    path = boards.forms_zip(state(request).workspace, state(request).catalog(), period)
    _audit(request, "unduh", path.name)
    return FileResponse(path, media_type="application/zip", filename=path.name)


async def make_recap(request: Request) -> Response:
    signed_in(request)
    form = await checked_form(request)
    period = _period(request, quarter_only=False)
    pdf = form.get("pdf") == "ya"
    result = await run_in_threadpool(lambda: api.merge(state(request).workspace.root, period, pdf=pdf))
    await run_in_threadpool(_audit, request, "buat-rekap", f"{period.code}: {result.path.name}")
    back = str(form.get("kembali") or "")
    return RedirectResponse(_next(back) if back else "/pengelola", status_code=303)


def output_file(request: Request) -> Response:
    signed_in(request)
    path = boards.output_file(state(request).workspace, request.path_params["nama"])
    _audit(request, "unduh", path.name)
    return FileResponse(path, filename=path.name)


# --- links and the audit log -------------------------------------------------------------------


def links(request: Request) -> Response:
    user = signed_in(request)
    st = state(request)
    rows = boards.links_with_qr(st.workspace, st.catalog(), str(request.base_url))
    return page(request, "tautan.html", {"user": user, "rows": rows})


async def renew_link(request: Request) -> Response:
    signed_in(request)
    await checked_form(request)
    st = state(request)
    bidang = request.path_params["bidang"]
    if bidang not in st.catalog().bidang_by_kode:
        raise portal.NotFound("Bidang itu tidak ada di katalog.")
    await run_in_threadpool(lambda: access.bidang_links(st.workspace, st.catalog(), renew=bidang))
    await run_in_threadpool(_audit, request, "tautan-baru", bidang)
    return RedirectResponse(f"/pengelola/tautan#{bidang}", status_code=303)


def audit_log(request: Request) -> Response:
    user = signed_in(request)
    with Ledger(state(request).workspace.ledger_url) as ledger:
        entries = ledger.audit_log(300)
    return page(request, "catatan.html", {"user": user, "entries": entries})


def root(request: Request) -> Response:
    return RedirectResponse("/pengelola" if request.session.get("pengelola") else "/masuk", status_code=303)


routes = [
    Route("/", root),
    Route("/masuk", login_page, methods=["GET"]),
    Route("/masuk", login, methods=["POST"]),
    Route("/keluar", logout, methods=["POST"]),
    Route("/pengelola", home),
    Route("/pengelola/periode/{periode}", board),
    Route("/pengelola/periode/{periode}/formulir", make_forms, methods=["POST"]),
    Route("/pengelola/periode/{periode}/formulir.zip", forms_zip),
    Route("/pengelola/periode/{periode}/rekap", make_recap, methods=["POST"]),
    Route("/pengelola/kiriman/{sid:int}", submission_page),
    Route("/pengelola/kiriman/{sid:int}/{jenis}", submission_file),
    Route("/pengelola/berkas/{nama}", output_file),
    Route("/pengelola/tautan", links),
    Route("/pengelola/tautan/{bidang}/baru", renew_link, methods=["POST"]),
    Route("/pengelola/catatan", audit_log),
]
