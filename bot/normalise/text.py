"""Text repair shared by decode and normalise: mojibake, entities, whitespace."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import ahocorasick

from bot.normalise.ftfy_fast import badness, fix_text, holds_seed, is_bad

# UTF-8 bytes shown through a single-byte code page: the usual culprits, most specific first.
_MISREAD_AS = ("macroman", "cp1252", "latin-1")
_FTFY_LIMIT = 2_000_000


def _lead_chars() -> str:
    # What a UTF-8 lead byte (0xC2-0xF4) looks like when read through each code page:
    # mojibake cannot happen without one of these characters.
    chars = set()
    for codec in _MISREAD_AS:
        for byte in range(0xC2, 0xF5):
            try:
                chars.add(bytes([byte]).decode(codec))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(chars))


_LEAD = re.compile("[" + re.escape(_lead_chars()) + "]")


# Chunks of this many characters are tested for a seed one by one (``_may_be_bad``),
# and a chunk holding a non-ASCII character in parts of _SEED_PART characters.
_SEED_CHUNK = 256
_SEED_PART = 32


def _may_be_bad(text: str) -> bool:
    """Some seed of ftfy_fast's badness search (``holds_seed``) is in ``text``: without
    one, ``is_bad`` is False on any text made of its lines. Mail bodies hold few non-ASCII
    characters and almost never a seed: a chunk is first sliced (CPython measures each
    new string's widest character word by word, so ``isascii`` is then free) and only a
    chunk holding a non-ASCII character is searched, at ~60 instructions a character.
    Each slice reaches one character into the next chunk: a seed's second character."""
    for start in range(0, len(text), _SEED_CHUNK):
        piece = text[start : start + _SEED_CHUNK + 1]
        if not piece.isascii() and _part_holds_seed(text, start, start + _SEED_CHUNK):
            return True
    return False


def _part_holds_seed(text: str, start: int, end: int) -> bool:
    """``holds_seed(text[start : end + 1])``, searching it without its ASCII parts of
    _SEED_PART characters at either end: a chunk's one curly quote or accent is then
    searched with its part's 32 characters, not the chunk's 256 (compiled, a slice costs
    less than three characters' search), and a Russian or Chinese chunk costs two slices
    more. A seed is non-ASCII characters only, so none touches an ASCII part (parts
    overlap by one character, as chunks do: a pair across their border is kept)."""
    lo, hi = start, min(end, len(text))
    while lo + _SEED_PART < hi and text[lo : lo + _SEED_PART + 1].isascii():
        lo += _SEED_PART
    while hi - _SEED_PART > lo and text[hi - _SEED_PART : hi + 1].isascii():
        hi -= _SEED_PART
    return holds_seed(text[lo : hi + 1])


def looks_broken(text: str) -> bool:
    """ftfy's ``is_bad`` on just the lines that could hold mojibake (a lead character is
    never ASCII: the regex skips the ASCII lines, most of an email's markup). Splitting
    the lines and searching them (~30 instructions a character of a body) waits until
    ``_may_be_bad`` finds a seed, which mail almost never holds."""
    if text.isascii() or not _may_be_bad(text):
        return False
    suspect = [line for line in text.splitlines() if not line.isascii() and _LEAD.search(line)]
    return bool(suspect) and is_bad("\n".join(suspect))


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Mac Roman / cp1252 / Latin-1 put back, and ftfy's other fixes.

    ftfy judges each line alone, so a short line such as a lone "üöÄ" (🚀 read as Mac
    Roman) escapes it. When the whole text re-encodes cleanly into valid UTF-8 *and*
    the result looks less broken, the whole text was misread: fix it in one go.
    """
    if len(text) > _FTFY_LIMIT or not looks_broken(text):
        return text
    for codec in _MISREAD_AS:
        try:
            fixed = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != text and badness(fixed) < badness(text):
            text = fixed
            break
    return fix_text(text)


# Soft hyphens, zero-width spaces, word joiners and zero-width no-break spaces: marks in
# or between words that show nothing ("Data\u00adbase" is "Database"); and the zero-width
# non-joiner and combining grapheme joiner builders pad preheaders with and put in dates
# ("Nov&zwnj; 27"), kept only between two letters of a script where the non-joiner is
# spelling (from Hebrew on, U+0590: Persian "می‌خواهم"), as ``parsers.text`` reads them.
_JOINERS = "\u034f\u200c"
_INVISIBLE_MARKS = "\u00ad\u200b\u2060\ufeff" + _JOINERS
_INVISIBLE = re.compile(f"[{_INVISIBLE_MARKS}]")


_MAY_SPELL = re.compile(f"[\u0590-\U0010ffff][{_JOINERS}][\u0590-\U0010ffff]")
_UNSEEN_MARKS = dict.fromkeys(map(ord, _INVISIBLE_MARKS))


def _unseen(m: re.Match[str]) -> str:
    ch, text, at = m.group(), m.string, m.start()
    if (
        ch in _JOINERS
        and 0 < at < len(text) - 1
        and text[at - 1] >= "\u0590"
        and text[at + 1] >= "\u0590"
        and text[at - 1].isalpha()
        and text[at + 1].isalpha()
    ):
        return ch
    return ""


def clean_text(text: str) -> str:
    """One line of display text: mojibake repaired, entities decoded, invisible marks
    (``_INVISIBLE``) dropped, whitespace joined."""
    if not text:
        return text
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        if looks_broken(text):
            text = fix_text(text)
        if _INVISIBLE.search(text):
            # A preheader's padding holds no joiner between two letters that may spell:
            # one translate, not a Python call per mark.
            if _MAY_SPELL.search(text) is None:
                text = text.translate(_UNSEEN_MARKS)
            else:
                text = _INVISIBLE.sub(_unseen, text)
    if _is_squashed(text):
        return text  # most fields come from the parsers squashed already
    # str.split() splits on exactly the characters regex \s matches (and strip() trims):
    # the same as re.sub(r"\s+", " ", text).strip(), 4x faster. Runs on every item field.
    return " ".join(text.split())


def _is_squashed(text: str) -> bool:
    """True only when ``" ".join(text.split()) == text``, found without building the
    words: str.split splits at the characters ``str.isspace`` holds, and all of them
    but " " are unprintable (control characters and Unicode's separators), so a
    printable text splits only at its spaces, and gives itself back when no space ends
    it or follows another. (A text with other unprintables is left to the split.)"""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


# "Read more →", "Continue reading", "Weiterlesen »" closing a blurb: the link's button,
# not part of the summary. Only as a sentence of its own (after ".", "!", "?", a bracket,
# a quote or a separator), so "… where you can read more" keeps its words. Any short
# button ending in an arrow ("Apply →", "Save your seat →", "Jetzt testen ›") too.
_TRAILING_CTA = re.compile(
    r"(?:^|(?<=[.!?…)\]\"”’:。」])|\s[|·•—–-])\s*"
    r"(?:(?:read (?:more|the (?:full )?(?:story|article|post|piece|essay|report|paper|changelog"
    r"|release notes))|continue reading|keep reading|full story|more here|learn more"
    r"|weiterlesen|mehr lesen|zu[rm]? (?:reportage|analyse|studie|story|meldung|nachricht"
    r"|artikel|beitrag|bericht)"
    r"|leer más|seguir leyendo|lire la suite|lire l['’]article|en savoir plus"
    # "Read on Substack", "Leer en elDiario.es": the button names the site it opens.
    r"|read(?: it)?(?= on )|leer(?= en )|leer (?:el artículo|la noticia)"
    r"|leggi (?:di più|tutto|l['’]articolo)|continua a leggere|leia mais|continue lendo|saiba mais"
    r"|ler (?:mais|o post|o artigo|a matéria)|mehr"
    r"|lees (?:meer|verder)|verder lezen|começar agora|comece (?:agora|já)"
    r"|experimente (?:grátis|agora)|scopri (?:di più|come)|inizia (?:ora|subito)"
    r"|meer (?:info|informatie)|probeer (?:het )?(?:gratis|nu)"
    r"|続きを読む|記事を読む|詳しくはこちら"
    r"|더 ?보기|자세히 보기|원문 보기|바로 ?가기|阅读全文|阅读原文|查看详情|了解更多|閱讀全文"
    r"|читать (?:далее|дальше|полностью|статью)|подробнее|להמשך קריאה|קר(?:או|א) עוד|לכתבה המלאה"
    r"|להאזנה|להרשמה|czytaj (?:dalej|więcej)|devamını oku|läs (?:mer|vidare|hela artikeln)"
    r"|читати (?:далі|більше|повністю)|детальніше|اقرأ (?:المزيد|المقال)|تابع القراءة"
    # Finnish, Norwegian, Danish, Vietnamese, Indonesian ("Lue lisää", "Đọc thêm").
    r"|lue (?:lisää|koko (?:juttu|artikkeli|uutinen))|jatka lukemista|les (?:mer|hele saken)"
    r"|læs (?:mere|hele artiklen)|đọc (?:thêm|tiếp|bài viết)|xem (?:thêm|chi tiết)"
    r"|baca (?:selengkapnya|lebih lanjut|artikel))"
    r"(?: (?:in|on|at|en) (?:the )?(?:(?-i:[a-z]{0,2}[A-Z])[\w.-]*(?: (?-i:[A-Z])[\w.-]*)?|\w+\.[a-z]{2,6}))?"
    r"\s*[→›»>…←]*\.?)\s*$"
    # A button after a full stop ("… 15% off. Shop the kits »"), or one word anywhere
    # ("… · Full-time Apply →"): "Full-time" is the listing's, not the button's.
    r"|(?:(?<=[.!?…)\]\"”’:])\s*(?-i:[A-ZÀ-Ý])[\w'’-]*(?: [\w'’$-]+){0,3}"
    r"|(?<=\s)(?-i:[A-ZÀ-Ý])[\w'’-]*)\s*[→›»]\s*$",
    re.I,
)


# Every _TRAILING_CTA phrase holds one of these; the other buttons end in an arrow.
_CTA_WORDS = (
    "read more", "read the", "reading", "read on", "read it on", "leer en", "leer el", "leer la", "full story", "more here", "learn more", "lesen", "zu",
    "leer m", "leyendo", "lire ", "en savoir plus", "leggi", "leggere", "leia mais", "lendo",
    "saiba mais", "lees ", "lezen", "começar", "ler ", "mehr", "comece", "experimente", "scopri", "inizia",
    "meer info", "probeer", "続きを読む", "記事を読む", "詳しくは",
    "보기", "가기", "阅读", "查看", "了解", "閱讀", "читать", "подробнее", "קריאה", "עוד",
    "לכתבה", "להאזנה", "להרשמה", "czytaj", "devamını", "läs ", "читати", "детальніше",
    "اقرأ", "تابع القراءة", "lue ", "jatka lukemista", "les mer", "les hele", "læs ", "đọc ",
    "xem ", "baca ",
)  # fmt: skip
_CTA_ARROWS = ("→", "›", "»", "←")


def _words_automaton(words: Iterable[str]) -> Any:
    """An Aho-Corasick automaton (pyahocorasick) over ``words`` (as parsers.text's)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


_CTA_FINDER = _words_automaton(_CTA_WORDS)


def _names_a_cta_word(low: str) -> bool:
    """``any(word in low for word in _CTA_WORDS)`` in one C pass over ``low`` instead of
    a substring scan for each of the ~50 words (~16k instructions a blurb)."""
    return next(_CTA_FINDER.iter(low), None) is not None


# No _TRAILING_CTA match spans more words than this: a separator, a phrase of up to five
# words, "in the Feedly App", the closing arrows (or a button of five words and its arrow).
_CTA_MAX_WORDS = 16
# Under re.I these match "i" and "s" though str.lower() does not make them so.
_ODD_FOLDS = ("ı", "İ", "ſ")


def _holds_odd_fold(blurb: str) -> bool:
    """``any(c in blurb for c in _ODD_FOLDS)``; none of them is ASCII, so an ASCII blurb
    (most are) is answered without the generator and its three scans."""
    return not blurb.isascii() and any(c in blurb for c in _ODD_FOLDS)


# A button's words on a line of their own: a capitalised word and up to four more, closed
# by an arrow ("Book a 20-minute demo →", "Start free »"); no sentence punctuation.
_BUTTON_LINE = re.compile(r"[^\W\d_][\w'’-]*(?: [\w'’$%-]+){0,4}\s*[→›»]")


def drop_button_line(blurb: str) -> str:
    """The blurb without its last line when that line is a short arrow-closed button: the
    end of a line ends what is above it ("✅ Audit trail for every match" over "Book a
    demo →") as a full stop would. Parsers keep line breaks in a blurb for this."""
    if "\n" not in blurb:
        return blurb
    head, _, last = blurb.rstrip().rpartition("\n")
    last = " ".join(last.split())
    if last[:1].isupper() and _BUTTON_LINE.fullmatch(last) and head.strip():
        return head
    return blurb


def drop_trailing_cta(blurb: str) -> str:
    """The blurb without a closing "Read more →" (see ``_TRAILING_CTA``)."""
    if len(blurb) > 2000 or not blurb:
        return blurb
    kept = blurb.rstrip()
    # A match ends the blurb and spans at most _CTA_MAX_WORDS words: search only those.
    head = blurb.rsplit(None, _CTA_MAX_WORDS)
    start = len(head[0]) if len(head) > _CTA_MAX_WORDS else 0
    if not kept.endswith(_CTA_ARROWS):
        # A match holds a CTA word (or an odd fold), and it starts at ``start`` or
        # later: only the tail is read for one (lowering is character by character).
        tail = blurb[start:] if start else blurb
        if not _names_a_cta_word(tail.lower()) and not _holds_odd_fold(tail):
            return kept  # the regex cannot match: skip its scan of every position
    m = _TRAILING_CTA.search(blurb, start)
    if m is None:
        return kept
    return (blurb[: m.start()] + blurb[m.end() :]).rstrip()  # one match at most: it ends it
