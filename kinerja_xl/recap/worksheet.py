"""The recap's worksheets: :class:`kinerja_xl.xlsx.FormulaWorksheet` (formulas without xlsxwriter's regex passes).

Every workbook written through :func:`kinerja_xl.xlsx.build_workbook` gets that class; the
name stays for the recap's explicit ``worksheet_class``.
"""

from __future__ import annotations

from kinerja_xl.xlsx import PLAIN_FUNCTIONS, FormulaWorksheet

RecapWorksheet = FormulaWorksheet

__all__ = ["PLAIN_FUNCTIONS", "RecapWorksheet"]
