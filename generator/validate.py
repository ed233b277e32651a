"""Stage 2, validate: check a Document against its schema and return clean values.

Every problem is collected (never only the first), each pinned to the line of the value
or key it is about. Clean values are normalised: dates are `date`, times are "08.00",
phone numbers keep their leading zero.
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from .content import Document
from .errors import Problem
from .schema import SLUG_PATTERN, Field

DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2})[:.](\d{2})(?::\d{2})?$")
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{1,20}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
SLUG_RE = re.compile(SLUG_PATTERN)
# a whole rupiah amount as written in Indonesia: 10000, 10.000, Rp10.000, Rp 10.000,-
RUPIAH_RE = re.compile(r"^(?:[Rr][Pp]\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,-|,00)?$")
COMMA_THOUSANDS_RE = re.compile(r"^(?:[Rr][Pp]\.?\s*)?\d{1,3}(?:,\d{3})+$")
# int() refuses more than 4,300 digits; an amount that long is over any maximum anyway
LONGEST_AMOUNT = 100
MISSING = object()


def validate(
    doc: Document, fields: dict[str, Field], *, inherit: bool = False,
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate front matter or a data file. `inherit` (translations) lets the file leave
    out top-level fields, which its original gives; an object it does give is complete."""
    checker = _Checker(doc, inherit)
    clean = checker.mapping(doc.data, fields, (), open_keys=False)
    return clean, checker.problems


def suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else ""


