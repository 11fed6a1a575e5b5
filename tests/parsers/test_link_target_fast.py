"""``text.link_target`` answers at once for a link that spells no address inside it: every
way it reads a wrapped target (a query value or the path holding "http…", percent-encoded,
or in base64 or a JSON token) needs "http" past the scheme, a "%", "aHR0c" or "eyJ". These
tests take each of those ways by hand on links without the markers and find no target."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import text as T

_PIECES = [
    "https://", "http://", "a.example", "/", "?", "&", "=", "#", "x", "utm_source", "url",
    "upn", "+", "-", "_", ".", ":", "HTTP", "ht", "tp", "aHR", "0c", "ey", "J", "CL0",
    "/ss/c/u001.", "%", "%3A", "%2F", "aHR0cHM6Ly9h", "eyJlIjoi", "Zm9v", "ftp://b.example",
]  # fmt: skip
links = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join)


def _marked(url: str) -> bool:
    low = url.lower()
    return low.find("http", 1) >= 0 or "%" in url or "ahr0c" in low or "eyj" in low


def _spells_a_target(url: str) -> bool:
    """Each reading link_target makes, without its quick answer."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.query[:8].lower().startswith(("http://", "https://")):
        return True
    if any(v[:8].lower().startswith(("http://", "https://")) for _, v in parse_qsl(parts.query)):
        return True
    last = parts.path.rsplit("/", 1)[-1]
    return bool(
        T._ENCODED_IN_PATH.search(parts.path) or T._base64_target(last) or T._json_target(last)
    )


@settings(max_examples=3000, deadline=None)
@given(links)
def test_a_link_without_the_markers_spells_no_target(url: str) -> None:
    if not _marked(url):
        assert not _spells_a_target(url)
        assert T.link_target(url) == url


def test_wrapped_targets_are_still_read() -> None:
    assert T.link_target("https://t.example/CL0/https:%2F%2Fa.example%2Fpost/1/x") == (
        "https://a.example/post"
    )
    assert T.link_target("https://t.example/r?upn=https%3A%2F%2Fb.example%2Fq") == (
        "https://b.example/q"
    )
    assert T.link_target("https://t.example/ls/click?url=https://c.example/z") == (
        "https://c.example/z"
    )
    assert T.link_target("https://a.example/plain/page?utm_source=x") == (
        "https://a.example/plain/page?utm_source=x"
    )
