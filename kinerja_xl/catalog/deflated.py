"""The catalog as a recap of many units holds it: its large tables deflated, read back when asked.

``merge`` of 1,000 units holds a catalog of ~20,000 elements, indicators, budget rows and Renstra
plans for the whole command: as objects ~6 MB, the largest part of what its memory grows by with
the number of units. :func:`deflated` keeps those four tables as :class:`~kinerja_xl.deflate.
DeflatedRows` (pickled in blocks of 64, deflated, the last few blocks read kept) and their indexes
by code as :class:`~kinerja_xl.deflate.RowIndex` (a hash and a position per record): ~1 MB.

What the recap asks of a catalog answers the same: the tables iterate, index and count as their
tuples did, the indexes look up as their dicts did. A record read twice may be two equal objects
instead of one (its block was read again): nothing of the recap compares records by identity, and
:class:`~kinerja_xl.catalog.model.RecordNames` names none of a deflated table's records (a row keeps
its own copy, deflated with the row).

The price is time: a recap's sheets read the model's rows again and again, and each read now
unpickles the records in them too (``merge`` of 1,000 units: ~+25 % CPU, still well under a bare
xlsxwriter writing the same cells; see ``benchmarks/commands.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.catalog.packed import unpack
from kinerja_xl.deflate import DeflatedRows, RowIndex

__all__ = ["deflated", "from_payload"]

#: Blocks of each table kept read: the recap reads the tables in order, but looks records up by
#: code across a few places at once (a program's indicators, a bidang's elements).
KEPT_BLOCKS = 3

#: The tables deflated, with their indexes: (index, key of a record).
_TABLES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "elemen": ("elemen_by_kode", attrgetter("kode")),
    "indikator": ("indikator_by_kode", attrgetter("kode")),
    "anggaran": ("anggaran_by_kode", attrgetter("kode")),
    "renstra": ("renstra_by_indikator", attrgetter("indikator")),
}

#: The small indexes carried over as they are (when computed): the bidang and sasaran.
_KEPT_INDEXES = ("bidang_by_kode", "sasaran_by_kode", "bidang_with_form")


def deflated(catalog: Catalog, *, block: int = 64) -> Catalog:
    """``catalog`` with its elements, indicators, budget rows and Renstra plans deflated in blocks of
    ``block`` records (see the module's docstring); equal to it in every answer."""
    tables: dict[str, Sequence[Any]] = {}
    indexes: dict[str, RowIndex[Any]] = {}
    for name in _TABLES:
        tables[name] = _deflate(name, getattr(catalog, name), block, indexes)
    out = Catalog(catalog.instansi, bidang=catalog.bidang, sasaran=catalog.sasaran, **tables)  # type: ignore[arg-type]
    out.__dict__.update(indexes)
    out.__dict__.update((name, catalog.__dict__[name]) for name in _KEPT_INDEXES if name in catalog.__dict__)
    return out


def from_payload(payload: dict[str, Any], *, block: int = 64) -> Catalog:
    """:func:`deflated` of the catalog the cache's ``payload`` holds (:func:`~kinerja_xl.catalog.packed.
    unpack`), each table deflated as soon as its records are made: the whole catalog is never held,
    not even while it is read (at 1,000 units that was 9 MB of the process's peak)."""
    indexes: dict[str, RowIndex[Any]] = {}

    def each_table(name: str, records: tuple[Any, ...]) -> Sequence[Any]:
        return _deflate(name, records, block, indexes) if name in _TABLES else records

    catalog = unpack(payload, each_table=each_table, indexes=_KEPT_INDEXES)
    catalog.__dict__.update(indexes)
    return catalog


def _deflate(name: str, records: Sequence[Any], block: int, indexes: dict[str, RowIndex[Any]]) -> DeflatedRows[Any]:
    """Table ``name``'s records deflated; its index by code added to ``indexes``."""
    index, key = _TABLES[name]
    rows: DeflatedRows[Any] = DeflatedRows(block=block, kept=KEPT_BLOCKS)
    for record in records:
        rows.append(record)
    indexes[index] = RowIndex(rows, key, source=records)
    return rows
