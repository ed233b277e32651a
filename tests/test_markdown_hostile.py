"""A paste gone wrong in a page body (thousands of brackets that never close, a list nested
hundreds deep): the page is built in seconds, that part shown as plain text, and a warning
names the file and line. Honest pages find the same links and render as before."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import markdown
import pytest
from conftest import NOW, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from sitekit import announcement, write

from kampung.build import build
from kampung.content import load_markdown
from kampung.model import _line_links, load_site, markdown_hazards
from kampung.render.markdown import InlineGate, MarkdownRenderer, extensions

# what found the links before `_line_links`: the same links, in time growing with the
# square of a line's brackets
LINK_RE = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
PIECES = st.sampled_from([
    *"[]()!<> \"a#.:/\t", "](", "[a](", "![", ' "t")', "<x>", "\u00a0", "[[", "]]",
    "(b)", "<a", "](<", "../layanan/ktp-el.md", "[teks](../media/foto.jpg \"judul\")",
])
PAGE = "sukamaju/pengumuman/rapat.md"
PASTED = 8  # after announcement()'s front matter, its "Isi pengumuman" line and a blank


def regex_links(text: str) -> list[tuple[int, str, bool]]:
    return [(m.start(), m[2], bool(m[1])) for m in LINK_RE.finditer(text)]


def sample_bodies() -> list[str]:
    content = REPO / "content"
    docs = [load_markdown(path, path.relative_to(content).as_posix())[0]
            for path in sorted(content.rglob("*.md"))]
    return [doc.body for doc in docs if doc]


def test_the_sample_content_has_the_links_the_regex_found() -> None:
    lines = [line for body in sample_bodies() for line in body.split("\n")]
    assert [list(_line_links(line)) for line in lines] == [regex_links(line) for line in lines]
    assert sum(len(regex_links(line)) for line in lines) > 20


@settings(max_examples=500, deadline=None)
@given(text=st.lists(PIECES, max_size=40).map("".join))
def test_any_line_has_the_links_the_regex_found(text: str) -> None:
    assert list(_line_links(text)) == regex_links(text)


@pytest.mark.parametrize("line", ["[" * 100_000, "[a](" * 50_000, '[a](b "' * 30_000,
                                  "[a](" * 50_000 + ' "' + "x" * 100_000])
def test_links_in_a_pasted_line_are_found_in_linear_time(line: str) -> None:
    started = time.perf_counter()
    list(_line_links(line))
    assert time.perf_counter() - started < 1  # minutes with the regex


def test_honest_pages_hold_no_hazard() -> None:
    table = "| No | Layanan |\n|---|---|\n" + "".join(
        f"| {i} | [KTP-el](../layanan/ktp-el.md) **gratis** |\n" for i in range(2000))
    items = "".join(f"- [Butir {i}](x.md) dengan `kode` dan _miring_\n" for i in range(2000))
    nested = "".join("    " * level + "- tingkat\n" for level in range(8))
    drawing = "    " + " " * 100 + "Kepala Desa\n"  # a signature in a code block
    stray = "Lihat [lampiran (di kantor desa. " * 20 + "Selesai.\n"
    for body in (*sample_bodies(), table, items, nested, drawing, stray):
        assert markdown_hazards(body) == []


def html_of(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def test_honest_pages_render_as_python_markdown_renders_them() -> None:
    """The guard (`kampung_plain`) and the inline gate's tails change nothing in them."""
    guarded, unguarded = MarkdownRenderer({}), MarkdownRenderer({})
    unguarded.md.preprocessors.deregister("kampung_plain")
    gated = markdown.Markdown(extensions=[*extensions(), InlineGate()])
    plain = markdown.Markdown(extensions=extensions())
    for body in sample_bodies():
        assert guarded.render(body, PAGE, "a/b/index.html") == \
            unguarded.render(body, PAGE, "a/b/index.html")
        assert html_of(gated, body) == html_of(plain, body)


