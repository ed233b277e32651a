"""The editor's config is made from the schema and is what Sveltia CMS itself accepts."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kampung import jsonschema as jsonschema_module
from kampung import schema
from kampung.cms import config as config_module
from kampung.cms.config import cms_config
from kampung.cms.page import BUNDLE, VERSION, admin_files
from kampung.jsonschema import FILE_GLOBS
from kampung.model import load_site

from .cmskit import REPO, cms_package

NOW = datetime(2026, 11, 28, 9, 0)


def site_config(site_root: Path) -> dict[str, Any]:
    site, _ = load_site(site_root / "content", NOW)
    assert site is not None
    return cms_config(site.portal, [(v.slug, v.profile["nama"]) for v in site.villages])


def cms_errors(config: dict[str, Any]) -> list[str]:
    """What the CMS's own config JSON Schema (from its npm package) says is wrong."""
    spec = json.loads((cms_package() / "schema" / "sveltia-cms.json").read_text())
    validator = jsonschema.validators.validator_for(spec)(spec)
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(config)]


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(f for f in fields if f["name"] == name)


@pytest.mark.slow  # the CMS schema is large: seconds per validation
def test_the_sample_portals_config_is_valid_for_the_cms() -> None:
    assert cms_errors(site_config(REPO)) == []


@pytest.mark.slow  # the CMS schema is large: seconds per validation
def test_a_new_sites_config_is_valid_for_the_cms(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "kampung", "init", str(tmp_path / "baru"),
                    "--desa", "sukamaju"], check=True, capture_output=True)
    config = site_config(tmp_path / "baru")
    assert cms_errors(config) == []
    assert {c["name"] for c in config["collections"]} >= {"sukamaju-profil",
                                                          "sukamaju-pengumuman"}


@pytest.mark.slow
def test_the_cms_schema_is_strict_enough_to_catch_a_wrong_config(site: Path) -> None:
    config = site_config(site)
    collection(config, "sukamaju-layanan")["fields"][0]["widgit"] = "string"
    assert cms_errors(config)


def test_every_village_has_every_file_type(site: Path) -> None:
    config = site_config(site)
    names = {c["name"] for c in config["collections"]}
    files = {f["name"] for f in collection(config, "sukamaju-profil")["files"]}
    village_types = {kind for kind, globs in FILE_GLOBS.items()
                     if any(g.startswith("content/*/") for g in globs)}
    assert village_types == set(schema.FILE_TYPES) - {"portal"}  # a type without a place fails
    assert village_types == files | {n.removeprefix("sukamaju-") for n in names} - {"profil"}


def test_widgets_follow_the_kind_of_each_field(site: Path) -> None:
    config = site_config(site)
    layanan = collection(config, "sukamaju-layanan")
    persyaratan = field(layanan["fields"], "persyaratan")
    # required in Indonesian; a translation may leave it to the original
    assert persyaratan["widget"] == "list" and persyaratan["required"] == ["id"]
    assert field(layanan["fields"], "kelompok")["required"] is True  # not translated
    assert field(persyaratan["fields"], "bawa")["options"] == ["asli", "fotokopi",
                                                              "asli_dan_fotokopi"]
    assert field(layanan["fields"], "prosedur")["field"]["widget"] == "text"
    nominal = field(field(layanan["fields"], "biaya")["fields"], "nominal")
    assert (nominal["widget"], nominal["value_type"], nominal["min"]) == ("number", "int", 0)
    assert nominal["before_input"] == "Rp"
    assert field(layanan["fields"], "judul")["hint"] == "Judul halaman."
    agenda = collection(config, "sukamaju-agenda")["fields"]
    assert field(agenda, "mulai")["format"] == "YYYY-MM-DD HH:mm"
    pengumuman = collection(config, "sukamaju-pengumuman")
    tanggal = field(pengumuman["fields"], "tanggal")
    assert (tanggal["date_format"], tanggal["time_format"]) == ("YYYY-MM-DD", False)
    assert "serta_merta" in field(pengumuman["fields"], "bahaya")["hint"]
    assert field(pengumuman["fields"], "gambar")["fields"][0]["widget"] == "image"
    assert pengumuman["media_folder"] == "/content/sukamaju/media"
    assert pengumuman["i18n"] is True and config["i18n"]["omit_default_locale_from_filename"]
    desa = collection(config, "sukamaju-profil")["files"][0]["fields"]
    buka = field(field(desa, "jam_layanan")["fields"], "buka")
    assert (buka["date_format"], buka["time_format"]) == (False, "HH.mm")
    assert field(desa, "jam_layanan")["required"] is True


