"""Bytes in, ``Email`` out: a fast route for well-formed mail, the stdlib email package
(the reference) for the rest, and a safety net.

``decode_email`` never raises: whatever it cannot read becomes a defect (in words) on
the returned ``Email``, so a broken message is stored and reported instead of lost.
Charsets are trusted only as far as they decode: an unknown or lying charset falls back
to what the bytes declare themselves (a byte-order mark, ``<meta charset>``, found by
BeautifulSoup's UnicodeDammit), then UTF-8, then cp1252, then Latin-1 (which decodes
anything), and says so.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import logging
import re
from datetime import datetime
from email import errors, policy
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from bs4.dammit import UnicodeDammit

from bot.decode import common_headers
from bot.decode.mime_split import Declined, Fields, first_values, split_mail
from bot.errors import DecodeError
from bot.models import Email
from bot.normalise.text import repair_mojibake

# UnicodeDammit logs to stderr when it falls back to replacement characters; that case is
# handled below (Latin-1 keeps every byte) and recorded as a defect, so its line is noise.
logging.getLogger("bs4.dammit").setLevel(logging.ERROR)

MAX_PARTS = 500
MAX_HEADER = 2000
_FALLBACKS = ("utf-8", "cp1252", "latin-1")
# Codecs that are not charsets: they would "decode" mail into something else entirely.
_NOT_CHARSETS = {"punycode", "idna", "unicode_escape", "raw_unicode_escape", "utf_7", "uu_codec"}
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:")
_KEY_HEADERS = re.compile(
    rb"^(from|subject|date|message-id|received|mime-version|return-path|delivered-to|to|list-id):",
    re.I | re.M,
)


def synthetic_message_id(raw: bytes) -> str:
    """A stable Message-ID for mail (or files) that have none: same bytes, same id, whether
    the copy came over IMAP (CRLF) or from a Maildir or mbox (LF)."""
    digest = hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()
    return f"<{digest[:32]}@gleaner.invalid>"


def decode_email(raw: bytes) -> Email:
    """Decode one RFC 822 message. Never raises; problems are listed in ``Email.defects``.

    Well-formed mail takes the fast route (``mime_split``, ``common_headers``); whatever
    that route declines goes through the stdlib email package, the reference."""
    try:
        return _decode_fast(bytes(raw))
    except Exception:  # Declined, or a surprise: the reference decides
        return decode_email_stdlib(raw)


def decode_email_stdlib(raw: bytes) -> Email:
    """``decode_email`` by the stdlib email package alone: the reference the fast route
    must match field for field."""
    try:
        return _decode(bytes(raw))
    except Exception as exc:  # the promise is "never raises": any stdlib surprise lands here
        text, _ = decode_bytes(
            bytes(raw) if isinstance(raw, bytes | bytearray) else b"", None, "message"
        )
        return Email(
            message_id=synthetic_message_id(
                bytes(raw) if isinstance(raw, bytes | bytearray) else b""
            ),
            text=text or None,
            defects=(f"unparseable message ({type(exc).__name__}: {exc}); kept as plain text",),
        )


def decode_email_fast(raw: bytes) -> Email | None:
    """``decode_email`` by the fast route alone; None when it declines the message."""
    try:
        return _decode_fast(raw)
    except Declined:
        return None


def _decode_fast(raw: bytes) -> Email:
    mail = split_mail(raw)
    defects: list[str] = []
    text: str | None = None
    html_body: str | None = None
    for leaf in mail.leaves:  # _bodies, for parts the splitter found no defect in
        ctype = leaf.content_type
        if not ctype.startswith("text/") or leaf.disposition() == "attachment":
            continue
        if ctype == "text/html" and html_body is None:
            html_body = _text_fast(leaf.payload(), leaf.charset(), ctype, defects)
        elif ctype != "text/html" and text is None:
            text = _text_fast(leaf.payload(), leaf.charset(), ctype, defects)
    message_id = _message_id(raw, mail.fields, defects, fast=True)
    return _email(message_id, mail.fields, text, html_body, defects, fast=True)


def _decode(raw: bytes) -> Email:
    msg = BytesParser(policy=policy.compat32).parsebytes(raw)
    defects: list[str] = []
    attached: list[Message] = []
    text, html_body = _bodies(msg, defects, attached)
    for defect in msg.defects:
        defects.insert(0, f"message: {type(defect).__name__}: {defect}")
    headers = first_values(msg.raw_items())
    message_id = _message_id(raw, headers, defects, fast=False)
    if attached and _words(text, html_body) < FORWARD_NOTE_WORDS:
        # A newsletter forwarded as an attachment ("FYI" + message/rfc822): the attached
        # message is the newsletter, with its own sender, subject and bodies.
        headers = first_values(attached[0].raw_items())
        text, html_body = _bodies(attached[0], defects, [])
        defects.append("forwarded as an attachment: parsed the attached message")
    return _email(message_id, headers, text, html_body, defects, fast=False)


def _message_id(raw: bytes, headers: Fields, defects: list[str], *, fast: bool) -> str:
    message_id = _header(headers, "Message-ID", defects, fast=fast).strip()
    if not message_id:
        message_id = synthetic_message_id(raw)
        defects.append("no Message-ID; synthesised one from the message bytes")
    return message_id


def _email(
    message_id: str,
    headers: Fields,
    text: str | None,
    html_body: str | None,
    defects: list[str],
    *,
    fast: bool,
) -> Email:
    """The Email, its headers read in the order their defects are listed."""
    sender = _header(headers, "From", defects, fast=fast)
    name, address = (fast and common_headers.address(sender)) or parseaddr(sender)
    return Email(
        message_id=message_id,
        subject=" ".join(_header(headers, "Subject", defects, fast=fast).split()),
        sender=address.strip().lower(),
        sender_name=" ".join(name.split()).strip('"'),
        list_id=_header(headers, "List-Id", defects, fast=fast).strip(),
        date=_date(_header(headers, "Date", defects, fast=fast), defects, fast=fast),
        text=text,
        html=html_body,
        defects=tuple(dict.fromkeys(defects)),
    )


FORWARD_NOTE_WORDS = 80
_TAGS = re.compile(r"<[^>]{0,2000}>")


def _words(text: str | None, html_body: str | None) -> int:
    visible = (text or "") if text else _TAGS.sub(" ", (html_body or "")[:100_000])
    return len(visible.split())


def _bodies(
    msg: Message, defects: list[str], attached: list[Message]
) -> tuple[str | None, str | None]:
    """The first text/plain and text/html bodies; attached messages are collected, not read."""
    text: str | None = None
    html_body: str | None = None
    for part in _leaf_parts(msg, defects, attached):
        # Each header access re-parses it under policy.default: read Content-Type once.
        ctype = part.get_content_type()
        for defect in part.defects:
            defects.append(f"{ctype}: {type(defect).__name__}: {defect}")
        if not ctype.startswith("text/") or part.get_content_disposition() == "attachment":
            continue
        if ctype == "text/html" and html_body is None:
            html_body = _body(part, ctype, defects)
        elif ctype != "text/html" and text is None:
            text = _body(part, ctype, defects)
    return text, html_body


def _leaf_parts(msg: Message, defects: list[str], attached: list[Message]) -> list[Message]:
    """Non-multipart parts in reading order, iteratively (deep nesting cannot recurse)."""
    out: list[Message] = []
    stack: list[Message] = [msg]
    seen = 0
    while stack:
        part = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            defects.append(f"more than {MAX_PARTS} MIME parts; the rest were ignored")
            break
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            inner = [p for p in payload if isinstance(p, Message)]
            if part.get_content_type() == "message/rfc822" and part is not msg:
                attached.extend(inner[:1])
                continue
            stack.extend(reversed(inner))
        else:
            out.append(part)
    return out


_UNSTRUCTURED = frozenset({"subject", "list-id"})


def _header(headers: Fields, name: str, defects: list[str], *, fast: bool) -> str:
    """The header as ``policy.default`` decodes it (RFC 2047 words, folding), defects noted.

    The message is parsed with compat32 (structure only) and the few headers Gleaner
    reads go through ``policy.default``'s header registry here: parsing the whole
    message under ``policy.default`` re-parses Content-Type many times and costs ~6x.
    The fast route decodes the common shape of unstructured headers itself.
    """
    key = name.lower()
    raw = headers.get(key)
    if raw is None:
        return ""
    # The header registry is quadratic in encoded words: a hostile 700 KB Subject took
    # a minute. No header Gleaner reads is legitimately longer than this.
    raw = raw[:MAX_HEADER]
    if raw.isascii() and "=?" not in raw:
        return " ".join(raw.split())  # nothing to decode: what the registry would return
    if fast and key in _UNSTRUCTURED and (decoded := common_headers.unstructured(raw)) is not None:
        return decoded
    try:
        value = policy.default.header_fetch_parse(name, raw)
        defects.extend(
            f"header {name}: {type(d).__name__}: {d}"
            for d in getattr(value, "defects", ())
            # Raw UTF-8 in headers (RFC 6532) is normal in today's mail, not a defect worth a word.
            if not isinstance(d, errors.UndecodableBytesDefect)
        )
        return str(value)
    except Exception as exc:  # the header registry has edge-case crashes on hostile input
        defects.append(f"header {name} is malformed ({type(exc).__name__}); used raw")
        try:
            return str(make_header(decode_header(str(raw))))
        except Exception:
            return str(raw)


def _date(value: str, defects: list[str], *, fast: bool) -> datetime | None:
    if not value.strip():
        return None
    try:
        return (fast and common_headers.date(value)) or parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"unreadable Date header {value[:60]!r}")
        return None


def _body(part: Message, ctype: str, defects: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:
        defects.append(f"{ctype}: payload undecodable ({type(exc).__name__})")
        payload = None
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return _text(payload, charset, ctype, defects)


def _text(payload: bytes, charset: str | None, ctype: str, defects: list[str]) -> str:
    text, defect = decode_bytes(payload, charset, ctype)
    if defect:
        defects.append(defect)
    return repair_mojibake(_unix_lines(text))


# Codecs that decode b"\r" and b"\n" to "\r" and "\n" and never use those bytes inside a
# longer sequence: line ends can become LF before decoding, and the bytes still decode (or
# fail) exactly as before. bytes.splitlines splits at just those line ends and runs ~4x
# faster than str.replace("\r\n", "\n"), whose two-character search is slow.
LINE_TRANSPARENT = frozenset(
    {"utf-8", "ascii", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257", "koi8-r"}
    | {f"iso8859-{n}" for n in (*range(1, 12), *range(13, 17))}
)


def _text_fast(payload: bytes, charset: str | None, ctype: str, defects: list[str]) -> str:
    """``_text``, unifying line ends before decoding when the charset allows it."""
    if charset and b"\r" in payload:
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            name = ""
        if name in LINE_TRANSPARENT:
            unix = b"\n".join(payload.splitlines())
            if payload.endswith((b"\n", b"\r")):
                unix += b"\n"
            try:
                text = unix.decode(name)
            except UnicodeDecodeError:
                pass  # decode_bytes falls back and says so
            else:
                return repair_mojibake(text)
    return _text(payload, charset, ctype, defects)


def _unix_lines(text: str) -> str:
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


def looks_like_rfc822(raw: bytes) -> bool:
    """True when the bytes open with a header block naming at least one mail header."""
    head = raw[:8192].lstrip()
    if head.startswith(b"From "):  # an mbox "From " separator line
        head = head.split(b"\n", 1)[-1]
    first = head.split(b"\n", 1)[0]
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return bool(_HEADER_LINE.match(first)) and bool(_KEY_HEADERS.search(block))


def load_file(path: Path) -> Email:
    """An .eml (or anything shaped like RFC 822) or a raw .txt/.md/.rst/.html newsletter."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DecodeError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".eml" or looks_like_rfc822(raw):
        if raw.lstrip().startswith(b"From "):
            raw = raw.lstrip().split(b"\n", 1)[-1]
        return decode_email(raw)
    text, defect = decode_bytes(raw.removeprefix(codecs.BOM_UTF8), None, path.name)
    text = repair_mojibake(_unix_lines(text))
    is_html = path.suffix.lower() in {".html", ".htm"} or text.lstrip()[:200].lower().startswith(
        ("<!doctype html", "<html")
    )
    return Email(
        message_id=synthetic_message_id(raw),
        subject=_first_heading(text, is_html),
        text=None if is_html else text,
        html=text if is_html else None,
        defects=(defect,) if defect else (),
    )


_TAG = re.compile(r"<[^>]{0,2000}>")


def _first_heading(text: str, is_html: bool) -> str:
    if is_html:
        for pattern in (r"<title[^>]*>(.*?)</title>", r"<h1[^>]*>(.*?)</h1>"):
            m = re.search(pattern, text[:200_000], re.I | re.S)
            if m:
                words = " ".join(html.unescape(_TAG.sub(" ", m.group(1))).split())
                if words:
                    return words[:200]
        text = _TAG.sub("\n", text[:200_000])
    for line in text.splitlines()[:500]:
        words = " ".join(line.strip().lstrip("#").strip().split())
        if any(ch.isalnum() for ch in words):
            return words[:200]
    return ""
