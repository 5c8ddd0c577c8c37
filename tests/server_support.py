"""A workspace for the office server's tests: the sample catalog, TW I forms, filled forms as bytes."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from dataclasses import dataclass
from pathlib import Path

from starlette.testclient import TestClient

from kinerja_xl import access, api
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.contoh.data import corrected_submissions, sample_submissions
from kinerja_xl.contoh.demo import file_names, form_created, write_submissions
from kinerja_xl.period import Period
from kinerja_xl.server import create_app
from kinerja_xl.workspace import Workspace

TW1 = Period(2025, "TW", 1)
USER, PASSWORD = "kasubag", "sandi-rahasia-1"


@dataclass
class ServerWorkspace:
    ws: Workspace
    links: dict[str, str]  # bidang -> token

    def url(self, bidang: str) -> str:
        return f"/b/{self.links[bidang]}"


def make_workspace(root: Path) -> ServerWorkspace:
    ws, _ = api.init_workspace(root, catalog=build_sample_catalog())
    api.create_forms(root, TW1, now=form_created(1))
    access.add_user(root, USER, PASSWORD)
    links = {link.bidang: link.token for link in access.bidang_links(ws)}
    return ServerWorkspace(ws, links)


def filled_form(ws: Workspace, bidang: str, *, faulty: bool) -> bytes:
    """The sample filled form of ``bidang`` for TW I: CAPIL's faulty one has "2.850 akta" in CAP05."""
    del ws  # the workspaces of these tests hold the sample catalog
    return _filled(bidang, faulty)


@functools.cache
def _filled(bidang: str, faulty: bool) -> bytes:
    catalog = build_sample_catalog()
    names = file_names(catalog, TW1)
    subs = sample_submissions(catalog, TW1, names) if faulty else corrected_submissions(catalog, TW1, names)
    if not faulty and not any(s.bidang == bidang for s in subs):
        subs = sample_submissions(catalog, TW1, names)
    [sub] = [s for s in subs if s.bidang == bidang]
    with tempfile.TemporaryDirectory() as tmp:
        [path] = write_submissions(catalog, TW1, Path(tmp), [sub])
        return path.read_bytes()


def client(sw: ServerWorkspace, **kw) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(sw.ws.root, **kw), follow_redirects=False)


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def sign_in(c: TestClient) -> None:
    page = c.get("/masuk")
    r = c.post("/masuk", data={"csrf": csrf_of(page.text), "nama": USER, "sandi": PASSWORD, "lanjut": "/pengelola"})
    assert r.status_code == 303, r.text


TODAY = dt.date(2025, 4, 8)
