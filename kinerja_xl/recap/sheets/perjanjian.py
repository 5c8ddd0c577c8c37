"""*Perjanjian Kinerja*: sasaran · indikator · target tahunan, then program / kegiatan / sub kegiatan · anggaran,
and the signatures of Pihak Pertama (Kepala OPD) and Pihak Kedua (Kepala Daerah, left blank to sign)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from kinerja_xl import printing
from kinerja_xl.catalog.model import Indikator, Tingkat
from kinerja_xl.recap.budget import total
from kinerja_xl.recap.sheets.common import Context, formula, tanggal
from kinerja_xl.recap.sheets.document import (
    DocFormats,
    Signature,
    Span,
    call,
    signature_spans,
    span,
    text_height,
    write_spans,
)
from kinerja_xl.recap.sheets.pengesahan import place
from kinerja_xl.xlsx import check

WIDTHS = (5, 38, 44, 12, 18, 24)
NO, SASARAN, INDIKATOR, SATUAN, TARGET, KETERANGAN = range(6)


def kepala_daerah(pemerintah_daerah: str) -> str:
    """``Pemerintah Kabupaten Contoh`` → ``Bupati Contoh``; ``… Kota X`` → ``Wali Kota X``."""
    name = place(pemerintah_daerah)
    for prefix, title in (("kabupaten ", "Bupati "), ("kota ", "Wali Kota "), ("provinsi ", "Gubernur ")):
        if name.lower().startswith(prefix):
            return title + name[len(prefix):]
    return "Kepala Daerah"


def _grouped(indikator: tuple[Indikator, ...], order: list[str]) -> list[tuple[str, list[Indikator]]]:
    groups: dict[str, list[Indikator]] = {}
    for ind in indikator:
        groups.setdefault(ind.sasaran, []).append(ind)
    keys = [k for k in order if k in groups] + [k for k in groups if k not in order]
    return [(k, groups[k]) for k in keys]


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    b = m.budget
    assert b is not None
    cat = m.catalog
    ins = cat.instansi
    fmt = DocFormats(ctx.workbook)
    for col, width in enumerate(WIDTHS):
        check(ws.set_column(col, col, width), "set_column")
    last = len(WIDTHS) - 1
    row = 0
    spans: list[Span] = [
        span(0, 0, f"PERJANJIAN KINERJA TAHUN {m.period.year}", fmt.title, cols=last + 1),
        span(1, 0, ins.nama_opd.upper(), fmt.subtitle, cols=last + 1),
        span(2, 0, ins.pemerintah_daerah.upper(), fmt.subtitle, cols=last + 1),
        span(4, 0, "A. Sasaran, Indikator Kinerja dan Target", fmt.section),
    ]
    row = 5
    for col, text in enumerate(("No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Keterangan")):
        spans.append(span(row, col, text, fmt.header))
    write_spans(ws, spans)
    spans = []
    sasaran = cat.sasaran_by_kode
    for n, (kode, inds) in enumerate(_grouped(cat.indikator, [s.kode for s in cat.sasaran]), start=1):
        first = row + 1
        s = sasaran.get(kode)
        spans.append(span(first, NO, n, fmt.cell("center"), rows=len(inds)))
        spans.append(span(first, SASARAN, s.uraian if s else kode, fmt.cell("wrap"), rows=len(inds)))
        for ind in inds:
            row += 1
            check(ws.set_row(row, max(text_height(ind.nama, WIDTHS[INDIKATOR]),
                                      text_height(s.uraian if s else kode, WIDTHS[SASARAN]) / len(inds))), "set_row")
            t = ind.target_tahunan
            target = None if t is None else (str(t) if t.is_range else t.low)
            spans += [span(row, INDIKATOR, ind.nama, fmt.cell("wrap")), span(row, SATUAN, ind.satuan, fmt.cell("wrap")),
                      span(row, TARGET, target, fmt.cell("k" if isinstance(target, float) else "center")),
                      span(row, KETERANGAN, "IKU" if ind.iku else "", fmt.cell("center"))]
    write_spans(ws, spans)

    row += 2
    spans = [span(row, 0, "B. Program, Kegiatan, Sub Kegiatan dan Anggaran", fmt.section)]
    row += 1
    spans += [span(row, NO, "No", fmt.header), span(row, SASARAN, "Program / Kegiatan / Sub Kegiatan", fmt.header,
                                                       cols=2),
              span(row, SATUAN, "Anggaran (Rp)", fmt.header, cols=2), span(row, KETERANGAN, "Keterangan", fmt.header)]
    write_spans(ws, spans)
    rows_of: dict[str, int] = {r.kode: row + 1 + i for i, r in enumerate(b.rows)}

    def cell_ref(kode: str) -> str:
        return xl_rowcol_to_cell(rows_of[kode], SATUAN)

    for i, r in enumerate(b.rows, start=1):
        row = rows_of[r.kode]
        d = r.depth
        a = r.anggaran
        unit = cat.bidang_by_kode.get(a.bidang)
        note = f"Bidang {unit.nama}" if unit and a.tingkat is Tingkat.SUB_KEGIATAN else ""
        check(ws.set_row(row, max(text_height(f"{a.kode}  {a.nama}", WIDTHS[SASARAN] + WIDTHS[INDIKATOR] - 2 * d),
                                  text_height(note, WIDTHS[KETERANGAN]))), "set_row")
        write_spans(ws, [span(row, NO, i, fmt.cell("center", d)),
                         span(row, SASARAN, f"{a.kode}  {a.nama}", fmt.cell("indent", d), cols=2)])
        if r.is_leaf:
            write_spans(ws, [span(row, SATUAN, r.target.rp, fmt.cell("rp", d), cols=2)])
        else:
            refs = [cell_ref(k) for k in r.children]
            write_spans(ws, [span(row, SATUAN, None, fmt.cell("rp", d), cols=2)])
            formula(ws, row, SATUAN, f'=IF({call("COUNT", refs)}=0,"",{call("SUM", refs)})', r.target.rp,
                    fmt.cell("rp", d))
        write_spans(ws, [span(row, KETERANGAN, note, fmt.cell("wrap", d))])
    row += 1
    roots = [r for r in b.rows if r.depth == 0]
    refs = [cell_ref(r.kode) for r in roots]
    write_spans(ws, [span(row, NO, "JUMLAH", fmt.cell("center", 0), cols=3),
                     span(row, SATUAN, None, fmt.cell("rp", 0), cols=2), span(row, KETERANGAN, "", fmt.cell("wrap", 0))])
    formula(ws, row, SATUAN, f'=IF({call("COUNT", refs)}=0,"",{call("SUM", refs)})' if roots else '=""',
            total(r.target.rp for r in roots), fmt.cell("rp", 0))

    row += 2
    blocks = [
        Signature(SASARAN, SASARAN, ("PIHAK KEDUA,", kepala_daerah(ins.pemerintah_daerah)), "", ""),
        Signature(INDIKATOR, KETERANGAN, (f"{place(ins.pemerintah_daerah)}, {tanggal(ctx.generated.date())}",
                                          "PIHAK PERTAMA,", ins.kepala_jabatan or "Kepala Perangkat Daerah"),
                  ins.kepala_nama, ins.kepala_nip),
    ]
    spans, end = signature_spans(row, blocks, fmt)
    write_spans(ws, spans)
    printing.apply(ws, printing.PrintSpec(
        footer=f"Perjanjian Kinerja {m.period.year} — {ins.nama_opd}", last_col=last, last_row=end - 1,
        keep=[(row - 2, end - 1)], min_font=fmt.font_size), ctx.paper)
