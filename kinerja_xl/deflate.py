"""Objects kept compact: what the recap holds of a thousand units while it works.

A recap of 1,000 units reads ~4,000 submissions and builds ~15,000 rows; as Python objects those
are tens of megabytes, as pickles deflated with a dictionary of their like (the same classes, field
names, codes and texts repeat from one to the next) a few hundred bytes each or less. The recap
keeps them so, and unpickles one (a submission) or one block (of rows) when it reads it, keeping the
last few: its memory then grows with what it writes, not with what it has read.

These pickles never leave the process that made them (nothing is read from disk here), so the
ordinary unpickler is used.

What is looked up by code is kept in arrays: :class:`RowIndex` (a hash and a position per row),
:func:`text_index` (codes in one string) and :class:`FloatRows` (numbers by code in one array).
"""

from __future__ import annotations

import io
import math
import pickle
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any, Generic, Protocol, TypeVar, overload

__all__ = ["DeflatedRows", "Deflater", "FloatRows", "Kept", "Picked", "RowIndex", "Shared", "Texts", "text_index"]

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")

#: The most of a dictionary deflate can use (its window).
ZDICT_BYTES = 32 * 1024


class Shared(Protocol):
    """Objects a pickle names instead of holding (pickle's *persistent IDs*): records that live
    elsewhere for the whole time, e.g. the catalog's, so a row read back refers to the very record and
    unpickling does not make it again."""

    def key(self, obj: object) -> Hashable | None:
        """The name of ``obj`` if it is one of the shared objects, else None (pickled as usual)."""

    def load(self, key: Hashable) -> object:
        """The object named ``key``."""


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: Shared):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def persistent_id(self, obj: object) -> Hashable | None:
        return self._shared.key(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: Shared):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Hashable) -> object:
        return self._shared.load(pid)


class Deflater:
    """Pickles deflated (raw deflate) with the dictionary ``zdict``: bytes like those to come, e.g.
    the pickle of the first object (:meth:`first`); objects of ``shared`` are named, not pickled."""

    __slots__ = ("shared", "zdict")

    def __init__(self, zdict: bytes = b"", shared: Shared | None = None):
        self.zdict = zdict[-ZDICT_BYTES:]
        self.shared = shared

    @classmethod
    def first(cls, obj: object, shared: Shared | None = None) -> Deflater:
        """A deflater whose dictionary is ``obj``'s pickle."""
        return cls(cls(b"", shared).dumps(obj), shared)

    def dumps(self, obj: object) -> bytes:
        if self.shared is None:
            return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        out = io.BytesIO()
        _Pickler(out, self.shared).dump(obj)
        return out.getvalue()

    def deflate(self, data: bytes) -> bytes:
        """``data`` deflated (raw deflate, level 6) with the dictionary."""
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=self.zdict) if self.zdict else \
            zlib.compressobj(6, zlib.DEFLATED, -15)
        return deflate.compress(data) + deflate.flush()

    def inflate(self, data: bytes) -> bytes:
        """What :meth:`deflate` was given; ``ValueError`` for bytes cut short, ``zlib.error`` for
        bytes that are not deflated with this dictionary."""
        inflate = zlib.decompressobj(-15, zdict=self.zdict) if self.zdict else zlib.decompressobj(-15)
        out = inflate.decompress(data)
        if not inflate.eof:
            raise ValueError("deflated bytes cut short")
        return out

    def pack(self, obj: object) -> bytes:
        return self.deflate(self.dumps(obj))

    def unpack(self, data: bytes) -> Any:
        data = self.inflate(data)
        if self.shared is None:
            return pickle.loads(data)
        return _Unpickler(io.BytesIO(data), self.shared).load()


class Kept(Generic[K, V]):
    """The last ``size`` values made by ``make(key)``, kept by key (least recently used out first)."""

    __slots__ = ("_kept", "_last", "_make", "_size")

    def __init__(self, make: Callable[[K], V], size: int):
        self._make = make
        self._size = size
        self._kept: OrderedDict[K, V] = OrderedDict()
        self._last: tuple[K, V] | None = None  # the most recently used: asked for again and again

    def __call__(self, key: K) -> V:
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        kept = self._kept
        try:
            value = kept[key]
        except KeyError:
            value = kept[key] = self._make(key)
            if len(kept) > self._size:
                kept.popitem(last=False)
        else:
            kept.move_to_end(key)
        self._last = (key, value)
        return value

    def values(self) -> list[V]:
        """The values kept now, least recently used first."""
        return list(self._kept.values())

    def clear(self) -> None:
        self._kept.clear()
        self._last = None


