"""Shape tests on reading-order blocks: is this block a title link, a lead link, a
heading, navigation, a table of contents? Used by ``blockitems.extract``."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import pairwise
from urllib.parse import urlsplit

from parsers.htmlblocks import Block, Link
from parsers.text import (
    ODD_FOLDS,
    SPONSOR_SECTION,
    byline,
    cjk_chars,
    has_words,
    is_boilerplate_link,
    is_dateline,
    is_footer,
    is_promo,
    link_target,
    numbered_entry,
    squash,
    strip_decoration,
    word_count,
    words_automaton,
)

# "//github" after a title: Hacker Newsletter's site tag.
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|•·]|//|\.\s|\(|,)")
# Italian, Portuguese, Dutch and Japanese buttons: read-more links (``_READ_MORE``) and
# calls to action (``_CTA``) alike.
_ABROAD_BUTTONS = (
    r"|leggi|continua a leggere|leia mais|saiba mais|continue lendo|lees (meer|verder)|verder lezen"
    r"|ler (mais|o post|o artigo|a matéria)"
    r"|começar (agora|já)|comece (agora|já)|experimente (grátis|agora)|scopri (di più|come)"
    r"|inizia (ora|subito)|meer (info|informatie)|probeer (het )?(gratis|nu)"
    r"|続きを読む|記事を読む|詳しくは"
)
_READ_MORE = re.compile(
    r"read (more|the|full)|continue"
    r"|read (our|this|my) (full |whole |latest )?(story|piece|article|report|essay|feature|review)"
    r"|full (story|article)|source|link|→|»|›|learn more|here"
    r"|go deeper|dig deeper|keep reading|find out more"
    + _ABROAD_BUTTONS
    # Polish, Turkish.
    + r"|czytaj (dalej|więcej)|przeczytaj|devamını oku|devamı"
    # Swedish, Ukrainian, Arabic ("اقرأ المزيد ←": the arrow points left).
    r"|läs (mer|vidare|hela)|читати (далі|більше|повністю)|детальніше|اقرأ (المزيد|المقال)"
    r"|تابع القراءة"
    # French.
    r"|lire la suite|lire l['’]article|en savoir plus|poursuivre la lecture",
    re.I,
)
# A word each _READ_MORE branch holds, in lower case: a text whose lower case holds none
# cannot match. (Under re.I "ı" also matches "i", so "devamı" is looked for as "devam";
# "İ", "ı" and "ſ", which ``str.lower`` leaves unlike re.I, send a text to the regex.)
_READ_MORE_HINTS = words_automaton(
    ["read ", "continu", "full ", "source", "link", "→", "»", "›", "learn more", "here",
     "go deeper", "dig deeper", "keep reading", "find out more", "leggi", "leia mais", "ler ",
     "saiba mais", "lees ", "verder lezen", "começ", "comece", "experimente", "scopri",
     "inizia", "meer ", "probeer", "続きを読む", "記事を読む", "詳しくは", "czytaj", "devam",
     "lire l", "en savoir plus", "poursuivre la lecture", "läs ", "читати", "детальніше",
     "اقرأ", "تابع القراءة"]
)  # fmt: skip


def _may_read_more(text: str) -> bool:
    """A necessary condition of ``_READ_MORE.search(text)``: one automaton pass over the
    lower-cased text instead of the regex trying each of its branches at every position."""
    if any(c in text for c in ODD_FOLDS):
        return True
    return next(_READ_MORE_HINTS.iter(text.lower()), None) is not None


# Button and secondary-link wording: "Read more →", "Book a demo", "GitHub repo",
# "comments". Such a link belongs to the item before it and is never a title itself.
_CTA = re.compile(
    r"^(read|continue|learn more|see (more|the|all)|view|watch (now|here|the|recording|replay|video|on)|listen|try\b"
    r"|book (a|your)|get (started|it|the)|start (free|now|here|today)|download (now|it|the)"
    r"|register|enroll|join (now|us|free)|click|full (story|article|report|text)"
    # An event's buttons: "Add to calendar", "Zoom link", "Join on Zoom".
    r"|add to|zoom link|join (on |via )?zoom|join (the )?(meeting|webinar|call|livestream)"
    # A ticket or sign-up button in an event's row: "Tickets", "Inscreva-se", "Entradas".
    r"|(get |buy |book )?tickets?$|inscreva-se|inscrições|iscriviti|prenota|entradas$"
    r"|billets?$|billetterie|réserver"
    r"|save (my|your|a) (free )?(seat|spot|place)|start (your|a) free trial|save( it| this| for later| to \w+)?$|bookmark( it| this)?$|reserve|claim|grab|shop|buy|order|upgrade|install"
    r"|explore|discover|check (it )?out|rsvp|request (a|access|an)|get (a|an|my|your|access|early)"
    r"|learn (how|about|what|why)|see (how|what|why)"
    r"|leave (us )?an? (review|rating|comment)|rate (us|this)|write (us )?a review"
    r"|forward (this|it)|share (this|it)|open (the|our|your) (community|forum|app|dashboard|inbox)"
    + _ABROAD_BUTTONS
    + r"|читать (?:далее|дальше|полностью|статью)|подробнее|попробовать|להמשך קריאה|קר(?:או|א) עוד"
    r"|לכתבה המלאה|להאזנה|להרשמה"
    r"|czytaj (dalej|więcej)|przeczytaj|sprawdź|zobacz|devamını oku|devamı|incele|hemen"
    r"|läs (mer|vidare|hela)|anmäl dig|читати (далі|більше|повністю)|детальніше"
    r"|зареєструватися|اقرأ (المزيد|المقال)|تابع القراءة|سجّ?ل الآن|اشترك الآن"
    r"|lire (la suite|l['’]article|plus)|en savoir plus|je m['’]inscris|inscrivez-vous"
    r"|(voir|découvrir|découvrez) (plus|l['’]article|la vidéo|le replay)"
    # German and Spanish buttons ("Jetzt kaufen", "Mehr erfahren", "Zum Artikel", "Leer más").
    r"|jetzt (\w+ )?(kaufen|bestellen|buchen|sichern|anmelden|registrieren|lesen|ansehen"
    r"|anhören|entdecken|testen|spenden|abonnieren|herunterladen|teilnehmen|mitmachen)"
    r"|mehr (erfahren|lesen|dazu|infos?|informationen)|(hier )?weiter ?lesen|hier (klicken|lesen)"
    r"|zu[mr] (ganzen |vollständigen )?(artikel|beitrag|video|interview|podcast|shop|angebot"
    r"|anmeldung|registrierung|aufzeichnung|veranstaltung|text)|tickets? (kaufen|sichern|bestellen)"
    r"|leer (más|el artículo|la nota)|seguir leyendo|ver más|más información|saber más"
    r"|compra(r)? (ya|ahora|aquí)|inscríbete|regístrate|reserva (ya|ahora|tu))\b"
    # A search result's side link to its file: "[PDF] arxiv.org", "[HTML] acm.org".
    r"|^\[(pdf|html|doc|docx|ps|epub)\]"
)
_LABEL_END = re.compile(r"[:：]\s*$")
# A secondary link named for what it opens ("Code", "[PDF]", "Paper (arXiv)", "GitHub
# repo", "Project page", "More →"): a button only when every word is such a word, so
# "Code as Policies" or "Video Prediction Policy" stay titles.
_NOUN_BUTTONS = frozenset(
    ["source", "link", "here", "more", "demo", "code", "paper", "pdf", "video", "slides",
     "website", "discussion", "comment", "comments", "thread", "repo", "repository", "github",
     "gitlab", "arxiv", "project"]
)  # fmt: skip
_BUTTON_WORDS = _NOUN_BUTTONS | frozenset(
    ["and", "on", "the", "full", "data", "dataset", "project", "page", "html", "blog", "post",
     "homepage", "model", "weights", "hf", "hugging", "face", "huggingface", "official",
     "recording", "talk", "poster", "abs", "abstract", "site"]
)  # fmt: skip
_WORD_RUN = re.compile(r"[^\W_]+")


def _noun_button(words: str) -> bool:
    """``words`` (lower case) name only what the link opens, a button word first."""
    tokens = _WORD_RUN.findall(words)
    return (
        0 < len(tokens) <= 4
        and tokens[0] in _NOUN_BUTTONS
        and all(t in _BUTTON_WORDS for t in tokens)
    )


# A button to a listing page: "See all of yesterday's launches", "See more of what you like".
# "View latest topics": a forum digest's button to its listing.
_SEE_ALL = re.compile(
    r"^(see|view|browse|explore|discover) (all|more|(the )?latest|recent|older|previous)\b"
    # Polish, Turkish: "Zobacz wszystkie oferty", "Tümünü gör".
    r"|^(zobacz|pokaż) (wszystkie|wszystko|więcej)\b|^tümünü gör"
    # French: "Voir tous les outils", "Découvrir toutes les offres".
    r"|^(voir|afficher|découvrir|découvrez|parcourir) (tous|toutes|tout|plus)\b"
)


# The most words a "see the latest …" / "view recent …" button takes ("See the latest
# posts from the blog"); "see all" / "see more" buttons run longer ("See more of what you
# like and less of what you don't.").
_LATEST_BUTTON_WORDS = 7


_CJK_SEE_ALL = (
    "전체 보기",
    "전체보기",
    "모두 보기",
    "查看全部",
    "查看更多",
    "全部文章",
    "往期回顾",
)


def is_listing_button(text: str) -> bool:
    """ "See all of yesterday's launches": a button to a listing page, after the items."""
    words = strip_decoration(text).strip().lower()
    if len(words) <= 30 and words.rstrip(" →>›»").endswith(_CJK_SEE_ALL):
        return True  # "지난 뉴스레터 전체 보기", "查看全部"
    return _see_all(words)


def _see_all(words: str) -> bool:
    """``words`` (lower case) open a button to a listing ("see all …", "view latest …").
    "View latest topics" names its listing in a few words; "View the latest HubSpot
    Developer Platform updates in Spring Spotlight", bold over its blurb, is a headline."""
    found = _SEE_ALL.match(words)
    if found is None:
        return False
    n = len(words.split())
    if n > 12:
        return False
    return found.group(2) in ("all", "more") or n <= _LATEST_BUTTON_WORDS


# A share button's words: its link carries the story's own URL, so it says nothing about
# which page the issue itself is.
_SHARE = re.compile(
    r"^(share|tweet|post|send|email|e-mail|twitter|x|linkedin|facebook|whatsapp|reddit|bluesky"
    r"|mastodon|threads|telegram|hacker news|pocket)\b"
)


_FEEDBACK = re.compile(r"^(flag|report|not relevant|irrelevant|feedback|send feedback|hide|mute)\b")


def is_feedback_link(text: str) -> bool:
    """ "Flag as irrelevant", "Report": a search alert's button about one result."""
    words = strip_decoration(text).strip().lower()
    return len(words.split()) <= 4 and bool(_FEEDBACK.match(words))


def is_share_button(text: str) -> bool:
    """ "Twitter", "Share on LinkedIn", "Email": a button sharing the story above it."""
    words = strip_decoration(text).strip().lower()
    return len(words.split()) <= 4 and bool(_SHARE.match(words))


_HERE = ("こちら", "こちらから", "こちら▶", "こちら≫")
# Korean and Chinese buttons: the verb ends the phrase ("지난 뉴스레터 전체 보기": "see all
# past newsletters"; "阅读全文": "read the full text").
_CJK_BUTTONS = (
    "더보기", "더 보기", "자세히 보기", "전체 보기", "바로가기", "바로 가기", "읽어보기", "원문 보기",
    "阅读全文", "阅读原文", "查看详情", "查看更多", "了解更多", "点击查看", "閱讀全文", "了解詳情",
)  # fmt: skip


