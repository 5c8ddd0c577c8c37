"""Intake of the Anggaran sheet: every finding code at its cell, on forms written by our writer and mutated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest
from anggaran_data import (
    SUB_CAPIL,
    SUB_DAFDUK_1,
    SUB_DAFDUK_2,
    anggaran_cells,
    anggaran_table,
    budget_catalog,
)
from corpus import GOOD, edit_openpyxl, patch_member, replace_cell_xml, set_cells
from formtools import CREATED

from kinerja_xl.findings import CATALOGUE
from kinerja_xl.forms import layout
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.intake.anggaran import SERAPAN_TERTINGGAL
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.result import BudgetToDate, FileResult, Previous, Verdict
from kinerja_xl.period import parse_period

CAT = budget_catalog()
TW2 = parse_period("2025-TW2")
K, FISIK, RP = layout.BUDGET_K, layout.BUDGET_FISIK, layout.BUDGET_RP

#: TW I as accepted (the form's context columns and the checks' "previous")
HISTORY = {1: {SUB_DAFDUK_1: {K: 900.0, FISIK: 30.0, RP: 50_000_000.0},
               SUB_DAFDUK_2: {K: 4.0, FISIK: 20.0, RP: 20_000_000.0}}}
PREVIOUS = Previous(budget={SUB_DAFDUK_1: BudgetToDate(rp=50_000_000.0, fisik=30.0),
                            SUB_DAFDUK_2: BudgetToDate(rp=20_000_000.0, fisik=20.0)})
#: TW II figures that pass every check (serapan 50 % / fisik 50 %, 40 % / 40 %)
GOOD_BUDGET: dict[str, dict[str, object]] = {
    SUB_DAFDUK_1: {K: 1000, FISIK: 50, RP: 100_000_000},
    SUB_DAFDUK_2: {K: 6, FISIK: 40, RP: 60_000_000},
}
FAKTOR = {SUB_DAFDUK_1: {"pendorong": "Jemput bola ke sekolah"}, SUB_DAFDUK_2: {"penghambat": "Blangko terlambat"}}


def write_budget(path: Path, changes: Mapping[str, Mapping[str, object]] | None = None) -> Path:
    """DAFDUK's TW II form, filled with GOOD values and GOOD_BUDGET updated by ``changes``."""
    budget = {k: dict(v) for k, v in GOOD_BUDGET.items()}
    for kode, fields in (changes or {}).items():
        budget[kode].update(fields)
    fill = FormFill(values=GOOD["DAFDUK"], kendala={"IK04": "Kiriman blangko terlambat"},
                    tanggal=dt.date(2025, 7, 7), anggaran=budget, faktor=FAKTOR)
    return write_form(CAT, "DAFDUK", TW2, path, created=CREATED, fill=fill, budget_history=HISTORY)


def check(path: Path, previous: Previous | None = None) -> FileResult:
    return check_file(path, CAT, TW2, display_name=path.name, previous=PREVIOUS if previous is None else previous)


def found(res: FileResult) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.sheet, f.cell) for f in res.findings]


def cell(path: Path, kode: str, key: str) -> str:
    return anggaran_cells(path, TW2.n)[kode][key]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_budget(tmp_path_factory.mktemp("anggaran") / "good.xlsx")


def test_good_budget_form_is_accepted_with_exactly_its_figures(good: Path) -> None:
    res = check(good)
    assert res.verdict is Verdict.ACCEPTED, [f.describe() for f in res.findings]
    assert res.findings == []
    assert res.anggaran == {SUB_DAFDUK_1: {K: 1000.0, FISIK: 50.0, RP: 100_000_000.0},
                            SUB_DAFDUK_2: {K: 6.0, FISIK: 40.0, RP: 60_000_000.0}}
    assert res.faktor == FAKTOR


def test_bidang_without_sub_kegiatan_has_no_budget_sheet_and_no_budget(tmp_path: Path) -> None:
    path = write_form(CAT, "PIAK", TW2, tmp_path / "piak.xlsx", created=CREATED,
                      fill=FormFill(values=GOOD["PIAK"], kendala={"IK07": "x", "IK08": "x", "IK09": "x"}))
    assert layout.SHEET_ANGGARAN not in openpyxl.load_workbook(path).sheetnames
    res = check(path)
    assert res.anggaran == {} and res.faktor == {}
    assert not [f for f in res.findings if f.sheet == layout.SHEET_ANGGARAN]


