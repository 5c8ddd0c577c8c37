"""The text of the catalog's "Petunjuk" sheet (how to fill each sheet), in Bahasa Indonesia."""

from __future__ import annotations

from kinerja_xl.catalog import headers as H
from kinerja_xl.catalog.model import SKALA
from kinerja_xl.rumus import FUNCTIONS

TITLE = "PETUNJUK PENGISIAN KATALOG INDIKATOR KINERJA"


def _skala_text() -> list[str]:
    lines = []
    for name, skala in SKALA.items():
        bands = ", ".join(f"{label} ≥ {bound:g}" if bound else f"{label} di bawahnya"
                          for bound, label in reversed(skala.bands))
        lines.append(f"• {name}: {bands}.")
    return lines


def _columns_text(sheet: str) -> list[str]:
    return [f"• {c.header}{'' if c.required else ' (boleh tidak ada)'}: {c.comment}" for c in H.COLUMNS[sheet]]


def sections() -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs, in the order they appear on the sheet."""
    lists = dict(H.LISTS)
    return [
        ("Tentang katalog ini", [
            ("Katalog ini adalah satu-satunya sumber data untuk formulir elemen data, pemeriksaan formulir "
            "yang kembali, dan rekap kinerja. Isi dan perbarui katalog ini, lalu buat formulir triwulan dengan "
            "perintah: kinerja-xl forms --period 2025-TW1 (ganti tahun dan triwulannya)."),
            ("Setelah mengubah katalog, simpan lalu periksa dengan perintah: kinerja-xl katalog. Perintah itu "
             "menyebut setiap kesalahan dengan nama lembar, sel, dan cara memperbaikinya; formulir baru dapat "
             "dibuat bila tidak ada kesalahan (peringatan boleh tetap ada)."),
            ("Urutan lembar dan urutan kolom boleh diubah, dan kolom tambahan untuk catatan sendiri boleh "
             "ditambahkan (isinya diabaikan, dengan peringatan); judul kolom dikenali dari namanya (huruf "
             "besar/kecil dan spasi tidak berpengaruh). Jangan mengubah nama lembar Instansi, Bidang, Sasaran, "
             "Indikator, Elemen, Anggaran dan Renstra."),
            ("Kode (bidang, sasaran, indikator, elemen) diawali huruf dan hanya berisi huruf, angka atau garis "
            "bawah, tanpa spasi, misalnya DAFDUK, SS1, IK01, DAF01. Huruf kecil otomatis dibaca sebagai huruf "
            "besar. Setiap kode dalam satu lembar harus berbeda."),
        ]),
        (f"Lembar {H.SHEET_INSTANSI}", [
            (f"Kolom {H.H_PENGATURAN} berisi nama pengaturan, kolom {H.H_ISIAN} berisi isiannya. Pemerintah "
            "Daerah, Nama OPD dan Tahun wajib diisi; pengaturan lain boleh kosong (dipakai nilai bawaan)."),
            "• Skala Predikat: " + "; ".join(lists["Skala Predikat"]) + ".",
            *_skala_text(),
            ("• Rumus Polaritas Negatif: linear = (2 × target − realisasi) / target × 100 (PermenPANRB 8/2021, "
            "bawaan); rasio = target / realisasi × 100 (realisasi 0 dihitung 100)."),
            ("• Batas Capaian (%): tanpa batas, 100, 120 atau 200. Batas hanya dipakai untuk predikat; capaian "
            "sebenarnya tetap ditampilkan."),
            "• Batas Pengisian (hari): formulir dikembalikan paling lambat sekian hari setelah akhir triwulan.",
            "• Sandi Lembar: sandi pelindung lembar formulir; boleh kosong.",
            ("• Batas Capaian Wajib Kendala (%): formulir dikembalikan bila capaian sebuah indikator di bawah "
             "angka ini dan kendala / rencana tindak lanjutnya kosong. Bawaan 100; misalnya 95 bila capaian "
             "99 % tidak perlu dijelaskan."),
        ]),
        (f"Lembar {H.SHEET_BIDANG}", [
            "Satu baris per bidang / sub bagian yang mengisi formulir. Setiap bidang mendapat satu formulir.",
            *_columns_text(H.SHEET_BIDANG),
        ]),
        (f"Lembar {H.SHEET_SASARAN}", [
            "Satu baris per sasaran strategis (Renstra / Perjanjian Kinerja).",
            *_columns_text(H.SHEET_SASARAN),
        ]),
        (f"Lembar {H.SHEET_ELEMEN}", [
            ("Satu baris per elemen data: angka mentah yang diisi bidang setiap triwulan. Elemen tampil di "
            "formulir bidang pengisinya."),
            *_columns_text(H.SHEET_ELEMEN),
            "• Pilihan Tipe: " + ", ".join(lists["Tipe"]) + ". Persen ditulis sebagai angka 0–100 (98,5 "
            "berarti 98,5%).",
        ]),
        (f"Lembar {H.SHEET_INDIKATOR}", [
            "Satu baris per indikator kinerja. Nilai indikator dihitung dari elemen data dengan rumus.",
            *_columns_text(H.SHEET_INDIKATOR),
            ("• Pilihan Polaritas: positif (semakin tinggi semakin baik), negatif (semakin rendah semakin baik), "
            "rentang (stabil: capaian 100 bila realisasi di dalam rentang target)."),
            ("• Pilihan Agregasi: kumulatif (triwulan dijumlahkan, misalnya jumlah dokumen terbit), nilai akhir "
            "(nilai triwulan terakhir, misalnya persentase cakupan), rata-rata (rata-rata triwulan yang terisi, "
            "misalnya nilai survei), dari elemen (rumus dihitung dari elemen yang sudah digabung menurut agregasi "
            "elemennya: persentase aduan selesai setahun = jumlah aduan selesai ÷ jumlah aduan masuk × 100, bukan "
            "rata-rata persentase triwulan). Persentase jangan diberi agregasi kumulatif."),
            ("Sebaiknya setiap elemen dalam rumus diisi oleh bidang penanggung jawab indikator itu sendiri, agar "
            "formulir bidang dapat langsung menampilkan realisasi dan capaiannya."),
        ]),
        (f"Lembar {H.SHEET_ANGGARAN} (boleh kosong)", [
            ("Pohon anggaran Renja: program, kegiatan dan sub kegiatan, masing-masing dengan indikator kinerja, "
             "pagu tahun ini, target, serta target dan realisasi Renstra (kolom 5 dan 6 form evaluasi Renja "
             "E.81). Lembar ini boleh kosong atau dihapus bila evaluasi Renja tidak dipakai."),
            ("Jenis baris dikenali dari bentuk kode rekening: program 2.12.02, kegiatan 2.12.02.2.01, sub "
             "kegiatan 2.12.02.2.01.0001. Setiap kegiatan harus mempunyai baris programnya dan setiap sub "
             "kegiatan baris kegiatannya. Urutan baris bebas: kinerja-xl membacanya urut kode."),
            ("Setiap sub kegiatan wajib diberi bidang penanggung jawab: bidang itu melaporkan realisasi keuangan "
             "dan fisiknya di formulir triwulan."),
            ("Pagu program dan kegiatan boleh dikosongkan: dipakai jumlah pagu di bawahnya. Bila diisi dan "
             "berbeda dengan jumlah itu, kinerja-xl memberi peringatan."),
            ("Agregasi menentukan cara menjumlah realisasi kinerja (K) antar triwulan dan antar tahun Renstra: "
             "kumulatif untuk jumlah keluaran (dokumen, laporan), nilai akhir untuk tingkat capaian (persentase "
             "cakupan) yang tidak boleh dijumlahkan."),
            ("Kode Indikator (boleh kosong): program diukur dengan indikator hasil (outcome), kegiatan dengan "
             "indikator keluaran; bila indikator itu ada di lembar Indikator, tulis kodenya (beberapa kode "
             "dipisah koma). Form E.81 lalu menampilkan target, realisasi triwulan dan capaian indikator itu "
             "sendiri, satu baris per indikator. Tanpa kode, baris memakai indikatornya sendiri dan capaian "
             "program/kegiatan adalah rata-rata capaian rinciannya."),
            ("Keterangan masuk kolom 16 form E.81; Tindak Lanjut Renja Berikutnya masuk bagian bawah form E.81 "
             "(diisi saat evaluasi akhir tahun)."),
            *_columns_text(H.SHEET_ANGGARAN),
        ]),
        (f"Lembar {H.SHEET_RENSTRA} (boleh kosong)", [
            ("Rencana lima tahun setiap indikator: satu baris per indikator, dengan tahun awal Renstra, baseline "
             "(kondisi awal), target tahun ke-1 sampai ke-5, dan realisasi tahun-tahun yang sudah berjalan. "
             "Tahun 1 adalah Tahun Awal; misalnya Renstra 2023-2027: Tahun Awal 2023, Target Tahun 3 adalah "
             "target 2025. Judul kolom boleh juga menyebut tahunnya (Target 2023 ... Target 2027, Realisasi "
             "2023 ...); kolom Tahun Awal lalu boleh kosong."),
            ("Tahun katalog (lembar Instansi) harus termasuk dalam lima tahun Renstra. Realisasi tahun setelah "
             "tahun katalog belum boleh diisi. Target Renstra untuk tahun katalog sebaiknya sama dengan Target "
             "Tahunan di lembar Indikator."),
            ("Target Akhir Periode: target kondisi akhir sebagaimana tertulis di dokumen Renstra; dipakai oleh "
             "Evaluasi Renstra dan kolom 5 form E.81. Untuk indikator kumulatif tulis jumlah selama lima tahun. "
             "Bila kosong, dipakai target yang dihitung dari target tahunan."),
            *_columns_text(H.SHEET_RENSTRA),
        ]),
        ("Rumus", [
            "Rumus ditulis dari kode elemen data, angka, tanda + - * /, dan tanda kurung. Angka desimal dalam "
            "rumus memakai titik (0.5). Fungsi yang tersedia: " + ", ".join(FUNCTIONS) + ".",
            "Contoh:",
            "• DAF03 / DAF01 * 100  → persentase (cakupan) dari dua elemen.",
            "• CAP05 + CAP06 + CAP07 + CAP08  → jumlah beberapa elemen.",
            "• DAF11 / DAF10  → rata-rata (misalnya hari per dokumen).",
            "• PDI03  → nilai satu elemen apa adanya.",
            "• MIN(100, E01 / E02 * 100)  → persentase yang dibatasi paling tinggi 100.",
            ("Bila ada elemen yang belum diisi, atau ada pembagian dengan nol, hasil rumus kosong (bukan 0 dan "
            "bukan #DIV/0!). Jangan mengawali rumus dengan tanda =."),
        ]),
        ("Target", [
            ("Target ditulis sebagai angka (98,5) atau rentang: 80-90, 80–90 atau 80 s.d. 90 (batas bawah tidak "
            "lebih dari batas atas). Rentang boleh dipakai untuk polaritas apa pun: capaian 100 bila realisasi "
            "di dalam rentang."),
            ("Indikator kumulatif: target TW I–IV adalah target masing-masing triwulan (jumlahnya sama dengan "
            "target tahunan). Indikator nilai akhir: target TW adalah tingkat yang dicapai pada akhir triwulan "
            "itu (target TW IV sama dengan target tahunan). Rata-rata: target yang sama setiap triwulan."),
            ("Polaritas rentang boleh juga bertarget satu angka: capaian 100 tepat pada target, dihitung seperti "
             "positif bila realisasi di bawahnya dan seperti negatif bila di atasnya."),
            "Target boleh dikosongkan bila belum ditetapkan; capaian lalu tidak dihitung.",
            ("Target 0 (misalnya temuan berulang 0): polaritas negatif mendapat capaian 100% bila realisasi 0 "
             "dan 0% bila lebih; polaritas positif 100% bila realisasi 0 atau lebih."),
        ]),
        ("Tiga angka capaian di rekap", [
            ("Capaian TW n: realisasi triwulan itu dibanding target triwulan itu. Capaian s.d. TW n: realisasi "
             "sejak TW I dibanding target sejak TW I (target s.d. TW n), keduanya digabung menurut agregasi "
             "(kumulatif dijumlah, nilai akhir target TW n, rata-rata dirata-rata); predikat triwulan, semester "
             "dan tahun dinilai dari angka ini. Progres: realisasi s.d. TW n dibanding target tahunan, tanpa "
             "predikat kecuali pengaturan Predikat Progres memilih ambang triwulan."),
            ("Batas Bawah Capaian (lembar Instansi, bawaan 0): capaian negatif (rumus linear bila realisasi lebih "
             "dari dua kali target) dinilai dan dirata-ratakan sebagai 0; angka sebelum dibatasi tetap tampil."),
        ]),
    ]
