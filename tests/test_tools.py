"""`make serve` installs what running needs, on the port asked for. `make test` on a machine
without the optional outside tools passes, skipping each test that needs one with a one-line
reason; with CI=true the same tests fail instead. The tools are hidden from the tests
(KAMPUNG_TEST_HIDE, read by tests/tools.py), not uninstalled."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
HIDDEN = "chromium,apache2,nginx,nginx-brotli,java,vnu.jar,axe-core"
NEEDING_TOOLS = ["assets/test_hosting.py", "test_phone_home.py", "serve/test_browser.py",
                 "browser/test_standards.py", "browser/test_phone.py", "extras/test_print.py",
                 "browser/test_informasi_phone.py", "browser/test_kontras.py"]


def run_hidden(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"KAMPUNG_TEST_HIDE": HIDDEN, **({"CI": "true"} if ci else {})})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           *(str(TESTS / name) for name in NEEDING_TOOLS)],
                          cwd=TESTS.parent, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_without_the_tools_every_test_that_needs_one_skips_saying_why() -> None:
    result = run_hidden(ci=False)
    assert result.returncode == 0, result.stdout[-3000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ skipped in .*", summary), summary
    reasons = re.findall(r"^SKIPPED \[\d+\] \S+: (.*)$", result.stdout, re.M)
    assert reasons and all(re.fullmatch(r"\S+ is not installed \(.+\)", r) for r in reasons)


@pytest.mark.slow
def test_with_ci_true_a_missing_tool_fails_the_tests_instead() -> None:
    result = run_hidden(ci=True)
    assert result.returncode == 1
    assert "skipped" not in result.stdout.strip().splitlines()[-1]
    assert "is not installed (apt-get install chromium); CI=true requires it" in result.stdout


def test_make_serve_installs_no_test_extras_and_takes_a_port(tmp_path: Path) -> None:
    """What make would run (-n), in a venv of its own: pip's `-e .` without `[test]`."""
    # Under `make test` the parent's MAKEFLAGS would add "Entering/Leaving directory" lines.
    plan = subprocess.run(["make", "-n", "--no-print-directory", "serve", "PORT=8001",
                           f"VENV={tmp_path}"], cwd=TESTS.parent, capture_output=True,
                          text=True, check=True, env=os.environ | {"MAKEFLAGS": ""}).stdout
    installs = [line for line in plan.splitlines() if " pip install " in line]
    assert installs[-1].endswith("pip install --quiet -e .")
    assert "[test]" not in plan
    assert plan.splitlines()[-1] == f"{tmp_path}/bin/kampung serve --port 8001"
