"""The finding codes of the catalog (topic ``katalog``): registered here, produced by the loader."""

from __future__ import annotations

from kinerja_xl.findings import Severity, define

TOPIC = "katalog"

define("katalog-lembar-tidak-ada", Severity.ERROR,
       "Lembar '{lembar}' tidak ada di katalog.{saran}",
       "Tambahkan lembar '{lembar}' (atau ganti nama lembarnya), dengan judul kolom seperti pada katalog "
       "kosong buatan kinerja-xl init.", topic=TOPIC)
define("katalog-kolom-tidak-ada", Severity.ERROR,
       "Kolom '{kolom}' tidak ditemukan di lembar {lembar}.{saran}",
       "Tulis judul kolom '{kolom}' pada baris judul (huruf besar/kecil dan spasi tidak berpengaruh).",
       topic=TOPIC)
define("katalog-kolom-tidak-dikenal", Severity.WARNING,
       "Judul kolom '{value}' tidak dikenal; isi kolom ini diabaikan.{saran}",
       "Perbaiki judul kolomnya bila kolom itu dimaksudkan untuk dibaca.", topic=TOPIC)
define("katalog-kolom-ganda", Severity.ERROR,
       "Kolom '{kolom}' ada dua kali di lembar {lembar} (juga di sel {sel_lain}).",
       "Hapus atau ganti judul salah satu kolom.", topic=TOPIC)
define("katalog-berkas-tidak-terbaca", Severity.ERROR, "Berkas katalog tidak dapat dibuka: {alasan}.",
       "Pastikan berkas itu buku kerja Excel (.xlsx) yang utuh; bila perlu buka di Excel/LibreOffice lalu "
       "simpan ulang sebagai .xlsx.", topic=TOPIC)
define("katalog-pengaturan-tidak-ada", Severity.ERROR, "Pengaturan '{label}' tidak ada di lembar Instansi.{saran}",
       "Tambahkan baris dengan '{label}' di kolom Pengaturan dan isinya di kolom Isian.", topic=TOPIC)
define("katalog-pengaturan-tidak-dikenal", Severity.WARNING, "Pengaturan '{value}' tidak dikenal dan diabaikan.{saran}",
       "Perbaiki tulisannya bila pengaturan ini dimaksudkan untuk dibaca.", topic=TOPIC)
define("katalog-pengaturan-ganda", Severity.ERROR, "Pengaturan '{label}' ditulis dua kali (juga di sel {sel_lain}).",
       "Hapus salah satu baris.", topic=TOPIC)
define("katalog-lembar-kosong", Severity.WARNING, "Lembar {lembar} belum berisi data.",
       "Isi minimal satu baris di bawah judul kolom.", topic=TOPIC)
define("katalog-isian-kosong", Severity.ERROR, "Isian '{kolom}' wajib diisi tetapi masih kosong.",
       "Isi sel ini: {keterangan}", topic=TOPIC)
define("katalog-kode-tidak-sah", Severity.ERROR, "Kode '{value}' tidak sah.",
       "Kode diawali huruf dan hanya berisi huruf, angka atau garis bawah (_), tanpa spasi; "
       "misalnya {contoh}.", topic=TOPIC)
define("katalog-kode-ganda", Severity.ERROR, "Kode '{value}' sudah dipakai di sel {sel_lain} lembar {lembar}.",
       "Setiap kode di lembar {lembar} harus berbeda; ganti salah satunya.", topic=TOPIC)
define("katalog-rumus-tidak-terbaca", Severity.ERROR, "Rumus '{value}' tidak dapat dibaca: {alasan}.",
       "Rumus hanya boleh berisi kode elemen, angka (desimal dengan titik), + - * /, tanda kurung, dan "
       "fungsi MIN, MAX, SUM, ABS; lihat lembar Petunjuk.", topic=TOPIC)
define("katalog-rumus-elemen-tidak-ada", Severity.ERROR,
       "Rumus memakai elemen '{elemen}' yang tidak ada di lembar Elemen.{saran}",
       "Tambahkan elemen itu di lembar Elemen atau perbaiki kodenya di rumus.", topic=TOPIC)
define("katalog-rumus-beda-bidang", Severity.WARNING,
       "Rumus indikator {indikator} (bidang {bidang}) memakai elemen {elemen} yang diisi bidang {bidang_lain}.",
       "Formulir bidang {bidang} tidak dapat menampilkan perhitungan indikator ini; hasilnya baru terlihat di "
       "rekap. Pindahkan indikator atau elemen ke bidang yang sama bila perlu.", topic=TOPIC)
