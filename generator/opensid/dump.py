"""Read a MySQL dump (as OpenSID's "Backup database" or mysqldump writes it) as plain rows.

No database server and no full SQL grammar: a dump is CREATE TABLE and INSERT statements,
and those two are read here with regular expressions over MySQL's literal syntax (quoted
strings with backslash escapes, NULL, numbers, hex and bit literals). Every other
statement is passed over. A statement that cannot be read is recorded with its line and
the rest of the file is still read, so a damaged backup gives what it can and says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# One token of the statement stream: a quoted string, identifier, comment, ';', or other text.
STATEMENT_TOKEN = re.compile(r"""
    '(?:[^'\\]|\\.|'')*'? | "(?:[^"\\]|\\.|"")*"? | `(?:[^`]|``)*`?
  | \#[^\n]* | --[ \t][^\n]* | /\*.*?(?:\*/|\Z) | ;
  | [^'"`\#;/-]+ | .
""", re.VERBOSE | re.DOTALL)
VALUE_TOKEN = re.compile(r"""
    \s*(?:
      (?P<str>'(?:[^'\\]|\\.|'')*')
    | (?P<dstr>"(?:[^"\\]|\\.|"")*")
    | (?P<null>NULL)\b
    | (?P<hex>0x[0-9A-Fa-f]*|[xX]'[0-9A-Fa-f]*')
    | (?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    | (?P<bits>b'[01]*')
    | (?P<intro>_(?:binary|utf8mb4|utf8|latin1)\b)
    | (?P<bool>TRUE|FALSE)\b
    | (?P<open>\() | (?P<close>\)) | (?P<comma>,)
    )""", re.VERBOSE | re.IGNORECASE)
INSERT = re.compile(r"^\s*(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)"
                    r"\s+)*INTO\s+`?([^`\s(]+)`?\s*(\([^)]*\))?\s*VALUES\s*",
                    re.IGNORECASE | re.DOTALL)
CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([^`\s(]+)`?\s*\(",
                    re.IGNORECASE)
COLUMN = re.compile(r"^\s*`([^`]+)`", re.MULTILINE)  # a column line of CREATE TABLE
QUOTED = re.compile(r"`([^`]+)`")
KEYWORD = re.compile(r"^[ \t]*(?:INSERT|REPLACE|CREATE|DROP|SET|LOCK|UNLOCK|ALTER|USE|START|"
                     r"COMMIT|BEGIN|DELIMITER|END|ROLLBACK|TRUNCATE|DELETE|UPDATE)\b",
                     re.IGNORECASE | re.MULTILINE)
ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
ESCAPE = re.compile(r"\\(.)|''", re.DOTALL)


@dataclass
class Table:
    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Dump:
    """The tables of a dump by name, and the statements that could not be read."""

    tables: dict[str, Table] = field(default_factory=dict)
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    def rows(self, name: str) -> list[dict[str, Any]]:
        table = self.tables.get(name)
        return table.rows if table else []


class Unreadable(ValueError):
    pass


def read_dump(path: Path) -> Dump:
    """Every table and row in the file; bytes that are not UTF-8 are read as Latin-1."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return parse_dump(text)


def parse_dump(text: str) -> Dump:
    dump = Dump()
    for line, statement in statements(text):
        try:
            _statement(dump, _skip_junk(dump, line, statement))
        except Unreadable as exc:
            dump.unreadable.append((line, str(exc)))
    return dump


def _skip_junk(dump: Dump, line: int, statement: str) -> str:
    """The statement from its first SQL keyword; text before it (a merge conflict marker
    left in the file, a stray line) is recorded as unreadable."""
    match = KEYWORD.search(statement)
    if match is None:
        raise Unreadable(f"bukan perintah SQL: {statement.strip()[:40]!r}")
    junk = statement[:match.start()].strip()
    if junk:
        dump.unreadable.append((line, f"teks asing dilewati: {junk[:40]!r}"))
    return statement[match.start():]


