"""Output file names that stages far apart agree on, kept below all of them."""

# The posters' print book (`extras/posters.py`): fetched once in a while to be printed, so
# the host's on-the-fly compression serves it (precompressed copies would be two more files
# per page, `assets/compress.py`), and the page budgets do not weigh it (`assets/budgets.py`).
PRINT_PAGE = "cetak.html"

# The portal's own folders beside the villages' in the output: its service directory
# (`extras/portal.py`), search page and index (`extras/search.py`), status pages
# (`status.py`) and web editor (`cms/`). A village folder may not take one of these names
# (`model.py`); a test checks a built portal uses no other.
PORTAL_FOLDERS = frozenset({"admin", "cari", "layanan", "pagefind", "status"})

# The page column on a 360-px phone at DPR 2, in device pixels: the photo width a phone takes
# (`render/pictures.py`) and the one its first view is weighed with (`assets/firstview.py`).
PHONE_SLOT = 656

# How a picture below the first view is marked (`render/pictures.py`); finishing a page makes
# its first one eager (`assets/finish.py`).
LAZY = ' loading="lazy" decoding="async"'

# Text files: the build may write `.gz`/`.br` copies beside them (`assets/compress.py`), and a
# publish leaves those copies out for a host that never serves them (`publish/plan.py`).
TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".xml", ".txt", ".json", ".svg",
                 ".webmanifest")


def is_text(path: str) -> bool:
    return path.lower().endswith(TEXT_SUFFIXES)