define("katalog-bidang-tidak-ada", Severity.ERROR, "Bidang '{value}' tidak ada di lembar Bidang.{saran}",
       "Pilih kode bidang yang ada di lembar Bidang, atau tambahkan bidang itu di sana.", topic=TOPIC)
define("katalog-sasaran-tidak-ada", Severity.ERROR, "Sasaran '{value}' tidak ada di lembar Sasaran.{saran}",
       "Pilih kode sasaran yang ada di lembar Sasaran, atau tambahkan sasaran itu di sana.", topic=TOPIC)
define("katalog-pilihan-tidak-sah", Severity.ERROR, "'{value}' bukan isian yang dikenal untuk '{kolom}'.{saran}",
       "Pilih salah satu: {pilihan}.", topic=TOPIC)
define("katalog-target-tidak-sah", Severity.ERROR, "Target '{value}' bukan angka atau rentang yang sah.",
       "Tulis angka (misalnya 98,5) atau rentang dengan batas bawah tidak lebih dari batas atas (misalnya 80-90 "
       "atau 80 s.d. 90); kosongkan bila belum ada target. Bila Excel mengubah isian menjadi tanggal, format "
       "selnya sebagai Teks lalu ketik ulang.", topic=TOPIC)
define("katalog-target-tw-tidak-sesuai", Severity.WARNING,
       "Target triwulan indikator {kode} ({agregasi}) tidak sesuai dengan target tahunan {tahunan}: {keadaan}.",
       "{saran_perbaikan}", topic=TOPIC)
define("katalog-persen-kumulatif", Severity.WARNING,
       "Indikator {kode} bersatuan persen tetapi agregasinya kumulatif: persentase triwulan yang dijumlahkan "
       "bisa melebihi 100%.",
       "Pilih agregasi 'dari elemen': rumusnya dihitung dari elemen yang sudah digabung menurut agregasinya "
       "(misalnya jumlah aduan selesai ÷ jumlah aduan masuk × 100 selama tahun berjalan); atau nilai akhir / "
       "rata-rata bila persentasenya sudah merupakan tingkat capaian.", topic=TOPIC)
define("katalog-angka-tidak-sah", Severity.ERROR, "'{value}' pada '{kolom}' bukan angka yang sah.", "{petunjuk}",
       topic=TOPIC)
define("katalog-format-persen", Severity.WARNING,
       "'{kolom}' berformat persen bernilai {shown} (terlihat {reading} %); dibaca sebagai {reading}, sebab persen "
       "di katalog ditulis sebagai angka 0–100.",
       "Periksa pembacaan ini; agar jelas, ketik angkanya tanpa tanda % (misalnya 100 atau 75) di sel tanpa "
       "format persen.", topic=TOPIC)
define("katalog-min-lebih-besar", Severity.ERROR, "Min ({min}) lebih besar dari Max ({max}) pada elemen {kode}.",
       "Perbaiki nilai Min atau Max (Min harus tidak lebih dari Max).", topic=TOPIC)
define("katalog-skala-tidak-dikenal", Severity.ERROR, "Skala predikat '{value}' tidak dikenal.{saran}",
       "Pilih salah satu: {pilihan}.", topic=TOPIC)
define("katalog-tahun-tidak-sah", Severity.ERROR, "Tahun '{value}' tidak sah.",
       "Tulis tahun anggaran dengan empat angka antara 2000 dan 2100, misalnya 2025.", topic=TOPIC)
define("katalog-tanggal-tidak-sah", Severity.ERROR, "'{value}' pada '{kolom}' bukan tanggal yang sah.",
       "Tulis tanggal seperti 2 Januari 2025 atau 02-01-2025, atau kosongkan (dipakai 2 Januari tahun "
       "anggaran).",
       topic=TOPIC)
define("katalog-anggaran-indikator-tidak-ada", Severity.ERROR,
       "Kode indikator '{value}' pada baris {kode} tidak ada di lembar Indikator.{saran}",
       "Tulis kode indikator yang ada di lembar Indikator (beberapa kode dipisah koma), atau kosongkan kolom ini.",
       topic=TOPIC)
define("katalog-nip-tidak-sah", Severity.WARNING, "NIP '{value}' bukan 18 angka.",
       "Periksa NIP-nya: NIP terdiri atas 18 angka (boleh dipisah spasi), ditulis sebagai teks.", topic=TOPIC)