def is_cta(text: str) -> bool:
    """A short button or secondary-link text, not a title ("Read more →", "Try it free")."""
    words = _button_words(text)
    n = word_count(words)  # "GitHub、Copilotの…" is a title of many words, not "GitHub"
    # The Japanese, Korean and Chinese endings are not ASCII: ASCII words end in none.
    if len(words) <= 20 and not words.isascii():
        if words.endswith(_HERE):
            return True  # "お申し込みはこちら", "詳しくはこちら": "… is here", a Japanese button
        if words.rstrip(" →>›»").endswith(_CJK_BUTTONS):
            return True  # "더보기 →", "阅读全文"
    return (n <= 4 and (bool(_CTA.match(words)) or _noun_button(words))) or _see_all(words)


def is_action(text: str) -> bool:
    """A call to action of a few words ("Попробовать", "Book a demo", "★ Save"), not a
    secondary link named for what it opens ("GitHub repo")."""
    words = _button_words(text)
    return word_count(words) <= 4 and bool(_CTA.match(words))


def _button_words(text: str) -> str:
    """A link's words as the button tests read them: lower case, without decoration; a
    closing arrow is no word ("Claim $50 in credits →" is a four-word button)."""
    return strip_decoration(text).strip().lower().rstrip(" →»›←")


def hidden_target(url: str) -> bool:
    """A click tracker that hides its target in a path segment or in a query value
    (SendGrid's "/ls/click?upn=<token>"): its host is the tracker's, not the site's."""
    if opaque_tracker(url):
        return True
    try:
        query = urlsplit(link_target(url)).query
    except ValueError:
        return False
    return any(_is_token(part.partition("=")[2]) for part in query.split("&"))


def same_site(a: str, b: str) -> bool:
    """Two links to one site (behind click trackers that spell out their target)."""
    try:
        one = urlsplit(link_target(a)).hostname or ""
        two = urlsplit(link_target(b)).hostname or ""
    except ValueError:
        return False
    return bool(one) and one.removeprefix("www.") == two.removeprefix("www.")


_LONG_HEADING = 180

# A path segment of base64-like junk: an opaque click tracker's token ("u001.hUbxrF…"):
# 20 or more of these characters, with a lower-case letter, a capital and a digit.
_TOKEN_CHARS = re.compile(r"[\w.=-]{20,}")
_LOWER, _UPPER, _DIGIT = re.compile("[a-z]"), re.compile("[A-Z]"), re.compile(r"\d")


def _is_token(segment: str) -> bool:
    """Each test one linear scan (a single regex with three lookaheads backtracked
    cubically on a long segment)."""
    return (
        _TOKEN_CHARS.fullmatch(segment) is not None
        and _LOWER.search(segment) is not None
        and _UPPER.search(segment) is not None
        and _DIGIT.search(segment) is not None
    )


@functools.lru_cache(maxsize=8192)  # every link of every email is asked; the answer is pure
def opaque_tracker(url: str | None) -> bool:
    """A click tracker that hides its target: no target spelled out, a token for a path
    segment ("https://link.mail.example/ss/c/u001.hUbxrF…/h4/…"), also when a second
    tracker that spells out its target wraps it."""
    if not url or _TOKEN_CHARS.search(url) is None:
        return False  # no run of 20 token characters anywhere: no token segment
    try:
        path = urlsplit(link_target(url)).path
    except ValueError:
        return False
    return any(_is_token(seg) for seg in path.split("/"))


def same_project(a: str, b: str) -> bool:
    """Two links into one project of one site: same host and first path segment
    ("github.com/tidewater/…/releases/v3" and "github.com/tidewater/…/pull/4420"). Links
    through a click tracker that hides its target ("/ls/click?upn=<token>", "/ss/c/<token>")
    share the tracker's path, not a project."""
    try:
        one, two = urlsplit(link_target(a)), urlsplit(link_target(b))
    except ValueError:
        return False
    first = one.path.strip("/").split("/")[0]
    if not first or first != two.path.strip("/").split("/")[0] or not same_site(a, b):
        return False
    return one.path != two.path and not any(
        _is_token(seg) for seg in (one.path + "/" + two.path).split("/")
    )


def is_author_link(blocks: list[Block], start: int, link: Link, issued: date | None = None) -> bool:
    """ "<a>Ana Ferreira</a>" (dev.to/anaferreira) right over the title link of a post that
    lives under that page (dev.to/anaferreira/stop-using-print-3k9d): the post's author,
    not a story of its own. Small print only: a bold or heading link over the posts is a
    feed's or a category's name (``blockitems._source_label``). So is a name over a date
    that is not after the issue's ("<a>Riley Kim</a><br>Jun 21"): a byline, whatever its
    address (behind an opaque click tracker it cannot be read)."""
    block = blocks[start]
    if block.level or block.bold or not is_name(link):
        return False
    if block.text == link.text and start + 1 < len(blocks):
        under = blocks[start + 1]
        if not under.links and _dated_before(under.text, issued):
            return True
    try:
        own = urlsplit(link_target(link.href))
    except ValueError:
        return False
    path = own.path.rstrip("/")
    if not path or not own.hostname:
        return False
    for block in blocks[start + 1 : start + 4]:
        title = is_title_block(block) if has_words(block.text) else None
        if title is None:
            continue
        try:
            post = urlsplit(link_target(title.href))
        except ValueError:
            return False
        return post.hostname == own.hostname and post.path.startswith(path + "/")
    return False


def byline_over_title(blocks: list[Block], start: int, issued: date | None) -> Link | None:
    """ "<a>Hannah Okafor</a> · Oct 14", "<a>Sofia Lindqvist</a> for <a>Acme Engineering</a>
    · Oct 12" right over a title link (a DEV-style card: avatar, byline, title): the post's
    author and date, the name bold or not; its link, else None."""
    block = blocks[start]
    link = block.lead
    if (
        link is None
        or block.level
        or block.bold
        or not _dated_name_line(block, link, issued)
        or not any(is_title_block(b) is not None for b in blocks[start + 1 : start + 3])
    ):
        return None
    return link


def is_name(link: Link) -> bool:
    """A small-print link reading like a person's name ("Ana Ferreira", "@ana"), not a
    sentence."""
    return not link.bold and _name_words(link.text)


def _name_words(text: str) -> bool:
    words = text.split()
    return (
        len(text) <= 40
        and 0 < len(words) <= 4
        and (words[0][:1] == "@" or all(w[:1].isupper() for w in words))
    )


# Between a byline's name and its date: a separator ("·", "|", "—", ",").
_DATE_SEP = re.compile(r"\s*[·•|—–,-]\s*")


def _dated_name_line(block: Block, link: Link, issued: date | None) -> bool:
    """A line that is a name link, maybe a short word and a second link (the team or
    publication: "for <a>Acme Engineering</a>", "bei <a>…</a>"), a separator and a date not
    after the issue's: a post's byline, whatever the name's weight."""
    text = block.text
    if len(text) > 90 or not text.startswith(link.text) or not _name_words(link.text):
        return False
    rest = text[len(link.text) :]
    if len(block.links) == 2:
        org = block.links[1].text
        k = rest.find(org) if org else -1
        if k < 0 or len(rest[:k].split()) > 1 or len(rest[:k]) > 8:
            return False
        rest = rest[k + len(org) :]
    elif len(block.links) != 1:
        return False
    sep = _DATE_SEP.match(rest)
    return sep is not None and _dated_before(rest[sep.end() :].strip(), issued)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A byline's date, its year often left out: "Jun 21", "21 June", "Oct 1, 2025", "3h ago".
_BYLINE_DATE = re.compile(
    r"(?:([a-z]{3})[a-z]{0,6}\.? (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})\.? ([a-z]{3})[a-z]{0,6}\.?)"
    r"(?:,? (\d{4}))?|\d{1,3} ?(?:m|mins?|h|hrs?|hours?|d|days?) ago",
    re.I,
)


def _dated_before(text: str, issued: date | None) -> bool:
    """``text`` is only a date or a time ago, not after ``issued`` (a post's date; an
    event's date is ahead of the issue, and has its time or place beside it). A date
    without its year takes the issue's; with no issue date, any bare date will do."""
    m = _BYLINE_DATE.fullmatch(text) if len(text) <= 20 else None
    if m is None:
        return False
    if m.group(2) is None and m.group(3) is None:
        return True  # "3h ago"
    month = (m.group(1) or m.group(4)).lower()
    if month not in _MONTHS:
        return False
    if issued is None:
        return True
    year = int(m.group(5)) if m.group(5) else issued.year
    try:
        when = date(year, _MONTHS.index(month) + 1, int(m.group(2) or m.group(3)))
    except ValueError:
        return False
    return when <= issued


def is_site_root(url: str) -> bool:
    """A link to a site's home page ("https://example.com/"): a masthead, not a story."""
    try:
        parts = urlsplit(link_target(url))
    except ValueError:
        return False
    return parts.path in ("", "/") and not parts.query


def linked_label(block: Block) -> Link | None:
    """ "**<a>Corvid Security</a>:** <a>The 2025 State of API Breaches report</a> — …": a
    short link (a company, a source) ending in a colon, right before a second link: the
    second link is the title, the first only its label."""
    links = content_links(block)
    lead = block.lead
    if lead is None or len(links) < 2 or links[0] is not lead or word_count(lead.text) > 4:
        return None
    text = strip_decoration(block.text)
    name = strip_decoration(lead.text)
    if not text.startswith(name):
        return None
    after = text[len(name) :].lstrip()
    if after[:1] not in (":", "："):
        return None
    title = strip_decoration(links[1].text)
    return links[1] if title and after[1:].lstrip().startswith(title[:20]) else None


def label_link(block: Block) -> tuple[str, Link] | None:
    """ "**Funding:** <a>Startup raises $80M</a> at a $1B valuation": a short bold label
    ending in a colon, then the link that is the title. Returns (label, link)."""
    links = content_links(block)
    if not links:
        return None
    second = linked_label(block)
    if second is not None:
        return squash(links[0].text), second
    link = links[0]
    text = strip_decoration(block.text)
    label = strip_decoration(block.bold_lead).strip()
    plain = not label
    if plain:
        # "Also worth reading: <a>why retries make agents worse</a>, an essay": a plain
        # label only before a link that reads as a title, not "Source: <a>Reuters</a>".
        colon = next((c for c in ":：" if c in text[:41]), "")
        label = text[: text.find(colon) + 1] if colon else ""
        if len(link.text) < 15 or word_count(link.text) < 3:
            return None
    if not label or not _LABEL_END.search(label) or len(label) > 40 or len(label.split()) > 4:
        return None
    if is_boilerplate_link(label, link.href):
        return None  # "**HTML Version:** <a>ai.html</a>": the letter's own page
    after = strip_decoration(text[text.find(label) + len(label) :]).lstrip()
    if not after.startswith(strip_decoration(link.text)[:20]) or len(link.text) < 3:
        return None
    return label.rstrip(" :："), link


def colon_lead(block: Block) -> str | None:
    """The bold lead of two words or more ending in a colon that opens ``block`` ("**Nvidia
    still dominant:** …"), with or without a link after it."""
    raw = block.bold_lead.strip()
    if raw[-1:] not in (":", "："):
        return None
    lead = strip_decoration(raw).rstrip(" :：")
    if not (2 <= word_count(lead) <= 16) or len(lead) > 120:
        return None
    return lead


