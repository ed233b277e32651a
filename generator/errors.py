"""Problems are values: each carries file, line, column, a message key and a hint key.

Stages gather problems and hand them on; only the CLI prints them, in the reader's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import translate

EXIT_HELD = 3  # exit status of a build or publish that held villages back (incremental/hold.py)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pinned to a place in a file."""

    path: str
    line: int
    column: int
    code: str
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    severity: str = field(default="error", compare=False)

    @classmethod
    def at(
        cls, path: Path | str, line: int, column: int, code: str, severity: str = "error",
        **params: Any,
    ) -> Problem:
        return cls(str(path), line, column, code, tuple(sorted(params.items())), severity)

    def message(self, lang: str) -> str:
        return translate(lang, f"error.{self.code}", **dict(self.params))

    def hint(self, lang: str) -> str:
        params = dict(self.params)
        key = f"hint.{self.code}"
        text = translate(lang, key, **params)
        text = "" if text == key else text
        if params.get("suggestion"):
            guess = translate(lang, "ui.did_you_mean", suggestion=params["suggestion"])
            text = f"{guess} {text}".strip()
        return text

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.path, "line": self.line, "column": self.column,
            "severity": self.severity, "code": self.code,
            "message": self.message(lang), "hint": self.hint(lang),
        }

    def format(self, lang: str) -> str:
        label = translate(lang, f"ui.severity.{self.severity}")
        text = f"{self.path}:{self.line}:{self.column}: {label}: {self.message(lang)}"
        hint = self.hint(lang)
        return f"{text}\n    {translate(lang, 'ui.hint')}: {hint}" if hint else text


class ContentError(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def report_text(problems: list[Problem], lang: str) -> str:
    return "\n".join(p.format(lang) for p in sorted(problems))


def report_json(problems: list[Problem], lang: str) -> str:
    items = [p.as_dict(lang) for p in sorted(problems)]
    summary = {
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
    }
    return json.dumps({"problems": items, **summary}, ensure_ascii=False, indent=2)
