"""Shapes added in round 7 of the generic parser, each on a few lines: talk recordings
under speaker lines, one-paragraph stories over a "→ site.com" line, bold tags over each
story, dated changelog headings, a subject's first part heading a section, an article
sent as the issue, cards that look like table rows, mailing-list digests, GitHub and
LinkedIn profile links, and Korean and Chinese furniture."""

from __future__ import annotations

from datetime import date

from bot.models import Email, Item
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_cta, is_listing_button
from parsers.generic import GenericParser
from parsers.htmlblocks import html_blocks
from parsers.listdigest import list_digest
from parsers.plaintext import parse_plain
from parsers.sourceline import lead_sentence
from parsers.text import SPONSOR_TAG, is_boilerplate_link, is_footer


def _items(markup: str, skip: tuple[str, ...] = (), issued: date | None = None) -> list[Item]:
    blocks = html_blocks(f"<html><body>{markup}</body></html>")
    return extract(blocks, skip_headings=skip, issued=issued).items


def _talk(title: str, video: str) -> str:
    return (
        f"<p>10:15 · Room B</p><h3>{title}</h3><p><em>Amara Okafor</em></p>"
        "<p>A tour of the typing gaps that remain and the patterns that keep code checkable.</p>"
        f'<p><a href="https://video.example/watch?v={video}">▶ Watch recording</a></p>'
    )


def test_a_talk_heading_over_a_speaker_line_takes_its_watch_recording_button() -> None:
    items = _items(
        "<h2>Room B</h2>" + _talk("Typing pandas", "a1") + _talk("Teaching nurses", "b2")
    )
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Typing pandas", "https://video.example/watch?v=a1", "Room B"),
        ("Teaching nurses", "https://video.example/watch?v=b2", "Room B"),
    ]
    # The story ends at its button: neither the button nor what follows is its summary.
    assert all(i.blurb.endswith("keep code checkable.") for i in items)
    assert is_cta("Watch recording")
    assert is_cta("Watch the replay")
    assert not is_cta("Watchdog timers in Rust")


def test_a_short_line_under_a_heading_without_a_button_still_makes_it_a_section() -> None:
    # "## Tools", a short line, then list entries of links: a section over them, as before.
    items = _items(
        "<h2>Tools</h2><p>Picked by Ana</p><ul>"
        '<li><a href="https://a.example/tool">Tallyho 2.0</a> counts your requests per route.</li>'
        '<li><a href="https://b.example/tool">Quillpen 1.4</a> formats your SQL files.</li></ul>'
    )
    assert [(i.title, i.section) for i in items] == [
        ("Tallyho 2.0", "Tools"),
        ("Quillpen 1.4", "Tools"),
    ]


def test_a_paragraph_over_an_arrow_and_a_site_link_is_a_story_titled_by_its_sentence() -> None:
    story = (
        "<p>Valve shipped a Linux scheduler patch that cuts frame-time spikes. The change "
        "lets the kernel prefer the cores that share a cache with the game's main thread.</p>"
        '<p>→ <a href="https://phoronix.example/news/valve">phoronix.example</a></p>'
    )
    items = _items(story)
    assert [(i.title, i.url) for i in items] == [
        (
            "Valve shipped a Linux scheduler patch that cuts frame-time spikes",
            "https://phoronix.example/news/valve",
        )
    ]
    assert items[0].blurb.startswith("The change lets the kernel")
    # Under a heading that titles the story, the paragraph is its blurb, not a story.
    headed = _items("<h3>Scheduler patch</h3>" + story)
    assert [i.title for i in headed] == ["Scheduler patch"]


def test_a_first_sentence_splits_after_a_lower_case_word_only() -> None:
    assert lead_sentence(
        "The U.S. regulator fined two brokers for hiding fees. It said more was coming soon."
    ) == (
        "The U.S. regulator fined two brokers for hiding fees",
        "It said more was coming soon.",
    )
    assert lead_sentence("Too short to be a story.") is None


