"""LKjIP Bab III *Akuntabilitas Kinerja* as a Word draft (python-docx).

Every piece of text carries a named style — Heading 1–3 for the structure,
``Tabel LKjIP`` for every table, ``Kepala Tabel`` / ``Isi Tabel`` / ``Angka
Tabel`` for the cells, Caption for table and figure titles — so a person
restyles the whole draft in Word at once; nothing is formatted by hand per run.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.lkjip.charts import iku_chart
from kinerja_xl.lkjip.figures import (
    FROM_LEDGER,
    FROM_RENSTRA,
    IkuFigures,
    LkjipFigures,
    Value,
    build_figures,
)
from kinerja_xl.lkjip.text import angka, paragraphs, persen, target_text
from kinerja_xl.recap.model import RecapModel
from kinerja_xl.recap.texts import tw_label
from kinerja_xl.xlsx import atomic_write_bytes

TABLE_STYLE = "Tabel LKjIP"
HEAD, BODY, NUMBER = "Kepala Tabel", "Isi Tabel", "Angka Tabel"
PICTURE = "Gambar"
DASH = "–"

SOURCE_TEXT = {FROM_LEDGER: "daftar kiriman", FROM_RENSTRA: "lembar Renstra", "": DASH}


# --- styles ------------------------------------------------------------------------------


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        st = styles[name]
        st.font.name = "Arial"
        st.font.size = Pt(size)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    caption = styles["Caption"]
    caption.paragraph_format.keep_with_next = True  # a table's title stays with the table
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    head = styles.add_style(HEAD, WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = normal
    head.font.size = Pt(9)
    head.font.bold = True
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.space_after = Pt(0)
    body = styles.add_style(BODY, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.font.size = Pt(9)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    body.paragraph_format.space_after = Pt(0)
    picture = styles.add_style(PICTURE, WD_STYLE_TYPE.PARAGRAPH)
    picture.base_style = normal
    picture.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(8)
    picture.paragraph_format.keep_with_next = True  # the figure's title stays with it
    number = styles.add_style(NUMBER, WD_STYLE_TYPE.PARAGRAPH)
    number.base_style = body
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))


# --- tables --------------------------------------------------------------------------------


def _repeat_header(table: Table) -> None:
    """The header row repeats on every page the table runs over."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool],
           widths_cm: Sequence[float]) -> Table:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(header):
        cell = table.rows[0].cells[i]
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = doc.styles[HEAD]
    for r, row in enumerate(rows, start=1):
        for i, text in enumerate(row):
            cell = table.rows[r].cells[i]
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[NUMBER if numeric[i] else BODY]
    table.autofit = False
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)  # the grid (LibreOffice reads this)
        for row_ in table.rows:
            row_.cells[i].width = Cm(w)  # and each cell (Word reads this)
    _repeat_header(table)
    return table


def _num(value: Value) -> str:
    return DASH if value is None else angka(value)


def _pct(value: Value) -> str:
    return DASH if value is None else persen(value)


def _caption(doc: DocxDocument, text: str) -> None:
    doc.add_paragraph(text, style="Caption")


# --- sections ---------------------------------------------------------------------------------


class _Counter:
    def __init__(self) -> None:
        self.table = 0
        self.figure = 0

    def next_table(self) -> str:
        self.table += 1
        return f"Tabel 3.{self.table}"

    def next_figure(self) -> str:
        self.figure += 1
        return f"Gambar 3.{self.figure}"


def _summary(doc: DocxDocument, figures: LkjipFigures, n: _Counter) -> None:
    year = figures.year
    _caption(doc, f"{n.next_table()} Pengukuran Indikator Kinerja Utama Tahun {year}")
    rows = []
    for s in figures.sasaran:
        for f in s.iku:
            r = f.row
            ind = r.indikator
            rows.append([f.nomor, s.sasaran.uraian, ind.nama, ind.satuan, target_text(ind.target_tahunan),
                         _num(r.realisasi_sd), _pct(r.capped_sd), r.predikat_sd or DASH])
    _table(doc, ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi",
                 "Capaian (%)", "Predikat"], rows, [False, False, False, False, True, True, True, False],
           [0.9, 2.7, 3.4, 1.7, 1.4, 1.9, 1.8, 2.2])


def _measurement(doc: DocxDocument, f: IkuFigures, year: int, n: _Counter) -> None:
    r = f.row
    ind = r.indikator
    _caption(doc, f"{n.next_table()} Pengukuran kinerja IKU {f.nomor} tahun {year}")
    rows = [[tw_label(q), target_text(ind.target_tw[q - 1]), _num(r.realisasi_tw[q - 1]), _pct(r.capped_tw[q - 1]),
             r.predikat_tw[q - 1] or DASH] for q in range(1, 5)]
    rows.append([f"Tahun {year}", target_text(ind.target_tahunan), _num(r.realisasi_sd), _pct(r.capped_sd),
                 r.predikat_sd or DASH])
    _table(doc, ["Periode", f"Target ({ind.satuan})", f"Realisasi ({ind.satuan})", "Capaian (%)", "Predikat"],
           rows, [False, True, True, True, False], [3.2, 3.0, 3.0, 2.6, 3.0])


