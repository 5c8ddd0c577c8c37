"""Which files below the inbox are submissions, and what kind of file each one is.

Recognition goes by content (magic bytes, zip members, content types), never
by the file name: a ``.xlsx`` that is really a PDF, or an ``.xls`` that is
really an ``.xlsx``, is treated as what it is.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

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
    inbox = Path(inbox)
    files = sorted((p for p in inbox.rglob("*") if p.is_file()), key=lambda p: p.relative_to(inbox).parts)
    return [(p, skip_reason(p.relative_to(inbox))) for p in files]


# --- what kind of file ------------------------------------------------------------------------


@dataclass
class Opened:
    """A file opened as an ``.xlsx`` package, or the findings saying why it cannot be."""

    zip: zipfile.ZipFile | None = None
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


def _zip_kind(zf: zipfile.ZipFile, names: set[str], file: str) -> Finding | None:
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
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return Opened(findings=[make(codes.BERKAS_RUSAK, file=file, reason=f"arsip zip tidak utuh: {exc}")])
    total = sum(i.file_size for i in infos)
    bomb = len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or any(
        i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos
    )
    if bomb:
        return Opened(findings=[make(codes.BERKAS_TERLALU_BESAR, file=file, size=_size_text(total))])
    names = {i.filename for i in infos}
    try:
        kind = _zip_kind(zf, names, file)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return Opened(findings=[make(codes.BERKAS_RUSAK, file=file, reason=f"bagian berkas rusak: {exc}")])
    if kind is not None:
        return Opened(findings=[kind])
    return Opened(zip=zf)
