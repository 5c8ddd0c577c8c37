"""Returned forms (umpan balik): red, commented input cells and the Temuan sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import small_catalog
from formtools import CREATED, element_table, indicator_table, label_cell, load

from kinerja_xl.findings import Finding, Severity
from kinerja_xl.forms import layout
from kinerja_xl.forms.cells import FILL_CATATAN, FILL_INPUT
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.period import parse_period

TW1 = parse_period("2025-TW1")
R1 = layout.h_realisasi(1)

FINDINGS = (
    Finding("isian-bukan-angka", Severity.ERROR, "'1.234,5' bukan angka. Isi dengan angka, misalnya 1234.",
            file="DAFDUK.xlsx", sheet="Isian", cell="E11", value="1.234,5"),
    Finding("isian-kendala-kosong", Severity.WARNING, "Capaian di bawah 100% tetapi kendala belum diisi.",
            sheet="Isian", cell="K20", value=None),
)
NOTES = {
    "E03": ["'1.234,5' bukan angka. Isi dengan angka, misalnya 1234."],
    "IK04": ["Capaian di bawah 100% tetapi kendala belum diisi.", "Sebutkan rencana tindak lanjut."],
    "ZZ9": ["Tanggal pengesahan belum diisi."],
}


@pytest.fixture(scope="module")
def returned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fill = FormFill(values={"E01": 1000, "E02": 950, "E03": "1.234,5", "E05": 80},
                    keterangan={"E01": "SIAK"}, kendala={"IK01": "-"}, tanggal=dt.date(2025, 4, 8))
    return write_form(small_catalog(), "DAFDUK", TW1, tmp_path_factory.mktemp("umpan") / "f.xlsx",
                      created=CREATED, fill=fill, notes=NOTES, findings=FINDINGS)


def _rgb(cell) -> str:  # type: ignore[no-untyped-def]
    return str(cell.fill.fgColor.rgb)[-6:]


def test_temuan_sheet_comes_first_and_is_active(returned: Path) -> None:
    wb = load(returned)
    assert wb.sheetnames[0] == layout.SHEET_TEMUAN
    assert wb.active.title == layout.SHEET_TEMUAN
    assert wb[layout.SHEET_TEMUAN].protection.sheet
    assert wb[layout.SHEET_TEMUAN].protection.autoFilter is False  # filtering allowed on the protected sheet


def test_temuan_lists_every_finding_in_an_excel_table(returned: Path) -> None:
    ws = load(returned)[layout.SHEET_TEMUAN]
    (name, ref), = ws.tables.items()
    table = ws.tables[name]
    assert table.autoFilter is not None
    first, last = ref.split(":")
    header_row = int(first[1:])
    assert int(last[1:]) == header_row + len(FINDINGS)
    headers = [ws.cell(header_row, c).value for c in range(1, 8)]
    assert headers == ["No", "Kode Temuan", "Tingkat", "Lembar", "Sel", "Nilai", "Pesan"]
    rows = [[ws.cell(header_row + i, c).value for c in range(1, 8)] for i in (1, 2)]
    assert rows[0] == [1, "isian-bukan-angka", "kesalahan", "Isian", "E11", "1.234,5", FINDINGS[0].message]
    assert rows[1] == [2, "isian-kendala-kosong", "peringatan", "Isian", "K20", "", FINDINGS[1].message]


def test_noted_inputs_are_red_with_a_comment(returned: Path) -> None:
    ws = load(returned)[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    e03 = ws[el.cell("E03", R1)]
    assert _rgb(e03) == FILL_CATATAN.lstrip("#")
    assert e03.value == "1.234,5" and not e03.protection.locked
    assert e03.comment is not None and NOTES["E03"][0] in e03.comment.text
    k04 = ws[ind.cell("IK04", layout.H_KENDALA)]
    assert _rgb(k04) == FILL_CATATAN.lstrip("#") and not k04.protection.locked
    assert all(m in k04.comment.text for m in NOTES["IK04"])
    # unnoted inputs keep the input fill and have no comment
    e01 = ws[el.cell("E01", R1)]
    assert _rgb(e01) == FILL_INPUT.lstrip("#") and e01.comment is None
    # a note for no element or indicator of this form is kept on the title cell
    assert ws["A1"].comment is not None and "ZZ9: Tanggal pengesahan belum diisi." in ws["A1"].comment.text


def test_noted_cells_are_not_hidden_by_the_highlight_rules(returned: Path) -> None:
    ws = load(returned)[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    covered = {str(rng) for cf in ws.conditional_formatting for rng in cf.sqref.ranges}
    text = " ".join(covered)
    assert el.cell("E03", R1) not in text
    assert ind.cell("IK04", layout.H_KENDALA) not in text


def test_returned_form_keeps_the_prefilled_inputs(returned: Path) -> None:
    wb = load(returned)
    ws = wb[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    assert ws[el.cell("E01", layout.H_KETERANGAN)].value == "SIAK"
    assert ws[ind.cell("IK01", layout.H_KENDALA)].value == "-"
    peng = wb[layout.SHEET_PENGESAHAN]
    assert peng[label_cell(peng, layout.H_TANGGAL)].value == dt.datetime(2025, 4, 8)
    values = load(returned, values=True)[layout.SHEET_ISIAN]
    assert values[ind.cell("IK01", R1)].value == pytest.approx(95)
    assert values[ind.cell("IK04", layout.h_capaian(1))].value is None  # no TW I target


def test_people_text_is_never_a_formula(tmp_path: Path) -> None:
    fill = FormFill(values={"E01": "=1+1"}, keterangan={"E01": "=HYPERLINK(\"x\")"}, kendala={"IK01": "=A1"})
    path = write_form(small_catalog(), "DAFDUK", TW1, tmp_path / "f.xlsx", created=CREATED, fill=fill,
                      findings=[Finding("x", Severity.ERROR, "=SUM(1)", value="=2")])
    wb = load(path)
    ws = wb[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    for a1 in (el.cell("E01", R1), el.cell("E01", layout.H_KETERANGAN), ind.cell("IK01", layout.H_KENDALA)):
        assert ws[a1].data_type == "s", a1
    temuan = wb[layout.SHEET_TEMUAN]
    assert all(c.data_type != "f" for row in temuan.iter_rows() for c in row)


def test_odd_prefilled_values_are_shown_safely(tmp_path: Path) -> None:
    fill = FormFill(values={"E01": dt.date(2025, 4, 5), "E02": float("nan"), "E03": True})
    notes = {"E01": ["x" * 40_000]}
    path = write_form(small_catalog(), "DAFDUK", TW1, tmp_path / "f.xlsx", created=CREATED, fill=fill, notes=notes)
    ws = load(path)[layout.SHEET_ISIAN]
    el = element_table(ws)
    assert ws[el.cell("E01", R1)].value == "5 April 2025"  # a date typed as a value stays readable
    assert ws[el.cell("E02", R1)].value is None
    assert ws[el.cell("E03", R1)].value is True
    assert len(ws[el.cell("E01", R1)].comment.text) <= 32_767
    values = load(path, values=True)[layout.SHEET_ISIAN]
    assert values[indicator_table(ws).cell("IK01", R1)].value is None
