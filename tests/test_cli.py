"""The `kampung` command as a volunteer and as CI use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import write

from kampung import __version__
from kampung.cli import main


def kampung(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "kampung", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})})


def test_help_teaches_with_examples() -> None:
    result = kampung("--help")
    assert result.returncode == 0
    assert "kampung build --village kemiren" in result.stdout
    assert "check" in result.stdout and "build" in result.stdout


@pytest.mark.slow
def test_a_command_loads_only_what_it_runs_with(site: Path) -> None:
    """A one-page edit is about half a second: importing the publishers, Pillow (no photo
    changed), Pagefind's asyncio client or zxing-cpp (the poster's QR code is kept) would be a
    tenth of it."""
    probe = ("import sys; from kampung.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.startswith(('kampung.publish', "
             "'PIL.Image', 'asyncio', 'pagefind.service', 'zxingcpp'))))")
    args = ["build", "--site", str(site), "--now", "2026-11-28"]
    first = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                           text=True)
    assert first.returncode == 0, first.stderr
    page = next((site / "content").glob("*/pengumuman/*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nSatu kalimat lagi.\n", "utf-8")
    again = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                           text=True)
    assert again.returncode == 0, again.stderr
    assert "Dirender: 0" not in again.stdout  # the page and its search bundle were made
    assert again.stdout.splitlines()[-1] == "[]"


@pytest.mark.slow
def test_a_ci_build_that_puts_everything_back_loads_no_renderer(site: Path) -> None:
    """A fresh checkout with the cache restored renders nothing: importing Jinja, Markdown,
    nh3, minify-html, Pillow or importlib.metadata was a third of such a build; Babel
    (for the status pages) and html.parser (for weighing pages) are not needed either."""
    probe = ("import sys; from kampung.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', "
             "'markdown', 'nh3', 'minify_html', 'babel') or m in ('PIL.Image', "
             "'importlib.metadata', 'html.parser', 'kampung.making', 'kampung.render.env')))")
    args = ["build", "--site", str(site), "--now", "2026-11-28", "--jobs", "1"]
    first = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                           text=True)
    assert first.returncode == 0, first.stderr
    assert "kampung.making" in first.stdout.splitlines()[-1]  # the probe sees them
    shutil.rmtree(site / "output")
    for path in (site / "content").rglob("*"):
        os.utime(path)  # as a checkout leaves them
    again = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                           text=True)
    assert again.returncode == 0, again.stderr
    assert "Dirender: 0" in again.stdout
    assert (site / "output/sukamaju/index.html").exists()
    assert again.stdout.splitlines()[-1] == "[]"


def test_a_mistyped_command_is_told_the_real_ones() -> None:
    result = kampung("buidl")
    assert result.returncode == 2
    assert "publish" in result.stderr and "build" in result.stderr


def test_version() -> None:
    assert kampung("--version").stdout.strip() == f"kampung {__version__}"


def test_build_then_check_succeed_on_a_valid_site(site: Path, capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    assert main(["check", "--site", str(site), "--now", "2026-11-28"]) == 0
    assert "tidak ada kesalahan" in capsys.readouterr().out
    assert main(["build", "--site", str(site), "--now", "2026-11-28"]) == 0
    assert (site / "output/sukamaju/index.html").exists()


def broken(site: Path) -> Path:
    write(site, "content/sukamaju/pengumuman/rapat.md",
          "---\njudul: Rapat\ntangal: 2026-11-01\n---\n")
    return site


def test_check_reports_file_line_column_and_hint_in_indonesian(site: Path) -> None:
    result = kampung("check", "--site", str(broken(site)))
    assert result.returncode == 1
    assert "sukamaju/pengumuman/rapat.md:3:1: kesalahan: Kolom \"tangal\" tidak dikenal." in \
        result.stderr
    assert 'saran: Mungkin maksud Anda "tanggal"?' in result.stderr


@pytest.mark.slow
def test_english_with_flag_or_environment(site: Path) -> None:
    broken(site)
    for result in (kampung("check", "--site", str(site), "--lang", "en"),
                   kampung("check", "--site", str(site), env={"KAMPUNG_LANG": "en"})):
        assert 'error: Unknown field "tangal".' in result.stderr
        assert 'hint: Did you mean "tanggal"?' in result.stderr


def test_json_report_for_ci(site: Path) -> None:
    result = kampung("check", "--site", str(broken(site)), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["errors"] == 2
    first = report["problems"][0]
    assert set(first) >= {"file", "line", "column", "message", "hint", "code"}


def test_build_fails_without_writing_and_says_the_old_site_is_kept(site: Path) -> None:
    result = kampung("build", "--site", str(broken(site)))
    assert result.returncode == 1
    assert "tidak diubah" in result.stderr
    assert not (site / "output").exists()


@pytest.mark.slow
def test_strict_turns_warnings_into_failure(site: Path) -> None:
    write(site, "content/sukamaju/catatan.txt", "coretan")
    assert kampung("build", "--site", str(site)).returncode == 0
    result = kampung("build", "--site", str(site), "--strict", "--output", str(site / "o2"))
    assert result.returncode == 1 and "catatan.txt" in result.stderr
    assert not (site / "o2").exists()
