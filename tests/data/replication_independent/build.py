#!/usr/bin/env python3
"""Build the independent replication-detector evaluation set.

Hand-authored content (titles, summaries, dates, idea labels) lives in this file;
the script only shuffles rows deterministically, assigns ids, derives trial dates
and the mechanical pattern tags (origin, no_summary, neighbour_affair,
stock_phrases), validates, and writes innovations.csv.

Row tuple: (region_code, affair, implementation_date, hand_tags, title, summary)
In titles, {R} = region short name, {RF} = full region name, {RU} = full name upper case.
"""
import collections
import csv
import datetime
import os
import random
import re
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = "/work/shared/data"

IDEAS = []      # list of (idea_id, [row, ...])
ONEOFFS = []    # list of row


def idea(idea_id, *rows):
    IDEAS.append((idea_id, list(rows)))


def one(*row):
    ONEOFFS.append(row)


def more(idea_id, *rows):
    """Further members of an idea declared earlier."""
    dict(IDEAS)[idea_id].extend(rows)

# ---------------------------------------------------------------------------
# 1. Widely replicated national ideas
# ---------------------------------------------------------------------------
idea("idea-mpp",
    ("35.10", "penanaman_modal", "2019-04-15", "", "Mal Pelayanan Publik {RF}",
     "Penyatuan layanan perizinan, kependudukan, perpajakan dan layanan instansi vertikal seperti BPJS, kepolisian dan perbankan dalam satu gedung. Warga cukup datang ke satu tempat untuk mengurus berbagai dokumen tanpa harus berpindah kantor."),
    ("33.72", "penanaman_modal", "2020-02-03", "copied name_variant", "MAL PELAYANAN PUBLIK",
     "Penyatuan layanan perizinan, kependudukan, perpajakan serta layanan instansi vertikal (BPJS, Samsat, kepolisian, perbankan) dalam satu gedung, sehingga warga cukup datang ke satu tempat untuk mengurus berbagai dokumen. Dengan demikian pelayanan menjadi lebih cepat, mudah dan murah sesuai visi dan misi kepala daerah."),
    ("73.09", "penanaman_modal", "2021-08-19", "reworded acronym", "MPP (Mal Pelayanan Publik) Butta Salewangang",
     "Masyarakat Maros kini bisa mengurus izin usaha, KTP-el, paspor hingga SKCK di satu lokasi. Sebanyak 24 instansi daerah dan vertikal membuka gerai di gedung eks kantor bupati."),
    ("13.75", "penunjang", "2022-01-10", "name_variant", "Mal Palayanan Publik Kota Bukittinggi", ""),
    ("52.71", "penanaman_modal", "2020-11-23", "acronym reworded", "MPP",
     "Gerai dari perangkat daerah, BUMN dan instansi vertikal dikumpulkan dalam satu bangunan agar pemohon tidak perlu berpindah-pindah kantor. Tersedia ruang laktasi, area bermain anak dan akses ramah disabilitas."),
    ("61.71", "penanaman_modal", "2021-03-08", "reworded name_variant", "Mall Pelayanan Publik Pontianak",
     "Dalam rangka mewujudkan tata kelola pemerintahan yang baik, Pemerintah Kota menghadirkan pusat layanan terpadu tempat masyarakat memperoleh layanan perizinan, kependudukan, pajak daerah dan layanan instansi vertikal secara lebih cepat, mudah dan murah."),
    ("18.72", "penanaman_modal", "2022-06-14", "reworded", "Gedung Layanan Terpadu Satu Atap (Mal Pelayanan Publik)",
     "Satu gedung melayani sekitar 180 jenis layanan dari 20 instansi, mulai dari perekaman KTP-el, pembayaran PBB, pembuatan NPWP sampai pendaftaran BPJS Kesehatan. Jam buka diperpanjang hingga sore hari dan hari Sabtu."),
    ("64.72", "penanaman_modal", "2020-07-27", "copied acronym", "MPP Samarinda (Mal Pelayanan Publik)",
     "Penyatuan layanan perizinan, kependudukan dan perpajakan serta layanan instansi vertikal dalam satu gedung sehingga warga cukup datang ke satu tempat untuk mengurus berbagai dokumen tanpa harus berpindah kantor."),
    ("74.71", "penunjang", "2023-02-20", "reworded acronym", "Mal Pelayanan Publik (MPP) Kota Kendari",
     "Warga tidak lagi harus mendatangi kantor yang tersebar di berbagai sudut kota; loket dinas, kantor pertanahan, imigrasi, kantor pajak dan bank daerah dihadirkan berdampingan di satu mal pelayanan."),
    ("32.14", "penanaman_modal", "2021-11-02", "name_variant", "MAL PELAYANAN PUBLIK PURWAKARTA ISTIMEWA", ""),
    ("81.71", "penanaman_modal", "2023-09-05", "reworded name_variant", "Mal Pelayan Publik Ambon",
     "Layanan administrasi Pemkot Ambon dan instansi vertikal dipusatkan pada satu lokasi agar masyarakat terlayani cukup dengan sekali datang."),
    ("19.71", "penanaman_modal", "2024-01-22", "reworded name_variant", "Mal Pelayanan Publik Pangkalpinang",
     "Meningkatkan kualitas pelayanan publik dengan menghimpun loket-loket pelayanan pemerintah daerah, kepolisian, imigrasi dan perbankan di satu tempat yang nyaman, sehingga pengurusan dokumen selesai dalam satu kunjungan."),
)

idea("idea-srikandi",
    ("34.04", "kearsipan", "2021-09-20", "", "Penerapan Aplikasi SRIKANDI",
     "Penggunaan aplikasi Sistem Informasi Kearsipan Dinamis Terintegrasi (SRIKANDI) dari ANRI untuk pembuatan, pengiriman dan penyimpanan naskah dinas secara elektronik di seluruh perangkat daerah. Naskah ditandatangani dengan tanda tangan elektronik sehingga surat-menyurat tidak lagi berbasis kertas."),
    ("32.73", "kearsipan", "2022-03-01", "acronym", "SRIKANDI", ""),
    ("73.71", "komunikasi_informatika", "2022-05-17", "reworded name_variant", "Srikandi Kota Makassar",
     "Surat-menyurat antar-OPD kini berlangsung sepenuhnya secara daring lewat aplikasi kearsipan terintegrasi milik ANRI; pimpinan bisa mendisposisi dari ponsel dan arsip tersimpan otomatis."),
    ("16.71", "kearsipan", "2022-08-08", "copied acronym", "Sistem Informasi Kearsipan Dinamis Terintegrasi",
     "Penggunaan aplikasi SRIKANDI dari ANRI untuk membuat, mengirim dan menyimpan naskah dinas secara elektronik pada seluruh perangkat daerah, dengan tanda tangan elektronik sehingga tidak lagi berbasis kertas."),
    ("51.03", "kearsipan", "2022-10-03", "reworded", "E-Arsip SRIKANDI Badung",
     "Dalam rangka reformasi birokrasi, seluruh naskah dinas di lingkungan Pemkab dibuat dan didistribusikan melalui SRIKANDI sehingga pengelolaan arsip menjadi efektif dan efisien serta mudah ditelusuri."),
    ("71.71", "penunjang", "2023-01-16", "reworded acronym", "Implementasi SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi)",
     "Persuratan dinas beralih dari kertas ke aplikasi arsip dinamis nasional. Operator di setiap dinas dilatih, lalu surat masuk dan keluar dicatat, diberi nomor dan diarsipkan secara otomatis."),
    ("63.72", "kearsipan", "2023-04-11", "name_variant", "SRIKANDY", ""),
    ("35.17", "kearsipan", "2023-06-26", "reworded", "Gerakan Paperless melalui Srikandi",
     "Undangan, nota dinas dan disposisi di lingkungan Pemkab Jombang tidak lagi dicetak, melainkan dikirim lewat aplikasi Srikandi ANRI yang tersambung dengan tanda tangan elektronik BSrE."),
    ("12.07", "komunikasi_informatika", "2023-10-09", "copied", "Aplikasi SRIKANDI",
     "Penggunaan aplikasi Sistem Informasi Kearsipan Dinamis Terintegrasi (SRIKANDI) untuk pembuatan, pengiriman dan penyimpanan naskah dinas elektronik di semua perangkat daerah, dilengkapi tanda tangan elektronik. Inovasi ini mendukung reformasi birokrasi serta tata kelola pemerintahan yang baik."),
    ("76.04", "kearsipan", "2024-02-12", "reworded name_variant", "SRIKANDI Polman",
     "Untuk mewujudkan tata kelola pemerintahan yang baik, Pemkab menerapkan aplikasi kearsipan dinamis ANRI sehingga naskah dinas disusun, ditandatangani secara digital dan disimpan dalam satu sistem."),
)

idea("idea-destana",
    ("33.04", "ketertiban_umum", "2019-05-10", "", "Desa Tangguh Bencana (Destana)",
     "Pembentukan dan pelatihan relawan desa di wilayah rawan longsor agar mampu mengenali ancaman, menyusun peta risiko dan rencana kontinjensi desa, serta melakukan evakuasi mandiri sebelum bantuan datang."),
    ("32.02", "ketertiban_umum", "2020-01-20", "acronym", "DESTANA", ""),
    ("52.08", "pemberdayaan_masyarakat_desa", "2019-11-04", "reworded name_variant", "Destana Lombok Utara",
     "Warga desa di kawasan rawan gempa dilatih menentukan jalur evakuasi, titik kumpul dan rencana penanggulangan bencana tingkat desa; forum relawan dibentuk dan dibekali peralatan dasar."),
    ("72.10", "ketertiban_umum", "2020-06-15", "copied", "Desa Tangguh Bencana",
     "Pembentukan serta pelatihan relawan desa di wilayah rawan bencana agar mampu mengenali ancaman, menyusun peta risiko dan rencana kontinjensi, dan melakukan evakuasi secara mandiri sebelum bantuan datang. Kegiatan ini dilaksanakan dalam rangka mewujudkan masyarakat yang tangguh."),
    ("13.01", "ketertiban_umum", "2021-02-22", "reworded name_variant", "Nagari Tangguh Bencana",
     "Masyarakat nagari di pesisir yang terancam tsunami dibekali kemampuan membaca tanda bahaya, menjalankan simulasi evakuasi berkala dan mengelola posko darurat secara swadaya."),
    ("35.08", "ketertiban_umum", "2022-04-04", "reworded acronym", "DESA TANGGUH BENCANA (DESTANA) SEMERU",
     "Dalam rangka pengurangan risiko bencana erupsi, desa-desa di lereng Semeru didampingi membentuk tim siaga, memetakan jalur evakuasi dan menggelar latihan rutin bersama BPBD."),
    ("73.17", "ketertiban_umum", "2022-09-12", "acronym", "Destana (Desa Tangguh Bencana)", ""),
    ("94.01", "pemberdayaan_masyarakat_desa", "2023-07-03", "reworded name_variant", "Kampung Tangguh Bencana",
     "Kampung-kampung rawan banjir dan gempa dibina agar memiliki relawan terlatih, rencana evakuasi yang disepakati bersama dan lumbung logistik sendiri."),
)

idea("idea-112",
    ("36.74", "komunikasi_informatika", "2019-03-20", "", "Layanan Panggilan Darurat 112",
     "Satu nomor bebas pulsa 112 untuk melaporkan keadaan darurat seperti kebakaran, kecelakaan, tindak kriminal dan kondisi medis. Operator di command center meneruskan laporan ke pemadam kebakaran, ambulans, polisi atau BPBD sesuai kejadian."),
    ("35.78", "ketertiban_umum", "2019-08-05", "reworded", "Command Center 112",
     "Warga yang menghadapi situasi gawat cukup menelepon 112 tanpa pulsa; petugas piket 24 jam mengerahkan damkar, ambulans gratis atau Satpol PP menuju lokasi."),
    ("33.74", "komunikasi_informatika", "2020-01-13", "copied name_variant", "Call Center 112 Kota Semarang",
     "Satu nomor bebas pulsa 112 untuk melaporkan keadaan darurat seperti kebakaran, kecelakaan, tindak kriminal dan kondisi medis; operator command center meneruskan laporan ke instansi terkait sesuai kejadian. Layanan ini merupakan wujud pelayanan prima kepada masyarakat."),
    ("11.71", "ketertiban_umum", "2020-09-21", "name_variant", "Banda Aceh 112", ""),
    ("18.71", "komunikasi_informatika", "2021-04-19", "reworded", "Emergency Call 112",
     "Meningkatkan kualitas pelayanan publik di bidang kedaruratan, Pemkot menyediakan saluran telepon tunggal yang dapat dihubungi gratis kapan saja; setiap laporan dicatat dan ditindaklanjuti oleh perangkat daerah yang berwenang."),
    ("71.72", "komunikasi_informatika", "2021-10-25", "reworded acronym", "NGC 112 (Nomor Gawat Darurat)",
     "Nomor tunggal panggilan darurat nasional 112 dioperasikan di daerah; laporan kebakaran, banjir, orang tenggelam hingga kekerasan dalam rumah tangga diteruskan kepada unit reaksi cepat."),
    ("62.71", "ketertiban_umum", "2022-07-11", "reworded name_variant", "Panggilan Darurat 112 Palangka Raya",
     "Masyarakat dapat menghubungi 112 tanpa biaya untuk melaporkan kebakaran hutan dan lahan, kecelakaan lalu lintas maupun keadaan darurat lain; laporan langsung diteruskan ke tim gabungan."),
    ("51.71", "komunikasi_informatika", "2022-11-14", "copied name_variant", "Layanan Darurat 112 Denpasar",
     "Nomor bebas pulsa 112 untuk melaporkan keadaan darurat seperti kebakaran, kecelakaan, kriminalitas dan kondisi medis. Operator command center meneruskan laporan ke damkar, ambulans, polisi atau BPBD."),
    ("64.74", "ketertiban_umum", "2023-05-29", "name_variant", "LAYANAN GAWAT DARURAT 112", ""),
)

idea("idea-psc119",
    ("33.03", "kesehatan", "2019-06-03", "", "Public Safety Center (PSC) 119",
     "Layanan gawat darurat medis terpadu melalui nomor 119: penelepon dipandu melakukan pertolongan pertama oleh petugas, lalu ambulans dengan tenaga kesehatan dikirim untuk menstabilkan pasien dan merujuk ke rumah sakit terdekat."),
    ("35.04", "kesehatan", "2020-02-17", "copied name_variant", "PSC 119 Tulungagung",
     "Layanan gawat darurat medis terpadu melalui nomor 119. Penelepon dipandu memberikan pertolongan pertama, kemudian ambulans beserta tenaga kesehatan diberangkatkan untuk stabilisasi pasien dan rujukan ke rumah sakit. Inovasi ini meningkatkan kualitas pelayanan publik di bidang kesehatan."),
    ("53.07", "kesehatan", "2020-10-05", "reworded", "Ambulans Gawat Darurat PSC 119",
     "Pasien kritis dijemput ambulans yang membawa perawat setelah keluarga menelepon 119; tim menangani korban di tempat kejadian sebelum membawanya ke fasilitas rujukan."),
    ("74.02", "kesehatan", "2021-06-21", "reworded", "Layanan Kegawatdaruratan Medis Terpadu",
     "Dalam rangka menurunkan angka kematian akibat keterlambatan penanganan, dibentuk pusat panggilan kegawatdaruratan kesehatan 24 jam yang mengirim ambulans dan tenaga medis ke lokasi pasien secara lebih cepat."),
    ("12.72", "kesehatan", "2021-12-06", "acronym", "PSC (Public Safety Center)", ""),
    ("61.05", "kesehatan", "2022-08-22", "reworded", "SIGAP 119 (Sistem Penanganan Gawat Darurat Terpadu)",
     "Warga yang mengalami kecelakaan atau sakit mendadak menelepon 119; petugas pusat panggilan mengirim ambulans dan tim medis terdekat serta menyiapkan rujukan ke RSUD."),
    ("13.76", "ketertiban_umum", "2023-03-13", "reworded name_variant", "Public Safety Centre 119 Payakumbuh",
     "Pelayanan kegawatdaruratan sebelum rumah sakit: ambulans berawak tenaga kesehatan siaga 24 jam dan dapat dipanggil lewat nomor 119 tanpa biaya."),
)

idea("idea-lapor",
    ("34.71", "komunikasi_informatika", "2019-03-11", "", "Integrasi Pengaduan SP4N-LAPOR!",
     "Seluruh kanal pengaduan masyarakat dihubungkan dengan Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional (SP4N) LAPOR!, sehingga setiap aduan diteruskan ke perangkat daerah yang berwenang dan batas waktu tindak lanjutnya dipantau."),
    ("35.15", "komunikasi_informatika", "2019-12-09", "acronym reworded", "LAPOR! (Layanan Aspirasi dan Pengaduan Online Rakyat)",
     "Warga menyampaikan keluhan lewat situs web, SMS 1708 atau aplikasi, kemudian admin daerah mendisposisikannya ke dinas terkait; pelapor bisa mengikuti status aduannya."),
    ("75.71", "penunjang", "2020-08-24", "acronym", "SP4N LAPOR", ""),
    ("17.71", "komunikasi_informatika", "2021-01-18", "copied name_variant", "Pengelolaan Pengaduan Terintegrasi SP4N-LAPOR! Kota Bengkulu",
     "Seluruh kanal pengaduan masyarakat dihubungkan dengan SP4N LAPOR! sehingga setiap aduan diteruskan ke perangkat daerah yang berwenang dan tindak lanjutnya dipantau sesuai batas waktu. Penanganan pengaduan menjadi transparan dan akuntabel."),
    ("53.71", "komunikasi_informatika", "2021-09-27", "reworded acronym", "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional",
     "Dalam rangka mewujudkan good governance, pemerintah kota menjadikan aplikasi pengaduan nasional sebagai satu pintu keluhan warga; setiap OPD memiliki admin penghubung yang wajib menjawab paling lambat lima hari kerja."),
    ("63.71", "komunikasi_informatika", "2022-05-23", "reworded acronym", "Lapor!",
     "Keluhan publik ditampung pada kanal nasional Lapor! lalu ditangani oleh admin yang ditunjuk di setiap SKPD."),
    ("21.71", "penunjang", "2023-03-06", "copied name_variant", "LAPOR Batam Terintegrasi",
     "Semua kanal pengaduan masyarakat terhubung dengan SP4N-LAPOR!, sehingga aduan diteruskan ke perangkat daerah yang berwenang dan batas waktu tindak lanjutnya diawasi."),
)

idea("idea-dashat",
    ("33.10", "pengendalian_penduduk", "2021-10-18", "", "Dapur Sehat Atasi Stunting (DASHAT)",
     "Dapur bersama di Kampung KB mengolah bahan pangan lokal menjadi menu bergizi yang dibagikan kepada keluarga berisiko stunting, ibu hamil dan balita. Kader juga mengajarkan resep sehat dan murah kepada keluarga."),
    ("18.07", "pengendalian_penduduk", "2022-03-28", "acronym", "DASHAT", ""),
    ("52.03", "kesehatan", "2022-06-06", "reworded acronym", "Dashat Desa (Dapur Sehat Atasi Stunting)",
     "Setiap desa mengelola dapur umum yang memasak makanan bergizi dari hasil kebun warga untuk balita kurang gizi dan ibu hamil kurang energi kronis selama 90 hari."),
    ("73.02", "pengendalian_penduduk", "2022-11-21", "copied", "Dapur Sehat Atasi Stunting",
     "Dapur bersama di Kampung Keluarga Berkualitas mengolah pangan lokal menjadi menu bergizi untuk keluarga berisiko stunting, ibu hamil dan balita, disertai edukasi resep sehat murah oleh kader. Kegiatan dilaksanakan dalam rangka percepatan penurunan stunting sesuai visi dan misi bupati."),
    ("16.02", "pengendalian_penduduk", "2023-04-17", "reworded name_variant", "Dapur Sehat Cegah Stunting",
     "Dalam rangka percepatan penurunan stunting, ibu-ibu PKK memasak bersama menu tinggi protein dari ikan sungai dan telur, lalu mengantarkannya setiap hari ke rumah baduta yang berisiko."),
    ("91.03", "pengendalian_penduduk", "2024-05-13", "reworded name_variant", "DAHSAT Kampung",
     "Mama-mama kader di kampung memasak ikan, sayur lilin dan ubi dari kebun sendiri menjadi makanan bergizi untuk anak-anak yang berisiko stunting, dibagikan setelah kegiatan posyandu."),
)

