"""The Markdown dialect: the gated inline passes give Python-Markdown's own HTML."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from kampung.render.markdown import InlineGate, _GatedInline, extensions

PIECES = st.sampled_from([
    *"ab '\"-.*_[]()#>|`\n1:!&;<\\{}=~@/\t",
    "  \n", "...", "--", "---", "<<", ">>", "**", "__", "![a](b.png)", "[a][1]", "\n[1]: /x\n",
    "<http://a.id>", "<a@b.id>", "&amp;", "&#8212;", "<b>", "`kode`", "'90s",
    "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "\n\n## Judul {#id .kelas}\n\n", "\n- satu\n- dua\n", "\n1. satu\n2. dua\n",
])
TEXT = st.lists(PIECES, max_size=60).map("".join)


def _html(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_gated_inline_passes_give_the_html_of_the_plain_ones(text: str) -> None:
    plain = markdown.Markdown(extensions=extensions())
    gated = markdown.Markdown(extensions=[*extensions(), InlineGate()])
    for body in (text, f"Kata '{text}' -- dan... \"{text}\"", f"**{text}** [x](y)"):
        assert _html(gated, body) == _html(plain, body)


def test_both_inline_passes_are_gated() -> None:
    """Fails when Python-Markdown or smarty gains a pattern the gate does not know, or
    renames the method the gate overrides: either would silently turn the gate off (and
    double the Markdown time)."""
    md = markdown.Markdown(extensions=[*extensions(), InlineGate()])
    assert isinstance(md.treeprocessors["inline"], _GatedInline)
    assert isinstance(md.treeprocessors["smarty"], _GatedInline)


class _Strike(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 40)


def test_a_pass_with_a_pattern_the_gate_does_not_know_is_left_ungated() -> None:
    md = markdown.Markdown(extensions=[*extensions(), _Strike(), InlineGate()])
    assert not isinstance(md.treeprocessors["inline"], _GatedInline)
    assert isinstance(md.treeprocessors["smarty"], _GatedInline)
    assert "<del>coret</del>" in _html(md, "kata ~~coret~~ saja")
