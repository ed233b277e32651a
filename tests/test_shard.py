"""`--shard I/N`: CI matrix jobs each build a share of the villages; together, the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import make_site
from test_incremental import tree

from kampung.build import build
from kampung.cli import main
from kampung.incremental.shard import parse_shard, shard_of

VILLAGES = tuple(f"desa-{n}" for n in range(7))


def test_every_village_is_in_exactly_one_share() -> None:
    for count in (1, 2, 3, 5):
        shares = [{v for v in VILLAGES if shard_of(v, count) == i} for i in range(1, count + 1)]
        assert set().union(*shares) == set(VILLAGES)
        assert sum(len(s) for s in shares) == len(VILLAGES)


def test_adding_a_village_moves_no_other_village_to_another_share() -> None:
    before = {v: shard_of(v, 4) for v in VILLAGES}
    after = {v: shard_of(v, 4) for v in (*VILLAGES, "desa-baru")}
    assert all(after[v] == before[v] for v in VILLAGES)


@pytest.mark.parametrize("text", ["0/4", "5/4", "x/4", "1", "2/0"])
def test_a_share_out_of_range_is_refused_with_a_hint(text: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "situs")
    assert main(["build", "--site", str(site), "--shard", text]) == 1
    assert "--shard" in capsys.readouterr().err
    with pytest.raises(ValueError):
        parse_shard(text)


@pytest.mark.slow
def test_shards_copied_together_are_the_whole_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "situs", villages=VILLAGES[:4])
    build(site, tmp_path / "whole", now=NOW, cache=tmp_path / "whole-cache")
    merged = tmp_path / "merged"
    for i in (1, 2, 3):
        build(site, tmp_path / f"part-{i}", now=NOW, shard=(i, 3), cache=tmp_path / f"c{i}")
        shutil.copytree(tmp_path / f"part-{i}", merged, dirs_exist_ok=True)
    assert tree(merged) == tree(tmp_path / "whole")
