"""The editor's JSON Schemas and the validator agree, because both come from schema.py."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sitekit import write

from kampung.cli import main
from kampung.content import Document, parse_yaml
from kampung.jsonschema import all_schemas, file_schema
from kampung.schema import FILE_TYPES, Field
from kampung.validate import validate


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2: no dates, no yes/no)."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf"))


def validator_accepts(kind: str, text: str, inherit: bool = False) -> bool:
    data, positions, raw = parse_yaml(text)
    _, problems = validate(Document("x", data, positions, raw), FILE_TYPES[kind],
                           inherit=inherit)
    return not problems


def schema_accepts(kind: str, text: str, translation: bool = False) -> bool:
    schema = file_schema(kind, FILE_TYPES[kind], translation=translation)
    return jsonschema.Draft7Validator(schema).is_valid(yaml.load(text, EditorLoader))


PENGUMUMAN = "judul: Rapat RT\ntanggal: 2026-11-20\n"
DESA = """\
nama: Sukamaju
kecamatan: Glagah
kabupaten: Banyuwangi
alamat_kantor: Jl. Raya 1
jam_layanan:
  - {hari: Senin, buka: 08.00, tutup: "15.00"}
"""
CASES = [  # (type, YAML, both accept?)
    ("pengumuman", PENGUMUMAN, True),
    ("pengumuman", PENGUMUMAN + "penting: true\njenis: berita\nberlaku_sampai: 2026-12-01\n",
     True),
    ("pengumuman", PENGUMUMAN + "lampiran:\n  - {file: surat.pdf, judul: Surat}\n", True),
    ("pengumuman", PENGUMUMAN + "tangal: 2026-11-20\n", False),
    ("pengumuman", "tanggal: 2026-11-20\n", False),
    ("pengumuman", PENGUMUMAN + "jenis: darurat\n", False),
    ("pengumuman", PENGUMUMAN + "penting: ya\n", False),
    ("pengumuman", "judul: Rapat\ntanggal: 20-11-2026\n", False),
    ("pengumuman", "judul: Rapat\ntanggal: 2026-13-01\n", False),
    ("pengumuman", f"judul: {'x' * 121}\ntanggal: 2026-11-20\n", False),
    ("pengumuman", PENGUMUMAN + "lampiran: surat.pdf\n", False),
    ("pengumuman", PENGUMUMAN + "slug: Rapat RT\n", False),
    ("agenda", "judul: Posyandu\nmulai: 2026-12-05 08:00\nlokasi: Balai desa\n", True),
    ("agenda", "judul: Posyandu\nmulai: 2026-12-05\nlokasi: Balai desa\n", True),
    ("agenda", "judul: Posyandu\nmulai: besok pagi\nlokasi: Balai desa\n", False),
    ("desa", DESA, True),
    ("desa", DESA + "telepon: 0333421001\nwhatsapp: +62 812 3456 7890\n", True),
    ("desa", DESA + "email: desa@example.id\ntema: {warna: \"#0b6e4f\"}\n", True),
    ("desa", DESA + "email: bukan-surel\n", False),
    ("desa", DESA + "tema: {warna: hijau}\n", False),
    ("desa", DESA + "koordinat: {lat: 100, lng: 114.3}\n", False),
    ("desa", DESA + "zona_waktu: WIBB\n", False),
    ("desa", DESA.replace("buka: 08.00", "buka: 25.00"), False),
    ("desa", DESA.replace("kecamatan: Glagah\n", ""), False),
    ("perangkat", "perangkat:\n  - {nama: Budi, jabatan: Kepala Desa, lembaga: pemdes}\n", True),
    ("perangkat", "perangkat:\n  - {nama: Budi, jabatan: Kepala Desa, lembaga: desa}\n", False),
    ("apbdes", "tahun: 2026\npendapatan: []\nbelanja: []\n", True),
    ("apbdes", "tahun: 1999\npendapatan: []\nbelanja: []\n", False),
    ("portal", "nama: Portal\nbase_url: https://desa.example.id/\n", True),
    ("portal", "nama: Portal\nbase_url: desa.example.id\n", False),
    ("portal", "nama: Portal\nbase_url: https://x.id/\n"
     "publikasi: {situs: {jenis: dir, path: /srv/www}}\n", True),
    ("pengumuman", "judul: Rapat\ntanggal: 2028-02-29\n", True),
    ("pengumuman", "judul: Rapat\ntanggal: 2026-02-29\n", False),
    ("pengumuman", "judul: Rapat\ntanggal: 2100-02-29\n", False),
    ("pengumuman", "judul: Rapat\ntanggal: 2026-06-31\n", False),
    ("agenda", "judul: Ronda\nmulai: 2026-12-05 23:59\nlokasi: Pos\n", True),
    ("agenda", "judul: Ronda\nmulai: 2026-12-05 24:00\nlokasi: Pos\n", False),
    ("desa", DESA.replace('tutup: "15.00"', 'tutup: "24.00"'), True),
    ("desa", DESA.replace('tutup: "15.00"', 'tutup: "24.30"'), False),
]


@pytest.mark.parametrize(("kind", "text", "accepted"), CASES)
def test_the_editor_and_kampung_check_give_the_same_verdict(kind: str, text: str,
                                                             accepted: bool) -> None:
    assert validator_accepts(kind, text) is accepted
    assert schema_accepts(kind, text) is accepted


def test_a_translation_may_leave_out_what_its_original_has() -> None:
    text = "judul: Village meeting\n"
    assert validator_accepts("pengumuman", text, inherit=True)
    assert schema_accepts("pengumuman", text, translation=True)
    assert not schema_accepts("pengumuman", text)


def walk(fields: dict[str, Field], schema: dict[str, Any], where: str) -> None:
    """Every declared field is in the schema, required exactly where declared."""
    assert set(schema["properties"]) == set(fields), where
    required = {name for name, spec in fields.items() if spec.required}
    assert set(schema.get("required", [])) == required, where
    for name, spec in fields.items():
        node = schema["properties"][name]
        assert spec.doc_id in node["description"] and spec.doc_en in node["description"]
        if spec.kind == "list" and spec.item and spec.item.kind == "object":
            walk(dict(spec.item.fields), node["items"], f"{where}.{name}[]")
        elif spec.kind == "object" and spec.fields:
            walk(dict(spec.fields), node, f"{where}.{name}")


def test_every_declared_field_is_in_the_schemas_with_both_languages() -> None:
    schemas = all_schemas()
    for kind, fields in FILE_TYPES.items():
        schema = schemas[f"{kind}.schema.json"]
        jsonschema.Draft7Validator.check_schema(schema)
        walk(fields, schema, kind)


def test_kampung_schema_writes_the_files_and_the_vscode_mapping(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()  # a site (outside one, schema writes only with --output)
    assert main(["schema", "--site", str(tmp_path)]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(all_schemas())
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert mapping["./schemas/desa.schema.json"] == ["content/*/desa.yaml"]
    assert mapping["./schemas/apbdes.schema.json"] == ["content/*/data/apbdes-*.yaml"]
    for target in mapping:
        assert (tmp_path / target).is_file()
    extensions = json.loads((tmp_path / ".vscode/extensions.json").read_text())
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_existing_vscode_settings_are_kept(tmp_path: Path) -> None:
    settings = tmp_path / ".vscode/settings.json"
    settings.parent.mkdir()
    settings.write_text('{"editor.fontSize": 18, "yaml.schemas": {"./lain.json": "x.yaml"}}')
    (tmp_path / "content").mkdir()
    assert main(["schema", "--site", str(tmp_path)]) == 0
    merged = json.loads(settings.read_text())
    assert merged["editor.fontSize"] == 18
    assert merged["yaml.schemas"]["./lain.json"] == "x.yaml"
    assert "./schemas/portal.schema.json" in merged["yaml.schemas"]


def test_settings_with_comments_are_left_alone_and_the_volunteer_is_told(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / ".vscode/settings.json"
    settings.parent.mkdir()
    original = textwrap.dedent("""\
        {
          // ukuran huruf
          "editor.fontSize": 18
        }
        """)
    settings.write_text(original)
    (tmp_path / "content").mkdir()
    assert main(["schema", "--site", str(tmp_path)]) == 0
    assert settings.read_text() == original
    assert "yaml.schemas" in capsys.readouterr().err


def test_the_repository_schemas_are_current() -> None:
    """schemas/ in this repository is generated; regenerate with `kampung schema`."""
    folder = Path(__file__).parents[1] / "schemas"
    for name, schema in all_schemas().items():
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        assert (folder / name).read_text(encoding="utf-8") == text, name


SITE_FILES = {  # a file as a volunteer writes it -> its schema
    "content/sukamaju/pengumuman/rapat.md": "pengumuman",
    "content/sukamaju/agenda/rapat.md": "agenda",
    "content/sukamaju/desa.yaml": "desa",
    "content/portal.yaml": "portal",
}
SERTA_MERTA = "judul: Banjir\ntanggal: 2026-11-25\njenis: serta_merta\npenting: true\n"
BAD_FILES = [  # (file, front matter or YAML, what the judges found)
    ("content/sukamaju/pengumuman/rapat.md", "judul: Rapat\ntanggal: 2026-02-30\n",
     "30 February"),
    ("content/sukamaju/pengumuman/rapat.md", "judul: Rapat\ntanggal: 2026-04-31\n",
     "31 April"),
    ("content/sukamaju/agenda/rapat.md", "judul: Rapat\nmulai: 2026-12-05 24:30\n"
     "lokasi: Balai\n", "half past midnight as 24:30"),
    ("content/sukamaju/desa.yaml", DESA.replace('tutup: "15.00"', 'tutup: "24:30"'),
     "an office closing at 24:30"),
    ("content/sukamaju/pengumuman/rapat.md", SERTA_MERTA, "an emergency notice with no "
     "hazard, area, evacuation or help"),
    ("content/portal.yaml", "nama: Portal\nbase_url: https://uji.example.id/\n"
     "publikasi: {apa: {saja: 1}}\n", "a publish target of no known kind"),
    ("content/portal.yaml", "nama: Portal\nbase_url: https://uji.example.id/\n"
     "publikasi: {situs: {jenis: dir, path: /srv/www, paht: /srv}}\n",
     "a misspelt key of a publish target"),
    ("content/portal.yaml", "nama: Portal\nbase_url: https://uji.example.id/\n"
     "publikasi: {situs: {jenis: ftp, host: ftp.x.id, user: u, password: rahasia}}\n",
     "a password written into the file"),
]


def check_refuses(site: Path, rel: str, text: str) -> bool:
    """`kampung check` on a valid site with this one file changed: does it fail?"""
    write(site, rel, f"---\n{text}---\nIsi.\n" if rel.endswith(".md") else text)
    return main(["check", "--site", str(site)]) == 1


@pytest.mark.parametrize(("rel", "text", "story"), BAD_FILES)
def test_the_editor_refuses_what_kampung_check_refuses(site: Path, rel: str, text: str,
                                                      story: str,
                                                      capsys: pytest.CaptureFixture) -> None:
    assert check_refuses(site, rel, text), story
    assert rel.removeprefix("content/") in capsys.readouterr().err  # named, with its line
    assert not schema_accepts(SITE_FILES[rel], text), story


def test_the_sample_files_pass_both(site: Path) -> None:
    """The files the bad ones were made from pass both, so each verdict is about its fault."""
    assert main(["check", "--site", str(site)]) == 0
    assert schema_accepts("desa", DESA)
    assert schema_accepts("portal", "nama: Portal\nbase_url: https://uji.example.id/\n")
