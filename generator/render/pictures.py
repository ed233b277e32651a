"""HTML for processed media: `<picture>` elements and attachment labels.

Every picture gets `width`/`height` (no layout shift), a WebP `srcset` with a JPEG/PNG
fallback, and `sizes` matching the theme's content column (its `kolom` setting, read from
the render's `settings` table so the cache notes it), so a 360-px phone at DPR 2
downloads the 720-px WebP. Pictures are written `loading="lazy" decoding="async"`;
`assets/finish.eager_first_image` turns the first one of a page eager, since only the finished
page knows which image comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from ..names import LAZY, PHONE_SLOT
from .urls import relative


def picture_html(entry: dict[str, Any], alt: str, page: str, *, sizes: str,
                 lazy: bool = True, size: tuple[int, int] | None = None) -> str:
    """`<picture>` for a catalog image entry, with links relative to the output `page`."""
    def srcset(items: list[list[Any]]) -> str:
        return ", ".join(f"{relative(page, path)} {width}w" for width, path in items)

    fallback = entry["fallback"] or entry["webp"]
    src = next((p for w, p in fallback if w >= PHONE_SLOT), fallback[-1][1])
    width, height = size or (entry["width"], entry["height"])
    source = (f'<source type="image/webp" srcset="{srcset(entry["webp"])}" sizes="{sizes}">'
              if entry["fallback"] else "")
    return (f'<picture>{source}<img src="{relative(page, src)}" srcset="{srcset(fallback)}" '
            f'sizes="{sizes}" width="{width}" height="{height}" alt="{escape(alt)}"'
            f'{LAZY if lazy else ""}></picture>')


def file_label(entry: dict[str, Any], lang: str) -> str:
    """'PDF, 240 KB': what a resident pays before tapping a link."""
    size = entry["bytes"]
    locale = "id_ID" if lang == "id" else "en_US"
    if size < 1024 * 1024:
        amount = f"{format_decimal(max(1, round(size / 1024)), locale=locale)} KB"
    else:
        amount = f"{format_decimal(round(size / 1024 / 1024, 1), locale=locale)} MB"
    return f"{entry['type']}, {amount}"


def template_globals(catalog: Mapping[str, dict[str, Any]],
                     settings: Mapping[str, Any]) -> dict[str, Callable[..., Any]]:
    """`picture(file, alt)`, `logo(file)` and `attachment(file)` for the theme's templates;
    `settings` holds the theme's `kolom` and `logo` (read only for a picture drawn)."""

    def entry(ctx: jinja2.runtime.Context, file: str) -> dict[str, Any] | None:
        return catalog.get(f"{ctx['desa']['slug']}/media/{file.removeprefix('media/')}")

    @jinja2.pass_context
    def picture(ctx: jinja2.runtime.Context, file: str, alt: str = "",
                sizes: str | None = None) -> Markup:
        """A processed photo as `<picture>`; `sizes` by default the theme's `kolom`."""
        found = entry(ctx, file)
        if not found or found["kind"] != "image":
            return Markup("")
        return Markup(picture_html(found, alt, ctx["path"], sizes=sizes or settings["kolom"]))

    @jinja2.pass_context
    def logo(ctx: jinja2.runtime.Context, file: str, px: int | None = None) -> Markup:
        """The village logo, `px` CSS px square (by default the theme's `logo`)."""
        found = entry(ctx, file)
        if not found or found["kind"] != "image":
            return Markup("")
        px = px or settings["logo"]
        return Markup(picture_html(found, "", ctx["path"], sizes=f"{px}px", lazy=False,
                                   size=(px, px)))

    @jinja2.pass_context
    def attachment(ctx: jinja2.runtime.Context, file: str) -> str:
        found = entry(ctx, file)
        return file_label(found, ctx["lang"]) if found and found["kind"] == "file" else ""

    return {"picture": picture, "logo": logo, "attachment": attachment}


def markdown_pictures(catalog: Mapping[str, dict[str, Any]], settings: Mapping[str, Any],
                      ) -> Callable[[str, str, str], str | None]:
    """The hook Markdown calls for `![alt](../media/foto.jpg)`: picture HTML or None. The
    `kolom` it reads is noted in the body's cached fragment, like the catalog entry."""
    def hook(site_path: str, alt: str, page: str) -> str | None:
        found = catalog.get(site_path)
        if not found or found["kind"] != "image":
            return None
        return picture_html(found, alt, page, sizes=settings["kolom"])
    return hook
