"""Incremental builds: a rebuild does only the work an edit calls for, and its output is
always byte for byte what a clean build of the same content gives."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from conftest import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sitekit import announcement, make_site, write

from kampung import parallel
from kampung.assets.budgets import Budgets
from kampung.build import build
from kampung.incremental import store as store_module
from kampung.write import OutputFolder

VILLAGES = ("sukamaju", "sumberrejo")
PERANGKAT = "perangkat:\n  - {nama: Budi Santoso, jabatan: Kepala Desa, lembaga: pemdes}\n"
STATISTIK = ("tanggal_data: 2026-06-30\nsumber: Buku induk\nkelompok:\n"
             "  - judul: Jenis kelamin\n    rincian:\n"
             "      - {label: Laki-laki, jumlah: %d}\n      - {label: Perempuan, jumlah: 20}\n")
APBDES = ("tahun: 2026\npendapatan:\n  - {uraian: Dana Desa, anggaran: %d}\n"
          "belanja:\n  - {uraian: Jalan, anggaran: 500000, realisasi: 250000}\n")
TRANSLATION = "---\njudul: %s\n---\nBring the family card.\n"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def clean_build(site: Path, now: datetime, budgets: Budgets | None = None) -> dict[str, bytes]:
    """What a first build of the same content gives: new output folder, new cache."""
    return clean_build_and_warnings(site, now, budgets)[0]


def clean_build_and_warnings(site: Path, now: datetime,
                             budgets: Budgets | None = None) -> tuple[dict[str, bytes], list]:
    with tempfile.TemporaryDirectory() as tmp:
        report = build(site, Path(tmp) / "out", now=now, cache=Path(tmp) / "cache",
                       budgets=budgets)
        return tree(Path(tmp) / "out"), sorted(map(repr, report.problems))


def differences(left: dict[str, bytes], right: dict[str, bytes]) -> list[str]:
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def png(shade: int, size: int = 24) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (shade, 90, 60)).save(out, "PNG")
    return out.getvalue()


def rich_site(root: Path) -> Path:
    """Two villages with data files, a translation, a logo and an attachment."""
    make_site(root, villages=VILLAGES)
    for slug in VILLAGES:
        write(root, f"content/{slug}/data/perangkat.yaml", PERANGKAT)
        write(root, f"content/{slug}/data/statistik.yaml", STATISTIK % 10)
        write(root, f"content/{slug}/data/apbdes-2026.yaml", APBDES % 1000000)
        write(root, f"content/{slug}/layanan/ktp-el.en.md", TRANSLATION % "ID card")
        (root / f"content/{slug}/media").mkdir(parents=True, exist_ok=True)
        (root / f"content/{slug}/media/logo.png").write_bytes(png(10))
        (root / f"content/{slug}/media/formulir.pdf").write_bytes(b"%PDF-1.4 formulir\n")
        desa = root / f"content/{slug}/desa.yaml"
        desa.write_text(desa.read_text() + "tema: {warna: \"#0b6e4f\", logo: logo.png}\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rich site built once; tests take a copy (content, output and cache)."""
    root = rich_site(tmp_path_factory.mktemp("base") / "situs")
    build(root, root / "output", now=NOW)
    return root


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "situs"
    shutil.copytree(built, copy, symlinks=True)
    build(copy, copy / "output", now=NOW)  # the copy's folder is new: verify it once
    return copy


