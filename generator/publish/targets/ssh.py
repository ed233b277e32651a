"""A server reached over SSH: rsync where both ends have it, SFTP (paramiko) otherwise.

`mode: auto` (the default) uses rsync when the `rsync` and `ssh` commands exist here and
`rsync` exists on the server, and no password is configured (OpenSSH takes no password
from a script); otherwise SFTP. `mode: rsync` or `mode: sftp` forces one.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path

from ..base import PublishError, Secrets, Target, Tick, folder_chain, temp_name
from ..plan import order_key
from ..spec import TargetSpec
from .sshauth import OpenSshAuth, add_known_hosts, classify_ssh_error, paramiko_key

MISSING = 3  # exit status of our remote `cat` when the file is not there


def make_ssh_target(spec: TargetSpec, site: Path, secrets: Secrets) -> Target:
    mode = spec.options["mode"]
    if mode == "auto":
        return AutoSshTarget(spec, site, secrets)
    return (RsyncTarget if mode == "rsync" else SftpTarget)(spec, site, secrets)


class AutoSshTarget(Target):
    """Picks rsync or SFTP once connected, then hands every call to the one it picked."""

    def connect(self) -> None:
        if not self.spec.options.get("password_env") and RsyncTarget.tools_present():
            self.inner: Target = RsyncTarget(self.spec, self.site, self.secrets)
            self.inner.connect()  # a failure here is closed by the engine, through us
            if self.inner.remote_has_rsync:
                return
            self.inner.close()
        self.inner = SftpTarget(self.spec, self.site, self.secrets)
        self.inner.connect()

    @property
    def chosen(self) -> str:
        return "rsync" if isinstance(self.inner, RsyncTarget) else "sftp"

    def read(self, rel: str) -> bytes | None:
        return self.inner.read(rel)

    def write(self, rel: str, source: Path) -> None:
        self.inner.write(rel, source)

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.inner.write_bytes(rel, data)

    def remove(self, rel: str) -> None:
        self.inner.remove(rel)

    def listdir(self, folder: str) -> set[str] | None:
        return self.inner.listdir(folder)

    def existing(self, paths: Iterable[str]) -> set[str]:
        return self.inner.existing(paths)

    def remove_empty_folders(self, folders: list[str]) -> None:
        self.inner.remove_empty_folders(folders)

    def send(self, items: list[tuple[str, Path]], tick: Tick) -> None:
        self.inner.send(items, tick)

    def damaged(self, expected: dict[str, str], root: Path, tick: Tick) -> set[str]:
        return self.inner.damaged(expected, root, tick)

    def close(self) -> None:
        if hasattr(self, "inner"):
            self.inner.close()


class RsyncTarget(Target):
    """OpenSSH's `ssh` and `rsync`, sharing one connection (ControlMaster)."""

    @staticmethod
    def tools_present() -> bool:
        return bool(shutil.which("ssh") and shutil.which("rsync"))

    def connect(self) -> None:
        if not self.tools_present():
            raise self.fail("tool_missing", exc="ssh, rsync")
        options = self.spec.options
        self.auth = OpenSshAuth(self.secrets)
        self.ssh = ["ssh", "-p", str(options["port"]), *self.auth.ssh_options()]
        self.login = f"{options['user']}@{options['host']}"
        self.path = options["path"].rstrip("/") or "/"
        probe = self._remote("command -v rsync", b"")
        if probe.returncode == 255:
            raise self.fail(classify_ssh_error(probe.stderr.decode(errors="replace")), "",
                            probe.stderr.decode(errors="replace"))
        self.remote_has_rsync = probe.returncode == 0
        if not self.remote_has_rsync and options["mode"] == "rsync":
            raise self.fail("tool_missing", exc="rsync (server)")

    def _remote(self, command: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([*self.ssh, self.login, command], input=data,
                              capture_output=True, check=False, timeout=600)

    def _full(self, rel: str) -> str:
        return shlex.quote(posixpath.join(self.path, rel))

    def read(self, rel: str) -> bytes | None:
        path = self._full(rel)
        done = self._remote(f"if [ -f {path} ]; then cat -- {path}; else exit {MISSING}; fi", b"")
        if done.returncode == MISSING:
            return None
        self._check(done, rel)
        return done.stdout

    def write(self, rel: str, source: Path) -> None:
        self.send([(rel, source)], lambda _: None)

    def write_bytes(self, rel: str, data: bytes) -> None:
        final, tmp = self._full(rel), self._full(temp_name(rel))
        folder = shlex.quote(posixpath.dirname(posixpath.join(self.path, rel)))
        done = self._remote(f"mkdir -p -- {folder} && cat > {tmp} && mv -f -- {tmp} {final}",
                            data)
        self._check(done, rel)

    def existing(self, paths: Iterable[str]) -> set[str]:
        """One remote command tests them all (names go NUL-separated on its stdin)."""
        names = sorted(paths)
        if not names:
            return set()
        test = "for f; do [ -e \"$f\" ] && printf '%s\\0' \"$f\"; done; true"
        command = (f"cd -- {shlex.quote(self.path)} 2>/dev/null || exit 0; "  # none yet
                   f"xargs -0 -r sh -c {shlex.quote(test)} sh")
        done = self._remote(command, b"\0".join(n.encode() for n in names))
        self._check(done, "")
        return {n.decode() for n in done.stdout.split(b"\0") if n} & set(names)

    def remove_empty_folders(self, folders: list[str]) -> None:
        if folders:
            quoted = " ".join(self._full(folder) for folder in folders)
            self._check(self._remote(f"rmdir -- {quoted} 2>/dev/null; true", b""), "")

    def remove(self, rel: str) -> None:
        self._check(self._remote(f"rm -f -- {self._full(rel)}", b""), rel)

    def send(self, items: list[tuple[str, Path]], tick: Tick) -> None:
        """One rsync run per stage and page depth, so the order of the plan holds;
        rsync writes each file to a temporary name and renames it into place. A file
        counts as sent once its run has ended well: rsync names a file when it has sent
        it, before the server has renamed it into place."""
        if not items:
            return
        root = Path(str(items[0][1])[: -len(items[0][0])])
        for _, group in groupby(items, key=lambda item: order_key(item[0])[:2]):
            names = [rel for rel, _ in group]
            for rel in self._rsync(root, names, ["-I", "--out-format=%n"]):
                tick(rel)

    def damaged(self, expected: dict[str, str], root: Path, tick: Tick) -> set[str]:
        """rsync compares checksums on the server; nothing is downloaded."""
        names = sorted(expected)
        if not names:
            return set()
        out = self._rsync(root, names, ["-n", "-c", "--out-format=%n"])
        for rel in names:
            tick(rel)
        return {line for line in out if line in expected}

    def _rsync(self, root: Path, names: list[str], extra: list[str]) -> list[str]:
        wanted = set(names)
        command = [
            "rsync", "-s", "-t", "--from0", "--files-from=-", "--chmod=D755,F644",
            "--timeout=120", *extra,
            "-e", shlex.join(self.ssh), f"{root}/", f"{self.login}:{self.path}/",
        ]
        done = subprocess.run(command, input=b"\0".join(n.encode() for n in names),
                              capture_output=True, check=False)
        stderr = done.stderr.decode(errors="replace")
        if done.returncode:
            quoted = re.search(r'"([^"]+)"', stderr)
            file = quoted.group(1) if quoted else ""
            raise self.fail(_rsync_code(done.returncode, stderr), file, stderr)
        printed = done.stdout.decode(errors="replace").splitlines()
        return [line for line in printed if line in wanted]

    def _check(self, done: subprocess.CompletedProcess[bytes], rel: str) -> None:
        if done.returncode == 0:
            return
        stderr = done.stderr.decode(errors="replace")
        if done.returncode == 255:
            raise self.fail(classify_ssh_error(stderr), rel, stderr)
        raise self.fail(_text_code(stderr), rel, stderr)

    def close(self) -> None:
        if hasattr(self, "ssh"):
            subprocess.run([*self.ssh, "-O", "exit", self.login], capture_output=True,
                           check=False, timeout=30)
        if hasattr(self, "auth"):
            self.auth.cleanup()


def _rsync_code(returncode: int, stderr: str) -> str:
    if returncode == 255 or ("connection unexpectedly closed" in stderr and "denied" in stderr):
        return classify_ssh_error(stderr)
    return _text_code(stderr)


def _text_code(stderr: str) -> str:
    text = stderr.lower()
    if "no space left" in text or "quota" in text:
        return "no_space"
    if "permission denied" in text or "read-only" in text:
        return "permission"
    return "transfer"


class SftpTarget(Target):
    """SFTP through paramiko: works with a password, and where the server has no rsync."""

    def connect(self) -> None:
        import paramiko

        options = self.spec.options
        key = paramiko_key(self.secrets)
        known_hosts = self.secrets.get("known_hosts_env")
        self.client = paramiko.SSHClient()
        if known_hosts:
            add_known_hosts(self.client.get_host_keys(), known_hosts)
        else:
            self.client.load_system_host_keys()
        self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        try:
            self.client.connect(
                options["host"], port=options["port"], username=options["user"], pkey=key,
                password=self.secrets.get("password_env"),
                look_for_keys=False, allow_agent=False, timeout=20, banner_timeout=20,
                auth_timeout=20,
            )
            self.sftp = self.client.open_sftp()
            self.sftp.sock.settimeout(120)
        except paramiko.AuthenticationException as exc:
            raise self.fail("auth", exc=exc) from None
        except (paramiko.BadHostKeyException, paramiko.SSHException) as exc:
            code = "host_key" if "host key" in str(exc).lower() or "known_hosts" in str(
                exc) else "unreachable"
            raise self.fail(code, exc=exc) from None
        except OSError as exc:
            raise self.fail("unreachable", exc=exc) from None
        self.path = options["path"].rstrip("/") or "/"
        self.made: set[str] = set()  # folders are made by the first write into them

    def _full(self, rel: str) -> str:
        return posixpath.join(self.path, rel)

    def _makedirs(self, folder: str) -> None:
        for current in folder_chain(folder):
            if current in self.made:
                continue
            try:
                self.sftp.stat(current)
            except FileNotFoundError:
                try:
                    self.sftp.mkdir(current)
                except OSError as exc:
                    raise self._error(current, exc) from None
            self.made.add(current)

    def read(self, rel: str) -> bytes | None:
        try:
            with self.sftp.open(self._full(rel), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._error(rel, exc) from None

    def write(self, rel: str, source: Path) -> None:
        self._atomic(rel, lambda tmp: self.sftp.put(str(source), tmp, confirm=True))

    def write_bytes(self, rel: str, data: bytes) -> None:
        def fill(tmp: str) -> None:
            with self.sftp.open(tmp, "wb") as handle:
                handle.write(data)

        self._atomic(rel, fill)

    def _atomic(self, rel: str, fill: Callable[[str], object]) -> None:
        final, tmp = self._full(rel), self._full(temp_name(rel))
        try:
            self._makedirs(posixpath.dirname(final))
            fill(tmp)
            self.sftp.chmod(tmp, 0o644)
            self.sftp.posix_rename(tmp, final)
        except OSError as exc:
            raise self._error(rel, exc) from None

    def listdir(self, folder: str) -> set[str] | None:
        try:
            return set(self.sftp.listdir(self._full(folder) if folder else self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._error(folder, exc) from None

    def remove_folder(self, folder: str) -> None:
        self.made.discard(self._full(folder))
        with contextlib.suppress(OSError):  # not empty (the host's files), or gone
            self.sftp.rmdir(self._full(folder))

    def remove(self, rel: str) -> None:
        try:
            self.sftp.remove(self._full(rel))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise self._error(rel, exc) from None

    def _error(self, rel: str, exc: OSError) -> PublishError:
        return self.fail(_text_code(str(exc)) if not isinstance(exc, PermissionError)
                         else "permission", rel, exc)

    def close(self) -> None:
        if hasattr(self, "client"):
            self.client.close()