define("katalog-elemen-tidak-dipakai", Severity.WARNING,
       "Elemen {value} tidak dipakai di rumus indikator mana pun.",
       "Elemen ini tetap diminta di formulir bidang {bidang}; hapus bila tidak diperlukan, atau pakai di rumus.",
       topic=TOPIC)

# --- the optional Anggaran and Renstra sheets ----------------------------------------
define("katalog-anggaran-kode-tidak-sah", Severity.ERROR, "Kode rekening '{value}' tidak sah.",
       "Tulis kode rekening dengan salah satu bentuk: program 2.12.02, kegiatan 2.12.02.2.01, sub kegiatan "
       "2.12.02.2.01.0001 (angka dipisah titik, tanpa spasi).", topic=TOPIC)
define("katalog-anggaran-induk-tidak-ada", Severity.ERROR,
       "{tingkat} {value} tidak punya {tingkat_induk} {induk} di lembar {lembar}.",
       "Tambahkan baris {tingkat_induk} {induk} (kode rekening, nama, indikator), atau perbaiki kode rekening "
       "ini.", topic=TOPIC)
define("katalog-anggaran-rupiah-negatif", Severity.ERROR, "Nilai rupiah pada '{kolom}' negatif ({value}).",
       "Tulis rupiah 0 atau lebih, tanpa tanda minus; kosongkan bila belum ada.", topic=TOPIC)
define("katalog-anggaran-pagu-tidak-sesuai", Severity.WARNING,
       "Pagu {tingkat} {kode} ({pagu}) tidak sama dengan jumlah pagu {anak} di bawahnya ({jumlah}).",
       "Perbaiki pagu {tingkat} ini atau pagu {anak}nya. Pagu {tingkat} boleh dikosongkan: kinerja-xl lalu "
       "memakai jumlah pagu {anak}nya.", topic=TOPIC)
define("katalog-renstra-indikator-tidak-ada", Severity.ERROR,
       "Indikator '{value}' tidak ada di lembar Indikator.{saran}",
       "Tulis kode indikator yang ada di lembar Indikator (pilih dari daftar), atau hapus baris ini.", topic=TOPIC)
define("katalog-renstra-periode-tidak-sesuai", Severity.ERROR,
       "Periode Renstra {awal}-{akhir} (Tahun Awal {awal}) tidak mencakup tahun katalog {tahun}.",
       "Tahun Awal adalah tahun pertama Renstra; tahun katalog (lembar Instansi) harus salah satu dari lima "
       "tahun Renstra. Perbaiki Tahun Awal, atau tahun di lembar Instansi.", topic=TOPIC)
define("katalog-renstra-realisasi-belum-waktunya", Severity.ERROR,
       "Realisasi tahun ke-{ke} ({tahun_realisasi}) sudah diisi, padahal tahun katalog {tahun}.",
       "Realisasi hanya diisi untuk tahun yang sudah berjalan; kosongkan sel ini, atau periksa Tahun Awal.",
       topic=TOPIC)
define("katalog-renstra-target-beda", Severity.WARNING,
       "Target Renstra indikator {kode} tahun {tahun} ({renstra}) berbeda dengan Target Tahunan di lembar "
       "Indikator ({tahunan}).",
       "Samakan keduanya, atau biarkan bila target tahunan memang sudah direvisi (Perjanjian Kinerja "
       "perubahan).", topic=TOPIC)
define("katalog-renstra-tahun-awal-beda", Severity.ERROR,
       "Tahun Awal {value} tidak sama dengan tahun pertama pada judul kolom Target/Realisasi ({tahun_judul}).",
       "Judul kolom yang menyebut tahun (misalnya Target {tahun_judul}) menentukan tahun Renstra; kosongkan "
       "Tahun Awal atau samakan dengan {tahun_judul}.", topic=TOPIC)
define("katalog-lembar-tidak-dibaca", Severity.WARNING,
       "Lembar '{value}' tidak dibaca: yang dibaca hanya lembar bernama '{lembar}'.",
       "Bila lembar ini berisi data {lembar}, ganti namanya menjadi '{lembar}' (tanpa tambahan kata atau tahun).",
       topic=TOPIC)
define("katalog-anggaran-bidang-tanpa-formulir", Severity.WARNING,
       "Bidang {value} (sub kegiatan {kode}) tidak mengisi elemen data apa pun, sehingga tidak mendapat formulir "
       "untuk melaporkan realisasi sub kegiatannya.",
       "Formulir dibuat untuk bidang yang mengisi elemen data. Pindahkan sub kegiatan ini ke bidang yang mengisi "
       "formulir, atau tambahkan elemen data untuk bidang {value} di lembar Elemen.", topic=TOPIC)
