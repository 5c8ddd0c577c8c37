"""Which files below the inbox are submissions, and what kind of file each one is.

Recognition goes by content (magic bytes, zip members, content types), never
by the file name: a ``.xlsx`` that is really a PDF, or an ``.xls`` that is
really an ``.xlsx``, is treated as what it is.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from kinerja_xl.findings import Finding, make
from kinerja_xl.intake import codes

#: Zip-bomb guard: a form is ~20–60 KB zipped and well under 2 MB unzipped.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_RATIO = 200  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

_SYSTEM_FILES = {"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", "icon\r"}
_SKIPPED_DIRS = {"__macosx", "$recycle.bin", "system volume information"}


def skip_reason(rel: Path) -> str | None:
    """Why a file (path relative to the inbox) is not a submission, or ``None`` when it may be one."""
    name = rel.name
    low = name.casefold()
    for part in rel.parts[:-1]:
        if part.startswith(".") or part.casefold() in _SKIPPED_DIRS:
            return f"berada di folder sistem atau tersembunyi ({part})"
    if name.startswith("~$"):
        return "berkas kunci Excel (dibuat selama berkas dibuka di Excel)"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "berkas kunci LibreOffice (dibuat selama berkas dibuka di LibreOffice)"
    if low in _SYSTEM_FILES:
        return f"berkas sistem ({name})"
    if name.startswith("._"):
        return "berkas pendamping macOS"
    if name.startswith("."):
        return "berkas tersembunyi"
    if low.endswith((".tmp", ".temp", ".crdownload", ".part", ".partial")) or name.endswith("~"):
        return "berkas sementara"
    if low.startswith("~") and "." not in low.lstrip("~"):
        return "berkas sementara"
    return None


def discover(inbox: Path) -> list[tuple[Path, str | None]]:
    """Every file below ``inbox`` (recursive, sorted), with a skip reason or ``None``."""
    return [(path, skip) for path, _name, skip in discover_named(inbox)]


_LINKED_FOLDER = "tautan ke folder (tidak diikuti); salin berkasnya ke folder masuk bila perlu diperiksa"


def discover_named(inbox: Path) -> list[tuple[Path, str, str | None]]:
    """:func:`discover`, with each file's path below ``inbox`` in POSIX form (``sub/name.xlsx``).

    Every entry is accounted for: a broken link (a shortcut to a drive no longer mounted) and a
    folder that cannot be opened are listed too (their reading fails with a reason, see
    :func:`unreadable_reason`); a link to a folder is listed as skipped (it is not followed).
    """
    inbox = Path(inbox)
    found: list[tuple[tuple[str, ...], Path, str | None]] = []

    def unreadable_folder(exc: OSError) -> None:
        if exc.filename and os.path.abspath(exc.filename) != os.path.abspath(inbox):
            rel = Path(exc.filename).relative_to(inbox)
            found.append((rel.parts, Path(exc.filename), skip_reason(rel / "x") if rel.parts else None))

    for top, dirs, files in os.walk(inbox, onerror=unreadable_folder):
        base = Path(top)
        rel_top = base.relative_to(inbox)
        for name in dirs:
            if (base / name).is_symlink():
                rel = rel_top / name
                found.append((rel.parts, base / name, _LINKED_FOLDER))
        for name in files:
            rel = rel_top / name
            found.append((rel.parts, base / name, skip_reason(rel)))
    found.sort(key=lambda item: item[0])
    return [(path, "/".join(parts), skip) for parts, path, skip in found]


def unreadable_reason(path: Path, exc: OSError) -> str:
    """Why a listed entry could not be read, in Bahasa Indonesia."""
    if path.is_symlink() and not path.exists():
        return (f"tautan (shortcut) ke {os.readlink(path)} yang tidak ada; drive atau folder tujuannya "
                "mungkin tidak terpasang")
    if path.is_dir():
        return "folder ini tidak dapat dibuka, sehingga berkas di dalamnya tidak diperiksa"
    if isinstance(exc, PermissionError):
        return "tidak ada izin membaca berkas ini"
    if isinstance(exc, FileNotFoundError):
        return "berkas hilang sejak daftar berkas dibuat (dipindahkan atau dihapus selama pemeriksaan)"
    return exc.strerror or type(exc).__name__


# --- what kind of file ------------------------------------------------------------------------


class ZipMembers(Protocol):
    """What intake needs of a zip package: :class:`Package` or a ``zipfile.ZipFile``."""

    def namelist(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


class _Member(NamedTuple):  # a tuple: 15 of them per form, made quickly
    name: str
    offset: int  # of the local header
    compress_size: int
    file_size: int
    method: int
    crc: int


_EOCD = struct.Struct("<4s4H2LH")
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patch data, strong encryption: zipfile decides
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")


class Package:
    """A zip package read straight from its bytes: the central directory, then members on demand.

    ``zipfile`` parses the directory in Python (ZipInfo objects, file-like readers: ~0.25 ms for
    a form's 15 members, as much as calamine needs to read the values). This reads the usual
    package — one disk, no zip64, no archive comment, no extra fields, ASCII names, stored or
    deflated members — with ``struct`` and ``zlib`` alone; :meth:`parse` returns ``None`` for
    anything else, and a member that does not come out exactly as its directory entry says
    (local header, size, CRC) is read again by ``zipfile``, so damage is reported exactly as
    ``zipfile`` reports it.
    """

    def __init__(self, data: bytes, entries: list[_Member]):
        self.data = data
        self._entries = entries
        self._members = {m.name: m for m in entries}  # the last of a repeated name wins, as in zipfile
        self._zipfile: zipfile.ZipFile | None = None

    @classmethod
    def parse(cls, data: bytes) -> Package | None:
        end = len(data) - _EOCD.size
        if end < 0:
            return None
        sig, disk, cd_disk, n_disk, n, cd_size, cd_offset, comment = _EOCD.unpack_from(data, end)
        if (sig != b"PK\x05\x06" or disk or cd_disk or comment or n != n_disk or n == 0xFFFF
                or cd_offset + cd_size != end):
            return None
        entries: list[_Member] = []
        at = cd_offset
        for _ in range(n):
            if at + _CENTRAL.size > end:
                return None
            (sig, _made, need, flags, method, _time, _date, crc, csize, usize, nlen, xlen, clen, _disk,
             _iattr, _eattr, offset) = _CENTRAL.unpack_from(data, at)
            raw = data[at + _CENTRAL.size:at + _CENTRAL.size + nlen]
            if (sig != b"PK\x01\x02" or xlen or flags & _UNUSUAL_FLAGS or need > zipfile.MAX_EXTRACT_VERSION
                    or 0xFFFFFFFF in (csize, usize, offset)
                    or not raw.isascii() or b"\x00" in raw or len(raw) != nlen):
                return None
            entries.append(_Member(raw.decode("ascii"), offset, csize, usize, method, crc))
            at += _CENTRAL.size + nlen + clen
        if at != end:
            return None
        return cls(data, entries)

    def namelist(self) -> list[str]:
        return list(self._members)

    def identity(self, name: str) -> tuple[int, int] | None:
        """A member's CRC-32 and size as the directory states them (``None`` when absent): a cache
        key for what is computed from the member, without inflating it."""
        m = self._members.get(name)
        return None if m is None else (m.crc, m.file_size)

    def sizes(self) -> list[tuple[int, int]]:
        """``(uncompressed, compressed)`` size of every entry of the directory."""
        return [(m.file_size, m.compress_size) for m in self._entries]

    def read(self, name: str) -> bytes:
        """A member's bytes; ``KeyError`` when there is none, ``zipfile``'s errors when it is damaged."""
        m = self._members.get(name)
        if m is None:
            raise KeyError(f"There is no item named {name!r} in the archive")
        out = self._fast_read(m)
        if out is None:
            if self._zipfile is None:
                self._zipfile = zipfile.ZipFile(io.BytesIO(self.data))
            out = self._zipfile.read(name)
        return out

    def _fast_read(self, m: _Member) -> bytes | None:
        data = self.data
        if m.offset + _LOCAL.size > len(data) or m.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        sig, _need, flags, _method, _time, _date, _crc, _csize, _usize, nlen, xlen = _LOCAL.unpack_from(
            data, m.offset)
        start = m.offset + _LOCAL.size
        if sig != b"PK\x03\x04" or flags & _UNUSUAL_FLAGS or data[start:start + nlen] != m.name.encode("ascii"):
            return None
        start += nlen + xlen
        body = data[start:start + m.compress_size]
        if len(body) != m.compress_size:
            return None
        if m.method == zipfile.ZIP_STORED:
            out = body
        else:
            d = zlib.decompressobj(-15)
            try:
                out = d.decompress(body, m.file_size + 1)
            except zlib.error:
                return None
            if not d.eof:
                return None
        if len(out) != m.file_size or zlib.crc32(out) != m.crc:
            return None
        return out


@dataclass
class Opened:
    """A file opened as an ``.xlsx`` package, or the findings saying why it cannot be."""

    zip: ZipMembers | None = None
    findings: list[Finding] = field(default_factory=list)


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


def _not_zip_kind(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return "dokumen PDF"
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "gambar (foto atau tangkapan layar)"
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head:
        return "halaman web (HTML) yang diberi nama seperti berkas Excel"
    if head.startswith(b"<?xml") and b"spreadsheet" in data[:2048].lower():
        return "lembar kerja XML Excel 2003"
    if head.startswith(b"{\\rtf"):
        return "dokumen RTF"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "berkas dengan format yang tidak dikenal"
    return "berkas teks atau CSV"


def _ole(data: bytes, file: str) -> Finding:
    """An OLE2 compound file: an encrypted OOXML package, a legacy .xls, or another old Office file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return make(codes.BERKAS_BERSANDI, file=file)
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return make(codes.BERKAS_XLS, file=file)
    if "WordDocument".encode("utf-16-le") in data:
        return make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what="dokumen Word lama (.doc)")
    return make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what="berkas Office lama yang bukan lembar kerja")


