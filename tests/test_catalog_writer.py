"""Writing katalog.xlsx: what the Kasubag sees (sheets, headers, drop-downs, Petunjuk) and the round trip."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import recalculate
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl import rumus
from kinerja_xl.catalog.budget_loader import rekening_key
from kinerja_xl.catalog.headers import COLUMNS, LISTS, SETTINGS, VALIDATION_ROWS
from kinerja_xl.catalog.loader import load_catalog
from kinerja_xl.catalog.model import (
    SKALA,
    Agregasi,
    Anggaran,
    BatasCapaian,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    Renstra,
    RumusNegatif,
    Sasaran,
    Target,
    TipeElemen,
)
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog

DATA_SHEETS = ["Instansi", "Bidang", "Sasaran", "Indikator", "Elemen"]

#: Elements and budget rows aggregate their own quarters ("dari elemen" is for indicators only).
OWN_AGREGASI = [a for a in Agregasi if a is not Agregasi.DARI_ELEMEN]


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("sample") / "katalog.xlsx", build_sample_catalog())


@pytest.fixture(scope="module")
def empty_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("empty") / "katalog.xlsx", None)


def header_cells(ws: Worksheet) -> dict[str, str]:
    return {c.value: c.column_letter for c in ws[1] if c.value}


def validation_for(ws: Worksheet, cell: str) -> openpyxl.worksheet.datavalidation.DataValidation:
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (ws.title, cell, found)
    return found[0]


def daftar_values(wb: openpyxl.Workbook, ref: str) -> list[str]:
    sheet, rng = ref.split("!")
    return [row[0].value for row in wb[sheet.strip("'")][rng.replace("$", "")]]


# --- the workbook a person opens ----------------------------------------------------------


def test_sheets_order_and_visibility(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    assert wb.sheetnames == ["Petunjuk", *DATA_SHEETS, "Anggaran", "Renstra", "Daftar"]
    assert [ws.sheet_state for ws in wb] == ["visible"] * 8 + ["hidden"]
    assert wb.active.title == "Petunjuk"


@pytest.mark.parametrize("sheet", ["Bidang", "Sasaran", "Indikator", "Elemen"])
def test_table_headers_bold_frozen_commented_and_wide_enough(sample_path: Path, sheet: str) -> None:
    ws = openpyxl.load_workbook(sample_path)[sheet]
    assert [c.value for c in ws[1]] == [col.header for col in COLUMNS[sheet]]
    for cell, col in zip(ws[1], COLUMNS[sheet], strict=True):
        assert cell.font.b
        assert cell.comment is not None and cell.comment.text.strip() == col.comment
        assert ws.column_dimensions[cell.column_letter].width >= 7
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref is not None


def test_instansi_sheet_labels_values_and_notes(sample_path: Path) -> None:
    ws = openpyxl.load_workbook(sample_path)["Instansi"]
    assert [c.value for c in ws[1]] == ["Pengaturan", "Isian", "Keterangan"]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert [ws.cell(r, 1).value for r in range(2, 2 + len(SETTINGS))] == [s.label for s in SETTINGS]
    assert all(ws.cell(r, 3).value for r in range(2, 2 + len(SETTINGS)))
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 2 + len(SETTINGS))}
    assert values["Tahun"] == 2025
    assert values["Nama OPD"] == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh"
    assert values["Skala Predikat"] == "Permendagri 86/2017"
    assert values["NIP Kepala OPD"] == "196905141994031005"


def test_daftar_lists(sample_path: Path) -> None:
    ws = openpyxl.load_workbook(sample_path)["Daftar"]
    for c, (title, values) in enumerate(LISTS, start=1):
        assert ws.cell(1, c).value == title
        assert [ws.cell(r, c).value for r in range(2, 2 + len(values))] == list(values)
    assert ws.cell(2, 5).value == "Permendagri 86/2017" and ws.cell(5, 5).value == "Lampu lalu lintas"


@pytest.mark.parametrize(("sheet", "header", "expected"), [
    ("Indikator", "Polaritas", ["positif", "negatif", "rentang"]),
    ("Indikator", "Agregasi", ["kumulatif", "nilai akhir", "rata-rata", "dari elemen"]),
    ("Indikator", "IKU", ["ya", "tidak"]),
    ("Elemen", "Tipe", ["bilangan bulat", "desimal", "persen"]),
    ("Elemen", "Wajib", ["ya", "tidak"]),
    ("Elemen", "Agregasi", ["kumulatif", "nilai akhir", "rata-rata"]),
])
def test_choice_dropdowns_come_from_daftar(sample_path: Path, sheet: str, header: str,
                                           expected: list[str]) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb[sheet]
    col = header_cells(ws)[header]
    n = ws.max_row - 1  # data rows
    dv = validation_for(ws, f"{col}2")
    assert dv.type == "list" and dv.showErrorMessage and dv.error and dv.prompt
    assert f"{col}{n + VALIDATION_ROWS + 1}" in dv.sqref and f"{col}{n + VALIDATION_ROWS + 2}" not in dv.sqref
    assert dv.formula1.startswith("Daftar!")
    assert daftar_values(wb, dv.formula1) == expected


@pytest.mark.parametrize(("sheet", "header", "source"), [
    ("Indikator", "Bidang", "Bidang!$A$2:$A$"),
    ("Elemen", "Bidang Pengisi", "Bidang!$A$2:$A$"),
    ("Indikator", "Sasaran", "Sasaran!$A$2:$A$"),
])
def test_code_dropdowns_come_from_their_sheets(sample_path: Path, sheet: str, header: str, source: str) -> None:
    ws = openpyxl.load_workbook(sample_path)[sheet]
    dv = validation_for(ws, f"{header_cells(ws)[header]}2")
    assert dv.type == "list" and dv.formula1.startswith(source)


def test_instansi_dropdowns_and_number_checks(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb["Instansi"]
    row = {ws.cell(r, 1).value: r for r in range(2, 2 + len(SETTINGS))}
    skala = validation_for(ws, f"B{row['Skala Predikat']}")
    assert daftar_values(wb, skala.formula1) == list(SKALA)
    assert daftar_values(wb, validation_for(ws, f"B{row['Rumus Polaritas Negatif']}").formula1) == [
        "linear", "rasio"]
    assert daftar_values(wb, validation_for(ws, f"B{row['Batas Capaian (%)']}").formula1) == [
        "tanpa batas", "100", "120", "200"]
    assert daftar_values(wb, validation_for(ws, f"B{row['Ukuran Kertas']}").formula1) == ["F4", "A4", "A3"]
    tahun = validation_for(ws, f"B{row['Tahun']}")
    assert (tahun.type, tahun.formula1, tahun.formula2) == ("whole", "2000", "2100")
    hari = validation_for(ws, f"B{row['Batas Pengisian (hari)']}")
    assert (hari.type, hari.formula1, hari.formula2) == ("whole", "1", "366")


def test_code_columns_warn_on_duplicates(sample_path: Path) -> None:
    ws = openpyxl.load_workbook(sample_path)["Elemen"]
    dv = validation_for(ws, "A2")
    assert dv.type == "custom" and dv.formula1.startswith("COUNTIF($A$2:$A$") and dv.errorStyle == "warning"


def test_rumus_codes_nips_and_range_targets_are_text(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb["Indikator"]
    h = header_cells(ws)
    for r in range(2, ws.max_row + 1):
        assert ws[f"{h['Rumus']}{r}"].data_type == "s"
        assert ws[f"{h['Kode']}{r}"].data_type == "s"
        assert ws[f"{h['Rumus']}{r}"].number_format == "@"
    ik05 = 6  # IK05, the rentang indicator with target 2-3
    assert ws[f"A{ik05}"].value == "IK05"
    assert ws[f"{h['Target Tahunan']}{ik05}"].value == "2-3"
    assert ws[f"{h['Target Tahunan']}2"].value == 98.5  # a single target is a number
    assert ws[f"{h['IKU']}2"].value == "ya" and ws[f"{h['Polaritas']}2"].value == "positif"
    nip = wb["Bidang"]["D2"]
    assert (nip.value, nip.data_type) == ("197208231998032004", "s")


def test_petunjuk_explains_every_sheet_the_rumus_and_targets(sample_path: Path) -> None:
    ws = openpyxl.load_workbook(sample_path)["Petunjuk"]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    for sheet in DATA_SHEETS:
        assert f"Lembar {sheet}" in text
    for words in ("DAF03 / DAF01 * 100", "MIN, MAX, SUM, ABS", "80-90", "80 s.d. 90", "kumulatif",
                  "nilai akhir", "rata-rata", "Permendagri 86/2017", "(2 × target − realisasi)"):
        assert words in text, words
    for col in COLUMNS["Indikator"]:
        assert col.header in text
    assert ws.column_dimensions["A"].width >= 100 and ws["A4"].alignment.wrap_text


def test_empty_catalog_has_headers_defaults_and_500_rows_of_dropdowns(empty_path: Path) -> None:
    wb = openpyxl.load_workbook(empty_path)
    ins = wb["Instansi"]
    values = {ins.cell(r, 1).value: ins.cell(r, 2).value for r in range(2, 2 + len(SETTINGS))}
    assert values["Pemerintah Daerah"] is None and values["Nama OPD"] is None
    assert values["Skala Predikat"] == "Permendagri 86/2017"
    assert values["Rumus Polaritas Negatif"] == "linear"
    assert values["Batas Capaian (%)"] == "tanpa batas"
    assert values["Batas Pengisian (hari)"] == 10
    assert values["Jabatan Penyusun"] == "Kepala Sub Bagian Perencanaan"
    for sheet in ("Bidang", "Sasaran", "Indikator", "Elemen"):
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == [col.header for col in COLUMNS[sheet]]
        assert all(c.value is None for row in ws.iter_rows(min_row=2) for c in row)
    ws = wb["Indikator"]
    dv = validation_for(ws, "E2")
    assert f"E{VALIDATION_ROWS + 1}" in dv.sqref


def test_empty_catalog_loads_to_findings_asking_to_fill_it(empty_path: Path) -> None:
    result = load_catalog(empty_path)
    assert result.catalog is None
    assert [(f.code, f.sheet, f.cell) for f in result.errors] == [
        ("katalog-isian-kosong", "Instansi", "B2"), ("katalog-isian-kosong", "Instansi", "B3")]
    assert [(f.code, f.sheet) for f in result.warnings] == [
        ("katalog-lembar-kosong", s) for s in ("Bidang", "Sasaran", "Indikator", "Elemen")]


def test_same_catalog_same_bytes(tmp_path: Path) -> None:
    a = write_catalog(tmp_path / "a.xlsx", build_sample_catalog()).read_bytes()
    b = write_catalog(tmp_path / "b.xlsx", build_sample_catalog()).read_bytes()
    assert a == b


def test_overwrites_atomically(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(b"old")
    write_catalog(path, None)
    assert path.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["katalog.xlsx"]


# --- round trip -------------------------------------------------------------------------------


def test_sample_round_trip(sample_path: Path) -> None:
    result = load_catalog(sample_path)
    assert result.findings == []
    assert result.catalog == build_sample_catalog()


_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/()%'éö–"
TEXT = st.text(_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
CODE = st.from_regex(r"[A-Z][A-Z0-9_]{0,6}", fullmatch=True)
NUMBER = st.integers(-10**9, 10**9).map(lambda n: n / 100)


@st.composite
def targets(draw: st.DrawFn) -> Target | None:
    kind = draw(st.sampled_from(["none", "single", "range"]))
    if kind == "none":
        return None
    a, b = draw(NUMBER), draw(NUMBER)
    if kind == "single" or a == b:
        return Target.single(a)
    return Target(min(a, b), max(a, b))


RUPIAH = st.one_of(st.none(), st.integers(0, 10**12).map(float))
OPTIONAL_NUMBER = st.one_of(st.none(), NUMBER)


@st.composite
def budget_trees(draw: st.DrawFn, bidang: list[str], sasaran: list[str]) -> tuple[Anggaran, ...]:
    """Programs → kegiatan → sub kegiatan; a parent's pagu is the sum below it (as the loader fills it)."""
    rows: list[Anggaran] = []

    def node(kode: str, pagu: float | None, sub: bool) -> Anggaran:
        return Anggaran(kode, draw(TEXT), draw(TEXT), draw(TEXT),
                        draw(st.sampled_from(bidang)) if sub or draw(st.booleans()) else "",
                        draw(st.one_of(st.just(""), st.sampled_from(sasaran))), draw(st.sampled_from(OWN_AGREGASI)),
                        pagu, draw(OPTIONAL_NUMBER), draw(OPTIONAL_NUMBER), draw(RUPIAH), draw(OPTIONAL_NUMBER),
                        draw(RUPIAH))

    def total(children: list[Anggaran]) -> float | None:
        pagus = [c.pagu for c in children if c.pagu is not None]
        return math.fsum(pagus) if pagus else draw(RUPIAH)

    for p in draw(st.lists(st.integers(1, 99), max_size=2, unique=True)):
        program = f"2.{draw(st.sampled_from(['12', 'XX']))}.{p:02d}"
        kegiatan = []
        for k in draw(st.lists(st.integers(1, 99), max_size=2, unique=True)):
            kode = f"{program}.2.{k:02d}"
            subs = [node(f"{kode}.{n:04d}", draw(RUPIAH), True)
                    for n in draw(st.lists(st.integers(1, 9999), max_size=2, unique=True))]
            kegiatan.append(node(kode, total(subs), False))
            rows += subs
        rows += [*kegiatan, node(program, total(kegiatan), False)]
    return tuple(sorted(rows, key=lambda a: rekening_key(a.kode)))


