"""CI files that check, build and publish a site on every push to main and every day.

The templates live in `templates/`; what varies is filled in from the site's own publish
targets: the secrets CI must hand over (by name only) and the programs a target needs.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from .. import REPOSITORY, __version__
from .spec import TargetSpec

TEMPLATES = Path(__file__).parent / "templates"
DESTINATIONS = {"github": Path(".github/workflows/kampung.yml"), "gitlab": Path(".gitlab-ci.yml")}
PROGRAMS = {"git": ("git", "openssh-client"), "ssh": ("openssh-client", "rsync")}


def default_package() -> str:
    """Exactly the Kampung that writes the CI file, as pip installs it anywhere: the git
    commit it was installed from (pip records it, PEP 610), else this version's tag."""
    try:
        recorded = metadata.distribution("kampung").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        recorded = None
    origin = json.loads(recorded) if recorded else {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"git+{origin['url']}@{vcs['commit_id']}"
    return f"git+{REPOSITORY}@v{__version__}"


def secret_names(specs: list[TargetSpec]) -> list[str]:
    return sorted({name for spec in specs for name in spec.env_names()})


def render(provider: str, specs: list[TargetSpec], package: str) -> str:
    text = (TEMPLATES / f"{provider}.yml").read_text(encoding="utf-8")
    names = secret_names(specs)
    programs = sorted({p for spec in specs for p in PROGRAMS.get(spec.kind, ())})
    if provider == "github":
        env = ["        env:", *(f"          {n}: ${{{{ secrets.{n} }}}}" for n in names)]
        apt = ["      - name: Pasang program publikasi",
               f"        run: sudo apt-get install -y --no-install-recommends {' '.join(programs)}"]
        text = text.replace("@ENV@", "\n".join(env) if names else "")
    else:
        apt = [f"    - apt-get update && apt-get install -y --no-install-recommends "
               f"{' '.join(programs)}"]
        lines = [f"#   {n}" for n in names] or ["#   (tidak ada / none)"]
        text = text.replace("@SECRETS@", "\n".join(lines))
    text = text.replace("@APT@\n", "\n".join(apt) + "\n" if programs else "")
    return text.replace("@PACKAGE@", package).rstrip("\n") + "\n"


def write(site: Path, provider: str, specs: list[TargetSpec], package: str, *,
          force: bool = False) -> tuple[Path, bool]:
    """Write the CI file into `site`; an existing one is kept unless `force`.
    Returns the path and whether it was written. `kampung init --ci` calls this too."""
    path = site / DESTINATIONS[provider]
    if path.exists() and not force:
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(provider, specs, package), encoding="utf-8")
    return path, True
