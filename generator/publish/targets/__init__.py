"""One module per kind of target; `make_target` picks the class for a spec."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..base import Secrets, Target
from ..spec import TargetSpec

CLASSES = {
    "dir": "dir:DirTarget",
    "git": "git:GitTarget",
    "ssh": "ssh:make_ssh_target",
    "ftp": "ftp:FtpTarget",
    "s3": "s3:S3Target",
}


def make_target(spec: TargetSpec, site: Path, secrets: Secrets | None = None) -> Target:
    """Import only the module a spec needs (boto3 and paramiko load slowly)."""
    module_name, attr = CLASSES[spec.kind].split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, attr)(spec, site, secrets or Secrets(spec))
