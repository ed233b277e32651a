"""A small portal with everything issue 7 shows: a recurring posyandu, a budget, statistics,
an emergency notice, a tourism page with a photo, services residents search for."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sitekit import announcement, make_site, write

NOW = "2026-11-28T09:00"
AKTA = """\
---
judul: Akta Kelahiran
ringkasan: Akta kelahiran untuk bayi yang baru lahir, gratis.
kelompok: adminduk
kategori_info_publik: setiap_saat
persyaratan:
  - {nama: Surat keterangan lahir dari bidan atau rumah sakit, bawa: asli}
  - {nama: Kartu Keluarga, bawa: fotokopi, jumlah: 1}
  - {nama: KTP-el kedua orang tua, bawa: fotokopi, jumlah: 2}
prosedur: [Bawa syarat ke kantor desa, Petugas mengirim berkas ke Dispendukcapil]
biaya: {nominal: 0}
waktu_penyelesaian: {nilai: 7, satuan: hari_kerja}
produk: Kutipan akta kelahiran
pengaduan: WhatsApp desa
---
Pelaporan kelahiran paling lambat 60 hari.
"""
PINDAH = """\
---
judul: Surat Keterangan Pindah
kelompok: adminduk
persyaratan:
  - {nama: Kartu Keluarga, bawa: asli}
prosedur: [Datang ke kantor desa]
biaya: {nominal: 0}
waktu_penyelesaian: {nilai: 1, satuan: hari_kerja}
produk: Surat pindah (SKPWNI)
pengaduan: WhatsApp desa
---
Untuk warga yang pindah domisili ke luar kabupaten.
"""
POSYANDU = """\
---
judul: Posyandu Balita
ringkasan: Penimbangan dan imunisasi balita.
mulai: 2026-01-13 08:00
selesai: 2026-01-13 11:00
lokasi: Balai Dusun Krajan
koordinator: Bu Endah
berulang: {frekuensi: bulanan, hari: selasa, minggu_ke: 2, sampai: 2026-12-31}
---
Bawa buku KIA.
"""
MUSDES = """\
---
judul: Musyawarah Desa RKPDes 2027
mulai: 2026-12-05 19:00
selesai: 2026-12-05 22:00
lokasi: Balai Desa
diperbarui: 2026-11-20
---
Terbuka untuk semua warga.
"""
BANJIR = """\
---
judul: Waspada Banjir di Dusun Krajan
tanggal: 2026-11-25
jenis: serta_merta
penting: true
berlaku_sampai: 2026-12-31
bahaya: Banjir dari luapan sungai
wilayah_terdampak: [Dusun Krajan RT 01]
cara_menghindari: Pindahkan barang ke tempat tinggi.
bantuan: [{nama: Posko desa, telepon: "0812 0000 2222"}]
diumumkan_oleh: Kepala Desa
evakuasi: {titik_kumpul: Balai Desa}
upaya_penanganan: Posko desa dibuka 24 jam.
---
Warga diminta waspada.
"""
WISATA = """\
---
judul: Sawah Terasering
ringkasan: Pemandangan sawah berundak di lereng gunung.
kategori: alam
lokasi: {alamat: Dusun Krajan, lat: -8.2, lng: 114.3}
foto:
  - {file: sawah.jpg, alt: Sawah berundak hijau}
---
Indah saat pagi.
"""
APBDES = """\
tahun: 2026
status: penetapan
perdes: Perdes No. 1 Tahun 2026
pendapatan:
  - {uraian: Dana Desa, anggaran: 1050000000, realisasi: 630000000, sumber: DD}
  - {uraian: Alokasi Dana Desa, anggaran: 450000000, realisasi: 225000000, sumber: ADD}
belanja:
  - {uraian: Penyelenggaraan Pemerintahan Desa, anggaran: 600000000, realisasi: 300000000}
  - {uraian: "Pembangunan Desa, termasuk \\"jalan\\"", anggaran: 700000000, realisasi: 350000000}
  - {uraian: Penanggulangan Bencana – Siaga Darurat, anggaran: 50000000}
