"""What a previewed page gets on its way out: the reload script and the error overlay."""

from __future__ import annotations

from bs4 import BeautifulSoup

from kampung.errors import Problem
from kampung.serve.channel import Status
from kampung.serve.inject import inject, overlay_html

PAGE = b"<!DOCTYPE html><html><head><title>x</title></head><body><main>Isi</main></body></html>"


def test_the_script_goes_just_before_the_end_of_the_body() -> None:
    html = inject(PAGE, Status(3, "ab.3"), "id").decode()
    assert html.endswith('<script src="/__kampung/reload.js" data-generation="ab.3"></script>'
                         "</body></html>")
    assert "kampung-overlay" not in html


def test_a_page_without_a_body_tag_still_gets_the_script() -> None:
    assert inject(b"<p>hai", Status(1, "g.1"), "id").endswith(b'data-generation="g.1"></script>')


def test_the_overlay_names_file_line_message_and_hint_in_the_readers_language() -> None:
    problem = Problem.at("kemiren/pengumuman/rapat.md", 3, 1, "unknown_field_suggest",
                         field="tangal", suggestion="tanggal")
    soup = BeautifulSoup(inject(PAGE, Status(2, "g.2", (problem,), True), "en"), "html.parser")
    shown = " ".join(soup.find(id="kampung-overlay").get_text(" ").split())
    assert "kemiren/pengumuman/rapat.md:3:1" in shown
    assert "tangal" in shown and 'Did you mean "tanggal"?' in shown
    assert "Kampung found 1 error(s)" in shown
    assert soup.find(id="kampung-overlay")["role"] == "alert"


def test_content_in_an_error_message_cannot_inject_markup() -> None:
    problem = Problem.at("<b>x</b>.md", 1, 1, "unknown_field", field="<script>alert(1)</script>")
    html = overlay_html((problem,), "id", has_site=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in html