idea("idea-baas",
    ("35.09", "pengendalian_penduduk", "2022-02-14", "", "Bapak Asuh Anak Stunting (BAAS)",
     "Pejabat, pengusaha dan tokoh masyarakat menjadi orang tua asuh bagi anak stunting: mereka menanggung paket makanan bergizi selama enam bulan dan ikut memantau pertumbuhan anak bersama kader posyandu."),
    ("33.15", "pengendalian_penduduk", "2022-09-05", "acronym", "BAAS", ""),
    ("64.02", "sosial", "2023-01-09", "reworded", "Gerakan Orang Tua Asuh Anak Stunting",
     "Para kepala OPD, camat dan perusahaan di daerah masing-masing mengasuh beberapa balita stunting dengan membiayai asupan protein hewani dan memastikan anak rutin diperiksa di posyandu."),
    ("72.01", "pengendalian_penduduk", "2023-06-19", "copied name_variant", "Bapak Asuh Anak Stunting Banggai",
     "Pejabat, pengusaha dan tokoh masyarakat menjadi orang tua asuh anak stunting dengan menanggung paket makanan bergizi selama enam bulan serta ikut memantau pertumbuhannya bersama kader posyandu."),
    ("13.06", "pengendalian_penduduk", "2024-03-04", "reworded name_variant", "Bapak jo Bundo Asuah Anak Stunting",
     "Niniak mamak, perantau dan ASN diajak menjadi bapak atau bundo asuah bagi anak stunting di nagari; bantuan berupa telur, susu dan ikan disalurkan lewat kader setiap bulan."),
)
# ---------------------------------------------------------------------------
# 2. Vehicle-tax family (provinces): four different ideas + chain bait one-offs
# ---------------------------------------------------------------------------
idea("idea-samsat-keliling",
    ("33", "penunjang", "2019-04-01", "", "Samsat Keliling",
     "Mobil pelayanan Samsat mendatangi kecamatan, pasar dan kawasan industri sesuai jadwal sehingga wajib pajak dapat mengesahkan STNK tahunan dan membayar PKB tanpa datang ke kantor Samsat induk."),
    ("35", "penunjang", "2019-10-14", "name_variant", "SAMSAT KELILING JATIM", ""),
    ("73", "penunjang", "2020-03-09", "reworded acronym", "Samling (Samsat Keliling) Sulsel",
     "Unit bus berjaringan online berkeliling ke kabupaten dan kota sehingga pemilik kendaraan bisa melunasi pajak tahunan dan memperoleh pengesahan STNK di dekat tempat tinggalnya."),
    ("12", "perhubungan", "2020-12-07", "reworded", "Layanan Samsat Bergerak",
     "Kendaraan operasional berisi petugas Bapenda, kepolisian dan Jasa Raharja singgah bergiliran di titik-titik keramaian untuk melayani daftar ulang kendaraan bermotor."),
    ("16", "penunjang", "2021-05-24", "copied", "Samsat Keliling",
     "Mobil pelayanan Samsat mendatangi kecamatan, pasar dan kawasan industri sesuai jadwal agar wajib pajak bisa mengesahkan STNK tahunan dan membayar PKB tanpa harus ke kantor Samsat induk. Pelayanan menjadi lebih cepat, mudah dan murah bagi wajib pajak."),
    ("61", "penunjang", "2022-02-28", "acronym reworded", "SAMLING",
     "Dalam rangka meningkatkan kepatuhan wajib pajak, layanan pengesahan STNK dan pembayaran pajak kendaraan dibawa langsung ke desa-desa pedalaman memakai mobil unit yang dijadwalkan setiap pekan."),
    ("51", "penunjang", "2022-10-17", "copied name_variant", "Samsat Keliling Bali",
     "Mobil pelayanan Samsat mendatangi desa adat, pasar dan kawasan pariwisata secara terjadwal sehingga wajib pajak dapat membayar PKB dan mengesahkan STNK tanpa ke kantor Samsat induk."),
    ("36", "penunjang", "2023-08-21", "reworded name_variant", "Samsat Keling Banten",
     "Pemilik kendaraan tidak perlu antre di kantor Samsat karena petugas datang menggunakan mobil layanan ke alun-alun, kantor kecamatan dan perumahan pada hari yang telah diumumkan."),
)

idea("idea-samsat-desa",
    ("32", "penunjang", "2020-09-14", "chain_bait", "Samsat Desa (Samdes)",
     "Kantor desa dijadikan titik tetap pembayaran pajak kendaraan: perangkat desa yang ditunjuk sebagai agen menerima pembayaran PKB warga melalui aplikasi bank daerah dan menyerahkan bukti pengesahan STNK dari Samsat."),
    ("13", "penunjang", "2021-07-19", "chain_bait reworded name_variant", "Samsat Nagari",
     "Wali nagari menugaskan petugas di kantor nagari untuk menerima setoran pajak kendaraan warga setiap hari kerja; bukti bayar diteruskan ke Samsat dan notice pajak dikirim kembali ke nagari."),
    ("18", "penunjang", "2022-04-25", "chain_bait copied", "SAMSAT DESA",
     "Kantor desa menjadi titik tetap pembayaran pajak kendaraan bermotor. Perangkat desa ditunjuk sebagai agen yang menerima PKB warga lewat aplikasi bank daerah lalu menyerahkan bukti pengesahan STNK."),
    ("62", "penunjang", "2023-02-06", "chain_bait reworded", "Layanan Pajak Kendaraan di Kantor Desa",
     "BUMDes dan aparat desa bekerja sama dengan Bapenda membuka loket permanen pembayaran PKB di balai desa, sehingga warga pedalaman tidak harus menyeberang sungai ke ibu kota kabupaten."),
)

idea("idea-esamsat",
    ("35", "penunjang", "2019-07-08", "chain_bait", "e-Samsat Jatim",
     "Pembayaran pajak kendaraan tahunan dapat dilakukan melalui ATM, mobile banking dan teller bank yang bekerja sama; bukti bayar elektronik dapat ditukar dengan pengesahan STNK di gerai Samsat manapun."),
    ("64", "penunjang", "2020-04-13", "chain_bait reworded", "E-SAMSAT Kaltim",
     "Wajib pajak melunasi PKB lewat kanal perbankan seperti ATM dan internet banking Bankaltimtara tanpa antre di loket, kemudian cukup menukarkan struk pembayaran untuk pengesahan."),
    ("71", "penunjang", "2021-11-29", "chain_bait copied", "Samsat Elektronik (e-Samsat)",
     "Pembayaran PKB tahunan melalui ATM, mobile banking dan teller bank mitra; bukti bayar elektronik ditukarkan dengan pengesahan STNK di kantor Samsat terdekat."),
)

idea("idea-pemutihan-pkb",
    ("32", "penunjang", "2021-04-05", "chain_bait", "Pemutihan Denda Pajak Kendaraan Bermotor",
     "Penghapusan sanksi administrasi berupa denda keterlambatan dan tunggakan pokok PKB tahun-tahun sebelumnya selama periode tertentu, agar pemilik kendaraan kembali tertib membayar pajak."),
    ("12", "penunjang", "2022-08-01", "chain_bait reworded", "Program Bebas Denda PKB",
     "Selama tiga bulan, pemilik kendaraan yang menunggak hanya membayar pokok pajak tahun berjalan; seluruh denda dan tunggakan lama dihapuskan oleh Pemprov."),
    ("53", "penunjang", "2023-09-18", "chain_bait reworded", "Penghapusan Sanksi Administratif Pajak Kendaraan",
     "Gubernur memberikan keringanan berupa pembebasan bunga dan denda keterlambatan PKB untuk mendorong kendaraan yang lama tidak daftar ulang kembali tercatat."),
)

# ---------------------------------------------------------------------------
# 3. Civil registration (administrasi kependudukan)
# ---------------------------------------------------------------------------
idea("idea-jemput-bola-ktp",
    ("33.09", "administrasi_kependudukan", "2019-07-22", "", "Jemput Bola Perekaman KTP-el",
     "Petugas Disdukcapil mendatangi sekolah, panti jompo dan rumah warga penyandang disabilitas atau yang sakit untuk melakukan perekaman KTP elektronik, sehingga penduduk yang sulit datang ke kantor tetap memiliki identitas."),
    ("11.06", "administrasi_kependudukan", "2020-03-02", "reworded", "Perekaman KTP-el Keliling Sekolah",
     "Siswa SMA yang sudah berusia 17 tahun direkam sidik jari, iris dan fotonya langsung di sekolah oleh tim Dukcapil, sehingga mereka memegang KTP-el sebelum lulus."),
    ("33.26", "administrasi_kependudukan", "2020-11-16", "reworded", "Dukcapil Nyambangi Warga",
     "Warga lansia, orang sakit menahun dan difabel yang tidak sanggup ke kantor didatangi ke rumahnya; petugas membawa alat rekam untuk merekam data biometrik mereka."),
    ("73.08", "administrasi_kependudukan", "2021-06-07", "copied", "Jemput Bola Perekaman KTP Elektronik",
     "Petugas Dukcapil mendatangi sekolah, panti dan rumah penduduk penyandang disabilitas atau yang sedang sakit untuk melakukan perekaman KTP elektronik, agar warga yang sulit datang ke kantor tetap memiliki identitas. Dalam rangka tertib administrasi kependudukan, layanan ini diberikan tanpa biaya."),
    ("53.02", "administrasi_kependudukan", "2022-02-21", "reworded", "Tim Rekam Keliling Desa",
     "Penduduk di desa terpencil yang belum merekam KTP-el dilayani di balai desa oleh tim yang membawa perangkat rekam portabel dan genset; hasil rekaman dicetak di kantor dinas lalu diantar kembali."),
    ("65.03", "administrasi_kependudukan", "2023-05-15", "name_variant", "JEMPUT BOLA REKAM KTP-EL", ""),
)

idea("idea-akta-3in1",
    ("35.25", "administrasi_kependudukan", "2019-09-16", "", "Paket Lahir 3 in 1",
     "Bayi yang lahir di rumah sakit atau puskesmas langsung diterbitkan akta kelahiran, Kartu Keluarga baru dan Kartu Identitas Anak tanpa orang tua harus datang ke Dinas Dukcapil; berkas diurus oleh petugas fasilitas kesehatan."),
    ("33.13", "administrasi_kependudukan", "2020-06-29", "reworded", "Lahir Procot Pulang Bawa Akta",
     "Begitu bayi dilahirkan di RSUD atau puskesmas, bidan mengirim data kelahiran secara daring ke Dukcapil; ketika ibu pulang, akta kelahiran, KK yang diperbarui dan KIA sudah dapat dibawa."),
    ("32.11", "kesehatan", "2021-08-09", "reworded", "Si Bayi Pulang Bawa Dokumen Kependudukan",
     "Kerja sama rumah sakit dan Dukcapil: dokumen kependudukan bayi baru lahir diproses selama ibu dirawat sehingga keluarga menerima akta, kartu keluarga dan kartu identitas anak sebelum meninggalkan rumah sakit."),
    ("12.71", "administrasi_kependudukan", "2022-03-14", "copied name_variant", "Layanan 3 in 1 Kelahiran Kota Medan",
     "Bayi yang lahir di rumah sakit atau puskesmas langsung dibuatkan akta kelahiran, Kartu Keluarga baru dan Kartu Identitas Anak tanpa orang tua datang ke Disdukcapil, karena berkas diurus petugas faskes. Inovasi ini meningkatkan kepuasan masyarakat terhadap layanan Disdukcapil."),
    ("74.05", "administrasi_kependudukan", "2023-10-02", "name_variant", "PAKET 3 IN 1 BAYI BARU LAHIR", ""),
)

idea("idea-adm",
    ("35.71", "administrasi_kependudukan", "2020-05-11", "", "Anjungan Dukcapil Mandiri (ADM)",
     "Mesin layanan mandiri yang ditempatkan di kantor kecamatan dan mal pelayanan publik; warga cukup memindai KTP-el dan sidik jari untuk mencetak sendiri KK, akta atau KTP-el yang sudah disetujui secara daring."),
    ("33.19", "administrasi_kependudukan", "2021-01-25", "acronym", "ADM", ""),
    ("36.03", "administrasi_kependudukan", "2021-10-11", "reworded acronym", "Anjungan Dukcapil Mandiri Kecamatan",
     "Penduduk mencetak sendiri dokumen kependudukannya di mesin serupa ATM yang tersedia di setiap kecamatan, setelah identitasnya diverifikasi dengan sidik jari; kertas dokumen memakai HVS biasa dengan tanda tangan elektronik."),
    ("61.12", "administrasi_kependudukan", "2022-12-05", "reworded acronym", "ADM (Anjungan Dukcapil Mandiri) Kubu Raya",
     "Dalam rangka mewujudkan pelayanan prima, disediakan perangkat cetak mandiri untuk KTP-el, Kartu Keluarga dan akta di ruang publik sehingga warga tidak perlu menunggu petugas."),
)

idea("idea-dukcapil-wa",
    ("32.04", "administrasi_kependudukan", "2020-04-20", "", "Layanan Adminduk via WhatsApp",
     "Selama pandemi, permohonan KK, akta kelahiran dan pindah datang diterima melalui nomor WhatsApp resmi per kecamatan; pemohon mengirim foto berkas dan menerima dokumen jadi dalam bentuk PDF ber-TTE."),
    ("33.02", "administrasi_kependudukan", "2020-07-06", "reworded", "Dukcapil Cukup Chat",
     "Warga mengajukan perubahan kartu keluarga atau akta cukup dengan mengirim pesan dan foto dokumen ke operator WhatsApp Dukcapil; hasilnya dikirim balik sebagai berkas elektronik yang bisa dicetak sendiri."),
    ("75.01", "administrasi_kependudukan", "2021-03-22", "copied", "Pelayanan Dokumen Kependudukan Melalui WhatsApp",
     "Permohonan KK, akta kelahiran dan surat pindah diterima lewat nomor WhatsApp resmi tiap kecamatan. Pemohon mengirim foto persyaratan dan menerima dokumen dalam bentuk PDF bertanda tangan elektronik. Pelayanan menjadi lebih cepat, mudah, dan murah."),
)

idea("idea-akta-kematian",
    ("33.06", "administrasi_kependudukan", "2019-10-07", "", "Pelaporan Kematian oleh Desa",
     "Ketua RT dan operator desa melaporkan setiap kematian warga ke Dukcapil melalui aplikasi, sehingga akta kematian terbit dan Kartu Keluarga ahli waris diperbarui tanpa keluarga yang berduka harus mengurusnya."),
    ("63.03", "administrasi_kependudukan", "2021-05-03", "reworded", "Akta Kematian Terbit dari Desa",
     "Kabar duka yang dicatat perangkat desa langsung diteruskan secara online ke dinas; dalam tiga hari keluarga menerima akta kematian sekaligus KK yang sudah diperbaharui."),
    ("71.02", "administrasi_kependudukan", "2022-07-25", "reworded", "Layanan Akta Kematian Berbasis Desa", ""),
)
# ---------------------------------------------------------------------------
# 4. Women, children, family, social
# ---------------------------------------------------------------------------
idea("idea-sapa129",
    ("35.73", "pemberdayaan_perempuan", "2021-06-14", "", "Layanan SAPA 129 Kota Malang",
     ""),
    ("14.71", "pemberdayaan_perempuan", "2022-04-11", "reworded acronym", "Sahabat Perempuan dan Anak (SAPA) 129",
     "Korban atau saksi kekerasan dalam rumah tangga, perundungan dan kekerasan seksual dapat mengadu melalui nomor 129; petugas menjemput bola, mendampingi visum dan proses hukum."),
    ("53.01", "ketertiban_umum", "2023-08-28", "acronym", "SAPA 129", ""),
)

idea("idea-puspaga",
    ("35.78", "pemberdayaan_perempuan", "2019-05-27", "", "Pusat Pembelajaran Keluarga (PUSPAGA)",
     "Layanan konseling gratis oleh psikolog dan konselor bagi keluarga tentang pengasuhan anak, komunikasi suami istri dan persiapan pernikahan, dibuka di balai kota dan kelurahan."),
    ("32.16", "pemberdayaan_perempuan", "2020-10-19", "acronym", "PUSPAGA Kabupaten Bekasi", ""),
    ("73.72", "pemberdayaan_perempuan", "2021-11-08", "reworded", "Rumah Konsultasi Keluarga Puspaga",
     "Orang tua yang kesulitan mendidik anak, pasangan yang akan menikah maupun remaja dapat berkonsultasi secara tatap muka atau daring dengan tenaga profesional tanpa dipungut biaya."),
    ("15.71", "pengendalian_penduduk", "2023-01-30", "reworded", "Puspaga Kota Jambi",
     "Guna meningkatkan kualitas keluarga, disediakan layanan pendampingan pengasuhan dan konseling keluarga oleh psikolog di lantai dasar kantor dinas, termasuk kelas parenting setiap Sabtu."),
)

idea("idea-ayah-rapor",
    ("33.24", "pemberdayaan_perempuan", "2022-12-19", "", "Gerakan Ayah Mengambil Rapor",
     "Pemkab mengimbau para ayah, termasuk ASN yang diberi dispensasi jam kerja, untuk datang sendiri mengambil rapor anaknya dan berbincang dengan wali kelas, guna memperkuat peran ayah dalam pengasuhan."),
    ("35.16", "pengendalian_penduduk", "2023-06-26", "reworded", "Gerakan Bapak Ambil Rapot",
     "Saat pembagian rapor, sekolah mengundang khusus para bapak; kepala keluarga diajak berdialog dengan guru tentang perkembangan anak agar keterlibatan ayah dalam pendidikan anak meningkat."),
    ("32.77", "pemberdayaan_perempuan", "2024-12-20", "copied", "Gerakan Ayah Ambil Rapor Cimahi",
     "Pemkot mengimbau para ayah, termasuk ASN yang diberi dispensasi jam kerja, untuk datang langsung mengambil rapor anak dan berdialog dengan wali kelas, demi memperkuat peran ayah dalam pengasuhan."),
)

idea("idea-rumah-singgah",
    ("13", "sosial", "2019-08-19", "", "Rumah Singgah Pasien Sumbar",
     "Pemprov menyediakan rumah singgah gratis di dekat RS rujukan bagi pasien kurang mampu dan keluarganya dari kabupaten jauh yang menjalani pengobatan lanjutan, lengkap dengan makan dan antar jemput ke rumah sakit."),
    ("14.07", "sosial", "2020-09-07", "reworded", "Rumah Singgah Rokan Hilir di Pekanbaru",
     "Warga yang dirujuk ke rumah sakit di ibu kota provinsi dapat menginap bersama pendampingnya tanpa biaya di rumah milik pemkab, sehingga tidak terbebani biaya penginapan selama berobat."),
    ("53.08", "kesehatan", "2021-07-12", "copied", "Rumah Singgah Pasien Rujukan",
     "Rumah singgah gratis di dekat rumah sakit rujukan bagi pasien kurang mampu dan keluarganya yang berasal dari daerah jauh, termasuk makan dan antar jemput ke rumah sakit selama pengobatan lanjutan."),
    ("82.04", "sosial", "2022-10-24", "name_variant", "RUMAH SINGGAH HALSEL", ""),
)

idea("idea-sekolah-lansia",
    ("34.03", "pengendalian_penduduk", "2019-11-25", "", "Sekolah Lansia Tangguh",
     "Warga lanjut usia mengikuti kelas rutin tentang kesehatan, spiritual, keterampilan dan pemanfaatan teknologi dengan kurikulum berjenjang; peserta yang lulus diwisuda sebagai lansia tangguh."),
    ("35.20", "sosial", "2021-02-15", "reworded", "Sekolah Eyang",
     "Para kakek dan nenek belajar bersama setiap dua minggu di balai desa: senam, cek kesehatan, mengaji, menggunakan ponsel pintar dan membuat kerajinan. Setelah satu tahun mereka mengikuti wisuda."),
    ("51.02", "pengendalian_penduduk", "2022-05-30", "copied name_variant", "Sekolah Lansia Tabanan",
     "Lansia mengikuti kelas rutin tentang kesehatan, spiritual, keterampilan dan teknologi dengan kurikulum berjenjang; peserta yang lulus diwisuda sebagai lansia tangguh. Program ini dilaksanakan dalam rangka mewujudkan lansia yang sehat, mandiri dan bermartabat."),
    ("71.73", "pengendalian_penduduk", "2023-09-11", "reworded name_variant", "SEKOLAH LANSIA",
     "Meningkatkan kualitas hidup penduduk usia 60 tahun ke atas lewat pembelajaran terstruktur tujuh dimensi lansia tangguh yang dilaksanakan Bina Keluarga Lansia, ditutup dengan wisuda."),
)

idea("idea-kampung-kb",
    ("35.22", "pengendalian_penduduk", "2019-06-24", "", "Kampung KB Bojonegoro",
     "Desa dengan angka kelahiran tinggi dan keluarga prasejahtera ditetapkan sebagai Kampung KB yang menjadi titik keterpaduan program kependudukan, keluarga berencana, kesehatan dan ekonomi lintas sektor."),
    ("18.09", "pengendalian_penduduk", "2020-08-17", "reworded", "Kampung Keluarga Berkualitas",
     "Satu kampung di tiap kecamatan dipilih untuk menerima paket kegiatan dari berbagai dinas sekaligus: pelayanan kontrasepsi, posyandu, pelatihan usaha, dan rumah data kependudukan."),
    ("76.02", "pengendalian_penduduk", "2021-12-13", "acronym", "KAMPUNG KB", ""),
    ("33.29", "pemberdayaan_masyarakat_desa", "2022-07-04", "reworded name_variant", "Kampung KB Brebes",
     "Dalam rangka mewujudkan keluarga kecil bahagia sejahtera, desa-desa prioritas dijadikan kampung sasaran keterpaduan program KB, pemberdayaan ekonomi dan pembangunan sarana yang dibiayai bersama OPD dan dana desa."),
)
# ---------------------------------------------------------------------------
# 5. Health
# ---------------------------------------------------------------------------
idea("idea-home-care",
    ("73.71", "kesehatan", "2019-04-29", "", "Dottoro'ta (Home Care)",
     "Dokter dan perawat puskesmas datang ke rumah warga yang tidak mampu berobat ke fasilitas kesehatan setelah dipanggil lewat call center; mobil home care dilengkapi alat EKG dan laboratorium sederhana."),
    ("73.06", "kesehatan", "2020-06-08", "reworded", "Layanan Kesehatan Kunjungan Rumah",
     "Pasien lansia, pasca-stroke atau yang terbaring lama cukup menelepon puskesmas; tim medis akan memeriksa dan merawat di rumah tanpa biaya."),
    ("72.71", "kesehatan", "2021-09-20", "copied", "Home Care Puskesmas",
     "Dokter dan perawat puskesmas mendatangi rumah warga yang tidak mampu ke fasilitas kesehatan setelah dihubungi melalui call center; kendaraan home care membawa alat EKG dan laboratorium sederhana. Inovasi ini merupakan bentuk pelayanan prima bidang kesehatan."),
    ("74.72", "kesehatan", "2022-11-28", "reworded", "Dokter Ke Rumah (Dokrum)",
     "Perawatan medis diantar langsung ke tempat tinggal pasien yang sulit bepergian. Warga menghubungi nomor layanan, lalu tim puskesmas terdekat datang memeriksa, mengambil sampel darah dan memberi obat."),
)

idea("idea-rtk",
    ("53.10", "kesehatan", "2019-09-09", "", "Rumah Tunggu Kelahiran (RTK)",
     "Ibu hamil dari desa yang jauh dan sulit dijangkau ditampung di rumah tunggu dekat puskesmas PONED menjelang hari perkiraan lahir, supaya persalinan ditolong tenaga kesehatan di fasilitas kesehatan."),
    ("95.01", "kesehatan", "2021-04-26", "reworded acronym", "RTK Puskesmas",
     "Mama hamil dari kampung pegunungan menginap beberapa minggu sebelum melahirkan di rumah dekat puskesmas, dibantu makanan dari dana kampung, agar tidak melahirkan di jalan atau di honai."),
    ("82.05", "kesehatan", "2022-06-13", "copied", "Rumah Tunggu Kelahiran",
     "Ibu hamil dari desa terpencil ditampung di rumah tunggu dekat puskesmas PONED menjelang hari perkiraan lahir agar persalinannya ditolong tenaga kesehatan di fasilitas kesehatan."),
)

