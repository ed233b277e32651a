"""Example values for new files, in the volunteers' words; `[GANTI]` marks what to replace.

Only values live here; which fields exist comes from `schema.py`. A field without an
example gets a neutral one from `frontmatter.example`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from ..model import slugify

G = "[GANTI]"


def page_values(kind: str, title: str, today: date) -> tuple[dict[str, Any], set[str]]:
    """(values, optional fields written out) for a new page of `kind`."""
    start = datetime.combine(today, time(8, 0))
    common = {"judul": title, "slug": slugify(title), "tanggal": today, "diperbarui": today,
              "ringkasan": f"{G} Satu-dua kalimat tentang {title}.",
              "gambar": {"file": "foto.jpg", "alt": f"{G} Apa yang tampak di foto"},
              "kategori_info_publik": "setiap_saat"}
    values: dict[str, dict[str, Any]] = {
        "layanan": {
            "kelompok": "keterangan",
            "untuk_apa": f"{G} Kegunaan dokumen ini, mis. syarat melamar kerja.",
            "persyaratan": [
                {"nama": f"{G} Fotokopi KTP-el pemohon", "bawa": "fotokopi", "jumlah": 1,
                 "catatan": "Bawa juga yang asli untuk dicocokkan."},
                {"nama": f"{G} Surat pengantar RT/RW", "bawa": "asli"},
            ],
            "prosedur": [f"{G} Datang ke kantor desa membawa persyaratan.",
                         "Petugas memeriksa berkas dan mencatat permohonan.",
                         "Surat ditandatangani kepala desa lalu diserahkan."],
            "biaya": {"nominal": 0, "dasar_hukum": f"{G} Peraturan Desa tentang pungutan",
                      "catatan": "Tidak dipungut biaya."},
            "waktu_penyelesaian": {"nilai": 1, "satuan": "hari_kerja",
                                   "catatan": "Jika berkas lengkap."},
            "produk": f"{G} {title}",
            "pengaduan": f"{G} Kotak pengaduan di kantor desa, WhatsApp desa, atau "
                         "SP4N-LAPOR! di lapor.go.id.",
            "diterbitkan_oleh": "desa", "tempat": f"{G} Loket pelayanan kantor desa",
            "masa_berlaku": f"{G} 6 bulan",
            "online": {"whatsapp": True, "url": "https://example.id/layanan",
                       "pesan_awal": f"Saya ingin mengurus {title}."},
            "dasar_hukum": [f"{G} Nomor dan nama peraturan"],
            "populer": True, "urutan": 10,
        },
        "wisata": {
            "kategori": "alam",
            "lokasi": {"alamat": f"{G} Dusun ..., Desa ...", "lat": -8.2, "lng": 114.3,
                       "petunjuk_arah": f"{G} 2 km dari kantor desa ke arah timur."},
            "jam_buka": f"{G} Setiap hari 07.00–17.00",
            "tiket": [{"untuk": "Dewasa", "harga": 10000}, {"untuk": "Anak-anak",
                                                            "harga": 5000}],
            "fasilitas": [f"{G} Tempat parkir", "Toilet", "Musala"],
            "kontak_pengelola": {"nama": f"{G} Pokdarwis desa", "whatsapp": "0812 0000 0000",
                                 "telepon": "0333 000000"},
            "foto": [{"file": "wisata-1.jpg", "alt": f"{G} Apa yang tampak di foto"}],
            "waktu_terbaik": f"{G} Pagi hari pada musim kemarau",
        },
        "pengumuman": {
            "jenis": "pengumuman", "penting": False,
            "berlaku_sampai": today + timedelta(days=30),
            "lampiran": [{"file": "surat.pdf", "judul": f"{G} Judul lampiran"}],
            "bahaya": f"{G} Banjir", "wilayah_terdampak": [f"{G} Dusun Krajan RT 01"],
            "cara_menghindari": f"{G} Jauhi bantaran sungai.",
            "evakuasi": {"titik_kumpul": f"{G} Balai desa", "rute": f"{G} Lewat jalan desa"},
            "bantuan": [{"nama": "Panggilan darurat", "telepon": "112"}],
            "diumumkan_oleh": f"{G} Kepala Desa",
            "upaya_penanganan": f"{G} Posko didirikan di balai desa.",
        },
        "agenda": {
            "tanggal": today, "mulai": start, "selesai": start + timedelta(hours=3),
            "lokasi": f"{G} Balai desa", "koordinator": f"{G} Nama penanggung jawab",
            "untuk": [f"{G} Seluruh warga"],
            "berulang": {"frekuensi": "bulanan", "hari": "sabtu", "minggu_ke": 2,
                         "sampai": date(today.year, 12, 31)},
        },
        "halaman": {"urutan": 10, "menu": True},
        "dokumen": {"jenis": "perdes", "nomor": f"{G} 1", "tahun": today.year,
                    "tanggal_penetapan": today, "status": "berlaku",
                    "diganti_oleh": "slug-dokumen-pengganti", "berkas": "dokumen.pdf",
                    "kategori_info_publik": "berkala"},
        "pembangunan": {
            "bidang": 2, "tahun_anggaran": today.year,
            "lokasi": {"dusun": f"{G} Krajan", "alamat": f"{G} RT 01 RW 01", "lat": -8.2,
                       "lng": 114.3},
            "anggaran": 0, "sumber_dana": "DD", "pelaksana": f"{G} TPK Desa",
            "volume": 100, "satuan": "meter", "mulai": today, "selesai": today + timedelta(90),
            "manfaat": f"{G} Siapa yang terbantu dan bagaimana.",
            "progres": [{"tanggal": today, "persen": 0, "catatan": f"{G} Pekerjaan dimulai.",
                         "foto": {"file": "sebelum.jpg", "alt": f"{G} Apa yang tampak"}}],
        },
        "galeri": {"foto": [{"file": "foto-1.jpg", "alt": f"{G} Apa yang tampak di foto",
                             "keterangan": f"{G} Keterangan foto"}]},
        "produk": {"kategori": f"{G} Makanan", "harga": 0, "satuan": f"{G} bungkus",
                   "penjual": {"nama": f"{G} Nama usaha", "whatsapp": "0812 0000 0000",
                               "alamat": f"{G} Dusun ..."},
                   "pesan_awal": f"Halo, saya ingin memesan {title}.",
                   "foto": [{"file": "produk.jpg", "alt": f"{G} Apa yang tampak di foto"}]},
    }
    active = {
        "layanan": {"ringkasan", "diperbarui", "untuk_apa", "diterbitkan_oleh", "tempat"},
        "wisata": {"ringkasan", "jam_buka", "fasilitas"},
        "pengumuman": {"ringkasan", "jenis", "penting"},
        "agenda": {"ringkasan", "selesai"},
        "halaman": {"ringkasan", "menu"},
        "dokumen": {"ringkasan", "nomor", "tanggal_penetapan", "status"},
        "pembangunan": {"ringkasan", "volume", "satuan", "mulai", "selesai"},
        "galeri": {"ringkasan", "tanggal"},
        "produk": {"ringkasan", "satuan", "pesan_awal"},
    }
    return {**common, **values[kind]}, active[kind]


BODIES = {
    "layanan": f"{G} Tulis keterangan tambahan di sini, mis. siapa yang boleh mewakili "
               "pemohon.\n",
    "wisata": f"{G} Ceritakan tempat ini: apa yang bisa dilihat dan dilakukan, cara ke "
              "sana, dan hal yang perlu dibawa.\n",
    "pengumuman": f"{G} Tulis isi pengumuman di sini: apa, kapan, di mana, dan siapa yang "
                  "bisa dihubungi.\n",
    "agenda": f"{G} Tulis keterangan kegiatan di sini: apa yang perlu dibawa dan siapa "
              "yang diundang.\n",
    "halaman": f"{G} Tulis isi halaman di sini. Pakai baris kosong di antara paragraf.\n\n"
               f"## {G} Subjudul\n\nIsi bagian ini.\n",
    "dokumen": f"{G} Ringkas isi dokumen ini dalam bahasa sehari-hari.\n",
    "pembangunan": f"{G} Ceritakan kegiatan ini: apa yang dikerjakan dan ke mana warga "
                   "bertanya.\n",
    "galeri": f"{G} Ceritakan kegiatan yang ada di foto-foto ini.\n",
    "produk": f"{G} Ceritakan produk ini: bahan, cara membuat, cara memesan.\n",
}


def village_values(name: str, today: date) -> tuple[dict[str, Any], set[str]]:
    """(values, optional fields written out) for a new village's desa.yaml."""
    values = {
        "nama": name, "sebutan": "desa", "kode_desa": f"{G} 3510000000",
        "kecamatan": f"{G} Nama kecamatan", "kabupaten": f"{G} Nama kabupaten",
        "provinsi": f"{G} Nama provinsi", "kode_pos": f"{G} 68400",
        "kepala_desa": f"{G} Nama kepala desa",
        "ringkasan": f"{G} Sambutan singkat di beranda: satu-dua kalimat tentang desa ini.",
        "alamat_kantor": f"{G} Jl. ... No. ..., Desa {name}",
        "koordinat": {"lat": -8.2, "lng": 114.3},
        "jam_layanan": [{"hari": "Senin–Kamis", "buka": "08.00", "tutup": "15.00",
                         "catatan": "Istirahat 12.00–13.00"},
                        {"hari": "Jumat", "buka": "08.00", "tutup": "11.00"}],
        "zona_waktu": "WIB", "telepon": "0333 000000", "whatsapp": "0812 0000 0000",
        "email": "desa@example.id",
        "darurat": [{"nama": "Panggilan darurat", "telepon": "112"},
                    {"nama": "Polisi", "telepon": "110"},
                    {"nama": "Pemadam kebakaran", "telepon": "113"},
                    {"nama": "Ambulans (PSC)", "telepon": "119"}],
        "pengaduan": f"{G} Datang ke kantor desa, kirim WhatsApp, atau lewat SP4N-LAPOR! "
                     "di lapor.go.id.",
        "visi": f"{G} Visi desa",
        "misi": [f"{G} Misi pertama", f"{G} Misi kedua"],
        "tema": {"warna": "#0b6e4f", "logo": "logo.png"},
        "media_sosial": [{"nama": "Facebook", "url": "https://facebook.com/desa"}],
        "base_url": "https://desa.example.id/", "contoh": False,
    }
    active = {"sebutan", "provinsi", "kepala_desa", "ringkasan", "zona_waktu", "darurat",
              "pengaduan", "visi", "misi"}
    return values, active


