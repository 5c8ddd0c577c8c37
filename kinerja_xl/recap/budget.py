"""The budget half of the recap, computed once in Python: form E.81 (Evaluasi Renja) and the Renstra evaluation.

E.81 columns (Permendagri 86/2017), each of 5–14 a pair K (kinerja, the
indicator's unit) and Rp (rupiah):

* 5 target Renstra at the end of the period, 6 Renstra realisation up to last
  year, 7 target Renja this year (K target, pagu) — from the catalog;
* 8–11 realisasi TW I–IV — a sub kegiatan's K and Rp of the quarter, as its
  bidang reported them (blank: not reported);
* 12 = 8+9+10+11: Rp summed; K aggregated by the sub kegiatan's type
  (kumulatif: sum; nilai akhir: the latest reported quarter — a stock is
  never summed; rata-rata: mean) — :func:`scoring.aggregate`;
* 13 = 6+12: Rp summed; K likewise by type: kumulatif 6 + 12, nilai akhir the
  level reached (12, or 6 when nothing is reported this year), rata-rata the
  mean over the years of the plan (6 holds the mean of the earlier years);
* 14 = 13 / 5 × 100; and, beyond the form's 15 columns, 16 = 12 / 7 × 100
  (capaian of this year's Renja, which the footer averages).

Program and kegiatan rows aggregate their children: every Rp column is the
sum of the children's; their own K target (5, 6, 7) is shown, but nobody
reports a K for them, so 8–13 K stay blank and 14 K / 16 K are the mean of
the children's capaian (as real E.81 workbooks do). A node without children
keeps its own figures.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from kinerja_xl import scoring
from kinerja_xl.angka import format_id
from kinerja_xl.catalog.model import (
    Agregasi,
    Anggaran,
    Catalog,
    Indikator,
    Polaritas,
    RecordNames,
    Renstra,
    Target,
)
from kinerja_xl.deflate import DeflatedRows, Picked
from kinerja_xl.frozen import quick_to_unpickle
from kinerja_xl.period import Period
from kinerja_xl.recap.submissions import Faktor, Figures, RecapSubmission
from kinerja_xl.recap.texts import joined_texts, lines_within, tw_label

Value = float | None
Quad = tuple[Value, Value, Value, Value]
#: indicator code -> (realisasi TW I, II, III, IV, realisasi s.d. TW): the model's
#: :class:`~kinerja_xl.deflate.FloatRows`
RealisasiOf = Mapping[str, tuple[Value, ...]]
_NO_FIGURES = Figures()
_NO_FAKTOR = Faktor()


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Pair:
    """One E.81 column: kinerja (K) and keuangan (Rp)."""

    k: Value = None
    rp: Value = None


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class KLine:
    """One indicator of an E.81 row, with its own K figures (E.81 prints one sheet row per indicator).

    ``indikator`` is the Indikator-sheet indicator for a program or kegiatan linked to it
    (column *Kode Indikator* of the catalog's Anggaran sheet), ``None`` for the row's own indicator.
    Its figures are packed in one array of doubles, as a :class:`BudgetRow`'s (a thousand units have
    ~5,000 lines: as float objects and tuples they were 2.2 MB); the properties give them back. Made
    with :meth:`make`.
    """

    nama: str
    satuan: str
    indikator: Indikator | None
    target: Target | None  # 7 (a range for an indicator with a range target)
    years_before: int  # Renstra years before this one (weights 6 in a rata-rata 13)
    figures: array[float]  # see _LINE_FIGURES

    @classmethod
    def make(cls, nama: str, satuan: str, indikator: Indikator | None, renstra_target: Value,
             renstra_prev: Value, target: Target | None, tw: Sequence[Value], sd: Value, renstra_sd: Value,
             capaian_renstra: Value, capaian_renja: Value, years_before: int) -> KLine:
        if len(tw) != 4:
            raise ValueError("an E.81 line has four quarters")
        return cls(nama, satuan, indikator, target, years_before,
                   _pack((renstra_target, renstra_prev, *tw, sd, renstra_sd, capaian_renstra, capaian_renja)))

    @property
    def renstra_target(self) -> Value:  # 5
        return _unpack(self.figures[0])

    @property
    def renstra_prev(self) -> Value:  # 6
        return _unpack(self.figures[1])

    @property
    def tw(self) -> Quad:  # 8–11
        f = self.figures
        return (_unpack(f[2]), _unpack(f[3]), _unpack(f[4]), _unpack(f[5]))

    @property
    def sd(self) -> Value:  # 12
        return _unpack(self.figures[6])

    @property
    def renstra_sd(self) -> Value:  # 13
        return _unpack(self.figures[7])

    @property
    def capaian_renstra(self) -> Value:  # 14
        return _unpack(self.figures[8])

    @property
    def capaian_renja(self) -> Value:  # 12 / 7 × 100 (by the indicator's polarity when linked)
        return _unpack(self.figures[9])


#: The figures of a :class:`BudgetRow`, packed in this order: each pair as (K, Rp), then fisik and
#: fisik_rata TW I–IV.
_PAIRS = ("renstra_target", "renstra_prev", "target", "tw1", "tw2", "tw3", "tw4", "sd", "renstra_sd",
          "capaian_renstra", "capaian_renja")
_FISIK, _FISIK_RATA = 2 * len(_PAIRS), 2 * len(_PAIRS) + 4


def _pack(values: Iterable[Value]) -> array[float]:
    """Numbers as doubles, blank as NaN (never a figure of ours: every input passes through a
    finiteness check, and xlsxwriter refuses to write a NaN)."""
    return array("d", [math.nan if v is None else v for v in values])  # from a list: no spare room


def _unpack(v: float) -> Value:
    return None if math.isnan(v) else v  # NaN: blank


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One row of E.81: a program, kegiatan or sub kegiatan.

    Its figures are packed in one array of doubles (a thousand units have ~5,000 rows: as
    objects, a pair and its two numbers each, they were half the recap model's memory); the
    properties give them back as :class:`Pair` and tuples. Made with :meth:`make`.
    """

    anggaran: Anggaran
    depth: int  # 0 for a root (program), 1 kegiatan, 2 sub kegiatan
    children: tuple[str, ...]  # kode of the direct children, in row order
    figures: array[float]  # see _PAIRS
    pendorong: str
    penghambat: str
    lines: tuple[KLine, ...] = ()  # the row's indicators (at least one once built)

    @classmethod
    def make(cls, *, anggaran: Anggaran, depth: int, children: tuple[str, ...], renstra_target: Pair,
             renstra_prev: Pair, target: Pair, tw: Sequence[Pair], sd: Pair, renstra_sd: Pair,
             capaian_renstra: Pair, capaian_renja: Pair, pendorong: str, penghambat: str,
             lines: tuple[KLine, ...] = (), fisik: Sequence[Value] = (None,) * 4,
             fisik_rata: Sequence[Value] = (None,) * 4) -> BudgetRow:
        pairs = (renstra_target, renstra_prev, target, *tw, sd, renstra_sd, capaian_renstra, capaian_renja)
        if len(pairs) != len(_PAIRS) or len(fisik) != 4 or len(fisik_rata) != 4:
            raise ValueError("a budget row has four quarters")
        figures = _pack((*(x for p in pairs for x in (p.k, p.rp)), *fisik, *fisik_rata))
        return cls(anggaran, depth, children, figures, pendorong, penghambat, lines)

    def _pair(self, i: int) -> Pair:
        f = self.figures
        return Pair(_unpack(f[2 * i]), _unpack(f[2 * i + 1]))

    @property
    def renstra_target(self) -> Pair:  # 5
        return self._pair(0)

    @property
    def renstra_prev(self) -> Pair:  # 6
        return self._pair(1)

    @property
    def target(self) -> Pair:  # 7
        return self._pair(2)

    @property
    def tw(self) -> tuple[Pair, Pair, Pair, Pair]:  # 8–11
        return (self._pair(3), self._pair(4), self._pair(5), self._pair(6))

    @property
    def sd(self) -> Pair:  # 12
        return self._pair(7)

    @property
    def renstra_sd(self) -> Pair:  # 13
        return self._pair(8)

    @property
    def capaian_renstra(self) -> Pair:  # 14
        return self._pair(9)

    @property
    def capaian_renja(self) -> Pair:  # 16 = 12 / 7 × 100
        return self._pair(10)

    @property
    def fisik(self) -> Quad:
        """Realisasi fisik s.d. TW I–IV, % (sub kegiatan only: reported)."""
        f = self.figures
        return (_unpack(f[_FISIK]), _unpack(f[_FISIK + 1]), _unpack(f[_FISIK + 2]), _unpack(f[_FISIK + 3]))

    @property
    def fisik_rata(self) -> Quad:
        """E.81: a leaf's fisik; a parent's the mean of its children."""
        f = self.figures
        return (_unpack(f[_FISIK_RATA]), _unpack(f[_FISIK_RATA + 1]), _unpack(f[_FISIK_RATA + 2]),
                _unpack(f[_FISIK_RATA + 3]))

    @property
    def height(self) -> int:
        """Sheet rows the row takes in E.81: one per indicator."""
        return max(1, len(self.lines))

    @property
    def linked(self) -> bool:
        return any(line.indikator is not None for line in self.lines)

    @property
    def kode(self) -> str:
        return self.anggaran.kode

    @property
    def fisik_sd(self) -> Value:
        """Realisasi fisik s.d. the latest reported quarter (a cumulative percentage: never summed)."""
        return next((f for f in reversed(self.fisik) if f is not None), None)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def tingkat_label(self) -> str:
        t = self.anggaran.tingkat
        return str(t) if t is not None else ""


