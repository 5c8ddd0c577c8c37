"""A worksheet class that prepares our formulas without xlsxwriter's ~100 regex passes.

xlsxwriter rewrites every formula through a long list of ``re.sub`` calls to
add the ``_xlfn.`` prefix to functions newer than Excel 2007; that is most of
the time spent writing a large recap. The recap's formulas only use Excel 2007
functions, so when every function name in a formula is one of those, the
formula is used as it is; anything else goes through xlsxwriter's own path.
"""

from __future__ import annotations

import re

from xlsxwriter.worksheet import Worksheet

#: Functions the recap writes (all Excel 2007, none needs a prefix).
PLAIN_FUNCTIONS = frozenset({
    "ABS", "AVERAGE", "AVERAGEIFS", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "IF", "IFERROR", "ISNUMBER",
    "LOOKUP", "MAX", "MIN", "SUM", "SUMIFS",
})
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class RecapWorksheet(Worksheet):
    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if formula.startswith("=") and set(_CALL.findall(formula)) <= PLAIN_FUNCTIONS:
            return formula[1:]
        return str(super()._prepare_formula(formula, expand_future_functions))
