"""A village's CI, run for real: `kampung ci github|gitlab` writes a workflow; its shell steps
are taken out of the file and run, in order, in a fresh `git clone` of the village's site
repository, with a new virtual environment standing in for the runner's Python. The install
step fetches Kampung from a git repository at a commit, as the village's CI would, so a
broken install step fails here, not in a village.

What a hosted runner does before the shell steps (`actions/checkout`, `setup-python`,
`actions/cache`, the `python:3.11-slim` image) is done by the test; the step that apt-installs
git and ssh is skipped, as this machine has them (CI=true machines get them from
.ci/packages/publish.txt)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from installkit import clean_env, pip_install, source_repository, venv
from sitekit import make_site

from kampung import REPOSITORY, __version__
from kampung.publish import ci

pytestmark = pytest.mark.slow
GIT = ["git", "-c", "user.name=Relawan", "-c", "user.email=relawan@localhost"]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def kampung_source(tmp_path_factory) -> tuple[Path, str]:
    return source_repository(tmp_path_factory.mktemp("kampung-src"))


@pytest.fixture(scope="module")
def writer(tmp_path_factory, kampung_source) -> Path:
    """The volunteer's own Kampung, installed from git at a commit: the one that writes
    the workflows (and so pins that commit)."""
    path, commit = kampung_source
    bin_dir = venv(tmp_path_factory.mktemp("writer") / "venv")
    pip_install(bin_dir, f"git+file://{path}@{commit}")
    return bin_dir


def site_repository(tmp_path: Path, writer: Path, provider: str) -> tuple[Path, Path]:
    """A village's site pushed to its own (bare) repository, publishing to a gh-pages branch
    of another; returns (origin, publish remote)."""
    pages = tmp_path / "pages.git"
    git("init", "--quiet", "--bare", str(pages), cwd=tmp_path)
    work = make_site(tmp_path / "situs", ("kemiren",))
    with (work / "content" / "portal.yaml").open("a", encoding="utf-8") as portal:
        portal.write(f"publikasi:\n  pages:\n    jenis: git\n    remote: {pages}\n")
    run = subprocess.run([str(writer / "kampung"), "ci", provider], cwd=work,
                         capture_output=True, text=True, env=clean_env(writer))
    assert run.returncode == 0, run.stderr
    origin = tmp_path / "origin.git"
    git("init", "--quiet", "--initial-branch", "main", cwd=work)
    git("add", "--all", cwd=work)
    git("commit", "--quiet", "-m", "Situs desa", cwd=work)
    git("clone", "--quiet", "--bare", str(work), str(origin), cwd=tmp_path)
    return origin, pages


Step = tuple[str, dict[str, str], str | None]  # command, environment, GitHub's `if:`
IF_OUTPUT = re.compile(r"steps\.(\w+)\.outputs\.(\w+) == '([^']*)'")


def shell_steps(checkout: Path, provider: str) -> list[Step]:
    """The workflow's shell commands in order, each with the environment it declares."""
    if provider == "github":
        doc = yaml.safe_load((checkout / ci.DESTINATIONS["github"]).read_text())
        steps = [(s["run"], s.get("env") or {}, s.get("if"))
                 for s in doc["jobs"]["terbitkan"]["steps"] if "run" in s]
    else:
        job = yaml.safe_load((checkout / ci.DESTINATIONS["gitlab"]).read_text())["terbitkan"]
        steps = [(line, job.get("variables", {}), None) for line in
                 job["before_script"] + job["script"]]
    return [step for step in steps if not step[0].startswith(("sudo apt-get", "apt-get"))]


def wanted(condition: str | None, outputs: Path) -> bool:
    """GitHub's `if: steps.<id>.outputs.<name> == '<value>'`, as the runner decides it
    (the only kind of condition the workflow uses), from what the steps wrote."""
    if condition is None:
        return True
    match = IF_OUTPUT.fullmatch(condition.strip())
    assert match, f"a condition this test does not know: {condition}"
    written = outputs.read_text().splitlines() if outputs.exists() else []
    return f"{match[2]}={match[3]}" in written


