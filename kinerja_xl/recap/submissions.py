"""The accepted submissions as the recap reads them: only what the recap uses, in a compact form.

The ledger gives each accepted submission as an :class:`~kinerja_xl.ledger.AcceptedSubmission`:
every code and text a new string, every budget row a dict. For a thousand units and four quarters
those took more memory than the recap model itself. :class:`Compactor` keeps what the recap reads
(the codes the catalog knows, a budget row as three numbers), and :class:`ChosenSubmissions` keeps
the one submission the recap uses per bidang and quarter pickled and deflated (~0.2 KB), read from
the ledger a few at a time (:meth:`~kinerja_xl.ledger.Ledger.iter_accepted`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.deflate import Deflater, Kept
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT
from kinerja_xl.forms.layout import BUDGET_FISIK, BUDGET_K, BUDGET_RP
from kinerja_xl.frozen import quick_to_unpickle
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import Period

Value = float | None


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Figures:
    """A sub kegiatan's figures of one quarter (the form's Anggaran sheet)."""

    k: Value = None  # realisasi kinerja
    fisik: Value = None  # realisasi fisik s.d. the quarter, %
    rp: Value = None  # realisasi keuangan of the quarter


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Faktor:
    """A sub kegiatan's faktor pendorong / penghambat of one quarter."""

    pendorong: str = ""
    penghambat: str = ""


@quick_to_unpickle
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


class Compactor:
    """Turns accepted submissions into :class:`RecapSubmission`: the codes the catalog knows only."""

    def __init__(self, catalog: Catalog):
        self._elemen = _filter(catalog.elemen_by_kode)
        self._indikator = _filter(catalog.indikator_by_kode)
        self._anggaran = _filter(catalog.anggaran_by_kode)

    def __call__(self, sub: AcceptedSubmission | RecapSubmission) -> RecapSubmission:
        if isinstance(sub, RecapSubmission):
            return sub
        el, ind, ang = self._elemen, self._indikator, self._anggaran
        return RecapSubmission(
            id=sub.id, bidang=sub.bidang, file_name=sub.file_name, received_at=sub.received_at,
            revision=sub.revision, year=sub.year, quarter=sub.quarter,
            values={k: v for k, v in sub.values.items() if el(k)},
            keterangan={k: t for k, t in sub.keterangan.items() if t and el(k)},
            kendala={k: t for k, t in sub.kendala.items() if t and ind(k)},
            anggaran={k: Figures(f.get(BUDGET_K), f.get(BUDGET_FISIK), f.get(BUDGET_RP))
                      for k, f in sub.anggaran.items() if ang(k)},
            faktor={k: Faktor(f.get(FAKTOR_PENDORONG) or "", f.get(FAKTOR_PENGHAMBAT) or "")
                    for k, f in sub.faktor.items() if ang(k)},
        )


def _filter(index: Mapping[str, object]) -> Callable[[str], bool]:
    """Whether a code is one of ``index``'s. A deflated table's index (:mod:`kinerja_xl.catalog.deflated`)
    answers by hash alone, without reading its records: a code of no record whose hash is a record's
    (one chance in ~2**32) is then kept, and never read, as the recap reads codes of the catalog only."""
    may_hold = getattr(index, "may_hold", None)
    return may_hold if may_hold is not None else index.__contains__


def received_stamp(received_at: str) -> dt.datetime | None:
    """When a submission was received, as the recap dates itself by it (None: not a date)."""
    try:
        return dt.datetime.fromisoformat(received_at).replace(tzinfo=None)
    except ValueError:
        return None


#: Submissions kept unpickled: the recap reads a bidang's quarters together (its rows are together).
KEPT_SUBMISSIONS = 8


class ChosenSubmissions(Mapping[tuple[str, int], RecapSubmission]):
    """The submission the recap of ``period`` uses per (BIDANG, quarter): of those :meth:`add`-ed for
    the period's quarters, the latest revision (then the latest received, then the highest id).

    Each is kept compact (:class:`Compactor`), pickled and deflated with a dictionary of the first one
    (a thousand units, four quarters: ~0.2 KB a submission instead of ~2 KB), and unpickled when it is
    looked up; :attr:`latest` is when the latest of all those given was received.
    """

    def __init__(self, catalog: Catalog, period: Period,
                 submissions: Iterable[AcceptedSubmission | RecapSubmission] = ()):
        self._compact = Compactor(catalog)
        self._year = period.year
        self._last = period.last_quarter
        self._packed: tuple[dict[str, bytes], ...] = tuple({} for _ in range(period.last_quarter))  # per quarter
        self._bidang: dict[str, str] = {}
        self._deflater: Deflater | None = None
        self._read: Kept[tuple[str, int], RecapSubmission] = Kept(self._unpack, KEPT_SUBMISSIONS)
        self.latest: dt.datetime | None = None
        for sub in submissions:
            self.add(sub)

    def add(self, sub: AcceptedSubmission | RecapSubmission) -> None:
        stamp = received_stamp(sub.received_at)
        if stamp is not None and (self.latest is None or stamp > self.latest):
            self.latest = stamp
        if sub.year != self._year or not 1 <= sub.quarter <= self._last:
            return
        bidang = sub.bidang.upper()
        bidang = self._bidang.setdefault(bidang, bidang)  # one string per bidang, whatever its quarters
        packed = self._packed[sub.quarter - 1]
        if bidang in packed:  # rare: two current submissions of a bidang's quarter
            old = self[bidang, sub.quarter]
            if (sub.revision, sub.received_at, sub.id) <= (old.revision, old.received_at, old.id):
                return
        one = self._compact(sub)
        if self._deflater is None:
            self._deflater = Deflater.first(one)
        packed[bidang] = self._deflater.pack(one)
        self._read.clear()

    def _unpack(self, key: tuple[str, int]) -> RecapSubmission:
        assert self._deflater is not None
        return self._deflater.unpack(self._packed[key[1] - 1][key[0]])

    def __getitem__(self, key: tuple[str, int]) -> RecapSubmission:
        if key not in self:
            raise KeyError(key)
        return self._read(key)

    def __contains__(self, key: object) -> bool:
        if type(key) is not tuple or len(key) != 2:
            return False
        bidang, q = key
        return type(q) is int and 1 <= q <= self._last and bidang in self._packed[q - 1]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for q, packed in enumerate(self._packed, start=1):
            for bidang in packed:
                yield bidang, q

    def __len__(self) -> int:
        return sum(map(len, self._packed))