@dataclass(frozen=True)
class BudgetModel:
    rows: Sequence[BudgetRow]  # in E.81 order; DeflatedRows when built (read back a block at a time)
    tahun_sebelumnya: int  # Renstra years before this one (weights 6 in a rata-rata 13)
    rata_kinerja: Value  # mean of the programs' (roots') 16 K
    rata_anggaran: Value  # Σ 12 Rp / Σ 7 Rp × 100 over the roots
    predikat_kinerja: str | None
    predikat_anggaran: str | None
    tindak_lanjut: str  # the indicators' kendala / rencana tindak lanjut, one per line
    tindak_lanjut_renja: str = ""  # the catalog's "Tindak Lanjut Renja Berikutnya", one row per line

    @property
    def roots(self) -> Sequence[BudgetRow]:
        """The programs, read from :attr:`rows` when used."""
        return Picked(self.rows, [i for i, r in enumerate(self.rows) if r.depth == 0])


# --- the Python twins of the E.81 formulas -----------------------------------------


def total(values: Iterable[Value]) -> Value:
    """SUM of the numbers, blank when there is none (``IF(COUNT(..)=0,"",SUM(..))``)."""
    nums = [v for v in values if v is not None]
    if not nums:
        return None
    out = 0.0
    for v in nums:
        out += v
    return out


