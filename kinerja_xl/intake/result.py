"""The intake's data: what checking one file produces (``FileResult``), what a run did with it
(``FileOutcome``) and a whole run (``CheckReport``).

The contract between the file checker, the run, the recorder and the writers of umpan balik and
laporan; it imports nothing of the intake, so every part of it can name these types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kinerja_xl import states
from kinerja_xl.findings import Finding, HasFindings
from kinerja_xl.period import Period


class Verdict(StrEnum):
    ACCEPTED = "accepted"  # diterima
    RETURNED = "returned"  # dikembalikan
    SKIPPED = "skipped"  # dilewati (not a submission: lock file, hidden file, Thumbs.db …)

    @property
    def label(self) -> str:
        return {"accepted": states.DITERIMA, "returned": states.DIKEMBALIKAN, "skipped": states.DILEWATI}[self.value]


@dataclass(frozen=True)
class BudgetToDate:
    """One sub kegiatan's accepted figures before the quarter being checked (the Anggaran checks)."""

    rp: float  # realisasi keuangan of the year's earlier accepted quarters, summed (Rp)
    fisik: float | None  # the latest accepted realisasi fisik s.d. an earlier quarter (%), if any


@dataclass(frozen=True)
class Previous:
    """What the checks of one quarter compare a file with (``intake.anggaran.previous_from``)."""

    elements: Mapping[str, float | None] = field(default_factory=dict)  # the quarter before: element -> value
    budget: Mapping[str, BudgetToDate] = field(default_factory=dict)  # sub kegiatan kode -> figures to date


@dataclass
class FileResult(HasFindings):
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

    def forget_figures(self) -> None:
        """Drop what was read from the file's cells (values, raw values, keterangan, kendala, budget
        figures), keeping the verdict and the findings."""
        self.values, self.raw_values, self.keterangan, self.kendala = {}, {}, {}, {}
        self.anggaran, self.faktor = {}, {}

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape of one file."""
        return {
            "file": self.file,
            "status": str(self.verdict),
            "bidang": self.bidang,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class FileOutcome:
    """What the run did with one file (beyond its verdict)."""

    earlier: str | None = None  # received_at of an earlier run that recorded these bytes
    copy_of: str | None = None  # an identical file earlier in this run
    submission_id: int | None = None
    revision: int | None = None
    archive_path: Path | None = None
    feedback_path: Path | None = None
    no_feedback: str | None = None  # why a returned file gets no umpan balik
    settled_by: str | None = None  # returned, but its bidang has since sent a file that was accepted

    def note(self, result: FileResult) -> str:
        """One sentence for the report's Keterangan column."""
        parts: list[str] = []
        if result.skip_reason:
            parts.append(result.skip_reason)
        if self.earlier:
            parts.append(f"sudah diperiksa pada {self.earlier.replace('T', ' ')}")
        if self.copy_of:
            parts.append(f"salinan identik dari {self.copy_of}")
        if self.revision:
            parts.append(f"revisi ke-{self.revision}, menggantikan kiriman sebelumnya")
        if result.verdict is Verdict.ACCEPTED and self.archive_path is not None and not self.earlier:
            parts.append(f"disalin ke arsip: {self.archive_path.parent.name}/{self.archive_path.name}")
        if self.settled_by:
            parts.append(f"sudah diganti oleh kiriman yang diterima ({self.settled_by})")
        elif self.feedback_path is not None:
            parts.append(f"umpan balik: {self.feedback_path.name}")
        if self.no_feedback:
            parts.append(f"tanpa umpan balik: {self.no_feedback}")
        return "; ".join(parts)


@dataclass
class CheckReport:
    """The outcome of one run of ``check``."""

    period: Period
    files: list[FileResult]
    missing: list[str]  # bidang codes (with a form) with no accepted submission for the period
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)  # by FileResult.file
    laporan_path: Path | None = None  # the latest check report (laporan/PERIODE-pemeriksaan.xlsx)
    inbox: Path | None = None
    laporan_run_path: Path | None = None  # this run's own report, kept (…-pemeriksaan-YYYYMMDD-HHMMSS.xlsx)

    @property
    def feedback_paths(self) -> list[Path]:
        """The umpan balik to send back: those of returned files not settled by a later accepted one."""
        return [o.feedback_path for r in self.to_fix if (o := self.outcome(r)).feedback_path is not None]

    @property
    def to_fix(self) -> list[FileResult]:
        """Returned files that are new or still open (see :meth:`is_open`)."""
        return [r for r in self.files if self.is_open(r)]

    def is_open(self, result: FileResult) -> bool:
        """A returned file judged in this run, or judged earlier and still waiting for its bidang's
        correction. Not: one whose bidang has since sent a file that was accepted (*sudah diganti*),
        nor an earlier verdict on a file no bidang can be told from (an old ``.xls``: *sudah diperiksa*;
        it was reported when it came in)."""
        if result.verdict is not Verdict.RETURNED:
            return False
        outcome = self.outcome(result)
        if outcome.settled_by:
            return False
        return outcome.earlier is None or result.bidang is not None

    def history_label(self, result: FileResult) -> str | None:
        """``sudah diganti`` / ``sudah diperiksa`` for a file judged in an earlier run, else ``None``."""
        outcome = self.outcome(result)
        if outcome.settled_by:
            return "sudah diganti"
        if outcome.earlier:
            return "sudah diperiksa"
        return None

    @property
    def submissions(self) -> list[FileResult]:
        return [r for r in self.files if r.verdict is not Verdict.SKIPPED]

    @property
    def exit_code(self) -> int:
        """0 when no returned file is new or still open (:meth:`is_open`), else 1.

        Skipped files do not count, nor does a file returned in an earlier run whose bidang has
        since sent a file that was accepted (``settled_by``): the correction has arrived.
        """
        return 1 if self.to_fix else 0

    def outcome(self, result: FileResult) -> FileOutcome:
        return self.outcomes.get(result.file) or FileOutcome()

    def to_dict(self) -> dict[str, Any]:
        """Exactly the ``--json`` contract."""
        return {
            "period": self.period.code,
            "files": [{**r.to_dict(), "checked_before": (o := self.outcome(r)).earlier,
                       "superseded_by": o.settled_by} for r in self.files],
            "missing": list(self.missing),
        }
