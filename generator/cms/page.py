"""The admin page: a bare HTML page that loads the pinned CMS bundle, and its config.

The bundle (2 MB) is not copied into the site: volunteers use the editor online anyway, so
the page loads the npm release from a CDN, pinned by version and checked by its
Subresource Integrity hash. The page is `noindex` and nothing links to it; residents'
pages, sitemaps, search and service workers never see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

import yaml

from . import ADMIN
from .config import cms_config

try:  # libyaml: three times faster for a regency's config
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]



@dataclass(frozen=True)
class Bundle:
    """Where the CMS script comes from, and the hash a browser checks it against."""

    url: str
    integrity: str = ""


VERSION = "0.221.1"  # npm @sveltia/cms; .ci/npm/editor.txt pins the same for the tests
BUNDLE = Bundle(f"https://unpkg.com/@sveltia/cms@{VERSION}/dist/sveltia-cms.js",
                "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6")


def admin_files(portal: Mapping[str, Any], villages: Iterable[tuple[str, str]],
                bundle: Bundle = BUNDLE, prefix: str = f"{ADMIN}/"
                ) -> list[tuple[str, bytes]]:
    """(path, bytes) of the admin page and its config, under `prefix`."""
    config = cms_config(portal, villages)
    text = yaml.dump(config, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    return [(f"{prefix}index.html", admin_page(portal["nama"], bundle).encode()),
            (f"{prefix}config.yml", text.encode())]


def admin_page(title: str, bundle: Bundle) -> str:
    check = (f' integrity="{bundle.integrity}" crossorigin="anonymous"'
             if bundle.integrity else "")
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>Editor · {escape(title)}</title>
</head>
<body>
<script src="{escape(bundle.url)}"{check}></script>
</body>
</html>
"""
