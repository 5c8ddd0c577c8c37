"""Every finding code intake produces (registered once, at import).

Topics: ``berkas`` (the file as a whole: type, damage, recognition),
``isian`` (the form's structure: tables, codes, locked content, formulas),
``nilai`` (the values typed in). Templates are Bahasa Indonesia: what is
wrong, then (the hint) how to fix it. ``{value}`` is the value as found; ``{shown}`` a number
written the Indonesian way (``1.234,5``).
"""

from __future__ import annotations

from kinerja_xl.findings import Severity, define
from kinerja_xl.xlsx import MAX_CELL_TEXT

E, W = Severity.ERROR, Severity.WARNING

# --- berkas: the file ----------------------------------------------------------------

BERKAS_TIDAK_TERBACA = "berkas-tidak-terbaca"
BERKAS_BUKAN_BUKU_KERJA = "berkas-bukan-buku-kerja"
BERKAS_RUSAK = "berkas-rusak"
BERKAS_BERSANDI = "berkas-bersandi"
BERKAS_XLS = "berkas-format-xls"
BERKAS_ODS = "berkas-format-ods"
BERKAS_XLSM = "berkas-format-xlsm"
BERKAS_TERLALU_BESAR = "berkas-terlalu-besar"
BERKAS_TANPA_PENANDA = "berkas-tanpa-penanda"
BERKAS_BUKAN_FORMULIR = "berkas-bukan-formulir"
BERKAS_PERIODE_LAIN = "berkas-periode-lain"
BERKAS_VERSI_TEMPLAT = "berkas-versi-templat"
BERKAS_KATALOG_BERUBAH = "berkas-katalog-berubah"
BERKAS_BIDANG_TIDAK_DIKENAL = "berkas-bidang-tidak-dikenal"
BERKAS_LEMBAR_HILANG = "berkas-lembar-hilang"
BERKAS_GANDA = "berkas-ganda"  # two different new files of one bidang in one run (intake.record)
FORMULIR_BIDANG_LAIN = "formulir-bidang-lain"  # uploaded through another bidang's link (intake.upload)

_SEND_XLSX = "Buka berkas itu di Excel atau LibreOffice, simpan sebagai \"Excel Workbook (.xlsx)\", lalu kirim ulang."
_USE_FORM = "Isi formulir yang dikirim oleh Subbagian Perencanaan untuk bidang Anda, lalu kirim ulang."

define(BERKAS_TIDAK_TERBACA, E, "Berkas tidak dapat dibaca ({reason}).",
       "Kirim ulang berkasnya; jika tersimpan di flash disk atau folder bersama, salin dulu ke komputer.",
       topic="berkas")
define(BERKAS_BUKAN_BUKU_KERJA, E, "Berkas ini bukan buku kerja Excel ({what}).",
       "Kirim formulir isian dalam bentuk berkas Excel (.xlsx). " + _USE_FORM, topic="berkas")
define(BERKAS_RUSAK, E, "Berkas Excel ini rusak atau tidak lengkap ({reason}); mungkin terpotong saat dikirim.",
       "Buka berkas aslinya di komputer pengirim; jika masih terbuka dengan baik, simpan ulang lalu kirim "
       "lagi (sebaiknya sebagai lampiran surel, bukan melalui pratinjau aplikasi pesan).", topic="berkas")
define(BERKAS_BERSANDI, E, "Berkas ini dilindungi kata sandi pembuka (terenkripsi), sehingga isinya tidak dapat dibaca.",
       "Buka berkas di Excel, pilih File > Info > Protect Workbook > Encrypt with Password, kosongkan kata "
       "sandinya, simpan, lalu kirim ulang. Perlindungan lembar bawaan formulir tidak perlu diubah.",
       topic="berkas")
define(BERKAS_XLS, E, "Berkas ini berformat Excel lama (.xls, Excel 97–2003); kinerja-xl hanya membaca .xlsx "
       "dan tidak mengubah format berkas secara otomatis.", _SEND_XLSX, topic="berkas")
