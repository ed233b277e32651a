"""One village's view of a dump: its rows (by `config_id` where the table has one), the
media folder, and the import's record of what it made, skipped and could not read."""

from __future__ import annotations

import json
import math
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..model import slugify
from .dump import Dump, Reason, key

G = "[GANTI]"
MEDIA_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf")
BROKEN = object()  # what from_json gives for text that is not JSON
LARGEST = 10**15  # more rupiah, metres or years than any village has: a damaged value
GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[+-]?\d+,\d+")  # 1.200,5 / 2,5
PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d{1,3}(?:,\d{3})+")


@dataclass
class Report:
    """What an import did, as data; `commands/impor.py` prints it in the reader's language."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # what, why
    missing: list[str] = field(default_factory=list)  # read tables the dump lacks
    unknown_tables: list[str] = field(default_factory=list)
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)
    unreadable: list[tuple[int, Reason]] = field(default_factory=list)  # {reason:en}
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
            rows = [r for r in rows if key(r.get("config_id")) == key(self.config.get("id"))]
        return rows

    def by_id(self, table: str, column: str = "id") -> dict[Any, dict[str, Any]]:
        """Rows by their id, looked up with `key(id)` (ids quoted or not are the same)."""
        return {key(r.get(column)): r for r in self.rows(table)}

    def date_of(self, what: str, row: dict[str, Any], *columns: str,
                required: bool = True) -> date | str | None:
        """The row's date from the first of `columns` that holds one. None is never made
        today: a required date is marked [GANTI], an optional one left out; either is noted
        (a zero date 0000-00-00 is no date)."""
        found, column = first_date(row, *columns)
        value = text(row.get(columns[0])) or "NULL"
        if found is not None and column != columns[0]:
            self.report.skip(what, "date_from", column=columns[0], value=value, other=column)
        elif found is None and (required or value != "NULL"):
            self.report.skip(what, "date_to_fill" if required else "date_left_out",
                             column=columns[0], value=value)
        return found or (f"{G} TTTT-BB-HH" if required else None)

    def number_of(self, what: str, row: dict[str, Any], column: str, low: float = 0,
                  high: float = LARGEST, needed: bool = False) -> float | None:
        """The column's number when it is a sensible one (see `amount`), else None: noted,
        unless the column is empty and the number not `needed`."""
        raw = text(row.get(column))
        found = amount(raw) if raw else None
        if found is not None and low <= found <= high:
            return found
        if raw or needed:
            self.report.skip(what, "bad_number", column=column, value=raw[:40] or "NULL")
        return None

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


def why_no_village(dump: Dump, wanted: str | None) -> tuple[str, dict[str, Any]]:
    """Why a backup gives no village to import, as a key under `ui.impor` and its values:
    the villages there are when `--desa` matched none, or the line that kept the config
    table from being read."""
    configs = dump.rows("config")
    if wanted and configs:
        return "no_such_village", {"wanted": wanted, "codes": ", ".join(
            f"{text(c.get('kode_desa')) or c.get('id')} ({text(c.get('nama_desa'))})"
            for c in configs)}
    for line, reason in dump.unreadable:
        if reason.params.get("table") == "config":
            return "config_unreadable", {"line": line, "reason": reason}
    return "no_village", {}


def slug_file(name: str) -> str:
    path = Path(name)
    return f"{slugify(path.stem)}{path.suffix.lower()}"


def text(value: Any) -> str:
    """A database string with its whitespace tidied ('Senggig1 ' -> 'Senggig1')."""
    return re.sub(r"\s+", " ", "" if value is None else str(value)).strip()


def title_case(value: Any) -> str:
    """'MANGSIT' -> 'Mangsit'; text already in mixed case is kept."""
    words = text(value)
    return words.title() if words.isupper() else words


def from_json(value: Any) -> Any:
    """The JSON a text column holds; BROKEN when it is not JSON or nests too deep to read."""
    try:
        return json.loads(text(value))
    except (ValueError, RecursionError):
        return BROKEN


def on(value: Any) -> bool:
    """An OpenSID switch (enabled, status): 1, '1' or NULL is on."""
    return value is None or key(value) == 1


def integer(value: Any) -> int | None:
    """A whole number however the dump wrote it (7, 7.0, '7'); None if it is none, or absurd."""
    found = key(value)
    return found if type(found) is int and abs(found) < LARGEST else None


def amount(value: Any) -> float | None:
    """A number as a database or a person writes it: 1200, '1200.50', and the Indonesian
    '1.200' and '2.500,50' ('.' groups thousands, ',' marks decimals); None if it is not
    one, or is not finite, or is absurdly large."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        found: float | None = float(value) if abs(value) < LARGEST else None
    else:
        raw = text(value).replace(" ", "")
        if GROUPED.fullmatch(raw):
            raw = raw.replace(".", "").replace(",", ".")
        found = float(raw.replace(",", "")) if PLAIN.fullmatch(raw) else None
    if found is None or not math.isfinite(found) or abs(found) >= LARGEST:
        return None
    return found + 0.0  # -0.0 is 0


def as_date(value: Any) -> date | None:
    """'2016-08-24 13:05:21', '2016-08-24' or '13-01-2017' as a date; None otherwise
    (a zero date 0000-00-00 included)."""
    raw = text(value)
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def first_date(row: dict[str, Any], *columns: str) -> tuple[date | None, str]:
    """The first real date among `columns` of a row, and the column it came from."""
    for column in columns:
        found = as_date(row.get(column))
        if found is not None:
            return found, column
    return None, columns[0]


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
