"""A corpus of submissions built in code: good forms from the real writer, and bad ones.

Import as ``from corpus import ...`` (tests/ is on the path). Good and most bad
forms come from :func:`kinerja_xl.forms.writer.write_form` with a
:class:`FormFill`; what the writer cannot produce is made by mutating its
output the way people and their tools do: openpyxl edits (rows inserted,
deleted, re-sorted, locked text changed, a sheet copied into a new workbook),
zip-level XML patches (a typed formula with its cached value, an error value,
a percent number format), cut bytes, stub OLE2 files (encrypted, ``.xls``),
an ``.ods`` and an ``.xlsm`` package, a zip bomb.

:func:`build_corpus` writes every case into a folder and returns
:class:`Case` records saying what ``check_file`` must find (code and cell).
Cells are located in the generated files with openpyxl (:func:`locate`),
independently of intake's own reader.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from factories import small_catalog
from openpyxl.utils import get_column_letter

from kinerja_xl.catalog.model import Bidang, Catalog, Elemen
from kinerja_xl.forms import layout
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.period import Period, parse_period

CREATED = dt.datetime(2025, 3, 20, 8, 0, 0)
PERIOD = parse_period("2025-TW1")
TANGGAL = dt.date(2025, 4, 7)

#: Values that pass every check (capaian ≥ 100 everywhere it can be computed).
GOOD: dict[str, dict[str, object]] = {
    "DAFDUK": {"E01": 1000, "E02": 960, "E03": 1100, "E04": 85, "E05": 98.5},
    "CAPIL": {"E06": 200, "E07": 190, "E08": 2.5},
    "PIAK": {"E09": 3, "E10": 400},
}


def catalog() -> Catalog:
    return small_catalog()


def write_good(path: Path, cat: Catalog | None = None, bidang: str = "DAFDUK", period: Period = PERIOD, *,
               values: Mapping[str, object] | None = None, kendala: Mapping[str, str] | None = None,
               keterangan: Mapping[str, str] | None = None, tanggal: dt.date | None = TANGGAL,
               changes: Mapping[str, object] | None = None) -> Path:
    """A filled form: the GOOD values of ``bidang`` with ``changes`` applied (``values`` replaces them)."""
    vals = dict(GOOD.get(bidang, {}) if values is None else values)
    vals.update(changes or {})
    fill = FormFill(values=vals, kendala=dict(kendala or {}), keterangan=dict(keterangan or {}), tanggal=tanggal)
    return write_form(cat or catalog(), bidang, period, Path(path), created=CREATED, fill=fill)


# --- locating cells independently (openpyxl) --------------------------------------------------


def _header_row(ws, *headers: str) -> tuple[int, dict[str, int]]:
    want = [layout.normalize_header(h) for h in headers]
    for row in ws.iter_rows():
        cols = {layout.normalize_header(c.value): c.column for c in row if isinstance(c.value, str)}
        if all(w in cols for w in want):
            return row[0].row, cols
    raise LookupError(f"no header row with {headers}")


def locate(path: Path, kode: str | None, header: str, *, table: str = "elemen") -> str:
    """The A1 cell of column ``header`` in the row of ``kode`` (``None``: the header row itself)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.SHEET_ISIAN]
    second = layout.H_ELEMEN if table == "elemen" else layout.H_INDIKATOR
    hr, cols = _header_row(ws, layout.H_KODE, second)
    col = cols[layout.normalize_header(header)]
    if kode is None:
        return f"{get_column_letter(col)}{hr}"
    kc = cols[layout.normalize_header(layout.H_KODE)]
    for r in range(hr + 1, ws.max_row + 1):
        if ws.cell(r, kc).value == kode:
            return f"{get_column_letter(col)}{r}"
    raise LookupError(f"{kode} not found in {path}")


def realisasi_cell(path: Path, kode: str) -> str:
    return locate(path, kode, layout.h_realisasi(PERIOD.n))


