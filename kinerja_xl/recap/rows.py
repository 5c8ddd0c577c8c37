"""The recap model's rows kept in columns, each row made again when it is read.

A thousand units give the recap ~7,000 element rows, ~4,000 indicator rows and ~4,000 Renstra rows;
as objects (a frozen dataclass, a tuple per quarter, a float object per number) they were ~7 MB,
and the model is held while the whole workbook is written. :class:`RowTable` keeps a table's numbers in arrays of
doubles (8 bytes a number), its other fields by reference (equal values of a field shared), and
gives each row back as the very dataclass it was appended as, equal to it: the sheets read
``model.indikator`` as they always did. Rows are made as they are read (a few microseconds each),
so nothing holds them all at once.

A number is a float or ``None`` (blank: NaN in the array). Anything else in a number's field (an
int, a NaN) is kept aside exactly as it was, so a row always comes back equal to the one appended.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields
from typing import Any, Generic, TypeVar, overload

__all__ = ["NUMBER", "QUARTERS", "REF", "SHARED", "YEARS", "RowTable"]

R = TypeVar("R")

#: How a field is kept: one number; four numbers (a tuple of the quarters); five (the years of a
#: Renstra); a reference; a reference with equal values made one (targets, texts, tuples of predikat
#: that repeat from row to row).
NUMBER, QUARTERS, YEARS, REF, SHARED = "number", "quarters", "years", "ref", "shared"
_TUPLES = {QUARTERS: 4, YEARS: 5}


class _Numbers:
    """A column of numbers: floats in an array, blank as NaN, anything else aside by position."""

    __slots__ = ("aside", "values")

    def __init__(self) -> None:
        self.values = array("d")
        self.aside: dict[int, Any] = {}

    def append(self, value: Any) -> None:
        if type(value) is float and not math.isnan(value):
            self.values.append(value)
            return
        if value is not None:
            self.aside[len(self.values)] = value
        self.values.append(math.nan)

class _Refs:
    __slots__ = ("shared", "values")

    def __init__(self, shared: bool) -> None:
        self.values: list[Any] = []
        self.shared: dict[Any, Any] | None = {} if shared else None

    def append(self, value: Any) -> None:
        if self.shared is not None:
            value = self.shared.setdefault(value, value)
        self.values.append(value)


class RowTable(Sequence[R], Generic[R]):
    """Rows of the frozen dataclass ``cls``, kept in columns by ``kinds`` (field name -> how, see
    :data:`NUMBER`; a field not named is a :data:`REF`)."""

    def __init__(self, cls: type[R], kinds: Mapping[str, str]):
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        unknown = set(kinds) - set(names)
        if unknown:
            raise ValueError(f"{cls.__name__} has no field {sorted(unknown)}")
        self._cls = cls
        self._names = names
        self._columns: list[Any] = []
        for name in names:
            kind = kinds.get(name, REF)
            if kind == NUMBER:
                self._columns.append(_Numbers())
            elif kind in _TUPLES:
                self._columns.append(tuple(_Numbers() for _ in range(_TUPLES[kind])))
            elif kind in (REF, SHARED):
                self._columns.append(_Refs(kind == SHARED))
            else:
                raise ValueError(f"{name}: no way to keep {kind!r}")
        self._length = 0
        self._row = self._row_maker()

    def _row_maker(self) -> Callable[[int], R]:
        """``row(i)``: the ``i``-th row made again, written out for the table's columns (as the
        dataclass module writes ``__init__``): the sheets read each row many times, and one Python
        call per field cost more than the rest of a sheet's row."""
        env: dict[str, Any] = {"cls": self._cls, "isnan": math.isnan}

        def number(column: _Numbers) -> str:
            k = len(env)
            env[f"a{k}"], env[f"x{k}"] = column.values, column.aside
            return f"(a{k}[i] if not isnan(a{k}[i]) else x{k}.get(i))"

        parts = []
        for column in self._columns:
            if type(column) is tuple:
                parts.append("(" + "".join(f"{number(part)}, " for part in column) + ")")
            elif type(column) is _Numbers:
                parts.append(number(column))
            else:
                k = len(env)
                env[f"r{k}"] = column.values
                parts.append(f"r{k}[i]")
        exec(f"def row(i):\n    return cls({', '.join(parts)})\n", env)  # noqa: S102
        return env["row"]

    def append(self, row: R) -> None:
        if type(row) is not self._cls:
            raise TypeError(f"a {type(row).__name__} in a table of {self._cls.__name__}")
        for name, column in zip(self._names, self._columns):
            value = getattr(row, name)
            if type(column) is tuple:
                if type(value) is not tuple or len(value) != len(column):
                    raise ValueError(f"{name}: a tuple of {len(column)} numbers expected, not {value!r}")
                for part, v in zip(column, value):
                    part.append(v)
            else:
                column.append(value)
        self._length += 1

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> R: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[R]: ...

    def __getitem__(self, i: int | slice) -> R | Sequence[R]:
        if isinstance(i, slice):
            return [self._row(j) for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("row index out of range")
        return self._row(i)

    def __iter__(self) -> Iterator[R]:
        return map(self._row, range(self._length))

    def __eq__(self, other: object) -> bool:
        """Equal to a table, tuple or list of equal rows (a model compares by its rows)."""
        if not isinstance(other, (RowTable, tuple, list)):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RowTable({self._cls.__name__}, {self._length} rows)"