def colon_headline(block: Block) -> tuple[str, Link] | None:
    """ "**Cursor ships a faster model:** The startup just dropped <a>Composer</a>, …": a
    bold lead of two words or more ending in a colon, over prose that carries the link
    later on (not right after the lead: that is ``label_link``). Returns (lead, link).
    Only a run of such blocks makes them entries (``in_colon_run``): one alone is a
    story's "**Why it matters:** …"."""
    lead = colon_lead(block)
    if lead is None:
        return None
    links = content_links(block)
    if not links:
        return None
    raw = block.bold_lead.strip()
    after = strip_decoration(block.text)[len(strip_decoration(raw)) :].lstrip(" :：")
    if len(after) < 40 or after.startswith(strip_decoration(links[0].text)[:20]):
        return None
    return lead, links[0]


def colon_headlines(blocks: list[Block], start: int) -> int:
    """How many blocks from ``start`` on, one after another, are ``colon_headline``s."""
    n = 0
    for block in blocks[start : start + 40]:
        if not has_words(block.text):
            continue
        if colon_headline(block) is None:
            break
        n += 1
    return n


def _rubric_lead(blocks: list[Block], i: int, lead: str) -> bool:
    """``lead`` opens another block of the issue too: a rubric each story repeats
    ("**What happened:** …", "**Where things stand:** …" under every heading), not the
    headline of an entry of its own."""
    key = lead.casefold()
    return any(
        j != i and (other := colon_lead(block)) is not None and other.casefold() == key
        for j, block in enumerate(blocks)
    )


def in_colon_run(blocks: list[Block], i: int) -> tuple[str, Link] | None:
    """``blocks[i]`` is a ``colon_headline`` in a run of blocks opening with such leads (a
    neighbour's lead counts even when it links nothing: "**Nvidia still dominant:** …"),
    or a list entry of its own under a plain heading (Ghost's "- **Warhol and AI:** …
    <a>much of the court</a> …"): an entry titled by its lead."""
    found = colon_headline(blocks[i])
    if found is None or _rubric_lead(blocks, i, found[0]):
        return None
    if blocks[i].in_list:
        return found
    for j in range(i + 1, min(len(blocks), i + 9)):
        if has_words(blocks[j].text):
            if colon_lead(blocks[j]) is not None:
                return found
            break
    for block in reversed(blocks[max(0, i - 8) : i]):
        if has_words(block.text):
            return found if colon_lead(block) is not None else None
    return None


def kicker_link(block: Block) -> tuple[str, Link] | None:
    """ "**Tue 8 July, 19:00 · Berlin** <a>Postgres Meetup #41</a> Two talks …": a bold
    kicker (a date, a place, a tag) right before the link that titles the item. Returns
    (kicker, link); a kicker ending in a colon is a label (``label_link``)."""
    if not block.bold_lead:
        return None
    kicker = strip_decoration(block.bold_lead).strip()
    if not kicker or _LABEL_END.search(kicker) or len(kicker) > 60:
        return None
    links = content_links(block)
    if not links:
        return None
    link = links[0]
    title = strip_decoration(link.text)
    text = strip_decoration(block.text)
    after = text[text.find(kicker) + len(kicker) :].lstrip(" -–—|·•")
    if not title or not after.startswith(title[:20]) or is_cta(title):
        return None
    if not (title[0].isupper() or title[0].isdigit()):
        return None  # "**Apple** <a>unveiled a headset</a> …": one sentence, not a kicker
    return (kicker, link) if len(title) >= 15 or word_count(title) >= 3 else None


def content_links(block: Block) -> list[Link]:
    """The block's links that can be items (absolute, with text, not furniture, not an
    item's discussion link); computed once."""
    if block.content is None:
        block.content = [
            lk
            for lk in block.links
            if lk.href[:8].lower().startswith(("http://", "https://"))
            and not lk.image_only
            and not is_boilerplate_link(lk.text, lk.href)
            and not is_discussion(lk)
            and not _is_profile(lk.href)
            and lk.text.strip(" ()（）").lower() != "via"  # "…（<a>via</a>）": a credit
        ]
    return block.content


def _is_profile(url: str) -> bool:
    """A person's page ("medium.example/@ana?source=digest"): a byline, not a story.
    (``text.is_boilerplate_link`` knows "/@name" only when nothing follows it.)"""
    if "/@" not in url and "%2F%40" not in url:
        return False  # the common case, without parsing the URL
    try:
        path = urlsplit(link_target(url)).path
    except ValueError:
        return False
    return path.startswith("/@") and "/" not in path[2:].rstrip("/")


def is_title_block(block: Block) -> Link | None:
    """The link a block consists of, if the block is essentially one link."""
    links = content_links(block)
    if not links:
        return None
    lead = block.lead
    if lead is not None and not any(lk is lead for lk in links):
        lead = None  # the block opens with a link that can be no item ("via", a profile)
    if lead is not None:
        best = lead
    else:
        best = links[0] if len(links) == 1 else max(links, key=lambda lk: len(lk.text))
    number = numbered_entry(block.text) if best is lead else None
    body = block.text[number.end() :] if number else strip_decoration(block.text)
    shortest = 2 if number else 3  # "2、<a>f2</a>": a tool's name
    if len(best.text) >= shortest and len(best.text) >= 0.7 * len(body) and has_words(best.text):
        return best
    if best is lead and _tagged(best.text, body):
        return best  # "<a>Authex v0.3.0 released!</a> Project update": the title and its tag
    return None


def labelled_link(block: Block) -> Link | None:
    """A line that is only a short label and one link ("Link: <a>Tailscale</a>", "Repo:
    <a>gchq/CyberChef</a>"): under a heading, the link of what the heading names."""
    if block.level or block.in_list or len(block.links) != 1:
        return None
    links = content_links(block)
    if len(links) != 1:
        return None
    body = strip_decoration(block.text).rstrip(" .")
    label, colon, rest = body.partition(":")
    words = label.split()
    if not colon or not 1 <= len(words) <= 2 or not all(w.isalpha() for w in words):
        return None
    return links[0] if rest.strip() == strip_decoration(links[0].text) else None


def _prose_after_links(blocks: list[Block], start: int) -> bool:
    """Prose follows, past other label-and-link lines ("Demo: <a>…</a>"), before any
    heading or title line: the links belong to one story, not a run of entries."""
    for block in blocks[start : start + 4]:
        if labelled_link(block) is not None:
            continue
        return (
            not is_heading(block)
            and not content_links(block)
            and len(block.text) >= 80
            and not block.in_list
        )
    return False


def _posts_below(blocks: list[Block], start: int) -> bool:
    """Subheads over prose ("### Jane Doe announced" / what she wrote), as a mailing-list
    weekly writes the posts under a story's "Archive: <a>…</a>" line."""
    heads = 0
    for block in blocks[start : start + 3]:
        if is_heading(block) and not content_links(block):
            heads += 1
            continue
        return heads > 0 and not block.in_list and len(block.text) >= 80
    return False


def _tagged(title: str, body: str) -> bool:
    """A title of three words or more followed only by a short tag: two words or fewer, no
    sentence ("Project update", "Video", "Blog post" pills after each title: ElixirWeekly)."""
    title = strip_decoration(title)
    if word_count(title) < 3 or not body.startswith(title):
        return False
    rest = body[len(title) :].strip()
    return 0 < len(rest) <= 20 and word_count(rest) <= 2 and rest[-1:] not in ".!?:,;"


def lead_link(block: Block, *, opens_section: bool = False) -> Link | None:
    """A bold/listed link that opens a block followed by its description.

    ``opens_section``: the block comes right after a section heading, where a paragraph
    that opens with a link ("<a>HarshBench</a> gives agents ...") is the section's item."""
    lead = block.lead
    number = numbered_entry(block.text) if lead is not None else None
    # A numbered entry's title may be a short name ("2、<a>f2</a>", "4、<a>语析</a>").
    shortest = 2 if number else 3
    if (
        lead is None
        or len(lead.text) < shortest
        or not any(lk is lead for lk in content_links(block))
    ):
        return None
    if linked_label(block) is not None:
        return None  # "<a>Corvid Security</a>: <a>Title</a>": the first link is a label
    body = block.text[number.end() :] if number else strip_decoration(block.text)
    rest = body[len(strip_decoration(lead.text)) :]
    if not rest.strip():
        return None
    if lead.bold or block.in_list or number or _SEPARATOR.match(rest):
        return lead
    # "<a>A title of several words</a> and what it is about": a link list without
    # markup. A short link opening prose ("<a>Apple</a> said ...") is not a title.
    if len(lead.text) >= 15 and word_count(lead.text) >= 3 and len(rest.strip()) >= 20:
        return lead
    if opens_section and len(rest.strip()) >= 20:
        return lead
    return None


def cites_in_prose(block: Block, link: Link) -> bool:
    """A bold lead opening a long paragraph whose link sits inside a sentence ("**Unique
    ID –** Known as …, the new rules <a>upended the ad machine</a> on phones. …", an
    essay's paragraphs led so, some linking nothing): the link cites a source, and the lead
    heads the essay's prose rather than titling a story of its own."""
    if len(block.text) < 300 or is_cta(link.text) or block.lead is link or not link.text:
        return False
    lead = len(block.bold_lead)
    at = block.text.find(link.text, lead)
    return at >= 0 and at - lead >= 40 and len(block.text) - at - len(link.text) >= 40


def bold_lead_item(block: Block) -> tuple[str, Link] | None:
    """ "**Title** — what it is. <a>Read more</a>": a bold unlinked title, its link later on.
    A bold label ending in a colon ("**New:** faster builds (#4411)") is not a title."""
    if not block.bold_lead:
        return None  # the common case: no bold lead, no title of three characters
    if _LABEL_END.search(block.bold_lead):
        return None
    lead = strip_decoration(block.bold_lead).rstrip(" -–—:|")
    if lead.endswith(".") and not lead.endswith(".."):
        lead = lead[:-1]  # "**A sentence-style headline.** Its story …"
    if not (3 <= len(lead) <= 200) or not has_words(lead) or len(block.text) < len(lead) + 20:
        return None
    links = content_links(block)
    if not links:
        return None
    return lead, pick_link(block)


# A social handle alone as a link's words ("@northfieldvision"): a profile.
_HANDLE = re.compile(r"@[\w.]{2,40}")


def is_nav(block: Block) -> bool:
    """A row of short links ("Home | Archives | Read on the Web"): navigation. Two links
    are a row too when one of them is furniture ("Past issues · Twitter", "Lab website ·
    @northfieldvision" whatever the handle's address), or when both are buttons ("Full
    text | PDF" under a journal's article)."""
    if len(block.links) < 2:
        return False  # the common case: fewer links than a row needs
    links = [lk for lk in block.links if lk.text]
    if len(links) < 2 or any(len(lk.text) > 30 for lk in links):
        return False
    if len(links) == 2 and (
        block.in_list
        or (
            not any(
                (is_boilerplate_link(lk.text, lk.href) or _HANDLE.fullmatch(lk.text))
                and not is_discussion(lk)
                for lk in links
            )
            and not all(is_cta(lk.text) for lk in links)
        )
    ):
        return False
    covered = sum(len(lk.text.replace(" ", "")) for lk in links)
    return covered >= 0.7 * len(block.text.replace(" ", "").replace("|", ""))


def is_heading(block: Block) -> bool:
    """A heading tag or a bold line without an item's link, or a short plain line in
    capitals or led by a pictograph ("💻 Jobs"). Asked of most blocks many times, so the
    cheap tests of the text come before the block's links."""
    text = block.text
    if text[-1:] == "," and not block.level:
        return False  # a salutation in bold ("Hello again,", "Liebe Leserinnen und Leser,")
    if block.level or block.bold:
        # A heading may run long (an event's full title, "W4. Unlocking Training and
        # Certification Pathways for … - ISLE-TECH Workshop"), a heading tag or a bold line
        # (a big bold <div>) that is no sentence; bold text that long ending in "." is prose.
        longest = _LONG_HEADING if block.level or text[-1:] != "." else 120
        return len(text) <= longest and has_words(text) and not content_links(block)
    return (
        len(text) < 60 and has_words(text) and _capitals_or_label(text) and not content_links(block)
    )


