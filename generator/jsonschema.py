"""JSON Schemas for editors, generated from the declarations in `schema.py`.

The validator and the editor read the same `Field`s, so they never disagree about which
fields exist, which are required and which values are allowed. Descriptions carry both
languages ("Indonesian / English"), as the volunteers' editors show them on hover.

Volunteers write unquoted YAML, and the validator reads a scalar's text as written:
`telepon: 0333421001` and `buka: 08.00` are fine although YAML would call them numbers.
The schemas therefore accept those scalars too, exactly where the validator does.

Where JSON Schema can say a rule of `kampung check`, the schema says it too: days that a
month has (2026-02-30 is refused, 2028-02-29 is not), hours up to 23 (24.00 only as a
closing time), the fields an emergency notice must fill (if/then), the publish
targets under `publikasi` with their keys (from `publish/spec.py`), and that an object a
translation gives is complete (only its top-level fields may be left to the original).
What it cannot say (an event's end after its start, a link to a page that exists, a
budget's year that its file name repeats, a number that is not NaN) only `check` reports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .publish.spec import ENV_NAME_RE, TARGET_NAME_RE
from .publish.spec import KINDS as TARGET_KINDS
from .schema import DATA_TYPES, FILE_TYPES, PAGE_TYPES, SERTA_MERTA_REQUIRED, SLUG_PATTERN, Field
from .validate import COLOR_RE, EMAIL_RE, PHONE_RE, RUPIAH_RE

DRAFT = "http://json-schema.org/draft-07/schema#"
SCALAR = ["string", "number", "integer", "boolean"]
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
# a day the calendar has: 31 in Jan, Mar, ...; 30 in Apr, Jun, ...; Feb 29 in leap years
LEAP_YEAR = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DAY = (r"(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
       r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
       f"|{LEAP_YEAR}-02-29)")
DATE_PATTERN = f"^{DAY}$"
# the validator also takes a bare date for a start or end time
DATETIME_PATTERN = f"^{DAY}(?:[ T](?:[01]?\\d|2[0-3])[:.][0-5]\\d(?::[0-5]\\d)?)?$"
TIME_PATTERN = r"^(?:(?:[01]?\d|2[0-3])[:.][0-5]\d|24[:.]00)$"
# where each file type lives, relative to the site folder
FILE_GLOBS: dict[str, list[str]] = {
    "portal": ["content/portal.yaml"],
    "desa": ["content/*/desa.yaml"],
    # a data file is named after its type (model._data_file), the budget also by its year
    **{kind: [f"content/*/data/{kind}.yaml"] for kind in DATA_TYPES if kind != "apbdes"},
    "apbdes": ["content/*/data/apbdes-*.yaml"],
    **{kind: [f"content/*/{kind}/*.md"] for kind in PAGE_TYPES},
}


def file_schema(name: str, fields: dict[str, Field], *, translation: bool = False
                ) -> dict[str, Any]:
    """The schema of one file type; a translation (`*.en.md`) needs no top-level field."""
    where = ", ".join(FILE_GLOBS.get(name, []))
    schema = {
        "$schema": DRAFT,
        "title": f"Kampung: {name}" + (" (terjemahan / translation)" if translation else ""),
        "description": f"{where}",
        **_object(fields, open_keys=False, required=not translation),
    }
    if name == "pengumuman" and not translation:  # translations inherit the original's
        schema["if"] = {"properties": {"jenis": {"const": "serta_merta"}},
                        "required": ["jenis"]}
        schema["then"] = {"required": list(SERTA_MERTA_REQUIRED)}
    return schema


def field_schema(spec: Field) -> dict[str, Any]:
    """The schema of one value, by its kind."""
    schema = KINDS[spec.kind](spec)
    doc = " / ".join(d for d in (spec.doc_id, spec.doc_en) if d)
    return {"description": doc, **schema} if doc else schema


def _object(fields: dict[str, Field] | Any, open_keys: bool, required: bool = True
            ) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: {**field_schema(spec), **publish_targets()}
                       if name == "publikasi" else field_schema(spec)
                       for name, spec in fields.items()},
        "additionalProperties": open_keys,
    }
    names = [name for name, spec in fields.items() if spec.required]
    if names and required:
        schema["required"] = names
    return schema


def _text(spec: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": SCALAR}
    if spec.max_length:
        schema["maxLength"] = spec.max_length
    return schema


def _pattern(regex: str, *extra_types: str) -> Any:
    def kind(spec: Field) -> dict[str, Any]:
        return {"type": ["string", *extra_types], "pattern": regex}
    return kind


def _number(json_type: str) -> Any:
    def kind(spec: Field) -> dict[str, Any]:
        return {"type": json_type, **_bounds(spec)}
    return kind


def _bounds(spec: Field) -> dict[str, Any]:
    bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
    return {key: value for key, value in bounds.items() if value is not None}


def publish_targets() -> dict[str, Any]:
    """`publikasi`: named targets, each of a known `jenis` with only that kind's keys."""
    kinds = [{"if": {"properties": {"jenis": {"const": kind}}},
              "then": {"properties": {"jenis": True, **{k: TARGET_KEY[key.kind](key)
                                                        for k, key in keys.items()}},
                       "required": ["jenis", *(k for k, key in keys.items() if key.required)],
                       "additionalProperties": False}}
             for kind, keys in TARGET_KINDS.items()]
    target = {"type": "object", "required": ["jenis"],
              "properties": {"jenis": {"enum": list(TARGET_KINDS)}}, "allOf": kinds}
    return {"type": "object", "additionalProperties": False,
            "patternProperties": {TARGET_NAME_RE.pattern: target}}


