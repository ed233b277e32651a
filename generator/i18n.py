"""Message catalogs: every string a person reads comes from `locales/<lang>/*.yaml`.

Each feature keeps its own file (core.yaml, publish.yaml, ...); a language's files are
merged. Adding a language means adding a folder of catalogs; nothing else changes.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

try:  # the C loader: the catalogs are read by every command, before anything else
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as YamlLoader  # type: ignore[assignment]

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANG = "id"


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir())


def resolve_language(requested: str | None = None) -> str:
    """`--lang` wins, then KAMPUNG_LANG, then Bahasa Indonesia."""
    lang = requested or os.environ.get("KAMPUNG_LANG") or DEFAULT_LANG
    return lang if lang in available_languages() else DEFAULT_LANG


@cache
def catalog(lang: str) -> dict[str, str]:
    """Flatten nested YAML catalogs into dotted keys: {'error.yaml_syntax': '...'}."""
    flat: dict[str, str] = {}

    def walk(prefix: str, node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        else:
            flat[prefix] = str(node)

    for path in sorted((LOCALES_DIR / lang).glob("*.yaml")):
        walk("", yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader) or {})
    return flat


def translate(lang: str, key: str, **params: object) -> str:
    """Look a key up in `lang`, falling back to Indonesian, then to the key itself."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANG).get(key) or key
    return text.format(**params) if params else text
