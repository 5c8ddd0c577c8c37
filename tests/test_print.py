"""Printed pages a person can read, sign and send: every workbook the demo writes, through LibreOffice.

One soffice call converts a form with its Anggaran sheet, the umpan balik copies,
the check report and the quarterly, semester and annual recaps to PDF; pdfplumber
then reads each page as printed: no character under 7 pt on paper (PDF points are
paper points, whatever the print scale), no page holding only the repeated header
rows, no signature block that begins a page without the rows it signs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from printcheck import MIN_PT, header_lines, measure, problems, summary, to_pdf

from kinerja_xl.contoh.demo import run_demo


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Workbook kind -> (xlsx, pdf)."""
    root = tmp_path_factory.mktemp("cetak")
    demo = run_demo(root / "demo")
    base = demo.root
    picks = {
        "formulir": next((base / "formulir" / "2025-TW2").glob("SEK *.xlsx")),
        "formulir-tanpa-anggaran": next((base / "formulir" / "2025-TW2").glob("PDIP *.xlsx")),
        "laporan": base / "laporan" / "2025-TW1-pemeriksaan.xlsx",
        "rekap-tw4": base / "rekap" / "rekap-2025-TW4.xlsx",
        "rekap-s1": base / "rekap" / "rekap-2025-S1.xlsx",
        "rekap-s2": base / "rekap" / "rekap-2025-S2.xlsx",
        "rekap-tahunan": base / "rekap" / "rekap-2025.xlsx",
    }
    for k, path in enumerate(sorted((base / "umpan-balik" / "2025-TW1").rglob("*.xlsx"))):  # replaced ones too
        picks[f"umpan-balik-{k + 1}"] = path
    stage = root / "stage"
    stage.mkdir()
    staged = {}
    for kind, path in picks.items():
        staged[kind] = stage / f"{kind}.xlsx"
        shutil.copyfile(path, staged[kind])
    pdfs = to_pdf(list(staged.values()), root / "pdf")
    return {kind: (xlsx, pdf) for (kind, xlsx), pdf in zip(staged.items(), pdfs, strict=True)}


KINDS = ("formulir", "formulir-tanpa-anggaran", "laporan", "rekap-tw4", "rekap-s1", "rekap-s2", "rekap-tahunan",
         "umpan-balik-1", "umpan-balik-2")


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_is_legible_and_complete(printed: dict[str, tuple[Path, Path]], kind: str) -> None:
    xlsx, pdf = printed[kind]
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    pages = measure(pdf, wb.sheetnames)
    figures = summary(pages)
    assert not problems(pages), (problems(pages), figures)
    # every visible sheet prints and every page names its sheet in the footer
    assert set(figures) == set(visible), figures
    assert all(small >= MIN_PT for _, small in figures.values())


@pytest.mark.libreoffice
def test_signature_blocks_travel_with_their_rows(printed: dict[str, tuple[Path, Path]]) -> None:
    """The E.81 signatures close the table: their page also holds its last rows or its notes."""
    xlsx, pdf = printed["rekap-tahunan"]
    pages = [p for p in measure(pdf, openpyxl.load_workbook(xlsx, read_only=True).sheetnames)
             if p.sheet == "Evaluasi Renja (E.81)"]
    header_lines(pages)
    signed = [p for p in pages if any(line.startswith(("Dievaluasi", "Disusun")) for line in p.lines)]
    assert signed
    for page in signed:
        k = next(i for i, line in enumerate(page.body) if line.startswith(("Dievaluasi", "Disusun")))
        assert k > 0 and any(line.startswith(("•", "Catatan", "Tindak lanjut", "Predikat")) or line[:1].isdigit()
                             for line in page.body[:k]), page.body
