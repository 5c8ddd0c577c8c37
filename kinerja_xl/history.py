"""``kinerja-xl riwayat``: what each accepted revision of a bidang changed, cell by cell.

Every file a bidang sends is kept in the ledger with every value read from it. For each
accepted submission of a period (the first and each revision, superseded or current) this
lists the elemen data whose value differs from the previous accepted one (old, new), with the
kendala texts of the indicators computed from that element, and the kendala texts that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.ledger import Ledger, Submission
from kinerja_xl.period import Period
from kinerja_xl.workspace import Workspace


@dataclass(frozen=True)
class CellChange:
    elemen: str
    nama: str
    satuan: str
    lama: Any  # None = blank (or no earlier accepted submission)
    baru: Any
    kendala: dict[str, str]  # indicator code -> kendala text of the new submission, for the indicators using it

    def to_dict(self) -> dict[str, Any]:
        return {"elemen": self.elemen, "nama": self.nama, "lama": self.lama, "baru": self.baru,
                "kendala": [{"indikator": k, "teks": t} for k, t in self.kendala.items()]}


@dataclass(frozen=True)
class KendalaChange:
    indikator: str
    nama: str
    lama: str | None
    baru: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"indikator": self.indikator, "nama": self.nama, "lama": self.lama, "baru": self.baru}


@dataclass
class Revision:
    submission: Submission
    previous: Submission | None  # the accepted submission it is compared with
    changes: list[CellChange] = field(default_factory=list)
    kendala: list[KendalaChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        s = self.submission
        return {"kiriman": s.id, "revisi": s.revision, "diterima": s.received_at, "berkas": s.file_name,
                "dibanding": self.previous.id if self.previous else None,
                "perubahan": [c.to_dict() for c in self.changes], "kendala": [k.to_dict() for k in self.kendala]}


def _shown(value: float | None, raw: Any) -> Any:
    """What the bidang typed when it was not a number (a text kept as written), else the number."""
    if value is None and raw not in (None, ""):
        return raw
    return int(value) if isinstance(value, float) and value.is_integer() else value


def revisions(ws: Workspace, catalog: Catalog, period: Period, bidang: str) -> list[Revision]:
    """Every accepted submission of ``bidang`` for ``period``, oldest first, with what it changed."""
    from kinerja_xl.errors import UsageError

    if bidang not in catalog.bidang_by_kode:
        raise UsageError(f"Bidang {bidang} tidak ada di katalog. Bidang: {', '.join(catalog.bidang_by_kode)}.")
    users: dict[str, list[str]] = {}
    for ind in catalog.indikator_of(bidang):
        for e in ind.rumus.elements:
            users.setdefault(e, []).append(ind.kode)
    order = {e.kode: i for i, e in enumerate(catalog.elemen)}
    out: list[Revision] = []
    with Ledger(ws.ledger_url) as ledger:
        accepted = [s for s in ledger.submissions(period.code, bidang) if s.verdict == "accepted"]
        before: dict[str, Any] = {}
        before_kendala: dict[str, str] = {}
        previous: Submission | None = None
        for sub in accepted:
            values, raw, _ket, kendala = ledger.values_of(sub.id)
            now = {c: _shown(values.get(c), raw.get(c)) for c in {*values, *raw}}
            rev = Revision(sub, previous)
            for code in sorted({*now, *before}, key=lambda c: (order.get(c, len(order)), c)):
                if now.get(code) != before.get(code):
                    el = catalog.elemen_by_kode.get(code)
                    rev.changes.append(CellChange(
                        code, el.nama if el else code, el.satuan if el else "", before.get(code), now.get(code),
                        {i: kendala[i] for i in users.get(code, []) if kendala.get(i)}))
            for code in sorted({*kendala, *before_kendala}):
                if kendala.get(code) != before_kendala.get(code):
                    known = catalog.indikator_by_kode.get(code)
                    rev.kendala.append(KendalaChange(code, known.nama if known else code, before_kendala.get(code),
                                                     kendala.get(code)))
            out.append(rev)
            before, before_kendala, previous = now, kendala, sub
    return out
