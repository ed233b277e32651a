"""One build's use of the cache and of the output folder.

The build asks the session, in pipeline order: load the site (`load`), which owners (the
portal, each village) must run again and which are current as recorded (`jobs`), run a
step that is not a template render (`step`), and finally `commit`, which records what was
made and swaps the changed files in.

An owner (a village or the portal) is skipped without even planning its pages when its
files, the portal settings, the templates, the build time and every table entry its pages
looked up are as recorded, and the output folder is the one this cache last wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..assets.budgets import Budgets, WeightReport, for_phones
from ..assets.finish import finished
from ..assets.media import by_village
from ..digests import digest
from ..errors import ContentError, Problem
from ..filesteps import steps_of
from ..model import Site
from ..render.themes import ANY_TEMPLATE, THEMES_DIR, Theme
from ..render.themesettings import texts_in
from ..write import OutputFolder, stage
from . import hold as holding
from . import load as loading
from .hold import Held
from .jobs import Done, Job
from .sources import combine, files_under, generator_version, scan_paths
from .steps import FileInfo, Make, Owned, OwnedPage, Place, run_step
from .store import DAMAGE, FILE, CacheDamaged, Store
from .track import TrackedTable, table_digest, tracked_tables, value_digest

CACHE_DIR = ".kampung-cache"


class Session:
    def __init__(self, site_root: Path, output: Path, cache_dir: Path | None = None,
                 *, fresh: bool = False):
        self.site_root = site_root.resolve()
        self.cache_dir = (cache_dir or self.site_root / CACHE_DIR).resolve()
        content = self.site_root / "content"
        if self.cache_dir == content or content in self.cache_dir.parents:
            raise ContentError([Problem.at(str(self.cache_dir), 1, 1, "cache_in_content")])
        self.store = Store(self.cache_dir / FILE, generator_version(), fresh=fresh)
        self.folder = OutputFolder(output)
        finished = self.folder.recover(self.store.meta("commit"))
        recorded = self.store.meta("output")
        self.trusted = not finished and recorded is not None and recorded == self._where()
        self.owned: dict[str, Owned] = {}  # what each owner holds after this build
        self.ran: dict[str, Owned | None] = {}  # owners that ran: their previous record
        self.changed: list[str] = []
        self.rendered: list[str] = []
        self.ran_owners: list[str] = []  # owners whose records this build replaces
        self.store.drop_pending()  # left by a build that stopped
        self.scope: Callable[[str], bool] = lambda rel: True  # the files this build owns
        self.whole = True  # every owner runs or is checked (no --village, no --shard)
        self.reweighed: set[str] = set()  # owners carried over with new budget warnings
        self.good: tuple[Any, ...] | None = None  # villages built good: see `settle`
        self.last: tuple[bytes | None, Any] = (None, None)  # see `remember`
        self.folder.begin()

    def _where(self) -> Any:
        return str(self.folder.output), self.folder.identity()

    # loading ------------------------------------------------------------------------
    def scan(self) -> loading.Scan:
        """Fingerprint the content (reading only files whose stat changed)."""
        self.known_before = self.store.sources()
        self.found = loading.scan(self.site_root / "content", self.known_before)
        self.sources_changed = self.found.known != self.known_before
        return self.found

    def remembered(self, key: bytes) -> Any:
        """What the last build reported, if it had exactly these inputs (else None)."""
        if not self.trusted or self.store.meta("last-key") != key:
            return None  # (the report itself, large on a big site, is read only on a match)
        if self.sources_changed:  # new file times, same bytes: remember the times
            with self.store.transaction():
                self.store.put_sources(self.found.known, self.known_before)
        return self.store.meta("last")

    def remember(self, key: bytes, summary: Any) -> None:
        """Keep what this build reports, for a next build with the same inputs."""
        self.last = (key, summary)

    def load(self, now: datetime, jobs: int = 1) -> loading.Loaded:
        self.loaded = loading.load(self.found, now, self.store, jobs)
        return self.loaded

    # deciding what runs ------------------------------------------------------------
    def prepare(self, site: Site, templates: dict[str, bytes], static: bytes,
                tables: dict[str, TrackedTable]) -> None:
        """Note the site-wide inputs every owner's key includes."""
        self.site, self.tables = site, tables
        self.templates, self.static = templates, static
        # (the theme's lists too: the plan reads them, not a tracked table)
        self.site_key = value_digest((site.portal, site.now.isoformat(),
                                      sorted(templates.items()), static,
                                      sorted(site.lists.items())))
        # what anyone but a village's own job can see of the villages: all but page bodies
        # (the main process and the portal hold skeletons), so a body edit leaves the
        # portal's pages, and every page listing villages, current
        self.villages_key = combine(sorted(self.loaded.fronts.items()))
        self.media_of = by_village(tables["media"].data)
        # a table as a whole as the last build that ran or checked every owner saw it:
        # every lookup recorded into it still holds (10,000 lookups need not be checked)
        self.table_prints = {name: table_digest(t.data) for name, t in tables.items()}
        seen = self.store.meta("tables") or {}
        self.settled = {name for name, d in self.table_prints.items() if seen.get(name) == d}

    def key_of(self, owner: str) -> bytes:
        """A village's files, or for the portal every village's but page bodies, with the
        site-wide inputs and the village's media (its service worker keeps its logo), or
        the theme's Indonesian UI strings (the portal's search records, a step, use them)."""
        print_ = self.loaded.fingerprints.get(owner, b"") if owner else self.villages_key
        mine = value_digest(self.media_of.get(owner, []) if owner else
                            texts_in(self.tables["theme"].data, "id"))
        return digest(print_ + self.site_key + mine)

    def jobs(self, owners: Iterable[str], held: Iterable[str] = ()) -> list[Job]:
        """A job for each owner that must run; the others, and the `held` villages, are
        carried over as recorded (a held village's files are only put back, if need be)."""
        todo, held = [], set(held)
        for owner in owners:
            before, steps = self._records(owner, self.site)
            current = owner in held or (before is not None and self._current(owner, before)
                                        and all(s is not None for s in steps.values()))
            if current:
                self.owned[f"owner:{owner}"] = before  # type: ignore[assignment]
                self.owned.update({f"step:{n}:{owner}": s for n, s in steps.items() if s})
                if self.trusted:
                    continue
            else:
                self.ran[f"owner:{owner}"] = before
            restore = {rel: info[0] for o in (before, *steps.values()) if o
                       for rel, info in o.files.items()} if current else None
            # the job reads its records itself, in its worker: the whole site's records
            # held here at once were the largest part of a big build's memory
            todo.append(Job(owner, None, self.trusted, before.links if before else None,
                            steps, restore))
        return todo

    def _records(self, owner: str, site: Site) -> tuple[Owned | None, dict[str, Owned | None]]:
        """The owner's record and its steps' records, as the last build left them."""
        return self._owned(f"owner:{owner}"), {
            name: self._owned(f"step:{name}:{owner}") for name, _ in steps_of(site, owner)}

    def hold(self, loaded: loading.Loaded, slugs: set[str], mine: Callable[[str], bool]) -> Held:
        """Take the `slugs` villages as their last good build left them (see hold.py);
        their link problems join their others (for their status pages). Those this build
        makes (`mine`) are carried only with their records; the others only show in the
        portal's pages."""
        site = loaded.site
        assert site is not None
        for village in site.villages:
            if village.slug in slugs:
                found = loading.check_links(self.site_root / "content", site,
                                            self.store.village(village.slug), b"", None)[0]
                loaded.problems.extend(found)

        def carried(slug: str) -> bool:
            before, steps = self._records(slug, site)
            return not mine(slug) or (before is not None and
                                      all(s is not None for s in steps.values()))
        self.loaded, held = holding.hold(loaded, self.store, slugs, carried)
        return held

    def step(self, name: str, owner: str, key: Any, make: Make) -> None:
        """Run a step of `owner` here, in the main process (see steps.run_step)."""
        record = f"step:{name}:{owner}"
        before = self._owned(record)
        place = Place(self.folder.staging, self.folder.output, self.trusted)
        self.owned[record], ran = run_step(self.store, place, before, key, make, finished,
                                           self.changed,
                                           self.tables["config"].data["precompress"])
        if ran:
            self.ran[record] = before

    def settle(self, villages: Iterable[str], catalog: dict[str, Any],
               copies: list[tuple[str, Path]], now: datetime, others: Iterable[str]) -> None:
        """Note the villages built good in this build: the commit keeps them as their last
        good state, and `now` as when they were last published; and the `others` loaded
        clean (another share's: their state for the portal's pages, if new)."""
        self.good = (sorted(villages), catalog, copies, now.isoformat(), sorted(others))

    def published(self) -> dict[str, str]:
        """When each village was last published (ISO times), by this build or before."""
        known = dict(self.store.meta("published") or {})
        if self.good is not None:
            known.update(dict.fromkeys(self.good[0], self.good[3]))
        return known

    def _current(self, owner: str, before: Owned) -> bool:
        """Are the owner's inputs as recorded (its files, the site-wide ones, its lookups)?"""
        if before.key != self.key_of(owner):
            return False
        tables = self.tables
        for (table, key), value in before.lookups:
            if table not in self.settled and tables[table].current(key) != value:
                return False
        return True

    def _owned(self, key: str) -> Owned | None:
        record = self.store.get_shared("steps", key)
        return record if isinstance(record, Owned) else None

    def finished(self, done: Done) -> None:
        """Take a job's result: its records, the files it staged, what it rendered."""
        self.changed.extend(done.changed)
        if done.restored:  # its files came back from the cache as recorded
            return
        self.ran[f"owner:{done.owner}"] = self._owned(f"owner:{done.owner}")
        lookups: dict[tuple[str, str], bytes] = {}
        files: dict[str, FileInfo] = {}
        pages: list[OwnedPage] = []
        for _, made in sorted(done.records.items()):
            lookups.update(made.lookups)
            for rel, d, size in made.files:
                files[rel] = (d, size, "")
            if made.page is not None:
                main = made.files[0][0]
                files[main] = (files[main][0], files[main][1], made.page.sha256)
                if for_phones(main):
                    pages.append(OwnedPage(main, made.page.kind, made.page.source,
                                           made.page.sha256, made.page.assets,
                                           made.page.packed))
        if done.links is not None:
            lookups.update(done.links[2])
        self.owned[f"owner:{done.owner}"] = Owned(
            self.key_of(done.owner), tuple(sorted(lookups.items())), files, tuple(pages),
            tuple(done.problems), done.links)
        with self.store.transaction():  # kept aside until the commit, not in memory
            self.store.put_pending(done.owner, done.records)
        self.ran_owners.append(done.owner)
        for name, (owned, ran) in done.steps.items():
            key = f"step:{name}:{done.owner}"
            self.owned[key] = owned
            if ran:  # its files before this build, to find those it no longer makes
                self.ran[key] = self._owned(key)
        self.rendered.extend(done.rendered)

    def copies(self, name: str, items: list[tuple[str, Path]],
               held: Iterable[tuple[str, str, tuple[int, int]]] = ()) -> Owned:
        """Files copied as they are (media): staged when their source changed. Those of
        held villages, (path, source, stat when last good), are carried as recorded, and
        put back from their source only where it is still as it was then."""
        before = self._owned(f"step:{name}")
        old = before.files if before is not None and self.trusted else {}
        files: dict[str, FileInfo] = {}
        items = list(items)
        for rel, source, stat in held:
            if rel not in old and _stat_or_none(Path(source)) == stat:
                items.append((rel, Path(source)))
            elif before is not None and rel in before.files:
                files[rel] = before.files[rel]
        key = [(rel, str(p), _stat(p)) for rel, p in items]
        for (rel, path), (_, _, stat) in zip(items, key, strict=True):
            d = value_digest((str(path), stat))
            files[rel] = (d, stat[0], "")
            same = (old[rel][0] == d) if rel in old else None
            if same is not True and stage(self.folder.staging, self.folder.output, rel,
                                          path.read_bytes(), same):
                self.changed.append(rel)
        owned = Owned(value_digest(key), files=files)
        self.owned[f"step:{name}"] = owned
        self.ran[f"step:{name}"] = before
        return owned

    # what this build holds ----------------------------------------------------------
    def problems(self) -> list[Any]:
        return [p for owned in self.owned.values() for p in owned.problems]

    def file_count(self) -> int:
        return sum(owned.count for owned in self.owned.values())  # no file has two owners

    def budget_problems(self, budgets: Budgets) -> list[Problem]:
        """Pages over their budgets. An owner's warnings are kept in its record and worked
        out again only when it ran or the budgets changed: a one-page edit weighs one
        village, not the whole site. What its pages fetch for the first view (photos,
        previews) is made from its own files, which its key covers, so a carried-over
        owner's pages weigh what they weighed (the property test checks the warnings)."""
        limits = (budgets.html_kb, budgets.first_view_kb)
        found: list[Problem] = []
        groups: dict[str, list[Owned]] = {}
        for key, owned in self.owned.items():
            groups.setdefault(_owner_slug(key), []).append(owned)
        for key, owned in list(self.owned.items()):
            budget = owned.budget
            if owned.page_count and (budget is None or budget[0] != limits):  # it ran
                budget = limits, self._warnings(owned, budgets, groups[_owner_slug(key)])
                self.owned[key] = owned.weighed(budget)
                self.reweighed.add(key)
            found.extend(budget[1] if budget else ())
        return found

    def _warnings(self, owned: Owned, budgets: Budgets,
                  near: list[Owned]) -> tuple[Problem, ...]:
        """Budget warnings of one owner's pages. Sizes come from its village's records and
        the photos'; a page fetching anything else is weighed with every record's."""
        report = WeightReport(budgets)
        for other in [*near, self.owned.get("step:media")]:
            if other is not None:
                report.sizes.update(_sizes(other))
        if not all(asset in report.sizes for page in owned.pages for asset in page.assets):
            for other in self.owned.values():
                report.sizes.update(_sizes(other))
        for page in owned.pages:
            report.add_page(page.path, page.kind, page.source, owned.files[page.path][1],
                            page.assets)
        return tuple(report.problems())

    def weigh(self, report: WeightReport) -> WeightReport:
        """Feed the page-weight report from the records (pages not rendered included)."""
        sizes, digests = report.sizes, report.digests
        for owned in self.owned.values():
            files = owned.files
            sizes.update(_sizes(owned))
            digests.update((rel, info[2]) for rel, info in files.items() if info[2])
            for page in owned.pages:
                report.add_page(page.path, page.kind, page.source, files[page.path][1],
                                page.assets)
        return report

    # finishing ------------------------------------------------------------------------
    def removed(self, keep: tuple[str, ...]) -> list[str]:
        """Files this build no longer makes; villages left out of it keep theirs."""
        for key in self.store.owner_keys() - set(self.owned):
            record = self._owned(key)
            if record is None:
                continue
            if any(key.endswith(f":{slug}") for slug in keep):
                self.owned[key] = record  # not built this time: carried as it is
            else:
                self.ran[key] = record  # gone (a village deleted): its files go too
        if self.trusted:  # only an owner that ran can have stopped making a file
            before = {rel for owned in self.ran.values() if owned for rel in owned.files}
            made = {rel for key in self.ran if key in self.owned
                    for rel in self.owned[key].files}
        else:
            before = self.folder.files_on_disk()
            made = {rel for owned in self.owned.values() for rel in owned.files}
        kept = tuple(f"{slug}/" for slug in keep)
        return sorted(rel for rel in before - made
                      if not rel.startswith(kept) and self.scope(rel))

    def commit(self, removed: list[str]) -> None:
        """Record what was made, then move the staged files in (see write.py).

        A build that changes no file leaves the folder (and its marker) alone."""
        plan = self.folder.prepare(self.changed, removed) if self.changed or removed else None
        with self.store.transaction():
            self._record()
            if plan is not None:
                self.store.set_meta("commit", plan["id"])
            else:
                self.folder.ensure()  # even an empty share gives a folder to upload
            self.store.set_meta("output", (str(self.folder.output), self.folder.identity(plan)))
        if plan is not None:
            self.folder.apply(plan)

    def _record(self) -> None:
        self.store.adopt_pending(self.ran_owners)
        for key in self.ran.keys() | self.reweighed:
            if key in self.owned:
                self.store.put("steps", key, self.owned[key])
            else:
                self.store.delete("steps", [key])
                if key.startswith("owner:"):
                    self.store.adopt_pending([key.removeprefix("owner:")])
        loading.save(self.store, self.loaded, self.known_before)
        if self.good is not None:
            villages, catalog, copies, _, others = self.good
            holding.remember(self.store, self.loaded, villages, catalog, copies, _stat)
            holding.remember(self.store, self.loaded, others, {}, [], _stat, changed=True)
            self.store.set_meta("published", self.published())
        self.store.set_meta("tables", self.table_prints if self.whole else None)
        last_key, summary = self.last
        self.store.set_meta("last-key", last_key)
        self.store.set_meta("last", summary)

    def abort(self) -> None:
        self.folder.abort()

    def close(self) -> None:
        self.store.close()


