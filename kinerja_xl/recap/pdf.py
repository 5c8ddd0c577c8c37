"""Optional PDF of the recap through LibreOffice (``soffice --headless --convert-to pdf``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kinerja_xl.errors import OutputError

TIMEOUT = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recap_to_pdf(path: Path, *, outdir: Path | None = None) -> Path | None:
    """Convert the recap to PDF beside it (or in ``outdir``); ``None`` when LibreOffice is not installed.

    LibreOffice recalculates nothing here: the cached values we wrote are what
    it prints, and they are the correct ones. Raises :class:`OutputError` when
    LibreOffice fails.
    """
    exe = soffice()
    if exe is None:
        return None
    path = Path(path).resolve()
    outdir = Path(outdir).resolve() if outdir else path.parent
    target = outdir / (path.stem + ".pdf")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    with tempfile.TemporaryDirectory(prefix="kxl-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        cmd = [exe, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf", "--outdir", str(out), str(path)]
        try:
            proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                                  cwd=tmp)
        except subprocess.TimeoutExpired as exc:
            raise OutputError(f"LibreOffice tidak selesai membuat PDF dari {path.name} dalam {TIMEOUT} detik.") from exc
        except OSError as exc:
            raise OutputError(f"LibreOffice tidak dapat dijalankan: {exc}") from exc
        made = out / (path.stem + ".pdf")
        if proc.returncode != 0 or not made.is_file():
            raise OutputError(f"LibreOffice gagal membuat PDF dari {path.name}: {proc.stderr.strip() or proc.stdout.strip()}")
        outdir.mkdir(parents=True, exist_ok=True)
        tmp_target = outdir / f".{target.name}.tmp"
        shutil.copyfile(made, tmp_target)
        os.replace(tmp_target, target)
    return target
