"""Save-to-reload latency of `kampung serve`: from saving a file to the open page showing it.

    .venv/bin/python -m benchmarks.reload_latency                 # sample portal and 10,000 pages
    .venv/bin/python -m benchmarks.reload_latency --pages 0       # the sample portal only
    .venv/bin/python -m benchmarks.reload_latency --runs 10 --pages 2000

A real preview (`kampung.serve.Session`) serves each site on a free loopback port and a
real headless Chromium (tests/browser/cdp.py) opens one announcement. Each run appends a
sentence to that announcement's Markdown file, the way an editor saves, and times until
the browser shows the sentence: file event, coalescing window, build, server-sent event,
reload and render, all included. The preview's own log gives the build's share.

A measurement, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser.cdp import Chromium, Page  # noqa: E402

from kampung.content import load_markdown  # noqa: E402
from kampung.serve import Session  # noqa: E402

from .generate import write as write_corpus  # noqa: E402

SECONDS = re.compile(r"\(([\d.]+) s\)")


@dataclass
class Result:
    name: str
    pages: int
    first_build: float
    latencies: list[float]
    builds: list[float]

    def line(self) -> str:
        ms = sorted(x * 1000 for x in self.latencies)
        build = statistics.median(self.builds) * 1000 if self.builds else float("nan")
        return (f"{self.name:<16} {self.pages:>6} pages  first build {self.first_build:6.2f} s  "
                f"save→reload ms: min {ms[0]:6.0f}  median {statistics.median(ms):6.0f}  "
                f"max {ms[-1]:6.0f}  (build median {build:5.0f} ms, {len(ms)} runs)")


def sample_site(tmp: Path) -> Path:
    """A copy of the repository's sample portal, with its photo cache so set-up is quick."""
    site = tmp / "sample"
    shutil.copytree(REPO / "content", site / "content")
    if (REPO / ".kampung-cache").is_dir():
        shutil.copytree(REPO / ".kampung-cache", site / ".kampung-cache")
    return site


def corpus_site(tmp: Path, pages: int) -> Path:
    write_corpus(pages, 1, tmp / "corpus", ["kampung"])
    return tmp / "corpus" / "kampung"


def announcement(site: Path) -> tuple[Path, str]:
    """The first village's first announcement file, and its address in the preview."""
    village = sorted(p.parent for p in (site / "content").glob("*/desa.yaml"))[0]
    path = sorted((village / "pengumuman").glob("*.md"))[0]
    doc, _ = load_markdown(path, path.name)
    slug = (doc.data.get("slug") if doc else None) or path.stem
    return path, f"{village.name}/pengumuman/{slug}/"


def measure(name: str, site: Path, runs: int, browser: Chromium) -> Result:
    log: list[str] = []
    path, address = announcement(site)
    started = time.perf_counter()
    with Session(site, port=0, lang="en", log=log.append) as session:
        first = time.perf_counter() - started
        page = browser.new_page()
        page.goto(session.url + address)
        latencies, builds = [], []
        for run in range(runs):
            marker = f"Penanda ukur {run} {time.time_ns()}"
            seen = len(log)
            since = len(page.cdp.events)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\n{marker}\n")
            saved = time.perf_counter()
            wait_for_text(page, marker, since)
            latencies.append(time.perf_counter() - saved)
            builds += [float(m[1]) for line in log[seen:] if (m := SECONDS.search(line))]
            session.rebuilder.idle.wait()
            time.sleep(0.3)
    pages = sum(1 for _ in (site / "content").glob("*/*/*.md"))
    return Result(name, pages, first, latencies, builds)


def wait_for_text(page: Page, text: str, since: int, timeout: float = 600) -> None:
    """Wait for each page load after event `since` until one shows `text`.

    Waiting on the load event instead of polling avoids asking a page that is being
    replaced, and gives the moment the reloaded page is ready.
    """
    expression = f"document.body.innerText.includes({json.dumps(text)})"
    deadline = time.monotonic() + timeout
    while True:
        event = page.cdp.wait_event("Page.loadEventFired", since, deadline - time.monotonic())
        since = page.cdp.events.index(event) + 1
        if page.evaluate(expression):
            return


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=10000,
                        help="size of the generated site (0: sample portal only)")
    parser.add_argument("--site", type=Path, default=None,
                        help="measure this site (e.g. a corpus from benchmarks.generate, "
                             "with its warm cache) instead of generating one; it is edited")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kampung-reload-") as folder, \
            Chromium.launch() as browser:
        tmp = Path(folder)
        results = [measure("sample portal", sample_site(tmp), args.runs, browser)]
        print(results[-1].line(), flush=True)
        if args.site or args.pages:
            site = args.site.resolve() if args.site else corpus_site(tmp, args.pages)
            results.append(measure(args.site.name if args.site else f"generated {args.pages}",
                                   site, args.runs, browser))
            print(results[-1].line(), flush=True)


if __name__ == "__main__":
    main()
