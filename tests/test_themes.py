"""Themes inherit: a theme holds only what it changes, the rest comes from what it extends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import write
from test_incremental import clean_build, tree

from kampung.build import build
from kampung.errors import ContentError
from kampung.render.themes import THEMES_DIR, theme_chain


def use_theme(site: Path, name: str) -> None:
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8") + f"tema: {name}\n", encoding="utf-8")


def test_kontras_is_made_only_of_its_differences() -> None:
    """The bundled high-contrast theme carries its settings and a stylesheet, nothing copied."""
    files = sorted(p.relative_to(THEMES_DIR / "kontras").as_posix()
                   for p in (THEMES_DIR / "kontras").rglob("*") if p.is_file())
    assert files == ["templates/style.css", "theme.yaml"]
    assert [t.name for t in theme_chain(Path("/nonexistent"), "kontras")] == ["kontras", "default"]


@pytest.mark.slow
def test_a_site_in_kontras_gets_every_page_with_the_stronger_stylesheet(
        site: Path, tmp_path: Path) -> None:
    plain = clean_build(site, NOW)
    use_theme(site, "kontras")
    strong = clean_build(site, NOW)
    assert plain.keys() == strong.keys()  # the same pages, from the default templates
    home = strong["sukamaju/index.html"].decode()
    assert "html:root{--c:#003a8c" in home  # kontras' colours win over the village's
    assert ".skip:focus{left:.5rem}" in home  # and the default stylesheet it includes comes first
    assert home.index(".skip:focus{left:.5rem}") < home.index("html:root{--c:#003a8c")


def test_a_theme_of_the_site_changes_one_template_and_inherits_the_rest(
        site: Path, tmp_path: Path) -> None:
    write(site, "themes/balai/theme.yaml", "extends: kontras\n")
    write(site, "themes/balai/templates/robots.txt", "User-agent: *\nDisallow: /\n")
    use_theme(site, "balai")
    out = clean_build(site, NOW)
    assert out["robots.txt"] == b"User-agent: *\nDisallow: /\n"
    assert b"html:root{--c:#003a8c" in out["sukamaju/index.html"]  # from kontras


@pytest.mark.slow
def test_an_edit_to_the_extended_theme_reaches_pages_of_the_theme_that_includes_it(
        site: Path, tmp_path: Path) -> None:
    """`default:style.css` is a dependency like any template: the cache must not miss it."""
    shutil.copytree(THEMES_DIR / "default", site / "themes/dasar")
    settings = site / "themes/dasar/theme.yaml"  # default's settings, extending nothing
    settings.write_text(settings.read_text(encoding="utf-8") + "extends: null\n",
                        encoding="utf-8")
    write(site, "themes/tebal/theme.yaml", "extends: dasar\n")
    write(site, "themes/tebal/templates/style.css", '{% include "dasar:style.css" %}b{color:red}')
    use_theme(site, "tebal")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, now=NOW, cache=cache)
    style = site / "themes/dasar/templates/style.css"
    style.write_text(style.read_text(encoding="utf-8") + "i{letter-spacing:3px}", encoding="utf-8")
    build(site, out, now=NOW, cache=cache)
    assert b"i{letter-spacing:3px}" in (out / "sukamaju/index.html").read_bytes()
    assert tree(out) == clean_build(site, NOW)


@pytest.mark.parametrize("settings, missing", [(None, "tidakada"), ("extends: hilang\n", "hilang")])
def test_a_missing_theme_or_parent_is_named_in_the_error(
        site: Path, tmp_path: Path, settings: str | None, missing: str) -> None:
    if settings is None:
        use_theme(site, "tidakada")
    else:
        write(site, "themes/anak/theme.yaml", settings)
        use_theme(site, "anak")
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "out", now=NOW, cache=tmp_path / "cache")
    [problem] = caught.value.problems
    assert (problem.path, problem.code, dict(problem.params)["theme"]) == (
        "portal.yaml", "theme_missing", missing)
    assert not (tmp_path / "out").exists()
