"""A small built portal as plain files, and helpers to publish it and read a remote.

The tree mimics `kampung build` output (portal index, two villages, pages, announcements,
feeds, sitemaps, media, a fingerprinted stylesheet, precompressed copies) without using
the generator: publishing only ever sees a folder of files.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import signal
import subprocess
from pathlib import Path

import yaml
from sitekit import DESA, write

from kampung.cli import main
from kampung.publish.manifest import MANIFEST_NAME

Tree = dict[str, bytes]
ANNOUNCEMENT = "kemiren/pengumuman/jadwal-posyandu/index.html"


def page(title: str, words: int = 300) -> bytes:
    rng = random.Random(title)
    body = " ".join(rng.choice(["desa", "warga", "layanan", "posyandu", "kantor", "jadwal",
                                "surat", "pengantar", "balai", "musyawarah"])
                    for _ in range(words))
    return f"<!doctype html><title>{title}</title><main><h1>{title}</h1><p>{body}</p></main>"\
        .encode()


def with_gzip(tree: Tree, rel: str, data: bytes) -> None:
    tree[rel] = data
    tree[rel + ".gz"] = gzip.compress(data, mtime=0)


def sample_tree() -> Tree:
    """The sample portal: 2 villages, about 90 files, about 1 MB (mostly photos)."""
    rng = random.Random(6)
    tree: Tree = {}
    with_gzip(tree, "index.html", page("Portal Desa Banyuwangi"))
    tree["404.html"] = page("Halaman tidak ditemukan", 20)
    tree["robots.txt"] = b"User-agent: *\nSitemap: https://desa.example/sitemap.xml\n"
    tree["sitemap.xml"] = b"<urlset><url><loc>/kemiren/</loc></url></urlset>"
    for desa in ("kemiren", "tamansari"):
        with_gzip(tree, f"{desa}/index.html", page(f"Desa {desa} beranda"))
        tree[f"{desa}/assets/style.3f2a9c.css"] = b"body{font:16px/1.5 sans-serif}" * 40
        with_gzip(tree, f"{desa}/pengumuman/index.html", page(f"{desa} pengumuman"))
        tree[f"{desa}/feed.xml"] = f"<feed><title>{desa}</title></feed>".encode()
        tree[f"{desa}/sitemap.xml"] = f"<urlset><loc>{desa}</loc></urlset>".encode()
        for slug in ("ktp-el", "kartu-keluarga", "akta-kelahiran", "surat-pindah",
                     "sktm", "surat-usaha", "surat-domisili", "pengantar-nikah"):
            with_gzip(tree, f"{desa}/layanan/{slug}/index.html", page(f"{desa} {slug}"))
        for slug in ("jadwal-posyandu", "kerja-bakti", "vaksinasi", "musdes-2026",
                     "pemadaman-listrik", "lomba-17an"):
            with_gzip(tree, f"{desa}/pengumuman/{slug}/index.html", page(f"{desa} {slug}"))
        for index in range(6):
            tree[f"{desa}/media/foto-{index}.jpg"] = rng.randbytes(60_000 + index * 5_000)
    return tree


def edit_announcement(tree: Tree) -> tuple[Tree, set[str]]:
    """A volunteer fixes the date in one announcement; the build changes that page, its
    list, the village home page that shows the latest news, and the feed."""
    new = dict(tree)
    changed = set()
    for rel, title in ((ANNOUNCEMENT, "kemiren jadwal-posyandu (diubah: Sabtu 08.00 WIB)"),
                       ("kemiren/pengumuman/index.html", "kemiren pengumuman diubah"),
                       ("kemiren/index.html", "Desa kemiren beranda diubah")):
        with_gzip(new, rel, page(title))
        changed |= {rel, rel + ".gz"}
    new["kemiren/feed.xml"] = b"<feed><title>kemiren</title><entry>diubah</entry></feed>"
    changed.add("kemiren/feed.xml")
    return new, changed


def bigger_change(tree: Tree) -> Tree:
    """A new stylesheet fingerprint, a new page, a removed page, an edited announcement."""
    new, _ = edit_announcement(tree)
    del new["kemiren/assets/style.3f2a9c.css"]
    new["kemiren/assets/style.9b1e77.css"] = b"body{font:17px/1.5 sans-serif}" * 40
    for rel in list(new):
        if rel.startswith("kemiren/pengumuman/lomba-17an/"):
            del new[rel]
    with_gzip(new, "kemiren/pengumuman/sedekah-bumi/index.html", page("sedekah bumi"))
    return new


def write_tree(root: Path, tree: Tree) -> None:
    """Make `root` hold exactly `tree`, as a fresh build would."""
    for path in sorted(root.rglob("*"), reverse=True) if root.exists() else []:
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in tree:
            path.unlink()
    for rel, data in tree.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def make_site(folder: Path, targets: dict[str, dict], tree: Tree | None = None) -> Path:
    """A site whose content passes `kampung check` (publish refuses any other), with
    `targets` in its portal.yaml and `tree` as its built output."""
    (folder / "content").mkdir(parents=True, exist_ok=True)
    portal = {"nama": "Portal Uji", "base_url": "https://desa.example/", "publikasi": targets}
    (folder / "content" / "portal.yaml").write_text(yaml.safe_dump(portal, sort_keys=False))
    write(folder / "content", "kemiren/desa.yaml", DESA)
    write_tree(folder / "output", sample_tree() if tree is None else tree)
    return folder


@contextlib.contextmanager
def environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def report(self) -> dict:
        return json.loads(self.out)

    def target(self, index: int = 0) -> dict:
        return self.report["targets"][index]


def publish(site: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """`kampung publish` in this process, with the environment a CI job would give it."""
    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["publish", "--site", str(site), *args])
    return Run(code, out.getvalue(), err.getvalue())


def publish_killed_after(site: Path, uploads: int, env: dict[str, str],
                         sig: int = signal.SIGKILL) -> int:
    """Run `kampung publish` in a child process that is SIGKILLed (with everything it
    started: rsync, ssh) right after its `uploads`-th file was sent; or sent `sig`
    (SIGINT: Ctrl-C in a terminal reaches the whole process group)."""
    # a shell starts background jobs with SIGINT ignored, and Python keeps an inherited
    # SIG_IGN: give the child a terminal's Ctrl-C, whatever ran the tests
    script = f"""
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from kampung.publish import report
original = report.TerminalProgress.tick
def tick(self, rel):
    original(self, rel)
    if self.phase == "send" and self.count == {uploads}:
        os.killpg(0, {int(sig)})
report.TerminalProgress.tick = tick
from kampung.cli import main
sys.exit(main(["publish", "--site", {str(site)!r}]))
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([os.sys.executable, "-c", script], cwd=root, capture_output=True,
                          env={**os.environ, **env, "PYTHONPATH": str(root)},
                          start_new_session=True, timeout=300)
    return done.returncode


def without_manifest(files: Tree) -> Tree:
    return {rel: data for rel, data in files.items() if rel != MANIFEST_NAME}
