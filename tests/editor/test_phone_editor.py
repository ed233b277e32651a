"""A volunteer edits the village site from a phone: the real CMS, the real admin page.

The admin page is the one the build publishes; its CMS bundle and fonts come from the
pinned npm packages through `cdnhost.CdnHost`. Saving goes through the CMS's own local
workflow (see `cmspage` for the one step headless Chromium cannot do: the folder picker).
No git host could be installed here (none is packaged for PyPI, npm or Debian), so signing
in to GitLab, Forgejo/Gitea or GitHub is shown up to its sign-in page only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser.cdp import Chromium
from browser.host import StaticHost

from kampung.build import build

from .cdnhost import CdnHost
from .cmskit import REPO, cms_package
from .cmspage import Cms

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]
NOW = datetime(2026, 11, 28, 9, 0)
EDITOR = "\neditor:\n  git: gitea\n  repo: desa-banyuwangi/portal\n  alamat: https://codeberg.org\n"
TITLE = "Jadwal Posyandu: Balita & Lansia (Desember)"
SLUG = "jadwal-posyandu-balita-lansia-desember"
NEW_REQUIREMENT = "Pas foto berwarna 3x4, 2 lembar"
# KAMPUNG_DOC_SHOTS=1 puts the screenshots into the guide (docs/img/editor/)
SHOTS = REPO / "docs" / "img" / "editor"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample portal with the editor turned on, built as it is published."""
    cms_package()
    root = tmp_path_factory.mktemp("editor") / "situs"
    shutil.copytree(REPO / "content", root / "content")
    portal = root / "content" / "portal.yaml"
    portal.write_text(portal.read_text() + EDITOR)
    build(root, root / "output", now=NOW)
    return root


@pytest.fixture(scope="module")
def cms(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cms]:
    shots = SHOTS if os.environ.get("KAMPUNG_DOC_SHOTS") else tmp_path_factory.mktemp("shots")
    with CdnHost() as cdn, StaticHost(site / "output") as host, \
            Chromium.launch(extra_args=cdn.chromium_args) as browser:
        page = browser.new_page()
        page.emulate_phone()
        cms = Cms(page, shots)
        page.goto(host.url + "index.html")  # the same origin as admin/: its private files
        cms.put_repository(site)
        page.clear()
        page.goto(host.url + "admin/index.html")
        cms.host = host.url
        yield cms


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body.strip()


def test_1_the_admin_page_loads_on_a_phone_without_errors(cms: Cms) -> None:
    cms.wait_text("Work with Local Repository")
    cms.shot("01-masuk")
    assert cms.page.evaluate("innerWidth") == 360
    assert cms.page.console_errors() == []


def test_2_every_collection_opens(cms: Cms, site: Path) -> None:
    cms.tap_text("Work with Local Repository")
    cms.wait_text("Collections")
    cms.shot("02-koleksi")
    config = yaml.safe_load((site / "output" / "admin" / "config.yml").read_text())
    for collection in config["collections"]:
        cms.page.evaluate(f"location.hash = '#/collections/{collection['name']}'")
        cms.wait_text(collection["label"])
        if "folder" in collection:  # a list of entries: all the files are there
            count = entries(site, collection)
            words = {0: "no entries yet", 1: "one entry"}.get(count, f"{count} entries")
            cms.wait_text(f"which has {words}")
    assert cms.page.console_errors() == []


def entries(site: Path, collection: dict[str, Any]) -> int:
    """The files an entry collection lists: originals only, named as its path says."""
    stem = collection.get("path", "{{slug}}").replace("{{slug}}", "*")
    files = (site / collection["folder"]).glob(f"{stem}.{collection['extension']}")
    return sum(1 for f in files if not f.name.endswith(".en.md"))


