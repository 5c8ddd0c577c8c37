"""The form's Anggaran sheet: structure, inputs and protection, validation, formulas, notes, recalculation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from anggaran_data import SUB_DAFDUK_1, SUB_DAFDUK_2, anggaran_table, budget_catalog
from factories import small_catalog
from formtools import CREATED, label_cell
from libreoffice import (
    compare_recalculated,
    needs_libreoffice,
    recalculate,
    recalculated_values,
)

from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import (
    FAKTOR_PENDORONG,
    FAKTOR_PENGHAMBAT,
    keuangan_sd,
    note_key,
    serapan,
)
from kinerja_xl.forms.cells import FILL_CATATAN, FILL_INPUT
from kinerja_xl.forms.writer import FormFill, generate_forms, write_form
from kinerja_xl.period import parse_period

CAT = budget_catalog()
TW1 = parse_period("2025-TW1")
TW3 = parse_period("2025-TW3")
K, FISIK, RP = layout.BUDGET_K, layout.BUDGET_FISIK, layout.BUDGET_RP
BUDGET_HISTORY = {
    1: {SUB_DAFDUK_1: {K: 900.0, FISIK: 20.0, RP: 50_000_000.0}, SUB_DAFDUK_2: {K: 3.0, FISIK: 10.0, RP: None}},
    2: {SUB_DAFDUK_1: {K: 1100.0, FISIK: 45.0, RP: 70_000_000.5}},
}
FILL = FormFill(
    values={"E01": 1000, "E02": 960, "E03": 1100, "E05": 98.5},
    anggaran={SUB_DAFDUK_1: {K: 1200, FISIK: 70.5, RP: 80_000_000}, SUB_DAFDUK_2: {K: "6 dokumen", FISIK: 30}},
    faktor={SUB_DAFDUK_1: {FAKTOR_PENDORONG: "Jemput bola", FAKTOR_PENGHAMBAT: "Jaringan"}},
)


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("anggaran-forms")
    return {
        "tw1": write_form(CAT, "DAFDUK", TW1, out / "tw1.xlsx", created=CREATED),
        "tw3": write_form(CAT, "DAFDUK", TW3, out / "tw3.xlsx", created=CREATED, fill=FILL,
                          budget_history=BUDGET_HISTORY),
        "noted": write_form(CAT, "DAFDUK", TW3, out / "noted.xlsx", created=CREATED, fill=FILL,
                            notes={SUB_DAFDUK_2: ["Realisasi keuangan belum diisi."],
                                   note_key(SUB_DAFDUK_1, FISIK): ["Fisik turun dari TW II."],
                                   "E01": ["Periksa."]}),
        "sandi": write_form(budget_catalog(sandi="rahasia"), "CAPIL", TW1, out / "sandi.xlsx", created=CREATED),
    }


def test_only_bidang_with_sub_kegiatan_get_the_sheet_right_after_isian(forms: dict[str, Path],
                                                                       tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(forms["tw1"])
    assert wb.sheetnames[:4] == [layout.SHEET_PETUNJUK, layout.SHEET_ISIAN, layout.SHEET_ANGGARAN,
                                 layout.SHEET_PENGESAHAN]
    assert wb[layout.SHEET_ANGGARAN].sheet_state == "visible"
    paths = generate_forms(CAT, TW1, tmp_path / "all", created=CREATED)
    sheets = {p.name.split()[0]: openpyxl.load_workbook(p).sheetnames for p in paths}
    assert layout.SHEET_ANGGARAN in sheets["CAPIL"] and layout.SHEET_ANGGARAN not in sheets["PIAK"]
    # a bidang without sub kegiatan gets the very same workbook as from a catalog without budget
    plain = generate_forms(small_catalog(), TW1, tmp_path / "plain", created=CREATED)
    piak = next(p for p in paths if p.name.startswith("PIAK"))
    assert piak.read_bytes() == next(p for p in plain if p.name.startswith("PIAK")).read_bytes()


def test_table_columns_rows_and_catalog_content(forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(forms["tw3"])[layout.SHEET_ANGGARAN]
    t = anggaran_table(ws)
    headers = [ws.cell(t.header_row, c).value for c in range(1, ws.max_column + 1)]
    assert headers == [
        layout.H_NO, layout.H_KODE_REKENING, layout.H_SUB_KEGIATAN, layout.H_INDIKATOR_KELUARAN, layout.H_SATUAN,
        layout.H_TARGET_K, layout.H_PAGU,
        layout.h_kinerja_context(1), layout.h_keuangan(1), layout.h_kinerja_context(2), layout.h_keuangan(2),
        layout.h_realisasi_k(3), layout.h_fisik(3), layout.h_keuangan(3), layout.h_keuangan_sd(3), layout.H_SERAPAN,
        layout.H_PENDORONG, layout.H_PENGHAMBAT]
    assert list(t.rows) == [SUB_DAFDUK_1, SUB_DAFDUK_2]  # catalog order, DAFDUK's sub kegiatan only
    r = t.rows[SUB_DAFDUK_1]
    assert ws[t.cell(SUB_DAFDUK_1, layout.H_SUB_KEGIATAN)].value == "Penyelenggaraan Pendaftaran Peristiwa Kependudukan"
    assert ws[t.cell(SUB_DAFDUK_1, layout.H_PAGU)].value == 300_000_000
    assert ws[t.cell(SUB_DAFDUK_1, layout.H_TARGET_K)].value == 4000
    assert ws[t.cell(SUB_DAFDUK_1, layout.h_kinerja_context(2))].value == 1100
    assert ws[t.cell(SUB_DAFDUK_1, layout.h_keuangan(2))].value == 70_000_000.5
    assert ws[t.cell(SUB_DAFDUK_2, layout.h_keuangan(1))].value is None  # blank is not zero
    assert ws[t.cell(SUB_DAFDUK_2, layout.h_kinerja_context(2))].value is None
    # prefilled inputs, text kept as typed
    assert ws[t.cell(SUB_DAFDUK_1, layout.h_fisik(3))].value == 70.5
    assert ws[t.cell(SUB_DAFDUK_2, layout.h_realisasi_k(3))].value == "6 dokumen"
    assert ws[t.cell(SUB_DAFDUK_1, layout.H_PENGHAMBAT)].value == "Jaringan"
    # the header block, as on Isian
    assert ws[label_cell(ws, "Bidang")].value is None  # merged label: the value is one column further
    assert any(c.value == ": DAFDUK Pelayanan Pendaftaran Penduduk" for c in ws[4])
    assert r == t.header_row + 1
    # rows are tall enough for the wrapped names (Calc and Excel do not grow them)
    assert ws.row_dimensions[r].height is not None and ws.row_dimensions[r].height >= 27
    assert ws.freeze_panes == f"A{t.header_row + 1}"
    assert ws.print_title_rows == f"${t.header_row}:${t.header_row}"


def _inputs(ws) -> set[str]:  # type: ignore[no-untyped-def]
    t = anggaran_table(ws)
    return {t.cell(k, h) for k in t.rows for h in (layout.h_realisasi_k(3), layout.h_fisik(3), layout.h_keuangan(3),
                                                  layout.H_PENDORONG, layout.H_PENGHAMBAT)}


def test_unlocked_cells_are_exactly_the_inputs_and_look_like_inputs(forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(forms["tw3"])[layout.SHEET_ANGGARAN]
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.has_style and not c.protection.locked}
    assert unlocked == _inputs(ws)
    for a1 in unlocked:
        assert ws[a1].fill.fgColor.rgb.endswith(FILL_INPUT.lstrip("#")), a1
    assert ws.protection.sheet and not ws.protection.password
    sandi = openpyxl.load_workbook(forms["sandi"])[layout.SHEET_ANGGARAN]
    assert sandi.protection.sheet and sandi.protection.password


def _validation(ws, a1: str):  # type: ignore[no-untyped-def]
    found = [dv for dv in ws.data_validations.dataValidation if a1 in dv.sqref]
    assert len(found) == 1, (a1, found)
    return found[0]


def test_validations(forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(forms["tw3"])[layout.SHEET_ANGGARAN]
    t = anggaran_table(ws)
    fisik = _validation(ws, t.cell(SUB_DAFDUK_2, layout.h_fisik(3)))
    assert (fisik.type, fisik.operator or "between", fisik.formula1, fisik.formula2) == ("decimal", "between", "0",
                                                                                         "100")
    assert fisik.errorStyle in (None, "stop") and fisik.allow_blank
    rp = _validation(ws, t.cell(SUB_DAFDUK_1, layout.h_keuangan(3)))
    assert (rp.type, rp.formula1) == ("decimal", "0") and "rupiah" in rp.prompt
    k = _validation(ws, t.cell(SUB_DAFDUK_2, layout.h_realisasi_k(3)))
    assert (k.type, k.formula1) == ("decimal", "0")
    assert _validation(ws, t.cell(SUB_DAFDUK_1, layout.H_PENGHAMBAT)).type is None  # any value, with a prompt
    blanks = [cf for rng in ws.conditional_formatting for cf in rng.rules if cf.type == "containsBlanks"]
    assert len(blanks) == 2  # fisik and Rp are required


def test_formulas_and_cached_values(forms: dict[str, Path]) -> None:
    wb_f = openpyxl.load_workbook(forms["tw3"])
    wb_v = openpyxl.load_workbook(forms["tw3"], data_only=True)
    ws, vs = wb_f[layout.SHEET_ANGGARAN], wb_v[layout.SHEET_ANGGARAN]
    t = anggaran_table(ws)
    sd1 = t.cell(SUB_DAFDUK_1, layout.h_keuangan_sd(3))
    rp1 = t.cell(SUB_DAFDUK_1, layout.h_keuangan(3))
    assert ws[sd1].value == (f'=IF(ISNUMBER({rp1}),SUM({t.cell(SUB_DAFDUK_1, layout.h_keuangan(1))},'
                             f'{t.cell(SUB_DAFDUK_1, layout.h_keuangan(2))},{rp1}),"")')
    assert vs[sd1].value == 50_000_000 + 70_000_000.5 + 80_000_000
    assert vs[t.cell(SUB_DAFDUK_1, layout.H_SERAPAN)].value == pytest.approx(200_000_000.5 / 300_000_000 * 100)
    # this quarter blank: s.d. and serapan blank ("" cached, which openpyxl reads as None)
    assert vs[t.cell(SUB_DAFDUK_2, layout.h_keuangan_sd(3))].value in ("", None)
    assert vs[t.cell(SUB_DAFDUK_2, layout.H_SERAPAN)].value in ("", None)
    # the Python twins
    assert keuangan_sd([None, 5.0], 2.0) == 7.0 and keuangan_sd([1.0], None) is None
    assert serapan(50.0, 200.0) == 25.0 and serapan(50.0, 0.0) is None and serapan(None, 10.0) is None
    # the formula cells are locked and grey
    assert ws[sd1].protection.locked and ws[t.cell(SUB_DAFDUK_1, layout.H_SERAPAN)].protection.locked


def test_tw1_has_no_context_columns_and_no_earlier_quarters_in_the_sum(forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(forms["tw1"])[layout.SHEET_ANGGARAN]
    t = anggaran_table(ws)
    assert layout.normalize_header(layout.h_kinerja_context(1)) not in t.cols
    rp = t.cell(SUB_DAFDUK_1, layout.h_keuangan(1))
    assert ws[t.cell(SUB_DAFDUK_1, layout.h_keuangan_sd(1))].value == f'=IF(ISNUMBER({rp}),SUM({rp}),"")'


def test_notes_mark_anggaran_cells(forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["noted"])
    ws = wb[layout.SHEET_ANGGARAN]
    t = anggaran_table(ws)
    rp2 = ws[t.cell(SUB_DAFDUK_2, layout.h_keuangan(3))]
    fisik1 = ws[t.cell(SUB_DAFDUK_1, layout.h_fisik(3))]
    for c in (rp2, fisik1):
        assert c.fill.fgColor.rgb.endswith(FILL_CATATAN.lstrip("#")) and not c.protection.locked
    assert rp2.comment is not None and "Realisasi keuangan belum diisi." in rp2.comment.text
    assert fisik1.comment is not None and "Fisik turun" in fisik1.comment.text
    assert ws[t.cell(SUB_DAFDUK_1, layout.h_keuangan(3))].comment is None
    assert ws["A1"].comment is None
    # budget notes do not spill onto Isian's "other notes"; element notes stay there
    isian = wb[layout.SHEET_ISIAN]
    assert isian["A1"].comment is None


def test_petunjuk_and_pengesahan_mention_the_sheet(forms: dict[str, Path], tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(forms["tw3"])
    text = " ".join(str(c.value) for row in wb[layout.SHEET_PETUNJUK].iter_rows() for c in row if c.value)
    assert f"Di lembar {layout.SHEET_ANGGARAN}" in text and layout.h_fisik(3) in text
    peng = " ".join(str(c.value) for row in wb[layout.SHEET_PENGESAHAN].iter_rows() for c in row if c.value)
    assert f"lembar {layout.SHEET_ISIAN} dan {layout.SHEET_ANGGARAN}" in peng
    plain = openpyxl.load_workbook(write_form(CAT, "PIAK", TW1, tmp_path / "p.xlsx", created=CREATED))
    text = " ".join(str(c.value) for row in plain[layout.SHEET_PETUNJUK].iter_rows() for c in row if c.value)
    assert layout.SHEET_ANGGARAN not in text


def test_print_settings(forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(forms["tw3"])[layout.SHEET_ANGGARAN]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 14  # F4
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert 73 <= int(ws.page_setup.scale or 100) <= 100  # 10 pt text prints at 7 pt or more
    assert ws.print_title_cols == "$A:$C"  # No, Kode, Sub Kegiatan on every page across
    assert "KXL-2025-TW3-DAFDUK-" in ws.oddFooter.left.text


@needs_libreoffice
def test_libreoffice_recalculates_the_cached_values(forms: dict[str, Path], tmp_path: Path) -> None:
    [out] = recalculate([forms["tw3"]], tmp_path / "lo")
    assert compare_recalculated(forms["tw3"], out) == []
    values = recalculated_values(forms["tw3"], out)
    t = anggaran_table(openpyxl.load_workbook(forms["tw3"])[layout.SHEET_ANGGARAN])
    assert values[(layout.SHEET_ANGGARAN, t.cell(SUB_DAFDUK_1, layout.h_keuangan_sd(3)))] == 200_000_000.5