def kendala_cell(path: Path, kode: str) -> str:
    return locate(path, kode, layout.H_KENDALA, table="indikator")


# --- mutations -------------------------------------------------------------------------------


def edit_openpyxl(src: Path, dst: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    """Load with openpyxl, ``edit``, save as ``dst`` (formulas keep their text, lose cached values)."""
    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def _element_rows(ws) -> tuple[int, list[int], int]:
    """(kode column, element rows, realisasi column) of the Isian sheet, 1-based."""
    hr, cols = _header_row(ws, layout.H_KODE, layout.H_ELEMEN)
    kc = cols[layout.normalize_header(layout.H_KODE)]
    rows = []
    r = hr + 1
    while ws.cell(r, kc).value:
        rows.append(r)
        r += 1
    return kc, rows, cols[layout.normalize_header(layout.h_realisasi(PERIOD.n))]


def rewrite_element_rows(src: Path, dst: Path, reorder: Callable[[list[list[Any]]], list[list[Any]]]
                         ) -> Path:
    """Rewrite the element table's rows (values only) in a new order / with rows added or removed."""
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb[layout.SHEET_ISIAN]
        _, rows, _ = _element_rows(ws)
        width = ws.max_column
        data: list[list[Any]] = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in rows]
        new = reorder(data)
        extra = len(new) - len(rows)
        if extra > 0:
            ws.insert_rows(rows[-1] + 1, extra)
        elif extra < 0:
            ws.delete_rows(rows[0] + len(new), -extra)
        for i, line in enumerate(new):
            for c, v in enumerate(line, start=1):
                ws.cell(rows[0] + i, c).value = v
    return edit_openpyxl(src, dst, edit)


def set_cells(src: Path, dst: Path, cells: Mapping[str, object], sheet: str = layout.SHEET_ISIAN) -> Path:
    def edit(wb: openpyxl.Workbook) -> None:
        for ref, value in cells.items():
            wb[sheet][ref].value = value
    return edit_openpyxl(src, dst, edit)


def copy_without_meta(src: Path, dst: Path) -> Path:
    """The Isian sheet's values copied into a brand-new workbook (no _meta, no document properties)."""
    old = openpyxl.load_workbook(src, data_only=True)[layout.SHEET_ISIAN]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    for row in old.iter_rows():
        for c in row:
            if c.value is not None:
                ws.cell(c.row, c.column).value = c.value
    wb.save(dst)
    return dst


