"""The whole import: read the dump once, then map each village (`config` row) to files."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from ..model import slugify
from . import articles, figures, profile, records, works
from .dump import Dump, read_dump
from .privacy import officials_of, pattern, personal_values, redact
from .source import Report, Source, copy_all, text
from .tables import missing_tables, unknown_columns, unknown_tables

STEPS = (profile.desa, profile.perangkat, articles.articles, records.layanan, records.dokumen,
         records.galeri, works.pembangunan, works.produk, figures.statistik, figures.bantuan,
         figures.apbdes)


def import_backup(backup: Path, media_dir: Path | None, today: date) -> list[Source]:
    """One `Source` (files, media, report) per village in the backup; [] if it has none."""
    dump = read_dump(backup)
    return [import_village(dump, config, media_dir, today) for config in villages(dump)]


def villages(dump: Dump) -> list[dict[str, Any]]:
    """The `config` rows: one per village in the backup."""
    return [config for config in dump.rows("config") if isinstance(config, dict)]


def import_village(dump: Dump, config: dict[str, Any], media_dir: Path | None,
                   today: date) -> Source:
    src = Source(dump, config, media_dir, today, _dump_report(dump))
    for step in STEPS:
        step(src)
    profile.wilayah(src, figures.per_dusun(src))
    officials = officials_of(profile.officials(src))
    src.report.redacted = redact(src.files, pattern(personal_values(dump, officials)))
    src.report.fill_in = {rel: body.count("[GANTI") for rel, body in sorted(src.files.items())
                          if "[GANTI" in body}
    return src


def _dump_report(dump: Dump) -> Report:
    return Report(unknown_tables=unknown_tables(dump), unknown_columns=unknown_columns(dump),
                  unreadable=list(dump.unreadable),
                  missing=missing_tables(dump))


def village_slug(config: dict[str, Any]) -> str:
    return slugify(text(config.get("nama_desa")) or f"desa-{config.get('id')}")


def write_village(src: Source, target: Path) -> None:
    """All files into a fresh folder beside `target`, renamed into place when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        copy_all(src, staging)
        os.rename(staging, target)  # fails if target exists: an import never overwrites
    except BaseException:
        _remove(staging)
        raise


def _remove(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
