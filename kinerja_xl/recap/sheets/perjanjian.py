"""*Perjanjian Kinerja* sheets (PermenPANRB 53/2014): the statement page, then its lampiran.

The statement names the two parties, promises the targets of the lampiran and ends with the place,
the date of the agreement (from the catalog, not the recap's date) and both signatures; a page break
starts the lampiran: No · Sasaran Strategis / Kegiatan · Indikator · Satuan · Target (· Anggaran), and
for the Kepala OPD the programs with their pagu. The values come from :mod:`kinerja_xl.recap.perjanjian`;
only JUMLAH is a formula (it is a document to sign, written before any data arrives).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.recap.perjanjian import (
    Perjanjian,
    Pihak,
    perjanjian_all,
    perjanjian_opd,
)
from kinerja_xl.recap.sheets.common import Context, tanggal
from kinerja_xl.recap.sheets.document import (
    DocFormats,
    Formula,
    Signature,
    Span,
    signature_spans,
    span,
    text_height,
    write_spans,
)
from kinerja_xl.xlsx import build_workbook, check

WIDTHS = (5, 26, 30, 8, 9, 13)
NO, URAIAN, INDIKATOR, SATUAN, TARGET, LAST = range(6)
PAGE_WIDTH = sum(WIDTHS)

PEMBUKA = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
JANJI = ("Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
         "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
         "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.")
SUPERVISI = ("Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
             "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
             "dan sanksi.")


def write(ws: Worksheet, ctx: Context) -> None:
    """The recap's sheet: the Kepala OPD's agreement (the Kepala Bidang's come from ``kinerja-xl pk``)."""
    write_perjanjian(ws, DocFormats(ctx.workbook), perjanjian_opd(ctx.model.catalog), ctx.paper)


class _Rows:
    """Spans and row heights collected top to bottom and written a block of rows at a time
    (constant-memory safe: a span never reaches above the current row, so the rows above it are complete)."""

    #: spans collected before the complete rows are written
    BLOCK = 256

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.spans: list[Span] = []
        self.row = 0

    def flush(self) -> None:
        """Write the spans collected so far (all in the rows above :attr:`row`)."""
        write_spans(self.ws, self.spans)
        self.spans = []
        self.ws.merged_cells.clear()  # only later rows get merged ranges: none can overlap these

    def line(self, value: object, fmt: object, *, first: int = 0, cols: int = len(WIDTHS), height: float | None = None,
             rows: int = 1) -> int:
        r = self.row
        self.spans.append(span(r, first, value, fmt, cols=cols, rows=rows))
        if height is not None:
            check(self.ws.set_row(r, height), "set_row")
        return r

    def skip(self, n: int = 1) -> None:
        self.row += n
        if len(self.spans) >= self.BLOCK:
            self.flush()


def _pihak(out: _Rows, fmt: DocFormats, p: Pihak, closing: str) -> None:
    for label, value in (("Nama", p.nama or "." * 40), ("Jabatan", p.jabatan)):
        out.line(label, fmt.text, first=URAIAN, cols=1)
        out.line(f": {value}", fmt.text, first=INDIKATOR, cols=len(WIDTHS) - INDIKATOR)
        out.skip()
    out.line(closing, fmt.paragraph, height=text_height(closing, PAGE_WIDTH))
    out.skip(2)


def _signatures(out: _Rows, fmt: DocFormats, pk: Perjanjian) -> None:
    blocks = [
        Signature(URAIAN, URAIAN, ("PIHAK KEDUA,", pk.kedua.jabatan), pk.kedua.nama, pk.kedua.nip),
        Signature(INDIKATOR, LAST, (f"{pk.tempat}, {tanggal(pk.tanggal)}", "PIHAK PERTAMA,", pk.pertama.jabatan),
                  pk.pertama.nama, pk.pertama.nip),
    ]
    spans, end = signature_spans(out.row, blocks, fmt)
    out.spans += spans
    out.row = end


def _lampiran(out: _Rows, fmt: DocFormats, pk: Perjanjian) -> None:
    last_head = "Anggaran (Rp)" if not pk.program else "Keterangan"
    for col, text in enumerate(("No", pk.judul_baris, "Indikator Kinerja", "Satuan", "Target", last_head)):
        out.spans.append(span(out.row, col, text, fmt.header))
    check(out.ws.set_row(out.row, 30), "set_row")
    out.skip()
    first_row = out.row
    for n, group in enumerate(pk.baris, start=1):
        h = max(1, len(group.indikator))
        first = out.row
        for k, (nama, satuan, target) in enumerate(group.indikator):
            r = first + k
            check(out.ws.set_row(r, max(text_height(nama, WIDTHS[INDIKATOR]),
                                        text_height(group.uraian, WIDTHS[URAIAN]) / h)), "set_row")
            out.spans += [span(r, INDIKATOR, nama, fmt.cell("wrap")), span(r, SATUAN, satuan, fmt.cell("wrap")),
                          span(r, TARGET, target, fmt.cell("k" if isinstance(target, float) else "center"))]
        out.spans += [span(first, NO, n, fmt.cell("center"), rows=h),
                      span(first, URAIAN, group.uraian, fmt.cell("wrap"), rows=h)]
        last = group.anggaran if not pk.program else ""
        out.spans.append(span(first, LAST, last, fmt.cell("rp" if isinstance(last, float) else "wrap"), rows=h))
        out.skip(h)
    if not pk.program:
        out.spans += [span(out.row, NO, "JUMLAH", fmt.cell("center", 0), cols=LAST),
                      span(out.row, LAST, _sum(first_row, out.row - 1, LAST, pk.jumlah_anggaran), fmt.cell("rp", 0))]
        out.skip(2)
        return
    out.skip()
    out.spans += [span(out.row, NO, "No", fmt.header), span(out.row, URAIAN, "Program", fmt.header, cols=3),
                  span(out.row, TARGET, "Anggaran (Rp)", fmt.header, cols=2)]
    out.skip()
    first_row = out.row
    for n, (kode, nama, pagu) in enumerate(pk.program, start=1):
        check(out.ws.set_row(out.row, text_height(f"{kode} {nama}", sum(WIDTHS[URAIAN:TARGET]))), "set_row")
        out.spans += [span(out.row, NO, n, fmt.cell("center")),
                      span(out.row, URAIAN, f"{kode} {nama}", fmt.cell("wrap"), cols=3),
                      span(out.row, TARGET, pagu, fmt.cell("rp"), cols=2)]
        out.skip()
    out.spans += [span(out.row, NO, "JUMLAH", fmt.cell("center", 0), cols=TARGET),
                  span(out.row, TARGET, _sum(first_row, out.row - 1, TARGET, pk.jumlah_anggaran), fmt.cell("rp", 0),
                       cols=2)]
    out.skip(2)


def _sum(first: int, last: int, col: int, value: float | None) -> Formula | None:
    """JUMLAH as a live sum of the anggaran cells above it."""
    if last < first:
        return None
    cells = xl_range(first, col, last, col)
    return Formula(f'=IF(COUNT({cells})=0,"",SUM({cells}))', value)


def write_perjanjian(ws: Worksheet, fmt: DocFormats, pk: Perjanjian, paper: str | None = None) -> None:
    """One agreement on one sheet: the statement page, a page break, the lampiran with signatures."""
    for col, width in enumerate(WIDTHS):
        check(ws.set_column(col, col, width), "set_column")
    out = _Rows(ws)
    title = f"PERJANJIAN KINERJA TAHUN {pk.tahun}"
    for text, f in ((title, fmt.title), (pk.nama_opd.upper(), fmt.subtitle),
                    (pk.pemerintah_daerah.upper(), fmt.subtitle)):
        out.line(text, f)
        out.skip()
    out.skip()
    out.line(PEMBUKA, fmt.paragraph, height=text_height(PEMBUKA, PAGE_WIDTH))
    out.skip(2)
    _pihak(out, fmt, pk.pertama, "selanjutnya disebut pihak pertama.")
    _pihak(out, fmt, pk.kedua, "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    for text in (JANJI, SUPERVISI):
        out.line(text, fmt.paragraph, height=text_height(text, PAGE_WIDTH))
        out.skip(2)
    first_sign = out.row
    _signatures(out, fmt, pk)
    keep = [(first_sign, out.row - 1)]
    lampiran = out.row
    out.line(f"LAMPIRAN {title}", fmt.title)
    out.skip()
    out.line(pk.pertama.jabatan.upper(), fmt.subtitle)
    out.skip(2)
    _lampiran(out, fmt, pk)
    first_sign = out.row - 2  # the JUMLAH row stays with the signatures
    _signatures(out, fmt, pk)
    keep.append((first_sign, out.row - 1))
    keep.append((lampiran, out.row - 1))  # a lampiran that fits on a page is printed on one
    out.flush()
    printing.apply(ws, printing.PrintSpec(
        footer=f"Perjanjian Kinerja {pk.tahun} — {pk.pertama.jabatan}", last_col=LAST, last_row=out.row - 1,
        keep=keep, min_font=fmt.font_size, landscape=False), paper)
    # the lampiran always begins a page, whatever else the page setup breaks
    check(ws.set_h_pagebreaks(sorted({*ws.hbreaks, lampiran})), "set_h_pagebreaks")


# --- the workbook of ``kinerja-xl pk`` --------------------------------------------------------


@dataclass(frozen=True)
class PerjanjianResult:
    path: Path
    tahun: int
    tanggal: dt.date
    lembar: tuple[str, ...]  # sheet names: "PK Kepala OPD", then "PK <bidang>"

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "tahun": self.tahun, "tanggal": self.tanggal.isoformat(),
                "lembar": list(self.lembar)}


def sheet_name(pk: Perjanjian) -> str:
    return "PK Kepala OPD" if pk.kode == "OPD" else f"PK {pk.kode}"[:31]


def write_perjanjian_workbook(catalog: Catalog, path: Path) -> PerjanjianResult:
    """Every Perjanjian Kinerja of the catalog's year in one workbook, one sheet each (atomically)."""
    documents = perjanjian_all(catalog)
    names = tuple(sheet_name(pk) for pk in documents)

    def fill(wb: xlsxwriter.Workbook) -> None:
        wb.set_properties({"title": f"Perjanjian Kinerja {catalog.instansi.tahun}",
                           "created": dt.datetime.combine(catalog.instansi.tanggal_perjanjian, dt.time()),
                           "comments": "Dibuat oleh kinerja-xl"})
        fmt = DocFormats(wb)
        for name, pk in zip(names, documents, strict=True):
            write_perjanjian(wb.add_worksheet(name), fmt, pk, catalog.instansi.kertas)

    build_workbook(path, fill)
    return PerjanjianResult(path, catalog.instansi.tahun, catalog.instansi.tanggal_perjanjian, names)
