"""The Jinja2 environment: theme lookup, filters and UI strings from the catalogs (or the
theme's `teks`, which replaces them per language)."""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2 import meta
from jinja2.runtime import Context
from markupsafe import Markup

from .. import i18n
from ..extras.globals import TEMPLATE_GLOBALS as EXTRAS_GLOBALS
from ..extras.qr import qr_svg
from ..pages import Output
from ..recording import RenderMemo
from . import format as fmt
from .markdown import MarkdownRenderer
from .pictures import markdown_pictures
from .pictures import template_globals as media_globals
from .themes import ANY_TEMPLATE, theme_loader
from .themesettings import text_key, theme_settings, worded_key
from .urls import absolute, relative


class Renderer:
    """Renders `Output`s to bytes. One per process: it holds the compiled templates."""

    def __init__(self, site_root: Path, theme: str, urls: Mapping[str, str],
                 allow_html: bool = False, media: Mapping[str, dict[str, Any]] | None = None,
                 fragments: RenderMemo | None = None,
                 settings: Mapping[str, Any] | None = None, context: type[Context] = Context):
        # templates do not change during a build, so they are not checked for changes
        self.env = jinja2.Environment(
            loader=theme_loader(site_root, theme),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=False),
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined,
            keep_trailing_newline=True, auto_reload=False,
        )
        self.env.context_class = context  # the build cache's notes what templates read
        self.fragments = fragments  # Markdown bodies rendered in earlier builds
        media = media or {}  # the processed media catalog: photos become <picture>
        # the theme's render-time settings (`ThemeSettings.table()`; the build hands in a
        # tracked table, so each output notes the keys it read)
        self.settings = settings if settings is not None else \
            theme_settings(site_root, theme).table()
        self.markdown = MarkdownRenderer(urls, allow_html,
                                         pictures=markdown_pictures(media, self.settings))
        self.env.filters.update(FILTERS)
        self.env.filters["markdown"] = self._markdown
        self.env.globals.update(t=self._translate, url=_url, vurl=_vurl, canonical=_canonical,
                                tel=tel, wa=wa, maplink=maplink)
        self.env.globals.update(EXTRAS_GLOBALS, qr_svg=self._qr_svg)  # posters, sharing,
        #                                                      calendars, open data
        self.env.globals.update(media_globals(media, self.settings))  # picture(), logo(),
        #                                                               attachment()
        self._used: dict[str, frozenset[str]] = {}
        self._referenced: dict[str, list[str | None]] = {}

    def render(self, output: Output) -> bytes:
        template = self.env.get_template(output.template)
        return template.render(output.context).encode("utf-8")

    def templates_used(self, name: str) -> frozenset[str]:
        """`name` and every template it extends, includes or imports, and theirs, found or
        not: what a render of `name` can read. A reference made at render time (a name in a
        variable; the shipped themes have none) could be any template, one added later too
        (`ANY_TEMPLATE`)."""
        if name not in self._used:
            found, todo = set(), [name]
            while todo:
                current = todo.pop()
                if current in found:
                    continue
                found.add(current)
                referenced = self._references(current)
                if None in referenced:
                    found.update((*self.env.list_templates(), ANY_TEMPLATE))
                    break
                todo.extend(r for r in referenced if r is not None)
            self._used[name] = frozenset(found)
        return self._used[name]

    def _references(self, name: str) -> list[str | None]:
        if name not in self._referenced:
            self._referenced[name] = self._parsed_references(name)
        return self._referenced[name]

    def _parsed_references(self, name: str) -> list[str | None]:
        """What the template `name` refers to: a pure function of its source, kept in the
        memo (parsing the templates an edited one uses cost 30-60 ms of each rebuild)."""
        try:
            source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            return []
        if self.fragments is None:
            return self._referenced_in(source)
        kept = self.fragments.kept("template-references", source,
                                   lambda: json.dumps(self._referenced_in(source)))
        return list(json.loads(kept))

    def _referenced_in(self, source: str) -> list[str | None]:
        try:
            tree = self.env.parse(source)
        except jinja2.TemplateSyntaxError:  # never rendered in this build: its digest will do
            return []
        return list(meta.find_referenced_templates(tree))

    @jinja2.pass_context
    def _markdown(self, ctx: jinja2.runtime.Context, page: dict[str, Any]) -> Any:
        # links are relative to the page's folder: every file in it shares one rendering
        here = posixpath.join(posixpath.dirname(ctx["path"]), "index.html")
        if self.fragments is not None:
            return self.fragments.render(self.markdown, page["body"], page["source"], here)
        return self.markdown.render(page["body"], page["source"], here)

    def _qr_svg(self, url: str, label: str = "") -> Markup:
        """A poster's QR code, drawn once ever: a body edit renders the poster again, and
        drawing it took 15 ms with segno (pure Python), 1-2 ms with zxing-cpp."""
        if self.fragments is None:
            return qr_svg(url, label)
        return Markup(self.fragments.kept("qr", f"{url}\0{label}",
                                          lambda: str(qr_svg(url, label))))

    @jinja2.pass_context
    def _translate(self, ctx: jinja2.runtime.Context, key: str, **params: Any) -> str:
        """A UI string in the page's language: the theme's `teks`, else the catalogs'."""
        # one note per page for the strings the theme leaves alone (most pages: all of
        # them), rather than one per string: a page's record stays as small as before
        worded = self.settings.get(worded_key(ctx["lang"]))
        if not worded or key not in worded:
            return i18n.translate(ctx["lang"], f"ui.{key}", **params)
        own = self.settings[text_key(ctx["lang"], key)]
        return own.format(**params) if params else own


@jinja2.pass_context
def _url(ctx: jinja2.runtime.Context, target: str) -> str:
    """Relative link from the current page to a path under the output root."""
    return relative(ctx["path"], target)


@jinja2.pass_context
def _vurl(ctx: jinja2.runtime.Context, target: str) -> str:
    """Relative link to a path inside the current village's site."""
    return relative(ctx["path"], f"{ctx['desa']['slug']}/{target}")


@jinja2.pass_context
def _canonical(ctx: jinja2.runtime.Context) -> str:
    if "desa" in ctx:
        inside = ctx["path"].split("/", 1)[1]
        return absolute(ctx["desa"]["base_url"], inside)
    return absolute(ctx["site"]["base_url"], ctx["path"])


def digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def tel(number: str) -> str:
    """'0333 123456' -> 'tel:+62333123456'."""
    d = digits(number)
    return f"tel:+62{d[1:]}" if d.startswith("0") else f"tel:+{d}" if len(d) > 6 else f"tel:{d}"


def wa(number: str, text: str = "") -> str:
    """WhatsApp click-to-chat link: wa.me wants the number in international form, digits only."""
    d = digits(number)
    d = "62" + d[1:] if d.startswith("0") else d
    return f"https://wa.me/{d}" + (f"?text={quote(text)}" if text else "")


def maplink(lat: float, lng: float) -> str:
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=17/{lat}/{lng}"


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def context_digest(output: Output) -> str:
    data = json.dumps(output.context, sort_keys=True, default=_json_default)
    return hashlib.sha256(f"{output.template}\0{data}".encode()).hexdigest()


FILTERS = {
    "tanggal": fmt.tanggal, "tanggal_pendek": fmt.tanggal_pendek, "jam": fmt.jam,
    "hari": fmt.hari, "rupiah": fmt.rupiah, "angka": fmt.angka, "persen": fmt.persen,
    "isodate": lambda v: v.isoformat() if v else "",
    "safe_json": lambda v: Markup(json.dumps(v, ensure_ascii=False, default=_json_default)),
}
