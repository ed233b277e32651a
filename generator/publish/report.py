"""What a person sees while publishing: a live counter on a terminal, a quiet log in CI,
one summary line per target, and errors that name the target, the file and a fix."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO

from ..i18n import translate
from .base import PublishError
from .engine import Result


def is_live(stream: TextIO) -> bool:
    """A counter that redraws itself only on a terminal, never in CI logs."""
    ci = os.environ.get("CI", "").lower() in ("true", "1", "yes")
    return stream.isatty() and not ci


def human_bytes(size: int, lang: str) -> str:
    if size < 1024:
        return f"{size} B"
    value, unit = float(size), "B"
    for unit in ("KB", "MB", "GB"):  # noqa: B007 (the last unit is the one we want)
        value /= 1024
        if value < 1024:
            break
    text = f"{value:.1f} {unit}"
    return text.replace(".", ",") if lang == "id" else text


class TerminalProgress:
    def __init__(self, lang: str, stream: TextIO | None = None, live: bool | None = None):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.live = is_live(self.stream) if live is None else live
        self.target, self.phase, self.total, self.count = "", "", 0, 0

    def begin(self, phase: str, total: int) -> None:
        self.phase, self.total, self.count = phase, total, 0

    def tick(self, rel: str) -> None:
        self.count += 1
        if self.live:
            label = translate(self.lang, f"publish.phase.{self.phase}")
            width = shutil.get_terminal_size((80, 20)).columns
            line = f"[{self.target}] {label} {self.count}/{self.total} {rel}"
            self.stream.write("\r" + line[: width - 1].ljust(width - 1))
            self.stream.flush()

    def end(self) -> None:
        if self.live and self.count:
            width = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (width - 1) + "\r")
            self.stream.flush()

    def warn(self, code: str, **params: object) -> None:
        self.stream.write(translate(self.lang, f"publish.warn.{code}", **params) + "\n")


def listing(result: Result, lang: str) -> list[str]:
    """The files a dry run would send and delete, and what --verify found damaged."""
    plan = result.plan
    lines = [translate(lang, "publish.line.damaged", file=rel) for rel in sorted(result.damaged)]
    lines += [translate(lang, "publish.line.foreign", file=rel) for rel in plan.foreign]
    lines += [
        translate(lang, "publish.line.send", file=rel,
                  size=human_bytes(plan.local[rel].size, lang), bytes=plan.local[rel].size)
        for rel in plan.upload
    ]
    lines += [translate(lang, "publish.line.delete", file=rel) for rel in plan.delete]
    return lines


def summary(result: Result, lang: str) -> str:
    plan = result.plan
    key = "publish.summary_dry" if result.dry_run else "publish.summary"
    return translate(
        lang, key, target=result.target, sent=len(plan.upload), bytes=plan.upload_bytes,
        size=human_bytes(plan.upload_bytes, lang), deleted=len(plan.delete),
        unchanged=len(plan.unchanged), damaged=len(result.damaged), foreign=len(plan.foreign),
    )


TELLING = ("fatal:", "error:", "remote:", "!", "rsync:", "rsync error:")


def reason(detail: str, most: int = 6) -> list[str]:
    """The lines of a tool's message that say what went wrong (git's and rsync's
    `fatal:`, `error:`, `remote:` lines), or else its last line."""
    lines = [line.strip() for line in detail.splitlines() if line.strip()]
    telling = [line for line in lines if line.lower().startswith(TELLING)]
    return (telling or lines[-1:])[:most]


def error_text(error: PublishError, lang: str) -> str:
    text = translate(lang, f"publish.error.{error.code}", target=error.target,
                     detail=error.detail)
    if error.file:
        text += " " + translate(lang, "publish.file", file=error.file)
    if error.detail and error.code not in ("env_missing", "tool_missing", "foreign"):
        for line in reason(error.detail):
            text += "\n    " + translate(lang, "publish.detail", detail=line)
    hint = translate(lang, f"publish.hint.{error.code}", target=error.target, detail=error.detail)
    if hint != f"publish.hint.{error.code}":
        text += f"\n    {translate(lang, 'ui.hint')}: {hint}"
    return text
