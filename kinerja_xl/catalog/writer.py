"""Writing ``katalog.xlsx``: the Kasubag's editable, self-explaining catalog workbook.

A "Petunjuk" sheet first, then Instansi, Bidang, Sasaran, Indikator and Elemen
with bold frozen headers, header comments and drop-downs (lists on the hidden
"Daftar" sheet; bidang, sasaran and indicator codes from their own sheets),
then the optional Anggaran (budget tree, rupiah as ``#,##0``) and Renstra
sheets, written with their headers even when the catalog has no such data so
that the Kasubag sees where it goes. Whatever the writer writes,
:func:`~kinerja_xl.catalog.loader.load_catalog` reads back equal.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_range_abs, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog.model import (
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Renstra,
    Target,
    Tingkat,
    tingkat_of,
)
from kinerja_xl.catalog.petunjuk import TITLE, sections
from kinerja_xl.catalog.values import target_text
from kinerja_xl.xlsx import EPOCH, build_workbook, check

_CELL_FORMATS: dict[str, dict[str, Any]] = {
    "text": {"num_format": "@", "valign": "top"},
    "wrap": {"num_format": "@", "valign": "top", "text_wrap": True},
    "number": {"valign": "top"},
    "rupiah": {"num_format": "#,##0", "valign": "top"},
}
_LEVEL: dict[Tingkat | None, int] = {Tingkat.PROGRAM: 0, Tingkat.KEGIATAN: 1, Tingkat.SUB_KEGIATAN: 2}
_TEXT_COLUMNS = {"kode", "sasaran", "bidang", "rumus", "kepala_nip", "telepon", "indikator_kode", "target_tahunan",
                 "target_tw1",
                 "target_tw2", "target_tw3", "target_tw4"}
_WRAP_COLUMNS = {"nama", "uraian", "definisi", "sumber_data", "standar_nasional", "indikator", "keterangan",
                 "tindak_lanjut", "aksi_tw1", "aksi_tw2", "aksi_tw3", "aksi_tw4"}
_RUPIAH_COLUMNS = {"pagu", "renstra_target_rp", "renstra_realisasi_rp"}
_NUMBER_COLUMNS = {"target_k", "renstra_target_k", "renstra_realisasi_k", "baseline", "target_akhir_k",
                   *(f"{kind}{k}" for kind in ("target", "realisasi") for k in range(1, H.RENSTRA_YEARS + 1))}


def write_catalog(path: Path | str, catalog: Catalog | None, *, tahun: int | None = None) -> Path:
    """Write ``katalog.xlsx`` (atomically); ``None`` gives the empty, self-explaining catalog
    (for the year ``tahun``, by default :class:`Instansi`'s)."""
    path = Path(path)
    build_workbook(path, lambda wb: _Writer(wb, catalog, tahun).fill())
    return path


class _Writer:
    def __init__(self, wb: Workbook, catalog: Catalog | None, tahun: int | None = None):
        self.wb = wb
        self.catalog = catalog
        self.tahun = tahun
        self.f = {
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "heading": wb.add_format({"bold": True, "font_size": 11, "font_color": "#1F4E78"}),
            "para": wb.add_format({"text_wrap": True, "valign": "top"}),
            "header": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                     "valign": "vcenter"}),
            **{name: wb.add_format(props) for name, props in _CELL_FORMATS.items()},
            "label": wb.add_format({"bold": True, "valign": "top"}),
            "note": wb.add_format({"font_color": "#595959", "text_wrap": True, "valign": "top"}),
        }
        self.variants: dict[tuple[str, bool, int], Format] = {}  # (cell format, bold, indent) -> format
        self.lists: dict[str, str] = {}  # list title -> absolute range on Daftar
        self.names: dict[str, str] = {}  # indicator code -> name (the Renstra sheet's lookup values)
        self.indikator_last = H.VALIDATION_ROWS  # last row of the Indikator codes range

    def fill(self) -> None:
        self.wb.set_properties({"title": "Katalog Indikator Kinerja", "created": EPOCH,
                                "comments": "Dibuat oleh kinerja-xl"})
        petunjuk = self.wb.add_worksheet(H.SHEET_PETUNJUK)
        sheets = {name: self.wb.add_worksheet(name) for name in H.ALL_SHEETS}
        daftar = self.wb.add_worksheet(H.SHEET_DAFTAR)
        self._daftar(daftar)
        self._petunjuk(petunjuk)
        self._instansi(sheets[H.SHEET_INSTANSI])
        cat = self.catalog
        rows: dict[str, list[dict[str, Any]]] = {
            H.SHEET_BIDANG: [vars_of(b) for b in cat.bidang] if cat else [],
            H.SHEET_SASARAN: [vars_of(s) for s in cat.sasaran] if cat else [],
            H.SHEET_INDIKATOR: [_indikator_row(i) for i in cat.indikator] if cat else [],
            H.SHEET_ELEMEN: [_elemen_row(e) for e in cat.elemen] if cat else [],
            H.SHEET_ANGGARAN: [vars_of(a) | {"indikator_kode": ", ".join(a.indikator_kode)} for a in cat.anggaran]
            if cat else [],
            H.SHEET_RENSTRA: [_renstra_row(r) for r in cat.renstra] if cat else [],
        }
        last = {s: len(r) + H.VALIDATION_ROWS for s, r in rows.items()}
        codes = {s: self._code_range(s, last[s]) for s in (H.SHEET_BIDANG, H.SHEET_SASARAN, H.SHEET_INDIKATOR)}
        self.names = {i.kode: i.nama for i in cat.indikator} if cat else {}
        self.indikator_last = last[H.SHEET_INDIKATOR]
        for sheet, data in rows.items():
            self._table(sheets[sheet], sheet, data, last[sheet], codes)
        petunjuk.activate()

    # --- Daftar (hidden lists) ----------------------------------------------------

    def _daftar(self, ws: Worksheet) -> None:
        for c, (title, values) in enumerate(H.LISTS):
            check(ws.write_string(0, c, title, self.f["header"]), "Daftar header")
            for r, v in enumerate(values, start=1):
                check(ws.write_string(r, c, v, self.f["text"]), "Daftar value")
            ws.set_column(c, c, max(14, len(title) + 2))
            self.lists[title] = "=" + quote_sheetname(H.SHEET_DAFTAR) + "!" + xl_range_abs(1, c, len(values), c)
        ws.hide()

    def _code_range(self, sheet: str, last: int) -> str:
        col = next(i for i, c in enumerate(H.COLUMNS[sheet]) if c.field == "kode")
        return "=" + quote_sheetname(sheet) + "!" + xl_range_abs(1, col, last, col)

    # --- Petunjuk -------------------------------------------------------------------

    def _petunjuk(self, ws: Worksheet) -> None:
        ws.set_column(0, 0, _PETUNJUK_WIDTH)
        ws.hide_gridlines(2)
        check(ws.write_string(0, 0, TITLE, self.f["title"]), "Petunjuk title")
        r = 2
        for heading, lines in sections():
            check(ws.write_string(r, 0, heading, self.f["heading"]), "Petunjuk heading")
            r += 1
            for line in lines:
                check(ws.write_string(r, 0, line, self.f["para"]), "Petunjuk line")
                ws.set_row(r, _wrapped_height(line, _PETUNJUK_WIDTH))
                r += 1
            r += 1
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)

    # --- Instansi -------------------------------------------------------------------

    def _instansi(self, ws: Worksheet) -> None:
        heads = ((H.H_PENGATURAN, 30, "Nama pengaturan; jangan diubah."),
                 (H.H_ISIAN, 60, "Isi pengaturan di kolom ini."),
                 (H.H_KETERANGAN, 70, "Penjelasan singkat."))
        for c, (head, width, comment) in enumerate(heads):
            check(ws.write_string(0, c, head, self.f["header"]), "Instansi header")
            ws.write_comment(0, c, comment)
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        _print_setup(ws)
        ins = self.catalog.instansi if self.catalog else None
        defaults = {f.name: f.default for f in fields(Instansi) if f.default is not MISSING}
        if self.tahun is not None:
            defaults["tahun"] = self.tahun
        for r, s in enumerate(H.SETTINGS, start=1):
            value = getattr(ins, s.field) if ins else defaults.get(s.field, "")
            check(ws.write_string(r, 0, s.label, self.f["label"]), "Instansi label")
            check(ws.write_string(r, 2, s.note, self.f["note"]), "Instansi note")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                check(ws.write_number(r, 1, value, self.f["number"]), "Instansi number")
            elif isinstance(value, dt.date):
                check(ws.write_string(r, 1, tanggal_indonesia(value), self.f["wrap"]), "Instansi date")
            elif value is None or value == "":
                check(ws.write_blank(r, 1, None, self.f["wrap"]), "Instansi blank")
            else:
                check(ws.write_string(r, 1, str(getattr(value, "value", value)), self.f["wrap"]), "Instansi text")
            self._instansi_validation(ws, r, s.field)

    def _instansi_validation(self, ws: Worksheet, r: int, field_name: str) -> None:
        lists = {"skala": "Skala Predikat", "rumus_negatif": "Rumus Polaritas Negatif",
                 "batas_capaian": "Batas Capaian (%)", "kertas": "Ukuran Kertas",
                 "batas_bawah_capaian": "Batas Bawah Capaian (%)", "predikat_progres": "Predikat Progres"}
        if field_name in lists:
            self._list(ws, r, 1, r, lists[field_name], lists[field_name])
        elif field_name == "tahun":
            check(ws.data_validation(r, 1, r, 1, {
                "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "input_title": "Tahun", "input_message": "Tahun anggaran, misalnya 2025.",
                "error_title": "Tahun tidak sah", "error_message": "Tulis tahun empat angka antara 2000 dan 2100."}),
                "tahun validation")
        elif field_name == "batas_pengisian_hari":
            check(ws.data_validation(r, 1, r, 1, {
                "validate": "integer", "criteria": "between", "minimum": 1, "maximum": 366,
                "input_title": "Batas pengisian",
                "input_message": "Jumlah hari setelah akhir triwulan, misalnya 10.",
                "error_title": "Bukan jumlah hari", "error_message": "Tulis bilangan bulat 1 sampai 366."}),
                "batas pengisian validation")

    def _list(self, ws: Worksheet, r0: int, c: int, r1: int, list_title: str, what: str) -> None:
        allowed = dict(H.LISTS).get(list_title, ())
        message = f"Pilih dari daftar: {', '.join(allowed)}." if allowed else "Pilih dari daftar."
        self._validate_list(ws, r0, c, r1, self.lists[list_title], what, message[:255])

    def _validate_list(self, ws: Worksheet, r0: int, c: int, r1: int, source: str, what: str,
                       message: str) -> None:
        check(ws.data_validation(r0, c, r1, c, {
            "validate": "list", "source": source,
            "input_title": what[:32], "input_message": message,
            "error_title": f"{what} tidak dikenal"[:32],
            "error_message": f"Isian ini tidak ada di daftar. {message}"[:255],
        }), f"list validation {what}")

    # --- the table sheets -------------------------------------------------------------

    def _table(self, ws: Worksheet, sheet: str, data: list[dict[str, Any]], last: int,
               codes: dict[str, str]) -> None:
        columns = H.COLUMNS[sheet]
        for c, col in enumerate(columns):
            check(ws.write_string(0, c, col.header, self.f["header"]), f"{sheet} header")
            ws.write_comment(0, c, col.comment, {"x_scale": 2, "y_scale": 1.5})
            fmt = self.f["text"] if col.field in _TEXT_COLUMNS else (
                self.f["wrap"] if col.field in _WRAP_COLUMNS else (
                    self.f["rupiah"] if col.field in _RUPIAH_COLUMNS else None))
            ws.set_column(c, c, col.width, fmt)
        ws.set_row(0, 30 if sheet not in H.OPTIONAL_SHEETS else 45)
        ws.freeze_panes(1, 2 if sheet in H.OPTIONAL_SHEETS else 1)
        _print_setup(ws)
        ws.autofilter(0, 0, max(len(data), 1), len(columns) - 1)
        for r, rec in enumerate(data, start=1):
            # the budget tree reads as a tree: programs bold, kegiatan and sub kegiatan names indented
            level = _LEVEL.get(tingkat_of(rec["kode"])) if sheet == H.SHEET_ANGGARAN else None
            for c, col in enumerate(columns):
                if sheet == H.SHEET_RENSTRA and col.field == "nama":
                    self._indikator_name(ws, r, c, rec["kode"])
                else:
                    self._cell(ws, r, c, col.field, rec.get(col.field), level)
            height = max((_wrapped_height(str(rec.get(col.field) or ""), col.width) for col in columns
                          if col.field in _WRAP_COLUMNS), default=_LINE_HEIGHT)
            if height > _LINE_HEIGHT:
                ws.set_row(r, height)
        for c, col in enumerate(columns):
            self._column_validation(ws, sheet, c, col, last, codes)

    def _cell(self, ws: Worksheet, r: int, c: int, field_name: str, value: Any, level: int | None = None) -> None:
        name = "wrap" if field_name in _WRAP_COLUMNS else "text"
        if isinstance(value, float):
            name = "text" if field_name in _TEXT_COLUMNS else "rupiah" if field_name in _RUPIAH_COLUMNS else "number"
        fmt = self.f[name] if level is None else self._variant(name, level == 0, level if field_name == "nama" else 0)
        if value is None or value == "":
            check(ws.write_blank(r, c, None, fmt), "blank")
        elif isinstance(value, float):
            check(ws.write_number(r, c, value, fmt), "number")
        else:
            check(ws.write_string(r, c, str(value), fmt), "text")

    def _variant(self, name: str, bold: bool, indent: int) -> Format:
        if (name, bold, indent) not in self.variants:
            props = {**_CELL_FORMATS[name], **({"bold": True} if bold else {}), **({"indent": indent} if indent else {})}
            self.variants[(name, bold, indent)] = self.wb.add_format(props)
        return self.variants[(name, bold, indent)]

    def _column_validation(self, ws: Worksheet, sheet: str, c: int, col: H.Column, last: int,
                           codes: dict[str, str]) -> None:
        lists = {"polaritas": "Polaritas", "agregasi": "Agregasi", "tipe": "Tipe", "iku": "Ya/Tidak",
                 "wajib": "Ya/Tidak", "turun": "Ya/Tidak"}
        if col.field == "agregasi" and sheet == H.SHEET_INDIKATOR:
            self._list(ws, 1, c, last, "Agregasi Indikator", col.header)
        elif col.field in lists:
            self._list(ws, 1, c, last, lists[col.field], col.header)
        elif col.field == "bidang":
            self._validate_list(ws, 1, c, last, codes[H.SHEET_BIDANG], col.header,
                                "Pilih kode bidang dari lembar Bidang.")
        elif col.field == "sasaran" and sheet in (H.SHEET_INDIKATOR, H.SHEET_ANGGARAN):
            self._validate_list(ws, 1, c, last, codes[H.SHEET_SASARAN], col.header,
                                "Pilih kode sasaran dari lembar Sasaran.")
        elif sheet in H.OPTIONAL_SHEETS:
            self._optional_validation(ws, sheet, c, col, last, codes)
        elif col.field == "kode":
            rng = xl_range_abs(1, c, last, c)
            first = xl_rowcol_to_cell(1, c)
            check(ws.data_validation(1, c, last, c, {
                "validate": "custom", "value": f"=COUNTIF({rng},{first})=1", "ignore_blank": True,
                "input_title": "Kode", "input_message": "Kode unik: diawali huruf, tanpa spasi.",
                "error_type": "warning", "error_title": "Kode ganda",
                "error_message": f"Kode ini sudah dipakai di lembar {sheet}. Setiap kode harus berbeda.",
            }), "kode validation")
        elif col.field in ("min", "max"):
            check(ws.data_validation(1, c, last, c, {
                "validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
                "error_title": "Bukan angka", "error_message": "Tulis angka atau kosongkan.",
            }), "min/max validation")

    def _optional_validation(self, ws: Worksheet, sheet: str, c: int, col: H.Column, last: int,
                             codes: dict[str, str]) -> None:
        """Checks of the Anggaran and Renstra columns (the choice and bidang/sasaran lists are shared)."""
        if col.field == "kode" and sheet == H.SHEET_RENSTRA:
            self._validate_list(ws, 1, c, last, codes[H.SHEET_INDIKATOR], col.header,
                                "Pilih kode indikator dari lembar Indikator.")
        elif col.field == "kode":
            rng = xl_range_abs(1, c, last, c)
            check(ws.data_validation(1, c, last, c, {
                "validate": "custom", "value": f"=COUNTIF({rng},{xl_rowcol_to_cell(1, c)})=1",
                "ignore_blank": True, "input_title": "Kode rekening",
                "input_message": "Program 2.12.02, kegiatan 2.12.02.2.01, sub kegiatan 2.12.02.2.01.0001.",
                "error_type": "warning", "error_title": "Kode ganda",
                "error_message": "Kode rekening ini sudah dipakai di lembar Anggaran. Setiap kode harus berbeda.",
            }), "kode rekening validation")
        elif col.field in _RUPIAH_COLUMNS:
            check(ws.data_validation(1, c, last, c, {
                "validate": "decimal", "criteria": ">=", "value": 0,
                "error_title": "Bukan rupiah", "error_message": "Tulis rupiah 0 atau lebih, atau kosongkan.",
            }), "rupiah validation")
        elif col.field in _NUMBER_COLUMNS:
            check(ws.data_validation(1, c, last, c, {
                "validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
                "error_title": "Bukan angka", "error_message": "Tulis angka atau kosongkan.",
            }), "number validation")
        elif col.field == "tahun_awal":
            check(ws.data_validation(1, c, last, c, {
                "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "input_title": "Tahun Awal", "input_message": "Tahun pertama Renstra, misalnya 2023.",
                "error_title": "Tahun tidak sah", "error_message": "Tulis tahun empat angka antara 2000 dan 2100."}),
                "tahun awal validation")

    def _indikator_name(self, ws: Worksheet, r: int, c: int, kode: str) -> None:
        """The indicator's name, looked up live from the Indikator sheet (read by people, not by the loader)."""
        cols = [col.field for col in H.COLUMNS[H.SHEET_INDIKATOR]]
        sheet = quote_sheetname(H.SHEET_INDIKATOR) + "!"
        names = sheet + xl_range_abs(1, cols.index("nama"), self.indikator_last, cols.index("nama"))
        codes = sheet + xl_range_abs(1, cols.index("kode"), self.indikator_last, cols.index("kode"))
        key_cell = xl_rowcol_to_cell(r, 0, col_abs=True)
        check(ws.write_formula(r, c, f'=IFERROR(INDEX({names},MATCH({key_cell},{codes},0)),"")', self.f["wrap"],
                               self.names.get(kode, "")), "Renstra indicator name")
        ws.set_row(r, _wrapped_height(self.names.get(kode, ""), H.COLUMNS[H.SHEET_RENSTRA][c].width))


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, the header row on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&L&A&RHalaman &P dari &N")


