"""The bare floors the whole-command benchmark compares ``kinerja-xl`` with (imports no kinerja_xl).

    python benchmarks/floor.py read LIST          # calamine: every cell of every sheet of the files
    python benchmarks/floor.py write PLAN OUTDIR  # xlsxwriter: the cells of a plan, cached values included

``LIST`` is a text file with one path per line. ``PLAN`` is a marshal stream written by
:func:`dump_plan`: per workbook ``("book", file name, constant_memory)``, per sheet
``("sheet", name)``, then ``("row", r, cells)`` with ``cells`` a list of ``(c, kind, value, cached)``
(``kind``: ``n`` number, ``s`` text, ``b`` boolean, ``f`` formula with its cached value). The
writer uses xlsxwriter's public API without formats, validations or protection: what writing
the same cells costs at least. The time spent reading the plan is measured and printed
(``plan_s``) so that the benchmark can leave it out.
"""

from __future__ import annotations

import marshal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read(list_file: Path) -> None:
    import python_calamine

    for line in list_file.read_text(encoding="utf-8").splitlines():
        wb = python_calamine.load_workbook(line)
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _records(plan: Path, clock: list[float]) -> Iterator[Any]:
    with open(plan, "rb") as fh:
        while True:
            t = time.perf_counter()
            try:
                rec = marshal.load(fh)
            except EOFError:
                return
            finally:
                clock[0] += time.perf_counter() - t
            yield rec


def write(plan: Path, outdir: Path) -> float:
    """Write every workbook of the plan into ``outdir``; return the seconds spent reading the plan."""
    import xlsxwriter

    clock = [0.0]
    outdir.mkdir(parents=True, exist_ok=True)
    wb: Any = None
    ws: Any = None
    for rec in _records(plan, clock):
        tag = rec[0]
        if tag == "row":
            _, r, cells = rec
            for c, kind, value, cached in cells:
                if kind == "f":
                    ws.write_formula(r, c, value, None, cached)
                elif kind == "n":
                    ws.write_number(r, c, value)
                elif kind == "s":
                    ws.write_string(r, c, value)
                elif kind == "b":
                    ws.write_boolean(r, c, value)
        elif tag == "sheet":
            ws = wb.add_worksheet(rec[1])
        elif tag == "book":
            if wb is not None:
                wb.close()
            _, name, constant = rec
            wb = xlsxwriter.Workbook(str(outdir / name), {"constant_memory": constant, "in_memory": not constant,
                                                          "strings_to_numbers": False, "strings_to_formulas": False,
                                                          "strings_to_urls": False})
    if wb is not None:
        wb.close()
    return clock[0]


def dump_plan(workbooks: list[Path], plan: Path, *, constant_memory: bool) -> int:
    """Write the plan of ``workbooks`` (read with openpyxl: formulas, then cached values); return the cells."""
    import openpyxl

    n = 0
    with open(plan, "wb") as fh:
        for path in workbooks:
            marshal.dump(("book", path.name, constant_memory), fh)
            formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
            values = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for name in formulas.sheetnames:
                marshal.dump(("sheet", name), fh)
                for r, (frow, vrow) in enumerate(zip(formulas[name].iter_rows(min_row=1, min_col=1, values_only=True),
                                                     values[name].iter_rows(min_row=1, min_col=1, values_only=True))):
                    cells: list[tuple[int, str, Any, Any]] = []
                    for c, (f, v) in enumerate(zip(frow, vrow)):
                        if f is None:
                            continue
                        if isinstance(f, str) and f.startswith("="):
                            cells.append((c, "f", f, v if isinstance(v, (int, float, str, bool)) else 0))
                        elif isinstance(f, bool):
                            cells.append((c, "b", f, None))
                        elif isinstance(f, (int, float)):
                            cells.append((c, "n", f, None))
                        else:
                            cells.append((c, "s", str(f), None))
                    if cells:
                        marshal.dump(("row", r, cells), fh)
                        n += len(cells)
            formulas.close()
            values.close()
    return n


def main(argv: list[str]) -> int:
    if argv[0] == "read":
        read(Path(argv[1]))
        print("plan_s 0")
    elif argv[0] == "write":
        print(f"plan_s {write(Path(argv[1]), Path(argv[2])):.4f}")
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
