"""Consistency checks on catalog records that are not about a single cell."""

from __future__ import annotations

import math
from collections.abc import Sequence

from kinerja_xl.catalog.model import Agregasi, Target
from kinerja_xl.catalog.values import text


def quarter_target_problem(agregasi: Agregasi, annual: Target | None,
                           tw: Sequence[Target | None]) -> tuple[str, str] | None:
    """``(what is wrong, how to fix)`` when quarter targets contradict the annual one, else ``None``.

    *kumulatif*: quarter targets are per quarter and add up to the annual target;
    *nilai akhir*: the TW IV target is the year-end level, equal to the annual target.
    Ranges and incomplete targets are not checked.
    """
    if annual is None or annual.is_range:
        return None
    if agregasi is Agregasi.KUMULATIF and all(q is not None and not q.is_range for q in tw):
        total = sum(q.value for q in tw if q is not None)
        if not math.isclose(total, annual.value, rel_tol=1e-9, abs_tol=1e-9):
            return (f"jumlah target TW I-IV adalah {text(total)}",
                    ("Untuk agregasi kumulatif, target TW adalah target masing-masing triwulan dan jumlahnya sama "
                    "dengan target tahunan; bila yang ditulis adalah target s.d. triwulan, ubah menjadi target "
                    "per triwulan, atau ganti agregasinya."))
    elif agregasi is Agregasi.NILAI_AKHIR and tw[3] is not None and tw[3] != annual:
        return (f"target TW IV adalah {tw[3]}",
                ("Untuk agregasi nilai akhir, target TW IV adalah tingkat akhir tahun dan sama dengan target "
                "tahunan."))
    return None
