"""Frozen slots dataclasses that unpickle quickly, built from columns, and without the collector.

A frozen ``slots=True`` dataclass unpickles through the dataclass module's ``__setstate__``, which
calls ``fields()`` and loops in Python for every object. :func:`quick_to_unpickle` gives the class
a state that is a plain tuple and a ``__setstate__`` written out for its fields (a catalog's
formula trees and targets are unpickled so, and a catalog pickled whole). The catalog cache
(:mod:`kinerja_xl.catalog.packed`) keeps the ~20,000 records of the catalog's tables (1,000 bidang)
as columns instead and builds them with :func:`records_from_columns`: no state tuple per record.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T")


def quick_to_unpickle(cls: type[_T]) -> type[_T]:
    """Decorate a frozen ``slots=True`` dataclass (above ``@dataclass``).

    The ``__setstate__`` is written out for the class's fields, as the dataclass module writes
    ``__init__``: unpacking the tuple checks its length, and each field is one call of
    ``object.__setattr__``."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    if not names or not all(n.isidentifier() for n in names):
        raise TypeError(f"{cls.__name__}: no fields to unpickle")
    targets = ", ".join(f"_{n}" for n in names) + ","
    body = "".join(f"    _set(self, {n!r}, _{n})\n" for n in names)
    namespace: dict[str, Any] = {"_set": object.__setattr__}
    exec(f"def __setstate__(self, state):\n    {targets} = state\n{body}", namespace)  # noqa: S102
    getter = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))

    def __getstate__(self: object) -> tuple[Any, ...]:
        return getter(self)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = namespace["__setstate__"]  # type: ignore[attr-defined]
    return cls


def records_from_columns(cls: type[_T], columns: Sequence[Sequence[Any]], count: int) -> tuple[_T, ...]:
    """``count`` records of the frozen ``slots=True`` dataclass ``cls``, the values of each field in
    one column (in the order of the fields), as :mod:`kinerja_xl.catalog.packed` keeps a catalog.

    Each field is set in one pass of C loops (the field's slot descriptor over the blank records),
    without ``__init__``, ``__setstate__`` or a state tuple per record: as ``__setstate__``, the
    values are taken as they are (a column shorter than ``count`` is refused)."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if len(columns) != len(names) or any(len(column) != count for column in columns):
        raise ValueError(f"{cls.__name__}: columns of other fields or another length")
    records = tuple(map(object.__new__, repeat(cls, count)))
    for name, column in zip(names, columns):
        slot = vars(cls)[name]  # the slot's member descriptor: __set__ writes past the frozen __setattr__
        deque(map(slot.__set__, records, column), maxlen=0)
    return records


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building the catalog's records (loaded or unpickled) creates a few hundred thousand objects and
    no garbage cycles: the cyclic collector's passes over them (a quarter of the load time with 1,000
    bidang) find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Spared:
    """What :func:`collector_spares_what_exists` gives its block."""

    def __init__(self, owned: bool):
        self.owned = owned

    def what_exists_now(self) -> None:
        """Spare also what the block has made so far (the recap's model, once built), after freeing
        what of it is garbage already: a cycle frozen is never freed (the submissions, with their
        cache of those read, were held to the end this way: a megabyte at 1,000 units)."""
        if self.owned:
            gc.collect()
            gc.freeze()


@contextmanager
def collector_spares_what_exists() -> Iterator[_Spared]:
    """Keep the cyclic collector's full passes off the objects that exist when the block begins.

    A command makes objects for every form or unit, so full passes come round, each walking the
    whole heap: the catalog's tens of thousands of records (and the recap's model) over and over,
    more passes the more units, to free nothing. ``gc.freeze`` leaves them out (in worker processes
    forked meanwhile too: they then do not copy those pages by marking them); ``gc.unfreeze`` at
    the end makes them collectable again. Nothing is frozen when the program manages frozen objects
    itself (the office server).
    """
    if gc.get_freeze_count():
        yield _Spared(False)
        return
    gc.freeze()
    try:
        yield _Spared(True)
    finally:
        gc.unfreeze()
