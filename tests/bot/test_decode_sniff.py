"""When the MIME header's charset is missing or wrong, the bytes' own declaration decides."""

from __future__ import annotations

import base64
from email.message import EmailMessage

import pytest

from bot.decode import decode_email

GREEK = "Νέα μοντέλα"


def _html_mail(body: bytes, declared: str | None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "letter@example.org"
    msg["Subject"] = "Weekly"
    msg["Message-ID"] = "<sniff@example.org>"
    msg.set_content("placeholder", subtype="html", charset="utf-8", cte="base64")
    raw = bytes(msg)
    head, _, _ = raw.partition(b"\n\n")
    head = head.replace(b'charset="utf-8"', f'charset="{declared}"'.encode() if declared else b"")
    return head + b"\n\n" + base64.encodebytes(body)


def test_an_unknown_header_charset_yields_to_the_documents_meta_charset() -> None:
    body = f'<html><head><meta charset="iso-8859-7"></head><body><p>{GREEK}</p></body></html>'
    email = decode_email(_html_mail(body.encode("iso-8859-7"), "x-no-such-charset"))
    assert email.html is not None
    assert GREEK in email.html
    assert email.defects == (
        "unknown charset 'x-no-such-charset' in text/html; decoded as iso8859-7",
    )


def test_a_byte_order_mark_is_honoured_when_no_charset_is_declared() -> None:
    body = f"<p>{GREEK}</p>".encode("utf-16")
    email = decode_email(_html_mail(body, None))
    assert email.html is not None
    assert GREEK in email.html


def test_bytes_that_decode_nowhere_cleanly_still_decode_losing_nothing() -> None:
    email = decode_email(_html_mail(b"<p>\x81\x8d\x90 caf\xe9</p>", "x-no-such-charset"))
    assert email.html is not None
    assert "caf\xe9" in email.html
    assert "\ufffd" not in email.html, "Latin-1 keeps every byte"


def test_bytes_that_decode_nowhere_print_nothing_on_stderr(
    capfd: pytest.CaptureFixture[str],
) -> None:
    decode_email(b"just a body with no headers \x81\x8d\n")
    assert capfd.readouterr().err == ""


def test_a_mail_without_message_id_gets_the_same_id_over_imap_and_from_a_maildir() -> None:
    lf = b"From: a@example.org\nSubject: No id\n\nbody line\n"
    crlf = lf.replace(b"\n", b"\r\n")
    assert decode_email(lf).message_id == decode_email(crlf).message_id
