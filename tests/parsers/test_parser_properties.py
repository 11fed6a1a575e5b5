"""No text, HTML or header makes a parser (or the registry) raise or hang."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Email
from bot.normalise import normalise_result
from parsers import PARSERS, parse

_FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<a href='https://e.x/a'>", "<a href=\"/rel\">", "</a>",
    "<h2>", "</h2>", "<h3>", "</h3>", "<strong>", "</strong>", "<b>", "</b>", "<br>", "<ul>",
    "<li>", "</li>", "</ul>", "<table><tr><td>", "</td></tr></table>", "<img alt='x'>",
    "<span style='display:none'>", "</span>", "<!--", "-->", "<script>", "</script>", "&amp;",
    "&#x1F680;", "(5 minute read)", "(Sponsor)", "Sponsored", "Together with ", "Unsubscribe",
    "Title words here", " [1] ", "\n\n", "| Title | Authors |\n|---|---|\n", "`T <https://e.x>`_",
    "\n-----\n", "Links:\n------\n[1] https://e.x/1\n", "https://e.x/p?utm_source=x", "# ", "* ",
    "[T](https://e.x/m)", "TLDR AI 2025-01-01", "\u00a0", "\u200d", "\ud7ff", "\x00",
]  # fmt: skip

soupy = st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=20), max_size=60).map("".join)
texts = st.text(max_size=2000) | soupy
emails = st.builds(
    Email,
    message_id=st.just("<p@x>"),
    subject=st.text(max_size=80) | st.sampled_from(["TLDR", "Papers for 2025-01-01", "Zeitgeist"]),
    sender=st.sampled_from(["", "dan@tldrnewsletter.com", "a@huggingface.co", "x@covar.com", "@"]),
    list_id=st.text(max_size=30),
    text=st.none() | texts,
    html=st.none() | texts,
)


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    """Turns a hang into a failure instead of a stuck suite (not a speed assertion)."""

    def fail(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("parser did not finish")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(emails)
def test_no_email_makes_any_parser_raise(email: Email) -> None:
    for parser in PARSERS:
        parser.match(email)
        result = parser.parse(email)
        assert all(item.title for item in result.items)
        assert [i.position for i in result.items] == list(range(len(result.items)))


@settings(max_examples=150, deadline=None)
@given(emails)
def test_registry_and_normalise_never_raise(email: Email) -> None:
    result = normalise_result(parse(email))
    assert [i.position for i in result.items] == list(range(len(result.items)))
    keys = [i.canonical_url for i in result.items if i.canonical_url]
    assert len(keys) == len(set(keys))


def test_deeply_nested_html_is_capped() -> None:
    html = (
        "<div>" * 200_000
        + "<a href='https://e.x/deep'>Deep link title here</a>"
        + "</div>" * 200_000
    )
    for parser in PARSERS:
        parser.parse(Email(message_id="<n@x>", html=html))


def test_huge_html_is_capped() -> None:
    block = "<h3><a href='https://e.x/{0}'>Story number {0} of the day</a></h3><p>Blurb {0}.</p>"
    html = "".join(block.format(i) for i in range(60_000))  # ~5 MB
    result = parse(Email(message_id="<h@x>", html=html))
    assert 0 < len(result.items) < 60_000


def test_pathological_html_shapes_finish() -> None:
    shapes = [
        "<p>"
        + "".join(f"<a href='https://e.x/{i}'>link text {i}</a> " for i in range(30_000))
        + "</p>",
        "<a href='https://e.x/'>" * 20_000 + "x" + "</a>" * 20_000,
        "<b>" * 50_000 + "title" + "</b>" * 50_000,
        "<br>" * 300_000,
        "<p style='" + "font-weight:bold;" * 100_000 + "'>x</p>",
    ]
    for html in shapes:
        for parser in PARSERS:
            parser.parse(Email(message_id="<t@x>", html=html, subject="TLDR Papers"))


def test_pathological_text_shapes_finish() -> None:
    shapes = [
        "[" * 100_000,
        "`" * 50_000 + "<http://x>`_",
        "| " * 100_000,
        ("A" * 5000 + " [1]\n\n") * 50,
        "-" * 200_000,
        "\n".join("x" * 10 for _ in range(100_000)),
        "(" * 50_000 + "5 minute read" + ")" * 50_000,
        "| Title |\n|---|\n| " + "[a](" * 50_000 + " |\n",
        "Title\n=====\n" + "`a <" * 50_000,
        "https://a.b/" * 50_000,
    ]
    for text in shapes:
        for parser in PARSERS:
            parser.parse(Email(message_id="<t@x>", text=text, subject="TLDR Papers Zeitgeist"))
