"""The budget figures the bidang of the sample catalog report in 2025 (invented, plausible).

For every sub kegiatan of the sample catalog's Anggaran sheet, per quarter:
realisasi kinerja (K) of the quarter (for a *nilai akhir* or *rata-rata*
indicator: the level reached), realisasi fisik s.d. the quarter (%, cumulative)
and realisasi keuangan of the quarter (Rp, rounded to thousands), plus the
faktor pendorong / penghambat texts. Spending follows the usual slow start
(18 % of the pagu by the end of TW I, 94 % by year end), never above the pagu
and never more than a few points behind the physical progress.
"""

from __future__ import annotations

from kinerja_xl.catalog.model import Agregasi, Catalog
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG, FAKTOR_PENGHAMBAT

#: Share of the annual K target reached by the end of each quarter (kumulatif indicators).
K_SHARE = (0.2, 0.5, 0.75, 1.0)
#: Share of the pagu spent by the end of each quarter.
RP_SHARE = (0.18, 0.42, 0.68, 0.94)
#: Realisasi fisik s.d. each quarter, %.
FISIK = (22.0, 47.0, 73.0, 97.0)

_PENDORONG = "Kegiatan dilaksanakan sesuai jadwal dengan dukungan anggaran dan petugas yang memadai."
#: sub kegiatan -> (faktor pendorong, faktor penghambat) where the sample says more than the default
_FAKTOR: dict[str, tuple[str, str]] = {
    "2.12.02.2.01.0001": ("Kerja sama dengan RT/RW dan kecamatan dalam pendataan.",
                          "Sebagian penduduk rentan sulit ditemui pada jam kerja; pendataan dilanjutkan akhir pekan."),
    "2.12.02.2.02.0002": ("Pengadaan melalui e-katalog berjalan lancar.",
                          "Pengiriman formulir dari penyedia bertahap mengikuti kontrak."),
    "2.12.04.2.03.0003": ("Dukungan jaringan dari Dinas Komunikasi dan Informatika.",
                          "Gangguan jaringan SIAK beberapa hari; diselesaikan bersama Ditjen Dukcapil."),
}


def _thousands(x: float) -> float:
    return float(round(x / 1000) * 1000)


def budget_values(catalog: Catalog, bidang: str, q: int) -> dict[str, dict[str, object]]:
    """Sub kegiatan kode -> ``{layout.BUDGET_K, BUDGET_FISIK, BUDGET_RP}`` as ``bidang`` reports TW ``q``."""
    out: dict[str, dict[str, object]] = {}
    for a in catalog.sub_kegiatan_of(bidang):
        target = a.target_k or 0.0
        k: float
        if a.agregasi is Agregasi.KUMULATIF:
            k = round(target * K_SHARE[q - 1]) - (round(target * K_SHARE[q - 2]) if q > 1 else 0)
        else:  # the level reached: one short of the target in TW I
            k = target - 1 if q == 1 and target >= 1 else target
        pagu = a.pagu or 0.0
        rp = _thousands(pagu * RP_SHARE[q - 1]) - (_thousands(pagu * RP_SHARE[q - 2]) if q > 1 else 0.0)
        out[a.kode] = {layout.BUDGET_K: float(k), layout.BUDGET_FISIK: FISIK[q - 1], layout.BUDGET_RP: rp}
    return out


def budget_faktor(catalog: Catalog, bidang: str) -> dict[str, dict[str, str]]:
    """Sub kegiatan kode -> faktor pendorong / penghambat texts of ``bidang``."""
    out: dict[str, dict[str, str]] = {}
    for a in catalog.sub_kegiatan_of(bidang):
        pendorong, penghambat = _FAKTOR.get(a.kode, (_PENDORONG, ""))
        out[a.kode] = {FAKTOR_PENDORONG: pendorong, **({FAKTOR_PENGHAMBAT: penghambat} if penghambat else {})}
    return out


def budget_history(catalog: Catalog, q: int) -> dict[int, dict[str, dict[str, float | None]]]:
    """Quarter -> sub kegiatan kode -> accepted figures, for the quarters before ``q`` (every bidang)."""
    out: dict[int, dict[str, dict[str, float | None]]] = {}
    for k in range(1, q):
        out[k] = {}
        for b in catalog.bidang:
            for kode, values in budget_values(catalog, b.kode, k).items():
                out[k][kode] = {key: float(v) if isinstance(v, (int, float)) else None for key, v in values.items()}
    return out
