"""Render one planned output; a template mistake becomes a Problem naming template and line."""

from __future__ import annotations

import traceback

import jinja2

from ..errors import ContentError, Problem
from ..pages import Output
from .env import Renderer

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".css")


def render_output(renderer: Renderer, out: Output) -> bytes:
    try:
        return renderer.render(out)
    except Exception as exc:
        name, line = _template_place(exc, out.template)
        raise ContentError([Problem.at(name, line, 1, "template_error", template=out.template,
                                       detail=f"{type(exc).__name__}: {exc}")]) from exc


def _template_place(exc: BaseException, default: str) -> tuple[str, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIXES):
            return frame.filename, frame.lineno or 1
    return default, 1