def _zip_kind(zf: ZipMembers, names: set[str], file: str) -> Finding | None:
    """A zip that is not a plain .xlsx: ODS, XLSM, DOCX … (``None`` for an .xlsx)."""
    if "mimetype" in names:
        mime = zf.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mime:
            return make(codes.BERKAS_ODS, file=file)
        return make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what="dokumen OpenDocument yang bukan lembar kerja")
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if "word/document.xml" in names:
            what = "dokumen Word"
        elif "ppt/presentation.xml" in names:
            what = "presentasi PowerPoint"
        elif any(n.casefold().endswith((".xlsx", ".xlsm", ".xls")) for n in names):
            what = "arsip ZIP berisi berkas Excel; ekstrak dulu dan kirim berkas .xlsx di dalamnya"
        else:
            what = "arsip ZIP"
        return make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what=what)
    types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"macroEnabled" in types or "xl/vbaProject.bin" in names:
        return make(codes.BERKAS_XLSM, file=file)
    if "xl/workbook.bin" in names:
        return make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what="buku kerja biner Excel (.xlsb); simpan sebagai .xlsx")
    return None


def open_package(data: bytes, file: str) -> Opened:
    """Open the bytes of a submission as an ``.xlsx`` zip package, guarding against zip bombs."""
    if not data:
        return Opened(findings=[make(codes.BERKAS_RUSAK, file=file, reason="berkas kosong, 0 bita")])
    if data.startswith(OLE_MAGIC):
        return Opened(findings=[_ole(data, file)])
    if not data.startswith(ZIP_MAGIC):
        return Opened(findings=[make(codes.BERKAS_BUKAN_BUKU_KERJA, file=file, what=_not_zip_kind(data))])
    zf: ZipMembers | None = Package.parse(data)
    if isinstance(zf, Package):
        sizes = zf.sizes()
    else:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            sizes = [(i.file_size, i.compress_size) for i in zf.infolist()]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            return Opened(findings=[make(codes.BERKAS_RUSAK, file=file, reason=f"arsip zip tidak utuh: {exc}")])
    total = sum(size for size, _ in sizes)
    bomb = len(sizes) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or any(
        size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1) for size, packed in sizes
    )
    if bomb:
        return Opened(findings=[make(codes.BERKAS_TERLALU_BESAR, file=file, size=_size_text(total))])
    names = set(zf.namelist())
    try:
        kind = _zip_kind(zf, names, file)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return Opened(findings=[make(codes.BERKAS_RUSAK, file=file, reason=f"bagian berkas rusak: {exc}")])
    if kind is not None:
        return Opened(findings=[kind])
    return Opened(zip=zf)