def statements(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each statement, comments removed, split at ';' outside quotes.

    A quote never closed would swallow the rest of the file; dumps escape newlines inside
    strings (\\n), so the statement is cut at that line instead and reading goes on."""
    found: list[tuple[int, str]] = []
    parts: list[str] = []
    line = start = 1
    pos = 0
    while match := STATEMENT_TOKEN.match(text, pos):
        token, pos = match.group(), match.end()
        if token[0] in "'\"`" and (len(token) == 1 or token[-1] != token[0]) and "\n" in token:
            token = token[:token.index("\n")]
            pos = match.start() + len(token)
            found.append((start, "".join(parts) + token + " \x00unterminated"))
            parts = []
        elif token == ";":
            found.append((start, "".join(parts)))
            parts = []
        elif token[0] == "#" or token.startswith(("--", "/*")):
            pass
        else:
            if not parts and token.strip():
                start = line
            if parts or token.strip():
                parts.append(token)
        line += token.count("\n")
    if "".join(parts).strip():
        found.append((start, "".join(parts)))
    return found


def _statement(dump: Dump, statement: str) -> None:
    if match := CREATE.match(statement):
        body = statement[match.end():]
        columns = COLUMN.findall(body)
        dump.tables[match[1]] = Table(match[1], columns)
    elif match := INSERT.match(statement):
        table = dump.tables.setdefault(match[1], Table(match[1]))
        columns = QUOTED.findall(match[2]) if match[2] else table.columns
        if not columns:
            raise Unreadable(f"INSERT INTO {match[1]}: kolom tidak diketahui")
        for values in _tuples(statement, match.end(), match[1]):
            if len(values) != len(columns):
                raise Unreadable(f"INSERT INTO {match[1]}: {len(values)} nilai untuk "
                                 f"{len(columns)} kolom")
            table.rows.append(dict(zip(columns, values, strict=True)))


def _tuples(text: str, pos: int, table: str) -> list[list[Any]]:
    """The value lists of `VALUES (...), (...)`, each value as Python data."""
    rows: list[list[Any]] = []
    while True:
        match = VALUE_TOKEN.match(text, pos)
        if match is None:
            if text[pos:].strip():
                raise _near(table, text, pos)
            return rows
        if match.lastgroup == "comma" and rows:
            pos = match.end()
            continue
        if match.lastgroup != "open":
            raise _near(table, text, pos)
        values, pos = _one_tuple(text, match.end(), table)
        rows.append(values)


def _one_tuple(text: str, pos: int, table: str) -> tuple[list[Any], int]:
    values: list[Any] = []
    while True:
        match = VALUE_TOKEN.match(text, pos)
        if match is None or match.lastgroup in (None, "open", "comma") or (
                match.lastgroup == "close" and values):
            raise _near(table, text, pos)
        pos, kind = match.end(), match.lastgroup
        if kind == "intro":
            continue
        if kind == "close":
            return values, pos
        values.append(_value(kind, match.group(kind)))
        after = VALUE_TOKEN.match(text, pos)
        if after is None or after.lastgroup not in ("comma", "close"):
            raise _near(table, text, pos)
        pos = after.end()
        if after.lastgroup == "close":
            return values, pos


def _near(table: str, text: str, pos: int) -> Unreadable:
    return Unreadable(f"INSERT INTO {table}: tidak terbaca di dekat {text[pos:pos + 30]!r}")


def _value(kind: str | None, token: str) -> Any:
    if kind in ("str", "dstr"):
        return ESCAPE.sub(_unescape, token[1:-1])
    if kind == "null":
        return None
    if kind == "num":
        return float(token) if any(c in token for c in ".eE") else int(token)
    if kind == "hex":
        digits = token[2:].strip("'")
        return bytes.fromhex(digits if len(digits) % 2 == 0 else "0" + digits).decode(
            "utf-8", "replace")
    if kind == "bits":
        return int(token[2:-1] or "0", 2)
    return token.upper() == "TRUE"


def _unescape(match: re.Match[str]) -> str:
    if match.group() == "''":
        return "'"
    char = match[1]
    return ESCAPES.get(char, char)
