"""Every value of the recap, computed once in Python.

The workbook writes these values as the cached results of its formulas; the
formulas themselves are the Excel twins of the same computations
(:meth:`rumus.Expr.to_excel`, :func:`scoring.aggregate_excel`,
:func:`scoring.capaian_excel`, …), so a spreadsheet that recalculates shows
the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kinerja_xl import scoring, states
from kinerja_xl.catalog.model import (
    AMBANG_PROGRES_TRIWULAN,
    Agregasi,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    PredikatProgres,
    RecordNames,
    Skala,
    Target,
)
from kinerja_xl.deflate import DeflatedRows, FloatRows, Kept
from kinerja_xl.frozen import quick_to_unpickle
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import ROMAN, Period
from kinerja_xl.recap.budget import BudgetModel, RenstraRow, build_budget, build_renstra
from kinerja_xl.recap.submissions import ChosenSubmissions, RecapSubmission
from kinerja_xl.recap.texts import joined_texts
from kinerja_xl.status import BidangStatus

Value = float | None

#: Text of a quarter with an accepted submission on *Status Pengumpulan*.
DITERIMA = "Diterima"
BELUM = "Belum"


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Source:
    """The accepted submission a value came from."""

    submission_id: int
    bidang: str
    file_name: str
    received_at: str
    revision: int


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class ElemenRow:
    elemen: Elemen
    values: tuple[Value, Value, Value, Value]  # TW I..IV (None: not reported / outside the period)
    sources: tuple[Source | None, Source | None, Source | None, Source | None]
    keterangan: str  # the keterangan / sumber data of the period's quarters


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class IndikatorRow:
    """One indicator's figures. Three capaian, kept apart (SAKIP.md, "Aggregating quarters"):

    * ``capaian_tw``: each quarter's realisation against that quarter's target;
    * ``capaian_sd``: the realisation to date against the *target to date* (``target_sd``), both
      aggregated by the indicator's agregasi — the predikat is judged on it;
    * ``progres``: the realisation to date against the annual target (no predikat unless the
      catalog chooses the quarter thresholds).

    The raw values may be negative or above the cap; ``capped_*`` are bounded by the catalog's
    cap and floor and are what predikat and averages use.
    """

    indikator: Indikator
    realisasi_tw: tuple[Value, Value, Value, Value]
    realisasi_sd: Value
    capaian_tw: tuple[Value, Value, Value, Value]  # raw, vs the quarter target
    capaian_sd: Value  # raw, realisasi s.d. TW vs the target s.d. TW
    capped_tw: tuple[Value, Value, Value, Value]
    capped_sd: Value
    predikat_tw: tuple[str | None, str | None, str | None, str | None]
    predikat_sd: str | None
    kendala: str
    target_sd: Target | None = None
    progres: Value = None  # raw, realisasi s.d. TW vs the annual target
    capped_progres: Value = None
    predikat_progres: str | None = None  # only with the catalog's quarter thresholds
    belum_lengkap: tuple[tuple[int, str], ...] = ()  # (quarter, bidang) whose data is missing
    catatan: str = ""  # notes a reader needs: target 0 rule, data belum lengkap, target s.d. TW missing

    @property
    def dinilai_sd(self) -> Value:
        """The capaian s.d. TW the predikat is given for (after the cap and floor)."""
        return self.capped_sd


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """Per Bidang / Per Sasaran row: the AVERAGEIFS / COUNTIFS twins."""

    kode: str
    nama: str
    jumlah: int  # indicators in the group
    per_predikat: tuple[int, ...]  # count per band of the scale, ascending
    dinilai: int  # indicators with a predikat (sum of per_predikat)
    rata_tw: Value  # mean capaian (after the cap and floor) of the period's last quarter
    rata_sd: Value  # mean capaian s.d. TW (after the cap and floor)
    rata_progres: Value = None  # mean progress against the annual target (after the cap and floor)


@dataclass(frozen=True, slots=True)
class QuarterCompleteness:
    quarter: int
    terkirim: int
    seharusnya: int

    @property
    def persen(self) -> Value:
        return None if self.seharusnya == 0 else self.terkirim / self.seharusnya * 100


@dataclass(frozen=True, slots=True)
class StatusRow:
    bidang: Bidang
    per_quarter: tuple[str, str, str, str]  # DITERIMA / BELUM / "" (outside the period)
    state: str
    received_at: str
    revisi: int | None


@dataclass(frozen=True)
class RecapModel:
    catalog: Catalog
    period: Period
    elemen: Sequence[ElemenRow]  # DeflatedRows when built (rows kept deflated)
    indikator: Sequence[IndikatorRow]
    per_bidang: tuple[GroupSummary, ...]
    per_sasaran: tuple[GroupSummary, ...]
    status: tuple[StatusRow, ...]
    completeness: tuple[QuarterCompleteness, ...]
    rata_sd: Value  # AVERAGE over every indicator's capaian s.d. TW (after the cap and floor)
    per_predikat: tuple[int, ...]  # COUNTIF per band, ascending
    submissions: int
    budget: BudgetModel | None = None  # E.81 and the budget sheets: only when the catalog has an Anggaran tree
    renstra: Sequence[RenstraRow] = ()  # Evaluasi Renstra: annual recaps of a catalog with Renstra plans
    rata_progres: Value = None  # AVERAGE of the progress against the annual target (after the cap and floor)

    @property
    def last_quarter(self) -> int:
        return self.period.last_quarter

    @property
    def data_quarters(self) -> tuple[int, ...]:
        """TW I up to the period's last quarter: the quarters whose data the recap holds."""
        return tuple(range(1, self.period.last_quarter + 1))

    @property
    def cap_limit(self) -> float | None:
        return self.catalog.instansi.batas_capaian.limit

    @property
    def floor(self) -> float | None:
        return self.catalog.instansi.batas_bawah_capaian.limit

    @property
    def bounded(self) -> bool:
        """Whether the judged capaian differs from the raw one (a cap or a floor is set)."""
        return self.cap_limit is not None or self.floor is not None

    @property
    def progres_skala(self) -> Skala | None:
        """The scale progress against the annual target is judged on, or None (no predikat)."""
        return progres_skala(self.catalog, self.last_quarter)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.catalog.instansi.skala_predikat.bands)

    @property
    def belum_diterima(self) -> tuple[tuple[str, int], ...]:
        """(bidang, quarter) of the data quarters with no accepted form, in catalog order."""
        return tuple((s.bidang.kode, q) for s in self.status for q in self.data_quarters
                     if s.per_quarter[q - 1] == BELUM)


