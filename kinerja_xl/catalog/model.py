"""The catalog's data model: plain frozen dataclasses, loaded from ``katalog.xlsx``.

The catalog is the single source of truth for every form, check and recap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

from kinerja_xl.frozen import quick_to_unpickle
from kinerja_xl.period import Period
from kinerja_xl.rumus import Expr


class Polaritas(StrEnum):
    POSITIF = "positif"  # semakin tinggi semakin baik
    NEGATIF = "negatif"  # semakin rendah semakin baik
    RENTANG = "rentang"  # stabil: 100 inside the target range


class Agregasi(StrEnum):
    KUMULATIF = "kumulatif"  # flow: sum of quarters
    NILAI_AKHIR = "nilai akhir"  # stock: latest reported quarter
    RATA_RATA = "rata-rata"  # mean of reported quarters
    # indicators only: the rumus over the elements, each aggregated by its own agregasi
    # (a ratio over flows: the ratio of the sums, not the mean of the quarterly ratios)
    DARI_ELEMEN = "dari elemen"


class TipeElemen(StrEnum):
    BULAT = "bilangan bulat"
    DESIMAL = "desimal"
    PERSEN = "persen"  # a number 0–100 (98.5 means 98.5 %)


class RumusNegatif(StrEnum):
    LINEAR = "linear"  # (2T − R) / T × 100 — PermenPANRB 8/2021 (default)
    RASIO = "rasio"  # T / R × 100 — "tren negatif"; R = 0 gives 100


class BatasCapaian(StrEnum):
    NONE = "tanpa batas"
    C100 = "100"
    C120 = "120"
    C200 = "200"

    @property
    def limit(self) -> float | None:
        return None if self is BatasCapaian.NONE else float(self.value)


class BatasBawah(StrEnum):
    """The floor of the capaian that is judged and averaged (the raw value stays visible)."""

    NOL = "0"
    NONE = "tanpa batas"

    @property
    def limit(self) -> float | None:
        return None if self is BatasBawah.NONE else float(self.value)


class PredikatProgres(StrEnum):
    """Whether progress against the annual target carries a predikat."""

    TANPA = "tanpa predikat"
    AMBANG_TRIWULAN = "ambang triwulan"  # the top band from 23 / 45 / 79 / 98 % by TW I / II / III / IV


#: The top band's lower bound of progress against the annual target by TW I..IV (SAKIP.md); the
#: other bands are the scale's bounds scaled by the same ratio.
AMBANG_PROGRES_TRIWULAN = (23.0, 45.0, 79.0, 98.0)


#: Relative tolerance of a spreadsheet's comparisons (LibreOffice rtl::math::approxEqual).
BAND_TOLERANCE = 2.0**-48


@dataclass(frozen=True)
class Skala:
    """A predicate scale: bands by lower bound (≥), ascending. The first bound is 0."""

    nama: str
    bands: tuple[tuple[float, str], ...]

    def predikat(self, capaian: float | None) -> str | None:
        """The band of a capaian (negative capaian falls in the lowest band)."""
        if capaian is None:
            return None
        value = max(capaian, 0.0)
        label = self.bands[0][1]
        for bound, name in self.bands:
            # 16.83 / 33 * 100 is 50.99999999999999 in floating point: a spreadsheet's
            # LOOKUP treats it as 51 (LibreOffice's approxEqual, relative 2**-48), so do we.
            if value >= bound or abs(value - bound) < abs(bound) * BAND_TOLERANCE:
                label = name
        return label


#: Built-in predicate scales (SAKIP.md), by the name the catalog uses; the first is the default.
SKALA: dict[str, Skala] = {
    s.nama: s
    for s in (
        Skala(
            "Permendagri 86/2017",
            ((0, "Sangat Rendah"), (51, "Rendah"), (66, "Sedang"), (76, "Tinggi"), (91, "Sangat Tinggi")),
        ),
        Skala(
            "LKjIP",
            ((0, "Sangat Kurang"), (51, "Kurang"), (66, "Cukup"), (76, "Baik"), (91, "Sangat Baik")),
        ),
        Skala(
            "Aplikasi 4 tingkat",
            ((0, "Kurang Berhasil"), (55, "Cukup Berhasil"), (75, "Berhasil"), (100, "Sangat Berhasil")),
        ),
        Skala("Lampu lalu lintas", ((0, "Merah"), (70, "Kuning"), (90, "Hijau"))),
    )
}
DEFAULT_SKALA = "Permendagri 86/2017"


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Target:
    """A target value, or a range ``low–high`` (``low == high`` for a single value)."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value(self) -> float:
        """The single value (the lower bound of a range)."""
        return self.low

    def __str__(self) -> str:
        def fmt(x: float) -> str:
            return f"{x:g}" if abs(x) < 1e15 else repr(x)

        return f"{fmt(self.low)}–{fmt(self.high)}" if self.is_range else fmt(self.low)

    @classmethod
    def single(cls, value: float) -> Target:
        return cls(float(value), float(value))


