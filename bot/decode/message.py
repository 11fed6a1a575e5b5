"""Bytes in, ``Email`` out: a fast route for well-formed mail, the stdlib email package
(the reference) for the rest, and a safety net.

``decode_email`` never raises: whatever it cannot read becomes a defect (in words) on
the returned ``Email``, so a broken message is stored and reported instead of lost.
The fast route (``mime_split``, ``common_headers``, ``body_text_fast``) answers only for
mail it reads exactly as the stdlib route does, which ``tests/bot/test_decode_fast.py``
checks on every fixture and on generated mail; anything else it declines.
"""

from __future__ import annotations

import hashlib
import re
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr

from bot.decode import common_headers
from bot.decode.body_text import body_text, body_text_fast, decode_bytes
from bot.decode.flowed import unflow
from bot.decode.headers import header, header_date
from bot.decode.mime_split import Declined, Fields, first_values, split_mail
from bot.models import Email

MAX_PARTS = 500


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
            html_body = body_text_fast(leaf.payload(), leaf.charset(), ctype, defects)
        elif ctype != "text/html" and text is None:
            text = body_text_fast(leaf.payload(), leaf.charset(), ctype, defects)
            flowed, delsp = leaf.flowed()
            if flowed:
                text = unflow(text, delsp=delsp)
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
    digest = _digest_text(msg, defects) if attached else None
    if digest is not None:
        text = digest
    elif attached and _words(text, html_body) < FORWARD_NOTE_WORDS:
        # A newsletter forwarded as an attachment ("FYI" + message/rfc822): the attached
        # message is the newsletter, with its own sender, subject and bodies.
        headers = first_values(attached[0].raw_items())
        text, html_body = _bodies(attached[0], defects, [])
        defects.append("forwarded as an attachment: parsed the attached message")
    return _email(message_id, headers, text, html_body, defects, fast=False)


def _message_id(raw: bytes, headers: Fields, defects: list[str], *, fast: bool) -> str:
    message_id = header(headers, "Message-ID", defects, fast=fast).strip()
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
    raw_from = headers.get("from") if fast else None
    if raw_from and (found := common_headers.encoded_from(raw_from)) is not None:
        name, address = found  # what the header registry and parseaddr give, 20x faster
    else:
        sender = header(headers, "From", defects, fast=fast)
        name, address = (fast and common_headers.address(sender)) or parseaddr(sender)
    return Email(
        message_id=message_id,
        subject=" ".join(header(headers, "Subject", defects, fast=fast).split()),
        sender=address.strip().lower(),
        sender_name=" ".join(name.split()).strip('"'),
        list_id=header(headers, "List-Id", defects, fast=fast).strip(),
        date=header_date(header(headers, "Date", defects, fast=fast), defects, fast=fast),
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
        if ctype[:10] == "multipart/" and not part.is_multipart():
            # A multipart whose boundary never occurs (a copy that lost its parts'
            # delimiters): the stdlib keeps its body as one string, read as the text it is.
            ctype = "text/plain"
        if not ctype.startswith("text/") or part.get_content_disposition() == "attachment":
            continue
        if ctype == "text/html" and html_body is None:
            html_body = _body(part, ctype, defects)
        elif ctype != "text/html" and text is None:
            text = _body(part, ctype, defects)
            if str(part.get_param("format", "")).lower() == "flowed":
                text = unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
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


DIGEST_FIELDS = ("Date", "From", "Subject")


def _digest_text(msg: Message, defects: list[str]) -> str | None:
    """A MIME digest (``multipart/digest``, as Mailman and Sympa send them) as the text of
    a plain-text digest (RFC 1153), which the list-digest parser reads: the text parts in
    order (masthead, "Today's Topics", footer), and in the digest each message as
    ``Message: N``, its Date, From and Subject lines and its own text body, then a rule.
    None when the message holds no digest (an attached message is a forward)."""
    out: list[str] = []
    stack: list[tuple[Message, bool]] = [(msg, False)]
    posts = seen = 0
    while stack and seen < MAX_PARTS:
        part, in_digest = stack.pop()
        seen += 1
        ctype = part.get_content_type()
        payload = part.get_payload() if part.is_multipart() else None
        if ctype == "message/rfc822" and part is not msg:
            if not in_digest or not isinstance(payload, list) or not payload:
                continue
            inner = payload[0]
            if not isinstance(inner, Message):
                continue
            posts += 1
            headers = first_values(inner.raw_items())
            lines = [f"Message: {posts}"]
            for name in DIGEST_FIELDS:
                value = " ".join(header(headers, name, defects, fast=False).split())
                if value:
                    lines.append(f"{name}: {value}")
            body, html_body = _bodies(inner, defects, [])
            if body is None and html_body:
                body = _TAGS.sub(" ", html_body)
            out.append("\n".join(lines) + "\n\n" + (body or "").strip() + "\n\n" + "-" * 30)
        elif isinstance(payload, list):
            inside = in_digest or ctype == "multipart/digest"
            stack.extend((p, inside) for p in reversed(payload) if isinstance(p, Message))
        elif ctype == "text/plain" and part.get_content_disposition() != "attachment":
            out.append(_body(part, ctype, defects).strip())
    return "\n\n".join(out) + "\n" if posts else None


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
    return body_text(payload, charset, ctype, defects)
