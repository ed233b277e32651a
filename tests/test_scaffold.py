"""A volunteer starts a site, adds a village and pages; every new file passes the check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from htmlkit import page, text

from kampung.build import build, build_now
from kampung.cli import main
from kampung.content import Document, load_markdown, parse_yaml
from kampung.scaffold.examples import page_values
from kampung.scaffold.frontmatter import mapping
from kampung.scaffold.pages import page_text
from kampung.schema import DESA, PAGE_TYPES, Field
from kampung.validate import validate

TODAY = "2026-11-28"
EPOCH = "1795827600"  # 2026-11-28 08:00 WIB


@pytest.fixture
def new_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "sukamaju"
    assert main(["init", str(root)]) == 0
    return root


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main(["check", "--site", str(site), "--now", TODAY])
    out = capsys.readouterr()
    assert code == 0, out.err
    warnings = [line for line in out.err.splitlines() if ": peringatan: " in line]
    assert warnings, "the [GANTI] marks left to replace are pointed out"
    assert all("[GANTI]" in line for line in warnings), out.err  # and nothing else
    return out.out


def test_init_makes_a_site_that_passes_the_check(new_site: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert "1 desa" in check(new_site, capsys)
    village = new_site / "content/sukamaju"
    for rel in ("desa.yaml", "data/perangkat.yaml", "data/statistik.yaml",
                "data/apbdes-2026.yaml", "halaman/profil-desa.md", "media/.gitkeep"):
        assert (village / rel).is_file(), rel
    assert "output/" in (new_site / ".gitignore").read_text()
    assert (new_site / ".vscode/settings.json").is_file()


def test_yaml_files_point_their_editor_at_a_schema_that_exists(new_site: Path) -> None:
    for path in (new_site / "content").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match[1]).resolve().is_file(), path


@pytest.mark.slow
def test_placeholders_are_marked_on_the_page_a_volunteer_previews(new_site: Path) -> None:
    output = new_site / "output"
    build(new_site, output, now=build_now(TODAY))
    home = text(page(output, "sukamaju/index.html"))
    assert "[GANTI]" in home
    assert "Sukamaju" in home


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_new_page_of_each_type_passes_the_check(kind: str, new_site: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", kind, "sukamaju", "Rapat Warga: RT 01 #2", "--site",
                 str(new_site)]) == 0
    path = new_site / f"content/sukamaju/{kind}/rapat-warga-rt-01-2.md"
    assert f"Dibuat: {path}" in capsys.readouterr().out
    doc, problems = load_markdown(path, "x.md")
    assert doc is not None and [p.code for p in problems] == ["placeholder"]
    assert doc.data["judul"] == "Rapat Warga: RT 01 #2"
    check(new_site, capsys)


def names(fields: dict[str, Field]) -> set[str]:
    found = set(fields)
    for spec in fields.values():
        inner = spec.item.fields if spec.item is not None else spec.fields
        found |= names(dict(inner))
    return found


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_field_is_shown_with_its_meaning_in_indonesian(kind: str) -> None:
    written = page_text(kind, "Judul", date(2026, 11, 28))
    for name in names(PAGE_TYPES[kind]):
        assert re.search(rf"^[ #-]*{name}:", written, re.MULTILINE), name
    for name, spec in PAGE_TYPES[kind].items():
        comment = written.split(f"\n{name}:")[0].split(f"\n# {name}:")[0].rsplit("\n\n", 1)[-1]
        assert spec.doc_id.split()[0] in comment, name


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_each_commented_line_switched_on_is_valid(kind: str) -> None:
    """Deleting the `# ` before any commented example gives a valid file."""
    today = date(2026, 11, 28)
    values, _ = page_values(kind, "Judul", today)
    full = mapping(PAGE_TYPES[kind], values, today=today, active=set(PAGE_TYPES[kind]))
    _, problems = validate(front_matter("\n".join(full)), PAGE_TYPES[kind])
    assert not problems
    written = page_text(kind, "Judul", today).splitlines()
    keys = "|".join(names(PAGE_TYPES[kind]))
    switched = [re.sub(r"^(\s*)# ", r"\1", line) for line in written
                if re.match(rf"^\s*# ({keys}):|^\s*#\s+(- |({keys}):)", line)]
    assert switched
    assert set(switched) <= set(full)


def front_matter(text: str) -> Document:
    data, positions, raw = parse_yaml(text)
    return Document("x.md", data, positions, raw)


def test_todays_date_and_a_slugged_file_name(new_site: Path) -> None:
    assert main(["new", "pengumuman", "sukamaju", "Jadwal Posyandu Desember",
                 "--site", str(new_site)]) == 0
    path = new_site / "content/sukamaju/pengumuman/jadwal-posyandu-desember.md"
    assert "\ntanggal: 2026-11-28\n" in path.read_text(encoding="utf-8")


def test_new_never_overwrites(new_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "pengumuman", "sukamaju", "Kerja Bakti", "--site", str(new_site)]
    assert main(args) == 0
    path = new_site / "content/sukamaju/pengumuman/kerja-bakti.md"
    path.write_text(path.read_text() + "Tulisan relawan.\n")
    edited = path.read_text()
    capsys.readouterr()
    assert main(args) == 1
    assert "Sudah ada, tidak ditimpa" in capsys.readouterr().err
    assert path.read_text() == edited
    assert main(["new", "village", "sukamaju", "--site", str(new_site)]) == 1
    assert main(["init", str(new_site)]) == 1
    assert (new_site / "content/sukamaju/desa.yaml").read_text().startswith("# yaml-language")


def test_a_misspelt_village_gets_a_suggestion(new_site: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "agenda", "sukamaj", "Posyandu", "--site", str(new_site)]) == 1
    err = capsys.readouterr().err
    assert 'Desa "sukamaj" tidak ada' in err and 'Mungkin maksud Anda "sukamaju"?' in err


def test_a_page_needs_a_title(new_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "layanan", "sukamaju", "--site", str(new_site)]) == 1
    assert 'kampung new layanan sukamaju "' in capsys.readouterr().err


def test_a_second_village_joins_the_portal(new_site: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "village", "sumber-rejo", "Sumber Rejo", "--site", str(new_site)]) == 0
    assert "2 desa" in check(new_site, capsys)
    desa = (new_site / "content/sumber-rejo/desa.yaml").read_text(encoding="utf-8")
    assert "\nnama: Sumber Rejo\n" in desa
    for name in DESA:
        assert re.search(rf"^(# )?{name}:", desa, re.MULTILINE), name


def test_a_bad_village_name_is_explained(new_site: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "village", "Sumber Rejo", "--site", str(new_site)]) == 1
    assert '"sumber-rejo"' in capsys.readouterr().err