define(BERKAS_ODS, E, "Berkas ini berformat OpenDocument (.ods); kinerja-xl hanya membaca .xlsx dan tidak "
       "mengubah format berkas secara otomatis.", _SEND_XLSX, topic="berkas")
define(BERKAS_XLSM, E, "Berkas ini buku kerja bermakro (.xlsm). Makro tidak pernah dijalankan dan berkas "
       "bermakro tidak diterima.",
       "Buka berkas itu, pilih File > Save As, simpan sebagai \"Excel Workbook (.xlsx)\" (makro akan dibuang), "
       "lalu kirim ulang.", topic="berkas")
define(BERKAS_TERLALU_BESAR, E, "Isi berkas ini terlalu besar saat dibuka ({size}); formulir isian yang wajar "
       "jauh lebih kecil, jadi berkas tidak diperiksa.",
       "Kirim formulir isian asli tanpa lembar atau gambar tambahan. " + _USE_FORM, topic="berkas")
define(BERKAS_TANPA_PENANDA, E, "Buku kerja ini tidak memuat penanda formulir kinerja-xl; tampaknya formulir "
       "bidang {bidang} yang disalin ke buku kerja baru ({kode_cocok} dari {kode_total} kode elemen bidang itu "
       "ditemukan di lembar {lembar}).",
       "Isi dan kirim berkas formulir asli yang dikirim untuk bidang {bidang} (jangan menyalin lembarnya ke "
       "buku kerja baru); nilai yang sudah diisi dapat disalin ke kolom isian formulir asli.", topic="berkas")
define(BERKAS_BUKAN_FORMULIR, E, "Buku kerja ini bukan formulir kinerja-xl: tidak ada penanda formulir dan "
       "tidak ada tabel dengan kolom \"Kode\" dan \"Elemen Data\".", _USE_FORM, topic="berkas")
define(BERKAS_PERIODE_LAIN, E, "Formulir ini untuk periode {found}, bukan {expected} yang sedang diperiksa.",
       "Isi formulir periode {expected} yang dikirim oleh Subbagian Perencanaan, lalu kirim ulang; jika "
       "berkas ini memang untuk {found}, kirimkan pada periode itu.", topic="berkas")
define(BERKAS_VERSI_TEMPLAT, E, "Formulir ini dibuat dengan templat versi {found}, sedangkan yang berlaku "
       "versi {expected}.",
       "Minta formulir terbaru ke Subbagian Perencanaan, salin isian Anda ke formulir itu, lalu kirim ulang.",
       topic="berkas")
define(BERKAS_KATALOG_BERUBAH, E, "Katalog elemen data dan indikator bidang {bidang} telah berubah sejak "
       "formulir ini dibuat, sehingga formulir ini sudah tidak berlaku.",
       "Minta formulir terbaru ke Subbagian Perencanaan, salin isian Anda ke formulir itu, lalu kirim ulang.",
       topic="berkas")
define(BERKAS_GANDA, E, "Ada {n} berkas berbeda untuk bidang {bidang} dalam satu pemeriksaan: {berkas}.",
       "Satu bidang hanya boleh mengirim satu berkas per pemeriksaan. Pindahkan berkas yang tidak berlaku "
       "dari folder masuk (atau tanyakan kepada bidang berkas mana yang benar), lalu jalankan pemeriksaan lagi.",
       topic="berkas")
define(FORMULIR_BIDANG_LAIN, E, "Berkas ini formulir bidang {lain}, bukan formulir bidang {bidang}.",
       "Unggah formulir bidang {bidang} sendiri (unduh dari halaman ini bila perlu).", topic="berkas")
define(BERKAS_BIDANG_TIDAK_DIKENAL, E, "Formulir ini untuk bidang '{value}', yang tidak ada di katalog.",
       "Pastikan Anda mengisi formulir yang dikirim untuk bidang Anda; tanyakan ke Subbagian Perencanaan "
       "jika bidang Anda belum terdaftar.", topic="berkas")
