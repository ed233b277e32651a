"""Search: a resident types "ktp", "akte" or "surat pindah" on a phone and finds the page;
without JavaScript the search page is an A–Z list of services and pages by category."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from extras.conftest import NOW, soup_of
from extras.netlog import record_requests


def test_without_javascript_the_search_page_lists_services_a_to_z(out: Path) -> None:
    soup = soup_of(out, "sukamaju/cari/index.html")
    assert soup.select_one("form#cari").has_attr("hidden")
    letters = [h.get_text() for h in soup.select("h3[id^=az-]")]
    assert letters == ["A", "K", "S"]
    services = [a.get_text() for a in soup.select("h3[id^=az-] + ul a")]
    assert services == ["Akta Kelahiran", "Kartu Keluarga", "KTP-el",
                        "Surat Keterangan Ahli Waris", "Surat Keterangan Pindah"]
    for a in soup.select("main a[href$='index.html']"):
        assert (out / "sukamaju/cari" / a["href"]).resolve().is_file(), a["href"]


def test_without_javascript_pages_are_listed_by_category(out: Path) -> None:
    soup = soup_of(out, "sukamaju/cari/index.html")
    headings = [h.get_text() for h in soup.select("h2 ~ h3:not([id])")]
    assert headings[:5] == ["Layanan", "Wisata", "Pengumuman", "Agenda",
                            "Profil dan halaman lain"]
    assert "Waspada Banjir di Dusun Krajan" in soup.get_text()


def test_search_forms_on_home_and_portal_lead_to_the_search_page(out: Path) -> None:
    form = soup_of(out, "sukamaju/index.html").select_one("form[role=search]")
    assert form["action"] == "cari/index.html" and form.select_one("input")["name"] == "q"
    form = soup_of(out, "index.html").select_one("form[role=search]")
    assert form["action"] == "cari/index.html"


def test_each_site_has_its_own_small_index(out: Path) -> None:
    for folder in ("sukamaju/pagefind", "sumberrejo/pagefind", "pagefind"):
        names = {p.name for p in (out / folder).iterdir()}
        assert {"pagefind.js", "pagefind-entry.json", "wasm.id.pagefind"} <= names, folder
        assert not any(n.startswith("pagefind-ui") for n in names)
    chunks = list((out / "sukamaju/pagefind/index").iterdir())
    assert chunks and max(c.stat().st_size for c in chunks) < 20_000


@pytest.fixture(scope="module")
def phone(out: Path) -> Iterator[tuple[object, str, list[tuple[str, int]]]]:
    from browser.cdp import Chromium
    from browser.host import StaticHost

    with StaticHost(out) as host, Chromium.launch() as browser:
        sent = record_requests(host)
        page = browser.new_page()
        page.emulate_phone()
        yield page, host.url, sent


def search(phone: tuple, where: str, words: str) -> list[str]:
    page, base, _ = phone
    page.goto(f"{base}{where}cari/index.html?q={quote(words)}")
    page.wait_for("document.getElementById('cari-status').textContent", 20)
    return page.evaluate("[...document.querySelectorAll('#cari-hasil a')]"
                         ".map(a => a.querySelector('strong').textContent + ' ' + "
                         "a.getAttribute('href'))")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize(("words", "first"), [
    ("ktp", "KTP-el ../layanan/ktp-el/index.html"),
    ("KTP-el", "KTP-el ../layanan/ktp-el/index.html"),
    ("akte", "Akta Kelahiran ../layanan/akta-kelahiran/index.html"),
    ("akte kelahran", "Akta Kelahiran ../layanan/akta-kelahiran/index.html"),
    ("surat pindah", "Surat Keterangan Pindah ../layanan/surat-pindah/index.html"),
    ("posyandu", "Posyandu Balita ../agenda/posyandu/index.html"),
])
def test_village_search_finds_what_residents_type(phone: tuple, words: str, first: str) -> None:
    assert search(phone, "sukamaju/", words)[0] == first
    assert not phone[0].console_errors()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.server
def test_portal_search_finds_services_in_every_village(phone: tuple) -> None:
    found = search(phone, "", "ktp")
    assert "KTP-el ../sukamaju/layanan/ktp-el/index.html" in found
    assert "KTP-el ../sumberrejo/layanan/ktp-el/index.html" in found
    assert search(phone, "", "akte")[0] == \
        "Akta Kelahiran ../sukamaju/layanan/akta-kelahiran/index.html"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.server
def test_search_index_is_fetched_only_when_searching(phone: tuple) -> None:
    page, base, sent = phone
    page.send("Network.setCacheDisabled", cacheDisabled=True)
    page.send("Network.setBypassServiceWorker", bypass=True)  # it keeps searches offline
    page.goto(f"{base}sukamaju/cari/index.html")
    sent.clear()
    page.goto(f"{base}sukamaju/cari/index.html")
    loaded = [path for path, _ in sent]
    assert "/sukamaju/cari/index.html" in loaded
    assert not any("/pagefind/" in path for path in loaded)  # nothing until a search
    page.evaluate("document.getElementById('q').value = 'ktp',"
                  "document.getElementById('q').dispatchEvent(new Event('input'))")
    page.wait_for("document.querySelectorAll('#cari-hasil a').length", 20)
    fetched = [path for path, _ in sent]
    assert any(p.endswith(".pf_index") for p in fetched)
    assert any(p.endswith(".pf_bundle") for p in fetched)  # excerpts, bundled
    assert not any(p.endswith(".pf_fragment") for p in fetched)
    assert not any("pagefind-ui" in p for p in fetched)
    assert sum(size for _, size in sent) < 200_000
    page.send("Network.setCacheDisabled", cacheDisabled=False)
    page.send("Network.setBypassServiceWorker", bypass=False)


@pytest.mark.slow
def test_editing_one_village_reindexes_only_that_village(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from extras.site import make_extras_site
    from kampung.build import build
    from kampung.extras import searchindex

    root = make_extras_site(tmp_path / "situs")
    build(root, root / "output", now=NOW)
    indexed: list[str] = []
    real = searchindex._index
    monkeypatch.setattr(searchindex, "_index",
                        lambda work, *rest: (indexed.append(f"{work.parent.name}/{work.name}"),
                                             real(work, *rest)))
    ronda = root / "content/sumberrejo/agenda/ronda.md"
    ronda.write_text(ronda.read_text().replace("Giliran jaga.", "Giliran jaga RT 02."))
    before = (root / "output/sukamaju/pagefind/.kampung-cari").read_text()
    build(root, root / "output", now=NOW)
    assert indexed == ["sumberrejo/pagefind"]  # not Sukamaju's, not the portal's records
    assert (root / "output/sukamaju/pagefind/.kampung-cari").read_text() == before
    assert (root / "output/sumberrejo/pagefind/.kampung-cari").read_text() != before


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.server
def test_a_portal_index_in_several_bundles_is_searched_as_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A province's portal index is split so that Pagefind never holds it all in memory;
    the search page merges the bundles and finds pages from every one."""
    from browser.cdp import Chromium
    from browser.host import StaticHost

    from extras.site import make_extras_site
    from kampung.build import build
    from kampung.extras import search as search_module

    monkeypatch.setattr(search_module, "PORTAL_BUNDLE", 1)  # one village a bundle
    root = make_extras_site(tmp_path / "situs")
    build(root, root / "output", now=NOW, jobs=1)
    out = root / "output"
    assert (out / "pagefind/bagian-2/pagefind-entry.json").is_file()
    assert not (out / "pagefind/bagian-3").exists()
    form = soup_of(out, "cari/index.html").select_one("form#cari")
    assert form["data-merge"] == '["pagefind/bagian-2/"]'
    with StaticHost(out) as host, Chromium.launch() as browser:
        page = browser.new_page()
        page.emulate_phone()
        found = search((page, host.url, []), "", "ktp")
        assert not page.console_errors()
    assert "KTP-el ../sukamaju/layanan/ktp-el/index.html" in found
    assert "KTP-el ../sumberrejo/layanan/ktp-el/index.html" in found


