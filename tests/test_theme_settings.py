"""What a theme may change lives in its theme.yaml: the photo column, the logo, what lists
show and the UI strings. A site's own theme.yaml changes them, and the cache follows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import write
from test_incremental import clean_build, png, rich_site, tree
from test_themes import use_theme

from kampung.build import build
from kampung.errors import ContentError
from kampung.render.themesettings import theme_settings

PHOTO_PAGE = "sukamaju/halaman/kegiatan/index.html"
KOLOM = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The incremental tests' rich site, with a photo in one page's body and a summary on a
    service, built once; each test takes a copy."""
    root = rich_site(tmp_path_factory.mktemp("tema") / "situs")
    (root / "content/sukamaju/media/sawah.png").write_bytes(png(120, 900))
    write(root, "content/sukamaju/halaman/kegiatan.md",
          "---\njudul: Kegiatan\n---\nPanen raya.\n\n![Sawah menguning](../media/sawah.png)\n")
    service = root / "content/sukamaju/layanan/ktp-el.md"
    service.write_text(service.read_text().replace(
        "kelompok: adminduk", "kelompok: adminduk\nringkasan: Untuk warga berusia 17 tahun"))
    build(root, root / "output", now=NOW)
    return root


@pytest.fixture
def themed(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "situs"
    shutil.copytree(built, copy, symlinks=True)
    build(copy, copy / "output", now=NOW)  # the copy's folder is new: verify it once
    return copy


def test_the_nearest_theme_wins_each_setting_and_the_rest_comes_from_default(
        tmp_path: Path) -> None:
    kontras = theme_settings(tmp_path, "kontras")
    assert kontras.logo == 48  # kontras' own
    assert kontras.kolom == KOLOM and "judul" in kontras.daftar["semua"]  # from default
    write(tmp_path, "themes/kontras/theme.yaml", "teks:\n  id: {fee: Tarif}\n")
    write(tmp_path, "themes/balai/theme.yaml",
          "extends: kontras\nlogo: 56\ndaftar:\n  dokumen: [nomor]\nteks:\n  en: {fee: Charge}\n"
          "  id:\n    extras:\n      section: {layanan: Pelayanan}\n")
    balai = theme_settings(tmp_path, "balai")
    assert (balai.logo, balai.daftar["dokumen"], balai.daftar["produk"]) == (
        56, ("nomor",), ("harga", "satuan", "penjual"))
    # the site's kontras/theme.yaml adds to the bundled one instead of replacing it
    assert balai.teks == {"id": {"fee": "Tarif", "extras.section.layanan": "Pelayanan"},
                          "en": {"fee": "Charge"}}  # nested as in the catalogs, or dotted


@pytest.mark.parametrize("text, line, code", [
    ("logo: besar\n", 1, "theme_setting_logo"),
    ("extends: default\nwarna: merah\n", 2, "theme_setting_unknown"),
    ("kolom: 44\n", 1, "theme_setting_text"),
    ("daftar:\n  layanan: [judul, body]\n", 2, "theme_setting_body"),
    ("daftar:\n  berita: [judul]\n", 2, "theme_list_kind"),
    ("daftar:\n  semua: judul\n", 2, "theme_setting_lists"),
    ("teks:\n  jv: {fee: Ragad}\n", 2, "theme_setting_language"),
    ("teks:\n  id:\n    fee: Tarif\n    beranda: Rumah\n", 4, "theme_text_unknown"),
    ("teks:\n  id:\n    fee: Tarif {harga}\n", 3, "theme_text_field"),
    ("extends: null\nlogo: 40\n", 1, "theme_setting_missing"),  # a root theme gives all
    ("extends: default\nlogo: [\n", 3, "yaml_syntax"),  # was a traceback from theme_chain
])
def test_a_wrong_theme_setting_names_its_file_and_line_and_writes_nothing(
        site: Path, tmp_path: Path, text: str, line: int, code: str) -> None:
    write(site, "themes/balai/theme.yaml", text)
    use_theme(site, "balai")
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "out", now=NOW, cache=tmp_path / "cache")
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.code) == ("themes/balai/theme.yaml", line, code)
    for lang in ("id", "en"):
        assert problem.message(lang) != f"error.{code}" and problem.hint(lang)
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_new_photo_column_re_renders_only_the_pages_with_photos(themed: Path) -> None:
    assert f'sizes="{KOLOM}"' in (themed / "output" / PHOTO_PAGE).read_text()
    write(themed, "themes/default/theme.yaml", 'kolom: "(min-width: 60rem) 58rem, 100vw"\n')
    report = build(themed, themed / "output", now=NOW)
    assert report.rendered == [PHOTO_PAGE]  # the logo and every other page: as they were
    page = (themed / "output" / PHOTO_PAGE).read_text()
    assert 'sizes="(min-width: 60rem) 58rem, 100vw"' in page and KOLOM not in page
    assert tree(themed / "output") == clean_build(themed, NOW)


