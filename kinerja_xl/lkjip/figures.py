"""The figures of LKjIP Bab III, taken from the annual recap model (never computed a second way).

Per IKU: this year's target, realisasi, capaian and predikat (year and
quarters) from :class:`~kinerja_xl.recap.model.IndikatorRow`; the years of the
Renstra period from :class:`~kinerja_xl.recap.budget.RenstraRow`, where an
earlier year's realisasi recorded in the workspace's ledger replaces the
Renstra sheet's; the budget of the programs serving the IKU's sasaran from
the recap's *Serapan Anggaran* rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kinerja_xl import scoring
from kinerja_xl.catalog.model import Indikator, Sasaran, Target
from kinerja_xl.recap.budget import RenstraRow
from kinerja_xl.recap.model import IndikatorRow, RecapModel
from kinerja_xl.recap.sheets.serapan import SerapanRow, program_rows

Value = float | None

#: where an earlier year's realisasi comes from
FROM_LEDGER = "daftar kiriman"
FROM_RENSTRA = "lembar Renstra"
THIS_RECAP = "rekap tahunan"


@dataclass(frozen=True)
class YearFigure:
    """One year of the comparison table."""

    tahun: int
    target: Value
    realisasi: Value
    capaian: Value
    sumber: str  # FROM_LEDGER, FROM_RENSTRA, THIS_RECAP, or "" (nothing known)


@dataclass(frozen=True)
class IkuFigures:
    nomor: str  # "1.2": sasaran 1, its second IKU
    row: IndikatorRow
    years: tuple[YearFigure, ...]  # the Renstra years up to this one (or last year and this one)
    renstra: RenstraRow | None
    programs: tuple[SerapanRow, ...]  # the programs serving the IKU's sasaran

    @property
    def indikator(self) -> Indikator:
        return self.row.indikator

    @property
    def last_year(self) -> YearFigure | None:
        """The year before this one, when its realisasi is known."""
        this = self.years[-1].tahun if self.years else None
        for y in self.years:
            if this is not None and y.tahun == this - 1 and y.realisasi is not None:
                return y
        return None

    @property
    def pagu(self) -> Value:
        return _sum(p.pagu for p in self.programs)

    @property
    def realisasi_anggaran(self) -> Value:
        return _sum(p.realisasi for p in self.programs)

    @property
    def serapan(self) -> Value:
        pagu, real = self.pagu, self.realisasi_anggaran
        return None if not pagu or real is None else real / pagu * 100


@dataclass(frozen=True)
class SasaranFigures:
    nomor: int
    sasaran: Sasaran
    iku: tuple[IkuFigures, ...]


@dataclass(frozen=True)
class LkjipFigures:
    model: RecapModel
    sasaran: tuple[SasaranFigures, ...]
    programs: tuple[SerapanRow, ...]  # every program (the budget summary)

    @property
    def year(self) -> int:
        return self.model.period.year

    @property
    def iku(self) -> tuple[IkuFigures, ...]:
        return tuple(i for s in self.sasaran for i in s.iku)


def _sum(values: object) -> Value:
    nums = [v for v in values if v is not None]  # type: ignore[attr-defined]
    return float(sum(nums)) if nums else None


def _years(model: RecapModel, row: IndikatorRow, plan: RenstraRow | None,
           earlier: Mapping[int, Mapping[str, Value]]) -> tuple[YearFigure, ...]:
    """Earlier years (ledger first, then the Renstra sheet) and this year (the recap)."""
    ind = row.indikator
    year = model.period.year
    rule = model.catalog.instansi.rumus_negatif
    this = YearFigure(year, None if ind.target_tahunan is None else ind.target_tahunan.value, row.realisasi_sd,
                      row.capped_sd, THIS_RECAP)
    out: list[YearFigure] = []
    if plan is not None:
        for i, tahun in enumerate(plan.renstra.tahun):
            if tahun >= year:
                break
            target = plan.renstra.target[i]
            ledger = earlier.get(tahun, {}).get(ind.kode)
            real: Value
            cap: Value
            if ledger is not None:
                real, sumber = ledger, FROM_LEDGER
                cap = None if target is None else scoring.capaian(real, Target.single(target), ind.polaritas, rule)
            else:
                real, cap = plan.realisasi[i], plan.capaian[i]
                sumber = FROM_RENSTRA if real is not None else ""
            out.append(YearFigure(tahun, target, real, cap, sumber))
    else:
        ledger = earlier.get(year - 1, {}).get(ind.kode)
        out.append(YearFigure(year - 1, None, ledger, None, FROM_LEDGER if ledger is not None else ""))
    out.append(this)
    return tuple(out)


def build_figures(model: RecapModel, earlier: Mapping[int, Mapping[str, Value]] | None = None) -> LkjipFigures:
    """The LKjIP figures of an annual recap model.

    ``earlier``: year -> indicator code -> realisasi of that year as the workspace's ledger
    recorded it (the annual recap of that year); missing years fall back on the Renstra sheet.
    """
    earlier = earlier or {}
    plans = {r.indikator.kode: r for r in model.renstra}
    programs = tuple(r for r, _ in program_rows(model)) if model.budget is not None else ()
    by_sasaran: dict[str, list[SerapanRow]] = {}
    if model.budget is not None:
        sasaran_of = {r.kode: r.anggaran.sasaran.casefold() for r in model.budget.roots}
        for p in programs:
            by_sasaran.setdefault(sasaran_of.get(p.kode, ""), []).append(p)
    out = []
    n = 0
    for s in model.catalog.sasaran:
        rows = [r for r in model.indikator if r.indikator.iku and r.indikator.sasaran.casefold() == s.kode.casefold()]
        if not rows:
            continue
        n += 1
        iku = tuple(
            IkuFigures(f"{n}.{k}", r, _years(model, r, plans.get(r.indikator.kode), earlier),
                       plans.get(r.indikator.kode), tuple(by_sasaran.get(s.kode.casefold(), ())))
            for k, r in enumerate(rows, start=1))
        out.append(SasaranFigures(n, s, iku))
    return LkjipFigures(model, tuple(out), programs)
