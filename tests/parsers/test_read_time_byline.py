"""A read time and who shared the link, on one line under the title ("6 minutes, proposé
par Léa Marchand"): the item's read time and author, never a heading of its own."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.metaline import meta_line
from parsers.text import is_promo

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


def test_read_times_in_other_languages() -> None:
    # The read-time words are one set for "8 min read" and "8 Minuten, vorgeschlagen von …":
    # German, Spanish, French, Portuguese and Italian, the number first or after a label.
    for line, minutes in [
        ("Energiewende-Blog · 8 Minuten Lesezeit", 8),
        ("Stromnetz News · Lesezeit: 5 Min.", 5),
        ("Radverkehr heute · 4 Minuten", 4),
        ("Landleben mobil · Lesedauer: 6 Minuten", 6),
        ("Diario Sur · 7 minutos de lectura", 7),
        ("Tiempo de lectura: 5 minutos", 5),
        ("La Gazette · 6 minutes de lecture", 6),
        ("Temps de lecture : 6 min", 6),
        ("Jornal Norte · 5 minutos de leitura", 5),
        ("Il Quotidiano · 4 minuti di lettura", 4),
        ("Reading time: 8 min", 8),
    ]:
        meta = meta_line(line)
        assert meta is not None, line
        assert meta.read_minutes == minutes, line
    # Other units and sentences holding minutes are no read times.
    assert meta_line("Ana Ruiz · 3 hours") is None
    assert meta_line("Berlin · 5 km") is None
    assert meta_line("Wir waren 8 Minuten zu spät.") is None


def test_german_share_ask_is_promotion() -> None:
    assert is_promo("Gefällt Ihnen die Leseliste? Leiten Sie sie weiter – danke!")
    assert is_promo("Leite diesen Newsletter gern weiter.")
    assert is_promo("Empfehlen Sie uns weiter!")
    assert not is_promo("Die Stadt leitet das Wasser weiter in den Fluss.")
    assert not is_promo("Weiterlesen")