TARGET_KEY = {
    "text": lambda key: {"type": "string", "pattern": r"\S"},
    "int": lambda key: {"type": "integer", "minimum": 0},
    "bool": lambda key: {"type": "boolean"},
    "env": lambda key: {"type": "string", "pattern": ENV_NAME_RE.pattern},
    "choice": lambda key: {"enum": list(key.choices)},
}


def _time(spec: Field) -> dict[str, Any]:
    """An unquoted 08.00 is the number 8.0 to an editor; the validator reads it as written."""
    return {"type": ["string", "number"], "pattern": TIME_PATTERN, "minimum": 0,
            "maximum": 24}


def _rupiah(spec: Field) -> dict[str, Any]:
    """10000, or Rp 10.000,- as text; an unquoted 10.000 is the number 10.0 to an editor.
    The bounds hold for numbers only: an amount written as text is checked by `check`."""
    return {"type": ["integer", "number", "string"], "pattern": RUPIAH_RE.pattern,
            **_bounds(spec)}


def _enum(spec: Field) -> dict[str, Any]:
    return {"enum": list(spec.choices)}


def _list(spec: Field) -> dict[str, Any]:
    assert spec.item is not None
    return {"type": "array", "items": field_schema(spec.item)}


def _nested(spec: Field) -> dict[str, Any]:
    return _object(dict(spec.fields), open_keys=spec.open)


KINDS = {
    "text": _text, "markdown": _text,
    "int": _number("integer"), "number": _number("number"), "rupiah": _rupiah,
    "bool": lambda spec: {"type": "boolean"},
    "date": _pattern(DATE_PATTERN),
    "datetime": _pattern(DATETIME_PATTERN),
    "time": _time,
    "phone": _pattern(PHONE_RE.pattern, "integer"),
    "email": _pattern(EMAIL_RE.pattern),
    "color": _pattern(COLOR_RE.pattern),
    "slug": _pattern(SLUG_PATTERN),
    "url": _pattern(URL_PATTERN),
    "file": lambda spec: {"type": "string", "minLength": 1},
    "enum": _enum, "list": _list, "object": _nested,
}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file type and for translations of each page type."""
    schemas = {f"{name}.schema.json": file_schema(name, fields)
               for name, fields in FILE_TYPES.items()}
    for name in PAGE_TYPES:
        schemas[f"{name}.terjemahan.schema.json"] = file_schema(name, FILE_TYPES[name],
                                                                translation=True)
    return schemas


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
