"""One gate before anything leaves the site folder, and commands run where there is no site:
what `check` passes, `publish` does not refuse later; `[GANTI]` never reaches residents."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from sitekit import write

from kampung.cli import main

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-28"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def with_target(site: Path, text: str) -> Path:
    with (site / "content" / "portal.yaml").open("a", encoding="utf-8") as portal:
        portal.write(text)
    return site


def test_check_names_a_publish_target_mistake_that_publish_would_refuse(site: Path) -> None:
    with_target(site, "publikasi:\n  lokal:\n    jenis: dir\n    tujuan: ../terbit\n")
    code, _, err = run("check", "--site", str(site), "--now", NOW)
    assert code == 1
    assert "portal.yaml:6:5" in err and '"tujuan"' in err and "path" in err
    assert "1 peringatan" not in err and "2 kesalahan dan 0 peringatan" in err


def test_check_counts_errors_and_warnings_when_all_is_well(site: Path) -> None:
    write(site, "content/sukamaju/halaman/baru.md", "---\njudul: \"[GANTI] Judul\"\n---\nIsi.\n")
    code, out, err = run("check", "--site", str(site), "--now", NOW, "--lang", "en")
    assert code == 0, err
    assert "halaman/baru.md:2" in err
    assert out.strip().endswith("no errors, 1 warnings.")


def test_the_sample_content_passes_check_and_its_target_is_publishable(tmp_path: Path) -> None:
    site = tmp_path / "contoh"
    shutil.copytree(REPO / "content", site / "content")
    code, out, err = run("check", "--site", str(site), "--now", NOW)
    assert code == 0, err
    assert "tidak ada kesalahan, 0 peringatan" in out
    (site / "output").mkdir()
    (site / "output" / "index.html").write_text("<!doctype html><title>Portal</title>")
    code, out, err = run("publish", "--site", str(site), "--dry-run")
    assert code == 0, err
    assert not (tmp_path / "terbit").exists()  # the dry run made not even the folder


def test_publish_refuses_placeholder_text_saying_how_much_and_where(site: Path) -> None:
    target = site.parent / "terbit"
    with_target(site, f"publikasi:\n  lokal:\n    jenis: dir\n    path: {target}\n")
    write(site, "content/sukamaju/halaman/baru.md",
          "---\njudul: \"[GANTI] Judul\"\n---\n[GANTI] isi, [GANTI] lagi.\n")
    write(site, "content/sukamaju/pengumuman/rapat.md",
          "---\njudul: Rapat\ntanggal: 2026-11-20\n---\nDi balai [GANTI].\n")
    run("build", "--site", str(site), "--now", NOW)
    for extra in ((), ("--dry-run",)):
        code, _, err = run("publish", "--site", str(site), *extra)
        assert code == 1
        assert "4 teks contoh bertanda [GANTI] di 2 berkas" in err
        assert "sukamaju/halaman/baru.md, sukamaju/pengumuman/rapat.md" in err
        assert not target.exists()


def test_a_fresh_site_is_told_first_that_it_has_no_target_then_about_placeholders(
        tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "desaku"))[0] == 0
    code, _, err = run("publish", "--site", str(tmp_path / "desaku"), "--lang", "en")
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith("No publish targets yet")
    assert lines[-1].startswith("The site was not published: sample text marked [GANTI]")


def test_a_dry_run_to_a_folder_creates_nothing_and_a_real_run_creates_it(site: Path) -> None:
    target = site.parent / "baru" / "terbit"
    with_target(site, f"publikasi:\n  lokal:\n    jenis: dir\n    path: {target}\n")
    assert run("build", "--site", str(site), "--now", NOW)[0] == 0
    code, out, _ = run("publish", "--site", str(site), "--dry-run")
    assert code == 0 and "index.html" in out
    assert not target.parent.exists()
    assert run("publish", "--site", str(site))[0] == 0
    assert (target / "index.html").is_file()


@pytest.mark.parametrize("command", [
    ["check"], ["build"], ["publish"], ["publish", "--dry-run"], ["serve"], ["schema"],
    ["ci", "github"], ["new", "pengumuman", "desaku", "Rapat"], ["posters", "desaku"],
    ["impor", "opensid", "cadangan.sql"], ["editor"],
])
def test_outside_a_site_a_command_says_so_in_one_sentence_and_writes_nothing(
        tmp_path: Path, command: list[str]) -> None:
    code, out, err = run(*command, "--site", str(tmp_path), "--lang", "en")
    assert code == 1 and out == ""
    assert err.strip() == (f"The folder {tmp_path} is not a Kampung site (it has no content/ "
                           "folder): run this command from the site's folder, use --site "
                           "FOLDER, or create a new site with kampung init.")
    assert list(tmp_path.iterdir()) == []


def test_schema_writes_into_a_folder_that_is_not_a_site_only_when_named(tmp_path: Path) -> None:
    code, out, _ = run("schema", "--output", str(tmp_path / "skema"))
    assert code == 0 and "skema" in out
    assert [p.name for p in tmp_path.iterdir()] == ["skema"]


def test_global_options_work_before_or_after_the_command(site: Path) -> None:
    before = run("--lang", "en", "--site", str(site), "check", "--now", NOW)
    after = run("check", "--now", NOW, "--site", str(site), "--lang", "en")
    assert before == after
    assert before[0] == 0 and before[1].startswith("Content is fine")


def test_ci_on_a_fresh_site_writes_its_file_despite_the_placeholder_warnings(
        tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "desaku"))[0] == 0
    code, out, err = run("ci", "github", "--site", str(tmp_path / "desaku"))
    assert "kampung.yml" in out
    assert code == 0, err
    assert (tmp_path / "desaku" / ".github" / "workflows" / "kampung.yml").is_file()


def test_every_source_and_theme_folder_is_a_listed_package() -> None:
    """A new theme or locale folder left out of pyproject.toml would build with setuptools'
    'Package would be ignored' warnings (tests/test_install.py builds the real wheel)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    for prefix, folder in config["package-dir"].items():
        for path in [REPO / folder, *(REPO / folder).rglob("*")]:
            if path.is_dir() and path.name != "__pycache__":
                rel = path.relative_to(REPO / folder).parts
                assert ".".join((prefix, *rel)) in listed, path


def test_problems_at_the_same_place_are_all_reported(site: Path) -> None:
    """An emergency notice lacking several fields gets one message per field, though all
    point at the same line (the gate must not fold them into one)."""
    write(site, "content/sukamaju/pengumuman/banjir.md",
          "---\njudul: Banjir\ntanggal: 2026-11-20\njenis: serta_merta\nbahaya: Banjir\n---\n"
          "Waspada.\n")
    code, _, err = run("check", "--site", str(site), "--now", NOW, "--lang", "en")
    assert code == 1
    assert '"cara_menghindari"' in err and '"wilayah_terdampak"' in err
