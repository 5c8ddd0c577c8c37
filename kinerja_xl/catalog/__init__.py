"""The catalog (``katalog.xlsx``): model, loading, writing."""

from kinerja_xl.catalog.model import (
    SKALA,
    Agregasi,
    BatasCapaian,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    RumusNegatif,
    Sasaran,
    Skala,
    Target,
    TipeElemen,
)

__all__ = [
    "SKALA",
    "Agregasi",
    "BatasCapaian",
    "Bidang",
    "Catalog",
    "Elemen",
    "Indikator",
    "Instansi",
    "Polaritas",
    "RumusNegatif",
    "Sasaran",
    "Skala",
    "Target",
    "TipeElemen",
]
