"""Rows and submissions kept as deflated pickles (kinerja_xl/deflate.py): what comes back is what went in."""

from __future__ import annotations

import gc
import math
import weakref
from dataclasses import dataclass

import pytest

from kinerja_xl.deflate import (
    DeflatedRows,
    Deflater,
    FloatRows,
    Kept,
    Picked,
    Texts,
    text_index,
)
from kinerja_xl.frozen import collector_spares_what_exists


@dataclass(frozen=True, slots=True)
class _Row:
    kode: str
    tw: tuple[float | None, ...]
    catatan: str = ""


def _rows(n: int) -> list[_Row]:
    return [_Row(f"IK{i:03}", (i * 0.1, None, -0.0, float(i)), "target 0" if i % 3 else "") for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 4, 5, 9])
def test_rows_come_back_equal_in_order_across_blocks(n: int) -> None:
    table: DeflatedRows[_Row] = DeflatedRows(block=4)
    expected = _rows(n)
    for row in expected:
        table.append(row)
    assert len(table) == n
    assert list(table) == expected and table == expected and table == tuple(expected)
    assert [table[i] for i in range(n)] == expected
    assert [table[-i] for i in range(1, n + 1)] == expected[::-1]
    assert table[1:n:2] == expected[1:n:2]
    with pytest.raises(IndexError):
        table[n]
    with pytest.raises(IndexError):
        table[-n - 1]


def test_exact_values_and_shared_objects_survive() -> None:
    table: DeflatedRows[_Row] = DeflatedRows(block=2)
    nan_row = _Row("X", (math.nan, 1e308, 5e-324, -0.0))
    shared = ("sama",) * 2
    table.append(nan_row)
    table.append(_Row("Y", shared))
    table.append(_Row("Z", shared))
    first, second, third = table
    assert math.isnan(first.tw[0]) and first.tw[1:3] == (1e308, 5e-324) and math.copysign(1, first.tw[3]) == -1
    assert second == _Row("Y", shared) and third == _Row("Z", shared)
    assert first is not nan_row  # a copy: equal, not the same object


def test_a_block_is_unpickled_once_while_the_rows_are_read_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    table: DeflatedRows[_Row] = DeflatedRows(block=4, kept=1)
    for row in _rows(12):
        table.append(row)
    unpacked = []
    real = Deflater.unpack
    monkeypatch.setattr(Deflater, "unpack", lambda self, data: unpacked.append(data) or real(self, data))
    assert list(table) == _rows(12)
    assert len(unpacked) == 3
    assert [table[i].kode for i in range(12)] == [r.kode for r in _rows(12)]
    assert len(unpacked) == 6


def test_picked_gives_the_rows_at_the_positions_in_that_order() -> None:
    table: DeflatedRows[_Row] = DeflatedRows(block=2)
    rows = _rows(5)
    for row in rows:
        table.append(row)
    picked = Picked(table, [4, 0, 2])
    assert list(picked) == [rows[4], rows[0], rows[2]] and len(picked) == 3
    assert picked[1] == rows[0] and list(picked[1:]) == [rows[0], rows[2]]


def test_kept_makes_a_value_once_until_it_is_pushed_out() -> None:
    made: list[int] = []
    kept: Kept[int, int] = Kept(lambda k: made.append(k) or k * 10, size=2)
    assert [kept(1), kept(2), kept(1), kept(3), kept(2), kept(1)] == [10, 20, 10, 30, 20, 10]
    assert made == [1, 2, 3, 2, 1]  # 2 was the least recently used when 3 came, then 1 when 2 came back
    assert kept(1) == 10 and len(made) == 5
    assert kept.values() == [20, 10]  # least recently used first
    kept.clear()
    kept(1)
    assert made == [1, 2, 3, 2, 1, 1]


