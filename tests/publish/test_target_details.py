"""What one kind of target does that the others do not: S3 headers, a short git history,
SSH choosing rsync or SFTP, and refusing a server whose host key is not the known one."""

from __future__ import annotations

import os

import pytest

from kampung.publish.journal import RECORD_FILES

from .conftest import ftp_remote, git_remote, s3_remote, ssh_remote
from .servers import Ftpd, stop
from .sitekit import (
    environment,
    make_site,
    publish,
    sample_tree,
    without_manifest,
    write_tree,
)


@pytest.mark.server
@pytest.mark.slow
def test_s3_objects_carry_type_encoding_and_cache_headers(moto_s3, tmp_path):
    remote = s3_remote(moto_s3)
    site = make_site(tmp_path, {"awan": remote.spec})
    assert publish(site, env=remote.env).code == 0
    page = remote.head("kemiren/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300"
    copy = remote.head("kemiren/index.html.gz")
    assert copy["ContentType"] == "text/html; charset=utf-8"
    assert copy["ContentEncoding"] == "gzip"
    style = remote.head("kemiren/assets/style.3f2a9c.css")
    assert style["CacheControl"] == "public, max-age=31536000, immutable"
    assert remote.head("kemiren/media/foto-0.jpg")["ContentType"] == "image/jpeg"


@pytest.mark.slow
def test_a_pages_branch_keeps_only_the_history_asked_for(tmp_path):
    remote = git_remote(tmp_path)
    remote.spec["history"] = 2
    remote.put("CNAME", b"desa.example\n")
    site = make_site(tmp_path / "site", {"pages": remote.spec})
    tree = sample_tree()
    for number in range(4):
        tree["kemiren/index.html"] = f"versi {number}".encode()
        write_tree(site / "output", tree)
        assert publish(site).code == 0
    assert remote.commits() == 2
    files = remote.files()
    assert files["CNAME"] == b"desa.example\n"
    assert files["kemiren/index.html"] == b"versi 3"


@pytest.mark.server
@pytest.mark.slow
def test_ssh_auto_uses_rsync_where_it_exists_and_sftp_where_it_does_not(sshd, tmp_path):
    from kampung.publish.spec import load_targets
    from kampung.publish.targets import make_target
    from kampung.publish.targets.ssh import AutoSshTarget

    remote = ssh_remote("rsync", sshd, tmp_path)
    remote.spec["mode"] = "auto"
    site = make_site(tmp_path / "site", {"vps": remote.spec})
    spec = load_targets(site / "content")[0][0]
    no_rsync = tmp_path / "bin"
    no_rsync.mkdir()
    (no_rsync / "ssh").symlink_to("/usr/bin/ssh")
    for path, chosen in ((os.environ["PATH"], "rsync"), (str(no_rsync), "sftp")):
        with environment({**remote.env, "PATH": path}):
            target = make_target(spec, site)
            assert isinstance(target, AutoSshTarget)
            target.connect()
            try:
                assert target.chosen == chosen
            finally:
                target.close()
        with environment({"PATH": path}):
            assert publish(site, env=remote.env).code == 0


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rsync", "sftp"])
def test_a_server_with_an_unknown_host_key_is_refused(sshd, tmp_path, mode):
    remote = ssh_remote(mode, sshd, tmp_path)
    site = make_site(tmp_path / "site", {"vps": remote.spec})
    wrong = (f"[127.0.0.1]:{sshd.port} ssh-ed25519 "  # some key, not the server's
             "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n")
    run = publish(site, env={**remote.env, "KAMPUNG_SSH_KNOWN_HOSTS": wrong})
    assert run.code == 1
    assert "[vps]" in run.err and "sidik kunci server" in run.err
    assert not remote.files()


@pytest.mark.server
@pytest.mark.slow
def test_an_ftp_server_that_dies_mid_publish_is_resumed_where_it_stopped(
        ftpd, tmp_path, monkeypatch):
    from kampung.publish import report

    server = ftpd
    remote = ftp_remote("ftp", server)
    site = make_site(tmp_path / "site", {"hosting": remote.spec})
    original, cut = report.TerminalProgress.tick, 50

    def tick(self, rel):
        original(self, rel)
        if self.phase == "send" and self.count == cut:
            stop(server.process)  # the host goes down after the 50th file

    monkeypatch.setattr(report.TerminalProgress, "tick", tick)
    cut_off = publish(site, env=remote.env)
    assert cut_off.code == 1 and "[hosting]" in cut_off.err
    monkeypatch.undo()

    server = Ftpd(tmp_path, ftpd.root, "kemiren", "rahasia-ftp-benar-123")  # back, new port
    try:
        remote.spec["port"] = server.port
        make_site(tmp_path / "site", {"hosting": remote.spec})
        run = publish(site, "--format", "json", env=remote.env)
        assert run.code == 0, run.err
        total = len(sample_tree())
        assert total - cut <= run.target()["sent"] <= total - cut + RECORD_FILES
        assert without_manifest(remote.files()) == sample_tree()
    finally:
        stop(server.process)


@pytest.mark.slow
def test_a_git_error_says_what_went_wrong_not_only_its_last_line(tmp_path):
    remote = git_remote(tmp_path)
    missing = dict(remote.spec, remote=str(tmp_path / "tidak-ada.git"))
    site = make_site(tmp_path / "site", {"pages": missing})
    run = publish(site, "--lang", "en")
    assert run.code == 1
    assert "does not appear to be a git repository" in run.err

    hook = remote.bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'Kuota penyimpanan habis (batas 1 GB)' >&2\nexit 1\n")
    hook.chmod(0o755)
    site = make_site(tmp_path / "site", {"pages": {**remote.spec, "token_env": "KAMPUNG_TOKEN"}})
    run = publish(site, env={"KAMPUNG_TOKEN": "ghp_rahasiaSekali12345"})
    assert run.code == 1 and "git push ditolak" in run.err
    assert "Kuota penyimpanan habis (batas 1 GB)" in run.err
    assert "ghp_rahasiaSekali12345" not in run.err


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rsync", "sftp"])
def test_a_secret_that_is_not_a_private_key_is_named_so(sshd, tmp_path, mode):
    remote = ssh_remote(mode, sshd, tmp_path)
    site = make_site(tmp_path / "site", {"vps": remote.spec})
    pasted = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6 kemiren@laptop"  # the .pub
    run = publish(site, env={**remote.env, "KAMPUNG_SSH_KEY": pasted})
    assert run.code == 1
    assert "[vps] kunci SSH di variabel lingkungan tidak dapat dibaca" in run.err
    assert "-----BEGIN" in run.err  # the hint says what to paste
    assert not remote.files()
