"""Small catalogs built in code, for tests (import as ``from factories import small_catalog``).

:func:`small_catalog` covers, in a few rows: positive, negative and range
("rentang") polarity, a range target, each aggregation type, each element type,
an optional (non-wajib) element, an indicator whose rumus uses an element of
another bidang (cannot be previewed on the form), a zero target, a missing
quarter target, and a bidang without elements (gets no form).
"""

from __future__ import annotations

import dataclasses

from kinerja_xl import rumus
from kinerja_xl.catalog.model import (
    Agregasi,
    BatasCapaian,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    Sasaran,
    Target,
    TipeElemen,
)
from kinerja_xl.catalog.slices import SlicedCatalog

_T = Target.single


def _ind(kode: str, nama: str, satuan: str, polaritas: Polaritas, agregasi: Agregasi, rumus_text: str,
         tahunan: Target | None, tw: tuple[Target | None, ...], bidang: str, *, iku: bool = True,
         sasaran: str = "S1") -> Indikator:
    assert len(tw) == 4
    return Indikator(
        kode=kode, sasaran=sasaran, nama=nama, satuan=satuan, polaritas=polaritas, agregasi=agregasi,
        rumus=rumus.parse(rumus_text), target_tahunan=tahunan,
        target_tw=(tw[0], tw[1], tw[2], tw[3]), iku=iku, bidang=bidang,
    )


def small_catalog(**instansi_changes: object) -> Catalog:
    """A three-bidang Dukcapil catalog (plus a bidang without elements).

    ``instansi_changes`` replace fields of the Instansi (e.g. ``batas_capaian=BatasCapaian.C120``,
    ``sandi="rahasia"``).
    """
    instansi = Instansi(
        pemerintah_daerah="Pemerintah Kabupaten Uji",
        nama_opd="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Uji",
        alamat="Jalan Uji Nomor 1",
        tahun=2025,
        kepala_nama="Dra. Siti Aminah, M.Si.",
        kepala_nip="197001011995032001",
        kepala_jabatan="Kepala Dinas",
        batas_capaian=BatasCapaian.NONE,
        batas_pengisian_hari=10,
    )
    if instansi_changes:
        instansi = dataclasses.replace(instansi, **instansi_changes)  # type: ignore[arg-type]
    B, D, P = TipeElemen.BULAT, TipeElemen.DESIMAL, TipeElemen.PERSEN
    KUM, AKHIR, RATA = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA
    POS, NEG, REN = Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG
    elemen = (
        Elemen("E01", "Jumlah penduduk wajib KTP-el", "jiwa", "DAFDUK", B, 0, None, True, AKHIR),
        Elemen("E02", "Jumlah penduduk wajib KTP-el yang sudah merekam", "jiwa", "DAFDUK", B, 0, None, True, AKHIR),
        Elemen("E03", "Jumlah Kartu Keluarga yang diterbitkan", "dokumen", "DAFDUK", B, 0, None, True, KUM),
        Elemen("E04", "Indeks kepuasan masyarakat", "poin", "DAFDUK", D, 0, 100, False, RATA),
        Elemen("E05", "Persentase dokumen terbit tepat waktu", "%", "DAFDUK", P, None, None, True, AKHIR),
        Elemen("E06", "Jumlah kelahiran yang dilaporkan", "jiwa", "CAPIL", B, 0, None, True, KUM),
        Elemen("E07", "Jumlah akta kelahiran yang diterbitkan", "dokumen", "CAPIL", B, 0, None, True, KUM),
        Elemen("E08", "Rata-rata waktu penerbitan akta", "hari", "CAPIL", D, 0, 30, True, RATA),
        Elemen("E09", "Jumlah perjanjian kerja sama pemanfaatan data", "dokumen", "PIAK", B, 0, None, True, KUM),
        Elemen("E10", "Jumlah penduduk yang mengaktifkan IKD", "jiwa", "PIAK", B, 0, None, True, AKHIR),
    )
    indikator = (
        _ind("IK01", "Cakupan perekaman KTP-el", "%", POS, AKHIR, "E02 / E01 * 100",
             _T(98), (_T(95), _T(96), _T(97), _T(98)), "DAFDUK"),
        _ind("IK02", "Jumlah Kartu Keluarga yang diterbitkan", "dokumen", POS, KUM, "E03",
             _T(4000), (_T(1000), _T(1000), _T(1000), _T(1000)), "DAFDUK", iku=False, sasaran="S2"),
        _ind("IK03", "Indeks kepuasan masyarakat", "poin", REN, RATA, "E04",
             Target(80, 90), (Target(80, 90),) * 4, "DAFDUK", sasaran="S2"),
        _ind("IK04", "Dokumen terbit tepat waktu", "%", POS, AKHIR, "E05",
             _T(100), (None, _T(100), _T(100), _T(100)), "DAFDUK", iku=False),
        _ind("IK05", "Rata-rata waktu penerbitan akta kelahiran", "hari", NEG, RATA, "E08",
             _T(3), (_T(3), _T(3), _T(3), _T(3)), "CAPIL"),
        _ind("IK06", "Cakupan akta kelahiran", "%", POS, AKHIR, "E07 / E06 * 100",
             _T(95), (_T(90), _T(92), _T(94), _T(95)), "CAPIL"),
        _ind("IK07", "Jumlah PKS pemanfaatan data", "dokumen", POS, KUM, "E09",
             _T(8), (_T(2), _T(2), _T(2), _T(2)), "PIAK", iku=False, sasaran="S2"),
        _ind("IK08", "Aktivasi IKD terhadap perekaman KTP-el", "%", POS, AKHIR, "E10 / E02 * 100",
             _T(30), (_T(10), _T(15), _T(20), _T(30)), "PIAK"),
        _ind("IK09", "Pengaduan yang belum ditangani", "pengaduan", NEG, KUM, "E09 * 0",
             _T(0), (_T(0), _T(0), _T(0), _T(0)), "PIAK", iku=False, sasaran="S2"),
    )
    return Catalog(
        instansi=instansi,
        bidang=(
            Bidang("DAFDUK", "Pelayanan Pendaftaran Penduduk", "Ahmad Fauzi, S.Sos.", "197503152000031002"),
            Bidang("CAPIL", "Pelayanan Pencatatan Sipil", "Rina Marlina, S.H.", "198002202005012003"),
            Bidang("PIAK", "Pengelolaan Informasi Administrasi Kependudukan", "Budi Santoso, S.Kom.",
                   "198507072010011004"),
            Bidang("SEKRE", "Sekretariat"),
        ),
        sasaran=(
            Sasaran("S1", "Meningkatnya kualitas pelayanan administrasi kependudukan"),
            Sasaran("S2", "Meningkatnya pemanfaatan data kependudukan"),
        ),
        indikator=indikator,
        elemen=elemen,
    )


def sliced(catalog: Catalog) -> SlicedCatalog:
    """``catalog`` as ``forms`` and ``check`` read it from the workspace's cache: one bidang at a time,
    each slice pickled, compressed and unpickled with the cache's restricted unpickler."""
    import pickle

    from kinerja_xl.catalog.cache import _unpickled
    from kinerja_xl.catalog.slices import SlicedCatalog, pack_slices

    head, blob = pack_slices(catalog)
    return SlicedCatalog.from_head(pickle.loads(pickle.dumps(head)), blob, _unpickled)