define(BERKAS_LEMBAR_HILANG, E, "Lembar \"{lembar}\" tidak ditemukan di buku kerja ini.",
       "Jangan menghapus atau mengganti nama lembar formulir. " + _USE_FORM, topic="berkas")

# --- isian: the form's structure -----------------------------------------------------------------

ISIAN_TABEL_HILANG = "isian-tabel-hilang"
ISIAN_KOLOM_HILANG = "isian-kolom-hilang"
ISIAN_ELEMEN_HILANG = "isian-elemen-hilang"
ISIAN_ELEMEN_GANDA = "isian-elemen-ganda"
ISIAN_ELEMEN_ASING = "isian-elemen-asing"
ISIAN_INDIKATOR_HILANG = "isian-indikator-hilang"
ISIAN_INDIKATOR_GANDA = "isian-indikator-ganda"
ISIAN_INDIKATOR_ASING = "isian-indikator-asing"
ISIAN_ISI_TERKUNCI_DIUBAH = "isian-isi-terkunci-diubah"
ISIAN_TARGET_DIUBAH = "isian-target-diubah"
ISIAN_KEPALA_DIUBAH = "isian-kepala-diubah"
ISIAN_RUMUS_DIKETIK = "isian-rumus-diketik"
ISIAN_RUMUS_DIHAPUS = "isian-rumus-dihapus"
ISIAN_BARIS_TANPA_KODE = "isian-baris-tanpa-kode"
ISIAN_KENDALA_KOSONG = "isian-kendala-kosong"
ISIAN_TANGGAL_TIDAK_DIKENALI = "isian-tanggal-tidak-dikenali"

_DONT_EDIT = ("Kembalikan isinya seperti semula (atau salin isian Anda ke formulir asli); hanya sel "
              "berwarna isian yang boleh diubah.")

define(ISIAN_TABEL_HILANG, E, "Tabel {tabel} tidak ditemukan di lembar {lembar} (baris judul dengan kolom "
       "{kolom} tidak ada).", "Jangan menghapus atau mengubah baris judul tabel. " + _USE_FORM, topic="isian")
define(ISIAN_KOLOM_HILANG, E, "Kolom \"{kolom}\" tidak ditemukan di baris judul tabel {tabel}.",
       "Jangan menghapus atau mengganti judul kolom formulir. " + _USE_FORM, topic="isian")
define(ISIAN_ELEMEN_HILANG, E, "Baris elemen data {kode} ({nama}) tidak ada di tabel elemen data; "
       "barisnya mungkin terhapus.",
       "Isi elemen ini di formulir asli (baris tidak boleh dihapus), lalu kirim ulang.", topic="isian")
define(ISIAN_ELEMEN_GANDA, E, "Kode elemen data {value} muncul lebih dari sekali (pertama di sel {first}).",
       "Hapus baris salinan sehingga setiap kode hanya ada sekali, dan pastikan nilainya ada di satu baris saja.",
       topic="isian")
define(ISIAN_ELEMEN_ASING, E, "Kode elemen data '{value}' bukan milik formulir bidang {bidang}.",
       "Kembalikan kode seperti semula atau hapus baris tambahan itu; kode elemen tidak boleh diubah.",
       topic="isian")
define(ISIAN_INDIKATOR_HILANG, E, "Baris indikator {kode} ({nama}) tidak ada di tabel indikator; barisnya "
       "mungkin terhapus.", "Gunakan formulir asli (baris tidak boleh dihapus), lalu kirim ulang.",
       topic="isian")
define(ISIAN_INDIKATOR_GANDA, E, "Kode indikator {value} muncul lebih dari sekali (pertama di sel {first}).",
       "Hapus baris salinan sehingga setiap kode indikator hanya ada sekali.", topic="isian")
