"""Loading the optional *Anggaran* and *Renstra* sheets of ``katalog.xlsx``.

Both sheets may be absent or empty: the catalog then has no budget tree / no
Renstra plans, without a finding. The cell readers (and their findings) are
the catalog's shared :class:`~kinerja_xl.catalog.reading.SheetReader`.

Choices made here:

* the level of an Anggaran row comes from the shape of its kode rekening
  (program ``2.12.02``, kegiatan ``2.12.02.2.01``, sub kegiatan
  ``2.12.02.2.01.0001``); rows may come in any order, the catalog holds them
  sorted by kode (a program, then its kegiatan, each followed by its sub
  kegiatan);
* every kegiatan needs its program row and every sub kegiatan its kegiatan row;
* a sub kegiatan needs a known bidang (it reports its realisation on that
  bidang's form); on a program or kegiatan the bidang is optional;
* indikator, satuan and agregasi are required on every row (form E.81 has an
  indicator on each of them); target and Renstra columns may be blank;
* a program's or kegiatan's pagu may be blank: it is then the sum of the pagu
  below it (kegiatan from their sub kegiatan, then programs from their
  kegiatan). A pagu that is filled and differs from that sum is a warning. The
  Renstra Rp columns are not summed;
* a Renstra row's year columns are numbered ("Target Tahun 1" is the Tahun
  Awal); headers naming the years ("Target 2023" … "Target 2027", as copied
  from a Renstra document) are read too: the first year named is then the
  Tahun Awal, and the Tahun Awal column may be left out or blank (filled, it
  must be that year);
* the catalog's tahun must be one of the five years, and realisations may be
  filled only up to the catalog's tahun. A Renstra target for the catalog's
  tahun outside the Indikator sheet's annual target is a warning.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog.headers import key
from kinerja_xl.catalog.model import (
    Anggaran,
    Bidang,
    Renstra,
    Sasaran,
    Target,
    Tingkat,
    tingkat_of,
)
from kinerja_xl.catalog.reading import SheetReader, rupiah_text
from kinerja_xl.catalog.sheets import Grid, Table, find_header_row, saran, suggestion
from kinerja_xl.catalog.values import (
    BAD,
    BadValue,
    target_text,
    text,
    whole_number,
)

_RP_FIELDS = ("pagu", "renstra_target_rp", "renstra_realisasi_rp")
_NUMBER_FIELDS = ("pagu", "target_k", "renstra_target_k", "renstra_target_rp", "renstra_realisasi_k",
                  "renstra_realisasi_rp")
_PARENT = {Tingkat.KEGIATAN: Tingkat.PROGRAM, Tingkat.SUB_KEGIATAN: Tingkat.KEGIATAN}
_LABEL = {Tingkat.PROGRAM: "program", Tingkat.KEGIATAN: "kegiatan", Tingkat.SUB_KEGIATAN: "sub kegiatan"}


def rekening_key(kode: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a kode rekening: by its numeric parts, so a parent comes right before its children."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in kode.split("."))


def _induk(kode: str) -> str | None:
    return Anggaran(kode=kode, nama="", indikator="", satuan="", bidang="").induk


def unread_optional_sheets(ld: SheetReader, others: list[str], grids: dict[str, Grid]) -> None:
    """Warn about a sheet that looks like an absent optional sheet ("Anggaran 2025", "Renstra 2023-2027"):
    it is not read, so its budget or plans would be missing without a word."""
    for sheet in H.OPTIONAL_SHEETS:
        if sheet in grids:
            continue
        for name in others:
            if key(sheet) in key(name) or suggestion(name, [sheet]):
                ld.add("katalog-lembar-tidak-dibaca", name, None, name, lembar=sheet)


# --- Anggaran -----------------------------------------------------------------------------


def read_anggaran(ld: SheetReader, t: Table | None, bidang: dict[str, Bidang], sasaran: dict[str, Sasaran],
                  elemen: dict[str, dict[str, Any]]) -> tuple[Anggaran, ...]:
    """The budget tree of the Anggaran sheet, sorted by kode (findings go to ``ld``).

    ``elemen``: the loaded Elemen records (a bidang that fills none gets no form to report on).
    """
    if t is None:
        return ()
    seen: dict[str, str] = {}  # kode -> A1 cell of its kode
    records: dict[str, tuple[dict[str, Any], int]] = {}
    known = sorted(code for sheet, code in ld.sources if sheet == H.SHEET_INDIKATOR)
    for r in t.data_rows():
        kode = _kode(ld, t, r, seen)
        tingkat = tingkat_of(kode) if kode else None
        linked = _indikator_kode(ld, t, r, kode, known)
        rec: dict[str, Any] = {
            "kode": kode,
            "nama": ld.required_text(t, r, "nama"),
            # a row measured by linked indicators may leave its own indicator blank
            **{f: text(t.get(r, f)) if linked else ld.required_text(t, r, f) for f in ("indikator", "satuan")},
            "indikator_kode": linked,
            "keterangan": text(t.get(r, "keterangan")),
            "tindak_lanjut": text(t.get(r, "tindak_lanjut")),
            "bidang": _bidang(ld, t, r, bidang, required=tingkat is Tingkat.SUB_KEGIATAN),
            "sasaran": "" if not text(t.get(r, "sasaran")) else ld.reference(
                t, r, "sasaran", sasaran, "katalog-sasaran-tidak-ada"),
            "agregasi": ld.choice(t, r, "agregasi", H.ELEMEN_AGREGASI_CHOICES),
            **{f: ld.number(t, r, f, rupiah=f in _RP_FIELDS,
                            example="250000000" if f in _RP_FIELDS else "12 atau 98,5") for f in _NUMBER_FIELDS},
        }
        if all(v is not None and v is not BAD for k, v in rec.items() if k not in _NUMBER_FIELDS) \
                and BAD not in (rec[f] for f in _NUMBER_FIELDS):
            records[kode] = (rec, r)  # type: ignore[index]  # kode is not None here
    for kode, cell in seen.items():
        tingkat = tingkat_of(kode)
        parent = _induk(kode)
        if tingkat in _PARENT and parent not in seen:
            ld.add("katalog-anggaran-induk-tidak-ada", t.grid.name, cell, kode,
                   tingkat=_LABEL[tingkat].capitalize(), tingkat_induk=_LABEL[_PARENT[tingkat]], induk=parent,
                   lembar=t.grid.name)
    _sum_pagu(ld, t, records)
    _without_form(ld, t, records, {rec["bidang"] for rec in elemen.values()})
    return tuple(Anggaran(**rec) for _, (rec, _r) in sorted(records.items(), key=lambda kv: rekening_key(kv[0])))


def _indikator_kode(ld: SheetReader, t: Table, r: int, kode: str | None, known: list[str]) -> Any:
    """The Indikator-sheet codes a row is measured by ("IK01, IK03"); BAD after a finding."""
    raw = text(t.get(r, "indikator_kode"))
    codes = tuple(dict.fromkeys(c.upper() for c in re.split(r"[\s,;]+", raw) if c))
    for c in codes:
        if c not in known:
            ld.add("katalog-anggaran-indikator-tidak-ada", t.grid.name, t.cell(r, "indikator_kode"), c,
                   kode=kode or "ini", saran=saran(suggestion(c, known)))
            return BAD
    return codes


def _without_form(ld: SheetReader, t: Table, records: dict[str, tuple[dict[str, Any], int]], filling: set[str]) -> None:
    """Warn once per bidang that has sub kegiatan but fills no element: forms go to element-filling bidang only."""
    warned: set[str] = set()
    for kode, (rec, r) in records.items():
        b = rec["bidang"]
        if tingkat_of(kode) is Tingkat.SUB_KEGIATAN and b not in filling and b not in warned:
            warned.add(b)
            ld.add("katalog-anggaran-bidang-tanpa-formulir", t.grid.name, t.cell(r, "bidang"), b, kode=kode)


def _kode(ld: SheetReader, t: Table, r: int, seen: dict[str, str]) -> str | None:
    raw = ld.required_text(t, r, "kode")
    if raw is None:
        return None
    kode = raw.upper()
    cell = t.cell(r, "kode")
    if tingkat_of(kode) is None:
        ld.add("katalog-anggaran-kode-tidak-sah", t.grid.name, cell, raw)
        return None
    if kode in seen:
        ld.add("katalog-kode-ganda", t.grid.name, cell, kode, sel_lain=seen[kode], lembar=t.grid.name)
        return None
    seen[kode] = cell
    ld.sources[(H.SHEET_ANGGARAN, kode)] = cell
    return kode


def _bidang(ld: SheetReader, t: Table, r: int, known: dict[str, Bidang], required: bool) -> str | None:
    if not required and not text(t.get(r, "bidang")):
        return ""
    return ld.reference(t, r, "bidang", known, "katalog-bidang-tidak-ada")


def _sum_pagu(ld: SheetReader, t: Table, records: dict[str, tuple[dict[str, Any], int]]) -> None:
    """Fill a blank parent pagu with its children's sum; warn when a filled one differs."""
    for level in (Tingkat.KEGIATAN, Tingkat.PROGRAM):
        children: dict[str, list[float]] = {}
        for kode, (rec, _r) in records.items():
            tingkat = tingkat_of(kode)
            parent = _induk(kode)
            if tingkat in _PARENT and _PARENT[tingkat] is level and parent and rec["pagu"] is not None:
                children.setdefault(parent, []).append(rec["pagu"])
        for parent, pagus in children.items():
            if parent not in records:
                continue
            rec, r = records[parent]
            total = math.fsum(pagus)
            if rec["pagu"] is None:
                rec["pagu"] = total
            elif not math.isclose(rec["pagu"], total, rel_tol=0, abs_tol=0.5):
                child = _LABEL[Tingkat.SUB_KEGIATAN if level is Tingkat.KEGIATAN else Tingkat.KEGIATAN]
                ld.add("katalog-anggaran-pagu-tidak-sesuai", t.grid.name, t.cell(r, "pagu"), rec["pagu"],
                       tingkat=_LABEL[level], kode=parent, pagu=rupiah_text(rec["pagu"]), anak=child,
                       jumlah=rupiah_text(total))