def _capitals_or_label(text: str) -> bool:
    """Three letters or more, all of them capitals ("TOP STORIES"), or an emoji label
    (``_emoji_label``). Stops at the third letter once a small one is seen."""
    if text.isascii():
        # Every ASCII letter is cased: all of them are capitals exactly when none is small
        # and one is a capital (str.isupper); no pictograph opens ASCII text.
        return text.isupper() and sum(ch.isalpha() for ch in text) >= 3
    letters = 0
    capitals = True
    for ch in text:
        if ch.isalpha():
            letters += 1
            capitals = capitals and ch.isupper()
            if letters >= 3 and not capitals:
                return _emoji_label(text)
    return letters >= 3 and (capitals or _emoji_label(text))


def partly_linked_heading(block: Block) -> Link | None:
    """A heading tag (or a bold line) whose one link covers only some of its words ("### Acme's “<a>Relay
    Kit</a>”: a new take on sync"): the link, which the whole heading titles."""
    if not (block.level or block.bold) or block.in_list:
        return None  # the common case, asked before the block's links are sorted
    links = content_links(block)
    if len(links) != 1:
        return None
    text, words = squash(block.text), squash(links[0].text)
    if not words or len(words) >= len(text) or is_cta(words) or text[-1:] in ".:：":
        return None
    if len(text) > _LONG_HEADING or block.lead is not None or not text.find(words):
        return None
    if not block.level and (len(text) > 120 or ". " in text):
        return None  # "**This story is from … <a>issue</a>. Subscribe …**": bold prose
    if text[: text.find(words)].rstrip(" “\"'‘«")[-1:] in (":", "："):
        return None  # "**Sponsor:** <a>Title</a>": a label, then the title link
    return links[0] if word_count(text) >= 3 else None


def _emoji_label(text: str) -> bool:
    """ "💻 Jobs", "📘 Articles, Tutorials and Opinions": a pictograph, then a few capitalised
    words that make no sentence: a section's label even in plain type (Cooperpress)."""
    first = text[:1]
    if not first or ord(first) < 0x1F300 or text[-1:] in ".!?:,;" or len(text.split()) > 6:
        return False
    if (
        0x1F532 <= ord(first) <= 0x1F53D
        or 0x1F446 <= ord(first) <= 0x1F44A
        or 0x1F7E0 <= ord(first) <= 0x1F7EB
    ):
        return False  # a bullet glyph ("🔹 Per-minute billing", "👉", "🟢"): a list's line
    words = text[1:].split()
    return bool(words) and words[0][:1].isupper() and has_words(text)


def rest_after(block: Block, link: Link) -> str:
    text = strip_decoration(block.text)
    anchor = strip_decoration(link.text)
    start = text.find(anchor)
    if start < 0:
        # The block is part of a longer link (a link wrapping several blocks): no rest.
        return "" if text in anchor else text
    rest = text[start + len(anchor) :]
    # "<a>Quarry — DuckDB for teams</a>. Share notebooks …": the sentence's full stop too.
    return rest.strip().lstrip("-–—:;|•·,.，；：、").strip()


def _short_sentence(block: Block) -> bool:
    """A short sentence closing on its link ("**Just had a great call with** <a>Ryan
    Zurrer</a>."): prose under a heading, not a title line."""
    links = block.links
    text = squash(strip_decoration(block.text))
    cited = _CITATION.search(text) if len(links) == 1 else None
    if cited is not None and cited.group(1) == links[0].text.strip():
        # "But few will notice. (<a>Ledger</a> $)": a short sentence citing its source.
        return text[: cited.start()].rstrip()[-1:] in (".", "!", "?") and word_count(text) >= 4
    if len(links) != 1 or text[-1:] not in (".", "!"):
        return False
    return word_count(text) - word_count(links[0].text) >= 4


_STORY_SPAN = 48  # blocks a story with subheads may run to its "Read more" line
_PROSE_CHARS = 100


_READ_MORE_WORDS = 6


def _read_more_lead(label: str) -> bool:
    """A bold lead that is a read-more label ("Read more:", "Read the whole report here:"),
    not a subhead that happens to hold the words ("Why Helix matters - there is …:")."""
    return bool(label) and word_count(label) <= _READ_MORE_WORDS and _says_read_more(label)


def _says_read_more(label: str) -> bool:
    """The label holds a read-more word as a word of its own: "here" in "Where things
    stand:" (a story's rubric) or "source" in "Resources:" is none, nor is "link" in
    "Ana Ruiz on LinkedIn" (a person's profile under a story, not its button). Every
    read-more test asks this, never ``_READ_MORE`` alone."""
    if not _may_read_more(label):
        return False  # most link texts: no read-more word at all
    for m in _READ_MORE.finditer(label):
        before = label[m.start() - 1 : m.start()]
        if before.isascii() and before.isalpha() and m.group()[:1].isalpha():
            continue
        after = label[m.end() : m.end() + 1]
        if after not in ("s", "S") and after.isascii() and after.isalpha():
            continue  # "link" in "LinkedIn" ("Sources:" is the label's plural)
        return True
    return False


def _read_more_label(block: Block) -> bool:
    """ "**Read more:**" alone on its line, its link on the next."""
    return is_label_line(block) and _says_read_more(block.text)


def _subhead(blocks: list[Block], i: int, heading: str) -> bool:
    """A bold line ending in a colon or a question ("**Cruxes for the argument:**", "**What
    is NCCLX?**") over a paragraph of prose, under a headline (six words or more): a
    subhead of the story. (Over a short line, its dek, a bold line is the next headline.)"""
    block = blocks[i]
    if not (
        block.bold
        and not block.level
        and not block.in_list
        and block.text.rstrip()[-1:] in (":", "?", "：", "？")
        and word_count(heading) >= 6
        and is_heading(block)
    ):
        return False
    after = next_content(blocks, i + 1)
    return after is not None and not after.bold and len(after.text) >= _PROSE_CHARS


def _read_more_next(blocks: list[Block], start: int) -> bool:
    """The next block is the story's "Read more" line: "**Find out more** at <a>its
    site</a>" right above it is an aside of the story, not a story of its own."""
    after = next_content(blocks, start)
    if after is None:
        return False
    label = after.bold_lead.strip()
    return bool(_read_more_lead(label) and content_links(after)) or _read_more_label(after)


def _own_read_more(blocks: list[Block], start: int) -> bool:
    """A "Read more" line comes before the next heading: what is above it is one story."""
    for block in blocks[start : start + 12]:
        if not has_words(block.text):
            continue
        label = block.bold_lead.strip()
        if (_read_more_lead(label) and content_links(block)) or _read_more_label(block):
            return True
        if is_heading(block):
            return False
    return False


# A byline set as a small heading of its own ("#### By Lena Ortiz", "Par <a source>",
# "Von Jana Kern"): the by-word, then a capitalised name ("By the numbers" is no byline).
_BYLINE_HEADING = re.compile(
    r"^(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor|[Aa][vf]) (?![Tt]he )([A-Z\u00c0-\u00de@].{0,60})$"
)


def byline_heading(blocks: list[Block], i: int) -> str | None:
    """The name of a byline heading right under a story's heading without a link ("## Why
    the feed misleads" / "#### By Lena Ortiz" / prose): who wrote the story, no heading
    that would stop the search for the story's link. None when the block is no such line."""
    block = blocks[i]
    if i == 0 or block.links or not is_heading(block) or word_count(block.text) > 8:
        return None
    above = blocks[i - 1]
    if above.links or not is_heading(above) or (block.level and above.level > block.level):
        return None
    m = _BYLINE_HEADING.match(squash(strip_decoration(block.text)))
    return m.group(1).rstrip(" :") if m is not None and not block.text.endswith(":") else None


