"""A parsed copy of ``katalog.xlsx``, used only while the catalog's bytes are unchanged.

Reading and checking the catalog of 1,000 bidang takes ~0.9 s; every command needs it, and it
changes a few times a year. So the workspace keeps the loaded :class:`Catalog` beside the catalog
(``.katalog.cache``) and every later command unpickles it in a few tens of milliseconds. It is
kept packed in columns, each value once (:mod:`kinerja_xl.catalog.packed`): the loaded catalog is
half the size it was when pickled object by object.

The cache is never trusted:

* it is keyed by the SHA-256 of the catalog's bytes, our format number, the versions of
  kinerja-xl and Python and a stamp of the code (each module's size and modification time); any
  difference, a short, truncated or corrupt file, and the catalog is read again (and the cache
  rewritten);
* the catalog is loaded from the very bytes that were hashed, so a catalog saved while it is being
  read cannot leave a copy of one version under the key of another;
* it is unpickled with an allow-list of the catalog's own classes (the Python documentation's
  "restricting globals"): a planted file cannot make the unpickler call anything else, and a
  payload of another shape is refused when it is unpacked;
* a catalog with errors is never cached (the loader's findings come back as they always do);
* it is written atomically (a temporary file, then a rename); a workspace that cannot be written
  simply goes without.

After the key come two lengths (8 bytes each, little-endian), the *head* and the *slices* of
:mod:`kinerja_xl.catalog.slices` (each bidang's rows pickled on their own, for ``forms`` and
``check``: :func:`cached_catalog_by_bidang`), then the whole catalog, packed
(:func:`cached_catalog`, which skips the other two).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import struct
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from kinerja_xl import __version__
from kinerja_xl.catalog.deflated import deflated, from_payload
from kinerja_xl.catalog.model import Catalog, FormCatalog
from kinerja_xl.catalog.packed import pack, unpack
from kinerja_xl.catalog.slices import SlicedCatalog, pack_slices
from kinerja_xl.frozen import collector_paused

__all__ = ["CACHE_FORMAT", "cache_key", "cached_catalog", "cached_catalog_by_bidang"]

#: Bumped when what is pickled changes shape in a way the versions below would not show
#: (2: the catalog packed in columns, :mod:`kinerja_xl.catalog.packed`; 3: with each bidang's slice,
#: :mod:`kinerja_xl.catalog.slices`).
CACHE_FORMAT = 3
_C = TypeVar("_C", bound=FormCatalog)

#: The lengths of the head and of the slices, after the key.
_LENGTHS = struct.Struct("<QQ")
_MAGIC = b"kinerja-xl katalog\n"
#: A catalog of 5,000 bidang is ~3 MB; a larger file is read by the loader alone (which refuses it).
MAX_CACHED_BYTES = 64 * 1024 * 1024

#: The modules whose classes a cache may name (the catalog's model and its formula trees).
_ALLOWED_MODULES = frozenset({"kinerja_xl.catalog.model", "kinerja_xl.rumus"})
_ALLOWED_OTHER = frozenset({("datetime", "date"), ("datetime", "datetime"), ("builtins", "frozenset"),
                            ("builtins", "set"), ("builtins", "slice")})

#: What reading a damaged, truncated or foreign cache can raise (it is then ignored and rebuilt).
_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, KeyError,
               TypeError, ValueError, MemoryError, RecursionError, UnicodeDecodeError)


class _CatalogUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module in _ALLOWED_MODULES or (module, name) in _ALLOWED_OTHER:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a catalog")


@functools.cache
def _code_stamp() -> str:
    """Which code made a cache: every module of this package by name, size and modification time.

    A version number alone would not do in a working copy, where the loader or the model can change
    under the same version: the records would then be read into fields they were not written from."""
    package = Path(__file__).resolve().parent.parent
    stamp = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                stamp.update(f"{os.path.relpath(os.path.join(folder, name), package)} {st.st_size} "
                             f"{st.st_mtime_ns}\n".encode())
    return stamp.hexdigest()[:16]


def cache_key(data: bytes) -> bytes:
    """The header a cache of the catalog ``data`` starts with."""
    return _key(hashlib.sha256(data).hexdigest())


def _key(digest: str) -> bytes:
    return _MAGIC + (f"{CACHE_FORMAT} {__version__} {sys.version_info[0]}.{sys.version_info[1]} "
                     f"{_code_stamp()} {digest}\n").encode()


def read_catalog(path: Path, *, data: io.BytesIO | None = None) -> Catalog:
    """:func:`kinerja_xl.catalog.loader.read_catalog`, imported when needed: a command whose catalog is
    cached never imports the loader and its sheet readers."""
    from kinerja_xl.catalog.loader import read_catalog as read

    return read(path, data=data)


def _read_cache(cache: Path, key: bytes) -> Catalog | None:
    """The whole catalog of the cache (past the head and the slices), or None."""
    return _read_part(cache, key, _whole)


def _read_deflated(cache: Path, key: bytes) -> Catalog | None:
    """The whole catalog of the cache, its large tables deflated as they are read, or None."""
    return _read_part(cache, key, _whole_deflated)


def _read_slices(cache: Path, key: bytes) -> SlicedCatalog | None:
    """The catalog one bidang at a time (the head and the slices), or None."""
    return _read_part(cache, key, _sliced)


def _read_part(cache: Path, key: bytes, part: Callable[[BinaryIO, tuple[int, int]], _C | None]) -> _C | None:
    """``part(file, lengths)`` read from ``cache`` after its key, or None for a cache of another key,
    damaged, foreign or unreadable (it is then rebuilt)."""
    try:
        with open(cache, "rb") as fh, collector_paused():
            lengths = _read_lengths(fh, key)
            return None if lengths is None else part(fh, lengths)
    except OSError:
        return None
    except _UNREADABLE:
        return None


def _read_lengths(fh: BinaryIO, key: bytes) -> tuple[int, int] | None:
    """The lengths of the head and the slices, after the key; None for a cache of another key."""
    if fh.read(len(key)) != key:
        return None
    lengths = fh.read(_LENGTHS.size)
    if len(lengths) != _LENGTHS.size:
        return None
    head, slices = _LENGTHS.unpack(lengths)
    if head + slices > os.fstat(fh.fileno()).st_size:
        return None  # lengths no file of this size holds: damaged (never read nor sought)
    return head, slices


def _whole(fh: BinaryIO, lengths: tuple[int, int]) -> Catalog:
    fh.seek(sum(lengths), io.SEEK_CUR)
    return unpack(_CatalogUnpickler(fh).load())


def _whole_deflated(fh: BinaryIO, lengths: tuple[int, int]) -> Catalog:
    fh.seek(sum(lengths), io.SEEK_CUR)
    return from_payload(_CatalogUnpickler(fh).load())


def _sliced(fh: BinaryIO, lengths: tuple[int, int]) -> SlicedCatalog | None:
    head = _unpickled(fh.read(lengths[0]))
    if type(head) is not dict:
        return None
    return SlicedCatalog.from_head(head, fh.read(lengths[1]), _unpickled)


def _unpickled(data: bytes) -> object:
    return _CatalogUnpickler(io.BytesIO(data)).load()


def _write_cache(cache: Path, key: bytes, catalog: Catalog) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".katalog-", suffix=".tmp", dir=cache.parent)
    except OSError:
        return  # a read-only workspace: go without
    written = False
    try:
        with os.fdopen(fd, "wb") as fh, collector_paused():
            head, slices = pack_slices(catalog)
            head_bytes = pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(key)
            fh.write(_LENGTHS.pack(len(head_bytes), len(slices)))
            fh.write(head_bytes)
            fh.write(slices)
            pickle.dump(pack(catalog), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        written = True
    except (OSError, pickle.PicklingError):
        pass  # a full disk, or a catalog that cannot be kept: go without
    finally:
        if not written:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def cached_catalog(path: Path, cache: Path) -> Catalog:
    """The catalog at ``path``: from ``cache`` when it was made from the same bytes, else read
    (:func:`~kinerja_xl.catalog.loader.read_catalog`, which raises ``CatalogError`` with the
    findings) and cached."""
    return _cached(path, cache, _read_cache)


def cached_catalog_deflated(path: Path, cache: Path) -> Catalog:
    """As :func:`cached_catalog`, but its elements, indicators, budget rows and Renstra plans
    deflated (:mod:`kinerja_xl.catalog.deflated`: what ``merge`` holds), from the cache table by
    table; when the catalog must be read, it is read whole, cached, then deflated."""
    return _cached(path, cache, _read_deflated, fresh=deflated)


def cached_catalog_by_bidang(path: Path, cache: Path) -> FormCatalog:
    """As :func:`cached_catalog`, but from the cache one bidang at a time (a
    :class:`~kinerja_xl.catalog.slices.SlicedCatalog`); when the catalog must be read (changed, or
    never cached) it is whole (and cached for the next command)."""
    return _cached(path, cache, _read_slices)


def _cached(path: Path, cache: Path, read_cache: Callable[[Path, bytes], _C | None],
            fresh: Callable[[Catalog], Catalog] = lambda catalog: catalog) -> _C | Catalog:
    try:
        if Path(path).stat().st_size > MAX_CACHED_BYTES:
            return fresh(read_catalog(path))  # not a catalog: the loader says so without reading it all
        # hashed as it is read, not held: on a hit the catalog's bytes are never needed (1.3 MB
        # for 1,000 bidang, alive beside the catalog being built: part of every command's peak)
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        found = read_cache(cache, _key(digest))
        if found is not None:
            return found
        data = Path(path).read_bytes()
    except OSError:
        return fresh(read_catalog(path))  # the loader says what is wrong with the file
    # keyed by the very bytes read (the file may have changed since it was hashed above)
    key = cache_key(data)
    catalog = read_catalog(path, data=io.BytesIO(data)).indexed()
    _write_cache(cache, key, catalog)
    return fresh(catalog)
