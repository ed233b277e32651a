"""Volunteers see their errors where they edit: GitHub annotations on the commit, a GitLab
Code Quality report in the merge request, and `kampung check --village` for their own
quick loop."""

from __future__ import annotations

import io
import json
import re
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import jsonschema
import pytest
from publish.servers import need
from sitekit import make_site, write

from kampung.annotations import github, gitlab
from kampung.cli import main
from kampung.errors import Problem

# GitHub's documented syntax: ::error file={name},line={line},col={col},title={title}::{msg}
COMMAND = re.compile(r"^::(error|warning) ((?:[a-zA-Z]+=[^,:]*,?)+)::([^\r\n]*)$")
# GitLab's documented Code Quality report format (the fields it reads, all required)
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object", "required": ["path", "lines"],
                "properties": {"path": {"type": "string", "pattern": "^[^/]"},
                               "lines": {"type": "object", "required": ["begin"],
                                         "properties": {"begin": {"type": "integer",
                                                                  "minimum": 1}}}},
            },
        },
    },
}
BROKEN = "---\njudul: Rapat\ntanggal: kemarin\n---\nRapat desa.\n"  # line 3


def unescape(text: str) -> str:
    """The runner's reading of an escaped value (the reverse of GitHub's documented escapes)."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                           ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(pair.split("=", 1) for pair in match[2].split(","))
    return match[1], {k: unescape(v) for k, v in props.items()}, unescape(match[3])


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose site sits in a subfolder, with two villages."""
    need("git")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return make_site(tmp_path / "situs", villages=("kemiren", "sukamaju"))


def test_awkward_characters_survive_the_github_escapes(tmp_path: Path) -> None:
    """%, CR and LF in a message, and : and , in a file name, reach the annotation intact."""
    odd = Problem.at("kemiren/pengumuman/a,b:c.md", 4, 2, "broken_link",
                     file="50%\r\nlagi", target="50%\r\nlagi", folder="kemiren/media/",
                     suggestion="")
    (line,) = github([odd], tmp_path, tmp_path, "id")
    assert "\n" not in line and "\r" not in line
    kind, props, message = parse(line)
    assert kind == "error"
    assert props == {"file": "content/kemiren/pengumuman/a,b:c.md", "line": "4", "col": "2",
                     "title": "Kampung: broken_link"}
    assert message.startswith(odd.message("id")) and "50%\r\nlagi" in message
    assert message.endswith(odd.hint("id"))


def test_check_annotates_the_commit_with_paths_from_the_repository_root(repo: Path) -> None:
    write(repo, "content/kemiren/pengumuman/rapat.md", BROKEN)
    write(repo, "content/catatan.txt", "lupa\n")  # a warning, about a shared place
    code, out, _ = run("check", "--site", str(repo), "--github-annotations", "--lang", "en")
    assert code == 1
    lines = [parse(line) for line in out.splitlines() if line.startswith("::")]
    assert [(k, p["file"], p["line"]) for k, p, _ in lines] == [
        ("warning", "situs/content/catatan.txt", "1"),
        ("error", "situs/content/kemiren/pengumuman/rapat.md", "3")]


def test_the_gitlab_report_follows_the_code_quality_format(repo: Path) -> None:
    write(repo, "content/kemiren/pengumuman/rapat.md", BROKEN)
    write(repo, "content/sukamaju/halaman/profil.md",
          "---\njudul: Profil\n---\nLihat [a](a.md) dan [b](b.md).\n")
    report = repo / "gl-code-quality-report.json"
    code, _, _ = run("check", "--site", str(repo), "--codequality", str(report))
    assert code == 1
    issues = json.loads(report.read_text())
    jsonschema.validate(issues, CODE_QUALITY)
    assert {(i["location"]["path"], i["location"]["lines"]["begin"], i["severity"])
            for i in issues} >= {("situs/content/kemiren/pengumuman/rapat.md", 3, "major"),
                                 ("situs/content/sukamaju/halaman/profil.md", 4, "major")}
    assert len({i["fingerprint"] for i in issues}) == len(issues) >= 3
    again = repo / "again.json"
    run("check", "--site", str(repo), "--codequality", str(again))
    assert json.loads(again.read_text()) == issues  # the same problem, the same fingerprint


def test_a_clean_site_writes_an_empty_report_and_no_annotations(repo: Path) -> None:
    report = repo / "report.json"
    code, out, _ = run("check", "--site", str(repo), "--codequality", str(report),
                       "--github-annotations")
    assert code == 0 and "::" not in out
    assert json.loads(report.read_text()) == []
    assert gitlab([], repo, repo, "id") == []


def test_check_one_village_reads_only_that_village(repo: Path) -> None:
    write(repo, "content/sukamaju/pengumuman/rapat.md", BROKEN)  # another village's error
    write(repo, "content/kemiren/halaman/tetangga.md",
          "---\njudul: Tetangga\n---\nLihat [KTP](../../sukamaju/layanan/ktp-el.md) dan "
          "[salah](../../sukamaju/layanan/tidak-ada.md).\n")
    code, _, err = run("check", "--site", str(repo), "--village", "kemiren", "--lang", "en")
    assert code == 1
    assert err.count(": error:") == 1 and "tetangga.md:4:51: error:" in err
    assert "tidak-ada.md" in err and "rapat.md" not in err
    (repo / "content/kemiren/halaman/tetangga.md").unlink()
    code, out, _ = run("check", "--site", str(repo), "--village", "kemiren")
    assert code == 0 and "1" in out
    code, _, err = run("check", "--site", str(repo), "--village", "sukamaju")
    assert code == 1 and "sukamaju/pengumuman/rapat.md:3" in err


def test_check_of_a_village_that_is_not_there_says_so(repo: Path) -> None:
    code, _, err = run("check", "--site", str(repo), "--village", "tidakada")
    assert code != 0 and "tidakada" in err
