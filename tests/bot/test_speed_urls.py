"""The fast routes of ``bot.normalise.urls`` give exactly what urllib gives.

``canonical(url, fast=True)`` splits common URLs with one regex and skips urllib's
quoting when nothing needs it; ``fast=False`` is the reference, urllib alone. Both run
on every link of every parser fixture and on generated URLs.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from bot.models import Item
from bot.normalise.urls import (
    _encoded,
    _hostname,
    _joined,
    _query_pairs,
    _requoted,
    _split,
    _split_stdlib,
    canonical,
)
from parsers import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"
SUFFIXES = {".eml", ".html", ".md", ".rst", ".txt"}


@functools.cache
def fixture_items() -> tuple[Item, ...]:
    """Every item the parsers find in every fixture (the parse step without normalise)."""
    items: list[Item] = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in SUFFIXES:
            items.extend(parse(load_file(path)).items)
    return tuple(items)


@functools.cache
def fixture_urls() -> tuple[str, ...]:
    """Every item URL and link href of the fixtures, and the targets they wrap."""
    urls: set[str] = set()
    for item in fixture_items():
        if item.url:
            urls.add(item.url)
        urls.update(href for _, href in item.links)
    for url in list(urls):
        split = _split_stdlib(url.strip())
        if split:
            urls.update(value for _, value in split[1] if "://" in value)
    return tuple(sorted(urls))


def test_the_fixtures_hold_many_urls() -> None:
    assert len(fixture_urls()) > 1000


def test_canonical_is_the_reference_on_every_fixture_url() -> None:
    for url in fixture_urls():
        assert canonical(url, fast=True) == canonical(url, fast=False), url


def test_split_is_urlsplit_on_every_fixture_url() -> None:
    for url in fixture_urls():
        assert _split(url.strip()) == _split_stdlib(url.strip()), url


# Generated URLs: the pieces the fast routes look at (scheme, host shapes, ports,
# escapes, "+", "&", "=", nested and wrapped URLs, trackers, characters urlsplit deletes
# or refuses) and arbitrary text between them.
_PIECES = st.sampled_from(
    ["http", "https", "HTTPS", "ftp", "://", ":", "/", "//", "?", "#", "&", "=", "+", "%",
     "%2F", "%3A", "%zz", "%C3%A9", "%E2", "@", "[", "]", "[::1]", ":8080", ":443", ":80",
     ":x", ":99999", "www.", "WWW.", "m.", "example.com", "Example.COM.", "arxiv.org",
     "huggingface.co", "open.substack.com", "urldefense.com", "utm_source=x", "ref=y",
     "url=https%3A%2F%2Fa.example%2Fp", "u=https://b.example/q", "emc=edit_x", "nl=1",
     "aHR0cHM6Ly9leGFtcGxlLmNvbS9wYXRo", "abs/2501.01234v2", "papers/2501.01234",
     "pub/name/p/slug", " ", "\t", "\n", "\r", "\x00", "é", "ü", "~", "'", "(", ";", ",",
     "!", "$", "*", "-", "_", "."]
)  # fmt: skip
urls = st.lists(_PIECES | st.text(max_size=6), max_size=16).map("".join)
common_urls = st.builds(
    lambda scheme, host, sep, rest: f"{scheme}://{host}{sep}{rest}",
    st.sampled_from(["http", "https"]),
    st.sampled_from(["example.com", "www.Example.org", "m.youtube.com", "arxiv.org", "a-b.c"]),
    st.sampled_from(["", "/", "?", "#"]),
    urls,
)


@settings(max_examples=2000)
@given(urls | common_urls)
def test_canonical_is_the_reference(url: str) -> None:
    assert canonical(url, fast=True) == canonical(url, fast=False)


@settings(max_examples=2000)
@given(urls | common_urls)
def test_split_and_hostname_are_urlsplits(url: str) -> None:
    assert _split(url) == _split_stdlib(url)
    try:
        expected: str | ValueError | None = urlsplit(url).hostname
    except ValueError as exc:
        expected = exc
    try:
        found: str | ValueError | None = _hostname(url, fast=True)
    except ValueError as exc:
        found = exc
    assert str(found) == str(expected)


@settings(max_examples=1000)
@given(urls)
def test_query_pairs_are_parse_qsl(query: str) -> None:
    assert _query_pairs(query) == parse_qsl(query, keep_blank_values=True)


@settings(max_examples=1000)
@given(urls)
def test_requoted_is_quote_of_unquote(path: str) -> None:
    expected = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    assert _requoted(path, fast=True) == expected == _requoted(path, fast=False)


@settings(max_examples=500)
@given(st.lists(st.tuples(urls, urls), max_size=4), urls, urls)
def test_encoded_and_joined_are_urllibs(
    pairs: list[tuple[str, str]], netloc: str, path: str
) -> None:
    assert _encoded(pairs) == urlencode(pairs)
    query = _encoded(pairs)
    assert _joined(netloc, path, query) == urlunsplit(("https", netloc, path, query, ""))
