"""The gate before the site leaves the folder: placeholder text (`[GANTI]`, left by
`kampung init` and `kampung new`) is a warning while a volunteer previews and checks, and
a reason for `publish` to refuse: it must never reach residents."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .build import load
from .errors import ContentError, Problem


def placeholders(site_root: Path, now: datetime) -> list[Problem]:
    """One warning per file that still holds `[GANTI]`, each with its count."""
    try:
        _, problems = load(site_root, now)
    except ContentError as exc:
        problems = exc.problems
    return [p for p in problems if p.code == "placeholder"]


def placeholder_count(problems: list[Problem]) -> int:
    return sum(dict(p.params).get("count", 1) for p in problems)
