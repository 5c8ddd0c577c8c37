"""Regenerate the committed sample files from code (run from the repository root).

    python samples/make_samples.py

Writes:
- ``blank_forms/2025-TW1/``: the forms of the sample catalog for TW I, as sent to the bidang;
- ``samples/masuk/2025-TW1/`` … ``2025-TW4/``: the filled forms the bidang send back
  (TW I with two faulty files, an Excel lock file and a Thumbs.db);
- ``samples/revisi/2025-TW1/``: the corrected files sent after the faulty ones were returned.

``kinerja-xl demo`` writes the same files from the same code; a test regenerates them and
compares them with the committed ones, so they stay in step with the form template.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.contoh.demo import YEAR, form_created, sample_inbox
from kinerja_xl.forms.writer import generate_forms
from kinerja_xl.period import Period

ROOT = Path(__file__).resolve().parent.parent


def build(root: Path) -> list[Path]:
    """Write every sample file below ``root`` (the repository root, or a temporary folder)."""
    catalog = build_sample_catalog()
    tw1 = Period(YEAR, "TW", 1)
    paths = generate_forms(catalog, tw1, root / "blank_forms" / tw1.code, created=form_created(1))
    for q in range(1, 5):
        period = Period(YEAR, "TW", q)
        paths += sample_inbox(catalog, period, root / "samples" / "masuk" / period.code)
    paths += sample_inbox(catalog, tw1, root / "samples" / "revisi" / tw1.code, corrected=True)
    return paths


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
    print(f"{len(written)} files written")