class _Checker:
    def __init__(self, doc: Document, inherit: bool):
        self.doc, self.inherit = doc, inherit
        self.problems: list[Problem] = []

    def report(self, path: tuple[Any, ...], code: str, **params: Any) -> None:
        line, column = self.doc.where(path)
        self.problems.append(Problem.at(self.doc.rel, line, column, code, **params))

    def mapping(
        self, data: dict[str, Any], fields: dict[str, Field], path: tuple[Any, ...],
        open_keys: bool,
    ) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        for key, value in data.items():
            if key not in fields:
                if open_keys:
                    clean[key] = value
                    continue
                hint = suggest(str(key), list(fields))
                self.report((*path, key), "unknown_field_suggest" if hint else "unknown_field",
                            field=key, suggestion=hint)
                continue
            if value is None:
                continue
            checked = self.value(value, fields[key], (*path, key))
            if checked is not MISSING:
                clean[key] = checked
        inherited = self.inherit and not path  # a translation's top level: from its original
        for key, spec in fields.items():
            if spec.required and not inherited and data.get(key) in (None, ""):
                self.report(path, "missing_field", field=key, doc=spec.doc_id)
        return clean

    def value(self, value: Any, spec: Field, path: tuple[Any, ...]) -> Any:
        name = str(next((p for p in reversed(path) if isinstance(p, str)), ""))
        check = getattr(self, f"kind_{spec.kind}")
        before = len(self.problems)
        clean = check(value, spec, path, name)
        if spec.in_file_name and len(self.problems) == before:  # a refused value is enough
            self.same_as_file_name(clean, spec, path, name)
        return clean

    def same_as_file_name(self, value: Any, spec: Field, path: tuple[Any, ...],
                          name: str) -> None:
        """`tahun: 2025` in apbdes-2026.yaml: the site would publish one year as the other."""
        file = PurePosixPath(self.doc.rel)
        match = re.fullmatch(spec.in_file_name, file.stem)
        if match and match[1] != str(value):
            start, end = match.span(1)
            rename = f"{file.stem[:start]}{value}{file.stem[end:]}{file.suffix}"
            self.report(path, "file_name_mismatch", field=name, value=value, named=match[1],
                        file=file.name, rename=rename)

    def wrong(self, path: tuple[Any, ...], name: str, expected: str, **params: Any) -> Any:
        """A value of the wrong shape: `expected` is the kind, put in words by the message
        `wrong_<kind>` (a volunteer reads "angka bulat", never "int")."""
        self.report(path, f"wrong_{expected}", field=name, **params)
        return MISSING

    def raw_text(self, value: Any, path: tuple[Any, ...]) -> str | None:
        if isinstance(value, (dict, list)):
            return None
        return self.doc.raw.get(path, str(value)).strip()

    def kind_text(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path)
        if text is None:
            return self.wrong(path, name, "text")
        if spec.max_length and len(text) > spec.max_length:
            self.report(path, "too_long", field=name, maximum=spec.max_length, length=len(text))
        return text

    kind_markdown = kind_text

    def kind_int(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong(path, name, "int")
        return self.bounded(value, spec, path, name)

    def kind_number(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.wrong(path, name, "number")
        if isinstance(value, float) and not math.isfinite(value):  # YAML's .nan and .inf
            return self.wrong(path, name, "number")
        return self.bounded(value, spec, path, name)

    def kind_rupiah(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        """An amount in whole rupiah, written as a volunteer writes it: 10000, 10.000,
        Rp10.000 or Rp 10.000,- (a dot groups thousands in Indonesian). Anything else
        that could be misread (10,5 or 10.50) is refused with the plain number to write."""
        if isinstance(value, int) and not isinstance(value, bool):
            return self.bounded(value, spec, path, name)
        text = self.raw_text(value, path)
        match = RUPIAH_RE.match(text or "")
        if not match:
            digits = re.sub(r"\D", "", text or "")
            example = digits if text and COMMA_THOUSANDS_RE.match(text) else "10000"
            self.report(path, "bad_rupiah", field=name, value=text or "", example=example)
            return MISSING
        digits = match[1].replace(".", "")
        if len(digits) > LONGEST_AMOUNT:
            self.report(path, "too_large", field=name, maximum=spec.maximum)
            return MISSING
        return self.bounded(int(digits), spec, path, name)

    def bounded(self, value: float, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        if spec.minimum is not None and value < spec.minimum:
            self.report(path, "too_small", field=name, minimum=spec.minimum)
        if spec.maximum is not None and value > spec.maximum:
            self.report(path, "too_large", field=name, maximum=spec.maximum)
        return value

    def kind_bool(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        return value if isinstance(value, bool) else self.wrong(path, name, "bool")

    def kind_date(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path) or ""
        try:
            return date.fromisoformat(text) if len(text) == 10 else _fail()
        except ValueError:
            self.report(path, "bad_date", field=name, value=text)
            return MISSING

    def kind_datetime(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path) or ""
        match = DATETIME_RE.match(text)
        try:
            if not match:
                return date.fromisoformat(text) if len(text) == 10 else _fail()
            day, hour, minute = match.groups()
            return datetime.fromisoformat(f"{day}T{int(hour):02d}:{minute}")
        except ValueError:
            self.report(path, "bad_datetime", field=name, value=text)
            return MISSING

    def kind_time(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path) or ""
        match = TIME_RE.match(text)
        if not match or (int(match[1]), int(match[2])) > (24, 0) or int(match[2]) > 59:
            self.report(path, "bad_time", field=name, value=text)
            return MISSING
        return f"{int(match[1]):02d}.{match[2]}"

    def pattern(self, value: Any, path: tuple[Any, ...], name: str, regex: re.Pattern[str],
                code: str) -> Any:
        text = self.raw_text(value, path)
        if text is None or not regex.match(text):
            self.report(path, code, field=name, value=text or "")
            return MISSING
        return text

    def kind_phone(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        return self.pattern(value, path, name, PHONE_RE, "bad_phone")

    def kind_email(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        return self.pattern(value, path, name, EMAIL_RE, "bad_email")

    def kind_color(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        return self.pattern(value, path, name, COLOR_RE, "bad_color")

    def kind_slug(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        return self.pattern(value, path, name, SLUG_RE, "bad_slug")

    def kind_url(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path) or ""
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", text):
            self.report(path, "bad_url", field=name, value=text)
            return MISSING
        return text

    def kind_file(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path)
        return text if text else self.wrong(path, name, "text")

    def kind_enum(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        text = self.raw_text(value, path)
        if text in spec.choices:
            return text
        hint = suggest(str(text), list(spec.choices))
        self.report(path, "bad_choice", field=name, value=text,
                    choices=", ".join(spec.choices), suggestion=hint)
        return MISSING

    def kind_list(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        if not isinstance(value, list):
            return self.wrong(path, name, "list")
        assert spec.item is not None
        items = [self.value(item, spec.item, (*path, i)) for i, item in enumerate(value)]
        return [item for item in items if item is not MISSING]

    def kind_object(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        if not isinstance(value, dict):
            return self.not_fields(value, spec, path, name)
        return self.mapping(value, dict(spec.fields), path, open_keys=spec.open)

    def not_fields(self, value: Any, spec: Field, path: tuple[Any, ...], name: str) -> Any:
        """One value where fields belong (`- KTP-el` for `- nama: KTP-el`): the message
        shows the line to write, with the first required field and the value given."""
        keys = [k for k, f in spec.fields.items() if f.required] or list(spec.fields)
        if not keys:  # free keys (publish targets): no field to show
            return self.wrong(path, name, "object_open")
        example = f"{keys[0]}: {self.raw_text(value, path) or '...'}"
        if path and isinstance(path[-1], int):
            return self.wrong(path, name, "object_item", item=path[-1] + 1,
                              example=f"- {example}", keys=", ".join(spec.fields))
        return self.wrong(path, name, "object", example=example, keys=", ".join(spec.fields))


def _fail() -> Any:
    raise ValueError
