"""The block shape tests with fast paths answer as the plain versions they replaced do:
on every block of every parser fixture, and on generated blocks. The references below
are the functions as they were before their pre-checks were added."""

from __future__ import annotations

import functools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import decode_email
from parsers import blockshapes as bs
from parsers import sourceline
from parsers.htmlblocks import Block, Link, html_blocks
from parsers.sourceline import source_line
from parsers.text import (
    has_words,
    is_boilerplate_link,
    is_footer,
    numbered_entry,
    strip_decoration,
    word_count,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"


def _ref_is_heading(block: Block) -> bool:
    long_ok = block.level or (block.bold and block.text[-1:] != ".")
    if len(block.text) > (180 if long_ok else 120) or not has_words(block.text):
        return False
    if bs.content_links(block):
        return False
    if block.text[-1:] == "," and not block.level:
        return False  # the salutation rule (test_builder_mail_furniture.py)
    if block.level or block.bold:
        return True
    if len(block.text) >= 60:
        return False
    letters = [ch for ch in block.text if ch.isalpha()]
    return len(letters) >= 3 and (
        all(ch.isupper() for ch in letters) or bs._emoji_label(block.text)
    )


def _ref_closing_source(blocks: list[Block], start: int) -> Link | None:
    for block in blocks[start : start + 8]:
        if bs.is_heading(block) or is_footer(block.text):
            return None
        if len(block.text) > 80 or not block.links:
            continue
        cited = _ref_dash_cited(block, least=1)
        if cited is not None and not cited[2] and word_count(cited[0]) <= 5:
            return cited[1]
    return None


def _ref_dash_cited(block: Block, least: int = 3) -> tuple[str, Link, str] | None:
    """``_dash_cited`` without its pre-check: the dash is looked for in the stripped text."""
    text = strip_decoration(block.text).rstrip(" .!")
    if len(text) > 500:
        return None
    if max(text.rfind(" - "), text.rfind(" – "), text.rfind(" — ")) < 0:
        return None
    # Past the cut the function is unchanged; a block with a dash takes its one path.
    return bs._dash_cited(block, least)


def _ref_is_listed(block: Block) -> bool:
    return block.in_list or bool(bs._BULLET.match(block.text))


def _ref_is_cta(text: str) -> bool:
    words = bs._button_words(text)
    n = word_count(words)
    if len(words) <= 20 and words.endswith(bs._HERE):
        return True
    if len(words) <= 20 and words.rstrip(" →>›»").endswith(bs._CJK_BUTTONS):
        return True
    return (n <= 4 and (bool(bs._CTA.match(words)) or bs._noun_button(words))) or _ref_see_all(
        words
    )


def _ref_see_all(words: str) -> bool:
    found = bs._SEE_ALL.match(words)
    n = len(words.split())
    if found is None or n > 12:
        return False
    return found.group(2) in ("all", "more") or n <= bs._LATEST_BUTTON_WORDS


def _ref_is_nav(block: Block) -> bool:
    links = [lk for lk in block.links if lk.text]
    if len(links) < 2 or any(len(lk.text) > 30 for lk in links):
        return False
    if len(links) == 2 and (
        block.in_list
        or (
            not any(
                (is_boilerplate_link(lk.text, lk.href) or bs._HANDLE.fullmatch(lk.text))
                and not bs.is_discussion(lk)
                for lk in links
            )
            and not all(_ref_is_cta(lk.text) for lk in links)
        )
    ):
        return False
    covered = sum(len(lk.text.replace(" ", "")) for lk in links)
    return covered >= 0.7 * len(block.text.replace(" ", "").replace("|", ""))


def _ref_is_title_block(block: Block) -> Link | None:
    links = bs.content_links(block)
    if not links:
        return None
    lead = block.lead if any(lk is block.lead for lk in links) else None
    best = lead or max(links, key=lambda lk: len(lk.text))
    number = numbered_entry(block.text) if best is lead else None
    body = block.text[number.end() :] if number else strip_decoration(block.text)
    shortest = 2 if number else 3
    if len(best.text) >= shortest and len(best.text) >= 0.7 * len(body) and has_words(best.text):
        return best
    if best is lead and bs._tagged(best.text, body):
        return best
    return None


def _ref_labelled_link(block: Block) -> Link | None:
    links = bs.content_links(block)
    if block.level or block.in_list or len(links) != 1 or len(block.links) != 1:
        return None
    body = strip_decoration(block.text).rstrip(" .")
    label, colon, rest = body.partition(":")
    words = label.split()
    if not colon or not 1 <= len(words) <= 2 or not all(w.isalpha() for w in words):
        return None
    return links[0] if rest.strip() == strip_decoration(links[0].text) else None


def _ref_bold_lead_item(block: Block) -> tuple[str, Link] | None:
    if bs._LABEL_END.search(block.bold_lead):
        return None
    lead = strip_decoration(block.bold_lead).rstrip(" -–—:|")
    if lead.endswith(".") and not lead.endswith(".."):
        lead = lead[:-1]
    if not (3 <= len(lead) <= 200) or not has_words(lead) or len(block.text) < len(lead) + 20:
        return None
    if not bs.content_links(block):
        return None
    return lead, bs.pick_link(block)


def _ref_source_line(block: Block) -> Link | None:
    if block.level or len(block.text) > 80:
        return None
    links = bs.content_links(block)
    if len(links) != 1 or not sourceline._HOSTNAME.match(links[0].text.strip()):
        return None
    rest = block.text.replace(links[0].text, "", 1)
    return links[0] if sourceline._BESIDE.match(rest) else None


def _same(one: object, two: object) -> bool:
    """Equal answers; a link must be the very same link."""
    if isinstance(one, Link) or isinstance(two, Link):
        return one is two
    if isinstance(one, tuple) and isinstance(two, tuple):
        return len(one) == len(two) and all(_same(a, b) for a, b in zip(one, two, strict=True))
    return one == two


def _check_blocks(blocks: list[Block]) -> None:
    """Every fast path against its reference, on each block (and each start) of a list."""
    for i, block in enumerate(blocks):
        assert bs.is_heading(block) == _ref_is_heading(block), block
        assert bs.is_listed(block) == _ref_is_listed(block), block
        assert bs.is_nav(block) == _ref_is_nav(block), block
        assert bs.is_title_block(block) is _ref_is_title_block(block), block
        assert bs.labelled_link(block) is _ref_labelled_link(block), block
        assert _same(bs.bold_lead_item(block), _ref_bold_lead_item(block)), block
        assert source_line(block) is _ref_source_line(block), block
        for least in (1, 3):
            assert _same(bs._dash_cited(block, least), _ref_dash_cited(block, least)), block
        assert bs.closing_source(blocks, i) is _ref_closing_source(blocks, i), (i, block)
        for lk in block.links:
            assert bs.is_cta(lk.text) == _ref_is_cta(lk.text), lk
        assert bs.is_cta(block.text) == _ref_is_cta(block.text), block


@functools.cache
def _fixture_blocks() -> list[list[Block]]:
    found = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix == ".html":
            markup = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".eml":
            markup = decode_email(path.read_bytes()).html or ""
        else:
            continue
        if markup:
            found.append(html_blocks(markup))
    return found


def test_fixture_blocks_answer_as_before() -> None:
    lists = _fixture_blocks()
    assert len(lists) > 20
    for blocks in lists:
        _check_blocks(blocks)
        # And again after the passes extract() runs first, which clear links.
        bs.drop_table_of_contents(blocks)
        bs.drop_tag_rows(blocks)
        bs.unlink_shared_headings(blocks)
        _check_blocks(blocks)


_PIECES = st.sampled_from(
    ["More", " - ", " – ", " — ", "-", "—", " ", ".", "!", ":", "：", "(", ")", "• ", "· ",
     "▪ ", "TOP STORIES", "Jobs", "💻 ", "🔹 ", "Read more", "See all", "see more posts",
     "こちら", "더보기", "阅读全文", "ⓐ", "Ⓐ", "ſ", "ǅ", "ÉTÉ", "été", "新闻", "Ⅷ", "²", "x" * 30,
     "Hacktoberfest", "Adafruit Blog", "and", ", ", "Twitter", "Source: ", "reuters.com",
     "Link: ", "Home | Archives", "PDF", "\u00a0", "\n"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES | st.text(max_size=6), max_size=10).map("".join)
_HREFS = st.sampled_from(
    ["https://example.com/story", "https://reuters.com/x/1", "http://adafruit.com/blog/2",
     "https://twitter.com/user/status/1316", "https://twitter.com/user", "mailto:a@b.c",
     "https://news.ycombinator.com/item?id=1", "#top", "", "https://medium.com/@ana"]
)  # fmt: skip


@st.composite
def _blocks(draw: st.DrawFn) -> Block:
    text = draw(_TEXTS)
    links = [
        Link(href=draw(_HREFS), text=draw(st.sampled_from([text, text[:12], text[-14:]]) | _TEXTS))
        for _ in range(draw(st.integers(0, 3)))
    ]
    lead = draw(st.sampled_from([None, *links]))
    return Block(
        text=text,
        links=links,
        level=draw(st.sampled_from([0, 0, 0, 2, 5])),
        bold=draw(st.booleans()),
        in_list=draw(st.booleans()),
        lead=lead,
        bold_lead=draw(st.sampled_from(["", text[:10], text[:20]]) | _TEXTS),
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(_blocks(), min_size=1, max_size=6))
def test_generated_blocks_answer_as_before(blocks: list[Block]) -> None:
    _check_blocks(blocks)


@settings(max_examples=800)
@given(_TEXTS)
def test_button_words_answer_as_before(text: str) -> None:
    assert bs.is_cta(text) == _ref_is_cta(text)
    words = text.strip().lower()
    assert bs._see_all(words) == _ref_see_all(words)
    assert bs._capitals_or_label(text) == _ref_capitals_or_label(text)


def _ref_capitals_or_label(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and (all(ch.isupper() for ch in letters) or bs._emoji_label(text))


@st.composite
def _source_lines(draw: st.DrawFn) -> Block:
    """ "More - <a>Hacktoberfest</a>." of every length around the 80-character limit."""
    name = draw(st.sampled_from(["Hacktoberfest", "OSHWA", "Adafruit Blog", "Twitter"]))
    label = draw(st.sampled_from(["More", "See the results", "Read it", ""]))
    pad = "y" * draw(st.integers(0, 90))
    dash = draw(st.sampled_from([" - ", " – ", " — ", " -", "-"]))
    text = f"{label} {pad}{dash}{name}{draw(st.sampled_from(['', '.', '!']))}"
    link = Link(href=draw(_HREFS), text=name)
    return Block(text=text, links=[link], lead=None, bold=draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(st.lists(_source_lines() | _blocks(), min_size=1, max_size=9))
def test_closing_source_answers_as_before(blocks: list[Block]) -> None:
    for i in range(len(blocks)):
        assert bs.closing_source(blocks, i) is _ref_closing_source(blocks, i), i


@settings(max_examples=1500)
@given(
    st.lists(
        st.sampled_from(
            ["https://", "news.", "YCombinator", "ycombinator", "lobste.rs", "LOBSTE.RS",
             "lobste-rs", "lobſte.rs", "Reddit", "reddıt", "redd", "it", ".com/", "item?id=1",
             "/r/rust/comments/", "%2F"]
        )
        | st.text(max_size=5),
        max_size=8,
    ).map("".join)
)  # fmt: skip
def test_thread_hosts_answer_as_the_regex(url: str) -> None:
    assert bs._names_thread_host(url) == (bs._THREAD_HOSTS.search(url) is not None)
