"""Sveltia CMS configuration, generated from the declarations in `schema.py`.

Every village gets one collection per file type, its widgets chosen by each field's kind:
lists as lists, rupiah as whole numbers, dates and times stored in exactly the text
`kampung check` reads, enums as selects, required fields required. The help under each
field is the schema's Indonesian text, since files saved by the CMS lose the comments that
`kampung new` writes. Photos go to the village's own `media/` and are stored by name, as
the validator expects. Where the files live comes from `jsonschema.FILE_GLOBS`, so a type
added to the schema appears here with no change to this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..jsonschema import FILE_GLOBS, URL_PATTERN
from ..schema import FILE_TYPES, PAGE_TYPES, SERTA_MERTA_REQUIRED, SLUG_PATTERN, Field
from ..validate import COLOR_RE, EMAIL_RE, PHONE_RE

VILLAGE_GLOB = "content/*/"
# Indonesian file names and slugs: ASCII, accents dropped, runs of anything else one "-"
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
        "trim": True, "lowercase": True}
DEFAULT_LOCALE = "id"
I18N = {"structure": "multiple_files", "locales": ["id", "en"], "default_locale": DEFAULT_LOCALE,
        "omit_default_locale_from_filename": True, "initial_locales": "default"}
# kinds whose words a translation (`nama.en.md`) carries; the rest stay in the original
TRANSLATED = {"text", "markdown", "list", "object"}
BODY = {"name": "body", "label": "Isi", "widget": "markdown", "required": False,
        "hint": "Isi halaman (Markdown).", "i18n": True}
GIT_HOSTS = {"github": "", "gitlab": "/api/v4", "gitea": "/api/v1"}


def cms_config(portal: Mapping[str, Any], villages: Iterable[tuple[str, str]],
               status: str = "status/") -> dict[str, Any]:
    """The CMS configuration for `villages` ((slug, name) pairs) of the portal.

    `status` is each village's status page (relative to its folder): the help on every
    collection sends the volunteer there for what only `kampung check` can see.
    """
    forms = {kind: _form(kind) for kind in FILE_GLOBS}  # one list per kind, shared by every
    # village: written once in config.yml and referred to (YAML anchors) by the others
    collections = [c for slug, name in villages
                   for c in village_collections(slug, name, f"{slug}/{status}", forms)]
    return {
        "backend": backend(portal.get("editor") or {}),
        "app_title": f"Editor · {portal['nama']}",
        "site_url": portal["base_url"].rstrip("/"),
        "media_folder": "content",
        "public_folder": "",
        "slug": SLUG,
        "i18n": I18N,
        "output": {"omit_empty_optional_fields": True},
        "collections": collections,
    }


def backend(editor: Mapping[str, Any]) -> dict[str, Any]:
    """Where the CMS reads and commits: GitHub, GitLab or Gitea/Forgejo (PKCE sign-in)."""
    host = editor.get("git", "github")
    result: dict[str, Any] = {"name": host, "repo": editor.get("repo", "desa/portal")}
    if editor.get("cabang"):
        result["branch"] = editor["cabang"]
    if editor.get("alamat"):
        root = editor["alamat"].rstrip("/")
        result["base_url"] = root
        if host != "github":
            result["api_root"] = root + GIT_HOSTS[host]
    if editor.get("app_id"):
        result["app_id"] = editor["app_id"]
        if host == "gitlab":
            result["auth_type"] = "pkce"
    return result


def _form(kind: str) -> list[dict[str, Any]]:
    """The fields of a file type; pages have their Markdown body and a translation."""
    if kind in PAGE_TYPES:
        return [*_fields(FILE_TYPES[kind], translated=True), BODY]
    return _fields(FILE_TYPES[kind], translated=False)


def village_collections(slug: str, name: str, status: str,
                        forms: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One collection per kind of many files, one for the village's single files."""
    about = (f"Desa {name}. Setelah menyimpan, buka halaman status desa ({status}): "
             "kesalahan yang hanya terlihat oleh `kampung check` tampil di sana.")
    singles = []
    collections = []
    for kind, globs in FILE_GLOBS.items():
        for glob in globs:
            if not glob.startswith(VILLAGE_GLOB):
                continue  # portal-wide files are not a village volunteer's
            rel = glob.removeprefix(VILLAGE_GLOB)
            if "*" not in rel:
                singles.append({"name": kind, "label": _label(kind), "format": "yaml",
                                "file": f"content/{slug}/{rel}", "fields": forms[kind]})
            else:
                collections.append(_entries(slug, name, kind, rel, about, forms[kind]))
    profile = {"name": f"{slug}-profil", "label": f"{name} · profil & data",
               "description": about, "media_folder": f"/content/{slug}/media",
               "public_folder": "", "files": singles}
    return [profile, *collections]


