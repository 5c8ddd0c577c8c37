"""Perjanjian Kinerja (PermenPANRB 53/2014) as data: who signs, when, and what they promise.

Signed at the start of the year, so everything here comes from the catalog alone (no submission is
needed): the date is the Instansi setting *Tanggal Perjanjian Kinerja* (default 2 January of the
year). The agreements cascade:

* the Kepala OPD's, with the Kepala Daerah: sasaran strategis with their IKU (every indicator when
  the catalog marks none as IKU) and target, then the programs with their pagu;
* each Kepala Bidang's, with the Kepala OPD: the kegiatan the bidang is responsible for in the
  Anggaran sheet, each with its indicators (those of the Indikator sheet it is linked to, else its
  own) and pagu — or, for a bidang that has no kegiatan of its own, its sub kegiatan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_xl.catalog.model import (
    Anggaran,
    Bidang,
    Catalog,
    Indikator,
    Target,
    Tingkat,
)
from kinerja_xl.recap.texts import place


@dataclass(frozen=True)
class Pihak:
    """A party of the agreement."""

    nama: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class Sasaran:
    """A row group of the lampiran: a sasaran (or kegiatan) with its indicators and their targets."""

    uraian: str
    indikator: tuple[tuple[str, str, float | str | None], ...]  # (nama, satuan, target)
    anggaran: float | None = None  # the kegiatan's pagu (Kepala Bidang), None for a sasaran


@dataclass(frozen=True)
class Perjanjian:
    """One Perjanjian Kinerja: the statement page and its lampiran."""

    kode: str  # "OPD" or the bidang's code
    tahun: int
    pertama: Pihak
    kedua: Pihak
    tempat: str
    tanggal: dt.date
    nama_opd: str
    pemerintah_daerah: str
    judul_baris: str  # "Sasaran Strategis" / "Kegiatan" / "Sub Kegiatan"
    baris: tuple[Sasaran, ...]
    program: tuple[tuple[str, str, float | None], ...] = ()  # (kode, nama, pagu): the Kepala OPD's programs

    @property
    def jumlah_anggaran(self) -> float | None:
        values = [p for _, _, p in self.program if p is not None] or [
            s.anggaran for s in self.baris if s.anggaran is not None]
        return float(sum(values)) if values else None


def kepala_daerah(pemerintah_daerah: str) -> str:
    """``Pemerintah Kabupaten Contoh`` → ``Bupati Contoh``; ``… Kota X`` → ``Wali Kota X``."""
    name = place(pemerintah_daerah)
    for prefix, title in (("kabupaten ", "Bupati "), ("kota ", "Wali Kota "), ("provinsi ", "Gubernur ")):
        if name.lower().startswith(prefix):
            return title + name[len(prefix):]
    return "Kepala Daerah"


def jabatan_kepala(bidang: Bidang) -> str:
    """``Kepala Bidang Pelayanan …``; ``Sekretaris`` for the Sekretariat; a name that already says its kind
    (Bidang, Bagian, Sub Bagian, Seksi, UPT) gets just ``Kepala``."""
    nama = bidang.nama.strip()
    low = nama.casefold()
    if low.startswith("sekretariat"):
        return "Sekretaris"
    if low.startswith(("bidang", "bagian", "sub bagian", "subbagian", "seksi", "upt")):
        return f"Kepala {nama}"
    return f"Kepala Bidang {nama}"


def target_cell(t: Target | None) -> float | str | None:
    if t is None:
        return None
    return str(t) if t.is_range else t.low


def _indikator_of(catalog: Catalog, a: Anggaran) -> tuple[tuple[str, str, float | str | None], ...]:
    linked = [catalog.indikator_by_kode[k] for k in a.indikator_kode if k in catalog.indikator_by_kode]
    if linked:
        return tuple((i.nama, i.satuan, target_cell(i.target_tahunan)) for i in linked)
    return ((a.indikator, a.satuan, a.target_k),)


def _kepala_opd(catalog: Catalog) -> Pihak:
    ins = catalog.instansi
    return Pihak(ins.kepala_nama, ins.kepala_nip, ins.kepala_jabatan or f"Kepala {ins.nama_opd}")


def _common(catalog: Catalog) -> dict[str, object]:
    ins = catalog.instansi
    return {"tahun": ins.tahun, "tempat": place(ins.pemerintah_daerah), "tanggal": ins.tanggal_perjanjian,
            "nama_opd": ins.nama_opd, "pemerintah_daerah": ins.pemerintah_daerah}


def perjanjian_opd(catalog: Catalog) -> Perjanjian:
    """The Kepala OPD's agreement with the Kepala Daerah."""
    ins = catalog.instansi
    iku = [i for i in catalog.indikator if i.iku] or list(catalog.indikator)
    groups: dict[str, list[Indikator]] = {}
    for ind in iku:
        groups.setdefault(ind.sasaran, []).append(ind)
    order = [s.kode for s in catalog.sasaran if s.kode in groups] + [k for k in groups if k not in
                                                                    catalog.sasaran_by_kode]
    baris = tuple(Sasaran(catalog.sasaran_by_kode[k].uraian if k in catalog.sasaran_by_kode else k,
                          tuple((i.nama, i.satuan, target_cell(i.target_tahunan)) for i in groups[k]))
                  for k in order)
    program = tuple((a.kode, a.nama, a.pagu) for a in catalog.anggaran if a.tingkat is Tingkat.PROGRAM)
    kedua = Pihak("", "", kepala_daerah(ins.pemerintah_daerah))
    return Perjanjian(kode="OPD", pertama=_kepala_opd(catalog), kedua=kedua, judul_baris="Sasaran Strategis",
                      baris=baris, program=program, **_common(catalog))  # type: ignore[arg-type]


def perjanjian_bidang(catalog: Catalog, bidang: Bidang) -> Perjanjian | None:
    """A Kepala Bidang's agreement with the Kepala OPD; ``None`` when the bidang has no kegiatan or sub
    kegiatan in the Anggaran sheet."""
    own = [a for a in catalog.anggaran if a.bidang == bidang.kode]
    rows = [a for a in own if a.tingkat is Tingkat.KEGIATAN]
    judul = "Kegiatan"
    if not rows:
        rows, judul = [a for a in own if a.tingkat is Tingkat.SUB_KEGIATAN], "Sub Kegiatan"
    if not rows:
        return None
    baris = tuple(Sasaran(f"{a.kode} {a.nama}", _indikator_of(catalog, a), a.pagu) for a in rows)
    pertama = Pihak(bidang.kepala_nama, bidang.kepala_nip, jabatan_kepala(bidang))
    return Perjanjian(kode=bidang.kode, pertama=pertama, kedua=_kepala_opd(catalog), judul_baris=judul,
                      baris=baris, **_common(catalog))  # type: ignore[arg-type]


def perjanjian_all(catalog: Catalog) -> list[Perjanjian]:
    """The Kepala OPD's agreement, then one per Kepala Bidang with kegiatan, in catalog order."""
    out = [perjanjian_opd(catalog)]
    for b in catalog.bidang:
        pk = perjanjian_bidang(catalog, b)
        if pk is not None:
            out.append(pk)
    return out
