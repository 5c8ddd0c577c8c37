"""A bidang's pages, reached through its own link ``/b/{token}``: periods, forms, upload, verdicts.

The token is the only key: every page first resolves it to one bidang (constant-time
comparison) and shows or serves nothing of any other bidang.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kinerja_xl import access, portal
from kinerja_xl.errors import KinerjaError
from kinerja_xl.intake.upload import check_upload
from kinerja_xl.period import Period, parse_period
from kinerja_xl.server.pages import message, page, state
from kinerja_xl.server.security import checked_form, client_address

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bidang(request: Request) -> str:
    ws = state(request).workspace
    bidang = access.bidang_of_token(ws, request.path_params["token"])
    if bidang is None or bidang not in state(request).catalog().bidang_by_kode:
        access.audit(ws, "?", "tautan-tidak-dikenal", request.url.path[:40], client_address(request))
        raise portal.NotFound("Tautan ini tidak dikenal atau sudah diganti. Minta tautan yang baru kepada "
                              "Subbagian Perencanaan.")
    return bidang


def _period(request: Request, bidang: str) -> Period:
    st = state(request)
    try:
        period = parse_period(request.path_params["periode"], quarter_only=True)
    except KinerjaError as exc:
        raise portal.NotFound("Periode itu tidak ada.") from exc
    if period not in portal.form_periods(st.workspace, st.catalog()):
        raise portal.NotFound(f"Formulir {period.label} belum dibuat oleh Subbagian Perencanaan.")
    return period


def _home(request: Request) -> str:
    return f"/b/{request.path_params['token']}"


def bidang_page(request: Request) -> Response:
    st = state(request)
    bidang = _bidang(request)
    views = portal.bidang_periods(st.workspace, st.catalog(), bidang)
    return page(request, "bidang.html", {"bidang": st.catalog().bidang_by_kode[bidang], "views": views,
                                         "home": _home(request), "batas": st.max_upload})


def blank_form(request: Request) -> Response:
    st = state(request)
    bidang = _bidang(request)
    path = portal.blank_form(st.workspace, st.catalog(), bidang, _period(request, bidang))
    return FileResponse(path, media_type=XLSX, filename=path.name)


async def upload(request: Request) -> Response:
    st = state(request)
    bidang = await run_in_threadpool(_bidang, request)
    period = await run_in_threadpool(_period, request, bidang)
    form = await checked_form(request)
    berkas = form.get("berkas")
    if not isinstance(berkas, UploadFile) or not berkas.filename:
        return message(request, "Belum ada berkas", "Pilih berkas formulir yang sudah diisi, lalu tekan Kirim.",
                       400, back=_home(request))
    data = await berkas.read()
    result = await run_in_threadpool(check_upload, st.workspace, st.catalog(), period, bidang,
                                     berkas.filename, data)
    await run_in_threadpool(access.audit, st.workspace, f"bidang:{bidang}", "unggah",
                            f"{period.code} {berkas.filename[:100]} -> {result.result.verdict} "
                            f"(kiriman {result.submission_id})", client_address(request))
    feedback = (f"{_home(request)}/kiriman/{result.submission_id}/umpan-balik"
                if result.outcome.feedback_path is not None else None)
    return page(request, "hasil.html", {
        "bidang": st.catalog().bidang_by_kode[bidang], "period": period, "verdict": str(result.result.verdict),
        "findings": result.result.findings, "received_at": result.received_at, "file_name": berkas.filename,
        "earlier": result.saved is None, "revision": result.outcome.revision, "feedback_url": feedback,
        "home": _home(request)})


def submission_page(request: Request) -> Response:
    st = state(request)
    bidang = _bidang(request)
    sub = portal.submission(st.workspace, request.path_params["sid"], bidang)
    feedback = None
    if sub.verdict == "returned":
        try:
            portal.submission_file(st.workspace, sub, "umpan-balik")
            feedback = f"{_home(request)}/kiriman/{sub.id}/umpan-balik"
        except portal.NotFound:
            pass
    return page(request, "hasil.html", {
        "bidang": st.catalog().bidang_by_kode[bidang], "period": parse_period(sub.period), "verdict": sub.verdict,
        "findings": sub.findings, "received_at": sub.received_at, "file_name": sub.file_name, "earlier": False,
        "revision": sub.revision, "feedback_url": feedback, "home": _home(request)})


def feedback_file(request: Request) -> Response:
    st = state(request)
    bidang = _bidang(request)
    sub = portal.submission(st.workspace, request.path_params["sid"], bidang)
    path = portal.submission_file(st.workspace, sub, "umpan-balik")
    return FileResponse(path, media_type=XLSX, filename=path.name)


routes = [
    Route("/b/{token}", bidang_page),
    Route("/b/{token}/formulir/{periode}", blank_form),
    Route("/b/{token}/kirim/{periode}", upload, methods=["POST"]),
    Route("/b/{token}/kiriman/{sid:int}", submission_page),
    Route("/b/{token}/kiriman/{sid:int}/umpan-balik", feedback_file),
]
