"""What a feature declares: the pages it adds to a village's site or to the portal, and the
files it makes that are not template renders. Each feature module ends with its `FEATURE`;
`extras.FEATURES` lists them once, and the planner (extra pages) and the "extras" build step
(files) read that list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Site, Village
from ..pages import Output

OutFn = Callable[..., Output]  # the planner's maker of a village's outputs (plan.py)
VillagePages = Callable[[Site, Village, OutFn], Iterable[Output]]
PortalPages = Callable[[Site, dict[str, Any]], Iterable[Output]]
VillageFiles = Callable[[Path, Site, Village], Iterable[tuple[str, bytes]]]  # site root...


@dataclass(frozen=True, kw_only=True)
class Feature:
    name: str
    village_pages: VillagePages | None = None
    portal_pages: PortalPages | None = None
    village_files: VillageFiles | None = None  # must read only the village's files and
    #                                            portal.yaml: the step's key covers those
