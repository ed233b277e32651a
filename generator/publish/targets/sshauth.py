"""Logging in over SSH with a key from an environment variable, never writing the key.

CI secret stores hold a private key as text. OpenSSH (`ssh`, rsync, git) gets it from a
private `ssh-agent` started for this publish and fed through a pipe (`ssh-add -`); the
agent keeps it in memory and is stopped when the publish ends (or, if this process is
killed, stops by itself once its parent is gone). Paramiko (SFTP) loads it from memory.
Only public things are written, in a private temporary folder: the known hosts, the
key's public half and the agent's socket.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..base import PublishError, Secrets

if TYPE_CHECKING:  # paramiko is imported only by the targets that use it (its import is slow)
    from paramiko.hostkeys import HostKeys
    from paramiko.pkey import PKey


class OpenSshAuth:
    """Options for the `ssh` binary, from `key_env` and `known_hosts_env`."""

    def __init__(self, secrets: Secrets):
        self.label = secrets.spec.label
        self.folder = Path(tempfile.mkdtemp(prefix="kampung-ssh-"))
        self.control = self.folder / "cm"
        self.agent: subprocess.Popen[bytes] | None = None
        self.agent_pid = 0
        self.socket = self.folder / "agent"
        self.public_key: Path | None = None
        try:
            self.known_hosts = self._write("known_hosts", secrets.get("known_hosts_env"))
            key = secrets.get("key_env")
            if key:
                self._load_key(key, secrets)
        except BaseException:
            self.cleanup()
            raise

    def _write(self, name: str, text: str | None) -> Path | None:
        if not text:
            return None
        path = self.folder / name
        path.write_text(text.replace("\r\n", "\n").strip() + "\n", encoding="utf-8")
        return path

    def _load_key(self, key: str, secrets: Secrets) -> None:
        """Start the agent (its pid comes first on its command's output) and hand it the
        key on stdin; keep the public half, so that ssh offers this key and no other."""
        if not (shutil.which("ssh-agent") and shutil.which("ssh-add")):
            raise PublishError("tool_missing", self.label, detail="ssh-agent, ssh-add")
        self.agent = subprocess.Popen(
            ["ssh-agent", "-a", str(self.socket), "sh", "-c", 'echo "$SSH_AGENT_PID"; exec cat'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.agent.stdout
        self.agent_pid = int(self.agent.stdout.readline() or 0)
        env = {**os.environ, "SSH_AUTH_SOCK": str(self.socket)}
        added = subprocess.run(["ssh-add", "-q", "-"], input=key.replace("\r\n", "\n").strip()
                               .encode() + b"\n", env=env, capture_output=True, timeout=30)
        listed = subprocess.run(["ssh-add", "-L"], env=env, capture_output=True, timeout=30)
        if added.returncode or listed.returncode:
            detail = secrets.redact(added.stderr.decode(errors="replace")).strip()
            raise PublishError("key_invalid", self.label, detail=detail)
        self.public_key = self.folder / "id.pub"
        self.public_key.write_bytes(listed.stdout.splitlines()[0] + b"\n")

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
        if self.public_key:
            options += ["-o", f"IdentityAgent={self.socket}", "-i", str(self.public_key),
                        "-o", "IdentitiesOnly=yes"]
        if self.known_hosts:
            options += ["-o", f"UserKnownHostsFile={self.known_hosts}"]
        return options

    def cleanup(self) -> None:
        if self.agent:
            self._stop_agent()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _stop_agent(self) -> None:
        """Stop the agent and wait until it is gone (its parent, our `cat`, goes first)."""
        assert self.agent
        with contextlib.suppress(ProcessLookupError):
            if self.agent_pid:
                os.kill(self.agent_pid, signal.SIGTERM)
        self.agent.communicate()
        self.agent = None
        deadline = time.monotonic() + 5
        while self.agent_pid and time.monotonic() < deadline:
            try:
                os.kill(self.agent_pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.01)


def paramiko_key(secrets: Secrets) -> PKey | None:
    """The private key from `key_env` as a paramiko key, read from memory; or None."""
    import paramiko

    text = secrets.get("key_env")
    if not text:
        return None
    text = text.replace("\r\n", "\n").strip() + "\n"
    for kind in (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey):
        try:
            return kind.from_private_key(io.StringIO(text))
        except (paramiko.SSHException, ValueError):
            continue
    raise PublishError("key_invalid", secrets.spec.label)


def add_known_hosts(host_keys: HostKeys, text: str) -> None:
    """Lines in OpenSSH's known_hosts format into paramiko's HostKeys."""
    from paramiko.hostkeys import HostKeyEntry

    for line in text.splitlines():
        entry = HostKeyEntry.from_line(line) if line.strip() else None
        if entry is not None and entry.key is not None:
            for name in entry.hostnames:
                host_keys.add(name, entry.key.get_name(), entry.key)


def classify_ssh_error(stderr: str) -> str:
    """The error code for what OpenSSH printed when it could not get in."""
    text = stderr.lower()
    if "host key verification failed" in text or "no matching host key" in text:
        return "host_key"
    if "permission denied" in text or "authentication failed" in text:
        return "auth"
    return "unreachable"
