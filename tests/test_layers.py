"""The house keeps its layers: each stage imports only the stages below it, publishing reads
only the output, and no package has an import cycle (the contracts in pyproject.toml,
checked by import-linter's `lint-imports`, which `make test` and `make lint` run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the contracts, on the installed package or on a copy of it."""
    env = dict(os.environ)
    if package_parent is not None:  # found before the editable install
        env["PYTHONPATH"] = str(package_parent)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, env=env,
                          capture_output=True, text=True)


@pytest.mark.slow  # make test runs lint-imports itself
def test_the_package_keeps_every_contract() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.slow
def test_a_renderer_that_imports_the_cache_breaks_the_layers_and_names_the_line(
        tmp_path: Path) -> None:
    copy = tmp_path / "kampung"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    urls = copy / "render" / "urls.py"
    urls.write_text(urls.read_text().replace(
        "import posixpath\n", "import posixpath\n\nfrom ..incremental import store\n", 1))
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "The layers: each stage imports only the stages below it BROKEN" in result.stdout
    assert "kampung.render.urls -> kampung.incremental.store (l.7)" in result.stdout


@pytest.mark.slow
def test_a_cycle_inside_a_package_breaks_the_no_cycles_contract(tmp_path: Path) -> None:
    copy = tmp_path / "kampung"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    urls = copy / "render" / "urls.py"  # render.env already imports render.urls
    urls.write_text(urls.read_text().replace(
        "import posixpath\n", "import posixpath\n\nfrom . import env\n", 1))
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "No cycles between the modules of any package BROKEN" in result.stdout
    assert "The layers: each stage imports only the stages below it KEPT" in result.stdout


def test_make_test_and_make_lint_check_the_contracts(tmp_path: Path) -> None:
    for target in ("test", "lint"):
        plan = subprocess.run(["make", "-n", "--no-print-directory", target,
                               f"VENV={tmp_path}"], cwd=ROOT, capture_output=True, text=True,
                              check=True, env=os.environ | {"MAKEFLAGS": ""}).stdout
        assert f"{tmp_path}/bin/lint-imports" in plan.splitlines()