def _sizes(owned: Owned) -> Iterator[tuple[str, int]]:
    """Every file's size, and each page's gzipped size as `<page>.gz`: what a host sends
    for it, whether or not the build wrote that copy (the budgets weigh it)."""
    yield from ((rel, info[1]) for rel, info in owned.files.items())
    yield from ((f"{page.path}.gz", page.packed) for page in owned.pages)


def _owner_slug(key: str) -> str:
    """'owner:kemiren', 'step:search:kemiren' -> 'kemiren'; the portal's -> ''."""
    return key.rsplit(":", 1)[1]


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _stat_or_none(path: Path) -> tuple[int, int] | None:
    try:
        return _stat(path)
    except OSError:
        return None


def theme_digests(dirs: list[Path], chain: list[Theme]) -> tuple[dict[str, bytes], bytes]:
    """Template name -> digest of the file the loader would find (first folder wins; and
    `<theme>:<name>` for each theme of the chain), and one digest of everything beside the
    templates (static files such as sw.js)."""
    templates: dict[str, bytes] = {}
    for folder in reversed(dirs):
        for rel, value in scan_paths(folder, files_under(folder), {}).items():
            templates[rel] = value[2]
    for theme in chain:
        for folder in reversed(theme.templates):
            for rel, value in scan_paths(folder, files_under(folder), {}).items():
                templates[f"{theme.name}:{rel}"] = value[2]
    templates[ANY_TEMPLATE] = value_digest(sorted(templates))  # which exist: see the name
    static: list[tuple[str, bytes]] = []
    for folder in dirs:
        root = folder.parent / "static"
        if root.is_dir():
            static.extend((f"{root}/{rel}", v[2])
                          for rel, v in scan_paths(root, files_under(root), {}).items())
    return templates, combine(static)


def every_theme_file(site_root: Path) -> bytes:
    """One digest of every file any theme could use (the site's own templates, its themes
    and the bundled ones): with the content's, it tells whether anything changed at all."""
    folders = [site_root / "templates", site_root / "themes", THEMES_DIR]
    return combine((f"{folder}/{rel}", value[2]) for folder in folders if folder.is_dir()
                   for rel, value in sorted(scan_paths(folder, files_under(folder), {}).items()))


__all__ = ["CACHE_DIR", "DAMAGE", "CacheDamaged", "Session", "every_theme_file", "theme_digests",
           "tracked_tables"]