def test_every_kind_of_field_has_a_widget() -> None:
    """A kind added to the schema (and so to the JSON Schemas) needs its widget here."""
    assert set(config_module.KINDS) == set(jsonschema_module.KINDS)


def test_a_new_schema_field_shows_up_in_the_form(site: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(schema.LAYANAN, "loket_daring", schema.f(
        "url", "Alamat loket daring.", "Online counter."))
    fields = collection(site_config(site), "sukamaju-layanan")["fields"]
    added = field(fields, "loket_daring")
    assert (added["hint"], added["required"], added["type"]) == ("Alamat loket daring.",
                                                                 False, "url")


@pytest.mark.slow  # the CMS schema is large: seconds per validation
def test_a_new_data_type_gets_a_collection(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kind = {"tahun": schema.f("int", "Tahun.", "Year.", required=True),
            "kegiatan": schema.f("text", "Kegiatan.", "Activity.")}
    monkeypatch.setitem(schema.FILE_TYPES, "rkpdes", kind)
    monkeypatch.setitem(FILE_GLOBS, "rkpdes", ["content/*/data/rkpdes-*.yaml"])
    config = site_config(site)
    rkpdes = collection(config, "sukamaju-rkpdes")
    assert (rkpdes["folder"], rkpdes["path"]) == ("content/sukamaju/data", "rkpdes-{{slug}}")
    assert cms_errors(config) == []


def test_the_sign_in_follows_portal_yaml() -> None:
    config = cms_config({"nama": "P", "base_url": "https://p.example.id/", "editor": {
        "git": "gitea", "repo": "desa/portal", "alamat": "https://codeberg.org/",
        "app_id": "abc"}}, [])
    assert config["backend"] == {"name": "gitea", "repo": "desa/portal",
                                 "base_url": "https://codeberg.org",
                                 "api_root": "https://codeberg.org/api/v1", "app_id": "abc"}
    gitlab = cms_config({"nama": "P", "base_url": "https://p.example.id/", "editor": {
        "git": "gitlab", "repo": "desa/portal", "app_id": "abc"}}, [])["backend"]
    assert gitlab["auth_type"] == "pkce"
    assert cms_errors(config) == []


def test_the_pinned_bundle_is_the_npm_release_it_names() -> None:
    package = cms_package()
    assert json.loads((package / "package.json").read_text())["version"] == VERSION
    digest = hashlib.sha384((package / "dist" / "sveltia-cms.js").read_bytes()).digest()
    assert BUNDLE.integrity == "sha384-" + base64.b64encode(digest).decode()
    assert f"@{VERSION}/" in BUNDLE.url


def test_the_admin_page_is_not_for_search_engines() -> None:
    files = dict(admin_files({"nama": "P", "base_url": "https://p.example.id/"}, []))
    page = files["admin/index.html"].decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert f'src="{BUNDLE.url}" integrity="{BUNDLE.integrity}"' in page
    assert yaml.safe_load(files["admin/config.yml"])["collections"] == []


def test_kampung_editor_writes_the_admin_page(site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kampung", "editor", "--site", str(site)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (site / "admin" / "index.html").is_file()
    config = yaml.safe_load((site / "admin" / "config.yml").read_text())
    assert config == site_config(site)


def test_kampung_editor_never_writes_into_content(site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kampung", "editor", "--site", str(site),
                           "--output", str(site / "content" / "admin")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "content/" in done.stderr
    assert not (site / "content" / "admin").exists()


def test_a_village_named_admin_clashes_with_the_editor(site: Path) -> None:
    shutil.copytree(site / "content" / "sukamaju", site / "content" / "admin")
    portal = site / "content" / "portal.yaml"
    portal.write_text(portal.read_text() + "editor:\n  git: gitlab\n  repo: desa/portal\n")
    done = subprocess.run([sys.executable, "-m", "kampung", "check", "--site", str(site)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "admin:1:1" in done.stderr and "sudah dipakai portal" in done.stderr
