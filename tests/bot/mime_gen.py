"""Hypothesis strategies for raw MIME mail: the shapes newsletters take and the ways they
go wrong (lying or unknown charsets, broken encodings, odd boundaries, folded and encoded
headers, bare CRs, truncation, garbage)."""

from __future__ import annotations

import base64
import quopri

from hypothesis import strategies as st

CHARSETS = (
    "utf-8",
    "UTF-8",
    "utf8",
    "us-ascii",
    "iso-8859-1",
    "latin1",
    "iso-8859-2",
    "windows-1252",
    "koi8-r",
    "shift_jis",
    "gb2312",
    "utf-16",
    "x-unknown",
    "unknown-8bit",
    "idna",
    "hex",
    "rot13",
    "",
)
WORDS = st.sampled_from(
    [
        "TLDR",
        "news",
        "Caf\u00e9",
        "na\u00efve",
        "\u2014",
        "\u201cquoted\u201d",
        "\U0001f680",
        "\u65e5\u672c\u8a9e",
        "\u041f\u0440\u0438\u0432\u0435\u0442",
        "a,b",
        "Jo P.",
        "x=y",
        "?=",
        "=?",
        "_",
        "\t",
        "  ",
        "\x00",
        "\x7f",
        "\u00a0",
        "<b>",
        "&amp;",
    ]
)
TEXT = st.lists(WORDS | st.text(max_size=8), max_size=12).map(" ".join)
EOL = st.sampled_from(["\r\n", "\n"])


def _encode(text: str, charset: str) -> bytes:
    try:
        return text.encode(charset or "utf-8")
    except (LookupError, UnicodeError):
        return text.encode("utf-8")  # a lying or unknown charset


@st.composite
def encoded_word(draw: st.DrawFn) -> str:
    charset = draw(st.sampled_from(CHARSETS))
    raw = _encode(draw(TEXT), charset)
    if draw(st.booleans()):
        body = base64.b64encode(raw).decode()
        if draw(st.integers(0, 5)) == 0:
            body = body.rstrip("=")
        return f"=?{charset}?{draw(st.sampled_from('bB'))}?{body}?="
    body = "".join(chr(b) if chr(b).isalnum() else ("_" if b == 32 else f"={b:02X}") for b in raw)
    return f"=?{charset}?{draw(st.sampled_from('qQ'))}?{body}?="


def header_text() -> st.SearchStrategy[str]:
    """A Subject-like value: plain words, encoded words, folding, raw UTF-8, junk."""
    piece = st.one_of(
        WORDS,
        encoded_word(),
        st.sampled_from(["=?utf-8?q?", "?=", "=?x?y?z?=", "=?utf-8*en?q?a?=", "=?utf-8?q?=ZZ?="]),
    )
    sep = st.sampled_from([" ", "  ", "\t", "", "\r\n ", "\n\t", " \r\n "])
    return st.lists(st.tuples(sep, piece), max_size=8).map(
        lambda parts: "".join(s + p for s, p in parts)
    )


def from_value() -> st.SearchStrategy[str]:
    addr = st.sampled_from(["news@example.com", "Dan@TLDRnewsletter.com", "a.b+c@x-y.org", ""])
    name = st.one_of(
        st.sampled_from(["TLDR AI", "Jo P.", "Caf\u00e9 Weekly", "O'Brien", "a, b", ""]),
        encoded_word(),
        header_text(),
    )
    return st.one_of(
        addr,
        st.builds(lambda n, a: f"{n} <{a}>", name, addr),
        st.builds(lambda n, a: f'"{n}" <{a}>', name, addr),
        st.builds(lambda n, a: f"{a} ({n})", name, addr),
        header_text(),
    )


DATES = st.sampled_from(
    [
        "Thu, 24 Apr 2025 10:02:11 +0000",
        "24 Apr 2025 10:02:11 -0400",
        "Tue, 10 Jun 2025 07:30:00 -0000",
        "Tue, 10 Jun 25 07:30 GMT",
        "not a date",
        "Mon, 99 Foo 99999 99:99:99",
        "",
    ]
)


@st.composite
def top_headers(draw: st.DrawFn) -> list[tuple[str, str]]:
    headers = [
        ("From", draw(from_value())),
        ("Subject", draw(header_text())),
        ("Date", draw(DATES)),
        ("Message-ID", draw(st.sampled_from(["<m1@example.com>", "", " <x@y> ", "=?utf-8?q?x?="]))),
        ("List-Id", draw(header_text())),
        ("X-Mailer", draw(TEXT)),
    ]
    keep = draw(st.lists(st.booleans(), min_size=len(headers), max_size=len(headers)))
    return draw(st.permutations([h for h, k in zip(headers, keep, strict=True) if k]))


