"""Publishing stories, told once and run against every kind of target on a real server.

A volunteer publishes the portal, edits one announcement and publishes again; the host
has files of its own; CI gets killed half-way; a secret is wrong; someone meddles with
the live site.
"""

from __future__ import annotations

import pytest

from kampung.publish.journal import RECORD_FILES

from .remotes import FolderRemote
from .sitekit import (
    ANNOUNCEMENT,
    bigger_change,
    edit_announcement,
    make_site,
    publish,
    publish_killed_after,
    sample_tree,
    without_manifest,
    write_tree,
)

FOREIGN = {".htaccess": b"Options -Indexes\n", "cgi-bin/stats.cgi": b"#!/bin/sh\n",
           "kemiren/google1234.html": b"google-site-verification"}


def site_for(remote, tmp_path, tree=None):
    return make_site(tmp_path / "site", {"hosting": remote.spec}, tree)


def assert_no_secret(remote, run):
    for secret in remote.secrets:
        for line in secret.splitlines():
            if len(line.strip()) > 8:
                assert line.strip() not in run.out + run.err


def test_first_publish_sends_the_whole_site(remote, tmp_path):
    site = site_for(remote, tmp_path)
    run = publish(site, "--format", "json", env=remote.env)
    assert run.code == 0, run.err
    tree = sample_tree()
    assert without_manifest(remote.files()) == tree
    assert run.target()["sent"] == len(tree)
    assert run.target()["sent_bytes"] == sum(len(d) for d in tree.values())
    assert_no_secret(remote, run)


def test_editing_one_announcement_sends_only_what_changed(remote, tmp_path):
    site = site_for(remote, tmp_path)
    assert publish(site, env=remote.env).code == 0
    edited, changed = edit_announcement(sample_tree())
    write_tree(site / "output", edited)
    run = publish(site, "--format", "json", env=remote.env)
    assert run.code == 0, run.err
    assert set(run.target()["files"]) == changed
    assert run.target()["deleted"] == 0
    assert without_manifest(remote.files()) == edited
    again = publish(site, "--format", "json", env=remote.env)
    assert again.target()["sent"] == 0 and again.target()["unchanged"] == len(edited)


def test_files_the_host_put_there_are_never_touched(remote, tmp_path):
    site = site_for(remote, tmp_path)
    for rel, data in FOREIGN.items():
        remote.put(rel, data)
    assert publish(site, env=remote.env).code == 0
    write_tree(site / "output", bigger_change(sample_tree()))
    run = publish(site, "--format", "json", env=remote.env)
    assert run.code == 0, run.err
    assert set(run.target()["deleted_files"]) == {
        "kemiren/assets/style.3f2a9c.css", "kemiren/pengumuman/lomba-17an/index.html",
        "kemiren/pengumuman/lomba-17an/index.html.gz"}
    files = remote.files()
    for rel, data in FOREIGN.items():
        assert files[rel] == data


def test_a_publish_killed_half_way_leaves_the_site_whole_and_a_rerun_completes(
        remote, tmp_path):
    site = site_for(remote, tmp_path)
    for rel, data in FOREIGN.items():
        remote.put(rel, data)
    old = sample_tree()
    assert publish(site, env=remote.env).code == 0
    new = bigger_change(old)
    write_tree(site / "output", new)

    assert publish_killed_after(site, 3, remote.env) != 0
    files = without_manifest(remote.files())
    for rel, data in old.items():  # every old file is still served: no link is broken
        assert files[rel] in (data, new.get(rel)), rel
    for rel, data in files.items():  # every file is whole: old, new or foreign
        assert data in (old.get(rel), new.get(rel), FOREIGN.get(rel)), rel

    run = publish(site, "--format", "json", env=remote.env)
    assert run.code == 0, run.err
    assert without_manifest(remote.files()) == {**new, **FOREIGN}
    assert publish(site, "--format", "json", env=remote.env).target()["sent"] == 0


def test_a_wrong_secret_names_the_target_and_deletes_nothing(remote, tmp_path):
    if remote.bad_env is None:
        pytest.skip("no login on this remote (a folder, a local git path)")
    site = site_for(remote, tmp_path)
    assert publish(site, env=remote.env).code == 0
    before = remote.files()
    write_tree(site / "output", bigger_change(sample_tree()))
    run = publish(site, env=remote.bad_env)
    assert run.code != 0
    assert "[hosting]" in run.err and "login ditolak" in run.err
    assert remote.files() == before
    assert_no_secret(remote, run)


