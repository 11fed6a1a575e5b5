"""Story shapes of briefings, changelogs and event lists, on a few lines each."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.markdown import markdown_blocks
from parsers.plaintext import parse_plain

PROSE = "A paragraph of the story that runs on long enough to read as prose, as stories do. "


def _items(markup: str) -> list[tuple[str, str | None, str | None, bool]]:
    return [(i.title, i.url, i.section, i.sponsor) for i in extract(html_blocks(markup)).items]


def test_labels_and_bullets_inside_a_story_do_not_end_it_before_go_deeper() -> None:
    got = _items(
        "<h1>AI's appetite for power is rewriting utility plans</h1>"
        f'<p>{PROSE}<a href="https://wire.example/coal">per a wire analysis</a>.</p>'
        "<p><strong>Why it matters:</strong> flat demand is gone.</p>"
        "<p><strong>Driving the news:</strong></p>"
        "<ul><li>Two utilities filed plans this week.</li><li>A regulator approved a tariff.</li></ul>"
        '<p><strong>Go deeper:</strong> <a href="https://pulse.example/grid">How data centers ate'
        " the grid</a></p>"
    )
    assert got == [
        (
            "AI's appetite for power is rewriting utility plans",
            "https://pulse.example/grid",
            None,
            False,
        )
    ]


def test_changelog_entries_under_a_release_heading_lead_to_its_release_notes() -> None:
    got = _items(
        "<h2>Major releases</h2><h3>Quiver 2.4</h3>"
        f"<p>{PROSE}</p>"
        '<ul><li><strong>New:</strong> a request recorder (<a href="https://gh.example/q/pull/902">#902</a>)</li>'
        '<li>HTTP/3 on by default (<a href="https://gh.example/q/pull/915">#915</a>)</li></ul>'
        '<p><a href="https://gh.example/q/releases/v2.4.0">Release notes →</a></p>'
        '<h3><a href="https://lumen.example/1-12">Lumen 1.12</a></h3><p>Server components land.</p>'
    )
    assert got == [
        ("Quiver 2.4", "https://gh.example/q/releases/v2.4.0", "Major releases", False),
        ("Lumen 1.12", "https://lumen.example/1-12", "Major releases", False),
    ]


def test_a_bold_label_ending_in_a_colon_is_not_a_title() -> None:
    got = _items(
        '<h3><a href="https://gh.example/t/releases/v3">Tidewater 3.0.0</a></h3>'
        '<ul><li><strong>Breaking:</strong> legacy auth is removed (<a href="https://gh.example/t/pull/4398">#4398</a>)</li></ul>'
    )
    assert [t for t, *_ in got] == ["Tidewater 3.0.0"]


def test_a_small_print_message_from_line_flags_the_story_under_it() -> None:
    got = _items(
        '<h2><a href="https://pulse.example/chips">Export rules tighten on older chips</a></h2>'
        f"<p>{PROSE}</p>"
        "<p>A message from Northwind Cloud</p>"
        "<h1>Your AI bill shouldn't be a surprise</h1>"
        f"<p>{PROSE}</p>"
        '<p><strong>The bottom line:</strong> <a href="https://northwind.example/">See how it works</a>.</p>'
    )
    assert [(t, s) for t, _, _, s in got] == [
        ("Export rules tighten on older chips", False),
        ("Your AI bill shouldn't be a surprise", True),
    ]


def test_a_numbered_section_is_named_without_its_number() -> None:
    got = _items(
        "<p><b>2. Chips</b></p>"
        '<h2><a href="https://pulse.example/chips">Export rules tighten on older chips</a></h2>'
        f"<p>{PROSE}</p>"
    )
    assert got[0][2] == "Chips"


def test_a_bold_date_before_the_link_is_a_kicker_not_the_title() -> None:
    blocks = markdown_blocks(
        "## This week\n\n"
        "**Tue 8 July, 19:00 · Factory**\n[Postgres Meetup #41: partitioning](https://m.example/41)\n"
        "Two talks, then pizza.\n\n"
        "- **15 July** — [PyData Berlin: forecasting](https://m.example/pd) at the office\n"
        "- **22 July** — [Women in Data summer social](https://m.example/wid)\n"
    )
    items = extract(blocks).items
    got = [(i.title, i.url, i.blurb) for i in items[:2]]
    assert [i.title for i in items[2:]] == ["Women in Data summer social"]
    assert got == [
        (
            "Postgres Meetup #41: partitioning",
            "https://m.example/41",
            "Tue 8 July, 19:00 · Factory — Two talks, then pizza.",
        ),
        ("PyData Berlin: forecasting", "https://m.example/pd", "15 July — at the office"),
    ]


def test_a_bold_subject_opening_a_sentence_with_a_link_is_not_a_kicker() -> None:
    got = _items(
        '<ul><li><b>Apple</b> <a href="https://n.example/a">unveiled a cheaper headset</a> today.</li></ul>'
    )
    assert [t for t, *_ in got] != ["unveiled a cheaper headset"]


def test_plain_text_ruled_headings_and_a_sponsor_paragraph_titled_by_its_name() -> None:
    items, _, sections = parse_plain(
        "-- This week's sponsor ------------------\n\n"
        "Tracebox: continuous profiling for every host,\n"
        "no agents to babysit. Free for 10 nodes.\n"
        "<https://tracebox.example/?src=kw>\n\n"
        "-- Kernel -------------------------------\n\n"
        "* io_uring gets zero-copy receive\n"
        "  <https://lwn.example/Articles/1/>\n"
    )
    assert sections == ["This week's sponsor", "Kernel"]
    assert [(i.title, i.section, i.sponsor) for i in items] == [
        ("Tracebox", "This week's sponsor", True),
        ("io_uring gets zero-copy receive", "Kernel", False),
    ]
    assert (
        items[0].blurb
        == "continuous profiling for every host, no agents to babysit. Free for 10 nodes."
    )


def test_a_releases_entries_linking_its_own_project_are_not_items() -> None:
    got = _items(
        '<p><b><a href="https://gh.example/tide/tide/releases/v3">Tidewater 3.0.0</a></b></p>'
        '<ul><li><b>New:</b> <a href="https://gh.example/tide/tide/pull/4420">Faster cold starts for'
        " the WASM runtime</a> (#4420)</li></ul>"
        '<ul><li><a href="https://other.example/post">A post about something else entirely</a></li></ul>'
    )
    assert [t for t, *_ in got] == ["Tidewater 3.0.0", "A post about something else entirely"]


def test_a_run_of_briefs_citing_their_sources_are_items_titled_by_their_sentence() -> None:
    got = _items(
        "<p><b>Catch up quick</b></p>"
        '<p>📱 <b>Apple</b> is testing a cheaper headset for 2026. (<a href="https://b.example/a">Bloomberg</a>)</p>'
        '<p><b>Stripe</b> bought a wallet startup for $1.1 billion. (<a href="https://p.example/s">Pulse</a>)</p>'
    )
    assert got == [
        (
            "Apple is testing a cheaper headset for 2026",
            "https://b.example/a",
            "Catch up quick",
            False,
        ),
        (
            "Stripe bought a wallet startup for $1.1 billion",
            "https://p.example/s",
            "Catch up quick",
            False,
        ),
    ]


def test_a_single_cited_paragraph_inside_a_story_stays_prose() -> None:
    got = _items(
        f"<h2>Export rules tighten on older chips</h2><p>{PROSE}</p>"
        '<p>Two officials confirmed the plan to reporters on Tuesday. (<a href="https://w.example/c">Wire</a>)</p>'
        '<p><a href="https://pulse.example/chips">Read more</a></p>'
    )
    assert [(t, u) for t, u, *_ in got] == [
        ("Export rules tighten on older chips", "https://pulse.example/chips")
    ]


def test_an_ad_without_a_headline_is_titled_by_the_sponsor_its_banner_names() -> None:
    got = extract(
        html_blocks(
            '<ul><li><a href="https://r.example/report">Mature-node capacity, by the numbers</a></li></ul>'
            "<p><b>This episode is brought to you by Ferrule.</b></p>"
            "<p>Ferrule tracks every part in your bill of materials against live stock. "
            '<a href="https://ferrule.example/?ref=sn">Try it free at ferrule.example</a>.</p>'
        )
    )
    assert [(i.title, i.url, i.sponsor) for i in got.items][1:] == [
        ("Ferrule", "https://ferrule.example/?ref=sn", True)
    ]
    assert got.sponsor_name == "Ferrule"


def test_a_rows_number_in_its_own_cell_stays_out_of_the_blurbs() -> None:
    got = extract(
        html_blocks(
            '<table><tr><td>1.</td><td><a href="https://a.example/1">Postgres is enough, even for'
            " queues</a></td></tr><tr><td></td><td>812 points</td></tr>"
            '<tr><td>2.</td><td><a href="https://a.example/2">Scaling laws for sparse autoencoders</a>'
            "</td></tr><tr><td></td><td>455 points</td></tr></table>"
        )
    )
    assert [i.blurb for i in got.items] == ["812 points", "455 points"]


def test_plain_text_hn_thread_line_is_a_discussion_link() -> None:
    items, _, _ = parse_plain(
        "* Why we stopped using Alpine\n  <https://eng.example/alpine>\n"
        "  musl's DNS resolver, again. HN thread:\n  https://news.ycombinator.com/item?id=7\n"
    )
    assert (items[0].blurb, items[0].links) == (
        "musl's DNS resolver, again.",
        (("HN thread", "https://news.ycombinator.com/item?id=7"),),
    )
