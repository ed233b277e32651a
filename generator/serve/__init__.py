"""`kampung serve`: a live preview that rebuilds on save and reloads the open browser tabs.

The parts, one job each:

- `watcher.py`: watches content, templates and theme files; a burst of events becomes
  one batch of changed paths.
- `rebuild.py`: runs `generator.build.build()` into a private folder, keeps the last good
  site when content is broken, and publishes a `Status` after every build.
- `channel.py`: the latest `Status`, and a way for each browser connection to wait for
  the next one (server-sent events).
- `inject.py`: what a served HTML page gets only while previewing: the reload script and,
  when the content is broken, the overlay listing every error.
- `server.py`: the HTTP server on loopback (or the LAN with `--host 0.0.0.0`).
- `session.py`: wires the parts together, and takes them apart cleanly on Ctrl-C.
"""

from .session import Session, lan_address

__all__ = ["Session", "lan_address"]