@dataclass(frozen=True)
class Instansi:
    pemerintah_daerah: str
    nama_opd: str
    alamat: str = ""
    tahun: int = 2025
    kepala_nama: str = ""
    kepala_nip: str = ""
    kepala_jabatan: str = ""
    skala: str = DEFAULT_SKALA
    rumus_negatif: RumusNegatif = RumusNegatif.LINEAR
    batas_capaian: BatasCapaian = BatasCapaian.NONE
    batas_bawah_capaian: BatasBawah = BatasBawah.NOL
    predikat_progres: PredikatProgres = PredikatProgres.TANPA
    batas_pengisian_hari: int = 10  # days after the end of the quarter
    sandi: str = ""  # sheet-protection password; empty = protection without password
    # Names for the recap's signature block (optional).
    sekretaris_nama: str = ""
    sekretaris_nip: str = ""
    penyusun_nama: str = ""  # Kasubag Perencanaan / operator
    penyusun_nip: str = ""
    penyusun_jabatan: str = "Kepala Sub Bagian Perencanaan"
    batas_kendala: float = 100.0  # a capaian below this needs a kendala / rencana tindak lanjut
    tanggal_pk: dt.date | None = None  # Perjanjian Kinerja date; None: 2 January of the year
    kertas: str = "F4"  # paper of every printed page: F4 (folio), A4 or A3

    @property
    def tanggal_perjanjian(self) -> dt.date:
        """The date the Perjanjian Kinerja is signed (PermenPANRB 53/2014: at the start of the year)."""
        return self.tanggal_pk or dt.date(self.tahun, 1, 2)

    @property
    def skala_predikat(self) -> Skala:
        return SKALA[self.skala]

    def deadline(self, period: Period) -> dt.date:
        """The last day to return a form: the end of the period + ``batas_pengisian_hari``."""
        return period.end_date + dt.timedelta(days=self.batas_pengisian_hari)


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Bidang:
    kode: str
    nama: str
    kepala_nama: str = ""
    kepala_nip: str = ""
    telepon: str = ""  # WhatsApp / phone number for reminders (optional)
    surel: str = ""  # e-mail address for reminders (optional)

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}"


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Sasaran:
    kode: str
    uraian: str


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Elemen:
    kode: str
    nama: str
    satuan: str
    bidang: str
    tipe: TipeElemen = TipeElemen.BULAT
    min: float | None = None
    max: float | None = None
    wajib: bool = True
    agregasi: Agregasi = Agregasi.NILAI_AKHIR
    turun: bool | None = None  # a fall from last quarter is a warning; None: the default rule (Catalog.warns_on_fall)


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Indikator:
    kode: str
    sasaran: str
    nama: str
    satuan: str
    polaritas: Polaritas
    agregasi: Agregasi
    rumus: Expr
    target_tahunan: Target | None
    target_tw: tuple[Target | None, Target | None, Target | None, Target | None]
    iku: bool
    bidang: str
    definisi: str = ""
    sumber_data: str = ""
    #: the planned action of each quarter (optional catalog columns Rencana Aksi TW I–IV)
    rencana_aksi: tuple[str, str, str, str] = ("", "", "", "")
    standar_nasional: str = ""  # optional: a national standard / target to compare with (LKjIP Bab III)


