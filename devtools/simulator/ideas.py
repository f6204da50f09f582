"""What the simulated innovations are called and what their summaries say, with ground truth.

Each dated innovation gets one of four kinds of text:
- an idea that spreads between regions (about 12 %): a catalogue of ideas per year and affair,
  each with a home province that adopts it more often. Every region that picks the idea
  writes it its own way: "Replikasi", "Inovasi", its own name, the acronym spelt "SIPADU",
  "Si-Padu" or "Sipadu", typos, words moved, a paraphrased summary. Which member is the
  origin follows from the dates: the earliest implementation;
- a templated title ("Inovasi Kesehatan 3 Kabupaten Sleman", "Inovasi Kota Batu nomor 3")
  over a different idea, or over the portals' placeholder summary;
- a generic title ("Layanan Publik Cepat") over a different idea;
- an idea of its own, with a brand of its own (sometimes an acronym another idea uses too).
Innovations without any date (stage inisiatif) never carry a shared idea: nobody can say when,
or whether, they copied anything.

Everything is drawn from `random.Random` seeded with strings (the same in every process),
per innovation, so a region's innovations are still generated on demand; the catalogue is
drawn once per year (about 10,000 small records at scale 10).
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass

SHARE_SHARED = 0.12     # of dated innovations: an idea from the year's catalogue
SHARE_TEMPLATE = 0.06   # templated title
SHARE_GENERIC = 0.04    # generic title
MEAN_MEMBERS = 4.0      # innovations per catalogue idea, on average
LOCAL_PREFERENCE = 0.5  # a region picks from its own province's ideas this often
BORROWED_BRAND = 0.06   # own ideas that reuse the acronym of a catalogue idea of another affair
TITLE_TYPO, SUMMARY_TYPO = 0.12, 0.10
COPIED_SUMMARY = 0.45   # members of a shared idea that copy its summary rather than rewrite it

AFFAIR_LABEL = {
    "pendidikan": "Pendidikan", "kesehatan": "Kesehatan", "pekerjaan_umum": "Pekerjaan Umum",
    "perumahan": "Perumahan", "ketertiban_umum": "Ketertiban Umum", "sosial": "Sosial",
    "tenaga_kerja": "Tenaga Kerja", "pemberdayaan_perempuan": "Pemberdayaan Perempuan",
    "pangan": "Pangan", "pertanahan": "Pertanahan", "lingkungan_hidup": "Lingkungan Hidup",
    "administrasi_kependudukan": "Administrasi Kependudukan",
    "pemberdayaan_masyarakat_desa": "Pemberdayaan Masyarakat Desa",
    "pengendalian_penduduk": "Pengendalian Penduduk", "perhubungan": "Perhubungan",
    "komunikasi_informatika": "Komunikasi dan Informatika", "koperasi_ukm": "Koperasi dan UKM",
    "penanaman_modal": "Penanaman Modal", "kepemudaan_olahraga": "Kepemudaan dan Olahraga",
    "statistik": "Statistik", "persandian": "Persandian", "kebudayaan": "Kebudayaan",
    "perpustakaan": "Perpustakaan", "kearsipan": "Kearsipan", "kelautan_perikanan": "Kelautan dan Perikanan",
    "pariwisata": "Pariwisata", "pertanian": "Pertanian", "kehutanan": "Kehutanan",
    "energi_sumber_daya_mineral": "Energi dan Sumber Daya Mineral", "perdagangan": "Perdagangan",
    "perindustrian": "Perindustrian", "transmigrasi": "Transmigrasi", "penunjang": "Penunjang",
}

# What an affair's innovations deal with, and for whom.
SUBJECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pendidikan": (("pendaftaran peserta didik baru", "beasiswa siswa miskin", "anak putus sekolah",
                    "literasi membaca", "pembelajaran jarak jauh", "guru honorer", "sekolah inklusi",
                    "pendidikan anak usia dini", "legalisir ijazah"),
                   ("siswa", "orang tua murid", "guru", "anak usia sekolah")),
    "kesehatan": (("imunisasi balita", "pemeriksaan ibu hamil", "antrean puskesmas", "rujukan pasien",
                   "penanganan stunting", "deteksi dini hipertensi", "pengobatan tuberkulosis",
                   "kesehatan jiwa", "persalinan aman", "ambulans gratis"),
                  ("ibu hamil", "balita", "lansia", "pasien", "kader posyandu")),
    "pekerjaan_umum": (("perbaikan jalan rusak", "persetujuan bangunan gedung", "air bersih perdesaan",
                        "drainase perkotaan", "irigasi sawah", "penerangan jalan umum", "tata ruang",
                        "sanitasi lingkungan"),
                       ("warga", "pemohon izin", "petani", "kelompok masyarakat")),
    "perumahan": (("rumah tidak layak huni", "penataan kawasan kumuh", "prasarana permukiman",
                   "sambungan listrik rumah tangga miskin", "rumah masyarakat berpenghasilan rendah"),
                  ("keluarga miskin", "warga", "pengembang perumahan")),
    "ketertiban_umum": (("penanganan kebakaran", "siaga bencana banjir", "penataan pedagang kaki lima",
                         "keamanan lingkungan", "evakuasi darurat", "pengawasan minuman keras", "patroli malam"),
                        ("warga", "relawan", "satpol PP", "pedagang")),
    "sosial": (("bantuan sosial tunai", "penyandang disabilitas", "lansia terlantar",
                "data terpadu kesejahteraan sosial", "anak jalanan", "korban bencana",
                "keluarga penerima manfaat", "rehabilitasi sosial"),
               ("keluarga miskin", "penyandang disabilitas", "lansia", "pendamping sosial")),
    "tenaga_kerja": (("pencari kerja", "pelatihan kerja", "kartu kuning", "pekerja migran", "bursa kerja",
                      "perselisihan hubungan industrial", "jaminan sosial pekerja"),
                     ("pencari kerja", "pekerja", "perusahaan", "lulusan SMK")),
    "pemberdayaan_perempuan": (("kekerasan terhadap anak", "perlindungan perempuan", "pernikahan dini",
                                "kota layak anak", "usaha perempuan", "kekerasan dalam rumah tangga"),
                               ("perempuan", "anak", "korban kekerasan", "keluarga")),
    "pangan": (("cadangan pangan", "harga pangan", "pekarangan pangan lestari", "keamanan pangan segar",
                "lumbung pangan desa", "pangan lokal"),
               ("petani", "rumah tangga", "pedagang pasar", "kelompok wanita tani")),
    "pertanahan": (("sertifikat tanah", "sengketa tanah", "pengadaan tanah", "inventarisasi tanah",
                    "tanah wakaf", "tanah aset daerah"),
                   ("pemilik tanah", "warga", "perangkat desa")),
    "lingkungan_hidup": (("bank sampah", "sampah plastik", "sampah organik", "kualitas air sungai",
                          "penghijauan", "persetujuan lingkungan", "minyak jelantah", "emisi kendaraan"),
                         ("warga", "sekolah", "pelaku usaha", "komunitas")),
    "administrasi_kependudukan": (("akta kelahiran", "KTP elektronik", "kartu identitas anak", "kartu keluarga",
                                   "akta kematian", "perpindahan penduduk", "perekaman KTP-el",
                                   "dokumen kependudukan"),
                                  ("warga", "bayi baru lahir", "pemohon", "penduduk rentan")),
    "pemberdayaan_masyarakat_desa": (("dana desa", "badan usaha milik desa", "profil desa",
                                      "pemilihan kepala desa", "musyawarah desa", "produk unggulan desa",
                                      "pasar desa"),
                                     ("perangkat desa", "warga desa", "BUMDes", "kader desa")),
    "pengendalian_penduduk": (("keluarga berencana", "kampung KB", "pendewasaan usia perkawinan",
                               "alat kontrasepsi", "ketahanan keluarga", "pendataan keluarga"),
                              ("pasangan usia subur", "remaja", "keluarga", "penyuluh KB")),
    "perhubungan": (("angkutan umum", "uji kendaraan bermotor", "parkir", "transportasi sekolah",
                     "keselamatan lalu lintas", "angkutan perdesaan", "terminal penumpang"),
                    ("penumpang", "pemilik kendaraan", "pelajar", "sopir angkutan")),
    "komunikasi_informatika": (("pengaduan masyarakat", "satu data", "internet desa", "informasi publik",
                                "website desa", "aduan online", "keamanan informasi"),
                               ("warga", "perangkat daerah", "desa", "jurnalis")),
    "koperasi_ukm": (("izin usaha mikro", "pemasaran produk UMKM", "kredit usaha", "koperasi simpan pinjam",
                      "pendampingan UMKM", "sertifikasi halal"),
                     ("pelaku UMKM", "koperasi", "pengrajin", "wirausaha muda")),
    "penanaman_modal": (("perizinan berusaha", "investasi daerah", "izin usaha", "peluang investasi",
                         "pengawasan penanaman modal"),
                        ("investor", "pelaku usaha", "pemohon izin")),
    "kepemudaan_olahraga": (("atlet berprestasi", "pemuda pelopor", "fasilitas olahraga",
                             "organisasi kepemudaan", "olahraga masyarakat", "wirausaha pemuda"),
                            ("pemuda", "atlet", "pelatih", "klub olahraga")),
    "statistik": (("data sektoral", "statistik desa", "pemutakhiran data", "portal data", "survei kepuasan"),
                  ("perangkat daerah", "peneliti", "desa")),
    "persandian": (("tanda tangan elektronik", "keamanan data", "sertifikat elektronik", "pengamanan dokumen"),
                   ("ASN", "pejabat", "perangkat daerah")),
    "kebudayaan": (("cagar budaya", "kesenian tradisional", "bahasa daerah", "festival budaya", "naskah kuno",
                    "sanggar seni"),
                   ("seniman", "pelajar", "komunitas budaya", "wisatawan")),
    "perpustakaan": (("perpustakaan keliling", "taman bacaan", "buku digital", "minat baca", "pojok baca"),
                     ("anak", "pelajar", "warga desa", "pemustaka")),
    "kearsipan": (("arsip digital", "arsip vital", "penyusutan arsip", "arsip desa", "surat elektronik"),
                  ("perangkat daerah", "arsiparis", "desa")),
    "kelautan_perikanan": (("nelayan kecil", "budidaya ikan", "pengolahan hasil perikanan", "konservasi pesisir",
                            "asuransi nelayan", "pasar ikan", "rumput laut"),
                           ("nelayan", "pembudidaya ikan", "pengolah ikan", "masyarakat pesisir")),
    "pariwisata": (("desa wisata", "promosi wisata", "homestay", "pemandu wisata", "tiket wisata",
                    "ekonomi kreatif"),
                   ("wisatawan", "pokdarwis", "pelaku wisata", "pengrajin")),
    "pertanian": (("pupuk bersubsidi", "benih unggul", "penyuluhan pertanian", "alat mesin pertanian",
                   "hama tanaman", "asuransi usaha tani", "kesehatan hewan ternak", "harga gabah"),
                  ("petani", "peternak", "kelompok tani", "penyuluh")),
    "kehutanan": (("hutan kemasyarakatan", "kebakaran hutan", "rehabilitasi lahan", "hasil hutan bukan kayu",
                   "bibit tanaman"),
                  ("masyarakat sekitar hutan", "kelompok tani hutan", "polisi hutan")),
    "energi_sumber_daya_mineral": (("listrik tenaga surya", "energi terbarukan", "tambang rakyat", "air tanah",
                                    "biogas", "listrik desa"),
                                   ("warga desa", "pelaku usaha", "penambang rakyat")),
    "perdagangan": (("pasar rakyat", "harga bahan pokok", "tera ulang", "perlindungan konsumen", "pasar online",
                     "distribusi barang"),
                    ("pedagang", "konsumen", "pelaku usaha", "pengelola pasar")),
    "perindustrian": (("industri kecil", "sentra industri", "kemasan produk", "standar mutu produk",
                       "izin industri"),
                      ("pelaku industri kecil", "pengrajin", "perajin batik")),
    "transmigrasi": (("kawasan transmigrasi", "lahan transmigran", "permukiman transmigrasi", "produk transmigran"),
                     ("transmigran", "warga transmigrasi")),
    "penunjang": (("perencanaan anggaran", "pajak daerah", "retribusi daerah", "kinerja pegawai",
                   "absensi pegawai", "pengadaan barang dan jasa", "aset daerah", "perjalanan dinas",
                   "laporan keuangan", "kenaikan pangkat"),
                  ("ASN", "wajib pajak", "perangkat daerah", "pegawai")),
}
FALLBACK_SUBJECTS = (("pelayanan publik", "tata kelola"), ("warga", "perangkat daerah"))

# (word in the title, what the summary calls it)
KINDS = (
    ("Sistem Informasi", "sistem informasi berbasis web"), ("Aplikasi", "aplikasi telepon genggam"),
    ("Gerakan", "gerakan bersama masyarakat"), ("Layanan", "layanan"), ("Program", "program"),
    ("Pojok", "pojok layanan"), ("Rumah", "rumah layanan"), ("Klinik", "klinik konsultasi"),
    ("Pos", "pos pelayanan"), ("Kartu", "kartu layanan"), ("Mobil", "mobil layanan keliling"),
    ("Pusat", "pusat layanan"), ("Kelas", "kelas pendampingan"), ("Portal", "portal daring"),
    ("Dasbor", "dasbor data"), ("Forum", "forum warga"), ("Jemput Bola", "layanan jemput bola"),
    ("Kampung", "kampung percontohan"), ("Sekolah Lapang", "sekolah lapang"),
)
ACTIONS = ("Pelayanan", "Pendaftaran", "Pemantauan", "Pelaporan", "Pengaduan", "Pendataan", "Percepatan",
           "Pencegahan", "Pendampingan", "Penanganan", "Pengelolaan", "Verifikasi", "Edukasi", "Konsultasi",
           "Penguatan")
QUALIFIERS = ("Terpadu", "Terintegrasi", "Online", "Berbasis Masyarakat", "Satu Pintu", "Cepat", "Digital",
              "Keliling", "Mandiri", "Berbasis Desa", "Elektronik", "Bersama", "Gratis", "", "", "")
SYNONYMS = {"Terpadu": "Terintegrasi", "Terintegrasi": "Terpadu", "Online": "Daring", "Cepat": "Kilat",
            "Keliling": "Bergerak", "Aplikasi": "Apl.", "Pelayanan": "Layanan", "Sistem Informasi": "Sisfo"}

GENERIC_TITLES = (
    "Layanan Publik Cepat", "Pelayanan Prima", "Gerakan Bersih Desa", "Desa Sehat", "Sekolah Hebat",
    "Pelayanan Terpadu", "Smart City", "Inovasi Pelayanan Publik", "Gerakan Literasi", "Layanan Online",
    "Sistem Informasi Terpadu", "Aplikasi Pelayanan", "Kampung Tangguh", "Rumah Sehat", "Desa Digital",
    "Pelayanan Jemput Bola", "Gerakan Peduli", "Satu Data", "Layanan Satu Pintu", "Pasar Sehat",
)

PURPOSES = (
    "{B} adalah {kind} untuk {act} {obj} bagi {tgt}.",
    "{B} merupakan {kind} yang memudahkan {tgt} dalam {act} {obj}.",
    "Melalui {B}, {tgt} dapat memperoleh {act} {obj} dengan lebih mudah.",
    "{B} hadir untuk mempermudah {act} {obj} bagi {tgt}.",
)
# A summary's sentences are composed of parts, each with two wordings (the paraphrase a
# copying region may pick), so that unrelated innovations rarely share a whole sentence.
PROBLEM_SUBJECTS = (
    ("pencatatan data sasaran", "pendataan sasaran"), ("proses pengajuan permohonan", "alur permohonan warga"),
    ("pemantauan oleh petugas", "pengawasan petugas lapangan"), ("pelaporan kasus", "laporan kejadian"),
    ("penyaluran bantuan", "distribusi bantuan"), ("koordinasi antarinstansi", "kerja sama lintas perangkat daerah"),
    ("penyampaian informasi kepada warga", "sosialisasi kepada masyarakat"), ("verifikasi dokumen", "pemeriksaan berkas"),
    ("penanganan pengaduan", "tindak lanjut keluhan warga"), ("akses warga di pelosok", "jangkauan layanan ke desa terpencil"),
    ("pembiayaan kegiatan", "pendanaan program"), ("ketersediaan tenaga terlatih", "jumlah petugas yang terlatih"),
)
PROBLEM_STATES = (
    ("masih dilakukan secara manual", "masih manual di atas kertas"),
    ("memakan waktu berminggu-minggu", "butuh waktu lama hingga beberapa pekan"),
    ("sering terlambat", "kerap tertunda"), ("belum merata", "tidak merata di semua wilayah"),
    ("belum terhubung antarsistem", "tidak terintegrasi satu sama lain"),
    ("membebani warga dengan biaya", "memerlukan ongkos besar dari warga"),
    ("sulit dipantau pimpinan", "tidak dapat diawasi pimpinan secara langsung"),
    ("bergantung pada tatap muka", "mengharuskan warga datang langsung"), ("rawan kesalahan data", "sering salah input"),
)
PROBLEM_FORMS = ("Sebelumnya, {p}.", "Permasalahannya, {p}.", "Latar belakangnya, {p}.")
ACTORS = (
    ("petugas puskesmas", "tenaga puskesmas"), ("kader desa", "kader di desa"), ("operator kecamatan", "admin kecamatan"),
    ("relawan", "para relawan"), ("perangkat desa", "aparat desa"), ("tim dinas", "tim dari dinas"),
    ("bidan desa", "bidan di desa"), ("penyuluh lapangan", "petugas penyuluh"), ("pendamping", "tenaga pendamping"),
)
DEEDS = (
    ("mencatat data sasaran", "menginput data sasaran"), ("mengunjungi warga", "mendatangi rumah warga"),
    ("mengirim pengingat", "mengirimkan notifikasi pengingat"), ("memverifikasi berkas", "memeriksa kelengkapan berkas"),
    ("memberi pendampingan", "mendampingi warga"), ("menerima pengaduan", "menampung aduan"),
    ("menyalurkan bantuan", "membagikan bantuan"), ("memberi penyuluhan", "melakukan sosialisasi"),
    ("memantau perkembangan", "mengawasi kemajuan"), ("menerbitkan dokumen", "mencetak dokumen"),
)
CHANNELS = (
    ("melalui aplikasi ponsel", "lewat aplikasi di telepon genggam"), ("lewat WhatsApp", "melalui pesan WhatsApp"),
    ("dengan formulir daring", "memakai formulir online"), ("di balai desa", "di kantor desa"),
    ("dari rumah ke rumah", "secara door to door"), ("melalui SMS", "lewat pesan singkat"),
    ("dengan mobil keliling", "menggunakan kendaraan keliling"), ("lewat dasbor web", "melalui dasbor daring"),
    ("di posko terpadu", "di posko layanan"),
)
RHYTHMS = (
    ("setiap minggu", "tiap pekan"), ("setiap bulan", "sebulan sekali"), ("setiap hari kerja", "pada hari kerja"),
    ("sesuai jadwal", "secara terjadwal"), ("pada akhir pekan", "tiap akhir pekan"), ("dua kali sebulan", "setiap dua minggu"),
)
OUTCOMES = (
    ("waktu layanan makin singkat", "lama pelayanan berkurang"), ("pengaduan menurun", "keluhan berkurang"),
    ("cakupan sasaran meningkat", "jangkauan sasaran bertambah"), ("angka kasus turun", "jumlah kasus menurun"),
    ("biaya warga berkurang", "pengeluaran warga turun"), ("kepuasan masyarakat naik", "tingkat kepuasan warga meningkat"),
    ("data lebih akurat", "ketepatan data meningkat"), ("partisipasi warga tumbuh", "keterlibatan masyarakat bertambah"),
    ("pendapatan daerah bertambah", "PAD meningkat"), ("kepatuhan sasaran membaik", "tingkat kepatuhan naik"),
    ("pemakaian kertas berkurang", "penggunaan kertas turun"), ("antrean di kantor hilang", "tidak ada lagi antrean di kantor"),
)
EXTENTS = (
    ("hingga {p} persen", "sampai {p} persen"), ("dalam enam bulan pertama", "pada semester pertama"),
    ("dibanding tahun sebelumnya", "dari tahun lalu"), ("di seluruh kecamatan", "di semua kecamatan"),
    ("secara bertahap", "sedikit demi sedikit"), ("sejak bulan pertama", "mulai bulan pertama"),
)
BENEFIT_FORMS = ("Hasilnya, {b}.", "Dampaknya, {b}.", "Sejak diterapkan, {b}.")
N_PROBLEMS = len(PROBLEM_SUBJECTS) * len(PROBLEM_STATES)
N_MECHANISMS = len(ACTORS) * len(DEEDS) * len(CHANNELS) * len(RHYTHMS)
N_BENEFITS = len(OUTCOMES) * len(EXTENTS)


def _parts(index: int, *pools: tuple) -> list[tuple[str, str]]:
    """The parts a combined index stands for, one per pool."""
    out = []
    for pool in reversed(pools):
        index, k = divmod(index, len(pool))
        out.append(pool[k])
    return out[::-1]


# Acronym syllables: consonant-vowel pairs and the endings Indonesian acronyms use.
_CONS, _VOWELS, _ENDS = "bcdghjklmnprstwy", "aiueo", ("", "", "", "n", "k", "r", "s", "ng", "t", "m")
_PREFIXES = (("SI", 0.4), ("E", 0.08), ("GE", 0.1), ("", 0.3), ("PAK ", 0.06), ("MAS ", 0.06))


@dataclass(frozen=True)
class Idea:
    id: str
    affair: str
    prefix: str        # "SI", "GE", "E", "", "PAK ", "MAS "
    body: str          # "PADU"
    kind: int
    action: int
    subject: int
    target: int
    qualifier: int
    problem: int
    mechanism: int
    benefit: int
    home: str          # the region it is said to come from
    birth: dt.date     # before this, nobody calls it a replication


@dataclass(frozen=True)
class Text:
    title: str
    summary: str
    idea_id: str | None  # set for catalogue ideas only: the ground truth


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    x, acc = rng.random() * sum(w for _, w in weighted), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


def _syllable(rng: random.Random, end: bool = False) -> str:
    s = rng.choice(_CONS) + rng.choice(_VOWELS)
    return (s + rng.choice(_ENDS)) if end else s


def _body(rng: random.Random, syllables: int) -> str:
    return ("".join(_syllable(rng) for _ in range(syllables - 1)) + _syllable(rng, end=True)).upper()


def _typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard in a word of five letters or more: swap, drop or double."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    how = rng.randrange(3)
    words[i] = (w[:k] + w[k + 1] + w[k] + w[k + 2:]) if how == 0 else \
        (w[:k] + w[k + 1:]) if how == 1 else (w[:k] + w[k] + w[k:])
    return " ".join(words)


class IdeaBook:
    """Titles and summaries for a world, and which innovations share an idea."""

    def __init__(self, seed: int, scale: float, regions: dict, affair_weights: tuple[tuple[str, float], ...],
                 total_at_scale_1: int):
        self.seed, self.scale, self.regions = seed, scale, regions
        self.affair_weights = affair_weights
        self.total = total_at_scale_1 * scale
        self._catalogues: dict[int, dict] = {}

    # -- the year's catalogue of ideas that spread ------------------------------------
    def catalogue(self, year: int) -> dict:
        if year not in self._catalogues:
            self._catalogues[year] = self._draw_catalogue(year)
        return self._catalogues[year]

    def _draw_catalogue(self, year: int) -> dict:
        rng = random.Random(f"{self.seed}:idea-catalogue:{year}:{self.scale}")
        codes = sorted(self.regions)
        window = (dt.date(year - 2, 1, 1), dt.date(year - 1, 12, 31))
        by_affair: dict[str, list[Idea]] = {}
        weights: dict[str, list[float]] = {}
        brands: list[tuple[str, str]] = []
        for affair, share in self.affair_weights:
            n = max(2, round(self.total * share * SHARE_SHARED / MEAN_MEMBERS))
            subjects, targets = SUBJECTS.get(affair, FALLBACK_SUBJECTS)
            for k in range(n):
                prefix = _pick(rng, _PREFIXES)
                idea = Idea(
                    id=f"idea-{year}-{affair}-{k:05d}", affair=affair, prefix=prefix,
                    body=_body(rng, rng.choice((2, 2, 3))), kind=rng.randrange(len(KINDS)),
                    action=rng.randrange(len(ACTIONS)), subject=rng.randrange(len(subjects)),
                    target=rng.randrange(len(targets)), qualifier=rng.randrange(len(QUALIFIERS)),
                    problem=rng.randrange(N_PROBLEMS), mechanism=rng.randrange(N_MECHANISMS),
                    benefit=rng.randrange(N_BENEFITS), home=rng.choice(codes),
                    birth=window[0] + dt.timedelta(days=rng.randrange(-400, 300)),
                )
                by_affair.setdefault(affair, []).append(idea)
                weights.setdefault(affair, []).append(rng.lognormvariate(0, 0.9))
                brands.append((prefix, idea.body, affair))
        # cumulative weights per affair, and per (affair, home province)
        picks: dict[tuple[str, str | None], tuple[list[Idea], list[float]]] = {}
        for affair, ideas in by_affair.items():
            groups: dict[str | None, list[tuple[Idea, float]]] = {None: list(zip(ideas, weights[affair], strict=True))}
            for idea, w in groups[None]:
                groups.setdefault(self.regions[idea.home].province_code, []).append((idea, w))
            for province, members in groups.items():
                acc, cum = 0.0, []
                for _, w in members:
                    acc += w
                    cum.append(acc)
                picks[(affair, province)] = ([i for i, _ in members], cum)
        return {"picks": picks, "brands": brands}

    def _shared_idea(self, rng: random.Random, year: int, code: str, affair: str) -> Idea | None:
        picks = self.catalogue(year)["picks"]
        key = (affair, self.regions[code].province_code)
        if key not in picks or rng.random() >= LOCAL_PREFERENCE:
            key = (affair, None)
        if key not in picks:
            return None
        ideas, cum = picks[key]
        return ideas[min(len(ideas) - 1, bisect.bisect_right(cum, rng.random() * cum[-1]))]

    # -- one innovation's text -----------------------------------------------------
    def text(self, ident: str, code: str, year: int, affair: str, started: dt.date | None) -> Text:
        rng = random.Random(f"{self.seed}:idea:{ident}")
        x = rng.random()
        if started is not None and x < SHARE_SHARED:
            idea = self._shared_idea(rng, year, code, affair)
            if idea is not None:
                return self._render_shared(rng, idea, code, started)
        x = rng.random()
        if x < SHARE_TEMPLATE:
            return self._render_template(rng, ident, code, affair)
        if x < SHARE_TEMPLATE + SHARE_GENERIC:
            return self._render_own(rng, ident, code, year, affair, generic=True)
        return self._render_own(rng, ident, code, year, affair)

    def idea_of(self, ident: str, code: str, year: int, affair: str, started: dt.date | None) -> str | None:
        """The catalogue idea an innovation carries (None for ideas of its own), without rendering."""
        rng = random.Random(f"{self.seed}:idea:{ident}")
        if started is not None and rng.random() < SHARE_SHARED:
            idea = self._shared_idea(rng, year, code, affair)
            return idea.id if idea else None
        return None

    # -- rendering -------------------------------------------------------------------
    def _region(self, rng: random.Random, code: str) -> str:
        name = self.regions[code].name
        bare = name.split(" ", 1)[1] if name.startswith(("Kabupaten ", "Kota ")) else name
        return rng.choice((name, name, bare, name.replace("Kabupaten ", "Kab. ")))

    @staticmethod
    def _brand(rng: random.Random, prefix: str, body: str, vary: bool) -> str:
        if not vary:
            return f"E-{body.title()}" if prefix == "E" else f"{prefix}{body}"
        cap = body.title()
        if prefix in ("SI", "GE"):
            return rng.choice((f"{prefix}{body}", f"{prefix.title()}-{cap}", f"{prefix.title()}{cap}",
                               f"{prefix.title()} {cap}", f"{prefix.title()}{body.lower()}", f"{prefix}-{body}"))
        if prefix == "E":
            return rng.choice((f"E-{cap}", f"e-{cap}", f"E{cap}", f"E-{body}"))
        if prefix:
            return rng.choice((f"{prefix}{body}", f"{prefix.title()}{cap}"))
        return rng.choice((body, cap, cap))

    @staticmethod
    def _expansion(rng: random.Random, idea_parts: tuple[int, int, int, int], subjects: tuple[str, ...],
                   vary: bool) -> str:
        kind, action, subject, qualifier = idea_parts
        words = [KINDS[kind][0], ACTIONS[action], subjects[subject].title().replace("Ktp", "KTP")
                 .replace("Umkm", "UMKM").replace("Kb", "KB").replace("Pp", "PP").replace("Smk", "SMK")]
        qual = QUALIFIERS[qualifier]
        if vary:
            words = [SYNONYMS.get(w, w) if rng.random() < 0.25 else w for w in words]
            qual = SYNONYMS.get(qual, qual) if rng.random() < 0.3 else qual
            if rng.random() < 0.15:
                words = words[1:]                       # "Pendaftaran Beasiswa Terpadu"
            if qual and len(words) > 2 and rng.random() < 0.2:
                return " ".join(words[:1] + [qual] + words[1:])  # words moved: "Sistem Informasi Terpadu Pendaftaran ..."
        return " ".join(words + ([qual] if qual else []))

    def _summary(self, rng: random.Random, name: str, affair: str, parts: tuple[int, ...], vary: bool,
                 region: str | None, source: str | None) -> str:
        kind, action, subject, target, problem, mechanism, benefit = parts
        subjects, targets = SUBJECTS.get(affair, FALLBACK_SUBJECTS)
        nums = {"a": rng.randrange(7, 21), "b": rng.randrange(1, 5), "p": rng.randrange(15, 95)}
        v = (lambda pair: rng.choice(pair)) if vary else (lambda pair: pair[0])
        purpose = (rng.choice(PURPOSES) if vary else PURPOSES[0]).format(
            B=name, kind=KINDS[kind][1], act=ACTIONS[action].lower(), obj=subjects[subject],
            tgt=targets[target % len(targets)])
        problem = " ".join(v(p) for p in _parts(problem, PROBLEM_SUBJECTS, PROBLEM_STATES))
        mechanism = " ".join(v(p) for p in _parts(mechanism, ACTORS, DEEDS, CHANNELS, RHYTHMS))
        benefit = " ".join(v(p) for p in _parts(benefit, OUTCOMES, EXTENTS)).format(**nums)
        sentences = [
            rng.choice(PROBLEM_FORMS).format(p=problem),
            mechanism[0].upper() + mechanism[1:] + ".",
            rng.choice(BENEFIT_FORMS).format(b=benefit),
        ]
        if vary:
            rng.shuffle(sentences)
            if rng.random() < 0.25:
                sentences.pop(rng.randrange(len(sentences)))
        body = [purpose] + sentences
        if region and rng.random() < 0.4:
            body.append(f"Inovasi ini diterapkan di {region}.")
        if source:
            body.append(rng.choice((f"Inovasi ini mereplikasi praktik baik dari {source}.",
                                    f"Diadopsi dari {source}.", f"Belajar dari keberhasilan {source}.")))
        text = " ".join(body)
        return _typo(rng, text) if rng.random() < SUMMARY_TYPO else text

    def _render_shared(self, rng: random.Random, idea: Idea, code: str, started: dt.date) -> Text:
        subjects, _ = SUBJECTS.get(idea.affair, FALLBACK_SUBJECTS)
        brand = self._brand(rng, idea.prefix, idea.body, vary=True)
        exp = self._expansion(rng, (idea.kind, idea.action, idea.subject, idea.qualifier), subjects, vary=True)
        region = self._region(rng, code)
        adopter = started > idea.birth and code != idea.home
        forms = [("{B} ({E})", 0.24), ("{B} {R}", 0.12), ("Inovasi {E}", 0.04), ("{E}", 0.03),
                 ("{E} ({B})", 0.12), ("{B}: {E}", 0.10), ("{B}", 0.06), ("{B} - {E} {R}", 0.09),
                 ("{E} {R}", 0.03)]
        if adopter:
            forms += [("Replikasi {B}", 0.07), ("Replikasi Inovasi {B} {R}", 0.07), ("Replikasi {E} di {R}", 0.02)]
        title = _pick(rng, tuple(forms)).format(B=brand, E=exp, R=region)
        if rng.random() < TITLE_TYPO:
            title = _typo(rng, title)
        source = self.regions[idea.home].name if adopter and rng.random() < 0.5 else None
        # Many regions copy the proposal's text and change the names; the others rewrite it.
        summary = self._summary(
            rng, _pick(rng, ((brand, 0.7), (f"Inovasi {brand}", 0.15), (exp, 0.15))), idea.affair,
            (idea.kind, idea.action, idea.subject, idea.target, idea.problem, idea.mechanism, idea.benefit),
            vary=rng.random() >= COPIED_SUMMARY, region=region, source=source)
        return Text(title, summary, idea.id)

    def _own_parts(self, rng: random.Random, affair: str) -> tuple[int, ...]:
        subjects, targets = SUBJECTS.get(affair, FALLBACK_SUBJECTS)
        return (rng.randrange(len(KINDS)), rng.randrange(len(ACTIONS)), rng.randrange(len(subjects)),
                rng.randrange(len(targets)), rng.randrange(len(QUALIFIERS)), rng.randrange(N_PROBLEMS),
                rng.randrange(N_MECHANISMS), rng.randrange(N_BENEFITS))

    def _render_own(self, rng: random.Random, ident: str, code: str, year: int, affair: str,
                    generic: bool = False) -> Text:
        kind, action, subject, target, qualifier, problem, mechanism, benefit = self._own_parts(rng, affair)
        subjects, _ = SUBJECTS.get(affair, FALLBACK_SUBJECTS)
        exp = self._expansion(rng, (kind, action, subject, qualifier), subjects, vary=False)
        region = self._region(rng, code)
        if generic:
            title = rng.choice(GENERIC_TITLES)
            if rng.random() < 0.3:
                title = f"{title} {region}"
            name = title
        else:
            brands = self.catalogue(year)["brands"]
            if rng.random() < BORROWED_BRAND and brands:
                prefix, body, other = rng.choice(brands)   # the same acronym, another idea (and affair)
                if other == affair:
                    prefix, body = _pick(rng, _PREFIXES), _body(rng, 3)
            else:
                prefix, body = _pick(rng, _PREFIXES), _body(rng, rng.choice((2, 3, 3)))
            brand = self._brand(rng, prefix, body, vary=False)
            title = _pick(rng, (("{B} ({E})", 0.4), ("{B}", 0.1), ("{E} ({B})", 0.15), ("{B}: {E}", 0.1),
                                ("{B} {R}", 0.1), ("{B} - {E}", 0.1), ("Inovasi {E}", 0.05))).format(
                B=brand, E=exp, R=region)
            name = brand
        summary = self._summary(rng, name, affair, (kind, action, subject, target, problem, mechanism, benefit),
                                vary=True, region=region, source=None)
        return Text(title, summary, None)

    def _render_template(self, rng: random.Random, ident: str, code: str, affair: str) -> Text:
        seq = int(ident.rsplit("-", 1)[-1]) if ident.rsplit("-", 1)[-1].isdigit() else rng.randrange(1, 99)
        region = self.regions[code].name
        title = rng.choice((f"Inovasi {AFFAIR_LABEL.get(affair, affair)} {seq} {region}",
                            f"Inovasi {region} nomor {seq}", f"Inovasi Daerah {region} {seq}"))
        if rng.random() < 0.5:
            return Text(title, f"Ringkasan inovasi {ident}", None)
        own = self._render_own(rng, ident, code, 0, affair, generic=True)
        return Text(title, own.summary.replace(own.title, "Inovasi ini"), None)
