"""Files no volunteer means to write, but that arrive: pasted control characters, broken
links, folders where files belong, absurd nesting, names the portal needs. Each is a problem
at its file and line; none is a traceback, and the rest of the site still builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import announcement, write

from kampung.build import build
from kampung.errors import ContentError
from kampung.model import MAX_SLUG, load_site, load_village
from kampung.names import PORTAL_FOLDERS

VILLAGE = "content/sukamaju"


def problems(site: Path) -> list[tuple[str, int, str]]:
    _, found = load_site(site / "content", NOW)
    return [(p.path, p.line, p.code) for p in found if p.severity == "error"]


def test_a_control_character_in_front_matter_is_named_at_its_line(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          "---\njudul: Rapat\ntanggal: 2026-11-01\nringkasan: Te\x1bs\n---\nIsi.\n")
    _, found = load_site(site / "content", NOW)
    [problem] = [p for p in found if p.severity == "error"]
    assert (problem.path, problem.line, problem.column, problem.code) == \
        ("sukamaju/pengumuman/rapat.md", 4, 14, "yaml_control_char")
    assert dict(problem.params)["character"] == "0x001b"


def test_a_nul_in_portal_yaml_is_a_problem_not_a_crash(site: Path) -> None:
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text() + "slogan: a\x00b\n", encoding="utf-8")
    assert ("portal.yaml", len(portal.read_text().splitlines()), "yaml_control_char") in \
        problems(site)


def test_yaml_nested_a_thousand_deep_is_refused_at_its_line(site: Path) -> None:
    deep = "{a: " * 990 + "1" + "}" * 990  # libyaml refuses over 1,000 by itself
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          f"---\njudul: Rapat\ntanggal: 2026-11-01\nringkasan: {deep}\n---\nIsi.\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 4, "yaml_too_deep")]


def test_a_link_to_nothing_and_a_loop_of_links_are_named(site: Path) -> None:
    folder = site / VILLAGE / "pengumuman"
    (folder / "hilang.md").symlink_to("tidak-ada.md")
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (site / VILLAGE / "media").mkdir(exist_ok=True)
    (site / VILLAGE / "media/diri").symlink_to("diri")
    found = problems(site)
    assert sorted(found) == [(f"sukamaju/{rel}", 1, "symlink_broken") for rel in
                             ("media/diri", "pengumuman/a.md", "pengumuman/b.md",
                              "pengumuman/hilang.md")]


def test_a_folder_named_portal_yaml_is_named(site: Path) -> None:
    (site / "content/portal.yaml").unlink()
    (site / "content/portal.yaml").mkdir()
    assert ("portal.yaml", 1, "file_is_folder") in problems(site)


def test_an_officials_photo_without_a_file_is_a_missing_field(site: Path) -> None:
    write(site, f"{VILLAGE}/data/perangkat.yaml",
          "perangkat:\n  - nama: Budi\n    jabatan: Kaur\n    foto:\n      alt: Foto Budi\n")
    found = problems(site)
    assert found and all(path == "sukamaju/data/perangkat.yaml" for path, _, _ in found)
    assert "missing_field" in {code for _, _, code in found}


def test_a_village_cannot_take_a_portal_folder_and_the_portal_keeps_it(site: Path) -> None:
    shutil.copytree(site / VILLAGE, site / "content/cari")
    assert ("cari", 1, "reserved_folder") in problems(site)
    report = build(site, site / "output", now=NOW)
    assert report.held == ["cari"] and not (site / "output/cari/pengumuman").exists()
    assert (site / "output/sukamaju/index.html").exists()


def test_a_slug_too_long_for_a_file_name_is_refused_before_the_build(site: Path) -> None:
    slug = "-".join(["kerja-bakti"] * 12)  # 143 characters: a file name may hold it
    write(site, f"{VILLAGE}/pengumuman/{slug}.md", announcement("Kerja bakti panjang"))
    [(path, line, code)] = problems(site)
    assert (path, line, code) == (f"sukamaju/pengumuman/{slug}.md", 1, "slug_too_long")
    _, found = load_site(site / "content", NOW)
    assert len(dict(found[0].params)["suggestion"]) <= MAX_SLUG


def test_the_portal_uses_no_top_folder_a_village_could_take(site: Path) -> None:
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text() + "editor:\n  git: gitlab\n  repo: desa/portal\n",
                      encoding="utf-8")
    build(site, site / "output", now=NOW)
    folders = {entry.name for entry in os.scandir(site / "output") if entry.is_dir()}
    assert "admin" in folders and "status" in folders  # the editor and status are on
    assert folders - {"sukamaju"} <= PORTAL_FOLDERS


def test_an_output_that_is_a_file_is_refused_and_nothing_is_left_behind(site: Path) -> None:
    (site / "output").write_text("bukan folder\n")
    with pytest.raises(ContentError) as caught:
        build(site, site / "output", now=NOW)
    assert [p.code for p in caught.value.problems] == ["output_not_folder"]
    assert (site / "output").read_text() == "bukan folder\n"
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".output")) == []
    (site / "output").unlink()
    build(site, site / "output", now=NOW)  # the next build, once the file is moved, works
    assert (site / "output/sukamaju/index.html").exists()


def test_a_cache_inside_content_is_refused_before_anything_is_written(site: Path) -> None:
    before = sorted(p.relative_to(site) for p in (site / "content").rglob("*"))
    with pytest.raises(ContentError) as caught:
        build(site, site / "output", now=NOW, cache=site / "content/sukamaju/cache")
    assert [p.code for p in caught.value.problems] == ["cache_in_content"]
    assert sorted(p.relative_to(site) for p in (site / "content").rglob("*")) == before


@pytest.mark.parametrize("name", ["/etc", "..", "../content", "Desa Ku"])
def test_check_of_one_village_refuses_a_name_that_is_no_village_folder(site: Path,
                                                                      name: str) -> None:
    village, found = load_village(site / "content", name, NOW)
    assert village is None and [p.code for p in found] == ["bad_folder_slug"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_code_quality_report_is_never_written_into_content(site: Path, command: str) -> None:
    before = sorted(p.relative_to(site) for p in (site / "content").rglob("*"))
    done = subprocess.run([sys.executable, "-m", "kampung", command, "--site", str(site),
                           "--now", "2026-11-28", "--codequality",
                           str(site / "content/sukamaju/laporan.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "tidak boleh ditulis di dalam folder content/" in done.stderr
    assert sorted(p.relative_to(site) for p in (site / "content").rglob("*")) == before
    assert not (site / "output").exists()
