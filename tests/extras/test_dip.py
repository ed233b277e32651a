"""The Daftar Informasi Publik lists every public page under its legal category."""

from __future__ import annotations

from pathlib import Path

from extras.conftest import soup_of

DIP = "sukamaju/informasi-publik/index.html"


def listed(out: Path) -> dict[str, list[str]]:
    soup = soup_of(out, DIP)
    return {h2["id"]: [a.get_text(strip=True) for a in
                       (h2.find_next("table").select("tbody td:nth-of-type(2) > a")
                        if h2.find_next(["table", "h2"]).name == "table" else [])]
            for h2 in soup.select("h2[id]") if h2["id"] in
            ("berkala", "serta_merta", "setiap_saat", "dikecualikan")}


def test_all_four_categories_in_legal_order(out: Path) -> None:
    assert list(listed(out)) == ["berkala", "serta_merta", "setiap_saat", "dikecualikan"]


def test_pages_are_listed_by_their_front_matter(out: Path) -> None:
    groups = listed(out)
    assert "RPJMDes 2025-2030" in groups["berkala"]
    assert groups["setiap_saat"] == ["Akta Kelahiran"]
    assert groups["dikecualikan"] == ["Data pribadi penerima BLT"]


def test_emergency_notice_and_budget_are_listed_without_being_tagged(out: Path) -> None:
    groups = listed(out)
    assert groups["serta_merta"] == ["Waspada Banjir di Dusun Krajan"]
    assert "APBDes 2026" in groups["berkala"]


def test_every_listed_item_links_to_a_page_that_exists(out: Path) -> None:
    soup = soup_of(out, DIP)
    links = [a["href"] for a in soup.select("tbody a")]
    assert links
    for href in links:
        assert (out / "sukamaju/informasi-publik" / href).resolve().is_file(), href


def test_pages_untagged_stay_out_and_the_dip_is_linked_from_contacts(out: Path) -> None:
    text = soup_of(out, DIP).select_one("main").get_text(" ")
    assert "Kerja bakti" not in text
    links = [a["href"] for a in soup_of(out, "sukamaju/kontak/index.html").select("a")]
    assert "../informasi-publik/index.html" in links
