"""Capaian, cap, predikat and aggregation — and LibreOffice agrees with the Python twins."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import recalculate, values_equal
from xlsxwriter.utility import quote_sheetname, xl_range_abs, xl_rowcol_to_cell

from kinerja_xl import scoring
from kinerja_xl.catalog.model import (
    SKALA,
    Agregasi,
    Polaritas,
    RumusNegatif,
    Skala,
    Target,
)
from kinerja_xl.scoring import aggregate, capaian, capped, predikat

POS, NEG, RENTANG = Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG
LINEAR, RASIO = RumusNegatif.LINEAR, RumusNegatif.RASIO
PERMENDAGRI = SKALA["Permendagri 86/2017"]


def t(low: float, high: float | None = None) -> Target:
    return Target.single(low) if high is None else Target(float(low), float(high))


# --- capaian: the reference vectors (../shared/domain/reference/capaian_test_vectors.csv) ---


@pytest.mark.parametrize(
    ("realisasi", "target", "polaritas", "rule", "expected"),
    [
        # PermenPANRB 8/2021: range target, positive — below uses the lower bound, above the upper
        (70, t(80, 90), POS, LINEAR, 87.5),
        (92, t(80, 90), POS, LINEAR, 102.22222222222223),
        # PermenPANRB 8/2021: range target, negative (1 + (1 − R/T)) × 100 = (2T − R)/T × 100
        (6.5, t(7, 8), NEG, LINEAR, 107.14285714285714),
        (9, t(7, 8), NEG, LINEAR, 87.5),
        # LKjIP Maluku Tengah: negative (T − (R − T)) / T × 100
        (12, t(10), NEG, LINEAR, 80.0),
        # Banjarnegara floors at 0; we keep the uncapped value (the predikat is the lowest band)
        (25, t(10), NEG, LINEAR, -50.0),
        # Pringsewu "trend turun": T / R × 100, R = 0 pinned to 100
        (10, t(8), NEG, RASIO, 80.0),
        (0, t(8), NEG, RASIO, 100.0),
        # wp-eval-sakip quarterly "tren negatif": T / R × 100
        (8, t(10), NEG, RASIO, 125.0),
        # Permendagri 86/2017 E.81: R / T × 100 (233 % is shown; the cap is a separate setting)
        (7, t(3), POS, LINEAR, 233.33333333333334),
    ],
)
def test_capaian_reference_vectors(realisasi: float, target: Target, polaritas: Polaritas,
                                   rule: RumusNegatif, expected: float) -> None:
    assert capaian(realisasi, target, polaritas, rule) == pytest.approx(expected, rel=1e-12)


def test_capaian_inside_a_range_is_100_for_every_polarity() -> None:
    for pol in Polaritas:
        for rule in RumusNegatif:
            for r in (80, 85, 90):
                assert capaian(r, t(80, 90), pol, rule) == 100.0


def test_capaian_rentang_is_positive_below_and_negative_above() -> None:
    assert capaian(70, t(80, 90), RENTANG) == 87.5
    assert capaian(95, t(80, 90), RENTANG) == pytest.approx((180 - 95) / 90 * 100)
    assert capaian(95, t(80, 90), RENTANG, RASIO) == pytest.approx(90 / 95 * 100)
    # a single target: at or below it the positive rule, above it the negative rule
    assert capaian(40, t(50), RENTANG) == 80.0
    assert capaian(50, t(50), RENTANG) == 100.0
    assert capaian(60, t(50), RENTANG) == 80.0
    assert capaian(60, t(50), RENTANG, RASIO) == pytest.approx(50 / 60 * 100)


def test_capaian_negative_rule_applies_to_both_sides_of_a_range() -> None:
    assert capaian(6, t(7, 8), NEG, RASIO) == pytest.approx(7 / 6 * 100)
    assert capaian(10, t(7, 8), NEG, RASIO) == 80.0
    assert capaian(100, t(80, 90), POS) == pytest.approx(100 / 90 * 100)


def test_capaian_target_zero_is_all_or_nothing() -> None:
    """Target 0 ("temuan berulang: 0"): no ratio exists, so the documented rule scores it."""
    assert capaian(5, t(0), POS) == 100.0  # positive: anything at or above 0 meets a target of 0
    assert capaian(0, t(0), POS) == 100.0
    assert capaian(-1, t(0), POS) == 0.0
    assert capaian(0, t(0), NEG, LINEAR) == 100.0  # negative: none at all meets it
    assert capaian(5, t(0), NEG, LINEAR) == 0.0  # any is a miss, never a value below 0
    assert capaian(0, t(0), RENTANG) == 100.0
    assert capaian(5, t(0), RENTANG) == 0.0
    assert capaian(0, t(0), RENTANG, RASIO) == 100.0


def test_capaian_blanks_give_no_value() -> None:
    # rasio divides by the realisasi, not the target: T = 0 is a real value there
    assert capaian(5, t(0), NEG, RASIO) == 0.0
    assert capaian(0, t(0), NEG, RASIO) == 100.0
    assert capaian(None, t(10), POS) is None
    assert capaian(5, None, POS) is None
    assert capaian(0, t(10), POS) == 0.0  # zero is a value, not a blank


# --- cap and predikat ---------------------------------------------------------------------


def test_capped() -> None:
    assert capped(233.3, 200) == 200
    assert capped(233.3, 120.0) == 120
    assert capped(233.3, None) == 233.3
    assert capped(87.5, 100) == 87.5
    assert capped(-50, 100) == -50
    assert capped(None, 100) is None
    # the floor (Instansi "Batas Bawah Capaian", default 0): a negative capaian is judged as 0
    assert capped(-300.0, None, 0.0) == 0.0
    assert capped(-300.0, 100.0, 0.0) == 0.0
    assert capped(250.0, 100.0, 0.0) == 100.0
    assert capped(55.5, None, 0.0) == 55.5
    assert capped(None, None, 0.0) is None


def test_target_to_date() -> None:
    """Targets to date aggregate like the realisation (SAKIP.md, "Aggregating quarters")."""
    tw = (t(3800), t(4000), t(4000), t(4200))
    assert scoring.target_to_date(tw[:2], Agregasi.KUMULATIF) == t(7800)
    assert scoring.target_to_date(tw[:3], Agregasi.NILAI_AKHIR) == t(4000)
    assert scoring.target_to_date(tw[:3], Agregasi.DARI_ELEMEN) == t(4000)  # a ratio: the level by TW III
    assert scoring.target_to_date((t(80), t(90)), Agregasi.RATA_RATA) == t(85)
    assert scoring.target_to_date((t(25, 30), t(25, 30)), Agregasi.KUMULATIF) == t(50, 60)
    assert scoring.target_to_date((t(2), None), Agregasi.KUMULATIF) is None  # a quarter without target


@pytest.mark.parametrize("skala", list(SKALA.values()), ids=list(SKALA))
def test_predikat_band_boundaries(skala: Skala) -> None:
    previous = None
    for bound, label in skala.bands:
        assert predikat(bound, skala) == label
        assert predikat(bound + 0.01, skala) == label
        if previous is not None:
            assert predikat(bound - 0.01, skala) == previous
        previous = label
    lowest, highest = skala.bands[0][1], skala.bands[-1][1]
    assert predikat(-50, skala) == lowest  # negative capaian: the lowest band
    assert predikat(0, skala) == lowest
    assert predikat(1000, skala) == highest
    assert predikat(None, skala) is None


def test_predikat_permendagri_labels() -> None:
    assert predikat(91, PERMENDAGRI) == "Sangat Tinggi"
    assert predikat(90.99, PERMENDAGRI) == "Tinggi"
    assert predikat(76, PERMENDAGRI) == "Tinggi"
    assert predikat(75.99, PERMENDAGRI) == "Sedang"
    assert predikat(66, PERMENDAGRI) == "Sedang"
    assert predikat(51, PERMENDAGRI) == "Rendah"
    assert predikat(50.99, PERMENDAGRI) == "Sangat Rendah"
    assert predikat(91, SKALA["LKjIP"]) == "Sangat Baik"
    assert predikat(100, SKALA["Aplikasi 4 tingkat"]) == "Sangat Berhasil"
    assert predikat(99.99, SKALA["Aplikasi 4 tingkat"]) == "Berhasil"
    assert predikat(89.99, SKALA["Lampu lalu lintas"]) == "Kuning"


def test_predikat_on_a_bound_reached_through_floating_point() -> None:
    # 16.83 / 33 * 100 == 50.99999999999999 in IEEE arithmetic; a spreadsheet shows 51 → Rendah
    c = capaian(16.83, t(33), POS)
    assert c is not None and c < 51
    assert predikat(c, PERMENDAGRI) == "Rendah"
    assert predikat(50.9999999, PERMENDAGRI) == "Sangat Rendah"


# --- aggregation over quarters ---------------------------------------------------------------


def test_aggregate_each_type_with_blanks() -> None:
    q = [10.0, None, 5.0, None]
    assert aggregate(q, Agregasi.KUMULATIF) == 15
    assert aggregate(q, Agregasi.RATA_RATA) == 7.5
    assert aggregate(q, Agregasi.NILAI_AKHIR) == 5  # the latest reported quarter
    assert aggregate([None, 0.0, None, None], Agregasi.NILAI_AKHIR) == 0
    assert aggregate([1, 2, 3, 4], Agregasi.RATA_RATA) == 2.5
    for agg in Agregasi:
        assert aggregate([None, None, None, None], agg) is None
        assert aggregate([], agg) is None


def test_excel_twins_render_readable_formulas() -> None:
    assert scoring.capaian_excel("B2", "C2", None, False, POS) == (
        '=IF(COUNT(B2,C2)<2,"",IF(C2=0,IF(B2>=0,100,0),B2/C2*100))')
    assert scoring.capped_excel("E2", 120.0, 0.0) == '=IF(COUNT(E2)=0,"",MAX(MIN(E2,120),0))'
    assert scoring.target_to_date_excel(["H2", "I2"], Agregasi.KUMULATIF) == '=IF(COUNT(H2,I2)<2,"",SUM(H2,I2))'
    assert scoring.capped_excel("E2", 120.0) == '=IF(COUNT(E2)=0,"",MIN(E2,120))'
    assert scoring.capped_excel("E2", None) == '=IF(COUNT(E2)=0,"",E2)'
    assert scoring.aggregate_excel(["H2", "I2"], Agregasi.NILAI_AKHIR) == '=IF(ISNUMBER(I2),I2,IF(ISNUMBER(H2),H2,""))'


# --- LibreOffice agrees with the Python twins ------------------------------------------------

_amount = st.one_of(
    st.integers(0, 5000).map(float),
    st.decimals(0, 5000, places=2, allow_nan=False, allow_infinity=False).map(float),
)
_positive = st.one_of(
    st.integers(1, 5000).map(float),
    st.decimals("0.01", 5000, places=2, allow_nan=False, allow_infinity=False).map(float),
)
# mostly positive amounts; now and then a blank or a zero
_maybe = st.integers(0, 9).flatmap(lambda k: st.none() if k == 4 else st.just(0.0) if k == 5 else _positive)


@st.composite
def scoring_cases(draw: st.DrawFn) -> dict:
    pol = draw(st.sampled_from(list(Polaritas)))
    rule = draw(st.sampled_from(list(RumusNegatif)))
    is_range = draw(st.booleans())
    lo = draw(_maybe)
    hi = None
    if is_range and lo is not None:
        hi = lo + draw(st.integers(1, 50))
    skala = draw(st.sampled_from(list(SKALA)))
    r = draw(st.one_of(
        _maybe,
        # a realisasi that lands (mathematically) on a band bound of the scale
        st.sampled_from([b for b, _ in SKALA[skala].bands]).map(lambda b: None if lo is None else b * lo / 100),
    ))
    return {
        "r": r, "lo": lo, "hi": hi, "is_range": hi is not None, "pol": pol, "rule": rule,
        "limit": draw(st.sampled_from([None, 100.0, 120.0, 200.0])), "skala": skala,
        "floor": draw(st.sampled_from([None, 0.0])),
        "quarters": draw(st.lists(st.one_of(_amount, st.none()), min_size=4, max_size=4)),
        "agregasi": draw(st.sampled_from(list(Agregasi))),
    }


def _collect(n: int) -> list[dict]:
    cases: list[dict] = []

    @settings(max_examples=n, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(scoring_cases())
    def collect(case: dict) -> None:
        cases.append(case)

    collect()
    return cases


def _write_number(ws: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: float | None) -> None:
    if value is not None:
        ws.write_number(row, col, value)


@pytest.mark.libreoffice
def test_libreoffice_computes_the_python_scores(tmp_path: Path) -> None:
    """capaian_excel (every polarity × rule × point/range), capped_excel, predikat_excel and
    aggregate_excel recalculated by LibreOffice equal the Python twins. One workbook, one run."""
    cases = _collect(400)
    src = tmp_path / "src" / "skor.xlsx"
    src.parent.mkdir()
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("Kasus")
    table = wb.add_worksheet("Skala")
    ranges: dict[str, tuple[str, str]] = {}
    for k, (name, skala) in enumerate(SKALA.items()):
        for i, (bound, label) in enumerate(skala.bands):
            table.write_number(i, 2 * k, bound)
            table.write_string(i, 2 * k + 1, label)
        n = len(skala.bands)
        sheet = quote_sheetname("Skala")
        ranges[name] = (f"{sheet}!{xl_range_abs(0, 2 * k, n - 1, 2 * k)}",
                        f"{sheet}!{xl_range_abs(0, 2 * k + 1, n - 1, 2 * k + 1)}")

    expected = []
    for row, c in enumerate(cases, start=1):
        ref = {name: xl_rowcol_to_cell(row, col) for name, col in
               [("r", 1), ("lo", 2), ("hi", 3), ("cap", 4), ("capped", 5), ("pred", 6), ("agg", 11), ("tsd", 12)]}
        ws.write_string(row, 0, f"{c['pol']} {c['rule']} {'rentang' if c['is_range'] else 'tunggal'} "
                                f"batas {c['limit']} {c['skala']} {c['agregasi']}")
        _write_number(ws, row, 1, c["r"])
        _write_number(ws, row, 2, c["lo"])
        _write_number(ws, row, 3, c["hi"])
        target = None if c["lo"] is None else Target(c["lo"], c["hi"] if c["is_range"] else c["lo"])
        cap = capaian(c["r"], target, c["pol"], c["rule"])
        shown = capped(cap, c["limit"], c["floor"])
        pred = predikat(shown, SKALA[c["skala"]])
        ws.write_formula(row, 4, scoring.capaian_excel(
            ref["r"], ref["lo"], ref["hi"] if c["is_range"] else None, c["is_range"], c["pol"], c["rule"]),
            None, "" if cap is None else cap)
        ws.write_formula(row, 5, scoring.capped_excel(ref["cap"], c["limit"], c["floor"]), None,
                         "" if shown is None else shown)
        bounds, labels = ranges[c["skala"]]
        ws.write_formula(row, 6, scoring.predikat_excel(ref["capped"], bounds, labels), None, pred or "")
        quarter_refs = []
        for q, value in enumerate(c["quarters"]):
            _write_number(ws, row, 7 + q, value)
            quarter_refs.append(xl_rowcol_to_cell(row, 7 + q))
        agg = aggregate(c["quarters"], c["agregasi"])
        ws.write_formula(row, 11, scoring.aggregate_excel(quarter_refs, c["agregasi"]), None, "" if agg is None else agg)
        # the quarters as targets: the target to date of the first two / all four
        span = quarter_refs[:2 + 2 * (row % 2)]
        tsd = scoring.target_to_date([None if v is None else Target.single(v) for v in c["quarters"][:len(span)]],
                                     c["agregasi"])
        ws.write_formula(row, 12, scoring.target_to_date_excel(span, c["agregasi"]), None,
                         "" if tsd is None else tsd.low)
        expected.append((row, c, cap, shown, pred, agg, None if tsd is None else tsd.low))
    wb.close()

    (out,) = recalculate([src], tmp_path / "out")
    got = openpyxl.load_workbook(out, data_only=True)["Kasus"]
    failures = []
    for row, c, *values in expected:
        for col, py in zip((5, 6, 7, 12, 13), values, strict=True):
            lo = got.cell(row=row + 1, column=col).value
            if not values_equal(py, lo, rel_tol=1e-9):
                failures.append(f"row {row + 1} col {col} {c}: Python {py!r}, LibreOffice {lo!r}")
    assert not failures, "\n".join(failures[:20])

    # the generated cases really cover the space
    kinds = {(c["pol"], c["rule"], c["is_range"]) for c in cases if c["r"] is not None and c["lo"] is not None}
    assert len(kinds) == len(Polaritas) * len(RumusNegatif) * 2
    preds = {p for *_, p, _, _ in expected if p is not None}
    assert len(preds) >= 10
    assert any(e[2] is None for e in expected) and sum(e[2] is not None for e in expected) > 200
