"""Write YAML that shows every field of a type, each with a comment in Bahasa Indonesia.

Fields come from `schema.py`, so a new field appears in every new file without anyone
editing a template. Required fields and the ones a volunteer usually fills in are written
out; the others are shown commented out (`# berlaku_sampai: ...`), ready to switch on by
deleting the `# `.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from ..schema import Field

WIDTH = 92
PLACEHOLDER = "[GANTI]"
MISSING = object()


def describe(spec: Field, note: str = "") -> str:
    """One comment line: what the field means, whether it is required, what it accepts."""
    parts = [spec.doc_id.strip()]
    if spec.required:
        parts.append("Wajib diisi.")
    if note:
        parts.append(note)
    if spec.kind == "enum":
        parts.append("Pilihan: " + ", ".join(spec.choices) + ".")
    if spec.kind == "list" and spec.item is not None and spec.item.kind == "object":
        parts.append("Tiap isian: " + ", ".join(
            f"{name}{' (wajib)' if sub.required else ''}"
            for name, sub in spec.item.fields.items()) + ".")
    return " ".join(p for p in parts if p)


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same value (quoted only where it must be)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain and "#" not in text else json.dumps(text, ensure_ascii=False)


def example(spec: Field, today: date) -> Any:
    """A neutral example for a field nobody gave one for."""
    if spec.kind == "list":
        assert spec.item is not None
        return [example(spec.item, today)]
    if spec.kind == "object":
        return {name: example(sub, today) for name, sub in spec.fields.items()
                if sub.required}
    defaults: dict[str, Any] = {
        "int": spec.minimum if spec.minimum is not None else 1, "number": 0, "rupiah": 0,
        "bool": False,
        "date": today, "datetime": datetime.combine(today, datetime.min.time()) +
        timedelta(hours=8), "time": "08.00", "phone": "0812 0000 0000",
        "email": "desa@example.id", "color": "#0b6e4f", "slug": "contoh",
        "url": "https://example.id/", "file": "foto.jpg",
        "enum": spec.choices[0] if spec.choices else "",
    }
    return defaults.get(spec.kind, PLACEHOLDER)


def mapping(fields: Mapping[str, Field], values: Mapping[str, Any], *, today: date,
            active: Collection[str] = (), indent: int = 0, docs: bool = True,
            everything: bool = False, notes: Mapping[str, str] | None = None) -> list[str]:
    """Lines for a mapping: every field, commented out unless required, given or active.

    `everything` writes every field out, for a block that is commented out as a whole.
    """
    lines: list[str] = []
    pad = " " * indent
    for name, spec in fields.items():
        given = values.get(name, MISSING)
        on = everything or spec.required or name in active or (given is not MISSING and
                                                                not docs)
        value = example(spec, today) if given is MISSING else given
        if docs and indent == 0 and lines:
            lines.append("")
        if docs:
            text = describe(spec, (notes or {}).get(name, ""))
            lines += [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - indent)]
        if spec.kind == "object" and spec.open and not spec.fields:
            lines.append(f"{pad}# {name}:")
            continue
        block = entry(name, spec, value, indent, today, everything or not on)
        lines += block if on else [comment_out(line, indent) for line in block]
    return lines


def entry(name: str, spec: Field, value: Any, indent: int, today: date,
          everything: bool) -> list[str]:
    pad = " " * indent
    if spec.kind == "object":
        inner = mapping(spec.fields, value, today=today, indent=indent + 2, docs=False,
                        everything=everything)
        return [f"{pad}{name}:", *inner]
    if spec.kind == "list":
        assert spec.item is not None
        lines = [f"{pad}{name}:"]
        for number, item in enumerate(value):
            lines += list_item(spec.item, item, indent + 2, today, full=number == 0,
                               everything=everything)
        return lines
    return [f"{pad}{name}: {scalar(value)}"]


def list_item(spec: Field, value: Any, indent: int, today: date, full: bool,
              everything: bool) -> list[str]:
    """One `- ` item; the first item of a list also shows its optional fields, commented."""
    pad = " " * indent
    if spec.kind != "object":
        return [f"{pad}- {scalar(value)}"]
    fields = dict(spec.fields)
    if not full:
        fields = {k: v for k, v in fields.items() if k in value}
    ordered = dict(sorted(fields.items(), key=lambda kv: kv[0] not in value))
    lines = mapping(ordered, value, today=today, indent=indent + 2, docs=False,
                    everything=everything)
    first = lines[0]
    lines[0] = f"{pad}- {first[indent + 2:]}"
    return lines


def comment_out(line: str, indent: int) -> str:
    return f"{' ' * indent}# {line[indent:]}"
