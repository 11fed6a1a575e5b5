"""The parsers read structure, not one sender's markup: the same issue written with
other (equivalent) tags gives the same items as its golden JSON.

Each variant is a rewrite a real newsletter tool makes: section headings as bold
paragraphs instead of <h2>/<h3>, <b> instead of <strong>, paragraphs laid out as
one-cell tables, every link wrapped by a click tracker that spells out its target.
Styles are kept (a bold font-weight style is a real signal). Text fixtures (Markdown,
plain text, RST) get the rewrites of text tools: CRLF line endings, other bullet and
bold marks, setext headings, trailing spaces, tab indents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"
HTML_CASES = sorted(
    p
    for family in ("generic", "tldr", "roundup")
    for p in (FIXTURES / family).iterdir()
    if p.suffix in (".html", ".eml") and load_file(p).html
)
VARIANTS: dict[str, Callable[[str], str]] = {
    "headings as bold paragraphs": lambda h: re.sub(
        r"<h([2-4])([^>]*)>(.*?)</h\1>", r"<p><strong>\3</strong></p>", h, flags=re.S
    ),
    "b instead of strong": lambda h: h.replace("<strong>", "<b>").replace("</strong>", "</b>"),
    "paragraphs as table cells": lambda h: h.replace("<p>", "<table><tr><td>").replace(
        "</p>", "</td></tr></table>"
    ),
    "every link behind a click tracker": lambda h: re.sub(
        r'href="(https?://[^"]+)"',
        lambda m: (
            'href="https://click.tracker.example/ls/click?upn='
            + quote(m.group(1).replace("&amp;", "&"), safe="")
            + '"'
        ),
        h,
    ),
}


def _keys(items: list[tuple[str, str | None]]) -> set[tuple[str, str | None]]:
    return {(" ".join(title.casefold().split()), url) for title, url in items}


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
@pytest.mark.parametrize("path", HTML_CASES, ids=lambda p: p.name)
def test_equivalent_markup_gives_the_same_items(path: Path, variant: str) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    email = load_file(path)
    assert email.html
    rewritten = VARIANTS[variant](email.html)
    got = normalise_result(parse(replace(email, html=rewritten)))
    assert _keys([(i.title, i.canonical_url) for i in got.items]) == _keys(
        [(i["title"], i["canonical_url"]) for i in expected["items"]]
    )


TEXT_CASES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt", ".rst") and load_file(p).text
)
TEXT_VARIANTS: dict[str, Callable[[str], str]] = {
    "CRLF line endings": lambda t: t.replace("\n", "\r\n"),
    "star bullets": lambda t: re.sub(r"^(\s*)- ", r"\1* ", t, flags=re.M),
    "underscore bold": lambda t: t.replace("**", "__"),
    "setext headings": lambda t: re.sub(
        r"^## (.+)$", lambda m: m.group(1) + "\n" + "-" * len(m.group(1)), t, flags=re.M
    ),
    "trailing spaces": lambda t: t.replace("\n", "  \n"),
    "tab indents": lambda t: re.sub(r"^    ", "\t", t, flags=re.M),
}


@pytest.mark.parametrize("variant", TEXT_VARIANTS, ids=str)
@pytest.mark.parametrize("path", TEXT_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_equivalent_text_gives_the_same_items(path: Path, variant: str) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    email = load_file(path)
    assert email.text
    got = normalise_result(parse(replace(email, text=TEXT_VARIANTS[variant](email.text))))
    assert got.newsletter.parser == expected["parser"]
    assert _keys([(i.title, i.canonical_url) for i in got.items]) == _keys(
        [(i["title"], i["canonical_url"]) for i in expected["items"]]
    )
