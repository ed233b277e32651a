"""Stage 3, site model: villages, pages and data as frozen values, cross-checked.

Input: the content folder. Output: a `Site` and every problem found, from unreadable
bytes to a link to a page that does not exist. Nothing here renders HTML.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from .content import Document, content_files, load_markdown, load_yaml_file
from .errors import Problem
from .geojson import NAME as MAP_FILE
from .geojson import load_geojson
from .i18n import available_languages
from .names import PORTAL_FOLDERS
from .privacy import personal_data
from .schema import (
    DATA_TYPES,
    DESA,
    PAGE_TYPES,
    PORTAL,
    SERTA_MERTA_REQUIRED,
    SLUG_PATTERN,
    Field,
)
from .validate import suggest, validate

SECTIONS = tuple(PAGE_TYPES)  # layanan, wisata, pengumuman, agenda, halaman
# a link or image in a body, `(!?)[text](<target> "title")`: found by `_line_links`
LINK_OPEN = re.compile(r"\]\(\s*<?")  # from the text's "]" to its target
LINK_STOP = re.compile(r"[)\s>]")  # a target ends before one of these
LINK_CLOSE = re.compile(r'>?(?:\s+"[^"]*")?\s*\)')  # after the target: a title, ")"
SLUG_RE = re.compile(SLUG_PATTERN)
# a web address part, and a folder name in the output with Pagefind's and the posters'
# files inside: well under the 255 bytes a file system allows for one name
MAX_SLUG = 80


@dataclass(frozen=True)
class Page:
    kind: str
    slug: str
    lang: str
    source: str  # path relative to content/
    data: dict[str, Any]
    body: str | None  # None in the build's main process: see incremental/load.py `skeleton`
    body_line: int

    @property
    def url(self) -> str:
        """Path inside the village site, e.g. 'layanan/ktp-el/' or 'en/layanan/ktp-el/'."""
        prefix = "" if self.lang == "id" else f"{self.lang}/"
        return f"{prefix}{self.kind}/{self.slug}/"

    @property
    def title(self) -> str:
        return str(self.data["judul"])

    @property
    def loaded_body(self) -> str:
        """The body, for code that runs where it is loaded; a skeleton's page raises."""
        if self.body is None:
            raise ValueError(f"{self.source}: the body of a skeleton's page was read")
        return self.body


@dataclass(frozen=True)
class Village:
    slug: str
    profile: dict[str, Any]
    pages: tuple[Page, ...]
    data: dict[str, Any]  # perangkat, statistik, apbdes: {year: data}
    media: frozenset[str]

    def section(self, kind: str, lang: str = "id") -> list[Page]:
        return [p for p in self.pages if p.kind == kind and p.lang == lang]


@dataclass(frozen=True)
class Site:
    portal: dict[str, Any]
    villages: tuple[Village, ...]
    now: datetime
    source_urls: dict[str, str] = field(default_factory=dict)  # content path -> site path
    # what lists show of a page, by kind ("semua": every kind): the theme's `daftar`,
    # set by the build (render/themesettings.py)
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()


