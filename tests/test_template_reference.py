"""The theme authors' reference in docs/ is the one the code gives today."""

from __future__ import annotations

from pathlib import Path

from kampung.render.reference import template_reference

REPO = Path(__file__).resolve().parents[1]


def test_the_template_reference_matches_the_templates_and_the_environment(tmp_path: Path) -> None:
    written = (REPO / "docs/en/templates.md").read_text(encoding="utf-8")
    assert written == template_reference(tmp_path), "run `make docs` and commit the result"


def test_the_reference_names_what_a_template_reads_and_what_it_extends(tmp_path: Path) -> None:
    text = template_reference(tmp_path)
    section = text.split("### `layanan.html`")[1].split("###")[0]
    assert "`page.html`" in section and "`desa`" in section
    assert "- `rupiah`: 'Rp10.000'" in text and "- `tel`: '0333 123456'" in text
