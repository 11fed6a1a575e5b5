"""A MIME digest (multipart/digest of message/rfc822 parts, as Mailman and Sympa send
them) is read as one text in the plain-text digest's layout, every message in it."""

from __future__ import annotations

from bot.decode import decode_email

_DIGEST = b"""From: dev-request@lists.example.org
Subject: dev Digest, Vol 3, Issue 9
Message-ID: <digest-3-9@lists.example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset="us-ascii"

Today's Topics:

   1. Release: parser 2.0 (Ana Ruiz)
   2. Re: parser 2.0 (Bo Lind)

--outer
Content-Type: multipart/digest; boundary="inner"

--inner

From: Ana Ruiz <ana@example.org>
Subject: [dev] Release: parser 2.0
Date: Mon, 16 Nov 2026 08:00:00 +0000
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Notes: https://parser.example.org/2.0 =E2=80=94 faster.

--inner
Content-Type: message/rfc822

From: Bo Lind <bo@example.org>
Subject: Re: [dev] Release: parser 2.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/html

<p>Thanks, <b>Ana</b>!</p>
--alt--

--inner--

--outer
Content-Type: text/plain

_______________________________________________
dev mailing list
--outer--
"""


def test_each_message_of_a_mime_digest_is_in_the_text_with_its_headers() -> None:
    email = decode_email(_DIGEST)
    assert (email.sender, email.subject) == (
        "dev-request@lists.example.org",
        "dev Digest, Vol 3, Issue 9",
    )
    text = email.text or ""
    assert text.index("Today's Topics:") < text.index("Message: 1") < text.index("Message: 2")
    assert text.index("Message: 2") < text.index("dev mailing list")
    first = text[text.index("Message: 1") : text.index("Message: 2")]
    assert first.splitlines()[:4] == [
        "Message: 1",
        "Date: Mon, 16 Nov 2026 08:00:00 +0000",
        "From: Ana Ruiz <ana@example.org>",
        "Subject: [dev] Release: parser 2.0",
    ]
    assert "Notes: https://parser.example.org/2.0 — faster." in first
    assert first.rstrip().endswith("-" * 30)  # the post ends before the next part
    # A message with only an HTML body is read as its words.
    assert "Thanks, Ana !" in " ".join(text[text.index("Message: 2") :].split())
    assert not any("forwarded" in d for d in email.defects)


def test_a_forward_outside_a_digest_still_reads_the_attached_message() -> None:
    forward = (
        b"From: me@example.com\nSubject: Fwd\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nFYI\n'
        b"--b\nContent-Type: message/rfc822\n\nFrom: news@letter.example\nSubject: Issue 4\n\n"
        b"Message: 1\nthe newsletter\n--b--\n"
    )
    email = decode_email(forward)
    assert (email.sender, email.subject) == ("news@letter.example", "Issue 4")
    assert "forwarded as an attachment: parsed the attached message" in email.defects
