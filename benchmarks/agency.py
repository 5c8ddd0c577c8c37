"""A synthetic agency of N reporting units, for the whole-command benchmarks.

The sample agency (5 bidang, 34 elements, 19 indicators, 24 budget rows, 19 Renstra plans)
repeated as often as needed: copy ``g`` renames every bidang, element, indicator and Renstra
code with the suffix ``_g`` (``DAF01_007``) and moves its budget tree to its own urusan
(``2.12.02…`` becomes ``1.07.02…``), so every unit is distinct and every copy loads
without a finding. The sasaran are shared. Its filled forms carry the sample's figures
(accepted, with the warnings the sample has).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from kinerja_xl.catalog.model import Anggaran, Catalog
from kinerja_xl.contoh.budget import budget_faktor, budget_values
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.contoh.data import needed_kendala, quarter_values
from kinerja_xl.forms.context import FormFill
from kinerja_xl.forms.writer import form_file_name, write_form
from kinerja_xl.period import Period
from kinerja_xl.rumus import parse

YEAR = 2025


def _urusan(g: int) -> str:
    return f"{1 + g // 100}.{g % 100:02d}"


def synthetic_agency(n: int) -> Catalog:
    """The first ``n`` bidang of as many copies of the sample agency as needed."""
    base = build_sample_catalog()
    if n <= len(base.bidang):
        keep = {b.kode for b in base.bidang[:n]}
        return dataclasses.replace(
            base, bidang=base.bidang[:n], elemen=tuple(e for e in base.elemen if e.bidang in keep),
            indikator=tuple(i for i in base.indikator if i.bidang in keep),
            anggaran=tuple(a for a in base.anggaran if a.bidang in keep),
            renstra=tuple(r for r in base.renstra if base.indikator_by_kode[r.indikator].bidang in keep))
    copies = -(-n // len(base.bidang))
    bidang, elemen, indikator, anggaran, renstra = [], [], [], [], []
    for g in range(copies):
        def rn(code: str, g: int = g) -> str:
            return f"{code}_{g:03d}"

        def rekening(kode: str, g: int = g) -> str:
            return _urusan(g) + kode[len("2.12"):]

        bidang += [dataclasses.replace(b, kode=rn(b.kode), nama=f"{b.nama} {g + 1:03d}") for b in base.bidang]
        elemen += [dataclasses.replace(e, kode=rn(e.kode), bidang=rn(e.bidang)) for e in base.elemen]
        for ind in base.indikator:
            text = ind.rumus.source
            for old in sorted(ind.rumus.elements, key=len, reverse=True):
                text = text.replace(old, rn(old))
            indikator.append(dataclasses.replace(ind, kode=rn(ind.kode), bidang=rn(ind.bidang), rumus=parse(text)))
        anggaran += [dataclasses.replace(a, kode=rekening(a.kode), bidang=rn(a.bidang) if a.bidang else "",
                                         indikator_kode=tuple(rn(k) for k in a.indikator_kode))
                     for a in base.anggaran]
        renstra += [dataclasses.replace(r, indikator=rn(r.indikator)) for r in base.renstra]
    keep = {b.kode for b in bidang[:n]}
    kept_indikator = tuple(i for i in indikator if i.bidang in keep)
    kept_codes = {i.kode for i in kept_indikator}
    return dataclasses.replace(
        base, bidang=tuple(bidang[:n]), elemen=tuple(e for e in elemen if e.bidang in keep),
        indikator=kept_indikator,
        anggaran=tuple(dataclasses.replace(a, indikator_kode=tuple(k for k in a.indikator_kode if k in kept_codes))
                       for a in anggaran if _kept(a, keep)),
        renstra=tuple(r for r in renstra if r.indikator in kept_codes))


def _kept(a: Anggaran, keep: set[str]) -> bool:
    return a.bidang in keep


def _base_code(code: str) -> str:
    return code.rsplit("_", 1)[0] if "_" in code else code


def filled(catalog: Catalog, bidang: str, q: int) -> FormFill:
    """The form of ``bidang`` for TW ``q`` as the sample's bidang fill it (no faults)."""
    sample = quarter_values(q)
    values = {e.kode: sample[_base_code(e.kode)] for e in catalog.elemen_of(bidang)}
    return FormFill(values=values, kendala=needed_kendala(catalog, bidang, q, values),
                    tanggal=dt.date(YEAR, 3 * q + 1 if q < 4 else 12, 3),
                    anggaran=budget_values(catalog, bidang, q), faktor=budget_faktor(catalog, bidang))


def write_inbox(catalog: Catalog, q: int, folder: Path) -> list[Path]:
    """Every unit's filled form for TW ``q`` in ``folder``."""
    period = Period(YEAR, "TW", q)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_form(catalog, b.kode, period, folder / form_file_name(b, period),
                       created=dt.datetime(YEAR, 3 * q, 25, 8, 0), fill=filled(catalog, b.kode, q))
            for b in catalog.bidang_with_form]