def _comparison(doc: DocxDocument, f: IkuFigures, n: _Counter) -> None:
    sat = f.indikator.satuan
    _caption(doc, f"{n.next_table()} Perbandingan realisasi dan capaian IKU {f.nomor} dengan tahun-tahun "
                  "sebelumnya dan target akhir Renstra")
    rows = []
    for y in f.years:
        sumber = "rekap tahunan ini" if y is f.years[-1] else SOURCE_TEXT.get(y.sumber, y.sumber)
        rows.append([str(y.tahun), _num(y.target), _num(y.realisasi), _pct(y.capaian), sumber])
    plan = f.renstra
    if plan is not None:
        akhir = plan.renstra.tahun[-1]
        rows.append([f"Target akhir Renstra ({akhir}); realisasi s.d. {f.years[-1].tahun}", _num(plan.target_akhir),
                     _num(plan.realisasi_sd), _pct(plan.capaian_akhir), "lembar Renstra dan rekap tahunan"])
    else:
        rows.append(["Target akhir Renstra", "[isi]", DASH, DASH, "[belum ada di lembar Renstra]"])
    std = f.indikator.standar_nasional
    rows.append(["Standar nasional", std or DASH, DASH, DASH, "katalog (lembar Indikator)" if std else DASH])
    _table(doc, ["Tahun", f"Target ({sat})", f"Realisasi ({sat})", "Capaian (%)", "Sumber data"], rows,
           [False, True, True, True, False], [4.2, 2.6, 2.6, 2.4, 3.6])


def _chart(doc: DocxDocument, f: IkuFigures, year: int, n: _Counter) -> None:
    doc.add_paragraph(style=PICTURE).add_run().add_picture(io.BytesIO(iku_chart(f, year)), width=Cm(16))
    what = " dan tahun-tahun Renstra" if f.renstra is not None else ""
    _caption(doc, f"{n.next_figure()} Realisasi dan target IKU {f.nomor} per triwulan tahun {year}{what}")


def _iku(doc: DocxDocument, f: IkuFigures, figures: LkjipFigures, n: _Counter) -> None:
    year = figures.year
    doc.add_heading(f"IKU {f.nomor}: {f.indikator.nama}", level=3)
    _measurement(doc, f, year, n)
    _comparison(doc, f, n)
    _chart(doc, f, year, n)
    for text in paragraphs(f, figures):
        doc.add_paragraph(text)


def _budget(doc: DocxDocument, figures: LkjipFigures, n: _Counter, number: int) -> None:
    doc.add_heading(f"3.{number} Realisasi Anggaran", level=2)
    if not figures.programs:
        doc.add_paragraph("[Katalog belum memuat lembar Anggaran: isi pagu, realisasi dan serapan anggaran per "
                          "program.]")
        return
    last = tw_label(figures.model.last_quarter)
    doc.add_paragraph(f"Realisasi anggaran per program sampai dengan {last} tahun {figures.year}, dari lembar "
                      "Serapan Anggaran rekap tahunan: serapan = realisasi / pagu × 100; efisiensi = capaian "
                      "kinerja program − serapan.")
    _caption(doc, f"{n.next_table()} Pagu, realisasi dan serapan anggaran per program tahun {figures.year}")
    rows = [[str(i), p.kode, p.nama, _num(p.pagu), _num(p.realisasi), _pct(p.serapan), _pct(p.capaian),
             _pct(p.efisiensi)] for i, p in enumerate(figures.programs, start=1)]
    pagu = sum(p.pagu or 0.0 for p in figures.programs)
    real = sum(p.realisasi or 0.0 for p in figures.programs)
    rows.append(["", "", "Jumlah", _num(pagu), _num(real), _pct(real / pagu * 100 if pagu else None), "", ""])
    _table(doc, ["No", "Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Capaian Kinerja (%)",
                 "Efisiensi"], rows, [False, False, False, True, True, True, True, True],
           [0.9, 1.5, 3.0, 2.5, 2.5, 1.9, 1.9, 1.8])


def build_document(figures: LkjipFigures, generated: dt.datetime | None = None) -> DocxDocument:
    model = figures.model
    ins = model.catalog.instansi
    year = figures.year
    doc = Document()
    _styles(doc)
    _page(doc)
    props = doc.core_properties
    props.title = f"LKjIP {ins.nama_opd} Tahun {year} — Bab III Akuntabilitas Kinerja"
    props.author = "kinerja-xl"
    if generated is not None:
        props.created = props.modified = generated
    doc.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    when = f" per {tanggal_indonesia(generated.date())}" if generated is not None else ""
    doc.add_paragraph(
        f"Bab ini menyajikan capaian kinerja {ins.nama_opd} tahun {year}: pengukuran "
        "setiap Indikator Kinerja Utama (IKU) per sasaran strategis, perbandingan dengan tahun-tahun sebelumnya "
        "dan dengan target akhir Renstra, analisis capaian, serta realisasi anggaran. Angka diambil dari rekap "
        f"tahunan{when} (skala predikat {ins.skala}). Draf ini disusun oleh kinerja-xl; teks dalam [kurung "
        "siku] menandai data yang belum tersedia dan perlu dilengkapi Kasubag Perencanaan.")
    n = _Counter()
    doc.add_heading("3.1 Pengukuran Capaian Kinerja", level=2)
    if not figures.sasaran:
        doc.add_paragraph("[Katalog belum menandai indikator mana pun sebagai IKU (kolom IKU pada lembar "
                          "Indikator).]")
    else:
        _summary(doc, figures, n)
    number = 1
    for s in figures.sasaran:
        number += 1
        doc.add_heading(f"3.{number} Sasaran Strategis {s.nomor}: {s.sasaran.uraian}", level=2)
        for f in s.iku:
            _iku(doc, f, figures, n)
    _budget(doc, figures, n, number + 1)
    return doc


def write_lkjip(model: RecapModel, path: Path, *, earlier: Mapping[int, Mapping[str, Value]] | None = None,
                generated: dt.datetime | None = None) -> Path:
    """Write the LKjIP Bab III draft of an annual recap model to ``path`` atomically; return ``path``."""
    doc = build_document(build_figures(model, earlier), generated)
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    atomic_write_bytes(path, buf.getvalue())
    return path
