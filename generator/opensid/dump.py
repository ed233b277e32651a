"""Read a MySQL dump (as OpenSID's "Backup database", mysqldump or phpMyAdmin write it) as rows.

No database server and no full SQL grammar: a dump is CREATE TABLE and INSERT statements,
and those are read here with regular expressions over MySQL's literal syntax (quoted
strings with backslash escapes, NULL, numbers, hex and bit literals). Rows follow MySQL's
rules for a repeated primary key (INSERT IGNORE keeps the first, REPLACE the last). What
cannot be read is recorded with its line and the rest of the file is still read, so a
damaged backup gives what it can and says where. Bytes that are not UTF-8 are read as
Windows-1252 in the value that holds them only, and that value's line is named.
"""

from __future__ import annotations

import bz2
import codecs
import io
import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..i18n import translate

# One token of the statement stream: a quoted string, identifier, comment, ';', or other text.
STATEMENT_TOKEN = re.compile(r"""
    '(?:[^'\\]|\\.|'')*'? | "(?:[^"\\]|\\.|"")*"? | `(?:[^`]|``)*`?
  | \#[^\n]* | --(?=\s|\Z)[^\n]* | /\*.*?(?:\*/|\Z) | ;
  | [^'"`\#;/-]+ | .
""", re.VERBOSE | re.DOTALL)
# Stored routines and triggers, between `DELIMITER $$` and `DELIMITER ;`: not data.
ROUTINES = re.compile(r"^[ \t]*DELIMITER[ \t]+(?!;[ \t]*$)\S+.*?"
                      r"(?:^[ \t]*DELIMITER[ \t]+;[ \t]*$|\Z)",
                      re.IGNORECASE | re.MULTILINE | re.DOTALL)
STRING = r"'(?:[^'\\]|\\.|'')*'"
QUOTED = re.compile(STRING)
VALUE = re.compile(rf"""\s*(?:
    (?P<str>(?:_\w+\s*|[nN](?='))?{STRING}(?P<more>(?:\s*{STRING})+)?)
  | (?P<dstr>(?:_\w+\s*)?"(?:[^"\\]|\\.|"")*")
  | (?P<hex>(?:_\w+\s*)?(?:0x[0-9A-Fa-f]+|[xX]'[0-9A-Fa-f]*'))
  | (?P<bits>b'[01]*'|0b[01]+)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?![\w.])
  | (?P<word>[A-Za-z_][\w$]*)(?P<call>\s*\()?
    )(?:\s+COLLATE\s+\w+)?""", re.VERBOSE)
WORDS: dict[str, Any] = {"NULL": None, "TRUE": 1, "FALSE": 0}
PUNCT = re.compile(r"\s*([(),=])")
NAME = r"(?:`(?:[^`]|``)+`|[\w$]+)(?:\s*\.\s*(?:`(?:[^`]|``)+`|[\w$]+))?"
INSERT = re.compile(rf"""^\s*(?P<verb>INSERT|REPLACE)\s+
    (?P<mods>(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\s+)*)(?:INTO\s+)?(?P<name>{NAME})
    \s*(?P<cols>\([^)]*\))?\s*(?P<how>VALUES?\b|SET\b|SELECT\b|TABLE\b|WITH\b)?""",
                    re.IGNORECASE | re.VERBOSE)
UPSERT = re.compile(r"\s*(?:AS\s+\w+(?:\s*\([^)]*\))?\s+)?ON\s+DUPLICATE\s+KEY\s+UPDATE\b",
                    re.IGNORECASE)
CREATE = re.compile(rf"^\s*CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
                    rf"(?P<name>{NAME})\s*(?:\(|LIKE\s+(?P<like>{NAME}))", re.IGNORECASE)
DROP = re.compile(rf"^\s*DROP\s+(?:TEMPORARY\s+)?TABLES?\s+(?:IF\s+EXISTS\s+)?"
                  rf"(?P<names>{NAME}(?:\s*,\s*{NAME})*)\s*$", re.IGNORECASE)
EMPTIED = re.compile(rf"^\s*(?:TRUNCATE\s+(?:TABLE\s+)?|DELETE\s+(?:(?:LOW_PRIORITY|QUICK|IGNORE)"
                     rf"\s+)*FROM\s+)(?P<name>{NAME})\s*(?P<where>\S.*)?$",
                     re.IGNORECASE | re.DOTALL)
