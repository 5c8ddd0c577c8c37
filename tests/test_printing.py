"""The page setup every printed sheet gets (kinerja_xl.printing), checked on real xlsxwriter sheets."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlsxwriter

from kinerja_xl import angka, printing


def test_nip_is_printed_as_written() -> None:
    assert angka.nip("197801012005011001") == "19780101 200501 1 001"
    assert angka.nip(" 19780101 200501 1 001 ") == "19780101 200501 1 001"
    assert angka.nip("1978-01") == "1978-01"  # not an NIP: as typed


def test_paper_setting_names_and_default() -> None:
    assert printing.paper("").code == 14  # F4 / folio
    assert printing.paper("a4").code == 9
    assert printing.paper("A3").code == 8
    assert printing.paper("letter").code == 14


def _sheet(tmp_path: Path, columns: int, rows: int, *, width: float = 12):
    wb = xlsxwriter.Workbook(str(tmp_path / "t.xlsx"))
    ws = wb.add_worksheet("Tabel")
    ws.set_column(0, columns - 1, width)
    for r in range(rows):
        for c in range(columns):
            ws.write_number(r, c, r * c)
    return wb, ws


def test_wide_table_keeps_a_legible_scale_and_repeats_identifying_columns(tmp_path: Path) -> None:
    wb, ws = _sheet(tmp_path, 40, 30)
    setup = printing.apply(ws, printing.PrintSpec(footer="Uji", header=(0, 0), id_cols=(0, 1), min_font=10), "F4")
    wb.close()
    assert setup.landscape and setup.pages_across > 1
    assert setup.scale * 10 / 100 >= printing.MIN_PT  # 10 pt text prints at 7 pt or more
    ws2 = openpyxl.load_workbook(tmp_path / "t.xlsx")["Tabel"]
    assert ws2.page_setup.paperSize == 14 and ws2.page_setup.scale == setup.scale
    assert ws2.print_title_cols == "$A:$B" and ws2.print_title_rows == "$1:$1"
    footer = ws2.oddFooter.left.text or ""
    assert "Uji" in footer and "&A" in footer


def test_narrow_table_prints_at_full_size_on_one_page(tmp_path: Path) -> None:
    wb, ws = _sheet(tmp_path, 4, 10)
    setup = printing.apply(ws, printing.PrintSpec(footer="Uji"), "A4")
    wb.close()
    assert (setup.scale, setup.pages_across, setup.landscape, setup.breaks) == (100, 1, False, [])


def test_groups_start_pages_and_a_kept_block_never_starts_a_page_alone(tmp_path: Path) -> None:
    wb, ws = _sheet(tmp_path, 4, 120)
    spec = printing.PrintSpec(footer="Uji", header=(0, 0), groups=range(10, 120, 10), keep=[(100, 119)])
    setup = printing.apply(ws, spec, "A4")
    wb.close()
    assert setup.breaks, "120 rows need more than one page"
    assert all(b % 10 == 0 for b in setup.breaks)  # only between groups
    assert setup.breaks[-1] <= 100  # rows 100-119 travel together