def test_nothing_changed_renders_nothing_and_writes_nothing(site: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*") if p.is_file()}
    report = build(site, site / "output", now=NOW)
    assert report.rendered == [] and report.changed == [] and report.removed == []
    assert {p: p.stat().st_mtime_ns for p in before} == before


@pytest.mark.slow
def test_an_edited_announcement_body_re_renders_that_page_not_the_lists(site: Path) -> None:
    path = site / "content/sukamaju/pengumuman/kerja-bakti.md"
    path.write_text(path.read_text() + "Bawa cangkul sendiri.\n")
    report = build(site, site / "output", now=NOW)
    assert "sukamaju/pengumuman/kerja-bakti/index.html" in report.rendered
    assert "sukamaju/pengumuman/index.html" not in report.rendered  # lists show no bodies
    assert not any(p.startswith("sumberrejo/") for p in report.rendered)
    assert "Bawa cangkul sendiri." in (
        site / "output/sukamaju/pengumuman/kerja-bakti/index.html").read_text()
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_every_registered_step_keeps_its_files_after_a_one_village_edit(site: Path) -> None:
    """Each step of filesteps.STEPS (the web editor's too) is what the session checks: a step
    the session did not know of lost its files when another village was edited."""
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text() + "editor:\n  git: github\n  repo: desa/portal\n")
    build(site, site / "output", now=NOW)
    assert (site / "output/admin/config.yml").is_file()
    path = site / "content/sukamaju/pengumuman/kerja-bakti.md"
    path.write_text(path.read_text() + "Bawa cangkul sendiri.\n")
    report = build(site, site / "output", now=NOW)
    assert not any(rel.startswith("admin/") for rel in report.removed)
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_a_new_title_reaches_the_home_page_the_list_and_the_feed(site: Path) -> None:
    path = site / "content/sukamaju/pengumuman/kerja-bakti.md"
    path.write_text(path.read_text().replace("judul: Kerja bakti", "judul: Gotong royong"))
    report = build(site, site / "output", now=NOW)
    for rel in ("index.html", "pengumuman/index.html", "feed.xml",
                "pengumuman/kerja-bakti/index.html"):
        assert f"sukamaju/{rel}" in report.rendered
    assert "sukamaju/layanan/ktp-el/index.html" not in report.rendered
    assert "Gotong royong" in (site / "output/sukamaju/index.html").read_text()


@pytest.mark.slow
def test_a_template_edit_re_renders_exactly_the_pages_that_used_it(site: Path) -> None:
    theme = Path(__file__).parents[1] / "themes/default/templates/layanan.html"
    write(site, "templates/layanan.html",  # a paragraph more, inside the first block
          re.sub(r"(\{% block \w+ %\})", r"\1<p>Baru</p>", theme.read_text(), count=1))
    report = build(site, site / "output", now=NOW)
    expected = {f"{slug}/{lang}layanan/{page}/index.html" for slug in VILLAGES
                for lang in ("", "en/") for page in ("ktp-el", "kk") if not (lang and page == "kk")}
    assert set(report.rendered) == expected
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_a_template_edit_outside_main_leaves_the_search_bundles(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind reads a page's <main>: a new head or footer re-renders the pages, not the
    indexes (the benchmark's template edit re-ran Pagefind for every village)."""
    from kampung.extras import searchindex

    theme = Path(__file__).parents[1] / "themes/default/templates/pengumuman.html"
    write(site, "templates/pengumuman.html",  # a comment in the head's og:type block
          re.sub(r"(\{% block og_type %\})", r"\1<!-- baru -->", theme.read_text(), count=1))
    indexed: list[Path] = []
    real = searchindex._index
    monkeypatch.setattr(searchindex, "_index", lambda work, pages, home: (
        indexed.append(work), real(work, pages, home))[1])
    report = build(site, site / "output", now=NOW, jobs=1)
    assert any("/pengumuman/" in rel for rel in report.rendered)
    assert indexed == [] and not any("pagefind" in rel for rel in report.changed)
    write(site, "templates/pengumuman.html",  # and inside <main>: indexed again
          re.sub(r"(\{% block page %\})", r"\1<p>Baru</p>", theme.read_text(), count=1))
    report = build(site, site / "output", now=NOW, jobs=1)
    assert len(indexed) == len(VILLAGES)
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_a_deleted_cache_means_a_full_build_with_the_same_bytes(site: Path) -> None:
    before = tree(site / "output")
    shutil.rmtree(site / ".kampung-cache")
    report = build(site, site / "output", now=NOW)
    assert report.rendered and report.changed == []
    assert tree(site / "output") == before


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated", "not a database", "record",
                                    "blob"])
