"""Rules from the real-email check of developer link weeklies (a Cooperpress weekly, an
Elixir weekly, an SRE weekly): focused cases beside the rd_* fixtures' goldens."""

from __future__ import annotations

from parsers.blockshapes import _emoji_label, _tagged
from parsers.generic import _redirect_hosts, _spelled
from parsers.htmlblocks import Link


def _links(host: str, n: int) -> list[Link]:
    return [Link(f"https://{host}/link/{100 + k}/ab12cd", f"Story number {k}") for k in range(n)]


def test_a_site_every_title_goes_through_is_a_redirect() -> None:
    text = "Story number 0 ( https://example.org/a )\nRead on the Web ( https://weekly.example/issues/9 )"
    links = [
        *_links("weekly.example", 6),
        Link("https://weekly.example/issues/9", "Read on the Web"),
    ]
    assert _redirect_hosts(links, text) == {"weekly.example"}


def test_a_site_whose_addresses_the_text_writes_out_is_no_redirect() -> None:
    links = _links("blog.example", 6)
    text = "\n".join(f"{lk.text}\n{lk.href}" for lk in links[:3])
    assert _redirect_hosts(links, text) == set()
    assert _redirect_hosts(_links("blog.example", 4), "https://x.example") == set()  # too few


def test_words_wrapped_over_lines_before_their_address() -> None:
    wrapped = "Streams Land in the\nStandard Library \n( https://a.example/s ) — more"
    flat = " ".join(wrapped.split())
    assert _spelled(flat, "Streams Land in the Standard Library") == ["https://a.example/s"]
    assert _spelled(flat, "Something else") is None


def test_a_pictograph_opens_a_label_but_a_bullet_glyph_a_line() -> None:
    assert _emoji_label("💻 Jobs")
    assert _emoji_label("📘 Articles, Tutorials and Opinions")
    assert not _emoji_label("🔹 Per-minute billing")
    assert not _emoji_label("🎉 Thanks for reading!")
    assert not _emoji_label("💡 if you like this kind of thing")


def test_a_title_and_its_short_tag() -> None:
    assert _tagged("Authex v0.3.0 released!", "Authex v0.3.0 released! Project update")
    assert not _tagged("Apple", "Apple Project update")  # too short to be a title
    assert not _tagged("A new release is out", "A new release is out. Read it.")
