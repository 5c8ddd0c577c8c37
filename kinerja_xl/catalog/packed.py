"""The catalog as the workspace's cache keeps it: one column per field, every value stored once.

Every command holds the whole catalog, so its size is most of what a command's memory grows by
with the number of bidang. Pickling the :class:`Catalog` object by object (as it was) made it
twice as large after a load as it needs to be, and larger still during the load:

* pickle shares an object only with itself: equal strings read into separate cells, the same
  ``Target`` on 20,000 indicator rows, and every number (pickle never shares a float) came back
  as separate objects — 110,000 floats with 174 distinct values, 57,000 strings with 22,000;
* the unpickler keeps every object it builds until the end of the load, the state tuple of each
  of the 60,000 records among them: a third again of the catalog, which the process keeps as
  memory it has touched (the allocator's arenas stay while live records sit between the freed
  tuples).

So :func:`pack` turns the catalog into plain columns before pickling: each record table (bidang,
elemen, ...) is one column per field, a column is its distinct values plus, when some repeat, the
position of each row's value in them (bytes); and equal values anywhere in the catalog (strings,
numbers, targets, formula trees, tuples) are first made one object, so that pickle's memo writes
each once. :func:`unpack` builds the records from the columns after the unpickler is done, each
field set in one pass over the table, and the indexes from the positions of the records they
hold: no record's state outlives the load.

:func:`pack` raises ``pickle.PicklingError`` for a catalog it cannot pack (then it goes without
a cache). Nothing here trusts the payload: a payload of the wrong shape raises ``TypeError``,
``ValueError``, ``IndexError`` or ``KeyError`` (the cache then reads the catalog again).
"""

from __future__ import annotations

import functools
import pickle
import sys
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import fields
from enum import Enum
from itertools import islice
from typing import Any

from kinerja_xl.catalog.model import (
    INDEXES,
    Anggaran,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Renstra,
    Sasaran,
)
from kinerja_xl.frozen import records_from_columns

__all__ = ["pack", "unpack"]

#: The catalog's record tables, by field of :class:`Catalog`, and the class of their records.
TABLES: dict[str, type] = {"bidang": Bidang, "sasaran": Sasaran, "indikator": Indikator,
                           "elemen": Elemen, "anggaran": Anggaran, "renstra": Renstra}
_TABLE_OF = {cls: name for name, cls in TABLES.items()}


