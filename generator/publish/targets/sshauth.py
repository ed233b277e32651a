"""Key and known-hosts files for OpenSSH, written from environment variables.

CI secret stores hold a private key as text; ssh wants a file with mode 0600. The files
live in a private temporary folder that is removed when the publish ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..base import Secrets


class SshFiles:
    def __init__(self, secrets: Secrets):
        self.folder = Path(tempfile.mkdtemp(prefix="kampung-ssh-"))
        self.key = self._write("id", secrets.get("key_env"))
        self.known_hosts = self._write("known_hosts", secrets.get("known_hosts_env"))
        self.control = self.folder / "cm"

    def _write(self, name: str, text: str | None) -> Path | None:
        if not text:
            return None
        path = self.folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text.replace("\r\n", "\n").strip() + "\n")
        return path

    def ssh_options(self, share: bool = True) -> list[str]:
        """Options for the `ssh` binary: no prompts, a strict host check and, with
        `share`, one connection for every command and rsync run of this publish."""
        options = [
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
            "-o", "ConnectTimeout=20", "-o", "ServerAliveInterval=15", "-o", "LogLevel=ERROR",
        ]
        if share:
            options += ["-o", "ControlMaster=auto", "-o", f"ControlPath={self.control}",
                        "-o", "ControlPersist=60"]
        if self.key:
            options += ["-i", str(self.key), "-o", "IdentitiesOnly=yes"]
        if self.known_hosts:
            options += ["-o", f"UserKnownHostsFile={self.known_hosts}"]
        return options

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def classify_ssh_error(stderr: str) -> str:
    """The error code for what OpenSSH printed when it could not get in."""
    text = stderr.lower()
    if "host key verification failed" in text or "no matching host key" in text:
        return "host_key"
    if "permission denied" in text or "authentication failed" in text:
        return "auth"
    return "unreachable"
