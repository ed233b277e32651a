"""Stage 5, post-process: make every output as small and fast as a static page can be.

One module per job:

- `images`: decode a photo once, re-encode it at phone widths as WebP plus JPEG/PNG,
  orientation applied and metadata stripped (a pure function of the source bytes);
- `imagecache`: keep those results on disk by content hash, so a photo is processed once;
- `media`: turn a village's media/ folder into output files and a plain-data catalog (the
  `<picture>` markup templates make of it is `render/pictures.py`);
- `finish`: minify a rendered HTML page (pure function of path and bytes);
- `compress`: deterministic `.gz` and `.br` copies of text files;
- `budgets`: page weights, the 14 KB and first-view budgets, the `--report` table;
- `hosting`: `_headers` and `.htaccess` for cheap hosts;
- `serviceworker`: the small offline service worker of each village site.
"""