def test_k_is_optional_fisik_and_rp_are_required(tmp_path: Path) -> None:
    path = write_budget(tmp_path / "kosong.xlsx", {SUB_DAFDUK_1: {K: None, RP: None}, SUB_DAFDUK_2: {FISIK: "-"}})
    res = check(path)
    assert res.verdict is Verdict.RETURNED
    assert found(res) == [("anggaran-wajib-kosong", layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_1, RP)),
                          ("anggaran-wajib-kosong", layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_2, FISIK))]
    assert res.anggaran[SUB_DAFDUK_1] == {K: None, FISIK: 50.0, RP: None}
    assert layout.h_keuangan(2) in res.findings[0].message


def test_numbers_typed_as_indonesian_text_are_read_with_a_warning(tmp_path: Path) -> None:
    path = write_budget(tmp_path / "teks.xlsx", {SUB_DAFDUK_1: {RP: "100.000.000", FISIK: "50,5"}})
    res = check(path)
    assert res.verdict is Verdict.ACCEPTED
    assert found(res) == [("nilai-teks-angka", layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_1, FISIK)),
                          ("nilai-teks-angka", layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_1, RP))]
    assert res.anggaran[SUB_DAFDUK_1] == {K: 1000.0, FISIK: 50.5, RP: 100_000_000.0}


@pytest.mark.parametrize(("changes", "code", "key"), [
    ({RP: -5}, "anggaran-negatif", RP),
    ({K: -1}, "anggaran-negatif", K),
    ({FISIK: 120}, "anggaran-fisik-di-luar-rentang", FISIK),
    ({FISIK: -3}, "anggaran-fisik-di-luar-rentang", FISIK),
    ({FISIK: 25}, "anggaran-fisik-turun", FISIK),  # TW I was 30: cumulative progress cannot fall
    ({RP: 250_000_001}, "anggaran-melebihi-pagu", RP),  # 50 000 000 earlier + this > 300 000 000
    ({RP: "belum ada"}, "nilai-bukan-angka", RP),
])
def test_value_errors_at_their_cell(tmp_path: Path, changes: dict[str, object], code: str, key: str) -> None:
    path = write_budget(tmp_path / "x.xlsx", {SUB_DAFDUK_1: changes})
    res = check(path)
    assert res.verdict is Verdict.RETURNED
    assert found(res) == [(code, layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_1, key))]
    assert CATALOGUE[code].topic in ("anggaran", "nilai")


def test_pagu_check_counts_the_earlier_quarters(tmp_path: Path) -> None:
    path = write_budget(tmp_path / "pagu.xlsx", {SUB_DAFDUK_1: {RP: 250_000_000, FISIK: 100}})
    assert check(path).verdict is Verdict.ACCEPTED  # 50 + 250 = 300 million: exactly the pagu
    more = BudgetToDate(rp=50_000_001.0, fisik=30.0)
    [f] = check(path, Previous(budget={**PREVIOUS.budget, SUB_DAFDUK_1: more})).findings
    assert f.code == "anggaran-melebihi-pagu"
    assert "300.000.001" in f.message and "300.000.000" in f.message
    # without earlier quarters (TW I, or nothing accepted before) only this quarter counts
    assert check(path, Previous()).verdict is Verdict.ACCEPTED


def test_spending_far_behind_physical_progress_is_a_warning(tmp_path: Path) -> None:
    # 50 + 10 = 60 million of 300: serapan 20 %, fisik 90 %: more than 25 points behind
    path = write_budget(tmp_path / "serapan.xlsx", {SUB_DAFDUK_1: {FISIK: 90, RP: 10_000_000}})
    res = check(path)
    assert res.verdict is Verdict.ACCEPTED
    assert found(res) == [("anggaran-serapan-tertinggal", layout.SHEET_ANGGARAN, cell(path, SUB_DAFDUK_1, RP))]
    assert "20 %" in res.findings[0].message and "90 %" in res.findings[0].message
    # exactly at the threshold: no warning (serapan 45 %, fisik 70 %)
    at = write_budget(tmp_path / "batas.xlsx", {SUB_DAFDUK_1: {FISIK: 45 + SERAPAN_TERTINGGAL, RP: 85_000_000}})
    assert check(at).findings == []



