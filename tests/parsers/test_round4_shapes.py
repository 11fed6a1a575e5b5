"""Shapes added in round 4 of the generic parser, each on a few lines: an issue headline
over its dek, source labels over each title, bylines, plain-text signatures and closes,
and furniture that hides behind opaque trackers."""

from __future__ import annotations

from bot.models import Email
from parsers.blockitems import extract
from parsers.generic import GenericParser
from parsers.htmlblocks import html_blocks
from parsers.plaintext import parse_plain
from parsers.text import byline, is_boilerplate_link


def _extract(markup: str) -> list[tuple[str, str | None, str]]:
    return [(i.title, i.section, i.blurb) for i in extract(html_blocks(markup)).items]


def test_top_headline_over_its_dek_is_not_the_section_of_the_stories() -> None:
    markup = (
        "<h1>Humanoids on the factory floor</h1><p>Plus: a $300M round</p>"
        "<p>Welcome back, builders.</p>"
        "<h2>Humanoids go to work</h2><p>Twelve robots moved from a pilot cell onto a live assembly line.</p>"
        '<p><a href="https://r.example/1">Read the full story</a></p>'
        "<h2>Fieldbot raises $300M</h2><p>The Series C pays for a second factory and vineyard weeding robots.</p>"
        '<p><a href="https://r.example/2">Read the full story</a></p>'
    )
    assert [(t, s) for t, s, _ in _extract(markup)] == [
        ("Humanoids go to work", None),
        ("Fieldbot raises $300M", None),
    ]


def test_a_top_heading_followed_by_items_is_still_a_section() -> None:
    markup = (
        "<h1>Storage</h1>"
        '<h2><a href="https://s.example/1">HNSW vs IVFFlat</a></h2><p>A benchmark.</p>'
        '<h2><a href="https://s.example/2">Bloom filters in Parquet</a></h2><p>How reads skip.</p>'
    )
    assert {s for _, s, _ in _extract(markup)} == {"Storage"}


def _labelled(labels: list[str]) -> str:
    return "".join(
        f"<p>{label}</p>"
        f'<p><a href="https://news.example/{n}">Story number {n} about something</a></p>'
        f"<p>What story {n} says.</p>"
        for n, label in enumerate(labels)
    )


def test_plain_labels_each_over_one_title_are_kickers_not_sections() -> None:
    got = _extract(_labelled(["THE VERGE", "ARS TECHNICA", "BLOOMBERG"]))
    assert [s for _, s, _ in got] == [None, None, None]
    assert got[1][2] == "ARS TECHNICA — What story 1 says."


def test_two_labels_over_one_title_each_stay_sections() -> None:
    got = _extract(_labelled(["CITY HALL", "BUSINESS"]))
    assert [s for _, s, _ in got] == ["CITY HALL", "BUSINESS"]


def test_a_label_over_several_titles_stays_a_section_and_breaks_the_run() -> None:
    markup = _labelled(["WIRED", "NEWS", "BLOOMBERG"]).replace(
        "<p>BLOOMBERG</p>",
        '<p><a href="https://news.example/9">Story number 9 about something</a></p>'
        "<p>What story 9 says.</p><p>BLOOMBERG</p>",
    )
    # "WIRED" (1 item), "NEWS" (2 items), "BLOOMBERG" (1 item): no run of three kickers.
    assert [s for _, s, _ in _extract(markup)] == ["WIRED", "NEWS", "NEWS", "BLOOMBERG"]


def test_byline_fills_authors_and_read_time() -> None:
    assert byline("By Lucía Ferrer and Tom Byrne · 15 min read A PLDI paper.") == (
        ("Lucía Ferrer", "Tom Byrne"),
        15,
        "A PLDI paper.",
    )
    assert byline("By J. Whitfield, A. Okafor — notes") == (
        ("J. Whitfield", "A. Okafor"),
        None,
        "notes",
    )
    # A byline with its date names the authors; the date goes with it (round 5: a post's
    # date is meta, like a feed digest's "LWN.net · 3h ago"). Other words after "on" stay.
    dated = "By Ana Ferreira on Jun 24, 2025 Disks reorder writes."
    assert byline(dated) == (("Ana Ferreira",), None, "Disks reorder writes.")
    topic = "By Ana Ferreira on how disks reorder writes."
    assert byline(topic) == (("Ana Ferreira",), None, topic)


def test_sentences_opening_with_by_are_not_bylines() -> None:
    for text in ["By the way, this is great", "By March Apple will ship", "By Jane Doe. She wrote"]:
        assert byline(text) == ((), None, text)


def test_byline_under_a_heading_link_becomes_the_items_authors() -> None:
    markup = (
        '<h3><a href="https://b.example/post">Borrow checking without lifetimes</a></h3>'
        "<p>By Jane Okonkwo · 12 min read</p><p>A sketch of a borrow checker.</p>"
    )
    (item,) = extract(html_blocks(markup)).items
    assert (item.authors, item.read_minutes, item.blurb) == (
        ("Jane Okonkwo",),
        12,
        "A sketch of a borrow checker.",
    )


def test_plain_text_stops_at_the_signature_and_the_close() -> None:
    text = (
        "Sunday links.\n\n"
        "The slow death of the hyperlink\nhttps://a.example/hyperlink\n\n"
        "Long but worth it.\n\n"
        "See you next Sunday,\nTomasz\n\n"
        "-- \nTomasz Wrona\nhttps://wrona.example\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.blurb) for i in items] == [
        ("The slow death of the hyperlink", "Long but worth it.")
    ]