idea("idea-pos-gizi",
    ("53.03", "kesehatan", "2020-02-10", "", "Pos Gizi Berbasis Positive Deviance",
     "Balita gizi kurang mengikuti sesi makan bersama selama 12 hari di rumah kader; ibu-ibu belajar memasak menu padat gizi dari bahan lokal yang ditiru dari keluarga miskin yang anaknya tetap sehat."),
    ("53.13", "kesehatan", "2021-03-15", "reworded", "Pos Gizi Lembata",
     "Kader desa mengumpulkan ibu dan anak yang berat badannya kurang; selama dua pekan mereka memasak dan makan bersama menu kaya protein dari jagung, kelor dan ikan sambil belajar kebiasaan makan yang baik."),
    ("53.19", "kesehatan", "2022-01-24", "name_variant", "POS GIZI", ""),
    ("94.04", "kesehatan", "2023-05-08", "reworded", "Pemulihan Gizi Balita dengan Pendekatan Penyimpangan Positif",
     "Meniru kebiasaan keluarga setempat yang berhasil, kader mengajak ibu balita kurus memasak bersama setiap hari selama 12 hari dan memantau kenaikan berat badan anak."),
)

# generic-looking titles, same content: nationwide simultaneous weighing/measuring
idea("idea-timbang-serentak",
    ("33.05", "kesehatan", "2023-06-05", "", "Gerakan Bersama",
     "Seluruh balita di kabupaten ditimbang dan diukur panjang atau tinggi badannya pada bulan yang sama di posyandu memakai alat antropometri terstandar; hasilnya dimasukkan ke e-PPGBM untuk menemukan balita stunting dan wasting."),
    ("32.05", "kesehatan", "2023-11-13", "reworded", "GERAK BARENG",
     "Pengukuran serentak: dalam satu bulan semua anak di bawah lima tahun didatangkan ke posyandu, diukur berat dan tingginya dengan alat baku, lalu datanya diinput ke aplikasi gizi untuk intervensi."),
    ("16.10", "kesehatan", "2024-06-10", "reworded", "Gerakan Serentak",
     "Dalam rangka intervensi serentak pencegahan stunting, kader dan bidan menimbang serta mengukur seluruh balita secara bersamaan, mendata ibu hamil dan calon pengantin, kemudian mengunggah hasil pengukuran ke sistem pencatatan gizi."),
    ("75.03", "kesehatan", "2024-07-01", "reworded", "Gebyar Bersama Posyandu",
     "Bulan penimbangan serentak: kader mengukur berat dan tinggi semua balita pada waktu yang sama dengan antropometri standar, lalu data dikirim ke e-PPGBM."),
)

idea("idea-tbc-kontak",
    ("32.01", "kesehatan", "2021-02-01", "", "Ketuk Pintu Temukan TBC",
     "Kader kesehatan mendatangi rumah tetangga dan anggota keluarga penderita TBC untuk menyaring gejala batuk, mengambil dahak dan mengantar ke puskesmas, sehingga kasus baru ditemukan lebih awal."),
    ("33.01", "kesehatan", "2022-05-09", "reworded", "Investigasi Kontak TBC oleh Kader",
     "Setiap ada pasien TBC baru, kader mengunjungi serumah dan sekitar 20 rumah di sekitarnya, menanyakan gejala, dan merujuk yang dicurigai untuk tes cepat molekuler."),
    ("12.09", "kesehatan", "2023-08-14", "copied", "Ketuk Pintu TBC",
     "Kader kesehatan mengunjungi tetangga dan keluarga penderita TBC untuk menyaring gejala batuk, mengumpulkan dahak dan mengantarkannya ke puskesmas agar kasus baru cepat ditemukan."),
)

idea("idea-antrean-puskesmas",
    ("35.07", "kesehatan", "2020-08-10", "", "Antrean Online Puskesmas",
     "Pasien mengambil nomor antrean puskesmas dari rumah melalui aplikasi atau WhatsApp dan mendapat perkiraan jam dilayani, sehingga ruang tunggu tidak penuh sesak."),
    ("32.09", "kesehatan", "2021-04-12", "reworded", "Daftar Berobat dari Rumah",
     "Warga mendaftar ke poli puskesmas lewat ponsel sehari sebelumnya; sistem memberi nomor urut dan mengirim pengingat ketika giliran sudah dekat."),
    ("18.10", "kesehatan", "2022-01-17", "reworded", "Si ANTON (Sistem Antrean Online)",
     "Lebih cepat, mudah dan murah: pendaftaran pasien puskesmas dilakukan daring sehingga pasien datang tepat waktu sesuai jadwal dan tidak menunggu berjam-jam."),
)

idea("idea-puskesmas-terapung",
    ("81.07", "kesehatan", "2019-12-02", "", "Puskesmas Terapung",
     "Kapal yang dilengkapi ruang periksa, obat dan tenaga kesehatan berlayar rutin ke pulau-pulau kecil yang tidak memiliki puskesmas, memberikan pengobatan, imunisasi dan pemeriksaan ibu hamil."),
    ("21.03", "kesehatan", "2021-08-30", "reworded", "Kapal Kesehatan Antar Pulau",
     "Tim dokter, bidan dan perawat berlayar mengunjungi desa-desa pesisir di gugus pulau terluar setiap bulan untuk memeriksa warga dan memberikan obat serta vaksin."),
)

idea("idea-ambulans-desa",
    ("35.23", "pemberdayaan_masyarakat_desa", "2020-03-16", "chain_bait", "Ambulans Desa",
     "Setiap desa menganggarkan satu mobil siaga dari dana desa untuk mengantar warga sakit, ibu melahirkan dan korban kecelakaan ke puskesmas atau rumah sakit tanpa dipungut biaya."),
    ("52.02", "pemberdayaan_masyarakat_desa", "2021-09-06", "chain_bait reworded", "Mobil Siaga Desa",
     "Kendaraan milik desa disiapkan 24 jam untuk mengangkut warga yang perlu dirujuk ke fasilitas kesehatan; sopir dari relawan desa dan bahan bakar ditanggung APBDes."),
    ("74.03", "kesehatan", "2022-12-12", "chain_bait copied", "Ambulan Desa Gratis",
     "Setiap desa menganggarkan mobil siaga dari dana desa untuk mengantar warga sakit, ibu bersalin dan korban kecelakaan ke puskesmas atau rumah sakit secara gratis."),
)
# ---------------------------------------------------------------------------
# 6. Government ICT, statistics, cryptography
# ---------------------------------------------------------------------------
idea("idea-desa-cantik",
    ("35.02", "statistik", "2021-07-05", "", "Desa Cantik (Desa Cinta Statistik)",
     "Pendampingan bersama BPS kepada perangkat desa agar mampu mengumpulkan, mengolah dan menyajikan data desa sendiri, misalnya data penduduk miskin dan potensi desa, untuk dasar perencanaan pembangunan desa."),
    ("13.72", "statistik", "2022-03-07", "acronym", "DESA CANTIK", ""),
    ("51.08", "statistik", "2022-08-15", "reworded", "Desa Cinta Statistik Buleleng",
     "Agen statistik di desa dilatih BPS dan Dinas Kominfo untuk memutakhirkan data kependudukan dan sosial ekonomi desa, lalu menampilkannya dalam pojok statistik desa."),
    ("64.03", "komunikasi_informatika", "2023-04-03", "copied name_variant", "Kelurahan Cantik",
     "Pendampingan bersama BPS kepada aparat kelurahan agar mampu mengumpulkan, mengolah dan menyajikan data kelurahan sendiri, seperti data warga miskin dan potensi wilayah, sebagai dasar perencanaan pembangunan."),
    ("18.04", "statistik", "2024-02-19", "reworded", "Pekon Cinta Statistik",
     "Aparatur pekon dibimbing menyusun data statistik sektoral pekon secara mandiri sehingga musyawarah perencanaan pembangunan memakai angka yang akurat."),
)

idea("idea-satu-data",
    ("32", "statistik", "2019-09-30", "", "Open Data Jabar (Satu Data)",
     "Portal satu data yang menghimpun seluruh data sektoral perangkat daerah dalam format terbuka dengan satu standar, metadata dan kode referensi, sehingga data dapat digunakan bersama oleh pemerintah dan publik."),
    ("35.73", "statistik", "2020-12-21", "reworded", "Satu Data Kota Malang",
     "Dinas-dinas tidak lagi menyimpan data masing-masing; semua dataset sektoral diunggah ke satu portal dengan walidata di Diskominfo, sehingga angka yang dipakai untuk perencanaan sama."),
    ("72", "komunikasi_informatika", "2022-02-07", "reworded", "Portal Data Terpadu Sulteng",
     "Menjawab persoalan data ganda antar-OPD, Pemprov membangun portal tunggal yang memuat dataset sektoral berstandar dan dapat diunduh masyarakat."),
    ("34.02", "statistik", "2023-03-27", "name_variant", "SATU DATA BANTUL", ""),
)

idea("idea-tte",
    ("33.22", "persandian", "2019-11-11", "", "Penerapan Tanda Tangan Elektronik (TTE)",
     "Sertifikat elektronik dari Balai Sertifikasi Elektronik (BSrE) BSSN diterbitkan untuk pejabat sehingga dokumen dinas, perizinan dan surat keputusan ditandatangani secara elektronik dan keasliannya dapat diverifikasi."),
    ("73.06", "persandian", "2020-10-26", "reworded acronym", "TTE BSrE Gowa",
     "Pejabat penandatangan memakai sertifikat elektronik BSSN untuk mengesahkan naskah dinas dan izin dari mana saja, sehingga tidak menunggu pejabat berada di kantor."),
    ("14.03", "komunikasi_informatika", "2021-09-13", "copied", "Tanda Tangan Elektronik",
     "Sertifikat elektronik dari BSrE BSSN diterbitkan bagi pejabat agar dokumen dinas, izin dan surat keputusan ditandatangani secara elektronik serta keasliannya dapat diperiksa. Penerapannya mendukung tata kelola pemerintahan yang baik serta pelayanan yang efektif dan efisien."),
    ("65.71", "persandian", "2022-06-20", "reworded", "Si-TTE (Sistem Tanda Tangan Elektronik)",
     "Dalam rangka mendukung SPBE, Diskominfo memfasilitasi penerbitan sertifikat elektronik bagi ASN sehingga pengesahan dokumen menjadi efektif dan efisien tanpa kertas."),
    ("33.11", "persandian", "2023-01-23", "name_variant", "TANDATANGAN ELEKTRONIK SUKOHARJO", ""),
)

idea("idea-csirt",
    ("34", "persandian", "2020-11-30", "", "Pembentukan CSIRT Daerah (Jogjaprov-CSIRT)",
     ""),
    ("63", "persandian", "2022-02-14", "reworded acronym", "Computer Security Incident Response Team Kalsel",
     "Pemprov memiliki tim khusus yang siaga menanggapi gangguan keamanan siber pada sistem elektronik perangkat daerah, mulai dari deface website sampai kebocoran data."),
    ("33.71", "persandian", "2023-05-22", "reworded name_variant", "MAGELANGKOTA-CSIRT",
     "Pembentukan tim penanganan insiden keamanan informasi yang teregistrasi BSSN untuk melindungi aplikasi dan situs pemerintah kota dari serangan."),
)

idea("idea-opensid",
    ("34.03", "pemberdayaan_masyarakat_desa", "2019-05-06", "", "Sistem Informasi Desa (SID) Berbasis OpenSID",
     "Seluruh desa memakai aplikasi sumber terbuka OpenSID untuk mengelola data penduduk, mencetak surat keterangan, menampilkan APBDes dan berita desa di situs resmi desa."),
    ("52.01", "pemberdayaan_masyarakat_desa", "2020-07-20", "reworded", "Desa Digital dengan OpenSID",
     "Pemerintah desa memasang aplikasi OpenSID sehingga warga bisa meminta surat pengantar secara daring, sementara data penduduk dan keuangan desa dipublikasikan di laman desa."),
    ("76.05", "pemberdayaan_masyarakat_desa", "2022-03-21", "copied", "Sistem Informasi Desa",
     "Semua desa menggunakan aplikasi OpenSID untuk mengelola data kependudukan, mencetak surat keterangan, serta menampilkan APBDes dan kabar desa di website desa. Pengelolaan pemerintahan desa menjadi transparan dan akuntabel."),
)

idea("idea-jdih",
    ("52", "penunjang", "2020-01-27", "", "JDIH Mobile NTB",
     "Aplikasi ponsel Jaringan Dokumentasi dan Informasi Hukum yang memuat seluruh peraturan daerah, peraturan gubernur dan keputusan dalam bentuk teks lengkap yang dapat dicari dan diunduh."),
    ("33.20", "penunjang", "2022-09-26", "reworded acronym", "Jaringan Dokumentasi dan Informasi Hukum dalam Genggaman",
     "Masyarakat dan ASN dapat menelusuri perda, perbup dan naskah akademik melalui aplikasi Android milik Bagian Hukum tanpa harus datang ke perpustakaan hukum."),
)
# ---------------------------------------------------------------------------
# 7. Environment, culture, education, libraries
# ---------------------------------------------------------------------------
idea("idea-bank-sampah-digital",
    ("35.15", "lingkungan_hidup", "2019-10-21", "", "Bank Sampah Digital",
     "Nasabah menyetor sampah anorganik terpilah ke bank sampah; berat dan nilainya dicatat dalam aplikasi, saldo dapat ditarik tunai, dipakai membayar listrik atau ditabung menjadi emas."),
    ("32.76", "lingkungan_hidup", "2020-11-09", "reworded", "Tabungan Sampah Elektronik",
     "Warga menukar botol plastik, kardus dan kaleng di titik setor; petugas menimbang dan memasukkan nilainya ke akun warga di ponsel, yang bisa dicairkan atau dibelikan pulsa."),
    ("51.04", "lingkungan_hidup", "2021-10-04", "copied", "Bank Sampah Online Gianyar",
     "Nasabah menyetorkan sampah anorganik yang sudah dipilah ke bank sampah; berat dan nilai rupiahnya dicatat di aplikasi, dan saldo bisa ditarik tunai atau dipakai membayar listrik. Kegiatan ini dilaksanakan dalam rangka mewujudkan Gianyar bersih."),
    ("63.71", "lingkungan_hidup", "2023-02-27", "reworded", "E-Banksa (Bank Sampah Elektronik)",
     "Guna menekan volume sampah ke TPA, setoran sampah kering warga dicatat secara digital sehingga tabungan nasabah transparan dan akuntabel."),
)

idea("idea-sedekah-sampah",
    ("33.08", "lingkungan_hidup", "2020-01-06", "", "Gerakan Peduli",
     "Jamaah masjid dan warga menyedekahkan sampah anorganik bernilai jual setiap Jumat; hasil penjualannya ke pengepul dipakai untuk santunan yatim dan biaya berobat warga tidak mampu."),
    ("35.24", "lingkungan_hidup", "2021-05-17", "reworded", "Gerakan Berkah Bersama",
     "Warga menyumbangkan botol, kardus dan besi bekas ke pengurus masjid dan mushala; uang dari penjualannya masuk kas sosial untuk membantu dhuafa."),
    ("73.13", "sosial", "2022-08-29", "reworded", "Gerakan Masyarakat Peduli Sesama",
     "Sampah rumah tangga yang masih laku dijual dikumpulkan sebagai sedekah di rumah ibadah, kemudian hasilnya dibagikan kepada anak yatim dan lansia miskin di kampung."),
)

idea("idea-biopori",
    ("32.71", "lingkungan_hidup", "2019-11-18", "", "Gerakan Sejuta Lubang",
     "Setiap rumah, sekolah dan kantor diwajibkan membuat lubang resapan biopori di halaman dan mengisinya dengan sampah organik, untuk menambah resapan air hujan, mengurangi genangan dan menghasilkan kompos."),
    ("33.73", "lingkungan_hidup", "2021-01-11", "reworded", "Gerakan Seribu Lubang Salatiga",
     "Warga diajak mengebor tanah sedalam satu meter di pekarangan, mengisinya dengan daun dan sisa dapur, sehingga air hujan meresap dan banjir lokal berkurang."),
    ("16.74", "pekerjaan_umum", "2022-02-28", "reworded", "Gerakan Resapan Air Rumah Tangga",
     "Dalam rangka mengurangi genangan, setiap bangunan baru wajib menyediakan lubang biopori yang juga menjadi tempat pengomposan sampah organik."),
)

idea("idea-proklim",
    ("35.79", "lingkungan_hidup", "2020-06-22", "", "Program Kampung Iklim (ProKlim)",
     ""),
    ("73.22", "lingkungan_hidup", "2021-12-20", "acronym", "PROKLIM", ""),
    ("34.01", "lingkungan_hidup", "2023-07-17", "reworded", "Kampung Iklim Kulon Progo",
     "Dusun-dusun dibina agar warganya menghemat air, menanam pohon, mengolah sampah dan menyiapkan diri menghadapi kekeringan, lalu diusulkan mendapat penghargaan ProKlim dari KLHK."),
)

idea("idea-bahasa-daerah",
    ("32.73", "kebudayaan", "2019-03-25", "", "Rebo Nyunda",
     "Setiap hari Rabu ASN dan pelajar diwajibkan berbahasa Sunda dalam percakapan sehari-hari serta mengenakan pakaian adat Sunda, untuk melestarikan bahasa dan budaya daerah."),
    ("34.71", "kebudayaan", "2020-02-24", "reworded", "Kemis Pahing Basa Jawa",
     "Saben dina Kamis Pahing, pegawai Pemkot nganggo busana adat Jawa lan guneman nganggo basa Jawa: pada hari itu seluruh komunikasi di kantor memakai bahasa Jawa demi menjaga budaya."),
    ("73.08", "kebudayaan", "2022-05-02", "reworded", "Hari Berbahasa Bugis",
     "Setiap Kamis, pegawai dan siswa di Bone menggunakan bahasa Bugis dalam pelayanan dan kegiatan sekolah serta memakai baju bodo atau jas tutup."),
    ("13.04", "pendidikan", "2023-09-18", "copied", "Kamis Babahaso Minang",
     "Setiap hari Kamis ASN dan pelajar diwajibkan berbahasa Minang dalam percakapan sehari-hari serta mengenakan pakaian adat Minangkabau, untuk melestarikan bahasa dan budaya daerah."),
)

idea("idea-maghrib-mengaji",
    ("16.03", "pendidikan", "2019-07-15", "", "Gerakan Maghrib Mengaji",
     "Setiap selepas Maghrib hingga Isya televisi dan ponsel dimatikan, anak-anak mengaji di rumah, masjid atau TPQ dengan pengawasan orang tua dan guru ngaji yang mendapat insentif dari Pemkab."),
    ("11.11", "pendidikan", "2020-09-28", "reworded", "Beut Ba'da Magrib",
     "Anak-anak gampong belajar membaca Al-Quran di meunasah setelah salat Magrib; teungku pengajar diberi honor dan orang tua diminta menjauhkan gawai pada jam tersebut."),
    ("75.02", "kebudayaan", "2021-10-18", "copied name_variant", "Gerakan Magrib Mengaji",
     "Setiap ba'da Maghrib hingga Isya, televisi dan HP dimatikan, dan anak-anak mengaji di rumah, masjid atau TPQ diawasi orang tua serta guru ngaji yang diberi insentif oleh pemerintah daerah. Gerakan ini sejalan dengan visi dan misi daerah mewujudkan masyarakat yang religius."),
    ("52.05", "pendidikan", "2022-11-07", "reworded", "GEMAR MENGAJI (Gerakan Masyarakat Mengaji)",
     "Waktu antara Magrib dan Isya dijadikan jam belajar Al-Quran bagi anak dan remaja di seluruh desa, didukung guru ngaji yang dibiayai dana desa."),
)

idea("idea-perpus-keliling-motor",
    ("33.07", "perpustakaan", "2019-08-12", "", "Motor Pintar",
     "Sepeda motor yang dimodifikasi dengan kotak buku mendatangi dusun, PAUD dan posyandu secara bergiliran untuk meminjamkan buku bacaan kepada anak-anak dan warga."),
    ("53.12", "perpustakaan", "2020-10-12", "reworded", "Perpustakaan Keliling Roda Dua",
     "Pustakawan membonceng rak buku di motor trail menuju kampung yang tak terjangkau mobil perpustakaan, membuka lapak baca di halaman sekolah dan gereja."),
    ("62.06", "perpustakaan", "2021-11-22", "copied", "MOLING (Motor Keliling) Baca",
     "Sepeda motor yang dimodifikasi dengan kotak buku mendatangi desa, PAUD dan posyandu secara bergantian untuk meminjamkan bahan bacaan kepada anak dan masyarakat. Inovasi ini dilaksanakan dalam rangka meningkatkan indeks literasi masyarakat."),
    ("82.03", "pendidikan", "2023-03-20", "reworded", "Motor Literasi",
     "Dalam rangka meningkatkan minat baca, relawan mengantar buku memakai sepeda motor ke desa-desa pesisir dan membacakan cerita untuk anak-anak."),
)

idea("idea-sekolah-siaga-bencana",
    ("33.08", "pendidikan", "2019-10-28", "chain_bait", "Sekolah Siaga Bencana (SSB)",
     "Guru dan siswa di sekolah rawan erupsi dan longsor dilatih prosedur evakuasi, memasang rambu jalur evakuasi di sekolah dan melakukan simulasi berkala bersama BPBD."),
    ("13.71", "ketertiban_umum", "2020-11-30", "chain_bait reworded", "Satuan Pendidikan Aman Bencana",
     "Sekolah-sekolah di zona merah tsunami memiliki tim siaga sekolah, peta evakuasi di kelas dan latihan menyelamatkan diri yang diadakan tiap semester."),
    ("72.03", "pendidikan", "2022-04-18", "chain_bait copied", "Sekolah Siaga Bencana",
     "Guru dan siswa di sekolah rawan gempa dan tsunami dilatih prosedur evakuasi, memasang rambu jalur evakuasi di sekolah dan melakukan simulasi rutin bersama BPBD."),
)

