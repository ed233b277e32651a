"""Kampung as a village gets it: installed into a new virtual environment from a package
source (a built wheel, or a git repository at a commit), never from this working tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def venv(folder: Path) -> Path:
    """A new virtual environment with nothing installed; returns its bin/ folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin"


def clean_env(bin_dir: Path, **extra: str) -> dict[str, str]:
    """The environment a volunteer's shell or a CI runner has: this venv first on PATH,
    no PYTHONPATH or editable-install leftovers from the test run."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "KAMPUNG_LANG", "CI")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return {**env, "VIRTUAL_ENV": str(bin_dir.parent), **extra}


def pip_install(bin_dir: Path, spec: str) -> None:
    result = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", spec],
                            capture_output=True, text=True, env=clean_env(bin_dir))
    assert result.returncode == 0, result.stderr[-3000:]


def source_repository(folder: Path) -> tuple[Path, str]:
    """This working tree as it is now (tracked and new files, not ignored ones) committed to
    a new git repository: what a village's CI would clone. Returns (path, commit)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (REPO / rel).is_file():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, folder / rel)
    git = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@localhost"]
    subprocess.run([*git, "init", "--quiet", str(folder)], check=True)
    subprocess.run([*git, "add", "--all"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "Kampung"], cwd=folder, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True,
                          text=True, check=True).stdout.strip()
    return folder, head


def build_artifacts(source: Path, dist: Path) -> tuple[Path, Path]:
    """`python -m build` (sdist, then the wheel from it, as PyPA's tool does); returns
    (wheel, sdist)."""
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist),
                             str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Package would be ignored" not in result.stdout + result.stderr
    return next(dist.glob("*.whl")), next(dist.glob("*.tar.gz"))
