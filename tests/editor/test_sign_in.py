"""The sign-in page for each git host, on a phone, as the guide shows it.

No git host runs here, so the test stops where the phone would leave for the host: it
checks that GitLab and Forgejo/Gitea are asked for a PKCE sign-in (no server of ours) and
that GitHub offers its access-token sign-in.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser.cdp import Chromium
from browser.host import StaticHost

from kampung.cms.page import admin_files

from .cdnhost import CdnHost
from .cmskit import REPO, cms_package
from .cmspage import Cms

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]
PORTAL = {"nama": "Portal Desa Contoh", "base_url": "https://desa.example.id/"}
HOSTS = {
    "gitlab": ({"git": "gitlab", "repo": "desa/portal", "app_id": "kampung-gitlab-app"},
               "GitLab", "https://gitlab.com/oauth/authorize"),
    "gitea": ({"git": "gitea", "repo": "desa/portal", "alamat": "https://codeberg.org",
               "app_id": "kampung-forgejo-app"},
              "Codeberg", "https://codeberg.org/login/oauth/authorize"),  # Forgejo
}


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[Chromium, CdnHost]]:
    cms_package()
    with CdnHost() as cdn, Chromium.launch(extra_args=cdn.chromium_args) as chromium:
        yield chromium, cdn


def open_admin(browser: tuple[Chromium, CdnHost], editor: dict[str, str], root: Path,
               shots: Path) -> tuple[Cms, StaticHost]:
    for rel, data in admin_files({**PORTAL, "editor": editor}, [("sukamaju", "Sukamaju")]):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    host = StaticHost(root)
    page = browser[0].new_page()
    page.emulate_phone()
    page.goto(host.url + "admin/index.html")
    return Cms(page, shots), host


def popup_url(chromium: Chromium, prefix: str, timeout: float = 15) -> str:
    """The address of the window the CMS opened for signing in (no internet: it fails)."""
    deadline = time.monotonic() + timeout
    connection = chromium._browser()
    try:
        while time.monotonic() < deadline:
            for target in connection.send("Target.getTargets", {})["targetInfos"]:
                if target["url"].startswith(prefix):
                    return target["url"]
            time.sleep(0.2)
    finally:
        connection.close()
    raise AssertionError(f"no window opened at {prefix}")


def offline_only(errors: list[str]) -> bool:
    """Only what fails because this machine has no internet (the host's status page)."""
    return all("net::ERR_NAME_NOT_RESOLVED" in error for error in errors)


def shots_folder(tmp_path: Path) -> Path:
    return REPO / "docs" / "img" / "editor" if os.environ.get("KAMPUNG_DOC_SHOTS") else tmp_path


@pytest.mark.parametrize("name", sorted(HOSTS))
def test_gitlab_and_forgejo_sign_in_with_pkce(browser: tuple[Chromium, CdnHost], name: str,
                                              tmp_path: Path) -> None:
    editor, label, authorize = HOSTS[name]
    cms, host = open_admin(browser, editor, tmp_path / "site", shots_folder(tmp_path))
    with host:
        cms.wait_text(f"Sign In with {label}")
        cms.shot(f"masuk-{name}")
        cms.tap_text(f"Sign In with {label}")
        opened = popup_url(browser[0], authorize)
        query = parse_qs(urlsplit(opened).query)
        assert opened.startswith(authorize + "?")
        assert query["client_id"] == [editor["app_id"]]
        assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
        assert offline_only(cms.page.console_errors())


def test_github_offers_a_token_sign_in(browser: tuple[Chromium, CdnHost],
                                       tmp_path: Path) -> None:
    cms, host = open_admin(browser, {"git": "github", "repo": "desa/portal"},
                           tmp_path / "site", shots_folder(tmp_path))
    with host:
        cms.wait_text("Sign In Using Access Token")
        cms.shot("masuk-github")
        cms.tap_text("Sign In Using Access Token",
                     until="document.body.innerText.includes('Enter your token below')")
        cms.shot("masuk-github-token")
