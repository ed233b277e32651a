"""Publish one folder to one target: read the remote manifest, plan, send, delete.

    scan the local folder ─► read remote manifest ─► plan ─► (verify) ─► begin manifest
        ─► send (assets, pages, indexes) ─► delete ─► final manifest ─► finish

Each step is safe to die in. Before the first upload the remote manifest is rewritten
to name every file about to be sent (unconfirmed), so a re-run may delete them; files
confirmed while sending are recorded (`journal.py`), so a re-run does not send them
again, and removes the temporary files an interrupted upload left; deletions come only
after every upload succeeded; the final manifest is written last. Nothing is ever
deleted that no earlier manifest of ours listed, and no file of the host's is
overwritten unless the volunteer says so (`--overwrite-foreign`). A host that never
serves precompressed copies (`kompresi`, see `assets/hosting.py`) gets none.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .base import PublishError, Target, temp_name
from .journal import Journal, record_name
from .manifest import MANIFEST_NAME, Manifest, ManifestError, dumps, loads, scan
from .plan import Plan, make_plan, without_copies


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
    overwrite_foreign: bool = False


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
            "damaged": sorted(self.damaged), "foreign": list(self.plan.foreign),
            "files": list(self.plan.upload), "deleted_files": list(self.plan.delete),
        }


def publish(target: Target, root: Path, options: Options, progress: Progress) -> Result:
    local = scan(root)
    if not target.spec.serves_copies:  # its manifest then lists none: any sent before go
        local = without_copies(local)
    try:
        target.connect()
        journal = Journal(target)
        remote = _remote_manifest(target, progress)
        plan = _plan(target, local, {**remote, **journal.read()}, root)
        if plan.foreign and not (options.overwrite_foreign or options.dry_run):
            raise PublishError("foreign", target.spec.label, detail=", ".join(plan.foreign))
        damaged: set[str] = set()
        if options.verify:
            damaged = _verify(target, plan, root, progress)
            plan = plan.resend(damaged)
        if not options.dry_run:
            interrupted = [rel for rel, entry in remote.items() if entry.sha256 is None]
            _clean_leftovers(target, interrupted, journal)
            if not plan.empty or interrupted or journal.count:
                _apply(target, plan, root, progress, journal)
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


def _plan(target: Target, local: Manifest, known: Manifest, root: Path) -> Plan:
    """The plan against what the remote holds: `known` (our manifest and progress
    records), and files at paths we claim that are there already. Those with the very
    bytes we would send are taken as ours; the others are the host's (`foreign`)."""
    there = target.existing(make_plan(local, known).claims())
    expected = {rel: local[rel].sha256 or "" for rel in there}
    differ = target.damaged(expected, root, lambda _: None) if expected else set()
    same = {rel: local[rel] for rel in there - differ}
    return replace(make_plan(local, {**known, **same}), foreign=tuple(sorted(differ)))


def _verify(target: Target, plan: Plan, root: Path, progress: Progress) -> set[str]:
    expected = {rel: plan.local[rel].sha256 or "" for rel in plan.unchanged}
    progress.begin("verify", len(expected))
    try:
        return target.damaged(expected, root, progress.tick)
    finally:
        progress.end()


def _clean_leftovers(target: Target, interrupted: list[str], journal: Journal) -> None:
    """Remove the temporary files an interrupted publish left: only where it was
    writing (the files its manifest left unconfirmed, its own state files)."""
    if not interrupted:
        return
    state = [MANIFEST_NAME, *journal.names(), record_name(journal.count + 1)]
    for rel in sorted(target.existing(temp_name(rel) for rel in interrupted + state)):
        target.remove(rel)


def _apply(target: Target, plan: Plan, root: Path, progress: Progress, journal: Journal) -> None:
    if plan.upload:
        target.write_bytes(MANIFEST_NAME, dumps(plan.begin_manifest()))
        journal.clear()  # what the records confirm is in the manifest just written

        def tick(rel: str) -> None:
            journal.confirm(rel, plan.local[rel])
            progress.tick(rel)

        progress.begin("send", len(plan.upload))
        try:
            target.send([(rel, root / rel) for rel in plan.upload], tick)
            journal.flush()
        finally:
            progress.end()
    if plan.delete:
        progress.begin("delete", len(plan.delete))
        try:
            for rel in plan.delete:
                target.remove(rel)
                progress.tick(rel)
            target.remove_empty_folders(list(plan.emptied_folders))
        finally:
            progress.end()
    target.write_bytes(MANIFEST_NAME, dumps(plan.local))
    journal.clear()
    target.finish()


__all__ = ["Options", "PublishError", "Result", "publish"]
