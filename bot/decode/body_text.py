"""Body bytes to text: the declared charset when it decodes, else what the bytes declare
themselves, then fallbacks; line ends made LF and mojibake repaired.

Charsets are trusted only as far as they decode: an unknown or lying charset falls back
to what the bytes declare themselves (a byte-order mark, ``<meta charset>``, found by
BeautifulSoup's UnicodeDammit), then UTF-8, then cp1252, then Latin-1 (which decodes
anything), and says so.
"""

from __future__ import annotations

import codecs
import logging

from bs4.dammit import UnicodeDammit

from bot.normalise.text import repair_mojibake

# UnicodeDammit logs to stderr when it falls back to replacement characters; that case is
# handled below (Latin-1 keeps every byte) and recorded as a defect, so its line is noise.
logging.getLogger("bs4.dammit").setLevel(logging.ERROR)

_FALLBACKS = ("utf-8", "cp1252", "latin-1")
# Codecs that are not charsets: they would "decode" mail into something else entirely.
_NOT_CHARSETS = {"punycode", "idna", "unicode_escape", "raw_unicode_escape", "utf_7", "uu_codec"}


def body_text(payload: bytes, charset: str | None, ctype: str, defects: list[str]) -> str:
    """The body as text, a fall-back noted in ``defects``."""
    text, defect = decode_bytes(payload, charset, ctype)
    if defect:
        defects.append(defect)
    return repair_mojibake(unix_lines(text))


# Codecs that decode b"\r" and b"\n" to "\r" and "\n" and never use those bytes inside a
# longer sequence: line ends can become LF before decoding, and the bytes still decode (or
# fail) exactly as before. bytes.splitlines splits at just those line ends and runs ~4x
# faster than str.replace("\r\n", "\n"), whose two-character search is slow.
LINE_TRANSPARENT = frozenset(
    {"utf-8", "ascii", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257", "koi8-r"}
    | {f"iso8859-{n}" for n in (*range(1, 12), *range(13, 17))}
)


def body_text_fast(payload: bytes, charset: str | None, ctype: str, defects: list[str]) -> str:
    """``body_text``, unifying line ends before decoding when the charset allows it."""
    if charset and b"\r" in payload:
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            name = ""
        if name in LINE_TRANSPARENT:
            lines = payload.splitlines()
            if payload.endswith((b"\n", b"\r")):
                lines.append(b"")  # keep the last line end
            try:
                text = b"\n".join(lines).decode(name)
            except UnicodeDecodeError:
                pass  # decode_bytes falls back and says so
            else:
                return repair_mojibake(text)
    return body_text(payload, charset, ctype, defects)


def unix_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_bytes(payload: bytes, charset: str | None, where: str) -> tuple[str, str | None]:
    """Decode with the declared charset when it works, else fall back; say what happened."""
    problem = ""
    if charset:
        try:
            codec = codecs.lookup(charset)
            if codec.name in _NOT_CHARSETS or not getattr(codec, "_is_text_encoding", True):
                raise LookupError(charset)
        except LookupError:
            problem = f"unknown charset {charset!r} in {where}"
        else:
            try:
                return payload.decode(codec.name), None
            except (UnicodeDecodeError, LookupError):
                problem = f"charset {charset!r} in {where} does not match its bytes"
    sniffed = _sniff(payload, is_html="html" in where)
    if sniffed is not None:
        text, found = sniffed
        if problem:
            return text, f"{problem}; decoded as {found}"
        return text, None if found == "utf-8" else f"no charset in {where}; decoded as {found}"
    for fallback in _FALLBACKS:
        try:
            text = payload.decode(fallback)
        except UnicodeDecodeError:
            continue
        if problem:
            return text, f"{problem}; decoded as {fallback}"
        return (
            text,
            None if fallback == "utf-8" else f"no charset in {where}; decoded as {fallback}",
        )
    return payload.decode(
        "utf-8", "replace"
    ), f"{problem or where}; decoded as utf-8 with replacement"


def _sniff(payload: bytes, *, is_html: bool) -> tuple[str, str] | None:
    """Let BeautifulSoup's UnicodeDammit find the encoding the bytes themselves declare
    (a byte-order mark, ``<meta charset>``, an XML declaration), else UTF-8 or
    Windows-1252; None when nothing decodes cleanly."""
    dammit = UnicodeDammit(payload, is_html=is_html)
    text, found = dammit.unicode_markup, dammit.original_encoding
    if text is None or not found or not dammit.tried_encodings:
        return None
    if dammit.tried_encodings[-1][1] != "strict":
        return None  # only decodable with replacement characters: leave it to Latin-1
    try:
        return text, codecs.lookup(found).name
    except LookupError:
        return text, found
