"""Problems where CI shows them: GitHub workflow commands and a GitLab Code Quality report.

`kampung check` and `kampung build` print `::error file=...,line=...,col=...::message`
lines (`--github-annotations`), which GitHub Actions turns into annotations on the commit
and the pull request, and write a Code Quality report (`--codequality FILE`), which GitLab
shows in the merge request. Paths are relative to the repository root (the nearest folder
above the site holding `.git`), as both expect.

Formats: GitHub's "Workflow commands for GitHub Actions" (message data escapes %, CR and
LF; property values also : and ,) and GitLab's "Code Quality report format" (description,
check_name, fingerprint, severity, location.path, location.lines.begin).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import Problem
from .i18n import translate

SEVERITY = {"error": "major", "warning": "minor"}  # GitLab: info, minor, major, critical, blocker


def add_options(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--github-annotations", action="store_true",
                        help=translate(lang, "cli.github_annotations"))
    parser.add_argument("--codequality", type=Path, default=None, metavar="FILE",
                        help=translate(lang, "cli.codequality"))


def report_in_content(args: argparse.Namespace) -> bool:
    """True, after saying so, when `--codequality` would write into content/ (a later
    check would then read the report as a volunteer's file)."""
    content = (args.site / "content").resolve()
    target = args.codequality.resolve() if args.codequality is not None else None
    if target is None or (target != content and content not in target.parents):
        return False
    print(translate(args.lang, "error.report_in_content", path=args.codequality) + " " +
          translate(args.lang, "hint.report_in_content"), file=sys.stderr)
    return True


def emit(args: argparse.Namespace, problems: Iterable[Problem]) -> None:
    """What the command line asked for: workflow commands on stdout, a report file."""
    problems = sorted(problems)
    root = repository_root(args.site)
    if args.github_annotations:
        for line in github(problems, args.site, root, args.lang):
            print(line)
    if args.codequality is not None:
        report = gitlab(problems, args.site, root, args.lang)
        args.codequality.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")


def repository_root(site: Path) -> Path:
    """The nearest folder at or above the site holding `.git` (else the site itself)."""
    site = site.resolve()
    return next((folder for folder in (site, *site.parents) if (folder / ".git").exists()),
                site)


def relative_path(problem: Problem, site: Path, root: Path) -> str:
    """The problem's file relative to the repository root (content paths are relative to
    `content/`; template paths are absolute; command-line ones stay as they are)."""
    path = Path(problem.path)
    full = path if path.is_absolute() else site.resolve() / "content" / path
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return problem.path


def github(problems: Iterable[Problem], site: Path, root: Path, lang: str) -> list[str]:
    """One `::error` or `::warning` workflow command per problem."""
    lines = []
    for p in problems:
        text = p.message(lang)
        hint = p.hint(lang)
        if hint:
            text = f"{text}\n{translate(lang, 'ui.hint')}: {hint}"
        props = {"file": relative_path(p, site, root), "line": str(p.line),
                 "col": str(p.column), "title": f"Kampung: {p.code}"}
        listed = ",".join(f"{key}={_property(value)}" for key, value in props.items())
        lines.append(f"::{'error' if p.severity == 'error' else 'warning'} {listed}::"
                     f"{_data(text)}")
    return lines


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def gitlab(problems: Iterable[Problem], site: Path, root: Path,
           lang: str) -> list[dict[str, Any]]:
    """The Code Quality report: one issue per problem, fingerprinted by what it is and
    where (a problem found again in the next pipeline keeps its fingerprint)."""
    issues = []
    for p in problems:
        path = relative_path(p, site, root)
        hint = p.hint(lang)
        where = json.dumps([path, p.line, p.column, p.code, sorted(map(str, p.params))])
        issues.append({
            "description": f"{p.message(lang)} {hint}".strip(),
            "check_name": f"kampung.{p.code}",
            "fingerprint": hashlib.md5(where.encode(), usedforsecurity=False).hexdigest(),
            "severity": SEVERITY.get(p.severity, "info"),
            "location": {"path": path, "lines": {"begin": p.line}},
        })
    return issues