idea("idea-guru-kunjung",
    ("53.05", "pendidikan", "2020-04-27", "", "Guru Kunjung",
     "Selama sekolah ditutup karena pandemi, guru mendatangi rumah siswa atau kelompok kecil siswa di dusun yang tidak memiliki sinyal internet untuk memberikan pelajaran dan tugas."),
    ("35.03", "pendidikan", "2020-08-03", "reworded", "Guru Sambang Omah",
     "Siswa yang tidak punya HP dan kuota tetap belajar karena guru datang ke rumah-rumah secara bergiliran, mengajar 4 sampai 5 anak dalam satu kelompok belajar."),
    ("91.06", "pendidikan", "2021-01-18", "copied", "Guru Kunjung Biak",
     "Selama sekolah tutup karena pandemi, guru mendatangi rumah siswa atau kelompok kecil siswa di kampung tanpa sinyal internet untuk memberikan pelajaran dan tugas. Kegiatan ini dilaksanakan dalam rangka menjamin hak belajar anak."),
)

idea("idea-gerakan-kembali-sekolah",
    ("32.03", "pendidikan", "2021-08-23", "", "Gerakan Bersama Peduli Pendidikan",
     "Anak putus sekolah didata oleh kader desa lalu dijemput kembali ke sekolah formal atau program kesetaraan Paket A, B dan C; biaya seragam dan perlengkapan ditanggung pemerintah daerah."),
    ("52.06", "pendidikan", "2022-10-10", "reworded", "Gerakan Ayo Sekolah",
     "Kepala desa dan guru mencari anak usia sekolah yang berhenti belajar, membujuk orang tua, dan mendaftarkan anak tersebut kembali ke SD, SMP atau kejar paket dengan bantuan perlengkapan sekolah."),
    ("33.27", "pendidikan", "2023-07-31", "reworded", "Gerakan Kembali Bersekolah",
     "Dalam rangka menurunkan angka anak tidak sekolah, tim lintas OPD menelusuri data ATS, mengunjungi rumah anak dan mengembalikan mereka ke bangku sekolah atau PKBM."),
)
# ---------------------------------------------------------------------------
# 8. Transport, economy, labour, housing, public works
# ---------------------------------------------------------------------------
idea("idea-qris-retribusi",
    ("33.02", "perdagangan", "2021-03-29", "", "Retribusi Pasar Non Tunai dengan QRIS",
     "Pedagang pasar membayar retribusi harian dengan memindai kode QRIS yang ditempel di lapak memakai aplikasi bank atau dompet digital, sehingga tidak ada lagi karcis tunai dan kebocoran pendapatan."),
    ("51.05", "perdagangan", "2022-01-31", "reworded", "Pasar Pintar Bayar Pakai QR",
     "Petugas tidak lagi menarik uang receh dari pedagang; setiap kios memiliki stiker QR, pembayaran masuk langsung ke rekening kas daerah dan tercatat otomatis."),
    ("12.77", "penunjang", "2022-09-19", "copied", "Pembayaran Retribusi Pasar Menggunakan QRIS",
     "Pedagang membayar retribusi pasar harian dengan memindai QRIS yang ditempel di lapak menggunakan aplikasi bank atau e-wallet, sehingga karcis tunai dan kebocoran pendapatan hilang. Pengelolaan retribusi menjadi transparan dan akuntabel."),
    ("61.72", "perdagangan", "2024-04-15", "reworded", "Cashless Pasar Singkawang",
     "Meningkatkan transparansi pendapatan daerah, iuran pedagang kios dan los dibayar secara nontunai melalui kode QR standar Bank Indonesia."),
)

idea("idea-eparking",
    ("33.74", "perhubungan", "2019-12-16", "", "Parkir Elektronik (e-Parking)",
     "Mesin parkir elektronik dipasang di ruas jalan ramai; pengguna membayar dengan kartu uang elektronik atau QRIS dan mendapat struk, sehingga setoran juru parkir terpantau dan pendapatan daerah naik."),
    ("73.71", "perhubungan", "2021-02-22", "reworded", "Terminal Parkir Elektronik",
     "Pengendara membayar parkir tepi jalan di mesin otomatis menggunakan kartu atau kode QR; data transaksi dikirim ke Dinas Perhubungan secara daring."),
    ("32.75", "perhubungan", "2022-10-31", "copied", "E-PARKING Kota Bekasi",
     "Mesin parkir elektronik dipasang di ruas jalan padat; pengguna membayar dengan uang elektronik atau QRIS dan menerima struk sehingga setoran jukir terpantau dan PAD meningkat. Inovasi ini mewujudkan pelayanan parkir yang transparan dan akuntabel."),
)

idea("idea-angkutan-sekolah",
    ("35.13", "perhubungan", "2019-07-29", "", "Bus Sekolah Gratis",
     "Bus milik pemda mengantar jemput pelajar SD hingga SMA di rute pedesaan pada jam berangkat dan pulang sekolah tanpa dipungut biaya, mengurangi pelajar yang naik sepeda motor di bawah umur."),
    ("73.16", "pendidikan", "2020-08-24", "reworded", "Angkutan Pelajar Gratis Massenrempulu",
     "Siswa dari kampung di pegunungan dijemput di titik-titik tertentu menggunakan mobil pelajar, lalu diantar pulang setelah jam sekolah, semuanya dibiayai APBD."),
    ("18.02", "perhubungan", "2021-07-26", "copied", "Angkutan Sekolah Gratis",
     "Bus milik pemerintah daerah mengantar dan menjemput pelajar di rute perdesaan pada jam berangkat dan pulang sekolah tanpa biaya, sekaligus mengurangi pelajar di bawah umur yang mengendarai motor. Program ini merupakan wujud pelayanan prima bagi pelajar."),
    ("94.03", "perhubungan", "2023-01-16", "name_variant", "BUS SEKOLAH GRATIS PANIAI", ""),
)

idea("idea-kir-smartcard",
    ("35.78", "perhubungan", "2020-03-23", "chain_bait", "Uji KIR Kartu Pintar (BLUe)",
     "Bukti lulus uji berkala kendaraan angkutan diganti dari buku KIR menjadi kartu pintar ber-chip dan stiker hologram yang dapat dipindai petugas di jalan, mencegah pemalsuan."),
    ("64.71", "perhubungan", "2022-06-27", "chain_bait reworded", "Smart Card Uji Berkala Kendaraan",
     "Kendaraan barang dan angkutan umum yang lolos pengujian berkala menerima kartu elektronik pengganti buku uji; data hasil uji dapat dicek secara daring oleh petugas."),
)

idea("idea-rumah-kemasan",
    ("35.06", "koperasi_ukm", "2019-09-23", "", "Rumah Kemasan",
     "Fasilitas milik pemda yang membantu pelaku UMKM mendesain label, memilih bahan kemasan dan mencetak kemasan dalam jumlah kecil dengan harga terjangkau, agar produk layak masuk toko modern."),
    ("33.75", "perindustrian", "2021-06-28", "reworded", "Klinik Kemasan dan Merek",
     "Pengusaha kecil berkonsultasi gratis tentang desain logo dan bungkus produk, lalu mencetak kemasan dalam jumlah sedikit di mesin milik dinas."),
    ("17.02", "koperasi_ukm", "2023-02-13", "copied", "Rumah Kemasan UMKM",
     "Fasilitas pemerintah daerah yang membantu pelaku UMKM mendesain label, memilih bahan dan mencetak kemasan dalam jumlah kecil dengan harga terjangkau supaya produk layak masuk ritel modern. Dalam rangka meningkatkan daya saing UMKM, layanan konsultasi diberikan tanpa biaya."),
)

idea("idea-kredit-tanpa-bunga",
    ("32.73", "koperasi_ukm", "2019-06-17", "", "Kredit Melati (Melawan Rentenir)",
     "Pinjaman modal usaha tanpa bunga dan tanpa agunan hingga Rp5 juta bagi pedagang kecil yang terjerat rentenir, disalurkan melalui BPR milik pemerintah daerah dengan pendampingan usaha."),
    ("33.18", "koperasi_ukm", "2020-09-21", "reworded", "Pinjaman Nol Persen untuk Usaha Mikro",
     "Pedagang kaki lima dan warung kecil bisa meminjam modal sampai lima juta rupiah tanpa bunga dan jaminan di bank milik pemkab, agar tidak bergantung pada bank keliling."),
    ("13.71", "koperasi_ukm", "2021-11-15", "reworded", "Kredit Usaha Tanpa Bunga (KUTB)",
     "Lebih cepat, mudah dan murah, pelaku usaha mikro memperoleh kredit tanpa bunga dengan subsidi bunga dari APBD melalui Bank Nagari untuk melepaskan mereka dari pinjaman rentenir."),
    ("63.07", "koperasi_ukm", "2023-04-24", "name_variant", "KREDIT LAWAN RENTENIR", ""),
)

idea("idea-ak1-online",
    ("33.21", "tenaga_kerja", "2020-07-13", "chain_bait", "Kartu Kuning Online",
     "Pencari kerja membuat kartu AK/1 (kartu kuning) melalui situs Disnaker: mengisi data, mengunggah ijazah dan foto, lalu mencetak kartu sendiri tanpa datang ke kantor."),
    ("16.07", "tenaga_kerja", "2021-08-16", "chain_bait reworded", "Layanan AK.1 Daring",
     "Permohonan kartu tanda pencari kerja cukup diisi di ponsel; petugas memverifikasi berkas dan kartu yang sudah ber-QR code dapat diunduh pemohon."),
    ("72.08", "tenaga_kerja", "2023-03-06", "chain_bait name_variant", "KARTU KUNING ONLINE PARIMO", ""),
)

idea("idea-job-fair-virtual",
    ("36.71", "tenaga_kerja", "2020-10-05", "chain_bait", "Job Fair Virtual",
     "Bursa kerja diselenggarakan secara daring: perusahaan membuka lowongan di platform pemda, pencari kerja melamar dan mengikuti wawancara video tanpa datang ke lokasi pameran."),
    ("35.25", "tenaga_kerja", "2021-09-27", "chain_bait reworded", "Bursa Kerja Online",
     "Pencari kerja melihat lowongan dari puluhan perusahaan di kawasan industri dan melamar langsung lewat aplikasi; seleksi awal dilakukan melalui video call."),
    ("64.08", "tenaga_kerja", "2023-05-15", "chain_bait copied", "Virtual Job Fair Kutim",
     "Bursa kerja digelar secara daring: perusahaan membuka lowongan di platform pemerintah daerah, pencari kerja melamar dan mengikuti wawancara video tanpa perlu hadir ke lokasi pameran. Pencari kerja memperoleh layanan yang lebih cepat, mudah dan murah."),
)

idea("idea-rtlh-gotong-royong",
    ("33.14", "perumahan", "2019-08-26", "", "Bedah Rumah Gotong Royong",
     "Rumah tidak layak huni milik warga miskin diperbaiki secara gotong royong: bahan bangunan dari APBD, CSR dan zakat ASN, tenaga dari warga sekitar dan TNI, sehingga satu rumah selesai dalam dua minggu. Inovasi ini mewujudkan kepedulian sosial sesuai visi dan misi bupati."),
    ("74.04", "perumahan", "2021-04-05", "reworded", "Rehab Rumah Warga Miskin Berbasis Swadaya",
     "Pemkab menyumbang material, sementara tetangga, Babinsa dan pemuda desa mengerjakan perbaikan atap, dinding dan lantai rumah warga kurang mampu. Program dilaksanakan dalam rangka penanggulangan kemiskinan."),
    ("12.18", "perumahan", "2022-07-18", "name_variant", "BEDAH RUMAH SERGAI", ""),
)

idea("idea-jalan-rusak",
    ("35.05", "pekerjaan_umum", "2020-05-25", "chain_bait", "Lapor Jalan Rusak",
     "Warga memotret jalan berlubang dan mengirimkan lokasinya lewat aplikasi; Dinas PU memetakan laporan, memprioritaskan perbaikan dan memberi tahu pelapor ketika jalan sudah ditambal."),
    ("32.10", "pekerjaan_umum", "2021-10-25", "chain_bait reworded", "Aplikasi Aduan Jalan Berlubang",
     "Masyarakat menandai titik kerusakan jalan kabupaten pada peta di ponsel beserta fotonya, dan tim reaksi cepat PUPR menindaklanjuti dalam 3x24 jam."),
    ("61.04", "pekerjaan_umum", "2023-08-07", "chain_bait copied", "Lapor Jalan Rusak Ketapang",
     "Warga memotret jalan berlubang lalu mengirim lokasinya melalui aplikasi; Dinas PUPR memetakan laporan, menyusun prioritas perbaikan dan memberi kabar kepada pelapor setelah jalan diperbaiki. Inovasi ini meningkatkan kepuasan masyarakat terhadap infrastruktur jalan."),
)

idea("idea-perizinan-antar",
    ("35.01", "penanaman_modal", "2020-02-24", "chain_bait", "Izin Diantar ke Rumah",
     "Dokumen perizinan yang sudah terbit diantar petugas DPMPTSP langsung ke alamat pemohon tanpa biaya, sehingga pemohon tidak perlu kembali ke kantor untuk mengambil izin."),
    ("72.02", "penanaman_modal", "2021-05-31", "chain_bait reworded", "Layanan Antar Dokumen Perizinan",
     "Pelaku usaha di kecamatan jauh menerima surat izin yang sudah jadi lewat kurir dinas, tanpa ongkos kirim."),
    ("32.18", "penanaman_modal", "2023-03-13", "chain_bait copied", "Antar Izin Gratis",
     "Dokumen izin yang telah terbit diantar petugas DPMPTSP ke alamat pemohon secara gratis, sehingga pemohon tidak harus datang lagi untuk mengambilnya. Layanan ini meningkatkan kualitas pelayanan publik di bidang perizinan."),
)

idea("idea-info-harga",
    ("33.25", "perdagangan", "2019-05-20", "", "Sistem Informasi Harga Kebutuhan Pokok",
     "Petugas pasar mencatat harga beras, cabai, bawang, minyak goreng dan telur setiap pagi di aplikasi, dan harga tersebut ditampilkan di situs, videotron dan grup WhatsApp agar konsumen dan pedagang mendapat informasi yang sama."),
    ("15", "perdagangan", "2021-02-08", "reworded", "Info Harga Pangan Harian Jambi",
     "Harga bahan pokok dari pasar-pasar kabupaten dan kota dikumpulkan setiap hari dan diumumkan melalui aplikasi, sehingga lonjakan harga segera diketahui dan operasi pasar bisa digelar tepat waktu."),
    ("73.14", "pangan", "2022-06-06", "copied", "SIHARGA (Sistem Informasi Harga)",
     "Petugas pasar mencatat harga beras, cabai, bawang, minyak goreng dan telur setiap pagi di aplikasi, lalu harga ditampilkan di situs dan grup WhatsApp agar pembeli dan pedagang memperoleh informasi yang sama. Informasi disajikan secara terbuka dalam rangka pengendalian inflasi daerah."),
)
# ---------------------------------------------------------------------------
# 9. Agriculture, fisheries, food, energy, tourism, misc.
# ---------------------------------------------------------------------------
idea("idea-isbat-nikah",
    ("35.28", "administrasi_kependudukan", "2019-08-05", "", "Sidang Isbat Nikah Terpadu",
     "Pasangan yang menikah secara agama tetapi belum tercatat mengikuti sidang isbat keliling dari Pengadilan Agama; pada hari yang sama KUA menerbitkan buku nikah dan Dukcapil mencetak KK serta akta kelahiran anak."),
    ("52.04", "administrasi_kependudukan", "2020-11-02", "reworded", "Pelayanan Terpadu Itsbat Nikah",
     "Pengadilan Agama, Kementerian Agama dan Disdukcapil membuka layanan bersama di kantor camat: perkawinan yang belum dicatat disahkan hakim, lalu pasangan langsung menerima buku nikah dan dokumen kependudukan."),
    ("53.11", "sosial", "2021-09-13", "reworded", "Nikah Massal dan Isbat Terpadu",
     "Warga yang perkawinannya belum berkekuatan hukum disahkan secara massal; sekaligus diterbitkan buku nikah, kartu keluarga baru dan akta anak tanpa biaya."),
    ("36.02", "administrasi_kependudukan", "2022-08-08", "copied", "Isbat Nikah Terpadu",
     "Pasangan yang menikah secara agama namun belum tercatat mengikuti sidang isbat keliling Pengadilan Agama; di hari yang sama KUA menerbitkan buku nikah dan Disdukcapil mencetak KK dan akta kelahiran anak. Layanan terpadu ini lebih cepat, mudah dan murah bagi masyarakat."),
    ("74.11", "administrasi_kependudukan", "2024-01-29", "name_variant", "ISBAT NIKAH TERPADU KOLTIM", ""),
)

idea("idea-beli-umkm",
    ("34.04", "koperasi_ukm", "2020-06-29", "", "Gerakan Bela Beli Produk Lokal",
     "ASN diwajibkan membelanjakan sebagian tunjangan kinerjanya untuk produk UMKM lokal setiap bulan, dan perangkat daerah memprioritaskan produk UMKM untuk konsumsi rapat dan suvenir."),
    ("33.12", "koperasi_ukm", "2021-02-08", "reworded", "Gerakan ASN Belanja di Warung Tetangga",
     "Pegawai pemda membeli kebutuhan harian dari usaha mikro di sekitar tempat tinggal dan kantor; nota belanja dilaporkan lewat aplikasi sebagai syarat tambahan penghasilan."),
    ("13.74", "perdagangan", "2022-03-21", "copied", "Gerakan ASN Bela Beli UMKM",
     "ASN diwajibkan membelanjakan sebagian tunjangannya untuk produk UMKM lokal setiap bulan, sementara OPD mengutamakan produk UMKM untuk konsumsi rapat dan cendera mata. Gerakan ini dilaksanakan dalam rangka pemulihan ekonomi daerah."),
    ("71.05", "koperasi_ukm", "2023-05-29", "reworded", "Gerakan Cinta Produk Minsel",
     "Dalam rangka pemulihan ekonomi, seluruh pegawai diminta memakai dan membeli hasil usaha kecil Minahasa Selatan, termasuk untuk kebutuhan kegiatan kantor."),
)

idea("idea-gemarikan",
    ("74.07", "kelautan_perikanan", "2019-11-04", "", "Gerakan Memasyarakatkan Makan Ikan (GEMARIKAN)",
     "Kampanye makan ikan di sekolah dan posyandu: lomba masak serba ikan, pembagian ikan olahan kepada balita dan ibu hamil, dan edukasi bahwa ikan lokal murah tetapi kaya protein."),
    ("33.20", "kelautan_perikanan", "2020-12-14", "acronym", "GEMARIKAN", ""),
    ("16.06", "kelautan_perikanan", "2022-05-16", "reworded", "Ayo Makan Ikan",
     "Anak sekolah dan ibu hamil dibiasakan mengonsumsi ikan melalui makan ikan bersama, demo masak olahan ikan patin dan pembagian nugget ikan di posyandu."),
    ("81.02", "kesehatan", "2023-10-23", "copied", "Gemar Makan Ikan",
     "Kampanye makan ikan di sekolah dan posyandu melalui lomba masak serba ikan, pembagian ikan olahan bagi balita dan ibu hamil, serta edukasi bahwa ikan lokal murah dan kaya protein."),
)

idea("idea-p2l",
    ("35.26", "pangan", "2020-03-09", "", "Pekarangan Pangan Lestari (P2L)",
     "Kelompok wanita tani memanfaatkan lahan pekarangan dan lahan tidur untuk menanam sayur, memelihara ikan dan ayam, dilengkapi kebun bibit bersama, demi ketersediaan pangan bergizi keluarga."),
    ("61.08", "pangan", "2021-07-05", "reworded acronym", "P2L Landak",
     "Ibu-ibu KWT menanam cabai, terong dan kangkung di halaman rumah serta membuat kolam terpal, dengan bibit dari demplot desa, untuk mencukupi kebutuhan gizi keluarga."),
    ("13.08", "pertanian", "2022-09-12", "reworded", "Karang Kitri Nagari",
     "Pekarangan rumah di nagari ditanami sayuran dan tanaman obat keluarga; hasilnya dikonsumsi sendiri dan kelebihannya dijual di pasar nagari."),
)

idea("idea-autp",
    ("33.16", "pertanian", "2020-09-28", "", "Subsidi Premi Asuransi Usaha Tani Padi",
     "Pemkab menanggung premi swadaya petani sebesar Rp36 ribu per hektare sehingga sawah petani terlindungi AUTP dari gagal panen akibat banjir, kekeringan dan serangan hama."),
    ("18.03", "pertanian", "2021-11-22", "reworded acronym", "AUTP Gratis untuk Petani",
     "Petani padi tidak lagi membayar bagian premi asuransi; seluruhnya dibayar APBD, dan klaim dibantu penyuluh bila tanaman puso."),
    ("73.15", "pertanian", "2023-04-10", "copied", "Premi Asuransi Tani Ditanggung Daerah",
     "Pemerintah daerah menanggung premi swadaya petani Rp36 ribu per hektare agar sawah terlindungi Asuransi Usaha Tani Padi dari gagal panen karena banjir, kekeringan dan hama. Program ini sejalan dengan visi dan misi kepala daerah di bidang pertanian."),
)

idea("idea-kusuka",
    ("35.29", "kelautan_perikanan", "2020-10-12", "", "Jemput Bola Kartu KUSUKA Nelayan",
     "Petugas Dinas Perikanan mendatangi kampung nelayan dan pulau-pulau untuk mendaftarkan nelayan dan pembudidaya ikan ke Kartu Pelaku Usaha Kelautan dan Perikanan (KUSUKA) sebagai syarat bantuan dan asuransi."),
    ("74.09", "kelautan_perikanan", "2022-02-21", "reworded acronym", "Pendaftaran KUSUKA Keliling",
     "Nelayan di desa pesisir didata langsung di dermaga dan kartu usaha kelautan diterbitkan tanpa mereka harus ke ibu kota kabupaten."),
)

idea("idea-pju-surya",
    ("53.09", "energi_sumber_daya_mineral", "2021-05-10", "", "Penerangan Jalan Desa Tenaga Surya",
     "Lampu jalan bertenaga surya dipasang di jalan desa yang belum terjangkau jaringan PLN; biaya perawatan ditanggung desa dan masyarakat dilatih mengganti baterai."),
    ("92.06", "energi_sumber_daya_mineral", "2023-06-12", "reworded", "PJU-TS Kampung",
     "Kampung-kampung terpencil diterangi lampu jalan dengan panel surya mandiri tanpa kabel listrik, dirawat oleh pemuda kampung yang sudah dilatih."),
)