def test_a_double_dash_inside_a_line_is_not_a_signature() -> None:
    text = "First -- a title\nhttps://a.example/1\n\nSecond title here\nhttps://a.example/2\n"
    items, _, _ = parse_plain(text)
    assert len(items) == 2


def test_open_in_browser_and_bare_network_names_are_furniture() -> None:
    opaque = "https://r.tracker.example/mk/cl/f/abc-7"
    for text in ["Open in browser", "Twitter", "LinkedIn", "X"]:
        assert is_boilerplate_link(text, opaque), text
    for text in ["Twitter's new API pricing", "LinkedIn layoffs hit engineering"]:
        assert not is_boilerplate_link(text, opaque), text


def test_a_pull_quote_after_a_one_paragraph_item_is_not_its_blurb() -> None:
    markup = (
        "<h2>Reading</h2>"
        '<p><strong><a href="https://a.example/fonts">Variable fonts in production</a></strong>'
        " — what a news site learned shipping one font file.</p>"
        '<p><strong><a href="https://b.example/empty">Empty states that help</a></strong>'
        " — twelve examples, graded.</p>"
        "<blockquote><p>“Good design is as little design as possible.” — Dieter Rams</p></blockquote>"
    )
    assert [b for _, _, b in _extract(markup)] == [
        "what a news site learned shipping one font file.",
        "twelve examples, graded.",
    ]


def test_a_quote_inside_a_headed_story_stays_in_it() -> None:
    markup = (
        "<h2>Council freezes ferry fares until next summer</h2>"
        "<p>Councillors voted 9–2 to hold the single fare, funding the gap from parking.</p>"
        "<p>“This keeps the island connected for another year,” the mayor said.</p>"
        '<p><a href="https://ledger.example/ferry">Read the full story</a></p>'
    )
    ((_, _, blurb),) = _extract(markup)
    assert "the mayor said" in blurb


def test_a_rows_first_cell_opens_its_own_item() -> None:
    rows = [
        (
            "Mon 28 Jul, 18:30",
            "https://m.example/js",
            "BristolJS: signals everywhere",
            "Engine Shed",
        ),
        (
            "Tue 29 Jul, 19:00",
            "https://m.example/rust",
            "Rust Bristol: embedded night",
            "Runway East",
        ),
        ("Wed 30 Jul, 18:00", "https://m.example/ai", "AI Bristol: evaluating agents", "Watershed"),
    ]
    markup = (
        "<table>"
        + "".join(
            f'<tr><td>{when}</td><td><a href="{url}">{title}</a></td><td>{where}</td></tr>'
            for when, url, title, where in rows
        )
        + "</table>"
    )
    assert [b for _, _, b in _extract(markup)] == [
        "Mon 28 Jul, 18:30 — Engine Shed",
        "Tue 29 Jul, 19:00 — Runway East",
        "Wed 30 Jul, 18:00 — Watershed",
    ]


def test_a_storys_tag_line_stays_with_it_before_the_next_title_and_byline() -> None:
    story = (
        '<h3><a href="https://c.example/{n}">Compiler story number {n}</a></h3>'
        "<p>By Mei Tanaka · 6 min read</p>"
        "<p>A readable interpreter with a dictionary and enough words to run itself.</p>"
        "<p>#forth #n{n}</p>"
    )
    got = _extract("".join(story.format(n=n) for n in range(3)))
    assert [b.endswith(f"#forth #n{n}") for n, (_, _, b) in enumerate(got)] == [True] * 3


def test_plain_text_title_with_its_link_in_square_brackets() -> None:
    text = (
        "STORAGE\n\n"
        "Iceberg v3 deletion vectors, explained [https://s.example/redirect/2/abc]\n"
        "Row-level deletes without rewriting files.\n\n"
        "Why we moved our warehouse back to Postgres [https://s.example/redirect/2/def]\n"
        "Analytics fit in 200 GB.\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.url, i.blurb) for i in items] == [
        (
            "Iceberg v3 deletion vectors, explained",
            "https://s.example/redirect/2/abc",
            "Row-level deletes without rewriting files.",
        ),
        (
            "Why we moved our warehouse back to Postgres",
            "https://s.example/redirect/2/def",
            "Analytics fit in 200 GB.",
        ),
    ]


def _email(subject: str, text: str) -> Email:
    return Email(
        message_id="<f@x.example>",
        subject=subject,
        sender="me@x.example",
        sender_name="Sam Ortiz",
        text=text,
    )


_FORWARD = (
    "Worth a read.\n\nBegin forwarded message:\n\n"
    "From: Cloud Notes <hello@cloudnotes.example>\nSubject: Cloud Notes #88\n\n"
    "AWS cuts data egress prices by a third\nhttps://aws.example/egress\n\n"
    "D1 gets global read replicas\nhttps://cf.example/d1\n"
)


def test_a_forwarded_newsletter_is_named_by_its_original_sender() -> None:
    result = GenericParser().parse(_email("Fwd: Cloud Notes #88", _FORWARD))
    assert result.newsletter.name == "Cloud Notes"
    assert [i.title for i in result.items] == [
        "AWS cuts data egress prices by a third",
        "D1 gets global read replicas",
    ]


def test_a_forward_header_without_a_fwd_subject_keeps_the_senders_name() -> None:
    # (A subject that is a newsletter's name and number would name it: see
    # test_title_helpers.test_newsletter_name_of_a_person_sending_a_numbered_issue.)
    result = GenericParser().parse(_email("Have a look at this", _FORWARD))
    assert result.newsletter.name == "Sam Ortiz"