@pytest.mark.slow
def test_a_larger_logo_reaches_every_page_that_shows_it(themed: Path) -> None:
    write(themed, "themes/default/theme.yaml", "logo: 64\n")
    report = build(themed, themed / "output", now=NOW)
    assert "sukamaju/kontak/index.html" in report.rendered
    assert "robots.txt" not in report.rendered and "sukamaju/robots.txt" not in report.rendered
    home = (themed / "output/sukamaju/index.html").read_text()
    assert "sizes=64px" in home and "width=64" in home and "sizes=40px" not in home
    assert tree(themed / "output") == clean_build(themed, NOW)


@pytest.mark.slow
def test_fewer_list_fields_change_the_lists_and_leave_the_pages(themed: Path) -> None:
    summary = "Untuk warga berusia 17 tahun"
    assert summary in (themed / "output/sukamaju/layanan/index.html").read_text()
    fields = theme_settings(themed, "default").daftar["semua"]
    write(themed, "themes/default/theme.yaml",
          f"daftar:\n  semua: [{', '.join(f for f in fields if f != 'ringkasan')}]\n")
    report = build(themed, themed / "output", now=NOW)
    assert "sukamaju/layanan/index.html" in report.rendered
    assert "sukamaju/layanan/ktp-el/index.html" not in report.rendered  # a page, not a list
    assert summary not in (themed / "output/sukamaju/layanan/index.html").read_text()
    assert summary in (themed / "output/sukamaju/layanan/ktp-el/index.html").read_text()
    assert tree(themed / "output") == clean_build(themed, NOW)


@pytest.mark.slow
def test_a_theme_words_a_ui_string_its_own_way_in_each_language(themed: Path) -> None:
    write(themed, "themes/kelurahan/theme.yaml",
          "teks:\n  id: {fee: Tarif retribusi}\n  en: {fee: Levy}\n")
    use_theme(themed, "kelurahan")
    build(themed, themed / "output", now=NOW)
    write(themed, "themes/kelurahan/theme.yaml",
          "teks:\n  id: {fee: Tarif kelurahan}\n  en: {fee: Ward levy}\n")
    report = build(themed, themed / "output", now=NOW)
    out = themed / "output/sukamaju"
    assert "<dt>Tarif kelurahan</dt>" in (out / "layanan/ktp-el/index.html").read_text()
    assert "<dt>Ward levy</dt>" in (out / "en/layanan/ktp-el/index.html").read_text()
    assert "sukamaju/en/layanan/ktp-el/index.html" in report.rendered
    assert "sukamaju/kontak/index.html" not in report.rendered  # it shows no fee
    assert tree(themed / "output") == clean_build(themed, NOW)


@pytest.mark.slow
def test_a_theme_word_reaches_the_portal_search_records(themed: Path) -> None:
    """The portal's search records are a step's files, made with `t()`: its key has them."""
    write(themed, "themes/default/theme.yaml",
          "teks:\n  id:\n    extras:\n      section: {layanan: Pelayanan publik}\n")
    report = build(themed, themed / "output", now=NOW)
    assert any(rel.startswith("pagefind/") for rel in report.changed)
    assert tree(themed / "output") == clean_build(themed, NOW)


@pytest.mark.slow
def test_a_string_newly_worded_by_the_theme_reaches_pages_of_that_language_only(
        themed: Path) -> None:
    """A page notes once which strings its language's theme text has, then only those it
    reads: a newly worded string renders that language's pages again, not the others'."""
    write(themed, "themes/kelurahan/theme.yaml", "teks:\n  id: {fee: Tarif retribusi}\n")
    use_theme(themed, "kelurahan")
    build(themed, themed / "output", now=NOW)
    write(themed, "themes/kelurahan/theme.yaml",
          "teks:\n  id: {fee: Tarif retribusi, contact: Hubungi kelurahan}\n")
    report = build(themed, themed / "output", now=NOW)
    assert "Hubungi kelurahan" in (themed / "output/sukamaju/kontak/index.html").read_text()
    assert "sukamaju/kontak/index.html" in report.rendered
    assert not any("/en/" in path for path in report.rendered)
    assert tree(themed / "output") == clean_build(themed, NOW)
