"""The layout of ``katalog.xlsx``, shared by the loader and the writer.

Sheet names, column headers (with the other spellings the loader accepts),
the Instansi settings (label in a ``Pengaturan`` column, value in an
``Isian`` column) and the allowed values of every choice column.

Headers, labels and choices compare by :func:`key`: case-, space- and
punctuation-insensitive (``"Nilai Akhir"``, ``"nilai-akhir"`` and
``"NILAI AKHIR"`` are the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja_xl.catalog.model import (
    SKALA,
    Agregasi,
    BatasBawah,
    BatasCapaian,
    Polaritas,
    PredikatProgres,
    RumusNegatif,
    TipeElemen,
)

SHEET_PETUNJUK = "Petunjuk"
SHEET_INSTANSI = "Instansi"
SHEET_BIDANG = "Bidang"
SHEET_SASARAN = "Sasaran"
SHEET_INDIKATOR = "Indikator"
SHEET_ELEMEN = "Elemen"
SHEET_DAFTAR = "Daftar"  # hidden: the drop-down lists
SHEET_ANGGARAN = "Anggaran"  # optional: the Renja budget tree
SHEET_RENSTRA = "Renstra"  # optional: five-year plans of the indicators
DATA_SHEETS = (SHEET_INSTANSI, SHEET_BIDANG, SHEET_SASARAN, SHEET_INDIKATOR, SHEET_ELEMEN)
#: Sheets that may be absent (absent = no budget / no Renstra data, without a finding).
OPTIONAL_SHEETS = (SHEET_ANGGARAN, SHEET_RENSTRA)
ALL_SHEETS = DATA_SHEETS + OPTIONAL_SHEETS

#: How many rows of the data sheets get drop-downs beyond the data already written.
VALIDATION_ROWS = 500
#: How many rows the loader scans for the header row.
HEADER_SCAN_ROWS = 20


_NOT_KEY = re.compile(r"[^0-9a-z%]")
_KEYS: dict[str, str] = {}


def key(text: object) -> str:
    """The comparison key of a header, label or choice: lower-case letters, digits and ``%``."""
    if type(text) is str:
        found = _KEYS.get(text)
        if found is None:
            found = _NOT_KEY.sub("", text.casefold())
            if len(_KEYS) >= 50_000:  # bounded: a catalog's choices and headers repeat, its names do not
                _KEYS.clear()
            _KEYS[text] = found
        return found
    return _NOT_KEY.sub("", str(text if text is not None else "").casefold())


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    field: str
    header: str
    comment: str
    width: float = 14
    aliases: tuple[str, ...] = ()
    required: bool = True  # the header must be present (not: the cell must be filled)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


H_KODE = "Kode"

BIDANG_COLUMNS = (
    Column("kode", H_KODE, "Kode singkat bidang, huruf/angka tanpa spasi (misalnya DAFDUK). "
           "Dipakai di lembar Indikator dan Elemen.", 12, ("Kode Bidang",)),
    Column("nama", "Nama Bidang", "Nama lengkap bidang / sub bagian.", 48, ("Nama", "Bidang")),
    Column("kepala_nama", "Nama Kepala Bidang", "Nama dan gelar Kepala Bidang, untuk blok pengesahan formulir.",
           36, ("Kepala Bidang", "Nama Kepala")),
    Column("kepala_nip", "NIP Kepala Bidang", "NIP 18 angka, ditulis sebagai teks.", 22, ("NIP",)),
    Column("telepon", "Nomor WhatsApp", "Nomor ponsel / WhatsApp bidang untuk pesan pengingat, misalnya "
           "0812-3456-7890 (boleh kosong). Bila diisi, papan status server memberi tautan WhatsApp siap kirim.",
           18, ("Telepon", "No. HP", "Nomor HP", "WhatsApp", "No. WhatsApp"), required=False),
    Column("surel", "E-mail", "Alamat e-mail bidang untuk pesan pengingat (boleh kosong). Bila diisi, papan "
           "status server memberi tautan e-mail siap kirim.", 28, ("Email", "Surel", "Alamat E-mail"),
           required=False),
)

SASARAN_COLUMNS = (
    Column("kode", H_KODE, "Kode singkat sasaran (misalnya SS1).", 12, ("Kode Sasaran",)),
    Column("uraian", "Uraian Sasaran", "Sasaran strategis sesuai Renstra / Perjanjian Kinerja.", 70,
           ("Uraian", "Sasaran", "Sasaran Strategis")),
)

TW_HEADERS = ("Target TW I", "Target TW II", "Target TW III", "Target TW IV")
#: Optional Indikator columns: the planned action of each quarter (the recap's Rencana Aksi shows them).
AKSI_HEADERS = ("Rencana Aksi TW I", "Rencana Aksi TW II", "Rencana Aksi TW III", "Rencana Aksi TW IV")
_TARGET_NOTE = ("Angka (misalnya 98,5) atau rentang: 80-90 atau 80 s.d. 90. Kosongkan bila belum ada target.")

INDIKATOR_COLUMNS = (
    Column("kode", H_KODE, "Kode singkat indikator (misalnya IK01).", 10, ("Kode Indikator",)),
    Column("sasaran", "Sasaran", "Kode sasaran dari lembar Sasaran (pilih dari daftar).", 10,
           ("Kode Sasaran",)),
    Column("nama", "Nama Indikator", "Nama indikator kinerja.", 48, ("Indikator", "Indikator Kinerja", "Nama")),
    Column("satuan", "Satuan", "Satuan indikator, misalnya %, dokumen, hari, poin.", 10),
    Column("polaritas", "Polaritas", "positif (semakin tinggi semakin baik), negatif (semakin rendah semakin "
           "baik) atau rentang (stabil: baik bila di dalam rentang target).", 11),
    Column("agregasi", "Agregasi", "Cara menggabungkan triwulan: kumulatif (dijumlah), nilai akhir (nilai "
           "triwulan terakhir), rata-rata, atau dari elemen (rumus atas elemen yang sudah digabung, untuk "
           "persentase dari dua jumlah).", 12),
    Column("rumus", "Rumus", "Rumus dari kode elemen data, misalnya DAF03 / DAF01 * 100. Lihat lembar "
           "Petunjuk.", 30),
    Column("target_tahunan", "Target Tahunan", _TARGET_NOTE, 12, ("Target",)),
    *(Column(f"target_tw{q}", h, _TARGET_NOTE + " Kumulatif: target triwulan itu; nilai akhir: tingkat "
             "yang dicapai pada akhir triwulan itu.", 11, (h.replace("TW", "Triwulan"),))
      for q, h in enumerate(TW_HEADERS, start=1)),
    Column("iku", "IKU", "ya bila Indikator Kinerja Utama, tidak bila bukan.", 7, ("Indikator Kinerja Utama",)),
    Column("bidang", "Bidang", "Kode bidang penanggung jawab dari lembar Bidang (pilih dari daftar).", 11,
           ("Bidang Penanggung Jawab", "Kode Bidang", "Penanggung Jawab")),
    Column("definisi", "Definisi Operasional", "Penjelasan cara menghitung indikator (boleh kosong).", 48,
           ("Definisi",), required=False),
    Column("sumber_data", "Sumber Data", "Asal data (boleh kosong).", 28, (), required=False),
    *(Column(f"aksi_tw{q}", h, f"Rencana aksi yang direncanakan pada {h[len('Rencana Aksi '):]} untuk mencapai "
             "target triwulan itu (boleh kosong); ditampilkan di lembar Rencana Aksi rekap.", 30,
             (h.replace("TW", "Triwulan"), h.replace("Rencana Aksi", "Aksi")), required=False)
      for q, h in enumerate(AKSI_HEADERS, start=1)),
    Column("standar_nasional", "Standar Nasional", "Standar atau target nasional pembanding bila ada, "
           "misalnya 100 atau SPM: 100 % (boleh kosong). Dipakai di tabel perbandingan draf LKjIP Bab III.",
           20, ("Standar", "Target Nasional"), required=False),
)

ELEMEN_COLUMNS = (
    Column("kode", H_KODE, "Kode singkat elemen data, dipakai di rumus (misalnya DAF01).", 10, ("Kode Elemen",)),
    Column("nama", "Nama Elemen Data", "Uraian data yang diisi bidang setiap triwulan.", 60,
           ("Elemen Data", "Nama Elemen", "Nama", "Elemen")),
    Column("satuan", "Satuan", "Satuan data, misalnya jiwa, dokumen, rupiah, persen.", 11),
    Column("bidang", "Bidang Pengisi", "Kode bidang yang mengisi elemen ini (pilih dari daftar).", 12,
           ("Bidang", "Kode Bidang")),
    Column("tipe", "Tipe", "bilangan bulat, desimal, atau persen (angka 0-100, 98,5 berarti 98,5%).", 14,
           ("Tipe Data", "Jenis")),
    Column("min", "Min", "Nilai terkecil yang boleh diisi (boleh kosong).", 9, ("Minimum", "Nilai Min"),
           required=False),
    Column("max", "Max", "Nilai terbesar yang boleh diisi (boleh kosong).", 9,
           ("Maks", "Maksimum", "Maximum", "Nilai Max"), required=False),
    Column("wajib", "Wajib", "ya bila harus diisi setiap triwulan, tidak bila boleh dikosongkan. "
           "Kosong berarti ya.", 8, ("Wajib Diisi",), required=False),
    Column("agregasi", "Agregasi", "Cara menggabungkan triwulan: kumulatif, nilai akhir atau rata-rata.", 12),
    Column("turun", "Peringatan Turun", "ya: beri peringatan bila nilainya lebih kecil dari triwulan "
           "sebelumnya; tidak: jangan. Kosong berarti otomatis: ya untuk nilai akhir (stok), kecuali elemen "
           "yang hanya dipakai indikator berpolaritas negatif (turun justru baik).", 11, ("Turun",),
           required=False),
)

_RP_NOTE = "Angka rupiah tanpa desimal, misalnya 250000000 (tampil 250.000.000); kosongkan bila belum ada."

ANGGARAN_COLUMNS = (
    Column("kode", "Kode Rekening", "Kode rekening: program 2.12.02, kegiatan 2.12.02.2.01, sub kegiatan "
           "2.12.02.2.01.0001. Urutan baris bebas (dibaca urut kode).", 19,
           ("Kode", "Kode Program/Kegiatan/Sub Kegiatan", "Kode Rekening Program/Kegiatan/Sub Kegiatan")),
    Column("nama", "Program / Kegiatan / Sub Kegiatan", "Nama program, kegiatan atau sub kegiatan sesuai "
           "nomenklatur (Kepmendagri).", 46,
           ("Nama", "Uraian", "Nama Program/Kegiatan/Sub Kegiatan", "Program Kegiatan Sub Kegiatan")),
    Column("indikator", "Indikator Kinerja", "Indikator hasil (outcome) untuk program, indikator keluaran "
           "(output) untuk kegiatan dan sub kegiatan.", 44,
           ("Indikator", "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", "Indikator Program/Kegiatan")),
    Column("satuan", "Satuan", "Satuan indikator, misalnya dokumen, laporan, orang, %.", 10),
    Column("bidang", "Bidang", "Kode bidang penanggung jawab dari lembar Bidang (pilih dari daftar). Wajib "
           "untuk sub kegiatan: bidang itu melaporkan realisasinya di formulir.", 11,
           ("Bidang Penanggung Jawab", "Kode Bidang", "Penanggung Jawab", "Unit Penanggung Jawab")),
    Column("sasaran", "Sasaran", "Kode sasaran dari lembar Sasaran yang didukung program (boleh kosong).", 10,
           ("Kode Sasaran",), required=False),
    Column("agregasi", "Agregasi", "Cara menggabungkan realisasi kinerja (K) antar triwulan dan tahun: "
           "kumulatif (dijumlah, misalnya dokumen, laporan) atau nilai akhir (nilai terakhir, misalnya "
           "persentase cakupan); rata-rata juga boleh.", 12),
    Column("pagu", "Pagu (Rp)", "Pagu anggaran tahun ini. " + _RP_NOTE + " Pagu program dan kegiatan boleh "
           "dikosongkan: dipakai jumlah pagu di bawahnya.", 17, ("Pagu", "Pagu Anggaran", "Anggaran (Rp)",
                                                               "Anggaran")),
    Column("target_k", "Target (K)", "Target kinerja tahun ini dalam satuan indikator.", 11,
           ("Target", "Target K", "Target Kinerja", "Target Tahunan")),
    Column("renstra_target_k", "Target Renstra (K)", "Target kinerja pada akhir periode Renstra (kolom 5 "
           "form E.81).", 12, ("Target Akhir Renstra (K)", "Target Kinerja Renstra"), required=False),
    Column("renstra_target_rp", "Target Renstra (Rp)", "Anggaran seluruh periode Renstra (kolom 5 form E.81). "
           + _RP_NOTE, 17, ("Target Akhir Renstra (Rp)", "Anggaran Renstra", "Pagu Renstra"), required=False),
    Column("renstra_realisasi_k", "Realisasi Renstra s.d. Tahun Lalu (K)", "Realisasi kinerja sejak awal "
           "Renstra sampai akhir tahun lalu (kolom 6 form E.81).", 15,
           ("Realisasi Renstra (K)", "Realisasi s.d. Tahun Lalu (K)"), required=False),
    Column("renstra_realisasi_rp", "Realisasi Renstra s.d. Tahun Lalu (Rp)", "Realisasi anggaran sejak awal "
           "Renstra sampai akhir tahun lalu (kolom 6 form E.81). " + _RP_NOTE, 17,
           ("Realisasi Renstra (Rp)", "Realisasi s.d. Tahun Lalu (Rp)"), required=False),
    Column("indikator_kode", "Kode Indikator", "Boleh kosong. Kode indikator dari lembar Indikator yang mengukur "
           "baris ini (indikator hasil program, indikator keluaran kegiatan); beberapa kode dipisah koma, "
           "misalnya IK01, IK03. Bila diisi, form E.81 memakai target dan realisasi indikator itu sendiri; "
           "kolom Indikator Kinerja dan Satuan boleh dikosongkan.", 14,
           ("Kode Indikator Kinerja", "Indikator Terkait"), required=False),
    Column("keterangan", "Keterangan", "Boleh kosong. Keterangan baris ini (kolom 16 form E.81).", 30,
           ("Catatan",), required=False),
    Column("tindak_lanjut", "Tindak Lanjut Renja Berikutnya", "Boleh kosong. Tindak lanjut yang diperlukan dalam "
           "Renja Perangkat Daerah berikutnya (bagian bawah form E.81); diisi saat evaluasi akhir tahun.", 40,
           ("Tindak Lanjut Renja",), required=False),
)

#: Renstra year columns are numbered: "Target Tahun 1" is the Tahun Awal, "Target Tahun 5" the last year.
RENSTRA_YEARS = 5
RENSTRA_COLUMNS = (
    Column("kode", "Kode Indikator", "Kode indikator dari lembar Indikator (pilih dari daftar); satu baris "
           "per indikator.", 11, ("Kode", "Indikator")),
    Column("nama", "Nama Indikator", "Untuk dibaca saja (tidak diperiksa): nama indikator dari lembar "
           "Indikator.", 44, ("Nama",), required=False),
    Column("tahun_awal", "Tahun Awal", "Tahun pertama periode Renstra, misalnya 2023 (Renstra 2023-2027). "
           "Tahun katalog harus salah satu dari lima tahunnya.", 10, ("Tahun Awal Renstra", "Tahun Pertama")),
    Column("baseline", "Baseline", "Kondisi awal sebelum periode Renstra (boleh kosong).", 10,
           ("Kondisi Awal", "Nilai Awal", "Baseline (Kondisi Awal)"), required=False),
    *(Column(f"target{k}", f"Target Tahun {k}", f"Target indikator pada tahun ke-{k} Renstra (Tahun Awal"
             f"{f' + {k - 1}' if k > 1 else ''}).", 10, (f"Target Tahun ke-{k}", f"Target Th {k}"))
      for k in range(1, RENSTRA_YEARS + 1)),
    *(Column(f"realisasi{k}", f"Realisasi Tahun {k}", f"Realisasi indikator pada tahun ke-{k} Renstra; diisi "
             "hanya untuk tahun yang sudah berjalan.", 10, (f"Realisasi Tahun ke-{k}", f"Realisasi Th {k}"))
      for k in range(1, RENSTRA_YEARS + 1)),
    Column("target_akhir_k", "Target Akhir Periode", "Target kondisi akhir periode Renstra sebagaimana tertulis "
           "di dokumen Renstra (boleh kosong: dipakai target tahun ke-5).", 11,
           ("Target Akhir", "Kondisi Akhir", "Target Kondisi Akhir", "Target Akhir Renstra"), required=False),
)

#: The columns of each table sheet, in the order the writer writes them.
COLUMNS: dict[str, tuple[Column, ...]] = {
    SHEET_BIDANG: BIDANG_COLUMNS,
    SHEET_SASARAN: SASARAN_COLUMNS,
    SHEET_INDIKATOR: INDIKATOR_COLUMNS,
    SHEET_ELEMEN: ELEMEN_COLUMNS,
    SHEET_ANGGARAN: ANGGARAN_COLUMNS,
    SHEET_RENSTRA: RENSTRA_COLUMNS,
}

# --- the Instansi sheet --------------------------------------------------------

H_PENGATURAN = "Pengaturan"
H_ISIAN = "Isian"
H_KETERANGAN = "Keterangan"
ISIAN_ALIASES = ("Nilai",)


@dataclass(frozen=True)
class Setting:
    """One row of the Instansi sheet: a label and the model field its value fills."""

    field: str
    label: str
    note: str
    aliases: tuple[str, ...] = ()
    required: bool = False  # the value must be filled (the row must exist)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


SETTINGS = (
    Setting("pemerintah_daerah", "Pemerintah Daerah", "Misalnya: Pemerintah Kabupaten Contoh.",
            ("Pemda", "Nama Pemerintah Daerah"), True),
    Setting("nama_opd", "Nama OPD", "Nama lengkap perangkat daerah.",
            ("Nama Perangkat Daerah", "OPD", "Perangkat Daerah", "Nama Instansi"), True),
    Setting("alamat", "Alamat", "Alamat kantor (untuk kop laporan)."),
    Setting("tahun", "Tahun", "Tahun anggaran, misalnya 2025.", ("Tahun Anggaran",), True),
    Setting("kepala_nama", "Nama Kepala OPD", "Nama dan gelar Kepala OPD.", ("Kepala OPD",)),
    Setting("kepala_nip", "NIP Kepala OPD", "NIP 18 angka."),
    Setting("kepala_jabatan", "Jabatan Kepala OPD", "Misalnya: Kepala Dinas Kependudukan dan Pencatatan Sipil."),
    Setting("skala", "Skala Predikat", "Skala predikat capaian (pilih dari daftar).", ("Skala",)),
    Setting("rumus_negatif", "Rumus Polaritas Negatif",
            "linear: (2 x target - realisasi) / target x 100 (PermenPANRB 8/2021); "
            "rasio: target / realisasi x 100.", ("Rumus Negatif",)),
    Setting("batas_capaian", "Batas Capaian (%)",
            "Capaian tertinggi yang dihitung dalam predikat: tanpa batas, 100, 120 atau 200. "
            "Capaian tanpa batas tetap ditampilkan.", ("Batas Capaian",)),
    Setting("batas_pengisian_hari", "Batas Pengisian (hari)",
            "Formulir dikembalikan paling lambat sekian hari setelah akhir triwulan.", ("Batas Pengisian",)),
    Setting("sandi", "Sandi Lembar",
            "Sandi pelindung lembar formulir. Boleh kosong (lembar tetap terkunci tanpa sandi).",
            ("Sandi", "Kata Sandi")),
    Setting("sekretaris_nama", "Nama Sekretaris", "Untuk blok tanda tangan rekap (boleh kosong).",
            ("Sekretaris",)),
    Setting("sekretaris_nip", "NIP Sekretaris", "NIP 18 angka (boleh kosong)."),
    Setting("penyusun_nama", "Nama Penyusun", "Kasubag Perencanaan / operator yang menyusun rekap.",
            ("Penyusun",)),
    Setting("penyusun_nip", "NIP Penyusun", "NIP 18 angka (boleh kosong)."),
    Setting("penyusun_jabatan", "Jabatan Penyusun", "Misalnya: Kepala Sub Bagian Perencanaan."),
    Setting("tanggal_pk", "Tanggal Perjanjian Kinerja", "Tanggal penandatanganan Perjanjian Kinerja, misalnya "
            "2 Januari 2025 atau 02-01-2025. Kosong: 2 Januari tahun anggaran.", ("Tanggal PK",)),
    Setting("kertas", "Ukuran Kertas",
            "Kertas cetak formulir, laporan dan rekap: F4 (folio 215 x 330 mm), A4 atau A3. Kosong: F4.",
            ("Kertas",)),
    Setting("batas_kendala", "Batas Capaian Wajib Kendala (%)",
            "Kendala / rencana tindak lanjut wajib diisi bila capaian indikator di bawah angka ini. "
            "Kosong berarti 100.", ("Batas Kendala",)),
    Setting("batas_bawah_capaian", "Batas Bawah Capaian (%)",
            "Capaian terendah yang dinilai dan dirata-ratakan: 0 (capaian negatif dihitung 0) atau tanpa batas. "
            "Nilai sebelum dibatasi tetap ditampilkan.", ("Batas Bawah Capaian", "Capaian Minimum")),
    Setting("predikat_progres", "Predikat Progres thd Target Tahunan",
            "tanpa predikat, atau ambang triwulan: Sangat Tinggi bila progres mencapai 23/45/79/98% target "
            "tahunan pada TW I/II/III/IV (batas predikat lain diskalakan sama).", ("Predikat Progres",)),
)

# --- allowed values --------------------------------------------------------------

POLARITAS_CHOICES: dict[str, Polaritas] = {
    **{key(p.value): p for p in Polaritas}, key("stabil"): Polaritas.RENTANG,
}
AGREGASI_CHOICES: dict[str, Agregasi] = {key(a.value): a for a in Agregasi}
#: Elements and budget rows aggregate their own quarters: "dari elemen" is for indicators only.
ELEMEN_AGREGASI_CHOICES: dict[str, Agregasi] = {k: a for k, a in AGREGASI_CHOICES.items()
                                                if a is not Agregasi.DARI_ELEMEN}
BATAS_BAWAH_CHOICES: dict[str, BatasBawah] = {
    **{key(b.value): b for b in BatasBawah}, **{key(b.value + "%"): b for b in BatasBawah},
}
PREDIKAT_PROGRES_CHOICES: dict[str, PredikatProgres] = {key(p.value): p for p in PredikatProgres}
TIPE_CHOICES: dict[str, TipeElemen] = {
    **{key(t.value): t for t in TipeElemen}, key("bulat"): TipeElemen.BULAT, key("%"): TipeElemen.PERSEN,
}
#: Paper sizes of the Ukuran Kertas setting (F4 first: the default).
KERTAS = ("F4", "A4", "A3")
KERTAS_CHOICES: dict[str, str] = {**{key(k): k for k in KERTAS}, key("folio"): "F4"}
YA_TIDAK_CHOICES: dict[str, bool] = {"ya": True, "y": True, "tidak": False, "t": False}
RUMUS_NEGATIF_CHOICES: dict[str, RumusNegatif] = {key(r.value): r for r in RumusNegatif}
BATAS_CAPAIAN_CHOICES: dict[str, BatasCapaian] = {
    **{key(b.value): b for b in BatasCapaian}, **{key(b.value + "%"): b for b in BatasCapaian},
}

#: The lists of the hidden Daftar sheet (drop-downs), in column order: (title, values).
LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Polaritas", tuple(p.value for p in Polaritas)),
    ("Agregasi", tuple(a.value for a in ELEMEN_AGREGASI_CHOICES.values())),
    ("Tipe", tuple(t.value for t in TipeElemen)),
    ("Ya/Tidak", ("ya", "tidak")),
    ("Skala Predikat", tuple(SKALA)),
    ("Rumus Polaritas Negatif", tuple(r.value for r in RumusNegatif)),
    ("Batas Capaian (%)", tuple(b.value for b in BatasCapaian)),
    ("Ukuran Kertas", KERTAS),
    ("Batas Bawah Capaian (%)", tuple(b.value for b in BatasBawah)),
    ("Predikat Progres", tuple(p.value for p in PredikatProgres)),
    ("Agregasi Indikator", tuple(a.value for a in Agregasi)),
)
