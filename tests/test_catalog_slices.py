"""The catalog one bidang at a time (catalog/slices.py): what ``forms`` and ``check`` read from the cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from factories import sliced, small_catalog

from kinerja_xl.catalog.model import Catalog, Polaritas
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms.writer import write_form
from kinerja_xl.period import parse_period

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "katalog.xlsx"


def _turned(cat: Catalog) -> Catalog:
    """Each way an element comes to warn on a fall or not: its own column (both ways), a stock used by
    a negative indicator of another bidang only, a flow."""
    elemen = tuple(dataclasses.replace(e, turun={"E03": True, "E01": False}.get(e.kode)) for e in cat.elemen)
    indikator = tuple(dataclasses.replace(i, polaritas=Polaritas.NEGATIF) if i.bidang != cat.elemen[-1].bidang
                      else i for i in cat.indikator)
    return dataclasses.replace(cat, elemen=elemen, indikator=indikator)


CATALOGS = {"contoh": build_sample_catalog(), "kecil": small_catalog(), "turun": _turned(small_catalog())}


@pytest.mark.parametrize("name", CATALOGS)
def test_every_question_a_form_asks_gets_the_whole_catalog_s_answer(name: str) -> None:
    whole = CATALOGS[name]
    one_at_a_time = sliced(whole)
    assert one_at_a_time.instansi == whole.instansi
    assert one_at_a_time.bidang == whole.bidang and one_at_a_time.bidang_by_kode == whole.bidang_by_kode
    assert one_at_a_time.bidang_with_form == whole.bidang_with_form
    for kode in [b.kode for b in whole.bidang] + ["TIDAK-ADA", whole.bidang[0].kode.lower()]:
        assert one_at_a_time.elemen_of(kode) == whole.elemen_of(kode), kode
        assert one_at_a_time.elemen_kodes(kode) == whole.elemen_kodes(kode) == {e.kode for e in whole.elemen_of(kode)}
        assert one_at_a_time.indikator_of(kode) == whole.indikator_of(kode), kode
        assert one_at_a_time.sub_kegiatan_of(kode) == whole.sub_kegiatan_of(kode), kode
        assert one_at_a_time.fingerprint(kode) == whole.fingerprint(kode), kode
    assert sum(map(whole.warns_on_fall, (e.kode for e in whole.elemen))) not in (0, len(whole.elemen))
    for e in whole.elemen:
        # asked first (nothing unpickled yet), then beside its own bidang's slice
        assert sliced(whole).warns_on_fall(e.kode) == whole.warns_on_fall(e.kode), e.kode
        one_at_a_time.elemen_of(e.bidang)
        assert one_at_a_time.warns_on_fall(e.kode) == whole.warns_on_fall(e.kode), e.kode
    assert not one_at_a_time.warns_on_fall("TIDAK-ADA")


def test_a_form_written_from_the_slices_is_the_form_written_from_the_whole_catalog(tmp_path: Path) -> None:
    whole = build_sample_catalog()
    one_at_a_time = sliced(whole)
    period, when = parse_period("2025-TW1"), dt.datetime(2025, 3, 20, 8)
    for b in whole.bidang_with_form:
        a = write_form(whole, b.kode, period, tmp_path / f"{b.kode}-a.xlsx", created=when)
        z = write_form(one_at_a_time, b.kode, period, tmp_path / f"{b.kode}-b.xlsx", created=when)
        assert a.read_bytes() == z.read_bytes(), b.kode
