"""What checking one file produces: the contract between the file checker and the intake run."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kinerja_xl.findings import Finding


class Verdict(StrEnum):
    ACCEPTED = "accepted"  # diterima
    RETURNED = "returned"  # dikembalikan
    SKIPPED = "skipped"  # dilewati (not a submission: lock file, hidden file, Thumbs.db …)

    @property
    def label(self) -> str:
        return {"accepted": "diterima", "returned": "dikembalikan", "skipped": "dilewati"}[self.value]


@dataclass
class FileResult:
    """The verdict on one file below the inbox; a pure function of the file and the catalog."""

    file: str  # path relative to the inbox, as the user sees it
    verdict: Verdict
    findings: list[Finding] = field(default_factory=list)
    bidang: str | None = None
    sha256: str | None = None
    form_id: str | None = None
    template_version: str | None = None
    period: str | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # element -> value as read
    keterangan: dict[str, str] = field(default_factory=dict)
    kendala: dict[str, str] = field(default_factory=dict)
    tanggal: str | None = None  # Pengesahan date, ISO, if filled
    raw_values: dict[str, Any] = field(default_factory=dict)  # element -> what was typed (for umpan balik)
    skip_reason: str | None = None
    # budget sheet: sub kegiatan kode -> {"k", "fisik", "rp"} as read; and -> {"pendorong", "penghambat"}
    anggaran: dict[str, dict[str, float | None]] = field(default_factory=dict)
    faktor: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape of one file."""
        return {
            "file": self.file,
            "status": str(self.verdict),
            "bidang": self.bidang,
            "findings": [f.to_dict() for f in self.findings],
        }