def test_bold_tags_over_each_story_under_a_heading_leave_the_heading_as_section() -> None:
    def card(tag: str, n: int) -> str:
        return (
            f"<p><b>{tag}</b></p>"
            f'<h3><a href="https://news.example/{n}">Story number {n} about things</a></h3>'
            f"<p>What happened in story {n}, in a sentence or two of summary text.</p>"
        )

    items = _items("<h2>This week</h2>" + card("AI", 1) + card("Dev", 2) + card("Career", 3))
    assert [(i.section, i.blurb[:4]) for i in items] == [
        ("This week", "AI —"),
        ("This week", "Dev "),
        ("This week", "Care"),
    ]
    # Bold labels over several stories each are sections.
    two = card("AI", 1) + card("AI", 4).replace("<p><b>AI</b></p>", "")
    items = _items("<h2>This week</h2>" + two + card("Dev", 2) + card("Dev", 5)[15:])
    assert [i.section for i in items] == ["AI", "AI", "Dev", "Dev"]


def test_dated_headings_over_feature_headings_name_the_features_section() -> None:
    def feature(n: int) -> str:
        return (
            f"<h3>Feature {n} arrives</h3><p>Feature {n} does something useful for every team.</p>"
            f'<p><a href="https://app.example/help/{n}">Learn more →</a></p>'
        )

    items = _items(
        "<h2>October 9, 2025</h2>" + feature(1) + "<h2>September 25, 2025</h2>" + feature(2)
    )
    assert [(i.title, i.section) for i in items] == [
        ("Feature 1 arrives", "October 9, 2025"),
        ("Feature 2 arrives", "September 25, 2025"),
    ]
    # One dated heading alone only dates the issue.
    assert [i.section for i in _items("<h2>October 9, 2025</h2>" + feature(1))] == [None]


def test_a_see_all_button_after_a_heading_and_bullets_is_not_its_link() -> None:
    items = _items(
        "<h3>Fixes and improvements</h3><ul><li>Pasting a table keeps widths</li></ul>"
        '<p><a href="https://app.example/releases">See all releases</a></p>'
    )
    assert items == []


def test_a_subject_prefix_heading_with_a_peer_section_heading_is_a_section() -> None:
    def question(n: int) -> str:
        return (
            f"<p>{n} votes</p>"
            f'<p><a href="https://qa.example/questions/{n}/q">Why does thing {n} fail?</a></p>'
            f"<p>I tried everything for thing {n} and it still fails on every run.</p>"
        )

    markup = (
        "<h2>Top new questions this week</h2>"
        + question(1)
        + "<h2>Greatest hits</h2>"
        + question(2)
    )
    subject = "Top new questions this week: Why does thing 1 fail?"
    skip = (subject, "QA Site", "Top new questions this week")
    assert [i.section for i in _items(markup, skip)] == [
        "Top new questions this week",
        "Greatest hits",
    ]
    # The whole subject as a heading stays the issue's title.
    whole = markup.replace("Top new questions this week</h2>", f"{subject}</h2>", 1)
    assert [i.section for i in _items(whole, skip)] == [None, "Greatest hits"]


def test_cards_of_a_title_and_two_short_lines_keep_their_own_lines() -> None:
    def card(n: int) -> str:
        return (
            f'<p><a href="https://site.example/pulse/post-{n}"><b>Post number {n} here</b></a></p>'
            f"<p>Sep {n}, 2025</p><p>{n}4 reactions · {n} comments</p>"
        )

    markup = "<h2>More from this newsletter</h2>" + card(1) + card(2) + card(3)
    items = _items(markup, issued=date(2025, 10, 13))
    assert [i.blurb for i in items] == [
        "14 reactions · 1 comments",
        "24 reactions · 2 comments",
        "34 reactions · 3 comments",
    ]


_DIGEST = """Today's Topics:

   1. CFP: Workshop on Tokens (Ana Ruiz)
   2. Re: Old Norse tokenizer (Bo Li)

----------------------------------------------------------------------

Message: 1
Date: Mon, 13 Oct 2025 09:14:22 +0000
From: Ana Ruiz <ana@uni.example>
Subject: [Corpora-List] CFP: Workshop on
\tTokens
Message-ID: <a1@uni.example>

Dear colleagues,

We invite papers on tokenisation for historical languages.

Details: https://tokens.example/cfp

Best regards,
Ana
https://ana.example/

------------------------------

Message: 2
Date: Mon, 13 Oct 2025 10:00:00 +0000
From: Bo Li <bo@uni.example>
Subject: Re: [Corpora-List] Old Norse tokenizer
Message-ID: <b2@uni.example>

See https://rules.example/norse for our rules.

------------------------------

Subject: Digest Footer

https://list.example/mailman/listinfo/corpora

------------------------------
"""


