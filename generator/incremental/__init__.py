"""Persistent incremental builds: never parse or render anything twice.

- `store`: the cache file (SQLite) and its records;
- `sources`: fingerprints of content, theme and generator files;
- `track`: recording what a render reads (templates, names, table lookups);
- `load`: loading villages again only when their files changed;
- `fragments`: Markdown bodies rendered once;
- `jobs`: one village's (or the portal's) plan, check, render, finish and stage;
- `session`: one build's use of the cache and the output folder;
- `recent`: the bounded memories a process keeps between builds (the preview's).
"""