# --- Renstra ------------------------------------------------------------------------------

_YEAR_HEADER = re.compile(r"^(target|realisasi)\s*(?:tahun\s*)?((?:19|20|21)\d\d)$", re.IGNORECASE)


def renstra_layout(grid: Grid | None) -> tuple[Grid | None, tuple[H.Column, ...], int | None]:
    """The Renstra sheet with year headers ("Target 2023") renamed to the numbered ones, its columns,
    and the first year named (``None`` when the headers are numbered)."""
    columns = H.RENSTRA_COLUMNS
    if grid is None:
        return None, columns, None
    r, _ = find_header_row(grid, {key(n): c.field for c in columns for n in c.names})
    row = list(grid.rows[r]) if r < len(grid.rows) else []
    years = {c: (m[1], int(m[2])) for c, v in enumerate(row)
             if isinstance(v, str) and (m := _YEAR_HEADER.match(v.strip()))}
    if not years:
        return grid, columns, None
    first = min(year for _, year in years.values())
    for c, (kind, year) in years.items():
        if year - first < H.RENSTRA_YEARS:
            row[c] = f"{kind.capitalize()} Tahun {year - first + 1}"
    rows = list(grid.rows)
    rows[r] = tuple(row)
    columns = tuple(dataclasses.replace(c, required=False) if c.field == "tahun_awal" else c for c in columns)
    return Grid(grid.name, rows), columns, first