def _content_type(draw: st.DrawFn, ctype: str, charset: str | None) -> str:
    value = ctype
    if charset is not None:
        value += draw(
            st.sampled_from(
                [
                    f"; charset={charset}",
                    f'; charset="{charset}"',
                    f";charset={charset.upper()}",
                    f";\r\n\tcharset={charset}",
                    f"; charset*=utf-8''{charset}",
                    f'; format=flowed; charset="{charset}"',
                    f"; charset = {charset} ;",
                ]
            )
        )
    return value


CTES = st.sampled_from(
    ["7bit", "8bit", "quoted-printable", "base64", "Base64", None, "binary", "x-uue", "base64 "]
)


def _body(draw: st.DrawFn, raw: bytes, cte: str | None) -> bytes:
    if cte == "quoted-printable":
        return quopri.encodestring(raw)
    if cte in ("base64", "Base64"):
        text = base64.encodebytes(raw)
        mangle = draw(st.integers(0, 6))
        if mangle == 0:
            text = text.replace(b"=", b"")
        elif mangle == 1:
            text = text[: len(text) // 2] + b"!*" + text[len(text) // 2 :]
        return text
    return raw


@st.composite
def leaf(draw: st.DrawFn) -> list[str | bytes]:
    ctype = draw(
        st.sampled_from(
            ["text/plain", "text/html", "TEXT/HTML", "image/png", "text/calendar", "text", ""]
        )
    )
    charset = draw(st.none() | st.sampled_from(CHARSETS))
    text = draw(TEXT)
    if "html" in ctype.lower():
        text = f"<html><body><p>{text}</p></body></html>"
    cte = draw(CTES)
    lines: list[str | bytes] = []
    if ctype or draw(st.booleans()):
        lines.append(f"Content-Type: {_content_type(draw, ctype, charset)}")
    if cte is not None:
        lines.append(f"Content-Transfer-Encoding: {cte}")
    disposition = draw(st.sampled_from([None, "inline", "attachment", "Attachment; filename=a"]))
    if disposition:
        lines.append(f"Content-Disposition: {disposition}")
    lines.append("")
    lines.append(_body(draw, _encode(text, charset or "utf-8"), cte))
    return lines


BOUNDARIES = st.sampled_from(
    [
        "B",
        "===============1892582612040063377==",
        "b1_tldrai",
        "ck-boundary-57",
        "a b",
        "x'(+_,-./:=?",
    ]
)


@st.composite
def multipart(draw: st.DrawFn, depth: int = 0) -> list[str | bytes]:
    subtype = draw(st.sampled_from(["alternative", "related", "mixed", "digest", "report"]))
    boundary = draw(BOUNDARIES) + (str(depth) if draw(st.integers(0, 9)) else "")
    quoted = draw(st.booleans())
    lines: list[str | bytes] = [
        f"Content-Type: multipart/{subtype};"
        + draw(st.sampled_from([" ", "\r\n\t", ""]))
        + (f'boundary="{boundary}"' if quoted else f"boundary={boundary}")
    ]
    if draw(st.integers(0, 9)) == 0:
        lines.append("Content-Transfer-Encoding: quoted-printable")
    lines.append("")
    if draw(st.booleans()):
        lines.append("This is a multi-part message in MIME format.")
    part = leaf() if depth >= 2 else st.one_of(leaf(), leaf(), multipart(depth + 1))
    if draw(st.integers(0, 15)) == 0:
        part = st.just(["Content-Type: message/rfc822", "", "Subject: inner", "", "hi"])
    for body in draw(st.lists(part, min_size=0, max_size=3)):
        lines.append(f"--{boundary}" + draw(st.sampled_from(["", "", "  "])))
        lines.extend(body)
    if draw(st.integers(0, 9)):
        lines.append(f"--{boundary}--")
    if draw(st.booleans()):
        lines.append("epilogue")
    return lines


@st.composite
def mime_message(draw: st.DrawFn) -> bytes:
    """Raw bytes of one message: headers, a structure, line ends, maybe damage."""
    headers = draw(top_headers())
    body = draw(st.one_of(leaf(), multipart()))
    eol = draw(EOL)
    out = bytearray()
    for name, value in headers:
        line = f"{name}: {value}"
        out += line.encode(draw(st.sampled_from(["utf-8", "latin-1"])), "replace") + b"\n"
    out += b"MIME-Version: 1.0\n"
    for line in body:
        out += (line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n"
    raw = bytes(out)
    if eol == "\r\n":
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    damage = draw(st.integers(0, 9))
    if damage == 0 and raw:
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif damage == 1:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=8)) + raw[at:]
    elif damage == 2:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + b"\r" + raw[at:]
    elif damage == 3:  # line ends that change halfway
        at = draw(st.integers(0, len(raw)))
        head, tail = raw[:at].replace(b"\r\n", b"\n"), raw[at:]
        raw = head + tail if eol == "\r\n" else head.replace(b"\n", b"\r\n") + tail
    return raw
