"""A volunteer configures publishing: mistakes are named by file, line and key, secrets
stay out of files and out of every message. Uses the `dir` target: fast, no server."""

from __future__ import annotations

import pytest

from kampung.cli import main
from kampung.publish import ci
from kampung.publish.spec import load_targets

from .sitekit import make_site, publish, sample_tree


def write_portal(site, text: str) -> None:
    (site / "content").mkdir(parents=True, exist_ok=True)
    (site / "content" / "portal.yaml").write_text(
        "nama: Portal\nbase_url: https://desa.example/\n" + text)


def test_a_misspelt_key_is_named_with_file_line_and_the_keys_that_exist(tmp_path, capsys):
    write_portal(tmp_path, "publikasi:\n  hosting:\n    jenis: ftp\n    hots: ftp.desa.id\n"
                           "    user: kemiren\n    password_env: KAMPUNG_FTP_PASSWORD\n")
    assert main(["publish", "--site", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "portal.yaml:6:5" in err and '"hots"' in err
    assert "host" in err.split("saran:")[1]
    assert '"host"' in err  # and the required key it still lacks


def test_a_password_written_in_the_file_is_refused_without_repeating_it(tmp_path, capsys):
    write_portal(tmp_path, "publikasi:\n  hosting:\n    jenis: ftp\n    host: h\n    user: u\n"
                           "    password_env: X\n    password: sangat-rahasia-99\n")
    assert main(["publish", "--site", str(tmp_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "do not write secrets" in err and "sangat-rahasia-99" not in err


@pytest.mark.parametrize(("yaml_text", "code"), [
    ("publikasi: [a]\n", "publish_not_mapping"),
    ("publikasi:\n  h: {host: x}\n", "publish_kind_missing"),
    ("publikasi:\n  h: {jenis: webdav}\n", "publish_kind_unknown"),
    ("publikasi:\n  h: {jenis: ssh, host: x, user: u, path: /w, port: dua}\n",
     "publish_type_int"),
    ("publikasi:\n  h: {jenis: ftp, host: x, user: u, password_env: rahasia saya}\n",
     "publish_env_name"),
    ("publikasi:\n  h: {jenis: ssh, host: x, user: u, path: /w, mode: scp}\n",
     "publish_type_choice"),
    ("publikasi:\n  h: {jenis: ftp, host: x, user: u, password_env: P, tls: ya}\n",
     "publish_type_bool"),
    ("publikasi:\n  'a b': {jenis: dir, path: x}\n", "publish_target_name"),
])
def test_each_kind_of_spec_mistake_has_its_own_message(tmp_path, yaml_text, code):
    write_portal(tmp_path, yaml_text)
    _, problems = load_targets(tmp_path / "content")
    assert [p.code for p in problems] == [code]
    assert problems[0].path == "portal.yaml" and problems[0].line > 1
    assert not problems[0].message("id").startswith("error.")
    assert not problems[0].hint("en").startswith("hint.")


def test_a_village_publishes_its_own_folder_to_its_own_target(tmp_path):
    site = make_site(tmp_path, {"portal": {"jenis": "dir", "path": str(tmp_path / "all")}})
    with (site / "content" / "kemiren" / "desa.yaml").open("a") as desa:
        desa.write(f"publikasi:\n  sendiri:\n    jenis: dir\n"
                   f"    path: {tmp_path / 'kemiren-only'}\n")
    run = publish(site, "--village", "kemiren", "--format", "json")
    assert run.code == 0, run.err
    assert [t["target"] for t in run.report["targets"]] == ["kemiren/sendiri"]
    sent = {p.relative_to(tmp_path / "kemiren-only").as_posix()
            for p in (tmp_path / "kemiren-only").rglob("*") if p.is_file()}
    assert sent == {rel.removeprefix("kemiren/") for rel in sample_tree()
                    if rel.startswith("kemiren/")} | {".kampung-manifest.json"}
    assert not (tmp_path / "all").exists()
    assert publish(site, "--target", "portal").code == 0
    assert (tmp_path / "all" / "index.html").exists()


def test_a_host_that_ignores_copies_gets_none_and_loses_those_sent_before(tmp_path):
    site = make_site(tmp_path, {"web": {"jenis": "dir", "path": str(tmp_path / "web")}})
    assert publish(site).code == 0
    assert (tmp_path / "web/kemiren/index.html.gz").exists()  # a folder: served by nginx
    portal = site / "content/portal.yaml"
    portal.write_text(portal.read_text() + "    kompresi: tidak\n")
    run = publish(site, "--format", "json")
    assert run.code == 0, run.err
    gone = [rel for rel in sample_tree() if rel.endswith(".gz")]
    assert sorted(run.target()["deleted_files"]) == sorted(gone) and gone
    assert not list((tmp_path / "web").rglob("*.gz"))
    assert (tmp_path / "web/kemiren/index.html").exists()


def test_a_missing_secret_names_the_variable_and_never_connects(tmp_path):
    site = make_site(tmp_path, {"hosting": {"jenis": "ftp", "host": "127.0.0.1", "port": 9,
                                            "user": "u", "password_env": "KAMPUNG_TEST_NONE"}})
    run = publish(site)
    assert run.code == 1
    assert "[hosting]" in run.err and "KAMPUNG_TEST_NONE" in run.err


def test_an_unwritable_folder_names_the_target_and_the_file(tmp_path):
    (tmp_path / "blocked").write_text("a file, not a folder")
    site = make_site(tmp_path / "s", {"lokal": {"jenis": "dir",
                                                "path": str(tmp_path / "blocked" / "www")}})
    run = publish(site, "--lang", "en")
    assert run.code == 1
    assert "[lokal]" in run.err and "Run first" not in run.err


def test_publishing_before_building_says_to_build_first(tmp_path):
    site = make_site(tmp_path, {"lokal": {"jenis": "dir", "path": "served"}})
    for path in sorted((site / "output").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (site / "output").rmdir()
    run = publish(site)
    assert run.code == 1 and "kampung build" in run.err


def test_no_targets_at_all_explains_where_to_add_one(tmp_path):
    write_portal(tmp_path, "")
    run = publish(tmp_path)
    assert run.code == 1 and "publikasi:" in run.err


def test_a_damaged_remote_manifest_means_keep_what_matches_and_delete_nothing(tmp_path):
    served = tmp_path / "served"
    site = make_site(tmp_path / "s", {"lokal": {"jenis": "dir", "path": str(served)}})
    assert publish(site).code == 0
    (served / "stale.html").write_text("ours once, but the manifest is lost")
    (served / ".kampung-manifest.json").write_text("{broken")
    run = publish(site, "--format", "json")
    assert run.code == 0 and "peringatan" in run.err
    assert run.target()["sent"] == 0 and run.target()["deleted"] == 0  # same bytes: ours
    assert (served / "stale.html").exists()


def test_the_summary_counts_files_and_bytes(tmp_path):
    site = make_site(tmp_path, {"lokal": {"jenis": "dir", "path": "served"}})
    run = publish(site, "--lang", "en")
    total = sum(len(d) for d in sample_tree().values())
    assert run.code == 0
    assert run.out.strip() == (f"[lokal] sent {len(sample_tree())} files "
                               f"({total / 1024:.1f} KB), deleted 0, unchanged 0.")
    again = publish(site)
    assert again.out.strip() == (f"[lokal] terkirim 0 berkas (0 B), dihapus 0, "
                                 f"tidak berubah {len(sample_tree())}.")


@pytest.mark.parametrize("provider", ["github", "gitlab"])
def test_ci_files_build_and_publish_on_push_and_daily_with_secrets_by_name(tmp_path, provider):
    make_site(tmp_path, {"hosting": {"jenis": "ftp", "host": "h", "user": "u",
                                     "password_env": "KAMPUNG_FTP_PASSWORD", "tls": True},
                         "vps": {"jenis": "ssh", "host": "h", "user": "u", "path": "/w",
                                 "key_env": "KAMPUNG_SSH_KEY"}})
    assert main(["ci", provider, "--site", str(tmp_path)]) == 0
    path = tmp_path / ci.DESTINATIONS[provider]
    text = path.read_text()
    for step in ("kampung check", "kampung build", "kampung publish", ".kampung-cache",
                 "KAMPUNG_FTP_PASSWORD", "KAMPUNG_SSH_KEY", "rsync", "main"):
        assert step in text, step
    assert ("schedule" in text) and ("cron" in text or "Pipeline schedules" in text)
    if provider == "github":
        assert "${{ secrets.KAMPUNG_FTP_PASSWORD }}" in text
    import yaml

    assert yaml.safe_load(text)
    assert main(["ci", provider, "--site", str(tmp_path)]) == 1  # kept without --force
    assert main(["ci", provider, "--site", str(tmp_path), "--force"]) == 0