UPDATE = re.compile(rf"^\s*UPDATE\s+(?:(?:LOW_PRIORITY|IGNORE)\s+)*(?P<name>{NAME})",
                    re.IGNORECASE)
ASSIGN = re.compile(rf"\s*({NAME})\s*=\s*")
OWN = re.compile(rf"(?:VALUES\s*\(\s*({NAME})\s*\)|\w+\.({NAME}))(?=\s*(?:,|$))", re.IGNORECASE)
PRIMARY_KEY = re.compile(r"\s*(?:CONSTRAINT\s+\S+\s+)?PRIMARY\s+KEY\s*\(([^)]*)\)", re.IGNORECASE)
IDENTIFIER = re.compile(r"(?:(?:`(?:[^`]|``)+`|[\w$]+)\s*\.\s*)?(?:`((?:[^`]|``)+)`|([\w$]+))")
GENERATED = re.compile(r"\b(?:GENERATED\s+ALWAYS\s+)?AS\s*\(", re.IGNORECASE)
INLINE_KEY = re.compile(r"\bPRIMARY\s+KEY\b", re.IGNORECASE)
INTRODUCER = re.compile(r"^(?:_\w+\s*|[nN](?='))")
COLUMN_SPEC = re.compile(r"^\s*(`(?:[^`]|``)+`|\w+)(.*)$", re.DOTALL)
NOT_COLUMN = re.compile(r"^\s*(?:PRIMARY|UNIQUE|KEY|INDEX|CONSTRAINT|FOREIGN|FULLTEXT|SPATIAL|"
                        r"CHECK|PERIOD)\b", re.IGNORECASE)
PART = re.compile(r"""'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|`(?:[^`]|``)*`|[(),]|[^'"`(),]+""")
KEYWORD = re.compile(r"^[ \t]*(?:INSERT|REPLACE|CREATE|DROP|SET|LOCK|UNLOCK|ALTER|USE|START|"
                     r"COMMIT|BEGIN|DELIMITER|END|ROLLBACK|TRUNCATE|DELETE|UPDATE|SELECT|GRANT|"
                     r"FLUSH|ANALYZE|OPTIMIZE|RENAME|SAVEPOINT|RELEASE|CALL|DO|SHOW|LOAD|"
                     r"REVOKE|PREPARE|EXECUTE|DEALLOCATE)\b", re.IGNORECASE | re.MULTILINE)
ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
ESCAPES_IN = {"'": re.compile(r"\\(.)|''", re.DOTALL), '"': re.compile(r'\\(.)|""', re.DOTALL)}
STRAY = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8 (surrogateescape)
INTEGER = re.compile(r"[+-]?\d{1,18}")
UNPACKERS: tuple[tuple[bytes, Any], ...] = (
    (b"\x1f\x8b", lambda: zlib.decompressobj(31)), (b"BZh", bz2.BZ2Decompressor),
    (b"\xfd7zXZ\x00", lzma.LZMADecompressor))
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))


