"""What each kind of publish target's host does with precompressed copies (`x.html.gz`,
`x.html.br`): kept below the build and the publishers, so the build (assets/hosting.py)
knows it without importing them (a one-page rebuild imports no publisher)."""

from __future__ import annotations

# Does the host behind a target of this kind send `x.html.br`/`.gz` in place of `x.html`?
# SSH: a VPS with nginx (gzip_static) or Apache (our .htaccess); FTP: cPanel's Apache with
# our .htaccess; a folder: the web server of that machine. A git branch (GitHub, Forgejo
# Pages; GitLab Pages does, with `kompresi: ya`) and object storage (S3, R2, MinIO) serve
# each file by its own name: a browser asking for x.html never gets x.html.br.
SERVES_COPIES = {"git": False, "s3": False, "ssh": True, "ftp": True, "dir": True}


def serves_copies(kind: str, setting: str = "otomatis") -> bool:
    """Does this target's host serve precompressed copies (`kompresi` overrides the kind)?"""
    if setting in ("ya", "tidak"):
        return setting == "ya"
    return SERVES_COPIES.get(kind, True)
