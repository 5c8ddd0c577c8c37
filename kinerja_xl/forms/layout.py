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


# --- Budget sheet (only for a bidang with sub kegiatan in the catalog's Anggaran sheet) -----
SHEET_ANGGARAN = "Anggaran"
H_KODE_REKENING = "Kode Rekening"
H_SUB_KEGIATAN = "Sub Kegiatan"
H_INDIKATOR_KELUARAN = "Indikator Keluaran"
H_TARGET_K = "Target Kinerja Tahunan (K)"
H_PAGU = "Pagu Anggaran (Rp)"
H_PENDORONG = "Faktor Pendorong"
H_PENGHAMBAT = "Faktor Penghambat"

# keys of one sub kegiatan's report (FormFill.anggaran, FileResult.anggaran, AcceptedSubmission.anggaran)
BUDGET_K = "k"  # realisasi kinerja (K) of the quarter (or the level reached, for nilai akhir)
BUDGET_FISIK = "fisik"  # realisasi fisik s.d. the quarter, % (cumulative progress 0–100)
BUDGET_RP = "rp"  # realisasi keuangan of the quarter, Rp
BUDGET_KEYS = (BUDGET_K, BUDGET_FISIK, BUDGET_RP)


def h_realisasi_k(q: int) -> str:
    """Input: the quarter's output in the indicator's unit."""
    return f"Realisasi Kinerja TW {ROMAN[q - 1]} (K)"


def h_fisik(q: int) -> str:
    """Input: cumulative physical progress up to the quarter, in percent."""
    return f"Realisasi Fisik s.d. TW {ROMAN[q - 1]} (%)"


def h_keuangan(q: int) -> str:
    """Input: the quarter's spending in rupiah (read-only context for earlier quarters)."""
    return f"Realisasi Keuangan TW {ROMAN[q - 1]} (Rp)"


def h_kinerja_context(q: int) -> str:
    """Read-only context column: an earlier quarter's accepted K."""
    return f"Kinerja TW {ROMAN[q - 1]} (K)"


def h_keuangan_sd(q: int) -> str:
    """Formula: spending up to and including the quarter."""
    return f"Realisasi Keuangan s.d. TW {ROMAN[q - 1]} (Rp)"


H_SERAPAN = "Serapan Anggaran (%)"  # formula: keuangan s.d. / pagu × 100
