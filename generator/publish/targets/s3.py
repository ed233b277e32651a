"""S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, ...) through boto3.

Each object gets its Content-Type; a precompressed copy (`x.css.gz`, `x.html.br`) gets
the Content-Type of its original and a Content-Encoding; fingerprinted assets
(`style.3f2a9c.css`) are cached for a year, everything else for five minutes, so a new
announcement shows up quickly. A PUT replaces an object whole: no reader sees half a file.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from typing import Any

from ..base import PublishError, Target
from ..manifest import MANIFEST_NAME
from ..plan import PAGE, original_of, stage_of

FINGERPRINT_RE = re.compile(r"\.[0-9a-f]{6,}\.[A-Za-z0-9]+$")
ENCODINGS = {".gz": "gzip", ".br": "br"}
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".json": "application/json",
    ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml",
    ".webp": "image/webp", ".avif": "image/avif", ".woff2": "font/woff2",
}
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
AUTH_CODES = ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403")


def object_headers(rel: str) -> dict[str, str]:
    """Content-Type, Content-Encoding and Cache-Control for one published file."""
    base = original_of(rel)
    suffix = Path(base).suffix.lower()
    content_type = TYPES.get(suffix) or mimetypes.guess_type(base)[0] or "application/octet-stream"
    headers = {"ContentType": content_type}
    if base != rel:
        headers["ContentEncoding"] = ENCODINGS[rel[len(base):]]
    fingerprinted = stage_of(rel) != PAGE and FINGERPRINT_RE.search(base)
    headers["CacheControl"] = LONG_CACHE if fingerprinted else SHORT_CACHE
    return headers


class S3Target(Target):
    def connect(self) -> None:
        import boto3
        from botocore.config import Config

        options = self.spec.options
        self.client = boto3.client(
            "s3",
            endpoint_url=options["endpoint"] or None,
            region_name=options["region"],
            aws_access_key_id=self.secrets.get("access_key_env", required=True),
            aws_secret_access_key=self.secrets.get("secret_key_env", required=True),
            config=Config(retries={"max_attempts": 5, "mode": "standard"},
                          connect_timeout=20, read_timeout=120),
        )
        self.bucket = options["bucket"]
        self.prefix = options["prefix"].strip("/")
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as exc:
            raise self._error("", exc) from None

    def _key(self, rel: str) -> str:
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def read(self, rel: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(rel))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None
        except Exception as exc:
            raise self._error(rel, exc) from None

    def write(self, rel: str, source: Path) -> None:
        with source.open("rb") as handle:
            self._put(rel, handle.read())

    def write_bytes(self, rel: str, data: bytes) -> None:
        self._put(rel, data)

    def _put(self, rel: str, data: bytes) -> None:
        headers: dict[str, Any] = object_headers(rel) if rel != MANIFEST_NAME else {
            "ContentType": "application/json", "CacheControl": "no-cache"}
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(rel), Body=data, **headers)
        except Exception as exc:
            raise self._error(rel, exc) from None

    def listdir(self, folder: str) -> set[str] | None:
        """Objects and common prefixes one level below `folder` (S3 has no folders)."""
        prefix = "".join(f"{part}/" for part in (self.prefix, folder) if part)
        names: set[str] = set()
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix, Delimiter="/")
            for page in pages:
                names |= {item["Key"][len(prefix):] for item in page.get("Contents", [])}
                names |= {item["Prefix"][len(prefix):-1] for item in page.get("CommonPrefixes", [])}
        except Exception as exc:
            raise self._error(folder, exc) from None
        return names or None

    def remove(self, rel: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(rel))
        except Exception as exc:
            raise self._error(rel, exc) from None

    def _error(self, rel: str, exc: Exception) -> PublishError:
        from botocore.exceptions import ClientError, EndpointConnectionError

        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in AUTH_CODES:
                return self.fail("auth", rel, exc)
            if code in ("NoSuchBucket", "404"):
                return self.fail("no_bucket", rel, exc)
            return self.fail("transfer", rel, exc)
        if isinstance(exc, EndpointConnectionError):
            return self.fail("unreachable", rel, exc)
        return self.fail("transfer", rel, exc)