def test_a_damaged_cache_is_started_again_never_a_crash_or_a_wrong_site(
        site: Path, damage: str) -> None:
    path = site / ".kampung-cache/build.sqlite"
    with sqlite3.connect(path) as db:  # fold the write-ahead log into the file first
        db.execute("pragma wal_checkpoint(truncate)")
    data = path.read_bytes()
    if damage == "garbage":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + os.urandom(8192) + data[middle + 8192:])
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "not a database":
        path.write_bytes(b"this is not a cache\n" * 100)
    elif damage == "blob":  # finished files' bytes changed, read back by a CI build
        with sqlite3.connect(path) as db:
            db.execute("update blobs set data = x'00' || substr(data, 2)")
        shutil.rmtree(site / "output")
    else:  # one record's bytes changed: its checksum no longer matches
        with sqlite3.connect(path) as db:
            db.execute("update outputs set record = substr(record, 1, 40) || x'00' || "
                       "substr(record, 42) where path like '%ktp-el%'")
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    build(site, site / "output", now=NOW)
    assert tree(site / "output") == clean_build(site, NOW)


def test_a_cache_from_another_version_means_a_full_build(site: Path) -> None:
    with mock.patch.object(store_module, "FORMAT", store_module.FORMAT + 1):
        report = build(site, site / "output", now=NOW)
    assert len(report.rendered) > 20 and report.changed == []


def test_ci_with_the_cache_restored_and_no_output_renders_nothing(site: Path,
                                                                   tmp_path: Path) -> None:
    """A fresh checkout: new file times, the cache from the last run, no output folder."""
    before = tree(site / "output")
    checkout = tmp_path / "checkout"
    shutil.copytree(site / "content", checkout / "content")  # copies get new mtimes
    report = build(checkout, tmp_path / "public", now=NOW, cache=site / ".kampung-cache")
    assert report.rendered == []
    assert tree(tmp_path / "public") == before


@pytest.mark.slow
def test_another_build_into_the_same_folder_is_noticed(site: Path, tmp_path: Path) -> None:
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    build(site, site / "output", now=NOW, cache=tmp_path / "other-cache")
    (site / "content/sukamaju/pengumuman/baru.md").unlink()
    build(site, site / "output", now=NOW)  # this cache did not see the other build
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_a_link_to_a_page_in_another_village_follows_its_new_address(site: Path) -> None:
    write(site, "content/sukamaju/halaman/tetangga.md",
          "---\njudul: Tetangga\n---\nLihat [KK desa sebelah](../../sumberrejo/layanan/kk.md).\n")
    build(site, site / "output", now=NOW)
    kk = site / "content/sumberrejo/layanan/kk.md"
    kk.write_text(kk.read_text().replace("judul: Kartu Keluarga", "judul: KK\nslug: kartu-kk"))
    report = build(site, site / "output", now=NOW)
    assert "sukamaju/halaman/tetangga/index.html" in report.rendered
    assert "sumberrejo/layanan/kartu-kk/index.html" in (
        site / "output/sukamaju/halaman/tetangga/index.html").read_text()
    assert tree(site / "output") == clean_build(site, NOW)


