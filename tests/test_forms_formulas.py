"""The form's live preview: formulas point at the right cells and carry the right cached values."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from factories import small_catalog
from formtools import CREATED, element_table, indicator_table, label_cell, load
from libreoffice import (
    compare_recalculated,
    fill_like_a_person,
    formula_cells,
    recalculate,
)
from openpyxl.utils.cell import range_boundaries

from kinerja_xl.catalog.model import BatasCapaian, Catalog, RumusNegatif, TipeElemen
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms import layout
from kinerja_xl.forms.isian import DIHITUNG_SAAT_REKAP, h_capaian_tanpa_batas
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.period import parse_period

TW1 = parse_period("2025-TW1")
R1, C1 = layout.h_realisasi(1), layout.h_capaian(1)

VALUES = {"E01": 1000, "E02": 900, "E03": 800, "E04": 95, "E05": None,
          "E06": 200, "E07": 150, "E08": 4, "E09": 3, "E10": 50}


def _write(tmp: Path, bidang: str, catalog: Catalog | None = None, values: dict | None = None) -> Path:
    fill = FormFill(values=VALUES if values is None else values)
    return write_form(catalog or small_catalog(), bidang, TW1, tmp / f"{bidang}.xlsx", created=CREATED, fill=fill)


def _cached(path: Path, bidang_rows: list[str], header: str) -> dict[str, object]:
    ws = load(path, values=True)[layout.SHEET_ISIAN]
    ind = indicator_table(ws)
    return {code: ws[ind.cell(code, header)].value for code in bidang_rows}


# --- formulas -------------------------------------------------------------------------------


def test_realisasi_formula_is_the_rumus_over_this_sheets_inputs(tmp_path: Path) -> None:
    ws = load(_write(tmp_path, "DAFDUK", values={}))[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)

    def ref(code: str) -> str:
        a1 = el.cell(code, R1)
        return f"${a1[0]}${a1[1:]}"

    e01, e02, e03 = ref("E01"), ref("E02"), ref("E03")
    assert ws[ind.cell("IK01", R1)].value == f'=IF(COUNT({e02},{e01})<2,"",IFERROR(({e02}/{e01})*100,""))'
    assert ws[ind.cell("IK02", R1)].value == f'=IF(COUNT({e03})<1,"",IFERROR({e03},""))'
    real, target = ind.cell("IK01", R1), ind.cell("IK01", layout.h_target(1))
    assert ws[ind.cell("IK01", C1)].value == (
        f'=IF(COUNT({real},{target})<2,"",MAX(IF({target}=0,IF({real}>=0,100,0),{real}/{target}*100),0))')
    # a range target: its bounds are literals in the formula
    real3 = ind.cell("IK03", R1)
    assert ws[ind.cell("IK03", C1)].value == (
        f'=IF(COUNT({real3},80,90)<3,"",MAX(IF({real3}<80,IF(80=0,IF({real3}>=0,100,0),{real3}/80*100),'
        f'IF({real3}>90,IF(90=0,IF({real3}<=0,100,0),(2*90-{real3})/90*100),100)),0))')
    cap = ind.cell("IK01", C1)
    assert ws[ind.cell("IK01", layout.H_PREDIKAT)].value == (
        f'=IF(COUNT({cap})=0,"",LOOKUP(MAX({cap},0),Daftar!$A$3:$A$7,Daftar!$B$3:$B$7))')


def test_predikat_scale_on_the_hidden_daftar_sheet(tmp_path: Path) -> None:
    catalog = small_catalog(skala="Aplikasi 4 tingkat")
    wb = load(_write(tmp_path, "DAFDUK", catalog))
    ws = wb[layout.SHEET_ISIAN]
    formula = ws[indicator_table(ws).cell("IK01", layout.H_PREDIKAT)].value
    bounds_ref, labels_ref = re.findall(r"(\w+![$A-Z0-9]+:[$A-Z0-9]+)", formula)
    daftar = wb[layout.SHEET_DAFTAR]

    def column(ref: str) -> list[object]:
        sheet, rng = ref.split("!")
        assert sheet == layout.SHEET_DAFTAR
        c1, r1, _, r2 = range_boundaries(rng.replace("$", ""))
        return [daftar.cell(r, c1).value for r in range(r1, r2 + 1)]

    bounds, labels = column(bounds_ref), column(labels_ref)
    assert bounds == [0, 55, 75, 100] and bounds == sorted(bounds)
    assert labels == ["Kurang Berhasil", "Cukup Berhasil", "Berhasil", "Sangat Berhasil"]


def test_blank_form_caches_blank_everywhere(tmp_path: Path) -> None:
    path = _write(tmp_path, "DAFDUK", values={})
    cells = formula_cells(path)
    assert len(cells) == 4 * 3
    assert all(cached in (None, "") for _, cached in cells.values())


def test_prefilled_values_give_the_cached_results(tmp_path: Path) -> None:
    path = _write(tmp_path, "DAFDUK")
    codes = ["IK01", "IK02", "IK03", "IK04"]
    real, cap, pred = (_cached(path, codes, h) for h in (R1, C1, layout.H_PREDIKAT))
    assert real == {"IK01": 90, "IK02": 800, "IK03": 95, "IK04": None}
    assert cap["IK01"] == pytest.approx(90 / 95 * 100)  # positif
    assert cap["IK02"] == pytest.approx(80)
    assert cap["IK03"] == pytest.approx((2 * 90 - 95) / 90 * 100)  # rentang 80–90, above the range
    assert cap["IK04"] is None  # E05 blank (and no TW I target)
    assert pred == {"IK01": "Sangat Tinggi", "IK02": "Tinggi", "IK03": "Sangat Tinggi", "IK04": None}


def test_negatif_linear_and_rasio(tmp_path: Path) -> None:
    linear = _write(tmp_path, "CAPIL")
    assert _cached(linear, ["IK05"], C1)["IK05"] == pytest.approx((2 * 3 - 4) / 3 * 100)
    assert _cached(linear, ["IK05"], layout.H_PREDIKAT)["IK05"] == "Sedang"
    assert _cached(linear, ["IK06"], C1)["IK06"] == pytest.approx(75 / 90 * 100)
    (tmp_path / "r").mkdir()
    rasio = _write(tmp_path / "r", "CAPIL", small_catalog(rumus_negatif=RumusNegatif.RASIO))
    assert _cached(rasio, ["IK05"], C1)["IK05"] == pytest.approx(3 / 4 * 100)
    ws = load(rasio)[layout.SHEET_ISIAN]
    assert "IF(" in ws[indicator_table(ws).cell("IK05", C1)].value
    assert "(2*" not in ws[indicator_table(ws).cell("IK05", C1)].value


def test_text_typed_as_a_value_counts_as_blank(tmp_path: Path) -> None:
    path = _write(tmp_path, "DAFDUK", values={**VALUES, "E03": "1.234,5"})
    ws = load(path)[layout.SHEET_ISIAN]
    assert ws[element_table(ws).cell("E03", R1)].value == "1.234,5"  # kept as typed, as text
    assert _cached(path, ["IK02"], R1)["IK02"] is None
    assert _cached(path, ["IK02"], C1)["IK02"] is None


def test_cross_bidang_rumus_and_zero_target(tmp_path: Path) -> None:
    path = _write(tmp_path, "PIAK")
    ws = load(path)[layout.SHEET_ISIAN]
    ind = indicator_table(ws)
    assert ws[ind.cell("IK08", R1)].value == DIHITUNG_SAAT_REKAP  # E10 / E02, E02 is DAFDUK's
    assert ws[ind.cell("IK08", C1)].value is None and ws[ind.cell("IK08", layout.H_PREDIKAT)].value is None
    assert not ws[ind.cell("IK08", layout.H_KENDALA)].protection.locked  # kendala stays an input
    notes = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert f'"{DIHITUNG_SAAT_REKAP}": rumus indikator ini memakai elemen data bidang lain' in notes
    # E09 * 0 against a target of 0: realisasi 0, capaian by the target-0 rule
    assert _cached(path, ["IK09"], R1)["IK09"] == 0
    assert _cached(path, ["IK09"], C1)["IK09"] == 100  # target 0 met: the documented rule, never #DIV/0!
    assert _cached(path, ["IK07"], C1)["IK07"] == pytest.approx(150)


def test_cap_shows_capped_capaian_and_keeps_the_uncapped_visible(tmp_path: Path) -> None:
    path = _write(tmp_path, "PIAK", small_catalog(batas_capaian=BatasCapaian.C120))
    ws = load(path)[layout.SHEET_ISIAN]
    ind = indicator_table(ws)
    uncapped = h_capaian_tanpa_batas(1)
    assert ind.col(uncapped) + 1 == ind.col(C1)
    assert _cached(path, ["IK07"], uncapped)["IK07"] == pytest.approx(150)
    assert _cached(path, ["IK07"], C1)["IK07"] == pytest.approx(120)
    raw = ind.cell("IK07", uncapped)
    assert ws[ind.cell("IK07", C1)].value == f'=IF(COUNT({raw})=0,"",MAX(MIN({raw},120),0))'
    assert ind.cell("IK07", C1)[0] in ws[ind.cell("IK07", layout.H_PREDIKAT)].value
    assert not ws[ind.cell("IK07", layout.H_KENDALA)].protection.locked
    assert ws[raw].protection.locked
    # without a cap there is no extra column
    plain = load(_write(tmp_path, "CAPIL"))[layout.SHEET_ISIAN]
    assert layout.normalize_header(uncapped) not in indicator_table(plain).cols


# --- LibreOffice: the preview recalculates to the cached values ----------------------------------


def plausible_fill(catalog: Catalog, bidang: str, rng: random.Random) -> FormFill:
    """Random values within each element's bounds; some blank, some zero."""
    values: dict[str, object] = {}
    for e in catalog.elemen_of(bidang):
        roll = rng.random()
        if roll < 0.1:
            values[e.kode] = None
            continue
        if roll < 0.18:
            values[e.kode] = 0
            continue
        lo = e.min if e.min is not None else 0.0
        hi = e.max if e.max is not None else (100.0 if e.tipe is TipeElemen.PERSEN else 5000.0)
        x = rng.uniform(lo, hi)
        values[e.kode] = round(x) if e.tipe is TipeElemen.BULAT else round(x, 2)
    return FormFill(values=values)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_every_preview_formula_to_its_cached_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(20250401)
    src = tmp_path / "src"
    jobs: list[Path] = []
    catalogs = {
        "sample": build_sample_catalog(),
        "kecil": small_catalog(),
        "cap": small_catalog(batas_capaian=BatasCapaian.C120, rumus_negatif=RumusNegatif.RASIO,
                             skala="Lampu lalu lintas"),
    }
    for name, catalog in catalogs.items():
        for b in catalog.bidang:
            if not catalog.elemen_of(b.kode):
                continue
            for q in (1, 4):
                path = src / f"{name}-{b.kode}-{q}.xlsx"
                write_form(catalog, b.kode, parse_period(f"2025-TW{q}"), path, created=CREATED,
                           fill=plausible_fill(catalog, b.kode, rng))
                jobs.append(path)
    # the check can fail: a form whose cached capaian is off by one must be caught
    from kinerja_xl import scoring

    real_capaian = scoring.capaian
    with monkeypatch.context() as m:
        m.setattr(scoring, "capaian", lambda *a, **k: None if (v := real_capaian(*a, **k)) is None else v + 1)
        wrong = write_form(small_catalog(), "DAFDUK", TW1, src / "wrong.xlsx", created=CREATED,
                           fill=FormFill(values=VALUES))
    outputs = recalculate([*jobs, wrong], tmp_path / "out")  # one soffice run
    compared = 0
    for original, recalculated in zip(jobs, outputs[:-1], strict=True):
        assert compare_recalculated(original, recalculated) == [], original.name
        compared += len(formula_cells(original))
    assert compared > 150
    diffs = compare_recalculated(wrong, outputs[-1])
    assert len(diffs) == 3 and all(f"{layout.SHEET_ISIAN}!I" in d for d in diffs), diffs  # IK01–IK03 capaian


