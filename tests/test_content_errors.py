"""A volunteer's mistakes: each gets file, line, a plain sentence and a hint; nothing is built."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import LAYANAN, announcement, write

from kampung.build import build
from kampung.errors import ContentError
from kampung.model import load_site

VILLAGE = "content/sukamaju"


def problems(site: Path) -> list[tuple[str, int, str]]:
    _, found = load_site(site / "content", NOW)
    return [(p.path, p.line, p.code) for p in found if p.severity == "error"]


def test_the_valid_site_has_no_problems(site: Path) -> None:
    assert problems(site) == []


def test_invalid_yaml_names_the_line(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "---\njudul: Rapat\ntanggal: [2026-11-01\n---\n")
    [(path, line, code)] = problems(site)
    assert (path, line, code) == ("sukamaju/pengumuman/rapat.md", 3, "yaml_unclosed_list")


def test_missing_front_matter(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "judul: Rapat\n\nIsi.\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 1, "frontmatter_missing")]


def test_unclosed_front_matter(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "---\njudul: Rapat\ntanggal: 2026-11-01\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 1, "frontmatter_unclosed")]


def test_missing_required_field(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "---\njudul: Rapat\n---\nIsi.\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 2, "missing_field")]


def test_wrong_type_points_at_the_value(site: Path) -> None:
    text = LAYANAN.replace("prosedur: [Datang ke kantor desa, Isi formulir]",
                           "prosedur: Datang saja")
    write(site, f"{VILLAGE}/layanan/sktm.md", text)
    assert problems(site) == [("sukamaju/layanan/sktm.md", 8, "wrong_list")]


def test_bad_date(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", announcement("Rapat", tanggal="2026-13-45"))
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 3, "bad_date")]


def test_misspelt_field_suggests_the_right_name(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", announcement("Rapat", extra="pentng: true"))
    _, found = load_site(site / "content", NOW)
    [problem] = found
    assert (problem.line, problem.code) == (4, "unknown_field_suggest")
    assert '"penting"' in problem.hint("id")
    assert "Did you mean" in problem.hint("en")


def test_two_files_with_the_same_slug(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", announcement("Rapat"))
    write(site, f"{VILLAGE}/pengumuman/lain.md", announcement("Rapat", extra="slug: rapat"))
    assert [c for *_, c in problems(site)] == ["duplicate_slug"]


def test_link_to_a_page_that_does_not_exist(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          announcement("Rapat") + "\nLihat [syarat](../layanan/ktp.md).\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 8, "broken_link")]


def test_missing_image(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          announcement("Rapat", extra="gambar: {file: balai.jpg, alt: Balai desa}"))
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 4, "missing_media")]


def test_missing_image_in_markdown_body(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          announcement("Rapat") + "\n![Balai](../media/balai.jpg)\n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 8, "missing_media")]


def test_empty_file(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "  \n")
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 1, "empty_file")]


def test_file_that_is_not_utf8_says_so(site: Path) -> None:
    path = site / VILLAGE / "pengumuman" / "rapat.md"
    path.write_bytes(announcement("Rapat Desa").encode("utf-8").replace(b"Desa", b"D\xe9sa"))
    assert problems(site) == [("sukamaju/pengumuman/rapat.md", 2, "not_utf8")]


def test_bom_and_crlf_from_windows_editors_are_fine(site: Path) -> None:
    path = site / VILLAGE / "pengumuman" / "rapat.md"
    path.write_bytes(b"\xef\xbb\xbf" + announcement("Rapat").replace("\n", "\r\n").encode())
    assert problems(site) == []


def test_yaml_alias_bomb_is_refused_quickly(site: Path) -> None:
    bomb = "---\njudul: Bom\ntanggal: 2026-11-01\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + \
        "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "---\n"
    write(site, f"{VILLAGE}/pengumuman/bom.md", bomb)
    [(_, line, code)] = problems(site)
    assert code == "yaml_alias" and line in (4, 5)


def test_slug_that_would_escape_the_output_folder(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", announcement("Rapat", extra="slug: ../../etc"))
    assert [c for *_, c in problems(site)] == ["bad_slug"]


def test_media_path_that_escapes_content(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md",
          announcement("Rapat", extra="gambar: {file: ../../../etc/passwd, alt: x}"))
    assert [c for *_, c in problems(site)] == ["path_escape"]


def test_symlink_pointing_outside_content(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("sandi")
    (site / VILLAGE / "media").mkdir()
    os.symlink(secret, site / VILLAGE / "media" / "foto.jpg")
    assert problems(site) == [("sukamaju/media/foto.jpg", 1, "symlink_outside")]


def test_every_problem_is_reported_in_one_run(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/a.md", "---\njudul: A\n---\n")
    write(site, f"{VILLAGE}/pengumuman/b.md", announcement("B", tanggal="kemarin"))
    write(site, f"{VILLAGE}/layanan/c.md", "tanpa front matter\n")
    assert {c for *_, c in problems(site)} == {"missing_field", "bad_date", "frontmatter_missing"}


def test_urgent_emergency_notice_must_say_what_the_law_requires(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/banjir.md",
          announcement("Banjir", extra="jenis: serta_merta\nbahaya: Banjir"))
    codes = [c for *_, c in problems(site)]
    assert codes.count("serta_merta_field") == 7


def test_a_failed_build_writes_nothing(site: Path) -> None:
    write(site, f"{VILLAGE}/pengumuman/rapat.md", "---\njudul: Rapat\n---\n")
    with pytest.raises(ContentError):
        build(site, site / "output", now=NOW)
    assert not (site / "output").exists()
    assert not list(site.glob(".output*"))


def test_placeholder_text_left_from_kampung_new_is_a_warning(site: Path) -> None:
    text = ("---\n# Ganti semua yang bertanda [GANTI].\njudul: \"[GANTI] Rapat\"\n"
            "tanggal: 2026-11-01\n---\nIsi.\n\n# [GANTI] Judul bagian\n")
    write(site, f"{VILLAGE}/pengumuman/rapat.md", text)
    _, found = load_site(site / "content", NOW)
    [warning] = [p for p in found if p.code == "placeholder"]
    assert (warning.path, warning.line, warning.column, warning.severity) == \
        ("sukamaju/pengumuman/rapat.md", 3, 9, "warning")
    assert dict(warning.params)["count"] == 2  # the comment explaining the mark is not one
    assert problems(site) == []  # a warning: the site still builds
