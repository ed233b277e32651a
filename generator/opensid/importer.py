"""The whole import: read the dump once, then map each village (`config` row) to files."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..i18n import resolve_language, translate
from ..model import slugify
from . import articles, figures, profile, records, works
from .dump import Dump, Reason, read_dump
from .files import rewrite
from .privacy import HOLD, SHORT, Register, fit, gaps, register
from .source import Report, Source, copy_all, text, unique_slug
from .tables import missing_tables, unknown_columns, unknown_tables

STEPS = (profile.desa, profile.perangkat, articles.articles, records.layanan, records.dokumen,
         records.galeri, works.pembangunan, works.produk, figures.statistik, figures.bantuan,
         figures.apbdes)
EXCERPTS = ("text", "near")  # a reason's quotes of the dump, which may be a resident's row
PRIVATE_NAME = "data-pribadi"  # what a personal value in a file name becomes


class Village(dict[str, Any]):
    """A `config` row, and the folder its village goes to (no other village of the dump's)."""

    folder: str = ""


class CannotWrite(SystemExit):
    """The village folder cannot be made where asked. Uncaught, it ends the program with
    its sentence; a command catching it can say it again from `key` and `params`."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(translate(resolve_language(), f"ui.impor.{key}", **params))


def import_backup(backup: Path, media_dir: Path | None, today: date) -> list[Source]:
    """One `Source` (files, media, report) per village in the backup; [] if it has none."""
    dump = read_dump(backup)
    return [import_village(dump, config, media_dir, today) for config in villages(dump)]


def villages(dump: Dump) -> list[dict[str, Any]]:
    """The `config` rows: one per village in the backup, each with a folder of its own."""
    found: list[dict[str, Any]] = []
    taken: set[str] = set()
    for row in dump.rows("config"):
        if isinstance(row, dict):
            village = Village(row)
            wanted = _slug(row)
            if wanted in taken:  # two villages of one name: the code tells them apart
                wanted = slugify(f"{wanted}-{text(row.get('kode_desa')) or row.get('id')}")
            village.folder = unique_slug(wanted, taken)
            found.append(village)
    return found


def village_slug(config: dict[str, Any]) -> str:
    return config.folder if isinstance(config, Village) and config.folder else _slug(config)


def _slug(config: dict[str, Any]) -> str:
    """The village's name as a folder; its code when the name has no Latin letters."""
    name = text(config.get("nama_desa"))
    latin = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if re.search(r"[A-Za-z0-9]", latin):
        return slugify(name)
    return slugify(f"desa-{text(config.get('kode_desa')) or config.get('id')}")


def import_village(dump: Dump, config: dict[str, Any], media_dir: Path | None,
                   today: date) -> Source:
    src = Source(dump, config, media_dir, today, _dump_report(dump))
    for step in STEPS:
        step(src)
    profile.wilayah(src, figures.per_dusun(src))
    protect(src, register(dump, _officials(src)), gaps(dump))
    src.report.fill_in = {rel: body.count("[GANTI") for rel, body in sorted(src.files.items())
                          if "[GANTI" in body}
    return src


def protect(src: Source, people: Register, missed: list[tuple[str, int, int]]) -> None:
    """Every personal value out of the village's files and their names (`privacy.py`); and
    where the dump did not let every resident be known (`missed`), every page held for a
    person to read before it is published, as the report says first."""
    renamed = _rename_media(src, people)
    files: dict[str, str] = {}
    taken = set(src.files)
    for rel, body in sorted(src.files.items()):
        new_rel = _private_name(rel, people, taken)
        files[new_rel], count = _clean_file(rel, body, people, renamed)
        if count or new_rel != rel:
            src.report.redacted[new_rel] = count + (new_rel != rel)
    src.files = {rel: rewrite(rel, body, _hold) if missed and rel.endswith(".md") else body
                 for rel, body in files.items()}
    src.report.skipped = [(people.clean(what, SHORT)[0], why, params)
                          for what, why, params in src.report.skipped]
    for table, line, count in missed:
        why = "missing" if not line else "unreadable" if table else "unknown"
        src.report.skip(table, f"privacy_{why}", line=line, count=count)


def _hold(value: str, page_body: bool) -> str:
    """A page's body opening with the paragraph that keeps it from being published unread."""
    return f"{HOLD}\n\n{value}" if page_body else value


def _clean_file(rel: str, body: str, people: Register,
                renamed: dict[str, str]) -> tuple[str, int]:
    found = 0

    def change(value: str, page_body: bool) -> str:
        nonlocal found
        for old, new in renamed.items():
            value = value.replace(old, new)
        if page_body:
            clean, count = people.clean(value)
        else:
            clean, count = people.clean(value, SHORT)
            clean = fit(clean, value)
        found += count
        return clean

    return rewrite(rel, body, change), found


def _rename_media(src: Source, people: Register) -> dict[str, str]:
    """Media files whose names hold a personal value get a new name; old name -> new."""
    renamed: dict[str, str] = {}
    taken = set(src.media)
    media: dict[str, Path] = {}
    for rel, path in sorted(src.media.items()):
        new_rel = _private_name(rel, people, taken)
        media[new_rel] = path
        if new_rel != rel:
            renamed[PurePosixPath(rel).name] = PurePosixPath(new_rel).name
    src.media = media
    return renamed


def _private_name(rel: str, people: Register, taken: set[str]) -> str:
    """`rel` with a personal value in its file name made `data-pribadi`, under a name no
    other file has (noted in `taken`)."""
    path = PurePosixPath(rel)
    stem, count = people.clean(path.stem, PRIVATE_NAME)
    if not count:
        return rel
    stem = slugify(stem)[:76].rstrip("-")  # an address holds 80 characters at most
    new, n = str(path.with_name(stem + path.suffix)), 2
    while new in taken:
        new, n = str(path.with_name(f"{stem}-{n}{path.suffix}")), n + 1
    taken.add(new)
    return new


def _officials(src: Source) -> list[str]:
    """The officials' names the portal shows (asked without adding to the report again)."""
    return [person["nama"] for person in profile.officials(replace(src, report=Report()))]


def _dump_report(dump: Dump) -> Report:
    return Report(unknown_tables=unknown_tables(dump), unknown_columns=unknown_columns(dump),
                  unreadable=[(line, _unquoted(reason)) for line, reason in dump.unreadable],
                  missing=missing_tables(dump))


def _unquoted(reason: Reason) -> Reason:
    """A reason without the dump's text it quotes: the line is named, never its content."""
    return Reason(reason.code, **{k: "…" if k in EXCERPTS else v
                                  for k, v in reason.params.items()})


def write_village(src: Source, target: Path) -> None:
    """All files into a fresh folder beside `target`, renamed into place when complete."""
    for folder in (target.parent, *target.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise CannotWrite("not_a_folder", path=folder)
            break
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:
        raise CannotWrite("cannot_write", path=target, reason=exc.strerror or exc) from exc
    try:
        copy_all(src, staging)
        os.rename(staging, target)  # fails if target exists: an import never overwrites
    except BaseException as exc:
        _remove(staging)
        if isinstance(exc, OSError):
            raise CannotWrite("exists" if target.exists() else "cannot_write", path=target,
                              reason=exc.strerror or exc) from exc
        raise


def _remove(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
