"""English stop words: left out of SQLite full-text matches, as PostgreSQL's 'english' does.

They occur in most items, so they say nothing about relevance, while ranking
them means reading nearly the whole index (FTS5's bm25 counts the items that
hold each term). A query made only of stop words keeps them; phrases lose them
only at their ends ("the sparse attention" is "sparse attention").
The list is the Snowball English list that PostgreSQL ships.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)

_WORDS = re.compile(r"[^\W_]+")


def is_stopword(term: str) -> bool:
    """True when every word of ``term`` is a stop word (``"the"``, ``"of the"``)."""
    words = _WORDS.findall(term.casefold())
    return bool(words) and all(word in STOPWORDS for word in words)


def trim_phrase(phrase: str) -> str:
    """The phrase without stop words at either end; unchanged if nothing would be left."""
    words = phrase.split()
    start, end = 0, len(words)
    while start < end and is_stopword(words[start]):
        start += 1
    while end > start and is_stopword(words[end - 1]):
        end -= 1
    return " ".join(words[start:end]) or phrase
