"""The form's smaller sheets: Petunjuk, Pengesahan, Daftar (hidden) and Temuan (returned forms)."""

from __future__ import annotations

import datetime as dt

from xlsxwriter.worksheet import Worksheet

from kinerja_xl import angka
from kinerja_xl.angka import format_id as angka_indonesia
from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import petunjuk_lines
from kinerja_xl.forms.cells import (
    DATE_FORMAT,
    FILL_CATATAN,
    FILL_INPUT,
    FILL_KENDALA,
    FILL_LOCKED,
    FILL_WAJIB_KOSONG,
    Styles,
    conditional,
    merge_text,
    print_setup,
    protect,
    put_blank,
    put_number,
    put_string,
    put_value,
    validate,
)
from kinerja_xl.forms.context import FormContext
from kinerja_xl.xlsx import LINE_HEIGHT, check, wrapped_lines

#: The Skala table on the Daftar sheet starts at this row (0-based), bounds in A, labels in B.
SKALA_FIRST_ROW = 2

TEMUAN_HEADERS = ("No", "Kode Temuan", "Tingkat", "Lembar", "Sel", "Nilai", "Pesan")
TEMUAN_WIDTHS = (5, 24, 12, 12, 8, 18, 90)


def shown_value(value: object) -> str:
    """A finding's value as a person reads it: numbers the Indonesian way (1.900, 98,5)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return angka_indonesia(float(value))
    return str(value)
TEMUAN_TABLE_ROW = 3  # header row of the findings table (0-based)

PENGIRIM = "Sub Bagian Perencanaan"


# --- Petunjuk ---------------------------------------------------------------------------


def _petunjuk_sections(ctx: FormContext) -> list[tuple[str, list[str]]]:
    q, b, ins = ctx.quarter, ctx.bidang, ctx.catalog.instansi
    kolom = layout.h_realisasi(q)
    start = dt.date(ctx.period.year, 3 * q - 2, 1)
    kepala = f" ({b.kepala_nama})" if b.kepala_nama else ""
    apa = [
        (f"Di lembar {layout.SHEET_ISIAN}, isi kolom \"{kolom}\" dengan realisasi setiap elemen data untuk "
        f"{ctx.period.label} ({tanggal_indonesia(start)} sampai {tanggal_indonesia(ctx.period.end_date)})."),
        ("Tulis angka saja, satu angka per sel, tanpa satuan dan tanpa tanda %. Persentase ditulis sebagai "
        "angka 0 sampai 100 (98,5 berarti 98,5%)."),
        ("Sel kosong berarti data belum tersedia; angka 0 berarti nilainya memang nol. Jangan menulis \"-\" "
        "atau \"N/A\"."),
        f"Kolom \"{layout.H_KETERANGAN}\": tulis sumber data dan penjelasan bila perlu.",
    ]
    if q > 1:
        lalu = ", ".join(layout.h_context(k) for k in range(1, q))
        apa.append(f"Kolom {lalu} berisi realisasi triwulan sebelumnya yang sudah diterima; kolom ini "
                   "tidak dapat diubah.")
    apa += [
        ("Tabel Indikator Kinerja di bawahnya dihitung otomatis dari angka yang Anda isi (realisasi, capaian "
        "dan predikat), jadi hasilnya langsung terlihat."),
        (f"Jika capaian suatu indikator di bawah 100%, kolom \"{layout.H_KENDALA}\" wajib diisi: kendala yang "
        "dihadapi dan rencana tindak lanjutnya."),
        *petunjuk_lines(ctx),
        f"Di lembar {layout.SHEET_PENGESAHAN}, isi Tanggal, lalu cetak dan mintakan tanda tangan Kepala Bidang.",
    ]
    return [
        ("1. Siapa yang mengisi", [
            (f"Formulir ini diisi oleh Bidang {b.label}: operator atau pengelola data mengisi angka, "
            f"Kepala Bidang{kepala} memeriksa dan mengesahkannya."),
        ]),
        ("2. Apa yang diisi", apa),
        ("3. Batas waktu", [
            (f"Kirim kembali formulir yang sudah diisi paling lambat {tanggal_indonesia(ctx.deadline)} "
            f"({ins.batas_pengisian_hari} hari setelah akhir triwulan)."),
        ]),
        ("4. Cara mengembalikan", [
            "Simpan sebagai buku kerja Excel (.xlsx). Jangan diubah ke .xls, .ods atau PDF.",
            ("Jangan mengganti nama lembar, jangan menambah atau menghapus kolom, dan jangan menyalin isian ke "
            "buku kerja baru: formulir dikenali dari isinya."),
            f"Kirim berkas ke {PENGIRIM} {ins.nama_opd}.",
            (f"Jika formulir dikembalikan dengan lembar \"{layout.SHEET_TEMUAN}\", perbaiki sel yang berwarna "
            "merah (arahkan penunjuk ke sel itu untuk membaca catatannya), lalu kirim kembali."),
        ]),
    ]


LEGEND = (
    (FILL_INPUT, "Hijau muda: sel isian (hanya sel ini yang dapat diubah)."),
    (FILL_WAJIB_KOSONG, "Kuning: elemen data wajib yang masih kosong."),
    (FILL_KENDALA, "Jingga: capaian di bawah 100% dan kendala / rencana tindak lanjut belum diisi."),
    (FILL_CATATAN, "Merah: ada catatan dari Sub Bagian Perencanaan yang perlu diperbaiki."),
    (FILL_LOCKED, "Abu-abu: dihitung otomatis atau data triwulan sebelumnya (terkunci)."),
)


PETUNJUK_WIDTH = 110


def write_petunjuk(ws: Worksheet, st: Styles, ctx: FormContext) -> None:
    ins = ctx.catalog.instansi
    check(ws.set_column(0, 0, 4), "set_column")
    check(ws.set_column(1, 1, PETUNJUK_WIDTH), "set_column")
    put_string(ws, 0, 0, "PETUNJUK PENGISIAN FORMULIR ELEMEN DATA LAPORAN KINERJA", st.title())
    put_string(ws, 1, 0, f"{ins.nama_opd} — {ins.pemerintah_daerah}", st.get())
    put_string(ws, 2, 0, f"Bidang {ctx.bidang.label}, {ctx.period.label}", st.label())
    row = 4
    for heading, lines in _petunjuk_sections(ctx):
        put_string(ws, row, 0, heading, st.label())
        row += 1
        for line in lines:
            put_string(ws, row, 0, "•", st.get(align="right"))
            put_string(ws, row, 1, line, st.text())
            wrapped = wrapped_lines(line, PETUNJUK_WIDTH)
            if wrapped > 1:  # a wrapped line needs its height, or it prints over the next one
                check(ws.set_row(row, LINE_HEIGHT * wrapped), "set_row")
            row += 1
        row += 1
    put_string(ws, row, 0, "5. Arti warna sel", st.label())
    row += 1
    for fill, text in LEGEND:
        put_blank(ws, row, 0, st.get(bg_color=fill, border=1))
        put_string(ws, row, 1, text, st.text())
        row += 1
    row += 1
    put_string(ws, row, 0, f"Kode formulir: {ctx.form_id}", st.get(italic=True, font_color="#595959"))
    print_setup(ws, ctx)
    protect(ws, ctx.password)


# --- Pengesahan ----------------------------------------------------------------------------

#: Where the Tanggal input is (row, column; 0-based) — next to the label ``layout`` Tanggal.
TANGGAL_CELL = (4, 2)


def _signature(ws: Worksheet, st: Styles, row: int, col: int, lines: tuple[str, ...], nama: str,
               nip: str) -> None:
    for k, text in enumerate(lines):
        put_string(ws, row + k, col, text, st.get(align="center"))
    name_row = row + len(lines) + 4
    put_string(ws, name_row, col, nama or "(.................................................)",
               st.get(align="center", bold=True, underline=1))
    put_string(ws, name_row + 1, col, f"NIP. {angka.nip(nip)}" if nip else "NIP. ................................",
               st.get(align="center"))


def jabatan_kepala(nama_bidang: str) -> str:
    """The title of the head of a bidang: ``Kepala Bidang X``, ``Sekretaris``, ``Kepala Sub Bagian Y``."""
    low = nama_bidang.casefold()
    if low.startswith("sekretariat"):
        return "Sekretaris"
    if low.startswith(("bidang ", "sub bagian ", "subbagian ", "seksi ", "uptd ", "upt ", "unit ")):
        return f"Kepala {nama_bidang}"
    return f"Kepala Bidang {nama_bidang}"


def write_pengesahan(ws: Worksheet, st: Styles, ctx: FormContext) -> None:
    ins, b = ctx.catalog.instansi, ctx.bidang
    check(ws.set_column(0, 0, 3), "set_column")
    check(ws.set_column(1, 1, 40), "set_column")
    check(ws.set_column(2, 2, 20), "set_column")
    check(ws.set_column(3, 3, 6), "set_column")
    check(ws.set_column(4, 4, 46), "set_column")
    lembar = (f"{layout.SHEET_ISIAN} dan {layout.SHEET_ANGGARAN}" if ctx.sub_kegiatan else layout.SHEET_ISIAN)
    put_string(ws, 0, 1, "LEMBAR PENGESAHAN", st.title())
    check(ws.set_row(2, 42), "set_row")
    merge_text(ws, 2, 1, 2, 4,
               f"Data pada lembar {lembar} formulir ini (Bidang {b.label}, {ctx.period.label}) "
               "telah diperiksa dan sesuai dengan sumber datanya.", st.text())
    r, c = TANGGAL_CELL
    put_string(ws, r, 1, layout.H_TANGGAL, st.label(align="right", indent=1))
    put_value(ws, r, c, ctx.fill.tanggal, st.input(DATE_FORMAT, align="center"))
    first = dt.date(ctx.period.year, 3 * ctx.quarter - 2, 1)
    last = dt.date(ctx.period.year + 1, 12, 31)
    validate(ws, r, c, {
        "validate": "date", "criteria": "between",
        "minimum": dt.datetime(first.year, first.month, first.day),
        "maximum": dt.datetime(last.year, last.month, last.day),
        "input_title": "Tanggal pengesahan",
        "input_message": f"Tanggal Kepala Bidang mengesahkan isian, misalnya {tanggal_indonesia(ctx.deadline)}.",
        "error_title": "Tanggal tidak sesuai",
        "error_message": f"Isi tanggal antara {tanggal_indonesia(first)} dan {tanggal_indonesia(last)}, "
                         f"misalnya {ctx.deadline:%d-%m-%Y}.",
    })
    conditional(ws, r, c, r, c, {"type": "blanks", "format": st.highlight(FILL_WAJIB_KOSONG)})
    sig = 6
    if ins.kepala_nama:
        _signature(ws, st, sig, 1, ("Mengetahui,", ins.kepala_jabatan or "Kepala Perangkat Daerah"),
                   ins.kepala_nama, ins.kepala_nip)
    _signature(ws, st, sig, 4, ("", jabatan_kepala(b.nama)), b.kepala_nama, b.kepala_nip)
    paraf = sig + 2 + 4 + 4
    put_string(ws, paraf, 1, "Paraf pemeriksa (Sub Bagian Perencanaan)", st.label(align="right", indent=1))
    check(ws.set_row(paraf, 40), "set_row")
    put_blank(ws, paraf, 2, st.get(border=2))
    print_setup(ws, ctx)
    protect(ws, ctx.password)


# --- Daftar (hidden) ---------------------------------------------------------------------


def write_daftar(ws: Worksheet, st: Styles, ctx: FormContext) -> None:
    """The predikat scale (bounds ascending from 0) used by the Isian formulas."""
    skala = ctx.catalog.instansi.skala_predikat
    put_string(ws, 0, 0, f"Skala predikat: {skala.nama}", st.label())
    put_string(ws, 1, 0, "Batas Bawah Capaian (%)", st.header())
    put_string(ws, 1, 1, "Predikat", st.header())
    for k, (bound, label) in enumerate(skala.bands):
        put_number(ws, SKALA_FIRST_ROW + k, 0, float(bound), st.plain())
        put_string(ws, SKALA_FIRST_ROW + k, 1, label, st.plain())
    check(ws.set_column(0, 1, 24), "set_column")
    ws.hide()
    protect(ws, ctx.password)


# --- Temuan (returned forms) ----------------------------------------------------------------


def write_temuan(ws: Worksheet, st: Styles, ctx: FormContext) -> None:
    """The findings of a returned form, as an Excel table with autofilter."""
    put_string(ws, 0, 0, "TEMUAN PEMERIKSAAN FORMULIR", st.title())
    put_string(ws, 1, 0,
               f"Formulir ini dikembalikan oleh {PENGIRIM}. Perbaiki setiap temuan di bawah ini (sel yang "
               "bermasalah berwarna merah dan diberi catatan), simpan, lalu kirim kembali.", st.get())
    n = len(ctx.findings)
    top = TEMUAN_TABLE_ROW
    table = ws.add_table(top, 0, top + n, len(TEMUAN_HEADERS) - 1, {
        "name": "DaftarTemuan",
        "style": "Table Style Medium 3",
        "autofilter": True,
        "columns": [{"header": h, "header_format": st.header()} for h in TEMUAN_HEADERS],
    })
    check(table, "add_table Temuan")
    for i, f in enumerate(ctx.findings):
        r = top + 1 + i
        put_number(ws, r, 0, i + 1, st.plain(align="center"))
        put_string(ws, r, 1, f.code, st.plain())
        put_string(ws, r, 2, f.severity.label, st.plain())
        put_string(ws, r, 3, f.sheet or "", st.plain())
        put_string(ws, r, 4, f.cell or "", st.plain())
        put_string(ws, r, 5, shown_value(f.value), st.plain())
        put_string(ws, r, 6, f.message, st.plain())
        lines = max(wrapped_lines(f.message, TEMUAN_WIDTHS[6]), wrapped_lines(shown_value(f.value), TEMUAN_WIDTHS[5]))
        if lines > 1:
            check(ws.set_row(r, LINE_HEIGHT * lines), "set_row")
    for c, w in enumerate(TEMUAN_WIDTHS):
        check(ws.set_column(c, c, w), "set_column")
    ws.freeze_panes(top + 1, 0)
    print_setup(ws, ctx, repeat_row=top)
    protect(ws, ctx.password, autofilter=True, sort=True)
    ws.activate()
