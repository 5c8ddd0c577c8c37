"""The workspace: one folder per agency (OPD) holding the catalog and every output.

    katalog.xlsx            the catalog (the Kasubag edits it in Excel)
    formulir/2025-TW1/      forms sent to the bidang
    masuk/2025-TW1/         filled forms as received (only ever read)
    arsip/2025-TW1/         accepted originals, byte for byte
    umpan-balik/2025-TW1/   returned forms, marked, ready to send back
    rekap/                  recap workbooks
    laporan/                check reports
    daftar-kiriman.sqlite   the ledger
    .katalog.cache          the parsed catalog, used while katalog.xlsx is unchanged
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kinerja_xl.catalog.cache import (
    cached_catalog,
    cached_catalog_by_bidang,
    cached_catalog_deflated,
)
from kinerja_xl.catalog.model import Catalog, FormCatalog
from kinerja_xl.errors import WorkspaceError
from kinerja_xl.period import Period

KATALOG_FILE = "katalog.xlsx"
LEDGER_FILE = "daftar-kiriman.sqlite"
#: Hidden beside the catalog: its parsed copy, used while the catalog's bytes are unchanged.
CATALOG_CACHE_FILE = ".katalog.cache"
FOLDERS = ("formulir", "masuk", "arsip", "umpan-balik", "rekap", "laporan")


@dataclass(frozen=True)
class Workspace:
    root: Path
    #: Where the ledger lives when not in the workspace folder: a ``postgresql://…`` (or
    #: ``sqlite:///…``) URL, from ``--db`` / ``KINERJA_DB``. None: ``daftar-kiriman.sqlite`` here.
    db: str | None = None

    @property
    def katalog_path(self) -> Path:
        return self.root / KATALOG_FILE

    @property
    def ledger_path(self) -> Path:
        """The default SQLite ledger file of this workspace (used unless :attr:`db` names another)."""
        return self.root / LEDGER_FILE

    @property
    def ledger_url(self) -> str | Path:
        """What :class:`kinerja_xl.ledger.Ledger` opens: :attr:`db`, else the SQLite file here."""
        return self.db or self.ledger_path

    def formulir_dir(self, period: Period) -> Path:
        return self.root / "formulir" / period.code

    def masuk_dir(self, period: Period) -> Path:
        return self.root / "masuk" / period.code

    def arsip_dir(self, period: Period) -> Path:
        return self.root / "arsip" / period.code

    def umpan_balik_dir(self, period: Period) -> Path:
        return self.root / "umpan-balik" / period.code

    def rekap_dir(self) -> Path:
        return self.root / "rekap"

    def laporan_dir(self) -> Path:
        return self.root / "laporan"

    @property
    def catalog_cache_path(self) -> Path:
        """The parsed copy of the catalog (:mod:`kinerja_xl.catalog.cache`)."""
        return self.root / CATALOG_CACHE_FILE

    def load_catalog(self) -> Catalog:
        """The catalog, or :class:`CatalogError` with the findings that prevent loading it."""
        return cached_catalog(self.katalog_path, self.catalog_cache_path)

    def load_catalog_deflated(self) -> Catalog:
        """The catalog as ``merge`` holds it: its large tables deflated (:mod:`kinerja_xl.catalog.deflated`),
        read from the cache a table at a time, so that its memory hardly grows with the number of units."""
        return cached_catalog_deflated(self.katalog_path, self.catalog_cache_path)

    def load_catalog_by_bidang(self) -> FormCatalog:
        """The catalog as ``forms`` and ``check`` ask it, one bidang at a time: from the cache, its
        bidang's rows unpickled as they are asked for (:mod:`kinerja_xl.catalog.slices`), so that
        their memory does not grow with the number of bidang; whole when it must be read."""
        return cached_catalog_by_bidang(self.katalog_path, self.catalog_cache_path)


def init_workspace(directory: Path, *, catalog: Catalog | None = None,
                   tahun: int | None = None) -> tuple[Workspace, list[Path]]:
    """Create a workspace (folders + catalog); never overwrite an existing catalog.

    Returns the workspace and the paths created. ``katalog.xlsx`` holds ``catalog``
    (``kinerja-xl init --contoh`` passes the sample catalog); by default an empty,
    self-explaining one for the year ``tahun``.
    """
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} sudah ada dan bukan folder. Pilih nama folder lain.")
    ws = Workspace(root)
    if ws.katalog_path.exists():
        raise WorkspaceError(
            f"{ws.katalog_path} sudah ada; katalog yang ada tidak akan ditimpa. "
            "Gunakan folder lain, atau hapus/pindahkan katalog itu sendiri bila memang ingin mulai baru."
        )
    created: list[Path] = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        for name in FOLDERS:
            folder = root / name
            if not folder.exists():
                folder.mkdir()
                created.append(folder)
        from kinerja_xl.catalog.writer import (
            write_catalog,  # only here: xlsxwriter is not needed otherwise
        )

        write_catalog(ws.katalog_path, catalog, tahun=tahun)
    except OSError as exc:
        raise WorkspaceError(f"Folder kerja {root} tidak dapat dibuat: {exc.strerror or exc}") from exc
    created.append(ws.katalog_path)
    return ws, created


#: What names a workspace: its folder (None: the current one), or a :class:`Workspace` with its ledger URL.
WorkspaceRef = Path | Workspace | None


def open_workspace(directory: WorkspaceRef = None, *, db: str | None = None) -> Workspace:
    """The workspace at ``directory`` (default: the current folder); refuse a folder that is not one.

    ``db``: the ledger's URL when it is not the workspace's own SQLite file (``--db``)."""
    if isinstance(directory, Workspace):
        db = db or directory.db
        directory = directory.root
    root = Path(directory) if directory is not None else Path.cwd()
    if not root.is_dir():
        raise WorkspaceError(
            f"Folder kerja {root} tidak ada. Buat dulu dengan: kinerja-xl init {root}"
        )
    ws = Workspace(root, db=db)
    if not ws.katalog_path.is_file():
        raise WorkspaceError(
            f"{root} bukan folder kerja kinerja-xl (tidak ada {KATALOG_FILE}). "
            f"Buat dengan: kinerja-xl init {root}  atau pilih folder kerja dengan --workspace/-w."
        )
    return ws
