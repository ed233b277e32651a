"""The property behind holding villages: whatever a sequence of edits does, errors injected
into random villages included, every good village (and the portal) is what a clean build
gives, and every held village is byte for byte what its last good build published."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from unittest import mock

import pytest
from conftest import NOW
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitekit import write
from test_incremental import EDITS, VILLAGES, rich_site, tree

from kampung import parallel
from kampung.build import build

BROKEN_PAGE = "---\njudul: Rapat\ntanggal: kemarin\n---\nRapat desa.\n"
BROKEN_LINK = "---\njudul: Tautan\n---\nLihat [jadwal](../pengumuman/tidak-ada.md).\n"
BROKEN_DESA = "telepon: [\n"


def _break(site: Path, slug: str, n: int, now: datetime) -> datetime:
    """An error in the village's own files: a page (found loading), its desa.yaml (no
    village at all), a link (found by its job); or, with n == 3, every one fixed."""
    folder = site / "content" / slug
    desa = folder / "desa.yaml"
    if n == 0:
        write(site, f"content/{slug}/pengumuman/rusak.md", BROKEN_PAGE)
    elif n == 1:
        desa.write_text(desa.read_text() + BROKEN_DESA)
    elif n == 2:
        write(site, f"content/{slug}/halaman/tautan.md", BROKEN_LINK)
    else:
        (folder / "pengumuman/rusak.md").unlink(missing_ok=True)
        (folder / "halaman/tautan.md").unlink(missing_ok=True)
        desa.write_text(desa.read_text().replace(BROKEN_DESA, ""))
    return now


def faulty(site: Path) -> list[str]:
    """The villages whose files hold an injected error now."""
    return sorted(folder.name for folder in (site / "content").iterdir() if folder.is_dir()
                  and ((folder / "pengumuman/rusak.md").exists()
                       or (folder / "halaman/tautan.md").exists()
                       or BROKEN_DESA in (folder / "desa.yaml").read_text()))


def published(files: dict[str, bytes], village: str) -> dict[str, bytes]:
    """The village's files, its status page aside."""
    return {r: d for r, d in files.items()
            if r.startswith(f"{village}/") and not r.startswith(f"{village}/status/")}


def portal_files(files: dict[str, bytes], villages: set[str]) -> dict[str, bytes]:
    return {r: d for r, d in files.items()
            if r.split("/", 1)[0] not in villages and not r.startswith("status/")}


def reference(site: Path, held: list[str], snapshots: dict[str, Path],
              now: datetime) -> dict[str, bytes]:
    """A clean build of the content with each held village as it was when last good
    (and without those that never were)."""
    with tempfile.TemporaryDirectory() as tmp:
        ref = Path(tmp) / "situs"
        shutil.copytree(site, ref, symlinks=True,
                        ignore=shutil.ignore_patterns("output", ".kampung-cache"))
        for slug in held:
            shutil.rmtree(ref / "content" / slug)
            if slug in snapshots:
                shutil.copytree(snapshots[slug] / "content", ref / "content" / slug)
        build(ref, Path(tmp) / "out", now=now, cache=Path(tmp) / "cache")
        return tree(Path(tmp) / "out")


EDIT = st.tuples(st.sampled_from([*EDITS, _break, _break]), st.sampled_from(VILLAGES),
                 st.integers(0, 3))


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=4), jobs=st.sampled_from([1, 2]))
@example(edits=[(_break, "sukamaju", 2), (EDITS[4], "sukamaju", 1), (EDITS[9], "sukamaju", 2),
                (_break, "sukamaju", 3)], jobs=2)  # a link; a template; a photo; fixed
@example(edits=[(_break, "sumberrejo", 1), (EDITS[6], "sukamaju", 1),
                (EDITS[11], "sumberrejo", 1)], jobs=1)  # desa.yaml; portal.yaml; copied
def test_any_edits_with_errors_hold_exactly_the_faulty_villages(
        built: Path, edits: list, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "situs"
        shutil.copytree(built, site, symlinks=True)
        output = tree(site / "output")
        snapshots = {slug: snapshot(site, output, slug, Path(tmp) / f"good-{slug}")
                     for slug in VILLAGES}  # village -> its content and output when last good
        now = NOW
        with mock.patch.object(parallel, "SMALL", 0):  # use worker processes when jobs=2
            for step, (edit, slug, n) in enumerate(edits):
                now = edit(site, slug, n, now)
                report = build(site, site / "output", now=now, jobs=jobs)
                assert report.held == faulty(site)
                output = tree(site / "output")
                present = {f.name for f in (site / "content").iterdir() if f.is_dir()}
                for gone in set(snapshots) - present:
                    del snapshots[gone]
                for village in sorted(present):
                    if village in report.held:  # as last good, or not there at all
                        last = snapshots.get(village)
                        assert published(output, village) == \
                            (tree(last / "output") if last else {}), village
                expected = reference(site, report.held, snapshots, now)
                for village in sorted(present - set(report.held)):
                    assert published(output, village) == published(expected, village), village
                    snapshots[village] = snapshot(site, output, village,
                                                  Path(tmp) / f"good-{step}-{village}")
                assert portal_files(output, present) == portal_files(expected, present)


def snapshot(site: Path, output: dict[str, bytes], village: str, folder: Path) -> Path:
    """Keep the village's content and published files (a good build's) in `folder`."""
    shutil.copytree(site / "content" / village, folder / "content")
    for rel, data in published(output, village).items():
        (folder / "output" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "output" / rel).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = rich_site(tmp_path_factory.mktemp("base") / "situs")
    build(root, root / "output", now=NOW)
    return root
