"""What a theme may change besides its templates: the settings in its `theme.yaml`.

`themes/default/theme.yaml` declares every setting with Kampung's values; a theme that
extends it, or a site's own `themes/<name>/theme.yaml`, writes only what it changes. The
files are merged down the chain, farthest first, so the nearest theme wins per key (per
kind for `daftar`, per language and string for `teks`):

- `kolom`: the `sizes` of content photos, matching the CSS column (render time);
- `logo`: the header logo's width in CSS px (render time, and the service worker's pick);
- `daftar`: the fields a list shows of a page, `semua` for every kind plus each kind's
  own (plan time: `pages.page_summary`); a page's body is never one of them;
- `teks`: `ui.*` strings per language, in place of the catalogs' (render time).
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import i18n
from ..content import Document, load_yaml_file
from ..errors import ContentError, Problem
from ..schema import PAGE_TYPES
from .themes import ThemeMissing, theme_chain

SETTINGS_FILE = "theme.yaml"
SETTINGS = {  # what a theme.yaml may hold: checked here, listed in docs/en/templates.md
    "extends": "the theme this one extends (`default` unless it says otherwise)",
    "kolom": "the `sizes` attribute of content photos: the CSS content column, so a phone "
             "downloads a photo as wide as it shows it",
    "logo": "the header logo's width and height in CSS px (and which logo file the "
            "service worker keeps)",
    "daftar": "the page fields lists show: `semua` for every kind, plus each kind's own; "
              "never `body` (a body edit leaves every list as it was)",
    "teks": "UI strings per language (`id`, `en`), replacing the `ui.*` strings of "
            "`generator/locales/<lang>/` that `t()` returns",
}
EVERY_KIND = "semua"  # `daftar`: the fields of every kind of page
NEVER_LISTED = "body"  # a list showing bodies would change with every body edit


@dataclass(frozen=True)
class ThemeSettings:
    kolom: str  # `sizes` of content photos: the theme's content column
    logo: int  # the header logo, CSS px
    daftar: dict[str, tuple[str, ...]]  # kind (or "semua") -> fields a list shows
    teks: dict[str, dict[str, str]]  # language -> ui key (without "ui.") -> text

    def table(self) -> dict[str, Any]:
        """The render-time settings as one flat table (`text_key` per string, and under
        `worded_key` which strings a language has), so that a render notes the few it
        reads: whether a language words anything its own way, then only those texts."""
        return {"kolom": self.kolom, "logo": self.logo,
                **{worded_key(lang): tuple(sorted(texts)) for lang, texts in self.teks.items()},
                **{text_key(lang, key): text for lang, texts in self.teks.items()
                   for key, text in texts.items()}}


def text_key(lang: str, key: str) -> str:
    """Where `table()` holds the theme's text for `t(key)` in `lang`."""
    return f"teks.{lang}.{key}"


def worded_key(lang: str) -> str:
    """Where `table()` holds the keys the theme words its own way in `lang`."""
    return f"teks.{lang}"


