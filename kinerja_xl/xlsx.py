"""Writing our own workbooks safely: in memory with xlsxwriter, then an atomic rename.

Also the few things xlsxwriter cannot do by itself (workbook structure protection).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
import xlsxwriter.exceptions

from kinerja_xl.errors import OutputError

#: Fixed document date for reproducible outputs when none is given.
EPOCH = dt.datetime(2000, 1, 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc.strerror or exc}") from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared like any file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"Tidak dapat menulis {path}: {exc.strerror or exc}. "
            "Jika berkas itu sedang dibuka di Excel, tutup dulu lalu ulangi."
        ) from exc


def lock_structure(xlsx: bytes) -> bytes:
    """Add ``<workbookProtection lockStructure="1"/>`` to ``xl/workbook.xml`` (xlsxwriter has no API)."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                if "<workbookProtection" not in text:
                    text, n = re.subn(r"<bookViews>", '<workbookProtection lockStructure="1"/><bookViews>', text, 1)
                    if n != 1:
                        raise OutputError("Struktur buku kerja tidak dapat dikunci (xl/workbook.xml tak terduga).")
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def build_workbook(
    path: Path,
    fill: Callable[[xlsxwriter.Workbook], None],
    *,
    structure_locked: bool = False,
    constant_memory: bool = False,
) -> None:
    """Create a workbook with ``fill(workbook)`` and put it at ``path`` atomically.

    A workbook whose structure gets locked (forms: small) is built in memory and
    post-processed; any other is written by xlsxwriter straight into a temporary
    file beside ``path`` and renamed, so a large recap never sits whole in memory.
    """
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
               "constant_memory": constant_memory, "in_memory": not constant_memory}
    if structure_locked:
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, options)
        fill(wb)
        _close(wb, path)
        atomic_write_bytes(path, lock_structure(buf.getvalue()))
        return
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        wb = xlsxwriter.Workbook(str(tmp), options)
        fill(wb)
        _close(wb, path)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            f"Tidak dapat menulis {path}: {exc.strerror or exc}. "
            "Jika berkas itu sedang dibuka di Excel, tutup dulu lalu ulangi."
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _close(wb: xlsxwriter.Workbook, path: Path) -> None:
    try:
        wb.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise OutputError(f"Tidak dapat menulis {path}: {exc}") from exc


#: points per line of 10–11 pt text
LINE_HEIGHT = 15.0


def wrapped_lines(text: object, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate).

    xlsxwriter cannot measure text, and neither Excel nor LibreOffice grows the rows
    of a generated file by itself, so rows with wrapped text get an explicit height.
    """
    per_line = max(int(width * 1.2) - 1, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text or "").split("\n"))


#: Excel keeps at most this many characters in a cell (xlsxwriter cuts longer strings).
MAX_CELL_TEXT = 32_767


def fit_text(text: str) -> str:
    """``text`` cut to what a cell holds, ending in "…" when cut (intake warns about such texts)."""
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def check(ret: int | None, what: str) -> None:
    """xlsxwriter signals many mistakes by a negative return value: turn them into errors."""
    if ret is not None and ret < 0:
        raise OutputError(f"Kesalahan internal: xlsxwriter menolak {what} (kode {ret}). Laporkan ke pengembang.")
