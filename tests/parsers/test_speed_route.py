"""``blockitems.extract``'s fast route gives the answers of every rule run on every block.

A block without links skips the rules that need one of its links (``FAST_ROUTE``), and
``heading_item_link`` asks ``is_promo`` / ``is_footer`` only of the blocks the furniture
word scan found. Both are checked against the full chain (``FAST_ROUTE`` off) on every
fixture, through the parsers and on the fixtures' blocks directly, and on generated block
lists built from the words the rules look for. The helpers given cheaper pre-checks
(``_own_site``, ``_date_link``, ``_listing_heading``, ``_button_caption``, ``brief``,
``partly_linked_heading``) are checked against their code before them.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.decode import decode_email, load_file
from bot.models import Email
from parsers import blockitems, blockshapes, parse
from parsers.blockshapes import is_site_root, same_site
from parsers.htmlblocks import Block, Link, html_blocks
from parsers.text import link_target, squash, strip_decoration
from parsers.wordscan import FURNITURE_WORDS
from tests.parsers.test_speed_links import _alternatives

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"


@contextmanager
def _full_chain() -> Iterator[None]:
    """Every rule of ``extract`` on every block, as before the fast route."""
    blockitems.FAST_ROUTE = False
    try:
        yield
    finally:
        blockitems.FAST_ROUTE = True


def _outcome(call: Callable[[], object]) -> object:
    """The answer, or the error raised (``_date_link`` raises on "Dec ²": int("²") fails)."""
    try:
        return call()
    except ValueError as exc:
        return ("raised", repr(exc))


def _both(blocks: list[Block], skip: tuple[str, ...] = ()) -> tuple[object, object]:
    """``extract`` on two copies of ``blocks`` (it edits them): fast route, full chain."""

    def run() -> object:
        return _outcome(lambda: blockitems.extract(copy.deepcopy(blocks), skip_headings=skip))

    fast = run()
    with _full_chain():
        full = run()
    return fast, full


@functools.cache
def _emails() -> list[tuple[str, Email]]:
    found = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".eml", ".html", ".txt", ".md"):
            email = decode_email(path.read_bytes()) if path.suffix == ".eml" else load_file(path)
            found.append((str(path.relative_to(FIXTURES)), email))
    return found


def test_every_fixture_parses_the_same_without_the_fast_route() -> None:
    emails = _emails()
    assert len(emails) > 100
    for name, email in emails:
        fast = parse(email)
        with _full_chain():
            full = parse(email)
        assert fast == full, name


def test_every_fixtures_blocks_extract_the_same() -> None:
    seen = 0
    for name, email in _emails():
        if not email.html:
            continue
        blocks = html_blocks(email.html)
        skip = tuple(h for h in (email.subject, email.sender_name) if h)
        for names in ((), skip):
            fast, full = _both(blocks, names)
            assert fast == full, (name, names)
        seen += 1
    assert seen > 100


# Words the rules look for, so that generated blocks reach them.
_PIECES = st.sampled_from(
    ["Sponsored", "Together with Acme", "presented by Tallyrun", "By Dana Whitlock",
     "· 6 min read", "(5 min read)", "+ ", "Source: ", "More: ", "via ", "(Reuters)",
     " - ", " — ", "That's all", "Thanks,", "unsubscribe", "Share this", "06 MAI", "Dec 3",
     "&#49;", "&sup2;", "example.com", "Read more", "Learn More", "2、", "1. ", "17 votes",
     "PS", "Poll: ", "Why it matters:", "Jane Doe", "TOP STORIES", "💻 Jobs", "“Quote here”",
     "Promoted by Acme", "A message from Acme", "#rust", "[PDF] arxiv.org", "CRITICAL 9.8",
     "NEW", "Link: ", "DEC", "3", "Hacker Digest #701", "Weekly", "Issue", "and", ", ",
     "The quick brown fox jumps over the lazy dog. ", "x" * 40, ".", ":", "?", "(", ")",
     "•", "\u00a0", "\n", "İ", "ſ", "Read case study (8 mins)", "Watch the talk",
     "New and Updated RFCs"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES | st.text(max_size=5), max_size=8).map("".join)
_HREFS = st.sampled_from(
    ["https://example.com/", "https://example.com/story", "https://example.com/story#s2",
     "https://example.com/p/x#a", "https://reuters.com/x/1", "http://www.acme.io",
     "https://twitter.com/user/status/1316", "https://news.ycombinator.com/item?id=1",
     "https://click.example/l?u=https%3A%2F%2Fexample.com%2F", "mailto:a@b.c", "#top", "",
     "https://medium.com/@ana", "https://exa mple.com/", "https://github.com/o/r/pulls",
     "https://github.com/o/r/issues?q=is%3Aopen", "https://github.com/o/r/labels/T-lang",
     "https://github.com/o/r/pu\tlls", "https://[bad/pulls", "https://ex.com/?q=1",
     "https://ex.com/a/commits/main"]
)  # fmt: skip


@st.composite
def _blocks(draw: st.DrawFn) -> Block:
    text = draw(_TEXTS)
    links = []
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        words = draw(st.sampled_from([text, text[:12], text[-14:]]) | _TEXTS)
        links.append(
            Link(href=draw(_HREFS), text=words, bold=draw(st.booleans()), image_only=False)
        )
    lead = draw(st.sampled_from([None, *links[:1]]))
    return Block(
        text=text,
        links=links,
        level=draw(st.sampled_from([0, 0, 0, 0, 1, 2, 3])),
        bold=draw(st.booleans()),
        in_list=draw(st.booleans()),
        lead=lead,
        bold_lead=draw(st.sampled_from(["", text[:10], text[:20]]) | _TEXTS),
        list_depth=draw(st.sampled_from([0, 0, 1, 2])),
    )


_STORY = "https://example.com/story"
_SKIPS = st.sampled_from([(), ("Hacker Digest #701", "Acme Weekly"), ("TOP STORIES", "Acme")])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_blocks(), min_size=1, max_size=14), _SKIPS)
def test_generated_blocks_extract_the_same(blocks: list[Block], skip: tuple[str, ...]) -> None:
    fast, full = _both(blocks, skip)
    assert fast == full


def _ref_own_site(
    block: Block, link: Link, out: blockitems.Extracted, current: dict[str, object] | None
) -> bool:
    """``_own_site`` before its pre-check: the URL parsed first."""
    if block.in_list or squash(block.text) != squash(link.text) or not is_site_root(link.href):
        return False
    try:
        host = (urlsplit(link_target(link.href)).hostname or "").removeprefix("www.")
    except ValueError:
        return False
    label = squash(link.text).casefold().rstrip("/").removeprefix("https://")
    if not host or label.removeprefix("http://").removeprefix("www.") != host:
        return False
    urls = [it.url for it in out.items if it.url]
    if current is not None:
        urls.append(str(current["url"]))
    return any(same_site(url, link.href) for url in urls)


def _ref_date_link(blocks: list[Block], i: int, link: Link) -> bool:
    """``_date_link`` before its pre-check: every link's words squashed and split."""
    words = squash(link.text).casefold().replace(".", " ").split()
    if (
        len(words) != 2
        or not any(w.isdecimal() and 1 <= int(w) <= 31 for w in words)
        or not any(w in blockitems._LEAF_MONTHS for w in words)
    ):
        return False
    target = link_target(link.href)
    return any(
        lk.text != link.text and not lk.image_only and link_target(lk.href) == target
        for block in blocks[i + 1 : i + 4]
        for lk in block.links
    )


