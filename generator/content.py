"""Stage 1, load: turn content files into plain data with the position of every value.

Nothing here knows what a village or a service is; it reads text, splits front matter
and parses YAML, and reports what it cannot read as `Problem`s pinned to file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .yamlerror import describe

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as YamlLoader  # type: ignore[assignment]

Positions = dict[tuple[Any, ...], tuple[int, int]]
FRONT_MATTER_FENCE = "---"
# nesting no content type comes near (a field of a list of mappings is three deep); deeper
# YAML is a mistake or an attack, and past ~1000 levels Python's recursion gives out
MAX_DEPTH = 32
PLACEHOLDER = "[GANTI]"


@dataclass(frozen=True)
class Document:
    """A content file as data: front matter (or a whole YAML file) and Markdown body."""

    rel: str  # path relative to the content folder, with forward slashes
    data: dict[str, Any]
    positions: Positions = field(repr=False)
    raw: dict[tuple[Any, ...], str] = field(repr=False, default_factory=dict)
    body: str = ""
    body_line: int = 1

    def where(self, key_path: tuple[Any, ...]) -> tuple[int, int]:
        """Line and column of a value, or of its nearest enclosing value."""
        while key_path:
            if key_path in self.positions:
                return self.positions[key_path]
            key_path = key_path[:-1]
        return self.positions.get((), (1, 1))


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, code: str, **params: Any):
        super().__init__(code)
        self.line, self.column, self.code, self.params = line, column, code, params


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a BOM and CRLF line ends are fine); anything else is a problem."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:  # e.g. a folder named portal.yaml
        return None, [Problem.at(rel, 1, 1, "file_is_folder")]
    except OSError as exc:  # no permission, a disk error
        return None, [Problem.at(rel, 1, 1, "unreadable_file", reason=exc.strerror or str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem.at(rel, line, column, "not_utf8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Problem.at(rel, 1, 1, "empty_file")]
    return text, []


def parse_yaml(
    text: str, first_line: int = 1,
) -> tuple[Any, Positions, dict[tuple[Any, ...], str]]:
    """Parse one YAML document, recording (line, column) for every key path.

    Anchors and aliases are refused: volunteers never need them, and refusing them
    is the one sure defence against an alias bomb ("billion laughs").
    """
    loader = YamlLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            line, column, code, params = describe(exc, text, first_line)
            raise YamlProblem(line, column, code, **params) from None
        except yaml.reader.ReaderError as exc:  # a control character, pasted from elsewhere
            line, column = _place(text, exc.position, first_line)
            raise YamlProblem(line, column, "yaml_control_char",
                              character=f"{exc.character:#06x}") from None
        positions: Positions = {}
        raw: dict[tuple[Any, ...], str] = {}
        if node is None:
            return None, positions, raw
        value = _construct(loader, node, (), (positions, raw), first_line, set())
        return value, positions, raw
    finally:
        loader.dispose()


def _construct(
    loader: Any, node: yaml.Node, path: tuple[Any, ...],
    maps: tuple[Positions, dict[tuple[Any, ...], str]], first_line: int, seen: set[int],
) -> Any:
    """Build Python values from YAML nodes, noting each value's place and raw text.

    The raw text matters: `telepon: 0333421001` would lose its leading zero as an int,
    and `buka: 08.00` would become the float 8.0.
    """
    positions, raw = maps
    line, column = node.start_mark.line + first_line, node.start_mark.column + 1
    if len(path) > MAX_DEPTH:
        raise YamlProblem(line, column, "yaml_too_deep", max=MAX_DEPTH)
    if id(node) in seen:
        raise YamlProblem(line, column, "yaml_alias")
    seen.add(id(node))
    positions.setdefault(path, (line, column))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, first_line)
            if key == "<<":
                raise YamlProblem(line, column, "yaml_alias")
            if not isinstance(key, (str, int)):
                key = str(key)
            key_place = (key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            if key in result:
                raise YamlProblem(*key_place, "duplicate_key", field=key,
                                  first=positions[(*path, key)][0])
            if id(value_node) in seen:
                raise YamlProblem(*key_place, "yaml_alias")
            positions[(*path, key)] = key_place
            result[key] = _construct(loader, value_node, (*path, key), maps, first_line, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*path, index), maps, first_line, seen)
            for index, item in enumerate(node.value)
        ]
    raw[path] = node.value
    return _scalar(loader, node, first_line)


def _place(text: str, position: int, first_line: int) -> tuple[int, int]:
    """(line, column) in the file of a character position in `text`."""
    start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + first_line, position - start + 1


def _scalar(loader: Any, node: yaml.Node, first_line: int) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + first_line
        raise YamlProblem(line, node.start_mark.column + 1, "yaml_complex_key")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # e.g. 2026-13-45 matches YAML's date pattern but is no date; keep the text
        # and let validation say "not a valid date" with the field's name
        return node.value


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """Return (yaml, body, body_first_line), or a problem code when the fences are wrong."""
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return "frontmatter_missing"
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return "frontmatter_unclosed"


def load_markdown(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    parts = split_front_matter(text)
    if isinstance(parts, str):
        return None, [Problem.at(rel, 1, 1, parts)]
    front, body, body_line = parts
    doc, found = _document(rel, front, 2, body, body_line)
    return doc, [*found, *placeholders(rel, front, 2, body, body_line)]


def load_yaml_file(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    doc, found = _document(rel, text, 1, "", 1)
    return doc, [*found, *placeholders(rel, text, 1)]


def placeholders(rel: str, yaml_text: str, yaml_line: int, body: str = "",
                 body_line: int = 1) -> list[Problem]:
    """A warning at the first `[GANTI]` left in a file (`kampung new` marks what to
    replace with it); YAML comments, which explain the mark, do not count."""
    if PLACEHOLDER not in yaml_text and PLACEHOLDER not in body:
        return []
    numbered = [(n, line) for n, line in enumerate(yaml_text.split("\n"), yaml_line)
                if not line.lstrip().startswith("#")]
    numbered += list(enumerate(body.split("\n"), body_line))
    lines = [(n, line) for n, line in numbered if PLACEHOLDER in line]
    if not lines:
        return []
    line, first = lines[0]
    return [Problem.at(rel, line, first.index(PLACEHOLDER) + 1, "placeholder",
                       severity="warning", count=sum(x.count(PLACEHOLDER) for _, x in lines))]


def _document(
    rel: str, yaml_text: str, first_line: int, body: str, body_line: int,
) -> tuple[Document | None, list[Problem]]:
    try:
        data, positions, raw = parse_yaml(yaml_text, first_line)
    except YamlProblem as exc:
        return None, [Problem.at(rel, exc.line, exc.column, exc.code, **exc.params)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem.at(rel, first_line, 1, "yaml_not_mapping")]
    return Document(rel, data, positions, raw, body, body_line), []


def content_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """Every file under `root`, sorted; symlinks that leave `root` are problems."""
    root = root.resolve()
    files: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [*dirnames, *filenames]:
            path = here / name
            if not path.is_symlink():
                continue
            code = _link_problem(path, root)
            if code:
                rel = path.relative_to(root).as_posix()
                problems.append(Problem.at(rel, 1, 1, code, target=os.readlink(path)))
                if name in dirnames:
                    dirnames.remove(name)
        files.extend(here / n for n in sorted(filenames) if not n.startswith("."))
    bad = {root / p.path for p in problems}
    return [f for f in files if f not in bad], problems


def _link_problem(link: Path, root: Path) -> str | None:
    """Why a symbolic link cannot be read as content, if it cannot."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # points at nothing, or at itself through others
        return "symlink_broken"
    return None if _inside(target, root) else "symlink_outside"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