def test_formula_typed_into_an_input_and_error_values(tmp_path: Path, good: Path) -> None:
    ref = cell(good, SUB_DAFDUK_1, RP)
    typed = replace_cell_xml(good, tmp_path / "rumus.xlsx", ref,
                             lambda a: f'<c r="{ref}"{a}><f>40000000+60000000</f><v>100000000</v></c>',
                             sheet=layout.SHEET_ANGGARAN)
    assert found(check(typed)) == [("isian-rumus-diketik", layout.SHEET_ANGGARAN, ref)]
    ref2 = cell(good, SUB_DAFDUK_2, FISIK)
    galat = replace_cell_xml(good, tmp_path / "galat.xlsx", ref2, lambda a: f'<c r="{ref2}"{a} t="e"><v>#REF!</v></c>',
                             sheet=layout.SHEET_ANGGARAN)
    assert found(check(galat)) == [("nilai-galat", layout.SHEET_ANGGARAN, ref2)]


def test_computed_column_overwritten_is_a_warning(tmp_path: Path, good: Path) -> None:
    _, rows, cols = _rows(good)
    ref = f"{openpyxl.utils.get_column_letter(cols[layout.normalize_header(layout.H_SERAPAN)])}{rows[SUB_DAFDUK_2]}"
    path = set_cells(good, tmp_path / "timpa.xlsx", {ref: 40}, sheet=layout.SHEET_ANGGARAN)
    res = check(path)
    assert res.verdict is Verdict.ACCEPTED
    assert found(res) == [("anggaran-rumus-dihapus", layout.SHEET_ANGGARAN, ref)]


def test_fisik_typed_with_a_percent_format_is_read_as_percent(tmp_path: Path, good: Path) -> None:
    ref = cell(good, SUB_DAFDUK_1, FISIK)
    holder: dict[str, int] = {}

    def add_style(xml: bytes) -> bytes:
        text = xml.decode()
        m = re.search(r'<cellXfs count="(\d+)">', text)
        assert m
        holder["s"] = int(m.group(1))
        text = text.replace(m.group(0), f'<cellXfs count="{holder["s"] + 1}">', 1)
        text = text.replace("</cellXfs>", '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" '
                            'applyNumberFormat="1"/></cellXfs>', 1)
        return text.encode()
    styled = patch_member(good, tmp_path / "s.xlsx", "xl/styles.xml", add_style)
    path = replace_cell_xml(styled, tmp_path / "persen.xlsx", ref, lambda a: f'<c r="{ref}" s="{holder["s"]}"><v>0.5</v></c>',
                            sheet=layout.SHEET_ANGGARAN)
    res = check(path)
    assert found(res) == [("nilai-format-persen", layout.SHEET_ANGGARAN, ref)]
    assert res.anggaran[SUB_DAFDUK_1][FISIK] == 50.0


def _rows(path: Path) -> tuple[int, dict[str, int], dict[str, int]]:
    """(header row, kode -> row, normalised header -> column), 1-based."""
    wb = openpyxl.load_workbook(path)
    t = anggaran_table(wb[layout.SHEET_ANGGARAN])
    return t.header_row, t.rows, t.cols


def test_rows_are_found_by_kode_rekening_when_sorted(tmp_path: Path, good: Path) -> None:
    _, rows, _ = _rows(good)

    def swap(wb: openpyxl.Workbook) -> None:
        ws = wb[layout.SHEET_ANGGARAN]
        a, b = rows[SUB_DAFDUK_1], rows[SUB_DAFDUK_2]
        for c in range(1, ws.max_column + 1):
            ws.cell(a, c).value, ws.cell(b, c).value = ws.cell(b, c).value, ws.cell(a, c).value
    path = edit_openpyxl(good, tmp_path / "sorted.xlsx", swap)
    res = check(path)
    assert res.verdict is Verdict.ACCEPTED and res.findings == []
    assert res.anggaran == check(good).anggaran and res.faktor == FAKTOR


