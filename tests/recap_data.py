"""Accepted submissions for recap tests, built in code from the sample figures.

Faithful to ``kinerja_xl.contoh.data`` except for a few deliberate gaps:
PDIP did not survey IKM in TW II (PDI03 blank), the Sekretariat had no
audit recommendations in TW I (SEK03/SEK04 blank) and 0 recommendations in
TW III (a division by zero), and PIAK has not sent TW IV. Bidang with sub kegiatan in the
catalog's budget tree report them as ``kinerja_xl.contoh.budget`` says.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.contoh.budget import budget_faktor, budget_values
from kinerja_xl.contoh.data import KENDALA, KETERANGAN, VALUES
from kinerja_xl.ledger import AcceptedSubmission

GENERATED = dt.datetime(2026, 1, 20, 9, 30)
MISSING = {("PIAK", 4)}
BLANKS = {("PDI03", 2), ("SEK03", 1), ("SEK04", 1)}
OVERRIDES = {("SEK03", 3): 0.0, ("SEK04", 3): 0.0}


def value(code: str, q: int) -> float | None:
    """The value the recap should show for an element in quarter q (None = blank)."""
    if (code, q) in BLANKS:
        return None
    if (code, q) in OVERRIDES:
        return OVERRIDES[(code, q)]
    return float(VALUES[code][q - 1])


def budget(catalog: Catalog, bidang: str, q: int) -> dict[str, dict[str, float | None]]:
    """Sub kegiatan kode -> {"k", "fisik", "rp"} as the ledger gives them (floats)."""
    return {kode: {key: float(v) if isinstance(v, (int, float)) else None for key, v in fields.items()}
            for kode, fields in budget_values(catalog, bidang, q).items()}


def submissions(catalog: Catalog, year: int = 2025, quarters: tuple[int, ...] = (1, 2, 3, 4)) -> list[AcceptedSubmission]:
    out = []
    next_id = 1
    for q in quarters:
        for b in catalog.bidang:
            elemen = catalog.elemen_of(b.kode)
            if not elemen or (b.kode, q) in MISSING:
                continue
            received = dt.datetime(year, 3 * q, 28) + dt.timedelta(days=5 + len(b.kode), hours=8 + q)
            out.append(AcceptedSubmission(
                id=next_id, bidang=b.kode, period=f"{year}-TW{q}",
                file_name=f"Formulir {b.kode} {year}-TW{q}.xlsx", sha256=f"{next_id:064x}",
                received_at=received.isoformat(timespec="seconds"), revision=1 if b.kode == "CAPIL" and q == 1 else 0,
                values={e.kode: value(e.kode, q) for e in elemen},
                keterangan={k: v for k, v in KETERANGAN.items() if k in {e.kode for e in elemen}},
                kendala={i.kode: KENDALA[i.kode] for i in catalog.indikator_of(b.kode)
                         if i.kode in KENDALA},
                anggaran=budget(catalog, b.kode, q), faktor=budget_faktor(catalog, b.kode),
            ))
            next_id += 1
    return out


def read_table(ws: Any) -> dict[str, dict[str, Any]]:
    """The sheet's Excel table as {first key column value: {header: value}} (found through the table, not rows)."""
    (table,) = ws.tables.values()
    (first, last) = table.ref.split(":")
    rows = list(ws[table.ref])
    headers = [c.value for c in rows[0]]
    key = next((h for h in headers if str(h).startswith("Kode")), headers[0])
    out = {}
    for row in rows[1:]:
        record = {h: c.value for h, c in zip(headers, row, strict=True)}
        out[str(record[key])] = record
    assert first and last
    return out


def generic_submissions(catalog: Catalog, overrides: dict[tuple[str, int], float | None] | None = None,
                        missing: set[tuple[str, int]] | None = None, year: int = 2025) -> list[AcceptedSubmission]:
    """Plausible, deterministic values for any catalog: TW I–IV for every bidang that fills elements."""
    overrides = overrides or {}
    out: list[AcceptedSubmission] = []
    for q in (1, 2, 3, 4):
        for b in catalog.bidang:
            elemen = catalog.elemen_of(b.kode)
            if not elemen or (b.kode, q) in (missing or set()):
                continue
            values: dict[str, float | None] = {}
            for i, e in enumerate(elemen):
                base = float(1000 + 150 * i + 40 * q) if e.max is None else min(e.max, 70.0 + 5 * q + i)
                values[e.kode] = overrides.get((e.kode, q), base)
            out.append(AcceptedSubmission(
                id=len(out) + 1, bidang=b.kode, period=f"{year}-TW{q}", file_name=f"{b.kode}-TW{q}.xlsx",
                sha256=f"{len(out) + 1:064x}", received_at=f"{year}-{3 * q:02d}-28T10:00:00", revision=0,
                values=values, kendala={i.kode: "Kendala; rencana tindak lanjut." for i in catalog.indikator_of(b.kode)}))
    return out
