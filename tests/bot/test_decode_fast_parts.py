"""Each fast reader against the stdlib function it stands in for, on generated input."""

from __future__ import annotations

import codecs
from datetime import datetime
from email import errors, policy
from email.message import Message
from email.utils import parseaddr, parsedate_to_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import LINE_TRANSPARENT, common_headers
from bot.decode.mime_split import Declined, Leaf, _separator
from tests.bot.mime_gen import DATES, encoded_word, from_value, header_text

MANY = settings(max_examples=2000, deadline=None)
ASCII_SOUP = st.text(
    alphabet=st.sampled_from(list(" \t\r\n\"<>()@,;:.=?_*\\[]abcAZ09-+/'\x0b\x00é")), max_size=60
)


def _raw(value: str) -> str:
    """A header as bot.decode's splitter hands raw UTF-8 over: surrogate escapes."""
    return value.encode("utf-8", "surrogatepass").decode("ascii", "surrogateescape")


RAW_UTF8 = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(
            [
                "Café",
                "L’Hebdo",
                "🚀",
                "n°",
                "a\xa0b",
                " ",
                "\t",
                "=?utf-8?q?a?=",
                "Jo.",
                "(x)",
                "\u200b",
            ]
        ),
        max_size=6,
    ).map("".join),
).map(_raw)


@MANY
@given(st.one_of(header_text(), ASCII_SOUP, RAW_UTF8))
def test_unstructured_headers_read_as_the_registry_reads_them(value: str) -> None:
    fast = common_headers.unstructured(value)
    if fast is not None:
        assert fast == str(policy.default.header_fetch_parse("Subject", value))


def test_unstructured_reads_the_common_shapes() -> None:
    for value in (
        "Kubernetes 1.33 lands =?utf-8?b?4pi477iPLCBUZXJyYWZvcm0=?=",
        "=?UTF-8?Q?Frontend_Field_Notes_=E2=80=94_#57?=",
        "=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?iso-8859-1?q?caf=E9?= done",
    ):
        fast = common_headers.unstructured(value)
        assert fast is not None
        assert fast == str(policy.default.header_fetch_parse("Subject", value))


@MANY
@given(st.one_of(from_value(), ASCII_SOUP))
def test_addresses_read_as_parseaddr_reads_them(value: str) -> None:
    value = " ".join(value.split())  # as bot.decode hands From over
    fast = common_headers.address(value)
    if fast is not None:
        assert fast == parseaddr(value)


def _registry_sender(value: str) -> tuple[str, str, list[str]]:
    """What the stdlib route makes of a From header: name and address as ``bot.decode``
    keeps them, and the defects the registry notes."""
    parsed = policy.default.header_fetch_parse("From", value)
    name, address = parseaddr(str(parsed))
    # Raw UTF-8 in headers is no defect to bot.decode (bot.decode.headers leaves it out).
    defects = [d for d in parsed.defects if not isinstance(d, errors.UndecodableBytesDefect)]
    return " ".join(name.split()).strip('"'), address.strip().lower(), defects


ENCODED_NAMES = st.lists(
    st.one_of(encoded_word(), st.sampled_from(["The", "Weekly", "O'Brien", "Jo.", "a,b", "=?x"])),
    min_size=1,
    max_size=4,
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "\t", "  "]), min_size=len(words), max_size=len(words)
    ).map(lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True)))
)


@MANY
@given(
    st.one_of(
        from_value(),
        st.builds(
            lambda name, addr: f"{name}<{addr}>",
            st.one_of(ENCODED_NAMES, RAW_UTF8.map(lambda name: name + " ")),
            st.sampled_from(
                ["news@example.com", "Dan@TLDR.com", "a.b+c@x-y.org", "a..b@x", "x@[1.2.3.4]"]
            ),
        ),
    )
)
def test_encoded_sender_names_read_as_the_registry_reads_them(value: str) -> None:
    fast = common_headers.encoded_from(value)
    if fast is not None:
        name, address, defects = _registry_sender(value)
        assert (" ".join(fast[0].split()).strip('"'), fast[1].strip().lower()) == (name, address)
        assert defects == []