def test_a_mailing_list_digest_gives_its_linked_posts_not_replies_or_footers() -> None:
    items = list_digest(_DIGEST)
    assert items is not None
    assert [(i.title, i.url, i.authors) for i in items] == [
        ("CFP: Workshop on Tokens", "https://tokens.example/cfp", ("Ana Ruiz",))
    ]
    assert items[0].blurb == "We invite papers on tokenisation for historical languages."
    assert parse_plain(_DIGEST)[0] == items
    assert list_digest("Message: 1 is that we ship on Friday.\nSubject: none") is None
    # "Message: N" lines without a post's headers under them are no digest.
    notes = "Message: 1\nShip it.\n\nMessage: 2\nSubject: lines like this one\n"
    assert list_digest(notes) is None


def test_profile_and_newsletter_pages_are_furniture_posts_are_not() -> None:
    assert is_boilerplate_link("@mfisher", "https://github.com/mfisher?email_token=x")
    assert not is_boilerplate_link("Fix the tombstone iterator", "https://github.com/o/r/pull/2233")
    assert is_boilerplate_link("Priya Deshmukh", "https://www.linkedin.com/comm/in/priya/?lipi=u")
    assert is_boilerplate_link(
        "Platform Notes", "https://www.linkedin.com/comm/newsletters/pn-708/"
    )
    assert not is_boilerplate_link(
        "Golden paths don't stay golden", "https://www.linkedin.com/pulse/golden-paths-x7k/"
    )


def test_an_article_sent_as_the_issue_over_more_from_cards_is_the_lead_item() -> None:
    def card(n: int) -> str:
        return f'<p><a href="https://site.example/pulse/other-{n}">Another article number {n}</a></p><p>Sep {n}, 2025</p>'

    html = (
        '<h1><a href="https://site.example/pulse/lead-article">Why platform teams need PMs</a></h1>'
        "<p>Platform teams build for internal customers who cannot churn, which is exactly why they drift.</p>"
        "<h2>More from this newsletter</h2>" + card(1) + card(2)
    )
    email = Email(
        message_id="<l@x>", subject="Why platform teams need PMs", sender="a@x.example", html=html
    )
    items = GenericParser().parse(email).items  # the lead item is added there
    assert [i.title for i in items] == [
        "Why platform teams need PMs",
        "Another article number 1",
        "Another article number 2",
    ]
    assert [i.position for i in items] == [0, 1, 2]


def test_korean_and_chinese_furniture_buttons_ads_and_footers() -> None:
    assert is_boilerplate_link("웹에서 보기", "https://stibee.example/v/1")
    assert is_boilerplate_link("在浏览器中查看", "https://mp.example/s/1")
    assert is_cta("더보기 →")
    assert is_cta("阅读全文")
    assert is_listing_button("지난 뉴스레터 전체 보기")
    assert not is_cta("오픈소스 LLM, 이제 노트북에서도 충분하다")
    assert SPONSOR_TAG.match("광고")
    assert SPONSOR_TAG.match("广告")
    assert is_footer("더 이상 받고 싶지 않으시면 수신거부를 눌러 주세요.")
    assert is_footer("如不想再收到此邮件，请点击退订。")
    assert drop_trailing_cta("답을 모았습니다. 더보기 →") == "답을 모았습니다."
    assert drop_trailing_cta("这是摘要。阅读全文") == "这是摘要。"


def test_long_runs_of_the_new_shapes_stay_linear_and_never_recurse_deeply() -> None:
    # A heading over thousands of short lines looks past one line only (no deep
    # recursion); cards remember their run's answer instead of looking back each time.
    lines = "<h3>Talk</h3>" + "<p>x y</p>" * 5000
    assert _items(lines) == []
    card = '<p><a href="https://s.example/p{0}"><b>Post {0} title here</b></a></p><p>Sep 1</p><p>4 likes</p>'
    items = _items("<h2>More</h2>" + "".join(card.format(n) for n in range(3000)))
    assert len(items) == 3000
    assert items[-1].blurb == "Sep 1 4 likes"
