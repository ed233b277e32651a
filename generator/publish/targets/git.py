"""A branch of a git remote (GitHub Pages, GitLab Pages, Codeberg Pages, any server).

The branch is cloned shallow into a temporary folder, changed there file by file like
any other target, then committed and pushed in one go: the live site changes at once,
and a publish that dies before the push changed nothing. `history: N` keeps only the
last N commits of the branch (force-pushed), so the Pages repository stays small;
`history: 0` (the default) keeps them all.

A token (`token_env`) goes to git as an HTTP header through the environment, never in
the remote's address, so git cannot print it.
"""

from __future__ import annotations

import base64
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..base import Target
from .sshauth import OpenSshAuth

AUTH_WORDS = ("permission denied", "authentication failed", "could not read username",
              "403", "401", "access denied", "invalid username or password")


class GitTarget(Target):
    def connect(self) -> None:
        if not shutil.which("git"):
            raise self.fail("tool_missing", exc="git")
        options = self.spec.options
        self.auth = OpenSshAuth(self.secrets)
        self.work = Path(tempfile.mkdtemp(prefix="kampung-git-"))
        self.env = self._environment()
        self.remote, self.branch = options["remote"], options["branch"]
        heads = self._git("ls-remote", "--heads", self.remote, self.branch, inside=False)
        self.old_tip = heads.split()[0] if heads.strip() else ""
        if self.old_tip:
            depth = str(max(options["history"], 1))
            self._git("clone", "--quiet", "--depth", depth, "--single-branch", "--branch",
                      self.branch, self.remote, str(self.work), inside=False)
        else:
            self._git("init", "--quiet", str(self.work), inside=False)
            self._git("checkout", "--quiet", "--orphan", self.branch)
            self._git("remote", "add", "origin", self.remote)

    def _environment(self) -> dict[str, str]:
        options = self.spec.options
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true",
               "GIT_AUTHOR_NAME": options["author_name"],
               "GIT_AUTHOR_EMAIL": options["author_email"],
               "GIT_COMMITTER_NAME": options["author_name"],
               "GIT_COMMITTER_EMAIL": options["author_email"],
               "GIT_CONFIG_NOSYSTEM": "1"}
        config = [("commit.gpgsign", "false"), ("core.autocrlf", "false")]
        token = self.secrets.get("token_env")
        if token:
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.secrets.values.append(basic)
            config.append(("http.extraHeader", f"Authorization: Basic {basic}"))
        env["GIT_CONFIG_COUNT"] = str(len(config))
        for index, (key, value) in enumerate(config):
            env[f"GIT_CONFIG_KEY_{index}"], env[f"GIT_CONFIG_VALUE_{index}"] = key, value
        if self.auth.public_key or self.auth.known_hosts:
            env["GIT_SSH_COMMAND"] = shlex.join(["ssh", *self.auth.ssh_options(share=False)])
        return env

    def _git(self, *args: str, inside: bool = True) -> str:
        """Run git (in the clone, unless `inside` is false); failures become PublishError."""
        done = subprocess.run(["git", *args], cwd=self.work if inside else None, env=self.env,
                              capture_output=True, text=True, check=False, timeout=600)
        if done.returncode:
            stderr = done.stderr.strip()
            lower = stderr.lower()
            if any(word in lower for word in AUTH_WORDS):
                code = "auth"
            elif "host key verification failed" in lower:
                code = "host_key"
            elif args[0] in ("ls-remote", "clone"):
                code = "unreachable"
            elif args[0] == "push":
                code = "push_rejected"
            else:
                code = "transfer"
            raise self.fail(code, "", stderr)
        return done.stdout

    def read(self, rel: str) -> bytes | None:
        path = self.work / rel
        return path.read_bytes() if path.is_file() else None

    def write(self, rel: str, source: Path) -> None:
        (self.work / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, self.work / rel)

    def write_bytes(self, rel: str, data: bytes) -> None:
        (self.work / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.work / rel).write_bytes(data)

    def remove(self, rel: str) -> None:
        (self.work / rel).unlink(missing_ok=True)

    def listdir(self, folder: str) -> set[str] | None:
        path = self.work / folder
        return set(os.listdir(path)) - {".git"} if path.is_dir() else None

    def finish(self) -> None:
        self._git("add", "--all")
        if not self._git("status", "--porcelain").strip():
            return
        self._git("commit", "--quiet", "-m", self.spec.options["message"])
        history = self.spec.options["history"]
        force = bool(history) and self._trim(history)
        lease = [f"--force-with-lease={self.branch}:{self.old_tip}"] if force else []
        self._git("push", "--quiet", *lease, "origin", f"HEAD:refs/heads/{self.branch}")

    def _trim(self, keep: int) -> bool:
        """Rebuild the last `keep` commits on no parent; True if older ones were dropped."""
        commits = self._git("rev-list", "--reverse", "HEAD").split()
        if len(commits) <= keep:
            return False
        parent: list[str] = []
        for commit in commits[-keep:]:
            tree = self._git("rev-parse", f"{commit}^{{tree}}").strip()
            message = self._git("log", "-1", "--format=%B", commit)
            new = self._git("commit-tree", tree, *parent, "-m", message.strip()).strip()
            parent = ["-p", new]
        self._git("reset", "--quiet", "--soft", parent[1])
        return True

    def close(self) -> None:
        if hasattr(self, "work"):
            shutil.rmtree(self.work, ignore_errors=True)
        if hasattr(self, "auth"):
            self.auth.cleanup()
