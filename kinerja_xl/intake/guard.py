"""One run at a time, and nothing left behind by a run that died.

* :func:`run_lock` — a ``check`` holds an exclusive lock on ``<workspace>/.kinerja-xl.lock``
  for its whole run (``fcntl.flock``; ``msvcrt.locking`` on Windows). A second ``check`` of the
  same workspace waits for it, and says so through its ``waiting`` callback. The operating
  system drops the lock when its process ends, however it ends (even ``SIGKILL``), so a dead
  run never blocks the next one.
* :class:`Owner` — the process that made a staging folder: pid *and* start time (a pid alone is
  reused). The next run removes a staging folder whose owner is no longer alive.

Checker processes end with their parent: :func:`kinerja_xl.workers.watch_parent`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kinerja_xl.errors import KinerjaError

LOCK_NAME = ".kinerja-xl.lock"
#: How often a waiting run tries the lock again (seconds).
LOCK_RETRY = 0.25


class LockError(KinerjaError):
    """The run lock could not be taken."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def run_lock(root: Path, *, waiting: Callable[[str], None] | None = None,
             timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's run lock for the ``with`` block; wait while another run holds it.

    ``waiting(text)`` is called once, with a sentence in Bahasa Indonesia, when the lock is busy.
    ``timeout`` (seconds, ``None`` = as long as it takes) ends the wait with :class:`LockError`.
    """
    path = Path(root) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockError(f"Kunci pemeriksaan {path} tidak dapat dibuat: {exc.strerror or exc}.") from exc
    try:
        start = time.monotonic()
        told = False
        while not _try_lock(fd):
            if not told:
                holder = _read_holder(fd)
                if waiting is not None:
                    waiting("Pemeriksaan lain sedang berjalan di folder kerja ini" + holder
                            + "; menunggu sampai selesai (Ctrl+C untuk berhenti) …")
                told = True
            if timeout is not None and time.monotonic() - start > timeout:
                raise LockError("Pemeriksaan lain sedang berjalan di folder kerja ini" + _read_holder(fd)
                                + ". Tunggu sampai selesai, lalu ulangi.")
            time.sleep(LOCK_RETRY)
        _write_holder(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_holder(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, Owner.me().text().encode())
    except OSError:
        pass  # the note is for people; the lock is what counts


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        owner = Owner.parse(os.read(fd, 200).decode("ascii", "replace"))
    except OSError:
        return ""
    return f" (proses {owner.pid})" if owner is not None else ""


# --- who made a staging folder ----------------------------------------------------------


def process_start(pid: int) -> str | None:
    """When process ``pid`` started, as an opaque text (``None`` when unknown or not running).

    Linux: field 22 of ``/proc/PID/stat`` (clock ticks since boot); elsewhere unknown.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    # the command name (field 2) is in parentheses and may hold spaces: split after its end
    fields = stat[stat.rfind(b")") + 2:].split()
    return fields[19].decode() if len(fields) > 19 else None


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Owner:
    """A process, by pid and start time."""

    pid: int
    start: str | None

    @classmethod
    def me(cls) -> Owner:
        return cls(os.getpid(), process_start(os.getpid()))

    def text(self) -> str:
        return f"{self.pid} {self.start or '-'}\n"

    @classmethod
    def parse(cls, text: str) -> Owner | None:
        parts = text.split()
        if not parts or not parts[0].isdigit():
            return None
        start = parts[1] if len(parts) > 1 and parts[1] != "-" else None
        return cls(int(parts[0]), start)

    def alive(self) -> bool:
        """Whether this very process still runs (a reused pid has another start time)."""
        if not _running(self.pid):
            return False
        if self.start is None:
            return True
        now = process_start(self.pid)
        return now is None or now == self.start


OWNER_FILE = "owner"


def mark_owner(folder: Path) -> None:
    """Write the running process as the owner of ``folder``."""
    (folder / OWNER_FILE).write_text(Owner.me().text(), encoding="ascii")


def owner_of(folder: Path) -> Owner | None:
    try:
        return Owner.parse((folder / OWNER_FILE).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None
