"""The fast decode route gives exactly the stdlib route's Email, or declines to answer."""

from __future__ import annotations

import base64
import mailbox
import quopri
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from bot.decode import decode_email, decode_email_fast, decode_email_stdlib
from bot.models import Email
from tests.bot.mime_gen import mime_message

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def _mail() -> dict[str, bytes]:
    """Every .eml fixture, and the .eml and .mbox samples in shared/seeds when present."""
    mail = {
        str(p.relative_to(ROOT / "tests" / "fixtures")): p.read_bytes()
        for p in sorted((ROOT / "tests" / "fixtures").rglob("*.eml"))
    }
    for path in sorted(SEEDS.glob("*")) if SEEDS.is_dir() else ():
        if path.suffix == ".eml":
            mail[f"seeds/{path.name}"] = path.read_bytes()
        elif path.suffix == ".mbox":
            box = mailbox.mbox(path, create=False)
            for i, key in enumerate(box.keys()):
                mail[f"seeds/{path.name}#{i}"] = box.get_bytes(key)
    return mail


MAIL = _mail()


def fields(email: Email) -> tuple[object, ...]:
    """Every field, the date with its offset (aware datetimes compare equal across zones)."""
    date = email.date.isoformat() if email.date else None
    return (*(getattr(email, f) for f in Email.__dataclass_fields__ if f != "date"), date)


def assert_same(raw: bytes) -> Email | None:
    fast = decode_email_fast(raw)
    reference = decode_email_stdlib(raw)
    if fast is not None:
        assert fields(fast) == fields(reference)
    assert fields(decode_email(raw)) == fields(reference)
    return fast


# Mail the fast route declines on purpose: message/* parts go to the stdlib route.
STDLIB_ONLY = {
    "parsers/generic/mailman_mime_digest.eml": "a MIME digest (message/rfc822 parts)",
    "parsers/generic/rc_kit_text_lost_boundary.eml": "a multipart whose boundary never occurs",
}


@pytest.mark.parametrize("name", MAIL)
def test_every_mail_fixture_takes_the_fast_route_to_the_same_email(name: str) -> None:
    raw = MAIL[name]
    if name in STDLIB_ONLY:
        assert assert_same(raw) is None, f"{STDLIB_ONLY[name]} should take the stdlib route"
        return
    assert assert_same(raw) is not None, "a well-formed newsletter was declined"
    lf = raw.replace(b"\r\n", b"\n")
    assert assert_same(lf) is not None
    assert assert_same(lf.replace(b"\n", b"\r\n")) is not None


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mime_message())
def test_generated_mail_decodes_the_same_on_both_routes(raw: bytes) -> None:
    assert_same(raw)


