"""What a page gets only while it is previewed: the reload script and the error overlay.

Nothing here touches the built files; the server adds these to each HTML response on its
way out, so `kampung build` output never carries them. Script and style are separate
files under /__kampung/ rather than inline, so a site's Content-Security-Policy that
allows its own origin does not block them.
"""

from __future__ import annotations

from html import escape

from ..errors import Problem
from ..i18n import translate
from .channel import Status

PREFIX = "/__kampung/"
EVENTS = PREFIX + "events"

RELOAD_JS = """\
(function () {
  "use strict";
  var generation = document.currentScript.getAttribute("data-generation");
  var key = "kampung-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  var source = new EventSource("@EVENTS@");
  function check(event) {
    var status = JSON.parse(event.data);
    if (status.generation !== generation) {
      sessionStorage.setItem(key, String(window.scrollY));
      source.close();
      location.reload();
    }
  }
  source.addEventListener("hello", check);
  source.addEventListener("build", check);
})();
""".replace("@EVENTS@", EVENTS)

OVERLAY_CSS = """\
#kampung-overlay{position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;
z-index:2147483647;background:#fff8f6;color:#1a1a1a;border-top:6px solid #b3261e;
box-shadow:0 -4px 24px rgba(0,0,0,.35);font:16px/1.5 system-ui,sans-serif;padding:1rem}
#kampung-overlay h2{margin:0 0 .5rem;font-size:1.15rem;color:#8c1d18}
#kampung-overlay ol{margin:0;padding-left:1.25rem}
#kampung-overlay li{margin:.75rem 0}
#kampung-overlay code{font:600 .95rem/1.4 ui-monospace,monospace;word-break:break-all}
#kampung-overlay p{margin:.2rem 0}
#kampung-overlay .hint{color:#3b3b3b}
#kampung-overlay .note{margin-top:.75rem;font-size:.9rem;color:#3b3b3b}
"""


def overlay_html(errors: tuple[Problem, ...], lang: str, has_site: bool) -> str:
    """A panel listing every error with file, line, column, message and fix hint."""
    items = "".join(_item(problem, lang) for problem in errors)
    title = translate(lang, "serve.overlay_title", errors=len(errors))
    note = translate(lang, "serve.overlay_note" if has_site else "serve.overlay_note_none")
    return (f'<link rel="stylesheet" href="{PREFIX}overlay.css">'
            f'<section id="kampung-overlay" role="alert" aria-labelledby="kampung-overlay-title">'
            f'<h2 id="kampung-overlay-title">{escape(title)}</h2><ol>{items}</ol>'
            f'<p class="note">{escape(note)}</p></section>')


def _item(problem: Problem, lang: str) -> str:
    place = f"{problem.path}:{problem.line}:{problem.column}"
    hint = problem.hint(lang)
    hint_html = (f'<p class="hint">{escape(translate(lang, "ui.hint"))}: {escape(hint)}</p>'
                 if hint else "")
    return (f"<li><code>{escape(place)}</code>"
            f"<p>{escape(problem.message(lang))}</p>{hint_html}</li>")


def inject(html: bytes, status: Status, lang: str) -> bytes:
    """Add the reload script (and the overlay when there are errors) before </body>."""
    snippet = ""
    if status.errors:
        snippet += overlay_html(status.errors, lang, status.has_site)
    snippet += (f'<script src="{PREFIX}reload.js" '
                f'data-generation="{escape(status.generation)}"></script>')
    data = snippet.encode("utf-8")
    index = html.lower().rfind(b"</body>")
    if index < 0:
        return html + data
    return html[:index] + data + html[index:]


def placeholder_page(status: Status, lang: str) -> bytes:
    """Served for every path while no build has succeeded yet, or for a missing page."""
    key = "serve.not_found" if status.has_site else "serve.no_site"
    title = escape(translate(lang, f"{key}_title"))
    body = escape(translate(lang, f"{key}_body"))
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body style=\"font:16px/1.5 system-ui,sans-serif;"
            f'padding:1rem"><h1>{title}</h1><p>{body}</p></body></html>')
    return inject(page.encode("utf-8"), status, lang)