define(ISIAN_INDIKATOR_ASING, E, "Kode indikator '{value}' bukan milik formulir bidang {bidang}.",
       "Kembalikan kode seperti semula atau hapus baris tambahan itu; kode indikator tidak boleh diubah.",
       topic="isian")
define(ISIAN_ISI_TERKUNCI_DIUBAH, E, "{apa} untuk {kode} telah diubah: tertulis '{value}', seharusnya "
       "'{expected}'.", _DONT_EDIT, topic="isian")
define(ISIAN_TARGET_DIUBAH, E, "{apa} indikator {kode} telah diubah: tertulis '{value}', seharusnya "
       "'{expected}' sesuai katalog.", _DONT_EDIT, topic="isian")
define(ISIAN_KEPALA_DIUBAH, E, "Kepala formulir telah diubah: {apa} tertulis '{value}', seharusnya "
       "'{expected}'.", _DONT_EDIT, topic="isian")
define(ISIAN_RUMUS_DIKETIK, E, "Sel isian berisi rumus ({formula}), bukan nilai yang diketik.",
       "Ketik nilainya langsung (misalnya 1234 atau 1.234,5) tanpa tanda '=' lalu kirim ulang; rumus tidak "
       "diterima di kolom isian.", topic="isian")
define(ISIAN_RUMUS_DIHAPUS, W, "Rumus {kolom} untuk indikator {kode} telah ditimpa dengan nilai '{value}'. "
       "kinerja-xl menghitung ulang sendiri dari elemen data, jadi nilai ini diabaikan.",
       "Lain kali jangan mengetik di kolom berumus; kolom itu terisi otomatis.", topic="isian")
define(ISIAN_BARIS_TANPA_KODE, E, "Nilai '{value}' diisi pada baris tanpa kode elemen data, sehingga tidak "
       "dapat dikenali milik elemen yang mana.",
       "Pindahkan nilai itu ke kolom isian pada baris elemen yang benar, lalu hapus baris tambahan ini.",
       topic="isian")
define(ISIAN_KENDALA_KOSONG, E, "Capaian indikator {kode} ({nama}) {capaian} %, di bawah target, tetapi "
       "kendala / rencana tindak lanjut belum diisi.",
       "Tuliskan kendala yang dihadapi dan rencana tindak lanjutnya pada sel ini, lalu kirim ulang.",
       topic="isian")
ISIAN_TEKS_TERLALU_PANJANG = "isian-teks-terlalu-panjang"
define(ISIAN_TEKS_TERLALU_PANJANG, W, "Teks di sel ini {panjang} karakter, lebih dari {batas} (batas satu sel "
       "Excel): teks lengkapnya disimpan di daftar kiriman, tetapi salinan umpan balik dan rekap hanya memuat "
       "{batas} karakter pertama.", "Ringkas teksnya; uraian panjang dapat dilampirkan sebagai dokumen terpisah.",
       topic="isian")


def long_text_params(text: str) -> dict[str, str]:
    """The ``panjang`` and ``batas`` of :data:`ISIAN_TEKS_TERLALU_PANJANG` (Indonesian thousands dots)."""
    return {"panjang": f"{len(text):,}".replace(",", "."), "batas": f"{MAX_CELL_TEXT:,}".replace(",", ".")}


define(ISIAN_TANGGAL_TIDAK_DIKENALI, W, "Tanggal pengesahan '{value}' tidak dikenali sebagai tanggal.",
       "Isi tanggal dalam bentuk 31/03/2025.", topic="isian")

# --- nilai: the values -----------------------------------------------------------------------------