def read_renstra(ld: SheetReader, t: Table | None, indikator: dict[str, dict[str, Any]],
                 tahun: int | None, first_year: int | None = None) -> tuple[Renstra, ...]:
    """The Renstra plans of the Renstra sheet, in sheet order (findings go to ``ld``).

    ``indikator``: the loaded Indikator records by code (for the annual target check);
    ``tahun``: the catalog's year (``None`` when the Instansi sheet has an error);
    ``first_year``: the first year named by the headers (see :func:`renstra_layout`).
    """
    if t is None:
        return ()
    known = {code for sheet, code in ld.sources if sheet == H.SHEET_INDIKATOR}
    seen: dict[str, str] = {}
    out: list[Renstra] = []
    n = H.RENSTRA_YEARS
    for r in t.data_rows():
        kode = ld.unique_code(t, r, seen)
        if kode is not None and kode not in known:
            ld.add("katalog-renstra-indikator-tidak-ada", t.grid.name, t.cell(r, "kode"), kode,
                   saran=saran(suggestion(kode, sorted(known))))
            kode = None
        awal = _tahun_awal(ld, t, r, first_year)
        baseline = ld.number(t, r, "baseline")
        targets = [ld.number(t, r, f"target{k}") for k in range(1, n + 1)]
        realisasi = [ld.number(t, r, f"realisasi{k}") for k in range(1, n + 1)]
        if awal is not None and tahun is not None:
            if not awal <= tahun < awal + n:
                ld.add("katalog-renstra-periode-tidak-sesuai", t.grid.name, t.cell(r, "tahun_awal"), awal,
                       awal=awal, akhir=awal + n - 1, tahun=tahun)
                awal = None
            else:
                for k, value in enumerate(realisasi, start=1):
                    if value is not None and value is not BAD and awal + k - 1 > tahun:
                        ld.add("katalog-renstra-realisasi-belum-waktunya", t.grid.name,
                               t.cell(r, f"realisasi{k}"), value, ke=k, tahun_realisasi=awal + k - 1, tahun=tahun)
                        realisasi[k - 1] = BAD
        akhir = ld.number(t, r, "target_akhir_k")
        values = [baseline, *targets, *realisasi, akhir]
        if kode is None or awal is None or BAD in values:
            continue
        if tahun is not None:
            _check_target(ld, t, r, kode, indikator.get(kode), targets[tahun - awal], tahun - awal + 1, tahun)
        out.append(Renstra(kode, awal, baseline, tuple(targets), tuple(realisasi), akhir))
    return tuple(out)