class _Sharer:
    """Makes equal values one object, exactly: the same type and value, all the way down (``1`` and
    ``1.0``, ``0.0`` and ``-0.0``, a string and an enum member of the same text stay apart)."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}  # exact str only: an enum member equals its text
        self.numbers: dict[str, float | None] = {}  # floats (and None) by repr: 0.0 and -0.0 apart
        # composites by type and parts (their repr, or the ids of their shared parts: those are kept
        # alive here, so an id is never reused while it is a key). No memo by the composite's own id:
        # the loader's catalog refers to each once, and the memo was half of what packing needs.
        self._by_key: dict[tuple[Any, ...], Any] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.strings.setdefault(value, value)
        if kind is float:
            return self.numbers.setdefault(repr(value), value)
        if kind is int:
            return self._by_key.setdefault((kind, value), value)
        if value is None or kind is bool or isinstance(value, Enum):
            return value
        return self._composite(kind, value)

    def column(self, values: Sequence[Any]) -> list[Any]:
        """``list(map(self, values))``, in C loops for the usual columns: all strings, all numbers."""
        kinds = set(map(type, values))
        if kinds == {str}:
            return list(map(self.strings.setdefault, values, values))
        if kinds <= {float, type(None)}:
            return list(map(self.numbers.setdefault, map(repr, values), values))
        if all(kind is bool or kind is type(None) or issubclass(kind, Enum) for kind in kinds):
            return list(values)  # one object per value already
        return list(map(self, values))

    def _composite(self, kind: type, value: Any) -> Any:
        if kind is frozenset:
            return frozenset(map(self, value))
        if kind is dict:
            return {self(k): self(v) for k, v in value.items()}
        if kind is tuple:
            parts = value
        elif _is_record(kind):
            if kind in _TABLE_OF:  # a copy would not be the record the catalog's tables hold
                raise pickle.PicklingError(f"a record of {_TABLE_OF[kind]} outside its table")
            parts = value.__getstate__()
        else:
            return value  # a date, an Instansi: one of a kind
        if _LEAVES.issuperset(map(type, parts)):
            # plain values (a Target, a tuple of codes or numbers): the repr says exactly what they
            # are, and is one C call where sharing each part first is several Python ones
            key: tuple[Any, ...] = (kind, repr(parts))
            found: Any = self._by_key.get(key)
            if found is None:
                found = self._by_key[key] = _rebuilt(kind, tuple(map(self, parts)))
            return found
        items = tuple(map(self, parts))  # shared now: the same parts are the same objects
        key = (kind, *map(id, items))
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key[key] = _rebuilt(kind, items)
        return found


def _rebuilt(kind: type, parts: tuple[Any, ...]) -> Any:
    if kind is tuple:
        return parts
    found: Any = object.__new__(kind)
    found.__setstate__(parts)
    return found


#: The values whose repr is exact (with their type): the sharer's fast way for what holds only them.
_LEAVES = frozenset({str, float, int, bool, type(None)})


@functools.cache
def _is_record(kind: type) -> bool:
    """A frozen slots dataclass whose state is its fields (:func:`kinerja_xl.frozen.quick_to_unpickle`)."""
    return "__slots__" in vars(kind) and "__setstate__" in vars(kind)


# --- positions: which of a column's distinct values each row has ---------------------------------


def _typecode(count: int) -> str:
    return "B" if count <= 1 << 8 else "H" if count <= 1 << 16 else "I"


def _to_bytes(positions: Iterable[int], count: int) -> bytes:
    """``positions`` (each below ``count``) as little-endian bytes, 1, 2 or 4 a position."""
    packed = array(_typecode(count), positions)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _from_bytes(data: bytes, count: int) -> array[int]:
    positions = array(_typecode(count))
    positions.frombytes(data)
    if sys.byteorder == "big":
        positions.byteswap()
    return positions


def _column(values: Sequence[Any], share: _Sharer) -> tuple[Any, ...]:
    """A column of the payload: ``("values", distinct values, positions)``, the values in order of
    first use and each row's position among them (``None`` when every row's value is its own).

    When the distinct values are all tuples of one length (a Renstra's five yearly targets), they
    are themselves stored as columns: ``("tuples", how many, [column of the first items, ...],
    positions)``. Pickle writes a number each time it meets it, never once for all; in their own
    columns the numbers of different tuples are shared like any other value."""
    shared = share.column(values)
    distinct = tuple(dict(zip(map(id, shared), shared)).values())  # by id: equal is the same object now
    positions = None
    if len(distinct) != len(shared):
        position = dict(zip(map(id, distinct), range(len(distinct))))
        positions = _to_bytes(map(position.__getitem__, map(id, shared)), len(distinct))
    if distinct and set(map(type, distinct)) == {tuple} and len(set(map(len, distinct))) == 1 and distinct[0]:
        return ("tuples", len(distinct), [_column(items, share) for items in zip(*distinct)], positions)
    return ("values", distinct, positions)


def _rows(column: tuple[Any, ...], rows: int) -> Sequence[Any]:
    """The ``rows`` values of a column of the payload (see :func:`_column`)."""
    if column[0] == "values":
        _, distinct, positions = column
    elif column[0] == "tuples":
        _, count, parts, positions = column
        distinct = tuple(zip(*[_rows(part, count) for part in parts], strict=True))
    else:
        raise ValueError(f"a column packed as {column[0]!r}")
    found = distinct if positions is None else list(map(distinct.__getitem__, _from_bytes(positions, len(distinct))))
    if len(found) != rows:
        raise ValueError("a column of another length than its table")
    return found


# --- the indexes: kept, with the records they hold as positions -----------------------------------


def _index(value: Any, rows: dict[str, dict[int, int]], share: _Sharer) -> tuple[Any, ...]:
    """An index (a cached property of the catalog) for the payload: its records as their positions
    (``rows``: by table, each record's position by its id)."""
    if isinstance(value, tuple) and value and type(value[0]) in _TABLE_OF:
        table = _TABLE_OF[type(value[0])]
        return ("rows", table, _positions(value, rows[table]))
    if isinstance(value, dict) and value:
        inner = list(value.values())
        if type(inner[0]) in _TABLE_OF:
            table = _TABLE_OF[type(inner[0])]
            return ("by key", table, share(tuple(value)), _positions(inner, rows[table]))
        first = next((v[0] for v in inner if isinstance(v, tuple) and v), None)
        if type(first) in _TABLE_OF and all(isinstance(v, tuple) for v in inner):
            table = _TABLE_OF[type(first)]
            # one run of positions for all the groups, and each group's length: a bytes object per
            # group (a thousand of them) cost more to pack and to read than the positions themselves
            return ("groups", table, share(tuple(value)), _positions((r for v in inner for r in v), rows[table]),
                    _to_bytes(map(len, inner), len(rows[table]) + 1))
    return ("as is", share(value))  # no records (a record of a table would fail to pack here)


def _positions(records: Iterable[Any], rows: dict[int, int]) -> bytes:
    try:
        return _to_bytes(map(rows.__getitem__, map(id, records)), len(rows))
    except KeyError:
        raise pickle.PicklingError("an index holds a record that is not in its table") from None


def _unindex(packed: tuple[Any, ...], tables: dict[str, Sequence[Any]]) -> Any:
    how = packed[0]
    if how == "as is":
        return packed[1]
    records = tables[packed[1]]

    def rows(positions: bytes) -> Iterator[Any]:
        return map(records.__getitem__, _from_bytes(positions, len(records)))

    if how == "rows":
        return tuple(rows(packed[2]))
    if how == "by key":
        return dict(zip(packed[2], rows(packed[3]), strict=True))
    if how == "groups":
        positions = _from_bytes(packed[3], len(records))
        lengths = _from_bytes(packed[4], len(records) + 1)
        if sum(lengths) != len(positions):
            raise ValueError("groups of other lengths than their records")
        found = map(records.__getitem__, positions)
        return dict(zip(packed[2], (tuple(islice(found, n)) for n in lengths), strict=True))
    raise ValueError(f"an index packed as {how!r}")


# --- the catalog ----------------------------------------------------------------------------------


def pack(catalog: Catalog) -> dict[str, Any]:
    """The catalog as plain columns (see the module's docstring), with the indexes computed so far;
    without :attr:`Catalog.sources`, as :meth:`Catalog.__getstate__`."""
    share = _Sharer()
    tables: dict[str, tuple[int, list[tuple[Any, ...]]]] = {}
    rows: dict[str, dict[int, int]] = {}
    for name, cls in TABLES.items():
        records = getattr(catalog, name)
        if any(type(r) is not cls for r in records):
            raise pickle.PicklingError(f"{name}: records of another class")
        rows[name] = {id(r): at for at, r in enumerate(records)}
        states = [r.__getstate__() for r in records]
        count = len(fields(cls))
        columns = list(zip(*states, strict=True)) if states else [() for _ in range(count)]
        tables[name] = (len(records), [_column(column, share) for column in columns])
    indexes = {name: _index(value, rows, share)
               for name, value in vars(catalog).items() if name in INDEXES}
    return {"instansi": catalog.instansi, "tables": tables, "indexes": indexes}


def unpack(payload: dict[str, Any], *, each_table: Callable[[str, tuple[Any, ...]], Sequence[Any]] | None = None,
           indexes: Collection[str] | None = None) -> Catalog:
    """The catalog :func:`pack` packed (equal to it, its indexes included).

    ``each_table(name, records)``, when given, is what the catalog keeps of each table, made as soon
    as that table's records are (:func:`kinerja_xl.catalog.deflated.from_payload` deflates them, so
    that no two tables' records are held at once); ``indexes``, when given, are the only indexes
    made (of the tables kept as they are)."""
    instansi = payload["instansi"]
    if type(instansi) is not Instansi:
        raise TypeError("a catalog without its instansi")
    tables: dict[str, Sequence[Any]] = {}
    packed_tables = payload["tables"]
    for name, cls in TABLES.items():
        # taken out of the payload: each table's columns are freed once its records are built
        rows, columns = packed_tables.pop(name)
        if len(columns) != len(fields(cls)):
            raise ValueError(f"{name}: a table of other fields")
        records: tuple[Any, ...] = records_from_columns(cls, [_rows(column, rows) for column in columns], rows)
        del columns
        tables[name] = records if each_table is None else each_table(name, records)
        del records
    catalog = Catalog(instansi, **tables)  # type: ignore[arg-type]  # a table deflated is a Sequence
    for name, packed in payload["indexes"].items():
        if name not in INDEXES:
            raise KeyError(name)
        if indexes is None or name in indexes:
            catalog.__dict__[name] = _unindex(packed, tables)
    return catalog
