"""The catalog one bidang at a time: what ``forms`` and ``check`` hold instead of the whole catalog.

A form is written, and a filled form checked, from one bidang's rows: its elements, indicators and
sub kegiatan, the fingerprint of its form, the instansi. Holding the whole catalog for that made
the memory of both commands grow with the number of bidang (~6.5 KB of records per bidang, in
every process). So the workspace's cache (:mod:`kinerja_xl.catalog.cache`) also keeps each
bidang's *slice*, pickled on its own, and :class:`SlicedCatalog` keeps those as bytes (~0.2–1.5 KB a
bidang, compressed) and unpickles a slice when a bidang is asked for (~0.1 ms), keeping the last
few.

A slice is a :class:`~kinerja_xl.catalog.model.Catalog` of that bidang's rows alone (its
``anggaran`` are its sub kegiatan), with two of its indexes taken from the whole catalog, since a
slice cannot compute them: the fingerprint of the bidang's form, and which of its elements warn
on a fall (that depends on every indicator using the element, whoever reports it). Every other
query gives the same answer on a slice as on the whole catalog, which the tests check bidang by
bidang.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import pickle
from collections.abc import Callable
from functools import cached_property
from typing import Any

from kinerja_xl.catalog.model import (
    Anggaran,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
)
from kinerja_xl.deflate import Deflater, Kept

__all__ = ["SlicedCatalog", "bidang_slice", "pack_slices"]

#: Slices kept unpickled: a checker asks for the same bidang several times while it reads a file.
KEPT_SLICES = 8
#: Between the element codes of a bidang in the head (no text of an xlsx holds it).
_KODE_SEP = "\x00"
#: The dictionary the slices are compressed with: the first slices' bytes, up to deflate's window.
ZDICT_SLICES = 16
ZDICT_BYTES = 32 * 1024


def bidang_slice(catalog: Catalog, kode: str) -> Catalog:
    """The catalog of bidang ``kode``'s rows alone (empty for a bidang the catalog does not have),
    with its form's fingerprint and its elements' warnings on a fall computed on ``catalog``."""
    found = catalog.bidang_by_kode.get(kode)
    elemen = tuple(catalog.elemen_of(kode))
    part = Catalog(catalog.instansi, bidang=(found,) if found is not None else (), elemen=elemen,
                   indikator=tuple(catalog.indikator_of(kode)), anggaran=tuple(catalog.sub_kegiatan_of(kode)))
    part.__dict__["_fingerprints"] = {kode: catalog.fingerprint(kode)}
    part.__dict__["_falls_to_warn"] = frozenset(e.kode for e in elemen if catalog.warns_on_fall(e.kode))
    return part


def _slice_state(part: Catalog) -> tuple[Any, ...]:
    """What a slice's pickle holds (the instansi and its bidang come from the head: stored once)."""
    return (part.elemen, part.indikator, part.anggaran, part.__dict__["_fingerprints"],
            part.__dict__["_falls_to_warn"])


def pack_slices(catalog: Catalog) -> tuple[dict[str, Any], bytes]:
    """The head (instansi, bidang, where each bidang's slice is in the blob) and the blob of slices.

    Each slice is compressed on its own (raw deflate) with a dictionary of the first slices' bytes:
    the bidang of a catalog have rows of the same shape, often of the same names (the elements of
    every UPT), and a slice pickled alone repeats what the catalog's other slices say. With the
    dictionary, a bidang's slice is ~0.2–1.5 KB (a catalog of 1,000 UPT: 3.9 MB of pickles, 0.23 MB
    compressed) and is inflated in a few microseconds."""
    pickled = [pickle.dumps(_slice_state(bidang_slice(catalog, b.kode)), protocol=pickle.HIGHEST_PROTOCOL)
               for b in catalog.bidang]
    zdict = b"".join(itertools.islice(pickled, ZDICT_SLICES))[:ZDICT_BYTES]
    blob = io.BytesIO()
    spans: dict[str, tuple[int, int]] = {}
    deflater = Deflater(zdict)
    for b, data in zip(catalog.bidang, pickled, strict=True):
        start = blob.tell()
        blob.write(deflater.deflate(data))
        spans[b.kode] = (start, blob.tell())
    data = blob.getvalue()
    head = {"instansi": catalog.instansi, "bidang": catalog.bidang,
            "with_form": tuple(b.kode for b in catalog.bidang_with_form), "spans": spans,
            # each bidang's element codes in one text (~0.1 KB a bidang): a workbook without our marks
            # is recognised by them, against every bidang, without unpickling every slice
            "kodes": {b.kode: _KODE_SEP.join(e.kode for e in catalog.elemen_of(b.kode)) for b in catalog.bidang},
            "zdict": zdict, "sha256": hashlib.sha256(data).hexdigest()}
    return head, data


