"""Intake: recognise, read and check filled forms; keep the ledger (SOP steps 3–5)."""