def test_dry_run_lists_files_and_bytes_and_changes_nothing(remote, tmp_path):
    site = site_for(remote, tmp_path)
    assert publish(site, env=remote.env).code == 0
    before = remote.files()
    edited, changed = edit_announcement(sample_tree())
    write_tree(site / "output", edited)
    run = publish(site, "--dry-run", env=remote.env)
    assert run.code == 0, run.err
    assert f"kirim  {ANNOUNCEMENT} (" in run.out
    assert sum(line.startswith("  kirim") for line in run.out.splitlines()) == len(changed)
    assert f"akan dikirim {len(changed)} berkas" in run.out
    assert remote.files() == before


def test_verify_finds_a_tampered_file_and_repairs_it(remote, tmp_path):
    site = site_for(remote, tmp_path)
    assert publish(site, env=remote.env).code == 0
    remote.put("kemiren/layanan/ktp-el/index.html", b"<h1>dirusak</h1>")
    check = publish(site, "--verify", "--dry-run", env=remote.env)
    assert check.code == 1
    assert "rusak  kemiren/layanan/ktp-el/index.html" in check.out
    repair = publish(site, "--verify", "--format", "json", env=remote.env)
    assert repair.code == 0, repair.err
    assert repair.target()["files"] == ["kemiren/layanan/ktp-el/index.html"]
    assert without_manifest(remote.files()) == sample_tree()


HOST_OWN = {".htaccess": b"# dari hosting\nOptions -Indexes\n",
            "index.html": b"<h1>Segera hadir: situs desa</h1>"}


def test_a_host_file_the_site_needs_stops_the_publish_until_the_volunteer_says_so(
        remote, tmp_path):
    tree = {**sample_tree(), ".htaccess": b"ErrorDocument 404 /404.html\n"}
    site = site_for(remote, tmp_path, tree)
    for rel, data in HOST_OWN.items():
        remote.put(rel, data)
    before = remote.files()

    dry = publish(site, "--dry-run", env=remote.env)
    assert dry.code == 1
    assert "milik-lain  .htaccess" in dry.out and "milik-lain  index.html" in dry.out
    assert "milik lain 2." in dry.out
    run = publish(site, env=remote.env)
    assert run.code == 1
    assert ".htaccess, index.html" in run.err and "--overwrite-foreign" in run.err
    assert remote.files() == before  # nothing sent, nothing replaced

    assert publish(site, "--overwrite-foreign", env=remote.env).code == 0
    assert without_manifest(remote.files()) == tree


def test_leftovers_of_an_interrupted_publish_are_cleaned_up_and_only_ours(remote, tmp_path):
    if remote.kind == "git":
        pytest.skip("git changes the remote by one push at the end: nothing is left over")
    site = site_for(remote, tmp_path)
    remote.put("cgi-bin/.stats.kampung-tmp", b"the host's, named like ours")
    assert publish(site, env=remote.env).code == 0
    new = bigger_change(sample_tree())
    write_tree(site / "output", new)
    assert publish_killed_after(site, 3, remote.env) != 0
    left = "kemiren/pengumuman/sedekah-bumi/.index.html.kampung-tmp"
    remote.put(left, b"<!doctype html><title>sedekah")  # cut off mid-upload

    # the volunteer drops the new page again before the next publish
    final = {rel: data for rel, data in new.items() if "sedekah-bumi" not in rel}
    write_tree(site / "output", final)
    run = publish(site, env=remote.env)
    assert run.code == 0, run.err
    assert without_manifest(remote.files()) == {
        **final, "cgi-bin/.stats.kampung-tmp": b"the host's, named like ours"}
    if isinstance(remote, FolderRemote):  # folders emptied by deleted pages go too
        for gone in ("kemiren/pengumuman/lomba-17an", "kemiren/pengumuman/sedekah-bumi"):
            assert not (remote.root / gone).exists()


def test_an_interrupted_publish_does_not_send_again_what_it_confirmed(remote, tmp_path):
    if remote.kind == "git":
        pytest.skip("git pushes once at the end: an interrupted publish changed nothing")
    site = site_for(remote, tmp_path)
    assert publish_killed_after(site, 50, remote.env) != 0
    run = publish(site, "--format", "json", env=remote.env)
    assert run.code == 0, run.err
    total = len(sample_tree())
    assert total - 50 <= run.target()["sent"] <= total - 50 + RECORD_FILES
    assert without_manifest(remote.files()) == sample_tree()


def test_a_first_dry_run_creates_nothing_on_the_remote_not_even_its_folder(remote, tmp_path):
    site = site_for(remote, tmp_path)
    run = publish(site, "--dry-run", env=remote.env)
    assert run.code == 0, run.err
    assert f"kirim  {ANNOUNCEMENT} (" in run.out
    assert remote.files() == {}
    if isinstance(remote, FolderRemote):
        assert not remote.root.exists()
    assert publish(site, env=remote.env).code == 0
    assert without_manifest(remote.files()) == sample_tree()