def heading_item_link(
    blocks: list[Block],
    start: int,
    heading: str = "",
    nested: bool = False,
    worded: set[int] | None = None,
) -> Link | None:
    """The link of a heading-titled item: prose after the heading carries it, or a
    "Read more" line closes the prose. None when the heading heads a section instead.

    An inline link in the prose is only a fallback: a "Read more" link further down the
    same story (before the next heading or titled item) is the story's own link.

    ``worded``: when known, the indices of the blocks whose lower-cased text holds a
    footer or call-to-action word (``wordscan.FURNITURE_WORDS``), the only blocks
    ``is_promo`` or ``is_footer`` can be true of.
    """
    for k, block in enumerate(blocks[start : start + 3], start):
        if is_heading(block) or (
            k > start and not block.links and not block.in_list and len(block.text) >= 80
        ):
            # (A label line after the story's prose has begun, "En mars : <a>…</a>" among
            # the examples a paragraph introduces, is the story's own text, not its link.)
            break
        own = labelled_link(block)
        if own is not None and (
            _prose_after_links(blocks, k + 1) or (k == start and _posts_below(blocks, k + 1))
        ):
            # "# Tailscale" / "Link: <a>Tailscale</a>" / what it is (a note with links of
            # its own may stand above the line: "> **Hinweis:** Wie <a>IT-Tools</a>").
            return own
    prose = 0
    inline: Link | None = None
    limit = 8
    heading_words = word_count(heading)  # asked of many blocks below: counted once
    deep = False  # past a subhead of a long story: only its "Read more" line counts now
    rubric = False  # a "**What happened:** …" paragraph of the story's was read
    read_label = False  # the block before was a "**Read more:**" line without its link
    for offset, block in enumerate(blocks[start : start + _STORY_SPAN]):
        if offset >= limit:
            break
        if not has_words(block.text):
            if deep and len(block.text) >= 3 and not block.text.strip(" *_-"):
                return None  # "***" (a rule the capture wrote as text): the story is over
            continue
        if offset == 0 and byline_heading(blocks, start) is not None:
            limit += 1  # "#### By Lena Ortiz" right under the heading: the story goes on
            continue
        if not prose and brief(block) and in_briefs(blocks, start + offset):
            return None  # "Catch up quick" over one-line briefs, each citing its source
        if not prose and story_date(block):
            continue  # "## Title" / "**March 2024**": the story's date line, then its prose
        if quote_box(blocks, start + offset) is not None:
            return inline  # "## Quote of the day" over a quotation and its attribution
        if inline is None and plus_entries(blocks, start + offset) >= 2:
            return None  # "## Small joys" over "+ Why <a>slow bread</a> tastes better." lines
        furniture = worded is None or start + offset in worded
        if furniture and is_promo(block.text):
            return inline  # "Share X" / "You currently have 0 referrals …": the letter's own ask
        if furniture and is_footer(block.text):
            return inline  # "__END__" over "You're among 59,252 others who received this email …"
        if not prose:
            closing = closing_source(blocks, start + offset)
            if closing is not None:
                return closing  # "More - <a>Hacktoberfest</a>." under the story's prose
        label = block.bold_lead.strip()
        if prose and _read_more_lead(label) and content_links(block):
            return content_links(block)[0]  # "**Read more:** <a>The paper (arXiv)</a>"
        if prose and rubric and cited_bullet(block):
            # "**Driving the story:** …" over bullets, each a sentence or more whose links
            # cite its sources mid-sentence ("…, Bloomberg <a>reported</a>."): the story's
            # own bullets, no list of entries; its first link is the story's at worst.
            inline = inline or content_links(block)[0]
            prose += 1
            limit = max(limit, offset + 8)
            continue
        if prose and (
            listed_run(blocks, start + offset)
            or (is_listed(block) and list_intro(blocks, start + offset - 1))
            or listed_pair(blocks, start + offset)
        ):
            # "## Call for Participation", a paragraph or two, then a list of linked
            # entries (or one ending in a colon, then a list): the paragraphs introduce
            # the section's list.
            return None
        if (
            prose == 1
            and not nested
            and block.level > blocks[start - 1].level > 0
            and not any(b.bold_lead.strip() for b in blocks[start : start + offset])
            and _heads_entries(blocks, start + offset)
        ):
            # "### Final Comment Period", "Every week, <a>the team</a> announces …", then
            # "#### RFCs" over its list: one paragraph introducing the section's subsections
            # ("**The Download:** … <a>…</a>" under a story is the story's own text).
            return None
        title = is_title_block(block)
        if title is not None and prose and read_label:
            return title  # "**Read more:**" on its own line, the link on the next
        read_label = _read_more_label(block)
        if title is not None and deep and not (_says_read_more(title.text) or is_cta(title.text)):
            return None
        if title is not None:
            if not prose and address_under(blocks, start + offset, title):
                # "#### Qualcomm wants Intel" over "<https://…>" alone, "## Title" over
                # "[github.com/awslabs/llrt](…)": the heading's own address.
                return title
            if not prose or is_listing_button(title.text):
                return None if not prose else inline  # "See all releases" ends the list
            if _says_read_more(title.text) or is_cta(title.text):
                return title
            if inline is not None:
                return inline
            # A short source line ("techcrunch.com") closing the prose is the heading's
            # link too, unless prose follows it: then it is the next item's title.
            after = next_content(blocks, start + offset + 1)
            ends = after is None or is_heading(after) or is_title_block(after) is not None
            return title if len(title.text) <= 60 and ends else None
        if not prose and content_links(block) and numbered_entry(block.text):
            return None  # "## 科技动态" over "1、…<a>…</a>…" entries, numbered: a section
        # "**Why it matters:** …", and after the story's first prose "**How well does it
        # work?** In tests, …": prose. (Right under a heading, "**Ein Wal in der Weser?**
        # …" is the entry's own title.)
        end = block.bold_lead.rstrip()[-1:]
        labelled = end in (":", "：") or (bool(prose) and end in ("?", "？"))
        # A rubric paragraph: "**What happened:** …", its label then a sentence or more.
        rubric = rubric or (
            end in (":", "：")
            and not is_listed(block)
            and len(block.text) - len(block.bold_lead) >= 60
        )
        if (
            not prose
            and heading_words <= 3
            and max(link_takes(blocks, start + offset), news_takes(blocks, start + offset)) >= 2
        ):
            # "## Notes" over short paragraphs, each with one link mid-sentence; "## Servers"
            # over news paragraphs naming the releases they link.
            return None
        if not prose and heading_words <= 4 and colon_headlines(blocks, start + offset) >= 2:
            return None  # "TODAY IN PROGRAMMING" over "**Cursor ships …:** … <a>…</a>" entries
        if not prose and not content_links(block) and not is_heading(block):
            row = card_link(blocks, start + offset)
            if row is not None:
                return row  # a paper card: authors, venue, then "[PDF] [Code]"
        if (
            prose
            and inline is None
            and _subhead(blocks, start + offset, heading)
            and (deep or not _own_read_more(blocks, start + offset + 1))
        ):
            # "**Why this matters - scale:**" inside a headline's long story, its link a
            # "Read more" line further down: the story goes on. (A first subhead with a
            # "Read more" line of its own is the first story of a section instead.)
            deep = True
            prose += 1
            limit = offset + 8
            continue
        if is_label_line(block) or (is_listed(block) and not has_item_link(block)):
            # "**Driving the news:**" and the bullets under it, a changelog's entries
            # ("New `record` command (#902)"): the story goes on.
            prose += 1
            limit = max(limit, offset + 8)
            continue
        if is_listed(block) or is_heading(block) or partly_linked_heading(block) is not None:
            return inline
        if deep:
            prose += 1
            continue  # links inside the prose of a long story are not its link
        if lead_link(block) and not _headline_prose(blocks, start + offset, heading):
            return inline
        if (
            not labelled
            and bold_lead_item(block)
            and not led_prose(blocks, start)
            and not (prose and _read_more_next(blocks, start + offset + 1))
        ):
            return inline
        if labelled and prose and not content_links(block):
            limit = max(limit, offset + 8)  # "**Technical specs:** …": the story goes on
        if content_links(block):
            if not prose and meta_row(block):
                prose += 1  # "Weekly digest · Oct 20–31 · <a>Full calendar</a>": the dek
                continue
            # Prose, not a caption: 40 characters, or 16 in Chinese or Japanese, which say as
            # much ("…详情可以<a>点击这里</a>了解。").
            if not (
                len(block.text) >= 40
                or cjk_chars(block.text) >= 16
                or prose
                or _short_sentence(block)
            ):
                return inline
            if word_by_word(block):
                prose += 1  # "<a>As</a> <a>in</a> <a>past</a> <a>years</a>, …": citations
                continue
            if labelled and inline is None and _labelled_title(block):
                return None  # "## Take note" / "**ICYMI:** <a>A database went open</a>, …"
            if prose and callout(block):
                return inline  # "P.S. … <a>here</a>" after the story: not its read-more
            if not prose and _introduces(block):
                return None  # "… follow the <a>RFC process</a>. These were approved this week:"
            lead = block.lead
            if not prose and heading_words <= 3 and lead in content_links(block):
                return None  # "## Agents" then "<a>HarshBench</a> gives ...": a section
            read_more = pick_link(block)
            if _says_read_more(read_more.text):
                return read_more
            inline = inline or read_more
        elif len(block.text) < 40 and not prose:
            row = None if offset or nested else row_button(blocks, start)
            if row is not None:
                return row  # a table row's cells, then its "CFP" link cell
            # A speaker or byline line under a talk's title, then its abstract and a
            # "Watch recording" button: the button is the title's link.
            # (Looked past once only: a run of short lines is no speaker line.)
            past = offset < 2 and not nested
            button = (
                heading_item_link(blocks, start + offset + 1, heading, True, worded)
                if past
                else None
            )
            if button is None:
                return None
            # Or an italic dek under a headline, then prose opening with the link or a
            # "**Read more:** <a>…</a>" line.
            return (
                button
                if is_cta(button.text)
                or _read_more_line(blocks, start, button, _STORY_SPAN)
                or _opens_prose(blocks, start, button, heading)
                else None
            )
        prose += 1
    return inline


def is_address(link: Link) -> bool:
    """A link written out as its own address ("https://…", "<https://…>")."""
    words = link.text.strip(" <>")
    return words[:4] == "http" and " " not in words and "://" in words[:9]


def address_under(blocks: list[Block], i: int, link: Link) -> bool:
    """Right under a heading without a link, a line that is only a link written out as its
    address ("#### Qualcomm wants to buy Intel" / "<https://www.theverge.com/…>", then a
    Hacker News thread's address or a summary): the heading's own link. A heading over
    several such lines heads a list of addresses instead."""
    while i < len(blocks) and not has_words(blocks[i].text):
        i += 1
    if i >= len(blocks) or not (is_address(link) or shows_address(link)) or is_discussion(link):
        return False
    if strip_decoration(blocks[i].text) != link.text:
        return False
    after = next_content(blocks, i + 1)
    if after is not None and after.links and all(map(is_discussion, after.links)):
        return True  # its thread's address under it ("<https://news.ycombinator.com/…>")
    if after is not None and not is_heading(after) and content_links(after):
        other = is_title_block(after)
        return other is None or not is_address(other)
    return True


def listed_run(blocks: list[Block], start: int) -> bool:
    """Three list entries in a row from here, each holding a link that could title one."""
    run = 0
    for block in blocks[start : start + 3]:
        if not (is_listed(block) and has_item_link(block)):
            return False
        run += 1
    return run == 3


def listed_pair(blocks: list[Block], start: int) -> bool:
    """Exactly two list entries from here, each one link of two words or more filling
    its entry ("<li><a>Full pricing comparison</a></li>"), the list then over: a short
    reading list, each entry a title of its own (not one story's two links)."""
    pair = blocks[start : start + 2]
    if len(pair) < 2:
        return False
    for block in pair:
        links = content_links(block)
        if not (is_listed(block) and len(links) == 1 and has_item_link(block)):
            return False
        if squash(links[0].text) != squash(strip_decoration(block.text)):
            return False
        if word_count(links[0].text) < 2:
            return False
    after = next_content(blocks, start + 2)
    return after is None or not is_listed(after)


def list_intro(blocks: list[Block], i: int) -> bool:
    """A paragraph introducing the list right under it: over three linked entries, or
    a sentence ending in a colon over a linked entry ("… These are the RFCs that were
    approved for implementation this week:"); a bold label ("**Driving the news:**") is
    a story's own line instead."""
    block = blocks[i]
    if is_listed(block):
        return False
    nxt = next_content(blocks, i + 1)
    if nxt is None:
        return False
    if listed_run(blocks, i + 1):
        return True
    return (
        is_listed(nxt)
        and has_item_link(nxt)
        and block.text.rstrip().endswith(":")
        and len(block.text) >= 60
        and not block.bold
        and not block.bold_lead.strip()
    )


_CALLOUT_CHARS = 200


def callout(block: Block) -> bool:
    """A postscript ("P.S. You can find 50 more hacks <a>here</a>") or a bold question
    over its link ("**Have a skill you want to learn?** <a>Request it here.</a>"): a
    call-out of the letter's own, after a story, not the story's "Read more"."""
    text = block.text.lstrip(" *_")
    # A bold question over a paragraph of its own ("**Does it matter?** One big question
    # … <a>a blog post</a> …") is a subhead of the story, no call-out.
    return text[:3] in ("P.S", "PS:", "PS ") or (
        block.bold_lead.strip(" *_")[-1:] in ("?", "？") and len(text) < _CALLOUT_CHARS
    )


def led_prose(blocks: list[Block], start: int) -> bool:
    """Under a heading, prose whose paragraphs open with a bold lead, the first one without
    a link ("**Context windows keep growing.** Every release …", then "**Lost in the
    middle.** A <a>recent study</a> …"): one explainer in paragraphs, not a run of
    entries each titled by its lead."""
    first = next_content(blocks, start)
    return (
        first is not None
        and not first.level
        and bool(first.bold_lead.strip())
        and not _LABEL_END.search(first.bold_lead)
        and len(first.text) >= 80
        and not content_links(first)
    )


def _read_more_line(blocks: list[Block], start: int, link: Link, span: int = 9) -> bool:
    """``link`` is the one of a "**Read more:** <a>…</a>" line in the next few blocks (or
    on the line after "**Read more:**" alone)."""
    before: Block | None = None
    for block in blocks[start : start + span]:
        if link in content_links(block) and (
            _says_read_more(block.bold_lead) or (before is not None and _read_more_label(before))
        ):
            return True
        if has_words(block.text):
            before = block
    return False


def _opens_prose(blocks: list[Block], start: int, link: Link, heading: str) -> bool:
    """``link`` opens a paragraph of the headline's prose in the next few blocks."""
    return any(
        blocks[j].lead is link and _headline_prose(blocks, j, heading)
        for j in range(start, min(start + 4, len(blocks)))
    )


def own_line(blocks: list[Block], start: int, link: Link) -> bool:
    """``link`` stands on a line of its own in the next few blocks (a title, a button) or
    on a "**Read more:** <a>…</a>" line: not a word inside a sentence ("… <a>here</a>.")."""
    return _read_more_line(blocks, start, link) or any(
        is_title_block(block) is link for block in blocks[start : start + 9]
    )


