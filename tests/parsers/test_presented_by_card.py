"""An issue "presented by" a sponsor, a "Promoted by" line under an entry, and the boxes
between stories that head no section (a note, a quotation and its attribution)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse
from parsers.text import BANNER, PROMOTED_BY

FIXTURE = (
    Path(__file__).parent.parent / "fixtures/parsers/generic/presented_by_card_promoted_note.html"
)


def _items() -> list[tuple[str, str | None, bool, str | None]]:
    result = normalise_result(parse(load_file(FIXTURE)))
    return [(i.title, i.url, i.sponsor, i.section) for i in result.items]


def test_banner_names_the_day_of_the_issue() -> None:
    for line, name in [
        ("Wednesday 3rd March’s issue is presented by Tallyrun", "Tallyrun"),
        ("This week's newsletter is sponsored by Northwind", "Northwind"),
        ("Today’s edition is brought to you by Acme Cloud.", "Acme Cloud"),
    ]:
        m = BANNER.match(line)
        assert m is not None, line
        assert m.group(1) == name, line
    assert BANNER.match("Monday's issue was late: sorry") is None


def test_promoted_by_names_the_sponsor() -> None:
    m = PROMOTED_BY.match("Promoted by Tallyrun")
    assert m is not None
    assert m.group(1) == "Tallyrun"
    assert (
        PROMOTED_BY.match("Promoted by the team to staff engineer, she rewrote the queue") is None
    )


def test_sponsor_card_button_promoted_entry_and_boxes() -> None:
    assert _items() == [
        # The card under the banner names the sponsor at once: its ad. Its button, a
        # heading linking the same address, is neither an item nor a section.
        (
            "Ship Audit Logs Without Building Them",
            "https://tallyrun.example/?utm_source=sift",
            True,
            None,
        ),
        ("Why Queues Beat Cron Jobs", "https://blog.example/queues", False, None),
        # "Promoted by Tallyrun" under the summary: the sponsor's entry, no blurb words.
        ("Code Review Without Ego", "https://blog.example/reviews", True, None),
        # The quotation, its "— Kent Beck" and the "Editor's Note" box name no section.
        ("Profiling Before Guessing", "https://blog.example/profiling", False, None),
        ("Naming Things in Large Codebases", "https://blog.example/naming", False, None),
        ("Taming Flaky Tests", "https://blog.example/flaky", False, None),
    ]
    golden = json.loads(FIXTURE.with_name(FIXTURE.name + ".expected.json").read_text())
    assert golden["newsletter"]["sponsor_name"] == "Tallyrun"
    assert "Promoted" not in golden["items"][2]["blurb"]
    # The ad's button, a heading over nothing but its own link, adds no words to it.
    assert golden["items"][0]["blurb"].endswith("keep the logs for seven years.")
