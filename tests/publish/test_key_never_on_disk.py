"""The SSH private key from CI never lands on disk: not on success, not when the host
is down, the key is refused, the host key is wrong or the publish is killed mid-way.
Every target that logs in with a key is tried against the real sshd."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from .conftest import git_remote, ssh_remote
from .servers import free_port
from .sitekit import make_site, publish, publish_killed_after

KINDS = ["rsync", "sftp", "auto", "git-ssh"]
PATHS = ["success", "bad_host", "refused_key", "wrong_host_key", "ctrl_c", "killed"]
WRONG_HOST_KEY = ("ssh-ed25519 "  # some key, not the server's
                  "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n")


def remote_for(kind: str, sshd, tmp_path: Path):
    if kind == "git-ssh":
        return git_remote(tmp_path, sshd)
    remote = ssh_remote("rsync" if kind == "auto" else kind, sshd, tmp_path)
    remote.spec["mode"] = kind
    return remote


def break_it(how: str, remote, sshd) -> dict[str, str]:
    """The environment and spec of one way a connection can fail."""
    env = dict(remote.env)
    known = next(name for name in env if name.endswith("KNOWN_HOSTS"))
    key = next(name for name in env if name.endswith("_KEY"))
    if how == "bad_host":
        port = free_port()  # nothing listens there
        if remote.kind == "git":
            remote.spec["remote"] = remote.spec["remote"].replace(str(sshd.port), str(port))
        else:
            remote.spec["port"] = port
        env[known] = env[known].replace(str(sshd.port), str(port))
    elif how == "refused_key":
        env[key] = sshd.other_key
    elif how == "wrong_host_key":
        env[known] = f"[127.0.0.1]:{sshd.port} {WRONG_HOST_KEY}"
    return env


def key_lines(*keys: str) -> set[bytes]:
    return {line.strip().encode() for key in keys for line in key.splitlines()
            if len(line.strip()) > 8 and "PRIVATE KEY" not in line}


def files_holding(folder: Path, secrets: set[bytes]) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(secret in data for secret in secrets):
                found.append(path)
    return found


def processes_under(folder: Path) -> list[str]:
    """Command lines of live processes that name `folder` (a leftover ssh-agent)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(folder) in line:
            found.append(line)
    return found


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("how", PATHS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_private_key_is_never_written_to_disk(kind, how, sshd, tmp_path, monkeypatch,
                                                  request):
    remote = remote_for(kind, sshd, tmp_path)
    env = break_it(how, remote, sshd)
    site = make_site(tmp_path / "site", {"vps": remote.spec})
    temp = Path(tempfile.mkdtemp(prefix="k", dir="/tmp"))  # short: sockets live there
    request.addfinalizer(lambda: shutil.rmtree(temp, ignore_errors=True))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    if how == "killed":  # no clean-up can run: the key must never have been written
        assert publish_killed_after(site, 3, {**env, "TMPDIR": str(temp)}) != 0
    elif how == "ctrl_c":
        assert publish_killed_after(site, 3, {**env, "TMPDIR": str(temp)}, signal.SIGINT) != 0
        assert not list(temp.glob("kampung-ssh-*")), "the private folder is removed"
        assert not processes_under(temp), "the ssh-agent is stopped"
    else:
        run = publish(site, env=env)
        assert (run.code == 0) == (how == "success"), run.err
        assert not list(temp.glob("kampung-ssh-*")), "the private folder is removed"
        assert not processes_under(temp), "the ssh-agent is stopped"
    secrets = key_lines(sshd.key, sshd.other_key)
    assert not files_holding(temp, secrets)
    assert not files_holding(site, secrets)
    assert os.listdir(temp) == [] or how == "killed"  # a killed git publish leaves its clone