class Tingkat(StrEnum):
    """Level in the budget tree, read from the shape of the kode rekening."""

    PROGRAM = "program"  # 2.12.02
    KEGIATAN = "kegiatan"  # 2.12.02.2.01
    SUB_KEGIATAN = "sub kegiatan"  # 2.12.02.2.01.0001


#: kode rekening shapes (Permendagri 90/2019 nomenclature): program, kegiatan, sub kegiatan
KODE_REKENING = {
    Tingkat.PROGRAM: re.compile(r"^\d{1,2}\.(?:\d{2}|X{2})\.\d{2}$"),
    Tingkat.KEGIATAN: re.compile(r"^\d{1,2}\.(?:\d{2}|X{2})\.\d{2}\.\d\.\d{2}$"),
    Tingkat.SUB_KEGIATAN: re.compile(r"^\d{1,2}\.(?:\d{2}|X{2})\.\d{2}\.\d\.\d{2}\.\d{4}$"),
}


_TINGKAT: dict[str, Tingkat | None] = {}


def tingkat_of(kode: str) -> Tingkat | None:
    """The level of a kode rekening, or ``None`` when it has none of the three shapes (remembered)."""
    try:
        return _TINGKAT[kode]
    except KeyError:
        pass
    found = next((tingkat for tingkat, pattern in KODE_REKENING.items() if pattern.match(kode)), None)
    if len(_TINGKAT) >= 100_000:  # bounded: one entry per budget row of the catalogs seen
        _TINGKAT.clear()
    _TINGKAT[kode] = found
    return found


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Anggaran:
    """A node of the Renja budget tree (program → kegiatan → sub kegiatan) with its indicator.

    K = kinerja (the indicator's unit), Rp = rupiah. Columns 5–7 of form E.81.
    """

    kode: str  # kode rekening, e.g. 2.12.02.2.01.0001
    nama: str
    indikator: str  # outcome (program), output (kegiatan, sub kegiatan)
    satuan: str
    bidang: str  # bidang penanggung jawab (required on a sub kegiatan)
    sasaran: str = ""  # sasaran code (programs): E.81 column 2
    agregasi: Agregasi = Agregasi.KUMULATIF  # how K adds up over quarters and years
    pagu: float | None = None  # Rp for the year
    target_k: float | None = None  # K target for the year (column 7)
    renstra_target_k: float | None = None  # column 5: end-of-Renstra target, K
    renstra_target_rp: float | None = None  # column 5, Rp
    renstra_realisasi_k: float | None = None  # column 6: Renstra realisation up to last year, K
    renstra_realisasi_rp: float | None = None  # column 6, Rp
    #: codes of Indikator-sheet indicators this row is measured by (program outcome, kegiatan output);
    #: empty: the row's own indicator above
    indikator_kode: tuple[str, ...] = ()
    keterangan: str = ""  # E.81 column 16
    tindak_lanjut: str = ""  # E.81 footer: tindak lanjut dalam Renja berikutnya

    @property
    def tingkat(self) -> Tingkat | None:
        return tingkat_of(self.kode)

    @property
    def induk(self) -> str | None:
        """The parent's kode (kegiatan of a sub kegiatan, program of a kegiatan)."""
        t = self.tingkat
        if t is Tingkat.SUB_KEGIATAN:
            return self.kode.rsplit(".", 1)[0]
        if t is Tingkat.KEGIATAN:
            return ".".join(self.kode.split(".")[:3])
        return None


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Renstra:
    """An indicator's five-year Renstra plan: baseline, yearly targets, realisations so far."""

    indikator: str  # indicator code
    tahun_awal: int  # first year of the plan
    baseline: float | None
    target: tuple[float | None, float | None, float | None, float | None, float | None]
    realisasi: tuple[float | None, float | None, float | None, float | None, float | None]  # blank = future
    #: the Renstra's stated end-of-period target (kondisi akhir); None: not given in the catalog
    target_akhir_k: float | None = None

    @property
    def tahun(self) -> tuple[int, ...]:
        return tuple(range(self.tahun_awal, self.tahun_awal + 5))

    @property
    def target_akhir(self) -> float | None:
        """The end-of-period target: the stated one, else the last year's target."""
        if self.target_akhir_k is not None:
            return self.target_akhir_k
        return next((t for t in reversed(self.target) if t is not None), None)


