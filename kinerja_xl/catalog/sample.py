"""The sample catalog: a fictional Dinas Dukcapil of "Kabupaten Contoh" (~600,000 people).

:func:`build_sample_catalog` is the single Python source of ``samples/katalog.xlsx``
(``samples/make_katalog.py`` writes it) and a realistic fixture for tests.

Every figure and every name here is invented; NIPs only have the valid
18-digit shape (birth date, appointment month, sex digit, serial).
Each indicator's rumus uses only elements of the indicator's own bidang, so
the bidang's form can preview the indicator while it is being filled.
Quarter targets follow the aggregation: *kumulatif* quarter targets add up to
the annual target; *nilai akhir* targets are the level to reach by each
quarter (TW IV = annual); *rata-rata* targets are the same every quarter.
"""

from __future__ import annotations

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
    RumusNegatif,
    Sasaran,
    Target,
    TipeElemen,
)

_BULAT, _DESIMAL, _PERSEN = TipeElemen.BULAT, TipeElemen.DESIMAL, TipeElemen.PERSEN
_KUM, _AKHIR, _RATA = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA
_POS, _NEG, _RENTANG = Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG


def _t(value: float | tuple[float, float] | None) -> Target | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return Target(float(value[0]), float(value[1]))
    return Target.single(value)


def _instansi() -> Instansi:
    return Instansi(
        pemerintah_daerah="Pemerintah Kabupaten Contoh",
        nama_opd="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh",
        alamat="Jalan Merdeka Nomor 10, Kecamatan Kota Contoh, Kabupaten Contoh 12345",
        tahun=2025,
        kepala_nama="Drs. Bambang Sutrisno, M.Si.",
        kepala_nip="196905141994031005",
        kepala_jabatan="Kepala Dinas Kependudukan dan Pencatatan Sipil",
        skala="Permendagri 86/2017",
        rumus_negatif=RumusNegatif.LINEAR,
        batas_capaian=BatasCapaian.NONE,
        batas_pengisian_hari=10,
        sandi="",
        sekretaris_nama="Sri Wahyuni, S.H., M.M.",
        sekretaris_nip="197208231998032004",
        penyusun_nama="Andi Pratama, S.E.",
        penyusun_nip="198510172010011003",
        penyusun_jabatan="Kepala Sub Bagian Perencanaan dan Pelaporan",
    )


_BIDANG = (
    Bidang("SEK", "Sekretariat", "Sri Wahyuni, S.H., M.M.", "197208231998032004"),
    Bidang("DAFDUK", "Pelayanan Pendaftaran Penduduk", "Hendra Gunawan, S.Sos.", "197811052003121002"),
    Bidang("CAPIL", "Pelayanan Pencatatan Sipil", "Ratna Dewi Lestari, S.H.", "198002142005012003"),
    Bidang("PIAK", "Pengelolaan Informasi Administrasi Kependudukan", "Agus Setiawan, S.Kom., M.T.",
           "198306212008011004"),
    Bidang("PDIP", "Pemanfaatan Data dan Inovasi Pelayanan", "Maya Kartika Sari, S.E., M.Si.",
           "198409302009022001"),
)

_SASARAN = (
    Sasaran("SS1", "Meningkatnya kepemilikan dokumen kependudukan"),
    Sasaran("SS2", "Meningkatnya kepemilikan dokumen pencatatan sipil"),
    Sasaran("SS3", "Meningkatnya kualitas pelayanan administrasi kependudukan"),
    Sasaran("SS4", "Meningkatnya pemanfaatan data kependudukan dan inovasi pelayanan"),
    Sasaran("SS5", "Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah"),
)

