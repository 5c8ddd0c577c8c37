"""Findings: problems in a user's input, as data (never exceptions).

Every finding has a stable ``code`` registered once in :data:`CATALOGUE` with its
severity, a message template in Bahasa Indonesia and a fix hint.  The modules that
define codes (``catalog/codes.py``, ``intake/codes.py``) register them with
:func:`define` when they are imported; :mod:`kinerja_xl.finding_codes` imports them
all and renders the README's table.  This module imports nothing of the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """``error`` returns a file (or stops a catalog from loading); ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "kesalahan" if self is Severity.ERROR else "peringatan"


@dataclass(frozen=True)
class FindingType:
    code: str
    severity: Severity
    template: str
    hint: str
    topic: str

    def format(self, params: dict[str, Any]) -> str:
        text = self.template.format(**params)
        hint = self.hint.format(**params) if self.hint else ""
        return f"{text} {hint}".strip()


#: Every finding code the tool can produce, by code.
CATALOGUE: dict[str, FindingType] = {}


def define(code: str, severity: Severity, template: str, hint: str = "", *, topic: str) -> FindingType:
    """Register a finding code (once). ``template`` and ``hint`` are ``str.format`` templates."""
    if code in CATALOGUE:
        raise ValueError(f"finding code {code!r} defined twice")
    ftype = FindingType(code, severity, template, hint, topic)
    CATALOGUE[code] = ftype
    return ftype


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


@dataclass(frozen=True)
class Finding:
    """One problem, located as precisely as the input allows (file, sheet, A1 cell)."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: Any = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """``Bidang Capil.xlsx, lembar Isian, sel F12`` (the parts that are known)."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"lembar {self.sheet}")
        if self.cell:
            parts.append(f"sel {self.cell}")
        return ", ".join(parts)

    def describe(self) -> str:
        """The whole sentence a person reads: where, what, how to fix."""
        loc = self.location
        return f"{loc}: {self.message}" if loc else self.message

    def to_dict(self, *, with_file: bool = False) -> dict[str, Any]:
        """The one JSON shape: code, severity, sheet, cell, value, message.

        The ``--json`` outputs leave the file to the caller (it is the key of the enclosing object);
        ``with_file`` puts it first, for findings kept apart from their file (the ledger).
        """
        shape = {
            "code": self.code,
            "severity": str(self.severity),
            "sheet": self.sheet,
            "cell": self.cell,
            "value": _jsonable(self.value),
            "message": self.message,
        }
        return {"file": self.file, **shape} if with_file else shape

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """The finding :meth:`to_dict` wrote (``file`` when it was written with it)."""
        return cls(code=d["code"], severity=Severity(d["severity"]), message=d["message"],
                   file=d.get("file"), sheet=d.get("sheet"), cell=d.get("cell"), value=d.get("value"))


class HasFindings:
    """What every holder of findings offers (a catalog load, a checked file, a report)."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        """No error (warnings do not count)."""
        return not any(f.is_error for f in self.findings)


def make(
    code: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    value: Any = None,
    **params: Any,
) -> Finding:
    """Build a finding of a registered code; ``params`` fill the template (``value`` too)."""
    ftype = CATALOGUE[code]
    params.setdefault("value", value)
    return Finding(
        code=code,
        severity=ftype.severity,
        message=ftype.format(params),
        file=file,
        sheet=sheet,
        cell=cell,
        value=value,
    )


@dataclass
class Report(HasFindings):
    """A list of findings that always comes back, however bad the input."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_json(self) -> str:
        return json.dumps([f.to_dict(with_file=True) for f in self.findings], ensure_ascii=False, indent=2)
