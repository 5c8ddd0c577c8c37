"""Intake: recognise, read and check filled forms; keep the ledger (SOP steps 3–5)."""

# imported for their side effect: they register the intake finding codes
from kinerja_xl.intake import (  # noqa: F401
    codes,
    record,  # berkas-ganda
)
