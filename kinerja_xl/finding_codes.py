"""The whole catalogue of finding codes, assembled in one explicit place.

:mod:`kinerja_xl.findings` keeps the registry and imports nothing of the package; each
module that defines codes registers them when it is imported. This module imports every
one of those modules, so :func:`catalogue` is complete whatever was imported before.
A new module that defines codes is imported here and added to :data:`DEFINING_MODULES`.
"""

from __future__ import annotations

# Every module that registers finding codes (``findings.define``), imported for that alone.
from kinerja_xl.catalog import codes as catalog_codes
from kinerja_xl.findings import CATALOGUE, FindingType
from kinerja_xl.intake import codes as intake_codes

#: The modules whose codes make up the catalogue.
DEFINING_MODULES = (catalog_codes, intake_codes)


def catalogue() -> dict[str, FindingType]:
    """Every finding code the tool can produce, by code."""
    return dict(CATALOGUE)


def catalogue_markdown() -> str:
    """The README's table of finding codes, by topic then code."""
    codes = catalogue()
    lines = ["| kode | tingkat | topik | arti dan cara memperbaiki |", "| --- | --- | --- | --- |"]
    for code in sorted(codes, key=lambda c: (codes[c].topic, c)):
        ft = codes[code]
        text = f"{ft.template} {ft.hint}".strip().replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{code}` | {ft.severity.label} | {ft.topic} | {text} |")
    return "\n".join(lines)