def patch_member(src: Path, dst: Path, member: str, patch: Callable[[bytes], bytes]) -> Path:
    """Copy a zip package, rewriting one member."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = patch(data)
            zout.writestr(info, data)
    return dst


def sheet_member(path: Path, sheet: str = layout.SHEET_ISIAN) -> str:
    """The zip member of a sheet (via workbook.xml and its relationships)."""
    with zipfile.ZipFile(path) as zf:
        wbx = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(\w+)"', wbx)
    assert rid, sheet
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def replace_cell_xml(src: Path, dst: Path, ref: str, make_xml: Callable[[str], str],
                     sheet: str = layout.SHEET_ISIAN) -> Path:
    """Replace the ``<c r="ref">`` element; ``make_xml(attrs)`` gets its attributes (s=… kept by the caller)."""
    pattern = re.compile(rf'<c r="{ref}"([^>]*?)(?:/>|>.*?</c>)'.encode(), re.DOTALL)

    def patch(xml: bytes) -> bytes:
        m = pattern.search(xml)
        assert m, f"cell {ref} not in sheet"
        attrs = re.sub(r'\st="\w+"', "", m.group(1).decode())
        return xml[:m.start()] + make_xml(attrs).encode() + xml[m.end():]
    return patch_member(src, dst, sheet_member(src, sheet), patch)


def typed_formula(src: Path, dst: Path, ref: str, formula: str, cached: float) -> Path:
    """A formula typed into an input cell, saved with its cached result (as Excel does)."""
    return replace_cell_xml(src, dst, ref, lambda a: f'<c r="{ref}"{a}><f>{formula}</f><v>{cached:g}</v></c>')


def error_value(src: Path, dst: Path, ref: str, error: str = "#DIV/0!") -> Path:
    return replace_cell_xml(src, dst, ref, lambda a: f'<c r="{ref}"{a} t="e"><v>{error}</v></c>')


def number_formatted(src: Path, dst: Path, ref: str, value: float, num_fmt_id: int) -> Path:
    """A number in a cell with a built-in number format, as Excel stores what a person typed.

    ``98%`` typed in Excel is the number 0.98 with format 9 (``0%``); ``1/3`` becomes the date
    serial 45717 with format 14 (a date).
    """
    tmp = dst.with_suffix(".tmp.xlsx")
    holder: dict[str, int] = {}

    def add_style(xml: bytes) -> bytes:
        text = xml.decode()
        m = re.search(r'<cellXfs count="(\d+)">', text)
        assert m
        holder["s"] = int(m.group(1))
        text = text.replace(m.group(0), f'<cellXfs count="{holder["s"] + 1}">', 1)
        text = text.replace("</cellXfs>", f'<xf numFmtId="{num_fmt_id}" fontId="0" fillId="0" borderId="0" '
                            'xfId="0" applyNumberFormat="1" applyProtection="1"><protection locked="0"/></xf>'
                            "</cellXfs>", 1)
        return text.encode()
    patch_member(src, tmp, "xl/styles.xml", add_style)
    replace_cell_xml(tmp, dst, ref, lambda a: f'<c r="{ref}" s="{holder["s"]}"><v>{value!r}</v></c>')
    tmp.unlink()
    return dst


def to_xlsm(src: Path, dst: Path) -> Path:
    """The same package with a VBA project and the macro-enabled content type."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            zout.writestr(info, data)
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return dst


def ole_stub(dst: Path, *streams: str) -> Path:
    """A minimal OLE2 compound file whose directory names ``streams`` (UTF-16LE), e.g. EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    body = bytearray(header.ljust(512, b"\0"))
    for name in ("Root Entry", *streams):
        body += (name.encode("utf-16-le") + b"\0\0").ljust(128, b"\0")
    dst.write_bytes(bytes(body).ljust(2048, b"\0"))
    return dst


def ods_stub(dst: Path) -> Path:
    with zipfile.ZipFile(dst, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
        zf.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    return dst


def zip_bomb(dst: Path, mb: int = 8) -> Path:
    """A package with one sheet of ``mb`` MB of zeros (compresses ~1000:1)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            for _ in range(mb):
                fh.write(b"\0" * (1 << 20))
    return dst


def plain_workbook(dst: Path) -> Path:
    """An ordinary workbook that is no form at all."""
    wb = xlsxwriter.Workbook(str(dst))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Nama", "Jumlah"])
    ws.write_row(1, 0, ["Kecamatan A", 10])
    wb.close()
    return dst


def changed_catalog(cat: Catalog) -> Catalog:
    """The catalog as it was before E01 was renamed (forms made with it are outdated now)."""
    elemen = tuple(dataclasses.replace(e, nama="Penduduk wajib KTP (lama)") if e.kode == "E01" else e
                   for e in cat.elemen)
    return dataclasses.replace(cat, elemen=elemen)


def catalog_with_extra_bidang(cat: Catalog) -> Catalog:
    return dataclasses.replace(
        cat, bidang=(*cat.bidang, Bidang("LAIN", "Bidang Lain")),
        elemen=(*cat.elemen, Elemen("E99", "Elemen lain", "unit", "LAIN")))


# --- the corpus -------------------------------------------------------------------------------


@dataclass
class Case:
    name: str  # file name in the corpus folder
    accepted: bool
    expected: list[tuple[str, str | None]]  # (code, cell) that must be among the findings
    previous: dict[str, float | None] = field(default_factory=dict)
    values: dict[str, float | None] | None = None  # the values that must be read (when given)
    bidang: str | None = "DAFDUK"


