"""Text parts that write each link as a text browser does, "Title ( https://… ) — blurb"
(Cooperpress's weeklies and other tools that render their HTML to text that way)."""

from __future__ import annotations

from bot.models import Email, Item
from bot.normalise import normalise_result
from parsers import parse


def letter_items(text: str) -> list[Item]:
    """The normalised items of a text/plain letter (also used by test_sponsor_marks)."""
    email = Email(
        message_id="<letter@test>",
        subject="Weekly",
        sender="weekly@letters.example",
        sender_name="Weekly",
        list_id="",
        date=None,
        text=text,
        html=None,
    )
    return list(normalise_result(parse(email)).items)


def _items(text: str) -> list[tuple[str, str | None, str | None, bool]]:
    return [(i.title, i.url, i.section, i.sponsor) for i in letter_items(text)]


LETTER = """\
Rust in the Kernel, One Driver at a Time~
( https://kernelnotes.example/rust-driver ) — A walk through the first
driver merged in Rust and what it took.

Mara Holt

Tracing Without Agents: eBPF for the Rest
of Us ( https://probe.example/ebpf-rest ) — Probe traces every
service without a sidecar.

Probe sponsor

Lockless Queues, Explained With Diagrams~
( https://queues.example/lockless ) — Why the compare-and-swap loop
is simpler than it looks.

Ana Ruiz

Scheduling Tail Latency Away~
( https://sched.example/tail ) — Notes from a year of tuning.

Ben Oduya

Thanks to our sponsor

A Filesystem Checker That Finishes Before Lunch~
( https://fsck.example/fast ) — Parallel passes over the inode tables.

Lin Park

📚 Books

Systems Programming, Second Edition~
( https://books.example/systems-2e ) — The revised edition adds
chapters on io_uring.

Books Example
""".replace("~\n", " \n")  # the trailing space the tools leave before "( url )"


def test_a_title_over_its_spaced_parenthesised_link_is_an_item() -> None:
    titles = [(t, u) for t, u, _, _ in _items(LETTER)]
    assert titles == [
        ("Rust in the Kernel, One Driver at a Time", "https://kernelnotes.example/rust-driver"),
        ("Tracing Without Agents: eBPF for the Rest of Us", "https://probe.example/ebpf-rest"),
        ("Lockless Queues, Explained With Diagrams", "https://queues.example/lockless"),
        ("Scheduling Tail Latency Away", "https://sched.example/tail"),
        ("A Filesystem Checker That Finishes Before Lunch", "https://fsck.example/fast"),
        ("Systems Programming, Second Edition", "https://books.example/systems-2e"),
    ]


def test_a_name_and_sponsor_under_an_item_marks_it_sponsored() -> None:
    sponsored = {t for t, _, _, s in _items(LETTER) if s}
    # "Thanks to our sponsor" is no advertiser's label: the item above it stays editorial.
    assert sponsored == {"Tracing Without Agents: eBPF for the Rest of Us"}


def test_bylines_under_items_are_no_sections_but_a_heading_after_one_is() -> None:
    sections = {t: s for t, _, s, _ in _items(LETTER)}
    assert sections["Lockless Queues, Explained With Diagrams"] is None
    assert sections["Scheduling Tail Latency Away"] is None
    assert sections["A Filesystem Checker That Finishes Before Lunch"] is None
    assert sections["Systems Programming, Second Edition"] == "Books"


def test_a_link_inside_a_sentence_stays_in_it() -> None:
    text = LETTER + "\nA Examplepress ( https://examplepress.example/ ) publication.\n"
    assert "https://examplepress.example/" not in {u for _, u, _, _ in _items(text)}
