"""Which cells of an ``.xlsx`` package show a percent, read from its XML (no openpyxl).

Typing ``42%`` in Excel or LibreOffice Calc stores 0.42 and gives the cell a
percent number format; the value readers (calamine, openpyxl's values) see only
0.42. The number format lives in ``xl/styles.xml`` (``numFmts`` and the
``cellXfs`` style list) and each cell names its style with ``s="N"``; these
functions read exactly that, from bytes, so the fast readers keep their speed.
"""

from __future__ import annotations

import re
from html import unescape
from xml.etree import ElementTree as ET

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

#: Excel's built-in percent formats (``0%`` and ``0.00%``).
BUILTIN_PERCENT = frozenset({9, 10})

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(code: str) -> bool:
    """Whether a number format code shows a percent (``0%``, ``0.0%``; not ``0"%"`` nor ``0\\%``)."""
    return "%" in _QUOTED.sub("", code)


def percent_styles(styles_xml: bytes) -> frozenset[int]:
    """Style indexes (``cellXfs``) whose number format shows a percent; empty for unreadable XML."""
    try:
        root = ET.fromstring(styles_xml)
    except ET.ParseError:
        return frozenset()
    fmts = set(BUILTIN_PERCENT)
    for fmt in root.iter(f"{_NS_MAIN}numFmt"):
        if is_percent_format(fmt.get("formatCode", "")):
            try:
                fmts.add(int(fmt.get("numFmtId", "-1")))
            except ValueError:
                continue
    xfs = root.find(f"{_NS_MAIN}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(i for i, xf in enumerate(xfs) if xf.get("numFmtId", "0").strip() in {str(f) for f in fmts})


_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)/?>")
_R = re.compile(rb'\br="([A-Za-z]{1,3})(\d{1,7})"')
_S = re.compile(rb'\bs="(\d+)"')


def styled_cells(sheet_xml: bytes, styles: frozenset[int]) -> frozenset[tuple[int, int]]:
    """0-based ``(row, col)`` of the cells whose style is one of ``styles`` (cells with an ``r`` only)."""
    if not styles:
        return frozenset()
    wanted = {str(s).encode() for s in styles}
    out = set()
    for m in _CELL.finditer(sheet_xml):
        head = m.group(1)
        s = _S.search(head)
        if s is None or s.group(1) not in wanted:
            continue
        r = _R.search(head)
        if r is None:
            continue
        col = 0
        for ch in r.group(1).upper():
            col = col * 26 + ch - 64
        out.add((int(r.group(2)) - 1, col - 1))
    return frozenset(out)


_SHEET_EL = re.compile(rb"<(?:\w+:)?sheet\s([^>]*)>")
_REL_EL = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _attrs(text: bytes) -> dict[str, str]:
    return {k.decode().rsplit(":", 1)[-1]: unescape(v.decode("utf-8", "replace")) for k, v in _ATTR.findall(text)}


def sheet_parts(rels_xml: bytes, workbook_xml: bytes) -> dict[str, str]:
    """Sheet name -> zip member (``xl/worksheets/sheet1.xml``), from ``xl/workbook.xml`` and its rels."""
    rels: dict[str, str] = {}
    for m in _REL_EL.finditer(rels_xml):
        a = _attrs(m.group(1))
        target = a.get("Target", "")
        rels[a.get("Id", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out: dict[str, str] = {}
    for m in _SHEET_EL.finditer(workbook_xml):
        a = _attrs(m.group(1))
        rid = a.get("id", "")
        if rid in rels:
            out[a.get("name", "")] = rels[rid]
    return out


def percent_value(value: float) -> float:
    """What the person typed when a percent-formatted cell holds ``value`` (0.42 → 42)."""
    return round(value * 100, 9)
