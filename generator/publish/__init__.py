"""Publish: send a built site to where it is served, sending only what changed.

    load targets (portal.yaml, desa.yaml) ─► for each: scan output ─► remote manifest
        ─► plan ─► send in a safe order ─► delete ─► new manifest

`engine.py` holds the steps, `plan.py` the order, `manifest.py` the record kept on the
remote; `targets/` has one module per kind of target behind the interface in `base.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from .base import PublishError, Secrets
from .engine import Options, Progress, Result, publish
from .spec import TargetSpec, load_targets
from .targets import make_target


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    failures: list[PublishError] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.problems


def select(specs: list[TargetSpec], villages: list[str], names: list[str]) -> list[TargetSpec]:
    """`--village` keeps those villages' own targets; `--target` keeps targets by name."""
    chosen = [s for s in specs if not villages or s.village in villages]
    return [s for s in chosen if not names or s.name in names or s.label in names]


def publish_site(
    site: Path, output: Path, specs: list[TargetSpec], options: Options, progress: Progress,
) -> Outcome:
    """Publish each target in turn; one target failing does not stop the others."""
    outcome = Outcome()
    for spec in specs:
        root = output / spec.village if spec.village else output
        if not root.is_dir():
            outcome.failures.append(PublishError("output_missing", spec.label, str(root)))
            continue
        progress.target = spec.label
        try:
            target = make_target(spec, site, Secrets(spec))
            outcome.results.append(publish(target, root, options, progress))
        except PublishError as error:
            outcome.failures.append(error)
    return outcome


__all__ = ["Options", "Outcome", "PublishError", "TargetSpec", "load_targets", "publish_site",
           "select"]
