"""Publish targets as the volunteer writes them, declared once as data and validated.

`content/portal.yaml` names targets that receive the whole portal (all of output/);
`content/<desa>/desa.yaml` may name targets that receive only that village's folder.

    publikasi:
      hosting:
        jenis: ftp
        host: ftp.desa-kemiren.id
        user: kemiren
        password_env: KAMPUNG_FTP_PASSWORD
        tls: true

Secrets never sit in these files: a key ending in `_env` names the environment variable
that holds the secret, and only the name is ever stored, printed or logged.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import Document, load_yaml_file
from ..errors import Problem
from ..hosts import serves_copies
from ..schema import COMPRESSION


@dataclass(frozen=True)
class Key:
    kind: str  # text, int, bool, env, choice
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


ENV_NAME_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")
TARGET_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SSH_KEYS = {"key_env": Key("env"), "known_hosts_env": Key("env")}
# does this host serve the precompressed .gz/.br copies? `otomatis`: by its kind
# (`hosts.SERVES_COPIES`); the build makes them only if some target does (assets/hosting.py)
HOSTING_KEYS = {"kompresi": Key("choice", default="otomatis", choices=COMPRESSION)}

KINDS: dict[str, dict[str, Key]] = {
    "git": {
        "remote": Key("text", required=True),
        "branch": Key("text", default="gh-pages"),
        "history": Key("int", default=0),
        "token_env": Key("env"),
        "author_name": Key("text", default="Kampung"),
        "author_email": Key("text", default="kampung@localhost"),
        "message": Key("text", default="Terbitkan situs"),
        **SSH_KEYS,
        **HOSTING_KEYS,
    },
    "ssh": {
        "host": Key("text", required=True),
        "port": Key("int", default=22),
        "user": Key("text", required=True),
        "path": Key("text", required=True),
        "mode": Key("choice", default="auto", choices=("auto", "rsync", "sftp")),
        "password_env": Key("env"),
        **SSH_KEYS,
        **HOSTING_KEYS,
    },
    "ftp": {
        "host": Key("text", required=True),
        "port": Key("int", default=21),
        "user": Key("text", required=True),
        "password_env": Key("env", required=True),
        "path": Key("text", default="/"),
        "tls": Key("bool", default=False),
        "tls_verify": Key("bool", default=True),
        "ca_file": Key("text"),
        "timeout": Key("int", default=60),
        **HOSTING_KEYS,
    },
    "s3": {
        "bucket": Key("text", required=True),
        "prefix": Key("text", default=""),
        "endpoint": Key("text"),
        "region": Key("text", default="us-east-1"),
        "access_key_env": Key("env", default="AWS_ACCESS_KEY_ID"),
        "secret_key_env": Key("env", default="AWS_SECRET_ACCESS_KEY"),
        **HOSTING_KEYS,
    },
    "dir": {
        "path": Key("text", required=True),
        **HOSTING_KEYS,
    },
}
SECRET_WORDS = ("password", "sandi", "secret", "token", "key", "kunci")


@dataclass(frozen=True)
class TargetSpec:
    """One validated target: where it came from, what it publishes, its options."""

    name: str
    kind: str
    village: str | None  # None: the whole portal
    source: str  # content-relative file that declared it
    line: int
    options: dict[str, Any] = field(hash=False)

    @property
    def label(self) -> str:
        return f"{self.village}/{self.name}" if self.village else self.name

    @property
    def serves_copies(self) -> bool:
        """Does the host send `x.html.br`/`.gz` for `x.html` (else publish leaves them out)?"""
        return serves_copies(self.kind, self.options.get("kompresi", "otomatis"))

    def env_names(self) -> list[str]:
        keys = KINDS[self.kind]
        return [v for k, v in self.options.items() if keys[k].kind == "env" and v]


def load_targets(content: Path) -> tuple[list[TargetSpec], list[Problem]]:
    """Every target in portal.yaml and each desa.yaml, with every problem in them."""
    specs: list[TargetSpec] = []
    problems: list[Problem] = []
    files: list[tuple[Path, str, str | None]] = [(content / "portal.yaml", "portal.yaml", None)]
    files += [
        (path, f"{path.parent.name}/desa.yaml", path.parent.name)
        for path in sorted(content.glob("*/desa.yaml"))
    ]
    for path, rel, village in files:
        if not path.is_file():
            continue
        doc, found = load_yaml_file(path, rel)
        problems += found
        if doc is not None:
            new_specs, new_problems = targets_in(doc, village)
            specs += new_specs
            problems += new_problems
    return specs, problems


def targets_in(doc: Document, village: str | None) -> tuple[list[TargetSpec], list[Problem]]:
    section = doc.data.get("publikasi")
    if section is None:
        return [], []
    if not isinstance(section, dict):
        return [], [_problem(doc, ("publikasi",), "publish_not_mapping", field="publikasi")]
    specs, problems = [], []
    for name, raw in section.items():
        spec, found = _target(doc, village, str(name), raw)
        problems += found
        if spec is not None:
            specs.append(spec)
    return specs, problems


def _target(
    doc: Document, village: str | None, name: str, raw: Any,
) -> tuple[TargetSpec | None, list[Problem]]:
    where = ("publikasi", name)
    if not TARGET_NAME_RE.match(name):
        return None, [_problem(doc, where, "publish_target_name", target=name)]
    if not isinstance(raw, dict):
        return None, [_problem(doc, where, "publish_not_mapping", field=f"publikasi.{name}")]
    kind = raw.get("jenis")
    if kind is None:
        return None, [_problem(doc, where, "publish_kind_missing", target=name,
                               choices=", ".join(KINDS))]
    if kind not in KINDS:
        return None, [_problem(doc, (*where, "jenis"), "publish_kind_unknown", target=name,
                               value=kind, choices=", ".join(KINDS))]
    keys = KINDS[kind]
    problems: list[Problem] = []
    options: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "jenis":
            continue
        if key not in keys:
            problems.append(_unknown_key(doc, (*where, key), name, kind, str(key)))
            continue
        problem = _check(doc, (*where, key), name, key, keys[key], value)
        if problem:
            problems.append(problem)
        else:
            options[key] = value
    for key, spec in keys.items():
        if key not in raw and spec.required:
            problems.append(_problem(doc, where, "publish_key_missing", target=name, field=key,
                                     kind=kind))
        options.setdefault(key, spec.default)
    if problems:
        return None, problems
    line, _ = doc.where(where)
    return TargetSpec(name, kind, village, doc.rel, line, options), []


def _check(doc: Document, where: tuple, target: str, key: str, spec: Key,
           value: Any) -> Problem | None:
    expected = {
        "text": lambda v: isinstance(v, str) and v.strip() != "",
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "bool": lambda v: isinstance(v, bool),
        "env": lambda v: isinstance(v, str) and bool(ENV_NAME_RE.match(v)),
        "choice": lambda v: v in spec.choices,
    }[spec.kind]
    if expected(value):
        return None
    if spec.kind == "env":
        return _problem(doc, where, "publish_env_name", target=target, field=key)
    return _problem(doc, where, f"publish_type_{spec.kind}", target=target, field=key,
                    choices=", ".join(spec.choices))


def _unknown_key(doc: Document, where: tuple, target: str, kind: str, key: str) -> Problem:
    if any(word in key.lower() for word in SECRET_WORDS) and not key.endswith("_env"):
        return _problem(doc, where, "publish_secret_in_file", target=target, field=key)
    options = ["jenis", *KINDS[kind]]
    close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    ordered = close + [o for o in options if o not in close]  # the likeliest first
    return _problem(doc, where, "publish_key_unknown", target=target, field=key, kind=kind,
                    choices=", ".join(ordered))


def _problem(doc: Document, where: tuple, code: str, **params: Any) -> Problem:
    line, column = doc.where(where)
    return Problem.at(doc.rel, line, column, code, **params)