def progres_skala(catalog: Catalog, quarter: int) -> Skala | None:
    """The quarter-threshold scale for progress by TW ``quarter`` (the top band from 23/45/79/98 %).

    The other bands are the catalog's scale scaled by the same ratio; None unless the catalog
    chooses quarter thresholds.
    """
    ins = catalog.instansi
    if ins.predikat_progres is not PredikatProgres.AMBANG_TRIWULAN:
        return None
    skala = ins.skala_predikat
    top = skala.bands[-1][0] or 1.0
    ratio = AMBANG_PROGRES_TRIWULAN[quarter - 1] / top
    return Skala(f"{skala.nama} (ambang triwulan)", tuple((b * ratio, lab) for b, lab in skala.bands))


def missing_text(missing: Iterable[tuple[int, str]]) -> str:
    """``data belum lengkap: TW IV bidang CAPIL belum diterima`` (quarters grouped per bidang)."""
    by_bidang: dict[str, list[int]] = {}
    for q, b in missing:
        by_bidang.setdefault(b, []).append(q)
    if not by_bidang:
        return ""
    parts = [f"TW {', '.join(ROMAN[q - 1] for q in qs)} bidang {b}" for b, qs in by_bidang.items()]
    return f"data belum lengkap: {'; '.join(parts)} belum diterima"


def target_note(ind: Indikator, target_sd: Target | None, last: int) -> str:
    """The notes a reader of an indicator's row needs about its targets."""
    notes = []
    if any(scoring.target_zero(t) for t in (*ind.target_tw, ind.target_tahunan)):
        rule = ("capaian 100% bila realisasi 0 atau kurang, 0% bila lebih" if ind.polaritas.value == "negatif"
                else "capaian 100% bila realisasi 0 atau lebih")
        notes.append(f"target 0: {rule}")
    if target_sd is None and ind.target_tahunan is not None and last < 4:
        notes.append(f"target s.d. TW {ROMAN[last - 1]} belum dapat dihitung: target triwulan di katalog belum "
                     "lengkap")
    return "; ".join(notes)


