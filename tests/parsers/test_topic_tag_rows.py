"""Rows of topic links under each item's summary ("Architecture Naming", small and set
right, every link into the digest's own tag pages) are neither items nor summary
(``blockshapes.drop_tag_rows``)."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.blockshapes import drop_tag_rows
from parsers.htmlblocks import html_blocks

_SUMMARY = "<p><b>tl;dr</b>: A summary long enough to read as prose, a full sentence or two.</p>"


def _entry(title: str, row: str, *, row_tag: str = "h6") -> str:
    slug = title.lower().replace(" ", "-")
    return (
        f'<h1><a href="https://essays.example/{slug}">{title}</a></h1>'
        f"<p>— Mara Quint</p>{_SUMMARY}<{row_tag}>{row}</{row_tag}>"
    )


def _tag(word: str, site: str = "digest.example") -> str:
    return f'<a href="https://{site}/tags/{word.lower()}"><i>{word}</i></a>'


_TITLES = ("Budgets For Flaky Tests", "Why Indexes Rot", "Caching At The Edge")
_ROWS = (_tag("Testing") + "&nbsp;" + _tag("Process"), _tag("Databases"), _tag("Web"))


def _row_texts(markup: str) -> list[str]:
    blocks = html_blocks(markup)
    drop_tag_rows(blocks)
    return [b.text for b in blocks if b.links and b.level != 1]


def test_heading_rows_are_dropped() -> None:
    markup = "".join(_entry(t, r) for t, r in zip(_TITLES, _ROWS, strict=True))
    assert _row_texts(markup) == []
    items = extract(html_blocks(markup)).items
    assert [(it.title, it.url) for it in items] == [
        (t, f"https://essays.example/{t.lower().replace(' ', '-')}") for t in _TITLES
    ]
    assert all(
        it.blurb == "A summary long enough to read as prose, a full sentence or two."
        for it in items
    )


def test_paragraph_rows_stay() -> None:
    # A paragraph of short links may be a source's label over the next story; only a
    # minor heading is a topic row (a paragraph row closes its summary as a tag tail).
    markup = "".join(_entry(t, r, row_tag="p") for t, r in zip(_TITLES, _ROWS, strict=True))
    assert _row_texts(markup) == ["Testing Process", "Databases", "Web"]


def test_two_rows_stay() -> None:
    markup = "".join(_entry(t, r) for t, r in zip(_TITLES[:2], _ROWS[:2], strict=True))
    assert _row_texts(markup) == ["Testing Process", "Databases"]


def test_rows_on_several_sites_stay() -> None:
    rows = (_tag("Testing", "a.example"), _tag("Databases", "b.example"), _tag("Web", "c.example"))
    markup = "".join(_entry(t, r) for t, r in zip(_TITLES, rows, strict=True))
    assert _row_texts(markup) == ["Testing", "Databases", "Web"]


def test_short_titles_over_their_own_summaries_stay() -> None:
    # One-word links, each over a paragraph of its own: a tools list, not topic rows.
    markup = "".join(
        f"{_SUMMARY}<h5>{_tag(name, 'github.example')}</h5>"
        f"<p>{name} is a small tool that does one job well and is documented in full.</p>"
        for name in ("Kestrel", "Moraine", "Skerry")
    )
    assert _row_texts(markup) == ["Kestrel", "Moraine", "Skerry"]