def data_values(kind: str, today: date) -> tuple[dict[str, Any], set[str]]:
    """(values, optional fields written out) for a data file: perangkat, statistik, apbdes."""
    zero = {"anggaran": 0, "realisasi": 0}
    values: dict[str, dict[str, Any]] = {
        "perangkat": {"perangkat": [
            {"nama": f"{G} Nama kepala desa", "jabatan": "Kepala Desa", "lembaga": "pemdes",
             "masa_jabatan": f"{G} 2025–2031"},
            {"nama": f"{G} Nama sekretaris desa", "jabatan": "Sekretaris Desa",
             "lembaga": "pemdes"},
        ]},
        "statistik": {
            "tanggal_data": today, "sumber": f"{G} Data kependudukan desa",
            "kelompok": [{"judul": "Jumlah penduduk", "rincian": [
                {"label": "Laki-laki", "jumlah": 0}, {"label": "Perempuan", "jumlah": 0}]}],
        },
        "apbdes": {
            "tahun": today.year, "status": "penetapan",
            "perdes": f"{G} Perdes Nomor ... Tahun {today.year}",
            "pendapatan": [{"uraian": "Dana Desa", "anggaran": 0, "sumber": "DD"},
                           {"uraian": "Alokasi Dana Desa", "anggaran": 0, "sumber": "ADD"},
                           {"uraian": "Pendapatan Asli Desa", "anggaran": 0, "sumber": "PAD"}],
            "belanja": [{"uraian": bidang, **zero} for bidang in (
                "Bidang Penyelenggaraan Pemerintahan Desa",
                "Bidang Pelaksanaan Pembangunan Desa",
                "Bidang Pembinaan Kemasyarakatan Desa",
                "Bidang Pemberdayaan Masyarakat Desa",
                "Bidang Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa")],
            "pembiayaan": [{"uraian": "Penerimaan pembiayaan", "anggaran": 0}],
            "diperbarui": today,
        },
        "bantuan": {"tanggal_data": today, "sumber": f"{G} Data penyaluran kantor desa",
                    "program": [{"nama": f"{G} BLT Dana Desa", "sumber": "desa",
                                 "tahun": today.year, "sasaran": f"{G} Keluarga miskin",
                                 "nilai": 0, "keterangan": f"{G} Keterangan",
                                 "penerima": [{"dusun": f"{G} Krajan", "jumlah": 0}]}]},
        "wilayah": {"luas_ha": 0, "batas": {side: f"{G} Desa ..." for side in (
                        "utara", "timur", "selatan", "barat")},
                    "dusun": [{"nama": f"{G} Krajan", "kepala_dusun": f"{G} Nama",
                               "penduduk": 0, "keluarga": 0,
                               "rw": [{"nomor": "01", "rt": ["01", "02"]}]}]},
    }
    active = {"perangkat": set(), "statistik": set(), "apbdes": {"status", "perdes",
                                                                 "diperbarui"},
              "bantuan": {"sasaran"}, "wilayah": {"luas_ha", "batas"}}
    return values[kind], active[kind]