def _headline_prose(blocks: list[Block], i: int, heading: str) -> bool:
    """Under a headline (six words or more: a story's, no section's name), a paragraph of
    prose opening with a plain link ("<a>Researchers at a lab</a> have built …"), the
    only one so: the story's text carrying its link, not an entry of a link list."""
    block = blocks[i]
    lead = block.lead
    # A question of three words or more asks what a story answers ("Connaissez-vous Inside
    # Banking ?"): a headline too, no section's name.
    asks = word_count(heading) >= 3 and heading.rstrip()[-1:] in ("?", "？")
    if (word_count(heading) < 6 and not asks) or lead is None or block.in_list:
        return False
    if lead.bold and not asks:
        return False
    after = next_content(blocks, i + 1)
    return after is None or not lead_link(after)


_META_SPLIT = re.compile(r"\s[·|•]\s")


def meta_row(block: Block) -> bool:
    """A dek line of short parts between "·" / "|" whose links are whole parts of their
    own ("Weekly digest · October 20–31, 2025 · <a>Full calendar</a>"): the issue's meta
    line, not prose carrying a story's link."""
    parts = [p.strip() for p in _META_SPLIT.split(block.text)]
    if len(parts) < 3 or len(block.text) > 120 or any(len(p.split()) > 5 for p in parts):
        return False
    return all(link.text.strip() in parts for link in content_links(block))


# A paragraph drawn as a list entry: Outlook's "MsoListParagraph" is a "·" glyph, spaces
# and the text, in a plain <p>.
_BULLET = re.compile(r"^\s*[·•▪◦‣∙]\s")


def is_listed(block: Block) -> bool:
    """A list entry, or a paragraph that shows itself as one with a bullet glyph."""
    # Every bullet glyph is outside ASCII, so ASCII text holds none (isascii costs O(1)).
    return block.in_list or (not block.text.isascii() and bool(_BULLET.match(block.text)))


def lone_quip(blocks: list[Block], i: int) -> tuple[str, Link] | None:
    """ "## And finally…" over "You have 100ms to cancel, <a>or else</a>… 🏎", then the
    next heading or the footer: a one-line quip, its section's only entry, its one link
    mid-sentence (too short for a story titled by the heading). Titled by its link when
    the link names something of several words, else by its sentence (without the closing
    emoji); ``None`` for any other block."""
    block = blocks[i]
    if block.level or block.bold or is_listed(block) or len(block.links) != 1:
        return None
    links = content_links(block)
    if len(links) != 1 or is_cta(links[0].text) or block.lead is not None:
        return None
    text = squash(strip_decoration(block.text)).rstrip()
    while text and (unicodedata.category(text[-1]) in _TAIL_DECOR or text[-1].isspace()):
        text = text[:-1]
    if not 12 <= len(text) < 120 or word_count(text) - word_count(links[0].text) < 2:
        return None
    if _SENTENCE_BREAK.search(text):
        return None  # "Running a product? <a>Get in touch</a>.": a pitch, not a quip
    over = next((b.level for b in reversed(blocks[:i]) if b.level), 0)
    nxt = next_content(blocks, i + 1)
    ends = (
        nxt is None
        or (over > 0 and 0 < nxt.level <= over)  # a sub-heading next: the text introduces it
        or is_footer(nxt.text)
        or (bool(nxt.links) and not content_links(nxt))  # the footer's social row
    )
    if not ends:
        return None
    return (links[0].text if word_count(links[0].text) >= 3 else text), links[0]


# Where one sentence ends and another starts: "… decided. Speak up now."
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+\S")
# A closing pictograph and its joiners ("… 🏎", "👍🏽").
_TAIL_DECOR = frozenset({"So", "Sk", "Mn", "Cf", "Co"})


def is_link_take(block: Block) -> bool:
    """ "I keep coming back to Dan Luu's <a>list of things that look simple</a> whenever
    a deadline looks easy.": a short paragraph whose one link, of several words, sits
    anywhere in its sentence."""
    if block.level or not 40 <= len(block.text) < 300:
        return False  # a byline ("Ana Ruiz in Better Systems") is no sentence
    links = content_links(block)
    return (
        len(links) == 1
        and len(links[0].text) >= 8
        and word_count(links[0].text) >= 2
        and not is_cta(links[0].text)
    )


_SENTENCE_GAP = frozenset(" .;!?")


def linked_sentences(block: Block) -> list[Link]:
    """A paragraph of headlines, each a linked sentence of its own ("<a>Fed holds
    rates</a>. <a>Lender buys a rival</a>. <a>…</a>.", a columnist's "Things happen"):
    its links, three or more of three words or more with only full stops between them
    (unlinked sentences may close the paragraph); [] for any other block."""
    links = content_links(block)
    if len(links) < 3 or block.level:
        return []
    text, at = block.text, 0
    for n, link in enumerate(links):
        found = text.find(link.text, at)
        if (
            found < 0
            or word_count(link.text) < 3
            or (n and not _SENTENCE_GAP.issuperset(text[at:found]))
        ):
            return []
        if n and "." not in text[at:found]:
            return []
        at = found + len(link.text)
    return links if not text[: text.find(links[0].text)].strip() else []


def is_news_take(block: Block, listed: bool = False) -> bool:
    """ "Tigase published <a>BeagleIM 5.1</a> and <a>SiskinIM 7.1</a>, with …": a project
    newsletter's news paragraph, naming what it links mid-sentence; up to three links, the
    first (its title) of two words or more. A paragraph with one link is a take only when
    short (``is_link_take``): a long one is an essay's prose citing its source. With
    ``listed``, a list entry of two links or more in a sentence ("* Released <a>Monal
    6.3.0</a>, with <a>XEP-0425</a> …"; not "French: <a>a.org</a> and <a>b.org</a>")."""
    if block.level or block.in_list != listed or not 40 <= len(block.text) < 700:
        return False
    links = content_links(block)
    if len(links) == 1:
        return not listed and is_link_take(block)
    if listed:
        rest = block.text
        for link in links:
            rest = rest.replace(link.text, " ", 1)
        if word_count(rest) < 3:
            return False
    return (
        1 < len(links) <= 3
        and len(links[0].text) >= 8
        and word_count(links[0].text) >= 2
        and not is_cta(links[0].text)
    )


def link_takes(blocks: list[Block], start: int) -> int:
    """How many link takes follow one another from ``start`` (counting to three)."""
    return _takes(blocks, start, is_link_take)


def news_takes(blocks: list[Block], start: int) -> int:
    """How many news paragraphs (``is_news_take``) follow one another from ``start``
    (counting to three)."""
    return _takes(blocks, start, is_news_take)


def _takes(blocks: list[Block], start: int, take: Callable[[Block], bool]) -> int:
    count = 0
    for block in blocks[start : start + 12]:
        if not has_words(block.text):
            continue
        if count == 3 or not take(block):
            break
        count += 1
    return count


def card_link(blocks: list[Block], start: int) -> Link | None:
    """Under a card's title, short lines without links (authors, a venue) then a row of
    short links ("[PDF] [Code] [Project page]"): the row's first link is the card's."""
    for block in blocks[start : start + 4]:
        if not has_words(block.text):
            continue
        links = content_links(block)
        if not links:
            if len(block.text) >= 120 or block.level or block.bold:
                return None
            continue  # authors, a venue ("ICCV 2025": capitals, yet not a heading here)
        if len(links) < 2 or any(len(lk.text) > 20 for lk in links):
            return None
        covered = sum(len(lk.text.replace(" ", "")) for lk in links)
        return links[0] if covered >= 0.6 * len(block.text.replace(" ", "")) else None
    return None


# "(<a>Bloomberg</a>)", "(<a>Wired</a> $)": the source in brackets closing a brief, a "$"
# after its name marking a paywall.
_CITATION = re.compile(r"\(\s*([^()]{1,40}?)(?:\s+\$)?\s*\)[\s.]*$")


def row_button(blocks: list[Block], start: int) -> Link | None:
    """A table row read cell by cell: its name in bold (the heading), short cells without
    links (dates, a place), then a last cell that is one short link ("CFP", "Details",
    "Tickets") before the next row's name: that link is the row's."""
    cells = 0
    for n, block in enumerate(blocks[start : start + 5]):
        if not has_words(block.text):
            continue
        link = is_title_block(block)
        if link is None:
            if block.links or block.in_list or len(block.text) >= 40 or block.level or block.bold:
                return None  # a navigation list ("Terms", "Privacy", "Status") is no row
            cells += 1
            continue
        if not cells or link.text != strip_decoration(block.text) or word_count(link.text) > 2:
            return None
        if block.bold or block.level:
            return None  # a feed's name in bold over its posts, not a row's link cell
        # The next row's name, a heading, or prose that is no blurb of a short link (it
        # links mid-sentence: "Organising a conference? <a>Submit your CFP</a> …").
        after = next_content(blocks, start + n + 1)
        ends = after is None or is_heading(after) or is_title_block(after) is not None
        ends = ends or (after is not None and after.lead is None and bool(content_links(after)))
        return link if ends and len(link.text) <= 16 else None
    return None


def brief(block: Block) -> tuple[str, Link, str] | None:
    """ "📱 Apple is testing a cheaper headset. (<a>Bloomberg</a>)": a one-paragraph news
    brief citing its source in brackets at the end. Returns (the sentence, the link, the
    rest of the paragraph: "" here; see ``_dash_cited``)."""
    if block.level or len(block.text) > 300 or not block.text.rstrip(" .").endswith(")"):
        # ``_dash_cited`` names each source by a link of the block's: none without links.
        return None if block.level or not block.links else _dash_cited(block)
    links = content_links(block)
    if len(links) != 1 or len(links[0].text.split()) > 4:
        return None
    text = strip_decoration(block.text)
    m = _CITATION.search(text)
    if m is None or m.group(1) != links[0].text.strip():
        return None
    sentence = text[: m.start()].strip()
    if word_count(sentence) < 5:
        return None
    return (
        (sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence),
        links[0],
        "",
    )


_SOURCE_JOINS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_FIRST_BREAK = re.compile(r" [-–—] |(?<=[.!?]) (?=[A-Z0-9\"“])")


def closing_source(blocks: list[Block], start: int) -> Link | None:
    """A story's closing line naming its source after a short label and a dash ("More -
    <a>Hacktoberfest</a>.", "See the results - <a>OSHWA</a>."), before the next heading:
    the story's link, even when a bold lead or an inline link comes first."""
    window = blocks[start : start + 8]
    # Only a short line with a link and a dash can be the source line (``_dash_cited``
    # cuts at " - ", " – " or " — "): past the last such line the answer is None.
    end = len(window)
    while end and not _may_cite(window[end - 1]):
        end -= 1
    for block in window[:end]:
        if is_heading(block) or is_footer(block.text):
            return None
        if len(block.text) > 80 or not block.links:
            continue
        cited = _dash_cited(block, least=1)
        if cited is not None and not cited[2] and word_count(cited[0]) <= 5:
            return cited[1]
    return None


def _may_cite(block: Block) -> bool:
    """A necessary condition of ``closing_source`` taking ``block``: at most 80 characters,
    a link, and a dash between spaces for ``_dash_cited`` to cut at."""
    return bool(block.links) and len(block.text) <= 80 and _has_dash(block.text)


def _has_dash(text: str) -> bool:
    """``text`` holds " - ", " – " or " — ", where ``_dash_cited`` cuts off its sources."""
    return " - " in text or " – " in text or " — " in text


def _one_post(href: str) -> bool:
    """A link to one post or video ("/user/status/1316…", "watch?v=…"), not a profile."""
    try:
        parts = urlsplit(href)
    except ValueError:  # "https://[bad…": no address at all
        return False
    return bool(parts.query) or len([seg for seg in parts.path.split("/") if seg]) >= 2


