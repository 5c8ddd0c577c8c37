"""Exceptions: for "cannot go on". Problems in the user's input are findings, not exceptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kinerja_xl.findings import Finding


class KinerjaError(Exception):
    """Base of every error kinerja-xl raises on purpose; the message is Bahasa Indonesia."""


class UsageError(KinerjaError):
    """A wrong argument (period, path, option value)."""


class WorkspaceError(KinerjaError):
    """A folder that is not a usable workspace."""


class CatalogError(KinerjaError):
    """The catalog cannot be loaded; carries the findings that say why."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings


class RumusError(KinerjaError):
    """A rumus (indicator formula) that does not parse."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.position = position


class OutputError(KinerjaError):
    """An output file could not be written."""