# (kode, nama, satuan, bidang, tipe, min, max, wajib, agregasi)
_ELEMEN_ROWS: tuple[tuple[str, str, str, str, TipeElemen, float | None, float | None, bool, Agregasi], ...] = (
    # Sekretariat
    ("SEK01", "Pagu anggaran belanja dinas tahun berjalan", "rupiah", "SEK", _BULAT, 0, None, True, _AKHIR),
    ("SEK02", "Realisasi belanja dinas s.d. akhir triwulan", "rupiah", "SEK", _BULAT, 0, None, True, _AKHIR),
    ("SEK03", "Jumlah rekomendasi hasil pemeriksaan (diisi bila ada pemeriksaan)", "rekomendasi", "SEK",
     _BULAT, 0, None, False, _AKHIR),
    ("SEK04", "Jumlah rekomendasi hasil pemeriksaan yang belum ditindaklanjuti", "rekomendasi", "SEK",
     _BULAT, 0, None, False, _AKHIR),
    # Pendaftaran Penduduk
    ("DAF01", "Jumlah penduduk wajib KTP-el", "jiwa", "DAFDUK", _BULAT, 0, None, True, _AKHIR),
    ("DAF02", "Jumlah penduduk wajib KTP-el yang sudah melakukan perekaman", "jiwa", "DAFDUK", _BULAT, 0, None,
     True, _AKHIR),
    ("DAF03", "Jumlah penduduk wajib KTP-el yang sudah memiliki KTP-el", "jiwa", "DAFDUK", _BULAT, 0, None, True,
     _AKHIR),
    ("DAF04", "Jumlah keluarga", "keluarga", "DAFDUK", _BULAT, 0, None, True, _AKHIR),
    ("DAF05", "Jumlah keluarga yang sudah memiliki Kartu Keluarga", "keluarga", "DAFDUK", _BULAT, 0, None, True,
     _AKHIR),
    ("DAF06", "Jumlah anak usia kurang dari 17 tahun", "jiwa", "DAFDUK", _BULAT, 0, None, True, _AKHIR),
    ("DAF07", "Jumlah anak usia kurang dari 17 tahun yang memiliki KIA", "jiwa", "DAFDUK", _BULAT, 0, None, True,
     _AKHIR),
    ("DAF08", "Persediaan blangko KTP-el pada akhir triwulan", "keping", "DAFDUK", _BULAT, 0, None, True, _AKHIR),
    ("DAF09", "Rata-rata pemakaian blangko KTP-el per bulan dalam triwulan", "keping", "DAFDUK", _DESIMAL, 0,
     None, True, _RATA),
    ("DAF10", "Jumlah dokumen pendaftaran penduduk yang diterbitkan dalam triwulan", "dokumen", "DAFDUK",
     _BULAT, 0, None, True, _KUM),
    ("DAF11", "Jumlah hari kerja penyelesaian seluruh dokumen pendaftaran penduduk dalam triwulan", "hari",
     "DAFDUK", _DESIMAL, 0, None, True, _KUM),
    # Pencatatan Sipil
    ("CAP01", "Jumlah penduduk usia 0-18 tahun", "jiwa", "CAPIL", _BULAT, 0, None, True, _AKHIR),
    ("CAP02", "Jumlah penduduk usia 0-18 tahun yang memiliki akta kelahiran", "jiwa", "CAPIL", _BULAT, 0, None,
     True, _AKHIR),
    ("CAP03", "Jumlah kematian yang dilaporkan sejak awal tahun", "jiwa", "CAPIL", _BULAT, 0, None, True, _AKHIR),
    ("CAP04", "Jumlah kematian sejak awal tahun yang sudah diterbitkan akta kematian", "jiwa", "CAPIL", _BULAT, 0,
     None, True, _AKHIR),
    ("CAP05", "Jumlah akta kelahiran yang diterbitkan dalam triwulan", "akta", "CAPIL", _BULAT, 0, None, True,
     _KUM),
    ("CAP06", "Jumlah akta kematian yang diterbitkan dalam triwulan", "akta", "CAPIL", _BULAT, 0, None, True,
     _KUM),
    ("CAP07", "Jumlah akta perkawinan yang diterbitkan dalam triwulan", "akta", "CAPIL", _BULAT, 0, None, True,
     _KUM),
    ("CAP08", "Jumlah akta perceraian yang diterbitkan dalam triwulan", "akta", "CAPIL", _BULAT, 0, None, True,
     _KUM),
    # Pengelolaan Informasi Administrasi Kependudukan
    ("PIA01", "Jumlah penduduk yang sudah merekam KTP-el (basis data SIAK)", "jiwa", "PIAK", _BULAT, 0, None,
     True, _AKHIR),
    ("PIA02", "Jumlah penduduk yang sudah melakukan aktivasi IKD", "jiwa", "PIAK", _BULAT, 0, None, True, _AKHIR),
    ("PIA03", "Ketersediaan layanan SIAK (uptime) dalam triwulan", "persen", "PIAK", _PERSEN, 0, 100, True,
     _RATA),
    ("PIA04", "Jumlah data ganda yang teridentifikasi sejak awal tahun", "data", "PIAK", _BULAT, 0, None, True,
     _AKHIR),
    ("PIA05", "Jumlah data ganda yang sudah diselesaikan sejak awal tahun", "data", "PIAK", _BULAT, 0, None, True,
     _AKHIR),
    # Pemanfaatan Data dan Inovasi Pelayanan
    ("PDI01", "Jumlah perjanjian kerja sama pemanfaatan data yang ditandatangani dalam triwulan", "dokumen",
     "PDIP", _BULAT, 0, None, True, _KUM),
    ("PDI02", "Jumlah inovasi pelayanan yang mulai diterapkan dalam triwulan", "inovasi", "PDIP", _BULAT, 0, None,
     True, _KUM),
    ("PDI03", "Nilai indeks kepuasan masyarakat hasil survei triwulan (diisi bila survei dilaksanakan)", "poin",
     "PDIP", _DESIMAL, 0, 100, False, _RATA),
    ("PDI04", "Jumlah pengaduan masyarakat yang diterima dalam triwulan", "aduan", "PDIP", _BULAT, 0, None, True,
     _KUM),
    ("PDI05", "Jumlah pengaduan dalam triwulan yang tidak terselesaikan dalam batas waktu", "aduan", "PDIP",
     _BULAT, 0, None, True, _KUM),
    ("PDI06", "Persentase perangkat daerah yang memanfaatkan data kependudukan", "persen", "PDIP", _PERSEN, 0, 100,
     True, _AKHIR),
)

