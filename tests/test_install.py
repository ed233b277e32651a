"""Kampung in a village's hands: built as PyPA's `build` makes it, installed from the wheel
alone into a new virtual environment, and used in a folder outside this repository, the way
the guide (docs/mulai.md, pengumuman.md, foto.md, layanan.md) tells a volunteer."""

from __future__ import annotations

import signal
import socket
import subprocess
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from installkit import build_artifacts, clean_env, pip_install, source_repository, venv
from PIL import Image

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> tuple[Path, Path]:
    source, _ = source_repository(tmp_path_factory.mktemp("kampung-src"))
    return build_artifacts(source, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory, artifacts) -> Path:
    """A new virtual environment holding the wheel and its dependencies, nothing else."""
    bin_dir = venv(tmp_path_factory.mktemp("village") / "venv")
    pip_install(bin_dir, str(artifacts[0]))
    return bin_dir


class Volunteer:
    """Types `kampung ...` in a terminal, in a folder of their own."""

    def __init__(self, bin_dir: Path, folder: Path):
        self.bin, self.cwd = bin_dir, folder

    def __call__(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.bin / "kampung"), *args], cwd=self.cwd, text=True,
                                capture_output=True, env=clean_env(self.bin))
        assert (result.returncode == 0) == ok, result.stdout + result.stderr
        return result

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.cwd / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def replace_every_placeholder(self) -> None:
        """What the guide asks before publishing: each `[GANTI]` text replaced (here by the
        sample text that follows the mark)."""
        for path in (self.cwd / "content").rglob("*"):
            if path.suffix in (".md", ".yaml"):
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("[GANTI] ", ""), encoding="utf-8")


def test_the_wheel_and_the_sdist_carry_themes_locales_ci_templates_and_schemas(
        artifacts) -> None:
    wheel, sdist = artifacts
    with zipfile.ZipFile(wheel) as whl, tarfile.open(sdist) as tar:
        in_wheel = set(whl.namelist())
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for name in ("themes/default/templates/page.html", "themes/default/templates/style.css",
                 "locales/id/core.yaml", "locales/en/publish.yaml",
                 "publish/templates/github.yml", "publish/templates/gitlab.yml",
                 "schema.py", "jsonschema.py"):
        assert f"kampung/{name}" in in_wheel, name
        assert f"{'' if name.startswith('themes') else 'generator/'}{name}" in in_sdist, name
    assert "schemas/desa.schema.json" in in_sdist


def test_a_new_environment_with_only_the_wheel_makes_builds_serves_and_publishes(
        installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(installed / "python"), "-c", "import kampung; "
                            "print(kampung.__file__)"], cwd=tmp_path, text=True,
                           capture_output=True, env=clean_env(installed)).stdout
    assert where.startswith(str(installed.parent))  # not this working tree
    kampung = Volunteer(installed, tmp_path)
    kampung("init", "desa-coba", "--ci", "github")
    kampung.cwd = tmp_path / "desa-coba"
    assert {".gitignore", "README.md", ".github"} <= {p.name for p in kampung.cwd.iterdir()}
    checked = kampung("check")
    assert "tidak ada kesalahan" in checked.stdout and "[GANTI]" in checked.stderr
    kampung("build")
    assert (kampung.cwd / "output" / "desa-coba" / "index.html").is_file()
    assert "Desa Coba" in serve_and_fetch(kampung, "/desa-coba/index.html")
    refused = kampung("publish", "--dry-run", ok=False)
    assert refused.stderr.startswith("Belum ada tujuan publikasi")
    kampung.replace_every_placeholder()
    with (kampung.cwd / "content" / "portal.yaml").open("a", encoding="utf-8") as portal:
        portal.write("publikasi:\n  folder:\n    jenis: dir\n    path: ../terbit\n")
    assert "0 peringatan" in kampung("check").stdout
    kampung("build")
    dry = kampung("publish", "--dry-run")
    assert "desa-coba/index.html" in dry.stdout
    assert not (tmp_path / "terbit").exists()


def serve_and_fetch(kampung: Volunteer, path: str) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(kampung.bin / "kampung"), "serve", "--port", str(port)],
                              cwd=kampung.cwd, env=clean_env(kampung.bin), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                    return r.read().decode()
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_the_guides_tasks_followed_from_a_clean_install(installed: Path, tmp_path: Path) -> None:
    kampung = Volunteer(installed, tmp_path)
    # mulai.md, step 2: start a new village
    kampung("init", "sukamaju", "--nama", "Sukamaju")
    kampung.cwd = tmp_path / "sukamaju"
    kampung("check")
    # pengumuman.md: a new announcement; foto.md: with a photo from a phone
    kampung("new", "pengumuman", "sukamaju", "Kerja Bakti Minggu Pagi")
    rel = "content/sukamaju/pengumuman/kerja-bakti-minggu-pagi.md"
    kampung.edit(rel, 'ringkasan: "[GANTI] Satu-dua kalimat tentang Kerja Bakti Minggu Pagi."',
                 "ringkasan: Kerja bakti membersihkan saluran air, Minggu 29 November pukul "
                 "07.00.")
    kampung.edit(rel, "[GANTI] Tulis isi pengumuman di sini: apa, kapan, di mana, dan siapa "
                 "yang bisa dihubungi.", "Semua warga Dusun Krajan diundang membawa cangkul.")
    Image.new("RGB", (2000, 1500), (90, 140, 60)).save(
        kampung.cwd / "content/sukamaju/media/kerja-bakti-saluran.jpg", quality=90)
    kampung.edit(rel, "penting: false", "penting: false\ngambar:\n  file: "
                 "kerja-bakti-saluran.jpg\n  alt: Warga membersihkan saluran air di Dusun Krajan")
    checked = kampung("check")
    assert "kerja-bakti-minggu-pagi" not in checked.stderr  # nothing left to replace there
    kampung("build")
    page = (kampung.cwd / "output/sukamaju/pengumuman/kerja-bakti-minggu-pagi/index.html")
    html = page.read_text(encoding="utf-8")
    assert "membawa cangkul" in html and "Kerja bakti membersihkan saluran air" in html
    figure = BeautifulSoup(html, "html.parser").select_one("main figure picture img")
    assert figure["alt"] == "Warga membersihkan saluran air di Dusun Krajan"  # as foto.md says
    assert "kerja-bakti-saluran" in figure["src"]
    assert list((kampung.cwd / "output/sukamaju").rglob("kerja-bakti-saluran*.webp"))
    # layanan.md: change a service's requirements
    service = next((kampung.cwd / "content/sukamaju/layanan").glob("*.md"))
    kampung.edit(str(service.relative_to(kampung.cwd)), "persyaratan:\n",
                 "persyaratan:\n  - nama: Foto tempat usaha\n    catatan: Boleh dicetak dari "
                 "ponsel.\n")
    kampung("build")
    built = kampung.cwd / "output/sukamaju/layanan" / service.stem / "index.html"
    assert "Foto tempat usaha" in built.read_text(encoding="utf-8")
