"""Percent-formatted cells read as the person meant them: ``42%`` typed is stored as 0.42 and meant as 42.

Forms (a *persen* input) and the catalog (Min, Max, targets, Renstra figures), typed in
LibreOffice Calc through its own input (UNO ``.uno:EnterString``) and with openpyxl; and the
unit-flip warning when a persen element goes from a fraction to a percent or back.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from corpus import (
    PERIOD,
    catalog,
    kendala_cell,
    locate,
    number_formatted,
    realisasi_cell,
    write_good,
)
from libreoffice import fill_like_a_person, typed
from test_catalog_loader import col_of, row_of

from kinerja_xl import numfmt
from kinerja_xl.catalog.loader import load_catalog
from kinerja_xl.catalog.model import Target
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms import layout
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.result import Previous, Verdict
from kinerja_xl.period import parse_period

CAT = catalog()
FILLED = {"E01": 1250, "E02": 1200, "E03": 1004, "E04": 86.25}


@pytest.mark.parametrize(("code", "percent"), [
    ("0%", True), ("0.00%", True), ("#,##0.0%", True), ('0"%"', False), ("0\\%", False), ("General", False),
    ("[Red]0%", True), ("#,##0.00", False),
])
def test_percent_format_codes(code: str, percent: bool) -> None:
    assert numfmt.is_percent_format(code) is percent


@pytest.mark.libreoffice(uno=True)
def test_42_percent_typed_in_calc_into_a_persen_input_is_read_as_42(tmp_path: Path) -> None:
    blank = write_good(tmp_path / "kosong.xlsx", CAT, values={}, tanggal=None)
    cells: dict[tuple[str, str], object] = {(layout.SHEET_ISIAN, realisasi_cell(blank, k)): v for k, v in FILLED.items()}
    e05 = realisasi_cell(blank, "E05")
    cells[(layout.SHEET_ISIAN, e05)] = typed("42%")
    cells[(layout.SHEET_ISIAN, kendala_cell(blank, "IK02"))] = "Blangko cukup"
    cells[(layout.SHEET_ISIAN, kendala_cell(blank, "IK04"))] = "Sistem antrean baru"
    filled = tmp_path / "diisi-di-calc.xlsx"
    assert not fill_like_a_person(blank, filled, cells).refused
    res = check_file(filled, CAT, PERIOD, display_name=filled.name)
    assert res.values["E05"] == 42.0
    assert res.raw_values["E05"] == 0.42  # what the file holds
    [note] = [f for f in res.findings if f.code == "nilai-format-persen"]
    assert note.cell == e05 and "dibaca sebagai 42" in note.message and "0,42" in note.message
    assert res.verdict is Verdict.ACCEPTED, [f.describe() for f in res.findings]


def test_a_percent_formatted_persen_value_above_one_is_read_as_typed_too(tmp_path: Path) -> None:
    good = write_good(tmp_path / "g.xlsx", CAT)
    cell = realisasi_cell(good, "E05")
    path = number_formatted(good, tmp_path / "p.xlsx", cell, 1.5, 10)  # "150%" typed
    res = check_file(path, CAT, PERIOD, display_name=path.name)
    assert res.values["E05"] == 150.0
    assert {f.code for f in res.findings if f.cell == cell} == {"nilai-format-persen", "nilai-persen-lebih-100"}
    assert res.verdict is Verdict.RETURNED


@pytest.mark.parametrize(("before", "now", "flip"), [(42.0, 0.713, True), (0.42, 71.3, True), (42.0, 71.3, False),
                                                     (0.42, 0.5, False), (0.0, 0.5, False)])
def test_a_persen_value_that_flips_between_fraction_and_percent_is_a_warning(
        tmp_path: Path, before: float, now: float, flip: bool) -> None:
    tw2 = parse_period("2025-TW2")
    path = write_good(tmp_path / "tw2.xlsx", CAT, period=tw2, changes={"E05": now},
                      kendala={"IK02": "-", "IK04": "Sistem antrean baru", "IK01": "-", "IK03": "-"})
    res = check_file(path, CAT, tw2, display_name=path.name, previous=Previous(elements={"E05": before}))
    found = [f for f in res.findings if f.code == "nilai-satuan-berbalik"]
    assert bool(found) is flip, [f.describe() for f in res.findings]
    if flip:
        assert found[0].cell == locate(path, "E05", layout.h_realisasi(2))
        assert all(t in found[0].message for t in (f"{now:g}".replace(".", ","), f"{before:g}".replace(".", ",")))
        assert not [f for f in res.findings if f.code == "nilai-lonjakan"]  # one warning, the precise one
        assert res.verdict is Verdict.ACCEPTED


def test_percent_value_is_the_number_typed() -> None:
    assert [numfmt.percent_value(x) for x in (0.713, 0.42, 1, 0.985, 0.075)] == [71.3, 42, 100, 98.5, 7.5]


def _sample_catalog(tmp_path: Path) -> Path:
    path = tmp_path / "katalog-asli.xlsx"
    write_catalog(path, build_sample_catalog())
    return path


def test_catalog_percent_cells_typed_in_excel_are_read_as_meant(tmp_path: Path) -> None:
    src = _sample_catalog(tmp_path)
    wb = openpyxl.load_workbook(src)
    cells = {}
    for sheet, kode, header, value in (("Elemen", "PIA03", "Max", 1), ("Elemen", "PIA03", "Min", 0.5),
                                       ("Indikator", "IK04", "Target Tahunan", 0.45),
                                       ("Renstra", "IK01", "Target Tahun 1", 0.75)):
        ws = wb[sheet]
        cell = ws.cell(row_of(ws, kode), col_of(ws, header))
        cell.value, cell.number_format = value, "0%"
        cells[(sheet, header)] = cell.coordinate
    dst = tmp_path / "katalog.xlsx"
    wb.save(dst)
    res = load_catalog(dst)
    assert res.catalog is not None, [f.describe() for f in res.errors]
    e = next(e for e in res.catalog.elemen if e.kode == "PIA03")
    assert (e.min, e.max) == (50.0, 100.0)
    assert next(i for i in res.catalog.indikator if i.kode == "IK04").target_tahunan == Target.single(45.0)
    assert next(r for r in res.catalog.renstra if r.indikator == "IK01").target[0] == 75.0
    notes = {(f.sheet, f.cell) for f in res.findings if f.code == "katalog-format-persen"}
    assert notes == {(sheet, cell) for (sheet, _), cell in cells.items()}


@pytest.mark.libreoffice(uno=True)
def test_100_percent_typed_in_calc_as_a_max_is_read_as_100(tmp_path: Path) -> None:
    src = _sample_catalog(tmp_path)
    wb = openpyxl.load_workbook(src)
    ws = wb["Elemen"]
    max_cell = ws.cell(row_of(ws, "PIA03"), col_of(ws, "Max")).coordinate
    rs = wb["Renstra"]
    renstra_cell = rs.cell(row_of(rs, "IK01"), col_of(rs, "Target Tahun 1")).coordinate
    wb.close()
    dst = tmp_path / "katalog.xlsx"
    assert not fill_like_a_person(src, dst, {("Elemen", max_cell): typed("100%"),
                                             ("Renstra", renstra_cell): typed("75%")}).refused
    res = load_catalog(dst)
    assert res.catalog is not None, [f.describe() for f in res.errors]
    assert next(e for e in res.catalog.elemen if e.kode == "PIA03").max == 100.0
    assert next(r for r in res.catalog.renstra if r.indikator == "IK01").target[0] == 75.0


@pytest.mark.libreoffice(uno=True)
def test_62_percent_typed_in_calc_as_anggaran_fisik_is_read_as_62(tmp_path: Path) -> None:
    from anggaran_data import SUB_DAFDUK_1
    from test_intake_anggaran import FISIK, cell, check, found, write_budget

    good = write_budget(tmp_path / "good.xlsx")
    ref = cell(good, SUB_DAFDUK_1, FISIK)
    filled = tmp_path / "diisi-di-calc.xlsx"
    assert not fill_like_a_person(good, filled, {(layout.SHEET_ANGGARAN, ref): typed("62%")}).refused
    res = check(filled)
    assert res.anggaran[SUB_DAFDUK_1][FISIK] == 62.0
    assert ("nilai-format-persen", layout.SHEET_ANGGARAN, ref) in found(res)
