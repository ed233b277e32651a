"""`kampung serve` as a volunteer runs it: address printed, Ctrl-C stops it cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.server, pytest.mark.slow]


def start(site: Path, tmp: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """Start `kampung serve` and return it with the first lines it printed."""
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp), "KAMPUNG_LANG": "id"}
    process = subprocess.Popen(
        [sys.executable, "-m", "kampung", "serve", "--site", str(site), "--now",
         "2026-11-28", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=env)
    assert process.stdout is not None
    printed = ""
    deadline = time.monotonic() + 60
    while not re.search(r"(Tekan|Press) Ctrl-C", printed) and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed += line
    return process, printed


def url_in(printed: str) -> str:
    match = re.search(r"Pratinjau berjalan di (http://127\.0\.0\.1:\d+/)", printed)
    assert match, printed
    return match[1]


def test_serve_prints_its_address_and_ctrl_c_stops_it_cleanly(site: Path, tmp_path: Path
                                                             ) -> None:
    process, printed = start(site, tmp_path / "tmp", "--port", "0")
    url = url_in(printed)
    with urllib.request.urlopen(url + "sukamaju/", timeout=30) as response:
        assert response.status == 200
        assert b"Sukamaju" in response.read()
    assert "Mengawasi perubahan di:" in printed
    assert list((tmp_path / "tmp").glob("kampung-pratinjau-*"))
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Pratinjau dihentikan." in rest
    assert "Traceback" not in printed + rest
    assert not list((tmp_path / "tmp").glob("kampung-pratinjau-*"))


def test_lan_preview_warns_and_names_the_address_for_a_phone(site: Path, tmp_path: Path
                                                             ) -> None:
    process, printed = start(site, tmp_path / "tmp", "--port", "0", "--host", "0.0.0.0")
    try:
        assert "Peringatan: pratinjau ini terbuka untuk semua perangkat" in printed
        port = re.search(r"http://127\.0\.0\.1:(\d+)/", printed)
        assert port
        assert re.search(rf"Dari ponsel di Wi-Fi yang sama, buka: http://[\d.]+:{port[1]}/",
                         printed) or "Alamat komputer ini di jaringan tidak diketahui" in printed
        with urllib.request.urlopen(f"http://127.0.0.1:{port[1]}/", timeout=30) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    assert process.returncode == 0


def test_a_port_in_use_is_explained_with_the_next_one_to_try(site: Path, tmp_path: Path
                                                             ) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process, printed = start(site, tmp_path / "tmp", "--port", str(port))
        rest, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert f"Port {port} sudah dipakai program lain" in printed + rest
    assert f"kampung serve --port {port + 1}" in printed + rest
    assert not list((tmp_path / "tmp").glob("kampung-pratinjau-*"))


def test_english_messages_with_lang_en(site: Path, tmp_path: Path) -> None:
    process, printed = start(site, tmp_path / "tmp", "--port", "0", "--lang", "en")
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert "Preview running at http://127.0.0.1:" in printed
    assert "Preview stopped." in rest


def test_a_folder_without_content_is_refused_with_a_hint(tmp_path: Path) -> None:
    process, printed = start(tmp_path, tmp_path / "tmp", "--port", "0")
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "tidak ada folder content/" in printed + rest
    assert "kampung init" in printed + rest


def test_an_address_this_computer_does_not_have_is_explained(site: Path, tmp_path: Path
                                                             ) -> None:
    process, printed = start(site, tmp_path / "tmp", "--port", "0", "--host", "203.0.113.9")
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "Pratinjau tidak bisa dibuka di 203.0.113.9:0" in printed + rest
    assert "Periksa --host dan --port" in printed + rest