def mean(values: Iterable[Value]) -> Value:
    nums = [v for v in values if v is not None]
    return total(nums) / len(nums) if nums else None  # type: ignore[operator]


def percent(real: Value, target: Value) -> Value:
    """``real / target × 100`` (E.81 columns 14 and 16): blank without both, or with a zero target."""
    if target is None:
        return None
    return scoring.capaian(real, Target.single(target), Polaritas.POSITIF)


def percent_excel(real: str, target: str) -> str:
    return scoring.capaian_excel(real, target, None, False, Polaritas.POSITIF)


def renstra_sd(prev: Value, now: Value, agregasi: Agregasi, years_before: int) -> Value:
    """E.81 column 13 K: the Renstra realisation up to this year from 6 (earlier years) and 12 (this year)."""
    if agregasi is Agregasi.KUMULATIF:
        return total((prev, now))
    if agregasi is Agregasi.NILAI_AKHIR:
        return scoring.aggregate((prev, now), agregasi)
    if now is None:
        return prev
    if prev is None:
        return now
    return (prev * years_before + now) / (years_before + 1)


def renstra_sd_excel(prev: str, now: str, agregasi: Agregasi, years_before: int) -> str:
    if agregasi is not Agregasi.RATA_RATA:
        return scoring.aggregate_excel((prev, now), agregasi)
    n = years_before
    return (f'=IF(COUNT({prev},{now})=0,"",IF(COUNT({now})=0,{prev},IF(COUNT({prev})=0,{now},'
            f"({prev}*{n}+{now})/{n + 1})))")


# --- building ---------------------------------------------------------------------


