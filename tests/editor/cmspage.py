"""Driving the real Sveltia CMS in Chromium as a volunteer's thumb would: taps and typing.

Its "Work with Local Repository" opens the browser's folder picker, which headless Chromium
cannot show. The test hands the CMS what the picker would return, a real directory handle
(File System Access API), from the page's origin private file system holding a copy of the
site; after saving, the files the CMS wrote there are copied back to the site on disk.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from pathlib import Path

from browser.cdp import CDPError, Page
from PIL import Image

PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
"""
WALK = """
  const kampungDir = async (path, create) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create});
    for (const part of path.split('/').filter(Boolean))
      dir = await dir.getDirectoryHandle(part, {create});
    return dir;
  };
"""
WRITE = """(async (folder, name, b64) => {""" + WALK + """
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const file = await (await kampungDir(folder, true)).getFileHandle(name, {create: true});
  const out = await file.createWritable(); await out.write(bytes); await out.close();
})"""
LIST = """(async () => {""" + WALK + """
  const found = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = await (await handle.getFile()).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      found[prefix + name] = [...digest].map(b => b.toString(16).padStart(2, '0')).join('');
    }
  }
  await walk(await kampungDir('content', false), 'content/');
  return found;
})()"""
READ = """(async (folder, name) => {""" + WALK + """
  const file = await (await (await kampungDir(folder, false)).getFileHandle(name)).getFile();
  return await new Promise(done => {
    const reader = new FileReader();
    reader.onload = () => done(reader.result.split(',')[1]);
    reader.readAsDataURL(file);
  });
})"""


class Cms:
    """The admin page in a phone-sized tab; `shot(name)` keeps a screenshot of each step."""

    def __init__(self, page: Page, shots: Path):
        self.page, self.shots = page, shots
        page.send("Page.addScriptToEvaluateOnNewDocument", source=PICKER)
        page.send("DOM.enable")

    def put_repository(self, site: Path) -> None:
        """The site's content/ and a .git folder (the CMS checks for one) into the OPFS."""
        self.page.evaluate(f"({WRITE})('.git', 'HEAD', btoa('ref: refs/heads/main'))")
        for path in sorted((site / "content").rglob("*")):
            if path.is_file():
                rel = path.relative_to(site)
                data = base64.b64encode(path.read_bytes()).decode()
                self.page.evaluate(f"({WRITE})({json.dumps(str(rel.parent))}, "
                                   f"{json.dumps(rel.name)}, {json.dumps(data)})")

    def take_repository(self, site: Path) -> list[str]:
        """Copy what the CMS wrote back to `site`; return the paths that changed."""
        changed = []
        for rel, digest in sorted(self.page.evaluate(LIST).items()):
            target = site / rel
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
                continue
            folder, name = rel.rsplit("/", 1)
            data = self.page.evaluate(f"({READ})({json.dumps(folder)}, {json.dumps(name)})")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(data))
            changed.append(rel)
        return changed

    def shot(self, name: str) -> None:
        time.sleep(0.5)  # let transitions finish
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        self.page.screenshot(path)
        with Image.open(path) as shot:  # 256 colours: a third of the bytes for the guide
            shot.convert("RGB").quantize(256).save(path, optimize=True)

    def wait_text(self, text: str, timeout: float = 30) -> None:
        self.page.wait_for("document.body.innerText.replace(/[\\u2068\\u2069]/g, '')"
                           f".includes({json.dumps(text)})", timeout)

    def tap(self, selector: str, until: str = "") -> None:
        """A touch where the element is; with `until`, again until that holds (the form
        re-renders while an entry loads, and a touch in between lands on nothing)."""
        self._tap(f"document.querySelector({json.dumps(selector)})", until)

    def tap_text(self, text: str, within: str = "body", until: str = "") -> None:
        """Tap the button whose words end with `text` (after its icon; names unisolated)."""
        self._tap(f"[...document.querySelectorAll({json.dumps(within + ' button')})]"
                  ".find(b => b.innerText.replace(/[\\u2068\\u2069]/g, '').trim()"
                  f".endsWith({json.dumps(text)}))", until)

    def _tap(self, element: str, until: str) -> None:
        for _ in range(3):
            self.page.wait_for(f"!!({element})", 15)
            self.page.evaluate(f"({element}).scrollIntoView({{block: 'center'}})")
            time.sleep(0.3)  # the page settles after scrolling
            x, y = self.page.evaluate(f"(() => {{ const r = ({element}).getBoundingClientRect();"
                                      " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
            for kind in ("mousePressed", "mouseReleased"):
                self.page.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                               clickCount=1)
            try:
                self.page.wait_for(f"!!({until or 'true'})", 5)
                return
            except CDPError:
                continue
        raise CDPError(f"tapped {element} three times, still not {until}")

    def save(self) -> None:
        """Tap Save; fail with the fields the CMS marks invalid if it refuses."""
        self.tap_text("Save", until="/Entry saved|errors?\\. Please correct/"
                      ".test(document.body.innerText)")
        if "Entry saved" not in self.page.evaluate("document.body.innerText"):
            invalid = self.page.evaluate(
                "[...document.querySelectorAll('[aria-invalid=true]')]"
                ".map(e => e.closest('[data-key-path]')?.dataset.keyPath)")
            raise AssertionError(f"the CMS refused to save: invalid {invalid}")

    def type_into(self, selector: str, text: str) -> None:
        self.page.wait_for(f"!!document.querySelector({json.dumps(selector)})", 15)
        self.page.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.page.send("Input.insertText", text=text)
        self.page.evaluate("document.activeElement.blur()")  # done typing: keyboard away

    def choose_file(self, selector: str, path: Path) -> None:
        """What picking a photo from the phone's gallery sets on the file input."""
        found = self.page.send("Runtime.evaluate",
                               expression=f"document.querySelector({json.dumps(selector)})")
        self.page.send("DOM.setFileInputFiles", files=[str(path)],
                       objectId=found["result"]["objectId"])

    def field(self, key_path: str) -> str:
        """The CSS selector of a field's section, by its key path (`gambar.file`)."""
        return f'[data-key-path="{key_path}"]'
