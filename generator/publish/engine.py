"""Publish one folder to one target: read the remote manifest, plan, send, delete.

    scan the local folder ─► read remote manifest ─► plan ─► (verify) ─► begin manifest
        ─► send (assets, pages, indexes) ─► delete ─► final manifest ─► finish

Each step is safe to die in. Before the first upload the remote manifest is rewritten
to name every file about to be sent (unconfirmed), so a re-run resends those and may
delete them; deletions come only after every upload succeeded; the final manifest is
written last. Nothing is ever deleted that no earlier manifest of ours listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .base import PublishError, Target
from .manifest import MANIFEST_NAME, Manifest, ManifestError, dumps, loads, scan
from .plan import Plan, make_plan


class Progress(Protocol):
    target: str

    def begin(self, phase: str, total: int) -> None: ...
    def tick(self, rel: str) -> None: ...
    def end(self) -> None: ...
    def warn(self, code: str, **params: object) -> None: ...


@dataclass(frozen=True)
class Options:
    dry_run: bool = False
    verify: bool = False


@dataclass
class Result:
    target: str
    plan: Plan
    damaged: set[str] = field(default_factory=set)
    dry_run: bool = False

    @property
    def summary(self) -> dict[str, object]:
        return {
            "target": self.target, "dry_run": self.dry_run,
            "sent": len(self.plan.upload), "sent_bytes": self.plan.upload_bytes,
            "deleted": len(self.plan.delete), "unchanged": len(self.plan.unchanged),
            "damaged": sorted(self.damaged),
            "files": list(self.plan.upload), "deleted_files": list(self.plan.delete),
        }


def publish(target: Target, root: Path, options: Options, progress: Progress) -> Result:
    local = scan(root)
    target.connect()
    try:
        plan = make_plan(local, _remote_manifest(target, progress))
        damaged: set[str] = set()
        if options.verify:
            damaged = _verify(target, plan, root, progress)
            plan = plan.resend(damaged)
        if not options.dry_run and not plan.empty:
            _apply(target, plan, root, progress)
        return Result(target.spec.label, plan, damaged, options.dry_run)
    finally:
        target.close()


def _remote_manifest(target: Target, progress: Progress) -> Manifest:
    data = target.read(MANIFEST_NAME)
    if data is None:
        return {}
    try:
        return loads(data)
    except ManifestError:
        # send everything, delete nothing: a file we cannot vouch for stays
        progress.warn("manifest_unreadable", target=target.spec.label)
        return {}


def _verify(target: Target, plan: Plan, root: Path, progress: Progress) -> set[str]:
    expected = {rel: plan.local[rel].sha256 or "" for rel in plan.unchanged}
    progress.begin("verify", len(expected))
    try:
        return target.damaged(expected, root, progress.tick)
    finally:
        progress.end()


def _apply(target: Target, plan: Plan, root: Path, progress: Progress) -> None:
    if plan.upload:
        target.write_bytes(MANIFEST_NAME, dumps(plan.begin_manifest()))
        progress.begin("send", len(plan.upload))
        try:
            target.send([(rel, root / rel) for rel in plan.upload], progress.tick)
        finally:
            progress.end()
    if plan.delete:
        progress.begin("delete", len(plan.delete))
        try:
            for rel in plan.delete:
                target.remove(rel)
                progress.tick(rel)
        finally:
            progress.end()
    target.write_bytes(MANIFEST_NAME, dumps(plan.local))
    target.finish()


__all__ = ["Options", "PublishError", "Result", "publish"]