NILAI_TEKS_ANGKA = "nilai-teks-angka"
NILAI_FORMAT_PERSEN = "nilai-format-persen"
NILAI_GALAT = "nilai-galat"
NILAI_TANGGAL = "nilai-tanggal"
NILAI_BUKAN_ANGKA = "nilai-bukan-angka"
NILAI_NEGATIF = "nilai-negatif"
NILAI_PERSEN_LEBIH_100 = "nilai-persen-lebih-100"
NILAI_DI_BAWAH_MINIMUM = "nilai-di-bawah-minimum"
NILAI_DI_ATAS_MAKSIMUM = "nilai-di-atas-maksimum"
NILAI_PECAHAN = "nilai-pecahan"
NILAI_WAJIB_KOSONG = "nilai-wajib-kosong"
NILAI_PEMBILANG_LEBIH_BESAR = "nilai-pembilang-lebih-besar"
NILAI_TURUN = "nilai-turun"
NILAI_LONJAKAN = "nilai-lonjakan"
NILAI_SATUAN_BERBALIK = "nilai-satuan-berbalik"

_TYPE_NUMBER = ("Isi dengan angka saja, misalnya 1234 atau 1.234,5 (satuan dan penjelasan ditulis di kolom "
                "Keterangan); kosongkan (atau isi '-') jika belum ada datanya.")

define(NILAI_TEKS_ANGKA, W, "'{value}' diketik sebagai teks dan dibaca sebagai angka {reading} (ditulis tanpa "
       "pemisah ribuan, dengan koma desimal).",
       "Periksa bahwa pembacaan ini benar; jika tidak, ketik angkanya tanpa pemisah ribuan (misalnya 1234,5).",
       topic="nilai")
define(NILAI_FORMAT_PERSEN, W, "Sel berformat persen bernilai {shown} (terlihat {reading} %); dibaca sebagai "
       "{reading}, sebab elemen persen diisi 0–100.", "Periksa bahwa pembacaan ini benar; ketik persen sebagai angka 0–100, "
       "misalnya 98,5.", topic="nilai")
define(NILAI_GALAT, E, "Sel berisi nilai galat {value}, bukan angka.",
       "Ganti dengan angka yang benar (tanpa rumus). " + _TYPE_NUMBER, topic="nilai")
define(NILAI_TANGGAL, E, "'{value}' adalah tanggal atau jam, bukan angka (Excel mengubah ketikan seperti "
       "1/3 atau 1-3 menjadi tanggal).", "Hapus isi sel lalu ketik angkanya. " + _TYPE_NUMBER, topic="nilai")
define(NILAI_BUKAN_ANGKA, E, "'{value}' bukan angka.", _TYPE_NUMBER, topic="nilai")
define(NILAI_NEGATIF, E, "Nilai {shown} negatif; elemen data ini tidak boleh bernilai negatif.",
       "Periksa kembali datanya dan isi dengan angka 0 atau lebih.", topic="nilai")
define(NILAI_PERSEN_LEBIH_100, E, "Nilai {shown} melebihi 100, padahal elemen ini berupa persen (0–100).",
       "Isi persen sebagai angka 0–100 (misalnya 98,5 untuk 98,5 %); periksa apakah yang diisi justru "
       "jumlah, bukan persen.", topic="nilai")
define(NILAI_DI_BAWAH_MINIMUM, E, "Nilai {shown} di bawah batas minimum {limit} untuk elemen ini.",
       "Periksa kembali datanya; nilai yang sah paling kecil {limit}.", topic="nilai")
define(NILAI_DI_ATAS_MAKSIMUM, E, "Nilai {shown} di atas batas maksimum {limit} untuk elemen ini.",
       "Periksa kembali datanya; nilai yang sah paling besar {limit}.", topic="nilai")
define(NILAI_PECAHAN, E, "Nilai {shown} berupa pecahan, padahal elemen ini bilangan bulat ({satuan}).",
       "Isi dengan bilangan bulat tanpa koma desimal, misalnya {rounded}.{ribuan}", topic="nilai")


