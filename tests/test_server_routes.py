"""Every route of the office server, in process (Starlette's TestClient): what a bidang and the
pengelola see and get, on the sample workspace with real filled forms."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from server_support import (
    TW1,
    ServerWorkspace,
    client,
    csrf_of,
    filled_form,
    make_workspace,
    sign_in,
)

from kinerja_xl.ledger import Ledger


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("srv") / "dinas"
    make_workspace(root)
    return root


@pytest.fixture()
def sw(base: Path, tmp_path: Path) -> ServerWorkspace:
    """A fresh copy of the prepared workspace (forms made, one pengelola, links)."""
    import shutil

    from kinerja_xl import access
    from kinerja_xl.workspace import open_workspace

    root = tmp_path / "dinas"
    shutil.copytree(base, root)
    ws = open_workspace(root)
    return ServerWorkspace(ws, {link.bidang: link.token for link in access.bidang_links(ws)})


def upload(c, sw: ServerWorkspace, bidang: str, data: bytes, name: str = "isian.xlsx"):  # type: ignore[no-untyped-def]
    page = c.get(sw.url(bidang))
    return c.post(f"{sw.url(bidang)}/kirim/{TW1.code}", data={"csrf": csrf_of(page.text)},
                  files={"berkas": (name, data, "application/octet-stream")})


def test_the_bidang_page_shows_its_period_deadline_and_form_only(sw: ServerWorkspace) -> None:
    c = client(sw)
    r = c.get(sw.url("CAPIL"))
    assert r.status_code == 200
    assert "Pelayanan Pencatatan Sipil" in r.text and "Triwulan I Tahun 2025" in r.text
    assert "10 April 2025" in r.text and "belum mengirim" in r.text
    assert "Pelayanan Pendaftaran Penduduk" not in r.text  # nothing of another bidang
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_blank_form_downloads_as_the_bidang_s_own_form(sw: ServerWorkspace) -> None:
    r = client(sw).get(f"{sw.url('CAPIL')}/formulir/2025-TW1")
    assert r.status_code == 200
    form = sw.ws.formulir_dir(TW1) / "CAPIL Pelayanan Pencatatan Sipil.xlsx"
    assert r.content == form.read_bytes()
    assert "CAPIL" in r.headers["content-disposition"]


def test_a_faulty_upload_is_answered_at_once_with_cell_and_message_and_a_marked_copy(sw: ServerWorkspace) -> None:
    c = client(sw)
    r = upload(c, sw, "CAPIL", filled_form(sw.ws, "CAPIL", faulty=True), "capil tw1.xlsx")
    assert r.status_code == 200
    assert "Dikembalikan" in r.text
    assert "E13" in r.text and "&#39;2.850 akta&#39; bukan angka" in r.text
    # recorded once, under a safe new name in the inbox, with the upload time
    with Ledger(sw.ws.ledger_path) as ledger:
        [sub] = ledger.submissions(TW1.code, "CAPIL")
    assert sub.verdict == "returned" and sub.rel_path.startswith("CAPIL ") and sub.rel_path.endswith("capil tw1.xlsx")
    assert (sw.ws.masuk_dir(TW1) / sub.rel_path).is_file()
    marked = c.get(f"{sw.url('CAPIL')}/kiriman/{sub.id}/umpan-balik")
    assert marked.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(marked.content))
    assert "Temuan" in wb.sheetnames
    # the page lists it, and offers the marked copy instead of the blank form first
    page = c.get(sw.url("CAPIL")).text
    assert "dikembalikan" in page and f"/kiriman/{sub.id}/umpan-balik" in page
    detail = c.get(f"{sw.url('CAPIL')}/kiriman/{sub.id}")
    assert detail.status_code == 200 and "E13" in detail.text


def test_the_corrected_upload_is_accepted_and_the_same_bytes_again_change_nothing(sw: ServerWorkspace) -> None:
    c = client(sw)
    upload(c, sw, "CAPIL", filled_form(sw.ws, "CAPIL", faulty=True))
    good = filled_form(sw.ws, "CAPIL", faulty=False)
    r = upload(c, sw, "CAPIL", good)
    assert r.status_code == 200 and "Diterima" in r.text
    files = sorted(p.name for p in sw.ws.masuk_dir(TW1).iterdir())
    again = upload(c, sw, "CAPIL", good)
    assert "Diterima" in again.text and "sudah pernah dikirim" in again.text
    assert sorted(p.name for p in sw.ws.masuk_dir(TW1).iterdir()) == files  # not saved twice
    with Ledger(sw.ws.ledger_path) as ledger:
        subs = ledger.submissions(TW1.code, "CAPIL")
        assert [s.verdict for s in subs] == ["returned", "accepted"]
        assert ledger.current(TW1.code, "CAPIL").archive_path.startswith("arsip/2025-TW1/")
    assert "diterima" in c.get(sw.url("CAPIL")).text


def test_another_bidang_s_form_uploaded_through_a_link_is_returned_and_kept_apart(sw: ServerWorkspace) -> None:
    r = upload(client(sw), sw, "CAPIL", filled_form(sw.ws, "DAFDUK", faulty=False))
    assert "Dikembalikan" in r.text and "formulir bidang DAFDUK, bukan formulir bidang CAPIL" in r.text
    with Ledger(sw.ws.ledger_path) as ledger:
        assert ledger.submissions(TW1.code, "DAFDUK") == []
        [sub] = ledger.submissions(TW1.code, "CAPIL")
        assert ledger.values_of(sub.id)[0] == {}


def test_an_upload_without_a_file_asks_for_one(sw: ServerWorkspace) -> None:
    c = client(sw)
    page = c.get(sw.url("SEK"))
    r = c.post(f"{sw.url('SEK')}/kirim/2025-TW1", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "Pilih berkas" in r.text


def test_a_period_without_forms_is_not_found(sw: ServerWorkspace) -> None:
    c = client(sw)
    assert c.get(f"{sw.url('SEK')}/formulir/2025-TW2").status_code == 404
    assert c.get(f"{sw.url('SEK')}/formulir/bukan-periode").status_code == 404


# --- pengelola ----------------------------------------------------------------------------------


def test_pengelola_pages_need_a_sign_in(sw: ServerWorkspace) -> None:
    c = client(sw)
    for path in ("/pengelola", "/pengelola/periode/2025-TW1", "/pengelola/tautan", "/pengelola/catatan",
                 "/pengelola/kiriman/1", "/pengelola/periode/2025-TW1/formulir.zip"):
        r = c.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/masuk"), path
    assert c.get("/").headers["location"] == "/masuk"


def test_the_board_shows_each_bidang_and_changes_after_an_upload(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    assert c.get("/").headers["location"] == "/pengelola"
    assert c.get("/pengelola").headers["location"] == "/pengelola/periode/2025-TW1"
    before = c.get("/pengelola/periode/2025-TW1").text
    row = '<td data-label="Status"><span class="status {}">{}</span>'
    assert before.count(row.format("belum", "belum mengirim")) == 5
    upload(client(sw), sw, "CAPIL", filled_form(sw.ws, "CAPIL", faulty=True))
    after = c.get("/pengelola/periode/2025-TW1").text
    assert after.count(row.format("belum", "belum mengirim")) == 4
    assert after.count(row.format("dikembalikan", "dikembalikan")) == 1
    # a reminder for every bidang not yet accepted, with CAPIL's findings and its own link
    assert after.count('class="pengingat"') == 5
    assert "sel E13" in after and sw.links["CAPIL"] in after


def test_a_submission_page_shows_findings_files_and_what_a_revision_changed(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    upload(client(sw), sw, "CAPIL", filled_form(sw.ws, "CAPIL", faulty=False))
    fixed = filled_form(sw.ws, "CAPIL", faulty=False)
    wb = openpyxl.load_workbook(io.BytesIO(fixed))
    ws = wb["Isian"]
    cell = next(row[4] for row in ws.iter_rows(min_row=1) if row[1].value == "CAP05")
    cell.value = 2900
    buf = io.BytesIO()
    wb.save(buf)
    upload(client(sw), sw, "CAPIL", buf.getvalue(), "capil revisi.xlsx")
    with Ledger(sw.ws.ledger_path) as ledger:
        first, second = ledger.submissions(TW1.code, "CAPIL")
    assert second.revision == 1
    r = c.get(f"/pengelola/kiriman/{second.id}")
    assert r.status_code == 200 and "revisi ke-1" in r.text
    assert "CAP05" in r.text and "<del>2.850</del>" in r.text and "<ins>2.900</ins>" in r.text
    asli = c.get(f"/pengelola/kiriman/{second.id}/asli")
    assert asli.status_code == 200 and asli.content == buf.getvalue()
    assert c.get(f"/pengelola/kiriman/{second.id}/umpan-balik").status_code == 404
    assert f'<a href="/pengelola/kiriman/{first.id}">' in r.text  # the bidang's other submissions


def test_forms_are_made_and_downloaded_as_one_zip(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    board = c.get("/pengelola/periode/2025-TW2")
    assert "Formulir Triwulan II Tahun 2025 belum dibuat" in board.text and "formulir.zip" not in board.text
    r = c.post("/pengelola/periode/2025-TW2/formulir", data={"csrf": csrf_of(board.text)})
    assert r.status_code == 303
    z = c.get("/pengelola/periode/2025-TW2/formulir.zip")
    assert z.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
    assert len(names) == 5 and "CAPIL Pelayanan Pencatatan Sipil.xlsx" in names


def test_the_recap_is_made_and_downloaded(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    upload(client(sw), sw, "CAPIL", filled_form(sw.ws, "CAPIL", faulty=False))
    board = c.get("/pengelola/periode/2025-TW1")
    r = c.post("/pengelola/periode/2025-TW1/rekap",
               data={"csrf": csrf_of(board.text), "kembali": "/pengelola/periode/2025-TW1"})
    assert r.status_code == 303 and r.headers["location"] == "/pengelola/periode/2025-TW1"
    board = c.get("/pengelola/periode/2025-TW1").text
    assert "rekap-2025-TW1.xlsx" in board
    x = c.get("/pengelola/berkas/rekap-2025-TW1.xlsx")
    assert x.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(x.content)).sheetnames


def test_links_page_shows_each_link_with_a_qr_code_and_renews_one(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    page = c.get("/pengelola/tautan")
    assert page.text.count("<svg") == 5 and f"http://testserver/b/{sw.links['SEK']}" in page.text
    r = c.post("/pengelola/tautan/SEK/baru", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 303
    assert c.get(sw.url("SEK")).status_code == 404  # the old link no longer works
    assert sw.links["SEK"] not in c.get("/pengelola/tautan").text


def test_the_audit_log_records_uploads_and_pengelola_actions(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    upload(client(sw), sw, "PIAK", filled_form(sw.ws, "PIAK", faulty=False))
    c.get("/pengelola/periode/2025-TW1/formulir.zip")
    log = c.get("/pengelola/catatan").text
    assert "bidang:PIAK" in log and "unggah" in log and "pengelola:kasubag" in log and "masuk" in log
    db = sqlite3.connect(sw.ws.ledger_path)
    actions = [a for (a,) in db.execute("SELECT action FROM audit ORDER BY id")]
    assert actions[-3:] == ["masuk", "unggah", "unduh"]


def test_sign_out_ends_the_session(sw: ServerWorkspace) -> None:
    c = client(sw)
    sign_in(c)
    page = c.get("/pengelola/catatan")
    assert c.post("/keluar", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert c.get("/pengelola/catatan").status_code == 303


def test_static_files_are_served_and_nothing_else(sw: ServerWorkspace) -> None:
    c = client(sw)
    assert c.get("/static/gaya.css").status_code == 200
    assert c.get("/static/").status_code == 404  # no directory listing
    assert c.get("/static/../app.py").status_code == 404
    assert json.loads("[]") == []
