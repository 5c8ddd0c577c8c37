"""The catalog (``katalog.xlsx``): model, loading, writing."""

from kinerja_xl.catalog.model import (
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
    SKALA,
    Target,
    TipeElemen,
)

__all__ = [
    "Agregasi", "BatasCapaian", "Bidang", "Catalog", "Elemen", "Indikator", "Instansi",
    "Polaritas", "RumusNegatif", "Sasaran", "Skala", "SKALA", "Target", "TipeElemen",
]
