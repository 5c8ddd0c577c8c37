"""Build ``samples/katalog.xlsx``, the sample catalog, through the catalog writer.

Run from anywhere: ``python samples/make_katalog.py``. The catalog's content
lives in :func:`kinerja_xl.contoh.catalog.build_sample_catalog`; a test checks
that the committed workbook loads to exactly that catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run without installing the package

from kinerja_xl.catalog.writer import write_catalog
from kinerja_xl.contoh.catalog import build_sample_catalog

OUTPUT = HERE / "katalog.xlsx"


def main(output: Path = OUTPUT) -> Path:
    """Write the sample catalog to ``output`` (default: ``samples/katalog.xlsx``)."""
    return write_catalog(output, build_sample_catalog())


if __name__ == "__main__":
    main()