def run_workflow(origin: Path, tmp: Path, runner: Path, provider: str) -> list[
        subprocess.CompletedProcess[str]]:
    """A fresh checkout of `origin`, then each step until one fails (as CI stops)."""
    checkout = tmp / "checkout"
    subprocess.run(["rm", "-rf", str(checkout)], check=True)
    git("clone", "--quiet", str(origin), str(checkout), cwd=tmp)
    outputs = tmp / "github-output"
    outputs.unlink(missing_ok=True)
    results = []
    for command, env, condition in shell_steps(checkout, provider):
        if not wanted(condition, outputs):
            continue
        env = {k: v.replace("$CI_PROJECT_DIR", str(checkout)) for k, v in env.items()}
        result = subprocess.run(["bash", "-e", "-c", command], cwd=checkout, text=True,
                                capture_output=True, env=clean_env(
                                    runner, CI="true", GITHUB_OUTPUT=str(outputs), **env))
        results.append(result)
        if result.returncode != 0:
            break
    return results


def published(pages: Path) -> set[str]:
    listing = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=pages,
                             capture_output=True, text=True)
    return set(listing.stdout.split()) if listing.returncode == 0 else set()


def test_the_github_workflow_installs_the_pinned_kampung_builds_and_publishes(
        tmp_path: Path, kampung_source, writer: Path) -> None:
    origin, pages = site_repository(tmp_path, writer, "github")
    path, commit = kampung_source
    workflow = git("show", "main:.github/workflows/kampung.yml", cwd=origin)
    assert f'pip install "git+file://{path}@{commit}"' in workflow  # the writer's commit
    results = run_workflow(origin, tmp_path, venv(tmp_path / "runner"), "github")
    ran = [c for c, _, condition in shell_steps(tmp_path / "checkout", "github")
           if condition is None]  # no village held back: the held step is skipped
    assert [r.args[-1] for r in results] == ran
    assert all(r.returncode == 0 for r in results), results[-1].stderr
    assert {"index.html", "kemiren/index.html", ".kampung-manifest.json"} <= published(pages)
    assert (tmp_path / "checkout" / ".kampung-cache").is_dir()  # what actions/cache keeps


def test_the_gitlab_workflow_refuses_placeholder_text_then_publishes_once_it_is_gone(
        tmp_path: Path, writer: Path) -> None:
    origin, pages = site_repository(tmp_path, writer, "gitlab")
    work = tmp_path / "situs"
    profile = work / "content" / "kemiren" / "halaman" / "profil.md"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text("---\njudul: Profil\n---\n[GANTI] Sejarah desa.\n", encoding="utf-8")
    git("add", "--all", cwd=work)
    git("commit", "--quiet", "-m", "Profil (belum selesai)", cwd=work)
    git("push", "--quiet", str(origin), "main", cwd=work)
    runner = venv(tmp_path / "runner")
    results = run_workflow(origin, tmp_path, runner, "gitlab")
    assert results[-1].args[-1].startswith("kampung publish") and results[-1].returncode == 1
    assert "[GANTI]" in results[-1].stderr and "kemiren/halaman/profil.md" in results[-1].stderr
    assert published(pages) == set()
    profile.write_text("---\njudul: Profil\n---\nSejarah desa.\n", encoding="utf-8")
    git("commit", "--quiet", "-am", "Profil", cwd=work)
    git("push", "--quiet", str(origin), "main", cwd=work)
    results = run_workflow(origin, tmp_path, runner, "gitlab")
    assert all(r.returncode == 0 for r in results), results[-1].stderr
    assert "kemiren/halaman/profil/index.html" in published(pages)


def test_a_kampung_not_installed_from_git_pins_its_own_version_tag() -> None:
    """This working tree's Kampung (an editable install, no commit recorded) names the tag."""
    assert ci.default_package() == f"git+{REPOSITORY}@v{__version__}"