def test_3_a_new_announcement_with_a_photo(cms: Cms, tmp_path: Path) -> None:
    photo = tmp_path / "posyandu-desember.jpg"  # as a phone camera would name it, or not
    shutil.copy(REPO / "content" / "tamansari" / "media" / "agrowisata-kopi.jpg", photo)
    cms.page.evaluate("location.hash = '#/collections/kemiren-pengumuman'")
    cms.wait_text("Kemiren · Pengumuman")
    cms.shot("03-daftar-pengumuman")
    cms.page.evaluate("location.hash = '#/collections/kemiren-pengumuman/new'")
    cms.type_into(cms.field("judul") + " input", TITLE)
    cms.tap(cms.field("tanggal") + " button[data-label=Today]",
            until=f"document.querySelector('{cms.field('tanggal')} input').value")
    cms.tap(cms.field("jenis") + " button[data-value=pengumuman]",
            until=f"document.querySelector('{cms.field('jenis')} [aria-checked=true]')"
            ".dataset.value === 'pengumuman'")
    cms.tap(cms.field("gambar") + " .field-wrapper button[role=checkbox]",
            until=f"document.querySelector('{cms.field('gambar.file')}')")
    cms.tap(cms.field("gambar.file") + " button[data-label=Browse]",
            until="document.querySelector('[role=dialog] input[type=file]')")
    cms.choose_file("[role=dialog] input[type=file]", photo)
    cms.wait_text("Unsaved")
    cms.shot("04-pilih-foto")
    cms.tap("[role=dialog] button[data-label=Insert]",
            until=f"document.querySelector('{cms.field('gambar.file')} img')")
    cms.type_into(cms.field("gambar.alt") + " textarea", "Kader posyandu menimbang balita")
    cms.shot("05-pengumuman-baru")
    cms.save()
    cms.shot("06-tersimpan")
    assert cms.page.console_errors() == []


def test_4_a_services_requirements_changed(cms: Cms, site: Path) -> None:
    service, _ = front_matter(site / "content" / "kemiren" / "layanan" / "ktp-el.md")
    added = len(service["persyaratan"])
    cms.page.evaluate("location.hash = '#/collections/kemiren-layanan/entries/ktp-el'")
    cms.wait_text("Persyaratan")
    cms.tap_text("Add Persyaratan", within=cms.field("persyaratan"),
                 until=f"document.querySelector('{cms.field(f'persyaratan.{added}.nama')}')")
    cms.type_into(cms.field(f"persyaratan.{added}.nama") + " textarea", NEW_REQUIREMENT)
    cms.tap(cms.field(f"persyaratan.{added}.bawa") + " button[data-value=asli]",
            until=f"document.querySelector('{cms.field(f'persyaratan.{added}.bawa')} "
            "[aria-checked=true]').dataset.value === 'asli'")
    cms.shot("07-persyaratan")
    cms.save()
    cms.shot("08-persyaratan-tersimpan")
    assert cms.page.console_errors() == []


def test_5_saved_files_pass_check_and_the_build_shows_them(cms: Cms, site: Path) -> None:
    folder = site / "content" / "kemiren" / "layanan"
    before, before_body = front_matter(folder / "ktp-el.md")
    english = front_matter(folder / "ktp-el.en.md")

    changed = cms.take_repository(site)

    news = f"content/kemiren/pengumuman/{SLUG}.md"
    assert set(changed) == {news, "content/kemiren/media/posyandu-desember.jpg",
                            "content/kemiren/layanan/ktp-el.md",
                            "content/kemiren/layanan/ktp-el.en.md"}  # saved with its original
    made, _ = front_matter(site / news)
    assert made["judul"] == TITLE and made["jenis"] == "pengumuman"
    assert made["gambar"] == {"file": "posyandu-desember.jpg",
                              "alt": "Kader posyandu menimbang balita"}
    after, after_body = front_matter(folder / "ktp-el.md")
    # round trip: every field written by hand is still there with its value (in the
    # schema's order); the CMS adds only an unticked box, which means what no box means
    assert after.pop("persyaratan") == [*before.pop("persyaratan"),
                                        {"nama": NEW_REQUIREMENT, "bawa": "asli"}]
    assert after.pop("draf") is False and "draf" not in before
    assert after == before and after_body == before_body
    assert front_matter(folder / "ktp-el.en.md") == english

    check = subprocess.run([sys.executable, "-m", "kampung", "check", "--site", str(site),
                            "--now", "2026-12-01"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    build(site, site / "output", now=NOW)
    page = site / "output" / "kemiren" / "pengumuman" / SLUG / "index.html"
    assert "Lansia (Desember)" in page.read_text() and "posyandu-desember" in page.read_text()
    assert NEW_REQUIREMENT in (site / "output" / "kemiren" / "layanan" / "ktp-el" /
                               "index.html").read_text()
