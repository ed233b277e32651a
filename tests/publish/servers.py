"""Real servers on 127.0.0.1 for the publish tests: OpenSSH's sshd, an FTP/FTPS server,
a bare git repository and an S3-compatible server. Each is started by the test session
and stopped after it. A missing server program skips its tests here, but fails them in
CI (CI=true), where `.ci/run` must have installed it."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tools import in_ci, require

HERE = Path(__file__).parent


def need(*programs: str) -> None:
    for name in programs:
        require(Path(name).name, shutil.which(name) or name, "see .ci/packages/publish.txt")


def need_module(name: str) -> None:
    try:
        __import__(name)
    except ImportError:
        message = f"Python package {name} not installed (pip install -e '.[test]')"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def keygen(path: Path) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kampung-test",
                    "-f", str(path)], check=True)
    return path.read_text()


class Sshd:
    """OpenSSH sshd as the current user, with a host key and a client key made here."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.user = getpass.getuser()
        keygen(folder / "host_key")
        self.key = keygen(folder / "client_key")
        self.other_key = keygen(folder / "stranger_key")
        (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
        host_pub = (folder / "host_key.pub").read_text().split()
        self.known_hosts = f"[127.0.0.1]:{self.port} {host_pub[0]} {host_pub[1]}\n"
        sftp = next((p for p in ("/usr/lib/openssh/sftp-server", "/usr/libexec/sftp-server")
                     if Path(p).exists()), "internal-sftp")
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
            f"AuthorizedKeysFile {folder / 'authorized_keys'}\nStrictModes no\n"
            f"PidFile {folder / 'sshd.pid'}\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\n"
            f"Subsystem sftp {sftp}\nMaxStartups 50\nMaxSessions 50\nLogLevel ERROR\n"
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.process = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
                                        stderr=(folder / "sshd.log").open("wb"))
        wait_for_port(self.port, self.process)


FTP_SERVER = """
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer
root, port, user, password, cert = sys.argv[1:6]
authorizer = DummyAuthorizer()
authorizer.add_user(user, password, root, perm="elradfmwMT")
TLS_FTPHandler.certfile = cert
TLS_FTPHandler.tls_control_required = False
TLS_FTPHandler.authorizer = authorizer
TLS_FTPHandler.banner = "kampung test ftpd"
FTPServer(("127.0.0.1", int(port)), TLS_FTPHandler).serve_forever()
"""


def self_signed_cert(folder: Path) -> Path:
    """A certificate for 127.0.0.1, made here, to test FTPS with a private CA file."""
    cert = folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(cert), "-out", str(folder / "cert-only.pem")],
        check=True, capture_output=True)
    cert.write_text(cert.read_text() + (folder / "cert-only.pem").read_text())
    return cert


class Ftpd:
    """pyftpdlib with its TLS handler (plain FTP and explicit FTPS) in its own process."""

    def __init__(self, folder: Path, root: Path, user: str, password: str):
        self.port = free_port()
        self.cert = self_signed_cert(folder)
        self.ca_file = folder / "cert-only.pem"
        self.process = subprocess.Popen(
            [sys.executable, "-c", FTP_SERVER, str(root), str(self.port), user, password,
             str(self.cert)], stderr=(folder / "ftpd.log").open("wb"))
        wait_for_port(self.port, self.process)


class MotoS3:
    """moto's server mode, standing in for S3: no S3-compatible server (MinIO, Garage,
    SeaweedFS) installs from PyPI or Debian here. Its IAM check is switched on after the
    three calls that make a user and key, so wrong keys are refused as on real S3."""

    def __init__(self, folder: Path):
        import json

        import boto3

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": "3"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=(folder / "moto.log").open("wb"))
        wait_for_port(self.port, self.process)
        iam = boto3.client("iam", endpoint_url=self.url, region_name="us-east-1",
                           aws_access_key_id="setup", aws_secret_access_key="setup")
        iam.create_user(UserName="kampung")
        policy = {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        iam.put_user_policy(UserName="kampung", PolicyName="all",
                            PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName="kampung")["AccessKey"]
        self.access_key, self.secret_key = key["AccessKeyId"], key["SecretAccessKey"]

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key)