@dataclass(frozen=True)
class Catalog:
    instansi: Instansi
    bidang: tuple[Bidang, ...] = ()
    sasaran: tuple[Sasaran, ...] = ()
    indikator: tuple[Indikator, ...] = ()
    elemen: tuple[Elemen, ...] = ()
    anggaran: tuple[Anggaran, ...] = ()  # optional Anggaran sheet: the Renja budget tree
    renstra: tuple[Renstra, ...] = ()  # optional Renstra sheet
    #: where each record came from, for the loader's messages: (sheet, code) -> A1 row cell of its code;
    #: empty in a catalog from the workspace's cache (``Workspace.load_catalog``): read it from
    #: ``catalog.loader.load_catalog`` when a message needs it
    sources: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, hash=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled: the fields and the indexes computed so far (see :meth:`indexed`), but not
        :attr:`sources` (the cells of the catalog's records serve the loader's own findings, and
        are a fifth of the catalog's memory). The workspace's cache keeps the same, packed in
        columns (:mod:`kinerja_xl.catalog.packed`)."""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["sources"] = {}
        state.update((name, value) for name, value in vars(self).items() if name in INDEXES)
        return state

    def indexed(self) -> Catalog:
        """This catalog with every index and every bidang's fingerprint computed now: the cache keeps
        them, so that no command (and no checker process) computes them again."""
        for name in INDEXES:
            getattr(self, name)
        for b in self.bidang:
            self.fingerprint(b.kode)
        return self

    @cached_property
    def _falls_to_warn(self) -> frozenset[str]:
        negative_only: dict[str, bool] = {}
        for ind in self.indikator:
            for kode in ind.rumus.elements:
                negative_only[kode] = negative_only.get(kode, True) and ind.polaritas is Polaritas.NEGATIF
        return frozenset(
            e.kode for e in self.elemen
            if (e.turun if e.turun is not None
                else e.agregasi is Agregasi.NILAI_AKHIR and not negative_only.get(e.kode, False)))

    def warns_on_fall(self, kode: str) -> bool:
        """Whether a value below last quarter's is a warning for element ``kode``: the element's
        *Peringatan Turun*, by default yes for a stock (nilai akhir) unless only negative-polarity
        indicators use it (there a fall is the good direction)."""
        return kode in self._falls_to_warn

    @cached_property
    def bidang_by_kode(self) -> dict[str, Bidang]:
        return {b.kode: b for b in self.bidang}

    @cached_property
    def sasaran_by_kode(self) -> dict[str, Sasaran]:
        return {s.kode: s for s in self.sasaran}

    @cached_property
    def elemen_by_kode(self) -> dict[str, Elemen]:
        return {e.kode: e for e in self.elemen}

    @cached_property
    def indikator_by_kode(self) -> dict[str, Indikator]:
        return {i.kode: i for i in self.indikator}

    @cached_property
    def _elemen_by_bidang(self) -> dict[str, tuple[Elemen, ...]]:
        groups: dict[str, list[Elemen]] = {}
        for e in self.elemen:
            groups.setdefault(e.bidang, []).append(e)
        return {b: tuple(es) for b, es in groups.items()}

    @cached_property
    def _indikator_by_bidang(self) -> dict[str, tuple[Indikator, ...]]:
        groups: dict[str, list[Indikator]] = {}
        for i in self.indikator:
            groups.setdefault(i.bidang, []).append(i)
        return {b: tuple(xs) for b, xs in groups.items()}

    @cached_property
    def bidang_with_form(self) -> tuple[Bidang, ...]:
        """The bidang that get a form (and are expected to send one): those that fill an element."""
        fills = {e.bidang for e in self.elemen}
        return tuple(b for b in self.bidang if b.kode in fills)

    def elemen_of(self, bidang: str) -> list[Elemen]:
        """The elements a bidang fills, in catalog order (indexed: intake asks for every file)."""
        return list(self._elemen_by_bidang.get(bidang, ()))

    def elemen_kodes(self, bidang: str) -> frozenset[str]:
        """The codes of the elements a bidang fills (a form without our marks is recognised by them)."""
        return frozenset(e.kode for e in self._elemen_by_bidang.get(bidang, ()))

    def indikator_of(self, bidang: str) -> list[Indikator]:
        """The indicators a bidang is responsible for, in catalog order."""
        return list(self._indikator_by_bidang.get(bidang, ()))

    @cached_property
    def anggaran_by_kode(self) -> dict[str, Anggaran]:
        return {a.kode: a for a in self.anggaran}

    @cached_property
    def renstra_by_indikator(self) -> dict[str, Renstra]:
        return {r.indikator: r for r in self.renstra}

    @cached_property
    def _sub_kegiatan_by_bidang(self) -> dict[str, tuple[Anggaran, ...]]:
        groups: dict[str, list[Anggaran]] = {}
        for a in self.anggaran:
            if a.tingkat is Tingkat.SUB_KEGIATAN:
                groups.setdefault(a.bidang, []).append(a)
        return {b: tuple(xs) for b, xs in groups.items()}

    def sub_kegiatan_of(self, bidang: str) -> list[Anggaran]:
        """The sub kegiatan a bidang reports budget and output for, in catalog order (indexed)."""
        return list(self._sub_kegiatan_by_bidang.get(bidang, ()))

    def form_content(self, bidang: str) -> dict[str, Any]:
        """Everything a bidang's form depends on, as plain data (for the fingerprint)."""
        ins = self.instansi
        return {
            "instansi": [ins.pemerintah_daerah, ins.nama_opd, ins.tahun, ins.skala,
                         str(ins.rumus_negatif), str(ins.batas_capaian)],
            "skala": [list(b) for b in ins.skala_predikat.bands],
            "bidang": [self.bidang_by_kode[bidang].nama] if bidang in self.bidang_by_kode else [],
            "elemen": [
                [e.kode, e.nama, e.satuan, str(e.tipe), e.min, e.max, e.wajib, str(e.agregasi)]
                for e in self.elemen_of(bidang)
            ],
            "indikator": [
                [i.kode, i.nama, i.satuan, str(i.polaritas), str(i.agregasi), i.rumus.source,
                 str(i.target_tahunan), [str(t) for t in i.target_tw]]
                for i in self.indikator_of(bidang)
            ],
        } | self._budget_content(bidang)

    def _budget_content(self, bidang: str) -> dict[str, Any]:
        # only present when the bidang has budget rows, so catalogs without budget keep their fingerprints
        subs = self.sub_kegiatan_of(bidang)
        if not subs:
            return {}
        return {"anggaran": [[a.kode, a.nama, a.indikator, a.satuan, str(a.agregasi), a.pagu, a.target_k]
                             for a in subs]}

    @cached_property
    def _fingerprints(self) -> dict[str, str]:
        return {}

    def fingerprint(self, bidang: str) -> str:
        """SHA-256 (16 hex digits) of what the bidang's form depends on (computed once per bidang).

        Per bidang, so that editing one bidang's rows does not invalidate the
        forms already sent to the others.
        """
        found = self._fingerprints.get(bidang)
        if found is None:
            blob = json.dumps(self.form_content(bidang), sort_keys=True, ensure_ascii=False, default=str)
            found = self._fingerprints[bidang] = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
        return found


class RecordNames:
    """The catalog's elements, indicators, budget rows and Renstra plans named by their codes (what
    :class:`kinerja_xl.deflate.Shared` asks): rows that hold them are pickled with the names, and read
    back with the catalog's very records.

    A deflated table (:mod:`kinerja_xl.catalog.deflated`) names none: a record read back from it would
    be a copy unpickled from its block, so a row holds its own copy, unpickled with the row (cheaper
    than reading the table's block again for each row read)."""

    __slots__ = ("_by_kind", "_catalog")

    def __init__(self, catalog: Catalog):
        self._catalog = catalog
        self._by_kind: dict[str, Mapping[str, Any] | None] = {}

    def _index(self, kind: str) -> Mapping[str, Any] | None:
        try:
            return self._by_kind[kind]
        except KeyError:
            index = getattr(self._catalog, _NAMED_INDEXES[kind])
            found = self._by_kind[kind] = None if hasattr(index, "position") else index
            return found

    def key(self, obj: object) -> tuple[str, str] | None:
        named = _NAMED.get(type(obj))
        if named is None:
            return None
        kind, field_name = named
        index = self._index(kind)
        if index is None:
            return None
        code = getattr(obj, field_name)
        return (kind, code) if index.get(code) is obj else None  # another catalog's record: pickled

    def load(self, key: Any) -> object:
        kind, code = key
        index = self._index(kind)
        assert index is not None  # named only from such an index
        return index[code]


#: The records :class:`RecordNames` names, by class: the letter of their names and their code's field.
_NAMED: dict[type, tuple[str, str]] = {Indikator: ("i", "kode"), Elemen: ("e", "kode"),
                                       Renstra: ("r", "indikator"), Anggaran: ("a", "kode")}
#: By letter: the catalog's index by code of those records.
_NAMED_INDEXES = {"i": "indikator_by_kode", "e": "elemen_by_kode", "r": "renstra_by_indikator",
                  "a": "anggaran_by_kode"}


class FormCatalog(Protocol):
    """What a form's writer and its checker ask of a catalog: the instansi, the list of bidang, and
    the rest one bidang at a time. A :class:`Catalog` answers it; so does a catalog read from the
    workspace's cache one bidang at a time (:class:`kinerja_xl.catalog.slices.SlicedCatalog`), which
    ``forms`` and ``check`` use so that their memory does not grow with the number of bidang."""

    @property
    def instansi(self) -> Instansi: ...

    @property
    def bidang(self) -> tuple[Bidang, ...]: ...

    @property
    def bidang_by_kode(self) -> dict[str, Bidang]: ...

    @property
    def bidang_with_form(self) -> tuple[Bidang, ...]: ...

    def elemen_of(self, bidang: str) -> list[Elemen]: ...

    def elemen_kodes(self, bidang: str) -> frozenset[str]: ...

    def indikator_of(self, bidang: str) -> list[Indikator]: ...

    def sub_kegiatan_of(self, bidang: str) -> list[Anggaran]: ...

    def fingerprint(self, bidang: str) -> str: ...

    def warns_on_fall(self, kode: str) -> bool: ...


#: The catalog's indexes (cached properties), kept by :meth:`Catalog.__getstate__` and the cache.
INDEXES = frozenset(name for name, value in vars(Catalog).items() if isinstance(value, cached_property))
