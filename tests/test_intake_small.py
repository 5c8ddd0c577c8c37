"""Smaller intake cases from real use: thousands separators read as decimals, texts longer than a
cell holds, and ``init`` agreeing with the catalog it writes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner
from corpus import (
    PERIOD,
    catalog,
    locate,
    realisasi_cell,
    replace_cell_xml,
    write_good,
)

from kinerja_xl import api
from kinerja_xl.cli import cli
from kinerja_xl.forms import layout
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.codes import thousands_hint
from kinerja_xl.intake.result import Verdict
from kinerja_xl.intake.run import check_inbox
from kinerja_xl.workspace import Workspace
from kinerja_xl.xlsx import MAX_CELL_TEXT

CAT = catalog()


def test_3_250_typed_on_an_english_computer_gets_the_thousands_hint(tmp_path: Path) -> None:
    path = write_good(tmp_path / "g.xlsx", CAT, changes={"E03": 3.25})  # "3.250" typed in the en-US locale
    res = check_file(path, CAT, PERIOD, display_name=path.name)
    [f] = [f for f in res.findings if f.code == "nilai-pecahan"]
    assert f.cell == realisasi_cell(path, "E03")
    assert "Jika yang dimaksud 3.250" in f.message and "ketik 3250 tanpa titik" in f.message
    assert res.verdict is Verdict.RETURNED


def test_thousands_hint_only_when_the_value_is_whole_thousands() -> None:
    assert "1.234.500" in thousands_hint(1234.5)
    assert thousands_hint(3.2505) == "" and thousands_hint(1 / 3) == ""


def test_a_text_longer_than_a_cell_holds_is_a_warning_and_the_umpan_balik_is_still_written(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws")
    inbox = ws.masuk_dir(PERIOD)
    inbox.mkdir(parents=True)
    good = write_good(tmp_path / "DAFDUK.xlsx", CAT, changes={"E01": "abc"})  # returned: an umpan balik is written
    long = "Kendala pendataan " * 2000 + "akhir"  # 36,005 characters: Calc keeps it, an Excel cell cannot
    ref = locate(good, "E02", layout.H_KETERANGAN)
    replace_cell_xml(good, inbox / good.name, ref, lambda a: f'<c r="{ref}"{a} t="inlineStr"><is><t>{long}</t></is></c>')
    report = check_inbox(ws, PERIOD, catalog=CAT, jobs=1)
    [res] = report.files
    [f] = [f for f in res.findings if f.code == "isian-teks-terlalu-panjang"]
    assert f.cell == ref and "36.005 karakter" in f.message
    assert res.keterangan["E02"] == long  # the ledger keeps it whole
    [copy] = list(ws.root.joinpath("umpan-balik").rglob("*.xlsx"))
    cut = openpyxl.load_workbook(copy)[layout.SHEET_ISIAN][f.cell].value
    assert len(cut) == MAX_CELL_TEXT and cut.endswith("…")


def test_init_suggests_a_period_of_the_year_its_blank_catalog_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "dinas")])
    assert result.exit_code == 0, result.output
    period = api.suggested_period()
    assert f"--period {period}" in result.output
    wb = openpyxl.load_workbook(tmp_path / "dinas" / "katalog.xlsx")
    years = [row[1].value for row in wb["Instansi"].iter_rows(min_row=2) if row[0].value == "Tahun"]
    assert years == [int(period[:4])]
