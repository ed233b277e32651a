"""Editor help: JSON Schemas in schemas/ and the VS Code settings that map files to them.

The YAML extension (redhat.vscode-yaml) then completes field names and underlines wrong
ones in portal.yaml, desa.yaml and data/*.yaml. It does not read the front matter of
Markdown files; those get fully commented templates from `kampung new` instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..jsonschema import FILE_GLOBS, write_schemas
from ..schema import PAGE_TYPES

SCHEMAS = "schemas"
YAML_TYPES = [name for name in FILE_GLOBS if name not in PAGE_TYPES]
SETTINGS: dict[str, Any] = {
    "yaml.schemas": {f"./{SCHEMAS}/{name}.schema.json": FILE_GLOBS[name]
                     for name in YAML_TYPES},
    "files.encoding": "utf8",
    "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    "[markdown]": {"editor.wordWrap": "on"},
}
EXTENSIONS = {"recommendations": ["redhat.vscode-yaml"]}


def write_editor_help(site_root: Path) -> tuple[list[Path], Path | None]:
    """Write schemas/ and merge the mapping into .vscode/; return (schemas, settings file).

    The settings file is None when an existing one is not plain JSON (VS Code allows
    comments); it is then left untouched.
    """
    schemas = write_schemas(site_root / SCHEMAS)
    vscode = site_root / ".vscode"
    settings = vscode / "settings.json"
    if not _merge(settings, SETTINGS):
        return schemas, None
    _merge(vscode / "extensions.json", EXTENSIONS)
    return schemas, settings


def _merge(path: Path, wanted: dict[str, Any]) -> bool:
    current: dict[str, Any] = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            return False
        if not isinstance(current, dict):
            return False
    merged = {**current}
    for key, value in wanted.items():
        old = current.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        else:
            merged[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return True
