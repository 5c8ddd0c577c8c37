"""The workspace's parsed copy of the catalog: used while the catalog's bytes are unchanged, never trusted."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from kinerja_xl.catalog import cache
from kinerja_xl.catalog.loader import load_catalog
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.catalog.slices import SlicedCatalog
from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.deflate import DeflatedRows
from kinerja_xl.errors import CatalogError
from kinerja_xl.workspace import Workspace

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "katalog.xlsx"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    shutil.copy2(SAMPLE, tmp_path / "katalog.xlsx")
    return Workspace(tmp_path)


def _not_read(*_args: object, **_kwargs: object) -> Catalog:
    raise AssertionError("the catalog was read instead of its cached copy")


def _counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The catalogs read (not taken from the cache) from now on, in order."""
    reads: list[Path] = []
    real = cache.read_catalog

    def counting(path: Path, **kwargs: object) -> Catalog:
        reads.append(path)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "read_catalog", counting)
    return reads


def test_the_second_load_comes_from_the_cache_and_equals_the_catalog(ws: Workspace,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = ws.load_catalog()
    assert ws.catalog_cache_path.is_file()
    with monkeypatch.context() as m:
        m.setattr(cache, "read_catalog", _not_read)
        again = ws.load_catalog()
    loaded = load_catalog(ws.katalog_path).catalog
    assert again == first == loaded
    assert again.sources == {} and loaded.sources  # the records' cells serve the loader's findings only
    assert [again.fingerprint(b.kode) for b in again.bidang] == [loaded.fingerprint(b.kode) for b in loaded.bidang]
    assert [tmp.name for tmp in ws.root.iterdir() if tmp.suffix == ".tmp"] == []


def test_merge_loads_the_catalog_deflated_when_read_and_from_the_cache(ws: Workspace,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``merge``'s catalog (``Workspace.load_catalog_deflated``): read, cached and deflated the first
    time; deflated table by table from the cache the next; each time equal to the catalog."""
    whole = load_catalog(ws.katalog_path).catalog
    fresh = ws.load_catalog_deflated()
    assert ws.catalog_cache_path.is_file()
    with monkeypatch.context() as m:
        m.setattr(cache, "read_catalog", _not_read)
        cached = ws.load_catalog_deflated()
    for catalog in (fresh, cached):
        assert catalog == whole
        for table in ("elemen", "indikator", "anggaran", "renstra"):
            assert isinstance(getattr(catalog, table), DeflatedRows), table
        for index in ("elemen_by_kode", "indikator_by_kode", "anggaran_by_kode", "renstra_by_indikator",
                      "bidang_by_kode", "sasaran_by_kode"):
            mine, expected = getattr(catalog, index), getattr(whole, index)
            assert len(mine) == len(expected) and all(mine[k] == v for k, v in expected.items()), index
        assert catalog.bidang_with_form == whole.bidang_with_form
    assert ws.load_catalog() == whole  # the same cache serves the whole catalog


def test_an_edited_catalog_is_read_again_and_the_cache_follows_it(ws: Workspace) -> None:
    ws.load_catalog()
    before = ws.catalog_cache_path.read_bytes()
    sample = build_sample_catalog()
    renamed = dataclasses.replace(sample, bidang=tuple(dataclasses.replace(b, nama=b.nama + " Baru")
                                                       for b in sample.bidang))
    write_catalog(ws.katalog_path, renamed)
    catalog = ws.load_catalog()
    assert all(b.nama.endswith(" Baru") for b in catalog.bidang)
    assert ws.catalog_cache_path.read_bytes() != before
    assert ws.catalog_cache_path.read_bytes().startswith(cache.cache_key(ws.katalog_path.read_bytes()))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-catalog", "not-a-catalog"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(ws: Workspace, damage: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    good = ws.load_catalog()
    key = cache.cache_key(ws.katalog_path.read_bytes())
    body = ws.catalog_cache_path.read_bytes()[len(key):]
    planted = {
        "garbage": key + os.urandom(4096),
        "truncated": key + body[: len(body) // 2],
        "empty": b"",
        "other-catalog": cache.cache_key(b"another catalog") + body,
        "not-a-catalog": key + pickle.dumps({"bidang": []}),
    }[damage]
    ws.catalog_cache_path.write_bytes(planted)
    reads = _counted_reads(monkeypatch)
    assert ws.load_catalog() == good
    assert reads == [ws.katalog_path]
    assert ws.catalog_cache_path.read_bytes().startswith(key) and ws.catalog_cache_path.read_bytes() != planted


def test_a_cache_written_by_other_code_is_not_used(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a working copy the loader or the model may change under the same version number."""
    ws.load_catalog()
    monkeypatch.setattr(cache, "_code_stamp", lambda: "kode-lain")
    monkeypatch.setattr(cache, "read_catalog", _not_read)
    with pytest.raises(AssertionError, match="read instead of its cached copy"):
        ws.load_catalog()


class _Payload:
    """What an attacker would plant: unpickling it would run a command."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_a_planted_pickle_never_runs(ws: Workspace, tmp_path: Path) -> None:
    good = ws.load_catalog()
    marker = tmp_path / "dijalankan"
    key = cache.cache_key(ws.katalog_path.read_bytes())
    ws.catalog_cache_path.write_bytes(key + pickle.dumps(_Payload(marker)))
    assert ws.load_catalog() == good
    assert not marker.exists()


def test_a_catalog_with_errors_keeps_its_findings_and_is_not_cached(ws: Workspace) -> None:
    write_catalog(ws.katalog_path, dataclasses.replace(build_sample_catalog(), bidang=()))
    expected = load_catalog(ws.katalog_path).findings
    with pytest.raises(CatalogError) as raised:
        ws.load_catalog()
    assert [(f.code, f.sheet, f.cell, f.message) for f in raised.value.findings] == \
        [(f.code, f.sheet, f.cell, f.message) for f in expected]
    assert expected and not ws.catalog_cache_path.exists()


def test_a_workspace_that_cannot_be_written_goes_without_a_cache(ws: Workspace,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError("read-only")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refused)
    assert ws.load_catalog() == load_catalog(ws.katalog_path).catalog
    assert not ws.catalog_cache_path.exists()


def test_a_catalog_that_cannot_be_pickled_goes_without_a_cache_and_leaves_no_temporary_file(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise pickle.PicklingError("tidak bisa")

    monkeypatch.setattr(cache.pickle, "dump", refused)
    assert ws.load_catalog() == load_catalog(ws.katalog_path).catalog
    assert not ws.catalog_cache_path.exists()
    assert [p.name for p in ws.root.iterdir() if p.name.startswith(".katalog-")] == []


def test_a_missing_catalog_says_so_as_before(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as raised:
        Workspace(tmp_path).load_catalog()
    assert [f.code for f in raised.value.findings] == ["katalog-berkas-tidak-terbaca"]


def test_records_unpickle_to_equal_records_and_refuse_a_state_of_the_wrong_size() -> None:
    """frozen.quick_to_unpickle: the state is the fields in order; a state of another size is refused
    (a cache written for other fields never fills the wrong ones)."""
    catalog = build_sample_catalog()
    records = [*catalog.bidang, *catalog.elemen, *catalog.indikator, *catalog.anggaran, *catalog.renstra]
    assert pickle.loads(pickle.dumps(records)) == records
    elemen = catalog.elemen[0]
    assert elemen.__reduce_ex__(5)[2] == tuple(getattr(elemen, f.name) for f in dataclasses.fields(elemen))
    state: tuple[object, ...] = elemen.__getstate__()  # type: ignore[assignment]
    blank: Any = object.__new__(type(elemen))
    with pytest.raises(ValueError):
        blank.__setstate__(state[:-1])


# --- the catalog one bidang at a time (catalog/slices.py), as forms and check read it -------------


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
    reads = _counted_reads(monkeypatch)
    assert ws.load_catalog_by_bidang() == good
    assert reads == [ws.katalog_path]
    assert ws.catalog_cache_path.read_bytes() != bytes(data)  # rewritten
    assert isinstance(ws.load_catalog_by_bidang(), SlicedCatalog) and reads == [ws.katalog_path]
