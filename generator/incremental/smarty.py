"""Markdown's `smarty` extension without its cost on text it would leave alone.

`smarty` (typographic quotes, dashes, ellipses) runs a second inline pass over every
text node with ~18 patterns, which doubles Python-Markdown's time per page. Each pattern
needs a character the text may not have: every quote pattern a `'` or `"`, the dash
patterns `--`, the ellipsis `...`. Before each document this looks at its source and
keeps only the patterns that could match, in their order and priorities, so the HTML is
the same byte for byte (tests compare it with the full extension on random text).
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.util import Registry

GROUPS = {"quotes": ("smarty-quotes",), "dashes": ("smarty-em-dashes", "smarty-en-dashes"),
          "ellipses": ("smarty-ellipses",)}


def _group(name: str) -> str:
    return next((g for g, prefixes in GROUPS.items() if name.startswith(prefixes)), "always")


class _Trim(Preprocessor):
    """Chooses the smarty patterns a document needs; changes no line."""

    def __init__(self, md: Markdown, processor: Any):
        super().__init__(md)
        self.processor = processor
        full: Registry[Any] = processor.inlinePatterns
        order = list(full._priority)  # a copy: looking items up sorts the list in place
        entries = [(full[item.name], item.name, item.priority) for item in order]
        self.variants: dict[tuple[bool, bool, bool], Registry[Any]] = {}
        for quotes in (False, True):
            for dashes in (False, True):
                for ellipses in (False, True):
                    wanted = {"always", *(g for g, on in (("quotes", quotes), (
                        "dashes", dashes), ("ellipses", ellipses)) if on)}
                    registry: Registry[Any] = Registry()
                    for pattern, name, priority in entries:
                        if _group(name) in wanted:
                            registry.register(pattern, name, priority)
                    self.variants[(quotes, dashes, ellipses)] = registry

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        needs = ("'" in text or '"' in text, "--" in text, "..." in text)
        self.processor.inlinePatterns = self.variants[needs]
        return lines


def trim_smarty(md: Markdown) -> None:
    """Install the trimming on a Markdown instance that uses `smarty` (else do nothing)."""
    if "smarty" in md.treeprocessors and "smarty_trim" not in md.preprocessors:
        md.preprocessors.register(_Trim(md, md.treeprocessors["smarty"]), "smarty_trim", 100)