idea("idea-eticket-wisata",
    ("51.06", "pariwisata", "2020-12-28", "", "E-Tiket Destinasi Wisata",
     "Pengunjung membeli tiket masuk objek wisata secara daring atau memindai QRIS di gerbang; pendapatan retribusi langsung masuk kas daerah dan jumlah kunjungan tercatat real time."),
    ("33.23", "pariwisata", "2022-04-25", "reworded", "Tiket Wisata Nontunai",
     "Karcis kertas di pintu masuk obyek wisata diganti pembayaran digital; data jumlah wisatawan dan pemasukan bisa dipantau dinas setiap saat."),
    ("52.01", "pariwisata", "2023-08-14", "copied", "E-Ticketing Wisata Lombok Barat",
     "Pengunjung membeli tiket masuk destinasi wisata secara online atau memindai QRIS di gerbang, sehingga retribusi langsung masuk kas daerah dan kunjungan tercatat secara real time. Pengelolaan retribusi wisata menjadi transparan, akuntabel, efektif dan efisien."),
)

idea("idea-lumbung-pangan",
    ("53.04", "pangan", "2020-05-04", "", "Lumbung Pangan Desa",
     "Desa membangun lumbung yang menyimpan gabah dan jagung dari petani saat panen raya untuk dipinjamkan kembali kepada warga pada masa paceklik atau bencana."),
    ("11.13", "pangan", "2022-07-11", "reworded", "Lumbung Gampong",
     "Hasil panen padi warga disisihkan dan disimpan bersama di gampong; saat musim kering atau harga melonjak, beras dibagikan atau dipinjamkan kepada keluarga yang kekurangan."),
)

idea("idea-klinik-investasi",
    ("36.71", "penanaman_modal", "2021-01-04", "", "Klinik Investasi",
     "Layanan konsultasi tatap muka dan daring bagi calon investor dan pelaku usaha mengenai perizinan berbasis risiko di OSS, insentif daerah dan lokasi usaha, termasuk pendampingan membuat NIB."),
    ("64.71", "penanaman_modal", "2022-11-21", "reworded", "Klinik Perizinan Berusaha",
     "Pelaku usaha yang kesulitan menggunakan sistem OSS RBA bisa datang atau menghubungi petugas untuk dibimbing mengisi data hingga NIB dan izin terbit."),
)

idea("idea-redkar",
    ("35.76", "ketertiban_umum", "2021-03-01", "", "Relawan Pemadam Kebakaran (Redkar)",
     ""),
    ("65.01", "ketertiban_umum", "2022-08-29", "reworded acronym", "REDKAR Bulungan",
     "Pemuda desa dibekali pelatihan dan pompa portabel untuk menangani kebakaran rumah dan lahan sambil menunggu unit pemadam dari kota."),
)

idea("idea-kartu-tani",
    ("33.17", "pertanian", "2019-06-10", "", "Kartu Tani",
     ""),
    ("35.18", "pertanian", "2021-02-15", "reworded", "Penebusan Pupuk Bersubsidi Pakai Kartu",
     "Kuota pupuk subsidi setiap petani disimpan di kartu bank; petani menggeseknya di mesin EDC kios pupuk, dan penyaluran dapat dipantau dinas."),
)

idea("idea-pbg-klinik",
    ("35.14", "pekerjaan_umum", "2022-01-10", "", "Klinik PBG",
     "Pendampingan pengajuan Persetujuan Bangunan Gedung lewat SIMBG: petugas membantu pemohon menyiapkan gambar teknis sederhana dan mengunggah berkas sampai PBG terbit."),
    ("61.01", "pekerjaan_umum", "2023-11-06", "reworded", "Pendampingan Persetujuan Bangunan Gedung",
     "Masyarakat yang ingin membangun rumah dibimbing menyusun dokumen teknis dan mengisi aplikasi SIMBG sehingga izin bangunan tidak lagi berbulan-bulan."),
)
# ===========================================================================
# ONE-OFFS (replicated nowhere in this set)
# ===========================================================================
# --- near MPP / licensing ----------------------------------------------------
one("35.12", "koperasi_ukm", "2021-06-21", "hard_negative", "Mal UMKM Situbondo",
    "Gedung pamer dan toko yang menjual produk unggulan usaha mikro lokal seperti batik, kopi dan olahan ikan, sekaligus tempat pelatihan pemasaran digital bagi pelaku UMKM. Dalam rangka pemulihan ekonomi, sewa tempat tidak dipungut biaya.")
one("33.28", "penanaman_modal", "2024-03-18", "chain_bait", "Penerapan MPP Digital",
    "Pemkab mengintegrasikan layanan perizinan dan kependudukan ke aplikasi MPP Digital nasional sehingga permohonan dapat diajukan dari ponsel tanpa datang ke gedung pelayanan.")
one("63.05", "penanaman_modal", "2022-05-09", "chain_bait", "Gerai Perizinan Keliling",
    "Mobil gerai perizinan DPMPTSP berkeliling ke pasar dan kecamatan untuk menerima permohonan NIB, izin usaha mikro dan PBG langsung dari pelaku usaha.")
one("18.06", "penunjang", "2020-09-07", "chain_bait", "PATEN (Pelayanan Administrasi Terpadu Kecamatan)",
    "Sebagian kewenangan bupati di bidang perizinan nonteknis dan rekomendasi administrasi dilimpahkan kepada camat, sehingga warga bisa mengurusnya di kantor kecamatan.")
one("15.08", "penanaman_modal", "2023-02-06", "hard_negative", "Si-CANTIK Cloud Perizinan",
    "Penerapan aplikasi Sistem Informasi Cepat, Akurat, Nyaman, Tertib, Integrasi dan Komunikatif (SiCantik Cloud) dari Kementerian Kominfo untuk memproses izin nonberusaha secara elektronik.")
one("73.11", "penanaman_modal", "2021-08-30", "hard_negative", "Perizinan Online SIMPEL",
    "Dalam rangka meningkatkan kualitas pelayanan publik, permohonan izin reklame, izin praktik tenaga kesehatan dan izin penelitian dapat diajukan secara online melalui aplikasi SIMPEL.")
one("52.03", "tenaga_kerja", "2022-02-14", "chain_bait", "Layanan Terpadu Satu Atap Pekerja Migran (LTSA)",
    "Calon pekerja migran mengurus paspor, pemeriksaan kesehatan, SKCK, pelatihan dan penandatanganan perjanjian kerja di satu gedung agar terhindar dari calo dan jalur ilegal.")
one("32.13", "penanaman_modal", "2020-12-14", "hard_negative", "SIPANDU (Sistem Informasi Pelayanan Terpadu)",
    "Aplikasi untuk memantau posisi berkas permohonan izin di DPMPTSP; pemohon menerima notifikasi setiap berkas berpindah meja. Pelayanan perizinan menjadi lebih cepat, mudah dan murah serta transparan dan akuntabel.")
one("35.03", "ketertiban_umum", "2023-06-12", "hard_negative", "SIPANDU Beraksi",
    "Sinergi Pencegahan Narkoba Terpadu: BNN, kepolisian, sekolah dan tokoh agama bersama-sama menyelenggarakan tes urin acak, penyuluhan dan pembentukan kader antinarkoba di desa.")
# --- near SRIKANDI / archives -----------------------------------------------
one("35.11", "pemberdayaan_perempuan", "2022-04-21", "hard_negative", "SRIKANDI (Sinergi Perempuan Kreatif dan Mandiri)",
    "Pelatihan keterampilan usaha, akses permodalan dan pendampingan pemasaran bagi perempuan kepala keluarga agar mandiri secara ekonomi. Program ini dilaksanakan dalam rangka pengarusutamaan gender.")
one("73.10", "kesehatan", "2021-03-22", "hard_negative", "SIKANDI (Sistem Informasi Kesehatan Ibu dan Anak Terpadu)",
    "Bidan desa mencatat kunjungan ibu hamil, persalinan dan imunisasi bayi di aplikasi, sehingga puskesmas dapat memantau ibu hamil risiko tinggi secara langsung.")
one("33.01", "penunjang", "2022-11-07", "chain_bait", "E-File Kepegawaian",
    "Dokumen kepegawaian ASN seperti SK pangkat, ijazah dan SKP dipindai dan disimpan dalam arsip digital BKPSDM, sehingga pengusulan kenaikan pangkat tidak memerlukan fotokopi berkas.")
one("34.02", "kearsipan", "2023-08-21", "hard_negative", "Gerakan Sadar Arsip Keluarga",
    "Sosialisasi kepada warga untuk menyimpan dokumen penting keluarga seperti akta, sertifikat tanah dan ijazah dalam map khusus serta memotretnya sebagai cadangan digital. Kegiatan ini mendukung tata kelola pemerintahan yang baik di bidang kearsipan.")
one("13.73", "kearsipan", "2020-07-13", "hard_negative", "Alih Media Arsip Statis Tambang Batubara Ombilin",
    "Arsip kolonial dan dokumen sejarah tambang batubara dipindai menjadi arsip digital agar terlindungi dan dapat diakses peneliti.")
one("72.09", "pemberdayaan_masyarakat_desa", "2023-10-16", "hard_negative", "Aplikasi Surat Keterangan Online Desa",
    "Warga meminta surat keterangan domisili, usaha dan tidak mampu dari rumah; kepala desa menandatangani secara elektronik dan surat dikirim lewat WhatsApp. Pelayanan desa menjadi lebih cepat, mudah dan murah.")
# --- near Destana / disaster ---------------------------------------------------
one("35.07", "ketertiban_umum", "2020-06-01", "hard_negative", "Kampung Tangguh Nusantara",
    "Pembentukan kampung tangguh untuk menghadapi pandemi Covid-19: warga menyiapkan ruang isolasi, lumbung pangan dan pos jaga untuk membatasi mobilitas.")
one("33.23", "ketertiban_umum", "2021-01-25", "chain_bait", "Early Warning System Banjir Berbasis SMS",
    "Sensor ketinggian air dipasang di sungai; bila air melewati ambang batas, sirene berbunyi dan pesan singkat otomatis dikirim ke perangkat desa di hilir.")
one("18.08", "pangan", "2022-03-14", "hard_negative", "Desa Tangguh Pangan",
    "Desa rawan pangan dibantu membangun kebun pangan, kolam ikan dan cadangan beras desa agar kebutuhan pangan terpenuhi sepanjang tahun. Program dilaksanakan dalam rangka mewujudkan ketahanan pangan.")
one("33.10", "ketertiban_umum", "2019-10-14", "chain_bait", "Sister Village Merapi (Desa Bersaudara)",
    "Desa di kawasan rawan bencana Merapi dipasangkan dengan desa penyangga yang aman; saat erupsi, warga mengungsi ke desa saudara yang telah menyiapkan tempat tinggal, data pengungsi dan logistik.")
one("61.06", "ketertiban_umum", "2021-09-20", "chain_bait", "Masyarakat Peduli Api",
    "Kelompok warga di desa sekitar hutan dan gambut dilatih BPBD serta Manggala Agni untuk patroli dan memadamkan titik api lahan pada musim kemarau.")
# --- near 112 / 119 / 129 ---------------------------------------------------------
one("33.09", "pekerjaan_umum", "2020-11-23", "hard_negative", "Call Center PDAM 24 Jam",
    "Pelanggan air minum melaporkan pipa bocor, air keruh atau tagihan tidak wajar melalui satu nomor telepon yang dijawab petugas sepanjang hari. Layanan ini bertujuan meningkatkan kepuasan masyarakat pelanggan.")
one("32.79", "komunikasi_informatika", "2021-02-15", "chain_bait", "Command Center Smart City Banjar",
    "Ruang kendali yang menampilkan CCTV lalu lintas, dasbor data kependudukan, keuangan dan aduan warga untuk membantu pimpinan mengambil keputusan.")
one("35.72", "ketertiban_umum", "2022-07-04", "chain_bait", "Layanan Pengaduan Kebakaran 113",
    "Pos pemadam kebakaran membuka nomor 113 dan WhatsApp untuk laporan kebakaran dan penyelamatan non-kebakaran seperti evakuasi sarang tawon atau ular.")
one("12.06", "penunjang", "2019-09-02", "hard_negative", "Hotline Pengaduan Pungli",
    "Nomor pengaduan khusus Saber Pungli untuk melaporkan pungutan liar dalam pelayanan publik, dijaga inspektorat dan kepolisian. Inovasi ini mendukung reformasi birokrasi dan good governance.")
one("36.72", "kesehatan", "2021-05-31", "chain_bait", "Halo Dokter 24 Jam",
    "Layanan konsultasi kesehatan lewat telepon dan video call dengan dokter puskesmas kapan saja, sehingga warga mendapat saran medis tanpa perlu keluar rumah. Pelayanan kesehatan menjadi lebih cepat, mudah dan murah.")
one("75.04", "sosial", "2020-04-06", "chain_bait", "Ambulans Jenazah Gratis",
    "Mobil jenazah milik pemda mengantar jenazah warga kurang mampu dari rumah sakit ke rumah duka atau ke luar daerah tanpa biaya.")
one("73.73", "ketertiban_umum", "2023-12-04", "chain_bait", "Tombol Darurat di Aplikasi Warga",
    "Fitur panic button di aplikasi pemkot mengirim lokasi pengguna yang sedang terancam kejahatan ke Satpol PP dan kepolisian terdekat.")
one("33.75", "kesehatan", "2022-10-10", "chain_bait", "Hotline Curhat Remaja",
    "Konselor sebaya dan psikolog puskesmas menerima curhat remaja melalui telepon dan chat tentang perundungan, kecemasan dan masalah keluarga, dengan jaminan kerahasiaan.")
# --- near LAPOR! ---------------------------------------------------------------------
one("33.16", "komunikasi_informatika", "2020-03-30", "chain_bait", "Lapor Pak Bupati",
    "Warga mengirim keluhan langsung ke nomor WhatsApp bupati; staf khusus menyaring dan meneruskan pesan ke kepala dinas yang wajib membalas dalam 24 jam.")
one("33.05", "penunjang", "2021-03-01", "hard_negative", "LAPOR SPT ASN",
    "Pendampingan pengisian dan pelaporan SPT Tahunan PPh orang pribadi bagi ASN oleh petugas BPKAD bekerja sama dengan KPP Pratama.")
one("71.74", "administrasi_kependudukan", "2022-06-20", "hard_negative", "Lapor Diri Pendatang Baru",
    "Pendatang yang tinggal lebih dari tiga bulan wajib mendaftar lewat aplikasi kelurahan agar tercatat sebagai penduduk nonpermanen.")
one("18.01", "penunjang", "2020-01-20", "hard_negative", "e-Lapor Kinerja Harian ASN",
    "Pegawai melaporkan aktivitas harian beserta foto bukti kerja melalui aplikasi; laporan yang diverifikasi atasan menjadi dasar pembayaran tambahan penghasilan. Penilaian kinerja menjadi transparan dan akuntabel dalam rangka reformasi birokrasi.")
one("35.74", "penunjang", "2022-08-15", "chain_bait", "Survei Kepuasan Masyarakat Elektronik (e-SKM)",
    "Dalam rangka meningkatkan kualitas pelayanan publik, setiap unit layanan menyediakan tablet bagi pengguna layanan untuk mengisi survei kepuasan yang hasilnya langsung terekap di dasbor.")
# --- near stunting / posyandu ----------------------------------------------------------
one("32.06", "kesehatan", "2022-08-01", "hard_negative", "Sistem Informasi Stunting Desa",
    "Dasbor yang menampilkan data balita stunting per desa berdasarkan hasil e-PPGBM untuk membantu kepala desa menentukan sasaran intervensi.")
one("52.06", "pemberdayaan_perempuan", "2021-04-19", "hard_negative", "Gerakan Cegah Perkawinan Anak",
    "Kesepakatan tokoh agama, tokoh adat dan kepala desa untuk menunda pernikahan di bawah 19 tahun, disertai awig-awig desa dan konseling bagi remaja. Gerakan ini sejalan dengan visi dan misi daerah dalam pembangunan sumber daya manusia.")
one("33.19", "kesehatan", "2023-05-22", "hard_negative", "Kelas Calon Pengantin Sehat",
    "Calon pengantin wajib memeriksakan kesehatan, status gizi dan anemia di puskesmas serta mengikuti kelas kesiapan berkeluarga sebelum menikah di KUA.")
one("64.01", "pendidikan", "2023-09-25", "hard_negative", "Aksi Bergizi Minum Tablet Tambah Darah Bersama",
    "Setiap Rabu remaja putri di SMP dan SMA meminum tablet tambah darah bersama-sama setelah sarapan, dilanjutkan edukasi gizi oleh guru UKS.")
one("51.07", "kesehatan", "2022-01-17", "hard_negative", "Posyandu Remaja",
    "Pos kesehatan khusus remaja di banjar untuk pemeriksaan tekanan darah, berat badan dan anemia, serta diskusi kesehatan reproduksi dan bahaya narkoba.")
one("35.19", "kesehatan", "2021-06-28", "chain_bait", "e-Posyandu",
    "Kader mencatat hasil penimbangan dan imunisasi langsung di aplikasi pada hari buka posyandu, sehingga buku register kertas tidak diperlukan lagi dan bidan dapat memantau grafik pertumbuhan. Pencatatan menjadi efektif dan efisien.")
one("72.10", "sosial", "2021-02-08", "hard_negative", "Dapur Umum Tanggap Bencana",
    "Dinas Sosial dan Tagana mendirikan dapur umum di lokasi pengungsian untuk menyediakan makanan siap saji tiga kali sehari bagi pengungsi.")
one("35.17", "pendidikan", "2022-09-19", "hard_negative", "Bapak Asuh Anak Putus Sekolah",
    "Pengusaha lokal membiayai biaya sekolah dan perlengkapan anak yang terancam putus sekolah hingga lulus SMA, dipantau oleh dinas pendidikan.")
one("12.16", "sosial", "2020-11-30", "hard_negative", "Orang Tua Asuh Anak Yatim oleh ASN",
    "Setiap ASN eselon II dan III menjadi orang tua asuh bagi anak yatim piatu dengan memberikan santunan bulanan dan perhatian pendidikan. Kegiatan ini dilaksanakan dalam rangka menumbuhkan kepedulian sosial aparatur.")
one("35.25", "kesehatan", "2023-01-30", "chain_bait", "Satu Hari Satu Telur untuk Baduta",
    "Bayi usia enam bulan hingga dua tahun dari keluarga miskin menerima satu butir telur setiap hari yang diantar kader posyandu, dibiayai dana desa.")
one("33.22", "kesehatan", "2024-02-05", "chain_bait", "PMT Lokal Berbasis Posyandu",
    "Puskesmas menyalurkan makanan tambahan berbahan pangan lokal kepada balita gizi kurang dan ibu hamil KEK melalui posyandu selama 56 hari, disertai pemantauan berat badan.")
one("73.04", "kesehatan", "2022-04-04", "chain_bait", "Rumah Gizi Kelurahan",
    "Ruang konsultasi gizi di kantor kelurahan tempat ahli gizi puskesmas memeriksa balita bermasalah gizi dan memberi konseling pemberian makan bayi dan anak kepada ibunya.")
# --- vehicle-tax family (provinces) -----------------------------------------------------
one("32", "penunjang", "2019-09-16", "chain_bait", "SAMBARA (Samsat Mobile Jawa Barat)",
    "Aplikasi ponsel milik Pemprov untuk mengecek besaran pajak kendaraan, membayar PKB tahunan secara online dan menerima e-TBPKP sebagai bukti pengesahan sementara.")
one("34", "penunjang", "2020-02-17", "chain_bait", "Samsat Drive Thru",
    "Wajib pajak membayar PKB tahunan tanpa turun dari kendaraan di loket lajur khusus kantor Samsat; proses selesai kurang dari lima menit. Pelayanan pajak kendaraan menjadi lebih cepat, mudah dan murah.")
one("17", "penunjang", "2021-10-04", "chain_bait", "Gerai Samsat di Pusat Perbelanjaan",
    "Loket Samsat dibuka di mal hingga malam hari dan pada akhir pekan agar warga dapat membayar pajak kendaraan sambil berbelanja.")
one("14", "penunjang", "2022-01-03", "chain_bait", "Bebas Bea Balik Nama Kendaraan Bekas",
    "Pembebasan BBNKB II bagi kendaraan bekas yang dibalik nama ke pemilik baru, untuk mendorong data kepemilikan kendaraan sesuai dengan pemakainya. Kebijakan ini dilaksanakan dalam rangka meningkatkan pendapatan asli daerah.")
one("63", "penunjang", "2023-03-20", "chain_bait", "Samsat Malam Banua",
    "Kantor Samsat induk membuka layanan pengesahan STNK dan pembayaran PKB pada malam hari pukul 18.00 sampai 21.00 bagi pekerja yang tidak sempat datang siang hari.")
one("75", "penunjang", "2022-05-30", "chain_bait", "Penagihan PKB Door to Door",
    "Petugas Bapenda mendatangi rumah pemilik kendaraan yang menunggak pajak lebih dari setahun berdasarkan data registrasi untuk mengingatkan dan menerbitkan surat tagihan.")
one("35.21", "perhubungan", "2020-07-20", "chain_bait", "Parkir Berlangganan",
    "Pemilik kendaraan membayar retribusi parkir tepi jalan umum sekali setahun bersamaan dengan pajak kendaraan di Samsat, lalu bebas parkir di seluruh titik resmi kabupaten.")
one("52.72", "lingkungan_hidup", "2021-11-01", "hard_negative", "Uji Emisi Kendaraan Gratis",
    "Dinas Lingkungan Hidup membuka pos uji emisi gas buang kendaraan bermotor secara berkala di jalan protokol; kendaraan yang lolos diberi stiker.")
one("14.04", "perhubungan", "2022-09-05", "hard_negative", "Angkutan Perintis Sungai",
    "Subsidi operasional speedboat yang melayani rute antar-desa di sungai dan parit agar warga pulau terpencil mendapat transportasi terjangkau.")
one("33.76", "perhubungan", "2021-07-12", "hard_negative", "Zona Selamat Sekolah (ZoSS)",
    "Marka jalan merah, rambu batas kecepatan dan petugas penyeberangan dipasang di depan sekolah dasar agar anak-anak aman saat menyeberang.")
one("32.77", "perhubungan", "2023-02-27", "hard_negative", "E-Ticketing Angkutan Kota",
    "Penumpang angkot membayar ongkos dengan kartu uang elektronik atau QRIS yang dipasang di kendaraan; sopir mendapat gaji tetap dari operator.")
