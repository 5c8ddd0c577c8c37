"""The catalog columns and settings of issue 10 (E.81, Renstra, Perjanjian Kinerja): optional, with defaults,
read back as written, and a catalog written before them still loads.

As in test_catalog_loader, each case writes the sample catalog with our writer and edits it as a person would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from test_catalog_budget import edited
from test_catalog_loader import assert_finding, col_of, put, setting

from kinerja_xl.catalog.model import Instansi
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog

SAMPLE = build_sample_catalog()
NEW_ANGGARAN = ("Kode Indikator", "Keterangan", "Tindak Lanjut Renja Berikutnya")


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("katalog") / "katalog.xlsx", SAMPLE)


def test_a_catalog_written_before_the_new_columns_still_loads(tmp_path: Path, sample_path: Path) -> None:
    def old(wb: Workbook) -> None:
        for sheet, headers in (("Anggaran", NEW_ANGGARAN), ("Renstra", ("Target Akhir Periode",))):
            ws = wb[sheet]
            for h in headers:
                ws.delete_cols(col_of(ws, h))
        ws = wb["Instansi"]
        row = next(c.row for c in ws["A"] if c.value == "Tanggal Perjanjian Kinerja")
        ws.delete_rows(row)

    # yesterday's sample: every row names its own indicator
    before = dataclasses.replace(SAMPLE, anggaran=tuple(
        dataclasses.replace(a, indikator=a.indikator or "Indikator program", satuan=a.satuan or "%")
        for a in SAMPLE.anggaran))
    r = edited(tmp_path, write_catalog(tmp_path / "lama.xlsx", before), old)
    assert r.findings == [] and r.catalog is not None
    assert all(a.indikator_kode == () and a.keterangan == "" for a in r.catalog.anggaran)
    assert all(p.target_akhir_k is None for p in r.catalog.renstra)
    assert r.catalog.instansi.tanggal_pk is None
    assert r.catalog.instansi.tanggal_perjanjian == dt.date(2025, 1, 2)  # early January of the year
    assert r.catalog.anggaran_by_kode["2.12.02"].indikator == "Indikator program"


def test_linked_rows_read_back_with_several_codes(tmp_path: Path, sample_path: Path) -> None:
    r = edited(tmp_path, sample_path, lambda wb: put(wb, "Anggaran", "2.12.03", "Kode Indikator", "ik07; IK09"))
    assert r.findings == [] and r.catalog is not None
    assert r.catalog.anggaran_by_kode["2.12.03"].indikator_kode == ("IK07", "IK09")
    assert r.catalog.anggaran_by_kode["2.12.01"].indikator_kode == ("IK18", "IK19")
    assert r.catalog.renstra_by_indikator["IK15"].target_akhir_k == 87


def test_unknown_indicator_code(tmp_path: Path, sample_path: Path) -> None:
    cells: list[str] = []
    r = edited(tmp_path, sample_path, lambda wb: cells.append(put(wb, "Anggaran", "2.12.03", "Kode Indikator",
                                                                  "IK07, IK70")))
    assert_finding(r, "katalog-anggaran-indikator-tidak-ada", "Anggaran", cells[0],
                   "Kode indikator 'IK70' pada baris 2.12.03 tidak ada di lembar Indikator.")


def test_a_row_without_link_still_needs_its_own_indicator(tmp_path: Path, sample_path: Path) -> None:
    cells: list[str] = []

    def edit(wb: Workbook) -> None:
        put(wb, "Anggaran", "2.12.02", "Kode Indikator", None)
        cells.append(put(wb, "Anggaran", "2.12.02", "Indikator Kinerja", None))

    r = edited(tmp_path, sample_path, edit)
    assert any(f.code == "katalog-isian-kosong" and f.cell == cells[0] for f in r.findings)
    assert r.catalog is None


@pytest.mark.parametrize("raw, want", [("5 Januari 2025", dt.date(2025, 1, 5)), ("06-01-2025", dt.date(2025, 1, 6)),
                                       (dt.datetime(2025, 1, 7), dt.date(2025, 1, 7)), (None, None)])
def test_tanggal_perjanjian_kinerja(tmp_path: Path, sample_path: Path, raw: object, want: dt.date | None) -> None:
    r = edited(tmp_path, sample_path, lambda wb: setting(wb, "Tanggal Perjanjian Kinerja", raw))
    assert r.findings == [] and r.catalog is not None
    assert r.catalog.instansi.tanggal_pk == want
    assert r.catalog.instansi.tanggal_perjanjian == (want or dt.date(2025, 1, 2))


def test_tanggal_perjanjian_kinerja_not_a_date(tmp_path: Path, sample_path: Path) -> None:
    cells: list[str] = []
    r = edited(tmp_path, sample_path, lambda wb: cells.append(setting(wb, "Tanggal Perjanjian Kinerja", "31-02-2025")))
    assert_finding(r, "katalog-tanggal-tidak-sah", "Instansi", cells[0],
                   "'31-02-2025' pada 'Tanggal Perjanjian Kinerja' bukan tanggal yang sah.")


def test_a_set_date_is_written_and_read_back(tmp_path: Path) -> None:
    cat = dataclasses.replace(SAMPLE, instansi=dataclasses.replace(SAMPLE.instansi, tanggal_pk=dt.date(2025, 1, 6)))
    path = write_catalog(tmp_path / "katalog.xlsx", cat)
    ws = openpyxl.load_workbook(path)["Instansi"]
    assert any(row[0].value == "Tanggal Perjanjian Kinerja" and row[1].value == "6 Januari 2025"
               for row in ws.iter_rows(min_row=2))
    r = edited(tmp_path, path, lambda wb: None)
    assert r.catalog == cat


def test_instansi_default_date_follows_the_year() -> None:
    assert Instansi("Pemerintah Kota Uji", "Dinas Uji", tahun=2026).tanggal_perjanjian == dt.date(2026, 1, 2)
