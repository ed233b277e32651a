"""Bytes a phone downloads for one search, measured in headless Chromium (not a test).

    python -m benchmarks.generate --pages 10000 --only kampung --out /tmp/c10k
    kampung build --site /tmp/c10k/kampung
    python tests/extras/measure_search.py /tmp/c10k/kampung/output posyandu "surat pindah" \\
        desa-00000/cari/index.html cari/index.html

For each search page: the page itself, then the first search (Pagefind's script, worker,
WebAssembly, entry and metadata, then index chunks and result fragments), then a second
search, with the browser cache on, as a phone would. Bytes are what the host sent for
`/pagefind/` files, headers included, served precompressed (.br) where the build made it;
the service worker's own downloads after a page load are not counted.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browser.cdp import Chromium
from browser.host import StaticHost

from extras.netlog import record_requests


def type_and_wait(page: object, words: str) -> int:
    page.evaluate(f"document.getElementById('q').value = {words!r},"
                  "document.getElementById('q').dispatchEvent(new Event('input'))")
    page.wait_for("document.getElementById('cari-status').textContent.length", 60)
    return page.evaluate("document.querySelectorAll('#cari-hasil a').length")


def measure(output: Path, search_page: str, searches: list[str]) -> dict[str, object]:
    with StaticHost(output) as host, Chromium.launch() as browser:
        sent = record_requests(host)
        page = browser.new_page()
        page.emulate_phone()
        page.goto(host.url + search_page)
        rows: dict[str, object] = {"page": sum(s for p, s in sent if p.endswith(search_page))}
        for words in searches:
            sent.clear()
            found = type_and_wait(page, words)
            page.evaluate("document.getElementById('cari-status').textContent = ''")
            index = [size for path, size in sent if "/pagefind/" in path]
            rows[words] = (sum(index), len(index), found)
        return rows


def main(argv: list[str]) -> None:
    output, searches, pages = Path(argv[0]), argv[1:3], argv[3:]
    print("search page | page bytes | first search bytes (requests, results) | second search")
    for search_page in pages:
        rows = measure(output, search_page, searches)
        first, second = rows[searches[0]], rows[searches[1]]
        print(f"{search_page} | {rows['page']} | {first[0]} ({first[1]}, {first[2]}) | "
              f"{second[0]} ({second[1]}, {second[2]})")


if __name__ == "__main__":
    main(sys.argv[1:])
