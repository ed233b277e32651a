"""A seeded, realistic village corpus of any size, as plain records.

`corpus(pages, seed)` returns villages of 100 pages each (services, announcements,
events, tourism, free pages) with bodies of 300-800 words holding lists, a table and
links to sibling pages. The same seed always gives the same corpus; `writers.py`
writes it out for Kampung and for the peer generators.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

PAGES_PER_VILLAGE = 100
MIX = {"layanan": 20, "pengumuman": 40, "agenda": 15, "wisata": 10, "halaman": 15}
START = date(2025, 1, 1)
def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "warga desa kantor pelayanan surat keterangan kepala dusun rukun tetangga musyawarah "
    "anggaran pembangunan jalan irigasi sawah panen kopi posyandu balita lansia bidan "
    "puskesmas sekolah madrasah masjid balai pertemuan gotong royong kerja bakti bantuan "
    "sosial beras tunai data penduduk kartu keluarga akta kelahiran nikah pindah datang "
    "jadwal kegiatan pelatihan pemuda karang taruna koperasi usaha kecil pasar hasil bumi "
    "wisata budaya tari barong kesenian adat osing ijen air terjun hutan kebun tanaman "
    "pupuk benih pengairan sungai banjir longsor siaga bencana posko relawan kesehatan "
    "imunisasi gizi air bersih sanitasi listrik internet pemerintah kecamatan kabupaten"
)
FIRST = _words("Budi Siti Agus Dewi Eko Sri Joko Rina Hadi Wati Bambang Yuni Slamet Nur")
LAST = _words("Santoso Rahayu Wibowo Lestari Susanto Handayani Prasetyo Setiawan Utami")


@dataclass
class Doc:
    """One page: section, slug, front matter (Kampung's field names) and Markdown body."""

    section: str
    slug: str
    meta: dict[str, Any]
    body: str


@dataclass
class Village:
    slug: str
    profile: dict[str, Any]
    data: dict[str, dict[str, Any]]  # data/<name>.yaml
    docs: list[Doc] = field(default_factory=list)


def corpus(pages: int, seed: int = 1) -> list[Village]:
    """Villages holding `pages` pages in all (100 a village; the last may hold fewer)."""
    rng = random.Random(seed)
    villages = []
    for number in range((pages + PAGES_PER_VILLAGE - 1) // PAGES_PER_VILLAGE):
        count = min(PAGES_PER_VILLAGE, pages - number * PAGES_PER_VILLAGE)
        villages.append(_village(rng, number, count))
    return villages


def _village(rng: random.Random, number: int, count: int) -> Village:
    slug = f"desa-{number:05d}"
    name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {number}"
    village = Village(slug, _profile(rng, name), _data(rng))
    plan = [kind for kind, n in MIX.items() for _ in range(n)][:count]
    slugs = {kind: [f"{kind}-{i:03d}" for i in range(plan.count(kind))] for kind in MIX}
    slugs = {kind: names for kind, names in slugs.items() if names}
    counters = dict.fromkeys(MIX, 0)
    for kind in plan:
        index = counters[kind]
        counters[kind] += 1
        village.docs.append(Doc(kind, slugs[kind][index], _meta(rng, kind, index),
                                _body(rng, kind, slugs)))
    return village


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6))).title()


def _phone(rng: random.Random) -> str:
    return f"0812 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"


def _profile(rng: random.Random, name: str) -> dict[str, Any]:
    return {
        "nama": name, "sebutan": "desa", "kecamatan": rng.choice(WORDS).title(),
        "kabupaten": "Banyuwangi", "provinsi": "Jawa Timur", "kepala_desa": _person(rng),
        "ringkasan": _sentence(rng, 20), "alamat_kantor": f"Jl. {_title(rng)} No. 1",
        "koordinat": {"lat": round(rng.uniform(-8.6, -8.0), 5),
                      "lng": round(rng.uniform(114.0, 114.4), 5)},
        "zona_waktu": "WIB",
        "jam_layanan": [{"hari": "Senin–Kamis", "buka": "08.00", "tutup": "15.00"},
                        {"hari": "Jumat", "buka": "08.00", "tutup": "11.00"}],
        "telepon": f"0333 {rng.randint(100000, 999999)}", "whatsapp": _phone(rng),
        "darurat": [{"nama": "Ambulans", "telepon": "118"},
                    {"nama": "Bidan desa", "telepon": _phone(rng)}],
        "pengaduan": _sentence(rng, 25), "visi": _sentence(rng, 15),
        "misi": [_sentence(rng, 10) for _ in range(4)],
        "tema": {"warna": "#0b6e4f", "logo": "logo.png"},
    }


