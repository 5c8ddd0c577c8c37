"""The catalog is read with python-calamine; its findings and their cells are those the openpyxl reader gave.

``openpyxl_grids`` below is the reader the loader used before (openpyxl, ``data_only``), kept
here as the oracle: the sample catalog and a catalog full of deliberate mistakes (wrong types,
dates and times, booleans, error values of formulas, a numeric header, merged cells, blank rows,
formatted empty cells far to the right, an extra sheet) load to the same catalog and the same
findings — code, message, sheet, cell and value — through both.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog import loader, sheets
from kinerja_xl.catalog.headers import key
from kinerja_xl.catalog.loader import CatalogLoad, load_catalog
from kinerja_xl.catalog.sheets import Grid, read_grids
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog


def openpyxl_grids(path: Path) -> tuple[dict[str, Grid], list[str]]:
    """The loader's reader before python-calamine (values as openpyxl's ``data_only`` mode gives them)."""
    with zipfile.ZipFile(path) as z:
        percent, _ = sheets._marked_cells(z)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    try:
        wanted = {key(s): s for s in H.ALL_SHEETS}
        grids: dict[str, Grid] = {}
        for ws in wb.worksheets:
            canon = wanted.get(key(ws.title))
            if canon is not None and canon not in grids:
                grids[canon] = Grid(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)],
                                    percent.get(ws.title, frozenset()))
        return grids, list(wb.sheetnames)
    finally:
        wb.close()


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[CatalogLoad, CatalogLoad]:
    new = load_catalog(path)
    with monkeypatch.context() as m:
        m.setattr(loader, "read_grids", openpyxl_grids)
        old = load_catalog(path)
    return new, old


def assert_same(new: CatalogLoad, old: CatalogLoad) -> None:
    assert [(f.code, f.sheet, f.cell, f.message) for f in new.findings] == \
        [(f.code, f.sheet, f.cell, f.message) for f in old.findings]
    assert [(f.value, type(f.value)) for f in new.findings] == [(f.value, type(f.value)) for f in old.findings]
    assert new.catalog == old.catalog
    if new.catalog is not None and old.catalog is not None:
        assert new.catalog.sources == old.catalog.sources


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("katalog") / "katalog.xlsx"
    write_catalog(path, build_sample_catalog())
    return path


def test_sample_catalog_reads_the_same(sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new, old = both(sample_path, monkeypatch)
    assert new.ok and not new.findings
    assert new.catalog == build_sample_catalog()
    assert_same(new, old)


def _cell(ws: Any, code: str, header: str) -> Any:
    col = next(c.column for c in ws[1] if c.value == header)
    row = next(c.row for c in ws["A"] if c.value == code)
    return ws.cell(row, col)


def _put_error(path: Path, sheet_part: str, ref: str, formula: str, error: str) -> None:
    """Make cell ``ref`` a formula whose cached value is an error (as Excel saves ``=1/0``)."""
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = members[sheet_part].decode("utf-8")
    cell = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
    assert cell.search(xml), ref
    xml = cell.sub(f'<c r="{ref}" t="e"><f>{formula}</f><v>{error}</v></c>', xml, count=1)
    members[sheet_part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def _part_of(wb: Any, title: str) -> str:
    return f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"


@pytest.fixture(scope="module")
def faulty_path(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    wb = openpyxl.load_workbook(sample_path)
    ind, el, bid, ang, ren, ins = (wb[s] for s in ("Indikator", "Elemen", "Bidang", "Anggaran", "Renstra", "Instansi"))
    _cell(ind, "IK01", "Target TW I").value = "sembilan puluh"
    _cell(ind, "IK02", "Target Tahunan").value = dt.datetime(2025, 1, 2)
    _cell(ind, "IK04", "Target TW III").value = dt.datetime(2025, 1, 2, 13, 30)
    _cell(ind, "IK05", "Rumus").value = "DAF01 / XYZ99 * 100"
    _cell(ind, "IK06", "IKU").value = True
    _cell(ind, "IK07", "IKU").value = "mungkin"
    _cell(el, "DAF02", "Min").value = dt.time(12, 0)
    _cell(el, "DAF02", "Min").number_format = "hh:mm"
    _cell(el, "DAF03", "Max").value = 3.0
    _cell(el, "DAF04", "Wajib").value = False
    _cell(el, "DAF05", "Tipe").value = 12
    _cell(el, "DAF06", "Min").value = "1.234,5"
    _cell(el, "DAF07", "Satuan").value = "   "
    _cell(el, "PIA03", "Max").value = 1  # 100% typed
    _cell(el, "PIA03", "Max").number_format = "0%"
    el.cell(1, el.max_column + 1).value = 2023  # a numeric header: unknown
    _cell(bid, "CAPIL", "Kode").value = "DAFDUK"  # duplicate code
    bid.merge_cells(start_row=3, start_column=3, end_row=3, end_column=4)
    bid.cell(40, 30).fill = PatternFill("solid", fgColor="FFFF00")  # formatted, empty, far away
    _cell(ang, "2.12.01.2.01.0001", "Pagu (Rp)").value = -5
    _cell(ang, "2.12.02.2.01.0001", "Pagu (Rp)").value = "1.000.000,50"
    ren.insert_rows(5)  # a blank row between the data
    for row in ins.iter_rows(min_row=2):
        if row[0].value == "Tahun":
            row[1].value = "2025.0"
    wb.create_sheet("Catatan").append(["bebas", 1, None, dt.date(2025, 3, 1)])
    path = tmp_path_factory.mktemp("faulty") / "katalog.xlsx"
    wb.save(path)
    target_tw2 = _cell(ind, "IK03", "Target TW II").coordinate
    el_max = _cell(el, "DAF08", "Max").coordinate
    _put_error(path, _part_of(wb, "Indikator"), target_tw2, "1/0", "#DIV/0!")
    _put_error(path, _part_of(wb, "Elemen"), el_max, "NA()", "#N/A")
    return path


def test_catalog_with_mistakes_reads_the_same(faulty_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new, old = both(faulty_path, monkeypatch)
    codes = {f.code for f in new.findings}
    # the mistakes above are seen (not merely the same nothing through both readers)
    assert {"katalog-target-tidak-sah", "katalog-rumus-elemen-tidak-ada", "katalog-pilihan-tidak-sah",
            "katalog-angka-tidak-sah", "katalog-kode-ganda", "katalog-kolom-tidak-dikenal",
            "katalog-anggaran-rupiah-negatif", "katalog-isian-kosong", "katalog-format-persen"} <= codes, codes
    errors = [f for f in new.findings if f.value in ("#DIV/0!", "#N/A")]
    assert {f.value for f in errors} == {"#DIV/0!", "#N/A"}
    assert_same(new, old)


def test_error_values_keep_their_cell(faulty_path: Path) -> None:
    grids, names = read_grids(faulty_path)
    assert "Catatan" in names
    found = {(g.name, v) for g in grids.values() for row in g.rows for v in row if v in ("#DIV/0!", "#N/A")}
    assert found == {("Indikator", "#DIV/0!"), ("Elemen", "#N/A")}
    old, _ = openpyxl_grids(faulty_path)
    for sheet, grid in grids.items():
        width = max(len(r) for r in old[sheet].rows)
        padded = [tuple(r) + (None,) * (width - len(r)) for r in grid.rows]
        assert [r for r in padded if any(v is not None for v in r)] == \
            [tuple(r) for r in old[sheet].rows if any(v is not None for v in r)], sheet
