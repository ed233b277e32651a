"""One village's mistake never holds back another's news: a village with errors in its own
files is held at its last good build while the rest of the regency is built and published."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from conftest import NOW
from publish.remotes import FolderRemote, GitRemote
from publish.servers import need
from publish.sitekit import publish, without_manifest
from sitekit import announcement, make_site, write

from kampung.build import build
from kampung.cli import main
from kampung.errors import EXIT_HELD, ContentError

REGENCY = ("kemiren", "sukamaju", "tamansari")
BROKEN = "---\njudul: Rapat\ntanggal: kemarin\n---\nRapat desa.\n"  # line 3: no date


def tree(root: Path, under: str = "") -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / under).rglob("*")) if p.is_file()}


def without_status(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if "status/" not in rel}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


pytestmark = pytest.mark.slow  # each test builds a regency two or three times


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("base") / "situs", villages=REGENCY)
    build(root, root / "output", now=NOW)
    return root


@pytest.fixture
def regency(built: Path, tmp_path: Path) -> Path:
    """Three villages, built: the last good state of each (content, output and cache)."""
    root = tmp_path / "situs"
    shutil.copytree(built, root, symlinks=True)
    build(root, root / "output", now=NOW)  # the copy's folder is new: verify it once
    return root


def test_a_typo_in_one_village_still_publishes_the_others_news(regency: Path) -> None:
    before = tree(regency / "output", "tamansari")
    for slug in ("kemiren", "sukamaju"):
        write(regency, f"content/{slug}/pengumuman/banjir.md",
              announcement("Awas banjir", "2026-11-27", "penting: true"))
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    write(regency, "content/tamansari/pengumuman/kerja-bakti.md", announcement("Diubah"))
    report = build(regency, regency / "output", now=NOW)
    assert report.held == ["tamansari"]
    assert [(p.path, p.line) for p in report.problems if p.severity == "error"] == \
        [("tamansari/pengumuman/rapat.md", 3)]
    for slug in ("kemiren", "sukamaju"):
        assert (regency / f"output/{slug}/pengumuman/banjir/index.html").exists()
    after = tree(regency / "output", "tamansari")
    assert without_status(after) == without_status(before)  # bytes and all
    status = after["tamansari/status/index.html"].decode()
    assert "tamansari/pengumuman/rapat.md" in status and "baris 3" in status
    assert "belum diterbitkan" in status and "Tidak ada masalah" not in status


def test_the_portal_shows_a_held_village_as_it_last_published(regency: Path) -> None:
    desa = regency / "content/tamansari/desa.yaml"
    desa.write_text(desa.read_text().replace("nama: Tamansari", "nama: Tamansari Baru")
                    + "telepon: [\n")  # a new name, and a line that breaks the file
    report = build(regency, regency / "output", now=NOW)
    assert report.held == ["tamansari"]
    portal = (regency / "output/index.html").read_text()
    assert "Tamansari" in portal and "Tamansari Baru" not in portal
    assert (regency / "output/tamansari/index.html").exists()


def test_a_village_that_never_built_cleanly_is_left_out(regency: Path) -> None:
    make_site(regency / "baru", villages=("sidorejo",))
    shutil.copytree(regency / "baru/content/sidorejo", regency / "content/sidorejo")
    write(regency, "content/sidorejo/pengumuman/rapat.md", BROKEN)
    report = build(regency, regency / "output", now=NOW)
    assert report.held == ["sidorejo"]
    assert not (regency / "output/sidorejo").exists()
    assert "Sidorejo" not in (regency / "output/index.html").read_text()
    portal_status = (regency / "output/status/index.html").read_text()
    assert "sidorejo/pengumuman/rapat.md" in portal_status


def test_a_broken_link_found_while_rendering_holds_its_village(regency: Path) -> None:
    before = tree(regency / "output", "kemiren")
    write(regency, "content/kemiren/halaman/profil.md",
          "---\njudul: Profil\nmenu: true\n---\nLihat [jadwal](../pengumuman/tidak-ada.md).\n")
    write(regency, "content/sukamaju/pengumuman/banjir.md", announcement("Awas banjir"))
    report = build(regency, regency / "output", now=NOW)
    assert report.held == ["kemiren"]
    assert [p.code for p in report.problems if p.severity == "error"] == ["broken_link"]
    assert without_status(tree(regency / "output", "kemiren")) == without_status(before)
    assert (regency / "output/sukamaju/pengumuman/banjir/index.html").exists()
    assert "broken" not in (regency / "output/kemiren/status/index.html").read_text()
    assert "tidak-ada.md" in (regency / "output/kemiren/status/index.html").read_text()


def test_an_error_in_a_shared_file_still_writes_nothing(regency: Path) -> None:
    before = tree(regency / "output")
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    write(regency, "content/portal.yaml", "nama: [Portal\n")
    with pytest.raises(ContentError) as caught:
        build(regency, regency / "output", now=NOW)
    assert {p.path for p in caught.value.problems} >= {"portal.yaml",
                                                        "tamansari/pengumuman/rapat.md"}
    assert tree(regency / "output") == before


def test_all_or_nothing_keeps_the_old_behaviour(regency: Path) -> None:
    before = tree(regency / "output")
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    write(regency, "content/kemiren/pengumuman/banjir.md", announcement("Awas banjir"))
    with pytest.raises(ContentError):
        build(regency, regency / "output", now=NOW, all_or_nothing=True)
    assert tree(regency / "output") == before
    code, _, err = run("build", "--site", str(regency), "--now", "2026-11-28T09:00",
                       "--all-or-nothing")
    assert code == 1 and "rapat.md:3" in err
    assert tree(regency / "output") == before


def test_the_build_exits_with_its_own_status_when_it_held_villages(regency: Path) -> None:
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    code, _, err = run("build", "--site", str(regency), "--now", "2026-11-28T09:00")
    assert code == EXIT_HELD == 3
    assert "tamansari" in err and "rapat.md:3" in err
    (regency / "content/tamansari/pengumuman/rapat.md").unlink()
    code, _, _ = run("build", "--site", str(regency), "--now", "2026-11-28T09:00")
    assert code == 0
    status = (regency / "output/tamansari/status/index.html").read_text()
    assert "Tidak ada masalah" in status


def test_a_fixed_village_publishes_again(regency: Path) -> None:
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    write(regency, "content/tamansari/pengumuman/banjir.md", announcement("Awas banjir"))
    build(regency, regency / "output", now=NOW)
    assert not (regency / "output/tamansari/pengumuman/banjir").exists()
    write(regency, "content/tamansari/pengumuman/rapat.md", announcement("Rapat"))
    report = build(regency, regency / "output", now=NOW)
    assert report.held == []
    assert (regency / "output/tamansari/pengumuman/banjir/index.html").exists()
    clean = tmp_clean(regency)
    assert tree(regency / "output") == clean


def tmp_clean(site: Path) -> dict[str, bytes]:
    target = site.parent / "clean"
    build(site, target / "out", now=NOW, cache=target / "cache")
    files = tree(target / "out")
    shutil.rmtree(target)
    return files


def test_ci_with_only_the_cache_restored_puts_a_held_village_back(regency: Path,
                                                                   tmp_path: Path) -> None:
    """A CI job restores the cache, not the output: the held village's files come back
    from the cache exactly, so publishing does not delete them."""
    logo = regency / "content/tamansari/media"
    logo.mkdir()
    (logo / "formulir.pdf").write_bytes(b"%PDF-1.4 formulir\n")
    build(regency, regency / "output", now=NOW)
    before = tree(regency / "output", "tamansari")
    (logo / "formulir.pdf").write_bytes(b"%PDF-1.4 formulir baru\n")
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    report = build(regency, tmp_path / "public", now=NOW, cache=regency / ".kampung-cache")
    assert report.held == ["tamansari"]
    again = without_status(tree(tmp_path / "public", "tamansari"))
    assert "tamansari/media/formulir.pdf" not in again  # changed since: not the old bytes
    assert again == {rel: data for rel, data in without_status(before).items()
                     if rel != "tamansari/media/formulir.pdf"}


def test_status_pages_are_small_quiet_and_not_offline_or_in_sitemaps(regency: Path) -> None:
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    build(regency, regency / "output", now=NOW)
    out = regency / "output"
    for rel in ("tamansari/status/index.html", "kemiren/status/index.html",
                "status/index.html"):
        page = (out / rel).read_text()
        assert re.search(r'<meta content="noindex, nofollow" name=robots>', page)
        assert "<script" not in page
        assert len(page.encode()) < 14_000
    assert "Tidak ada masalah" in (out / "kemiren/status/index.html").read_text()
    assert "sudah memuat perubahan terbarunya" in (out / "kemiren/status/index.html").read_text()
    assert "Terakhir diterbitkan: Sabtu, 28 November 2026, pukul 09.00 WIB" in \
        (out / "tamansari/status/index.html").read_text()  # its last good build's time
    portal = (out / "status/index.html").read_text()
    assert re.search(r'href="?\.\./tamansari/status/index\.html"?>Tamansari</a>: ditahan', portal)
    for rel, data in tree(out).items():
        if rel.endswith(("sitemap.xml", "sw.js")):
            assert b"status/" not in data, rel


def test_a_later_build_with_nothing_new_changes_no_status_page(regency: Path) -> None:
    """CI builds every commit at a new time: status pages used to show it, so all of them
    (three files each) were written and published again every time."""
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)
    build(regency, regency / "output", now=NOW)
    report = build(regency, regency / "output", now=NOW + timedelta(hours=3))
    assert report.held == ["tamansari"]
    assert not [rel for rel in report.changed if "status/" in rel]


def test_a_status_page_speaks_english_beside_an_english_page(regency: Path) -> None:
    write(regency, "content/kemiren/halaman/profil.en.md",
          "---\njudul: Profile\n---\nOur village.\n")
    build(regency, regency / "output", now=NOW)
    write(regency, "content/kemiren/pengumuman/rapat.md", BROKEN)
    build(regency, regency / "output", now=NOW)
    page = (regency / "output/kemiren/status/index.html").read_text()
    assert re.search('<section lang="?id"?>.*<section lang="?en"?>', page)
    assert "line 3" in page and "baris 3" in page


@pytest.mark.server
def test_publishing_a_held_regency_sends_the_others_and_keeps_the_held_one(
        regency: Path, tmp_path: Path) -> None:
    """A real folder target and a bare git remote (a Pages branch) receive the two good
    villages' news; the held village's published files stay as they were, byte for byte."""
    need("git")
    bare, served = tmp_path / "pages.git", tmp_path / "www"
    GitRemote(bare, {}, {}).git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    portal = regency / "content/portal.yaml"
    portal.write_text(portal.read_text() + "publikasi:\n"
                      f"  folder: {{jenis: dir, path: {served}}}\n"
                      f"  pages: {{jenis: git, remote: {bare}, branch: gh-pages}}\n")
    build(regency, regency / "output", now=NOW)
    assert publish(regency).code == 0
    git, folder = GitRemote(bare, {}, {}), FolderRemote("dir", served, {}, {}, None)
    before = [without_status(without_manifest(r.files())) for r in (git, folder)]
    copies = (".gz", ".br")  # a Pages branch takes none: its host never serves them
    assert "tamansari/index.html" in before[0] and not any(r.endswith(copies) for r in before[0])
    assert before[0] == {rel: data for rel, data in before[1].items() if not rel.endswith(copies)}
    assert "tamansari/index.html.gz" in before[1]

    write(regency, "content/kemiren/pengumuman/banjir.md", announcement("Awas banjir"))
    write(regency, "content/sukamaju/pengumuman/banjir.md", announcement("Awas banjir"))
    desa = regency / "content/tamansari/desa.yaml"  # broken: its own targets cannot be read
    desa.write_text(desa.read_text() + "telepon: [\n")
    code, _, _ = run("build", "--site", str(regency), "--now", "2026-11-28T09:00")
    assert code == EXIT_HELD
    published = publish(regency)
    assert published.code == EXIT_HELD, published.err
    for remote, old in zip((git, folder), before, strict=True):
        files = without_manifest(remote.files())
        assert "kemiren/pengumuman/banjir/index.html" in files
        assert "sukamaju/pengumuman/banjir/index.html" in files
        held = {rel: data for rel, data in files.items() if rel.startswith("tamansari/")}
        assert without_status(held) == {rel: data for rel, data in old.items()
                                        if rel.startswith("tamansari/")}
        assert b"tamansari/desa.yaml" in files["tamansari/status/index.html"]


def ci_job(regency: Path, served: Path, provider: str) -> None:
    portal = regency / "content/portal.yaml"
    portal.write_text(portal.read_text()
                      + f"publikasi:\n  folder: {{jenis: dir, path: {served}}}\n")
    assert main(["ci", provider, "--site", str(regency)]) == 0
    write(regency, "content/kemiren/pengumuman/banjir.md", announcement("Awas banjir"))
    write(regency, "content/tamansari/pengumuman/rapat.md", BROKEN)


def shell(script: str, cwd: Path, env: dict[str, str]) -> int:
    """A CI step as the runners run it: bash, stopping at the first failing command."""
    path = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env={**os.environ, "PATH": path, **env},
                          capture_output=True).returncode


def test_the_gitlab_job_publishes_the_rest_then_fails_with_a_report(regency: Path,
                                                                     tmp_path: Path) -> None:
    served = tmp_path / "www"
    ci_job(regency, served, "gitlab")
    job = yaml.safe_load((regency / ".gitlab-ci.yml").read_text())["terbitkan"]
    assert shell("\n".join(job["script"]), regency, {}) != 0  # the job fails, visibly...
    assert (served / "kemiren/pengumuman/banjir/index.html").exists()  # ...after publishing
    assert b"rapat.md" in (served / "tamansari/status/index.html").read_bytes()
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    issues = json.loads((regency / "gl-code-quality-report.json").read_text())
    assert [i["location"]["path"] for i in issues] == ["content/tamansari/pengumuman/rapat.md"]


def test_the_github_job_annotates_publishes_the_rest_then_fails(regency: Path,
                                                                 tmp_path: Path) -> None:
    served, outputs = tmp_path / "www", tmp_path / "github-output"
    ci_job(regency, served, "github")
    outputs.write_text("")
    steps = yaml.safe_load((regency / ".github/workflows/kampung.yml").read_text())[
        "jobs"]["terbitkan"]["steps"]
    failed = []
    for step in steps:
        if "run" not in step or step["run"].startswith(("pip ", "sudo ")):
            continue  # actions, installing: done here already
        if step.get("if") and "ditahan=ya" not in outputs.read_text():
            continue  # the only condition the workflow has: steps.periksa.outputs.ditahan
        if shell(step["run"], regency, {"GITHUB_OUTPUT": str(outputs)}) != 0:
            failed.append(step["name"])
    assert failed == ["Desa ditahan"]
    assert (served / "kemiren/pengumuman/banjir/index.html").exists()


def test_a_village_held_in_another_share_still_shows_in_the_portals(tmp_path: Path) -> None:
    """Shards copied together are the whole site, a held village included: the share that
    makes the portal keeps every village's last good state, not only its own villages'."""
    site = make_site(tmp_path / "situs", villages=REGENCY)
    def shards() -> Path:
        merged = tmp_path / "merged"
        shutil.rmtree(merged, ignore_errors=True)
        for i in (1, 2):
            build(site, tmp_path / f"part-{i}", now=NOW, shard=(i, 2), cache=tmp_path / f"c{i}")
            shutil.copytree(tmp_path / f"part-{i}", merged, dirs_exist_ok=True)
        return merged
    shards()
    build(site, tmp_path / "whole", now=NOW, cache=tmp_path / "whole-cache")
    for slug in REGENCY:
        write(site, f"content/{slug}/pengumuman/rapat.md", BROKEN)
    merged = shards()
    build(site, tmp_path / "whole", now=NOW, cache=tmp_path / "whole-cache")
    assert tree(merged) == tree(tmp_path / "whole")
    assert all(slug.title() in (merged / "index.html").read_text() for slug in REGENCY)