def load_site(root: Path, now: datetime) -> tuple[Site | None, list[Problem]]:
    """Read, validate and cross-check the whole content folder."""
    files, problems = content_files(root)
    docs: dict[str, Document] = {}  # by source path: cross-checks need their line numbers
    root = root.resolve()
    portal = read_portal(root, problems)
    villages = []
    by_village = village_folders([path.relative_to(root).as_posix() for path in files],
                                 problems)
    for slug, rels in sorted(by_village.items()):
        village = read_village(root, slug, [root / rel for rel in rels], problems, docs)
        if village:
            villages.append(village)
    site = assemble(portal, villages, now, problems)
    for village in villages:
        check_links(root, site, village, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return site, problems


def village_folders(rels: list[str], problems: list[Problem]) -> dict[str, list[str]]:
    """Content files (paths in the content folder) by village folder; files at the top
    other than portal.yaml are warned about."""
    by_village: dict[str, list[str]] = {}
    for rel in rels:
        if "/" not in rel:
            if rel not in ("portal.yaml", "portal.yml") and not rel.endswith(".md"):
                problems.append(Problem.at(rel, 1, 1, "unknown_file", severity="warning"))
            continue
        by_village.setdefault(rel.split("/", 1)[0], []).append(rel)
    return by_village


def assemble(portal: dict[str, Any], villages: list[Village], now: datetime,
             problems: list[Problem]) -> Site:
    """The site of these villages (a content folder without one is an error)."""
    if not villages and not any(p.severity == "error" for p in problems):
        problems.append(Problem.at("content", 1, 1, "no_villages"))
    return Site(portal, tuple(villages), now, source_urls(villages))


def load_village(root: Path, slug: str, now: datetime) -> tuple[Village | None, list[Problem]]:
    """One village read, validated and cross-checked as `load_site` does it (portal.yaml
    too), without reading the others: a link into another village is good when the file it
    names is there. For `kampung check --village`, a volunteer's quick loop."""
    root = root.resolve()
    if not SLUG_RE.match(slug):  # before walking: "../x" or "/etc" is no village folder
        return None, [Problem.at(slug, 1, 1, "bad_folder_slug", value=slug,
                                 suggestion=slugify(slug))]
    files, found = content_files(root / slug)
    problems = [replace(p, path=f"{slug}/{p.path}") for p in found]
    portal = read_portal(root, problems)
    village = read_village(root, slug, files, problems, {})
    if village is None:
        return None, problems
    others = {rel: rel for path in root.glob("*/**/*")
              if path.is_file() and (rel := path.relative_to(root).as_posix()).split("/")[0]
              != slug}
    site = Site(portal, (village,), now, {**others, **source_urls([village])})
    check_links(root, site, village, problems)
    return village, problems


def read_portal(root: Path, problems: list[Problem]) -> dict[str, Any]:
    """portal.yaml, validated, with its defaults filled in."""
    path = root / "portal.yaml"
    if not path.exists():
        problems.append(Problem.at("portal.yaml", 1, 1, "portal_missing"))
        return {}
    doc, found = load_yaml_file(path, "portal.yaml")
    problems.extend(found)
    if doc is None:
        return {}
    clean, found = validate(doc, PORTAL)
    problems.extend(found)
    clean.setdefault("bahasa", "id")
    clean.setdefault("tema", "default")
    clean.setdefault("per_halaman", 10)
    clean["base_url"] = str(clean.get("base_url", "https://example.org/")).rstrip("/") + "/"
    return clean


def read_village(
    root: Path, slug: str, paths: list[Path], problems: list[Problem],
    docs: dict[str, Document],
) -> Village | None:
    """One village folder read, validated and cross-checked (all but its links, which need
    the whole site: `check_links`); None if it cannot be a village at all."""
    if not SLUG_RE.match(slug):
        problems.append(Problem.at(slug, 1, 1, "bad_folder_slug", value=slug,
                                   suggestion=slugify(slug)))
        return None
    if slug in PORTAL_FOLDERS:  # the portal's own pages live there
        problems.append(Problem.at(slug, 1, 1, "reserved_folder", value=slug,
                                   suggestion=f"desa-{slug}"))
        return None
    if len(slug) > MAX_SLUG:
        problems.append(Problem.at(slug, 1, 1, "slug_too_long", value=slug, max=MAX_SLUG,
                                   suggestion=shortened(slug)))
        return None
    base = root / slug
    desa_file = next((p for p in paths if p.parent == base and p.name in ("desa.yaml", "desa.yml")),
                     None)
    if desa_file is None:
        problems.append(Problem.at(f"{slug}/desa.yaml", 1, 1, "desa_missing", village=slug))
        return None
    profile = _validated(root, desa_file, DESA, problems, docs) or {}
    media = frozenset(p.relative_to(base / "media").as_posix()
                      for p in paths if (base / "media") in p.parents)
    pages: list[Page] = []
    data: dict[str, Any] = {"apbdes": {}}
    for path in paths:
        rel = path.relative_to(base)
        if path == desa_file or rel.parts[0] == "media":
            continue
        if rel.parts[0] in SECTIONS and len(rel.parts) == 2 and path.suffix == ".md":
            page = _page(root, rel.parts[0], path, problems, docs)
            if page:
                pages.append(page)
        elif rel.parts[0] == "data" and len(rel.parts) == 2 and path.suffix in (".yaml", ".yml"):
            _data_file(root, path, data, problems, docs)
        elif rel.as_posix() == f"data/{MAP_FILE}":
            data["peta"], found = load_geojson(path, path.relative_to(root).as_posix())
            problems.extend(found)
        else:
            problems.append(Problem.at(path.relative_to(root).as_posix(), 1, 1, "unknown_file",
                                       severity="warning"))
    pages = _pair_translations(pages, problems)
    _check_duplicates(pages, problems)
    village = Village(slug, profile, tuple(sorted(pages, key=_page_order)), data, media)
    _check_media(village, problems, docs)
    _check_slugs(village, problems, docs)
    return village


def _validated(
    root: Path, path: Path, fields: dict[str, Field], problems: list[Problem],
    docs: dict[str, Document],
) -> dict[str, Any] | None:
    rel = path.relative_to(root).as_posix()
    doc, found = load_yaml_file(path, rel)
    problems.extend(found)
    if doc is None:
        return None
    docs[rel] = doc
    clean, found = validate(doc, fields)
    problems.extend(found)
    return clean


def _page(
    root: Path, kind: str, path: Path, problems: list[Problem], docs: dict[str, Document],
) -> Page | None:
    rel = path.relative_to(root).as_posix()
    stem, lang = _stem_and_lang(path.name)
    if lang not in available_languages():
        problems.append(Problem.at(rel, 1, 1, "unknown_language", lang=lang,
                                   languages=", ".join(available_languages())))
        return None
    doc, found = load_markdown(path, rel)
    problems.extend(found)
    if doc is None:
        return None
    docs[rel] = doc
    clean, found = validate(doc, PAGE_TYPES[kind], inherit=lang != "id")
    problems.extend(found)
    if found or clean.get("draf"):
        return None
    slug = clean.get("slug") or stem
    if not SLUG_RE.match(slug):
        problems.append(Problem.at(rel, 1, 1, "bad_file_slug", value=stem,
                                   suggestion=slugify(stem)))
        return None
    if len(slug) > MAX_SLUG:
        problems.append(Problem.at(rel, 1, 1, "slug_too_long", value=slug, max=MAX_SLUG,
                                   suggestion=shortened(slug)))
        return None
    if kind == "pengumuman" and clean.get("jenis") == "serta_merta" and lang == "id":
        _check_serta_merta(doc, clean, problems)
    if kind == "agenda":
        problems.extend(_check_event_end(doc, clean))
    return Page(kind, slug, lang, rel, clean, doc.body, doc.body_line)


def _stem_and_lang(name: str) -> tuple[str, str]:
    parts = name[:-3].split(".")
    if len(parts) >= 2 and len(parts[-1]) in (2, 3) and parts[-1].isalpha():
        return ".".join(parts[:-1]), parts[-1]
    return name[:-3], "id"


def _check_serta_merta(doc: Document, clean: dict[str, Any], problems: list[Problem]) -> None:
    for name in SERTA_MERTA_REQUIRED:
        if name not in clean:
            line, column = doc.where(())
            problems.append(Problem.at(doc.rel, line, column, "serta_merta_field", field=name))


def _check_event_end(doc: Document, clean: dict[str, Any]) -> list[Problem]:
    """An event cannot end before it starts (a calendar would get DTEND before DTSTART)."""
    start, end = clean.get("mulai"), clean.get("selesai")
    if start is None or end is None:
        return []
    if isinstance(start, datetime) and isinstance(end, datetime):
        backwards = end < start
    else:
        backwards = _day(end) < _day(start)
    if backwards:
        line, column = doc.where(("selesai",))
        return [Problem.at(doc.rel, line, column, "event_ends_before_start",
                           start=str(doc.raw.get(("mulai",), start)),
                           end=str(doc.raw.get(("selesai",), end)))]
    return []


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _pair_translations(pages: list[Page], problems: list[Problem]) -> list[Page]:
    """A translation inherits every field it does not set from its original."""
    originals = {(p.kind, Path(p.source).name[:-3]): p for p in pages if p.lang == "id"}
    paired = []
    for page in pages:
        if page.lang == "id":
            paired.append(page)
            continue
        stem = _stem_and_lang(Path(page.source).name)[0]
        original = originals.get((page.kind, stem))
        if original is None:
            problems.append(Problem.at(page.source, 1, 1, "translation_orphan",
                                       original=f"{stem}.md"))
            continue
        data = {**original.data, **page.data}
        body = page.body if page.loaded_body.strip() else original.body
        paired.append(Page(page.kind, original.slug, page.lang, page.source, data, body,
                           page.body_line))
    return paired


def _check_duplicates(pages: list[Page], problems: list[Problem]) -> None:
    seen: dict[tuple[str, str, str], Page] = {}
    for page in pages:
        key = (page.kind, page.lang, page.slug)
        if key in seen:
            problems.append(Problem.at(page.source, 1, 1, "duplicate_slug", slug=page.slug,
                                       other=seen[key].source))
        else:
            seen[key] = page


def _data_file(
    root: Path, path: Path, data: dict[str, Any], problems: list[Problem],
    docs: dict[str, Document],
) -> None:
    name = path.stem
    match = re.fullmatch(r"apbdes-(\d{4})", name)
    kind = "apbdes" if match else name
    rel = path.relative_to(root).as_posix()
    if kind not in DATA_TYPES:
        hint = suggest(name, [*DATA_TYPES, "apbdes-2026"])
        problems.append(Problem.at(rel, 1, 1, "unknown_data_file", name=name, suggestion=hint))
        return
    if kind == "bantuan" and _refuse_personal(path, rel, problems):
        return
    clean = _validated(root, path, DATA_TYPES[kind], problems, docs)
    if clean is None:
        return
    if match:
        data["apbdes"][int(match[1])] = clean
    else:
        data[kind] = clean


def _refuse_personal(path: Path, rel: str, problems: list[Problem]) -> bool:
    doc, _ = load_yaml_file(path, rel)  # its own problems are reported by _validated
    found = personal_data(doc) if doc else []
    problems.extend(found)
    return bool(found)


def _page_order(page: Page) -> tuple[Any, ...]:
    data = page.data
    when = data.get("tanggal") or data.get("mulai") or date.min
    day = when.date() if isinstance(when, datetime) else when
    return (page.kind, page.lang, data.get("urutan", 999), -day.toordinal(), page.slug)


def media_references(village: Village) -> list[tuple[str, tuple[Any, ...], str]]:
    """(source file, key path, media name) for every file named in front matter or data."""
    refs: list[tuple[str, tuple[Any, ...], str]] = []
    logo = village.profile.get("tema", {}).get("logo")
    if logo:
        refs.append((f"{village.slug}/desa.yaml", ("tema", "logo"), logo))
    for page in village.pages:
        if page.lang != "id":
            continue
        if "gambar" in page.data:
            refs.append((page.source, ("gambar", "file"), _file(page.data["gambar"])))
        for i, photo in enumerate(page.data.get("foto", [])):
            refs.append((page.source, ("foto", i, "file"), _file(photo)))
        for i, item in enumerate(page.data.get("lampiran", [])):
            refs.append((page.source, ("lampiran", i, "file"), _file(item)))
        if "berkas" in page.data:
            refs.append((page.source, ("berkas",), page.data["berkas"]))
        for i, update in enumerate(page.data.get("progres", [])):
            if "foto" in update:
                refs.append((page.source, ("progres", i, "foto", "file"), _file(update["foto"])))
    for i, person in enumerate(village.data.get("perangkat", {}).get("perangkat", [])):
        if "foto" in person:
            refs.append((f"{village.slug}/data/perangkat.yaml", ("perangkat", i, "foto", "file"),
                         _file(person["foto"])))
    return [ref for ref in refs if ref[2]]


def _file(value: Any) -> str:
    """The file a photo or attachment names; "" where a data file with errors left it out
    (the validator has reported that)."""
    return (value.get("file") or "") if isinstance(value, dict) else ""


def media_places(root: Path, village: Village, name: str) -> list[tuple[str, int, int]]:
    """(content file, line, column) of every place that names media file `name`: front
    matter, data files, Markdown images and links. The files are read again, as this is
    asked only about a picture that cannot be used, and the build keeps no positions."""
    places = []
    for source, key, ref in media_references(village):
        if _media_name(ref) == name:
            load = load_markdown if source.endswith(".md") else load_yaml_file
            doc, _ = load(root / source, source)
            places.append((source, *(doc.where(key) if doc else (1, 1))))
    target = f"{village.slug}/media/{name}"
    for page in village.pages:
        doc, _ = load_markdown(root / page.source, page.source)
        for link in _body_links(doc.body if doc else "", page):
            if link.resolved == target:  # an image, or a link to a broken SVG
                places.append((page.source, link.line, link.column))
    return sorted(set(places))


class BodyLink(NamedTuple):
    line: int
    column: int
    target: str  # as written
    resolved: str | None  # content path, None if it leaves content/
    image: bool  # ![...](...)


def _body_links(body: str, page: Page) -> Iterator[BodyLink]:
    """Every relative link of a page's Markdown body, with its place in the file."""
    base = PurePosixPath(page.source).parent
    for offset, text in enumerate(body.split("\n")):
        for column, target, image in _line_links(text):
            target = target.split("#")[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(
                    ("/", "#")):
                continue
            yield BodyLink(page.body_line + offset, column + 1, target,
                           _resolve(base, target), image)


def _line_links(text: str) -> Iterator[tuple[int, str, bool]]:
    r"""(column from 0, target, image?) of each link in one line: what the regex
    `(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)` finds, in linear time (the
    regex went over the rest of the line again from every "[" and every "](": minutes
    for a pasted line of 100,000 of them)."""
    if "](" not in text:
        return
    stops = [m.start() for m in LINK_STOP.finditer(text)]
    ends: dict[int, int | None] = {}  # where a link ends, by where its target ends
    done = 0  # the end of the last link found
    for opening in LINK_OPEN.finditer(text):
        close = opening.start()
        # its text begins at the first "[" after the last link and the last "]" (a "["
        # before that "]" closed there)
        after = max(done, text.rfind("]", done, close) + 1)
        start = text.find("[", after, close)
        target = _target(text, opening, stops) if start >= 0 else None
        if target is None:
            continue
        begin, end = target
        if end not in ends:
            closing = LINK_CLOSE.match(text, end)
            ends[end] = closing.end() if closing else None
        finish = ends[end]
        if finish is not None:
            image = start > after and text[start - 1] == "!"
            yield (start - 1 if image else start), text[begin:end], image
            done = finish


def _target(text: str, opening: re.Match[str], stops: list[int]) -> tuple[int, int] | None:
    """Where the target after "](" begins and ends: at the next stop (a link's text may
    hold "](", so many targets end at one stop: a search would run to it from each)."""
    begin = opening.end()
    found = bisect_left(stops, begin)
    end = stops[found] if found < len(stops) else len(text)
    if end > begin:
        return begin, end
    return (begin - 1, end) if opening[0].endswith("<") else None  # the "<" is the target


# Python-Markdown looks for the end of a link's text and target from every "[" and "](",
# and its HTML reader for the end of a tag from every "<": a paste of thousands that never
# close took minutes. The looks at honest links cover their own text, once; past twice
# the body and this many characters, paragraphs go in as plain text.
SCAN_BUDGET = 500_000
# deeper, lists in lists (or quotes) take Python-Markdown time and memory growing with the
# square of the depth, then more recursion than Python allows
MAX_DEPTH = 32
BRACKET = re.compile(r"\\.|[\[\]()]")  # what the link patterns count ("\[" is no bracket)
TAG = re.compile(r"<[A-Za-z/!?]")
DEEP = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_DEPTH + 1},}}", re.MULTILINE)  # may be too deep
NESTING = re.compile(r"(?:[ \t]*+(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*+[ \t]*+")


