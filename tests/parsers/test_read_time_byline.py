"""A read time and who shared the link, on one line under the title ("6 minutes, proposé
par Léa Marchand"): the item's read time and author, never a heading of its own."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.metaline import meta_line

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/reading_list_read_time_byline.eml"


def test_read_time_and_sharer_is_a_meta_line() -> None:
    meta = meta_line("6 minutes, proposé par Léa Marchand")
    assert meta is not None
    assert (meta.read_minutes, meta.author) == (6, "Léa Marchand")
    meta = meta_line("5 min, shared by Ben Ito")
    assert meta is not None
    assert (meta.read_minutes, meta.author) == (5, "Ben Ito")
    # An event's date and hosts, or a sentence after a read time, is no meta line.
    assert meta_line("Mardi 5 novembre, proposé par Club Nord et Atelier Sud") is None
    assert meta_line("10 minutes, and then we went home") is None


def test_byline_lines_stay_with_their_titles() -> None:
    items = parse(load_file(FIXTURE)).items
    assert [(i.title, i.url, i.read_minutes, tuple(i.authors)) for i in items] == [
        (
            "One-on-ones That Actually Matter",
            "https://blog.ateliers-nord.example/posts/one-on-ones-that-matter",
            6,
            ("Léa Marchand",),
        ),
        (
            "Des boucles de feedback plus courtes",
            "https://notes.example.org/2025/feedback-loops",
            12,
            ("Hugo Ferrand",),
        ),
        (
            "Hiring Signals You Keep Ignoring",
            "https://www.example.net/articles/hiring-signals",
            9,
            ("Sofia Brun",),
        ),
        (
            "Queues at Scale, Revisited",
            "https://engineering.example.com/queues-at-scale",
            15,
            ("Malik Ourahmoune",),
        ),
        (
            "Dériver sans casser : les schémas qui évoluent",
            "https://www.example.io/posts/schema-drift",
            4,
            ("Inès Caradec",),
        ),
    ]
    assert [i.section for i in items] == ["Management / Carrière"] * 3 + ["Tech / Architecture"] * 2
    assert not items[1].blurb.startswith("12 minutes")
