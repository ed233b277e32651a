"""One village's view of a dump: its rows (by `config_id` where the table has one), the
media folder, and the import's record of what it made, skipped and could not read."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..model import slugify
from .dump import Dump

G = "[GANTI]"
MEDIA_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf")


@dataclass
class Report:
    """What an import did, as data; `commands/impor.py` prints it in the reader's language."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # what, why
    missing: list[str] = field(default_factory=list)  # read tables the dump lacks
    unknown_tables: list[str] = field(default_factory=list)
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    fill_in: dict[str, int] = field(default_factory=dict)  # file -> [GANTI] count
    redacted: dict[str, int] = field(default_factory=dict)  # file -> personal values removed

    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def skip(self, what: str, reason: str, **params: Any) -> None:
        self.skipped.append((what, reason, params))


@dataclass
class Source:
    dump: Dump
    config: dict[str, Any]
    media_dir: Path | None
    today: date
    report: Report
    files: dict[str, str] = field(default_factory=dict)  # rel path -> text
    media: dict[str, Path] = field(default_factory=dict)  # media/<name> -> source file

    def rows(self, table: str, *need: str) -> list[dict[str, Any]]:
        """This village's rows of `table`; [] (and a note) if the table or a column is gone."""
        if table not in self.dump.tables:
            return []
        rows = self.dump.rows(table)
        columns = self.dump.tables[table].columns or (list(rows[0]) if rows else [])
        lost = [c for c in need if c not in columns]
        if lost:
            note = (table, "columns_missing", {"columns": ", ".join(lost)})
            if note not in self.report.skipped:
                self.report.skipped.append(note)
            return []
        if "config_id" in columns:
            rows = [r for r in rows if r.get("config_id") == self.config.get("id")]
        return rows

    def by_id(self, table: str, key: str = "id") -> dict[Any, dict[str, Any]]:
        return {r.get(key): r for r in self.rows(table)}

    def add(self, rel: str, text: str, kind: str | None = None, n: int = 1) -> None:
        """One file; `n` items of `kind` in it for the report (officials, tables, ...)."""
        self.files[rel] = text
        if kind:
            self.report.count(kind, n)

    def copy_media(self, name: Any, *folders: str) -> str | None:
        """Take an uploaded file into media/ by its plain name; None if it is not there."""
        base = Path(str(name or "")).name
        if not base or self.media_dir is None or Path(base).suffix.lower() not in MEDIA_TYPES:
            return None
        root = self.media_dir.resolve()
        for folder in folders:
            for name in (base, f"sedang_{base}"):  # OpenSID keeps a medium-size copy
                path = (root / folder / name).resolve()
                if path.is_file() and path.is_relative_to(root):
                    target = slug_file(base)
                    self.media[f"media/{target}"] = path
                    return target
        return None


def slug_file(name: str) -> str:
    path = Path(name)
    return f"{slugify(path.stem)}{path.suffix.lower()}"


def text(value: Any) -> str:
    """A database string with its whitespace tidied ('Senggig1 ' -> 'Senggig1')."""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def title_case(value: Any) -> str:
    """'MANGSIT' -> 'Mangsit'; text already in mixed case is kept."""
    words = text(value)
    return words.title() if words.isupper() else words


def as_date(value: Any) -> date | None:
    """'2016-08-24 13:05:21', '2016-08-24' or '13-01-2017' as a date; None otherwise."""
    raw = text(value)
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def as_datetime(value: Any) -> datetime | None:
    try:
        return datetime.strptime(text(value), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def unique_slug(wanted: str, taken: set[str]) -> str:
    slug, n = wanted, 2
    while slug in taken:
        slug, n = f"{wanted}-{n}", n + 1
    taken.add(slug)
    return slug


def copy_all(source: Source, target: Path) -> None:
    for rel, body in sorted(source.files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    for rel, path in sorted(source.media.items()):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / rel)
