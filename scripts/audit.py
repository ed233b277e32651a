"""Lighthouse audit of the sample portal: the four category scores and bytes per page type.

Builds the sample content, serves it on 127.0.0.1 the way a cheap host would (precompressed
copies, the build's own `_headers` cache rules), and runs Lighthouse (npm
`lighthouse@12.2.3`, mobile form factor, simulated Slow 4G, Debian's Chromium) on a home
page, a service page, a tourism page with photos and the announcement list. Not a test:
it prints a Markdown table for the README and the notes.

    npm install --no-save --prefix . lighthouse@12.2.3      # once (.ci/npm/assets.txt)
    .venv/bin/python scripts/audit.py                       # build, serve, audit
    .venv/bin/python scripts/audit.py --json audit.json     # also keep the numbers
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kampung.build import build  # noqa: E402
from tests.browser.host import StaticHost  # noqa: E402

PAGES = {
    "home": "kemiren/index.html",
    "service": "kemiren/layanan/ktp-el/index.html",
    "tourism (photos)": "tamansari/wisata/kawah-ijen/index.html",
    "announcement list": "kemiren/pengumuman/index.html",
    "APBDes (tables, charts)": "kemiren/apbdes/index.html",
    "public information list": "kemiren/informasi-publik/index.html",
    "search": "kemiren/cari/index.html",
    "event (recurring)": "kemiren/agenda/posyandu-balita/index.html",
    "poster (print page)": "kemiren/layanan/ktp-el/cetak.html",
    "portal": "index.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def lighthouse(url: str, out: Path) -> dict:
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("lighthouse missing: npm install --no-save --prefix . lighthouse@12.2.3")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
                    f"--chrome-flags={CHROME_FLAGS}"], env=env, check=True, timeout=300)
    return json.loads(out.read_text())


def summary(result: dict) -> dict:
    audits = result["audits"]
    return {
        "scores": {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES},
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
    }


def table(rows: dict[str, dict], weights: dict[str, dict]) -> str:
    lines = ["| page type | Perf | A11y | BP | SEO | HTML gz | first view (build) | "
             "Lighthouse bytes | FCP | LCP |", "|" + "---|" * 10]
    for name, row in rows.items():
        s, w = row["scores"], weights.get(PAGES[name])  # print pages are not weighed
        built = f"{w['html_gz'] / 1024:.1f} KB | {w['first_view'] / 1024:.1f} KB" if w else "– | –"
        lines.append(
            f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
            f"{s['seo']} | {built} | "
            f"{row['bytes'] / 1024:.1f} KB | {row['fcp_ms']} ms | {row['lcp_ms']} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the numbers to this file too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kampung-audit-") as tmp:
        output = Path(tmp) / "output"
        report = build(REPO, output, now=datetime(2026, 11, 28, 9, 0), weights=True)
        weights = {p.path: {"html_gz": p.html_gz, "first_view": p.first_view}
                   for p in report.weights.pages()}
        rows = {}
        with StaticHost(output) as host:
            for name, path in PAGES.items():
                rows[name] = summary(lighthouse(host.url + path, Path(tmp) / "lh.json"))
                print(f"{name}: {rows[name]['scores']}", file=sys.stderr)
    print(table(rows, weights))
    if args.json:
        args.json.write_text(json.dumps({"lighthouse": rows, "build": weights}, indent=1))


if __name__ == "__main__":
    main()