def thousands_hint(value: float) -> str:
    """The ``ribuan`` of :data:`NILAI_PECAHAN`: ``3.250`` typed on an English-locale computer is 3.25
    there; when the value reads as a whole number of thousands, say so (``""`` otherwise)."""
    thousands = value * 1000
    if abs(thousands - round(thousands)) > 1e-6 or abs(value) >= 1e12:
        return ""
    whole = round(thousands)
    shown = f"{whole:,}".replace(",", ".")
    return (f" Jika yang dimaksud {shown} (titik sebagai pemisah ribuan; komputer berbahasa Inggris membacanya "
            f"sebagai koma desimal), ketik {whole} tanpa titik.")
define(NILAI_WAJIB_KOSONG, E, "Elemen data wajib {kode} ({nama}) belum diisi.",
       "Isi nilainya; jika datanya memang 0, ketik 0.", topic="nilai")
define(NILAI_PEMBILANG_LEBIH_BESAR, E, "{kode} ({nama}) bernilai {shown}, lebih besar dari {penyebut} "
       "({penyebut_nama}) = {penyebut_nilai}, padahal indikator {indikator} adalah cakupan {kode} terhadap "
       "{penyebut} (tidak mungkin lebih dari 100 %).",
       "Periksa kedua nilai; bagian tidak boleh lebih besar dari keseluruhannya.", topic="nilai")
define(NILAI_TURUN, W, "Nilai {shown} lebih kecil dari nilai triwulan sebelumnya ({previous}), padahal "
       "{kode} ({nama}) adalah nilai akhir (stok) yang biasanya tidak turun.",
       "Periksa kembali datanya; jika memang turun, jelaskan di kolom keterangan.", topic="nilai")
define(NILAI_LONJAKAN, W, "Nilai {shown} {arah} nilai triwulan sebelumnya ({previous}); mungkin salah "
       "satuan (misalnya 0,98 dan 98).", "Periksa satuannya ({satuan}); jika memang benar, jelaskan di "
       "kolom keterangan.", topic="nilai")
define(NILAI_SATUAN_BERBALIK, W, "Nilai {shown} untuk {kode} ({nama}), padahal triwulan sebelumnya {previous}; "
       "satu di antaranya mungkin ditulis sebagai pecahan (0,42) dan yang lain sebagai persen (42).",
       "Elemen persen diisi 0–100 (42 berarti 42 %); jika {shown} memang benar, jelaskan di kolom keterangan.",
       topic="nilai")

# --- anggaran: the Anggaran sheet (sub kegiatan budget and output; kinerja_xl.intake.anggaran) -------

ANGGARAN_SUB_KEGIATAN_HILANG = "anggaran-sub-kegiatan-hilang"
ANGGARAN_SUB_KEGIATAN_GANDA = "anggaran-sub-kegiatan-ganda"
ANGGARAN_SUB_KEGIATAN_ASING = "anggaran-sub-kegiatan-asing"
ANGGARAN_BARIS_TANPA_KODE = "anggaran-baris-tanpa-kode"
ANGGARAN_ANGKA_DIUBAH = "anggaran-angka-diubah"
ANGGARAN_WAJIB_KOSONG = "anggaran-wajib-kosong"
ANGGARAN_NEGATIF = "anggaran-negatif"
ANGGARAN_FISIK_DI_LUAR_RENTANG = "anggaran-fisik-di-luar-rentang"
ANGGARAN_FISIK_TURUN = "anggaran-fisik-turun"
ANGGARAN_MELEBIHI_PAGU = "anggaran-melebihi-pagu"
ANGGARAN_SERAPAN_TERTINGGAL = "anggaran-serapan-tertinggal"
ANGGARAN_RUMUS_DIHAPUS = "anggaran-rumus-dihapus"

define(ANGGARAN_SUB_KEGIATAN_HILANG, E, "Baris sub kegiatan {kode} ({nama}) tidak ada di tabel lembar "
       "Anggaran; barisnya mungkin terhapus.",
       "Isi sub kegiatan ini di formulir asli (baris tidak boleh dihapus), lalu kirim ulang.", topic="anggaran")