@st.composite
def renstra_plans(draw: st.DrawFn, indikator: list[str], tahun: int) -> tuple[Renstra, ...]:
    plans = []
    for kode in draw(st.lists(st.sampled_from(indikator), unique=True)) if indikator else []:
        awal = max(2000, tahun - draw(st.integers(0, 4)))
        realisasi = tuple(draw(OPTIONAL_NUMBER) if awal + k <= tahun else None for k in range(5))
        plans.append(Renstra(kode, awal, draw(OPTIONAL_NUMBER), tuple(draw(OPTIONAL_NUMBER) for _ in range(5)),
                             realisasi))
    return tuple(plans)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    bidang = [Bidang(c, draw(TEXT), draw(OPTIONAL_TEXT), draw(st.one_of(st.just(""), st.from_regex(r"\d{18}",
                                                                                                      fullmatch=True))))
              for c in draw(st.lists(CODE, min_size=1, max_size=3, unique=True))]
    sasaran = [Sasaran(c, draw(TEXT)) for c in draw(st.lists(CODE, min_size=1, max_size=3, unique=True))]
    elemen = []
    for c in draw(st.lists(CODE, min_size=1, max_size=5, unique=True)):
        lo, hi = draw(st.one_of(st.none(), NUMBER)), draw(st.one_of(st.none(), NUMBER))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        elemen.append(Elemen(c, draw(TEXT), draw(TEXT), draw(st.sampled_from(bidang)).kode,
                             draw(st.sampled_from(TipeElemen)), lo, hi, draw(st.booleans()),
                             draw(st.sampled_from(OWN_AGREGASI))))
    leaf = st.one_of(st.sampled_from([e.kode for e in elemen]), st.integers(0, 1000).map(str))
    expr = st.recursive(leaf, lambda ch: st.one_of(
        st.tuples(ch, st.sampled_from("+-*/"), ch).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.lists(ch, min_size=1, max_size=3).map(lambda xs: f"MAX({', '.join(xs)})")), max_leaves=5)
    indikator = [
        Indikator(c, draw(st.sampled_from(sasaran)).kode, draw(TEXT), draw(TEXT), draw(st.sampled_from(Polaritas)),
                  draw(st.sampled_from(Agregasi)), rumus.parse(draw(expr)), draw(targets()),
                  (draw(targets()), draw(targets()), draw(targets()), draw(targets())), draw(st.booleans()),
                  draw(st.sampled_from(bidang)).kode, draw(OPTIONAL_TEXT), draw(OPTIONAL_TEXT))
        for c in draw(st.lists(CODE, min_size=0, max_size=4, unique=True))
    ]
    instansi = Instansi(
        pemerintah_daerah=draw(TEXT), nama_opd=draw(TEXT), alamat=draw(OPTIONAL_TEXT),
        tahun=draw(st.integers(2000, 2100)), kepala_nama=draw(OPTIONAL_TEXT), kepala_nip=draw(OPTIONAL_TEXT),
        kepala_jabatan=draw(OPTIONAL_TEXT), skala=draw(st.sampled_from(list(SKALA))),
        rumus_negatif=draw(st.sampled_from(RumusNegatif)), batas_capaian=draw(st.sampled_from(BatasCapaian)),
        batas_pengisian_hari=draw(st.integers(1, 366)), sandi=draw(OPTIONAL_TEXT),
        sekretaris_nama=draw(OPTIONAL_TEXT), sekretaris_nip=draw(OPTIONAL_TEXT), penyusun_nama=draw(OPTIONAL_TEXT),
        penyusun_nip=draw(OPTIONAL_TEXT), penyusun_jabatan=draw(OPTIONAL_TEXT),
        kertas=draw(st.sampled_from(("F4", "A4", "A3"))))
    anggaran = draw(budget_trees([b.kode for b in bidang], [x.kode for x in sasaran]))
    renstra = draw(renstra_plans([i.kode for i in indikator], instansi.tahun))
    return Catalog(instansi, tuple(bidang), tuple(sasaran), tuple(indikator), tuple(elemen), anggaran, renstra)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_round_trip_any_catalog(catalog: Catalog) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = load_catalog(write_catalog(Path(tmp) / "katalog.xlsx", catalog))
    assert result.errors == []
    assert result.catalog == catalog