def _dash_cited(block: Block, least: int = 3) -> tuple[str, Link, str] | None:
    """ "Animated Eyes using Sprite Sheets - <a>Adafruit Blog</a> and <a>Adafruit
    Forums</a>.": a news brief naming its sources after a dash at the end (the CircuitPython
    weekly's "News from around the web"). Titled by its words up to the first dash or
    sentence end, the rest its blurb, the first source its link."""
    if not _has_dash(block.text):
        return None  # the dash it cuts at is in the stripped text, so in the block's too
    text = strip_decoration(block.text).rstrip(" .!")
    if len(text) > 500:
        return None
    cut = max(text.rfind(" - "), text.rfind(" – "), text.rfind(" — "))
    if cut < 0:
        return None
    names = [n for n in _SOURCE_JOINS.split(text[cut + 3 :].strip()) if n]
    # A source may be a social network by name ("- <a>Twitter</a>"), linking one post or
    # video, not a profile: content_links sets such names aside as furniture.
    kept = content_links(block)
    links = [
        lk
        for lk in block.links
        if lk.href
        and (
            lk in kept
            or (
                _one_post(lk.href)
                and not is_boilerplate_link("", lk.href)
                and not _is_profile(lk.href)
            )
        )
    ]
    if not names or len(names) > len(links) or len(names) > 3:
        return None
    cited = links[len(links) - len(names) :]
    if any(
        lk.text.strip().casefold() != name.casefold() or word_count(name) > 4
        for lk, name in zip(cited, names, strict=True)
    ):
        return None
    words = text[:cut].strip()
    if word_count(words) < least:
        return None
    first = _FIRST_BREAK.search(words)
    if first is None:
        return words, cited[0], ""
    return words[: first.start()].rstrip(" ."), cited[0], words[first.end() :].strip()


# Where a sentence ends: "。", "！", "？" (no space after them) or ".", "!", "?" before a space.
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")


def numbered_brief(block: Block) -> tuple[str, Link, str] | None:
    """ "（1）内蒙古一煤矿，实现了<a>100台无人卡车</a>的编组运行。注意……": a numbered news
    paragraph whose one link sits in its sentence (or opens it and the sentence runs on:
    "（5）<a>阿联酋</a>成为……"). Returns (the sentence, the link, the rest)."""
    number = numbered_entry(block.text)
    if number is None or block.level:
        return None
    links = content_links(block)
    if len(links) != 1 or not links[0].text:
        return None
    text = block.text[number.end() :]
    anchor = links[0].text
    at = text.find(anchor)
    after = at + len(anchor)
    if at < 0 or (at == 0 and not text[after : after + 1].isalnum()):
        return None  # "1、<a>Title</a>（英文）": a title link and its note (``lead_link``)
    end = _SENTENCE_END.search(text, after)
    cut = end.end() if end is not None else len(text)
    title = text[:cut].strip()
    if not 6 <= len(title) <= 200:
        return None
    return title.rstrip("。."), links[0], text[cut:].strip()


def in_briefs(blocks: list[Block], at: int) -> bool:
    """The brief at ``at`` is one of a run (the next block with words is a brief too)."""
    after = next_content(blocks, at + 1)
    if after is None or brief(after) is None:
        return False
    # "+ Regulators are watching too. (<a>Reuters</a>)" under a paragraph with no "+": more
    # reading on that story (a daily briefing's list), not the next brief of a run.
    return not (is_plus_line(after.text) and not is_plus_line(blocks[at].text))


def is_plus_line(text: str) -> bool:
    """A line opening with a "+" glyph, then a space: "+ More on it. (Source)"."""
    return text.startswith(("+ ", "+\u00a0"))


def plus_entry(block: Block) -> bool:
    """ "+ Why <a>slow bread</a> tastes better.": a "+" line holding one link of its own,
    citing no source in brackets (that is more reading on a story: ``in_briefs``)."""
    if block.level or not is_plus_line(block.text) or len(content_links(block)) != 1:
        return False
    return plus_brief(block) is None


def plus_brief(block: Block) -> tuple[str, Link, str] | None:
    """``brief`` of a "+" line's words after its "+"."""
    return brief(replace(block, text=block.text[2:].lstrip(), content=None))


def plus_entries(blocks: list[Block], at: int) -> int:
    """How many "+" entries (``plus_entry``) run from ``at`` on, one right after another."""
    n = 0
    while at + n < len(blocks) and plus_entry(blocks[at + n]):
        n += 1
    return n


def plus_follows(blocks: list[Block], at: int) -> bool:
    """The block after ``at`` is a "+" entry (``plus_entry``)."""
    return at + 1 < len(blocks) and plus_entry(blocks[at + 1])


def _labelled_title(block: Block) -> bool:
    """ "**ICYMI:** <a>A database company moved back to open source</a>, a year on": a
    label, then a link of several words right after it: a story of its own."""
    label = block.bold_lead.strip()
    rest = strip_decoration(block.text)[len(label) :].lstrip()
    links = content_links(block)
    return (
        bool(rest)
        and word_count(links[0].text) >= 4
        and rest.startswith(links[0].text)
        and not is_cta(links[0].text)
    )


def is_label_line(block: Block) -> bool:
    """A short bold line ending in a colon ("**The details:**"): it introduces what follows."""
    return (
        block.bold
        and not block.level
        and block.text.rstrip().endswith(":")
        and len(block.text.split()) <= 5
        and not content_links(block)
    )


def cited_bullet(block: Block) -> bool:
    """A list entry of a story's prose: a sentence or more (80 characters) whose links
    sit mid-sentence as its sources ("Musk decried the hires, the Journal <a>reported</a>."),
    none opening it nor filling half of it."""
    links = content_links(block)
    if not links or not is_listed(block) or len(block.text) < 80 or block.lead in links:
        return False
    text = strip_decoration(block.text)
    if any(text.startswith(lk.text.strip()) for lk in links):
        return False
    return 2 * sum(len(lk.text) for lk in links) <= len(text)


def has_item_link(block: Block) -> bool:
    """The block holds a link that could title an item (not "#902", not a button)."""
    return any(len(lk.text) >= 8 and not is_cta(lk.text) for lk in content_links(block))


def is_inline_link(blocks: list[Block], start: int, link: Link) -> bool:
    """The heading item's link is only a link inside its prose (not a "Read more" line, a
    source line or a "**Read more:**" label): a weaker sign that the heading is a story.
    Words of a sentence are no button even when "here" or "link" is among them ("…; <a>the
    template is here</a> if you want it")."""
    if is_cta(link.text) or (_says_read_more(link.text) and len(link.text.split()) <= 3):
        return False
    for block in blocks[start : start + 8]:
        if any(lk is link for lk in block.links):
            if block.lead is link:
                return False  # "<a>Researchers at a lab</a> have built …": the prose opens with it
            label = block.bold_lead
            return is_title_block(block) is None and not (label and _says_read_more(label))
    return True


def prose_under(blocks: list[Block], start: int) -> tuple[int, int]:
    """The prose under a heading, up to the next heading: (paragraphs, width), a CJK
    character counting as two. List entries and short lines (a byline) are no paragraphs."""
    paras = width = 0
    for block in blocks[start : start + 80]:
        if block.level:
            break
        size = len(block.text) + cjk_chars(block.text)
        if block.in_list or size < 30:
            continue
        paras += 1
        width += size
    return paras, width


def shows_address(link: Link) -> bool:
    """A link whose words are its own address, with or without the scheme
    ("github.com/awslabs/llrt", "<https://dub.sh/paper-read>")."""
    text = link.text.strip().rstrip("…/")
    return (
        len(text) >= 8
        and "." in text
        and " " not in text
        and (link.href.startswith(text) or link.href.partition("://")[2].startswith(text))
    )


def unlink_shared_headings(blocks: list[Block]) -> None:
    """Headings that all link one address ("## [🦄文章&教程](…/p/weekly)", "## [🐿️项目&资源](…/p/weekly)":
    the newsletter's own page behind every section name) are section headings; the link
    is no story's."""
    seen: dict[str, int] = {}
    before = ""  # the link of the block before, when a heading: one link around two headings
    for block in blocks:
        href = block.links[0].href if block.level and len(block.links) == 1 else ""
        if href and href != before:
            seen[href] = seen.get(href, 0) + 1
        before = href
    shared = {href for href, n in seen.items() if n >= 2}
    if shared:
        # An address the text between two of its headings links too is a story's or an
        # ad's (its title and its button both headings, "WorkOS" linked in its text):
        # not the newsletter's own page.
        spans = {
            href: [
                j for j, b in enumerate(blocks) if b.level and b.links and b.links[0].href == href
            ]
            for href in shared
        }
        shared = {
            href
            for href, at in spans.items()
            if not any(
                lk.href == href
                for block in blocks[at[0] + 1 : at[-1]]
                if not block.level
                for lk in block.links
            )
        }
    if not shared:
        return
    for block in blocks:
        if block.level and len(block.links) == 1 and block.links[0].href in shared:
            block.links = []
            block.lead = None
            block.content = None


def drop_table_of_contents(blocks: list[Block]) -> None:
    """Links into the issue's own page ("…/p/issue-212#story-2"), several of them close
    together, are a table of contents: the stories follow below, so the jump links are
    not items. Jump links spread through the issue, one per story ("Read more" into the
    web version), are the stories' own links and stay."""
    anchors: dict[str, set[str]] = {}
    where: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        for lk in block.links:
            base, sep, fragment = link_target(lk.href).partition("#")
            if sep and fragment:
                anchors.setdefault(base, set()).add(fragment)
                where.setdefault(base, []).append(i)
    toc = {
        base
        for base, fragments in anchors.items()
        if len(fragments) >= 2 and not _prose_between(blocks, where[base])
    }
    if not toc:
        return
    for block in blocks:
        for lk in block.links:
            base, sep, _ = link_target(lk.href).partition("#")
            if sep and base in toc:
                lk.href = ""  # not a web link any more: never an item
        block.content = None


def drop_tag_rows(blocks: list[Block]) -> None:
    """A small heading of a few short links and nothing else ("<h6><a>Leadership</a>
    <a>Management</a></h6>", set right) under each item's summary, before the next title: the digest
    files every item under topics, and the topics' pages are neither items nor part of
    the summary. Three rows or more, their links all on one site (".../tags/…") and
    naming several topics (the same words under every story are its button: "Go
    deeper"), none followed by a paragraph of its own (a short title over its summary
    is an item)."""
    rows = [
        i
        for i, block in enumerate(blocks)
        if _tag_row(block) and _closes_summary(blocks, i) and not _summary_follows(blocks, i)
    ]
    if len(rows) < 3:
        return
    links = [lk for i in rows for lk in blocks[i].links]
    if len({_site(lk.href) for lk in links}) != 1:
        return
    if len({lk.text.strip().casefold() for lk in links}) < 2 or any(
        _says_read_more(lk.text) for lk in links
    ):
        return  # one button under every story ("Go deeper"), not topics
    for i in rows:
        block = blocks[i]
        block.text, block.links, block.lead, block.content = "", [], None, None


def _tag_row(block: Block) -> bool:
    """A minor heading (h4-h6) of only links (one to four), each a word or two
    ("CareerAdvice", "Deep Dive")."""
    if block.level < 4 or not 0 < len(block.links) <= 4 or block.in_list:
        return False
    rest = block.text
    for lk in block.links:
        words = lk.text.split()
        if not 0 < len(words) <= 2 or len(lk.text) > 24 or not lk.href:
            return False
        rest = rest.replace(lk.text.strip(), " ", 1)
    return not has_words(rest)


def _closes_summary(blocks: list[Block], i: int) -> bool:
    """The block with words before ``i`` is a paragraph, not a title or another row."""
    before = next((b for b in reversed(blocks[max(0, i - 3) : i]) if has_words(b.text)), None)
    return before is not None and not before.level and before.lead is None and not before.bold


