"""The recap's worksheets: :class:`kinerja_xl.xlsx.FormulaWorksheet` (formulas without xlsxwriter's regex
passes) that forget what they no longer need of the rows already written.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from xlsxwriter.worksheet import Worksheet

from kinerja_xl.xlsx import PLAIN_FUNCTIONS, FormulaWorksheet

__all__ = ["PLAIN_FUNCTIONS", "RecapWorksheet", "release_written_rows"]


def _has_drawings(ws: Worksheet) -> bool:
    return bool(ws.charts or ws.images or ws.shapes or ws.comments)


def _drop_flushed_row_info(ws: Worksheet) -> None:
    """Row settings and merged cells of the rows ``constant_memory`` already flushed: never read again
    (nothing can be written to those rows any more, so no merge can overlap them)."""
    pending = ws.previous_row
    ws.row_info = {r: info for r, info in ws.row_info.items() if r >= pending}  # a new, smaller dict
    ws.merged_cells = {cell: ref for cell, ref in ws.merged_cells.items() if cell[0] >= pending}


def release_written_rows(ws: Worksheet) -> None:
    """Forget what xlsxwriter keeps of a finished sheet's rows that ``constant_memory`` already flushed.

    xlsxwriter keeps every ``set_row`` (height, format) and every merged cell for as long as the
    workbook lives, although a flushed row is never written again: with a height on most data
    rows, that grew with the number of units. ``merged_cells`` only guards against overlapping
    merges, which a finished sheet no longer makes. The row heights (``row_sizes``) place charts
    and images when the workbook closes: a sheet with any keeps them (shared, see
    :class:`RecapWorksheet`), the others drop the flushed rows'. (Private attributes: xlsxwriter
    is pinned below 4; ``tests/test_xlsxwriter_hooks.py`` fails loudly if they change.)
    """
    _drop_flushed_row_info(ws)
    ws.merged_cells.clear()
    if not _has_drawings(ws):
        pending = ws.previous_row
        ws.row_sizes = {r: size for r, size in ws.row_sizes.items() if r >= pending}


class MergedRanges:
    """xlsxwriter's list of a sheet's merged ranges (``Worksheet.merge``, read when the sheet is
    closed: its length, then each range as four numbers), kept in one array: 16 bytes a range where
    a tuple of four numbers is ~90 (an E.81 of 1,000 units merges ~3,600 ranges)."""

    __slots__ = ("_numbers",)

    def __init__(self) -> None:
        self._numbers = array("i")

    def append(self, cell_range: Iterable[int]) -> None:
        """A range (first row, first column, last row, last column)."""
        start = len(self._numbers)
        self._numbers.extend(cell_range)
        if len(self._numbers) != start + 4:
            del self._numbers[start:]
            raise ValueError("a merged range is four numbers")

    def __len__(self) -> int:
        return len(self._numbers) // 4

    def __iter__(self) -> Iterator[tuple[int, int, int, int]]:
        n = self._numbers
        return ((n[i], n[i + 1], n[i + 2], n[i + 3]) for i in range(0, len(n), 4))


class RecapWorksheet(FormulaWorksheet):
    """A recap sheet written top to bottom (``constant_memory``) whose row bookkeeping stays small.

    While the sheet is written, the heights of all its rows stay known (printing paginates by
    them once the sheet is done), one shared ``[height, hidden]`` per distinct height; the other
    row settings are dropped once their row is flushed.
    """

    #: row settings kept before the flushed ones are dropped
    KEEP_ROWS = 512

    def __init__(self) -> None:
        super().__init__()
        self._shared_sizes: dict[tuple[type, float, bool], list[Any]] = {}
        self.merge = MergedRanges()

    def set_row(self, row: int, height: float | None = None, cell_format: Any = None,
                options: dict[str, Any] | None = None) -> int:
        out = super().set_row(row, height, cell_format, options)
        size = self.row_sizes.get(row)
        if size is not None:
            self.row_sizes[row] = self._shared_sizes.setdefault((type(size[0]), size[0], bool(size[1])), size)
        if self.constant_memory and (len(self.row_info) > self.KEEP_ROWS
                                     or len(self.merged_cells) > 8 * self.KEEP_ROWS):
            _drop_flushed_row_info(self)
        return out
