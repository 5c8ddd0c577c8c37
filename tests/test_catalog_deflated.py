"""The catalog as ``merge`` holds it (kinerja_xl/catalog/deflated.py), and what makes the recap's
memory flat with it: every answer the same as the whole catalog's, and the same recap, byte for byte."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import recap_data

from kinerja_xl.catalog.deflated import deflated
from kinerja_xl.catalog.model import Anggaran, Catalog, RecordNames
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.deflate import DeflatedRows, RowIndex
from kinerja_xl.period import parse_period
from kinerja_xl.recap import build_model, write_recap
from kinerja_xl.recap.budget import tree_order
from kinerja_xl.recap.layout import Column, SheetLayout
from kinerja_xl.recap.submissions import Compactor


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_sample_catalog()


@pytest.fixture(scope="module")
def small_blocks(catalog: Catalog) -> Catalog:
    """The sample deflated in blocks of 4 records, so that its tables span many blocks."""
    return deflated(catalog, block=4)


# --- RowIndex -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Code:
    """A key whose hash is chosen: equal hashes for different keys, as a collision would give."""

    text: str
    h: int

    def __hash__(self) -> int:
        return self.h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Code) and other.text == self.text


def _index_and_dict(keys: Sequence[object]) -> tuple[RowIndex[tuple[object, int]], dict[object, tuple[object, int]]]:
    rows: DeflatedRows[tuple[object, int]] = DeflatedRows(block=3)
    for at, key in enumerate(keys):
        rows.append((key, at))
    return RowIndex(rows, lambda row: row[0]), {key: (key, at) for at, key in enumerate(keys)}


def test_row_index_answers_as_the_dict_of_its_rows() -> None:
    keys = [f"IK{i:02}" for i in range(20)] + ["IK03", "IK07", "IK03"]  # repeated: the last row wins
    index, expected = _index_and_dict(keys)
    assert len(index) == len(expected) == 20
    for key, row in expected.items():
        assert index[key] == row and index.get(key) == row and key in index and index.may_hold(key)
        assert index.position(key) == row[1]
    assert index["IK03"] == ("IK03", 22) and index["IK07"] == ("IK07", 21)
    assert sorted(index) == sorted(expected)
    for missing in ("IK99", "", "ik01"):
        assert missing not in index and index.get(missing) is None
        with pytest.raises(KeyError):
            index[missing]


def test_row_index_tells_apart_keys_of_one_hash() -> None:
    a, b, c = _Code("a", 7), _Code("b", 7), _Code("c", 7)
    index, _ = _index_and_dict([a, b, _Code("d", 8), a])
    assert index[a] == (a, 3) and index[b] == (b, 1) and len(index) == 3
    assert c not in index and index.may_hold(c)  # the filter answers by hash alone
    assert not index.may_hold(_Code("e", 9))


def test_row_index_tells_apart_keys_whose_hashes_differ_only_above_32_bits() -> None:
    low, high, negative = _Code("low", 5), _Code("high", 5 + (1 << 32)), _Code("neg", -(1 << 40) + 5)
    index, expected = _index_and_dict([low, high, negative, _Code("big", (1 << 62) + 11)])
    assert len(index) == 4
    for key, row in expected.items():
        assert index[key] == row
    assert _Code("other", 5) not in index and index.may_hold(_Code("other", 5 + (7 << 33)))
    assert dict(index.items()) == expected


# --- the deflated catalog -------------------------------------------------------------------------


def test_deflated_tables_and_indexes_answer_as_the_whole_catalog(catalog: Catalog, small_blocks: Catalog) -> None:
    assert len(small_blocks.elemen) > 4 * 3  # many blocks
    for table in ("bidang", "sasaran", "elemen", "indikator", "anggaran", "renstra"):
        assert list(getattr(small_blocks, table)) == list(getattr(catalog, table)), table
        assert len(getattr(small_blocks, table)) == len(getattr(catalog, table))
    assert small_blocks.instansi == catalog.instansi
    for index in ("elemen_by_kode", "indikator_by_kode", "anggaran_by_kode", "renstra_by_indikator",
                  "bidang_by_kode", "sasaran_by_kode"):
        whole, small = getattr(catalog, index), getattr(small_blocks, index)
        assert len(small) == len(whole) and set(small) == set(whole), index
        assert all(small[k] == v for k, v in whole.items()), index
        assert "TIDAK-ADA" not in small and small.get("TIDAK-ADA") is None
    assert small_blocks.bidang_with_form == catalog.bidang_with_form
    assert [small_blocks.warns_on_fall(e.kode) for e in catalog.elemen] == \
        [catalog.warns_on_fall(e.kode) for e in catalog.elemen]


def test_rows_name_the_whole_catalogs_records_and_keep_a_deflated_ones(catalog: Catalog,
                                                                         small_blocks: Catalog) -> None:
    whole, small = RecordNames(catalog), RecordNames(small_blocks)
    ind = catalog.indikator[0]
    assert whole.key(ind) == ("i", ind.kode) and whole.load(("i", ind.kode)) is ind
    assert whole.key(replace(ind)) is None  # an equal record of another catalog: pickled
    assert small.key(small_blocks.indikator[0]) is None and small.key(ind) is None
    model = build_model(small_blocks, parse_period("2025"), recap_data.submissions(catalog))
    assert [r.indikator for r in model.indikator] == list(catalog.indikator)
    assert [r.elemen for r in model.elemen] == list(catalog.elemen)


def test_compactor_keeps_the_same_codes_from_a_deflated_catalog(catalog: Catalog, small_blocks: Catalog) -> None:
    for sub in recap_data.submissions(catalog):
        foreign = replace(sub, values={**sub.values, "BUKAN-KODE": 1.0}, kendala={**sub.kendala, "X": "teks"})
        assert Compactor(small_blocks)(foreign) == Compactor(catalog)(foreign) == Compactor(catalog)(sub)


@pytest.mark.parametrize("period", ["2025-TW1", "2025-S1", "2025"])
def test_the_recap_from_a_deflated_catalog_is_the_same_bytes(tmp_path: Path, catalog: Catalog,
                                                             small_blocks: Catalog, period: str) -> None:
    subs = recap_data.submissions(catalog)
    a = write_recap(catalog, parse_period(period), subs, tmp_path / "a.xlsx", generated=recap_data.GENERATED)
    b = write_recap(small_blocks, parse_period(period), subs, tmp_path / "b.xlsx", generated=recap_data.GENERATED)
    assert a.path.read_bytes() == b.path.read_bytes()


# --- the E.81 order -------------------------------------------------------------------------------


def _tree_order_by_records(anggaran: Sequence[Anggaran]) -> list[tuple[Anggaran, int, tuple[str, ...]]]:
    """The E.81 order as the recap computed it before it kept positions (the reference)."""
    known = {a.kode for a in anggaran}
    kids: dict[str, list[Anggaran]] = {}
    roots: list[Anggaran] = []
    for a in anggaran:
        parent = a.induk
        if parent is not None and parent in known and parent != a.kode:
            kids.setdefault(parent, []).append(a)
        else:
            roots.append(a)
    out: list[tuple[Anggaran, int, tuple[str, ...]]] = []

    def visit(a: Anggaran, depth: int) -> None:
        children = kids.get(a.kode, [])
        out.append((a, depth, tuple(c.kode for c in children)))
        for c in children:
            visit(c, depth + 1)

    for r in roots:
        visit(r, 0)
    return out


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_tree_order_keeps_the_order_of_the_records(catalog: Catalog, seed: int | None) -> None:
    """The sample's budget tree, and shuffled ones (children before their parents, orphans whose
    parent was dropped, a repeated code): the same nodes, depths and children as by records."""
    anggaran = list(catalog.anggaran)
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(anggaran)
        del anggaran[rng.randrange(len(anggaran))]
        anggaran.append(anggaran[rng.randrange(len(anggaran))])
    order = tree_order(anggaran)
    got = [(anggaran[at], depth, tuple(anggaran[k].kode for k in kids)) for at, depth, kids in order]
    assert got == _tree_order_by_records(anggaran)
    assert len(order) == len(got) and order[-1] == tuple(order)[-1] and order[0:2] == list(order)[0:2]


# --- the layouts' row keys ------------------------------------------------------------------------


def test_layout_rows_by_key_as_a_dict_would_answer() -> None:
    keys: list[object] = [f"K{i}" for i in range(50)] + [("K3", 1), ("K3", 2), 7, "", "k1"]
    lay = SheetLayout("Uji", [Column("kode", "Kode")], keys, header_row=2)
    assert lay.n_rows == len(keys) and lay.last_row == 2 + len(keys)
    for i, key in enumerate(keys):
        assert lay.has_row(key) and lay.row(key) == 3 + i
    for i, key in reversed(list(enumerate(keys))):  # the last key asked for is remembered: ask in turn
        assert lay.row(key) == 3 + i and lay.row(key) == 3 + i
    for missing in ("K50", "K", ("K3", 3), 8, "K1 "):
        assert not lay.has_row(missing)
        with pytest.raises(KeyError):
            lay.row(missing)
    assert lay.ref("K0", "kode") == "Uji!A4"


@pytest.mark.parametrize("keys, repeated", [(["A", "B", "A"], "'A'"), (["A", ("A", 1), ("A", 1)], "('A', 1)")])
def test_layout_refuses_a_repeated_row_key(keys: list[object], repeated: str) -> None:
    with pytest.raises(ValueError, match=rf"duplicate row key {__import__('re').escape(repeated)} on sheet Uji"):
        SheetLayout("Uji", [Column("kode", "Kode")], keys)


def test_layout_compares_the_text_of_a_key_whose_hash_it_finds() -> None:
    """A key of another text whose hash is a row key's (planted: strings' hashes cannot be chosen)."""
    from array import array

    lay = SheetLayout("Uji", [Column("kode", "Kode")], ["A", "B", "C"])
    index = lay._row._index
    planted = sorted((hash("ZZ") if h == hash("B") else h, n)
                     for h, n in zip(index._hashes, index._positions, strict=True))
    index._hashes, index._positions = array("q", (h for h, _ in planted)), array("q", (n for _, n in planted))
    assert not lay.has_row("ZZ") and lay.row("A") == lay.first_row and lay.row("C") == lay.first_row + 2