def _entries(slug: str, name: str, kind: str, rel: str, about: str,
             form: list[dict[str, Any]]) -> dict[str, Any]:
    """Files matching `rel`: Markdown pages (with translations) or numbered data files."""
    folder, _, pattern = rel.rpartition("/")
    fields = FILE_TYPES[kind]
    collection: dict[str, Any] = {
        "name": f"{slug}-{kind}", "label": f"{name} · {_label(kind)}", "description": about,
        "folder": f"content/{slug}/{folder}", "media_folder": f"/content/{slug}/media",
        "public_folder": "", "create": True,
    }
    if kind in PAGE_TYPES:
        return {**collection, "extension": "md", "format": "yaml-frontmatter",
                "identifier_field": "judul", "slug": "{{judul}}", "i18n": True,
                "preview_path": f"{slug}/{kind}/{{{{slug}}}}/", "fields": form}
    first = next(n for n, spec in fields.items() if spec.required)  # e.g. apbdes: tahun
    stem = pattern.removesuffix(".yaml").replace("*", "{{slug}}")
    return {**collection, "extension": "yaml", "format": "yaml", "path": stem,
            "identifier_field": first, "slug": f"{{{{{first}}}}}",
            "filter": {"field": first, "pattern": "."}, "fields": form}


def _fields(fields: Mapping[str, Field], translated: bool) -> list[dict[str, Any]]:
    image = {"file", "alt"} <= set(fields)  # a photo with its description
    widgets = [widget(name, spec, translated, image) for name, spec in fields.items()]
    return [w for w in widgets if w is not None]


def widget(name: str, spec: Field, translated: bool = False, image: bool = False
           ) -> dict[str, Any] | None:
    """The CMS field for one schema field; None for a free-form object (publish targets)."""
    if spec.kind == "object" and spec.open:
        return None
    shown = KINDS[spec.kind](spec, translated, image)
    result = {"name": name, "label": _label(name), "required": spec.required,
              "hint": _hint(name, spec), **shown}
    if translated and spec.kind in TRANSLATED:
        result["i18n"] = True
        if spec.required:  # a translation may leave any field to the original
            result["required"] = [DEFAULT_LOCALE]
    return result


def _hint(name: str, spec: Field) -> str:
    if name in SERTA_MERTA_REQUIRED:
        return f"{spec.doc_id} Wajib diisi bila jenis = serta_merta (darurat)."
    return spec.doc_id


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _text(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    if spec.max_length:  # a title or a summary: one line
        return {"widget": "string", "maxlength": spec.max_length}
    return {"widget": "text"}


def _number(value_type: str) -> Any:
    def kind(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
        result: dict[str, Any] = {"widget": "number", "value_type": value_type}
        if value_type == "float":
            result["step"] = 0.00001  # coordinates to about a metre
        if spec.minimum is not None:
            result["min"] = spec.minimum
        if spec.maximum is not None:
            result["max"] = spec.maximum
        return result
    return kind


def _rupiah(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    """Whole rupiah as a number (check also reads 10.000 or Rp10.000 typed by hand)."""
    return {**_number("int")(spec, translated, image), "before_input": "Rp"}


def _pattern(regex: str, message: str, string_type: str = "text") -> Any:
    def kind(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
        return {"widget": "string", "type": string_type, "pattern": [regex, message]}
    return kind


def _datetime(**formats: Any) -> Any:
    def kind(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
        return {"widget": "datetime", **formats}
    return kind


def _file_widget(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    shown = {"widget": "image", "accept": "image/*,.heic,.heif"} if image else {"widget": "file"}
    return {**shown, "choose_url": False}  # phone photos (HEIC too): the build converts them


def _enum(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    return {"widget": "select", "options": list(spec.choices)}


def _list(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    assert spec.item is not None
    item = spec.item
    if item.kind == "object":
        return {"widget": "list", "fields": _fields(item.fields, translated)}
    shown = widget("item", item, translated)
    assert shown is not None
    return {"widget": "list", "field": {k: v for k, v in shown.items() if k != "i18n"}}


def _object(spec: Field, translated: bool, image: bool) -> dict[str, Any]:
    return {"widget": "object", "fields": _fields(spec.fields, translated)}


KINDS = {
    "text": _text, "markdown": lambda spec, t, i: {"widget": "markdown"},
    "int": _number("int"), "number": _number("float"), "rupiah": _rupiah,
    "bool": lambda spec, t, i: {"widget": "boolean"},
    "date": _datetime(date_format="YYYY-MM-DD", time_format=False),
    "datetime": _datetime(format="YYYY-MM-DD HH:mm"),
    "time": _datetime(date_format=False, time_format="HH.mm"),
    "url": _pattern(URL_PATTERN, "Alamat web diawali https://", "url"),
    "phone": _pattern(PHONE_RE.pattern, "Nomor telepon, mis. 0333 123456"),
    "email": _pattern(EMAIL_RE.pattern, "Alamat surel, mis. desa@example.id", "email"),
    "color": _pattern(COLOR_RE.pattern, "Warna seperti #0b6e4f"),
    "slug": _pattern(SLUG_PATTERN, "Huruf kecil, angka dan tanda hubung"),
    "file": _file_widget, "enum": _enum, "list": _list, "object": _object,
}
