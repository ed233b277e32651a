"""PyYAML's syntax errors in a volunteer's words: which mistake, where it began, where it broke.

PyYAML says *where the parser gave up* (`problem_mark`) and often *what it was reading*
(`context`, `context_mark`): an unclosed `[` is noticed lines later, at the next `key:`.
This module sorts the common mistakes (unclosed list or quote, a tab, a missing colon,
bad indentation, a special character at the start of a value) into message codes whose
catalog text names both lines; PyYAML's English never reaches the reader. The C and the
pure-Python parsers word their problems differently but share the `context` phrases, so
those (and the character at the problem) decide.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# (phrase in PyYAML's context, code): the construct PyYAML was reading when it broke
CONTEXTS = (
    ("flow sequence", "yaml_unclosed_list"),
    ("flow mapping", "yaml_unclosed_braces"),
    ("quoted scalar", "yaml_unclosed_quote"),
    ("simple key", "yaml_missing_colon"),
    ("block mapping", "yaml_indent"),
    ("block collection", "yaml_indent"),
    ("alias", "yaml_special_start"),
)
SPECIAL = "*&@`|>%!"  # characters that mean something at the start of a YAML value
# 'judul:Rapat Warga' (no space after the colon; 'https://' is not it): on the line before
# a colon PyYAML stumbles on, this is what the volunteer has to fix
NO_SPACE = re.compile(r"^\s*(?:- )?[^\s#:'\"]+:(?=[^\s/])")
OPENED_ELSEWHERE = ("yaml_unclosed_list", "yaml_unclosed_braces", "yaml_unclosed_quote",
                    "yaml_missing_colon", "yaml_special_start")


def describe(exc: yaml.MarkedYAMLError, text: str, first_line: int
             ) -> tuple[int, int, str, dict[str, Any]]:
    """(line, column, code, params) for a syntax error in `text`, which starts at
    `first_line` of its file. The place is where the fix most likely goes: where an
    unclosed list or quote was opened, the colon with no space after it, else where the
    parser broke off."""
    mark = exc.problem_mark or exc.context_mark
    broke = (mark.line, mark.column) if mark else (0, 0)
    began = (exc.context_mark.line, exc.context_mark.column) if exc.context_mark else broke
    code = _code(exc, _char_at(text, *broke), _before(text, *broke))
    place = began if code in OPENED_ELSEWHERE else broke
    colon = _no_space(text, broke[0]) if code == "yaml_colon" else None
    if colon:
        code, place, began = "yaml_no_space", colon, colon
    params = {"broke": broke[0] + first_line, "start": began[0] + first_line,
              "char": _char_at(text, *place)}
    return place[0] + first_line, place[1] + 1, code, params


def _code(exc: yaml.MarkedYAMLError, char: str, before: str) -> str:
    context = exc.context or ""
    if char == "\t":
        return "yaml_tab"
    if char and char in SPECIAL and "next token" in context:
        return "yaml_special_start"
    if exc.problem and "mapping values are not allowed" in exc.problem:
        return "yaml_colon"
    if before in "\"'" and before and "block mapping" in context:
        return "yaml_after_quote"
    return next((code for phrase, code in CONTEXTS if phrase in context), "yaml_syntax")


def _no_space(text: str, line: int) -> tuple[int, int] | None:
    """(line, column) of a colon without a space on the line before `line`, if any."""
    lines = text.split("\n")
    match = NO_SPACE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return (line - 1, match.end() - 1) if match else None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _before(text: str, line: int, column: int) -> str:
    """The last character before `column` on `line` that is not a space."""
    lines = text.split("\n")
    return lines[line][:column].rstrip()[-1:] if 0 <= line < len(lines) else ""
