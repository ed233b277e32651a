"""Sitemaps a search engine accepts: valid against the sitemaps.org 0.9 schema, listing every
page residents look for (the portal's home and service directory, each village's public
information list and announcement archive), each address a real file of the build, and an
index that names only sitemaps on its own host."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

pytestmark = pytest.mark.slow  # builds the sample portal (once per run)
HERE = Path(__file__).parent
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SCHEMAS = {"urlset": "sitemap.xsd", "sitemapindex": "siteindex.xsd"}
VILLAGES = ("kemiren", "sumberagung", "tamansari")


def announced(robots: Path) -> str:
    """The sitemap address a robots.txt gives."""
    [line] = [x for x in robots.read_text("utf-8").splitlines() if x.startswith("Sitemap:")]
    return line.split(":", 1)[1].strip()


def locs(path: Path) -> list[str]:
    return etree.parse(str(path)).xpath("//s:loc/text()", namespaces=NS)


def test_every_sitemap_is_valid_against_the_protocol_schema(sample_output: Path) -> None:
    sitemaps = sorted(sample_output.rglob("sitemap*.xml"))
    assert len(sitemaps) == 5  # the index, the portal's and one per village
    for path in sitemaps:
        document = etree.parse(str(path))
        root = etree.QName(document.getroot()).localname
        schema = etree.XMLSchema(etree.parse(str(HERE / SCHEMAS[root])))
        assert schema.validate(document), (path, schema.error_log)


@pytest.mark.parametrize("village", VILLAGES)
def test_village_sitemap_lists_its_pages_and_only_files_the_build_made(
        sample_output: Path, village: str) -> None:
    folder = sample_output / village
    base = announced(folder / "robots.txt").removesuffix("sitemap.xml")
    found = locs(folder / "sitemap.xml")
    assert all(url.startswith(base) for url in found)  # a sitemap covers its own folder only
    paths = [url.removeprefix(base) for url in found]
    assert all((folder / p / "index.html").is_file() for p in paths)
    services = sorted(f"layanan/{p.parent.name}/" for p in folder.glob("layanan/*/index.html"))
    assert services and set(services) <= set(paths)
    assert {"", "layanan/", "informasi-publik/", "pengumuman/arsip/", "agenda/"} <= set(paths)
    assert not any(p.endswith(("cetak.html", "offline/")) for p in paths)


def test_portal_sitemap_lists_its_home_and_service_directory(sample_output: Path) -> None:
    base = announced(sample_output / "robots.txt").removesuffix("sitemap.xml")
    [portal] = [url for url in locs(sample_output / "sitemap.xml") if url.endswith("-portal.xml")]
    paths = [url.removeprefix(base) for url in locs(sample_output / portal.removeprefix(base))]
    assert paths[:2] == ["", "layanan/"]
    services = sorted(f"layanan/{p.parent.name}/" for p in sample_output.glob(
        "layanan/*/index.html"))
    assert services and set(services) <= set(paths)
    assert all((sample_output / p / "index.html").is_file() for p in paths)


def test_index_names_only_sitemaps_on_its_own_host(sample_output: Path) -> None:
    """Sumberagung has its own domain: its sitemap is announced by its own robots.txt,
    which the protocol allows, and not by the portal's index, which it does not."""
    base = announced(sample_output / "robots.txt").removesuffix("sitemap.xml")
    listed = locs(sample_output / "sitemap.xml")
    assert all(url.startswith(base) for url in listed)
    assert f"{base}kemiren/sitemap.xml" in listed
    own = announced(sample_output / "sumberagung" / "robots.txt")
    assert own == "https://sumberagung.example.id/sitemap.xml" and own not in listed