def build_corpus(folder: Path, cat: Catalog | None = None) -> list[Case]:
    """Write every case into ``folder``; return what checking each must give (period 2025-TW1)."""
    cat = cat or catalog()
    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / (folder.name + "-work")
    work.mkdir(exist_ok=True)
    good = write_good(work / "good.xlsx", cat)
    cases: list[Case] = []
    good_values = {k: float(v) for k, v in GOOD["DAFDUK"].items()}  # type: ignore[arg-type]

    def add(name: str, accepted: bool, expected: list[tuple[str, str | None]], **kw: object) -> None:
        assert (folder / name).exists(), name
        cases.append(Case(name, accepted, expected, **kw))  # type: ignore[arg-type]

    def fill(name: str, **kw: object) -> Path:
        return write_good(folder / name, cat, **kw)  # type: ignore[arg-type]

    r = lambda kode: realisasi_cell(good, kode)
    shutil.copyfile(good, folder / "baik.xlsx")
    add("baik.xlsx", True, [], values=good_values)

    # --- berkas ---
    (folder / "bukan-excel.xlsx").write_bytes(b"%PDF-1.4\n" + b"x" * 200)
    add("bukan-excel.xlsx", False, [("berkas-bukan-buku-kerja", None)], bidang=None)
    data = good.read_bytes()
    (folder / "terpotong.xlsx").write_bytes(data[: len(data) // 2])
    add("terpotong.xlsx", False, [("berkas-rusak", None)], bidang=None)
    ole_stub(folder / "bersandi.xlsx", "EncryptionInfo", "EncryptedPackage")
    add("bersandi.xlsx", False, [("berkas-bersandi", None)], bidang=None)
    ole_stub(folder / "lama.xls", "Workbook", "SummaryInformation")
    add("lama.xls", False, [("berkas-format-xls", None)], bidang=None)
    ods_stub(folder / "calc.ods")
    add("calc.ods", False, [("berkas-format-ods", None)], bidang=None)
    to_xlsm(good, folder / "makro.xlsm")
    add("makro.xlsm", False, [("berkas-format-xlsm", None)], bidang=None)
    zip_bomb(folder / "bom.xlsx")
    add("bom.xlsx", False, [("berkas-terlalu-besar", None)], bidang=None)
    copy_without_meta(good, folder / "salinan.xlsx")
    add("salinan.xlsx", False, [("berkas-tanpa-penanda", None)], values=good_values)
    plain_workbook(folder / "lain.xlsx")
    add("lain.xlsx", False, [("berkas-bukan-formulir", None)], bidang=None)
    write_good(folder / "tw2.xlsx", cat, period=parse_period("2025-TW2"))
    add("tw2.xlsx", False, [("berkas-periode-lain", None)])
    write_good(folder / "katalog-lama.xlsx", changed_catalog(cat))
    add("katalog-lama.xlsx", False, [("berkas-katalog-berubah", None)], values=good_values)
    extra = catalog_with_extra_bidang(cat)
    write_good(folder / "bidang-lain.xlsx", extra, "LAIN", values={"E99": 1})
    add("bidang-lain.xlsx", False, [("berkas-bidang-tidak-dikenal", None)], bidang="LAIN")

    def old_version(wb: openpyxl.Workbook) -> None:
        meta = wb[layout.SHEET_META]
        for row in meta.iter_rows():
            if row[0].value == layout.META_TEMPLATE_VERSION:
                row[1].value = "0"
        for prop in wb.custom_doc_props.props:  # type: ignore[attr-defined]
            if prop.name == layout.PROPERTY_PREFIX + layout.META_TEMPLATE_VERSION:
                prop.value = "0"
    edit_openpyxl(good, folder / "versi-lama.xlsx", old_version)
    add("versi-lama.xlsx", False, [("berkas-versi-templat", None)])
    edit_openpyxl(good, folder / "tanpa-isian.xlsx", lambda wb: wb.remove(wb[layout.SHEET_ISIAN]))
    add("tanpa-isian.xlsx", False, [("berkas-lembar-hilang", None)])

    # --- isian: rows by key ---
    rewrite_element_rows(good, folder / "baris-terbalik.xlsx", lambda rows: rows[::-1])
    add("baris-terbalik.xlsx", True, [], values=good_values)
    rewrite_element_rows(good, folder / "baris-sisip.xlsx", lambda rows: rows[:2] + [[None] * len(rows[0])] + rows[2:])
    add("baris-sisip.xlsx", True, [], values=good_values)
    kode_header = locate(good, None, layout.H_KODE)
    rewrite_element_rows(good, folder / "baris-hapus.xlsx", lambda rows: [x for x in rows if x[1] != "E03"])
    add("baris-hapus.xlsx", False, [("isian-elemen-hilang", kode_header)])
    rewrite_element_rows(good, folder / "baris-ganda.xlsx", lambda rows: rows + [list(rows[1])])
    dup_row = int(re.sub(r"\D", "", r("E05"))) + 1
    add("baris-ganda.xlsx", False, [("isian-elemen-ganda", f"B{dup_row}")])

    def rename_code(rows: list[list[Any]]) -> list[list[Any]]:
        return [[*x[:1], "E77", *x[2:]] if x[1] == "E03" else x for x in rows]
    rewrite_element_rows(good, folder / "kode-asing.xlsx", rename_code)
    add("kode-asing.xlsx", False, [("isian-elemen-asing", locate(good, "E03", layout.H_KODE)),
                                   ("isian-elemen-hilang", kode_header)])
    nama = locate(good, "E01", layout.H_ELEMEN)
    set_cells(good, folder / "nama-diubah.xlsx", {nama: "Jumlah penduduk (diubah)"})
    add("nama-diubah.xlsx", False, [("isian-isi-terkunci-diubah", nama)])
    target = locate(good, "IK01", layout.h_target(1), table="indikator")
    set_cells(good, folder / "target-diubah.xlsx", {target: 90})
    add("target-diubah.xlsx", False, [("isian-target-diubah", target)])
    set_cells(good, folder / "kepala-diubah.xlsx", {"C4": ": CAPIL Pelayanan Pencatatan Sipil"})
    add("kepala-diubah.xlsx", False, [("isian-kepala-diubah", "C4")])
    typed_formula(good, folder / "rumus-diketik.xlsx", r("E03"), "1000+100", 1100)
    add("rumus-diketik.xlsx", False, [("isian-rumus-diketik", r("E03"))])
    capaian = locate(good, "IK01", layout.h_capaian(1), table="indikator")
    set_cells(good, folder / "rumus-ditimpa.xlsx", {capaian: 101})
    add("rumus-ditimpa.xlsx", True, [("isian-rumus-dihapus", capaian)], values=good_values)
    below = f"E{int(re.sub(r'[A-Z]', '', r('E05'))) + 1}"
    set_cells(good, folder / "tanpa-kode.xlsx", {below: 5})
    add("tanpa-kode.xlsx", False, [("isian-baris-tanpa-kode", below)])
    fill("kendala-kosong.xlsx", changes={"E02": 800})
    add("kendala-kosong.xlsx", False, [("isian-kendala-kosong", kendala_cell(good, "IK01"))])
    fill("kendala-diisi.xlsx", changes={"E02": 800}, kendala={"IK01": "Alat perekaman rusak; diganti April."})
    add("kendala-diisi.xlsx", True, [])

    ind_kode_header = locate(good, None, layout.H_KODE, table="indikator")
    ik02 = locate(good, "IK02", layout.H_KODE, table="indikator")
    set_cells(good, folder / "indikator-asing.xlsx", {ik02: "IK99"})
    add("indikator-asing.xlsx", False, [("isian-indikator-asing", ik02),
                                        ("isian-indikator-hilang", ind_kode_header)])
    last_ind = locate(good, "IK04", layout.H_KODE, table="indikator")
    below_ind = f"B{int(last_ind[1:]) + 1}"
    set_cells(good, folder / "indikator-ganda.xlsx", {below_ind: "IK01"})
    add("indikator-ganda.xlsx", False, [("isian-indikator-ganda", below_ind)])
    h_real = locate(good, None, layout.h_realisasi(1))
    set_cells(good, folder / "kolom-hilang.xlsx", {h_real: "Realisasi"})
    add("kolom-hilang.xlsx", False, [("isian-kolom-hilang", f"A{h_real[1:]}")])
    h_ind = locate(good, None, layout.H_INDIKATOR, table="indikator")
    set_cells(good, folder / "tabel-hilang.xlsx", {h_ind: "Sasaran"})
    add("tabel-hilang.xlsx", False, [("isian-tabel-hilang", None)])
    set_cells(good, folder / "tanggal-teks.xlsx", {"C5": "awal April"}, sheet=layout.SHEET_PENGESAHAN)
    add("tanggal-teks.xlsx", True, [("isian-tanggal-tidak-dikenali", "C5")], values=good_values)

    # --- nilai ---
    fill("teks-angka.xlsx", changes={"E01": "1.000", "E04": "85,5", "E05": "98,5%"})
    add("teks-angka.xlsx", True, [("nilai-teks-angka", r("E01")), ("nilai-teks-angka", r("E04")),
                                  ("nilai-teks-angka", r("E05"))],
        values={**good_values, "E01": 1000.0, "E04": 85.5, "E05": 98.5})
    fill("kosong-boleh.xlsx", changes={"E04": "-"})
    add("kosong-boleh.xlsx", True, [], values={**good_values, "E04": None})
    fill("na.xlsx", changes={"E04": "N/A"})
    add("na.xlsx", True, [], values={**good_values, "E04": None})
    error_value(good, folder / "galat.xlsx", r("E03"))
    add("galat.xlsx", False, [("nilai-galat", r("E03"))])
    number_formatted(good, folder / "tanggal.xlsx", r("E03"), 45717.0, 14)  # "1/3" typed: 1 March 2025
    add("tanggal.xlsx", False, [("nilai-tanggal", r("E03"))])
    fill("teks.xlsx", changes={"E03": "abc"})
    add("teks.xlsx", False, [("nilai-bukan-angka", r("E03"))])
    fill("negatif.xlsx", changes={"E03": -5})
    add("negatif.xlsx", False, [("nilai-negatif", r("E03"))])
    fill("persen-120.xlsx", changes={"E05": 120})
    add("persen-120.xlsx", False, [("nilai-persen-lebih-100", r("E05"))])
    fill("di-atas-maks.xlsx", changes={"E04": 120})
    add("di-atas-maks.xlsx", False, [("nilai-di-atas-maksimum", r("E04"))])
    fill("pecahan.xlsx", changes={"E03": 10.5})
    add("pecahan.xlsx", False, [("nilai-pecahan", r("E03"))])
    fill("wajib-kosong.xlsx", changes={"E03": None})
    add("wajib-kosong.xlsx", False, [("nilai-wajib-kosong", r("E03"))])
    fill("pembilang.xlsx", changes={"E02": 1100})
    add("pembilang.xlsx", False, [("nilai-pembilang-lebih-besar", r("E02"))])
    fill("turun.xlsx")
    add("turun.xlsx", True, [("nilai-turun", r("E01"))], previous={"E01": 1200.0})
    fill("lonjakan.xlsx")
    add("lonjakan.xlsx", True, [("nilai-lonjakan", r("E04"))], previous={"E04": 8.0})
    fill("satuan-berbalik.xlsx")
    add("satuan-berbalik.xlsx", True, [("nilai-satuan-berbalik", r("E05"))], previous={"E05": 0.97})
    number_formatted(good, folder / "format-persen.xlsx", r("E05"), 0.985, 10)
    add("format-persen.xlsx", True, [("nilai-format-persen", r("E05"))], values={**good_values, "E05": 98.5})
    shutil.rmtree(work)
    return cases
