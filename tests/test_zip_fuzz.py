"""Fuzzing the hand-written zip reader (``intake.files.Package``) against ``zipfile`` as the oracle.

``Package`` parses untrusted bytes before anything else does. On mutated and truncated real
forms it must agree with ``zipfile``: when it accepts a package, ``zipfile`` opens it too with the
same members, and every member reads as the same bytes (or fails in both); ``open_package``
never raises, whatever the bytes. Bounded: a few hundred examples, a few seconds.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from corpus import catalog, write_good
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja_xl.intake.files import Package, open_package

#: What zipfile may raise for a damaged archive or member.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError,
              NotImplementedError, KeyError, struct.error, UnicodeDecodeError, RuntimeError)


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_good(tmp_path_factory.mktemp("fuzz") / "DAFDUK.xlsx", catalog()).read_bytes()


def _structure_offsets(data: bytes) -> list[int]:
    """Where the zip's own records are (the signatures and the fields after them): mutations there
    reach the parser's decisions; random bytes in deflated data mostly just fail the CRC."""
    out = []
    for sig in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"):
        i = data.find(sig)
        while i >= 0:
            out.extend(range(i, min(i + 46, len(data))))
            i = data.find(sig, i + 1)
    return out


def _read(reader: object, name: str) -> tuple[str, bytes | None]:
    try:
        return "ok", reader.read(name)  # type: ignore[attr-defined]
    except ZIP_ERRORS:
        return "error", None


def assert_agrees(data: bytes) -> None:
    """Package and zipfile read ``data`` alike (the property under test)."""
    opened = open_package(data, "x.xlsx")  # never raises
    assert opened.zip is not None or opened.findings
    pkg = Package.parse(data)
    if pkg is None:
        return  # zipfile decides alone, as in open_package
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise AssertionError(f"Package accepted what zipfile refuses: {exc!r}") from exc
    assert set(pkg.namelist()) == set(zf.namelist())
    assert sorted(pkg.sizes()) == sorted((i.file_size, i.compress_size) for i in zf.infolist())
    for name in pkg.namelist():
        ours, theirs = _read(pkg, name), _read(zf, name)
        assert ours[0] == theirs[0], (name, ours[0], theirs[0])
        assert ours[1] == theirs[1], name


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    where = _structure_offsets(base)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["set", "set", "set", "insert", "delete", "cut"]))
        if not data:
            break
        at = draw(st.sampled_from(where)) if draw(st.booleans()) and where else draw(
            st.integers(0, len(data) - 1))
        at = min(at, len(data) - 1)
        if kind == "set":
            data[at] = draw(st.sampled_from([0, 1, 0x7F, 0x80, 0xFF, draw(st.integers(0, 255))]))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 8))]
        else:
            del data[at:]
    return bytes(data)


def test_package_agrees_with_zipfile_on_mutated_forms(form: bytes) -> None:
    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        assert_agrees(data.draw(mutated(form)))

    run()


def test_package_agrees_with_zipfile_on_every_truncation_of_the_directory(form: bytes) -> None:
    start = form.find(b"PK\x01\x02")
    for n in [*range(64), *range(start - 4, len(form))]:
        assert_agrees(form[:n])
    assert isinstance(Package.parse(form), Package)  # the real form takes the fast path


def test_the_fast_reader_reads_a_real_form_as_zipfile_does(form: bytes, tmp_path: Path) -> None:
    pkg = Package.parse(form)
    assert pkg is not None
    zf = zipfile.ZipFile(io.BytesIO(form))
    assert pkg.namelist() == zf.namelist()
    assert all(pkg._fast_read(pkg._members[n]) == zf.read(n) for n in zf.namelist())
    assert all(pkg.identity(i.filename) == (i.CRC, i.file_size) for i in zf.infolist())
    assert pkg.identity("tidak-ada.xml") is None


def test_a_repeated_directory_entry_reads_as_in_zipfile(form: bytes) -> None:
    """A case random mutation rarely builds: two directory entries for one member (the last wins in both)."""
    eocd = form.rfind(b"PK\x05\x06")
    sig, disk, cd_disk, n_disk, n, size, offset, comment = struct.unpack_from("<4s4H2LH", form, eocd)
    first = form[offset:offset + 46 + struct.unpack_from("<H", form, offset + 28)[0]]
    twice = (form[:offset] + first + form[offset:eocd]
             + struct.pack("<4s4H2LH", sig, disk, cd_disk, n_disk + 1, n + 1, size + len(first), offset, comment))
    assert Package.parse(twice) is not None
    assert_agrees(twice)
