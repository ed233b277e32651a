"""Where a theme's files are: the chain of themes it extends, and the template loader.

A theme is a folder `themes/<name>/` (the site's own, or one bundled with Kampung) with
`templates/` and `static/`. It holds only what it changes: its `theme.yaml` names the
theme it extends (`extends: default` unless it says otherwise; `default` extends nothing),
and a template it lacks is found further up the chain. A template may include the one it
replaces as `<theme>:<name>`, as `kontras` does with `{% include "default:style.css" %}`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

if TYPE_CHECKING:
    import jinja2

PACKAGE = Path(__file__).resolve().parents[1]
# installed, the themes are inside the package (kampung/themes); in the repository they sit
# beside its source folder (themes/, mapped into the package by pyproject.toml)
THEMES_DIR = PACKAGE / "themes" if (PACKAGE / "themes").is_dir() else PACKAGE.parent / "themes"
ROOT_THEME = "default"
# what a render depends on when a template names another only at render time (a name in a
# variable): which templates exist at all (the cache digests their names under this name)
ANY_TEMPLATE = "\0any template"


class Theme(NamedTuple):
    name: str
    folders: list[Path]  # the site's themes/<name> first, then the bundled one (if any)

    @property
    def templates(self) -> list[Path]:
        return [f / "templates" for f in self.folders if (f / "templates").is_dir()]


class ThemeMissing(LookupError):
    """A theme named by portal.yaml, or extended by another theme, is nowhere."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def theme_chain(site_root: Path, name: str) -> list[Theme]:
    """`name` and every theme it extends, nearest first. Raises ThemeMissing."""
    chain: list[Theme] = []
    current: str | None = name
    while current and current not in {t.name for t in chain}:
        folders = [d for d in (site_root / "themes" / current, THEMES_DIR / current)
                   if d.is_dir()]
        if not folders:
            raise ThemeMissing(current)
        chain.append(Theme(current, folders))
        current = _extends(current, folders)
    return chain


def _extends(name: str, folders: list[Path]) -> str | None:
    for folder in folders:
        settings = folder / "theme.yaml"
        if settings.is_file():
            stat = settings.stat()
            data = _extends_in(str(settings), stat.st_mtime_ns, stat.st_size)
            return data.get("extends", None if name == ROOT_THEME else ROOT_THEME)
    return None if name == ROOT_THEME else ROOT_THEME


@functools.lru_cache(maxsize=64)
def _extends_in(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    """A theme.yaml read once while it is unchanged: a build asks for its theme's chain
    several times, and parsing the default theme's settings each time cost 80 ms of a
    template edit."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):  # reported with its line: themesettings.py
        return {}
    return {"extends": data["extends"]} if isinstance(data, dict) and "extends" in data else {}


def theme_dirs(site_root: Path, name: str) -> list[Path]:
    """Where templates are looked up, first match wins: the site's own `templates/`, then
    each theme of the chain. Empty if the theme is missing."""
    try:
        chain = theme_chain(site_root, name)
    except ThemeMissing:
        return []
    own = site_root / "templates"
    return [*([own] if own.is_dir() else []), *(d for t in chain for d in t.templates)]


def theme_loader(site_root: Path, name: str) -> jinja2.BaseLoader:
    """Plain names resolve through the chain; `<theme>:<name>` reads that theme's own."""
    import jinja2  # (only a renderer needs it: a build that renders nothing never loads it)

    chain = theme_chain(site_root, name)
    prefixed = {t.name: jinja2.FileSystemLoader([str(d) for d in t.templates]) for t in chain}
    return jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in theme_dirs(site_root, name)]),
        jinja2.PrefixLoader(prefixed, delimiter=":"),
    ])


def static_dirs(site_root: Path, name: str) -> list[Path]:
    """The `static/` folders of the chain, nearest first."""
    return [d.parent / "static" for d in theme_dirs(site_root, name)
            if (d.parent / "static").is_dir()]