_PETUNJUK_WIDTH = 100
_LINE_HEIGHT = 15  # points, one line of 11 pt text


def _wrapped_height(text: str, width: float) -> float:
    """Row height for wrapped text (neither Excel nor Calc grows rows of a generated file reliably)."""
    per_line = max(int(width * 1.1), 1)  # characters per line of a column ``width`` wide, roughly
    return _LINE_HEIGHT * max(1, math.ceil(len(text) / per_line))


def vars_of(obj: Any) -> dict[str, Any]:
    """A record's fields as a dict (enums as their text)."""
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return float(value)
    return getattr(value, "value", value)


def _target(t: Target | None) -> Any:
    if t is None:
        return None
    return t.low if not t.is_range else target_text(t)


def _indikator_row(i: Indikator) -> dict[str, Any]:
    rec = vars_of(i)
    rec["rumus"] = i.rumus.source
    rec["target_tahunan"] = _target(i.target_tahunan)
    for q, t in enumerate(i.target_tw, start=1):
        rec[f"target_tw{q}"] = _target(t)
    for q, aksi in enumerate(i.rencana_aksi, start=1):
        rec[f"aksi_tw{q}"] = aksi
    return rec


def _elemen_row(e: Elemen) -> dict[str, Any]:
    return {**vars_of(e), "turun": "" if e.turun is None else _plain(e.turun)}



def _renstra_row(r: Renstra) -> dict[str, Any]:
    rec: dict[str, Any] = {"kode": r.indikator, "tahun_awal": float(r.tahun_awal), "baseline": r.baseline}
    for k in range(H.RENSTRA_YEARS):
        rec[f"target{k + 1}"] = r.target[k]
        rec[f"realisasi{k + 1}"] = r.realisasi[k]
    rec["target_akhir_k"] = r.target_akhir_k
    return rec
