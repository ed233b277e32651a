"""Every content type, declared once as data.

The same declarations drive validation (`validate.py`), the field reference in the docs
and the JSON Schemas for editors. Field names are the volunteers' words (Bahasa Indonesia);
each field documents itself in Indonesian and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Every number has an upper bound, so every figure can be printed (Babel's decimals stop
# at 27 digits): a village's whole budget is a few billion rupiah, and a count or area is
# below Indonesia's 280 million people and 190 million hectares.
MAX_RUPIAH = 10**15
MAX_COUNT = 10**9


@dataclass(frozen=True)
class Field:
    """One field: its kind, whether it is required, and what it means."""

    kind: str  # text, markdown, int, rupiah, bool, date, datetime, time, url, phone, email,
    #            color, slug, file, enum, list, object
    doc_id: str = ""
    doc_en: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None
    fields: Mapping[str, Field] = field(default_factory=dict)
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    open: bool = False  # an object whose keys are free (e.g. publish targets)
    # a pattern for the file's name (without .yaml) whose group the value must equal:
    # `apbdes-(\d{4})` for the year of apbdes-2026.yaml
    in_file_name: str = ""


def f(kind: str, doc_id: str, doc_en: str, **options: Any) -> Field:
    return Field(kind, doc_id, doc_en, **options)


def obj(doc_id: str, doc_en: str, fields: dict[str, Field], **options: Any) -> Field:
    return Field("object", doc_id, doc_en, fields=fields, **options)


def listof(item: Field, doc_id: str, doc_en: str, **options: Any) -> Field:
    return Field("list", doc_id, doc_en, item=item, **options)


IMAGE = obj("Gambar beserta teks alternatifnya.", "An image with its alternative text.", {
    "file": f("file", "Nama berkas di folder media/.", "File name in the media/ folder.",
              required=True),
    "alt": f("text", "Apa yang tampak di gambar, untuk pembaca layar.",
             "What the image shows, for screen readers.", required=True),
})
PHONE = f("phone", "Nomor telepon, mis. 0333 123456 atau +62 812 3456 7890.",
          "Phone number, e.g. 0333 123456 or +62 812 3456 7890.")
REQUIRED_PHONE = Field("phone", PHONE.doc_id, PHONE.doc_en, required=True)
INFO_CATEGORIES = ("berkala", "serta_merta", "setiap_saat", "dikecualikan")

COMMON: dict[str, Field] = {
    "judul": f("text", "Judul halaman.", "Page title.", required=True, max_length=120),
    "slug": f("slug", "Nama pendek di alamat web (huruf kecil, angka, tanda hubung).",
              "Short name in the web address (lower case, digits, hyphens)."),
    "ringkasan": f("text", "Ringkasan satu-dua kalimat untuk mesin pencari dan WhatsApp.",
                   "One or two sentence summary for search engines and WhatsApp.",
                   max_length=200),
    "tanggal": f("date", "Tanggal terbit (TTTT-BB-HH).", "Publication date (YYYY-MM-DD)."),
    "diperbarui": f("date", "Tanggal terakhir diperbarui (TTTT-BB-HH).",
                    "Date last updated (YYYY-MM-DD)."),
    "gambar": IMAGE,
    "kategori_info_publik": f("enum", "Kategori Daftar Informasi Publik.",
                              "Category in the public information list.",
                              choices=INFO_CATEGORIES),
    "draf": f("bool", "true: belum diterbitkan.", "true: not published yet."),
}

LAYANAN = {
    **COMMON,
    "kelompok": f("enum", "Kelompok layanan.", "Service group.", required=True,
                  choices=("adminduk", "keterangan", "pengantar", "tanah", "nikah", "lainnya")),
    "untuk_apa": f("text", "Kegunaan dokumen dalam bahasa sehari-hari.",
                   "What the document is for, in plain words."),
    "persyaratan": listof(obj("Satu syarat.", "One requirement.", {
        "nama": f("text", "Nama syarat.", "Requirement.", required=True),
        "bawa": f("enum", "Asli atau fotokopi.", "Original or photocopy.",
                  choices=("asli", "fotokopi", "asli_dan_fotokopi")),
        "jumlah": f("int", "Jumlah lembar.", "Number of copies.", minimum=1,
                    maximum=MAX_COUNT),
        "catatan": f("text", "Catatan.", "Note."),
    }), "Syarat yang harus dibawa.", "What to bring.", required=True),
    "prosedur": listof(f("text", "Satu langkah.", "One step."),
                       "Langkah-langkah pengurusan.", "Steps.", required=True),
    "biaya": obj("Biaya layanan.", "Fee.", {
        "nominal": f("rupiah", "Biaya dalam rupiah; 0 berarti gratis.",
                     "Fee in rupiah; 0 means free.", required=True, minimum=0,
                     maximum=MAX_RUPIAH),
        "dasar_hukum": f("text", "Dasar hukum biaya.", "Legal basis of the fee."),
        "catatan": f("text", "Catatan.", "Note."),
    }, required=True),
    "waktu_penyelesaian": obj("Lama penyelesaian.", "How long it takes.", {
        "nilai": f("int", "Angka.", "Number.", required=True, minimum=0, maximum=MAX_COUNT),
        "satuan": f("enum", "Satuan waktu.", "Unit.", required=True,
                    choices=("menit", "jam", "hari", "hari_kerja")),
        "catatan": f("text", "Catatan.", "Note."),
    }, required=True),
    "produk": f("text", "Dokumen yang diterima warga.", "What the resident receives.",
                required=True),
    "pengaduan": f("text", "Ke mana mengadu jika layanan tidak sesuai.",
                   "Where to complain if the service falls short.", required=True),
    "diterbitkan_oleh": f("enum", "Kantor yang menerbitkan.", "Issuing office.",
                          choices=("desa", "kecamatan", "dispendukcapil", "kua", "lainnya")),
    "tempat": f("text", "Tempat mengurus (loket).", "Where to go (counter)."),
    "masa_berlaku": f("text", "Masa berlaku dokumen.", "How long the document is valid."),
    "online": obj("Pengurusan daring.", "Online application.", {
        "whatsapp": f("bool", "Bisa dimulai lewat WhatsApp desa.",
                      "Can be started over the village WhatsApp."),
        "url": f("url", "Alamat layanan daring.", "Online service address."),
        "pesan_awal": f("text", "Pesan WhatsApp yang sudah terisi.", "Prefilled message."),
    }),
    "dasar_hukum": listof(f("text", "Peraturan.", "Regulation."), "Dasar hukum.", "Legal basis."),
    "populer": f("bool", "Tampilkan sebagai tautan cepat di beranda.",
                 "Show as a quick link on the home page."),
    "urutan": f("int", "Urutan dalam kelompok.", "Order within the group.",
                maximum=MAX_COUNT),
}

WISATA = {
    **COMMON,
    "kategori": f("enum", "Jenis wisata.", "Kind of attraction.", required=True,
                  choices=("alam", "budaya", "kuliner", "religi", "edukasi")),
    "lokasi": obj("Lokasi.", "Location.", {
        "alamat": f("text", "Alamat.", "Address.", required=True),
        "lat": f("number", "Garis lintang.", "Latitude.", minimum=-90, maximum=90),
        "lng": f("number", "Garis bujur.", "Longitude.", minimum=-180, maximum=180),
        "petunjuk_arah": f("text", "Petunjuk arah.", "Directions."),
    }, required=True),
    "jam_buka": f("text", "Jam buka, mis. Setiap hari 07.00–17.00.",
                  "Opening hours, e.g. daily 07.00–17.00."),
    "tiket": listof(obj("Harga tiket.", "Ticket price.", {
        "untuk": f("text", "Untuk siapa.", "Who for.", required=True),
        "harga": f("rupiah", "Harga dalam rupiah.", "Price in rupiah.", required=True, minimum=0,
                   maximum=MAX_RUPIAH),
    }), "Daftar harga tiket.", "Ticket prices."),
    "fasilitas": listof(f("text", "Fasilitas.", "Facility."), "Fasilitas.", "Facilities."),
    "kontak_pengelola": obj("Pengelola.", "Manager.", {
        "nama": f("text", "Nama pengelola (mis. Pokdarwis).", "Manager's name.", required=True),
        "whatsapp": PHONE,
        "telepon": PHONE,
    }),
    "foto": listof(IMAGE, "Foto tempat wisata.", "Photos."),
    "waktu_terbaik": f("text", "Waktu terbaik berkunjung.", "Best time to visit."),
}

PENGUMUMAN = {
    **COMMON,
    "tanggal": f("date", "Tanggal pengumuman.", "Date of the announcement.", required=True),
    "jenis": f("enum", "Jenis: berita, pengumuman atau serta_merta (darurat).",
               "Kind: news, notice or serta_merta (emergency).",
               choices=("berita", "pengumuman", "serta_merta")),
    "penting": f("bool", "true: tampil sebagai spanduk di semua halaman.",
                 "true: shown as a banner on every page."),
    "berlaku_sampai": f("date", "Setelah tanggal ini masuk arsip.",
                        "After this date it moves to the archive."),
    "lampiran": listof(obj("Lampiran.", "Attachment.", {
        "file": f("file", "Nama berkas di folder media/.", "File in media/.", required=True),
        "judul": f("text", "Judul lampiran.", "Title.", required=True),
    }), "Berkas lampiran.", "Attachments."),
    "bahaya": f("text", "Jenis bahaya.", "The hazard."),
    "wilayah_terdampak": listof(f("text", "Dusun/RT.", "Hamlet/neighbourhood."),
                                "Wilayah terdampak.", "Affected areas."),
    "cara_menghindari": f("text", "Cara menghindari bahaya.", "How to stay safe."),
    "evakuasi": obj("Evakuasi.", "Evacuation.", {
        "titik_kumpul": f("text", "Titik kumpul.", "Assembly point.", required=True),
        "rute": f("text", "Rute evakuasi.", "Evacuation route."),
    }),
    "bantuan": listof(obj("Kontak bantuan.", "Help contact.", {
        "nama": f("text", "Nama.", "Name.", required=True),
        "telepon": REQUIRED_PHONE,
    }), "Ke mana minta bantuan.", "Where to get help."),
    "diumumkan_oleh": f("text", "Yang mengumumkan.", "Who announces."),
    "upaya_penanganan": f("text", "Upaya penanganan.", "What is being done."),
}
# Perki 1/2018 Pasal 3: what an emergency (serta-merta) notice must state
SERTA_MERTA_REQUIRED = ("bahaya", "wilayah_terdampak", "cara_menghindari", "evakuasi",
                        "bantuan", "diumumkan_oleh", "upaya_penanganan", "berlaku_sampai")

AGENDA = {
    **COMMON,
    "mulai": f("datetime", "Mulai (TTTT-BB-HH JJ:MM).", "Start (YYYY-MM-DD HH:MM).",
               required=True),
    "selesai": f("datetime", "Selesai (TTTT-BB-HH JJ:MM).", "End (YYYY-MM-DD HH:MM)."),
    "lokasi": f("text", "Tempat kegiatan.", "Where.", required=True),
    "koordinator": f("text", "Penanggung jawab.", "Coordinator."),
    "untuk": listof(f("text", "Sasaran.", "Audience."), "Untuk siapa.", "Who it is for."),
    "berulang": obj("Kegiatan rutin.", "Recurring event.", {
        "frekuensi": f("enum", "Seberapa sering.", "How often.", required=True,
                       choices=("mingguan", "bulanan", "tahunan")),
        "hari": f("enum", "Hari.", "Weekday.",
                  choices=("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")),
        "minggu_ke": f("int", "Minggu ke berapa dalam bulan (1–4, -1 = terakhir).",
                       "Week of the month (1–4, -1 = last).", minimum=-1, maximum=5),
        "sampai": f("date", "Berulang sampai tanggal.", "Repeats until."),
    }),
}

HALAMAN = {
    **COMMON,
    "urutan": f("int", "Urutan di menu.", "Order in the menu.", maximum=MAX_COUNT),
    "menu": f("bool", "Tampilkan di menu profil.", "Show in the profile menu."),
}

DESA = {
    "nama": f("text", "Nama desa.", "Village name.", required=True),
    "sebutan": f("enum", "Sebutan wilayah.", "What the village is called.",
                 choices=("desa", "kelurahan", "nagari", "gampong", "kampung", "desa_adat")),
    "kode_desa": f("text", "Kode desa Kemendagri (10 digit).", "Ministry village code."),
    "kecamatan": f("text", "Kecamatan.", "District.", required=True),
    "kabupaten": f("text", "Kabupaten.", "Regency.", required=True),
    "provinsi": f("text", "Provinsi.", "Province."),
    "kode_pos": f("text", "Kode pos.", "Postal code."),
    "kepala_desa": f("text", "Nama kepala desa.", "Village head."),
    "ringkasan": f("text", "Sambutan singkat di beranda.", "Short welcome on the home page.",
                   max_length=300),
    "alamat_kantor": f("text", "Alamat kantor desa.", "Office address.", required=True),
    "koordinat": obj("Letak kantor desa.", "Office location.", {
        "lat": f("number", "Garis lintang.", "Latitude.", required=True,
                 minimum=-90, maximum=90),
        "lng": f("number", "Garis bujur.", "Longitude.", required=True,
                 minimum=-180, maximum=180),
    }),
    "jam_layanan": listof(obj("Jam buka untuk hari tertentu.", "Opening hours for some days.", {
        "hari": f("text", "Hari, mis. Senin–Kamis.", "Days, e.g. Senin–Kamis.", required=True),
        "buka": f("time", "Jam buka (08.00).", "Opens (08.00).", required=True),
        "tutup": f("time", "Jam tutup (15.00).", "Closes (15.00).", required=True),
        "catatan": f("text", "Catatan.", "Note."),
    }), "Jam pelayanan kantor.", "Office hours.", required=True),
    "libur": listof(f("date", "Tanggal libur (TTTT-BB-HH).", "Holiday (YYYY-MM-DD)."),
                    "Hari libur kantor.", "Office holidays."),
    "zona_waktu": f("enum", "Zona waktu.", "Time zone.", choices=("WIB", "WITA", "WIT")),
    "ppid": obj("Pejabat Pengelola Informasi dan Dokumentasi desa.",
                "The village's information officer.", {
                    "nama": f("text", "Nama.", "Name.", required=True),
                    "jabatan": f("text", "Jabatan.", "Position."),
                }),
    "wilayah": obj("Wilayah desa.", "Village area.", {
        "luas_ha": f("number", "Luas dalam hektare.", "Area in hectares.", minimum=0,
                     maximum=MAX_COUNT),
        "dusun": listof(f("text", "Nama dusun.", "Hamlet."), "Daftar dusun.", "Hamlets."),
    }),
    "telepon": PHONE,
    "whatsapp": PHONE,
    "email": f("email", "Surel desa.", "Village e-mail."),
    "darurat": listof(obj("Nomor darurat.", "Emergency number.", {
        "nama": f("text", "Nama layanan.", "Service.", required=True),
        "telepon": REQUIRED_PHONE,
    }), "Nomor penting dan darurat.", "Emergency numbers."),
    "pengaduan": f("text", "Cara menyampaikan pengaduan.", "How to make a complaint."),
    "visi": f("text", "Visi desa.", "Vision."),
    "misi": listof(f("text", "Satu misi.", "One mission."), "Misi desa.", "Mission."),
    "tema": obj("Warna dan logo desa.", "Village colour and logo.", {
        "warna": f("color", "Warna utama, mis. \"#0b6e4f\".", "Main colour, e.g. \"#0b6e4f\"."),
        "logo": f("file", "Logo di folder media/.", "Logo in media/."),
    }),
    "media_sosial": listof(obj("Akun media sosial.", "Social media account.", {
        "nama": f("text", "Nama layanan.", "Service.", required=True),
        "url": f("url", "Alamat.", "Address.", required=True),
    }), "Media sosial.", "Social media."),
    "base_url": f("url", "Alamat web sendiri desa ini, jika ada.",
                  "This village's own web address, if any."),
    "contoh": f("bool", "true: data contoh, bukan data resmi.", "true: sample data."),
    "publikasi": obj("Tujuan publikasi desa ini sendiri.", "This village's own publish targets.",
                     {}, open=True),
}

COMPRESSION = ("otomatis", "ya", "tidak")  # `kompresi`: automatic, yes, no (assets/hosting.py)

PORTAL = {
    "nama": f("text", "Nama portal.", "Portal name.", required=True),
    "base_url": f("url", "Alamat web portal, mis. https://desa.banyuwangikab.go.id/.",
                  "Portal web address.", required=True),
    "deskripsi": f("text", "Deskripsi portal.", "Portal description."),
    "bahasa": f("enum", "Bahasa utama.", "Main language.", choices=("id", "en")),
    "tema": f("slug", "Nama tema di folder themes/.", "Theme name in themes/."),
    "izinkan_html": f("bool", "true: HTML mentah di Markdown tidak disaring (berisiko).",
                      "true: raw HTML in Markdown is not sanitised (risky)."),
    "per_halaman": f("int", "Jumlah pengumuman per halaman daftar.",
                     "Announcements per list page.", minimum=1, maximum=100),
    "publikasi": obj("Tujuan publikasi.", "Publish targets.", {}, open=True),
    "kompresi": f("enum", "Salinan .gz/.br di samping halaman: otomatis (jika ada tujuan "
                  "publikasi yang memakainya, atau tidak ada tujuan), ya, tidak.",
                  "Precompressed .gz/.br copies beside pages: otomatis (when a publish "
                  "target's host serves them, or no target is named), ya (yes), tidak (no).",
                  choices=COMPRESSION),
    "editor": obj("Editor web di /admin/ untuk relawan (lihat docs/editor-web.md).",
                  "Web editor at /admin/ for volunteers (see docs/en/web-editor.md).", {
                      "git": f("enum", "Tempat repositori.", "Where the repository is.",
                               required=True, choices=("github", "gitlab", "gitea")),
                      "repo": f("text", "Pemilik/nama repositori, mis. desa/portal.",
                                "Owner/name of the repository.", required=True),
                      "cabang": f("text", "Cabang yang diubah (bawaan: cabang utama).",
                                  "Branch to commit to (default: the main branch)."),
                      "alamat": f("url", "Alamat server git sendiri, mis. https://codeberg.org.",
                                  "Address of a self-hosted git server."),
                      "app_id": f("text", "ID aplikasi OAuth untuk masuk dengan PKCE.",
                                  "OAuth application ID for PKCE sign-in."),
                  }),
}

PERANGKAT = {
    "perangkat": listof(obj("Satu pejabat.", "One official.", {
        "nama": f("text", "Nama.", "Name.", required=True),
        "jabatan": f("text", "Jabatan.", "Position.", required=True),
        "lembaga": f("enum", "Lembaga.", "Body.",
                     choices=("pemdes", "bpd", "lpmd", "pkk", "karang_taruna", "bumdes")),
        "masa_jabatan": f("text", "Masa jabatan.", "Term."),
        "profil_singkat": f("text", "Profil singkat (Perki 1/2018 Pasal 2).",
                            "Short profile."),
        "urutan": f("int", "Urutan tampil.", "Display order.", maximum=MAX_COUNT),
        "foto": IMAGE,
    }), "Perangkat desa.", "Village officials.", required=True),
}

BUDGET_LINE = obj("Satu baris anggaran.", "One budget line.", {
    "uraian": f("text", "Uraian.", "Item.", required=True),
    "anggaran": f("rupiah", "Anggaran (rupiah).", "Planned (rupiah).", required=True, minimum=0,
                  maximum=MAX_RUPIAH),
    "realisasi": f("rupiah", "Realisasi (rupiah).", "Realised (rupiah).", minimum=0,
                   maximum=MAX_RUPIAH),
    "sumber": f("text", "Sumber dana (DD, ADD, PAD, ...).", "Source of funds."),
    "kode": f("text", "Kode rekening.", "Account code."),
    "bidang": f("int", "Bidang belanja 1–5 (Permendagri 20/2018).",
                "Spending field 1–5.", minimum=1, maximum=5),
    "arah": f("enum", "Pembiayaan: penerimaan atau pengeluaran.",
              "Financing: incoming or outgoing.", choices=("penerimaan", "pengeluaran")),
    "pembangunan": listof(f("slug", "Slug kegiatan di folder pembangunan/.",
                            "Slug of a project in pembangunan/."),
                          "Kegiatan pembangunan yang dibiayai baris ini.",
                          "Projects this line pays for."),
})
APBDES = {
    "tahun": f("int", "Tahun anggaran (sama dengan tahun di nama berkas).",
               "Fiscal year (the year in the file name).", required=True,
               minimum=2000, maximum=2100, in_file_name=r"apbdes-(\d{4})"),
    "status": f("enum", "Status APBDes.", "Budget status.", choices=("penetapan", "perubahan")),
    "perdes": f("text", "Nomor Perdes APBDes.", "Budget regulation number."),
    "pendapatan": listof(BUDGET_LINE, "Pendapatan.", "Income.", required=True),
    "belanja": listof(BUDGET_LINE, "Belanja.", "Spending.", required=True),
    "pembiayaan": listof(BUDGET_LINE, "Pembiayaan.", "Financing."),
    "diperbarui": COMMON["diperbarui"],
}

STATISTIK = {
    "tanggal_data": f("date", "Tanggal data.", "Date of the data.", required=True),
    "sumber": f("text", "Sumber data.", "Source.", required=True),
    "kelompok": listof(obj("Satu tabel statistik.", "One statistics table.", {
        "judul": f("text", "Judul tabel.", "Table title.", required=True),
        "rincian": listof(obj("Satu baris.", "One row.", {
            "label": f("text", "Label.", "Label.", required=True),
            "jumlah": f("int", "Jumlah.", "Count.", required=True, minimum=0,
                        maximum=MAX_COUNT),
        }), "Baris.", "Rows.", required=True),
    }), "Tabel statistik.", "Statistics tables.", required=True),
}

# Issue 19: what the law and residents expect beyond services and notices.
DOKUMEN = {
    **COMMON,
    "jenis": f("enum", "Jenis dokumen (produk hukum atau perencanaan).",
               "Kind of document (legal product or plan).", required=True,
               choices=("perdes", "perkades", "peraturan_bersama", "sk_kades", "rpjmdes",
                        "rkpdes", "apbdes", "lppd", "lkppd", "laporan", "lainnya")),
    "nomor": f("text", "Nomor dokumen.", "Document number."),
    "tahun": f("int", "Tahun dokumen.", "Year.", required=True, minimum=1945, maximum=2100),
    "tanggal_penetapan": f("date", "Tanggal ditetapkan (TTTT-BB-HH).",
                           "Date enacted (YYYY-MM-DD)."),
    "status": f("enum", "Masih berlaku atau sudah dicabut.", "In force or revoked.",
                choices=("berlaku", "dicabut")),
    "diganti_oleh": f("slug", "Slug dokumen yang menggantikannya (jika dicabut).",
                      "Slug of the document that replaced it (if revoked)."),
    "berkas": f("file", "Berkas dokumen (PDF) di folder media/.",
                "The document file (PDF) in media/."),
}

PEMBANGUNAN = {
    **COMMON,
    "bidang": f("int", "Bidang APBDes 1–5 (Permendagri 20/2018).", "APBDes field 1–5.",
                required=True, minimum=1, maximum=5),
    "tahun_anggaran": f("int", "Tahun anggaran.", "Fiscal year.", required=True,
                        minimum=2000, maximum=2100),
    "lokasi": obj("Lokasi kegiatan.", "Where the work is.", {
        "dusun": f("text", "Dusun.", "Hamlet."),
        "alamat": f("text", "Alamat atau patokan.", "Address or landmark.", required=True),
        "lat": f("number", "Garis lintang.", "Latitude.", minimum=-90, maximum=90),
        "lng": f("number", "Garis bujur.", "Longitude.", minimum=-180, maximum=180),
    }, required=True),
    "anggaran": f("int", "Anggaran (rupiah).", "Budget (rupiah).", required=True, minimum=0,
                  maximum=MAX_RUPIAH),
    "sumber_dana": f("text", "Sumber dana (DD, ADD, PAD, ...).", "Source of funds.",
                     required=True),
    "pelaksana": f("text", "Pelaksana dan penanggung jawab (mis. TPK).",
                   "Who carries it out and answers for it.", required=True),
    "volume": f("number", "Volume pekerjaan.", "Quantity of work.", minimum=0,
                maximum=MAX_COUNT),
    "satuan": f("text", "Satuan volume (meter, unit, ...).", "Unit of the quantity."),
    "mulai": f("date", "Mulai (TTTT-BB-HH).", "Start (YYYY-MM-DD)."),
    "selesai": f("date", "Selesai atau target selesai (TTTT-BB-HH).",
                 "End or planned end (YYYY-MM-DD)."),
    "manfaat": f("text", "Manfaat bagi warga.", "What residents gain."),
    "progres": listof(obj("Satu laporan kemajuan.", "One progress update.", {
        "tanggal": f("date", "Tanggal laporan.", "Date.", required=True),
        "persen": f("int", "Kemajuan dalam persen.", "Percent done.", required=True,
                    minimum=0, maximum=100),
        "catatan": f("text", "Catatan.", "Note."),
        "foto": IMAGE,
    }), "Laporan kemajuan, yang terlama dulu.", "Progress updates, oldest first."),
}

CAPTIONED = obj("Foto dengan keterangan.", "A photo with its caption.", {
    **IMAGE.fields,
    "keterangan": f("text", "Keterangan foto.", "Caption."),
})
GALERI = {
    **COMMON,
    "foto": listof(CAPTIONED, "Foto-foto di album ini.", "The album's photos."),
}

PRODUK = {
    **COMMON,
    "kategori": f("text", "Jenis produk (makanan, kerajinan, ...).", "Kind of product."),
    "harga": f("int", "Harga dalam rupiah.", "Price in rupiah.", required=True, minimum=0,
               maximum=MAX_RUPIAH),
    "satuan": f("text", "Per apa harganya (bungkus, kg, ...).", "Price per (pack, kg, ...)."),
    "penjual": obj("Penjual.", "Seller.", {
        "nama": f("text", "Nama usaha atau penjual.", "Business or seller.", required=True),
        "whatsapp": REQUIRED_PHONE,
        "alamat": f("text", "Alamat usaha.", "Business address."),
    }, required=True),
    "pesan_awal": f("text", "Pesan WhatsApp yang sudah terisi.", "Prefilled message."),
    "foto": listof(IMAGE, "Foto produk.", "Photos."),
}

BANTUAN = {
    "tanggal_data": f("date", "Tanggal data.", "Date of the data.", required=True),
    "sumber": f("text", "Sumber data.", "Source.", required=True),
    "program": listof(obj("Satu program bantuan (angka saja, tanpa nama penerima).",
                          "One aid programme (figures only, no recipients' names).", {
        "nama": f("text", "Nama program (PKH, BLT-DD, ...).", "Programme.", required=True),
        "sumber": f("text", "Asal bantuan (pusat, provinsi, kabupaten, desa).",
                    "Who funds it.", required=True),
        "tahun": f("int", "Tahun.", "Year.", required=True, minimum=2000, maximum=2100),
        "sasaran": f("text", "Sasaran (keluarga, lansia, ...).", "Who it is for."),
        "nilai": f("int", "Nilai per penerima (rupiah).", "Value per recipient (rupiah).",
                   minimum=0, maximum=MAX_RUPIAH),
        "keterangan": f("text", "Keterangan.", "Note."),
        "penerima": listof(obj("Jumlah penerima di satu dusun.", "Recipients in one hamlet.", {
            "dusun": f("text", "Dusun.", "Hamlet.", required=True),
            "jumlah": f("int", "Jumlah penerima.", "Number of recipients.", required=True,
                        minimum=0, maximum=MAX_COUNT),
        }), "Jumlah penerima per dusun.", "Recipients per hamlet.", required=True),
    }), "Program bantuan.", "Aid programmes.", required=True),
}

WILAYAH = {
    "luas_ha": f("number", "Luas desa dalam hektare.", "Area in hectares.", minimum=0,
                 maximum=MAX_COUNT),
    "batas": obj("Batas desa.", "Neighbours.", {
        side: f("text", f"Sebelah {side}.", f"To the {en}.")
        for side, en in (("utara", "north"), ("timur", "east"), ("selatan", "south"),
                         ("barat", "west"))
    }),
    "dusun": listof(obj("Satu dusun.", "One hamlet.", {
        "nama": f("text", "Nama dusun.", "Hamlet.", required=True),
        "kepala_dusun": f("text", "Nama kepala dusun.", "Hamlet head."),
        "penduduk": f("int", "Jumlah penduduk.", "Residents.", minimum=0, maximum=MAX_COUNT),
        "keluarga": f("int", "Jumlah keluarga.", "Households.", minimum=0, maximum=MAX_COUNT),
        "rw": listof(obj("Satu RW.", "One RW.", {
            "nomor": f("text", "Nomor RW.", "RW number.", required=True),
            "rt": listof(f("text", "Nomor RT.", "RT number."), "RT di RW ini.", "RTs."),
        }), "RW di dusun ini.", "RWs in the hamlet."),
        "rt": listof(f("text", "Nomor RT.", "RT number."), "RT yang langsung di bawah dusun "
                     "(tanpa RW).", "RTs directly under the hamlet (no RW)."),
    }), "Dusun, RW dan RT.", "Hamlets, RWs and RTs.", required=True),
}

PAGE_TYPES: dict[str, dict[str, Field]] = {
    "layanan": LAYANAN, "wisata": WISATA, "pengumuman": PENGUMUMAN,
    "agenda": AGENDA, "halaman": HALAMAN,
    "dokumen": DOKUMEN, "pembangunan": PEMBANGUNAN, "galeri": GALERI, "produk": PRODUK,
}
DATA_TYPES: dict[str, dict[str, Field]] = {
    "perangkat": PERANGKAT, "apbdes": APBDES, "statistik": STATISTIK,
    "bantuan": BANTUAN, "wilayah": WILAYAH,
}
FILE_TYPES: dict[str, dict[str, Field]] = {
    "portal": PORTAL, "desa": DESA, **PAGE_TYPES, **DATA_TYPES,
}
