"""All keywords and regexes of all rules, compiled together and run once per item.

Matching cost must not grow with the number of rules, so text is never scanned
rule by rule. At compile time every distinct keyword and regex becomes an
*atom* with a number. Per item field, one pass finds every atom that occurs:

- keywords and phrases: a trie over tokens (runs of word characters, or single
  punctuation marks), after case folding. Walking the item's tokens through it
  finds every keyword at once, with whole-word boundaries for free, in time
  proportional to the text, not to the number of keywords;
- regexes: one ``re2.Set`` per field, which runs all patterns in a single
  linear-time pass (RE2: no backtracking, so no pattern can hang the bot).

The routes then only look their atoms up in the resulting sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import re2

from bot.models import Item

FIELDS = ("title", "blurb", "section")
TOKEN = re.compile(r"\w+|[^\w\s]")
"""Our own tokenizer (not a user pattern): words, and each punctuation mark alone."""
SET_MEMORY = 64 << 20
"""RE2 memory budget for the combined regex set of one field."""


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.casefold())


def field_text(item: Item, name: str) -> str:
    if name == "title":
        return item.title
    if name == "blurb":
        return item.blurb
    return "\n".join(item.sections)


# A trie node: token -> (children, atom ids ending here).
Trie = dict[str, tuple[Any, list[int]]]


@dataclass
class _FieldIndex:
    trie: Trie = field(default_factory=dict)
    regexes: list[tuple[int, str]] = field(default_factory=list)
    regex_set: Any = None
    set_ids: list[int] = field(default_factory=list)

    def add_keyword(self, words: list[str], atom: int) -> None:
        node = self.trie
        for i, word in enumerate(words):
            children, ids = node.setdefault(word, ({}, []))
            if i == len(words) - 1 and atom not in ids:
                ids.append(atom)
            node = children

    def compile(self) -> None:
        if not self.regexes:
            return
        options = re2.Options()
        options.max_mem = SET_MEMORY
        options.log_errors = False
        regex_set = re2.Set.SearchSet(options)
        for atom, pattern in self.regexes:
            regex_set.Add(pattern)
            self.set_ids.append(atom)
        regex_set.Compile()
        self.regex_set = regex_set

    def scan(self, text: str, hits: set[int]) -> None:
        if self.trie:
            toks = tokens(text)
            trie = self.trie
            n = len(toks)
            for i in range(n):
                entry = trie.get(toks[i])
                j = i + 1
                while entry is not None:
                    children, ids = entry
                    if ids:
                        hits.update(ids)
                    if j >= n or not children:
                        break
                    entry = children.get(toks[j])
                    j += 1
        if self.regex_set is not None and text:
            found = self.regex_set.Match(text)
            if found:
                ids = self.set_ids
                hits.update(ids[k] for k in found)


class TextIndex:
    """Numbers atoms at compile time; finds the atoms in an item at match time."""

    def __init__(self) -> None:
        self._atoms: dict[tuple[str, str], int] = {}
        self.labels: list[str] = []
        self._fields: dict[str, _FieldIndex] = {}

    def keyword(self, phrase: str, fields: Iterable[str]) -> int:
        words = tokens(phrase)
        atom = self._atom("keyword", " ".join(words), f'keyword "{phrase}"')
        for name in fields:
            self._fields.setdefault(name, _FieldIndex()).add_keyword(words, atom)
        return atom

    def regex(self, pattern: str, fields: Iterable[str]) -> int:
        atom = self._atom("regex", pattern, f'regex "{pattern}"')
        for name in fields:
            index = self._fields.setdefault(name, _FieldIndex())
            if all(a != atom for a, _ in index.regexes):
                index.regexes.append((atom, pattern))
        return atom

    def _atom(self, kind: str, key: str, label: str) -> int:
        atom = self._atoms.get((kind, key))
        if atom is None:
            atom = self._atoms[(kind, key)] = len(self.labels)
            self.labels.append(label)
        return atom

    def compile(self) -> None:
        for index in self._fields.values():
            index.compile()
        # Scan order is fixed so hits are reproducible.
        self._order = [(name, self._fields[name]) for name in FIELDS if name in self._fields]

    def scan(self, item: Item) -> dict[str, set[int]]:
        """Atom ids found in each field of ``item`` that some rule reads."""
        found: dict[str, set[int]] = {}
        for name, index in self._order:
            hits: set[int] = set()
            index.scan(field_text(item, name), hits)
            found[name] = hits
        return found

    @property
    def size(self) -> int:
        return len(self.labels)
