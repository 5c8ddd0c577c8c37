"""The catalog packed in columns for the workspace's cache (catalog/packed.py): the same catalog
after a load, with each value stored once, and a payload of the wrong shape never used."""

from __future__ import annotations

import dataclasses
import io
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from kinerja_xl.catalog import cache
from kinerja_xl.catalog.loader import load_catalog
from kinerja_xl.catalog.model import INDEXES, Agregasi, Catalog, Target
from kinerja_xl.catalog.packed import TABLES, pack, unpack
from kinerja_xl.frozen import records_from_columns
from kinerja_xl.workspace import Workspace

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "katalog.xlsx"


def _through_the_cache(catalog: Catalog) -> Catalog:
    """Packed, pickled and read back as the cache reads it (the restricted unpickler)."""
    data = pickle.dumps(pack(catalog), protocol=pickle.HIGHEST_PROTOCOL)
    return unpack(cache._CatalogUnpickler(io.BytesIO(data)).load())


def _assert_same_catalog(back: Catalog, catalog: Catalog) -> None:
    assert back == catalog
    for name in TABLES:
        # repr: every field of every record with its exact type (1 is not 1.0, -0.0 is not 0.0)
        assert [repr(r) for r in getattr(back, name)] == [repr(r) for r in getattr(catalog, name)]
    assert repr(back.instansi) == repr(catalog.instansi)
    assert back.sources == {}


def test_a_packed_catalog_comes_back_equal_with_its_indexes() -> None:
    catalog = load_catalog(SAMPLE).catalog.indexed()
    back = _through_the_cache(catalog)
    _assert_same_catalog(back, catalog)
    kept = {name for name in vars(back) if name in INDEXES}
    assert kept == {name for name in vars(catalog) if name in INDEXES} and kept
    for name in kept:
        assert vars(back)[name] == vars(catalog)[name], name
    # the indexes hold the very records of the tables, not copies
    assert all(back.elemen_by_kode[e.kode] is e for e in back.elemen)
    assert all(back.indikator_of(b.kode)[i] is ind for b in back.bidang
               for i, ind in enumerate(back.indikator_of(b.kode)))
    assert all(any(a is s for a in back.anggaran) for b in back.bidang for s in back.sub_kegiatan_of(b.kode))
    assert [back.fingerprint(b.kode) for b in back.bidang] == [catalog.fingerprint(b.kode) for b in catalog.bidang]


def test_values_that_are_equal_but_not_the_same_stay_apart() -> None:
    """Sharing goes by type and value: ``0.0`` and ``-0.0``, ``5`` and ``5.0``, a text and the enum
    member of the same text are equal in Python, and each keeps what it was."""
    catalog = load_catalog(SAMPLE).catalog
    ind = list(catalog.indikator)
    ind[0] = dataclasses.replace(ind[0], target_tahunan=Target(-0.0, -0.0),
                                 target_tw=(Target(0.0, 0.0), Target(-0.0, -0.0), None, Target(1.0, 1.0)))
    ind[1] = dataclasses.replace(ind[1], target_tahunan=Target(0.0, 0.0), rencana_aksi=("kumulatif", "", "", ""))
    ren = list(catalog.renstra)
    ren[0] = dataclasses.replace(ren[0], baseline=5, target=(5, 5.0, None, -0.0, 0.0))
    ren[1] = dataclasses.replace(ren[1], baseline=5.0)
    elemen = list(catalog.elemen)
    elemen[0] = dataclasses.replace(elemen[0], nama=str(Agregasi.KUMULATIF), agregasi=Agregasi.KUMULATIF)
    edited = dataclasses.replace(catalog, indikator=tuple(ind), renstra=tuple(ren), elemen=tuple(elemen))
    back = _through_the_cache(edited.indexed())
    _assert_same_catalog(back, edited)
    assert str(back.indikator[0].target_tahunan) == "-0" and str(back.indikator[1].target_tahunan) == "0"
    assert type(back.renstra[0].baseline) is int and type(back.renstra[1].baseline) is float
    assert type(back.elemen[0].nama) is str and back.elemen[0].agregasi is Agregasi.KUMULATIF


