"""The web editor for volunteers on a phone: Sveltia CMS, configured from `schema.py`.

`config.py` turns the schema into the CMS's collections and widgets; `page.py` writes the
admin page that loads the pinned CMS bundle. `kampung editor` writes both into a folder, and
the build publishes them at `admin/` where portal.yaml has an `editor:` setting. Importing
this package loads neither (the build imports them only for a portal that has an editor).
"""

ADMIN = "admin"  # the editor's folder in the output
