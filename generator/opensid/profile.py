"""desa.yaml, the officials, the dusun/RW/RT list and the boundary map."""

from __future__ import annotations

import json
import math
import re
from itertools import groupby
from typing import Any

from ..validate import COLOR_RE, EMAIL_RE, PHONE_RE
from .dump import key
from .files import HEADER, yaml_text
from .source import G, Source, from_json, integer, on, text, title_case

SEBUTAN = ("desa", "kelurahan", "nagari", "gampong", "kampung", "desa_adat")
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}
NONE = ("", "0", "-")  # how OpenSID writes "no RW" or "no RT"


def desa(src: Source) -> None:
    config, settings = src.config, {r.get("key"): r.get("value")
                                    for r in src.rows("setting_aplikasi", "key", "value")}
    profile: dict[str, Any] = {
        "nama": text(config.get("nama_desa")) or f"{G} Nama desa",
        "sebutan": _choice(settings.get("sebutan_desa"), SEBUTAN, "desa"),
        "kode_desa": text(config.get("kode_desa")),
        "kecamatan": text(config.get("nama_kecamatan")) or f"{G} Nama kecamatan",
        "kabupaten": text(config.get("nama_kabupaten")) or f"{G} Nama kabupaten",
        "provinsi": text(config.get("nama_propinsi")),
        "kode_pos": text(config.get("kode_pos")),
        "kepala_desa": kepala_desa(src),
        "ringkasan": f"{G} Sambutan singkat di beranda: satu-dua kalimat tentang desa ini.",
        "alamat_kantor": text(config.get("alamat_kantor")) or f"{G} Alamat kantor desa",
        "koordinat": _point(config.get("lat"), config.get("lng")),
        "zona_waktu": _zone(text(config.get("kode_propinsi"))[:2]),
        "jam_layanan": office_hours(src),
        "telepon": _valid(config.get("telepon"), PHONE_RE),
        "email": _valid(config.get("email_desa"), EMAIL_RE),
        "pengaduan": f"{G} Cara warga menyampaikan pengaduan (kantor, WhatsApp, SP4N-LAPOR!).",
        "darurat": [{"nama": "Panggilan darurat", "telepon": "112"}],
        "tema": {k: v for k, v in (("warna", _valid(config.get("warna"), COLOR_RE)),
                                   ("logo", src.copy_media(config.get("logo"), "logo",
                                                           "upload/logo"))) if v},
        "media_sosial": [{"nama": text(r.get("nama")), "url": text(r.get("link"))}
                         for r in src.rows("media_sosial")
                         if on(r.get("enabled")) and
                         text(r.get("link")).startswith(("http://", "https://"))],
    }
    kept = {k: v for k, v in profile.items() if v not in ("", None, {}, [])}
    src.add("desa.yaml", yaml_text(kept, HEADER), "desa")


def _choice(value: Any, choices: tuple[str, ...], default: str) -> str:
    word = text(value).lower().replace(" ", "_")
    return word if word in choices else default


def _valid(value: Any, pattern: re.Pattern[str]) -> str:
    value = text(value)
    return value if pattern.match(value) else ""


def _point(lat: Any, lng: Any) -> dict[str, float] | None:
    try:
        point = {"lat": round(float(lat), 6), "lng": round(float(lng), 6)}
    except (TypeError, ValueError):
        return None
    return point if abs(point["lat"]) <= 90 and abs(point["lng"]) <= 180 else None


def _zone(province: str) -> str:
    return "WITA" if province in WITA else "WIT" if province in WIT else "WIB"


def office_hours(src: Source) -> list[dict[str, str]]:
    """Working days with equal hours grouped: [{hari: 'Senin–Kamis', buka, tutup}]."""
    days = [r for r in src.rows("kehadiran_jam_kerja", "nama_hari", "jam_masuk", "jam_keluar")
            if on(r.get("status"))]
    hours = []
    for (start, end), group in groupby(days, key=lambda r: (r["jam_masuk"], r["jam_keluar"])):
        names = [text(r["nama_hari"]) for r in group]
        label = names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"
        hours.append({"hari": label, "buka": _hhmm(start), "tutup": _hhmm(end)})
    if hours and all(h["buka"] and h["tutup"] for h in hours):
        return hours
    src.report.skip("kehadiran_jam_kerja", "no_hours")
    return [{"hari": f"{G} Senin–Jumat", "buka": "08.00", "tutup": "15.00"}]


def _hhmm(value: Any) -> str:
    match = re.match(r"^(\d{1,2})[:.](\d{2})", text(value))
    return f"{int(match[1]):02d}.{match[2]}" if match else ""