class Reason(str):
    """Why part of a dump was not read as written: the Indonesian text as a string, and its
    catalog key (`ui.impor.dump.<code>`) and values, so `{reason:en}` gives the English."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> Reason:
        params = {k: mend(v) if isinstance(v, str) else v for k, v in params.items()}
        made = super().__new__(cls, translate("id", f"ui.impor.dump.{code}", **params))
        made.code, made.params = code, params
        return made

    def __format__(self, lang: str) -> str:
        return translate(lang, f"ui.impor.dump.{self.code}", **self.params) if lang else str(self)


class Unreadable(ValueError):
    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.reason = Reason(code, **params)


class Call:
    """A function call or keyword in a value list (NOW(), DEFAULT): read as NULL, with a note."""

    def __init__(self, name: str):
        self.name = name


@dataclass
class Table:
    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    key: list[str] = field(default_factory=list)  # the primary key's columns
    generated: set[str] = field(default_factory=set)
    index: dict[tuple[Any, ...], int] = field(default_factory=dict)  # key -> position in rows

    def add(self, row: dict[str, Any], how: str, update: list[tuple[str, Any]]) -> bool:
        """Add a row as MySQL would; False for a plain INSERT repeating a key (refused)."""
        found = tuple(key(row.get(c)) for c in self.key)
        if not self.key or None in found:
            self.rows.append(row)
        elif found not in self.index:
            self.index[found] = len(self.rows)
            self.rows.append(row)
        elif how == "replace":
            self.rows[self.index[found]] = row
        elif how == "update":
            old = self.rows[self.index[found]]
            old.update({c: row.get(v[1]) if isinstance(v, tuple) else v for c, v in update})
        else:
            return how == "ignore"
        return True


@dataclass
class Dump:
    """The tables of a dump by name, and the statements that could not be read."""

    tables: dict[str, Table] = field(default_factory=dict)
    unreadable: list[tuple[int, Reason]] = field(default_factory=list)  # (line, reason)
    tallied: dict[tuple[str, str, str], int] = field(default_factory=dict)  # -> note's index

    def rows(self, name: str) -> list[dict[str, Any]]:
        table = self.tables.get(name)
        return table.rows if table else []

    def note(self, line: int, code: str, **params: Any) -> None:
        self.unreadable.append((line, Reason(code, **params)))

    def tally(self, line: int, code: str, table: str, count: int, column: str = "") -> None:
        """One note per kind, table and column, at the first line; the counts add up."""
        at = self.tallied.get((code, table, column))
        if at is None:
            self.tallied[code, table, column] = len(self.unreadable)
            self.note(line, code, table=table, column=column, count=count)
            return
        first, old = self.unreadable[at]
        self.unreadable[at] = (first, Reason(code, **{**old.params,
                                                      "count": old.params["count"] + count}))


def key(value: Any) -> Any:
    """A value as MySQL compares ids and flags: 7, 7.0, '7' and ' 7 ' are the same."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return int(value) if INTEGER.fullmatch(value) else value
    return value


def mend(value: str) -> str:
    """Bytes that were not UTF-8 read as Windows-1252 (Latin-1 where it has no character)."""
    return STRAY.sub(lambda m: "".join(_codepage(b) for b in m.group().encode(
        "utf-8", "surrogateescape")), value)


def _codepage(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def read_dump(path: Path) -> Dump:
    """Every table and row in the file, unpacked first if it is .gz, .bz2, .xz or .zip."""
    raw, problem = unpack(path.read_bytes())
    text = decode(raw)
    dump = parse_dump(text)
    if problem:
        dump.note(text.count("\n") + 1, problem)
    return dump


def unpack(raw: bytes) -> tuple[bytes, str | None]:
    """The dump inside a compressed file, and what went wrong unpacking it, if anything."""
    if raw.startswith(b"PK\x03\x04"):
        return _unzip(raw)
    for magic, make in UNPACKERS:
        if raw.startswith(magic):
            unpacker = make()
            try:
                data = unpacker.decompress(raw)
            except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
                return b"", "packed_damaged"
            return data, None if unpacker.eof else "packed_cut"
    return raw, None


def _unzip(raw: bytes) -> tuple[bytes, str | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".sql")]
            return (archive.read(names[0]), None) if names else (b"", "zip_without_sql")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return b"", "packed_damaged"


