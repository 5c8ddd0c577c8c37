"""The form's layout contract, shared by the form writer and intake.

Intake finds everything by these names (sheet names, header texts, metadata
keys), never by row or column numbers, so people may insert, delete or sort
rows and the form is still read correctly.
"""

from __future__ import annotations

from kinerja_xl.period import ROMAN

SHEET_PETUNJUK = "Petunjuk"
SHEET_ISIAN = "Isian"
SHEET_PENGESAHAN = "Pengesahan"
SHEET_DAFTAR = "Daftar"  # hidden: drop-down lists and the predikat scale
SHEET_META = "_meta"  # very hidden: key in column A, value in column B
SHEET_TEMUAN = "Temuan"  # only in returned forms (umpan balik): the findings

# Element table (one row per element the bidang fills)
H_NO = "No"
H_KODE = "Kode"
H_ELEMEN = "Elemen Data"
H_SATUAN = "Satuan"
H_KETERANGAN = "Keterangan / Sumber Data"

# Indicator table (below the element table)
H_INDIKATOR = "Indikator Kinerja"
H_POLARITAS = "Polaritas"
H_TARGET_TAHUNAN = "Target Tahunan"
H_PREDIKAT = "Predikat"
H_KENDALA = "Kendala / Rencana Tindak Lanjut"

# Pengesahan: the date input is the cell right of this label
H_TANGGAL = "Tanggal"


def h_context(q: int) -> str:
    """Read-only column with an earlier quarter's accepted value: ``TW I``."""
    return f"TW {ROMAN[q - 1]}"


def h_realisasi(q: int) -> str:
    """The input column (elements) / formula column (indicators): ``Realisasi TW I``."""
    return f"Realisasi TW {ROMAN[q - 1]}"


def h_target(q: int) -> str:
    return f"Target TW {ROMAN[q - 1]}"


def h_capaian(q: int) -> str:
    return f"Capaian TW {ROMAN[q - 1]} (%)"


# Metadata keys (sheet _meta and custom document properties "kinerja_xl.<key>")
META_FORM_ID = "form_id"
META_TEMPLATE_VERSION = "template_version"
META_FINGERPRINT = "catalog_fingerprint"
META_BIDANG = "bidang"
META_PERIOD = "period"
META_CREATED = "created"
META_TOOL_VERSION = "tool_version"
META_KEYS = (META_FORM_ID, META_TEMPLATE_VERSION, META_FINGERPRINT, META_BIDANG, META_PERIOD,
             META_CREATED, META_TOOL_VERSION)
PROPERTY_PREFIX = "kinerja_xl."


def normalize_header(text: object) -> str:
    """Headers compare case- and space-insensitively."""
    return " ".join(str(text or "").split()).casefold()
