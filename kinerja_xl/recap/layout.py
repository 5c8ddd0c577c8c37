"""Where every value of the recap lives: a registry of sheets, columns and rows by key.

Every sheet refers to another sheet's cells through these layouts — by
(row key, column key), e.g. ``(indicator code, "real2")`` — never by a row or
column number written in code. A sheet's layout is fixed before anything is
written, so each sheet can be written top to bottom (xlsxwriter
``constant_memory``).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from kinerja_xl.deflate import RowIndex, text_index

SHEET_RINGKASAN = "Ringkasan"
SHEET_ELEMEN = "Elemen Data"
SHEET_CAPAIAN = "Capaian Indikator"
SHEET_RA = "Rencana Aksi"
SHEET_IKU = "IKU"
SHEET_BIDANG = "Per Bidang"
SHEET_SASARAN = "Per Sasaran"
SHEET_STATUS = "Status Pengumpulan"
SHEET_SKALA = "Skala"
SHEET_PENGESAHAN = "Pengesahan"
# Budget sheets (only for a catalog with an Anggaran tree) and the annual Renstra evaluation
SHEET_RENJA = "Evaluasi Renja (E.81)"
SHEET_SERAPAN = "Serapan Anggaran"
SHEET_PK = "Perjanjian Kinerja"
SHEET_RENSTRA = "Evaluasi Renstra"
#: The sheets of every recap, in workbook order (the budget sheets follow Per Sasaran).
SHEETS = (SHEET_RINGKASAN, SHEET_ELEMEN, SHEET_CAPAIAN, SHEET_RA, SHEET_IKU, SHEET_BIDANG, SHEET_SASARAN,
          SHEET_STATUS, SHEET_SKALA, SHEET_PENGESAHAN)

#: Data sheets start with a title block; their table header is on this (0-based) row.
HEADER_ROW = 4

# Column kinds (how a column is formatted)
TEXT, WRAP, CENTER, INT, NUM, PCT, PRED, DATE = "text", "wrap", "center", "int", "num", "pct", "pred", "date"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float = 12.0
    kind: str = TEXT
    hidden: bool = False
    emphasis: bool = False  # a column of the period itself (semester recaps emphasise theirs)
    machine: bool = False  # data for machines (source files, times): kept outside the print area


class RowKeys:
    """Row keys -> their offsets (0, 1, ...) in row order, answered as a dict of them would, in ~25
    bytes a key where a dict and its strings hold ~150: a recap of 1,000 units has ~28,000 keyed rows,
    and holds their layouts while it is written.

    String keys (the catalog's codes) are kept as their texts in one string, found through a
    :class:`~kinerja_xl.deflate.RowIndex` of them (hashes beside positions; a lookup compares the
    text, so it is exact). Keys of other types (a budget row's second line, ``(kode, 1)``) stay in a dict.
    """

    __slots__ = ("_count", "_index", "_last", "_offsets", "_other")

    def __init__(self, keys: Iterable[Hashable], sheet: str):
        offsets = array("i")  # the row offset of each string key
        texts: list[str] = []
        self._other: dict[Hashable, int] = {}
        count = 0
        for count, key in enumerate(keys, 1):
            if type(key) is str:
                offsets.append(count - 1)
                texts.append(key)
            elif key in self._other:
                raise ValueError(f"duplicate row key {key!r} on sheet {sheet}")
            else:
                self._other[key] = count - 1
        self._count = count
        self._index: RowIndex[str] = text_index(texts)
        if len(self._index) != len(texts):  # a key given twice (the index keeps one)
            seen: set[str] = set()
            for text in texts:
                if text in seen:
                    raise ValueError(f"duplicate row key {text!r} on sheet {sheet}")
                seen.add(text)
        self._offsets = offsets
        self._last: tuple[str, int] = ("", -1)  # the last string key found: a row's cells ask for it in turn

    def get(self, key: Hashable) -> int | None:
        """The offset of ``key``'s row, None when it has none."""
        if type(key) is not str:
            return self._other.get(key)
        last = self._last
        if key == last[0] and last[1] >= 0:
            return last[1]
        try:
            offset = self._offsets[self._index.position(key)]
        except KeyError:
            return None
        self._last = (key, offset)
        return offset

    def __len__(self) -> int:
        return self._count


class SheetLayout:
    """Columns (by key) and data rows (by key) of one table-shaped sheet."""

    def __init__(self, name: str, columns: Sequence[Column], row_keys: Iterable[Hashable],
                 header_row: int = HEADER_ROW):
        self.name = name
        self.columns = tuple(columns)
        self.header_row = header_row
        self.first_row = header_row + 1
        self._col = {c.key: i for i, c in enumerate(self.columns)}
        if len(self._col) != len(self.columns):
            raise ValueError(f"duplicate column key on sheet {name}")
        if len({c.header for c in self.columns}) != len(self.columns):
            raise ValueError(f"duplicate column header on sheet {name}")
        self._row = RowKeys(row_keys, name)

    # --- positions
    @property
    def n_rows(self) -> int:
        return len(self._row)

    @property
    def last_row(self) -> int:
        """The last data row (the header row when there is none)."""
        return self.header_row + self.n_rows

    @property
    def last_col(self) -> int:
        return len(self.columns) - 1

    def has(self, col_key: str) -> bool:
        return col_key in self._col

    def col(self, col_key: str) -> int:
        return self._col[col_key]

    def has_row(self, row_key: Hashable) -> bool:
        return self._row.get(row_key) is not None

    def row(self, row_key: Hashable) -> int:
        offset = self._row.get(row_key)
        if offset is None:
            raise KeyError(row_key)
        return self.first_row + offset

    def column(self, col_key: str) -> Column:
        return self.columns[self._col[col_key]]

    # --- printing
    #: Keys of the column that names a row (the last identifying column repeated on every page across).
    NAME_KEYS = ("indikator", "nama", "elemen")

    def id_columns(self) -> tuple[int, int] | None:
        """The identifying columns (No, Kode, … up to the name): repeated on every page across."""
        for i, c in enumerate(self.columns):
            if c.key in self.NAME_KEYS:
                return (0, i)
        return None

    def last_print_col(self) -> int:
        """The last column a person reads (machine columns lie beyond the print area)."""
        return max((i for i, c in enumerate(self.columns) if not c.machine), default=self.last_col)

    def group_starts(self, keys: Iterable[Hashable]) -> list[int]:
        """Rows where the group changes, given each data row's group key in row order."""
        starts, previous = [], object()
        for i, k in enumerate(keys):
            if i and k != previous:
                starts.append(self.first_row + i)
            previous = k
        return starts

    # --- references
    def _prefix(self, external: bool) -> str:
        return f"{quote_sheetname(self.name)}!" if external else ""

    def ref(self, row_key: Hashable, col_key: str, *, external: bool = True, absolute: bool = False) -> str:
        """A cell reference, e.g. ``'Elemen Data'!G7``."""
        cell = xl_rowcol_to_cell(self.row(row_key), self.col(col_key), absolute, absolute)
        return self._prefix(external) + cell

    def a1(self, row_key: Hashable, col_key: str) -> str:
        """The cell's A1 address without a sheet name (for messages and tests)."""
        return xl_rowcol_to_cell(self.row(row_key), self.col(col_key))

    def col_range(self, col_key: str, *, external: bool = True) -> str:
        """The absolute range of a column's data rows, e.g. ``'Capaian Indikator'!$X$6:$X$24``."""
        letter = xl_col_to_name(self.col(col_key))
        last = max(self.last_row, self.first_row)
        return f"{self._prefix(external)}${letter}${self.first_row + 1}:${letter}${last + 1}"


def fit_width(texts: Iterable[object], header: str, *, minimum: float = 6, maximum: float = 60) -> float:
    """A column width that fits the longest text (headers wrap at spaces)."""
    fit = Fit(lambda text: (text,), header, minimum, maximum)
    return fit_widths(texts, [fit])[0]


@dataclass(frozen=True)
class Fit:
    """A column to fit (:func:`fit_width`'s arguments): ``texts(row)`` gives a row's texts."""

    texts: Callable[[Any], Iterable[object]]
    header: str
    minimum: float = 6
    maximum: float = 60


def fit_widths(rows: Iterable[Any], fits: Sequence[Fit]) -> list[float]:
    """Each column's :func:`fit_width`, read in one pass over ``rows`` (a recap's rows are read back
    from deflated blocks: one pass for all its columns, not one per column)."""
    longest = [max((len(w) for w in f.header.split()), default=0) for f in fits]
    for row in rows:
        for i, f in enumerate(fits):
            for text in f.texts(row):
                if text is None:
                    continue
                s = text if isinstance(text, str) else f"{text:,.2f}" if isinstance(text, float) else str(text)
                for line in s.splitlines() or [s]:
                    longest[i] = max(longest[i], len(line))
    return [float(min(max(n + 2, f.minimum), f.maximum)) for n, f in zip(longest, fits, strict=True)]
