"""Scaffolding: new sites, villages and pages that pass `kampung check` as created.

- `frontmatter.py` writes commented YAML from the declarations in `schema.py`;
- `examples.py` holds the example values (the only hand-written part);
- `pages.py`, `village.py` and `site.py` create pages, villages and whole sites;
- `editor.py` writes the JSON Schemas and the VS Code mapping.

Nothing here ever overwrites a file.
"""

from .editor import write_editor_help
from .pages import new_page, page_path
from .site import init_site
from .village import new_village

__all__ = ["init_site", "new_page", "new_village", "page_path", "write_editor_help"]
