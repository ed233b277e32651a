// Kampung offline reader. When it installs it keeps the few pages a resident most needs
// without a signal (C.pages: home, services list, contacts, the offline page), and the rest
// of C.more only when the resident asks (the page's "simpan" button), so a first visit on a
// prepaid plan stays small. Pages are network-first and revalidated with the host
// (cache: "no-cache"), so a resident online reads the current version whatever cache headers
// the host sends, and a page from the phone is marked "offline copy from <date>"; any other
// page not kept yet shows offline/. Search files are kept as a search fetches them
// (content-named chunks cache-first, the rest network-first), so a search that worked once
// works offline. The build replaces C with this village's lists.
const C = {"pages": [], "more": [], "notice": {}, "v": ""};
const NAME = "kampung";
const base = self.registration.scope;
const key = (u) => { u = new URL(u, base); return u.origin + u.pathname.replace(/index\.html$/, ""); };
const keep = (k, res) => { if (res.ok) { const copy = res.clone(); caches.open(NAME).then((c) => c.put(k, copy)); } return res; };

const save = (pages) => caches.open(NAME).then((c) => Promise.all(pages.map((p) =>
  fetch(new URL(p, base)).then((r) => r.ok && c.put(key(r.url), r).then(() => true), () => false))));

self.addEventListener("install", (e) => {
  self.skipWaiting();
  e.waitUntil(save(C.pages));
});
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("message", (e) => {
  if (e.data === "simpan") {
    e.waitUntil(save(C.more).then((ok) => e.source.postMessage({ saved: ok.filter(Boolean).length, of: ok.length })));
  }
});

self.addEventListener("fetch", (e) => {
  const r = e.request;
  if (r.method !== "GET" || !r.url.startsWith(base)) return;
  if (r.mode === "navigate") {
    e.respondWith(fetch(r, { cache: "no-cache" }).then((res) => keep(key(r.url), res), () =>
      caches.match(key(r.url)).then((hit) => hit ? notice(hit) : caches.match(key("offline/")))));
  } else if (/\.[0-9a-f]{10}\.\w+$|\.pf_\w+$|wasm\.[\w-]+\.pagefind$/.test(r.url)) {
    e.respondWith(caches.match(r.url).then((hit) => hit || fetch(r).then((res) => keep(r.url, res))));
  } else if (r.url.includes("/pagefind/")) {
    e.respondWith(fetch(r).then((res) => keep(r.url, res), () => caches.match(r.url, { ignoreSearch: true })));
  }
});

async function notice(res) {
  const html = await res.text();
  const lang = (html.match(/<html lang="?(\w+)/) || [])[1];
  const when = new Date(res.headers.get("date") || Date.now()).toLocaleString(
    lang === "en" ? "en-GB" : "id-ID", { dateStyle: "full", timeStyle: "short" });
  const text = (C.notice[lang] || C.notice.id).replace("{date}", when);
  return new Response(html.replace(/<main[^>]*>(<div[^>]*>)?/, (m) => m + '<p class="sample" role="status">' + text + "</p>"),
    { headers: { "content-type": "text/html; charset=utf-8" } });
}