def decode(raw: bytes) -> str:
    """UTF-8 (or UTF-16 with its mark); other bytes kept as surrogates for `mend`."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, "surrogateescape")
    return raw.decode("utf-8", "surrogateescape")


def parse_dump(text: str) -> Dump:
    dump = Dump()
    for line, statement, end in statements(ROUTINES.sub(_blank, text)):
        try:
            if end == "open_quote":
                raise Unreadable("open_quote")
            line, statement = _skip_junk(dump, line, statement)
            _statement(dump, line, statement, cut=end == "cut")
        except Unreadable as exc:
            dump.unreadable.append((line, exc.reason))
    return dump


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


def _skip_junk(dump: Dump, line: int, statement: str) -> tuple[int, str]:
    """The statement from its first SQL keyword, and that keyword's line; text before it
    (a merge conflict marker left in the file, a stray line) is recorded as unreadable."""
    match = KEYWORD.search(statement)
    if match is None:
        raise Unreadable("not_sql")
    junk = statement[:match.start()]
    if junk.strip():
        dump.note(line + junk[:len(junk) - len(junk.lstrip())].count("\n"), "junk")
    return line + junk.count("\n"), statement[match.start():]


def statements(text: str) -> list[tuple[int, str, str]]:
    """(first line, text, how it ends) of each statement that is not empty, comments
    removed, split at ';' outside quotes; it ends "ok", "cut" (the file ends first) or
    "open_quote". A quote never closed would swallow the rest of the file; dumps escape
    newlines inside strings (\\n), so the statement is cut at that line and reading goes on."""
    found: list[tuple[int, str, str]] = []
    parts: list[str] = []
    line = start = 1
    pos = 0
    while match := STATEMENT_TOKEN.match(text, pos):
        token, pos = match.group(), match.end()
        unclosed = token[0] in "'\"`" and (len(token) == 1 or token[-1] != token[0]) \
            and "\n" in token
        if unclosed:
            token = token[:token.index("\n")]
            pos = match.start() + len(token)
        if token == ";":
            if "".join(parts).strip():
                found.append((start, "".join(parts), "ok"))
            parts = []
        elif token[0] == "#" or token.startswith(("--", "/*")):
            if parts:
                parts.append(" ")  # a comment inside a statement is a space
        elif parts or token.strip():
            if not parts:
                start = line + token[:len(token) - len(token.lstrip())].count("\n")
            parts.append(token if parts else token.lstrip())
        if unclosed:
            found.append((start, "".join(parts), "open_quote"))
            parts = []
        line += token.count("\n")
    if "".join(parts).strip():
        found.append((start, "".join(parts), "cut"))
    return found


def _statement(dump: Dump, line: int, statement: str, cut: bool) -> None:
    """One statement; in a statement the file cuts off, what cannot be read is the cut."""
    try:
        _dispatch(dump, line, statement, cut)
    except Unreadable as exc:
        if not cut:
            raise
        raise Unreadable("cut", line=line, table=exc.reason.params.get("table", "")) from None


def _dispatch(dump: Dump, line: int, statement: str, cut: bool) -> None:
    if match := INSERT.match(statement):
        _insert(dump, line, statement, match, cut)
    elif match := CREATE.match(statement):
        _create(dump, statement, match)
    elif match := DROP.match(statement):
        for name in _names(match["names"]):
            dump.tables.pop(name, None)
    elif match := EMPTIED.match(statement):
        _empty(dump, match)
    elif match := UPDATE.match(statement):
        raise Unreadable("not_applied", what="UPDATE", table=_name(match["name"]))


def _create(dump: Dump, statement: str, match: re.Match[str]) -> None:
    name = _name(match["name"])
    table = dump.tables.setdefault(name, Table(name))
    if table.columns:  # MySQL refuses to make a table twice; the first stays
        return
    if match["like"]:
        like = dump.tables.get(_name(match["like"]), Table(name))
        table.columns, table.key, table.generated = list(like.columns), like.key, like.generated
        return
    parts, closed = _top_level(statement, match.end())
    for part in parts:
        column = COLUMN_SPEC.match(part)
        if NOT_COLUMN.match(part):
            primary = PRIMARY_KEY.match(part)
            table.key = _names(primary[1]) if primary else table.key
        elif column:
            _column(table, _name(column[1]), QUOTED.sub("''", column[2]))
    if not closed:
        raise Unreadable("bad_statement", table=name)


def _column(table: Table, name: str, spec: str) -> None:
    if name not in table.columns:
        table.columns.append(name)
    if GENERATED.search(spec):
        table.generated.add(name)
    if INLINE_KEY.search(spec):
        table.key = [name]


def _top_level(text: str, pos: int) -> tuple[list[str], bool]:
    """The comma-separated parts of a parenthesised list whose '(' ends before `pos`, and
    whether its ')' was found."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for token in PART.findall(text, pos):
        if token in ",)" and depth == 0:
            parts.append("".join(current))
            current = []
            if token == ")":
                return [p for p in parts if p.strip()], True
            continue
        depth += {"(": 1, ")": -1}.get(token, 0)
        current.append(token)
    return [p for p in parts if p.strip()], False