def test_result_excerpts_come_in_one_bundle_per_small_index(out: Path) -> None:
    import json

    for index in ("sukamaju/pagefind", "pagefind"):
        entry = json.loads((out / index / "pagefind-entry.json").read_text("utf-8"))
        files = entry["kampung_bundles"]["files"]
        assert entry["kampung_bundles"]["digits"] == 0 and len(files) == 1
        assert all((out / index / "fragment" / f"{name}.pf_bundle").is_file()
                   for name in files.values())
        assert not list((out / index / "fragment").glob("*.pf_fragment"))
        assert "kampungBundles" in (out / index / "pagefind.js").read_text("utf-8")


def test_a_large_index_is_bundled_by_the_first_digits_of_each_fragment_hash() -> None:
    from kampung.extras.searchbundle import bundle_digits, prefix

    assert bundle_digits(500_000) == 0  # a village of 100 long pages: one request
    assert bundle_digits(4_000_000) == 2  # a portal of 10,000 pages: 256 bundles of 16 KB
    assert prefix("id_11e121f", 0) == "id_" and prefix("en_11e121f", 2) == "en_11"


@pytest.mark.slow
def test_the_portal_records_come_from_the_theme_and_follow_its_edits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a portal search result shows is a template a site may replace; replacing it
    indexes the portal's records again, and only them."""
    from extras.site import make_extras_site
    from kampung.build import build
    from kampung.extras import searchindex

    root = make_extras_site(tmp_path / "situs")
    build(root, root / "output", now=NOW)
    records: dict[str, str] = {}
    indexed: list[str] = []
    real = searchindex._index

    def noting(work: Path, pages: list, home: Path | None) -> None:
        indexed.append(work.relative_to(next(p for p in work.parents
                                             if p.name.startswith(".kampung-cari"))).as_posix())
        records.update((url, s) for url, s in pages if isinstance(s, str))
        real(work, pages, home)
    monkeypatch.setattr(searchindex, "_index", noting)
    own = root / "templates/cari_rekaman.html"
    own.parent.mkdir(exist_ok=True)
    own.write_text('<html lang="id"><body><main><h1>{{ judul }}</h1>'
                   "<p>{{ desa }}, {{ t('extras.section.' ~ jenis) }}</p></main></body></html>")
    build(root, root / "output", now=NOW)
    assert indexed == ["pagefind"]  # the portal's records were made again, and only they
    ronda = next(html for url, html in records.items() if url.endswith("/agenda/ronda/index.html"))
    assert "<p>Sumberrejo, Agenda</p>" in ronda and "Kec." not in ronda
    indexed.clear()
    build(root, root / "output", now=NOW)
    assert indexed == []  # nothing changed: not indexed again


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_kind_of_page_has_a_name_for_search_results(lang: str) -> None:
    """A portal result says what a page is (`cari_rekaman.html`): a kind without a name
    would show residents the raw catalog key (a new content type must add one)."""
    from kampung.i18n import catalog
    from kampung.schema import PAGE_TYPES

    names = catalog(lang)
    missing = [kind for kind in PAGE_TYPES if not names.get(f"ui.extras.section.{kind}")]
    assert missing == []
