"""Cache and compression rules for the cheap hosts villages use.

- `_headers` (Netlify, Cloudflare Pages): a year of caching for fingerprinted files under
  `aset/`, revalidation for pages (`/`, `/*/`, `/*.html`) and the service worker, and a
  Content-Security-Policy that forbids script in an SVG opened at its own address. Those
  hosts compress by themselves.
- `.htaccess` (Apache on cPanel shared hosting): serve `page.html.br` or `.gz` to browsers
  that accept them, with the right type and encoding, and the same cache rules. Every rule
  sits in an `<IfModule>`, so a host without a module serves plain files instead of failing.

Both are written at the output root (whole portal on one host) and in each village folder
(a village on its own domain). nginx has no per-folder file: `docs/hosting-headers.md`
holds its snippet.

Whether the build writes precompressed copies at all is decided here too (`precompress`,
from each publish target's `hosts.serves_copies`): a Pages branch or a bucket never
sends them, so a build only for such hosts makes none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..hosts import serves_copies

FINGERPRINT = r"\.[0-9a-f]{10}\.(webp|jpg|png|svg|css|js|woff2)"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# an SVG opened at its own address runs no script, even one svg-hush missed
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def precompress(portal: Mapping[str, Any], profiles: Iterable[Mapping[str, Any]]) -> bool:
    """Does the build write `.gz`/`.br` copies? `kompresi: ya` or `tidak` in portal.yaml
    says so; otherwise yes when any publish target (the portal's or a village's) serves
    them, or when none is named (the folder may go anywhere, as it always could)."""
    setting = portal.get("kompresi", "otomatis")
    if setting in ("ya", "tidak"):
        return setting == "ya"
    sections = [portal.get("publikasi"), *(profile.get("publikasi") for profile in profiles)]
    targets = [target for section in sections if isinstance(section, dict)
               for target in section.values() if isinstance(target, dict)]
    return not targets or any(serves_copies(str(target.get("jenis")),
                                            str(target.get("kompresi", "otomatis")))
                              for target in targets)


def headers_file(villages: list[str]) -> str:
    """`_headers` for the output root; `villages=[]` gives the one for a village folder."""
    prefixes = [f"/{slug}" for slug in villages] or [""]
    blocks = ["# Kampung: cache rules for Netlify and Cloudflare Pages.",
              "/*\n  X-Content-Type-Options: nosniff\n"
              "  Referrer-Policy: strict-origin-when-cross-origin"]
    for prefix in prefixes:
        blocks.append(f"{prefix}/aset/*\n  Cache-Control: {IMMUTABLE}")
        blocks.append(f"{prefix}/sw.js\n  Cache-Control: {REVALIDATE}")
        blocks.append(f"{prefix}/media/*.svg\n  Content-Security-Policy: {SVG_POLICY}")
    # pages, by file and by folder address: asked again every time, so no browser's
    # heuristic cache answers for a host that sends no rule with an old page
    blocks += [f"{pages}\n  Cache-Control: {REVALIDATE}" for pages in ("/", "/*/", "/*.html")]
    return "\n".join(blocks) + "\n"


HTACCESS = rf"""# Kampung, Apache/cPanel: precompressed copies, long cache for fingerprinted files
AddDefaultCharset utf-8
<IfModule mod_mime.c>
  AddType image/webp .webp
  AddType text/javascript .js
  AddType application/xml .xml
  RemoveType .gz .br
  AddEncoding x-gzip .gz
</IfModule>
<IfModule mod_headers.c>
  <IfModule mod_rewrite.c>
    RewriteEngine On
    # A folder address (/kemiren/) is its index.html.
    RewriteCond %{{REQUEST_FILENAME}} -d
    RewriteCond %{{REQUEST_FILENAME}}/index.html -f
    RewriteRule ^(.*/)?$ $1index.html
    RewriteCond %{{HTTP:Accept-Encoding}} \bbr\b
    RewriteCond %{{REQUEST_FILENAME}}.br -f
    RewriteRule ^(.+)$ $1.br [L]
    RewriteCond %{{HTTP:Accept-Encoding}} \bgzip\b
    RewriteCond %{{REQUEST_FILENAME}}.gz -f
    RewriteRule ^(.+)$ $1.gz [L]
    RewriteRule \.(br|gz)$ - [E=no-gzip:1,E=no-brotli:1]
  </IfModule>
  <FilesMatch "\.html\.(br|gz)$">
    ForceType "text/html; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\.xml\.(br|gz)$">
    ForceType "application/xml; charset=utf-8"
  </FilesMatch>
  <FilesMatch "^feed\.xml(\.(br|gz))?$">
    ForceType "application/atom+xml; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\.txt\.(br|gz)$">
    ForceType "text/plain; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\.js\.(br|gz)$">
    ForceType "text/javascript; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\.css\.(br|gz)$">
    ForceType "text/css; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\.br$">
    Header set Content-Encoding br
    Header append Vary Accept-Encoding
  </FilesMatch>
  <FilesMatch "\.gz$">
    Header set Content-Encoding gzip
    Header append Vary Accept-Encoding
  </FilesMatch>
  <FilesMatch "{FINGERPRINT}(\.(br|gz))?$">
    Header set Cache-Control "{IMMUTABLE}"
  </FilesMatch>
  <FilesMatch "(\.html|sw\.js)(\.(br|gz))?$">
    Header set Cache-Control "{REVALIDATE}"
  </FilesMatch>
  <FilesMatch "\.svg(\.(br|gz))?$">
    Header set Content-Security-Policy "{SVG_POLICY}"
  </FilesMatch>
  Header always set X-Content-Type-Options nosniff
</IfModule>
"""


def hosting_files(villages: list[str], selected: Iterable[str]) -> list[tuple[str, bytes]]:
    """(`_headers`, `.htaccess`) at the root (naming every village) and in each village
    folder being built (the others keep theirs)."""
    files = [("_headers", headers_file(villages).encode()), (".htaccess", HTACCESS.encode())]
    for slug in sorted(set(selected)):
        files += [(f"{slug}/_headers", headers_file([]).encode()),
                  (f"{slug}/.htaccess", HTACCESS.encode())]
    return files