def _ref_brief(block: Block) -> object:
    """``brief`` before its pre-check: ``_dash_cited`` asked of blocks without links too."""
    if block.level or len(block.text) > 300 or not block.text.rstrip(" .").endswith(")"):
        return None if block.level else blockshapes._dash_cited(block)
    return blockshapes.brief(block)


def _ref_listing_heading(blocks: list[Block], i: int, block: Block, link: Link) -> bool:
    """``_listing_heading`` before its pre-check: every heading link's address parsed."""
    if not block.level or squash(link.text) != squash(strip_decoration(block.text)):
        return False
    try:
        parts = urlsplit(link.href)
    except ValueError:  # as _listing_heading since it stopped raising on "https://[bad…"
        return False
    if not (blockitems._LISTING_PATH.search(parts.path) or "q=" in parts.query):
        return False
    for nxt in blocks[i + 1 : i + 4]:
        if blockshapes.is_listed(nxt):
            return True
        if nxt.level:
            return False
    return False


def _ref_button_caption(blocks: list[Block], i: int, link: Link) -> str | None:
    """``_button_caption`` asking whether the block is only its link first."""
    block = blocks[i]
    if block.level or squash(block.text) != squash(link.text):
        return None
    return blockitems._button_caption(blocks, i, link)


def _ref_partly_linked_heading(block: Block) -> Link | None:
    """``partly_linked_heading`` asking for the block's links before its kind."""
    if len(blockshapes.content_links(block)) != 1:
        return None
    return blockshapes.partly_linked_heading(block)


def _same(fast: Callable[..., object], ref: Callable[..., object], *args: object) -> bool:
    """The same answer to ``args``, or the same error (a bracket in an address fails
    urlsplit)."""
    one, two = _outcome(lambda: fast(*args)), _outcome(lambda: ref(*args))
    if isinstance(one, Link | Block) or isinstance(two, Link | Block):
        return one is two
    return one == two


def _own_site(
    block: Block, link: Link, out: blockitems.Extracted, current: dict[str, object] | None
) -> bool:
    return blockitems._own_site(block, link, out, current, squash(link.text))