@pytest.mark.parametrize(
    "value",
    [
        "=?utf-8?q?L=E2=80=99Hebdo_du_Dev?= <bonjour@hebdo.example>",
        "=?UTF-8?B?8J+noCBUaGUgU2lnbmFs?= <news@signal.example>",
        "The =?iso-8859-1?q?Caf=E9?= Weekly <cafe@weekly.example>",
        "=?utf-8?q?a?= =?utf-8?q?b?= <x@y.example>",
        _raw("L’Hebdo du Dev <bonjour@hebdo.example>"),
        _raw("🚀 Launch Notes <news@launch.example>"),
    ],
)
def test_encoded_sender_names_take_the_fast_reading(value: str) -> None:
    fast = common_headers.encoded_from(value)
    assert fast is not None
    assert fast[0] == _registry_sender(value)[0]


@pytest.mark.parametrize(
    "value",
    ["TLDR AI <dan@tldrnewsletter.com>", '"Jo P." <jo@x.example>', "<a@b.c>", "a.b+c@x-y.org"],
)
def test_address_reads_the_common_shapes(value: str) -> None:
    assert common_headers.address(value) == parseaddr(value)


def _stdlib_date(value: str) -> datetime | str:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError) as exc:
        return type(exc).__name__


TWO_DIGITS = st.one_of(st.integers(0, 23), st.integers(0, 99)).map("{:02d}".format)
DATE_SOUP = st.builds(
    "{}, {} {} {} {}:{}:{} {}{}{}".format,
    st.sampled_from(["Thu", "Mon", "Xyz"]),
    st.one_of(st.integers(1, 28), st.integers(0, 40)),
    st.sampled_from(["Apr", "Dec", "apr", "Foo"]),
    st.sampled_from([2025, 1999, 1000, 9999, 999, 99, 10000]),
    TWO_DIGITS,
    TWO_DIGITS,
    TWO_DIGITS,
    st.sampled_from(["+", "-"]),
    TWO_DIGITS,
    TWO_DIGITS,
)


@MANY
@given(st.one_of(DATES, DATE_SOUP, DATE_SOUP.map(lambda d: d.split(", ", 1)[1] + " (UTC)")))
def test_dates_read_as_parsedate_to_datetime_reads_them(value: str) -> None:
    try:
        fast: datetime | str | None = common_headers.date(value)
    except ValueError as exc:
        fast = type(exc).__name__
    if fast is not None:
        expected = _stdlib_date(value)
        assert repr(fast) == repr(expected)


PARAMS = st.lists(
    st.tuples(
        st.sampled_from([";", "; ", ";\r\n\t", " ; ", ";;"]),
        st.sampled_from(["charset", "CHARSET", "boundary", "format", "name*", "x"]),
        st.sampled_from(["=", " = ", ""]),
        st.sampled_from(['"utf-8"', "utf-8", "<b>", '"<b>"', '"a;b"', '"a\\"b"', "", '"', "a b"]),
    ),
    max_size=4,
).map(lambda ps: "".join(a + b + c + d for a, b, c, d in ps))
CONTENT_TYPES = st.builds(
    str.__add__,
    st.sampled_from(["text/html", " text/plain ", "multipart/mixed", "charset", ""]),
    PARAMS,
)


def _message(content_type: str) -> Message:
    message = Message()
    message["Content-Type"] = content_type
    return message


@MANY
@given(st.one_of(CONTENT_TYPES, ASCII_SOUP))
def test_charset_and_boundary_read_as_the_message_reads_them(value: str) -> None:
    if not value.isascii():
        return
    message = _message(value)
    assert Leaf({"content-type": value}, "text/plain", b"").charset() == (
        message.get_content_charset()
    )
    boundary = message.get_boundary()
    try:
        sep = _separator(value, ())
    except Declined:
        assert not boundary or not boundary.isprintable()
    else:
        assert sep == b"--" + (boundary or "").encode()


def test_line_transparent_codecs_decode_line_ends_alone() -> None:
    for name in LINE_TRANSPARENT:
        assert codecs.lookup(name).name == name
        assert b"a\r\nb\rc\n".decode(name) == "a\r\nb\rc\n"
        if name != "utf-8":  # single-byte: each byte decodes on its own
            table = [bytes([b]).decode(name, "replace") for b in range(256)]
            assert bytes(range(256)).decode(name, "replace") == "".join(table)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html" + "; a=  " * 40 + '"',
        "text/html" + ";  a  =  b  " * 2000 + '"',
        "text/html; charset=" + " " * 100_000 + "x",
    ],
)
def test_hostile_parameter_lists_are_read_in_linear_time(content_type: str) -> None:
    # A backtracking regex would take hours here; the stdlib reads these in milliseconds.
    assert Leaf({"content-type": content_type}, "text/html", b"").charset() == (
        _message(content_type).get_content_charset()
    )
