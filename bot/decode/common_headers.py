"""The headers Gleaner reads, in their common shapes, read exactly as the stdlib reads them.

The stdlib readers are general and slow for what most mail holds: ``policy.default``'s
header registry builds a token tree (~70 us for a Subject with one encoded word),
``parseaddr`` walks the From header a character at a time (~15 us) and
``parsedate_to_datetime`` ~6 us; together more than the rest of a fast decode. Each
function here answers for one common shape with a compiled regex and returns None for
anything else, so the stdlib decides (``bot.decode``); ``tests/bot/test_decode_fast.py``
checks the answers against the stdlib's.
"""

from __future__ import annotations

import binascii
import re
from datetime import datetime, timedelta, timezone

# Printable ASCII, spaces and tabs only: other whitespace and controls change how the
# registry splits words, and non-ASCII is raw UTF-8 it decodes its own way.
_PLAIN = re.compile(r"[ \t!-~]*")
_WSP = re.compile(r"([ \t]+)")
_WORD = re.compile(r"=\?([^?*\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_HEX = frozenset("0123456789abcdefABCDEF")
_Q_ESCAPE = re.compile(rb"=([a-fA-F0-9]{2})")


def unstructured(value: str) -> str | None:
    """What ``str(policy.default.header_fetch_parse(name, value))`` returns for an
    unstructured header, or None when the value is not of the common shape."""
    if "\n" in value or "\r" in value:
        value = value.replace("\r", "").replace("\n", "")
    if _PLAIN.fullmatch(value) is None:
        # Raw UTF-8 (RFC 6532), as the message's bytes left it (surrogate escapes): the
        # registry reads it as UTF-8, as it is, when it holds no encoded word.
        return raw_utf8(value) if "=?" not in value else None
    pieces = _WSP.split(value)  # words at even places, whitespace runs between them
    out: list[str] = []
    after_word = False
    for i in range(0, len(pieces), 2):
        word = pieces[i]
        if "=?" not in word:
            decoded, is_word = word, False
        else:
            found = _word(word)
            if found is None:
                return None
            decoded, is_word = found, True
        if i:
            # Whitespace between two encoded words is folding, not text (RFC 2047 6.2).
            out.append("" if is_word and after_word else pieces[i - 1])
        out.append(decoded)
        after_word = is_word
    return "".join(out)


def raw_utf8(value: str) -> str | None:
    """A header value holding raw UTF-8 bytes (surrogate escapes) as the text they spell;
    None when it holds no such byte, other non-ASCII characters, or bytes that are not
    UTF-8 (the registry puts U+FFFD in for those)."""
    if value.isascii():
        return None
    try:
        return value.encode("ascii", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return None


def _word(word: str) -> str | None:
    """One whole encoded word decoded, or None unless the registry reads it the same way
    (``get_encoded_word``: no defects, nothing undecodable)."""
    m = _WORD.fullmatch(word)
    if m is None or not _whole(word):
        return None
    charset, cte, text = m.groups()
    encoded = text.encode("ascii")
    if cte in "qQ":
        raw = _Q_ESCAPE.sub(
            lambda e: bytes.fromhex(e.group(1).decode()), encoded.replace(b"_", b" ")
        )
    else:
        if len(encoded) % 4:
            return None  # the registry pads it and notes a defect
        try:
            raw = binascii.a2b_base64(encoded, strict_mode=True)
        except binascii.Error:
            return None
    try:
        decoded = raw.decode(charset)
    except (LookupError, UnicodeError):
        return None
    try:
        decoded.encode("utf-8")
    except UnicodeEncodeError:
        return None  # lone surrogates: the registry replaces them
    return decoded


def _whole(word: str) -> bool:
    """The registry ends an encoded word at the first ``?=`` (or the one after, when that
    first one opens a ``=XX`` escape): true when that end is the word's own end."""
    rest = word[2:]
    tok, _, after = rest.partition("?=")
    if len(after) > 1 and after[0] in _HEX and after[1] in _HEX and tok.count("?") < 2:
        more, _, after = after.partition("?=")
        tok = f"{tok}?={more}"
    return f"=?{tok}?=" == word


# An atom (dots allowed, as parseaddr allows them in names) or a quoted string without
# escapes; an address is atom@atom. parseaddr returns such parts as they are.
_ATOM = r'[^()<>@,:;"\[\]\\\s]+'
_QUOTED = r'"[^"\\\r\n]*"'
_ADDRESS = re.compile(
    rf"(?:((?:{_ATOM}|{_QUOTED})(?: (?:{_ATOM}|{_QUOTED}))*) ?)?<({_ATOM}@{_ATOM})>|({_ATOM}@{_ATOM})"
)
# RFC 5322's longest line: a longer From is read by email.utils.parseaddr.
_LONGEST = 998
_PHRASE_WORD = re.compile(rf'({_ATOM})|"([^"\\\r\n]*)"')


def address(value: str) -> tuple[str, str] | None:
    """``email.utils.parseaddr(value)`` for ``Name <a@b>``, ``"Name" <a@b>``, ``<a@b>``
    and ``a@b``; None for any other shape."""
    if len(value) > _LONGEST:
        return None  # the stdlib's parser then: the regex backtracks on a long header
    m = _ADDRESS.fullmatch(value)
    if m is None:
        return None
    phrase, routed, bare = m.groups()
    if bare is not None:
        return "", bare
    if not phrase:
        return "", routed
    if '"' not in phrase:
        return phrase, routed  # atoms joined by single spaces, as getphraselist joins them
    return " ".join(a if a else q for a, q in _PHRASE_WORD.findall(phrase)), routed


# A From header whose display name is not ASCII: RFC 5322 atoms (no dots: the registry
# notes a period in a phrase as a defect), whole encoded words and words of raw UTF-8,
# one space or tab apart, then the address in angle brackets.
# RFC 5322's atext but "=" and "?": in a display name those mark an encoded word.
_ATEXT_CHARS = "A-Za-z0-9!#$%&'*+/^_`{|}~-"
_AT = f"[=?{_ATEXT_CHARS}]"  # each set ends in "-": a literal, not a range
_NAME_FROM = re.compile(
    rf"((?:[^\s\"(),:;<>@\[\]\\]+[ \t]+)+)<({_AT}+(?:\.{_AT}+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>"
)
_ATEXT = re.compile(f"[{_ATEXT_CHARS}]+")
_UTF8_ATEXT = re.compile(f"[\x80-\U0010ffff{_ATEXT_CHARS}]+")
# What a decoded display name must not hold for the registry to print it as it is and
# parseaddr to read it back unchanged: specials, quotes, backslashes, controls and
# whitespace other than the space.
_NAME_SPECIAL = re.compile(
    r'[()<>\[\]:;@\\,."\x00-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]'
)


def encoded_from(value: str) -> tuple[str, str] | None:
    """``parseaddr(str(policy.default.header_fetch_parse("From", value)))`` for a display
    name of encoded words, atoms and raw UTF-8 words before ``<a@b>``
    ("=?utf-8?q?L=E2=80=99Hebdo?= <news@x.org>", "L’Hebdo <news@x.org>": the usual shapes
    of a sender name that is not ASCII; the registry's address parser took ~100 us on
    them); None for any other shape."""
    if len(value) > _LONGEST or "\n" in value or "\r" in value:
        return None
    if not value.isascii():
        utf8 = raw_utf8(value)
        if utf8 is None or "=?" in utf8:
            return None  # encoded words beside raw bytes: the registry's own reading
        value, word_re = utf8, _UTF8_ATEXT
    elif "=?" in value:
        word_re = _ATEXT
    else:
        return None  # ASCII: common_headers.address reads it
    m = _NAME_FROM.fullmatch(value.strip(" \t"))
    if m is None:
        return None
    phrase, addr = m.groups()
    decoded: list[str] = []
    for word in phrase.split():
        # In a phrase the registry keeps the space between two encoded words (an
        # unstructured header drops it): each word is decoded on its own.
        text = _word(word) if "=?" in word else word if word_re.fullmatch(word) else None
        if text is None:
            return None
        decoded.append(text)
    name = " ".join(decoded)
    if not name.strip() or _NAME_SPECIAL.search(name):
        return None
    return " ".join(name.split()), addr


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9][0-9]{3}) "
    r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))? ([+-])([0-9]{2})([0-9]{2})(?: \([ -~]*\))?"
)


def date(value: str) -> datetime | None:
    """``email.utils.parsedate_to_datetime(value)`` for the RFC 5322 shape
    (``Thu, 24 Apr 2025 10:02:11 +0000``, optional comment); None for any other shape.
    Raises ValueError where it does (a time or offset out of range)."""
    m = _DATE.fullmatch(value)
    if m is None:
        return None
    day, month, year, hour, minute, second, sign, tz_hours, tz_minutes = m.groups()
    when = (
        int(year),
        _MONTHS.index(month.lower()) + 1,
        int(day),
        int(hour),
        int(minute),
        int(second or 0),
    )
    offset = int(tz_hours) * 3600 + int(tz_minutes) * 60
    if sign == "-":
        if not offset:
            return datetime(*when)  # -0000: UTC, source zone unknown, so a naive datetime
        offset = -offset
    zone = _ZONES.get(offset)
    if zone is None:
        zone = _ZONES[offset] = timezone(timedelta(seconds=offset))
    return datetime(*when, tzinfo=zone)


_ZONES: dict[int, timezone] = {}  # offsets in use are few; timezone objects are values
