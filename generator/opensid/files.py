"""Content files as text: YAML data and Markdown pages with front matter."""

from __future__ import annotations

from typing import Any

import yaml


def yaml_text(data: dict[str, Any], header: str = "") -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=92)
    return header + body


def page_text(front: dict[str, Any], body: str) -> str:
    return "---\n" + yaml_text(front) + "---\n" + body.strip() + "\n"


HEADER = ("# Diimpor dari cadangan OpenSID oleh `kampung impor opensid`.\n"
          "# Periksa isinya; yang harus dilengkapi relawan ditandai GANTI.\n")
