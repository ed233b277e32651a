"""The volunteer guide quotes exactly what Kampung prints, and links only to what exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .guide_errors import CASES, check_output
from .screenshots import SHOTS

DOCS = Path(__file__).parents[2] / "docs"
EXAMPLE = re.compile(r"<!-- (?:contoh|example): (\w+) -->\n```\n(.*?)```", re.DOTALL)
GUIDES = {"id": DOCS / "kesalahan.md", "en": DOCS / "en" / "errors.md"}


def quoted(lang: str) -> dict[str, list[str]]:
    text = GUIDES[lang].read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for name, block in EXAMPLE.findall(text):
        found[name] = [line for line in block.splitlines() if line.strip() != "..."]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_error_in_the_guide_is_what_kampung_check_prints(lang: str) -> None:
    examples = quoted(lang)
    assert sorted(examples) == sorted(CASES)
    for name, lines in examples.items():
        printed = check_output(name, lang).splitlines()
        assert lines and lines[0] == printed[0], name
        assert set(lines) <= set(printed), name


def test_every_local_link_and_picture_in_the_guide_exists() -> None:
    for page in DOCS.rglob("*.md"):
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            assert (page.parent / target.split("#")[0]).exists(), (page.name, target)


def test_each_indonesian_page_has_its_english_twin() -> None:
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        twin = re.search(r"\*English: \[[^\]]+\]\((en/[^)]+)\)", text)
        if page.name != "hosting-headers.md":
            assert twin and (DOCS / twin[1]).is_file(), page.name


def test_the_guide_shows_every_screenshot_the_script_makes() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for name in SHOTS:
        assert f"img/{name}" in text, name
        assert (DOCS / "img" / name).is_file(), name