def _check_helpers(blocks: list[Block]) -> None:
    out = blockitems.Extracted()
    worded = FURNITURE_WORDS.holding([b.text.lower() for b in blocks])
    currents: tuple[dict[str, object] | None, ...] = (None, {"url": _STORY})
    for i, block in enumerate(blocks):
        assert _same(blockshapes.brief, _ref_brief, block), block
        found = blockshapes.partly_linked_heading
        assert _same(found, _ref_partly_linked_heading, block), block
        for lk in block.links:
            assert _same(blockitems._date_link, _ref_date_link, blocks, i, lk), lk
            listing = blockitems._listing_heading
            assert _same(listing, _ref_listing_heading, blocks, i, block, lk), lk
            caption = blockitems._button_caption
            assert _same(caption, _ref_button_caption, blocks, i, lk), lk
            for current in currents:
                assert _same(_own_site, _ref_own_site, block, lk, out, current), (lk, current)
        heading = squash(block.text)
        fast = functools.partial(blockshapes.heading_item_link, worded=worded)
        assert _same(fast, blockshapes.heading_item_link, blocks, i + 1, heading), i


def test_fixture_blocks_helpers_answer_as_before() -> None:
    for _, email in _emails():
        if email.html:
            _check_helpers(html_blocks(email.html))


@settings(max_examples=400, deadline=None)
@given(st.lists(_blocks(), min_size=1, max_size=10))
def test_generated_blocks_helpers_answer_as_before(blocks: list[Block]) -> None:
    _check_helpers(blocks)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["example.com", "www.example.com", "exa mple.com", "x y"]))
def test_own_site_on_addresses(words: str, host: str) -> None:
    """Labels that are, or nearly are, the host of a home page link."""
    for href in (f"https://{host}/", f"http://{host}", f"https://{host}/a"):
        for text in (words, host, f"https://{host}/", f"www.{host}", host.upper()):
            block, link = Block(text=text), Link(href=href, text=text)
            block.links = [link]
            out = blockitems.Extracted()
            current: dict[str, object] = {"url": f"https://{host}/story"}
            fast = blockitems._own_site(block, link, out, current, squash(text))
            assert fast == _ref_own_site(block, link, out, current), (text, href)


def test_date_link_reads_entity_digits() -> None:
    """ "&#49;&#50; DEC" is "12 DEC" once squashed: a date leaf like the others."""
    for words in ("&#49;&#50; DEC", "06 MAI", "Mai six", "Dec 3", "Dec.3", "3\x1cDEC", "3 DEC 4"):
        lead = Link(href="https://example.com/e/1", text=words)
        title = Link(href="https://example.com/e/1", text="Rust meetup")
        blocks = [
            Block(text=words, links=[lead], lead=lead),
            Block(text="Rust meetup", links=[title], lead=title),
        ]
        assert blockitems._date_link(blocks, 0, lead) == _ref_date_link(blocks, 0, lead), words


# The words of every _READ_MORE branch, in several cases, and characters re.I folds
# unlike ``str.lower``.
_READ_PIECES = st.sampled_from(
    ["Read more", "READ THE", "read full", "Continue", "CONTINUA A LEGGERE", "Full Story",
     "source", "Sources", "LinkedIn", "link", "→", "»", "Learn More", "here", "Where",
     "Go deeper", "dig deeper", "Keep reading", "Find out more", "Leggi", "leia mais",
     "Saiba mais", "lees meer", "Verder lezen", "Começar agora", "COMEÇAR JÁ", "comece já",
     "Experimente grátis", "Scopri di più", "inizia ora", "Meer info", "probeer het nu",
     "続きを読む", "記事を読む", "詳しくは", "Czytaj dalej", "PRZECZYTAJ", "Devamını oku",
     "DEVAMI", "devamı", "lire la suite", "Lire l’article", "En savoir plus",
     "Poursuivre la lecture", "ı", "İ", "ſ", "K", " ", ":", "s", "x", "lİnk", "lınk",
     "ſource", "Keep readİng"]
)  # fmt: skip
_READ_TEXTS = st.lists(_READ_PIECES | st.text(max_size=4), max_size=6).map("".join)


@pytest.mark.parametrize("alternative", _alternatives(blockshapes._READ_MORE.pattern))
def test_each_read_more_branch_holds_a_hint(alternative: str) -> None:
    """Every string one branch of _READ_MORE matches passes ``_may_read_more``: the hint
    words are read off the regex's own branches, so a branch added without its hint word
    fails here (the sampled pieces above are a hand-kept list)."""

    @settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(st.from_regex(alternative, fullmatch=True))
    def holds_a_hint(s: str) -> None:
        assert blockshapes._may_read_more(s), s

    holds_a_hint()


def _ref_says_read_more(label: str) -> bool:
    """``_says_read_more`` without its pre-check."""
    for m in blockshapes._READ_MORE.finditer(label):
        before = label[m.start() - 1 : m.start()]
        if before.isascii() and before.isalpha() and m.group()[:1].isalpha():
            continue
        after = label[m.end() : m.end() + 1]
        if after not in ("s", "S") and after.isascii() and after.isalpha():
            continue
        return True
    return False


@settings(max_examples=3000, deadline=None)
@given(_READ_TEXTS)
def test_read_more_words_are_necessary(text: str) -> None:
    if blockshapes._READ_MORE.search(text):
        assert blockshapes._may_read_more(text)
    assert blockshapes._says_read_more(text) == _ref_says_read_more(text)
