"""Intake: recognise, read and check filled forms; record them in the ledger (SOP steps 3–5).

Importing the package loads nothing else: each module imports what it uses, and the finding codes
are registered by :mod:`kinerja_xl.intake.codes` (all of them are assembled in
:mod:`kinerja_xl.finding_codes`).
"""
