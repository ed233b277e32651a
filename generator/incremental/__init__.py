"""Persistent incremental builds: never parse or render anything twice.

- `store`: the cache file (SQLite) and its records;
- `sources`: fingerprints of content, theme and generator files;
- `track`: the lookup tables a render reads, noting each key (the recorder and the Jinja
  environment that notes templates and names are `recording.py`, below render and cache);
- `load`: loading villages again only when their files changed;
- `fragments`: Markdown bodies rendered once;
- `jobs`: one village's (or the portal's) plan, check, render, finish and stage;
- `session`: one build's use of the cache and the output folder;
- `recent`: the bounded memories a process keeps between builds (the preview's).
"""
