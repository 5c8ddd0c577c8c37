"""The recap model's rows kept in columns (recap/rows.py): each row comes back equal to the one appended."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from kinerja_xl.catalog.model import Target
from kinerja_xl.recap.rows import NUMBER, QUARTERS, SHARED, RowTable


@dataclass(frozen=True, slots=True)
class _Row:
    kode: str
    tw: tuple[object, object, object, object]
    sd: object
    target: Target | None
    catatan: str = ""


def test_every_value_comes_back_as_it_was_appended() -> None:
    rows = [
        _Row("A", (1.5, None, -0.0, 2.0), 3.25, Target(1.0, 2.0), "target 0"),
        _Row("B", (None, None, None, None), None, None),
        # not floats: kept aside exactly (an int stays an int, a NaN a NaN, a text a text)
        _Row("C", (7, math.nan, "x", 1e308), 0, Target(1.0, 2.0), "target 0"),
    ]
    table = RowTable(_Row, {"tw": QUARTERS, "sd": NUMBER, "target": SHARED, "catatan": SHARED})
    for row in rows:
        table.append(row)
    back = list(table)
    assert len(table) == 3 and back[:2] == rows[:2]
    c = back[2]
    assert c.tw[0] == 7 and type(c.tw[0]) is int and math.isnan(c.tw[1]) and c.tw[2:] == ("x", 1e308)
    assert c.sd == 0 and type(c.sd) is int
    assert math.copysign(1.0, back[0].tw[2]) == -1.0  # -0.0 stays negative zero
    assert back[2].target is back[0].target  # equal values of a shared field are one object
    assert table[-1] == table[2] and table[0:2] == rows[:2] and table == rows[:2] + [table[2]]
    with pytest.raises(IndexError):
        table[3]


def test_a_row_of_another_kind_or_without_four_quarters_is_refused() -> None:
    table = RowTable(_Row, {"tw": QUARTERS})
    with pytest.raises(ValueError, match="a tuple of 4 numbers"):
        table.append(_Row("A", (1.0, 2.0, 3.0), None, None))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        table.append(("A", (1.0,) * 4, None, None, ""))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no field"):
        RowTable(_Row, {"nilai": NUMBER})