def test_equal_values_are_one_object_after_a_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy2(SAMPLE, tmp_path / "katalog.xlsx")
    ws = Workspace(tmp_path)
    ws.load_catalog()

    def not_read(*_args: object, **_kwargs: object) -> Catalog:
        raise AssertionError("the catalog was read instead of its cached copy")

    monkeypatch.setattr(cache, "read_catalog", not_read)
    catalog = ws.load_catalog()
    kode = {b.kode: b.kode for b in catalog.bidang} | {e.kode: e.kode for e in catalog.elemen}
    assert all(e.bidang is kode[e.bidang] for e in catalog.elemen)
    assert all(i.bidang is kode[i.bidang] for i in catalog.indikator)
    assert all(code is kode[code] for i in catalog.indikator for code in i.rumus.elements)
    targets = [t for i in catalog.indikator for t in (i.target_tahunan, *i.target_tw) if t is not None]
    assert len({id(t) for t in targets}) == len({repr(t) for t in targets}) < len(targets)
    # numbers: one object per value in each field (and year of a Renstra's targets)
    columns = [[r.baseline for r in catalog.renstra], [a.pagu for a in catalog.anggaran],
               *([r.target[y] for r in catalog.renstra] for y in range(5)),
               *([r.realisasi[y] for r in catalog.renstra] for y in range(5))]
    for numbers in columns:
        assert len({id(x) for x in numbers}) == len({repr(x) for x in numbers})
    assert sum(map(len, columns)) > sum(len({repr(x) for x in numbers}) for numbers in columns)  # repeats


def _damaged(payload: dict[str, Any], damage: str) -> dict[str, Any]:
    if damage == "short-column":
        rows, columns = payload["tables"]["elemen"]
        how, values, positions = columns[1]
        columns[1] = (how, values, positions[:-1]) if positions is not None else (how, values[:-1], None)
    elif damage == "missing-field":
        rows, columns = payload["tables"]["indikator"]
        payload["tables"]["indikator"] = (rows, columns[:-1])
    elif damage == "foreign-index":
        payload["indexes"]["__class__"] = ("as is", None)
    elif damage == "index-out-of-range":
        payload["indexes"]["elemen_by_kode"] = ("rows", "elemen", b"\xff\xff")
    return payload


@pytest.mark.parametrize("damage", ["short-column", "missing-field", "foreign-index", "index-out-of-range"])
def test_a_payload_of_the_wrong_shape_is_ignored_and_the_catalog_read_again(tmp_path: Path, damage: str) -> None:
    shutil.copy2(SAMPLE, tmp_path / "katalog.xlsx")
    ws = Workspace(tmp_path)
    good = ws.load_catalog()
    key = cache.cache_key(ws.katalog_path.read_bytes())
    planted = key + pickle.dumps(_damaged(pack(good), damage), protocol=pickle.HIGHEST_PROTOCOL)
    ws.catalog_cache_path.write_bytes(planted)
    assert ws.load_catalog() == good
    assert ws.catalog_cache_path.read_bytes() != planted  # rebuilt


def test_records_from_columns_refuses_columns_of_another_shape() -> None:
    assert records_from_columns(Target, [(1.0, 2.0), (1.0, 3.0)], 2) == (Target(1.0, 1.0), Target(2.0, 3.0))
    with pytest.raises(ValueError):
        records_from_columns(Target, [(1.0, 2.0), (1.0,)], 2)
    with pytest.raises(ValueError):
        records_from_columns(Target, [(1.0, 2.0)], 2)


def test_an_index_holding_a_record_outside_the_tables_is_not_packed() -> None:
    catalog = load_catalog(SAMPLE).catalog
    stray = dataclasses.replace(catalog.elemen[0], nama="bukan dari katalog")
    catalog.__dict__["elemen_by_kode"] = {stray.kode: stray}
    with pytest.raises(pickle.PicklingError):
        pack(catalog)
