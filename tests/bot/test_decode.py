"""Decode: bytes to Email for every MIME shape and charset, never raising."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import decode_email, load_file, synthetic_message_id
from bot.errors import DecodeError


def _mime(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


def test_multipart_alternative_with_qp_text_and_base64_html() -> None:
    text = "Caf\u00e9 news \u2014 today\n".encode()
    html = "<p>Caf\u00e9 <b>news</b></p>".encode()
    raw = _mime(
        'From: "Caf\u00e9 Weekly" <News@Example.COM>\n'
        "Subject: =?utf-8?q?Caf=C3=A9_weekly?=\n"
        "Date: Tue, 10 Jun 2025 07:30:00 -0400\n"
        "Message-ID: <m1@example.com>\n"
        "List-Id: Cafe Weekly <cafe.example.com>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="BB"\n',
        b"--BB\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + quopri.encodestring(text)
        + b"\r\n--BB\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(html)
        + b"\r\n--BB--\r\n",
    )
    email = decode_email(raw)
    assert email.message_id == "<m1@example.com>"
    assert email.subject == "Caf\u00e9 weekly"
    assert email.sender == "news@example.com"
    assert email.sender_name == "Caf\u00e9 Weekly"
    assert email.list_id == "Cafe Weekly <cafe.example.com>"
    assert email.date is not None
    assert email.date.isoformat() == "2025-06-10T07:30:00-04:00"
    assert email.text == "Caf\u00e9 news \u2014 today\n"
    assert email.html == "<p>Caf\u00e9 <b>news</b></p>"
    assert email.defects == ()


@pytest.mark.parametrize(
    ("charset", "body", "expected", "defect"),
    [
        (
            "iso-8859-2",
            "Za\u017c\u00f3\u0142\u0107".encode("iso-8859-2"),
            "Za\u017c\u00f3\u0142\u0107",
            None,
        ),
        (
            "koi8-r",
            "\u041f\u0440\u0438\u0432\u0435\u0442".encode("koi8-r"),
            "\u041f\u0440\u0438\u0432\u0435\u0442",
            None,
        ),
        ("shift_jis", "\u65e5\u672c\u8a9e".encode("shift_jis"), "\u65e5\u672c\u8a9e", None),
        (
            "x-foo",
            "na\u00efve".encode(),
            "na\u00efve",
            "unknown charset 'x-foo' in text/plain; decoded as utf-8",
        ),
        (
            "x-foo",
            "don\u2019t".encode("cp1252"),
            "don\u2019t",
            "unknown charset 'x-foo' in text/plain; decoded as cp1252",
        ),
        (
            "us-ascii",
            "r\u00e9sum\u00e9".encode(),
            "r\u00e9sum\u00e9",
            "charset 'us-ascii' in text/plain does not match its bytes; decoded as utf-8",
        ),
        (
            "utf-8",
            b"\x81\x8d\x8f\x90\x9d",
            "\x81\x8d\x8f\x90\x9d",
            "charset 'utf-8' in text/plain does not match its bytes; decoded as latin-1",
        ),
        (
            "punycode",
            b"plain words",
            "plain words",
            "unknown charset 'punycode' in text/plain; decoded as utf-8",
        ),
    ],
)
def test_charsets_declared_unknown_and_lying(
    charset: str, body: bytes, expected: str, defect: str | None
) -> None:
    raw = _mime(
        f"Message-ID: <c@x>\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n",
        body,
    )
    email = decode_email(raw)
    assert email.text == expected
    assert (defect in email.defects) if defect else email.defects == ()


def test_missing_message_id_is_synthesised_stably() -> None:
    raw = _mime("Subject: hi\nContent-Type: text/plain\n", b"body")
    first, again = decode_email(raw), decode_email(raw)
    assert first.message_id == again.message_id == synthetic_message_id(raw)
    assert first.message_id.endswith("@gleaner.invalid>")
    assert len(first.message_id) == 50
    assert "no Message-ID; synthesised one from the message bytes" in first.defects
    assert decode_email(raw + b"!").message_id != first.message_id


def test_mime_defects_are_recorded_not_fatal() -> None:
    raw = _mime(
        'Message-ID: <d@x>\nContent-Type: multipart/mixed; boundary="NOPE"\n',
        b"--OTHER\r\nContent-Type: text/plain\r\n\r\nstill here\r\n",
    )
    email = decode_email(raw)
    assert any(
        "NoBoundaryInMultipartDefect" in d or "StartBoundaryNotFoundDefect" in d
        for d in email.defects
    )


def test_bad_base64_and_bad_date_are_defects() -> None:
    raw = _mime(
        "Message-ID: <e@x>\nDate: not a date\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: base64\n",
        b"aGVsbG8gd29ybGQ=!!!*\r\n",
    )
    email = decode_email(raw)
    assert email.date is None
    assert "unreadable Date header 'not a date'" in email.defects
    assert email.text is not None
    assert email.text.startswith("hello world")


def test_mojibake_in_a_body_is_repaired() -> None:
    wrong = "Google\u2019s model \U0001f680 ships".encode().decode("mac_roman")
    raw = _mime("Message-ID: <f@x>\nContent-Type: text/plain; charset=utf-8\n", wrong.encode())
    assert decode_email(raw).text == "Google\u2019s model \U0001f680 ships"


def test_attachments_are_not_bodies() -> None:
    raw = _mime(
        'Message-ID: <g@x>\nContent-Type: multipart/mixed; boundary="B"\n',
        b"--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\nattached\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nthe body\r\n--B--\r\n",
    )
    assert decode_email(raw).text == "the body"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_no_bytes_make_decode_raise(raw: bytes) -> None:
    email = decode_email(raw)
    assert email.message_id


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"Content-Type: multipart/mixed; boundary=x\r\n",
                b"--x\r\n",
                b"--x--\r\n",
                b"\r\n",
                b"Content-Transfer-Encoding: base64\r\n",
                b"Content-Transfer-Encoding: quoted-printable\r\n",
                b'Content-Type: text/html; charset="\xff\xfe"\r\n',
                b"Subject: =?bogus?q?x?=\r\n",
                b"From: <<<@@>>>\r\n",
                b"Date: Mon, 99 Foo 99999 99:99:99\r\n",
                b"=E2=80",
                b"\xc3\x28",
                b"Message-ID: \r\n",
                b"Content-Type: message/rfc822\r\n",
                b"List-Id: \x00\r\n",
            ]
        ),
        max_size=40,
    ).map(b"".join)
)
def test_no_mime_soup_makes_decode_raise(raw: bytes) -> None:
    decode_email(raw)


def test_huge_encoded_header_is_capped() -> None:
    # 50,000 encoded words: the stdlib header registry is quadratic in them.
    email = decode_email(b"Subject: " + b"=?utf-8?q?a?= " * 50_000 + b"\r\n\r\nbody")
    assert email.subject.startswith("aaa")
    assert len(email.subject) < 2000


def test_deeply_nested_multiparts_do_not_recurse_forever() -> None:
    depth = 3000
    head = b"".join(
        f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n".encode()
        for i in range(depth)
    )
    email = decode_email(
        b"Message-ID: <n@x>\r\n" + head + b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    )
    assert email.message_id


def test_load_file_eml_and_header_sniffing(tmp_path: Path) -> None:
    raw = _mime("From: a@b.example\nSubject: Hello\nMessage-ID: <l@x>\n", b"body\r\n")
    (tmp_path / "mail.eml").write_bytes(raw)
    (tmp_path / "mail.txt").write_bytes(raw)  # an email saved with the wrong suffix
    (tmp_path / "mbox.txt").write_bytes(b"From a@b.example Mon Jun  9 10:00:00 2025\n" + raw)
    for name in ("mail.eml", "mail.txt", "mbox.txt"):
        email = load_file(tmp_path / name)
        assert (email.message_id, email.subject, email.sender) == ("<l@x>", "Hello", "a@b.example")


def test_load_file_raw_newsletters(tmp_path: Path) -> None:
    (tmp_path / "issue.md").write_text("\n## Papers for 2025-04-14\n\n| Title |\n")
    (tmp_path / "issue.rst").write_text("The Roundup: May, 2025\n======================\n")
    (tmp_path / "issue.html").write_text(
        "<html><head><title>Weekly &amp; more</title></head><body><h1>x</h1></body></html>"
    )
    (tmp_path / "note.txt").write_bytes("Subject line: caf\u00e9\nmore".encode("cp1252"))
    md = load_file(tmp_path / "issue.md")
    assert (md.subject, md.html) == ("Papers for 2025-04-14", None)
    assert md.text is not None
    assert "| Title |" in md.text
    assert md.message_id == synthetic_message_id((tmp_path / "issue.md").read_bytes())
    assert load_file(tmp_path / "issue.rst").subject == "The Roundup: May, 2025"
    html = load_file(tmp_path / "issue.html")
    assert (html.subject, html.text) == ("Weekly & more", None)
    note = load_file(tmp_path / "note.txt")
    assert note.subject == "Subject line: caf\u00e9"
    assert note.defects == ("no charset in note.txt; decoded as cp1252",)


def test_load_file_missing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match=r"cannot read .*nope\.eml: No such file or directory"):
        load_file(tmp_path / "nope.eml")


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode),
    st.sampled_from([".eml", ".txt", ".md", ".rst", ".html", ""]),
)
def test_no_file_makes_load_file_raise(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("load") / f"issue{suffix}"
    path.write_bytes(raw)
    email = load_file(path)
    assert email.message_id


def _forward(note: str) -> bytes:
    inner = _mime(
        "From: TLDR AI <dan@tldrnewsletter.com>\nSubject: Gemma 3 is out\nMessage-ID: <inner@tldr>\n"
        "List-Id: TLDR AI <ai.tldrnewsletter.com>\nContent-Type: text/plain; charset=utf-8\n",
        b"TLDR AI 2025-03-13\r\n",
    )
    return _mime(
        "From: Pat <pat@example.com>\nSubject: Fwd: Gemma 3 is out\nMessage-ID: <outer@example.com>\n"
        'Content-Type: multipart/mixed; boundary="F"\n',
        b"--F\r\nContent-Type: text/plain\r\n\r\n" + note.encode() + b"\r\n"
        b"--F\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--F--\r\n",
    )


def test_newsletter_forwarded_as_attachment_is_read_from_the_attachment() -> None:
    email = decode_email(_forward("FYI, worth a look."))
    assert (email.message_id, email.sender, email.subject) == (
        "<outer@example.com>",
        "dan@tldrnewsletter.com",
        "Gemma 3 is out",
    )
    assert email.list_id == "TLDR AI <ai.tldrnewsletter.com>"
    assert email.text == "TLDR AI 2025-03-13\n"
    assert "forwarded as an attachment: parsed the attached message" in email.defects


def test_a_long_covering_note_keeps_the_outer_message() -> None:
    email = decode_email(_forward("word " * 200))
    assert email.sender == "pat@example.com"
    assert email.text is not None
    assert email.text.startswith("word word")
