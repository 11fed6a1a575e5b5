"""The fast routes of ``bot.normalise.urls`` give exactly what urllib gives.

``canonical(url, fast=True)`` splits common URLs with one regex and skips urllib's
quoting when nothing needs it; ``fast=False`` is the reference, urllib alone. Both run
on every link of every parser fixture and on generated URLs.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from bot.models import Item
from bot.normalise.urls import (
    _encoded,
    _from_base64,
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


def _from_base64_reference(segment: str) -> str | None:
    """``_from_base64`` without its pre-check on each chunk's opening."""
    for chunk in segment.split("."):
        if len(chunk) < 24:
            continue
        try:
            text = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4)).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
        if text.startswith(("http://", "https://")):
            return text.split()[0]
        if text[:14].lower().startswith(("http%3a%2f%2f", "https%3a%2f%2f")):
            return unquote(text).split()[0]
        if text.startswith("{"):
            try:
                data = json.loads(text)
            except ValueError:
                continue
            if isinstance(data, dict):
                for value in data.values():
                    if isinstance(value, str) and value.startswith(("http://", "https://")):
                        return value
    return None


# What the decoder finds links in, in any case, and what it finds none in.
_ENCODED_TEXTS = st.sampled_from(
    [
        "https://example.com/a?b=c",
        "http://x.io/",
        "HTTPS%3A%2F%2Fexample.com",
        "Http%3a%2f%2fa.b",
        "hTtPs%3A%2F%2Fa.b/c",
        '{"url": "https://example.com/x"}',
        "{'a': 1}",
        "{}",
        "htt",
        "ftp://x",
        " https://a.b",
        "https:",
        "\xe9https://a.b",
        "how-to-build-a-newsletter",
    ]
).flatmap(lambda t: st.tuples(st.just(t), st.text(max_size=30)).map("".join))


def _encoded_segment(text: str, padded: bool, cut: int, front: str, back: str) -> str:
    """``text`` in urlsafe base64, cut at the front by ``cut`` characters (another
    alignment), ``front`` and ``back`` around it ("=" is skipped when decoded)."""
    code = base64.urlsafe_b64encode(text.encode()).decode()
    return front + (code if padded else code.rstrip("="))[cut:] + back


_NOISE = st.sampled_from(["", "", "=", "==", "-", "_", "+", "a", "e", "."])


@settings(max_examples=3000)
@given(
    st.lists(
        st.builds(_encoded_segment, _ENCODED_TEXTS, st.booleans(), st.sampled_from([0, 0, 1, 2, 3]),
                  _NOISE, _NOISE)
        | st.text(st.sampled_from("aeHRSFU0cM6Ly9-_+=."), min_size=20, max_size=60),
        min_size=1, max_size=3,
    ).map(".".join)
)  # fmt: skip
def test_the_base64_opening_test_is_the_reference(segment: str) -> None:
    assert _from_base64(segment) == _from_base64_reference(segment)


def test_the_base64_opening_test_is_the_reference_on_every_fixture_segment() -> None:
    for url in fixture_urls():
        split = _split_stdlib(url.strip())
        if split:
            for part in [*split[0].path.split("/"), *(value for _, value in split[1])]:
                assert _from_base64(part) == _from_base64_reference(part), part