class DeflatedRows(Sequence[R], Generic[R]):
    """Rows appended one by one, kept in blocks of ``block`` rows, each block pickled and deflated
    once full; a row is read by unpickling its block (the last ``kept`` blocks stay unpickled, so
    reading the rows in order unpickles each block once).

    A row read back is equal to the row appended, not the same object; rows of one block that
    shared an object share it again, and objects of ``shared`` (the catalog's records) are the very
    objects appended.
    """

    def __init__(self, block: int = 64, kept: int = 2, shared: Shared | None = None):
        self._block = block
        self._shared = shared
        self._blocks: list[bytes] = []
        self._open: list[R] = []  # the last block, until it is full
        self._deflater: Deflater | None = None
        self._length = 0
        self._read: Kept[int, list[R]] = Kept(self._unpack, kept)

    def append(self, row: R) -> None:
        self._open.append(row)
        self._length += 1
        if len(self._open) == self._block:
            self._close()

    def _close(self) -> None:
        if self._deflater is None:
            self._deflater = Deflater.first(self._open, self._shared)
        self._blocks.append(self._deflater.pack(self._open))
        self._open = []

    def _unpack(self, index: int) -> list[R]:
        assert self._deflater is not None
        return self._deflater.unpack(self._blocks[index])

    def _rows_of(self, index: int) -> list[R]:
        return self._open if index == len(self._blocks) else self._read(index)

    def __len__(self) -> int:
        return self._length

    def row(self, i: int) -> R:
        """Row ``i`` (0 <= i < len): ``self[i]`` without the checks, for a position known good."""
        block, at = divmod(i, self._block)
        return self._open[at] if block == len(self._blocks) else self._read(block)[at]

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[R]: ...

    def __getitem__(self, i: int | slice) -> R | Sequence[R]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("row index out of range")
        return self.row(i)

    def __iter__(self) -> Iterator[R]:
        for index in range(len(self._blocks) + 1):
            yield from self._rows_of(index)

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence (these rows, a tuple or a list) of equal rows."""
        return _equal_rows(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"DeflatedRows({self._length} rows in {len(self._blocks)} blocks)"


class Picked(Sequence[R], Generic[R]):
    """The rows of ``rows`` at ``positions``, in that order, read from ``rows`` when asked for (a
    sheet's own order of the model's rows, without holding them)."""

    def __init__(self, rows: Sequence[R], positions: Sequence[int]):
        self._rows = rows
        self._positions = array("q", positions)

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[R]: ...

    def __getitem__(self, i: int | slice) -> R | Sequence[R]:
        if isinstance(i, slice):
            return Picked(self._rows, self._positions[i])
        return self._rows[self._positions[i]]

    def __iter__(self) -> Iterator[R]:
        rows = self._rows
        return (rows[i] for i in self._positions)

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence (rows, a tuple or a list) of equal rows."""
        return _equal_rows(self, other)

    __hash__ = None  # type: ignore[assignment]


class RowIndex(Mapping[Hashable, R], Generic[R]):
    """``{key(row): row for row in rows}`` without holding the keys or the rows: each row's key's
    hash (its low 32 bits), sorted, beside the row's position in ``rows`` (8 bytes a row, where a
    dict of codes holds ~130). A lookup reads the rows at the positions of its hash and compares their keys, so it
    answers exactly as the dict: ``rows`` of a :class:`DeflatedRows` are then read from their block.

    ``source`` (default ``rows``) is the same rows to read the keys from once, e.g. the records
    before they were deflated. As in the dict, the last row of a key is the one found; the keys
    come in the order of those rows (where the dict keeps a repeated key at its first place).
    """

    __slots__ = ("_hashes", "_key", "_positions", "_rows")

    def __init__(self, rows: Sequence[R], key: Callable[[R], Hashable], source: Iterable[R] | None = None):
        self._rows = rows
        self._key = key
        last: dict[Hashable, int] = {}  # only the keys whose hash repeats (the same key, or a collision)
        by_hash = sorted((_low(hash(key(row))), at) for at, row in enumerate(rows if source is None else source))
        keep = []
        for i, (h, at) in enumerate(by_hash):
            if (i + 1 < len(by_hash) and by_hash[i + 1][0] == h) or (i and by_hash[i - 1][0] == h):
                last[key(rows[at])] = at  # by_hash is in position order within a hash: the last wins
            else:
                keep.append((h, at))
        keep.extend((_low(hash(k)), at) for k, at in last.items())
        keep.sort()
        self._hashes = array("i", (h for h, _ in keep))
        self._positions = array("i", (at for _, at in keep))

    def _first(self, h: int) -> int:
        """Where hash ``h`` is, or would be, first among the sorted hashes."""
        return bisect_left(self._hashes, h)

    def position(self, key: Hashable) -> int:
        """The position in ``rows`` of the row of ``key`` (``KeyError``: none)."""
        hashes = self._hashes
        h = _low(hash(key))
        i = self._first(h)
        while i < len(hashes) and hashes[i] == h:
            at = self._positions[i]
            found = self._key(self._rows[at])
            if found is key or found == key:
                return at
            i += 1
        raise KeyError(key)

    def __getitem__(self, key: Hashable) -> R:
        return self._rows[self.position(key)]

    def may_hold(self, key: Hashable) -> bool:
        """False when ``key`` is surely not a key; True when it is one, or (one chance in ~2**32 for
        a key that is not) its hash is a key's: a filter that reads no row."""
        h = _low(hash(key))
        i = self._first(h)
        return i < len(self._hashes) and self._hashes[i] == h

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[Hashable]:
        rows, key = self._rows, self._key
        return (key(rows[at]) for at in sorted(self._positions))

    def __repr__(self) -> str:
        return f"RowIndex({len(self)} keys of {self._rows!r})"