def _empty(dump: Dump, match: re.Match[str]) -> None:
    table = dump.tables.get(_name(match["name"]))
    if match["where"]:
        raise Unreadable("not_applied", what="DELETE", table=_name(match["name"]))
    if table is not None:
        table.rows, table.index = [], {}


def _name(quoted: str) -> str:
    """`opensid`.`artikel`, opensid.artikel or `artikel` -> artikel."""
    return _names(quoted)[-1]


@lru_cache(maxsize=512)  # a dump repeats each table's column list in every INSERT
def _names(listed: str) -> list[str]:
    """The names in `a`, `b` or (a, b), each without its schema (`db`.`t` -> t)."""
    return [mend((quoted or bare).replace("``", "`"))
            for quoted, bare in IDENTIFIER.findall(listed)]


def _insert(dump: Dump, line: int, statement: str, match: re.Match[str], cut: bool) -> None:
    name, how = _name(match["name"]), (match["how"] or "").upper()
    table = dump.tables.setdefault(name, Table(name))
    if how not in ("VALUE", "VALUES", "SET"):
        raise Unreadable("insert_select" if how else "bad_statement", table=name)
    if how == "SET":
        pairs, pos = _assignments(statement, match.end(), name)
        columns, tuples = [c for c, _ in pairs], [[v for _, v in pairs]]
    else:
        columns = _names(match["cols"]) if match["cols"] else table.columns
        tuples = []
        try:
            pos = _tuples(statement, match.end(), name, tuples, columns)
        except Unreadable:
            if cut:  # the rows before the cut are whole
                _add(dump, line, table, _matched(table, columns, tuples), "insert", [])
            raise
    update, pos = _upsert(dump, line, statement, pos, name)
    if statement[pos:].strip():
        raise Unreadable("bad_statement", table=name)
    mods = match["mods"].upper()
    mode = "replace" if match["verb"].upper() == "REPLACE" else "update" if update is not None \
        else "ignore" if "IGNORE" in mods else "insert"
    _add(dump, line, table, _matched(table, columns, tuples), mode, update or [])


def _matched(table: Table, columns: list[str], tuples: list[list[Any]]) -> list[dict[str, Any]]:
    """Each value list as a row (a column the INSERT leaves out is NULL); every list must
    fit the columns, or the INSERT is refused."""
    if not columns:
        raise Unreadable("no_columns", table=table.name)
    stored = [c for c in columns if c not in table.generated]
    for values in tuples:
        if len(values) not in (len(columns), len(stored)):
            raise Unreadable("count", table=table.name, values=len(values),
                             columns=len(columns))
    rows = [dict(zip(columns if len(values) == len(columns) else stored, values, strict=True))
            for values in tuples]
    if not set(table.columns) <= set(stored):
        rows = [{**dict.fromkeys(table.columns), **row} for row in rows]
    return rows


def _add(dump: Dump, line: int, table: Table, rows: list[dict[str, Any]], how: str,
         update: list[tuple[str, Any]]) -> None:
    for row in rows:
        for column, value in row.items():
            if isinstance(value, Call):
                dump.tally(line, "call", table.name, 1, f"{column} ({value.name})")
                row[column] = None
            elif isinstance(value, str) and STRAY.search(value):
                dump.tally(line, "not_utf8", table.name, 1, column)
                row[column] = mend(value)
        if not table.add(row, how, update):
            dump.tally(line, "repeated_key", table.name, 1)


class _Stop(ValueError):
    """No literal where one should be: the caller says where, never what the text was."""


def _tuples(text: str, pos: int, table: str, rows: list[list[Any]], columns: list[str]) -> int:
    """The value lists of `VALUES (...), (...)` into `rows`; the position after the last.
    What cannot be read is named by its place (row, column), never quoted: it may be a
    resident's data."""
    while True:
        values: list[Any] = []
        try:
            pos = _one_tuple(text, _punct(text, pos, "("), values)
        except _Stop:
            at = len(values)
            raise Unreadable("bad_value", table=table, row=len(rows) + 1, value=at + 1,
                             column=columns[at] if at < len(columns) else "?") from None
        rows.append(values)
        if not ((match := PUNCT.match(text, pos)) and match[1] == ","):
            return pos
        pos = match.end()