one("73.72", "perhubungan", "2020-05-18", "hard_negative", "Bus Rapid Transit Trans Parepare",
    "Bus kota berjadwal tetap dengan halte khusus yang menghubungkan pelabuhan, terminal, pasar dan kampus, dengan tarif terjangkau untuk pelajar.")
one("35.01", "energi_sumber_daya_mineral", "2023-11-20", "chain_bait", "Smart PJU",
    "Lampu penerangan jalan umum LED yang dapat dinyalakan, diredupkan dan dipantau kerusakannya dari ruang kendali melalui jaringan internet.")
# --- near adminduk ---------------------------------------------------------------
one("32.08", "administrasi_kependudukan", "2020-10-26", "chain_bait", "KIA Masuk Sekolah",
    "Petugas Dukcapil bekerja sama dengan sekolah dasar untuk menerbitkan Kartu Identitas Anak secara massal; orang tua cukup menyerahkan fotokopi KK dan akta melalui wali kelas.")
one("34.71", "administrasi_kependudukan", "2023-04-10", "hard_negative", "Aktivasi Identitas Kependudukan Digital (IKD)",
    "Petugas membantu warga mengaktifkan KTP digital di ponsel melalui aplikasi IKD di kantor kelurahan, sekolah dan tempat kerja.")
one("12.75", "administrasi_kependudukan", "2021-05-17", "hard_negative", "Antrean Online Dukcapil",
    "Pemohon layanan KTP-el dan KK mengambil nomor antrean melalui situs sehari sebelumnya dan datang sesuai jam yang ditentukan. Inovasi ini meningkatkan kualitas pelayanan publik dan kepuasan masyarakat.")
one("71.71", "administrasi_kependudukan", "2021-12-13", "chain_bait", "Pencatatan Perkawinan di Gereja",
    "Petugas Disdukcapil hadir saat pemberkatan nikah di gereja sehingga akta perkawinan dan KK baru diserahkan pada hari yang sama.")
one("62.02", "administrasi_kependudukan", "2022-02-07", "hard_negative", "Pelayanan Adminduk Hari Sabtu",
    "Kantor Disdukcapil dan beberapa kecamatan tetap buka pada hari Sabtu untuk melayani warga yang bekerja pada hari biasa. Layanan ini merupakan wujud pelayanan prima Disdukcapil.")
# --- health -------------------------------------------------------------------------
one("35.73", "kesehatan", "2022-03-21", "chain_bait", "Telemedicine Dokter Spesialis untuk Puskesmas",
    "Dokter umum puskesmas berkonsultasi jarak jauh dengan dokter spesialis RSUD melalui video dan kiriman hasil EKG, sehingga rujukan yang tidak perlu berkurang.")
one("33.18", "kesehatan", "2020-07-27", "hard_negative", "Posbindu PTM di Tempat Kerja",
    "Pemeriksaan tekanan darah, gula darah dan kolesterol karyawan pabrik dilakukan sebulan sekali oleh kader kesehatan perusahaan yang dibina puskesmas.")
one("19.01", "kesehatan", "2021-03-08", "hard_negative", "SIMPUS (Sistem Informasi Manajemen Puskesmas)",
    "Pendaftaran, rekam medis, resep dan pelaporan puskesmas dikelola dalam satu aplikasi yang terhubung dengan BPJS Kesehatan. Pelayanan menjadi efektif dan efisien.")
one("72.06", "kesehatan", "2023-07-24", "hard_negative", "Skrining Kanker Serviks IVA Keliling",
    "Bidan dan dokter puskesmas melakukan pemeriksaan IVA dan sadari kepada perempuan usia subur di balai desa, dilanjutkan krioterapi bagi yang positif.")
one("32.12", "kesehatan", "2020-01-06", "hard_negative", "Berobat Cukup Pakai KTP",
    "Warga yang belum memiliki BPJS dapat berobat di puskesmas dan RSUD hanya dengan menunjukkan KTP, karena iurannya langsung didaftarkan dan dibayar pemda (UHC). Program ini sejalan dengan visi dan misi bupati di bidang kesehatan.")
one("35.05", "kesehatan", "2021-11-15", "hard_negative", "Posyandu Lansia Terintegrasi",
    "Posyandu bagi lansia yang menggabungkan pemeriksaan kesehatan, senam, skrining kesehatan jiwa dan pemberian makanan tambahan setiap bulan.")
one("33.04", "kesehatan", "2022-12-26", "chain_bait", "Kampung Siaga TBC",
    "Desa dengan kasus TBC tinggi menetapkan peraturan desa tentang ventilasi rumah, etika batuk dan pengawas minum obat dari kalangan tetangga pasien.")
one("35.71", "kesehatan", "2021-08-23", "chain_bait", "Antar Obat ke Rumah Pasien Kronis",
    "Obat bulanan bagi pasien hipertensi dan diabetes peserta Prolanis diantar oleh petugas puskesmas ke rumah, sehingga pasien tidak harus antre mengambil obat.")
one("63.04", "kesehatan", "2020-09-14", "chain_bait", "Ambulans Air",
    "Perahu motor berkecepatan tinggi yang dilengkapi tandu dan tabung oksigen untuk mengevakuasi pasien dari desa-desa di tepi sungai ke rumah sakit.")
one("35.09", "kesehatan", "2023-03-06", "hard_negative", "Si DARAH (Sistem Informasi Donor Darah)",
    "Aplikasi yang menghubungkan pendonor darah sukarela dengan pasien yang membutuhkan golongan darah tertentu, dilengkapi jadwal donor UTD PMI.")
one("53.71", "kesehatan", "2019-11-11", "", "Pengendalian Demam Berdarah Satu Rumah Satu Jumantik",
    "Setiap rumah menunjuk satu anggota keluarga sebagai juru pemantau jentik yang memeriksa bak mandi dan tempat penampungan air seminggu sekali.")
one("64.72", "kesehatan", "2022-06-27", "hard_negative", "Sistem Informasi Rujukan Terintegrasi",
    "Fasilitas kesehatan memeriksa ketersediaan tempat tidur dan dokter di rumah sakit rujukan secara daring sebelum mengirim pasien, sehingga pasien tidak ditolak.")
one("51.01", "kesehatan", "2021-01-04", "", "Jembrana Bebas Rabies",
    "Vaksinasi anjing dari rumah ke rumah, eliminasi selektif anjing liar dan pelaporan gigitan anjing melalui kader banjar untuk mencegah rabies.")
# --- government ICT ----------------------------------------------------------------
one("33.13", "penunjang", "2019-05-13", "hard_negative", "Sistem Informasi Manajemen Kepegawaian (SIMPEG)",
    "Data riwayat jabatan, pangkat, pendidikan dan cuti seluruh ASN dikelola dalam aplikasi sehingga BKPSDM dapat menerbitkan SK dan menyusun formasi dengan cepat. Inovasi ini mendukung reformasi birokrasi dan tata kelola pemerintahan yang baik.")
one("74.14", "penunjang", "2021-04-12", "hard_negative", "Aplikasi Absensi Online ASN",
    "Kehadiran pegawai dicatat dengan swafoto dan lokasi GPS melalui ponsel, sehingga mesin sidik jari tidak lagi dipakai dan rekap kehadiran otomatis. Pengelolaan kehadiran menjadi transparan dan akuntabel.")
one("16.73", "komunikasi_informatika", "2020-08-31", "hard_negative", "Wi-Fi Gratis Ruang Publik",
    "Titik akses internet gratis dipasang di taman kota, alun-alun dan kantor kelurahan untuk pelajar dan pelaku usaha kecil.")
one("32.78", "komunikasi_informatika", "2022-11-21", "chain_bait", "Super App Tasikmalaya",
    "Satu aplikasi yang menggabungkan informasi layanan publik, pembayaran pajak daerah, pengaduan dan lowongan kerja dari berbagai perangkat daerah.")
one("33", "statistik", "2021-05-10", "chain_bait", "Dashboard Kinerja Pembangunan",
    "Indikator makro seperti kemiskinan, pengangguran dan inflasi serta capaian program perangkat daerah ditampilkan dalam dasbor daring yang diperbarui setiap bulan untuk pimpinan.")
one("35.16", "pendidikan", "2020-02-10", "hard_negative", "Sistem Informasi Data Pokok Pendidikan Daerah",
    "Data sekolah, guru dan siswa seluruh jenjang dihimpun dalam satu aplikasi dinas pendidikan untuk perencanaan rombongan belajar dan distribusi guru.")
one("35.78", "persandian", "2021-07-19", "hard_negative", "Pengamanan Sinyal Rapat Pimpinan",
    "Tim persandian memasang perangkat pengaman sinyal dan memeriksa ruangan sebelum rapat strategis kepala daerah untuk mencegah penyadapan.")
one("51", "persandian", "2022-09-26", "chain_bait", "Penilaian Kerentanan Aplikasi Pemerintah",
    "Setiap aplikasi baru perangkat daerah diuji celah keamanannya melalui vulnerability assessment dan penetration test sebelum diluncurkan ke publik.")
one("74", "persandian", "2023-10-30", "chain_bait", "Literasi Keamanan Siber ASN",
    "Pelatihan singkat bagi ASN tentang kata sandi yang kuat, pengenalan phishing dan perlindungan data pribadi, disertai simulasi email palsu.")
one("33.14", "komunikasi_informatika", "2020-03-02", "hard_negative", "Email Dinas Terpusat",
    "Seluruh ASN diberikan akun surel resmi berdomain pemkab untuk korespondensi kedinasan, menggantikan surel pribadi. Dalam rangka keamanan informasi, penggunaan surel pribadi untuk urusan dinas dilarang.")
one("35.13", "pemberdayaan_masyarakat_desa", "2021-10-11", "chain_bait", "Siskeudes Online",
    "Pengelolaan keuangan desa menggunakan aplikasi Siskeudes versi daring sehingga inspektorat dan kecamatan bisa memantau realisasi APBDes secara langsung.")
one("15.06", "pemberdayaan_masyarakat_desa", "2022-05-23", "hard_negative", "e-Monev Dana Desa",
    "Pendamping desa mengunggah foto progres fisik dan realisasi keuangan kegiatan dana desa ke aplikasi pemantauan setiap bulan.")
one("33.71", "komunikasi_informatika", "2020-09-28", "hard_negative", "Aplikasi Si Kepo (Sistem Informasi Kegiatan Pemkot)",
    "Agenda kegiatan wali kota dan perangkat daerah diumumkan di aplikasi agar masyarakat dan media mengetahui jadwal acara pemerintah.")
one("21.72", "statistik", "2023-06-05", "hard_negative", "Desa Cantik (Cerdas, Aman, Nyaman, Tertib, Indah, Kreatif)",
    "Lomba kelurahan yang menilai kebersihan, keamanan lingkungan, ketertiban dan kreativitas warga, dengan hadiah dana pembangunan bagi pemenang.")
# --- environment --------------------------------------------------------------------
one("33.72", "lingkungan_hidup", "2020-11-09", "chain_bait", "Bank Sampah Sekolah",
    "Siswa membawa sampah plastik dan kertas dari rumah untuk ditabung di bank sampah sekolah yang dikelola OSIS; tabungan dicatat di buku dan dapat diambil akhir semester.")
one("51.71", "lingkungan_hidup", "2019-06-03", "hard_negative", "Gerakan Diet Kantong Plastik",
    "Pembatasan kantong plastik sekali pakai di toko modern, pasar dan hotel, dengan kampanye membawa tas belanja sendiri.")
one("35.14", "lingkungan_hidup", "2021-11-29", "hard_negative", "Gerakan Satu Siswa Satu Pohon",
    "Setiap siswa baru menanam dan merawat satu bibit pohon di lingkungan sekolah atau rumah sampai lulus, dipantau melalui label nama di pohon.")
one("32.15", "lingkungan_hidup", "2020-02-03", "hard_negative", "Gerakan Jumat Bersih",
    "Setiap Jumat pagi ASN, TNI, Polri dan warga bergotong royong membersihkan saluran air, taman dan fasilitas umum di lingkungan masing-masing. Kegiatan ini dilaksanakan dalam rangka mewujudkan lingkungan bersih dan sehat.")
one("33.11", "lingkungan_hidup", "2022-03-07", "hard_negative", "TPS3R Berbasis Masyarakat",
    "Tempat pengolahan sampah reduce-reuse-recycle dikelola KSM desa: sampah organik dijadikan kompos dan anorganik dipilah untuk dijual.")
one("12.71", "lingkungan_hidup", "2023-05-15", "hard_negative", "Budidaya Maggot Pengurai Sampah Organik",
    "Sampah organik dari pasar diurai oleh larva lalat tentara hitam; maggot yang dihasilkan dijual sebagai pakan ikan dan ayam.")
one("32.76", "pekerjaan_umum", "2023-01-09", "chain_bait", "Sumur Resapan Wajib Bangunan Baru",
    "Pemohon PBG wajib membangun sumur resapan berdiameter minimal satu meter sesuai luas atap, yang diperiksa petugas sebelum bangunan dinyatakan laik fungsi.")
one("34.04", "lingkungan_hidup", "2021-08-16", "chain_bait", "Kampung Hijau Lestari",
    "Lomba tahunan antar-padukuhan dalam penghijauan, kebersihan sungai dan pengurangan sampah plastik; pemenang mendapat bantuan taman dan tempat sampah terpilah.")
one("35.77", "lingkungan_hidup", "2022-07-25", "hard_negative", "Gerakan Bersama",
    "Dalam rangka mewujudkan kota bersih dan sehat, warga bantaran sungai bersama relawan setiap bulan mengangkat sampah dari aliran Kali Madiun dan menanami bantaran dengan pohon.")
one("13.05", "sosial", "2021-12-06", "hard_negative", "Gerakan Peduli",
    "Perangkat nagari mendata lansia terlantar yang hidup sendiri, lalu tetangga dan pemuda ditunjuk untuk mengantar makanan dan menemani mereka berobat.")
one("35.20", "pertanian", "2020-10-19", "hard_negative", "Gerakan Serentak",
    "Petani di satu hamparan sawah serentak melakukan gropyokan tikus dan pengumpanan beracun dalam satu minggu yang sama sebelum tanam, dipimpin penyuluh.")
# --- culture / education ----------------------------------------------------------------
one("35.06", "pendidikan", "2019-08-19", "hard_negative", "Gerakan Literasi 15 Menit",
    "Sebelum pelajaran dimulai, seluruh siswa membaca buku nonpelajaran selama lima belas menit dan menuliskan ringkasannya di jurnal baca.")
one("76.04", "perpustakaan", "2020-12-07", "chain_bait", "Perahu Pustaka",
    "Perahu tradisional sandeq yang dimuati ratusan buku berlayar ke pulau-pulau kecil dan kampung pesisir untuk membuka lapak baca bagi anak-anak.")
one("33.03", "perpustakaan", "2022-06-20", "hard_negative", "Kampung Literasi",
    "Sebuah kampung dijadikan kawasan gemar membaca dengan pojok baca di pos ronda, teras rumah warga dan mural literasi di dinding jalan.")
one("35.04", "pendidikan", "2021-04-05", "hard_negative", "Sekolah Ramah Anak",
    "Sekolah menerapkan disiplin tanpa kekerasan, membentuk tim pencegahan perundungan, dan melibatkan siswa dalam penyusunan tata tertib.")
one("52.01", "pemberdayaan_perempuan", "2020-06-15", "hard_negative", "Sekolah Perempuan Desa",
    "Perempuan desa mengikuti kelas kepemimpinan, hak hukum dan perencanaan desa agar aktif dalam musyawarah desa dan terhindar dari kekerasan.")
one("33.29", "pertanian", "2021-09-06", "hard_negative", "Sekolah Lapang Iklim",
    "Petani belajar membaca informasi cuaca dari BMKG dan mengatur waktu tanam serta varietas sesuai prakiraan musim.")
one("63.06", "penunjang", "2022-01-10", "chain_bait", "Jumat Mengaji ASN",
    "Setiap Jumat pagi sebelum bekerja, ASN muslim membaca Al-Quran bersama di masjid kantor dan dinilai kemampuan membacanya oleh ustaz.")
one("33.07", "kebudayaan", "2020-05-04", "chain_bait", "Berpakaian Adat Setiap Tanggal 15",
    "Seluruh pegawai pemerintah kabupaten mengenakan busana adat daerah setiap tanggal 15 dalam rangka hari jadi kabupaten.")
one("34.01", "kebudayaan", "2023-02-13", "hard_negative", "Aksara Jawa Digital",
    "Papan nama kantor dan jalan ditulis dengan aksara Jawa, dan siswa belajar menulis aksara Jawa melalui aplikasi permainan di ponsel.")
one("81.01", "pendidikan", "2021-02-22", "hard_negative", "Beasiswa Anak Nelayan",
    "Beasiswa kuliah penuh bagi anak nelayan dan petani yang berprestasi di perguruan tinggi negeri, dengan kewajiban kembali mengabdi di daerah.")
one("18.71", "pendidikan", "2020-06-08", "hard_negative", "PPDB Online",
    "Pendaftaran peserta didik baru SD dan SMP dilakukan secara daring dengan jalur zonasi, afirmasi dan prestasi, sehingga orang tua tidak perlu antre di sekolah. Proses penerimaan menjadi transparan dan akuntabel.")
one("32.07", "pendidikan", "2022-07-18", "hard_negative", "Gerakan Sekolah Menyenangkan",
    "Guru dilatih menerapkan pembelajaran yang melibatkan siswa, memakai ruang kelas yang ditata bersama, dan mengurangi pekerjaan rumah yang membebani.")
one("36.04", "pengendalian_penduduk", "2022-04-25", "chain_bait", "Sekolah Orang Tua Hebat",
    "Orang tua balita mengikuti sepuluh kali pertemuan tentang pengasuhan, tumbuh kembang dan stimulasi anak di Bina Keluarga Balita, dibimbing penyuluh KB.")
one("33.26", "pendidikan", "2023-08-28", "hard_negative", "Sekolah Siaga Kependudukan",
    "Materi kependudukan, pendewasaan usia perkawinan dan kesehatan reproduksi diintegrasikan ke mata pelajaran di SMP dan SMA, dilengkapi pojok kependudukan.")
one("91.71", "pendidikan", "2021-05-24", "hard_negative", "Guru Bantu Daerah Terpencil",
    "Pemkot merekrut guru kontrak untuk ditempatkan di sekolah kampung pinggiran dan pesisir yang kekurangan guru, dengan tunjangan khusus dan rumah dinas.")
one("35.08", "pemberdayaan_perempuan", "2024-01-08", "chain_bait", "Sekolah Ayah",
    "Kelas parenting khusus bagi para bapak tentang peran ayah dalam pengasuhan, komunikasi dengan anak remaja dan pencegahan kekerasan dalam rumah tangga.")
one("52.71", "pendidikan", "2023-11-13", "hard_negative", "Gerakan Wakaf Buku Sekolah",
    "Masyarakat dan ASN diajak mewakafkan buku bacaan layak pakai yang dikumpulkan di kantor kecamatan lalu disebar ke perpustakaan sekolah dasar di desa.")
# --- economy, labour, trade ---------------------------------------------------------------
one("33.17", "perdagangan", "2020-04-13", "hard_negative", "Pasar Murah Keliling",
    "Menjelang hari besar keagamaan, mobil dinas perdagangan menjual beras, minyak goreng dan gula dengan harga di bawah pasar di desa-desa.")
one("32.09", "pangan", "2022-10-03", "hard_negative", "Toko Tani Penyangga Harga",
    "Kios milik pemda membeli hasil panen petani dengan harga layak dan menjualnya langsung ke konsumen untuk memotong rantai distribusi.")
one("35.75", "penunjang", "2021-03-15", "hard_negative", "E-Katalog Lokal",
    "Produk barang dan jasa penyedia lokal, termasuk UMKM, ditayangkan di katalog elektronik daerah sehingga perangkat daerah dapat membelinya tanpa tender. Pengadaan menjadi lebih cepat, efektif dan efisien.")
one("73.05", "koperasi_ukm", "2022-05-30", "chain_bait", "Rumah Produksi Bersama Rumput Laut",
    "Fasilitas pengolahan bersama dengan mesin pengering dan pengemas yang dapat dipakai bergiliran oleh kelompok pengolah rumput laut untuk menghasilkan dodol dan keripik.")
one("63.72", "koperasi_ukm", "2023-09-04", "hard_negative", "Sertifikasi Halal Gratis UMKM",
    "Pendampingan dan pembiayaan sertifikasi halal melalui skema self declare bagi usaha mikro makanan dan minuman. Program ini dilaksanakan dalam rangka meningkatkan daya saing produk UMKM.")
one("33.24", "koperasi_ukm", "2025-05-12", "hard_negative", "Koperasi Desa Merah Putih",
    "Pembentukan koperasi di setiap desa yang menjalankan gerai sembako, simpan pinjam, apotek desa dan pergudangan hasil tani.")
one("33.12", "pertanian", "2022-11-14", "chain_bait", "Asuransi Usaha Ternak Sapi Bersubsidi",
    "Premi asuransi bagi sapi indukan milik peternak kecil ditanggung APBD sehingga kematian atau kehilangan ternak mendapat ganti rugi.")
one("35.22", "tenaga_kerja", "2021-06-07", "chain_bait", "Pelatihan Kerja Keliling (Mobile Training Unit)",
    "Truk berisi peralatan pelatihan las, menjahit dan servis sepeda motor didatangkan ke desa untuk melatih pemuda pengangguran selama dua minggu.")
one("17.03", "sosial", "2020-12-21", "hard_negative", "Kartu Lansia Sejahtera",
    "Lansia miskin yang tidak menerima bantuan pusat mendapat kartu yang dapat dicairkan tunai tiap tiga bulan di bank daerah. Bantuan disalurkan secara transparan dan akuntabel.")
one("12.05", "kesehatan", "2021-08-02", "hard_negative", "Kartu Sehat Anak Sekolah",
    "Setiap siswa SD memiliki kartu rekam kesehatan yang diisi petugas UKS dan puskesmas saat penjaringan kesehatan tahunan: tinggi, berat badan, gigi, mata dan status imunisasi.")
one("61.02", "perdagangan", "2023-04-03", "hard_negative chain_bait", "Sistem Informasi Harga Gabah Petani",
    "Penyuluh melaporkan harga gabah kering panen di tingkat petani setiap minggu sehingga pemerintah dapat mencegah tengkulak membeli di bawah HPP.")