_T = float | tuple[float, float] | None

# (kode, sasaran, nama, satuan, polaritas, agregasi, rumus, tahunan, (TW I..IV), iku, bidang, definisi, sumber)
_INDIKATOR_ROWS: tuple[tuple[str, str, str, str, Polaritas, Agregasi, str, _T,
                             tuple[_T, _T, _T, _T], bool, str, str, str], ...] = (
    ("IK01", "SS1", "Persentase penduduk wajib KTP-el yang memiliki KTP-el", "%", _POS, _AKHIR,
     "DAF03 / DAF01 * 100", 98.5, (97.6, 97.9, 98.2, 98.5), True, "DAFDUK",
     "Perbandingan penduduk wajib KTP-el yang sudah memiliki KTP-el dengan seluruh penduduk wajib KTP-el.",
     "Basis data SIAK, rekapitulasi bidang Pendaftaran Penduduk"),
    ("IK02", "SS1", "Cakupan perekaman KTP-el", "%", _POS, _AKHIR,
     "DAF02 / DAF01 * 100", 99.0, (98.4, 98.6, 98.8, 99.0), False, "DAFDUK",
     "Perbandingan penduduk wajib KTP-el yang sudah merekam dengan seluruh penduduk wajib KTP-el.",
     "Basis data SIAK"),
    ("IK03", "SS1", "Persentase keluarga yang memiliki Kartu Keluarga", "%", _POS, _AKHIR,
     "DAF05 / DAF04 * 100", 99.5, (99.2, 99.3, 99.4, 99.5), True, "DAFDUK",
     "Perbandingan keluarga yang sudah memiliki KK dengan seluruh keluarga.", "Basis data SIAK"),
    ("IK04", "SS1", "Persentase anak yang memiliki Kartu Identitas Anak (KIA)", "%", _POS, _AKHIR,
     "DAF07 / DAF06 * 100", 45.0, (36.0, 39.0, 42.0, 45.0), True, "DAFDUK",
     "Perbandingan anak usia kurang dari 17 tahun yang memiliki KIA dengan seluruh anak usia kurang dari 17 tahun.",
     "Basis data SIAK"),
    ("IK05", "SS3", "Rasio persediaan blangko KTP-el terhadap pemakaian bulanan", "bulan", _RENTANG, _AKHIR,
     "DAF08 / DAF09", (2.0, 3.0), ((2.0, 3.0), (2.0, 3.0), (2.0, 3.0), (2.0, 3.0)), False, "DAFDUK",
     "Persediaan blangko dibagi rata-rata pemakaian per bulan; ideal cukup untuk 2 sampai 3 bulan pelayanan.",
     "Kartu persediaan blangko KTP-el"),
    ("IK06", "SS3", "Rata-rata waktu penerbitan dokumen pendaftaran penduduk", "hari", _NEG, _RATA,
     "DAF11 / DAF10", 3.0, (3.0, 3.0, 3.0, 3.0), True, "DAFDUK",
     "Jumlah hari kerja penyelesaian seluruh dokumen dibagi jumlah dokumen yang diterbitkan.",
     "Register pelayanan bidang Pendaftaran Penduduk"),
    ("IK07", "SS2", "Persentase penduduk usia 0-18 tahun yang memiliki akta kelahiran", "%", _POS, _AKHIR,
     "CAP02 / CAP01 * 100", 97.0, (96.0, 96.3, 96.7, 97.0), True, "CAPIL",
     "Perbandingan penduduk usia 0-18 tahun yang memiliki akta kelahiran dengan seluruh penduduk usia 0-18 tahun.",
     "Basis data SIAK"),
    ("IK08", "SS2", "Persentase kematian yang diterbitkan akta kematian", "%", _POS, _AKHIR,
     "CAP04 / CAP03 * 100", (70.0, 80.0), ((55.0, 65.0), (60.0, 70.0), (65.0, 75.0), (70.0, 80.0)), False,
     "CAPIL",
     "Perbandingan kematian yang sudah diterbitkan akta kematian dengan kematian yang dilaporkan sejak awal tahun.",
     "Register akta kematian"),
    ("IK09", "SS2", "Jumlah akta pencatatan sipil yang diterbitkan", "akta", _POS, _KUM,
     "CAP05 + CAP06 + CAP07 + CAP08", 16000.0, (3800.0, 4000.0, 4000.0, 4200.0), False, "CAPIL",
     "Jumlah akta kelahiran, kematian, perkawinan dan perceraian yang diterbitkan.", "Register akta"),
    ("IK10", "SS4", "Persentase penduduk yang melakukan aktivasi Identitas Kependudukan Digital", "%", _POS,
     _AKHIR, "PIA02 / PIA01 * 100", 25.0, (12.0, 16.0, 20.0, 25.0), True, "PIAK",
     "Perbandingan penduduk yang sudah aktivasi IKD dengan penduduk yang sudah merekam KTP-el.",
     "Dasbor IKD Ditjen Dukcapil"),
    ("IK11", "SS3", "Persentase ketersediaan layanan SIAK", "%", _POS, _RATA,
     "PIA03", 99.0, (99.0, 99.0, 99.0, 99.0), False, "PIAK",
     "Rata-rata persentase waktu layanan SIAK dapat diakses dalam triwulan.", "Catatan pemantauan server"),
    ("IK12", "SS3", "Persentase data ganda yang diselesaikan", "%", _POS, _AKHIR,
     "PIA05 / PIA04 * 100", 90.0, (60.0, 70.0, 80.0, 90.0), False, "PIAK",
     "Perbandingan data ganda yang sudah diselesaikan dengan data ganda yang teridentifikasi sejak awal tahun.",
     "Laporan konsolidasi data"),
    ("IK13", "SS4", "Jumlah perjanjian kerja sama pemanfaatan data kependudukan", "dokumen", _POS, _KUM,
     "PDI01", 8.0, (2.0, 2.0, 2.0, 2.0), True, "PDIP",
     "Perjanjian kerja sama pemanfaatan data dengan lembaga pengguna yang ditandatangani.", "Arsip PKS"),
    ("IK14", "SS4", "Jumlah inovasi pelayanan administrasi kependudukan", "inovasi", _POS, _KUM,
     "PDI02", 4.0, (1.0, 1.0, 1.0, 1.0), False, "PDIP",
     "Inovasi pelayanan yang mulai diterapkan dan ditetapkan dengan keputusan kepala dinas.",
     "Keputusan kepala dinas tentang inovasi"),
    ("IK15", "SS3", "Indeks kepuasan masyarakat", "poin", _POS, _RATA,
     "PDI03", 85.0, (85.0, 85.0, 85.0, 85.0), True, "PDIP",
     "Nilai survei kepuasan masyarakat terhadap pelayanan administrasi kependudukan.",
     "Laporan survei kepuasan masyarakat"),
    ("IK16", "SS3", "Persentase pengaduan yang tidak terselesaikan dalam batas waktu", "%", _NEG, _RATA,
     "PDI05 / PDI04 * 100", 5.0, (5.0, 5.0, 5.0, 5.0), False, "PDIP",
     "Perbandingan pengaduan yang tidak terselesaikan dalam batas waktu dengan seluruh pengaduan yang diterima.",
     "Register pengaduan"),
    ("IK17", "SS4", "Persentase perangkat daerah yang memanfaatkan data kependudukan", "%", _POS, _AKHIR,
     "PDI06", 80.0, (60.0, 65.0, 70.0, 80.0), False, "PDIP",
     "Perangkat daerah yang memakai data kependudukan untuk perencanaan dibanding seluruh perangkat daerah.",
     "Arsip hak akses data"),
    ("IK18", "SS5", "Persentase realisasi anggaran", "%", _POS, _AKHIR,
     "SEK02 / SEK01 * 100", 95.0, (20.0, 45.0, 70.0, 95.0), False, "SEK",
     "Perbandingan realisasi belanja dengan pagu anggaran belanja dinas.", "Laporan realisasi anggaran"),
    ("IK19", "SS5", "Persentase rekomendasi hasil pemeriksaan yang belum ditindaklanjuti", "%", _NEG, _AKHIR,
     "SEK04 / SEK03 * 100", 5.0, (30.0, 20.0, 10.0, 5.0), False, "SEK",
     "Perbandingan rekomendasi yang belum ditindaklanjuti dengan seluruh rekomendasi hasil pemeriksaan.",
     "Laporan tindak lanjut hasil pemeriksaan"),
)


def build_sample_catalog() -> Catalog:
    """The sample catalog of ``samples/katalog.xlsx`` (a fresh, equal object each call)."""
    elemen = tuple(
        Elemen(kode=k, nama=n, satuan=s, bidang=b, tipe=tp,
               min=None if lo is None else float(lo), max=None if hi is None else float(hi),
               wajib=w, agregasi=ag)
        for k, n, s, b, tp, lo, hi, w, ag in _ELEMEN_ROWS
    )
    indikator = tuple(
        Indikator(kode=k, sasaran=ss, nama=n, satuan=s, polaritas=pol, agregasi=ag, rumus=rumus.parse(r),
                  target_tahunan=_t(th), target_tw=(_t(tw[0]), _t(tw[1]), _t(tw[2]), _t(tw[3])),
                  iku=iku, bidang=b, definisi=d, sumber_data=src)
        for k, ss, n, s, pol, ag, r, th, tw, iku, b, d, src in _INDIKATOR_ROWS
    )
    return Catalog(instansi=_instansi(), bidang=_BIDANG, sasaran=_SASARAN, indikator=indikator, elemen=elemen)
