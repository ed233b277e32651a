"""Markdown to safe HTML, with links to other content files turned into page URLs."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from itertools import groupby
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from ..model import markdown_hazards
from .urls import relative

SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "small", "source", "span",
    "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
# (site path of an image, alt text, page output path) -> <picture> HTML, or None to keep <img>
PictureHook = Callable[[str, str, str], "str | None"]
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[tuple[str, str], ...]  # (id, text) of level-2 headings, for a contents list


class _LinkRewriter(Treeprocessor):
    """Turn '../layanan/ktp-el.md' into the relative URL of that page's output."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.source = ""
        self.output = ""
        self.urls: Mapping[str, str] = {}
        self.pictures: PictureHook | None = None

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            if attribute and element.get(attribute):
                element.set(attribute, self.rewrite(element.get(attribute, "")))
        if self.pictures:
            self._pictures(root, self.pictures)

    def _pictures(self, root: ET.Element, hook: PictureHook) -> None:
        """A photo from media/ becomes the processed <picture> (srcset, WebP, width/height)."""
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                target = self._site_path(child.get("src", "")) if child.tag == "img" else None
                html = hook(target, child.get("alt", ""), self.output) if target else None
                if html is None:
                    continue
                text = self.md.htmlStash.store(html) + (child.tail or "")
                if index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + text
                else:
                    parent.text = (parent.text or "") + text
                parent.remove(child)

    def _site_path(self, link: str) -> str | None:
        if not link or EXTERNAL.match(link) or link.startswith("/"):
            return None
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.output), link))

    def rewrite(self, target: str) -> str:
        if EXTERNAL.match(target) or target.startswith("/"):
            return target
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path))
        site_path = self.urls.get(resolved)
        if site_path is None:
            return target
        link = relative(self.output, site_path)
        return f"{link}#{fragment}" if fragment else link


class _PlainText(Preprocessor):
    """The lines Python-Markdown could not render in good time (`model.markdown_hazards`:
    a paste of thousands of brackets that never close, lists nested hundreds deep) go in
    as plain text; `kampung check` and the build warn about them."""

    def run(self, lines: list[str]) -> list[str]:
        hazards = markdown_hazards("\n".join(lines))
        if not hazards:
            return lines
        plain = {offset for h in hazards for offset in range(h.first, h.last)}
        kept: list[str] = []
        for hazard, run in groupby(enumerate(lines), key=lambda item: item[0] in plain):
            texts = [line for _, line in run]
            if hazard:
                texts = [self.md.htmlStash.store(escape("\n".join(texts), quote=False))]
            kept += texts
        return kept


class _Rewriting(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LinkRewriter(md), "kampung_links", 1)
        # right after the input's line endings and tabs are made plain
        md.preprocessors.register(_PlainText(md), "kampung_plain", 29)


# What each inline pattern needs in a text to match there: Python-Markdown's own, then
# smarty's (its quote patterns are numbered, hence the prefix)
PATTERN_NEEDS = {
    "backtick": "`", "escape": r"\\", "reference": r"\[", "link": r"\[",
    "image_link": r"\[", "image_reference": r"\[", "short_reference": r"\[",
    "short_image_ref": r"\[", "autolink": "<", "automail": "<", "html": "<", "entity": "&",
    "linebreak": "  \n", "not_strong": "[*_]", "em_strong": "[*_]", "em_strong2": "_",
    "smarty-quotes": "['\"]", "smarty-em-dashes": "--", "smarty-en-dashes": "--",
    "smarty-ellipses": r"\.\.\.", "smarty-left-angle-quotes": "<<",
    "smarty-right-angle-quotes": ">>",
}


class _GatedInline(InlineProcessor):
    """An inline pass that leaves alone the text in which none of its patterns can match.

    Python-Markdown tries every inline pattern at every text node, and smarty runs a second
    pass of 18 more. Most text nodes are plain sentences holding none of the characters a
    pattern needs; trying the patterns on them was half of a page's Markdown time. Leaving
    them alone gives the same HTML (a test compares on random text).
    """

    def __init__(self, md: markdown.Markdown, patterns: Any, needs: re.Pattern[str]):
        super().__init__(md)
        self.inlinePatterns = patterns
        self.needs = needs

    # the method the pass calls on each text node (name-mangled in InlineProcessor)
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.needs.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        """The tails no pattern can match are taken off for the pass and put back after:
        the pass, which changes nothing in them, looked for each element with a tail among
        all its parent's children; a body of 70,000 paragraphs (5 MB) took 100 s."""
        kept = [(e, e.tail) for e in tree.iter() if e.tail and not self.needs.search(e.tail)]
        for element, _ in kept:
            element.tail = None
        super().run(tree, ancestors)
        for element, tail in kept:
            element.tail = tail
        return tree


def _needs(names: list[str]) -> re.Pattern[str] | None:
    """One regex for what any of the named patterns needs; None if one is unknown."""
    needs = []
    for name in names:
        key = "smarty-quotes" if name.startswith("smarty-quotes") else name
        if key not in PATTERN_NEEDS:
            return None
        needs.append(PATTERN_NEEDS[key])
    return re.compile("|".join(dict.fromkeys(needs)))


class InlineGate(Extension):
    """Gate the inline passes (Python-Markdown's and smarty's); registered after them.
    A pass with a pattern this does not know (another extension's) stays as it was."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
            return  # a Markdown release that renamed it: nothing to gate
        for item in list(md.treeprocessors._priority):  # type: ignore[attr-defined]  # no public list
            processor = md.treeprocessors[item.name]
            if type(processor) is not InlineProcessor:
                continue
            needs = _needs(list(processor.inlinePatterns._data))  # type: ignore[attr-defined]
            if needs is not None:
                md.treeprocessors.register(
                    _GatedInline(md, processor.inlinePatterns, needs), item.name,
                    item.priority)


def extensions() -> list[Extension]:
    """The Markdown dialect of content files, as extension instances: a name is first looked
    for among the entry points of every installed package, 10 ms a process (a one-page
    edit starts one)."""
    return [TableExtension(), AttrListExtension(), SaneListExtension(),
            TocExtension(toc_depth="2"), SmartyExtension()]


class MarkdownRenderer:
    """One Markdown instance, reset per document (building one costs more than a page)."""

    def __init__(self, urls: Mapping[str, str], allow_html: bool = False,
                 pictures: PictureHook | None = None):
        self.urls, self.pictures, self.allow_html = urls, pictures, allow_html
        self._start()

    def _start(self) -> None:
        self.md = markdown.Markdown(extensions=[*extensions(), InlineGate(), _Rewriting()])
        self.rewriter: _LinkRewriter = self.md.treeprocessors["kampung_links"]  # type: ignore
        self.rewriter.urls = self.urls
        self.rewriter.pictures = self.pictures

    def render(self, text: str, source: str, output: str) -> Rendered:
        self.rewriter.source, self.rewriter.output = source, output
        self.md.reset()
        try:
            html = self.md.convert(text)
        except RecursionError:  # emphasis in emphasis hundreds deep (`markdown_hazards`
            self._start()  # sees only lists and quotes): the parser is left half-way
            html = "".join(f"<p>{escape(part, quote=False)}</p>\n"
                           for part in re.split(r"\n\s*\n", text.strip()))
        if not self.allow_html:
            html = nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES,
                             link_rel="noopener")
        tokens = getattr(self.md, "toc_tokens", [])
        return Rendered(html, tuple((t["id"], t["name"]) for t in tokens if t["level"] == 2))