def _mime(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


HTML = "<p>Caf\u00e9 \u2014 <b>news</b> \U0001f680</p>\n"
TEXT = "Caf\u00e9 \u2014 news \U0001f680\n"


def _alternative(boundary: str = "alt") -> bytes:
    return (
        f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode()
        + quopri.encodestring(TEXT.encode())
        + f'\r\n--{boundary}\r\nContent-Type: text/html; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n".encode()
        + base64.encodebytes(HTML.encode())
        + f"--{boundary}--\r\n".encode()
    )


HEAD = (
    'From: "Caf\u00e9 Weekly" <News@Example.COM>\n'
    "Subject: =?utf-8?q?Caf=C3=A9?= =?utf-8?b?4oCUIHdlZWtseQ==?= \U0001f680\n"
    "Date: Tue, 10 Jun 2025 07:30:00 -0400\nMessage-ID: <m1@example.com>\n"
    "List-Id: Cafe Weekly <cafe.example.com>\nMIME-Version: 1.0\n"
)
SHAPES = {
    "single text/html, 8bit": _mime(
        HEAD + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
        HTML.encode(),
    ),
    "single text/plain, latin-1 QP": _mime(
        HEAD + "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n",
        quopri.encodestring("Caf\u00e9 cr\u00e8me\n".encode("latin-1")),
    ),
    "single text/plain, 7bit, no Content-Type": _mime(HEAD, b"plain words\r\n"),
    "single text/html, windows-1252 base64": _mime(
        HEAD + "Content-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n",
        base64.encodebytes("<p>don\u2019t</p>".encode("cp1252")),
    ),
    "multipart/alternative": _mime(
        HEAD + 'Content-Type: multipart/alternative; boundary="alt"\n', _alternative()
    ),
    "multipart/related around an alternative": _mime(
        HEAD + 'Content-Type: multipart/related;\n\tboundary="rel"\n',
        b"--rel\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
        + _alternative()
        + b"\r\n--rel\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-ID: <logo>\r\n\r\niVBORw0KGgo=\r\n--rel--\r\n",
    ),
    "multipart/mixed with an attachment": _mime(
        HEAD + "Content-Type: multipart/mixed; boundary=mix\n",
        b"preamble\r\n--mix\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
        + _alternative()
        + b"\r\n--mix\r\nContent-Type: text/plain; name=a.txt\r\n"
        b"Content-Disposition: attachment; filename=a.txt\r\n\r\nattached\r\n--mix--\r\nepilogue\r\n",
    ),
    "unknown charset": _mime(
        HEAD + 'Content-Type: text/plain; charset="x-mac-unknown"\n',
        "don\u2019t".encode("cp1252"),
    ),
}


@pytest.mark.parametrize("name", SHAPES)
def test_common_newsletter_shapes_take_the_fast_route(name: str) -> None:
    raw = SHAPES[name]
    fast = assert_same(raw)
    assert fast is not None
    for shape in (raw.replace(b"\r\n", b"\n"),):
        assert assert_same(shape) is not None


def test_the_shapes_decode_to_what_they_say() -> None:
    email = decode_email(SHAPES["multipart/related around an alternative"])
    assert (email.subject, email.sender, email.sender_name) == (
        "Caf\u00e9\u2014 weekly \U0001f680",
        "news@example.com",
        "Caf\u00e9 Weekly",
    )
    assert (email.text, email.html) == (TEXT, HTML)


DECLINED = {
    "forwarded as message/rfc822": _mime(
        "From: Pat <pat@example.com>\nMessage-ID: <outer@x>\n"
        'Content-Type: multipart/mixed; boundary="F"\n',
        b"--F\r\nContent-Type: text/plain\r\n\r\nFYI\r\n"
        b"--F\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: TLDR <dan@tldrnewsletter.com>\r\nSubject: Inner\r\nMessage-ID: <inner@x>\r\n\r\n"
        b"the newsletter\r\n--F--\r\n",
    ),
    "no close boundary": _mime(
        "Message-ID: <c@x>\nContent-Type: multipart/alternative; boundary=B\n",
        b"--B\r\nContent-Type: text/plain\r\n\r\ncut short\r\n",
    ),
    "no blank line after the headers": _mime(
        "Message-ID: <h@x>\nContent-Type: text/plain\n", b""
    ).replace(b"\r\n\r\n", b"\r\nbody without a blank line\r\n"),
    "bare CR in the headers": b"Message-ID: <r@x>\rSubject: hi\r\n\r\nbody\r\n",
    "uuencoded body": _mime(
        "Message-ID: <u@x>\nContent-Transfer-Encoding: x-uuencode\n",
        b"begin 644 a.txt\r\n#86)C\r\n`\r\nend\r\n",
    ),
}


@pytest.mark.parametrize("name", DECLINED)
def test_declined_mail_still_decodes_by_the_stdlib(name: str) -> None:
    raw = DECLINED[name]
    assert decode_email_fast(raw) is None
    assert fields(decode_email(raw)) == fields(decode_email_stdlib(raw))


def test_a_declined_forward_is_read_from_its_attachment() -> None:
    email = decode_email(DECLINED["forwarded as message/rfc822"])
    assert (email.sender, email.subject, email.text) == (
        "dan@tldrnewsletter.com",
        "Inner",
        "the newsletter",
    )
    assert "forwarded as an attachment: parsed the attached message" in email.defects


def test_a_declined_broken_multipart_keeps_its_defect() -> None:
    email = decode_email(DECLINED["no close boundary"])
    assert email.text == "cut short"
    assert any("CloseBoundaryNotFoundDefect" in d for d in email.defects)


def test_many_parts_are_left_to_the_stdlib_and_its_limit() -> None:
    # 70 chains of 7 nested multiparts: over the stdlib route's 500 parts, with its defect.
    chains = b"".join(
        b"--R\r\n"
        + b"".join(
            f'Content-Type: multipart/mixed; boundary="c{i}_{j}z"\r\n\r\n--c{i}_{j}z\r\n'.encode()
            for j in range(7)
        )
        + f"Content-Type: text/plain\r\n\r\npart {i}\r\n".encode()
        + b"".join(f"--c{i}_{j}z--\r\n".encode() for j in reversed(range(7)))
        for i in range(70)
    )
    raw = _mime(
        "Message-ID: <p@x>\nContent-Type: multipart/mixed; boundary=R\n", chains + b"--R--\r\n"
    )
    assert decode_email_fast(raw) is None
    email = assert_same(raw) or decode_email(raw)
    assert "more than 500 MIME parts; the rest were ignored" in email.defects
    assert email.text == "part 0"
