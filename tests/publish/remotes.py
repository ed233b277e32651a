"""Each kind of target as the tests see it: the spec a volunteer writes, the secrets CI
gives, and a way to look at (or meddle with) what is really on the remote."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .sitekit import Tree


class Remote:
    kind = ""
    spec: dict
    env: dict[str, str]
    bad_env: dict[str, str] | None = None

    def files(self) -> Tree:
        raise NotImplementedError

    def put(self, rel: str, data: bytes) -> None:
        """Write behind the publisher's back: a foreign file, or tampering."""
        raise NotImplementedError

    @property
    def secrets(self) -> list[str]:
        return [v for v in [*self.env.values(), *(self.bad_env or {}).values()] if len(v) > 6]


class FolderRemote(Remote):
    """A remote whose storage is a folder on this machine (dir, ssh and ftp servers)."""

    def __init__(self, kind: str, root: Path, spec: dict, env: dict, bad_env: dict | None):
        self.kind, self.root, self.spec, self.env, self.bad_env = kind, root, spec, env, bad_env

    def files(self) -> Tree:
        if not self.root.exists():
            return {}
        return {p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in self.root.rglob("*") if p.is_file()}

    def put(self, rel: str, data: bytes) -> None:
        (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.root / rel).write_bytes(data)


class GitRemote(Remote):
    kind = "git"

    def __init__(self, bare: Path, spec: dict, env: dict, bad_env: dict | None = None):
        self.bare, self.spec, self.env, self.bad_env = bare, spec, env, bad_env
        self.branch = spec.get("branch", "gh-pages")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
        return subprocess.run(["git", *args], cwd=cwd or self.bare, check=True, env=env,
                              capture_output=True).stdout.decode()

    def files(self) -> Tree:
        if not self.git("branch", "--list", self.branch).strip():
            return {}
        names = self.git("ls-tree", "-r", "--name-only", self.branch).splitlines()
        return {n: subprocess.run(["git", "show", f"{self.branch}:{n}"], cwd=self.bare,
                                  check=True, capture_output=True).stdout for n in names}

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", self.branch).strip())

    def put(self, rel: str, data: bytes) -> None:
        work = self.bare.parent / "meddle"
        self.git("clone", "--quiet", str(self.bare), str(work), cwd=self.bare.parent)
        if self.git("branch", "--list", self.branch).strip():
            self.git("checkout", "--quiet", self.branch, cwd=work)
        else:  # the host made the Pages branch first (e.g. with a CNAME file)
            self.git("checkout", "--quiet", "--orphan", self.branch, cwd=work)
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_bytes(data)
        self.git("add", rel, cwd=work)
        self.git("commit", "-qm", "someone else", cwd=work)
        self.git("push", "-q", "origin", self.branch, cwd=work)
        subprocess.run(["rm", "-rf", str(work)], check=True)


class S3Remote(Remote):
    kind = "s3"

    def __init__(self, client, bucket: str, spec: dict, env: dict, bad_env: dict):
        self.client, self.bucket, self.spec, self.env, self.bad_env = (
            client, bucket, spec, env, bad_env)
        self.prefix = spec.get("prefix", "")

    def files(self) -> Tree:
        found = {}
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        for listing in pages:
            for item in listing.get("Contents", []):
                key = item["Key"]
                rel = key[len(self.prefix) + 1:] if self.prefix else key
                found[rel] = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        return found

    def head(self, rel: str) -> dict:
        key = f"{self.prefix}/{rel}" if self.prefix else rel
        return self.client.head_object(Bucket=self.bucket, Key=key)

    def put(self, rel: str, data: bytes) -> None:
        key = f"{self.prefix}/{rel}" if self.prefix else rel
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