def _data(rng: random.Random) -> dict[str, dict[str, Any]]:
    def lines(n: int) -> list[dict[str, Any]]:
        return [{"uraian": _title(rng), "anggaran": rng.randint(10, 900) * 1_000_000,
                 "realisasi": rng.randint(5, 900) * 1_000_000, "sumber": "DD"}
                for _ in range(n)]
    return {
        "perangkat": {"perangkat": [{"nama": _person(rng), "jabatan": _title(rng),
                                     "lembaga": "pemdes"} for _ in range(10)]},
        "apbdes-2026": {"tahun": 2026, "status": "penetapan", "pendapatan": lines(5),
                        "belanja": lines(12)},
        "statistik": {"tanggal_data": date(2026, 6, 30), "sumber": "Profil desa",
                      "kelompok": [{"judul": _title(rng), "rincian": [
                          {"label": _title(rng), "jumlah": rng.randint(10, 4000)}
                          for _ in range(6)]} for _ in range(3)]},
    }


def _meta(rng: random.Random, kind: str, index: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"judul": _title(rng), "ringkasan": _sentence(rng, 18)}
    day = START + timedelta(days=rng.randint(0, 690))
    if kind == "layanan":
        meta.update(kelompok=rng.choice(["adminduk", "keterangan", "pengantar"]),
                    persyaratan=[{"nama": _title(rng), "bawa": "fotokopi"} for _ in range(3)],
                    prosedur=[_sentence(rng, 10) for _ in range(4)],
                    biaya={"nominal": rng.choice([0, 0, 10000])},
                    waktu_penyelesaian={"nilai": rng.randint(1, 5), "satuan": "hari_kerja"},
                    produk=_title(rng), pengaduan=_sentence(rng, 12), diperbarui=day,
                    populer=index < 4)
    elif kind == "pengumuman":
        meta.update(tanggal=day, jenis=rng.choice(["berita", "pengumuman"]))
        if rng.random() < 0.3:
            meta["berlaku_sampai"] = day + timedelta(days=rng.randint(5, 60))
    elif kind == "agenda":
        meta.update(mulai=f"{day.isoformat()} 08:00", selesai=f"{day.isoformat()} 11:00",
                    lokasi=f"Balai {_title(rng)}", koordinator=_person(rng))
    elif kind == "wisata":
        meta.update(kategori=rng.choice(["alam", "budaya", "kuliner"]),
                    lokasi={"alamat": f"Dusun {_title(rng)}"}, jam_buka="Setiap hari 07.00–17.00",
                    tiket=[{"untuk": "Dewasa", "harga": 10000}], fasilitas=["Parkir", "Toilet"])
    else:
        meta.update(urutan=index, menu=index < 3, diperbarui=day)
    return meta


def _body(rng: random.Random, kind: str, slugs: dict[str, list[str]]) -> str:
    target = rng.randint(300, 800)
    parts: list[str] = []
    words = 0
    while words < target:
        roll = rng.random()
        if roll < 0.15:
            items = [_sentence(rng, rng.randint(5, 12)) for _ in range(rng.randint(3, 6))]
            parts.append("\n".join(f"- {item}" for item in items))
            words += sum(len(item.split()) for item in items)
        elif roll < 0.22:
            rows = [f"| {_title(rng)} | {rng.randint(1, 500)} | Rp{rng.randint(1, 99)}.000 |"
                    for _ in range(rng.randint(3, 6))]
            parts.append("| Uraian | Jumlah | Biaya |\n|---|---:|---:|\n" + "\n".join(rows))
            words += 4 * len(rows)
        elif roll < 0.3:
            parts.append(f"## {_title(rng)}")
            words += 4
        else:
            sentences = [_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6))]
            other = rng.choice(list(slugs))
            link = f"[{rng.choice(WORDS)}](../{other}/{rng.choice(slugs[other])}.md)"
            parts.append(" ".join(sentences) + f" Lihat juga {link}.")
            words += sum(len(s.split()) for s in sentences)
    return "\n\n".join(parts) + "\n"
