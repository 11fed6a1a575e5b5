"""A sponsor shown only as a logo: "In partnership with", then a logo image link, then the
sponsor's card, each in its own block. The card is sponsored; a top banner that is only
a credit (the issue's own stories follow it) flags nothing."""

from __future__ import annotations

from bot.models import Email, ParseResult
from parsers.generic import GenericParser

AD = "https://linearly.example/?utm_source=reads"
PROSE = "<p>" + "A paragraph of the story that runs on long enough to read as prose. " * 2 + "</p>"


def _parse(body: str) -> ParseResult:
    return GenericParser().parse(
        Email(message_id="<t@x>", html=f"<html><body>{body}</body></html>")
    )


def _flags(result: ParseResult) -> list[tuple[str, bool]]:
    return [(i.title, i.sponsor) for i in result.items]


def _logo(href: str = AD, alt: str = "Linearly") -> str:
    return f'<p><a href="{href}"><img src="https://cdn.example/logo.png" alt="{alt}"></a></p>'


STORIES = (
    '<p><a href="https://reads.example/r/1"><b>The staff engineer\'s first 90 days</b></a></p>'
    "<p>Listen first, map the system second, fix one painful thing third.</p>"
    '<p><a href="https://reads.example/r/2"><b>How we cut CI time from 40 minutes to 9</b></a></p>'
    "<p>Test impact analysis and remote caching.</p>"
)


def test_label_logo_then_the_sponsors_card_is_sponsored() -> None:
    got = _parse(
        "<p>In partnership with</p>"
        + _logo()
        + f'<p><a href="{AD}"><b>Plan sprints your engineers will not hate</b></a></p>'
        "<p>Linearly turns roadmaps into cycles.</p>" + STORIES
    )
    assert _flags(got) == [
        ("Plan sprints your engineers will not hate", True),
        ("The staff engineer's first 90 days", False),
        ("How we cut CI time from 40 minutes to 9", False),
    ]
    assert got.newsletter.sponsor_name == "Linearly"


def test_card_on_another_page_of_the_logos_site_behind_a_tracker_is_sponsored() -> None:
    tracked = "https://click.example/c?u=https%3A%2F%2Fwww.linearly.example%2Fcycles"
    got = _parse(
        "<p>Presented by</p>"
        + _logo()
        + f'<p><a href="{tracked}"><b>Plan sprints your engineers will not hate</b></a> — '
        "cycles from your roadmap.</p>" + STORIES
    )
    assert _flags(got)[0] == ("Plan sprints your engineers will not hate", True)


def test_logo_in_the_banners_own_block_then_the_card() -> None:
    got = _parse(
        '<p>Together with <a href="' + AD + '"><img src="l.png" alt="Linearly"></a></p>'
        f'<p><a href="{AD}"><b>Plan sprints your engineers will not hate</b></a></p>'
        "<p>Linearly turns roadmaps into cycles.</p>" + STORIES
    )
    assert _flags(got)[0] == ("Plan sprints your engineers will not hate", True)


def test_a_credit_followed_by_a_headed_story_flags_nothing() -> None:
    # The lead story even links the sponsor's site, but inside its prose: a credit.
    got = _parse(
        "<p>Together with</p>"
        + _logo("https://payagent.example/", "PayAgent")
        + "<h2>What's going on here?</h2>"
        '<p>A payments startup launched <a href="https://payagent.example/launch">virtual cards'
        " that agents can hold</a>, with per-task spending limits and human approval.</p>"
        "<h2>Why should I care?</h2>" + PROSE + STORIES
    )
    assert not any(sponsor for _, sponsor in _flags(got))
    assert got.newsletter.sponsor_name == "PayAgent"


def test_a_credit_followed_by_a_story_on_another_site_flags_nothing() -> None:
    got = _parse("<p>In partnership with</p>" + _logo() + STORIES)
    assert not any(sponsor for _, sponsor in _flags(got))


def test_a_named_credit_then_words_then_a_logo_is_no_card() -> None:
    got = _parse(
        "<p>Together with</p><p>Welcome back, readers.</p>"
        + _logo()
        + f'<p><a href="{AD}"><b>Plan sprints your engineers will not hate</b></a></p>'
        "<p>Linearly turns roadmaps into cycles.</p>" + STORIES
    )
    assert _flags(got)[0] == ("Plan sprints your engineers will not hate", False)


def test_the_same_label_later_in_the_issue_finds_its_own_logo() -> None:
    other = "https://other.example/"
    got = _parse(
        "<p>Together with</p>"
        + _logo(other, "Other")
        + STORIES
        + "<p>Together with</p>"
        + _logo()
        + f'<p><a href="{AD}"><b>Plan sprints your engineers will not hate</b></a></p>'
        "<p>Linearly turns roadmaps into cycles.</p>"
    )
    assert _flags(got) == [
        ("The staff engineer's first 90 days", False),
        ("How we cut CI time from 40 minutes to 9", False),
        ("Plan sprints your engineers will not hate", True),
    ]
    assert got.newsletter.sponsor_name == "Other"


def test_markdown_label_logo_then_card() -> None:
    text = (
        "In partnership with\n\n"
        f"[![Linearly](https://cdn.example/logo.png)]({AD})\n\n"
        f"**[Plan sprints your engineers will not hate]({AD})**\n\n"
        "Linearly turns roadmaps into cycles.\n\n"
        "## Reads\n\n"
        "- [The staff engineer's first 90 days](https://reads.example/r/1) - listen first.\n"
        "- [How we cut CI time to 9 minutes](https://reads.example/r/2) - caching.\n"
    )
    got = GenericParser().parse(Email(message_id="<t@x>", text=text))
    assert _flags(got)[0] == ("Plan sprints your engineers will not hate", True)
    assert got.newsletter.sponsor_name == "Linearly"
