"""The meta line under a title in feed digests (Feedly, Inoreader, Mailbrew, Blogtrottr):
where the post comes from, when, how long it takes to read.

    The rest of the 6.16 merge window
    LWN.net · 3h ago                            <- meta line
    By the time Linus Torvalds released …       <- the blurb

"LWN.net · 3h ago", "Julia Evans — Jun 4, 2025", "Systems Reading · 8 min read",
"Jun 3, 2025 · 14 min read", "via Julia's blog on Jul 15, 2025 09:12 PM", "— Will Larson",
"— Dana Reyes, Omar Lind", "Oct 6, 2025 09:14 am · By Mira Castellanos" (Mailchimp's RSS
campaigns):
none of it is the summary. ``meta_line`` says whether a line is one, and gives the read
time and the author it names, if any.

An absolute date alone is ambiguous: under an event's title ("June 24, 2025 · Berlin") it
is the news. A post's date is on or before the issue's, an event's after it, so a line
whose only time is an absolute date counts when the date is not after the issue date (and
not at all when that is unknown). Relative times ("3h ago", "yesterday") and read times
always count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from parsers.text import find_date

MAX_META = 100

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?"
_RELATIVE = re.compile(
    r"(?:\d{1,3}\s?(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mo|mos|months?|y|yrs?|years?)|an?\s+(?:minute|hour|day|week|month|year))\s+ago"
    r"|yesterday|today|just now",
    re.I,
)
_ABSOLUTE = re.compile(
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d\d-\d\d){_TIME}",
    re.I,
)
# A read time's minutes: "8 min", "8 mins", "8 minutes", "8 Min.", "8 Minuten", "8 minutos",
# "8 minuti" (never hours or any other unit: a read time is told in minutes).
_MINUTES = r"(\d{1,3})\s?-?\s?min(?:ute|uto|uti|uten)?s?\.?"
# A read time: "8 min read", "8 Minuten Lesezeit", "8 minutos de lectura", "6 minutes de
# lecture", "5 minutos de leitura", "4 minuti di lettura", or labelled first: "Reading time:
# 8 min", "Lesezeit: 8 Min.", "Lesedauer: 6 Minuten", "Tiempo de lectura: 5 minutos",
# "Temps de lecture : 6 min", "Tempo de leitura: 5 min", "Tempo di lettura: 4 minuti".
_READ = re.compile(
    r"(?:(?:read(?:ing)? time|lesezeit|lesedauer|tiempo de lectura|temps de lecture"
    r"|tempo de leitura|tempo di lettura)\s?:?\s?)?"
    + _MINUTES
    + r"(?:\s+(?:read|reading|lesezeit|de lectura|de lecture|de leitura|di lettura))?",
    re.I,
)
_BARE = re.compile(_MINUTES, re.I)
# A player's glyphs, as a regex class (``blockitems._PLAY_BUTTON`` opens on one too).
PLAYER_GLYPH = "[🎧▶►📺🎙]"
# A length of audio or video, never a read time: hours and minutes ("1 h 12 min", "1 hr 5
# mins", "1h12m", "1 Std. 12 Min.", "1 heure 12 min", "1 hora 12 minutos", "1 ora 12
# minuti"), a clock with its seconds ("1:12:04"), or minutes with a listen / watch word or
# a player's glyph ("47 min listen", "38-minute episode", "🎧 47 min", "▶ 12:30").
_LENGTH = re.compile(
    "(?:"
    + PLAYER_GLYPH
    + r"\ufe0f?\s*)?(?:\d{1,2}\s?(?:h|hrs?|hours?|std\.?|stunden?|heures?|horas?|or[ae]|uur)"
    r"\.?\s?\d{1,2}\s?(?:m|mins?|minutes?|minuten|minutos|minuti)?\.?"
    r"|\d{1,2}:\d\d:\d\d"
    r"|" + _MINUTES + r"\s+(?:listen|watch|video|audio|episode|podcast|hören|écoute|escucha)"
    r"|" + PLAYER_GLYPH + r"\ufe0f?\s*(?:\d{1,3}:\d\d|" + _MINUTES + r"))",
    re.I,
)
# A read time and who picked the link, in one part after a comma: "3 minutes, proposé par
# Ana Ruiz", "5 min, shared by Ben Ito", "8 Minuten, vorgeschlagen von Jana Kern".
_READ_BY = re.compile(
    _MINUTES + r"\s*,\s*"
    r"(?:(?:propos|sugg[eé]r|partag|recommand|conseill)[eé]e?s?\s+par|par"
    r"|(?:suggested|shared|picked|recommended|submitted|sent)\s+by|by"
    r"|(?:vorgeschlagen|empfohlen|geteilt)\s+von|von|propuesto\s+por|por)\s+(\S.*)",
    re.I,
)
_SPLIT = re.compile(r"\s+[·•|—–-]\s+|\s*[·•|]\s*")
# Every _SPLIT match holds a dot, bullet or bar, or a dash with a space either side: this
# search opens on the one character class (a quick scan), _SPLIT's on "\s*" at every place.
_SEPARATOR = re.compile(r"[·•|—–-](?:(?<=[·•|])|(?<=\s[—–-])(?=\s))")
_DIGIT = re.compile(r"\d")
_VIA_ON = re.compile(r"\s+on\s+", re.I)
_AUTHOR = re.compile(
    r"^[—–]\s*([A-Z][\w.'’-]+(?:\s+(?:van |von |de |da |del |le )?[A-Z][\w.'’-]+){1,3})$"
)


class Meta(NamedTuple):
    read_minutes: int | None = None
    author: str = ""
    # The minutes stand alone ("Oct 14, 2025 · 47 min"), no read word or label: a read time
    # of a text, a length of an episode or video (the caller tells them apart by the item).
    bare: bool = False


def meta_line(text: str, issued: date | None = None) -> Meta | None:
    """The line's read time and author when it is a post's meta line, else None."""
    text = text.strip()
    if not text or len(text) > MAX_META:
        return None
    if text[-1] in ".!?:,;" and not (text[-1] == "." and text[-4:-1].lower() == "min"):
        return None  # a sentence (but "Lesezeit: 5 Min." closes on its abbreviation)
    digits = _DIGIT.search(text) is not None
    if not digits:
        # No date, time or read time: only "yesterday", "— Name" or "via …" can be meta.
        low = text.lower()
        if not (low[:1] in "—–" or "yesterday" in low or "today" in low or "just now" in low):
            return None
    author = _AUTHOR.match(text)
    if author:
        return Meta(author=author.group(1))  # "— Will Larson" under the title
    if text[:1] in "—–" and listed_authors(text):
        return Meta()  # "— Gergely Orosz, Abi Noda" under the title: its authors
    via = text[:4].lower() == "via "
    rest = text[4:] if via else text
    # _SPLIT's scan tries every position (no literal to start from); most lines that get
    # here (a TLDR title "… (4 minute read)") hold no separator, which one search finds.
    parts = _SPLIT.split(rest) if _SEPARATOR.search(rest) else [rest]
    if via:
        parts = [p for part in parts for p in _VIA_ON.split(part)]
    # Under re.I only these fold to an ASCII letter that ``lower()`` does not give (the
    # Kelvin sign lowers to "k"): a line holding one goes to every regex.
    odd = "ı" in text or "İ" in text or "ſ" in text
    minutes: int | None = None
    bare = False
    when = names = 0
    by = ""  # "Oct 6, 2025 09:14 am · By Mira Castellanos": the post's author
    for part in (p.strip() for p in parts):
        if not part:
            continue
        # Every regex below needs a digit but _RELATIVE (its words), and _READ and _READ_BY
        # a "min" too: skip those the part cannot match. A line that did not split is its
        # own one part, so its digit is the line's.
        low = part.lower()
        digit = digits and (len(parts) == 1 or _DIGIT.search(part) is not None)
        said = digit and (odd or "min" in low)
        read = _READ.fullmatch(part) if said else None
        read_by = None if read or not said else _READ_BY.fullmatch(part)
        if read:
            minutes, when = int(read.group(1)), when + 1
            # "8 min read", "Lesezeit: 8 Min." name a read time; "8 min" alone does not.
            bare = _BARE.fullmatch(part) is not None
        elif digit and _LENGTH.fullmatch(part):
            when += 1  # "1 h 12 min", "🎧 47 min": how long it plays, no read time
        elif read_by and _is_name(read_by.group(2)) and not by:
            # "3 minutes, proposé par Ana Ruiz": the read time and the member who shared it
            minutes, when, by = int(read_by.group(1)), when + 1, read_by.group(2)
            names += 1
        elif (
            odd or "ago" in low or "today" in low or "yesterday" in low or "just now" in low
        ) and _RELATIVE.fullmatch(part):
            when += 1
        elif digit and _ABSOLUTE.fullmatch(part):
            day = find_date(part)
            if day is None or not (via or (issued is not None and day <= issued)):
                return None  # an event's date (or one we cannot place): the news itself
            when += 1
        elif part[:3] in ("By ", "by ") and _is_name(part[3:]) and part[3:4].isupper():
            by, names = part[3:], names + 1
        elif "," in part and _name_list(part):
            names += 1  # "Mei Lin, Oscar Ruiz, Hannah Becker" before the date
        elif _is_name(part):
            names += 1
        else:
            return None
    if not when or names > 2:
        return None
    return Meta(read_minutes=minutes, author=by, bare=bare and minutes is not None)


def listed_authors(text: str) -> tuple[str, ...]:
    """The people a meta line lists with commas ("Mei Lin, Oscar Ruiz, Hannah Becker ·
    29 Oct 2025": a paper's or article's authors before its date), else ()."""
    if "," not in text or len(text) > MAX_META:
        return ()
    for part in _SPLIT.split(text):
        part = part.strip().lstrip("—–").lstrip()  # "— Mei Lin, Oscar Ruiz" under a title
        names = _name_list(part) if "," in part else ()
        if names:
            return names
    return ()


_LISTED = re.compile(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_MAX_AUTHORS = 12


def _name_list(part: str) -> tuple[str, ...]:
    """People's names listed with commas ("Tri Dao, Jay Shah and Ganesh Bikshandi"): each
    of two to four capitalised words. Empty when the part is anything else."""
    if len(part) > MAX_META:
        return ()
    return people(part, 2, _capitalised)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def people(text: str, fewest: int, name_word: Callable[[str], bool]) -> tuple[str, ...]:
    """The names ``text`` lists, joined by commas, "and" or "&": ``fewest`` to a dozen of
    them, each two to four words that pass ``name_word``. Empty when it lists no people."""
    names = tuple(n.strip() for n in _LISTED.split(text))
    if not fewest <= len(names) <= _MAX_AUTHORS:
        return ()
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(map(name_word, words)):
            return ()
    return names


def _is_name(part: str) -> bool:
    """A source or author name: a few words, no sentence."""
    words = part.split()
    return 0 < len(words) <= 6 and len(part) <= 48 and (part[0].isalnum() or part[0] == "@")
