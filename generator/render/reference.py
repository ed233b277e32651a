"""The theme authors' reference: each template, what it reads, and the filters and functions
every template may use. Made from the templates and the environment themselves (`make docs`
writes it to docs/en/templates.md, and a test compares), so it cannot drift from the code.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from .env import Renderer
from .themes import ROOT_THEME, theme_dirs
from .themesettings import SETTINGS, theme_settings


def template_reference(site_root: Path, theme: str = ROOT_THEME) -> str:
    """Markdown: the filters, the functions, then one section per template of `theme`."""
    env = Renderer(site_root, theme, urls={}).env
    lines = ["# Template reference", "",
             "Generated from the code (`make docs`); do not edit by hand. A theme holds",
             "only the templates it changes (see `theme.yaml`, `extends:`); a template may",
             "include the one it replaces as `<theme>:<name>`.", "",
             "## Filters", "", *_callables(env.filters, jinja2.defaults.DEFAULT_FILTERS), "",
             "## Functions and values", "",
             *_callables(env.globals, jinja2.defaults.DEFAULT_NAMESPACE), "",
             *_settings(site_root, theme), "",
             "## Templates", ""]
    for name in _template_names(site_root, theme):
        lines += _template_section(env, name)
    return "\n".join(lines).rstrip() + "\n"


def _callables(table: dict[str, object], builtin: dict[str, object]) -> list[str]:
    rows = []
    for name in sorted(set(table) - set(builtin)):
        value = table[name]
        doc = inspect.getdoc(value) if callable(value) else None
        summary = " ".join(doc.split("\n\n")[0].split()) if doc else ""
        rows.append(f"- `{name}`" + (f": {summary}" if summary else ""))
    return rows


def _settings(site_root: Path, theme: str) -> list[str]:
    """What a theme.yaml may set, with the values `theme` gives."""
    values = theme_settings(site_root, theme)
    shown = {"kolom": f"`{values.kolom}`", "logo": f"`{values.logo}`",
             "daftar": "; ".join(f"`{kind}`: {', '.join(fields)}"
                                 for kind, fields in values.daftar.items()),
             "teks": "none" if not values.teks else ", ".join(values.teks)}
    return ["## Theme settings (`theme.yaml`)", "",
            "A theme's `theme.yaml` holds only what it changes: the files of its chain are",
            "merged, the nearest theme winning per key (per kind for `daftar`, per language",
            "and string for `teks`); a site's own `themes/<name>/theme.yaml` adds to the",
            "bundled one of that name. A wrong value stops the build with its file and line.",
            "", *(f"- `{name}`: {doc}." + (f" Here: {shown[name]}." if name in shown else "")
                  for name, doc in SETTINGS.items())]


def _template_names(site_root: Path, theme: str) -> list[str]:
    names: set[str] = set()
    for folder in theme_dirs(site_root, theme):
        names.update(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(names)


def _template_section(env: jinja2.Environment, name: str) -> list[str]:
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    tree = env.parse(source)
    reads = sorted(meta.find_undeclared_variables(tree) - set(env.globals))
    filters = sorted({f.name for f in tree.find_all(nodes.Filter)} & set(env.filters))
    uses = sorted(t for t in meta.find_referenced_templates(tree) if t)
    lines = [f"### `{name}`", ""]
    lines.append("- reads: " + (", ".join(f"`{v}`" for v in reads) or "nothing"))
    if filters:
        lines.append("- filters: " + ", ".join(f"`{f}`" for f in filters))
    if uses:
        lines.append("- extends or includes: " + ", ".join(f"`{t}`" for t in uses))
    return [*lines, ""]


if __name__ == "__main__":
    print(template_reference(Path.cwd()), end="")
