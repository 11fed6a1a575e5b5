"""Shapes added in round 5 of the generic parser, each on a few lines: feed digests' meta
lines and source names, attribution lines, changelog pills, a post's links section,
plain-text headings over prose, and the buttons that close a blurb."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.models import Email, Item
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_discussion
from parsers.generic import GenericParser
from parsers.htmlblocks import Link, html_blocks
from parsers.metaline import meta_line
from parsers.plaintext import parse_plain
from parsers.text import is_boilerplate_link, is_promo

ISSUED = date(2025, 6, 5)


def _items(markup: str, issued: date | None = ISSUED) -> list[Item]:
    return extract(html_blocks(markup), issued=issued).items


def _post(n: int, meta: str) -> str:
    return (
        f'<h3><a href="https://feed.example/{n}">Post number {n} about queues</a></h3>'
        f"<p>{meta}</p><p>What post {n} says about queues and retries.</p>"
    )


def test_a_feed_digests_meta_line_leaves_the_blurb_and_keeps_the_read_time() -> None:
    items = _items(_post(1, "LWN.net · 3h ago") + _post(2, "Systems Reading · 8 min read"))
    assert [i.blurb for i in items] == [
        "What post 1 says about queues and retries.",
        "What post 2 says about queues and retries.",
    ]
    assert [i.read_minutes for i in items] == [None, 8]


def test_an_absolute_date_is_meta_only_when_it_is_not_after_the_issue() -> None:
    # A post's date (on or before the issue) is meta; an event's date (after it) is news.
    assert meta_line("Julia Evans — Jun 4, 2025", ISSUED) is not None
    assert meta_line("Berlin · Jun 19, 2025", ISSUED) is None
    assert meta_line("Julia Evans — Jun 4, 2025", None) is None
    past = _items(_post(1, "Julia Evans — Jun 4, 2025"))
    future = _items(_post(1, "Julia Evans — Jun 24, 2025"))
    assert past[0].blurb == "What post 1 says about queues and retries."
    assert future[0].blurb.startswith("Julia Evans — Jun 24, 2025")


def test_a_via_line_with_its_date_and_an_author_line_are_meta() -> None:
    assert meta_line("via Julia's blog on Jul 15, 2025 09:12 PM") is not None
    assert meta_line("— Will Larson") == (None, "Will Larson", False)
    # Prose is never a meta line, even with a date in it.
    assert meta_line("The release shipped on Jun 4, 2025 after a long beta.", ISSUED) is None
    item = _items(_post(1, "— Will Larson"))[0]
    assert item.authors == ("Will Larson",)
    assert item.blurb == "What post 1 says about queues and retries."


def test_a_byline_on_its_own_after_the_dek_fills_authors() -> None:
    markup = (
        '<h1><a href="https://s.example/1">The foldable slips again</a></h1>'
        "<p>Suppliers say the crease still shows after 50,000 folds.</p>"
        "<p>By Dana Whitlock · 6 min read</p>"
    )
    item = _items(markup)[0]
    assert (item.authors, item.read_minutes) == (("Dana Whitlock",), 6)
    assert item.blurb == "Suppliers say the crease still shows after 50,000 folds."


def test_a_short_bold_link_over_heading_links_is_the_feeds_section() -> None:
    markup = (
        '<p><b><a href="https://reader.example/feed/lwn">LWN.net</a></b></p>'
        + _post(1, "LWN.net · 3h ago")
        + _post(2, "LWN.net · 5h ago")
    )
    items = _items(markup)
    assert [(i.title, i.section) for i in items] == [
        ("Post number 1 about queues", "LWN.net"),
        ("Post number 2 about queues", "LWN.net"),
    ]


def test_a_bold_title_link_without_a_blurb_stays_an_item() -> None:
    # Two bold title links in a row: the first is as long as the second, no feed name.
    markup = (
        '<p><b><a href="https://l.example/1">Why queues do not fix overload at all</a></b></p>'
        '<p><b><a href="https://l.example/2">The hunt for the sixth busy beaver</a></b></p>'
        "<p>A tour of the machines still unproven.</p>"
    )
    assert [i.section for i in _items(markup)] == [None, None]
    assert len(_items(markup)) == 2


def test_a_via_line_goes_to_the_items_links() -> None:
    markup = (
        '<h3><a href="https://kiriko.example/guestbook">Bring back the guestbook</a></h3>'
        "<p>Forty lines of PHP and a moderation queue that fits in one table.</p>"
        '<p>→ via <a href="https://marginalia.example/log">Marginalia</a></p>'
        '<h3><a href="https://ring.example/">A web ring for handwriting</a></h3>'
        "<p>Scans of handwritten pages, linked in a ring.</p>"
    )
    items = _items(markup)
    assert [i.title for i in items] == ["Bring back the guestbook", "A web ring for handwriting"]
    assert items[0].links == (("via Marginalia", "https://marginalia.example/log"),)
    assert items[0].blurb == "Forty lines of PHP and a moderation queue that fits in one table."


def test_the_site_beside_a_title_is_no_blurb() -> None:
    markup = (
        "<ul>"
        '<li><a href="https://brooker.example/q">Queues do not fix overload</a> (brooker.example)</li>'
        '<li><a href="https://sq.example/j">The JSONB format in SQLite</a> (sqlite.example) '
        "a binary JSON that skips parsing</li>"
        "</ul>"
    )
    assert [i.blurb for i in _items(markup)] == ["", "a binary JSON that skips parsing"]


def _feature(pill: str, name: str, n: int) -> str:
    return (
        f"<p><b>{pill}</b></p><h3>{name}</h3>"
        f"<p>What the {name} feature does for every team, in a sentence or two.</p>"
        f'<p><a href="https://app.example/docs/{n}">Learn more</a></p>'
    )


def test_a_changelog_pill_over_a_heading_is_no_section() -> None:
    markup = _feature("NEW", "Branch previews", 1) + _feature("IMPROVED", "Instant search", 2)
    assert [(i.title, i.section) for i in _items(markup)] == [
        ("Branch previews", None),
        ("Instant search", None),
    ]


def test_a_new_heading_over_list_entries_stays_a_section() -> None:
    markup = (
        "<h2>New</h2><ul>"
        '<li><a href="https://r.example/1">Faster cold starts for every function</a></li>'
        '<li><a href="https://r.example/2">A CLI command to tail the logs</a></li></ul>'
    )
    assert {i.section for i in _items(markup)} == {"New"}


def test_hashtag_section_names_lose_the_hash() -> None:
    markup = '<h2>#Show HN</h2><ul><li><a href="https://g.example/x">Show HN: pgdiff for Postgres</a></li></ul>'
    assert [i.section for i in _items(markup)] == ["Show HN"]


def test_an_ad_does_not_break_a_run_of_kicker_labels() -> None:
    story = (
        "<p>{label}</p><h2>{title}</h2><p>The story about {title} in a sentence.</p>"
        '<p><a href="https://n.example/{n}">Zum Artikel ›</a></p>'
    )
    markup = "".join(
        story.format(label=label, title=f"Story {n} about things", n=n)
        for n, label in enumerate(["SICHERHEIT", "OPEN SOURCE", "KLIMA"])
    ) + (
        "<p>ANZEIGE</p><p><b>Hosting in Frankfurt for your databases</b></p>"
        '<p>Managed Postgres from German data centres. <a href="https://ad.example/">Jetzt testen</a></p>'
    )
    items = _items(markup)
    assert [(i.section, i.sponsor) for i in items] == [(None, False)] * 3 + [(None, True)]
    assert items[1].blurb.startswith("OPEN SOURCE — ")


def test_a_posts_essay_subheadings_are_not_items_when_it_has_a_links_section() -> None:
    post = "https://notes.example/the-dashboard/"
    html = (
        f'<p><a href="{post}">View in browser</a></p><h1><a href="{post}">The dashboard</a></h1>'
        "<h2>Built for the builder</h2><p>The first dashboard is built by the person who "
        'wrote the system; <a href="https://sre.example/ch6">the SRE book</a> agrees.</p>'
        "<h2>Links</h2><ul>"
        '<li><a href="https://danluu.example/metrics">Metrics that lie</a> — averages hiding modes.</li>'
        '<li><a href="https://lethain.example/strategy">Testing a strategy</a> — a checklist.</li>'
        "</ul>"
    )
    email = Email(message_id="<p@x>", subject="The dashboard", sender="n@x.example", html=html)
    items = GenericParser().parse(email).items
    assert [i.title for i in items] == ["Metrics that lie", "Testing a strategy"]


def test_a_bold_short_reddit_title_is_not_a_discussion_link() -> None:
    thread = "https://www.reddit.com/r/rust/comments/1l2x9aa/announcing_rust_1880/"
    assert not is_discussion(Link(thread, "Announcing Rust 1.88.0", bold=True))
    assert is_discussion(Link(thread, "on Reddit"))
    assert is_discussion(Link(thread, "Reddit thread", bold=True))


def test_a_job_posting_under_careers_is_not_furniture() -> None:
    assert not is_boilerplate_link(
        "Data Engineer, Payments", "https://ledgerline.example/careers/data-engineer-2025"
    )
    assert is_boilerplate_link("We are growing", "https://ledgerline.example/careers/")
    assert is_promo("Hiring? Post a job to 38,000 engineers and designers. Post a job for $299")


def test_plain_text_heading_over_prose_ending_in_a_url_titles_it() -> None:
    text = (
        "Tools\n-----\n\n* pg_duckdb 1.0\n  https://github.com/duckdb/pg_duckdb\n  DuckDB inside Postgres.\n\n"
        "[SPONSOR] Crunchy Bridge\n------------------------\n\n"
        "Fully managed Postgres on three clouds with no lock-in:\n"
        "the same extensions and the same psql.\n"
        "https://crunchybridge.example/?utm_source=digest\n"
    )
    items, _, sections = parse_plain(text)
    assert [(i.title, i.section, i.sponsor) for i in items] == [
        ("pg_duckdb 1.0", "Tools", False),
        ("Crunchy Bridge", None, True),
    ]
    assert items[1].blurb.startswith("Fully managed Postgres")
    assert sections == ["Tools"]


def test_plain_text_date_opening_an_event_line_is_its_kicker() -> None:
    text = (
        "Events\n------\n\n* Jun 17 -- PGDay Lowlands, Amsterdam\n  https://pgday.example/l\n"
        "* Tue 24 June · Postgres meetup online\n  https://meetup.example/pg/1\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.blurb) for i in items] == [
        ("PGDay Lowlands, Amsterdam", "Jun 17"),
        ("Postgres meetup online", "Tue 24 June"),
    ]


def test_closing_buttons_leave_the_blurb() -> None:
    assert drop_trailing_cta("Join us on June 19. Save your seat →") == "Join us on June 19."
    assert drop_trailing_cta("Parcelly · Berlin €80k · Full-time Apply →") == (
        "Parcelly · Berlin €80k · Full-time"
    )
    assert drop_trailing_cta("Der Teaser. Zum Artikel ›") == "Der Teaser."
    assert drop_trailing_cta("A short excerpt. Read more in Feedly") == "A short excerpt."
    # An arrow inside prose, or a sentence that only mentions reading more, stays.
    assert drop_trailing_cta("Prices go up → demand goes down") == "Prices go up → demand goes down"
    assert drop_trailing_cta("where you can read more") == "where you can read more"


def test_a_nameless_partner_banner_flags_the_card_under_it() -> None:
    markup = (
        "<p>IN PARTNERSHIP WITH</p>"
        '<p><a href="https://unblocked.example/">Unblocked: answers about your codebase</a></p>'
        "<p>Context-aware answers without interrupting a colleague.</p>"
        '<h3><a href="https://lethain.example/s">How to write an engineering strategy</a></h3>'
        "<p>Diagnosis, policies and operations.</p>"
    )
    assert [i.sponsor for i in _items(markup)] == [True, False]


def test_issue_date_comes_from_the_email_for_meta_lines() -> None:
    html = _post(1, "Julia Evans — Jun 4, 2025") + _post(2, "Julia Evans — Jun 3, 2025")
    email = Email(
        message_id="<d@x>",
        subject="Digest",
        sender="d@x.example",
        html=html,
        date=datetime(2025, 6, 5, 6, 30, tzinfo=UTC),
    )
    blurbs = [i.blurb for i in GenericParser().parse(email).items]
    assert blurbs == [
        "What post 1 says about queues and retries.",
        "What post 2 says about queues and retries.",
    ]
