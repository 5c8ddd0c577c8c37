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

The budget tree (Anggaran) uses the urusan 2.12 nomenclature of
Kepmendagri 050-5889/2021 (codes, names, output indicators and satuan of the
sub kegiatan); pagu and targets are invented. Program and kegiatan pagu and
Renstra rupiah are the sums of the sub kegiatan below them. The Renstra plans
run 2023-2027, so the catalog year 2025 is year 3 with two earlier years of
realisation; the 2025 target is the Indikator sheet's annual target (the
lower bound of a range).
"""

from __future__ import annotations

import dataclasses

from kinerja_xl import rumus
from kinerja_xl.catalog.budget_loader import rekening_key
from kinerja_xl.catalog.model import (
    Agregasi,
    Anggaran,
    BatasCapaian,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    Renstra,
    RumusNegatif,
    Sasaran,
    Target,
    TipeElemen,
)

_BULAT, _DESIMAL, _PERSEN = TipeElemen.BULAT, TipeElemen.DESIMAL, TipeElemen.PERSEN
_KUM, _AKHIR, _RATA = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA
_DARI = Agregasi.DARI_ELEMEN
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
    Bidang("SEK", "Sekretariat", "Sri Wahyuni, S.H., M.M.", "197208231998032004", "0812-3400-1001",
           "sekretariat@disdukcapil.contohkab.go.id"),
    Bidang("DAFDUK", "Pelayanan Pendaftaran Penduduk", "Hendra Gunawan, S.Sos.", "197811052003121002",
           "0812-3400-1002"),
    Bidang("CAPIL", "Pelayanan Pencatatan Sipil", "Ratna Dewi Lestari, S.H.", "198002142005012003",
           "+62 813-4500-2003", "capil@disdukcapil.contohkab.go.id"),
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
    # added with the target-0 indicator IK20 (kept last so the rows above keep their places)
    ("SEK05", "Jumlah temuan pemeriksaan yang berulang (sama dengan temuan tahun lalu) dalam triwulan", "temuan",
     "SEK", _BULAT, 0, None, True, _KUM),
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
    ("IK16", "SS3", "Persentase pengaduan yang tidak terselesaikan dalam batas waktu", "%", _NEG, _DARI,
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
    ("IK20", "SS5", "Jumlah temuan pemeriksaan yang berulang", "temuan", _NEG, _KUM,
     "SEK05", 0.0, (0.0, 0.0, 0.0, 0.0), False, "SEK",
     "Temuan pemeriksaan yang sama dengan temuan tahun lalu; targetnya nol.", "Laporan hasil pemeriksaan"),
)


# The budget tree. Programs and kegiatan: (kode, nama, indikator, satuan, bidang, sasaran, agregasi,
# target K, Renstra target K, Renstra realisasi K s.d. 2024); their pagu and Renstra Rp are the sums below.
_K = float | None
_INDUK_ROWS: tuple[tuple[str, str, str, str, str, str, Agregasi, _K, _K, _K], ...] = (
    ("2.12.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Persentase realisasi anggaran", "%", "SEK", "SS5", _AKHIR, 95.0, 96.0, 94.0),
    ("2.12.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Persentase dokumen perencanaan dan evaluasi kinerja yang tersusun tepat waktu", "%", "SEK", "", _AKHIR,
     100.0, 100.0, 100.0),
    ("2.12.01.2.02", "Administrasi Keuangan Perangkat Daerah",
     "Persentase ASN yang menerima gaji dan tunjangan tepat waktu", "%", "SEK", "", _AKHIR, 100.0, 100.0, 100.0),
    ("2.12.02", "PROGRAM PENDAFTARAN PENDUDUK",
     "Persentase penduduk wajib KTP-el yang memiliki KTP-el", "%", "DAFDUK", "SS1", _AKHIR, 98.5, 99.5, 97.9),
    ("2.12.02.2.01", "Pelayanan Pendaftaran Penduduk",
     "Persentase keluarga yang memiliki Kartu Keluarga", "%", "DAFDUK", "", _AKHIR, 99.5, 99.8, 99.3),
    ("2.12.02.2.02", "Penataan Pendaftaran Penduduk",
     "Persentase ketersediaan dokumen kependudukan sesuai kebutuhan", "%", "DAFDUK", "", _AKHIR, 100.0, 100.0,
     97.5),
    ("2.12.03", "PROGRAM PENCATATAN SIPIL",
     "Persentase penduduk usia 0-18 tahun yang memiliki akta kelahiran", "%", "CAPIL", "SS2", _AKHIR, 97.0, 98.5,
     96.2),
    ("2.12.03.2.01", "Pelayanan Pencatatan Sipil",
     "Jumlah akta pencatatan sipil yang diterbitkan", "akta", "CAPIL", "", _KUM, 16000.0, 80000.0, 31190.0),
    ("2.12.03.2.02", "Penyelenggaraan Pencatatan Sipil",
     "Jumlah laporan koordinasi penyelenggaraan pencatatan sipil", "laporan", "CAPIL", "", _KUM, 4.0, 20.0, 8.0),
    ("2.12.04", "PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN",
     "Persentase perangkat daerah yang memanfaatkan data kependudukan", "%", "PIAK", "SS4", _AKHIR, 80.0, 90.0,
     61.0),
    ("2.12.04.2.01", "Pengumpulan Data Kependudukan dan Pemanfaatan dan Penyajian Database Kependudukan",
     "Jumlah perjanjian kerja sama pemanfaatan data kependudukan", "dokumen", "PIAK", "", _KUM, 8.0, 37.0, 13.0),
    ("2.12.04.2.03", "Penyelenggaraan Pengelolaan Informasi Administrasi Kependudukan",
     "Persentase ketersediaan layanan SIAK", "%", "PIAK", "", _RATA, 99.0, 99.5, 98.65),
)

# Sub kegiatan: (kode, nama, indikator, satuan, bidang, agregasi, pagu, target K,
# Renstra target K, Renstra realisasi K s.d. 2024, Renstra target Rp, Renstra realisasi Rp s.d. 2024)
_SUB_ROWS: tuple[tuple[str, str, str, str, str, Agregasi, float, float, float, float, float, float], ...] = (
    ("2.12.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen", "SEK", _KUM,
     185_000_000, 3, 15, 6, 900_000_000, 352_000_000),
    ("2.12.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
     "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", "Laporan", "SEK", _KUM,
     120_000_000, 4, 20, 8, 580_000_000, 228_500_000),
    ("2.12.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "Orang", "SEK", _AKHIR,
     5_460_000_000, 85, 85, 83, 26_500_000_000, 10_350_000_000),
    ("2.12.02.2.01.0001", "Pendataan Penduduk Non Permanen dan Rentan Administrasi Kependudukan",
     "Jumlah Dokumen Hasil Pendataan Penduduk Non Permanen dan Rentan Administrasi Kependudukan", "Dokumen",
     "DAFDUK", _KUM, 250_000_000, 4, 20, 8, 1_200_000_000, 470_000_000),
    ("2.12.02.2.01.0004", "Peningkatan Pelayanan Pendaftaran Penduduk",
     "Jumlah Laporan Hasil Peningkatan Pelayanan Pendaftaran Penduduk", "Laporan", "DAFDUK", _KUM,
     1_350_000_000, 4, 20, 8, 6_500_000_000, 2_580_000_000),
    ("2.12.02.2.02.0002", ("Pengadaan Dokumen Kependudukan selain Blangko KTP-El, Formulir, dan Buku Terkait "
     "Pendaftaran Penduduk Sesuai dengan Kebutuhan"),
     ("Jumlah Dokumen Kependudukan selain Blangko KTP-El, Formulir, dan Buku Terkait Pendaftaran Penduduk Sesuai "
     "dengan Kebutuhan yang Tersedia"), "Dokumen", "DAFDUK", _KUM,
     780_000_000, 45_000, 225_000, 88_000, 3_800_000_000, 1_490_000_000),
    ("2.12.03.2.01.0002", "Peningkatan dalam Pelayanan Pencatatan Sipil",
     "Jumlah Layanan Pencatatan Sipil yang Ditingkatkan", "Layanan", "CAPIL", _KUM,
     920_000_000, 4, 20, 8, 4_500_000_000, 1_760_000_000),
    ("2.12.03.2.02.0001", ("Koordinasi dengan Kantor Kementerian yang Menyelenggarakan Urusan Pemerintahan di "
     "Bidang Agama Kabupaten/Kota dan Pengadilan Agama yang Berkaitan dengan Pencatatan Nikah, Talak, Cerai, dan "
     "Rujuk bagi Penduduk yang Beragama Islam"),
     ("Jumlah Laporan Hasil Koordinasi dengan Kantor Kementerian yang Menyelenggarakan Urusan Pemerintahan di "
     "Bidang Agama Kabupaten/Kota dan Pengadilan Agama yang Berkaitan dengan Pencatatan Nikah, Talak, Cerai, dan "
     "Rujuk bagi Penduduk yang Beragama Islam"), "Laporan", "CAPIL", _KUM,
     95_000_000, 4, 20, 8, 460_000_000, 178_000_000),
    ("2.12.04.2.01.0001", "Pengolahan dan Penyajian Data Kependudukan",
     "Jumlah Dokumen Data Kependudukan yang Diolah dan Disajikan", "Dokumen", "PIAK", _KUM,
     310_000_000, 2, 10, 4, 1_500_000_000, 590_000_000),
    ("2.12.04.2.01.0002", "Kerja Sama Pemanfaatan Data Kependudukan",
     "Jumlah Dokumen Kerja Sama Pemanfaatan Data Kependudukan", "Dokumen", "PDIP", _KUM,
     140_000_000, 8, 37, 13, 680_000_000, 262_000_000),
    ("2.12.04.2.03.0003", "Fasilitasi Terkait Pengelolaan Informasi Administrasi Kependudukan",
     "Jumlah Laporan Hasil Fasilitasi Pengelolaan Informasi Administrasi Kependudukan", "Laporan", "PIAK", _KUM,
     1_150_000_000, 4, 20, 8, 5_600_000_000, 2_210_000_000),
    ("2.12.04.2.03.0007", "Komunikasi, Informasi, dan Edukasi kepada Pemangku Kepentingan dan Masyarakat",
     "Jumlah Dokumen Hasil Komunikasi, Informasi, dan Edukasi kepada Pemangku Kepentingan dan Masyarakat",
     "Laporan", "PDIP", _KUM, 210_000_000, 4, 20, 8, 1_000_000_000, 385_000_000),
)

_RENSTRA_AWAL = 2023
_R = tuple[float, float, float, float, float]
# (indikator, baseline (2022), targets 2023-2027, realisasi 2023 and 2024)
_RENSTRA_ROWS: tuple[tuple[str, float, _R, tuple[float, float]], ...] = (
    ("IK01", 96.2, (97.0, 97.8, 98.5, 99.0, 99.5), (97.1, 97.9)),
    ("IK02", 97.5, (98.0, 98.5, 99.0, 99.3, 99.5), (98.2, 98.6)),
    ("IK03", 98.6, (99.0, 99.3, 99.5, 99.7, 99.8), (99.1, 99.3)),
    ("IK04", 22.0, (30.0, 38.0, 45.0, 52.0, 60.0), (28.4, 36.9)),
    ("IK05", 1.4, (2.0, 2.0, 2.0, 2.0, 2.0), (1.8, 2.4)),
    ("IK06", 5.0, (4.0, 3.5, 3.0, 2.5, 2.0), (4.2, 3.4)),
    ("IK07", 93.5, (95.0, 96.0, 97.0, 98.0, 98.5), (95.3, 96.2)),
    ("IK08", 48.0, (55.0, 62.0, 70.0, 75.0, 80.0), (57.5, 63.0)),
    ("IK09", 14500.0, (15000.0, 15500.0, 16000.0, 16500.0, 17000.0), (15320.0, 15870.0)),
    ("IK10", 1.5, (5.0, 12.0, 25.0, 35.0, 45.0), (6.8, 14.2)),
    ("IK11", 97.0, (98.0, 98.5, 99.0, 99.0, 99.5), (98.4, 98.9)),
    ("IK12", 70.0, (75.0, 85.0, 90.0, 92.0, 95.0), (78.0, 86.5)),
    ("IK13", 4.0, (5.0, 6.0, 8.0, 8.0, 10.0), (6.0, 7.0)),
    ("IK14", 1.0, (2.0, 3.0, 4.0, 4.0, 5.0), (2.0, 3.0)),
    ("IK15", 80.2, (82.0, 83.5, 85.0, 86.0, 87.0), (82.6, 84.1)),
    ("IK16", 12.0, (10.0, 7.5, 5.0, 4.0, 3.0), (9.1, 6.8)),
    ("IK17", 40.0, (45.0, 60.0, 80.0, 85.0, 90.0), (47.5, 61.0)),
    ("IK18", 90.0, (92.0, 93.5, 95.0, 95.0, 96.0), (91.2, 94.0)),
    ("IK19", 20.0, (15.0, 10.0, 5.0, 5.0, 3.0), (14.0, 8.0)),
    ("IK20", 3.0, (2.0, 1.0, 0.0, 0.0, 0.0), (2.0, 1.0)),
)


#: program / kegiatan rows measured by indicators of the Indikator sheet (E.81 shows those indicators' figures)
_LINKS: dict[str, tuple[str, ...]] = {
    "2.12.01": ("IK18", "IK19"), "2.12.02": ("IK01",), "2.12.02.2.01": ("IK03",), "2.12.03": ("IK07",),
    "2.12.03.2.01": ("IK09",), "2.12.04": ("IK17",), "2.12.04.2.01": ("IK13",), "2.12.04.2.03": ("IK11",),
}
#: E.81 column 16 and the footer's tindak lanjut dalam Renja berikutnya, per row
_KETERANGAN = {"2.12.02.2.02.0002": "Blangko dikirim bertahap sesuai kontrak."}
_TINDAK_LANJUT = {
    "2.12.01": "Menjadwalkan tindak lanjut rekomendasi pemeriksaan sejak triwulan I.",
    "2.12.02": "Menambah layanan jemput bola perekaman dan pencetakan KTP-el bagi penduduk rentan.",
    "2.12.03": "Memperluas kerja sama penerbitan akta kelahiran dengan fasilitas kesehatan.",
    "2.12.04": "Menambah perjanjian kerja sama pemanfaatan data dengan perangkat daerah.",
}


def _linked(a: Anggaran) -> Anggaran:
    a = dataclasses.replace(a, keterangan=_KETERANGAN.get(a.kode, ""), tindak_lanjut=_TINDAK_LANJUT.get(a.kode, ""))
    links = _LINKS.get(a.kode)
    if not links:
        return a
    # measured by its indicators: no own indicator text or K figures
    return dataclasses.replace(a, indikator="", satuan="", target_k=None, renstra_target_k=None,
                               renstra_realisasi_k=None, indikator_kode=links)


def _anggaran() -> tuple[Anggaran, ...]:
    subs = [Anggaran(kode=k, nama=n, indikator=i, satuan=s, bidang=b, agregasi=ag, pagu=float(pagu),
                     target_k=float(tk), renstra_target_k=float(rtk), renstra_realisasi_k=float(rrk),
                     renstra_target_rp=float(rtp), renstra_realisasi_rp=float(rrp))
            for k, n, i, s, b, ag, pagu, tk, rtk, rrk, rtp, rrp in _SUB_ROWS]

    def below(kode: str, field: str) -> float:
        return float(sum(getattr(a, field) for a in subs if a.kode.startswith(kode + ".")))

    parents = [Anggaran(kode=k, nama=n, indikator=i, satuan=s, bidang=b, sasaran=ss, agregasi=ag,
                        pagu=below(k, "pagu"), target_k=tk, renstra_target_k=rtk, renstra_realisasi_k=rrk,
                        renstra_target_rp=below(k, "renstra_target_rp"),
                        renstra_realisasi_rp=below(k, "renstra_realisasi_rp"))
               for k, n, i, s, b, ss, ag, tk, rtk, rrk in _INDUK_ROWS]
    return tuple(sorted((_linked(a) for a in parents + subs), key=lambda a: rekening_key(a.kode)))


#: the Renstra's stated end-of-period targets (kondisi akhir) where the last year's target is not it:
#: a kumulatif indicator's end target is its total over the five years
_TARGET_AKHIR = {"IK09": 80000.0, "IK13": 37.0, "IK14": 18.0}


def _renstra() -> tuple[Renstra, ...]:
    return tuple(Renstra(indikator=k, tahun_awal=_RENSTRA_AWAL, baseline=base, target=targets,
                         realisasi=(real[0], real[1], None, None, None),
                         target_akhir_k=_TARGET_AKHIR.get(k, targets[-1]))
                 for k, base, targets, real in _RENSTRA_ROWS)


#: Planned actions per quarter (the optional Rencana Aksi TW columns), for some indicators only.
_AKSI: dict[str, tuple[str, str, str, str]] = {
    "IK01": ("Pendataan penduduk wajib KTP-el yang belum memiliki", "Perekaman keliling ke kecamatan",
             "Layanan jemput bola ke sekolah (usia 17 tahun)", "Pencetakan dan distribusi KTP-el tertunda"),
    "IK04": ("Sosialisasi KIA ke PAUD dan TK", "Kerja sama dengan sekolah dasar", "Layanan KIA di posyandu",
             "Evaluasi cakupan dan pencetakan susulan"),
    "IK07": ("Kerja sama dengan rumah sakit dan puskesmas", "Layanan akta kelahiran di kelurahan",
             "Pelayanan keliling ke desa terpencil", "Penyisiran anak tanpa akta lewat data sekolah"),
    "IK10": ("Sosialisasi IKD kepada ASN", "Aktivasi IKD di loket pelayanan", "Aktivasi IKD di sekolah menengah",
             "Aktivasi IKD pada acara car free day"),
    "IK15": ("Survei kepuasan masyarakat semester I disiapkan", "Survei kepuasan masyarakat semester I",
             "Tindak lanjut hasil survei: antrean daring", "Survei kepuasan masyarakat semester II"),
    "IK18": ("Penyusunan jadwal pelaksanaan anggaran", "Pemantauan realisasi bulanan per bidang",
             "Percepatan pengadaan barang dan jasa", "Penyelesaian pembayaran akhir tahun"),
}


def sample_period() -> str:
    """The first quarter of the sample catalog's year (the next step after ``init --contoh``)."""
    return f"{build_sample_catalog().instansi.tahun}-TW1"


#: the optional Standar Nasional column (an invented sample figure, like every figure here)
_STANDAR = {"IK07": "100 % (contoh standar nasional)"}


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
                  iku=iku, bidang=b, definisi=d, sumber_data=src, rencana_aksi=_AKSI.get(k, ("", "", "", "")),
                  standar_nasional=_STANDAR.get(k, ""))
        for k, ss, n, s, pol, ag, r, th, tw, iku, b, d, src in _INDIKATOR_ROWS
    )
    return Catalog(instansi=_instansi(), bidang=_BIDANG, sasaran=_SASARAN, indikator=indikator, elemen=elemen,
                   anggaran=_anggaran(), renstra=_renstra())