class TreeOrder(Sequence[tuple[int, int, tuple[int, ...]]]):
    """The E.81 rows of a budget table as positions in it: (node, depth, children) each, every node
    followed by its subtree, catalog order kept. Held in arrays: the records stay in their table (a
    recap of 1,000 units holds ~5,000 budget rows deflated, :mod:`kinerja_xl.catalog.deflated`)."""

    __slots__ = ("_children", "_depths", "_first_child", "_positions")

    def __init__(self, positions: array[int], depths: array[int], first_child: array[int], children: array[int]):
        self._positions = positions
        self._depths = depths
        self._first_child = first_child  # per row: where its children start in `children` (and one more)
        self._children = children

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int, tuple[int, ...]]: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[tuple[int, int, tuple[int, ...]]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int, tuple[int, ...]] | Sequence[tuple[int, int, tuple[int, ...]]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        kids = self._children[self._first_child[i]:self._first_child[i + 1]]
        return self._positions[i], self._depths[i], tuple(kids)


def tree_order(anggaran: Sequence[Anggaran]) -> TreeOrder:
    """The E.81 order of ``anggaran`` (:class:`TreeOrder`). A node whose parent is not in the
    catalog is a root; a node's children are those whose parent is its kode."""
    codes: list[str] = []  # read once: a deflated table reads its blocks again for each pass
    parents: list[str | None] = []
    for a in anggaran:
        codes.append(a.kode)
        parents.append(a.induk)
    known = set(codes)
    kids: dict[str, list[int]] = {}
    roots: list[int] = []
    for at, parent in enumerate(parents):
        if parent is not None and parent in known and parent != codes[at]:
            kids.setdefault(parent, []).append(at)
        else:
            roots.append(at)
    del known, parents
    positions, depths, first_child, children = array("q"), array("q"), array("q"), array("q")
    stack = [(at, 0) for at in reversed(roots)]  # depth first, each node before its subtree
    while stack:
        at, depth = stack.pop()
        mine = kids.get(codes[at], ())
        positions.append(at)
        depths.append(depth)
        first_child.append(len(children))
        children.extend(mine)
        stack.extend((c, depth + 1) for c in reversed(mine))
    first_child.append(len(children))
    return TreeOrder(positions, depths, first_child, children)


def _number(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def years_before(catalog: Catalog, year: int) -> int:
    """Renstra years before ``year`` (from the earliest plan; 1 without a Renstra sheet)."""
    if not catalog.renstra:
        return 1
    first = min(r.tahun_awal for r in catalog.renstra)
    return max(0, min(year - first, 4))


def tindak_lanjut(catalog: Catalog, period: Period,
                  chosen: Mapping[tuple[str, int], RecapSubmission]) -> str:
    """Each indicator's latest kendala / rencana tindak lanjut in the period, one line each, as many
    as the E.81 cell holds (the others are counted on a last line: they are all on Rencana Aksi)."""
    single = len(period.quarters) == 1

    def lines() -> Iterator[str]:
        for ind in catalog.indikator:
            for q in reversed(period.quarters):
                sub = chosen.get((ind.bidang, q))
                text = sub.kendala.get(ind.kode, "").strip() if sub is not None else ""
                if text:
                    yield f"{ind.kode} {ind.nama}{'' if single else f' ({tw_label(q)})'}: {text}"
                    break

    return lines_within(lines(), lambda n: f"… dan {format_id(n)} indikator lainnya: lihat kolom Kendala / Rencana "
                                           "Tindak Lanjut pada lembar Rencana Aksi")


def renstra_history(plan: Renstra | None, ind: Indikator, year: int) -> tuple[Value, Value, int]:
    """(stated end target, realisation of the plan's years before ``year`` aggregated by type, their count)."""
    if plan is None:
        return None, None, 0
    before = max(0, min(year - plan.tahun_awal, 5))
    return plan.target_akhir, scoring.aggregate(plan.realisasi[:before], ind.agregasi), before


def linked_line(catalog: Catalog, ind: Indikator, year: int, realisasi: RealisasiOf) -> KLine:
    """An indicator of the Indikator sheet as an E.81 line: its own targets, realisation and capaian."""
    rule = catalog.instansi.rumus_negatif
    target_akhir, prev, before = renstra_history(catalog.renstra_by_indikator.get(ind.kode), ind, year)
    found = realisasi.get(ind.kode)
    tw, sd = ((None, None, None, None), None) if found is None else (found[:4], found[4])
    rsd = renstra_sd(prev, sd, ind.agregasi, before)
    cap_renstra = None if target_akhir is None else scoring.capaian(rsd, Target.single(target_akhir),
                                                                     ind.polaritas, rule)
    return KLine.make(ind.nama, ind.satuan, ind, target_akhir, prev, ind.target_tahunan, tw, sd, rsd, cap_renstra,
                 scoring.capaian(sd, ind.target_tahunan, ind.polaritas, rule), before)


def _own_line(a: Anggaran, r: Mapping[str, Pair], tw: Sequence[Pair], years: int) -> KLine:
    """The row's own indicator (its K pairs ``r`` by field name, ``tw`` its quarters) as an E.81 line."""
    return KLine.make(a.indikator, a.satuan, None, r["renstra_target"].k, r["renstra_prev"].k,
                 None if a.target_k is None else Target.single(a.target_k), tuple(p.k for p in tw),
                 r["sd"].k, r["renstra_sd"].k, r["capaian_renstra"].k, r["capaian_renja"].k, years)


def build_budget(catalog: Catalog, period: Period,
                 chosen: Mapping[tuple[str, int], RecapSubmission],
                 realisasi: RealisasiOf | None = None) -> BudgetModel:
    """Every E.81 value of ``period`` from the chosen submission per (bidang, quarter).

    ``realisasi``: indicator code -> (realisasi TW I, II, III, IV, s.d. TW) as the recap computed them,
    for the program and kegiatan rows linked to indicators of the Indikator sheet.
    """
    realisasi = realisasi or {}
    last = period.last_quarter
    single = len(period.quarters) == 1
    n_before = years_before(catalog, period.year)
    anggaran = catalog.anggaran
    order = tree_order(anggaran)
    # children come after their parent: compute from the bottom up, each row kept (deflated) in `up`
    # and, until its parent is built, in `waiting`; E.81 order is `up` read backwards
    names = RecordNames(catalog)
    up: DeflatedRows[BudgetRow] = DeflatedRows(shared=names)
    waiting: dict[str, BudgetRow] = {}
    for at, depth, kid_positions in reversed(order):
        a = anggaran[at]
        children = tuple(anggaran[k].kode for k in kid_positions)
        fisik: list[Value] = [None] * 4
        fisik_rata = fisik
        if children:
            kids = [waiting.pop(c) for c in children]
            fisik_rata = [mean(r.fisik_rata[q] for r in kids) for q in range(4)]
            rp5 = total(r.renstra_target.rp for r in kids)
            rp6 = total(r.renstra_prev.rp for r in kids)
            rp7 = total(r.target.rp for r in kids)
            tw = tuple(Pair(None, total(r.tw[q].rp for r in kids)) for q in range(4))
            sd = Pair(None, total(p.rp for p in tw))
            rsd = Pair(None, total((rp6, sd.rp)))
            cap_renstra = Pair(mean(x.capaian_renstra for r in kids for x in r.lines), percent(rsd.rp, rp5))
            cap_renja = Pair(mean(x.capaian_renja for r in kids for x in r.lines), percent(sd.rp, rp7))
            pendorong = penghambat = ""
        else:
            rp5, rp6, rp7 = a.renstra_target_rp, a.renstra_realisasi_rp, a.pagu
            ks: list[Value] = [None] * 4
            rps: list[Value] = [None] * 4
            pend: list[tuple[int, str]] = []
            hamb: list[tuple[int, str]] = []
            for q in range(1, last + 1):
                sub = chosen.get((a.bidang.upper(), q))
                if sub is None:
                    continue
                figures = sub.anggaran.get(a.kode, _NO_FIGURES)
                ks[q - 1] = _number(figures.k)
                rps[q - 1] = _number(figures.rp)
                fisik[q - 1] = _number(figures.fisik)
                if q in period.quarters:
                    faktor = sub.faktor.get(a.kode, _NO_FAKTOR)
                    pend.append((q, faktor.pendorong))
                    hamb.append((q, faktor.penghambat))
            tw = tuple(Pair(ks[q], rps[q]) for q in range(4))
            sd = Pair(scoring.aggregate(ks, a.agregasi), total(rps))
            rsd = Pair(renstra_sd(a.renstra_realisasi_k, sd.k, a.agregasi, n_before), total((rp6, sd.rp)))
            cap_renstra = Pair(percent(rsd.k, a.renstra_target_k), percent(rsd.rp, rp5))
            cap_renja = Pair(percent(sd.k, a.target_k), percent(sd.rp, rp7))
            pendorong, penghambat = joined_texts(pend, single, "; "), joined_texts(hamb, single, "; ")
        pairs = {"renstra_target": Pair(a.renstra_target_k, rp5), "renstra_prev": Pair(a.renstra_realisasi_k, rp6),
                 "target": Pair(a.target_k, rp7), "sd": sd, "renstra_sd": rsd, "capaian_renstra": cap_renstra,
                 "capaian_renja": cap_renja}
        inds = [catalog.indikator_by_kode[k] for k in a.indikator_kode if k in catalog.indikator_by_kode]
        lines = tuple(linked_line(catalog, ind, period.year, realisasi) for ind in inds) or (
            _own_line(a, pairs, tw, n_before),)
        if inds:  # the K pairs follow the first indicator (Serapan Anggaran and the footer read them)
            first = lines[0]
            k = {"renstra_target": first.renstra_target, "renstra_prev": first.renstra_prev, "sd": first.sd,
                 "renstra_sd": first.renstra_sd, "capaian_renstra": first.capaian_renstra,
                 "capaian_renja": first.capaian_renja}
            pairs.update({f: Pair(v, pairs[f].rp) for f, v in k.items()})
        row = BudgetRow.make(
            anggaran=a, depth=depth, children=children, tw=tw, pendorong=pendorong, penghambat=penghambat,
            lines=lines, fisik=fisik, fisik_rata=fisik if not children else fisik_rata, **pairs)
        up.append(row)
        if depth > 0:
            waiting[a.kode] = row
    rows = Picked(up, range(len(up) - 1, -1, -1))
    roots = [(r.target.rp, r.sd.rp, tuple(x.capaian_renja for x in r.lines)) for r in rows if r.depth == 0]
    rata_k = mean(c for _, _, caps in roots for c in caps)
    pagu, real = total(p for p, _, _ in roots), total(x for _, x, _ in roots)
    rata_rp = None if not pagu or real is None else real / pagu * 100
    skala = catalog.instansi.skala_predikat
    return BudgetModel(rows=rows, tahun_sebelumnya=n_before, rata_kinerja=rata_k, rata_anggaran=rata_rp,
                       predikat_kinerja=scoring.predikat(rata_k, skala),
                       predikat_anggaran=scoring.predikat(rata_rp, skala),
                       tindak_lanjut=tindak_lanjut(catalog, period, chosen),
                       tindak_lanjut_renja="\n".join(f"{a.kode} {a.nama}: {a.tindak_lanjut}"
                                                      for a in (anggaran[at] for at, _, _ in order)
                                                      if a.tindak_lanjut))


# --- Renstra evaluation (annual recap) ------------------------------------------------------


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class RenstraRow:
    """An indicator's five-year plan, with this year's realisation from the recap."""

    renstra: Renstra
    indikator: Indikator
    current: int | None  # index (0–4) of the recap's year in the plan, None outside it
    realisasi: tuple[Value, ...]  # per year; this year's is the recap's realisasi s.d. TW IV
    capaian: tuple[Value, ...]  # per year, vs that year's target, by polarity
    target_akhir: Value  # stated in the Renstra sheet, else the five targets aggregated by type
    realisasi_sd: Value  # the years up to this one, aggregated by type
    capaian_akhir: Value  # realisasi_sd vs target_akhir

    @property
    def years_shown(self) -> int:
        """How many years count for "s.d. tahun ini" (all five when the plan is over)."""
        return 5 if self.current is None else self.current + 1


def build_renstra(catalog: Catalog, period: Period, realisasi_sd: Mapping[str, Value]) -> Sequence[RenstraRow]:
    """The Renstra evaluation of ``period.year``; ``realisasi_sd``: indicator code -> the recap's s.d. TW IV."""
    rule = catalog.instansi.rumus_negatif
    out: DeflatedRows[RenstraRow] = DeflatedRows(shared=RecordNames(catalog))
    for plan in catalog.renstra:
        ind = catalog.indikator_by_kode.get(plan.indikator)
        if ind is None:
            continue
        years = plan.tahun
        current = years.index(period.year) if period.year in years else None
        real = list(plan.realisasi)
        if current is not None:
            real[current] = realisasi_sd.get(ind.kode)
            for i in range(current + 1, 5):
                real[i] = None
        elif period.year < years[0]:
            real = [None] * 5
        caps = tuple(None if t is None else scoring.capaian(r, Target.single(t), ind.polaritas, rule)
                     for r, t in zip(real, plan.target, strict=True))
        upto = 5 if current is None else current + 1
        # the Renstra's stated end target; a catalog without it: the yearly targets aggregated by type
        target_akhir = plan.target_akhir_k if plan.target_akhir_k is not None else scoring.aggregate(
            plan.target, ind.agregasi)
        real_sd = scoring.aggregate(real[:upto], ind.agregasi)
        cap_akhir = None if target_akhir is None else scoring.capaian(
            real_sd, Target.single(target_akhir), ind.polaritas, rule)
        out.append(RenstraRow(plan, ind, current, tuple(real), caps, target_akhir, real_sd, cap_akhir))
    return out