def _tahun_awal(ld: SheetReader, t: Table, r: int, first_year: int | None) -> int | None:
    raw = t.get(r, "tahun_awal")
    if not text(raw):
        if first_year is not None:
            return first_year
        ld.required_text(t, r, "tahun_awal")  # the "wajib diisi" finding
        return None
    try:
        year = whole_number(raw)
    except BadValue:
        year = None
    if year is None or not 2000 <= year <= 2100:
        ld.add("katalog-tahun-tidak-sah", t.grid.name, t.cell(r, "tahun_awal"), text(raw))
        return None
    if first_year is not None and year != first_year:
        ld.add("katalog-renstra-tahun-awal-beda", t.grid.name, t.cell(r, "tahun_awal"), year, tahun_judul=first_year)
        return None
    return year


def _check_target(ld: SheetReader, t: Table, r: int, kode: str, rec: dict[str, Any] | None, value: float | None,
                  k: int, tahun: int) -> None:
    annual: Target | None = rec["target_tahunan"] if rec else None
    if value is None or not isinstance(annual, Target):
        return
    tol = 1e-9 * max(1.0, abs(annual.low), abs(annual.high))
    if annual.low - tol <= value <= annual.high + tol:
        return
    ld.add("katalog-renstra-target-beda", t.grid.name, t.cell(r, f"target{k}"), value, kode=kode, tahun=tahun,
           renstra=target_text(Target.single(value)), tahunan=target_text(annual))
