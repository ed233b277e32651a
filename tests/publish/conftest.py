"""Fixtures: one `remote` per kind of target, each backed by a real server on 127.0.0.1."""

from __future__ import annotations

import itertools

import pytest

from .remotes import FolderRemote, GitRemote, S3Remote
from .servers import Ftpd, MotoS3, Sshd, need, need_module, stop

SERVER = [pytest.mark.server, pytest.mark.slow]
KINDS = [
    pytest.param("dir", id="dir"),
    pytest.param("git", id="git", marks=[pytest.mark.slow]),
    pytest.param("git-ssh", id="git-over-ssh", marks=SERVER),
    pytest.param("rsync", id="ssh-rsync", marks=SERVER),
    pytest.param("sftp", id="ssh-sftp", marks=SERVER),
    pytest.param("ftp", id="ftp", marks=SERVER),
    pytest.param("ftps", id="ftps", marks=SERVER),
    pytest.param("s3", id="s3", marks=SERVER),
]
_buckets = itertools.count()


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    need("/usr/sbin/sshd", "ssh", "ssh-keygen")
    server = Sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    stop(server.process)


@pytest.fixture(scope="session")
def moto_s3(tmp_path_factory):
    need_module("moto")
    need_module("boto3")
    server = MotoS3(tmp_path_factory.mktemp("moto"))
    yield server
    stop(server.process)


@pytest.fixture
def ftpd(tmp_path):
    need_module("pyftpdlib")
    need("openssl")
    root = tmp_path / "ftproot"
    root.mkdir()
    server = Ftpd(tmp_path, root, "kemiren", "rahasia-ftp-benar-123")
    server.root = root
    yield server
    stop(server.process)


def ssh_remote(kind: str, sshd: Sshd, tmp_path) -> FolderRemote:
    if kind == "rsync":
        need("rsync")
    www = tmp_path / "www"
    spec = {"jenis": "ssh", "host": "127.0.0.1", "port": sshd.port, "user": sshd.user,
            "path": str(www), "mode": kind, "key_env": "KAMPUNG_SSH_KEY",
            "known_hosts_env": "KAMPUNG_SSH_KNOWN_HOSTS"}
    env = {"KAMPUNG_SSH_KEY": sshd.key, "KAMPUNG_SSH_KNOWN_HOSTS": sshd.known_hosts}
    bad = {**env, "KAMPUNG_SSH_KEY": sshd.other_key}
    return FolderRemote(kind, www, spec, env, bad)


def ftp_remote(kind: str, ftpd: Ftpd) -> FolderRemote:
    spec = {"jenis": "ftp", "host": "127.0.0.1", "port": ftpd.port, "user": "kemiren",
            "password_env": "KAMPUNG_FTP_PASSWORD", "path": "/public_html"}
    if kind == "ftps":
        spec |= {"tls": True, "ca_file": str(ftpd.ca_file)}
    env = {"KAMPUNG_FTP_PASSWORD": "rahasia-ftp-benar-123"}
    bad = {"KAMPUNG_FTP_PASSWORD": "sandi-yang-salah-456"}
    return FolderRemote(kind, ftpd.root / "public_html", spec, env, bad)


def s3_remote(moto_s3: MotoS3) -> S3Remote:
    client = moto_s3.client()
    bucket = f"desa-{next(_buckets)}"
    client.create_bucket(Bucket=bucket)
    # kompresi: ya: the tests follow every file, .gz/.br copies included (a bucket behind a
    # server that serves them); test_plan and test_spec_and_cli cover leaving them out
    spec = {"jenis": "s3", "bucket": bucket, "prefix": "situs", "endpoint": moto_s3.url,
            "access_key_env": "KAMPUNG_S3_KEY", "secret_key_env": "KAMPUNG_S3_SECRET",
            "kompresi": "ya"}
    env = {"KAMPUNG_S3_KEY": moto_s3.access_key, "KAMPUNG_S3_SECRET": moto_s3.secret_key}
    bad = {**env, "KAMPUNG_S3_SECRET": "kunci-rahasia-yang-salah-789"}
    return S3Remote(client, bucket, spec, env, bad)


def git_remote(tmp_path, sshd: Sshd | None = None) -> GitRemote:
    """A bare repository as the remote; with `sshd`, reached over SSH with a key."""
    need("git")
    bare = tmp_path / "pages.git"
    GitRemote(bare, {}, {}).git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    spec = {"jenis": "git", "remote": str(bare), "branch": "gh-pages",
            "kompresi": "ya"}  # every file, copies included (GitLab Pages serves them)
    if sshd is None:
        return GitRemote(bare, spec, {})
    spec |= {"remote": f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{bare}",
             "key_env": "KAMPUNG_GIT_KEY", "known_hosts_env": "KAMPUNG_GIT_KNOWN_HOSTS"}
    env = {"KAMPUNG_GIT_KEY": sshd.key, "KAMPUNG_GIT_KNOWN_HOSTS": sshd.known_hosts}
    return GitRemote(bare, spec, env, {**env, "KAMPUNG_GIT_KEY": sshd.other_key})


@pytest.fixture(params=KINDS)
def remote(request, tmp_path):
    kind = request.param
    if kind == "dir":
        served = tmp_path / "served"
        return FolderRemote("dir", served, {"jenis": "dir", "path": str(served)}, {}, None)
    if kind == "git":
        return git_remote(tmp_path)
    if kind == "git-ssh":
        return git_remote(tmp_path, request.getfixturevalue("sshd"))
    if kind in ("rsync", "sftp"):
        return ssh_remote(kind, request.getfixturevalue("sshd"), tmp_path)
    if kind in ("ftp", "ftps"):
        return ftp_remote(kind, request.getfixturevalue("ftpd"))
    return s3_remote(request.getfixturevalue("moto_s3"))