@pytest.mark.libreoffice(uno=True)
def test_a_person_in_calc_can_type_only_into_inputs_and_sees_the_result(tmp_path: Path) -> None:
    src = _write(tmp_path, "DAFDUK", values={})
    wb = load(src)
    ws = wb[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    isian = layout.SHEET_ISIAN
    tanggal = label_cell(wb[layout.SHEET_PENGESAHAN], layout.H_TANGGAL)
    typed = {
        (isian, el.cell("E01", R1)): 2000,
        (isian, el.cell("E02", R1)): 1900,
        (isian, el.cell("E01", layout.H_KETERANGAN)): "SIAK",
        (isian, ind.cell("IK01", layout.H_KENDALA)): "tidak ada",
        (layout.SHEET_PENGESAHAN, tanggal): 45757,
        # locked cells: a formula, a code, a target, the hidden scale
        (isian, ind.cell("IK01", C1)): 1,
        (isian, el.cell("E01", layout.H_KODE)): "X",
        (isian, ind.cell("IK01", layout.h_target(1))): 1,
        (layout.SHEET_DAFTAR, "A3"): 5,
    }
    result = fill_like_a_person(src, tmp_path / "out" / "filled.xlsx", typed)
    assert set(result.refused) == set(list(typed)[5:])
    assert set(result.written) == set(list(typed)[:5])
    cap = _cached(result.dst, ["IK01"], C1)["IK01"]
    assert cap == pytest.approx(1900 / 2000 * 100 / 95 * 100)
    assert _cached(result.dst, ["IK01"], layout.H_PREDIKAT)["IK01"] == "Sangat Tinggi"
