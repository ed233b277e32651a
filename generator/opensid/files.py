"""Content files as text: YAML data and Markdown pages with front matter."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import takewhile
from typing import Any

import yaml

from ..content import YamlLoader, split_front_matter

Change = Callable[[str, bool], str]  # (a string, whether it is a page's body) -> new string


def yaml_text(data: dict[str, Any], header: str = "") -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=92)
    return header + body


def page_text(front: dict[str, Any], body: str) -> str:
    return "---\n" + yaml_text(front) + "---\n" + body.strip() + "\n"


def rewrite(rel: str, text: str, change: Change) -> str:
    """`text` with `change` applied to each string value in it and to a page's body, then
    written again. Values are changed before they are written, so how YAML folds or quotes
    a long one cannot split a word `change` looks for. A file it leaves alone is kept."""
    if rel.endswith(".md") and not isinstance(parts := split_front_matter(text), str):
        front, body, _ = parts
        data = yaml.load(front, Loader=YamlLoader) or {}
        new_data, new_body = strings(data, change), change(body, True)
        return text if (new_data, new_body) == (data, body) else page_text(new_data, new_body)
    if rel.endswith((".yaml", ".yml")):
        data = yaml.load(text, Loader=YamlLoader)
        header = "".join(takewhile(lambda line: line.startswith("#"),
                                   text.splitlines(keepends=True)))
        new_data = strings(data, change)
        return text if new_data == data else yaml_text(new_data, header)
    if rel.endswith((".json", ".geojson")):
        data = json.loads(text)
        new_data = strings(data, change)
        return text if new_data == data else json.dumps(new_data) + "\n"
    return change(text, True)


def strings(data: Any, change: Change) -> Any:
    """`data` with `change` applied to every string in it (not to mapping keys)."""
    if isinstance(data, str):
        return change(data, False)
    if isinstance(data, list):
        return [strings(item, change) for item in data]
    if isinstance(data, dict):
        return {key: strings(value, change) for key, value in data.items()}
    return data


HEADER = ("# Diimpor dari cadangan OpenSID oleh `kampung impor opensid`.\n"
          "# Periksa isinya; yang harus dilengkapi relawan ditandai GANTI.\n")
