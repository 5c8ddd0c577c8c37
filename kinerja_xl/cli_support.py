"""What every command module of the CLI shares: messages to stderr, the exit codes, the mapping of our
exceptions to ``Error: …``, and the common options. ``cli.py``, ``cli_server.py`` and ``cli_ledger.py``
import it (so none of them imports another)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kinerja_xl.errors import CatalogError, KinerjaError
from kinerja_xl.period import Period, parse_period
from kinerja_xl.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_RETURNED, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 3
#: Stopped with Ctrl+C (128 + SIGINT, as shells report it): never taken for a verdict (``check``'s 1).
EXIT_INTERRUPTED = 130

WORKSPACE_HELP = "Folder kerja (berisi katalog.xlsx). Bawaan: folder saat ini."


def _err(text: str = "") -> None:
    click.echo(text, err=True)


def _fail(exc: KinerjaError) -> None:
    if isinstance(exc, CatalogError):
        for finding in exc.findings:
            _err(f"- [{finding.severity.label}] {finding.describe()}")
    _err(f"Error: {exc}")
    sys.exit(EXIT_ERROR)


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("debug"))


def handles_errors(func: F) -> F:
    """Turn our exceptions into ``Error: …`` and exit status 2 (unless ``--debug``).

    A system error (disk full, no permission) is an operational error too (status 2). Anything
    else is a bug: it gets its own status, 3, so that a crash during ``check`` is never taken for
    "files were returned" (1); ``--debug`` shows its traceback.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KinerjaError as exc:
            if _debugging():
                raise
            _fail(exc)
        except OSError as exc:
            if _debugging():
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            _err(f"Error: kesalahan sistem berkas{where}: {exc.strerror or exc}. Periksa izin folder dan "
                 "ruang disk, lalu ulangi.")
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # the process boundary: a bug must not look like a verdict
            if _debugging():
                raise
            _err(f"Error: kesalahan internal kinerja-xl ({type(exc).__name__}: {exc}). Berkas Anda tidak "
                 "diubah. Jalankan ulang perintah yang sama dengan --debug dan kirim keluarannya ke "
                 "pengembang.")
            sys.exit(EXIT_CRASH)

    return wrapper  # type: ignore[return-value]


DB_HELP = ("Daftar kiriman di basis data lain, misalnya postgresql://PENGGUNA:SANDI@HOST/NAMA "
           "(bawaan: berkas SQLite di folder kerja). Juga dari variabel lingkungan KINERJA_DB.")


def workspace_option(func: F) -> F:
    """``--workspace/-w DIR`` and ``--db URL`` (or ``KINERJA_DB``): the command receives ``workspace``,
    a folder, or a :class:`~kinerja_xl.workspace.Workspace` naming its ledger's URL when one is given."""

    @functools.wraps(func)
    def with_db(*args: Any, db: str | None = None, **kwargs: Any) -> Any:
        if db:
            kwargs["workspace"] = Workspace(kwargs.get("workspace") or Path.cwd(), db=db)
        return func(*args, **kwargs)

    with_db = click.option("--db", metavar="URL", envvar="KINERJA_DB", default=None, help=DB_HELP)(with_db)
    return click.option(
        "--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), default=None,
        help=WORKSPACE_HELP,
    )(with_db)  # type: ignore[return-value]


#: ``--jobs/-j N`` of the commands that work in several processes (check, forms).
jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                           help="Jumlah proses paralel. Bawaan: jumlah CPU.")


def period_option(help_text: str) -> Callable[[F], F]:
    return click.option("--period", "--periode", "-p", "period", required=True, metavar="PERIODE",
                        help=help_text)


def _period(text: str, *, quarter_only: bool = False) -> Period:
    return parse_period(text, quarter_only=quarter_only)
