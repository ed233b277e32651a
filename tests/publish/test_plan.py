"""The plan: what to send, in which order, and what may ever be deleted (fast, no I/O)."""

from __future__ import annotations

import json

import pytest

from kampung.publish.manifest import Entry, ManifestError, dumps, loads, safe_path, scan
from kampung.publish.plan import (
    ASSET,
    INDEX,
    PAGE,
    make_plan,
    stage_of,
    upload_order,
    without_copies,
)


def m(*pairs: tuple[str, str]) -> dict[str, Entry]:
    return {rel: Entry(sha, len(sha)) for rel, sha in pairs}


def test_only_changed_and_new_files_are_sent():
    remote = m(("a.html", "1"), ("b.html", "2"))
    local = m(("a.html", "1"), ("b.html", "3"), ("c.html", "4"))
    plan = make_plan(local, remote)
    assert set(plan.upload) == {"b.html", "c.html"}
    assert plan.unchanged == ("a.html",)
    assert plan.delete == ()


def test_only_files_the_last_manifest_listed_are_deleted():
    remote = m(("old.html", "1"))
    local = m(("new.html", "2"))
    assert make_plan(local, remote).delete == ("old.html",)
    assert make_plan(local, {}).delete == ()  # a first publish deletes nothing


def test_assets_go_first_then_pages_deepest_first_then_indexes():
    order = upload_order([
        "sitemap.xml", "index.html", "kemiren/index.html", "kemiren/feed.xml",
        "kemiren/pengumuman/index.html", "kemiren/pengumuman/rapat/index.html",
        "kemiren/assets/style.3f2a9c.css", "kemiren/media/foto.jpg", "robots.txt",
        "kemiren/pengumuman/rapat/index.html.gz",
    ])
    assert order == (
        "kemiren/assets/style.3f2a9c.css", "kemiren/media/foto.jpg",
        "kemiren/pengumuman/rapat/index.html", "kemiren/pengumuman/rapat/index.html.gz",
        "kemiren/pengumuman/index.html", "kemiren/index.html", "index.html",
        "kemiren/feed.xml", "robots.txt", "sitemap.xml",
    )


@pytest.mark.parametrize(("rel", "stage"), [
    ("style.css.br", ASSET), ("a/index.html.gz", PAGE), ("feed.xml.gz", INDEX),
    ("media/surat.pdf", ASSET), ("robots.txt", INDEX), ("404.html", PAGE),
    ("media/arsip.tar.gz", ASSET),
])
def test_a_precompressed_copy_travels_with_its_original(rel, stage):
    assert stage_of(rel) == stage


def test_a_host_that_ignores_copies_gets_the_originals_and_every_other_file():
    local = m(("index.html", "1"), ("index.html.gz", "2"), ("index.html.br", "3"),
              ("sw.js.br", "4"), ("sw.js", "5"), ("media/arsip.tar.gz", "6"),
              ("media/data.json.gz", "7"), ("media/foto.jpg", "8"), ("media/foto.jpg.gz", "9"))
    assert sorted(without_copies(local)) == [  # an archive is a file, not a copy
        "index.html", "media/arsip.tar.gz", "media/data.json.gz", "media/foto.jpg",
        "media/foto.jpg.gz", "sw.js"]


def test_deletions_remove_links_before_their_targets():
    remote = m(("kemiren/pengumuman/lama/index.html", "1"), ("kemiren/media/lama.jpg", "2"),
               ("kemiren/lama.xml", "3"))
    assert make_plan({}, remote).delete == (
        "kemiren/lama.xml", "kemiren/pengumuman/lama/index.html", "kemiren/media/lama.jpg")


def test_the_begin_manifest_claims_files_about_to_be_sent_as_unconfirmed():
    remote = m(("keep.html", "1"), ("gone.html", "2"), ("edit.html", "3"))
    local = m(("keep.html", "1"), ("edit.html", "4"), ("new.html", "5"))
    begin = make_plan(local, remote).begin_manifest()
    assert begin["keep.html"].sha256 == "1"
    assert begin["gone.html"].sha256 == "2"  # still ours until deleted
    assert begin["edit.html"].sha256 is None and begin["new.html"].sha256 is None
    # a re-run after dying here resends the unconfirmed files and still may delete gone.html
    rerun = make_plan(local, begin)
    assert set(rerun.upload) == {"edit.html", "new.html"}
    assert rerun.delete == ("gone.html",)


def test_manifest_round_trips_and_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_bytes(b"x")
    (tmp_path / ".nojekyll").write_bytes(b"")
    (tmp_path / ".kampung-output").write_bytes(b"the build's own state, not the site")
    found = scan(tmp_path)
    assert set(found) == {"a/x.html", ".nojekyll"}
    assert loads(dumps(found)) == found
    assert dumps(found) == dumps(dict(reversed(found.items())))


@pytest.mark.parametrize("rel", ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "",
                                 ".kampung-manifest.json", "a\\b"])
def test_a_manifest_cannot_point_outside_the_site(rel):
    assert not safe_path(rel)
    bad = json.dumps({"kampung_manifest": 1, "files": {rel: {"sha256": "1", "size": 1}}})
    with pytest.raises(ManifestError):
        loads(bad.encode())


def test_a_damaged_manifest_is_refused():
    for data in (b"", b"{", b"[]", b'{"kampung_manifest": 99, "files": {}}', b"\xff"):
        with pytest.raises(ManifestError):
            loads(data)