def _summary_follows(blocks: list[Block], i: int) -> bool:
    after = next_content(blocks, i + 1)
    return (
        after is not None
        and not after.level
        and not after.bold
        and not after.links
        and len(after.text) >= 40
    )


def _site(url: str) -> str:
    try:
        host = urlsplit(url).netloc.lower()
    except ValueError:  # "https://[bad…": no host
        return ""
    return host.removeprefix("www.")


def _prose_between(blocks: list[Block], indices: list[int]) -> bool:
    """A paragraph of prose sits between two of these blocks (stories, not a contents list)."""
    return any(len(blocks[k].text) >= 80 for a, b in pairwise(indices) for k in range(a + 1, b))


def next_content(blocks: list[Block], start: int) -> Block | None:
    return next((b for b in blocks[start : start + 4] if has_words(b.text)), None)


def story_date(block: Block) -> bool:
    """ "**March 2024**" alone in bold (no heading, no link): a date line under a story's
    heading, when it first ran."""
    return block.bold and not block.level and not block.links and is_dateline(squash(block.text))


def dated_byline(text: str) -> bool:
    """ "By Ana Ruiz • 03.14.25", "By Ana Ruiz and Li Wei": a byline (its date at most) set
    as a heading: it names the issue's writer and heads nothing."""
    authors, _, rest = byline(squash(text))
    return bool(authors) and (
        not rest
        or (len(rest) < 30 and is_dateline(rest))
        or _NUMERIC_DATE.fullmatch(rest) is not None
    )


_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


# A block that is wholly a quotation, and the dash opening the attribution line under it.
_QUOTATION = re.compile(r'^["“„«][^"“”„«»]{12,}["”“»][.!?]?$')
_ATTRIBUTION = re.compile(r"^[—–―]\s*\w")


def quote_box(blocks: list[Block], at: int) -> int | None:
    """ "# “Nobody reads the manual.”" over "—Ana Ruiz, a pilot, tells <a>The Ledger</a>":
    a quotation set as a heading (or in bold) and its attribution, a box between stories,
    no story. The attribution's index. (A plain paragraph quoting is an item's blurb.)"""
    block = blocks[at]
    if (
        block.links
        or not (block.level or block.bold)  # a quotation of any length
        or not _QUOTATION.match(squash(strip_decoration(block.text)))
    ):
        return None
    for k in range(at + 1, min(at + 4, len(blocks))):
        if has_words(blocks[k].text):
            return k if _ATTRIBUTION.match(blocks[k].text.lstrip()) else None
    return None


def word_by_word(block: Block) -> bool:
    """The block's only links are a phrase linked word by word, three words or more, each
    to its own page ("<a>As</a> <a>in</a> <a>past</a> <a>holiday</a> <a>seasons</a>, this
    issue …", each word an earlier issue): citations inside a sentence, no story's link."""
    links = content_links(block)
    if len(links) < 3 or any(" " in lk.text.strip() for lk in links):
        return False
    return " ".join(lk.text.strip() for lk in links) in block.text


def pick_link(block: Block) -> Link:
    links = content_links(block)
    for link in links:
        # A read-more word of its own: "link" in "LinkedIn" names no button.
        if _says_read_more(link.text):
            return link
    return links[0]


# A link to an item's discussion, not to the item: "comments", "(42 comments)",
# "discussion", "Discuss on HN", "lobste.rs", "r/rust". Kept in ``Item.links``.
_DISCUSSION_TEXT = re.compile(
    r"^(?:\d[\d,.]*k?\s+(?:comments?|replies|points)|comments|replies|discussion|thread"
    r"|(?:discuss|discussion|comments|thread)\s+(?:on|at|in)\s+\S.*"
    r"|(?:hn|hacker news|reddit|lobste\.?rs|r/\w+)(?:\s+(?:discussion|thread|comments))?)$"
)
_THREAD_HOSTS = re.compile(r"ycombinator|lobste\.rs|reddit", re.I)
# A thread page on a discussion site: (host, what its path starts with or holds).
_THREAD_PAGES = (
    ("news.ycombinator.com", "/item"),
    ("lobste.rs", "/s/"),
    ("reddit.com", "/comments/"),
    ("old.reddit.com", "/comments/"),
)


def is_discussion(link: Link) -> bool:
    """A short link to the item's comments or discussion thread (not the item itself).

    By its words ("comments", "42 comments", "Discuss on HN"), or a link of at most three
    words to a thread on a discussion site (Hacker News, lobste.rs, Reddit)."""
    if is_address(link) and is_thread_page(link.href):
        return True  # the thread's address written out under the story
    if len(link.text) > 48 or link.image_only:
        return False  # a title, not "(42 comments)"
    return _is_discussion(link.text, link.href, link.bold)


@functools.lru_cache(maxsize=8192)  # newsletters repeat their links; the answer is pure
def _is_discussion(text: str, href: str, bold: bool = False) -> bool:
    words = strip_decoration(text).strip(" ()[]|·•→»›").lower()  # "comments→"
    if not words or len(words) > 40:
        return False
    if _DISCUSSION_TEXT.match(words):
        # "r/rust" linking the community's own page (a card's byline), not a thread.
        return not (words[:2] == "r/" and is_boilerplate_link(text, href))
    # A bold short link to a thread ("**<a>Announcing Rust 1.88.0</a>**" in a Reddit
    # digest) is the post's title; a discussion link is small print.
    return (
        not bold
        and len(words.split()) <= 3
        and is_thread_page(href)
        and not _titles_thread(words, href)
    )


def _titles_thread(words: str, href: str) -> bool:
    """The link's words are the thread's own title, spelled in its URL's slug ("Bevy 0.17
    released" -> "/r/rust/comments/1nu8x2k/bevy_017_released/"): the post, not a link to
    its comments."""
    letters = "".join(ch for ch in words if ch.isalnum())
    if len(letters) < 6:
        return False
    try:
        path = urlsplit(link_target(href)).path.lower()
    except ValueError:
        return False
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    return letters in "".join(ch for ch in slug if ch.isalnum())


def is_thread_page(url: str) -> bool:
    """A discussion thread: a Hacker News item, a lobste.rs story, a Reddit comments page."""
    if not _names_thread_host(url):
        return False  # the common case, without parsing the URL
    try:
        parts = urlsplit(link_target(url))
    except ValueError:
        return False
    host = (parts.hostname or "").removeprefix("www.")
    return any(host == h and mark in parts.path for h, mark in _THREAD_PAGES)


def _names_thread_host(url: str) -> bool:
    """``_THREAD_HOSTS.search(url)``. An ASCII URL (nearly every one) matches exactly when
    its lower case holds a host's name: substring tests, 8x faster than the regex, whose
    case folding differs from ``str.lower`` only outside ASCII ("ſ" for "s")."""
    if url.isascii():
        low = url.lower()
        return "ycombinator" in low or "lobste.rs" in low or "reddit" in low
    return _THREAD_HOSTS.search(url) is not None


_EMPTY_BRACKETS = re.compile(r"[(\[]\s*[)\]]")


def without_link_text(text: str, link: Link) -> str:
    """The text with the link's words (its last occurrence) taken out, and the empty
    brackets or dangling separators they leave ("… seen. (discussion)" -> "… seen.")."""
    at = text.rfind(link.text) if link.text else -1
    if at < 0:
        return text
    text = text[:at] + text[at + len(link.text) :]
    text = _EMPTY_BRACKETS.sub("", text)
    return " ".join(text.split()).strip(" |·•,;-–—")


# "This week's sponsor", "Today's partners": the sponsor section's heading.
_OUR_SPONSOR = re.compile(
    r"^(?:(?:this|last) week'?s|today'?s|this (?:issue|edition|episode)'?s|issue|edition"
    r"|episode|featured)\s+(?:sponsors?|partners?)\W*$",
    re.I,
)


def is_sponsor_heading(heading: str) -> bool:
    """A heading over sponsored content ("Sponsored", "Our partners", "This week's sponsor")."""
    return bool(SPONSOR_SECTION.match(heading) or _OUR_SPONSOR.match(heading.replace("’", "'")))


def _bold_label(block: Block) -> bool:
    """A bold line of one to three words, no link, no heading tag: a section label."""
    text = squash(block.text)
    return (
        block.bold
        and not block.level
        and not block.links
        and 0 < len(text.split()) <= 3
        and text[-1:].isalnum()
    )


def sponsor_label_in_run(blocks: list[Block], i: int, section: str | None) -> bool:
    """A bold one-word sponsor label ("Sponsored") written like the issue's section
    labels: the section it follows was opened by a bold label of its own in the same
    case ("Articles"), and the next label ("Android", or the sign-off's "Contribute")
    comes after an ad or two (title, blurb, source line each), or the issue ends as
    soon. Kotlin Weekly's column of labels, one of them "Sponsored": its ads are that
    section's, not the articles' above it. A "SPONSORED" tag in capitals over one card
    among title-case labels, the section's stories going on below the ad, only marks
    that card."""
    label = squash(blocks[i].text)
    if section is None or " " in label or not _bold_label(blocks[i]):
        return False
    opener = next((b for b in reversed(blocks[:i]) if _bold_label(b)), None)
    if opener is None or squash(opener.text) != section or section.isupper() != label.isupper():
        return False
    ahead = blocks[i + 1 : i + 8]
    return any(_bold_label(b) for b in ahead[1:]) or len(ahead) < 7


def _introduces(block: Block) -> bool:
    """A paragraph ending in a colon, its links inside the sentence: it introduces what
    follows it (a list, a note that the list is empty), it is no story's text."""
    text = block.text.rstrip()
    if not text.endswith(":"):
        return False
    tail = text[-40:]
    return all(lk.text.strip() and lk.text.strip() not in tail for lk in block.links)


def _heads_entries(blocks: list[Block], i: int) -> bool:
    """The heading at ``i`` is right over list entries ("#### RFCs" / "* …"), no prose
    between (a subsection with its own introduction is a story's or an announcement's)."""
    nxt = next_content(blocks, i + 1)
    return nxt is not None and is_listed(nxt)


_CARD_HEADING_WORDS = 10


def bold_card_headings(blocks: list[Block]) -> None:
    """A lead card's heading set only by its type size (Klaviyo, GetResponse: ``<p><span
    style="font-size:30px">Brew School returns this April</span></p>``), which the walk
    reads as plain text: a short plain line over a paragraph of prose or two and then the
    card's lone button ("Reserve a seat") reads as a bold line, the card's heading. (Right
    under a heading such a line is its byline or speaker: "## Keynote" / "Dr. Helena
    Varga" / the abstract / "▶ Watch recording".)"""
    under_heading = False
    for i, block in enumerate(blocks):
        if not has_words(block.text):
            continue
        if not under_heading and _plain_heading_line(block) and _card_prose(blocks, i + 1):
            block.bold = True
        under_heading = bool(block.level or block.bold)


def _plain_heading_line(block: Block) -> bool:
    """A short plain line that could be a heading set by its type alone: capitalised, ten
    words at most, no links, no digits, no closing punctuation."""
    text = block.text
    return not (
        block.level
        or block.bold
        or block.links
        or block.in_list
        or len(text) > 80
        or not text[:1].isupper()
        or text[-1:] in ".!?:,;…)"
        or any(ch.isdigit() for ch in text)
        or word_count(text) > _CARD_HEADING_WORDS
    )


def _card_prose(blocks: list[Block], start: int) -> bool:
    """From ``start``: one paragraph of prose or two (no links), then a lone button."""
    prose = 0
    for block in blocks[start : start + 6]:
        if not has_words(block.text):
            continue
        if not block.links and not block.level and len(block.text) >= 80:
            prose += 1
            if prose > 2:
                return False
            continue
        link = is_title_block(block)
        return (
            bool(prose) and link is not None and (is_cta(link.text) or _says_read_more(link.text))
        )
    return False
