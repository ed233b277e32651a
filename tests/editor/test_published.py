"""The editor is published only where portal.yaml asks, and residents never download it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from kampung.build import build

from .cmskit import REPO

NOW = datetime(2026, 11, 28, 9, 0)
EDITOR = "\neditor:\n  git: gitlab\n  repo: desa-banyuwangi/portal\n  app_id: abc123\n"


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow  # builds the sample portal three times
def test_residents_pages_are_byte_identical_with_and_without_the_editor(tmp_path: Path) -> None:
    plain, edited = tmp_path / "biasa", tmp_path / "editor"
    for root in (plain, edited):
        shutil.copytree(REPO / "content", root / "content")
    portal = edited / "content" / "portal.yaml"
    portal.write_text(portal.read_text() + EDITOR)
    build(plain, plain / "output", now=NOW)
    build(edited, edited / "output", now=NOW)

    without, with_editor = files(plain / "output"), files(edited / "output")
    admin = {rel for rel in with_editor if rel.startswith("admin/")}
    assert {"admin/index.html", "admin/config.yml"} <= admin
    assert {rel: data for rel, data in with_editor.items() if rel not in admin} == without
    assert not any(b"admin/" in data for rel, data in without.items())  # never linked

    portal.write_text(portal.read_text().replace(EDITOR, ""))  # turned off again
    build(edited, edited / "output", now=NOW)
    assert files(edited / "output") == without