class SlicedCatalog:
    """A catalog asked one bidang at a time (:class:`~kinerja_xl.catalog.model.FormCatalog`), its
    slices unpickled from ``blob`` as they are asked for.

    ``unpickle``: reads one slice's bytes (the cache's restricted unpickler: a slice is as little
    trusted as the rest of the cache). :func:`from_head` checks the head's shape and the blob's
    hash; a slice that still fails to unpickle raises what the unpickler raised."""

    def __init__(self, instansi: Instansi, bidang: tuple[Bidang, ...], with_form: tuple[str, ...],
                 spans: dict[str, tuple[int, int]], kodes: dict[str, str], blob: bytes, zdict: bytes,
                 unpickle: Callable[[bytes], Any]):
        self.instansi = instansi
        self.bidang = bidang
        self._with_form = with_form
        self._spans = spans
        self._kodes = kodes
        self._blob = blob
        self._deflater = Deflater(zdict)
        self._unpickle = unpickle
        self._kept: Kept[str, Catalog] = Kept(self._unpack, KEPT_SLICES)

    @classmethod
    def from_head(cls, head: dict[str, Any], blob: bytes, unpickle: Callable[[bytes], Any]) -> SlicedCatalog:
        """The catalog of a cache's head and blob; ``ValueError`` or ``TypeError`` for a head of the
        wrong shape or a blob that is not the one the head was written with."""
        instansi, bidang, with_form, spans = head["instansi"], head["bidang"], head["with_form"], head["spans"]
        zdict, kodes = head["zdict"], head["kodes"]
        if (type(instansi) is not Instansi or type(bidang) is not tuple or type(spans) is not dict
                or type(zdict) is not bytes or type(kodes) is not dict):
            raise TypeError("a catalog head of another shape")
        if any(type(b) is not Bidang for b in bidang) or not set(spans) == set(kodes) == {b.kode for b in bidang}:
            raise ValueError("a catalog head whose bidang and slices differ")
        if any(type(text) is not str for text in kodes.values()):
            raise TypeError("element codes of another shape")
        if not set(with_form) <= set(spans):
            raise ValueError("a catalog head with forms for bidang it does not have")
        if any(not 0 <= start <= end <= len(blob) for start, end in spans.values()):
            raise ValueError("a slice outside the blob")
        if hashlib.sha256(blob).hexdigest() != head["sha256"]:
            raise ValueError("slices that are not the ones the head was written with")
        return cls(instansi, bidang, tuple(with_form), spans, kodes, blob, zdict, unpickle)

    @cached_property
    def bidang_by_kode(self) -> dict[str, Bidang]:
        return {b.kode: b for b in self.bidang}

    @cached_property
    def bidang_with_form(self) -> tuple[Bidang, ...]:
        by_kode = self.bidang_by_kode
        return tuple(by_kode[kode] for kode in self._with_form)

    def slice(self, kode: str) -> Catalog:
        """Bidang ``kode``'s rows as a catalog of their own (see :func:`bidang_slice`)."""
        return self._kept(kode)

    def _unpack(self, kode: str) -> Catalog:
        span = self._spans.get(kode)
        if span is None:
            return Catalog(self.instansi)  # a bidang the catalog does not have: nothing to fill
        try:
            data = self._deflater.inflate(self._blob[span[0]:span[1]])
        except ValueError as exc:
            raise ValueError(f"the catalog's slice of bidang {kode} is cut short") from exc
        elemen, indikator, anggaran, fingerprints, falls = self._unpickle(data)
        found = Catalog(self.instansi, bidang=(self.bidang_by_kode[kode],), elemen=elemen,
                        indikator=indikator, anggaran=anggaran)
        found.__dict__["_fingerprints"] = fingerprints
        found.__dict__["_falls_to_warn"] = falls
        return found

    def elemen_of(self, bidang: str) -> list[Elemen]:
        return self.slice(bidang).elemen_of(bidang)

    def elemen_kodes(self, bidang: str) -> frozenset[str]:
        text = self._kodes.get(bidang, "")
        return frozenset(text.split(_KODE_SEP)) if text else frozenset()

    def indikator_of(self, bidang: str) -> list[Indikator]:
        return self.slice(bidang).indikator_of(bidang)

    def sub_kegiatan_of(self, bidang: str) -> list[Anggaran]:
        return self.slice(bidang).sub_kegiatan_of(bidang)

    def fingerprint(self, bidang: str) -> str:
        return self.slice(bidang).fingerprint(bidang)

    def warns_on_fall(self, kode: str) -> bool:
        """Whether element ``kode`` warns on a fall; asked while a bidang's form is read, so its slice
        is among those kept (the others are looked through only when it is not)."""
        kept = self._kept.values()
        if any(part.warns_on_fall(kode) for part in kept):
            return True
        if any(kode in part.elemen_by_kode for part in kept):
            return False
        return any(self.slice(b.kode).warns_on_fall(kode) for b in self.bidang)