def officials(src: Source) -> list[dict[str, Any]]:
    """Active officials: name, position and order only (never NIK, NIP, PIN, birth date)."""
    residents = src.by_id("tweb_penduduk")
    positions = {key(r.get("id")): text(r.get("nama")) for r in src.rows("ref_jabatan")}
    found = []
    for row in src.rows("tweb_desa_pamong"):
        if not on(row.get("pamong_status")):
            continue
        resident = residents.get(key(row.get("id_pend")), {})
        name = text(row.get("pamong_nama")) or text(resident.get("nama"))
        position = text(row.get("jabatan")) or positions.get(key(row.get("jabatan_id")), "")
        if not name or not position:
            src.report.skip(f"tweb_desa_pamong {row.get('pamong_id')}", "official_incomplete")
            continue
        person: dict[str, Any] = {"nama": title_case(name), "jabatan": position,
                                  "lembaga": "bpd" if "BPD" in position.upper() else "pemdes"}
        if integer(row.get("urut")) is not None:
            person["urutan"] = integer(row["urut"])
        photo = src.copy_media(row.get("foto"), "upload/user_pict")
        if photo:
            person["foto"] = {"file": photo, "alt": f"Foto {person['nama']}, {position}"}
        found.append(person)
    return found


def kepala_desa(src: Source) -> str:
    heads = [p["nama"] for p in officials(src) if p["jabatan"].lower() == "kepala desa"]
    return heads[0] if heads else ""


def perangkat(src: Source) -> None:
    people = officials(src)
    if people:
        src.add("data/perangkat.yaml", yaml_text({"perangkat": people}, HEADER), "perangkat",
                len(people))


def clusters(src: Source) -> dict[Any, str]:
    """Every cluster id (dusun, RW or RT row) -> the name of its dusun."""
    return {key(r.get("id")): title_case(r.get("dusun")) for r in src.rows("tweb_wil_clusterdesa")
            if text(r.get("dusun")) not in ("", "-")}


def wilayah(src: Source, people: dict[str, dict[str, int]]) -> None:
    """Dusun with their RWs and RTs ('-' and '0' are OpenSID's "none"), and their counts."""
    rows = src.rows("tweb_wil_clusterdesa", "dusun", "rw", "rt")
    hamlets: dict[str, dict[str, Any]] = {}
    for row in rows:
        name, rw, rt = title_case(row["dusun"]), text(row["rw"]), text(row["rt"])
        if name in ("", "-"):
            continue
        hamlet = hamlets.setdefault(name, {"nama": name, "rw": {}, "rt": []})
        rts = hamlet["rw"].setdefault(rw, []) if rw not in NONE else hamlet["rt"]
        if rt not in NONE and rt not in rts:
            rts.append(rt)
    if not hamlets:
        return
    listed = []
    for hamlet in hamlets.values():
        counts = people.get(hamlet["nama"], {})
        entry = {"nama": hamlet["nama"], **counts,
                 "rw": [{"nomor": rw, "rt": sorted(rts)}
                        for rw, rts in sorted(hamlet["rw"].items())],
                 "rt": sorted(hamlet["rt"])}
        listed.append({k: v for k, v in entry.items() if v != []})
    src.add("data/wilayah.yaml", yaml_text({"dusun": listed}, HEADER), "wilayah", len(listed))
    _map(src, rows)


def _map(src: Source, rows: list[dict[str, Any]]) -> None:
    """config.path and each dusun's path ([[lat, lng], ...] in OpenSID) as GeoJSON."""
    features = []
    for name, kind, path in [(text(src.config.get("nama_desa")), "desa", src.config.get("path")),
                             *[(title_case(r["dusun"]), "dusun", r.get("path")) for r in rows
                               if text(r["rw"]) in ("0", "") and text(r["rt"]) in ("0", "")]]:
        rings = _rings(path)
        if rings:
            features.append({"type": "Feature", "properties": {"nama": name, "jenis": kind},
                             "geometry": {"type": "MultiPolygon", "coordinates": rings}})
        elif text(path):
            src.report.skip(f"peta {name}", "bad_path")
    if features:
        src.add("data/peta.geojson", json.dumps({"type": "FeatureCollection",
                                                 "features": features}) + "\n", "peta")


def _rings(path: Any) -> list[list[list[list[float]]]]:
    data = from_json(path)
    try:
        while isinstance(data[0][0], list):
            data = data[0]  # OpenSID nests [[[[lat, lng], ...]]]: down to the ring
        ring = [[float(lng), float(lat)] for lat, lng in data]
    except (TypeError, ValueError, IndexError, KeyError):
        return []
    if not all(math.isfinite(lng) and abs(lng) <= 180 and math.isfinite(lat) and abs(lat) <= 90
               for lng, lat in ring):
        return []
    return [[ring + ring[:1]]] if len(ring) >= 3 else []
