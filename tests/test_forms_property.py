"""Property test: for random small catalogs, fills and quarters, the form keeps its invariants."""

from __future__ import annotations

import tempfile
from pathlib import Path

from formtools import CREATED, element_table, indicator_table, label_cell, load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja_xl import rumus, scoring
from kinerja_xl.catalog.model import (
    Agregasi,
    BatasCapaian,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    RumusNegatif,
    Target,
    TipeElemen,
)
from kinerja_xl.forms import layout
from kinerja_xl.forms.isian import DIHITUNG_SAAT_REKAP
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.period import Period

_value = st.one_of(st.none(), st.integers(-5, 5000), st.floats(-10, 1000, allow_nan=False).map(lambda x: round(x, 3)),
                   st.sampled_from(["-", "1.234,5", "N/A"]))
_target = st.one_of(st.none(), st.integers(0, 200).map(Target.single),
                    st.tuples(st.integers(0, 100), st.integers(1, 50)).map(lambda t: Target(t[0], t[0] + t[1])))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Catalog, int, FormFill, dict[str, list[str]]]:
    n_bidang = draw(st.integers(1, 3))
    bidang = tuple(Bidang(f"B{i}", f"Bidang {i}", "Kepala", "1" * 18) for i in range(n_bidang))
    elemen = []
    for b in bidang:
        for k in range(draw(st.integers(0, 5))):
            elemen.append(Elemen(f"{b.kode}E{k}", f"Elemen {k}", "unit", b.kode, draw(st.sampled_from(list(TipeElemen))),
                                 draw(st.sampled_from([None, 0.0])), draw(st.sampled_from([None, 100.0, 5000.0])),
                                 draw(st.booleans()), draw(st.sampled_from(list(Agregasi)))))
    codes = [e.kode for e in elemen]
    indikator = []
    if codes:
        for b in bidang:
            for k in range(draw(st.integers(0, 3))):
                a, c = draw(st.sampled_from(codes)), draw(st.sampled_from(codes))
                text = draw(st.sampled_from([f"{a} / {c} * 100", a, f"{a} + {c}", f"MAX({a}, {c}) - 1"]))
                tw = draw(st.tuples(_target, _target, _target, _target))
                indikator.append(Indikator(f"{b.kode}I{k}", "S1", f"Indikator {k}", "%",
                                           draw(st.sampled_from(list(Polaritas))), Agregasi.NILAI_AKHIR,
                                           rumus.parse(text), draw(_target), tw, False, b.kode))
    instansi = Instansi("Pemerintah Kabupaten Acak", "Dinas Acak",
                        batas_capaian=draw(st.sampled_from(list(BatasCapaian))),
                        rumus_negatif=draw(st.sampled_from(list(RumusNegatif))),
                        skala=draw(st.sampled_from(["Permendagri 86/2017", "Lampu lalu lintas"])))
    catalog = Catalog(instansi, bidang, (), tuple(indikator), tuple(elemen))
    q = draw(st.integers(1, 4))
    fill = FormFill(values={c: draw(_value) for c in codes if draw(st.booleans())})
    notes = {c: ["periksa"] for c in codes + [i.kode for i in indikator] if draw(st.integers(0, 4)) == 0}
    return catalog, q, fill, notes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_form_invariants(case: tuple[Catalog, int, FormFill, dict[str, list[str]]]) -> None:
    catalog, q, fill, notes = case
    b = catalog.bidang[0].kode
    with tempfile.TemporaryDirectory() as tmp:
        path = write_form(catalog, b, Period(2025, "TW", q), Path(tmp) / "f.xlsx", created=CREATED, fill=fill,
                          notes=notes)
        wb, values = load(path), load(path, values=True)
    ws, vs = wb[layout.SHEET_ISIAN], values[layout.SHEET_ISIAN]
    el, ind = element_table(ws), indicator_table(ws)
    mine = catalog.elemen_of(b)
    assert list(el.rows) == [e.kode for e in mine]
    assert list(ind.rows) == [i.kode for i in catalog.indikator_of(b)]
    real = layout.h_realisasi(q)
    inputs = {(ws.title, el.cell(c, h)) for c in el.rows for h in (real, layout.H_KETERANGAN)}
    inputs |= {(ws.title, ind.cell(c, layout.H_KENDALA)) for c in ind.rows}
    inputs.add((layout.SHEET_PENGESAHAN, label_cell(wb[layout.SHEET_PENGESAHAN], layout.H_TANGGAL)))
    unlocked = {(s.title, c.coordinate) for s in wb.worksheets for row in s.iter_rows() for c in row
                if c.has_style and not c.protection.locked}
    assert unlocked == inputs
    numeric = {e.kode: v if isinstance(v, (int, float)) else None
               for e in mine for v in [fill.values.get(e.kode)]}
    limit = catalog.instansi.batas_capaian.limit
    for i in catalog.indikator_of(b):
        cell = ws[ind.cell(i.kode, real)]
        if not set(i.rumus.elements) <= set(numeric):
            assert cell.value == DIHITUNG_SAAT_REKAP
            continue
        assert cell.value.startswith("=")
        expected = i.rumus.evaluate(numeric)
        got = vs[ind.cell(i.kode, real)].value
        assert (got is None) if expected is None else got == expected
        cap = scoring.capped(scoring.capaian(expected, i.target_tw[q - 1], i.polaritas, catalog.instansi.rumus_negatif),
                             limit, catalog.instansi.batas_bawah_capaian.limit)
        got_cap = vs[ind.cell(i.kode, layout.h_capaian(q))].value
        assert (got_cap is None) if cap is None else got_cap == cap
        pred = vs[ind.cell(i.kode, layout.H_PREDIKAT)].value
        assert pred == scoring.predikat(cap, catalog.instansi.skala_predikat)
    for code in notes:
        if code in el.rows:
            assert ws[el.cell(code, real)].comment is not None
        elif code in ind.rows:
            assert ws[ind.cell(code, layout.H_KENDALA)].comment is not None
