"""The words for where a file or a bidang stands, in the SOP's vocabulary (one place for every output).

A checked file is ``diterima``, ``dikembalikan`` or ``dilewati`` (:class:`~kinerja_xl.intake.result.Verdict`);
a bidang for a period is ``belum mengirim``, ``dikembalikan``, ``diterima`` or ``revisi ke-n``
(:class:`~kinerja_xl.status.BidangStatus`, shown by ``status``, the laporan pemeriksaan and the recap's
*Status Pengumpulan*).
"""

from __future__ import annotations

DITERIMA = "diterima"
DIKEMBALIKAN = "dikembalikan"
DILEWATI = "dilewati"
BELUM_MENGIRIM = "belum mengirim"


def revisi(n: int) -> str:
    """The state of a bidang whose n-th revision stands (0 is the first accepted file: ``diterima``)."""
    return DITERIMA if n == 0 else f"revisi ke-{n}"


def is_accepted(state: str) -> bool:
    """Whether a bidang's state means an accepted file stands."""
    return state == DITERIMA or state.startswith("revisi ke-")
