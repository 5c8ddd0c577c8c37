"""The accepted submissions as the recap reads them: only what the recap uses, in a compact form.

The ledger gives each accepted submission as an :class:`~kinerja_xl.ledger.AcceptedSubmission`:
every code and text a new string, every budget row a dict. For a thousand units and four quarters
those took more memory than the recap model itself. :func:`compact` keeps what the recap reads:
the codes of the catalog (the catalog's own string objects: a code the catalog does not know is
never looked up), each text once however many units send it, a budget row as three numbers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT
from kinerja_xl.forms.layout import BUDGET_FISIK, BUDGET_K, BUDGET_RP
from kinerja_xl.ledger import AcceptedSubmission

Value = float | None


@dataclass(frozen=True, slots=True)
class Figures:
    """A sub kegiatan's figures of one quarter (the form's Anggaran sheet)."""

    k: Value = None  # realisasi kinerja
    fisik: Value = None  # realisasi fisik s.d. the quarter, %
    rp: Value = None  # realisasi keuangan of the quarter


@dataclass(frozen=True, slots=True)
class Faktor:
    """A sub kegiatan's faktor pendorong / penghambat of one quarter."""

    pendorong: str = ""
    penghambat: str = ""


@dataclass(frozen=True, slots=True)
class RecapSubmission:
    """What the recap reads of one accepted submission (see the module's description)."""

    id: int
    bidang: str
    file_name: str
    received_at: str
    revision: int
    year: int
    quarter: int
    values: dict[str, Value]  # element code -> value
    keterangan: dict[str, str]  # element code -> keterangan / sumber data
    kendala: dict[str, str]  # indicator code -> kendala / rencana tindak lanjut
    anggaran: dict[str, Figures]  # sub kegiatan kode -> figures
    faktor: dict[str, Faktor]  # sub kegiatan kode -> faktor


def _text(text: str) -> str:
    return sys.intern(text) if text else ""


class Compactor:
    """Turns accepted submissions into :class:`RecapSubmission` sharing the catalog's codes."""

    def __init__(self, catalog: Catalog):
        self._elemen = {el.kode: el.kode for el in catalog.elemen}
        self._indikator = {ind.kode: ind.kode for ind in catalog.indikator}
        self._anggaran = {a.kode: a.kode for a in catalog.anggaran}

    def __call__(self, sub: AcceptedSubmission | RecapSubmission) -> RecapSubmission:
        if isinstance(sub, RecapSubmission):
            return sub
        el, ind, ang = self._elemen, self._indikator, self._anggaran
        return RecapSubmission(
            id=sub.id, bidang=_text(sub.bidang), file_name=sub.file_name, received_at=_text(sub.received_at),
            revision=sub.revision, year=sub.year, quarter=sub.quarter,
            values={el[k]: v for k, v in sub.values.items() if k in el},
            keterangan={el[k]: _text(t) for k, t in sub.keterangan.items() if k in el and t},
            kendala={ind[k]: _text(t) for k, t in sub.kendala.items() if k in ind and t},
            anggaran={ang[k]: Figures(f.get(BUDGET_K), f.get(BUDGET_FISIK), f.get(BUDGET_RP))
                      for k, f in sub.anggaran.items() if k in ang},
            faktor={ang[k]: Faktor(_text(f.get(FAKTOR_PENDORONG, "")), _text(f.get(FAKTOR_PENGHAMBAT, "")))
                    for k, f in sub.faktor.items() if k in ang},
        )


def compact(catalog: Catalog, submissions: Iterable[AcceptedSubmission | RecapSubmission]) -> list[RecapSubmission]:
    """The submissions as the recap reads them (those already compact are kept as they are)."""
    one = Compactor(catalog)
    return [one(sub) for sub in submissions]
