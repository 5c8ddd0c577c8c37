"""The recap recalculated by LibreOffice Calc equals the values we wrote (one soffice run).

The sample catalog has a budget tree and Renstra plans, so its recaps carry the budget sheets
(and the annual one Evaluasi Renstra); ``budget_factories`` adds a tree with every aggregation type.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import recap_data
from budget_factories import (
    budget_submissions,
    renja_catalog,
    wide_catalog,
    wide_submissions,
)
from factories import small_catalog
from libreoffice import compare_recalculated, formula_cells, recalculate

from kinerja_xl.catalog.model import BatasCapaian, RumusNegatif
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.period import parse_period
from kinerja_xl.recap import build_model, write_recap
from kinerja_xl.recap.layout import SHEET_CAPAIAN, SHEET_SKALA
from kinerja_xl.recap.workbook import layouts_for

pytestmark = pytest.mark.libreoffice

PERIODS = ("2025-TW1", "2025-TW2", "2025-S1", "2025-S2", "2025")
WRONG = "12345.678"
CORRUPTED: list[str] = []


def _corrupt_first_realisasi(src: Path, dst: Path) -> str:
    """Copy ``src`` with one wrong cached value (a realisasi over Elemen Data); return its cell."""
    found = ""
    pattern = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*Elemen Data[^<]*</f><v>)([^<]+)(</v>)')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if not found and info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                m = pattern.search(text)
                if m:
                    found = m.group(2)
                    text = text[:m.start(3)] + WRONG + text[m.end(3):]
                    data = text.encode("utf-8")
            zout.writestr(info, data)
    assert found, "no realisasi formula found"
    return found


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (our workbook, LibreOffice's recalculation of it), all converted in one soffice call."""
    tmp = tmp_path_factory.mktemp("recap-lo")
    catalog = build_sample_catalog()
    subs = recap_data.submissions(catalog)
    ours: dict[str, Path] = {}
    for code in PERIODS:
        ours[code] = write_recap(catalog, parse_period(code), subs, tmp / f"rekap-{code}.xlsx",
                                 generated=recap_data.GENERATED).path
    capped = dataclasses.replace(catalog, instansi=dataclasses.replace(
        catalog.instansi, batas_capaian=BatasCapaian.C100))
    ours["capped"] = write_recap(capped, parse_period("2025-S2"), recap_data.submissions(capped),
                                 tmp / "rekap-batas-100.xlsx", generated=recap_data.GENERATED).path
    # the small catalog: cross-bidang rumus, zero and missing targets, range "rentang", the ratio rule and a cap
    small = small_catalog(rumus_negatif=RumusNegatif.RASIO, batas_capaian=BatasCapaian.C120)
    small_subs = recap_data.generic_submissions(small, overrides={("E08", 2): 0.0, ("E04", 3): None},
                                                missing={("CAPIL", 4)})
    ours["small"] = write_recap(small, parse_period("2025"), small_subs, tmp / "rekap-kecil.xlsx",
                                generated=recap_data.GENERATED).path
    ours["small-tw3"] = write_recap(small_catalog(), parse_period("2025-TW3"), small_subs,
                                    tmp / "rekap-kecil-tw3.xlsx", generated=recap_data.GENERATED).path
    # a budget tree by hand: kumulatif / nilai akhir / rata-rata sub kegiatan, a quarter without budget figures,
    # E.81, Serapan Anggaran, Perjanjian Kinerja; Evaluasi Renstra in the annual recap (the sample's are above)
    renja = renja_catalog(rumus_negatif=RumusNegatif.RASIO)
    for code in ("2025-TW2", "2025"):
        ours[f"budget-{code}"] = write_recap(renja, parse_period(code), budget_submissions(renja),
                                             tmp / f"rekap-anggaran-{code}.xlsx", generated=recap_data.GENERATED).path
    ours["budget-empty"] = write_recap(renja, parse_period("2025-S1"), [], tmp / "rekap-anggaran-kosong.xlsx",
                                       generated=recap_data.GENERATED).path
    wide = wide_catalog()  # more children than a function takes arguments
    ours["budget-wide"] = write_recap(wide, parse_period("2025-TW3"), wide_submissions(wide),
                                      tmp / "rekap-anggaran-lebar.xlsx", generated=recap_data.GENERATED).path
    # the oracle must really recalculate: a wrong cached value comes back corrected
    ours["corrupt"] = tmp / "rekap-salah.xlsx"
    CORRUPTED.append(_corrupt_first_realisasi(ours["2025-TW2"], ours["corrupt"]))
    # editing a threshold in Skala (our own output, edited with openpyxl) re-scores the predikat
    model = build_model(catalog, parse_period("2025"), subs)
    skala = layouts_for(model)[SHEET_SKALA]
    top = len(catalog.instansi.skala_predikat.bands) - 1
    edited = tmp / "rekap-skala-diubah.xlsx"
    shutil.copy(ours["2025"], edited)
    wb = openpyxl.load_workbook(edited)
    wb[SHEET_SKALA][skala.a1(top, "batas")] = 150
    wb.save(edited)
    ours["skala"] = edited
    outs = recalculate(list(ours.values()), tmp / "lo")
    return {name: (src, out) for (name, src), out in zip(ours.items(), outs, strict=True)}