class Hazard(NamedTuple):
    """Lines of a body that Python-Markdown could not render in good time: they go in as
    plain text (`render/markdown.py`), and `check_links` warns."""

    first: int  # the lines first..last-1, counted from the body's first line (0)
    last: int
    line: int  # where the trouble begins, from 0 too
    column: int
    code: str  # markdown_brackets or markdown_depth
    detail: str  # the opening mark, or the depth


def markdown_hazards(body: str) -> list[Hazard]:
    lines = body.split("\n")
    return sorted([*_too_deep(body, lines), *_long_scans(body, lines)])


def _too_deep(body: str, lines: list[str]) -> Iterator[Hazard]:
    if DEEP.search(body) is None:
        return
    for offset, line in enumerate(lines):
        if DEEP.match(line):
            nesting = NESTING.match(line)
            prefix = nesting[0] if nesting else ""
            depth = sum(map(prefix.count, ">-*+.)")) + prefix.expandtabs(4).count(" ") // 4
            if depth > MAX_DEPTH:
                yield Hazard(offset, offset + 1, offset, 0, "markdown_depth", str(depth))


def _long_scans(body: str, lines: list[str]) -> list[Hazard]:
    """The paragraphs with the longest looks for a closing mark, the longest first, until
    the others' are within the budget."""
    budget = SCAN_BUDGET + 2 * len(body)
    if (body.count("[") + body.count("(") + body.count("<")) * len(body) <= budget:
        return []
    starts = [0]  # where each line starts in the body
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blocks = _blocks(lines)
    firsts = [starts[first] for first, _ in blocks]
    costs, worst = [0] * len(blocks), [(0, 0)] * len(blocks)  # (length, -position)
    scans = [*_tag_scans(body)]
    for first, last in blocks:
        scans += _bracket_scans(body[starts[first]:starts[last] - 1], starts[first])
    for position, length in scans:
        block = bisect_left(firsts, position + 1) - 1
        costs[block] += length
        worst[block] = max(worst[block], (length, -position))
    total, found = sum(costs), []
    for block in sorted(range(len(blocks)), key=lambda b: -costs[b]):
        if total <= budget:
            break
        total -= costs[block]
        position = -worst[block][1]
        row = bisect_left(starts, position + 1) - 1
        found.append(Hazard(*blocks[block], row, position - starts[row],
                            "markdown_brackets", body[position]))
    return found


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) of each run of lines that are not blank: Markdown's paragraphs,
    or more."""
    blocks: list[tuple[int, int]] = []
    for offset, line in enumerate(lines):
        if not line.strip(" \t"):
            continue
        if blocks and blocks[-1][1] == offset:
            blocks[-1] = (blocks[-1][0], offset + 1)
        else:
            blocks.append((offset, offset + 1))
    return blocks


def _bracket_scans(text: str, offset: int) -> Iterator[tuple[int, int]]:
    """(position, length) of each look in a paragraph for a link's "]" from its "[", and
    for its ")" from its "](", counting the nested ones; one never closed looks to the end."""
    opened: dict[str, list[int]] = {"]": [], ")": []}
    for mark in BRACKET.finditer(text):
        char, at = mark[0], mark.start()
        if char in "[(":
            opened["]" if char == "[" else ")"].append(at)
        elif char in "])" and opened[char]:
            begin = opened[char].pop()
            if char == "]" or text[begin - 1:begin] == "]":
                yield offset + begin, at - begin
    for char, begins in opened.items():
        yield from ((offset + b, len(text) - b) for b in begins
                    if char == "]" or text[b - 1:b] == "]")


def _tag_scans(body: str) -> Iterator[tuple[int, int]]:
    """(position, length) of each look for a tag's ">" from its "<", to the body's end."""
    ends = [m.start() for m in re.finditer(">", body)]
    for tag in TAG.finditer(body):
        found = bisect_left(ends, tag.start())
        yield tag.start(), (ends[found] if found < len(ends) else len(body)) - tag.start()


def _check_media(village: Village, problems: list[Problem], docs: dict[str, Document]) -> None:
    for source, key, name in media_references(village):
        clean = _media_name(name)
        doc = docs.get(source)
        line, column = doc.where(key) if doc else (1, 1)
        if clean is None:
            problems.append(Problem.at(source, line, column, "path_escape", value=name))
        elif clean not in village.media:
            hint = suggest(clean, sorted(village.media))
            problems.append(Problem.at(source, line, column, "missing_media", file=name,
                                       folder=f"{village.slug}/media/", suggestion=hint))


def slug_references(village: Village) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """(source file, key path, section, slug) for every page named by its slug in data."""
    refs: list[tuple[str, tuple[Any, ...], str, str]] = [
        (page.source, ("diganti_oleh",), "dokumen", page.data["diganti_oleh"])
        for page in village.section("dokumen") if "diganti_oleh" in page.data]
    for year, budget in village.data["apbdes"].items():
        for part in ("pendapatan", "belanja", "pembiayaan"):
            for i, line in enumerate(budget.get(part, [])):
                source = f"{village.slug}/data/apbdes-{year}.yaml"
                refs += [(source, (part, i, "pembangunan", j), "pembangunan", slug)
                         for j, slug in enumerate(line.get("pembangunan", []))]
    return refs


def _check_slugs(village: Village, problems: list[Problem], docs: dict[str, Document]) -> None:
    for source, key, section, slug in slug_references(village):
        slugs = [p.slug for p in village.section(section)]
        if slug not in slugs:
            doc = docs.get(source)
            line, column = doc.where(key) if doc else (1, 1)
            problems.append(Problem.at(source, line, column, "unknown_slug", slug=slug,
                                       folder=f"{village.slug}/{section}/",
                                       suggestion=suggest(slug, slugs)))


def _media_name(name: str) -> str | None:
    """Normalise 'media/foto.jpg' or 'foto.jpg'; None if it would leave media/."""
    path = PurePosixPath(name.removeprefix("media/"))
    if path.is_absolute() or ".." in path.parts:
        return None
    return path.as_posix()


def source_urls(villages: list[Village]) -> dict[str, str]:
    urls = {}
    for village in villages:
        for page in village.pages:
            urls[page.source] = f"{village.slug}/{page.url}"
        for name in village.media:
            urls[f"{village.slug}/media/{name}"] = f"{village.slug}/media/{name}"
    return urls


def check_links(root: Path, site: Site, village: Village, problems: list[Problem]) -> None:
    """Relative links to .md files and media must point at something that exists; what
    of a body Markdown could not render in good time is warned about."""
    for page in village.pages:
        problems.extend(_hazard_warnings(page))
        base = PurePosixPath(page.source).parent
        for link in _body_links(page.loaded_body, page):
            where = (page.source, link.line, link.column)
            if link.resolved is None:
                problems.append(Problem.at(*where, "path_escape", value=link.target))
            elif link.resolved not in site.source_urls:
                code = "missing_media" if link.image else "broken_link"
                options = [k for k in site.source_urls if k.startswith(village.slug)]
                hint = _relative_hint(base, suggest(link.resolved, options))
                problems.append(Problem.at(*where, code, file=link.target, target=link.target,
                                           folder=f"{village.slug}/media/", suggestion=hint))


def _hazard_warnings(page: Page) -> list[Problem]:
    """A warning for each kind of hazard in the body, at its first place."""
    warnings = []
    hazards = markdown_hazards(page.loaded_body)
    for code in dict.fromkeys(h.code for h in hazards):
        found = [h for h in hazards if h.code == code]
        warnings.append(Problem.at(page.source, page.body_line + found[0].line,
                                   found[0].column + 1, code, severity="warning",
                                   detail=found[0].detail, max=MAX_DEPTH, count=len(found)))
    return warnings


def _resolve(base: PurePosixPath, target: str) -> str | None:
    parts: list[str] = list(base.parts)
    for part in PurePosixPath(target).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _relative_hint(base: PurePosixPath, suggestion: str) -> str:
    return posixpath.relpath(suggestion, base.as_posix()) if suggestion else ""


# the portal's directories slugify every service title of every village; bounded, as the
# preview's process lives through every title a volunteer types
@lru_cache(maxsize=65_536)
def shortened(slug: str) -> str:
    """A slug cut to MAX_SLUG characters at a word boundary where there is one."""
    cut = slug[:MAX_SLUG + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG]).strip("-")


def slugify(text: str) -> str:
    """'Surat Keterangan Domisili' -> 'surat-keterangan-domisili'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "halaman"
