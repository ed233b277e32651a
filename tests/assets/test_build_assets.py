"""What a volunteer's upload becomes in the built site, and what the build says about it."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import brotli
import pytest
from PIL import Image

from kampung.assets.budgets import Budgets
from kampung.assets.firstview import first_view_assets
from kampung.build import build
from kampung.errors import ContentError

from .sitephotos import photo_site

NOW = datetime(2026, 11, 28, 9, 0)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = photo_site(tmp_path_factory.mktemp("situs"))
    report = build(root, root / "output", now=NOW)
    return root, report


def page(built: tuple[Path, object], rel: str) -> str:
    return (built[0] / "output" / "sukamaju" / rel).read_text(encoding="utf-8")


def test_no_published_photo_carries_exif_or_gps(built):
    out = built[0] / "output" / "sukamaju"
    photos = [p for p in out.rglob("*") if p.suffix in (".jpg", ".webp", ".png")]
    assert len(photos) > 30
    for photo in photos:
        data = photo.read_bytes()
        assert b"GPS" not in data and b"Exif" not in data, photo
        assert not Image.open(io.BytesIO(data)).getexif(), photo


def test_the_photo_a_360px_phone_downloads_is_a_small_webp(built):
    html = page(built, "wisata/air-terjun/index.html")
    source = re.search(r'<source sizes="([^"]+)" srcset="([^"]+)" type=image/webp>', html)
    assert source, "no WebP <source> in the tourism page"
    assert source[1] == "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
    candidates = {int(w[:-1]): url for url, w in (c.split() for c in source[2].split(", "))}
    chosen = candidates[min(w for w in candidates if w >= 656)]  # 328 CSS px at DPR 2
    data = (built[0] / "output" / "sukamaju" / "wisata" / "air-terjun" / chosen).resolve()
    assert chosen.endswith(".webp") and "-720." in chosen
    assert data.stat().st_size < 60 * 1024


def test_first_picture_is_eager_the_rest_lazy_all_with_dimensions(built):
    html = page(built, "wisata/air-terjun/index.html")
    images = re.findall(r"<img [^>]+>", html)
    assert len(images) == 4  # logo, two photos from front matter, one from the Markdown body
    assert all("width=" in i and "height=" in i for i in images)
    logo, first, *rest = images
    assert "loading" not in logo and "loading" not in first and "fetchpriority=high" in first
    assert all("loading=lazy" in i and "decoding=async" in i for i in rest)


def test_markdown_image_becomes_a_picture(built):
    html = page(built, "wisata/air-terjun/index.html")
    assert re.search(r'<picture><source [^>]*kolam-80\.[0-9a-f]{10}\.webp', html)
    assert 'alt="Kolam di bawah air terjun"' in html


def test_attachment_link_says_type_and_size(built):
    html = page(built, "pengumuman/musyawarah/index.html")
    assert "Undangan musyawarah</a> <span class=meta>(PDF, 240 KB)</span>" in html


def test_pages_are_minified_and_have_compressed_copies(built):
    out = built[0] / "output" / "sukamaju"
    html = (out / "index.html").read_bytes()
    assert b"\n<" not in html[:2000]
    assert gzip.decompress((out / "index.html.gz").read_bytes()) == html
    assert brotli.decompress((out / "index.html.br").read_bytes()) == html
    assert not list((out / "aset").glob("*.gz")), "photos are compressed already"
    assert (out / "cetak.html").is_file()
    assert not list(out.rglob("cetak.html.*")), "print pages: the host compresses them"


def test_hosting_files_and_service_worker(built):
    root = built[0] / "output"
    assert "/sukamaju/aset/*\n  Cache-Control: public, max-age=31536000, immutable" in \
        (root / "_headers").read_text()
    assert "/aset/*\n  Cache-Control: public, max-age=31536000, immutable" in \
        (root / "sukamaju" / "_headers").read_text()
    assert "RewriteRule ^(.+)$ $1.br [L]" in (root / "sukamaju" / ".htaccess").read_text()
    for headers, rule in ((root / "_headers", "/sukamaju/media/*.svg"),  # no Netlify here
                          (root / "sukamaju" / "_headers", "/media/*.svg")):
        assert f"{rule}\n  Content-Security-Policy: default-src 'none'" in headers.read_text()
    sw = (root / "sukamaju" / "sw.js").read_bytes()
    assert len(brotli.compress(sw)) <= 2048 and len(gzip.compress(sw)) <= 2048
    for page in (b"layanan/ktp-el/", b"kontak/", b"pengumuman/musyawarah/", b"offline/",
                 b"aset/logo-80."):
        assert page in sw
    assert not sw.startswith(b"//"), "comments are for the theme's source, not the phone"


def test_rebuild_processes_no_photo_again(built, tmp_path):
    root, first = built
    assert first.images == (4, 4)
    again = build(root, tmp_path / "out", now=NOW)
    assert again.images == (4, 0)


def test_broken_photo_is_an_error_naming_it_and_other_pages_still_build(tmp_path):
    root = photo_site(tmp_path / "situs", broken=True)
    report = build(root, root / "output", now=NOW)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.path, p.line, p.code) for p in errors] == [  # where the page names it
        ("sukamaju/wisata/air-terjun.md", 7, "image_truncated")]
    assert "jalan-setapak.jpg" in errors[0].message("id")
    assert errors[0].hint("en").startswith("The upload was probably interrupted")
    html = (root / "output" / "sukamaju" / "wisata" / "air-terjun" / "index.html").read_text()
    assert "air-terjun-720." in html and "jalan-setapak-" not in html


def test_cli_exits_non_zero_for_a_broken_photo_and_strict_keeps_old_site(tmp_path):
    root = photo_site(tmp_path / "situs", broken=True)
    run = subprocess.run([sys.executable, "-m", "kampung", "build", "--site", str(root),
                          "--now", "2026-11-28", "--lang", "en"], capture_output=True, text=True)
    assert run.returncode == 1
    assert ("sukamaju/wisata/air-terjun.md:7:6: error: Image sukamaju/media/jalan-setapak.jpg"
            in run.stderr)
    assert (root / "output" / "sukamaju" / "index.html").is_file()
    shutil.rmtree(root / "output" / "sukamaju" / "kontak")
    with pytest.raises(ContentError):
        build(root, root / "output", now=NOW, strict=True)
    assert not (root / "output" / "sukamaju" / "kontak").exists()  # untouched


def test_over_budget_warns_and_report_json_lists_pages(tmp_path):
    root = photo_site(tmp_path / "situs")
    report = build(root, root / "output", now=NOW, budgets=Budgets(first_view_kb=30))
    over = [p for p in report.problems if p.code == "budget_first_view"]
    assert [p.path for p in over] == ["sukamaju/wisata/air-terjun.md"]
    assert over[0].severity == "warning"
    run = subprocess.run([sys.executable, "-m", "kampung", "build", "--site", str(root),
                          "--now", "2026-11-28", "--report", "json", "--budget", "30"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["over_budget"] == ["sukamaju/wisata/air-terjun/index.html"]
    weights = {p["path"]: p for p in data["pages"]}
    tourism = weights["sukamaju/wisata/air-terjun/index.html"]
    assert tourism["html_gz"] < 14 * 1024 < tourism["first_view"]
    with pytest.raises(ContentError) as failed:
        build(root, root / "output", now=NOW, budgets=Budgets(first_view_kb=30), strict=True)
    assert "budget_first_view" in {p.code for p in failed.value.problems}


def test_print_pages_are_not_weighed_against_the_phone_budgets(tmp_path):
    root = photo_site(tmp_path / "situs")
    report = build(root, root / "output", now=NOW, budgets=Budgets(html_kb=0.1),
                   weights=True)
    posters = sorted(p.relative_to(root / "output").as_posix()
                     for p in (root / "output").rglob("cetak.html"))
    warned = {dict(p.params)["page"] for p in report.problems if p.code == "budget_html"}
    weighed = {page.path for page in report.weights.pages()}
    assert posters and "sukamaju/index.html" in warned and "sukamaju/index.html" in weighed
    assert not warned & set(posters) and not weighed & set(posters)


def test_first_view_counts_what_a_phone_fetches_at_once():
    html = ('<html><head><link rel=stylesheet href=a.css><script src=s.js></script>'
            '<style>a{}</style></head><body><img alt="x > y" src="p.jpg"><picture>'
            '<source type=image/webp srcset="q-360.webp 360w, q-720.webp 720w" sizes=360px>'
            '<img src=q.jpg></picture><img loading=lazy src=z.jpg>'
            '<SCRIPT>var a = "<img src=not-fetched.jpg>"</SCRIPT></body></html>')
    assert first_view_assets("d/x/index.html", html.encode()) == (
        "d/x/a.css", "d/x/s.js", "d/x/p.jpg", "d/x/q-720.webp")


def test_first_view_counts_the_service_worker_and_the_pages_it_keeps_but_not_the_page():
    html = ('<html><body><script data-sw="../sw.js" data-precache="../index.html '
            'index.html ../kontak/index.html">register()</script></body></html>')
    assert first_view_assets("d/layanan/index.html", html.encode()) == (
        "d/sw.js", "d/index.html", "d/kontak/index.html")