def test_a_deflater_with_a_dictionary_makes_smaller_bytes_and_reads_them_back() -> None:
    rows = _rows(40)
    plain, primed = Deflater(), Deflater.first(rows[0])
    assert all(plain.unpack(plain.pack(r)) == r == primed.unpack(primed.pack(r)) for r in rows)
    assert sum(len(primed.pack(r)) for r in rows) < 0.7 * sum(len(plain.pack(r)) for r in rows)


class _ByKode:
    """Shared objects named by their code (as the recap names the catalog's records)."""

    def __init__(self, rows: list[_Row]):
        self.rows = {r.kode: r for r in rows}

    def key(self, obj: object) -> str | None:
        return obj.kode if isinstance(obj, _Row) and self.rows.get(obj.kode) is obj else None

    def load(self, key: object) -> object:
        return self.rows[key]  # type: ignore[index]


def test_shared_objects_come_back_as_the_very_objects_others_are_copied() -> None:
    records = _rows(3)
    shared = _ByKode(records)
    stranger = _Row("IK001", (1.0,))  # the same code, another object: pickled, not named
    table: DeflatedRows[tuple[_Row, ...]] = DeflatedRows(block=2, shared=shared)
    for row in [(records[0],), (records[1], records[2]), (stranger,), ()]:
        table.append(row)
    (a,), (b, c), (s,), () = table
    assert a is records[0] and b is records[1] and c is records[2]
    assert s == stranger and s is not stranger
    assert len(Deflater(shared=shared).pack(records[2])) < len(Deflater().pack(records[2]))


def test_texts_and_their_index_answer_as_a_list_and_a_dict() -> None:
    codes = ["IK01", "", "IK02", "IK01", "ÉL-ü", "IK0"]
    texts = Texts(codes)
    assert list(texts) == codes and len(texts) == 6
    with pytest.raises(IndexError):
        texts[6]
    index = text_index(codes)
    as_dict = {code: at for at, code in enumerate(codes)}  # the last position of a code given twice
    assert {code: index.position(code) for code in as_dict} == as_dict
    assert len(index) == len(as_dict)
    with pytest.raises(KeyError):
        index.position("IK03")


def test_float_rows_keep_numbers_and_none_by_code_as_a_dict_of_tuples() -> None:
    codes = ["A", "B", "A", "C"]  # "A" twice: one slot, the last, as a dict's key
    rows = FloatRows(codes, 3)
    assert rows.slot("A") == 2 and rows.slot("B") == 1
    assert "A" in rows and "Z" not in rows and len(rows) == 3
    assert dict(rows) == {"A": (None, None, None), "B": (None, None, None), "C": (None, None, None)}
    for col, value in enumerate((-0.0, math.inf, 1e-300)):
        rows.put(rows.slot("B"), col, value)
    rows.put(rows.slot("A"), 1, 7.5)
    rows.put(rows.slot("A"), 1, None)  # put back to no value
    assert rows["B"] == (-0.0, math.inf, 1e-300) and math.copysign(1, rows["B"][0]) == -1
    assert rows["A"] == (None, None, None)
    column = rows.column(1)
    assert dict(column) == {"A": None, "B": math.inf, "C": None}
    assert column.get("Z") is None and column.get("Z", 3.0) == 3.0 and rows.get("Z") is None
    rows.put(rows.slot("C"), 1, 2.0)  # a view: what is put later shows
    assert column["C"] == 2.0
    with pytest.raises(KeyError):
        column["Z"]
    with pytest.raises(KeyError):
        rows.slot("Z")


def test_what_a_block_sets_aside_is_collected_before_it_is_spared() -> None:
    """A cycle dropped before ``what_exists_now`` is freed then, not held frozen to the end."""
    class Cycle:
        def __init__(self) -> None:
            self.me = self

    with collector_spares_what_exists() as spared:
        dropped = Cycle()
        gone = weakref.ref(dropped)
        del dropped
        spared.what_exists_now()
        assert gone() is None
    assert gc.get_freeze_count() == 0
