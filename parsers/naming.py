"""A newsletter's name, from its sender or from an issue's subject.

Issues of one newsletter must share a name (rules, search and "also in" group by it), so a
name read off a subject leaves out what names one issue: its date, number or week.
"""

from __future__ import annotations

import re

from bot.models import Email
from parsers.text import find_date, squash


def newsletter_name(email: Email) -> str:
    """The sender's display name, else the List-Id's label, else the subject. A person
    sending an issue titled by its newsletter's name and number ("Enrique López Mañas"
    sending "Kotlin Weekly #510") is named by the subject's name."""
    if email.sender_name:
        sender = squash(email.sender_name)
        titled = _NAME_AND_NUMBER.match(squash(email.subject))
        if (
            titled is not None
            and titled.group(1).casefold() not in _ISSUE_WORDS
            and _person(sender)
        ):
            return issue_free(squash(email.subject))
        return sender
    if email.list_id:
        label = email.list_id.split("<")[0].strip().strip('"')
        return label or email.list_id.strip("<>").split(".")[0]
    return issue_free(squash(email.subject))[:80] or "unknown"


# "Kotlin Weekly #510", "Pointer Issue 481", "Rust Notes - No. 12": a name of one to four
# capitalised words, then the issue's number and nothing more.
_NAME_AND_NUMBER = re.compile(
    r"^((?:[A-Z0-9][\w.+&'’-]*)(?: [A-Z0-9][\w.+&'’-]*){0,3})\s*[-–—:|·]?\s*"
    r"(?:#\s?\d+|(?i:issue|edition|no\.?|vol\.?)\s*#?\d+)$"
)
# Words that name a publication, never a person.
_PUBLICATION_WORDS = frozenset(
    ["weekly", "daily", "monthly", "news", "newsletter", "digest", "bulletin", "brief",
     "briefing", "journal", "review", "magazine", "team", "the", "from", "by", "of", "and",
     "at", "dev", "hq", "labs", "notes", "letter"]
)  # fmt: skip


_ISSUE_WORDS = frozenset({"issue", "edition", "no", "no.", "vol", "vol.", "newsletter"})


def _person(name: str) -> bool:
    """A name written as a person's: two or three capitalised words of letters alone
    ("Enrique López Mañas", "Mary-Jane O'Neil"), none a publication's word."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper()
        and not w.isupper()  # "TLDR AI": initials name a publication
        and w.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and w.casefold() not in _PUBLICATION_WORDS
        for w in words
    )


_ISSUE_PART = re.compile(r"#\s?\d+|\b(issue|edition|week|no\.?|vol\.?)\s*#?\d+", re.I)
SUBJECT_SEPARATORS = re.compile(
    r"\s+(?:--|[—–|·-])\s+|:\s+|,\s+(?=(issue|edition|week|no\.?|#)\b)", re.I
)
# "Top Papers of the Week (March 9 - March 15)": a closing aside holding a number.
_NUMBERED_ASIDE = re.compile(r"\s*[(\[][^()\[\]]{0,60}\d[^()\[\]]{0,60}[)\]]\s*$")


def issue_free(subject: str) -> str:
    """The newsletter's name from an issue's title: "Rust Notes — 2025-06-09" -> "Rust Notes".

    Issues of one newsletter must share a name (rules and search group by it), so the
    parts that name one issue (a date, "#212", "Issue 97", "Week 23") are dropped.
    """
    subject = _NUMBERED_ASIDE.sub("", subject) or subject
    parts = [p for p in SUBJECT_SEPARATORS.split(subject) if p and p.strip()]
    kept = [p for p in parts if not (find_date(p) or _ISSUE_PART.search(p))]
    if not kept or kept[0] != parts[0]:
        head = _ISSUE_PART.sub("", parts[0]) if parts else ""
        return squash(head).strip(" -—–|:#,") or subject
    return squash(kept[0]).strip(" -—–|:#,")
