"""format=flowed text/plain (RFC 3676): soft breaks joined, on both decode routes."""

from __future__ import annotations

import pytest

from bot.decode import decode_email, decode_email_stdlib
from bot.decode.flowed import unflow

BODY = (
    "Kernel notes, week 12\r\n"
    "\r\n"
    "A faster scheduler lands in the next release after two years of \r\n"
    "review: https://lists.example/archives/sched-ext/2025-June/msg0001 \r\n"
    "2.html\r\n"
    " From the maintainers: a space-stuffed line.\r\n"
    "> quoted and \r\n"
    "> flowed\r\n"
    "-- \r\n"
    "Signature\r\n"
)


def _mail(params: str) -> bytes:
    head = (
        "From: Notes <notes@kernel.example>\r\nSubject: Kernel notes\r\n"
        "Message-ID: <flowed@kernel.example>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8; {params}\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return (head + BODY).encode()


@pytest.mark.parametrize("decode", [decode_email, decode_email_stdlib])
def test_flowed_delsp_body_is_joined(decode: object) -> None:
    email = decode(_mail("format=flowed; delsp=yes"))  # type: ignore[operator]
    assert email.text == (
        "Kernel notes, week 12\n"
        "\n"
        "A faster scheduler lands in the next release after two years ofreview: "
        "https://lists.example/archives/sched-ext/2025-June/msg00012.html\n"
        "From the maintainers: a space-stuffed line.\n"
        "> quoted andflowed\n"
        "-- \n"
        "Signature\n"
    )


@pytest.mark.parametrize("decode", [decode_email, decode_email_stdlib])
def test_flowed_without_delsp_keeps_the_spaces(decode: object) -> None:
    email = decode(_mail('format="Flowed"'))  # type: ignore[operator]
    assert email.text is not None
    assert "after two years of review: https://lists.example/archives/" in email.text
    assert "msg0001 2.html" in email.text


@pytest.mark.parametrize("decode", [decode_email, decode_email_stdlib])
def test_fixed_text_is_left_alone(decode: object) -> None:
    email = decode(_mail("format=fixed"))  # type: ignore[operator]
    assert email.text == BODY.replace("\r\n", "\n")


def test_unflow_keeps_paragraphs_and_a_trailing_line_end() -> None:
    assert unflow("a \nb\n\nc\n") == "a b\n\nc\n"
    assert unflow("a \nb\n\nc\n", delsp=True) == "ab\n\nc\n"
    assert unflow("no soft breaks\nat all") == "no soft breaks\nat all"
    assert unflow("> one \n>> two\n") == "> one \n>> two\n"  # a quote depth change ends it