one("51.04", "pariwisata", "2022-03-28", "", "Desa Wisata Berbasis Subak",
    "Pengembangan paket wisata edukasi pertanian subak yang dikelola pokdarwis, dengan homestay dan kelas membajak sawah tradisional.")
one("64.02", "pariwisata", "2021-09-13", "", "Festival Erau Digital",
    "Rangkaian upacara adat Erau disiarkan langsung dan dipromosikan melalui kanal digital sehingga wisatawan mancanegara dapat menyaksikan dan memesan paket kunjungan.")
one("35.79", "pariwisata", "2020-11-16", "hard_negative", "Aplikasi Pemandu Wisata Batu",
    "Aplikasi berisi peta destinasi, jadwal atraksi, harga tiket dan penginapan di Kota Batu, dilengkapi fitur pemesanan homestay.")
one("14.08", "kebudayaan", "2023-07-10", "hard_negative", "E-Katalog Cagar Budaya Siak",
    "")
# --- social ----------------------------------------------------------------------------
one("33.74", "sosial", "2021-01-18", "hard_negative", "Rumah Singgah Anak Jalanan",
    "Tempat tinggal sementara bagi anak jalanan dan anak terlantar yang dilengkapi konselor, pendidikan kesetaraan dan pelatihan keterampilan sebelum dikembalikan ke keluarga.")
one("73.71", "pemberdayaan_perempuan", "2022-02-28", "chain_bait", "Rumah Aman Korban Kekerasan",
    "Tempat perlindungan sementara yang dirahasiakan lokasinya bagi perempuan dan anak korban kekerasan selama proses pemulihan dan hukum.")
one("13.71", "ketertiban_umum", "2022-09-05", "hard_negative", "Rumah Restorative Justice Nagari",
    "Ruang musyawarah di kantor nagari untuk menyelesaikan perkara ringan secara damai antara pelaku dan korban dengan melibatkan ninik mamak dan kejaksaan.")
one("34.03", "sosial", "2019-12-09", "hard_negative", "Gerakan Sedekah Beras ASN",
    "Setiap bulan ASN menyisihkan satu kilogram beras yang dikumpulkan di kantor lalu disalurkan kepada keluarga miskin dan panti asuhan.")
one("11.03", "sosial", "2021-07-26", "hard_negative", "Gerakan Infak Seribu Sehari",
    "Dalam rangka mewujudkan kepedulian sosial, ASN dan masyarakat berinfak seribu rupiah per hari melalui Baitul Mal untuk beasiswa dan bantuan rumah duafa.")
one("72.71", "sosial", "2023-01-23", "", "Data Terpadu Kesejahteraan Sosial Kelurahan",
    "Musyawarah kelurahan setiap semester memutakhirkan data keluarga miskin penerima bantuan, dengan verifikasi lapangan oleh pendamping sosial.")
one("33.06", "sosial", "2020-10-12", "", "Pendampingan Disabilitas Mandiri", "")
# --- housing, public works, land -------------------------------------------------------
one("35.26", "perumahan", "2022-05-02", "chain_bait", "Bedah Kampung Kumuh",
    "Penataan kawasan permukiman kumuh secara menyeluruh meliputi jalan lingkungan, drainase, sanitasi komunal dan ruang terbuka hijau berbasis partisipasi warga.")
one("35.78", "pekerjaan_umum", "2021-10-04", "chain_bait", "Sertifikat Laik Fungsi Online",
    "Pengajuan sertifikat laik fungsi bangunan gedung dilakukan secara daring dengan inspeksi lapangan terjadwal dan sertifikat terbit secara elektronik.")
one("53.02", "perumahan", "2023-06-19", "hard_negative", "Sambungan Air Minum Gratis Warga Miskin",
    "Rumah tangga miskin mendapat sambungan pipa air bersih dan meteran tanpa biaya pemasangan, dibiayai hibah air minum dan APBD.")
one("75.05", "kesehatan", "2020-08-17", "hard_negative", "Arisan Jamban Sehat",
    "Warga yang belum memiliki jamban membentuk arisan; setiap putaran dana dipakai membangun satu jamban sehat sampai semua anggota memilikinya.")
one("33.74", "perumahan", "2022-12-05", "hard_negative", "Aplikasi Sewa Rusunawa Online",
    "Calon penghuni rumah susun sewa mendaftar, melihat unit yang kosong dan membayar sewa bulanan melalui aplikasi. Pelayanan menjadi lebih cepat, mudah dan murah.")
one("63.09", "pekerjaan_umum", "2021-04-26", "chain_bait", "Sistem Informasi Jalan dan Jembatan",
    "Basis data kondisi jalan dan jembatan kabupaten yang diperbarui dengan survei tahunan dan ditampilkan di peta digital untuk menentukan prioritas anggaran pemeliharaan.")
one("33.15", "pertanahan", "2022-08-22", "", "Pendampingan Sertifikasi Tanah Wakaf",
    "Pemkab membantu nazir masjid dan madrasah melengkapi berkas dan biaya pengukuran agar tanah wakaf bersertifikat.")
one("18.05", "pertanahan", "2020-03-16", "hard_negative", "Sistem Informasi Pertanahan Daerah",
    "Peta bidang tanah aset pemda dan tanah kas desa dihimpun dalam aplikasi berbasis GIS untuk mencegah sengketa dan penyerobotan. Pengelolaan aset menjadi tertib dalam rangka mewujudkan tata kelola pemerintahan yang baik.")
# --- agriculture, fisheries ------------------------------------------------------------
one("35.24", "pertanian", "2021-01-11", "chain_bait", "Aplikasi Pemantauan Stok Pupuk Kios",
    "Pemilik kios resmi melaporkan stok dan penyaluran pupuk bersubsidi setiap hari di aplikasi sehingga kelangkaan di satu kecamatan cepat diketahui.")
one("33.09", "pertanian", "2020-07-06", "hard_negative", "Klinik Tanaman Keliling",
    "Petugas proteksi tanaman membawa mikroskop dan agen hayati ke desa untuk mendiagnosis penyakit tanaman yang dibawa petani dan memberi rekomendasi pengendalian.")
one("73.14", "pertanian", "2019-10-21", "", "Brigade Alsintan",
    "Traktor, mesin tanam dan panen milik dinas disewakan murah kepada kelompok tani dengan operator terlatih untuk mempercepat musim tanam.")
one("32.05", "pertanian", "2022-04-11", "hard_negative", "Petani Milenial",
    "Pemuda dilatih bertani hortikultura dengan irigasi tetes dan pemasaran daring, diberi akses pembiayaan dan lahan sewa dari pemprov.")
one("35.07", "pertanian", "2023-08-14", "hard_negative", "Gerakan Tanam Cabai",
    "Setiap rumah tangga menanam minimal sepuluh pohon cabai di polibag untuk menekan inflasi saat harga cabai melonjak.")
one("53.06", "kelautan_perikanan", "2021-10-25", "chain_bait", "Asuransi Nelayan Mandiri",
    "Pemda membayarkan premi asuransi jiwa dan kecelakaan kerja bagi nelayan kecil pemilik KUSUKA yang tidak tercakup program pusat.")
one("71.03", "kelautan_perikanan", "2022-12-19", "hard_negative", "Kampung Nelayan Modern",
    "Penataan kampung nelayan dengan dermaga, cold storage, pasar ikan higienis dan pelatihan olahan hasil laut.")
one("74.71", "kelautan_perikanan", "2023-03-27", "hard_negative", "Pasar Ikan Online",
    "Nelayan dan pengecer menjual ikan segar melalui aplikasi pemesanan yang diantar kurir ke rumah pembeli di dalam kota. Inovasi ini dilaksanakan dalam rangka meningkatkan pendapatan nelayan.")
one("11.01", "pertanian", "2020-09-21", "", "Pala Organik Aceh Selatan",
    "Pendampingan petani pala untuk memperoleh sertifikasi organik dan membangun rumah pengering bersama sehingga harga jual meningkat.")
one("11.04", "pertanian", "2021-05-03", "", "Sertifikasi Indikasi Geografis Kopi Gayo",
    "Petani dan koperasi kopi dibina menjaga mutu dan ketelusuran kopi arabika agar berhak memakai label indikasi geografis pada ekspor.")
one("65.02", "kehutanan", "2022-06-13", "", "Perhutanan Sosial Hutan Adat Malinau",
    "Masyarakat adat dibantu memetakan wilayah adat dan mengajukan pengakuan hutan adat sehingga dapat mengelola hasil hutan bukan kayu secara lestari.")
one("62.11", "kehutanan", "2021-08-09", "", "Restorasi Gambut Berbasis Desa", "")
one("94.06", "pertanian", "2023-04-17", "", "Kopi Moanemani Naik Kelas",
    "Petani kopi di Dogiyai didampingi memperbaiki teknik petik merah, pengeringan dan sangrai, serta dihubungkan dengan pembeli di Jayapura.")
one("82.72", "kebudayaan", "2022-01-31", "", "Napak Tilas Jalur Rempah Tidore", "")

# ===========================================================================
# Later adopters of ideas declared above
# ===========================================================================
more("idea-mpp",
    ("36.71", "penanaman_modal", "2024-06-03", "name_variant", "Mal Pelayanan Publik {RF}", ""),
    ("35.77", "penanaman_modal", "2024-09-16", "reworded acronym", "MPP Kota Madiun",
     "Dalam rangka meningkatkan kualitas pelayanan publik, 15 instansi pusat dan daerah membuka loket bersama di gedung eks pasar sehingga warga mengurus perizinan, kependudukan, paspor dan BPJS di satu tempat."),
    ("94.04", "penanaman_modal", "2025-02-10", "copied name_variant", "MAL PELAYANAN PUBLIK MIMIKA",
     "Layanan perizinan, kependudukan, perpajakan dan layanan instansi vertikal seperti BPJS, imigrasi dan kepolisian disatukan dalam satu gedung; warga cukup datang ke satu tempat tanpa harus berpindah kantor."),
)
more("idea-srikandi",
    ("53.71", "kearsipan", "2024-04-22", "acronym name_variant", "Srikandi (Sistem Informasi Kearsipan Dinamis Terintegrasi) Kota Kupang", ""),
    ("18.72", "kearsipan", "2024-07-08", "reworded", "Persuratan Elektronik SRIKANDI",
     "Semua nota dinas dan surat keluar Pemkot Metro kini disusun dan dikirim dari aplikasi arsip ANRI; penomoran, paraf dan tanda tangan dilakukan secara elektronik sehingga kertas dan biaya kurir berkurang."),
    ("61.04", "komunikasi_informatika", "2024-10-14", "reworded", "Digitalisasi Tata Naskah Dinas (SRIKANDI)",
     "Dalam rangka mendukung SPBE, seluruh tata naskah dinas dialihkan ke aplikasi Srikandi sehingga administrasi persuratan menjadi efektif dan efisien."),
)
more("idea-destana",
    ("12.04", "ketertiban_umum", "2023-10-30", "copied name_variant", "Desa Tangguh Bencana Nias",
     "Pembentukan dan pelatihan relawan desa di wilayah rawan gempa dan tsunami agar mampu mengenali ancaman, menyusun peta risiko serta rencana kontinjensi, dan melakukan evakuasi mandiri. Program ini dilaksanakan dalam rangka mewujudkan masyarakat yang tangguh bencana."),
    ("74.04", "ketertiban_umum", "2024-02-26", "acronym name_variant", "DESTANA BUTON", ""),
    ("71.03", "pemberdayaan_masyarakat_desa", "2024-08-19", "reworded name_variant", "Desa Tangguh Bencana Pulau Sangihe",
     "Warga desa kepulauan yang rawan letusan Gunung Awu dan tsunami belajar menyusun rencana evakuasi lewat laut, memetakan titik kumpul dan membentuk tim relawan desa."),
)
more("idea-112",
    ("32.71", "komunikasi_informatika", "2023-09-25", "reworded name_variant", "Bogor Siaga 112",
     "Nomor darurat tunggal yang bisa diakses gratis dari semua operator; petugas call taker memilah laporan dan mengirim unit terdekat, dari pohon tumbang hingga kebakaran."),
    ("13.71", "ketertiban_umum", "2024-03-11", "name_variant", "Call Centre 112 Padang", ""),
)
more("idea-psc119",
    ("35.22", "kesehatan", "2023-11-06", "copied name_variant", "PSC 119 Bojonegoro",
     "Layanan gawat darurat medis melalui nomor 119; penelepon dipandu memberikan pertolongan pertama dan ambulans bertenaga kesehatan dikirim untuk stabilisasi dan rujukan. Inovasi ini dilaksanakan dalam rangka meningkatkan kualitas pelayanan publik di bidang kesehatan."),
    ("63.10", "kesehatan", "2024-05-20", "name_variant", "PUBLIC SAFETY CENTER 119 TANBU", ""),
)
more("idea-lapor",
    ("33.25", "komunikasi_informatika", "2023-08-07", "reworded name_variant", "SP4N-LAPOR! Kabupaten Batang",
     "Pengaduan warga dari media sosial, kotak saran dan SMS dicatat ulang di aplikasi LAPOR! agar semuanya terpantau dalam satu sistem nasional dan dijawab OPD yang bertanggung jawab."),
    ("82.71", "komunikasi_informatika", "2024-01-15", "name_variant", "LAPOR! Ternate", ""),
)
more("idea-dashat",
    ("35.16", "pengendalian_penduduk", "2024-08-05", "name_variant", "Dapur Sehat Atasi Stunting Mojokerto", ""),
    ("76.02", "pengendalian_penduduk", "2024-10-21", "reworded acronym", "Dapur Sehat Atasi Stunting (Dashat) Mamuju",
     "Dalam rangka percepatan penurunan stunting, kelompok ibu di Kampung KB memasak olahan ikan dan sayur kelor setiap pekan untuk dibagikan kepada baduta dan ibu hamil berisiko, sekaligus praktik memasak bersama."),
)
more("idea-samsat-keliling",
    ("17", "penunjang", "2024-02-19", "name_variant", "Samsat Keliling Bengkulu", ""),
    ("72", "penunjang", "2024-06-24", "reworded name_variant", "Layanan Samsat Keliling Sulteng",
     "Dalam rangka mendekatkan pelayanan kepada wajib pajak, mobil Samsat dijadwalkan berkeliling ke ibu kota kecamatan di Sulawesi Tengah untuk melayani pembayaran PKB tahunan dan pengesahan STNK."),
)
more("idea-jemput-bola-ktp",
    ("35.02", "administrasi_kependudukan", "2023-09-04", "reworded", "Rekam KTP-el Door to Door Lansia dan Difabel",
     "Sebagai wujud pelayanan prima, petugas Dukcapil membawa perangkat perekaman ke rumah warga lanjut usia, difabel dan orang dengan gangguan jiwa yang belum memiliki KTP-el."),
    ("81.04", "administrasi_kependudukan", "2024-03-25", "copied", "Perekaman KTP-el Jemput Bola ke Desa",
     "Petugas Dukcapil mendatangi sekolah, desa terpencil dan rumah penduduk yang sakit atau difabel untuk merekam KTP elektronik, sehingga warga yang kesulitan datang ke kantor tetap memiliki identitas."),
)
more("idea-akta-3in1",
    ("16.04", "administrasi_kependudukan", "2024-02-05", "reworded name_variant", "3 in 1 Akta Lahir, KK dan KIA",
     "Bayi baru lahir di rumah sakit langsung didaftarkan oleh petugas; dalam rangka tertib administrasi, orang tua menerima tiga dokumen sekaligus tanpa antre di dinas."),
    ("72.12", "administrasi_kependudukan", "2024-09-09", "name_variant", "Paket Lahir Tiga Dokumen", ""),
)
more("idea-isbat-nikah",
    ("11.14", "administrasi_kependudukan", "2024-07-15", "reworded name_variant", "Isbat Nikah Terpadu Mahkamah Syar'iyah",
     "Bersama Mahkamah Syar'iyah dan KUA, Dukcapil menggelar sidang pengesahan nikah di gampong; pasangan yang disahkan langsung menerima buku nikah, KK dan akta kelahiran anak."),
)
more("idea-kampung-kb",
    ("52.07", "pengendalian_penduduk", "2023-11-20", "copied acronym", "Kampung Keluarga Berkualitas (Kampung KB) KSB",
     "Desa dengan angka kelahiran tinggi dan banyak keluarga prasejahtera ditetapkan menjadi Kampung KB sebagai titik keterpaduan program kependudukan, KB, kesehatan dan ekonomi. Program ini dilaksanakan dalam rangka mewujudkan keluarga berkualitas."),
)
more("idea-maghrib-mengaji",
    ("13.02", "pendidikan", "2023-06-12", "reworded name_variant", "Magrib Mangaji",
     "Sasudah salat Magrib, anak-anak nagari dibiasakan mengaji di surau; orang tua mematikan televisi dan guru mengaji surau mendapat honor dari pemerintah kabupaten."),
    ("73.13", "pendidikan", "2024-04-08", "name_variant", "Gerakan Magrib Mengaji Wajo", ""),
)
more("idea-qris-retribusi",
    ("34.04", "perdagangan", "2024-07-22", "copied", "Retribusi Pasar Pakai QRIS",
     "Pedagang membayar retribusi pasar harian dengan memindai QRIS di lapak melalui aplikasi bank atau dompet digital, sehingga karcis tunai tidak dipakai lagi. Pengelolaan pendapatan menjadi transparan dan akuntabel."),
    ("73.73", "perdagangan", "2024-11-11", "name_variant", "QRIS RETRIBUSI PASAR PALOPO", ""),
)
more("idea-desa-cantik",
    ("33.08", "statistik", "2024-06-17", "reworded name_variant", "Desa Cantik Magelang",
     "Dalam rangka mewujudkan Satu Data Indonesia sampai tingkat desa, BPS membina perangkat desa menjadi agen statistik yang mampu menyusun data monografi desanya sendiri."),
    ("16.08", "statistik", "2024-09-30", "acronym", "Desa Cinta Statistik", ""),
)
more("idea-sekolah-lansia",
    ("33.25", "pengendalian_penduduk", "2024-01-08", "copied name_variant", "Sekolah Lansia Tangguh Batang",
     "Warga lansia mengikuti kelas rutin tentang kesehatan, spiritual, keterampilan dan pemanfaatan teknologi dengan kurikulum berjenjang; yang lulus diwisuda sebagai lansia tangguh."),
    ("61.71", "pengendalian_penduduk", "2024-05-27", "reworded", "Sekolah Lansia BKL Pontianak",
     "Kelompok Bina Keluarga Lansia menyelenggarakan kelas belajar bagi orang tua berusia lanjut: gizi, olahraga ringan, pengelolaan keuangan dan penggunaan gawai, diakhiri wisuda."),
)
more("idea-home-care",
    ("73.12", "kesehatan", "2023-08-21", "reworded", "Layanan Home Care Soppeng",
     "Guna meningkatkan akses layanan kesehatan, warga yang sakit dan sulit keluar rumah cukup menelepon call center; dokter dan perawat datang memeriksa dan merawat di rumah."),
)
more("idea-bank-sampah-digital",
    ("52.72", "lingkungan_hidup", "2023-06-19", "name_variant", "Bank Sampah Digital Kota Bima", ""),
    ("35.73", "lingkungan_hidup", "2023-10-09", "reworded", "Tabungan Sampah Online",
     "Dalam rangka mengurangi sampah yang dibuang ke TPA, nasabah bank sampah memantau saldo tabungan sampahnya di aplikasi dan bisa membayar iuran BPJS dari saldo itu."),
)
more("idea-antrean-puskesmas",
    ("64.71", "kesehatan", "2023-02-13", "copied name_variant", "Antrian Online Puskesmas Balikpapan",
     "Pasien mengambil nomor antrean puskesmas dari rumah melalui aplikasi atau WhatsApp dan memperoleh perkiraan jam dilayani, sehingga ruang tunggu tidak penuh sesak."),
)
more("idea-tte",
    ("16.71", "persandian", "2023-08-28", "reworded", "Tanda Tangan Digital BSrE",
     "Dokumen perizinan dan SK kepegawaian kini disahkan dengan sertifikat elektronik BSSN sehingga pelayanan lebih cepat, mudah dan murah."),
    ("75.71", "komunikasi_informatika", "2024-01-29", "acronym", "TTE", ""),
)
more("idea-puspaga",
    ("61.72", "pemberdayaan_perempuan", "2024-03-18", "copied acronym", "PUSPAGA Singkawang",
     "Layanan konseling gratis oleh psikolog dan konselor bagi keluarga mengenai pengasuhan anak, komunikasi suami istri dan persiapan pernikahan. Layanan ini dilaksanakan dalam rangka mewujudkan Kota Layak Anak."),
)
more("idea-rumah-singgah",
    ("53", "sosial", "2023-07-24", "reworded name_variant", "Rumah Singgah Pasien Rujukan NTT",
     "Pasien dari kabupaten di NTT yang dirujuk ke rumah sakit di Kupang atau luar provinsi bersama satu pendamping ditampung gratis, mendapat makan dan transportasi ke rumah sakit."),
)
more("idea-timbang-serentak",
    ("36.01", "kesehatan", "2024-08-12", "reworded", "Gerakan Pandeglang Bersatu",
     "Dalam rangka intervensi serentak, seluruh posyandu membuka layanan pada minggu yang sama untuk mengukur berat, panjang dan tinggi badan semua balita dengan alat standar, lalu data diinput ke e-PPGBM."),
)
more("idea-lumbung-pangan",
    ("93.01", "pangan", "2023-05-22", "reworded", "Lumbung Sagu Kampung",
     "Tepung sagu hasil tokok warga dikumpulkan dan disimpan di bangunan milik kampung sebagai cadangan makanan ketika banjir, kemarau panjang atau harga beras naik."),
)

# ===========================================================================
# More one-offs
# ===========================================================================
one("35.10", "lingkungan_hidup", "2021-02-01", "hard_negative", "Motor Sampah Keliling",
    "Sepeda motor roda tiga mengangkut sampah rumah tangga dari gang-gang sempit yang tidak bisa dilalui truk menuju TPS terdekat, dua kali seminggu.")
one("51.03", "pariwisata", "2022-07-11", "hard_negative", "Bus Wisata Gratis Keliling Kota",
    "Bus bertingkat terbuka membawa wisatawan mengelilingi destinasi di pusat kota tanpa tarif pada akhir pekan, dilengkapi pemandu yang menjelaskan sejarah kawasan.")