@pytest.mark.slow
def test_a_build_interrupted_while_moving_files_is_finished_by_the_next(site: Path) -> None:
    write(site, "content/sukamaju/pengumuman/baru.md", announcement("Baru"))
    code = (
        "import os, kampung.write as w\n"
        "real = os.replace\n"
        "moves = []\n"
        "def dying(a, b):\n"
        "    if '.output.staging' in str(a): moves.append(a)\n"
        "    if len(moves) == 3: os._exit(9)\n"
        "    real(a, b)\n"
        "w.os.replace = dying\n"
        "from kampung.cli import main\n"
        f"main(['build', '--site', {str(site)!r}, '--now', {NOW.isoformat()!r}, '-j', '1'])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == 9
    assert (site / ".output.journal").exists()
    report = build(site, site / "output", now=NOW)
    assert not (site / ".output.journal").exists() and report.rendered == []
    assert tree(site / "output") == clean_build(site, NOW)


def test_a_journal_the_cache_never_recorded_is_undone(site: Path) -> None:
    before = tree(site / "output")
    folder = OutputFolder(site / "output")
    folder.begin()
    (folder.staging / "sukamaju").mkdir()
    (folder.staging / "sukamaju/index.html").write_text("setengah jadi")
    folder.journal.write_text(json.dumps({"id": "never-committed", "stamp": 1,
                                          "changed": ["sukamaju/index.html"], "removed": []}))
    build(site, site / "output", now=NOW)
    assert tree(site / "output") == before and not folder.journal.exists()


@pytest.mark.slow
def test_the_clock_moving_on_expires_an_announcement_like_a_clean_build(site: Path) -> None:
    write(site, "content/sukamaju/pengumuman/sementara.md",
          announcement("Sementara", extra="berlaku_sampai: 2026-11-30"))
    build(site, site / "output", now=NOW)
    later = NOW + timedelta(days=5)
    build(site, site / "output", now=later)
    assert "sementara" in (site / "output/sukamaju/pengumuman/arsip/index.html").read_text()
    assert tree(site / "output") == clean_build(site, later)


# --- any sequence of edits ----------------------------------------------------------------

def _announcement(site: Path, slug: str, n: int, now: datetime) -> datetime:
    extra = "penting: true" if n == 1 else "berlaku_sampai: 2026-11-29" if n == 2 else ""
    write(site, f"content/{slug}/pengumuman/kabar-{n}.md",
          announcement(f"Kabar {n}", f"2026-11-{10 + n}", extra))
    return now


def _change_page(site: Path, slug: str, n: int, now: datetime) -> datetime:
    path = site / f"content/{slug}/pengumuman/kerja-bakti.md"
    if path.exists():
        text = path.read_text()
        path.write_text([text + f"Tambahan {n}.\n", text.replace("Kerja bakti", f"Kerja {n}"),
                         text.replace("2026-11-20", f"2026-10-0{n + 1}"), text][n])
    return now


def _delete_page(site: Path, slug: str, n: int, now: datetime) -> datetime:
    (site / f"content/{slug}/pengumuman/kabar-{n}.md").unlink(missing_ok=True)
    return now


def _rename_page(site: Path, slug: str, n: int, now: datetime) -> datetime:
    folder = site / f"content/{slug}/pengumuman"
    pages = sorted(folder.glob("*.md"))
    if pages:
        pages[n % len(pages)].rename(folder / f"baru-{n}.md")
    return now


def _template(site: Path, slug: str, n: int, now: datetime) -> datetime:
    if n == 0:
        (site / "templates/partials/hours.html").unlink(missing_ok=True)
    else:
        write(site, "templates/partials/hours.html", f"<p>Jam buka versi {n}</p>\n")
    return now


def _desa(site: Path, slug: str, n: int, now: datetime) -> datetime:
    path = site / f"content/{slug}/desa.yaml"
    lines = [line for line in path.read_text().splitlines() if not line.startswith("ringkasan")]
    path.write_text("\n".join([*lines, f"ringkasan: Desa nomor {n}"]) + "\n")
    return now


def _portal(site: Path, slug: str, n: int, now: datetime) -> datetime:
    write(site, "content/portal.yaml",
          f"nama: Portal Uji {n}\nbase_url: https://uji.example.id/\nper_halaman: {n + 1}\n")
    return now


def _data(site: Path, slug: str, n: int, now: datetime) -> datetime:
    if n == 3:
        (site / f"content/{slug}/data/apbdes-2026.yaml").unlink(missing_ok=True)
    else:
        write(site, f"content/{slug}/data/statistik.yaml", STATISTIK % (11 + n))
    return now


def _translation(site: Path, slug: str, n: int, now: datetime) -> datetime:
    path = site / f"content/{slug}/layanan/ktp-el.en.md"
    if n == 0:
        path.unlink(missing_ok=True)
    else:
        write(site, f"content/{slug}/layanan/ktp-el.en.md", TRANSLATION % f"ID card {n}")
    return now


def _media(site: Path, slug: str, n: int, now: datetime) -> datetime:
    media = site / f"content/{slug}/media"
    if n == 0:
        (media / "formulir.pdf").unlink(missing_ok=True)
    elif n == 1:
        (media / "formulir.pdf").write_bytes(b"%PDF-1.4 formulir baru\n")
    elif n == 2:  # an SVG, sanitised on the way out
        (media / "peta.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()">'
                                         b'<circle r="4"/></svg>')
    else:
        (media / "logo.png").write_bytes(png(10 + 40 * n))
    return now


def _clock(site: Path, slug: str, n: int, now: datetime) -> datetime:
    return now + timedelta(days=n)


def _village(site: Path, slug: str, n: int, now: datetime) -> datetime:
    """A new village (a copy of `slug`), or the new village gone again."""
    new = site / "content/sidomulyo"
    if n % 2 and not new.exists():
        shutil.copytree(site / f"content/{slug}", new)
        desa = new / "desa.yaml"
        desa.write_text(desa.read_text().replace(slug.title(), "Sidomulyo"))
    elif not n % 2:
        shutil.rmtree(new, ignore_errors=True)
    return now


def _hosting(site: Path, slug: str, n: int, now: datetime) -> datetime:
    """Where the site goes, which decides its .gz/.br copies: the portal to a Pages branch
    (none) or an SSH host (copies), a village to its own FTP host, or `kompresi: tidak`."""
    targets = ["publikasi: {p: {jenis: git, remote: 'https://example.org/r.git'}}",
               "publikasi: {v: {jenis: ssh, host: h, user: u, path: /w}}",
               "publikasi: {f: {jenis: ftp, host: h, user: u, password_env: P}}",
               "kompresi: tidak"]
    path = site / (f"content/{slug}/desa.yaml" if n == 2 else "content/portal.yaml")
    lines = [line for line in path.read_text().splitlines()
             if not line.startswith(("publikasi:", "kompresi:"))]
    path.write_text("\n".join([*lines, targets[n]]) + "\n")
    return now


EDITS = [_announcement, _change_page, _delete_page, _rename_page, _template, _desa, _portal,
         _data, _translation, _media, _clock, _village, _hosting]
EDIT = st.tuples(st.sampled_from(EDITS), st.sampled_from(VILLAGES), st.integers(0, 3))


@pytest.mark.slow
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=5), jobs=st.sampled_from([1, 2]))
def test_any_sequence_of_edits_gives_the_bytes_of_a_clean_build(
        built: Path, edits: list, jobs: int) -> None:
    budgets = Budgets(html_kb=3.5, first_view_kb=6)  # tight: pages over them come and go
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "situs"
        shutil.copytree(built, site, symlinks=True)
        now = NOW
        with mock.patch.object(parallel, "SMALL", 0):  # use worker processes when jobs=2
            for edit, slug, n in edits:
                now = edit(site, slug, n, now)
                report = build(site, site / "output", now=now, jobs=jobs, budgets=budgets)
        clean, warnings = clean_build_and_warnings(site, now, budgets)
        assert differences(tree(site / "output"), clean) == []
        assert sorted(map(repr, report.problems)) == warnings
        assert report.files == len(clean) - 1  # counted from the records (not the marker)