"""
STATISTIK = """\
tanggal_data: 2026-06-30
sumber: Data kependudukan desa
kelompok:
  - judul: Jenis kelamin
    rincian:
      - {label: Laki-laki, jumlah: 1203}
      - {label: Perempuan, jumlah: 1251}
  - judul: Kelompok umur
    rincian:
      - {label: 0–14 tahun (balita & anak), jumlah: 512}
      - {label: 15-64 tahun, jumlah: 1642}
      - {label: 65 tahun ke atas, jumlah: 300}
"""


WARIS = "---\njudul: Surat Keterangan Ahli Waris\nkelompok: keterangan\npersyaratan:\n" + "".join(
    f"  - {{nama: {name}, bawa: fotokopi, jumlah: 2}}\n" for name in (
        "KTP-el semua ahli waris", "Kartu Keluarga almarhum", "Kartu Keluarga ahli waris",
        "Akta kematian", "Surat nikah almarhum", "Akta kelahiran setiap ahli waris",
        "Surat pernyataan ahli waris bermeterai", "Surat pengantar RT dan RW",
        "Dua orang saksi dengan KTP-el", "Sertifikat tanah atau buku tabungan",
        "Surat kuasa jika diwakilkan", "Bukti lunas PBB tahun berjalan",
        "Silsilah keluarga yang ditandatangani ahli waris", "Pas foto 3x4 dua lembar")) + \
    "prosedur:\n" + "".join(f"  - Langkah {n}, petugas memeriksa dan mencatat berkas\n"
                             for n in range(1, 9)) + \
    "biaya: {nominal: 0}\nwaktu_penyelesaian: {nilai: 3, satuan: hari_kerja}\n" \
    "produk: Surat keterangan ahli waris\npengaduan: Kepala desa\n---\nDibuat di kantor desa.\n"
RONDA = """\
---
judul: Ronda Malam
mulai: 2026-12-01 21:00
selesai: 2026-12-01 23:00
lokasi: Pos Kamling RT 02
berulang: {frekuensi: mingguan, hari: selasa}
---
Giliran jaga.
"""


def make_extras_site(root: Path) -> Path:
    """Two villages: Sukamaju (WIB, everything) and Sumberrejo (WITA, a weekly event)."""
    make_site(root, villages=("sukamaju", "sumberrejo"))
    other = root / "content" / "sumberrejo" / "desa.yaml"
    profile = other.read_text().replace("kecamatan: Glagah", "kecamatan: Songgon")
    other.write_text(profile + "zona_waktu: WITA\n", encoding="utf-8")
    write(root, "content/sumberrejo/agenda/ronda.md", RONDA)
    write(root, "content/sumberrejo/pengumuman/air.md", announcement(
        "Air PDAM mati", "2026-11-27", "penting: true\nberlaku_sampai: 2026-12-02"))
    village = root / "content" / "sukamaju"
    write(root, "content/sukamaju/layanan/akta-kelahiran.md", AKTA)
    write(root, "content/sukamaju/layanan/surat-pindah.md", PINDAH)
    write(root, "content/sukamaju/layanan/ahli-waris.md", WARIS)
    write(root, "content/sukamaju/agenda/posyandu.md", POSYANDU)
    write(root, "content/sukamaju/agenda/musdes.md", MUSDES)
    write(root, "content/sukamaju/pengumuman/banjir.md", BANJIR)
    write(root, "content/sukamaju/wisata/sawah.md", WISATA)
    write(root, "content/sukamaju/data/apbdes-2026.yaml", APBDES)
    write(root, "content/sukamaju/data/statistik.yaml", STATISTIK)
    write(root, "content/sukamaju/halaman/rpjmdes.md", "---\njudul: RPJMDes 2025-2030\n"
          "kategori_info_publik: berkala\ndiperbarui: 2026-02-01\n---\nRencana enam tahun.\n")
    write(root, "content/sukamaju/halaman/penerima-blt.md", "---\njudul: Data pribadi penerima "
          "BLT\nkategori_info_publik: dikecualikan\n---\nNama dan NIK tidak dibuka (UU PDP).\n")
    (village / "media").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 1200), (40, 140, 60)).save(village / "media" / "sawah.jpg")
    Image.new("RGBA", (512, 512), (200, 0, 0, 255)).save(village / "media" / "logo.png")
    desa = village / "desa.yaml"
    desa.write_text(desa.read_text() + "tema: {warna: \"#8a1c1c\", logo: logo.png}\n"
                    "zona_waktu: WIB\n", encoding="utf-8")
    return root
