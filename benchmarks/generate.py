"""Write a seeded corpus for Kampung and the peers: `python -m benchmarks.generate`.

    python -m benchmarks.generate --pages 10000 --out /tmp/corpus-10k
    python -m benchmarks.generate --pages 1000 --only kampung --out /tmp/c1k

Each generator gets its own folder under --out (kampung/, hugo/, pelican/, mkdocs/).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from .corpus import corpus
from .writers import WRITERS


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", action="append", choices=sorted(WRITERS), default=[])
    args = parser.parse_args(argv)
    write(args.pages, args.seed, args.out, args.only or sorted(WRITERS))


def write(pages: int, seed: int, out: Path, generators: list[str]) -> None:
    villages = corpus(pages, seed)
    for name in generators:
        target = out / name
        if target.exists():
            shutil.rmtree(target)
        WRITERS[name](villages, target)


if __name__ == "__main__":
    main()