@pytest.mark.libreoffice
def test_catalog_saved_by_libreoffice_loads_the_same(sample_path: Path, tmp_path: Path) -> None:
    """The Kasubag edits the catalog in Calc and saves it: it must still load to the same catalog."""
    [saved] = recalculate([sample_path], tmp_path)
    result = load_catalog(saved)
    assert result.errors == []
    assert result.catalog == build_sample_catalog()


@pytest.mark.parametrize("sheet", ["Instansi", "Bidang", "Sasaran", "Indikator", "Elemen"])
def test_print_settings(sample_path: Path, sheet: str) -> None:
    ws = openpyxl.load_workbook(sample_path)[sheet]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert "&P" in ws.oddFooter.right.text


def test_long_wrapped_text_gets_taller_rows(sample_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    ws = wb["Indikator"]
    h = header_cells(ws)
    for r in range(2, ws.max_row + 1):
        longest = max(len(ws[f"{h[name]}{r}"].value or "") for name in ("Nama Indikator", "Definisi Operasional"))
        height = ws.row_dimensions[r].height
        assert (height or 15) >= 15 * (longest // 60), (r, longest, height)
    assert any(ws.row_dimensions[r].height for r in range(2, ws.max_row + 1))
    pet = wb["Petunjuk"]
    assert all(pet.row_dimensions[c.row].height for c in pet["A"] if c.value and len(c.value) > 120)
