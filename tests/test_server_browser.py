"""The office server in a real browser (headless Chromium via Playwright) on a phone-sized screen:
the issue's whole flow, a screenshot of each step in test-artifacts/browser/."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, running_server
from server_support import PASSWORD, TW1, USER, filled_form, make_workspace

from kinerja_xl.server import create_app

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "id-ID"}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _revised(good: bytes) -> bytes:
    """The accepted form with CAP05 changed from 2850 to 2900 (a revision)."""
    wb = openpyxl.load_workbook(io.BytesIO(good))
    next(row[4] for row in wb["Isian"].iter_rows() if row[1].value == "CAP05").value = 2900
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_bidang_and_pengelola_go_through_the_whole_flow_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    sw = make_workspace(tmp_path / "dinas")
    files = tmp_path / "berkas"
    files.mkdir()
    faulty = files / "CAPIL isian.xlsx"
    faulty.write_bytes(filled_form(sw.ws, "CAPIL", faulty=True))
    fixed = files / "CAPIL isian perbaikan.xlsx"
    fixed.write_bytes(filled_form(sw.ws, "CAPIL", faulty=False))
    revised = files / "CAPIL isian revisi.xlsx"
    revised.write_bytes(_revised(fixed.read_bytes()))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = iter(range(1, 100))

    def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
        page.screenshot(path=str(ARTIFACTS / f"{next(shots):02d}-{name}.png"), full_page=True)

    with running_server(create_app(sw.ws.root)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # the pengelola signs in first and sees nobody has sent yet
            kasubag = browser.new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
            board = kasubag.new_page()
            board.goto(f"{base}/pengelola")
            expect(board).to_have_url(f"{base}/masuk?lanjut=/pengelola")
            board.fill("#nama", USER)
            board.fill("#sandi", PASSWORD)
            board.get_by_role("button", name="Masuk").click()
            expect(board.locator("h1")).to_have_text("Papan status · Triwulan I Tahun 2025")
            capil_row = board.locator("table.papan tr", has_text="Pelayanan Pencatatan Sipil")
            expect(capil_row).to_contain_text("belum mengirim")
            shot(board, "pengelola-papan-awal")

            # a bidang opens its link on a phone and downloads its form
            page = browser.new_context(**PHONE, accept_downloads=True).new_page()
            page.goto(f"{base}{sw.url('CAPIL')}")
            expect(page.locator("h1")).to_have_text("Pelayanan Pencatatan Sipil")
            expect(page.locator("section.periode")).to_contain_text("Batas pengisian: 10 April 2025")
            shot(page, "bidang-halaman")
            with page.expect_download() as dl:
                page.click("text=Unduh formulir kosong")
            form = sw.ws.formulir_dir(TW1) / "CAPIL Pelayanan Pencatatan Sipil.xlsx"
            assert Path(dl.value.path()).read_bytes() == form.read_bytes()

            # uploads a faulty form: the finding's cell and message on the page, at once
            page.set_input_files("input[type=file]", str(faulty))
            page.get_by_role("button", name="Kirim dan periksa").click()
            expect(page.locator(".vonis")).to_have_text("Dikembalikan")
            row = page.locator("table.temuan tr", has_text="bukan angka")
            expect(row.locator("td.sel")).to_have_text("E13")
            expect(row).to_contain_text("'2.850 akta' bukan angka")
            shot(page, "bidang-dikembalikan")

            # downloads the marked copy
            with page.expect_download() as dl:
                page.click("text=Unduh formulir bertanda (umpan balik)")
            marked = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
            assert marked.sheetnames[0] == "Temuan"

            # the board has changed, by itself (it refreshes every 15 s while on screen)
            expect(capil_row).to_contain_text("dikembalikan", timeout=25_000)
            shot(board, "pengelola-papan-dikembalikan")

            # uploads the corrected form and sees "diterima"; then a revision
            page.click("text=Kembali ke halaman bidang")
            shot(page, "bidang-halaman-setelah-kembali")
            page.set_input_files("input[type=file]", str(fixed))
            page.get_by_role("button", name="Kirim dan periksa").click()
            expect(page.locator(".vonis")).to_have_text("Diterima")
            shot(page, "bidang-diterima")
            page.click("text=Kembali ke halaman bidang")
            page.set_input_files("input[type=file]", str(revised))
            page.get_by_role("button", name="Kirim dan periksa").click()
            expect(page.locator(".vonis")).to_have_text("Diterima (revisi ke-1)")

            # the pengelola sees the board change and opens the revision's changes
            board.reload()
            expect(capil_row).to_contain_text("revisi ke-1")
            shot(board, "pengelola-papan-revisi")
            capil_row.locator("a").click()
            expect(board.locator("#perubahan")).to_contain_text("CAP05")
            expect(board.locator("#perubahan del")).to_have_text("2.850")
            expect(board.locator("#perubahan ins")).to_have_text("2.900")
            shot(board, "pengelola-perubahan-revisi")

            # copies a reminder
            board.goto(f"{base}/pengelola/periode/2025-TW1#pengingat")
            button = board.locator("button[data-salin=pesan-SEK]")
            button.click()
            expect(button).to_have_text("Tersalin")
            copied = board.evaluate("navigator.clipboard.readText()")
            assert copied == board.locator("#pesan-SEK").input_value()
            assert copied.startswith("Yth. Kepala Sekretariat,") and sw.links["SEK"] in copied
            wa = board.locator("#pengingat a", has_text="WhatsApp").first
            assert wa.get_attribute("href").startswith("https://wa.me/6281234001001?text=Yth.")
            board.locator("#pesan-SEK").scroll_into_view_if_needed()
            shot(board, "pengelola-pengingat")

            # makes the recap and downloads it
            board.get_by_role("button", name="Buat rekap 2025-TW1").click()
            link = board.locator("a", has_text="rekap-2025-TW1.xlsx")
            expect(link).to_be_visible()
            kasubag_downloads = link.get_attribute("href")
            with board.expect_download() as dl:
                link.click()
            recap = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
            assert "Ringkasan" in recap.sheetnames
            assert kasubag_downloads == "/pengelola/berkas/rekap-2025-TW1.xlsx"
            shot(board, "pengelola-rekap")
        finally:
            browser.close()
    assert len(list(ARTIFACTS.glob("*.png"))) >= 10
