"""A volunteer edits files while the preview runs: pages change, open tabs are told.

Each test runs a real preview server on a free loopback port and listens to its
live-reload stream with a real server-sent-events client.
"""

from __future__ import annotations

import http.client
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import DESA, announcement, write

from kampung.serve import Session

from .conftest import Live

pytestmark = [pytest.mark.server, pytest.mark.slow]

KERJA_BAKTI = "sukamaju/pengumuman/kerja-bakti.md"


def overlay(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").find(id="kampung-overlay")
    return " ".join(found.get_text(" ").split()) if found else ""


def test_the_preview_has_the_reload_script_but_built_files_never_do(live: Live) -> None:
    status, html = live.get("sukamaju/")
    assert status == 200
    assert "Kerja bakti" in html
    assert 'src="/__kampung/reload.js"' in html
    built = list(live.session.rebuilder.output.rglob("*.html"))
    assert built
    assert not [p for p in built if "__kampung" in p.read_text(encoding="utf-8")]


def test_saving_an_edit_changes_the_page_and_tells_open_tabs_to_reload(live: Live) -> None:
    stream = live.events()
    hello_generation = live.session.rebuilder.channel.current().generation
    path = live.content(KERJA_BAKTI)
    path.write_text(path.read_text().replace("Isi pengumuman Kerja bakti.",
                                             "Kerja bakti dimulai pukul 07.00."))
    event = stream.next("build")
    assert event["errors"] == 0
    assert event["generation"] != hello_generation
    status, html = live.get("sukamaju/pengumuman/kerja-bakti/")
    assert status == 200 and "Kerja bakti dimulai pukul 07.00." in html
    assert f'data-generation="{event["generation"]}"' in html


def test_a_new_file_appears_and_a_deleted_one_disappears(live: Live) -> None:
    stream = live.events()
    assert live.get("sukamaju/pengumuman/rapat-rt/")[0] == 404
    write(live.site, "content/sukamaju/pengumuman/rapat-rt.md", announcement("Rapat RT"))
    stream.next("build")
    status, html = live.get("sukamaju/pengumuman/rapat-rt/")
    assert status == 200 and "Rapat RT" in html
    live.content("sukamaju/pengumuman/rapat-rt.md").unlink()
    stream.next("build")
    assert live.get("sukamaju/pengumuman/rapat-rt/")[0] == 404
    assert "Rapat RT" not in live.get("sukamaju/pengumuman/")[1]


def test_a_renamed_file_moves_to_its_new_address(live: Live) -> None:
    stream = live.events()
    live.content(KERJA_BAKTI).rename(live.content("sukamaju/pengumuman/gotong-royong.md"))
    stream.next("build")
    assert live.get("sukamaju/pengumuman/kerja-bakti/")[0] == 404
    status, html = live.get("sukamaju/pengumuman/gotong-royong/")
    assert status == 200 and "Kerja bakti" in html


def test_broken_content_keeps_the_last_good_site_and_shows_every_error_until_fixed(
        live: Live) -> None:
    stream = live.events()
    path = live.content(KERJA_BAKTI)
    good = path.read_text()
    path.write_text(good.replace("tanggal:", "tangal:").replace("Isi pengumuman", "Baru:"))
    assert stream.next("build")["errors"] == 2  # the unknown field and the missing one
    for page in ("sukamaju/", "sukamaju/layanan/ktp-el/", "sukamaju/pengumuman/kerja-bakti/"):
        status, html = live.get(page)
        assert status == 200
        shown = overlay(html)
        assert "sukamaju/pengumuman/kerja-bakti.md:3:1" in shown
        assert 'Kolom "tangal" tidak dikenal' in shown
        assert 'Mungkin maksud Anda "tanggal"?' in shown
    assert "Isi pengumuman Kerja bakti." in live.get("sukamaju/pengumuman/kerja-bakti/")[1]
    terminal = "\n".join(live.log)
    assert "sukamaju/pengumuman/kerja-bakti.md:3:1" in terminal
    assert "situs terakhir yang berhasil" in terminal

    path.write_text(good.replace("Isi pengumuman", "Sudah diperbaiki:"))
    assert stream.next("build")["errors"] == 0
    status, html = live.get("sukamaju/pengumuman/kerja-bakti/")
    assert not overlay(html)
    assert "Sudah diperbaiki: Kerja bakti." in html
    assert "Kesalahan sudah diperbaiki" in live.log[-1]


def test_a_burst_of_200_file_events_gives_one_rebuild(live: Live) -> None:
    stream = live.events()
    before = live.session.rebuilder.channel.current().build
    texts = {f"content/sukamaju/pengumuman/warta-{n:03d}.md": announcement(f"Warta {n}")
             for n in range(200)}
    for rel, text in texts.items():  # each write is several events: create, modify, close
        write(live.site, rel, text)
    assert stream.next("build", timeout=180)["build"] == before + 1
    time.sleep(10 * live.session.quiet)  # a second batch would have started by now
    assert live.session.rebuilder.idle.is_set()
    assert [name for name, _ in stream.collect(quiet=0.2)] == []
    assert live.session.rebuilder.channel.current().build == before + 1
    assert live.get("sukamaju/pengumuman/warta-199/")[0] == 200
    assert live.get("sukamaju/pengumuman/halaman/21/")[0] == 200


def test_editor_scratch_files_do_not_rebuild(live: Live) -> None:
    stream = live.events()
    for name in (".kerja-bakti.md.swp", "kerja-bakti.md~", "4913", ".#kerja-bakti.md"):
        write(live.site, f"content/sukamaju/pengumuman/{name}", "sementara")
    assert [name for name, _ in stream.collect(quiet=0.5)] == []


def test_an_unknown_address_gets_the_village_404_page_with_the_script(live: Live) -> None:
    status, html = live.get("sukamaju/tidak-ada/")
    assert status == 404
    assert 'src="/__kampung/reload.js"' in html
    assert "sukamaju" in html.lower()


def raw_get(live: Live, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", live.session.port, timeout=10)
    connection.request("GET", path)
    return connection.getresponse()


def test_a_folder_without_its_slash_is_redirected(live: Live) -> None:
    response = raw_get(live, "/sukamaju/layanan")
    assert response.status == 301
    assert response.getheader("Location") == "/sukamaju/layanan/"


def test_paths_that_leave_the_site_are_refused(live: Live) -> None:
    for path in ("/../../../etc/passwd", "/sukamaju/%2e%2e/%2e%2e/%2e%2e/etc/passwd"):
        response = raw_get(live, path)
        assert response.status == 404
        assert b"root:" not in response.read()


def test_a_template_change_rebuilds_the_pages(site: Path) -> None:
    write(site, "templates/robots.txt", "User-agent: *\nAllow: /\n")
    with Session(site, port=0, now="2026-11-28", log=lambda line: None) as session:
        live = Live(session, site)
        stream = live.events()
        assert live.get("robots.txt")[1] == "User-agent: *\nAllow: /\n"
        write(site, "templates/robots.txt", "User-agent: *\nDisallow: /rahasia/\n")
        stream.next("build")
        assert "Disallow: /rahasia/" in live.get("robots.txt")[1]


def test_a_site_that_never_built_shows_the_errors_on_every_address(site: Path) -> None:
    """An unclosed list is pinned where it opens (1:7): there the volunteer fixes it."""
    write(site, "content/sukamaju/desa.yaml", "nama: [Sukamaju\n")
    with Session(site, port=0, now="2026-11-28", log=lambda line: None) as session:
        live = Live(session, site)
        for path in ("", "sukamaju/", "apa/saja/"):
            status, html = live.get(path)
            assert status == 404
            assert "sukamaju/desa.yaml:1:7" in overlay(html)
        stream = live.events()
        write(site, "content/sukamaju/desa.yaml", DESA)
        assert stream.next("build")["errors"] == 0
        status, html = live.get("sukamaju/")
        assert status == 200 and not overlay(html)
