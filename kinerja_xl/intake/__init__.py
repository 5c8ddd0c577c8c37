"""Intake: recognise, read and check filled forms; keep the ledger (SOP steps 3–5)."""

from kinerja_xl.intake import codes  # noqa: F401  (registers the intake finding codes)
