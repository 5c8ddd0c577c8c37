"""The ledger: an embedded SQLite register of every submission (``daftar-kiriman.sqlite``).

Intake writes it (one transaction per file); the recap and ``status`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEDGER_FILE = "daftar-kiriman.sqlite"


@dataclass(frozen=True)
class AcceptedSubmission:
    """The current accepted submission of one bidang for one quarter."""

    id: int
    bidang: str
    period: str  # "2025-TW1"
    file_name: str  # original file name as received
    sha256: str
    received_at: str  # ISO 8601, seconds
    revision: int  # 0 = first accepted, 1.. = revisions
    values: dict[str, float | None] = field(default_factory=dict)  # element code -> value
    keterangan: dict[str, str] = field(default_factory=dict)  # element code -> keterangan
    kendala: dict[str, str] = field(default_factory=dict)  # indicator code -> kendala / RTL