@pytest.mark.slow
def test_a_long_page_of_every_construct_renders_as_python_markdown_renders_it() -> None:
    pieces = [*"ab '\"-.*_[]()#>|`1:!&;<\\{}=~@/", "  \n", "...", "--", "**", "__", "\n\n",
              "![a](b.png)", "[a][1]", "\n[1]: /x\n", "<http://a.id>", "&amp;", "<b>", "`kode`",
              "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "\n\n## Judul {#id .kelas}\n\n",
              "\n- satu\n- dua\n", "\n1. satu\n2. dua\n", "\n\n> kutip 'a'\n\n", "\n    kode\n"]
    gated = markdown.Markdown(extensions=[*extensions(), InlineGate()])
    plain = markdown.Markdown(extensions=extensions())
    rng = random.Random(7)
    for _ in range(3):
        text = "".join(rng.choice(pieces) for _ in range(6000))
        assert html_of(gated, text) == html_of(plain, text)


@pytest.mark.slow
def test_a_page_of_forty_thousand_paragraphs_renders_in_seconds() -> None:
    body = "Paragraf biasa, hanya kata-kata yang panjang sekali.\n\n" * 40_000
    started = time.perf_counter()
    MarkdownRenderer({}).render(body, PAGE, "a/b/index.html")
    assert time.perf_counter() - started < 5  # 18 s before: quadratic in the paragraphs


def test_emphasis_nested_too_deep_for_python_markdown_is_shown_as_plain_text() -> None:
    renderer = MarkdownRenderer({})
    list_html = MarkdownRenderer({}).render("- a\n    - b\n", PAGE, "x/index.html")
    deep = renderer.render("**a " * 1200 + "b" + " c**" * 1200, PAGE, "x/index.html")
    assert deep.html.startswith("<p>**a **a") and "<strong>" not in deep.html
    assert renderer.render("- a\n    - b\n", PAGE, "x/index.html") == list_html


def staircase(levels: int) -> str:
    return "".join("  " * i + "- a\n" for i in range(levels))


@pytest.mark.slow
@pytest.mark.parametrize(("body", "code", "line", "column", "shown"), [
    ("[" * 100_000, "markdown_brackets", 0, 1, "Rapat.</p><p>" + "[" * 1000),
    ("[a](" * 50_000, "markdown_brackets", 0, 4, "Rapat.</p><p>" + "[a](" * 1000),
    ("Rapat.\n\n" + "[a](\n" * 5_000, "markdown_brackets", 2, 4, "<p>[a]( [a]( [a]("),
    ("<a\n\n" * 8_000, "markdown_brackets", 0, 1, "<p>&lt;a</p><p>&lt;a</p>"),
    (staircase(2000), "markdown_depth", 64, 1, "<li>a<ul><li>a</li><li>a - a - a - a"),
], ids=["brackets", "links", "lines", "tags", "lists"])
def test_a_pasted_mess_is_built_in_seconds_with_a_warning_at_its_line(
        site: Path, body: str, code: str, line: int, column: int, shown: str) -> None:
    write(site, f"content/{PAGE}", announcement("Rapat") + "\n" + body)
    started = time.perf_counter()
    report = build(site, site / "output", now=NOW)
    assert time.perf_counter() - started < 10  # minutes, or a RecursionError, before
    [warning] = [p for p in report.problems if p.code.startswith("markdown_")]
    assert (warning.path, warning.line, warning.column, warning.code, warning.severity) == \
        (PAGE, PASTED + line, column, code, "warning")
    assert "plain text" in warning.message("en") and "teks biasa" in warning.message("id")
    _, checked = load_site(site / "content", NOW)  # kampung check says so too
    assert [p for p in checked if p.code == code] == \
        [p for p in report.problems if p.code == code]
    assert shown in (site / "output/sukamaju/pengumuman/rapat/index.html").read_text()