class Texts(Sequence[str]):
    """Texts kept one after another in one string (where a list holds a string object each)."""

    __slots__ = ("_ends", "_text")

    def __init__(self, texts: Iterable[str]):
        texts = list(texts)
        self._ends = array("i", accumulate(map(len, texts)))
        self._text = "".join(texts)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, n: int) -> str:  # type: ignore[override]  # positions only, never a slice
        if not 0 <= n < len(self._ends):
            raise IndexError(n)
        ends = self._ends
        return self._text[ends[n - 1] if n else 0:ends[n]]


def text_index(texts: list[str]) -> RowIndex[str]:
    """Each of ``texts`` -> its position (the last, for a text given twice), as a dict of them would
    answer, in ~25 bytes a text (:class:`Texts` and a :class:`RowIndex` of them) where a dict and its
    strings hold ~130."""
    return RowIndex(Texts(texts), _same, source=texts)


def _same(text: str) -> str:
    return text


#: How :class:`FloatRows` keeps "no value" (None): a value is never NaN (nothing the recap computes is).
_NONE = math.nan


class FloatRows(Mapping[str, tuple[float | None, ...]]):
    """``{code: (value, ...)}``: ``width`` numbers (or None) for each of ``codes``, all in one
    ``array('d')`` (8 bytes a number, where a dict of tuples holds ~60 and its codes ~60 more), the
    codes in a :func:`text_index`. Each code starts with no values (None); :meth:`put` sets them at
    the code's :meth:`slot`. A code given twice has one slot (the last), as a dict's key would.

    Only finite numbers and infinities are kept: NaN is what None is kept as.
    """

    __slots__ = ("_index", "_values", "_width")

    def __init__(self, codes: list[str], width: int):
        self._index = text_index(codes)
        self._width = width
        self._values = array("d", [_NONE]) * (len(codes) * width)

    def slot(self, code: str) -> int:
        """Where ``code``'s values are kept (``KeyError``: not one of the codes)."""
        return self._index.position(code)

    def put(self, slot: int, column: int, value: float | None) -> None:
        self._values[slot * self._width + column] = _NONE if value is None else value

    def value(self, slot: int, column: int) -> float | None:
        found = self._values[slot * self._width + column]
        return None if math.isnan(found) else found

    def __getitem__(self, code: str) -> tuple[float | None, ...]:
        at = self.slot(code) * self._width
        return tuple(None if math.isnan(v) else v for v in self._values[at:at + self._width])

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def column(self, column: int) -> Mapping[str, float | None]:
        """``{code: its value in column}`` (a view: what is put later shows)."""
        return _FloatColumn(self, column)


class _FloatColumn(Mapping[str, float | None]):
    """One column of a :class:`FloatRows` by code: every code is a key, None where it has no value."""

    __slots__ = ("_column", "_rows")

    def __init__(self, rows: FloatRows, column: int):
        self._rows = rows
        self._column = column

    def get(self, code: str, default: float | None = None) -> float | None:  # type: ignore[override]
        try:
            slot = self._rows.slot(code)
        except KeyError:
            return default
        return self._rows.value(slot, self._column)

    def __getitem__(self, code: str) -> float | None:
        return self._rows.value(self._rows.slot(code), self._column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _low(h: int) -> int:
    """The low 32 bits of the hash ``h``, as a signed number (an ``array('i')`` item): keys whose
    hashes differ only above are told apart by comparing them, as any two of one hash are."""
    return ((h & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000


def _equal_rows(rows: Sequence[Any], other: object) -> bool:
    """Rows compare equal to any sequence of ours, a tuple or a list of equal rows (a model compares by
    its rows)."""
    if not isinstance(other, (DeflatedRows, Picked, tuple, list)):
        return NotImplemented
    return len(rows) == len(other) and all(x == y for x, y in zip(rows, other))
