"""The LibreOffice oracle itself: it must recalculate, and it must be able to fail."""

from __future__ import annotations

import zipfile
from pathlib import Path

import libreoffice
import openpyxl
import pytest
import xlsxwriter
from libreoffice import (
    FillJob,
    LibreOfficeError,
    check_libreoffice,
    compare_recalculated,
    fill_like_a_person,
    fill_many,
    formula_cells,
    recalculate,
    values_equal,
)


def _workbook(path: Path, wrong: bool) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Hitung")
    ws.write_number("A1", 2)
    ws.write_formula("B1", "=2+2", None, 5 if wrong else 4)
    ws.write_formula("B2", "=A1*10", None, 20)
    ws.write_formula("B3", '=IF(A2="","",1)', None, "")
    ws.write_formula("B4", '="ab"&"c"', None, "abc")
    wb.close()
    return path


def test_values_equal() -> None:
    assert values_equal(1.0, 1.0 + 1e-12)
    assert not values_equal(1.0, 1.0 + 1e-6)
    assert values_equal(0, 1e-15)
    assert not values_equal(0, 1e-9)
    assert values_equal("", None)
    assert not values_equal("", 0)
    assert not values_equal(None, 0)
    assert values_equal("abc", "abc")
    assert not values_equal("abc", "ABC")
    assert not values_equal("4", 4)
    assert not values_equal(True, 1)


def test_formula_cells_reads_formula_and_cached_value(tmp_path: Path) -> None:
    cells = formula_cells(_workbook(tmp_path / "w.xlsx", wrong=True))
    assert cells[("Hitung", "B1")] == ("=2+2", 5)
    assert cells[("Hitung", "B2")] == ("=A1*10", 20)
    assert ("Hitung", "A1") not in cells
    assert cells[("Hitung", "B3")][1] in ("", None)


@pytest.mark.libreoffice
def test_oracle_recalculates_and_catches_a_wrong_cached_value(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    wrong = _workbook(src / "wrong.xlsx", wrong=True)
    right = _workbook(src / "right.xlsx", wrong=False)
    out_wrong, out_right = recalculate([wrong, right], tmp_path / "out")  # one soffice call

    assert out_wrong == tmp_path / "out" / "wrong.xlsx"
    recalced = openpyxl.load_workbook(out_wrong, data_only=True)["Hitung"]
    assert recalced["B1"].value == 4  # not the cached 5: LibreOffice really recalculated
    assert recalced["B4"].value == "abc"

    diffs = compare_recalculated(wrong, out_wrong)
    assert len(diffs) == 1
    assert diffs[0].startswith("Hitung!B1 =2+2: cached 5, LibreOffice 4")
    assert compare_recalculated(right, out_right) == []
    # the input is untouched
    assert formula_cells(wrong)[("Hitung", "B1")] == ("=2+2", 5)


def test_recalculate_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx", wrong=False)
    with pytest.raises(ValueError, match="overwrite"):
        recalculate([path], tmp_path)
    with pytest.raises(ValueError, match="distinct"):
        recalculate([path, path], tmp_path / "out")


@pytest.mark.libreoffice
def test_recalculate_reports_a_file_it_cannot_convert(tmp_path: Path) -> None:
    bad = tmp_path / "src" / "rusak.xlsx"
    bad.parent.mkdir()
    bad.write_bytes(b"PK\x03\x04 not a zip")  # a broken "xlsx": LibreOffice cannot load it
    with pytest.raises(LibreOfficeError, match="(?s)missing outputs.*could not be loaded"):
        recalculate([bad], tmp_path / "out", timeout=60)


def _protected(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Isian")
    unlocked = wb.add_format({"locked": False})
    ws.write_string("A1", "Realisasi")
    ws.write_blank("B1", None, unlocked)
    ws.write_string("A2", "Catatan")
    ws.write_blank("B2", None, unlocked)
    ws.write_number("C1", 7)  # locked
    ws.write_formula("D1", '=IF(COUNT(B1)=0,"",B1*2)', None, "")
    ws.protect()
    free = wb.add_worksheet("Bebas")  # not protected: every cell can be typed into
    free.write_number("A1", 1)
    wb.close()
    return path


@pytest.mark.libreoffice(uno=True)
def test_fill_like_a_person_refuses_locked_cells(tmp_path: Path) -> None:
    src = _protected(tmp_path / "form.xlsx")
    before = src.read_bytes()
    result = fill_like_a_person(
        src, tmp_path / "out" / "filled.xlsx",
        {("Isian", "B1"): 21, ("Isian", "B2"): "dari BPS", ("Isian", "C1"): 99, ("Bebas", "A1"): 5},
    )
    assert result.refused == [("Isian", "C1")]
    assert result.written == [("Isian", "B1"), ("Isian", "B2"), ("Bebas", "A1")]
    assert src.read_bytes() == before

    wb = openpyxl.load_workbook(result.dst, data_only=True)
    ws = wb["Isian"]
    assert ws["B1"].value == 21
    assert ws["B2"].value == "dari BPS"
    assert ws["C1"].value == 7  # refused: unchanged
    assert ws["D1"].value == 42  # recalculated by Calc before saving
    assert ws.protection.sheet  # still protected after Calc saved it
    assert ws["B1"].protection.locked is False
    assert wb["Bebas"]["A1"].value == 5
    # the saved file is a real Calc file, not our xlsxwriter bytes
    with zipfile.ZipFile(result.dst) as z:
        assert b"LibreOffice" in z.read("docProps/app.xml")


@pytest.mark.libreoffice(uno=True)
def test_fill_many_in_one_session_and_bad_sheet(tmp_path: Path) -> None:
    src = _protected(tmp_path / "form.xlsx")
    results = fill_many([
        FillJob(src, tmp_path / "a.xlsx", {("Isian", "B1"): 1.5}),
        FillJob(src, tmp_path / "b.xlsx", {("Isian", "B1"): None, ("Isian", "A1"): "x"}),
    ])
    assert [r.refused for r in results] == [[], [("Isian", "A1")]]
    assert openpyxl.load_workbook(tmp_path / "a.xlsx", data_only=True)["Isian"]["D1"].value == 3
    assert openpyxl.load_workbook(tmp_path / "b.xlsx", data_only=True)["Isian"]["B1"].value is None
    with pytest.raises(LibreOfficeError, match="no sheet 'Tidak Ada'"):
        fill_like_a_person(src, tmp_path / "c.xlsx", {("Tidak Ada", "A1"): 1})


def test_missing_libreoffice_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not on PATH"):
        check_libreoffice()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must install it"):
        check_libreoffice()
    with pytest.raises(LibreOfficeError, match="not on PATH"):
        recalculate([Path(__file__)], Path(__file__).parent / "nowhere")
