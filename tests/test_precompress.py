"""Precompressed copies only where the host serves them: a site published to a Pages branch
or a bucket gets no `.gz`/`.br` beside its pages, one published over SSH or FTP (nginx,
Apache) keeps them, and `kompresi` says otherwise where the guess is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import NOW
from sitekit import write
from test_incremental import clean_build_and_warnings, differences, tree

from kampung.assets.budgets import Budgets
from kampung.assets.hosting import precompress
from kampung.build import build
from kampung.cli import main
from kampung.publish.spec import load_targets

PAGES = "publikasi:\n  pages: {jenis: git, remote: 'https://example.org/desa.git'}\n"
SSH = "publikasi:\n  vps: {jenis: ssh, host: desa.example.id, user: web, path: /var/www}\n"
TIGHT = Budgets(html_kb=3.5, first_view_kb=6)  # some pages over, some under


def copies(output: Path) -> list[str]:
    return sorted(p.name for p in output.rglob("*") if p.suffix in (".gz", ".br"))


def portal(site: Path, extra: str) -> None:
    write(site, "content/portal.yaml", f"nama: Portal Uji\nbase_url: https://uji.example.id/\n"
                                       f"{extra}")


@pytest.mark.parametrize(("settings", "villages", "expected"), [
    ({}, [], True),  # no target: the folder may go anywhere, as before
    ({"publikasi": {"p": {"jenis": "git"}}}, [], False),
    ({"publikasi": {"b": {"jenis": "s3"}, "p": {"jenis": "git"}}}, [], False),
    ({"publikasi": {"p": {"jenis": "git"}, "v": {"jenis": "ssh"}}}, [], True),
    ({"publikasi": {"p": {"jenis": "git"}}}, [{"publikasi": {"h": {"jenis": "ftp"}}}], True),
    ({"publikasi": {"h": {"jenis": "ftp", "kompresi": "tidak"}}}, [], False),
    ({"publikasi": {"b": {"jenis": "s3", "kompresi": "ya"}}}, [], True),
    ({"publikasi": {"v": {"jenis": "ssh"}}, "kompresi": "tidak"}, [], False),
    ({"kompresi": "ya", "publikasi": {"p": {"jenis": "git"}}}, [], True),
    ({"kompresi": "tidak"}, [], False),
])
def test_copies_are_made_when_some_host_the_site_goes_to_serves_them(settings, villages,
                                                                     expected):
    assert precompress(settings, villages) is expected


@pytest.mark.slow
def test_a_site_for_pages_gets_no_copies_and_switching_hosts_gives_a_clean_build(
        site: Path) -> None:
    """Pages, then an SSH host, then Pages again, into one folder with one cache: each
    build is byte for byte a clean build, with the same budget warnings."""
    output = site / "output"
    for extra, has_copies in ((PAGES, False), (SSH, True), (PAGES, False)):
        portal(site, extra)
        report = build(site, output, now=NOW, budgets=TIGHT)
        clean, warnings = clean_build_and_warnings(site, NOW, TIGHT)
        assert differences(tree(output), clean) == []
        assert sorted(map(repr, report.problems)) == warnings
        assert bool(copies(output)) is has_copies
        assert report.files == len(clean) - 1


@pytest.mark.slow
def test_a_village_s_own_ftp_host_brings_the_copies_back(site: Path) -> None:
    portal(site, PAGES)
    build(site, site / "output", now=NOW)
    assert copies(site / "output") == []
    with (site / "content/sukamaju/desa.yaml").open("a") as desa:
        desa.write("publikasi:\n  sendiri: {jenis: ftp, host: h, user: u, password_env: P}\n")
    report = build(site, site / "output", now=NOW)
    assert "index.html.br" in copies(site / "output/sukamaju")
    assert "sukamaju/sw.js.gz" in report.changed  # steps' files too, not only pages


@pytest.mark.slow
def test_the_page_budgets_weigh_a_page_as_the_host_sends_it_with_or_without_copies(
        site: Path, tmp_path: Path) -> None:
    other = tmp_path / "lain"
    shutil.copytree(site, other)
    portal(other, PAGES)
    with_copies = build(site, site / "output", now=NOW, budgets=TIGHT, weights=True)
    without = build(other, other / "output", now=NOW, budgets=TIGHT, weights=True)
    assert copies(other / "output") == [] and copies(site / "output")
    gzipped = {p.path: p.html_gz for p in with_copies.weights.pages()}
    assert {p.path: p.html_gz for p in without.weights.pages()} == gzipped
    assert all(size < (site / "output" / path).stat().st_size
               for path, size in gzipped.items())
    codes = [p.code for p in without.problems]
    assert "budget_html" in codes and codes == [p.code for p in with_copies.problems]


def test_kampung_check_names_a_wrong_kompresi_in_a_target_and_in_the_portal(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    portal(site, "publikasi:\n  vps: {jenis: ssh, host: h, user: u, path: /w, kompresi: mungkin}\n")
    _, problems = load_targets(site / "content")
    assert [(p.code, p.line) for p in problems] == [("publish_type_choice", 4)]
    portal(site, "kompresi: kadang\n")
    assert main(["check", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "portal.yaml:3" in err and "kompresi" in err and "otomatis" in err
