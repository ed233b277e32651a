"""The `.htaccess` and the documented nginx snippet, run by the real servers on 127.0.0.1:
phones get the precompressed page, and photos are cached for a year."""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import brotli
import pytest
from tools import program, require

from kampung.build import build

from .sitephotos import photo_site
from .test_svg import PETA

pytestmark = [pytest.mark.slow, pytest.mark.server]
REPO = Path(__file__).resolve().parents[2]
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
APACHE_MODULES = ("mpm_event", "authz_core", "dir", "mime", "rewrite", "headers", "env")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def docroot() -> Iterator[Path]:
    """A built site in a folder the servers' worker users can read."""
    base = Path(tempfile.mkdtemp(prefix="kampung-host-"))
    base.chmod(0o755)
    root = photo_site(base / "situs")
    (root / "content" / "sukamaju" / "media" / "peta.svg").write_bytes(PETA)
    build(root, base / "www", now=datetime(2026, 11, 28, 9))
    for folder, dirs, files in os.walk(base):
        for name in dirs:
            (Path(folder) / name).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    yield base / "www"
    shutil.rmtree(base, ignore_errors=True)


def start(command: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    _, err = process.communicate()
    raise RuntimeError(f"{command[0]} did not start: {err.decode()} "
                       f"{log.read_text() if log.exists() else ''}")


@pytest.fixture(scope="module")
def apache(docroot: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    binary = program("apache2", "apt-get install apache2", "/usr/sbin/apache2")
    work, port = tmp_path_factory.mktemp("apache"), free_port()
    modules = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so"
                        for m in APACHE_MODULES)
    (work / "httpd.conf").write_text(f"""\
ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
DefaultRuntimeDir {work}
ErrorLog {work}/error.log
User www-data
Group www-data
{modules}
TypesConfig /etc/mime.types
DocumentRoot {docroot}
<Directory {docroot}>
  AllowOverride All
  Require all granted
</Directory>
DirectoryIndex index.html
""")
    process = start([binary, "-f", str(work / "httpd.conf"), "-DFOREGROUND"], port,
                    work / "error.log")
    yield port
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def nginx(docroot: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    binary = program("nginx", "apt-get install nginx", "/usr/sbin/nginx")
    brotli_module = require("nginx-brotli", BROTLI_MODULE,
                            "apt-get install libnginx-mod-http-brotli-static")
    work, port = tmp_path_factory.mktemp("nginx"), free_port()
    doc = (REPO / "docs" / "hosting-headers.md").read_text()
    snippet = re.search(r"```nginx\n(.*?)```", doc, re.S)[1]
    snippet = re.sub(r"listen \d+;", f"listen 127.0.0.1:{port};", snippet)
    snippet = re.sub(r"root [^;]+;", f"root {docroot};", snippet)
    temps = "\n".join(f"{k}_temp_path {work}/{k};" for k in
                      ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""\
load_module {brotli_module};
daemon off;
user root;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  {temps}
  {snippet}
}}
""")
    process = start([binary, "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                    port, work / "error.log")
    yield port
    process.terminate()
    process.wait(10)


def get(port: int, path: str, encoding: str = "") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    coding = headers.get("content-encoding", "")
    return brotli.decompress(body) if coding == "br" else \
        gzip.decompress(body) if coding in ("gzip", "x-gzip") else body


@pytest.mark.parametrize("server", ["apache", "nginx"])
def test_host_sends_precompressed_pages_and_caches_photos(server, docroot, request):
    port = request.getfixturevalue(server)
    page = (docroot / "sukamaju" / "index.html").read_bytes()
    for path in ("/sukamaju/index.html", "/sukamaju/"):
        for accepted, expected in (("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", "")):
            status, headers, body = get(port, path, accepted)
            assert status == 200, (path, accepted, headers)
            assert headers.get("content-encoding", "").replace("x-gzip", "gzip") == expected
            assert headers["content-type"].startswith("text/html")
            assert "no-cache" in headers.get("cache-control", "")
            assert decoded(headers, body) == page
            if expected:
                assert "Accept-Encoding" in headers.get("vary", "")
    logo = next((docroot / "sukamaju" / "aset").glob("logo-80.*.webp")).name
    status, headers, body = get(port, f"/sukamaju/aset/{logo}", "gzip, br")
    assert status == 200 and headers["content-type"] == "image/webp"
    assert "content-encoding" not in headers
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers, body = get(port, "/sukamaju/sw.js", "br")
    assert status == 200 and "javascript" in headers["content-type"]
    assert "no-cache" in headers["cache-control"]
    assert decoded(headers, body) == (docroot / "sukamaju" / "sw.js").read_bytes()


@pytest.mark.parametrize("server", ["apache", "nginx"])
def test_host_forbids_script_in_an_svg_opened_on_its_own(server, docroot, request):
    port = request.getfixturevalue(server)
    status, headers, body = get(port, "/sukamaju/media/peta.svg")
    assert status == 200 and headers["content-type"].startswith("image/svg+xml")
    policy = headers.get("content-security-policy", "")
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"<script" not in body
    status, headers, _ = get(port, "/sukamaju/index.html")
    assert "content-security-policy" not in headers  # pages keep their scripts


RAW_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>'
           b'document.documentElement.setAttribute("data-ran", "ya")</script>'
           b'<circle r="4"/></svg>')


@pytest.mark.browser
@pytest.mark.parametrize("server", ["apache", "nginx"])
def test_chromium_runs_no_script_of_an_svg_the_host_serves(server, docroot, request):
    """The header alone stops script: an SVG put in the folder by hand, not sanitised."""
    from browser.cdp import Chromium

    port = request.getfixturevalue(server)
    raw = docroot / "sukamaju" / "media" / "mentah.svg"
    raw.write_bytes(RAW_SVG)
    raw.chmod(0o644)
    ran = "document.documentElement.getAttribute('data-ran')"
    with Chromium.launch() as browser:
        page = browser.new_page()
        page.goto("data:image/svg+xml;base64," + base64.b64encode(RAW_SVG).decode())
        assert page.evaluate(ran) == "ya"  # without the header it runs
        page.goto(f"http://127.0.0.1:{port}/sukamaju/media/mentah.svg")
        assert page.evaluate("document.documentElement.localName") == "svg"
        assert page.evaluate(ran) is None


@pytest.mark.parametrize("encoding", ["", "gzip", "br"])
def test_apache_serves_sitemaps_as_xml_and_only_feeds_as_atom(apache, docroot, encoding):
    """A crawler that gets a sitemap typed as a feed may ignore it (issue 15, point 10)."""
    for path, kind in (("/sitemap.xml", "application/xml"),
                       ("/sukamaju/sitemap.xml", "application/xml"),
                       ("/sukamaju/feed.xml", "application/atom+xml")):
        status, headers, body = get(apache, path, encoding)
        assert status == 200, path
        assert headers["content-type"].split(";")[0] == kind, (path, encoding, headers)
        assert decoded(headers, body) == (docroot / path.lstrip("/")).read_bytes()
