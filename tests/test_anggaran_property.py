"""Property test: random budget fills, quarters and histories survive the form → intake round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from anggaran_data import anggaran_table, budget_catalog
from formtools import CREATED, load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import keuangan_sd, serapan
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.result import BudgetToDate, Previous
from kinerja_xl.period import Period

CAT = budget_catalog()
SUBS = CAT.sub_kegiatan_of("DAFDUK")
K, FISIK, RP = layout.BUDGET_K, layout.BUDGET_FISIK, layout.BUDGET_RP


def _as_text(n: int) -> str:
    """A whole number typed as text the Indonesian way: ``1.234.567``."""
    return f"{n:,}".replace(",", ".")


_rp = st.one_of(st.none(), st.integers(0, 400_000_000), st.integers(1000, 400_000_000).map(_as_text))
_fisik = st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)))
_k = st.one_of(st.none(), st.integers(0, 5000))
_past = st.fixed_dictionaries({K: _k, FISIK: _fisik, RP: st.one_of(st.none(), st.integers(0, 150_000_000))})


@st.composite
def cases(draw: st.DrawFn) -> tuple[int, dict[str, dict[str, object]], dict[int, dict[str, dict[str, float | None]]]]:
    q = draw(st.integers(1, 4))
    fill = {a.kode: {K: draw(_k), FISIK: draw(_fisik), RP: draw(_rp)} for a in SUBS}
    history = {k: {a.kode: {key: None if v is None else float(v) for key, v in draw(_past).items()} for a in SUBS}
               for k in range(1, q)}
    return q, fill, history


def _number(v: object) -> float | None:
    if v is None:
        return None
    return float(v) if isinstance(v, (int, float)) else float(str(v).replace(".", ""))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_budget_round_trip(case: tuple[int, dict[str, dict[str, object]], dict[int, dict[str, dict[str, float | None]]]]
                           ) -> None:
    q, fill, history = case
    period = Period(2025, "TW", q)
    to_date: dict[str, BudgetToDate] = {}
    for a in SUBS:
        if not history:
            continue
        fisik = [history[k][a.kode][FISIK] for k in sorted(history) if history[k][a.kode][FISIK] is not None]
        to_date[a.kode] = BudgetToDate(rp=sum(history[k][a.kode][RP] or 0.0 for k in history),
                                       fisik=fisik[-1] if fisik else None)
    previous = Previous(budget=to_date)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_form(CAT, "DAFDUK", period, Path(tmp) / "f.xlsx", created=CREATED, budget_history=history,
                          fill=FormFill(anggaran=fill))
        res = check_file(path, CAT, period, display_name="f.xlsx", previous=previous)
        vs = load(path, values=True)[layout.SHEET_ANGGARAN]
    t = anggaran_table(vs)
    codes = {(f.code, f.cell) for f in res.findings if f.sheet == layout.SHEET_ANGGARAN}
    for a in SUBS:
        got = res.anggaran[a.kode]
        want = {key: _number(fill[a.kode][key]) for key in (K, FISIK, RP)}
        assert got == want
        rp_cell = t.cell(a.kode, layout.h_keuangan(q))
        fisik_cell = t.cell(a.kode, layout.h_fisik(q))
        assert (("anggaran-wajib-kosong", rp_cell) in codes) == (want[RP] is None)
        assert (("anggaran-wajib-kosong", fisik_cell) in codes) == (want[FISIK] is None)
        assert (("nilai-teks-angka", rp_cell) in codes) == isinstance(fill[a.kode][RP], str)
        earlier = to_date[a.kode].rp if a.kode in to_date else 0.0
        over = want[RP] is not None and a.pagu is not None and earlier + want[RP] > a.pagu
        assert (("anggaran-melebihi-pagu", rp_cell) in codes) == over
        before = to_date[a.kode].fisik if a.kode in to_date else None
        falls = want[FISIK] is not None and before is not None and want[FISIK] < before
        assert (("anggaran-fisik-turun", fisik_cell) in codes) == falls
        # the cached formula values are the Python twins' (text typed counts as blank on the form)
        typed = fill[a.kode][RP]
        sd = keuangan_sd([history[k][a.kode][RP] for k in sorted(history)],
                         float(typed) if isinstance(typed, int) else None)
        got_sd = vs[t.cell(a.kode, layout.h_keuangan_sd(q))].value
        assert (got_sd in (None, "")) if sd is None else got_sd == sd
        got_serapan = vs[t.cell(a.kode, layout.H_SERAPAN)].value
        expected = serapan(sd, a.pagu)
        assert (got_serapan in (None, "")) if expected is None else got_serapan == expected
