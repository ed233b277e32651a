"""The CDNs the admin page and the CMS load from, served on 127.0.0.1 from npm packages.

This machine has no internet. Chromium is told to resolve unpkg.com and cdn.jsdelivr.net
to a local HTTPS server (a self-signed certificate, accepted by the test browser only),
which answers from node_modules as those CDNs do from the same npm releases: the admin page
is tested exactly as the build writes it, Subresource Integrity hash included.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .cmskit import REPO

MODULES = REPO / "node_modules"
HOSTS = ("unpkg.com", "cdn.jsdelivr.net")
TYPES = {".js": "text/javascript", ".json": "application/json", ".woff2": "font/woff2"}


def npm_file(host: str, path: str) -> Path | None:
    """unpkg.com/<package>@<version>/<file> and jsdelivr's fontsource fonts, from npm."""
    if host == "unpkg.com":
        scope, name, rest = path.lstrip("/").split("/", 2)
        return MODULES / scope / name.split("@")[0] / rest
    if host == "cdn.jsdelivr.net" and path.startswith("/fontsource/fonts/"):
        family_version, file = path.removeprefix("/fontsource/fonts/").split("/", 1)
        family = family_version.split(":")[0]
        return MODULES / "@fontsource-variable" / family / "files" / f"{family}-{file}"
    return None


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        path = npm_file(host, unquote(urlsplit(self.path).path))
        if path is None or not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kampung test CDN")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [*(x509.DNSName(h) for h in HOSTS),
                 x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class CdnHost:
    """HTTPS on 127.0.0.1 for the CDN hosts; `chromium_args` points a browser at it."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        with tempfile.TemporaryDirectory() as folder:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*_certificate(Path(folder)))
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        port = self.server.server_address[1]
        rules = ", ".join(f"MAP {host}:443 127.0.0.1:{port}" for host in HOSTS)
        self.chromium_args = (f"--host-resolver-rules={rules}", "--ignore-certificate-errors")
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def __enter__(self) -> CdnHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
