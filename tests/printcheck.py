"""Printed pages measured from LibreOffice's PDF (pdfplumber): what a person holding the paper sees.

Import from tests as ``from printcheck import ...``. :func:`to_pdf` converts
many workbooks in one soffice call; :func:`measure` reads a PDF page by page:
the sheet each page belongs to (from the footer, which names the sheet), the
smallest character as printed (PDF points are points on paper, whatever the
print scale), and the text of the page outside its repeated header rows.

Run as a script (``python tests/printcheck.py FILE.xlsx ...``) to print the
figures per sheet: pages and smallest character.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from libreoffice import LibreOfficeError, _soffice_env, fresh_profile, soffice_path

#: The smallest character a person can read on paper, in points.
MIN_PT = 7.0
#: Labels of signature blocks: each must share its page with table rows or footer text.
SIGNATURE_LABELS = ("Disusun", "Dievaluasi", "Mengetahui", "Menyetujui", "Diperiksa", "Disahkan",
                    "Pihak Pertama", "Pihak Kedua", "Kepala Bidang")
_FOOTER_PAGE = re.compile(r"Halaman (\d+) dari (\d+)")


def to_pdf(paths: Sequence[Path], outdir: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert every workbook to PDF in one soffice call; return the PDFs in the same order."""
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not on PATH")
    paths = [Path(p).resolve() for p in paths]
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = [outdir / (p.stem + ".pdf") for p in paths]
    if len(set(outputs)) != len(outputs):
        raise ValueError("to_pdf: input files must have distinct names")
    with fresh_profile() as profile:
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf", "--outdir", str(outdir),
               *map(str, paths)]
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True,
                              timeout=timeout or 60 + 6 * len(paths), env=_soffice_env(), cwd=str(outdir))
    missing = [str(o) for o in outputs if not o.is_file()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError(f"soffice exited with {proc.returncode}; missing: {missing}\n{proc.stderr}")
    return outputs


@dataclass
class Page:
    number: int  # 1-based in the PDF
    sheet: str  # from the footer ("" when the page has none)
    width: float
    height: float
    smallest: float  # smallest character size in pt (inf on a blank page)
    smallest_text: str  # a few characters around the smallest one
    lines: list[str] = field(default_factory=list)  # text lines, top to bottom (footer included)
    body: list[str] = field(default_factory=list)  # lines between the repeated header and the footer


def _lines(page: pdfplumber.page.Page) -> list[tuple[float, str]]:
    return [(line["top"], line["text"].strip()) for line in page.extract_text_lines(layout=False, strip=True)
            if line["text"].strip()]


def measure(pdf: Path, sheets: Iterable[str] = ()) -> list[Page]:
    """Every page of ``pdf``; ``sheets`` are the workbook's sheet names, found in each page's footer."""
    names = sorted(sheets, key=len, reverse=True)
    pages = []
    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages, start=1):
            chars = [c for c in page.chars if c["text"].strip()]
            lines = _lines(page)
            footer = [t for top, t in lines if top > page.height * 0.9]
            sheet = next((n for n in names for f in footer if f == n or f.startswith(n + " Halaman")), "")
            small = min(chars, key=lambda c: c["size"], default=None)
            around = ""
            if small is not None:
                same = sorted((c for c in chars if abs(c["top"] - small["top"]) < 1), key=lambda c: c["x0"])
                k = same.index(small)
                around = "".join(c["text"] for c in same[max(0, k - 8): k + 8])
            pages.append(Page(number=i, sheet=sheet, width=page.width, height=page.height,
                              smallest=small["size"] if small else float("inf"), smallest_text=around,
                              lines=[t for _, t in lines]))
    return pages


def header_lines(pages: list[Page]) -> None:
    """Fill each page's ``body``: its lines without the repeated header and the footer.

    The repeated header rows are the lines a sheet's page shares with the top of
    the sheet's first page (the same text printed again on every page).
    """
    first: dict[str, list[str]] = {}
    for p in pages:
        text = p.lines[:-3]  # the footer: title, sheet name, page number (two or three lines)
        if p.sheet not in first:
            first[p.sheet] = text
            p.body = text
            continue
        seen = set(first[p.sheet])
        k = 0
        while k < len(text) and text[k] in seen:
            k += 1
        p.body = text[k:]


def problems(pages: list[Page], *, min_pt: float = MIN_PT) -> list[str]:
    """What a person would refuse to sign: tiny text, pages of header only, a signature alone."""
    header_lines(pages)
    out = []
    for p in pages:
        where = f"page {p.number} ({p.sheet or 'no sheet'})"
        if p.smallest < min_pt:
            out.append(f"{where}: text at {p.smallest:.1f} pt: {p.smallest_text!r}")
        if p.lines and not p.body:
            out.append(f"{where}: only the repeated header rows")
        for label in SIGNATURE_LABELS:
            at = [k for k, t in enumerate(p.body) if t.startswith(label)]
            if at and at[0] == 0:
                out.append(f"{where}: signature block {label!r} begins the page, no table rows above it")
    return out


def summary(pages: list[Page]) -> dict[str, tuple[int, float]]:
    """Per sheet: (pages, smallest character in pt)."""
    out: dict[str, tuple[int, float]] = {}
    for p in pages:
        n, small = out.get(p.sheet, (0, float("inf")))
        out[p.sheet] = (n + 1, min(small, p.smallest))
    return out


def _main(argv: list[str]) -> int:
    import shutil
    import tempfile

    import openpyxl

    files = [Path(a) for a in argv]
    stage = Path(tempfile.mkdtemp(prefix="printcheck-"))
    staged = []
    for k, f in enumerate(files):
        staged.append(stage / f"{k:02d} {f.name}")
        shutil.copyfile(f, staged[-1])
    pdfs = to_pdf(staged, Path("/tmp/printcheck-pdf"))
    for xlsx, pdf in zip(files, pdfs, strict=True):
        names = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
        pages = measure(pdf, names)
        print(f"== {xlsx.name}: {len(pages)} pages, {pages[0].width:.0f}x{pages[0].height:.0f} pt")
        for sheet, (n, small) in summary(pages).items():
            print(f"   {sheet or '?':28s} {n:3d} pages  smallest {small:4.1f} pt")
        for line in problems(pages):
            print("   !", line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(_main(sys.argv[1:]))
