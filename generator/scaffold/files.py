"""Create new files for a volunteer; never overwrite one that is there."""

from __future__ import annotations

from pathlib import Path


def create(path: Path, text: str) -> Path:
    """Write `text` to a new file; raise FileExistsError if `path` already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def schema_comment(path: Path, site_root: Path, kind: str) -> str:
    """The yaml-language-server line that ties a YAML file to its schema in schemas/."""
    depth = len(path.relative_to(site_root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"