@pytest.mark.parametrize("name", [*PERIODS, "capped", "small", "small-tw3", "budget-2025-TW2", "budget-2025",
                                  "budget-wide", "budget-empty"])
def test_every_formula_cell_agrees_with_libreoffice(recalculated: dict[str, tuple[Path, Path]], name: str) -> None:
    src, out = recalculated[name]
    assert compare_recalculated(src, out) == []


def test_oracle_corrects_a_wrong_cached_value(recalculated: dict[str, tuple[Path, Path]]) -> None:
    src, out = recalculated["corrupt"]
    diffs = compare_recalculated(src, out)
    assert len(diffs) == 1
    assert WRONG in diffs[0]
    good_src, _ = recalculated["2025-TW2"]
    sheet, a1 = SHEET_CAPAIAN, CORRUPTED[-1]
    assert diffs[0].startswith(f"{sheet}!{a1} ")
    fixed = openpyxl.load_workbook(out, data_only=True)[sheet][a1].value
    cached = openpyxl.load_workbook(good_src, data_only=True)[sheet][a1].value
    assert isinstance(fixed, float) and fixed == pytest.approx(cached, rel=1e-9)


def test_editing_a_skala_threshold_rescores_predikat(recalculated: dict[str, tuple[Path, Path]]) -> None:
    catalog = build_sample_catalog()
    model = build_model(catalog, parse_period("2025"), recap_data.submissions(catalog))
    lay = layouts_for(model)[SHEET_CAPAIAN]
    bands = catalog.instansi.skala_predikat.bands
    top_label, below_label = bands[-1][1], bands[-2][1]
    # indicators scored in the top band with capaian s.d. TW between 91 and 150
    moved = [r for r in model.indikator
             if r.predikat_sd == top_label and r.capped_sd is not None and r.capped_sd < 150]
    assert moved, "the sample needs an indicator in the top band"
    before = openpyxl.load_workbook(recalculated["2025"][1], data_only=True)[SHEET_CAPAIAN]
    after = openpyxl.load_workbook(recalculated["skala"][1], data_only=True)[SHEET_CAPAIAN]
    for r in moved:
        a1 = lay.a1(r.indikator.kode, "pred_sd")
        assert before[a1].value == top_label
        assert after[a1].value == below_label


@pytest.mark.parametrize("name", ["2025", "budget-2025"])
def test_the_budget_and_renstra_sheets_are_among_the_cells_checked(recalculated: dict[str, tuple[Path, Path]],
                                                                    name: str) -> None:
    src, _ = recalculated[name]
    sheets = {sheet for sheet, _ in formula_cells(src)}
    assert {"Evaluasi Renja (E.81)", "Serapan Anggaran", "Perjanjian Kinerja", "Evaluasi Renstra"} <= sheets