one("73.01", "kelautan_perikanan", "2021-12-13", "chain_bait", "Kartu Kendali BBM Nelayan",
    "Nelayan kecil memperoleh kartu berisi kuota solar bersubsidi sesuai ukuran kapalnya; SPBN mencatat setiap pembelian agar BBM tidak dijual ke pihak lain.")
one("35.15", "penunjang", "2022-10-24", "chain_bait", "Bayar PBB Pakai QRIS",
    "Wajib pajak membayar Pajak Bumi dan Bangunan dengan memindai kode QRIS yang tercetak pada SPPT, sehingga pelayanan lebih cepat, mudah dan murah tanpa harus datang ke bank.")
one("36.03", "pertanahan", "2024-04-29", "hard_negative", "Sertifikat Tanah Elektronik",
    "Pemkab bersama Kantor Pertanahan mengalihmediakan sertifikat tanah aset daerah dan warga menjadi sertifikat elektronik yang tersimpan di sistem BPN.")
one("33.21", "ketertiban_umum", "2023-04-03", "hard_negative", "Kampung Bersinar (Bersih Narkoba)",
    "Kampung rawan peredaran narkoba dibina BNN dan pemda dengan pembentukan relawan antinarkoba, tes urin, serta kegiatan positif bagi pemuda.")
one("34.71", "kesehatan", "2020-09-07", "hard_negative", "Puskesmas Santun Lansia",
    "Puskesmas menyediakan loket, ruang tunggu dan ruang periksa khusus lansia sehingga pasien berusia lanjut dilayani lebih dahulu tanpa antre panjang.")
one("35.06", "penunjang", "2023-09-11", "hard_negative", "Desa Anti Korupsi",
    "Desa percontohan menerapkan keterbukaan anggaran, pengaduan warga dan pakta integritas perangkat desa, didampingi KPK dan inspektorat.")
one("62.03", "komunikasi_informatika", "2021-06-14", "hard_negative", "Desa Digital Internet Masuk Desa",
    "Pemasangan menara BTS mini dan titik Wi-Fi di desa-desa blank spot bekerja sama dengan operator telekomunikasi agar sekolah dan kantor desa terhubung internet.")
one("72.08", "pertanian", "2022-03-28", "hard_negative", "SiPakar Padi (Sistem Pakar Hama dan Penyakit Padi)",
    "Petani memotret gejala pada daun atau malai padi di aplikasi, kemudian sistem pakar menebak jenis hama atau penyakit dan menyarankan cara pengendaliannya.")
one("33.27", "penunjang", "2022-02-21", "hard_negative", "SIMANTAP (Sistem Informasi Monitoring Anggaran Terpadu)",
    "Realisasi fisik dan keuangan setiap kegiatan OPD dipantau setiap minggu melalui aplikasi, dalam rangka mempercepat penyerapan anggaran.")
one("12.17", "koperasi_ukm", "2023-05-08", "hard_negative", "Pasar Ulos Daring",
    "Penenun ulos di Samosir dibantu memotret, memberi deskripsi dan menjual kain tenunnya di lokapasar, dengan gudang bersama untuk pengiriman.")
one("14.09", "pariwisata", "2021-04-19", "", "Festival Pacu Jalur Kuansing",
    "")
one("65.04", "penunjang", "2022-11-28", "hard_negative", "Aplikasi Slip Gaji Digital ASN",
    "Pegawai dapat melihat dan mengunduh rincian gaji, tunjangan dan potongan bulanan melalui aplikasi, sehingga slip kertas tidak dicetak lagi.")
one("19.02", "pariwisata", "2022-09-19", "", "Interpretasi Digital Geopark Belitong",
    "Papan informasi dengan kode QR dipasang di situs geologi; pengunjung memindai kode untuk mendengar cerita asal-usul batuan granit dalam tiga bahasa.")
one("33.05", "penunjang", "2020-06-22", "hard_negative", "Gerakan Sadar Pajak Daerah",
    "Sosialisasi pajak daerah di sekolah, pasar dan masjid, disertai undian berhadiah bagi wajib pajak yang membayar PBB sebelum jatuh tempo.")
one("16.05", "pertanian", "2021-10-18", "hard_negative", "Gerakan Bersama Tanam Padi Serentak",
    "Petani di satu kecamatan menanam padi pada rentang waktu dua minggu yang sama agar siklus hama terputus dan panen dapat dijadwalkan dengan penggilingan.")
one("81.72", "kelautan_perikanan", "2020-11-16", "", "Sasi Laut Adat Tual",
    "Penguatan hukum adat sasi yang menutup pengambilan teripang dan lola di wilayah laut tertentu selama beberapa bulan, disahkan dengan peraturan wali kota.")
one("71.06", "ketertiban_umum", "2023-02-20", "hard_negative", "Siskamling Digital",
    "Jadwal ronda, laporan situasi malam dan tombol lapor kejadian dikelola dalam aplikasi RT, sehingga lurah dan Bhabinkamtibmas dapat memantau pos kamling.")
one("35.18", "penunjang", "2021-09-27", "hard_negative", "SI CANTIK (Sistem Informasi Cuti dan Kinerja)",
    "ASN mengajukan cuti secara daring dan atasan menyetujuinya di aplikasi; data cuti langsung terhubung dengan penilaian kinerja bulanan.")
one("52.04", "pertanian", "2022-05-16", "hard_negative", "e-Ternak (Kartu Ternak Digital)",
    "Setiap sapi dan kerbau diberi ear tag dan tercatat di aplikasi beserta pemilik, riwayat vaksinasi dan mutasinya, untuk mencegah pencurian ternak.")
one("73.24", "perhubungan", "2022-08-08", "chain_bait", "Angkutan Desa Gratis untuk Lansia",
    "Mobil desa menjemput lansia pada hari pasar dan hari posyandu lansia untuk diantar ke pasar kecamatan atau puskesmas tanpa biaya.")
one("18.11", "administrasi_kependudukan", "2023-03-13", "chain_bait", "Akta Perceraian Terintegrasi Pengadilan Agama",
    "Setelah putusan cerai berkekuatan hukum tetap, Pengadilan Agama mengirim data ke Dukcapil sehingga akta perceraian dan KK baru diterbitkan pada hari yang sama.")
one("53.14", "kesehatan", "2021-05-10", "chain_bait", "Gerakan Tanam dan Makan Kelor",
    "Setiap rumah tangga menanam pohon kelor di pekarangan dan ibu hamil serta balita dianjurkan mengonsumsi sayur kelor setiap hari untuk mencegah kurang gizi.")
one("76.03", "pendidikan", "2020-02-03", "chain_bait", "Sekolah Filial di Dusun Terpencil",
    "Kelas jauh dari sekolah induk dibuka di dusun pegunungan sehingga murid kelas rendah tidak perlu berjalan berjam-jam; guru dari sekolah induk mengajar bergiliran.")
one("35.28", "perindustrian", "2022-06-20", "", "Garam Rakyat Higienis Pamekasan", "")
one("11.72", "pariwisata", "2021-08-23", "", "Sabang Bebas Sampah Laut",
    "Penyelam relawan, nelayan dan dinas pariwisata membersihkan terumbu karang dan pantai setiap bulan untuk menjaga daya tarik wisata bahari.")
one("64.09", "tenaga_kerja", "2023-07-17", "", "Pelatihan Tenaga Kerja Konstruksi Menyongsong IKN",
    "Pemuda lokal dilatih dan disertifikasi sebagai tukang besi, tukang batu dan operator alat berat agar terserap proyek pembangunan ibu kota nusantara.")
one("63.08", "pertanian", "2020-04-27", "", "Pelestarian Kerbau Rawa", "")
one("21.02", "kesehatan", "2022-10-17", "", "Pos Kesehatan Pelabuhan Penumpang",
    "Pos kesehatan di pelabuhan domestik melayani pemeriksaan penumpang kapal yang sakit dan pertolongan pertama sebelum atau sesudah pelayaran.")
one("82.02", "penanaman_modal", "2023-01-30", "", "Forum CSR Kawasan Industri Weda", "")
one("15.03", "lingkungan_hidup", "2022-12-12", "chain_bait", "e-Retribusi Sampah",
    "Retribusi pelayanan persampahan rumah tangga ditagihkan bersama rekening air PDAM sehingga warga membayar dalam satu tagihan bulanan.")
one("12.11", "pariwisata", "2021-03-29", "", "Festival Kopi Sidikalang", "")
one("74.10", "kelautan_perikanan", "2023-06-26", "chain_bait", "Si-IKAN (Sistem Informasi Perikanan Tangkap)",
    "Nelayan mencatat hasil tangkapan, lokasi dan jenis ikan di logbook elektronik setiap pulang melaut, sebagai bahan perencanaan dan penyaluran bantuan.")
one("36.73", "pemberdayaan_perempuan", "2022-01-24", "hard_negative", "Kampung Ramah Anak",
    "RW menyediakan ruang bermain aman, forum anak dan aturan bebas asap rokok agar lingkungan tempat tinggal ramah bagi tumbuh kembang anak.")
one("51.06", "kesehatan", "2021-07-05", "hard_negative", "Rumah Berdaya ODGJ",
    "Orang dengan gangguan jiwa yang sudah stabil mengikuti terapi kerja seperti membuat dupa dan menyablon di rumah komunitas, didampingi perawat jiwa.")
one("13.10", "pertanian", "2020-08-31", "", "Sapi Bantuan Bergulir",
    "Kelompok tani menerima sapi indukan yang anakannya diserahkan kembali kepada kelompok lain, sehingga bantuan terus bergulir ke peternak baru.")
one("92.08", "perdagangan", "2022-04-04", "", "Pasar Mama Papua Kaimana",
    "Los pasar khusus bagi mama-mama Papua penjual sayur, pinang dan hasil kebun, dengan lapak gratis dan pelatihan pengelolaan uang.")
one("94.02", "perumahan", "2023-03-06", "", "Honai Sehat",
    "Rumah tradisional honai diperbaiki dengan ventilasi, cerobong asap dan lantai papan agar asap tungku tidak menyebabkan penyakit saluran napas.")
one("95.03", "pendidikan", "2021-01-11", "", "Sekolah Berasrama Anak Pedalaman",
    "Anak dari kampung-kampung terpencil tinggal di asrama dekat sekolah dengan makan dan pendampingan belajar yang ditanggung pemkab.")
one("96.03", "kelautan_perikanan", "2020-05-25", "", "Tarif Jasa Konservasi untuk Patroli Laut",
    "Pungutan jasa lingkungan yang dibayar wisatawan disisihkan untuk membiayai patroli masyarakat adat menjaga kawasan konservasi perairan dari penangkapan ikan merusak.")
one("95.01", "pertanian", "2022-11-14", "", "Benih Ubi Jalar Unggul Lokal",
    "Varietas ubi jalar lokal Lembah Baliem dimurnikan dan diperbanyak oleh kelompok tani sebagai sumber benih bermutu bagi kampung-kampung sekitar.")
one("34.02", "pariwisata", "2024-05-06", "", "Desa Wisata Batik Wukirsari", "")
one("62.05", "perhubungan", "2021-12-06", "", "Dermaga Apung Sungai Barito", "")
one("75.02", "pertanian", "2020-01-13", "hard_negative", "Jagung Online Boalemo",
    "Dalam rangka meningkatkan kesejahteraan petani, harga dan stok jagung di gudang kelompok tani diumumkan di aplikasi agar pembeli dari luar daerah dapat bertransaksi langsung.")
one("11.15", "energi_sumber_daya_mineral", "2023-08-14", "", "Mikrohidro Gampong",
    "Pembangkit listrik tenaga mikrohidro dibangun di sungai dekat gampong terpencil dan dikelola BUMG untuk penerangan dan mesin penggiling padi.")
one("17.08", "pariwisata", "2022-02-14", "", "Agrowisata Kebun Teh Kabawetan", "")
one("72.05", "kehutanan", "2021-06-28", "", "Penangkaran Maleo Berbasis Desa",
    "Warga desa di sekitar kawasan hutan menjaga lokasi bertelur burung maleo, memindahkan telur ke tempat penetasan semi-alami dan melepas anakan ke alam.")
one("61.09", "transmigrasi", "2022-09-05", "", "Revitalisasi Kawasan Transmigrasi Sekadau",
    "Kawasan transmigrasi lama dilengkapi jalan produksi, pasar dan pabrik pengolahan sawit mini agar menjadi pusat pertumbuhan ekonomi baru.")


# ===========================================================================
# Processing (no content below this line)
# ===========================================================================
FROZEN = "2026-12-07"
SEED = 20251207
HEADER = ["innovation_id", "region_code", "assessment_year", "affair", "title", "summary",
          "trial_date", "implementation_date", "idea_id", "patterns"]
TAG_ORDER = ["origin", "copied", "reworded", "name_variant", "acronym", "no_summary",
             "neighbour_affair", "stock_phrases", "hard_negative", "chain_bait"]
HAND_TAGS = {"copied", "reworded", "name_variant", "acronym", "hard_negative", "chain_bait"}
# Reporting-form stock phrases; a summary containing any of them is tagged stock_phrases.
STOCK = [r"tata kelola pemerintahan yang baik", r"good governance",
         r"cepat,? mudah,? (dan )?murah", r"meningkatkan kualitas pelayanan publik",
         r"dalam rangka", r"pelayanan prima", r"efektif dan efisien",
         r"transparan(,| dan) akuntabel", r"reformasi birokrasi", r"kepuasan masyarakat",
         r"visi dan misi", r"guna meningkatkan", r"meningkatkan kepatuhan"]
STOCK_RE = re.compile("|".join(STOCK), re.I)
DMIN, DMAX = datetime.date(2019, 1, 1), datetime.date(2025, 6, 30)


def load_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


REGIONS = {r["region_code"]: r for r in load_csv(os.path.join(SHARED, "regions.csv"))}
AFFAIRS = {r["affair_code"] for r in load_csv(os.path.join(SHARED, "affairs.csv"))}


def short_name(full):
    for p in ("Kabupaten ", "Kota "):
        if full.startswith(p):
            return full[len(p):]
    return full


def render_title(title, region):
    full = REGIONS[region]["name"]
    return (title.replace("{RF}", full).replace("{RU}", full.upper())
                 .replace("{R}", short_name(full)))


def trial_for(region, title, impl):
    delta = 45 + zlib.crc32(f"{region}|{title}".encode()) % 320
    t = impl - datetime.timedelta(days=delta)
    return max(t, DMIN)


def order_tags(tags):
    unknown = set(tags) - set(TAG_ORDER)
    assert not unknown, unknown
    return ";".join(t for t in TAG_ORDER if t in tags)


problems, warnings = [], []
rows = []
for idea_id, members in IDEAS:
    impls = [datetime.date.fromisoformat(m[2]) for m in members]
    oi = min(range(len(members)), key=lambda i: impls[i])
    if oi != 0:
        warnings.append(f"{idea_id}: origin is member #{oi}, not the first listed")
    origin = members[oi]
    for i, (region, affair, impl, hand, title, summary) in enumerate(members):
        tags = set(hand.split())
        if tags - HAND_TAGS:
            problems.append(f"{idea_id}/{region}: bad hand tag {tags - HAND_TAGS}")
        if i == oi:
            tags.add("origin")
            if tags & {"copied", "reworded"}:
                problems.append(f"{idea_id}: origin carries copied/reworded")
            if not summary:
                tags.add("no_summary")
        else:
            if not summary or not origin[5]:
                tags.add("no_summary")
            if affair != origin[1]:
                tags.add("neighbour_affair")
            if summary and not tags & {"copied", "reworded"}:
                warnings.append(f"{idea_id}/{region}: member with summary lacks copied/reworded")
            if not tags - {"no_summary", "neighbour_affair", "chain_bait"}:
                problems.append(f"{idea_id}/{region}: member has no relation tag")
        rows.append(dict(region=region, affair=affair, impl=impl, tags=tags,
                         title=title, summary=summary, idea=idea_id))
for (region, affair, impl, hand, title, summary) in ONEOFFS:
    tags = set(hand.split())
    if tags - {"hard_negative", "chain_bait"}:
        problems.append(f"one-off {title}: bad tag {tags}")
    if not summary:
        tags.add("no_summary")
    rows.append(dict(region=region, affair=affair, impl=impl, tags=tags,
                     title=title, summary=summary, idea=""))

for r in rows:
    if r["summary"] and STOCK_RE.search(r["summary"]):
        r["tags"].add("stock_phrases")
    r["title"] = render_title(r["title"], r["region"]) if r["region"] in REGIONS else r["title"]
    impl = datetime.date.fromisoformat(r["impl"])
    r["trial"] = trial_for(r["region"], r["title"], impl).isoformat()

random.Random(SEED).shuffle(rows)
out = []
for n, r in enumerate(rows, 1):
    out.append({"innovation_id": f"ind-{n:04d}", "region_code": r["region"],
                "assessment_year": "2025", "affair": r["affair"], "title": r["title"],
                "summary": r["summary"], "trial_date": r["trial"],
                "implementation_date": r["impl"], "idea_id": r["idea"],
                "patterns": order_tags(r["tags"])})

csv_path = os.path.join(HERE, "innovations.csv")
with open(csv_path, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
    w.writeheader()
    w.writerows(out)


# ---------------------------------------------------------------------------
# Validation of the written file (reads it back)
# ---------------------------------------------------------------------------
def validate(path):
    errs = []
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        if header != HEADER:
            errs.append("header mismatch")
        data = []
        for line in rd:
            if len(line) != len(HEADER):
                errs.append(f"bad column count: {line[:1]}")
            data.append(dict(zip(HEADER, line)))
    ids = [d["innovation_id"] for d in data]
    if len(set(ids)) != len(ids):
        errs.append("duplicate innovation_id")
    by_idea = collections.defaultdict(list)
    for d in data:
        rc = d["region_code"]
        if rc not in REGIONS:
            errs.append(f"{d['innovation_id']}: unknown region {rc}")
        if rc.startswith("31."):
            errs.append(f"{d['innovation_id']}: Jakarta administrative code {rc}")
        if d["affair"] not in AFFAIRS:
            errs.append(f"{d['innovation_id']}: unknown affair {d['affair']}")
        if d["assessment_year"] != "2025":
            errs.append(f"{d['innovation_id']}: year")
        t = datetime.date.fromisoformat(d["trial_date"])
        i = datetime.date.fromisoformat(d["implementation_date"])
        if not (DMIN <= t < i <= DMAX):
            errs.append(f"{d['innovation_id']}: dates {t} {i}")
        if not d["title"].strip() or "{" in d["title"]:
            errs.append(f"{d['innovation_id']}: title")
        if d["idea_id"]:
            by_idea[d["idea_id"]].append(d)
    for k, ms in by_idea.items():
        if not 2 <= len(ms) <= 15:
            errs.append(f"{k}: size {len(ms)}")
        if len({m["region_code"] for m in ms}) != len(ms):
            errs.append(f"{k}: repeated region")
        dates = sorted(m["implementation_date"] for m in ms)
        if len(set(dates)) != len(dates):
            errs.append(f"{k}: tied implementation dates")
        first = min(ms, key=lambda m: m["implementation_date"])
        if "origin" not in first["patterns"].split(";"):
            errs.append(f"{k}: origin tag not on earliest member")
        if sum("origin" in m["patterns"].split(";") for m in ms) != 1:
            errs.append(f"{k}: origin count")
    return data, by_idea, errs


data, by_idea, errs = validate(csv_path)
problems += errs

tagc = collections.Counter(t for d in data for t in d["patterns"].split(";") if t)
members = [d for d in data if d["idea_id"]]
oneoffs = [d for d in data if not d["idea_id"]]
non_origin = [d for d in members if "origin" not in d["patterns"].split(";")]
summ = [d for d in data if d["summary"].strip()]
hn_cb = [d for d in oneoffs if {"hard_negative", "chain_bait"} & set(d["patterns"].split(";"))]
sizes = collections.Counter(len(v) for v in by_idea.values())
stats = collections.OrderedDict([
    ("rows", len(data)),
    ("ideas", len(by_idea)),
    ("members", len(members)),
    ("non_origin_members", len(non_origin)),
    ("one_offs", len(oneoffs)),
    ("one_offs_hard_negative_or_chain_bait", len(hn_cb)),
    ("one_offs_hard_negative", sum("hard_negative" in d["patterns"].split(";") for d in oneoffs)),
    ("one_offs_chain_bait", sum("chain_bait" in d["patterns"].split(";") for d in oneoffs)),
    ("rows_with_empty_summary", len(data) - len(summ)),
    ("same_pairs", sum(n * (n - 1) // 2 for n in (len(v) for v in by_idea.values()))),
    ("total_pairs", len(data) * (len(data) - 1) // 2),
])
checks = [
    ("rows >= 520", len(data) >= 520),
    ("ideas >= 64", len(by_idea) >= 64),
    ("one-offs >= 170", len(oneoffs) >= 170),
    ("hard negatives/chain bait one-offs >= 125", len(hn_cb) >= 125),
    ("reworded >= 40% of non-origin members", tagc["reworded"] >= 0.40 * len(non_origin)),
    ("no_summary >= 12% of rows", tagc["no_summary"] >= 0.12 * len(data)),
    ("stock_phrases >= 20% of summaries", tagc["stock_phrases"] >= 0.20 * len(summ)),
    ("neighbour_affair >= 15", tagc["neighbour_affair"] >= 15),
    ("some ideas with 6-15 members", sum(v for k, v in sizes.items() if k >= 6) >= 5),
]

if __name__ == "__main__":
    for k, v in stats.items():
        print(f"{k:40s} {v}")
    print("idea sizes:", dict(sorted(sizes.items())))
    for t in TAG_ORDER:
        extra = ""
        if t in ("reworded", "copied"):
            extra = f"  ({tagc[t] / len(non_origin):.0%} of non-origin members)"
        if t == "no_summary":
            extra = f"  ({tagc[t] / len(data):.0%} of rows)"
        if t == "stock_phrases":
            extra = f"  ({tagc[t] / len(summ):.0%} of non-empty summaries)"
        print(f"  tag {t:18s} {tagc[t]}{extra}")
    for w_ in warnings:
        print("WARN", w_)
    ok = True
    for name, passed in checks:
        print(("PASS " if passed else "FAIL ") + name)
        ok &= passed
    for p in problems:
        print("PROBLEM", p)
    if problems or not ok:
        sys.exit(1)
