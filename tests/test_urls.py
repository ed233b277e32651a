"""Relative links: the fast path agrees with posixpath.relpath on every pair of paths."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from kampung.render.urls import relative

segment = st.sampled_from(["desa", "layanan", "ktp-el", "index.html", "a", "..", "."])
path = st.lists(segment, min_size=1, max_size=4).map("/".join)


@given(path, path)
def test_relative_link_is_what_posixpath_computes(page: str, target: str) -> None:
    start = posixpath.dirname(page) or "."
    try:
        expected = posixpath.relpath(target, start)
    except ValueError:
        return
    assert relative(page, target) == expected


def test_folder_links_name_index_html() -> None:
    assert relative("kemiren/layanan/ktp-el/index.html", "kemiren/layanan/") == \
        "../index.html"
    assert relative("index.html", "kemiren/#kontak") == "kemiren/index.html#kontak"