def _one_tuple(text: str, pos: int, values: list[Any]) -> int:
    if (match := PUNCT.match(text, pos)) and match[1] == ")":
        return match.end()
    while True:
        value, pos = _value_at(text, pos)
        values.append(value)
        pos = _punct(text, pos, ",)")
        if text[pos - 1] == ")":
            return pos


def _punct(text: str, pos: int, wanted: str) -> int:
    match = PUNCT.match(text, pos)
    if match is None or match[1] not in wanted:
        raise _Stop
    return match.end()


def _assignments(text: str, pos: int, table: str) -> tuple[list[tuple[str, Any]], int]:
    """`a = 1, b = 'x'` (INSERT ... SET) as (column, value) pairs; VALUES(a) or new.a as
    ("values", a), the inserted row's own value (ON DUPLICATE KEY UPDATE)."""
    pairs: list[tuple[str, Any]] = []
    try:
        while True:
            column = ASSIGN.match(text, pos)
            if column is None:
                raise _Stop
            own = OWN.match(text, column.end())
            if own:
                value, pos = ("values", _name(own[1] or own[2])), own.end()
            else:
                value, pos = _value_at(text, column.end())
            pairs.append((_name(column[1]), value))
            if not ((match := PUNCT.match(text, pos)) and match[1] == ","):
                return pairs, pos
            pos = match.end()
    except _Stop:
        raise Unreadable("bad_statement", table=table) from None


def _upsert(dump: Dump, line: int, text: str, pos: int,
            table: str) -> tuple[list[tuple[str, Any]] | None, int]:
    """ON DUPLICATE KEY UPDATE's assignments; an expression we cannot work out keeps the
    row already read, with a note."""
    match = UPSERT.match(text, pos)
    if match is None:
        return None, pos
    try:
        pairs, pos = _assignments(text, match.end(), table)
    except Unreadable:
        pairs = []
    if not pairs or text[pos:].strip() or any(isinstance(v, Call) for _, v in pairs):
        dump.note(line, "upsert", table=table)
        return [], len(text)
    return pairs, pos


def _value_at(text: str, pos: int) -> tuple[Any, int]:
    match = VALUE.match(text, pos)
    if match is None:
        raise _Stop
    kind = "word" if match.lastgroup == "call" else str(match.lastgroup)
    if kind == "str" and not match["more"] and match["str"][0] == "'":
        return _unquote(match["str"]), match.end()
    if kind == "word" and match["call"]:
        return Call(f"{match['word'].upper()}()"), _closing(text, match.end())
    if kind == "word":
        word = match["word"].upper()
        return (WORDS[word] if word in WORDS else Call(word)), match.end()
    return _value(kind, match[kind]), match.end()


def _closing(text: str, pos: int) -> int:
    """The position after the ')' that closes a function call's '(' (just before `pos`)."""
    depth = 1
    for token in PART.finditer(text, pos):
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if depth == 0:
            return token.end()
    raise _Stop


def _value(kind: str | None, token: str) -> Any:
    token = INTRODUCER.sub("", token) if kind in ("str", "dstr", "hex") else token
    if kind == "str":  # 'a' 'b' is 'ab'
        return "".join(_unquote(part) for part in QUOTED.findall(token))
    if kind == "dstr":
        return _unquote(token)
    if kind == "num":
        return _number(token)
    if kind == "hex":
        digits = token[2:].strip("'")
        return bytes.fromhex(digits if len(digits) % 2 == 0 else "0" + digits).decode(
            "utf-8", "replace")
    return int(token[2:].strip("'") or "0", 2)  # bits


def _number(token: str) -> int | float | str:
    if any(c in token for c in ".eE"):
        return float(token)
    return int(token) if len(token) <= 30 else token  # the mapping refuses what it cannot use


def _unquote(token: str) -> str:
    return ESCAPES_IN[token[0]].sub(_unescape, token[1:-1])


def _unescape(match: re.Match[str]) -> str:
    if match[1] is None:  # '' inside '...', "" inside "..."
        return match.group()[0]
    char = match[1]
    return ESCAPES.get(char, char)