def test_missing_duplicate_and_unknown_kode_rekening(tmp_path: Path, good: Path) -> None:
    hr, rows, cols = _rows(good)
    kc = cols[layout.normalize_header(layout.H_KODE_REKENING)]
    kode_col = openpyxl.utils.get_column_letter(kc)

    def delete(wb: openpyxl.Workbook) -> None:
        wb[layout.SHEET_ANGGARAN].delete_rows(rows[SUB_DAFDUK_2])
    deleted = edit_openpyxl(good, tmp_path / "hapus.xlsx", delete)
    res = check(deleted)
    assert found(res) == [("anggaran-sub-kegiatan-hilang", layout.SHEET_ANGGARAN, f"{kode_col}{hr}")]
    assert SUB_DAFDUK_2 in res.findings[0].message

    ganda = set_cells(good, tmp_path / "ganda.xlsx", {f"{kode_col}{rows[SUB_DAFDUK_2]}": SUB_DAFDUK_1},
                      sheet=layout.SHEET_ANGGARAN)
    assert found(check(ganda)) == [("anggaran-sub-kegiatan-hilang", layout.SHEET_ANGGARAN, f"{kode_col}{hr}"),
                                   ("anggaran-sub-kegiatan-ganda", layout.SHEET_ANGGARAN,
                                    f"{kode_col}{rows[SUB_DAFDUK_2]}")]
    asing = set_cells(good, tmp_path / "asing.xlsx", {f"{kode_col}{rows[SUB_DAFDUK_2]}": SUB_CAPIL},
                      sheet=layout.SHEET_ANGGARAN)
    assert found(check(asing)) == [("anggaran-sub-kegiatan-hilang", layout.SHEET_ANGGARAN, f"{kode_col}{hr}"),
                                   ("anggaran-sub-kegiatan-asing", layout.SHEET_ANGGARAN,
                                    f"{kode_col}{rows[SUB_DAFDUK_2]}")]


def test_value_on_a_row_without_kode_rekening(tmp_path: Path, good: Path) -> None:
    _, rows, _ = _rows(good)
    rp = cell(good, SUB_DAFDUK_2, RP)
    below = f"{re.sub(r'[0-9]', '', rp)}{max(rows.values()) + 1}"
    path = set_cells(good, tmp_path / "tanpa-kode.xlsx", {below: 5_000_000}, sheet=layout.SHEET_ANGGARAN)
    assert found(check(path)) == [("anggaran-baris-tanpa-kode", layout.SHEET_ANGGARAN, below)]


def test_locked_content_changed(tmp_path: Path, good: Path) -> None:
    _, rows, cols = _rows(good)
    r = rows[SUB_DAFDUK_1]

    def at(header: str) -> str:
        return f"{openpyxl.utils.get_column_letter(cols[layout.normalize_header(header)])}{r}"
    path = set_cells(good, tmp_path / "ubah.xlsx", {at(layout.H_PAGU): 400_000_000, at(layout.H_TARGET_K): "4.000",
                                                   at(layout.H_SUB_KEGIATAN): "Kegiatan lain"},
                     sheet=layout.SHEET_ANGGARAN)
    res = check(path)
    assert sorted(found(res)) == sorted([
        ("isian-isi-terkunci-diubah", layout.SHEET_ANGGARAN, at(layout.H_SUB_KEGIATAN)),
        ("anggaran-angka-diubah", layout.SHEET_ANGGARAN, at(layout.H_PAGU)),
    ])  # "4.000" still reads as the target 4000
    pagu = next(f for f in res.findings if f.code == "anggaran-angka-diubah")
    assert "400.000.000" in pagu.message and "300.000.000" in pagu.message


def test_missing_sheet_and_missing_column(tmp_path: Path, good: Path) -> None:
    def drop(wb: openpyxl.Workbook) -> None:
        del wb[layout.SHEET_ANGGARAN]
    res = check(edit_openpyxl(good, tmp_path / "tanpa.xlsx", drop))
    assert [(f.code, f.cell) for f in res.findings] == [("berkas-lembar-hilang", None)]
    assert res.verdict is Verdict.RETURNED
    hr, _, cols = _rows(good)
    h = f"{openpyxl.utils.get_column_letter(cols[layout.normalize_header(layout.h_fisik(2))])}{hr}"
    res = check(set_cells(good, tmp_path / "kolom.xlsx", {h: "Fisik"}, sheet=layout.SHEET_ANGGARAN))
    assert [f.code for f in res.findings] == ["isian-kolom-hilang"]
    assert layout.h_fisik(2) in res.findings[0].message


def test_every_anggaran_code_is_exercised_here() -> None:
    """Keep in step with kinerja_xl.intake.codes (tests/test_intake_corpus.py trusts this list)."""
    exercised = {"anggaran-sub-kegiatan-hilang", "anggaran-sub-kegiatan-ganda", "anggaran-sub-kegiatan-asing",
                 "anggaran-baris-tanpa-kode", "anggaran-angka-diubah", "anggaran-wajib-kosong", "anggaran-negatif",
                 "anggaran-fisik-di-luar-rentang", "anggaran-fisik-turun", "anggaran-melebihi-pagu",
                 "anggaran-serapan-tertinggal", "anggaran-rumus-dihapus"}
    assert {c for c, ft in CATALOGUE.items() if ft.topic == "anggaran"} == exercised
