"""FTP and explicit FTPS (AUTH TLS) for shared hosting, with the standard library.

Each file is stored under a temporary name and renamed into place, so a visitor never
gets half a page while a slow upload runs. `tls: true` encrypts the login and the data.
"""

from __future__ import annotations

import ftplib
import io
import posixpath
import socket
import ssl
from pathlib import Path
from typing import BinaryIO

from ..base import PublishError, Target, folder_chain, temp_name

NOT_FOUND = ("550", "450")


class FtpTarget(Target):
    def connect(self) -> None:
        options = self.spec.options
        password = self.secrets.get("password_env", required=True)
        if options["tls"]:
            self.ftp: ftplib.FTP = ftplib.FTP_TLS(context=self._tls_context(),
                                                  timeout=options["timeout"])
        else:
            self.ftp = ftplib.FTP(timeout=options["timeout"])
        try:
            self.ftp.connect(options["host"], options["port"])
            self.ftp.login(options["user"], password)
            if isinstance(self.ftp, ftplib.FTP_TLS):
                self.ftp.prot_p()
        except ftplib.error_perm as exc:
            raise self.fail("auth", exc=exc) from None
        except ssl.SSLError as exc:
            raise self.fail("tls", exc=exc) from None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self.fail("unreachable", exc=exc) from None
        self.path = options["path"].rstrip("/") or "/"
        self.made: set[str] = set()  # folders are made by the first write into them

    def _tls_context(self) -> ssl.SSLContext:
        """The system's CAs, or `ca_file` for a host with its own certificate;
        `tls_verify: false` still encrypts but trusts any certificate."""
        ca_file = self.spec.options["ca_file"]
        context = ssl.create_default_context(
            cafile=str(self.site / ca_file) if ca_file else None)
        if not self.spec.options["tls_verify"]:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _full(self, rel: str) -> str:
        return posixpath.join(self.path, rel)

    def _makedirs(self, folder: str) -> None:
        for current in folder_chain(folder):
            if current in self.made:
                continue
            try:
                self.ftp.mkd(current)
            except ftplib.error_perm as exc:
                if not self._is_dir(current):
                    raise self._error(current, exc) from None
            self.made.add(current)

    def _is_dir(self, folder: str) -> bool:
        here = self.ftp.pwd()
        try:
            self.ftp.cwd(folder)
            return True
        except ftplib.error_perm:
            return False
        finally:
            self.ftp.cwd(here)

    def read(self, rel: str) -> bytes | None:
        buffer = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {self._full(rel)}", buffer.write)
        except ftplib.error_perm as exc:
            if str(exc).startswith(NOT_FOUND):
                return None
            raise self._error(rel, exc) from None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._error(rel, exc) from None
        return buffer.getvalue()

    def write(self, rel: str, source: Path) -> None:
        with source.open("rb") as handle:
            self._store(rel, handle)

    def write_bytes(self, rel: str, data: bytes) -> None:
        self._store(rel, io.BytesIO(data))

    def _store(self, rel: str, handle: BinaryIO) -> None:
        final, tmp = self._full(rel), self._full(temp_name(rel))
        try:
            self._makedirs(posixpath.dirname(final))
            self.ftp.storbinary(f"STOR {tmp}", handle)
            try:
                self.ftp.rename(tmp, final)
            except ftplib.error_perm:  # some servers refuse to rename over a file
                self._delete(final)
                self.ftp.rename(tmp, final)
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._error(rel, exc) from None

    def listdir(self, folder: str) -> set[str] | None:
        """MLSD lists hidden files too (`.htaccess`); NLST where a server lacks it."""
        path = self._full(folder) if folder else self.path
        try:
            try:
                return {name for name, facts in self.ftp.mlsd(path, ["type"])
                        if facts.get("type") not in ("cdir", "pdir")}
            except ftplib.error_perm as exc:
                if not str(exc).startswith(("500", "502")):
                    raise
                return {posixpath.basename(name) for name in self.ftp.nlst("-a", path)}
        except ftplib.error_perm as exc:
            if str(exc).startswith((*NOT_FOUND, "501")):
                return None
            raise self._error(folder, exc) from None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._error(folder, exc) from None

    def remove_folder(self, folder: str) -> None:
        self.made.discard(self._full(folder))
        try:
            self.ftp.rmd(self._full(folder))
        except ftplib.error_perm:
            pass  # not empty (the host's files), or already gone
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._error(folder, exc) from None

    def remove(self, rel: str) -> None:
        try:
            self._delete(self._full(rel))
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._error(rel, exc) from None

    def _delete(self, path: str) -> None:
        try:
            self.ftp.delete(path)
        except ftplib.error_perm as exc:
            if not str(exc).startswith(NOT_FOUND):
                raise

    def _error(self, rel: str, exc: BaseException) -> PublishError:
        text = str(exc)
        if text.startswith(("552", "452")):
            return self.fail("no_space", rel, exc)
        if text.startswith(("553", "550", "530")):
            return self.fail("permission", rel, exc)
        if isinstance(exc, (socket.timeout, EOFError, ConnectionError)):
            return self.fail("connection_lost", rel, exc)
        return self.fail("transfer", rel, exc)

    def close(self) -> None:
        if hasattr(self, "ftp"):
            try:
                self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self.ftp.close()
