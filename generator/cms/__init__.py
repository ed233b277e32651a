"""The web editor for volunteers on a phone: Sveltia CMS, configured from `schema.py`.

`config.py` turns the schema into the CMS's collections and widgets; `page.py` writes the
admin page that loads the pinned CMS bundle. `kampung editor` writes both into a folder, and
the build publishes them at `admin/` where portal.yaml has an `editor:` setting.
"""

from .config import cms_config
from .page import ADMIN, BUNDLE, admin_files

__all__ = ["ADMIN", "BUNDLE", "admin_files", "cms_config"]
