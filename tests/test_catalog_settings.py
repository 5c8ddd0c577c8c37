"""Settings where offices differ: the capaian below which a kendala is required, and per element
whether a fall from last quarter is a warning. Both live in katalog.xlsx, with Petunjuk text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from corpus import PERIOD, write_good
from factories import small_catalog

from kinerja_xl.catalog.loader import load_catalog, read_catalog
from kinerja_xl.catalog.model import Agregasi, Catalog, Polaritas
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.intake.checker import check_file
from kinerja_xl.ledger import PreviousValues
from kinerja_xl.period import parse_period


def _kendala_codes(cat: Catalog, tmp_path: Path) -> list[str]:
    # IK01 = E02 / E01 * 100 against a TW I target of 95: 941 of 1000 is a capaian of 99.05 %
    path = write_good(tmp_path / "f.xlsx", cat, changes={"E01": 1000, "E02": 941},
                      kendala={"IK02": "-", "IK03": "-", "IK04": "-"})
    res = check_file(path, cat, PERIOD, display_name=path.name)
    return [f.message.split(" ")[2] for f in res.findings if f.code == "isian-kendala-kosong"]


def test_kendala_threshold_is_a_catalog_setting(tmp_path: Path) -> None:
    assert _kendala_codes(small_catalog(), tmp_path) == ["IK01"]  # default 100: 99.05 % needs a kendala
    assert _kendala_codes(small_catalog(batas_kendala=95.0), tmp_path) == []


def test_settings_round_trip_through_katalog_xlsx_with_petunjuk(tmp_path: Path) -> None:
    base = small_catalog(batas_kendala=95.5)
    elemen = tuple(dataclasses.replace(e, turun={"E03": True, "E01": False}.get(e.kode)) for e in base.elemen)
    cat = dataclasses.replace(base, elemen=elemen)
    path = write_catalog(tmp_path / "katalog.xlsx", cat)
    back = read_catalog(path)
    assert back.instansi.batas_kendala == 95.5
    assert {e.kode: e.turun for e in back.elemen if e.turun is not None} == {"E03": True, "E01": False}
    wb = openpyxl.load_workbook(path)
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "Batas Capaian Wajib Kendala (%)" in petunjuk and "Peringatan Turun" in petunjuk
    blank = read_catalog(write_catalog(tmp_path / "sample.xlsx", small_catalog()))
    assert blank.instansi.batas_kendala == 100.0 and all(e.turun is None for e in blank.elemen)


@pytest.mark.parametrize(("typed", "found"), [("95", 95.0), ("95,5", 95.5), ("seratus", None), (-1, None)])
def test_kendala_threshold_typed_values(tmp_path: Path, typed: object, found: float | None) -> None:
    path = write_catalog(tmp_path / "k.xlsx", small_catalog())
    wb = openpyxl.load_workbook(path)
    for row in wb["Instansi"].iter_rows(min_row=2):
        if row[0].value == "Batas Capaian Wajib Kendala (%)":
            row[1].value = typed
    wb.save(path)
    res = load_catalog(path)
    if found is None:
        assert [f.code for f in res.errors] == ["katalog-angka-tidak-sah"]
    else:
        assert res.catalog is not None and res.catalog.instansi.batas_kendala == found


def test_fall_warning_default_rule_and_override() -> None:
    cat = small_catalog()
    # stocks (nilai akhir) warn by default; cumulative and averaged elements do not
    assert cat.warns_on_fall("E01") and cat.warns_on_fall("E05")
    assert not cat.warns_on_fall("E03") and not cat.warns_on_fall("E04")
    # a stock used only by a negative-polarity indicator: falling is the good direction
    neg = dataclasses.replace(cat, elemen=tuple(
        dataclasses.replace(e, agregasi=Agregasi.NILAI_AKHIR) if e.kode == "E08" else e for e in cat.elemen))
    assert next(i for i in neg.indikator if "E08" in i.rumus.elements).polaritas is Polaritas.NEGATIF
    assert not neg.warns_on_fall("E08")
    turned = dataclasses.replace(cat, elemen=tuple(
        dataclasses.replace(e, turun=False) if e.kode == "E01" else e for e in cat.elemen))
    assert not turned.warns_on_fall("E01")


def test_a_fall_is_not_a_warning_for_an_element_set_to_tidak(tmp_path: Path) -> None:
    tw2 = parse_period("2025-TW2")
    cat = small_catalog()
    quiet = dataclasses.replace(cat, elemen=tuple(
        dataclasses.replace(e, turun=False) if e.kode == "E01" else e for e in cat.elemen))
    previous = PreviousValues(elements={"E01": 1500.0})
    for catalog, warned in ((cat, True), (quiet, False)):
        path = write_good(tmp_path / f"{warned}.xlsx", catalog, period=tw2, changes={"E01": 1200, "E02": 1150},
                          kendala={"IK01": "-", "IK02": "-", "IK03": "-", "IK04": "-"})
        res = check_file(path, catalog, tw2, display_name=path.name, previous=previous)
        assert ("nilai-turun" in [f.code for f in res.findings]) is warned