define(ANGGARAN_SUB_KEGIATAN_GANDA, E, "Kode rekening {value} muncul lebih dari sekali (pertama di sel {first}).",
       "Hapus baris salinan sehingga setiap sub kegiatan hanya ada sekali, dengan realisasinya di satu baris saja.",
       topic="anggaran")
define(ANGGARAN_SUB_KEGIATAN_ASING, E, "Kode rekening '{value}' bukan sub kegiatan bidang {bidang} menurut "
       "katalog.", "Kembalikan kode rekening seperti semula atau hapus baris tambahan itu; kode rekening tidak "
       "boleh diubah.", topic="anggaran")
define(ANGGARAN_BARIS_TANPA_KODE, E, "Nilai '{value}' diisi pada baris tanpa kode rekening, sehingga tidak "
       "dapat dikenali milik sub kegiatan yang mana.",
       "Pindahkan nilai itu ke baris sub kegiatan yang benar, lalu hapus baris tambahan ini.", topic="anggaran")
define(ANGGARAN_ANGKA_DIUBAH, E, "{apa} sub kegiatan {kode} telah diubah: tertulis '{value}', seharusnya "
       "'{expected}' sesuai katalog.", _DONT_EDIT, topic="anggaran")
define(ANGGARAN_WAJIB_KOSONG, E, "{kolom} sub kegiatan {kode} ({nama}) belum diisi.",
       "Isi nilainya; jika belum ada realisasi, ketik 0.", topic="anggaran")
define(ANGGARAN_NEGATIF, E, "{kolom} sub kegiatan {kode} bernilai {shown}, negatif.",
       "Isi dengan angka 0 atau lebih; pengembalian belanja dikurangkan dari realisasi triwulan yang sama.",
       topic="anggaran")
define(ANGGARAN_FISIK_DI_LUAR_RENTANG, E, "Realisasi fisik sub kegiatan {kode} bernilai {shown}, di luar 0–100 %.",
       "Isi kemajuan fisik kumulatif sebagai angka 0 sampai 100 (misalnya 62,5 untuk 62,5 %).", topic="anggaran")
define(ANGGARAN_FISIK_TURUN, E, "Realisasi fisik s.d. triwulan ini sub kegiatan {kode} ({shown} %) lebih kecil "
       "dari realisasi fisik s.d. triwulan sebelumnya ({previous} %), padahal realisasi fisik adalah kemajuan "
       "kumulatif.", "Isi kemajuan fisik sejak awal tahun sampai akhir triwulan ini (paling kecil {previous}).",
       topic="anggaran")
define(ANGGARAN_MELEBIHI_PAGU, E, "Realisasi keuangan sub kegiatan {kode} s.d. triwulan ini Rp {total} "
       "(triwulan sebelumnya Rp {sebelumnya} + triwulan ini Rp {shown}) melebihi pagu anggaran Rp {pagu}.",
       "Periksa angka belanja triwulan ini (hanya belanja triwulan ini, bukan kumulatif, tanpa salah ketik nol).",
       topic="anggaran")
define(ANGGARAN_SERAPAN_TERTINGGAL, W, "Serapan anggaran sub kegiatan {kode} {serapan} % jauh di bawah "
       "realisasi fisiknya {fisik} % (selisih lebih dari {batas} poin).",
       "Periksa realisasi keuangan dan fisiknya; jika memang demikian (misalnya belanja belum dibayarkan), "
       "jelaskan di kolom Faktor Penghambat.", topic="anggaran")
define(ANGGARAN_RUMUS_DIHAPUS, W, "Rumus {kolom} sub kegiatan {kode} telah ditimpa dengan nilai '{value}'. "
       "kinerja-xl menghitung ulang sendiri dari realisasi keuangan tiap triwulan, jadi nilai ini diabaikan.",
       "Lain kali jangan mengetik di kolom berumus; kolom itu terisi otomatis.", topic="anggaran")
