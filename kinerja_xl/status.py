"""``kinerja-xl status``: where each bidang stands for a period, from the ledger.

States (in the words of the SOP): ``belum mengirim`` (nothing received),
``dikembalikan`` (only returned files so far), ``diterima`` (the first accepted
file stands), ``revisi ke-n`` (the n-th revision stands). A bidang with an
accepted file that later sent a returned one keeps its accepted state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinerja_xl import states
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace

BELUM = states.BELUM_MENGIRIM
DIKEMBALIKAN = states.DIKEMBALIKAN
DITERIMA = states.DITERIMA


@dataclass(frozen=True)
class BidangStatus:
    """One bidang's collection state for a period."""

    bidang: str
    nama: str
    state: str  # belum mengirim | dikembalikan | diterima | revisi ke-n
    received_at: str | None  # when the standing file (or the last returned one) was first seen
    file_name: str | None
    revision: int | None
    submissions: int  # distinct files recorded for the period
    deadline: dt.date
    days_left: int  # to (positive) or past (negative) the deadline, from today
    late: bool  # received after the deadline (or, when nothing accepted yet, the deadline has passed)

    @property
    def accepted(self) -> bool:
        return states.is_accepted(self.state)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bidang": self.bidang, "nama": self.nama, "state": self.state, "received_at": self.received_at,
            "file": self.file_name, "revision": self.revision, "submissions": self.submissions,
            "deadline": self.deadline.isoformat(), "days_left": self.days_left, "late": self.late,
        }


def _state(subs: list[Submission]) -> tuple[str, Submission | None]:
    current = next((s for s in reversed(subs) if s.is_current), None)
    if current is not None:
        return states.revisi(current.revision or 0), current
    if subs:
        return DIKEMBALIKAN, subs[-1]
    return BELUM, None


def statuses(catalog: Catalog, ledger: Ledger, period: Period, today: dt.date) -> list[BidangStatus]:
    """Every bidang that fills a form, in catalog order."""
    deadline = catalog.instansi.deadline(period)
    days_left = (deadline - today).days
    by_bidang: dict[str, list[Submission]] = {}
    for row in ledger.submissions(period.code):
        if row.bidang:
            by_bidang.setdefault(row.bidang, []).append(row)
    out = []
    for b in catalog.bidang_with_form:
        subs = by_bidang.get(b.kode, [])
        state, standing = _state(subs)
        sub = standing
        received = sub.received_at if sub is not None else None
        if sub is not None and sub.is_current:
            late = dt.date.fromisoformat(received[:10]) > deadline if received else False
        else:
            late = days_left < 0
        out.append(BidangStatus(
            bidang=b.kode, nama=b.nama, state=state, received_at=received,
            file_name=sub.file_name if sub is not None else None,
            revision=sub.revision if sub is not None and sub.is_current else None,
            submissions=len(subs), deadline=deadline, days_left=days_left, late=late))
    return out


def bidang_status(workspace: Workspace, period: Period, today: dt.date | None = None, *,
                  catalog: Catalog | None = None) -> list[BidangStatus]:
    """Every bidang's state for the period (``catalog`` defaults to the workspace's)."""
    catalog = catalog if catalog is not None else workspace.load_catalog()
    with Ledger(workspace.ledger_url) as ledger:
        return statuses(catalog, ledger, period, today or dt.date.today())
