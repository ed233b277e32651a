"""What an output is made from is known before it is rendered, and nothing else feeds it.

The cache records, for each output, the templates its render can read
(`Renderer.templates_used`, from the templates' own references) and, for a village's
pages, nothing of the other villages (they are planned from that village alone).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest
from conftest import NOW, REPO
from sitekit import make_site, write

from kampung.build import load
from kampung.model import Site
from kampung.plan import plan, village_outputs
from kampung.render.env import Renderer
from kampung.render.themes import theme_loader


class _Noting(jinja2.BaseLoader):
    """A loader that notes every template Jinja asks it for."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner, self.asked = inner, set()

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[override]
        self.asked.add(template)
        return self.inner.get_source(environment, template)


def _sample() -> Site:
    """The sample portal as the build plans it (with its theme's list fields)."""
    return load(REPO, NOW)[0]


@pytest.mark.slow
def test_every_template_a_render_loads_is_among_those_it_is_said_to_use() -> None:
    """Every output of the sample portal, rendered with Jinja's cache off, in both themes."""
    site = _sample()
    for theme in ("default", "kontras"):
        renderer = Renderer(REPO, theme, site.source_urls)
        loader = _Noting(theme_loader(REPO, theme))
        renderer.env.loader, renderer.env.cache = loader, None  # every load asks the loader
        kinds: set[str] = set()
        for out in plan(site):
            loader.asked.clear()
            renderer.render(out)
            assert loader.asked <= renderer.templates_used(out.template), out.path
            kinds.add(out.template)
        assert len(kinds) > 30  # the check covered the theme's templates, not a few
    assert "default:style.css" in renderer.templates_used("pengumuman.html")  # kontras'


def test_a_template_named_at_render_time_makes_every_template_an_input(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs")
    write(site, "templates/kontak.html", '{% set part = "robots.txt" %}{% include part %}')
    renderer = Renderer(site, "default", {})
    used = renderer.templates_used("kontak.html")
    assert {"robots.txt", "pengumuman.html", "base.html", "default:base.html"} <= used
    assert renderer.templates_used("feed.xml") < used  # plain references stay exact
    assert renderer.templates_used("robots.txt") == {"robots.txt"}


def test_a_broken_template_not_yet_rendered_is_still_an_input(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs")
    write(site, "templates/kontak.html", '{% include "rusak.html" %}')
    write(site, "templates/rusak.html", "{% if %}")
    assert {"kontak.html", "rusak.html"} <= Renderer(site, "default", {}).templates_used(
        "kontak.html")


def test_a_villages_pages_are_planned_from_that_village_alone() -> None:
    """What the cache relies on: no other village can change a village's pages."""
    site = _sample()
    assert len(site.villages) > 1
    for village in site.villages:
        alone = dataclasses.replace(site, villages=(village,))
        assert list(village_outputs(alone, village)) == list(village_outputs(site, village))


@pytest.mark.slow
def test_a_template_named_at_render_time_is_found_once_it_is_added(tmp_path: Path) -> None:
    """The cache keeps what templates refer to; a reference it cannot read ahead (a name in
    a variable) must still see a template that comes later."""
    from test_incremental import clean_build, tree

    from kampung.build import build

    site = make_site(tmp_path / "situs")
    write(site, "templates/kontak.html", '{% extends "default:kontak.html" %}'
          '{% block content %}{% set part = "catatan.html" %}'
          '{% include part ignore missing %}{{ super() }}{% endblock %}')
    build(site, site / "output", now=NOW, jobs=1)
    page = site / "output/sukamaju/kontak/index.html"
    assert "Buka Sabtu" not in page.read_text()
    write(site, "templates/catatan.html", "<p>Buka Sabtu</p>")
    build(site, site / "output", now=NOW, jobs=1)
    assert "<p>Buka Sabtu</p>" in page.read_text()
    assert tree(site / "output") == clean_build(site, NOW)
