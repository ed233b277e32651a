"""The build never loses anything: safe output folder, atomic swap, same bytes every time."""

from __future__ import annotations

import filecmp
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import announcement, write

from kampung.build import build, build_now
from kampung.errors import ContentError


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_content_are_byte_identical(site: Path) -> None:
    build(site, site / "a", now=NOW)
    build(site, site / "b", now=NOW)
    assert tree_digest(site / "a") == tree_digest(site / "b")


def test_refuses_to_build_into_content(site: Path) -> None:
    for target in (site / "content", site, site / "content" / "out"):
        with pytest.raises(ContentError) as caught:
            build(site, target, now=NOW)
        assert caught.value.problems[0].code == "output_is_content"
    assert sorted(p.name for p in (site / "content").iterdir()) == ["portal.yaml", "sukamaju"]


def test_refuses_a_folder_with_files_it_did_not_make(site: Path) -> None:
    (site / "lain").mkdir()
    (site / "lain" / "penting.txt").write_text("jangan dihapus")
    with pytest.raises(ContentError) as caught:
        build(site, site / "lain", now=NOW)
    assert caught.value.problems[0].code == "output_not_ours"
    assert (site / "lain" / "penting.txt").read_text() == "jangan dihapus"


def test_a_failed_build_leaves_the_previous_site_intact(site: Path) -> None:
    build(site, site / "output", now=NOW)
    before = tree_digest(site / "output")
    write(site, "content/sukamaju/pengumuman/rusak.md", "---\njudul: [\n---\n")
    with pytest.raises(ContentError):  # (without it, the village is held: test_isolation)
        build(site, site / "output", now=NOW, all_or_nothing=True)
    assert tree_digest(site / "output") == before


def test_a_broken_template_names_its_file_and_leaves_the_site(site: Path) -> None:
    build(site, site / "output", now=NOW)
    before = tree_digest(site / "output")
    write(site, "templates/kontak.html", '{% extends "base.html" %}{% block content %}'
                                         "{{ 1 / 0 }}{% endblock %}")
    with pytest.raises(ContentError) as caught:
        build(site, site / "output", now=NOW)
    problem = caught.value.problems[0]
    assert problem.code == "template_error" and problem.path.endswith("templates/kontak.html")
    assert tree_digest(site / "output") == before


@pytest.mark.slow
def test_unchanged_files_keep_their_modification_time(site: Path) -> None:
    build(site, site / "output", now=NOW)
    service = site / "output/sukamaju/layanan/ktp-el/index.html"
    os.utime(service, (1_000_000, 1_000_000))
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    report = build(site, site / "output", now=NOW)
    assert service.stat().st_mtime == 1_000_000
    assert "sukamaju/pengumuman/baru/index.html" in report.changed


@pytest.mark.slow
def test_a_deleted_page_disappears_from_the_output(site: Path) -> None:
    build(site, site / "output", now=NOW)
    (site / "content/sukamaju/layanan/kk.md").unlink()
    (site / "content/sukamaju/layanan/ktp-el.md").write_text(
        (site / "content/sukamaju/layanan/ktp-el.md").read_text().replace(
            "Lihat juga [KK](kk.md).", ""))
    report = build(site, site / "output", now=NOW)
    assert "sukamaju/layanan/kk/index.html" in report.removed
    assert not (site / "output/sukamaju/layanan/kk").exists()


@pytest.mark.slow
def test_building_one_village_keeps_the_others(site: Path) -> None:
    from sitekit import make_site

    make_site(site, villages=("sukamaju", "sumberrejo"))
    build(site, site / "output", now=NOW)
    other = tree_digest(site / "output" / "sumberrejo")
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    build(site, site / "output", now=NOW, villages=["sukamaju"])
    assert tree_digest(site / "output" / "sumberrejo") == other
    assert (site / "output/sukamaju/pengumuman/baru/index.html").exists()


def test_source_date_epoch_sets_the_expiry_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798416000")
    assert build_now().date().isoformat() == "2026-12-28"
    assert build_now("2026-11-28").date().isoformat() == "2026-11-28"


@pytest.mark.slow
def test_an_interrupted_build_leaves_the_previous_site(site: Path) -> None:
    build(site, site / "output", now=NOW)
    snapshot = site / "snapshot"
    subprocess.run(["cp", "-a", str(site / "output"), str(snapshot)], check=True)
    code = (
        "import sys, kampung.write as w\n"
        "orig = w.stage\n"
        "calls = []\n"
        "def dying(*args):\n"
        "    calls.append(args)\n"
        "    if len(calls) == 5: import os; os._exit(9)\n"
        "    return orig(*args)\n"
        "w.stage = dying\n"
        "from kampung.cli import main\n"
        f"main(['build', '--site', {str(site)!r}, '--now', '2026-11-28'])\n"
    )
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == 9
    comparison = filecmp.dircmp(site / "output", snapshot)
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    build(site, site / "output", now=NOW)  # and the next build cleans up and completes
    assert (site / "output/sukamaju/pengumuman/baru/index.html").exists()
    assert not list(site.glob(".output*"))