def texts_in(table: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The UI strings a `table()` gives in `lang`, sorted (for a step's key)."""
    return sorted((k, v) for k, v in table.items() if k.startswith(text_key(lang, "")))


def theme_settings(site_root: Path, name: str) -> ThemeSettings:
    """The merged settings of theme `name` and every theme it extends. Raises
    ContentError naming the file and line of a wrong value or an unknown key."""
    merged: dict[str, Any] = {"daftar": {}, "teks": {}}
    problems: list[Problem] = []
    try:
        chain = theme_chain(site_root, name)
    except ThemeMissing as missing:
        raise ContentError([Problem.at("portal.yaml", 1, 1, "theme_missing",
                                       theme=missing.name)]) from None
    for theme in reversed(chain):
        for folder in reversed(theme.folders):
            if (folder / SETTINGS_FILE).is_file():
                _merge(merged, _read(folder / SETTINGS_FILE, _shown(folder, site_root),
                                     problems))
    if not problems and ("kolom" not in merged or "logo" not in merged):
        root = chain[-1].folders[-1]  # the theme extending none must give every setting
        problems.append(Problem.at(_shown(root, site_root), 1, 1, "theme_setting_missing",
                                   name="kolom" if "kolom" not in merged else "logo"))
    if problems:
        raise ContentError(problems)
    return ThemeSettings(merged["kolom"], merged["logo"], merged["daftar"], merged["teks"])


def _shown(folder: Path, site_root: Path) -> str:
    """How a problem names the file: relative to the site, or `<theme>/theme.yaml`."""
    path = folder / SETTINGS_FILE
    try:
        return path.relative_to(site_root.resolve()).as_posix()
    except ValueError:
        return f"{folder.parent.name}/{folder.name}/{SETTINGS_FILE}"


def _merge(merged: dict[str, Any], found: dict[str, Any]) -> None:
    for key, value in found.items():
        if key == "daftar":
            merged["daftar"].update({kind: tuple(fields) for kind, fields in value.items()})
        elif key == "teks":
            for lang, texts in value.items():
                merged["teks"].setdefault(lang, {}).update(
                    (".".join(path), text) for path, text in _leaves(texts))
        else:
            merged[key] = value


def _read(path: Path, rel: str, problems: list[Problem]) -> dict[str, Any]:
    """One theme.yaml's settings, checked; its problems added to `problems`."""
    doc, found = load_yaml_file(path, rel)
    problems.extend(p for p in found if p.severity == "error")
    if doc is None:
        return {}
    before = len(problems)
    for key, value in doc.data.items():
        if key not in SETTINGS:
            _wrong(doc, (key,), problems, "theme_setting_unknown", name=key,
                   known=", ".join(SETTINGS))
        elif key in ("extends", "kolom") and not isinstance(value, str) and \
                not (key == "extends" and value is None):  # extends: null, a root theme
            _wrong(doc, (key,), problems, "theme_setting_text", name=key)
        elif key == "logo" and (type(value) is not int or not 8 <= value <= 512):
            _wrong(doc, (key,), problems, "theme_setting_logo", name=key)
        elif key == "daftar":
            _check_lists(doc, value, problems)
        elif key == "teks":
            _check_texts(doc, value, problems)
    return dict(doc.data) if len(problems) == before else {}


def _check_lists(doc: Document, value: Any, problems: list[Problem]) -> None:
    if not isinstance(value, dict):
        _wrong(doc, ("daftar",), problems, "theme_setting_lists")
        return
    for kind, fields in value.items():
        where = ("daftar", kind)
        if kind != EVERY_KIND and kind not in PAGE_TYPES:
            _wrong(doc, where, problems, "theme_list_kind", kind=kind,
                   known=", ".join((EVERY_KIND, *PAGE_TYPES)))
        elif not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            _wrong(doc, where, problems, "theme_setting_lists")
        elif NEVER_LISTED in fields:
            _wrong(doc, (*where, fields.index(NEVER_LISTED)), problems, "theme_setting_body",
                   kind=kind)


def _check_texts(doc: Document, value: Any, problems: list[Problem]) -> None:
    if not isinstance(value, dict):
        _wrong(doc, ("teks",), problems, "theme_setting_texts")
        return
    languages = i18n.available_languages()
    for lang, texts in value.items():
        if lang not in languages:
            _wrong(doc, ("teks", lang), problems, "theme_setting_language", language=lang,
                   known=", ".join(languages))
        elif not isinstance(texts, dict):
            _wrong(doc, ("teks", lang), problems, "theme_setting_texts")
        else:
            for path, text in _leaves(texts):
                _check_text(doc, ("teks", lang, *path), ".".join(path), text, problems)


def _leaves(texts: dict[Any, Any], path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], Any]]:
    """`{extras: {section: {layanan: X}}}` and `{extras.section.layanan: X}` alike: each
    text with the parts of its key (nested as in the catalogs, or dotted)."""
    for key, value in texts.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*path, str(key)))
        else:
            yield (*path, str(key)), value


def _check_text(doc: Document, where: tuple[Any, ...], key: str, text: Any,
                problems: list[Problem]) -> None:
    """A known `ui.*` key, a text, and no `{name}` the catalog's own text does not fill."""
    own = i18n.catalog(i18n.DEFAULT_LANG).get(f"ui.{key}")
    if own is None:
        _wrong(doc, where, problems, "theme_text_unknown", name=key)
    elif not isinstance(text, str):
        _wrong(doc, where, problems, "theme_setting_texts")
    elif not _fields(text) <= _fields(own):
        _wrong(doc, where, problems, "theme_text_field", name=key,
               fields=", ".join(sorted(_fields(own))) or "-")


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # an unpaired brace: a name no catalog text fills
        return {"{"}


def _wrong(doc: Document, where: tuple[Any, ...], problems: list[Problem], code: str,
           **params: Any) -> None:
    line, column = doc.where(where)
    problems.append(Problem.at(doc.rel, line, column, code, **params))
