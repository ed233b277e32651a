"""Progress kept on the remote while files are sent, so that an interrupted publish resumes.

Files confirmed on the remote (stored and renamed into place) are recorded in small
numbered files, `.kampung-progress-1.json`, `-2`, ..., one per batch, beside the
manifest. The next publish folds them into what it knows of the remote and sends only
what they do not confirm. A batch is a few files or bytes, so the records cost little
on a slow line and a re-run resends at most one batch that was confirmed but not yet
recorded.

The order keeps every moment consistent: the records of an interrupted run are removed
only after the next run's begin manifest holds them, and before it sends anything.
"""

from __future__ import annotations

from .base import Target
from .manifest import STATE_PREFIX, Entry, Manifest, ManifestError, dumps, loads

RECORD_FILES = 20
RECORD_BYTES = 256 * 1024


def record_name(number: int) -> str:
    return f"{STATE_PREFIX}-progress-{number}.json"


class Journal:
    def __init__(self, target: Target):
        self.target = target
        self.count = 0  # records on the remote, numbered 1..count
        self.batch: Manifest = {}

    def read(self) -> Manifest:
        """Every file the records left by an interrupted publish confirm."""
        confirmed: Manifest = {}
        while (data := self.target.read(record_name(self.count + 1))) is not None:
            try:
                confirmed.update(loads(data))
            except ManifestError:
                break  # a record is written whole or not at all; this one is not ours
            self.count += 1
        return confirmed

    def confirm(self, rel: str, entry: Entry) -> None:
        self.batch[rel] = entry
        if len(self.batch) >= RECORD_FILES or sum(e.size for e in self.batch.values()) \
                >= RECORD_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.count += 1
            self.target.write_bytes(record_name(self.count), dumps(self.batch))
            self.batch = {}

    def names(self) -> list[str]:
        return [record_name(number) for number in range(1, self.count + 1)]

    def clear(self) -> None:
        """Remove the records, last first, so that what is left is always 1..n."""
        for name in reversed(self.names()):
            self.target.remove(name)
        self.count, self.batch = 0, {}
