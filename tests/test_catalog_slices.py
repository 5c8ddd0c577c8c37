"""The catalog one bidang at a time (catalog/slices.py): what ``forms`` and ``check`` read from the cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import struct
from pathlib import Path

import pytest
from factories import sliced, small_catalog

from kinerja_xl.catalog import cache
from kinerja_xl.catalog.model import Catalog, Polaritas
from kinerja_xl.catalog.slices import SlicedCatalog
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms.writer import write_form
from kinerja_xl.period import parse_period
from kinerja_xl.workspace import Workspace

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


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    shutil.copy2(SAMPLE, tmp_path / "katalog.xlsx")
    return Workspace(tmp_path)


def _not_read(*_args: object, **_kwargs: object) -> Catalog:
    raise AssertionError("the catalog was read instead of its cached copy")


def test_forms_and_check_read_the_cache_one_bidang_at_a_time(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ws.load_catalog_by_bidang()
    assert isinstance(first, Catalog)  # read and cached: whole, as it was read
    with monkeypatch.context() as m:
        m.setattr(cache, "read_catalog", _not_read)
        again = ws.load_catalog_by_bidang()
        whole = ws.load_catalog()  # the other commands still get it whole from the same cache
    assert isinstance(again, SlicedCatalog) and whole == first
    assert [again.fingerprint(b.kode) for b in whole.bidang] == [whole.fingerprint(b.kode) for b in whole.bidang]
    assert [again.elemen_of(b.kode) for b in whole.bidang] == [whole.elemen_of(b.kode) for b in whole.bidang]


def _blob_start(ws: Workspace) -> tuple[int, int]:
    data = ws.catalog_cache_path.read_bytes()
    at = len(cache.cache_key(ws.katalog_path.read_bytes()))
    head, blob = struct.unpack("<QQ", data[at:at + 16])
    return at + 16 + head, blob


@pytest.mark.parametrize("where", ["slices", "head", "lengths"])
def test_a_damaged_slice_head_or_length_is_refused_and_the_catalog_read_again(
        ws: Workspace, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    good = ws.load_catalog()
    start, length = _blob_start(ws)
    data = bytearray(ws.catalog_cache_path.read_bytes())
    if where == "lengths":  # after the key: a length no file holds
        at = len(cache.cache_key(ws.katalog_path.read_bytes()))
        data[at:at + 16] = struct.pack("<QQ", 2**63 + 5, length)
    else:
        data[start + length // 2 if where == "slices" else start - 40] ^= 0x55
    ws.catalog_cache_path.write_bytes(bytes(data))
    reads: list[Path] = []
    real = cache.read_catalog

    def counting(path: Path, **kwargs: object) -> Catalog:
        reads.append(path)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "read_catalog", counting)
    assert ws.load_catalog_by_bidang() == good
    assert reads == [ws.katalog_path]
    assert ws.catalog_cache_path.read_bytes() != bytes(data)  # rewritten
    assert isinstance(ws.load_catalog_by_bidang(), SlicedCatalog) and reads == [ws.katalog_path]