def _number(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def _source(sub: RecapSubmission) -> Source:
    return Source(sub.id, sub.bidang, sub.file_name, sub.received_at, sub.revision)


def _mean(values: Iterable[Value]) -> Value:
    nums = [v for v in values if v is not None]
    return sum(nums) / len(nums) if nums else None


def build_model(catalog: Catalog, period: Period,
                submissions: ChosenSubmissions | Iterable[AcceptedSubmission | RecapSubmission],
                statuses: Sequence[BidangStatus] | None = None) -> RecapModel:
    """Compute every value of the recap of ``period`` from the accepted submissions (of which the
    latest revision per bidang and quarter is used: :class:`ChosenSubmissions`)."""
    ins = catalog.instansi
    skala = ins.skala_predikat
    rule = ins.rumus_negatif
    limit = ins.batas_capaian.limit
    last = period.last_quarter
    period_quarters = period.quarters
    single = len(period_quarters) == 1
    chosen = submissions if isinstance(submissions, ChosenSubmissions) else \
        ChosenSubmissions(catalog, period, submissions)

    # --- elements (rows kept deflated: kinerja_xl/deflate.py)
    names = RecordNames(catalog)  # the rows name the catalog's records: read back, they are the same objects
    elemen_rows: DeflatedRows[ElemenRow] = DeflatedRows(shared=names)
    # each element's value per quarter (columns 0-3) and to date (4), by code, in one array: what the
    # indicators' formulas read (as dicts of the 7,000 elements of 1,000 units they were 3 MB)
    values = FloatRows([el.kode for el in catalog.elemen], 5)
    by_quarter = [values.column(q) for q in range(4)]
    element_sd = values.column(4)
    bidang_at: list[str] = [""] * len(catalog.elemen)  # each code's bidang, by its slot
    one_text: dict[str, str] = {}
    # one Source per submission, shared by the rows of its elements (a bidang's elements are together)
    source_of: Kept[tuple[str, int], Source] = Kept(lambda key: _source(chosen[key]), 8)
    for el in catalog.elemen:
        slot = values.slot(el.kode)
        bidang_at[slot] = one_text.setdefault(el.bidang, el.bidang)
        vals: list[Value] = [None] * 4
        srcs: list[Source | None] = [None] * 4
        notes: list[tuple[int, str]] = []
        for q in range(1, last + 1):
            sub = chosen.get((el.bidang, q))
            if sub is None:
                continue
            srcs[q - 1] = source_of((el.bidang, q))
            vals[q - 1] = _number(sub.values.get(el.kode))
            values.put(slot, q - 1, vals[q - 1])
            if q in period_quarters:
                notes.append((q, sub.keterangan.get(el.kode, "")))
        elemen_rows.append(ElemenRow(el, (vals[0], vals[1], vals[2], vals[3]),
                                     (srcs[0], srcs[1], srcs[2], srcs[3]), joined_texts(notes, single)))
        values.put(slot, 4, scoring.aggregate(vals[:last], el.agregasi))
    del one_text, source_of

    # --- indicators
    floor = ins.batas_bawah_capaian.limit
    pskala = progres_skala(catalog, last)
    with_form = {b.kode for b in catalog.bidang_with_form}
    ind_rows: DeflatedRows[IndikatorRow] = DeflatedRows(shared=names)
    by_bidang: dict[str, list[int]] = {}
    by_sasaran: dict[str, list[int]] = {}
    for ind in catalog.indikator:
        real = [ind.rumus.evaluate(by_quarter[q]) for q in range(4)]
        if ind.agregasi is Agregasi.DARI_ELEMEN:
            real_sd = ind.rumus.evaluate(element_sd)
        else:
            real_sd = scoring.aggregate(real[:last], ind.agregasi)
        target_sd = ind.target_tahunan if last == 4 else scoring.target_to_date(ind.target_tw[:last], ind.agregasi)
        cap = [scoring.capaian(real[q], ind.target_tw[q], ind.polaritas, rule) for q in range(4)]
        cap_sd = scoring.capaian(real_sd, target_sd, ind.polaritas, rule)
        progres = scoring.capaian(real_sd, ind.target_tahunan, ind.polaritas, rule)
        capped = [scoring.capped(c, limit, floor) for c in cap]
        capped_sd = scoring.capped(cap_sd, limit, floor)
        capped_progres = scoring.capped(progres, limit, floor)
        notes = []
        for q in period_quarters:
            sub = chosen.get((ind.bidang, q))
            if sub is not None:
                notes.append((q, sub.kendala.get(ind.kode, "")))
        sources = sorted({bidang_at[values.slot(c)] for c in ind.rumus.elements if c in values} & with_form)
        missing = tuple((q, b) for b in sources for q in range(1, last + 1) if (b, q) not in chosen)
        catatan = "; ".join(t for t in (missing_text(missing), target_note(ind, target_sd, last)) if t)
        ind_rows.append(IndikatorRow(
            indikator=ind,
            realisasi_tw=(real[0], real[1], real[2], real[3]),
            realisasi_sd=real_sd,
            capaian_tw=(cap[0], cap[1], cap[2], cap[3]),
            capaian_sd=cap_sd,
            capped_tw=(capped[0], capped[1], capped[2], capped[3]),
            capped_sd=capped_sd,
            predikat_tw=tuple(scoring.predikat(c, skala) for c in capped),  # type: ignore[arg-type]
            predikat_sd=scoring.predikat(capped_sd, skala),
            kendala=joined_texts(notes, single),
            target_sd=target_sd,
            progres=progres,
            capped_progres=capped_progres,
            predikat_progres=None if pskala is None else scoring.predikat(capped_progres, pskala),
            belum_lengkap=missing,
            catatan=catatan,
        ))
        by_bidang.setdefault(ind.bidang.casefold(), []).append(len(ind_rows) - 1)
        by_sasaran.setdefault(ind.sasaran.casefold(), []).append(len(ind_rows) - 1)

    del values, by_quarter, element_sd, bidang_at  # what the rows needed, not the model: freed before the budget
    labels = tuple(label for _, label in skala.bands)

    def summary(kode: str, nama: str, positions: list[int]) -> GroupSummary:
        rows = [ind_rows[i] for i in positions]  # one group's rows at a time
        counts = tuple(sum(1 for r in rows if _same_text(r.predikat_sd, lab)) for lab in labels)
        return GroupSummary(kode, nama, len(rows), counts, sum(counts),
                            _mean(r.capped_tw[last - 1] for r in rows), _mean(r.capped_sd for r in rows),
                            _mean(r.capped_progres for r in rows))

    per_bidang = tuple(summary(b.kode, b.nama, by_bidang.get(b.kode.casefold(), [])) for b in catalog.bidang)
    per_sasaran = tuple(summary(s.kode, s.uraian, by_sasaran.get(s.kode.casefold(), [])) for s in catalog.sasaran)

    # --- collection status (bidang that fill at least one element)
    given = {st.bidang.upper(): st for st in statuses or ()}
    expected = catalog.bidang_with_form
    status_rows = []
    for b in expected:
        per_q = tuple(
            (DITERIMA if (b.kode, q) in chosen else BELUM) if q <= last else "" for q in range(1, 5)
        )
        given_st = given.get(b.kode)
        sub = chosen.get((b.kode, last))
        if given_st is not None:
            state, received, revisi = given_st.state, given_st.received_at or "", given_st.revision
        elif sub is not None:
            state, received, revisi = states.DITERIMA, sub.received_at, sub.revision
        else:
            state, received, revisi = states.BELUM_MENGIRIM, "", None
        status_rows.append(StatusRow(b, per_q, state, received, revisi))  # type: ignore[arg-type]
    completeness = tuple(
        QuarterCompleteness(q, sum(1 for s in status_rows if s.per_quarter[q - 1] == DITERIMA), len(status_rows))
        for q in range(1, last + 1)
    )
    # what the budget, the Renstra rows and the totals read of every indicator row, in one pass:
    # each indicator's realisasi per quarter (columns 0-3) and to date (4), by code
    realisasi = FloatRows([ind.kode for ind in catalog.indikator], 5)
    judged_sd: list[Value] = []
    judged_progres: list[Value] = []
    predikat_sd: list[str | None] = []
    for r in ind_rows:
        slot = realisasi.slot(r.indikator.kode)
        for q, v in enumerate(r.realisasi_tw):
            realisasi.put(slot, q, v)
        realisasi.put(slot, 4, r.realisasi_sd)
        judged_sd.append(r.capped_sd)
        judged_progres.append(r.capped_progres)
        predikat_sd.append(r.predikat_sd)
    budget = build_budget(catalog, period, chosen, realisasi) if catalog.anggaran else None
    renstra: Sequence[RenstraRow] = ()
    if period.kind == "Y" and catalog.renstra:
        renstra = build_renstra(catalog, period, realisasi.column(4))
    return RecapModel(
        catalog=catalog, period=period, elemen=elemen_rows, indikator=ind_rows,
        per_bidang=per_bidang, per_sasaran=per_sasaran, status=tuple(status_rows),
        completeness=completeness,
        rata_sd=_mean(judged_sd),
        rata_progres=_mean(judged_progres),
        per_predikat=tuple(sum(1 for p in predikat_sd if _same_text(p, lab)) for lab in labels),
        submissions=len(chosen),
        budget=budget,
        renstra=renstra,
    )


def _same_text(a: str | None, b: str | None) -> bool:
    """COUNTIFS / AVERAGEIFS criteria match text case-insensitively."""
    return a is not None and b is not None and a.casefold() == b.casefold()
