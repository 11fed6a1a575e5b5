"""Plain-text newsletters of no known family: titles next to bare URLs.

Shapes recognised::

    Title of the story                 Title of the story - https://example.com/a
    https://example.com/a              * Title <https://example.com/a>
    What it is about, maybe            1. Title (https://example.com/a)
    over several lines.                   What it is about.

plus ``[n]`` references resolved from a "Links:" list (turned into inline URLs first),
and section headings: a short line in capitals, a line ending in ":", ``# Heading`` or a
line underlined with ``===`` / ``---``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from urllib.parse import urlsplit

from bot.models import Item
from parsers.blockshapes import (
    is_cta,
    is_feedback_link,
    is_share_button,
    is_sponsor_heading,
    is_thread_page,
)
from parsers.draft_item import item_from_draft
from parsers.fielded import fielded_entries
from parsers.listdigest import list_digest
from parsers.metaline import listed_authors
from parsers.outline import flatten, labelled_links, unbracket
from parsers.text import (
    BANNER,
    BARE_NUMBER,
    REF,
    SPONSOR_TAG,
    has_words,
    is_boilerplate_link,
    is_dateline,
    is_footer,
    is_outro,
    is_promo,
    paragraphs,
    split_refs,
    squash,
    strip_decoration,
    upper_ratio,
    word_count,
)

_URL = re.compile(r"<?(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"])>?")
# What is left of "(discussion: https://…)" or Substack's "Title [https://…]" once its
# URL is gone.
_EMPTY_PARENS = re.compile(r" ?[(\[]\s*(?:[\w ]{0,20}:)?\s*[)\]]")


# "Comments: https://…": a discussion link with its label (kept in Item.links).
_THREAD_WORDS = (
    r"(?:(?:hn|hacker news|lobste\.?rs|reddit)\s+)?"
    r"(?:discussion|discuss|comments|thread|hn|hacker news|lobste\.?rs|reddit)"
)
# Case-sensitive on lower-cased text: re.I defeats the regex engine's literal scan.
_THREAD_HINT = re.compile(r"discuss|comments|thread|hn|hacker news|lobste|reddit")
# "discussion: https://…", and Hacker Newsletter's "comments→ (https://…)".
_LABELLED_THREAD = re.compile(
    rf"\b{_THREAD_WORDS}\s*[:→»›]\s*"
    r"(?:\(\s*https?://[^\s<>()\[\]]+\s*\)?|<?https?://[^\s<>()\[\]]+>?)",
    re.I,
)


def _drop_urls(text: str) -> str:
    """The text without its bare URLs (the item's link is kept separately)."""
    if "http" not in text:
        return text
    if _THREAD_HINT.search(text.lower()):
        text = _LABELLED_THREAD.sub("", text)
    return _EMPTY_PARENS.sub("", _URL.sub("", text))


_BARE_URL_LINE = re.compile(
    # Possessive runs of space: giving them back to each other took quadratic time.
    r"^\s*+(?:[-*•>・●]|\d{1,3}[.)])?\s*+(?:\w[\w ]{0,20}:\s*+)?"
    r"(?:[<\[]?https?://\S+|\(\s++https?://\S+\s+\))\s*$"
)
# A link as a text browser writes it after its words, in parentheses with spaces inside:
# "Title ( https://… ) — blurb" (lynx's rendering, and the text part of email tools that
# render HTML the same way). The words before it, from the paragraph's start, are the
# link's text even when they wrap over lines.
_SPACED_PARENS = re.compile(r"\(\s+$")
_UNDERLINE = re.compile(r"^\s*([=\-~^*#━─═＝])\1{2,}\s*$")
# "*JavaScript* moves forward": a mail client's text part marks bold words with stars.
_EMPHASIS = re.compile(r"(?<![\w*])\*([^\s*](?:[^*\n]{0,78}[^\s*])?)\*(?![\w*])")
# "- - - - - -" over Google Alerts' footer: a rule drawn with spaced marks.
_SPACED_RULE = re.compile(r"^\s*(?:[-=*] ){3,}[-=*]\s*$")
# "-- Kernel ---------", "== Papers ==": a label between rules.
_RULED = re.compile(r"^\s*[-=~*#]{2,}\s+(\S.{0,60}?)\s+[-=~*#]{2,}\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")
# RFC 3676's signature separator: a line of "-- " (mail clients often drop the space).
_SIGNATURE = re.compile(r"^--[ \t]*$", re.M)
_BULLET = re.compile(r"^\s*(?:[-*•>]|\d{1,3}[.)])\s+|^\s*[・●]\s*")
# A rule of box-drawing lines ("━━━━", "■━━━━", "────"), as Japanese mail magazines draw
# them around a heading or between stories.
_BOX_RULE = re.compile(r"^[ \t\u3000]*[^\w\s]?[━─═＝―]{3,}[ \t\u3000]*$")
_BOX_CHARS = ("━", "─", "═", "＝", "―")


def parse_plain(text: str) -> tuple[list[Item], str | None, list[str]]:
    """Items, banner sponsor and section names of a plain-text newsletter."""
    posts = list_digest(text)
    if posts is not None:
        return posts, None, []  # a mailing list's digest ("Message: 1" / "Subject: …")
    body, refs = split_refs(text)
    signature = _SIGNATURE.search(body)
    if signature:
        body = body[: signature.start()]  # the sender's name and home page, not an item
    listed = fielded_entries(body)
    if listed:
        return listed, None, []  # "Title:" / "Authors:" entries (arXiv's mailing)
    body = flatten(unbracket(body))  # Org's text export: "[words] (<url>)", an outline
    if any(c in body for c in _BOX_CHARS):
        body = _unbox(body)
    if " (\n" in body:
        body = _WRAPPED_LINK.sub(r"\1 (\2)", body)
    if "-----" in body:
        body = _rules_as_breaks(body)
    if not body.isascii():  # _GLUED_TITLE needs a pictograph (U+2190 and up)
        body = _GLUED_TITLE.sub("\n\n", body)
    if refs:
        body = REF.sub(
            lambda m: f" <{refs[m.group(1)]}>" if m.group(1) in refs else m.group(0), body
        )
    items: list[Item] = []
    sections: list[str] = []
    sponsor_name: str | None = None
    section: str | None = None
    sponsored_section = sponsor_next = False
    current: dict[str, object] | None = None
    blurb: list[str] = []
    links: list[tuple[str, str]] = []  # the current item's discussion links
    authors: list[str] = []  # the current item's authors line (a preprint alert's)
    # The heading just read, with the section before it: it titles the paragraph after it
    # when that paragraph is prose ending in a bare URL (a sponsor's block, a feature).
    heading_before: str | None = None
    # A title line alone in its paragraph (or a heading), the prose read since, and where
    # that prose starts in the current item's blurb: a "▼続きを読む" / "Read more" line
    # with the URL after them makes them one item.
    titled: tuple[str, str | None, bool] | None = None
    since: list[str] = []
    mark = 0
    own_page: str | None = None  # the post's web version, named atop the letter
    # Sections named by a short line over a title (``_label_over``), and for each item the
    # section a heading had given it: a letter that writes each item's byline under it
    # ("Ines Marlow", "Streamworks") makes every byline a one-item "section" of the next.
    labels: list[tuple[str, bool]] = []  # and whether it was the line under an item's
    outer: list[str | None] = []  # per item, the section before any label
    heading_section: str | None = None
    under_item = False  # the paragraph before was an item's, and the title line after it
    # The section is a lead-in line ending in a colon, and list entries were read under it.
    lead_in = listed_under = False
    one_line: str | None = None  # the paragraph before, when it is one short line of words
    titled_under_item = False
    # The section a bare sponsor label ("SPONSORED") interrupted: the label marks one ad,
    # which ends at its button; the items after it are the section's again.
    label_from: list[str | None] = []

    def _label_over(titled: tuple[str, str | None, bool] | None, since: list[str]) -> bool:
        """A short line alone right over a title line or a linked title ("Releases" /
        "GCC 16 release notes [https://…]"): the section they are in."""
        nonlocal section, sponsored_section
        if titled is None or since or len(titled[0]) > 60 or titled[0] in sections:
            return False
        del blurb[mark:]  # read as the item's last line before it was known to be a label
        finish()
        section, sponsored_section = titled[0], is_sponsor_heading(titled[0])
        sections.append(section)
        labels.append((section, titled_under_item))
        return True

    def finish() -> None:
        nonlocal current
        if current is not None:
            text = _EMPHASIS.sub(r"\1", squash(" ".join(blurb)))
            current["title"] = _EMPHASIS.sub(r"\1", str(current["title"]))
            item = item_from_draft(
                current,
                "" if _posted_line(text) else text,
                sponsor=bool(current["sponsor"]),
                links=tuple(links),
                authors=tuple(authors),
            )
            if item.title:  # not a link whose only words were an annotation
                items.append(item)
                outer.append(heading_section)
        current = None
        blurb.clear()
        links.clear()
        authors.clear()

    for para, packed in _split_lists(_split_unwrapped(paragraphs(body))):
        was_under_item, under_item = under_item, False
        para = _drop_buttons(_unruled(para))
        flat = squash(para)
        line_above, one_line = one_line, _lone_line(para)
        if not has_words(flat):
            continue
        if is_footer(flat) and (
            not _URL.search(flat.split("unsubscribe")[0]) or is_footer(flat[:80])
        ):
            break  # (a footer opening its paragraph ends the items whatever links follow)
        banner = BANNER.match(flat)
        if banner and not _URL.search(flat):
            sponsor_name = sponsor_name or banner.group(1) or None
            sponsor_next = bool(items)
            continue
        if is_promo(flat):
            finish()
            titled = None
            continue
        if current is not None and _SPONSOR_AFTER.fullmatch(flat) and not _URL.search(flat):
            # "Lagwatch sponsor" under an item: the advertiser's name and the mark, as
            # Cooperpress's weeklies label an ad after it.
            current["sponsor"] = True
            titled = None
            under_item = was_under_item  # the byline, if any, comes after the mark
            continue
        heading = _heading(para)
        if heading is not None:
            finish()
            titled, since, mark = (heading, section, sponsor_next), [], 0
            heading_before = heading
            sponsored_section = is_sponsor_heading(heading) or bool(SPONSOR_TAG.match(heading))
            if sponsored_section:
                banner = BANNER.match(heading)  # "-----" / "Sponsored by Tallyrun" / "-----"
                sponsor_name = sponsor_name or (banner.group(1) if banner else None) or None
            label_from[:] = [section] if _bare_label(heading) else []
            section = heading_section = heading
            sections.append(heading)
            lead_in = para.strip().endswith(":")
            listed_under = False
            continue
        headed, heading_before = heading_before, None
        authored = _authored(para)
        found = (
            authored[0]
            if authored
            else _numbered_cited(para) or _quoted(para) or _item_in(para, packed)
        )
        names = authored[1] if authored else ()  # the entry's authors line, if it has one
        prose = None if headed is None else _headed_prose(para, headed)
        if prose is not None and (found is None or found[0].endswith((".", "!", "?"))):
            # "[SPONSOR] Crunchy Bridge" / "-----" / prose / URL: the heading titles the
            # prose (sentences, not a title line); it heads no section, and ends the one
            # before.
            sections.pop()
            section, sponsored_section, titled = None, False, None
            heading_section = None
            title, tagged = _sponsor_tagged(prose[0])
            found, names = (title, prose[1], prose[2]), ()
            sponsor_next = sponsor_next or tagged
        opened = _LINK_OPENS.match(flat) if found is None and line_above else None
        if opened is not None and line_above:
            # "Interviewing for Evidence" / "(https://… ) 7 minutes, proposé par …": a title
            # line alone, then a paragraph opening with its link in parentheses.
            if current is not None and blurb and blurb[-1] == line_above:
                blurb.pop()  # read as the last line of the item before
            finish()
            title, tagged = _sponsor_tagged(strip_decoration(line_above))
            current = {"title": title, "url": opened.group(1), "section": section,
                       "sponsor": sponsored_section or sponsor_next or tagged}  # fmt: skip
            sponsor_next = False
            rest = _drop_urls(flat[opened.end() :]).strip()
            if rest:
                blurb.append(rest)
            titled, under_item = None, True
            continue
        if (
            found is not None
            and _is_button(found[0])
            and not is_boilerplate_link(found[0], found[1])  # "View online: https://…"
        ):
            # "▼続きを読む" / "Read more:" and the URL, after a title line and its prose.
            if titled is not None and label_from and _bare_label(titled[0]) and since:
                # "SPONSORED" / "Carrd - Simple one-page sites." / prose / "Get Started
                # [url]": the ad is titled by its first sentence.
                finish()
                title = _first_sentence(since[0])
                current = {"title": title, "url": found[1], "section": section, "sponsor": True}
                blurb.extend([since[0][len(title) :].strip(), *since[1:]])
                titled = None
            if titled is not None:
                name, where, paid = titled
                if current is not None and current["title"] != name:
                    del blurb[mark:]
                    finish()
                if current is None or current["title"] != name:
                    if sections and sections[-1] == name:
                        sections.pop()  # a heading that titles a story heads no section
                        section, sponsored_section = where, False
                    current = {"title": name, "url": found[1], "section": section,
                               "sponsor": sponsored_section or paid}  # fmt: skip
                    blurb.extend(since)
                titled = None
            if label_from and current is not None and current["sponsor"]:
                section = heading_section = label_from.pop()  # the ad's button closes it
                sponsored_section = False
            continue
        if found is not None and own_page and found[1].split("#", 1)[0] == own_page:
            found = None  # a footnote's mark or back-link into the post itself ("[1] [url#…]")
            if _drop_urls(flat).strip().isdigit():
                finish()  # "1 [url#footnote-anchor-1]": the footnotes under the post start
                titled = None
                continue
            flat = _FOOTNOTE_MARK.sub("", flat)
        if found is not None and _closing_sentence(para):
            found = None  # "The implementation is 65 lines of Rust [https://…].": prose
        if found is not None:
            title, url, rest = found
            if (
                is_boilerplate_link(title, url)
                # A picture, unless words title it ("Was playing with the GTK code and
                # got this <https://i.redd.it/….gif>": a story that is a picture).
                or (IMAGE_URL.search(url) and word_count(title) < 4)
                or _IMAGE_NAME.fullmatch(title)
            ):
                if not items and current is None and own_page is None:
                    own_page = url.split("#", 1)[0]  # "View this post on the web at <url>"
                continue
            if not items and current is None and _masthead_link(body, title, url):
                continue  # "Google <url>" atop the letter, the footer's "View all your alerts"
            _label_over(titled, since)
            titled = None
            finish()
            if is_outro(title):
                continue  # "That's all for this week. Full issue at <url>": the close
            authors.extend(names)
            title, when = _dated_title(title)
            labelled = _AD_LABEL.match(title)  # "SPONSOR: Cronwatch", "[Ad] Tracebox"
            if labelled is not None and SPONSOR_TAG.match(labelled.group(1) or labelled.group(2)):
                title, sponsor_next = title[labelled.end() :], True
            if when:
                rest = f"{when} — {rest}" if rest else when
            if lead_in and section is not None:
                if _BULLET.match(para):
                    listed_under = True
                elif listed_under:
                    # "Here's what else we're reading:" / "- …" entries / "Story (url)": the
                    # lead-in heads its list; the story after the list's last entry is not in it.
                    section = heading_section = None
                    lead_in = False
            current = {
                "title": title,
                "url": url,
                "section": section,
                "sponsor": sponsored_section or sponsor_next,
            }
            sponsor_next = False
            others = labelled_links(para, url) if "\n" not in para.strip() else None
            if others is not None:
                # "- Title <url> (Reddit <url>, Irreal <url>)": the entry's other links.
                rest = _drop_urls(others[0]).strip()
                links.extend(others[1])
            else:
                links.extend(_discussions(para, url))
            if rest:
                blurb.append(rest)
            under_item = True
            continue
        if current is not None and flat.count("://") >= 3 and not _BULLET.match(para):
            # "Links from A <url>, B <url> and C <url>.": the letter's sources, a sentence
            # of links after the entries, not the last entry's blurb.
            finish()
            titled = None
            continue
        if current is not None and is_outro(flat) and not _URL.search(flat):
            finish()  # "See you next Sunday, Tomasz": the letter's close
            titled = None
            continue
        if _title_line(para):
            if _label_over(titled, since):
                section = sections[-1]
            titled, since = (strip_decoration(flat), section, sponsor_next), []
            titled_under_item = was_under_item
            mark = len(blurb)
        elif titled is not None:
            since.append(_drop_urls(flat))
        if current is not None:
            links.extend(_discussions(flat, str(current["url"]), links))
            blurb.append(_drop_urls(flat))
    finish()
    items, sections = _bylines_unlabelled(items, sections, labels, outer)
    return items, sponsor_name, sections


# "Lagwatch sponsor", "Acme Corp Sponsored": an advertiser's name (capitalised words)
# and the mark, alone on a line; not "Thanks to our sponsor", "Become a sponsor".
_SPONSOR_AFTER = re.compile(r"(?:[A-Z0-9][\w.&'’-]* ){1,4}(?i:sponsor|sponsored)")


def _bylines_unlabelled(
    items: list[Item],
    sections: list[str],
    labels: list[tuple[str, bool]],
    outer: list[str | None],
) -> tuple[list[Item], list[str]]:
    """Bylines under items ("Ines Marlow", "Streamworks (blog)") read as labels of the
    item below them. ``labels``: each label in the order read, and whether it was the
    short line right under an item. When three or more are, and as many as half the
    items have one, those are bylines, not sections: their items keep the section a
    heading gave them (``outer``), as do the items under a label read before the first
    item (a masthead). A label read after a byline ("GridDB" / "💻 Jobs") is a section."""
    bylines = {label for label, under in labels if under}
    if len(bylines) < 3 or len(bylines) * 2 < len(items):
        return items, sections
    seen_item_label = False
    dropped = set(bylines)
    for label, under in labels:
        if under:
            seen_item_label = True
        elif not seen_item_label:
            dropped.add(label)  # the masthead's lines over the first item
    kept = [
        replace(item, section=was) if item.section in dropped else item
        for item, was in zip(items, outer, strict=True)
    ]
    return kept, [s for s in sections if s not in dropped]


# A link in parentheses (or Substack's brackets) inside a sentence that goes on in lower
# case: "(https://…) and replaces …", "(https://…), allowing …", "[ https://… ] platform has".
# After a text browser's spaced parentheses ("A Cooperpress ( https://… ) publication.")
# only outside a list entry (whose one link titles it wherever it sits).
_MID_SENTENCE = re.compile(r"( ?)[)\]],? [a-z]")
# A link an email tool (Kit, formerly ConvertKit) wrote on lines of its own inside the
# parentheses: "Naver Search API (" / "https://…" / ")": one "Title (https://…)".
# A link's sentence going on after it: "… is Plain Text <https://…>. Check out …".
_IN_PROSE = re.compile(r">?[.!?;,] +[A-Za-z]")
_WRAPPED_LINK = re.compile(r"(\S) \(\n[ \t]*(https?://[^\s()]+)[ \t]*\n[ \t]*\)")


_ANGLED_URL = re.compile(r"\s*<https?://[^\s<>]+>\s*")


def _drop_buttons(para: str) -> str:
    """The paragraph without its share and feedback buttons and their links ("Facebook" /
    "<url>" / "Twitter" / "<url>" / "Flag as irrelevant" / "<url>" under an alert's result,
    as a mail client writes its HTML as text): no words of the story, and no title."""
    if "<http" not in para:
        return para
    lines = para.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        words = lines[i].strip()
        cut = words.find(" <http")
        label, rest = (words[:cut], words[cut:]) if cut > 0 else (words, "")
        button = bool(label) and (is_share_button(label) or is_feedback_link(label))
        if button and rest and _ANGLED_URL.fullmatch(rest):
            i += 1  # "Twitter <https://…>"
        elif button and i + 1 < len(lines) and _ANGLED_URL.fullmatch(lines[i + 1]):
            i += 2  # "Twitter" / "<https://…>"
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _masthead_link(body: str, title: str, url: str) -> bool:
    """A short name atop the letter linking the page a furniture link of the letter links
    too ("Google" / "<https://…/alerts?…>", then "| View all your alerts" / "<same>"):
    the masthead, not a story."""
    if word_count(title) > 3 or body.count(url) < 2:
        return False
    at = body.find(url)
    while at >= 0:
        line = body.rfind("\n", 0, max(at - 2, 0))
        label = body[line + 1 : at].strip(" \t\n<([|:")
        if label and label != title and is_boilerplate_link(label, url):
            return True
        at = body.find(url, at + len(url))
    return False


def _unbox(body: str) -> str:
    """Box-drawn rules as paragraph breaks, and a line between two of them ("━━━━" /
    "今週の注目記事" / "━━━━") as an underlined heading."""
    lines = body.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _BOX_RULE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        label = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if label and i + 2 < len(lines) and _BOX_RULE.match(lines[i + 2]):
            out.extend(["", label, "===", ""])
            i += 3
        else:
            out.append("")
            i += 1
    return "\n".join(out)


def _is_button(title: str) -> bool:
    """ "▼続きを読む", "Read more", "お申し込みはこちら": a button's words before a URL."""
    words = strip_decoration(title).strip()
    return bool(words) and (is_cta(words) or bool(_READ_MORE_LABEL.fullmatch(words)))


def _title_line(para: str) -> bool:
    """One short line alone in its paragraph, not a sentence: a story's title (a "* " /
    "- " list entry is one feature of a list, "* Related keywords": no title, no label)."""
    line = para.strip()
    return (
        "\n" not in line
        and line[:2] not in ("* ", "- ", "• ")
        and 4 <= len(line) <= 120
        and not line.endswith((".", "!", "?", ",", ":", "。", "、", "：", "！", "？"))
        and _URL.search(line) is None
    )


def _split_lists(paras: list[str]) -> list[tuple[str, bool]]:
    """A paragraph that is a list ("1. a - url" / "2. b - url") becomes one per entry;
    with each, whether it was packed in such a list (not a paragraph of its own)."""
    out: list[tuple[str, bool]] = []
    for para in paras:
        lines = para.splitlines()
        starts = [i for i, ln in enumerate(lines) if _BULLET.match(ln)]
        if starts[:1] == [0]:
            # "- Last entry (https://…) ." / "Next Story (https://…)": a title line with
            # its link, under a list's last entry, starts a paragraph of its own.
            starts += [
                i
                for i, ln in enumerate(lines)
                if i
                and not ln.lstrip()[:1].islower()
                and lines[i - 1].rstrip().endswith((".", "!", "?", ")", "]"))
                and _LINKED_LINE.match(ln.strip())
            ]
            starts.sort()
        if not starts and len(lines) >= 2 and all(_calendar_row(ln) for ln in lines):
            # "2 dec   Rust Umeå [7]  (Sliperiet)" / "10 dec  Julmingel [8]": a calendar's
            # rows, one event each, though no blank line parts them.
            out.extend((ln, True) for ln in lines)
            continue
        if len(starts) < 2:
            out.append((para, False))
            continue
        cuts = [0, *starts[1:], len(lines)] if starts[0] > 0 else [*starts, len(lines)]
        bullets = sum(1 for i in starts if _BULLET.match(lines[i]))
        out.extend(
            ("\n".join(lines[a:b]), bullets > 1) for a, b in itertools.pairwise(cuts) if a < b
        )
    return out


def _calendar_row(line: str) -> bool:
    """A line opening with a date set apart from its words, holding one link."""
    return _DATE_KICKER.match(line.strip()) is not None and len(_URL.findall(line)) == 1


def _heading(para: str) -> str | None:
    lines = [ln for ln in para.splitlines() if ln.strip()]
    if (
        2 <= len(lines) <= 3
        and not _UNDERLINE.match(lines[0])
        and all(_UNDERLINE.match(ln) for ln in lines[1:])
        and not _URL.search(lines[0])
    ):
        # Mailchimp's text part draws two rules under a heading ("** #Code" / "----" /
        # "----") and marks it with "** "; a hashtag's "#" is no part of the name (as in HTML).
        return _HASHTAG.sub("", squash(strip_decoration(lines[0].removeprefix("** "))))
    if (
        len(lines) == 3
        and _UNDERLINE.match(lines[0])
        and _UNDERLINE.match(lines[2])
        and not _URL.search(lines[1])
    ):
        return squash(strip_decoration(lines[1]).rstrip(":"))  # "-----" / "TOP STORIES" / "-----"
    if len(lines) != 1 or _URL.search(lines[0]):
        return None
    line = lines[0].strip()
    md = _MD_HEADING.match(line) or _RULED.match(line)
    if md:
        return squash(strip_decoration(md.group(1)))
    if len(line) > 70 or line.endswith((".", "!", "?", ",")):
        return None
    if line.endswith(":") or upper_ratio(line) >= 0.9:
        return squash(strip_decoration(line.rstrip(":")))
    if line[:1] in _SECTION_MARKS and len(line) <= 40:
        return squash(line[1:])  # "■ 今週のニュース": a Japanese mail magazine's section mark
    return None


_SECTION_MARKS = ("■", "□", "◆")
_HASHTAG = re.compile(r"^#(?=[^\W\d_])")
# Substack's footnote mark before its link into the post: "… samples [2] [https://…#footnote-2]".
_FOOTNOTE_MARK = re.compile(r" ?\[\d{1,3}\](?= \[https?://)")


# "(Wired (https://…) $)": a sentence's source in brackets, its address in brackets after
# its name (Mailchimp's text part writes a link so), a "$" marking a paywall.
_CITED_SOURCE = re.compile(r"\(([^()]{1,40}?) \((https?://[^\s()]+)\)\s*\$?\s*\)[\s.]*$")


def _numbered_cited(para: str) -> tuple[str, str, str] | None:
    """ "1 US regulators fine a chipmaker" / "The fine is the largest yet. (Wired (https://…)
    $)" / "+ More reading. (Source (https://…))": a daily briefing's numbered entry, titled
    by its first line without the number, its link the source the sentence under it cites
    (the "+" lines after it stay its blurb)."""
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    if len(lines) < 2 or _URL.search(lines[0]):
        return None
    number = BARE_NUMBER.match(lines[0])
    cited = _CITED_SOURCE.search(lines[1])
    if number is None or cited is None:
        return None
    rest = _drop_urls("\n".join(lines[1:]))
    return lines[0][number.end() :], cited.group(2), re.sub(r" +\)", ")", rest)


def _item_in(para: str, packed: bool = False) -> tuple[str, str, str] | None:
    """(title, url, rest of the paragraph) when the paragraph opens with a linked title.

    The URL may sit on the title's line, on the line after it (a title may wrap over
    two lines), or close the paragraph ("Read more: https://…") after a blurb.
    """
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    if len(lines) == 3 and _UNDERLINE.match(lines[0]) and _UNDERLINE.match(lines[2]):
        lines = lines[1:2]  # "-----" / "Naver Search API (https://…)" / "-----": boxed title
    for i, line in enumerate(lines[:8]):
        m = _URL.search(line)
        if not m:
            continue
        before = line[: m.start()].strip()
        mid = _MID_SENTENCE.match(line, m.end()) if i == 0 else None
        if (
            mid is not None
            and not mid.group(1)
            and "," not in mid.group(0)
            and _BULLET.match(line)
            and not packed
            and len(_URL.findall(para)) == 1
        ):
            # "- The merger gets cleared (https://…) by regulators.": an entry that is a
            # paragraph of its own titled by its one link wherever it sits: the sentence
            # is the title (not in a packed list of changes, nor before ", printing …").
            sentence = _BULLET.sub("", _drop_urls(" ".join(lines)))
            return _SPACE_BEFORE_STOP.sub(r"\1", squash(sentence)), m.group(1), ""
        if mid is not None and not (mid.group(1) and _BULLET.match(line)):
            return None  # "This release deprecates X (https://…) and replaces Y.": inline
        if i == 0 and len(before) > 90 and _SENTENCE_AFTER.match(line, m.end()):
            return None  # "… with the first stalls open by autumn (https://…) . The lease …"
        after = line[m.end() :].strip(" )]>-–—:|").lstrip(",;. ")  # "… ( url ), with …"
        if after.count("(") > after.count(")") and line.endswith(")"):
            after += ")"  # "Title <url> (06:56)": the note's own parenthesis, not the link's
        if (
            i == 0
            and _IN_PROSE.match(line, m.end())
            and not _BULLET.match(line)
            and (len(before.split()) >= 8 or para.count("://") >= 3)
        ):
            # "The theme for May is Plain Text <url>. Check out …", "Links from A <url>,
            # B <url> and C <url>.": links inside sentences, no title line.
            return None
        before = _BULLET.sub("", before).rstrip(" (<[-–—:|")
        rest = " ".join([after, *lines[i + 1 :]]).strip()
        if i == 0:
            if has_words(before) and len(before) <= 200:
                return before, m.group(1), _drop_urls(rest).strip()
            return None
        if not _BARE_URL_LINE.match(line):
            if i <= 2 and _SPACED_PARENS.search(line, 0, m.start()):
                # "Observe Every Consumer Group, With Lag" / "Alerts ( https://… ) — Lag…",
                # "Why Exactly-Once Matters" / "( https://… ) — An essay on …"
                title = " ".join([*lines[:i], before]).strip()
                if len(title) <= 200 and ". " not in title:
                    return _BULLET.sub("", title), m.group(1), _drop_urls(rest).strip()
            return None
        head = _site_dropped(" ".join(lines[:i]), m.group(1))
        if i <= 2 and len(head) <= 120 and ". " not in head and not (i == 2 and head[-1] == "."):
            # (The blurb may open with the dash that followed the link: "( url )" / "— …".)
            return _BULLET.sub("", head), m.group(1), _drop_urls(rest).strip().lstrip("-–— ")
        # Title line, then a blurb, then the link on its own line.
        first = _site_dropped(_BULLET.sub("", lines[0]), m.group(1))
        if i >= 2 and (first.endswith(",") or lines[1][:1].islower()):
            # Wrapped prose, not a title line: "Tracebox: continuous profiling for every
            # host,\nno agents to babysit." is titled by the name before its colon.
            name, colon, _ = first.partition(": ")
            if not colon or len(name) > 40 or len(name.split()) > 4:
                return None
            prose = " ".join([*lines[:i], before if has_words(before) else "", rest])
            return name, m.group(1), _drop_urls(prose[len(name) + 1 :]).strip()
        if len(first) <= 120 and not first.endswith("."):
            blurb = " ".join(
                [
                    *lines[1:i],
                    before if has_words(before) and not _READ_MORE_LABEL.match(before) else "",
                    rest,
                ]
            )
            return first, m.group(1), _drop_urls(blurb).strip()
        return None
    return None


# "Show HN: Tinyrelay (github.com)": the site a title links, shown after it (Hacker News).
_SITE_SHOWN = re.compile(r"\s\(([a-z0-9-]+(?:\.[a-z0-9-]+)+)\)$")


def _site_dropped(title: str, url: str) -> str:
    """The title without the site its URL opens, when the title shows it at its end."""
    m = _SITE_SHOWN.search(title) if title.endswith(")") else None
    if m is None:
        return title
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    site = m.group(1).removeprefix("www.")
    return title[: m.start()] if host == site or host.endswith("." + site) else title


def _authored(para: str) -> tuple[tuple[str, str, str], tuple[str, ...]] | None:
    """A preprint alert's entry: its title (it may wrap), a line listing its authors, then
    its link line ("doi: https://doi.org/…" or the URL alone) and maybe a "Posted …" line.
    The lines above the authors are the title; the authors go to ``Item.authors``."""
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    for k in range(1, min(4, len(lines) - 1)):
        if not _BARE_URL_LINE.match(lines[k + 1]):
            continue
        names = listed_authors(lines[k])
        title = " ".join(lines[:k])
        if not names or len(title) > 200 or title.endswith(".") or _URL.search(title):
            return None
        url = _URL.search(lines[k + 1])
        if url is None:
            return None
        rest = _drop_urls(" ".join(lines[k + 2 :])).strip()
        return (_BULLET.sub("", title), url.group(1), rest), names
    return None


def _headed_prose(para: str, heading: str) -> tuple[str, str, str] | None:
    """(heading, url, prose) for a paragraph of prose whose last line is a bare URL."""
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    if len(lines) < 2 or not _BARE_URL_LINE.match(lines[-1]) or _URL.search(" ".join(lines[:-1])):
        return None
    m = _URL.search(lines[-1])
    return (heading, m.group(1), " ".join(lines[:-1])) if m else None


# "[SPONSOR] Crunchy Bridge", "Sponsored: Acme": a tag before the name it titles.
_TAG_HEAD = re.compile(r"^[\[(]?(\w+)[\])]?\s*[:|–—-]?\s+(?=\S)")


# A tag opening a title line, in brackets or before a colon: "[Ad] Tracebox", "SPONSOR: X".
_AD_LABEL = re.compile(r"^(?:\[(\w+)\]|(\w+)\s*:)\s+(?=\S)")


def _unruled(para: str) -> str:
    """A paragraph boxed by rules ("-----" above and below a sponsor's lines) without them;
    an underlined heading (one line, then its rule) stays as it is."""
    lead = para.lstrip("\n")
    ruled = lead[: lead.find("\n") + 1 or len(lead)]
    if _SPACED_RULE.match(ruled) and ruled != lead:
        return lead[len(ruled) :]  # a spaced rule opening the paragraph is no words of it
    first = para[: para.find("\n") + 1 or len(para)]
    if not _UNDERLINE.match(first):
        return para
    lines = para.split("\n")[1:]
    if lines and _UNDERLINE.match(lines[-1]):
        lines.pop()
    return "\n".join(lines) if len(lines) >= 2 else para


def _sponsor_tagged(title: str) -> tuple[str, bool]:
    m = _TAG_HEAD.match(title)
    if m is None or not SPONSOR_TAG.match(m.group(1)):
        return title, False
    return title[m.end() :], True


# English months, and the other languages' that no English one opens ("okt", "maj", "dic").
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|okt|maj|mei|mai|dez|dic|ene|abr|gen|mag|giu|lug|ott)[a-z]{0,6}\.?"
)
# "Jun 17 -- PGDay Lowlands", "Tue 8 July · Rust Bristol", "2025-06-17 – Title": a date
# opening an event's title line is its kicker, not its name.
_DATE_KICKER = re.compile(
    rf"^((?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.?\s+{_MONTH}|\d{{4}}-\d\d-\d\d)"
    rf"(?:,?\s+\d{{4}})?(?:,?\s+\d{{1,2}}[:.]\d\d)?)(?:\s+(?:--|[—–|·-])\s+|[ \t]{{2,}}|\t)(?=\S)",
    re.I,
)


def _dated_title(title: str) -> tuple[str, str]:
    """(title, date) when a date and a dash open the title line, else (title, "")."""
    if not title[:1].isalnum():
        return title, ""
    m = _DATE_KICKER.match(title) or _ENTRY_KICKER.match(title)
    if m is None or len(title) - m.end() < 3:
        return title, ""
    return title[m.end() :], m.group(1).rpartition(" ")[2] if m.re is _ENTRY_KICKER else m.group(1)


# "Posted March 13, 2025", "Published: 2025-03-12": when the entry appeared, no summary.
_POSTED = re.compile(
    r"^(?:posted|published|submitted|released|updated|first published|online)(?: on)?:?\s", re.I
)


def _posted_line(text: str) -> bool:
    """A blurb that is only its entry's posted or published date."""
    m = _POSTED.match(text) if len(text) <= 60 else None
    return m is not None and is_dateline(text[m.end() :])


_READ_MORE_LABEL = re.compile(r"^(read|more|link|source|via|full story|continue)\b", re.I)


_DISCUSSION_LABEL = re.compile(rf"\b({_THREAD_WORDS})\s*[:→»›]?\s*[(<]?\s*$", re.I)


def _discussions(
    text: str, item_url: str, known: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """The item's discussion links in its text: "(discussion: https://…)", "Comments:
    https://…", or a bare link to a thread page (a Hacker News item, a lobste.rs story)."""
    if text.count("http") < (2 if item_url in text else 1):
        return []  # no link but the item's own: the common case
    seen = {url for _, url in known or ()} | {item_url}
    found: list[tuple[str, str]] = []
    for m in _URL.finditer(text):
        url = m.group(1)
        if url in seen:
            continue
        label = _DISCUSSION_LABEL.search(text[max(0, m.start() - 30) : m.start()])
        if label is None and not is_thread_page(url):
            continue
        seen.add(url)
        found.append((label.group(1) if label else "discussion", url))
    return found


# A link to an image file ("https://…/origin.jpg" under the masthead) is a picture, no story.
IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)(?:[?#]\S*)?$", re.I)
# An image's file name or label standing for it: "visuel_1200x628", "IMG_2041.jpg".
_IMAGE_NAME = re.compile(r"[\w-]*\d{2,4}x\d{2,4}[\w-]*|[\w-]+\.(?:jpe?g|png|gif|webp)", re.I)
# "(https://… ) 7 minutes, proposé par …": a paragraph opening with its link in parentheses.
_LINK_OPENS = re.compile(r"[(\[<] ?(https?://[^\s)\]>]+) ?[)\]>]")
_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")
# A link closing a sentence, or a clause, that more words follow: "… (https://…) . The lease
# runs …", "… startups (https://…) : OpenNode."
_SENTENCE_AFTER = re.compile(r" ?[)\]]? ?[.:;] \w")
# "Link 2024-07-23 Title", "Quote 2024-07-23", "TIL 2024-07-22 …": a blog's entry type and
# its ISO date opening the entry, as a blog-to-newsletter export writes each entry.
_ENTRY_KICKER = re.compile(r"^([A-Z][A-Za-z]{1,11} \d{4}-\d\d-\d\d)(?:\s+(?=\S)|$)")
# A rule line ("-----", "=====") long enough to be drawn between blocks, not under a word.
_LONG_RULE = re.compile(r"^\s*([-=_*])\1{19,}\s*$")


def _rules_as_breaks(body: str) -> str:
    """A long rule right under prose (Mailchimp's text part: "… or IRAs." / "-----" /
    "Next Title (https://…)") breaks the paragraph; under a short line it underlines a
    heading and stays."""
    lines = body.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        before = lines[i - 1].strip() if i else ""
        if (
            _LONG_RULE.match(line)
            and before
            and not _UNDERLINE.match(before)
            and before.endswith((".", "!", "?"))
        ):
            out.extend(["", line, ""])
        else:
            out.append(line)
    return "\n".join(out)


# A title line whose link closes it: "Title [ https://… ]", "Title (Sponsored) [ https://… ]:".
_LINKED_LINE = re.compile(
    r"^[^\[\]]{3,150}\[ ?https?://\S+ ?\]:?$|^[^()]{3,150}\( ?https?://\S+ ?\):?$"
)


# A linked title glued by its emoji to the sentence before it, Ghost's text part joining
# two cards: "… hands-on community.✂️Managing Gradle Daemons [https://…]". The title (up
# to its link closing the line) starts a paragraph of its own.
_GLUED_TITLE = re.compile(
    r"(?<=[.!?…])(?=[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
    r"(?:[^\n\[\]]{3,150}\[ ?https?://[^\s\[\]]+ ?\]|[^\n()]{3,150}\( ?https?://[^\s()]+ ?\))"
    r"[ \t]*$)",
    re.M,
)


def _bare_label(heading: str) -> bool:
    """ "SPONSORED", "Anzeige": a sponsor's label alone, naming no section of its own."""
    return bool(SPONSOR_TAG.match(strip_decoration(heading).strip().lower()))


def _first_sentence(text: str) -> str:
    """The words up to the first sentence's end (all of them when it is the only one)."""
    end = re.search(r"[.!?](?=\s)", text)
    return text[: end.end()] if end else text


def _split_unwrapped(paras: list[str]) -> list[str]:
    """A text part written a paragraph per line with no blank lines between (Substack's,
    unwrapped: its lines run to hundreds of characters) split into entries: before each
    line opening with an entry kicker ("Link 2024-07-23 …", "Quote 2024-07-23") when two or
    more do, else before each line that is a title with its link closing it."""
    out: list[str] = []
    for para in paras:
        lines = para.split("\n")
        if len(lines) < 8 or max(len(line) for line in lines) <= 200:
            out.append(para)
            continue
        starts = [i for i, line in enumerate(lines) if _ENTRY_KICKER.match(line)]
        if len(starts) < 2:
            starts = [
                i
                for i, line in enumerate(lines)
                if _LINKED_LINE.match(line.strip()) and not line.rstrip(" ])").endswith(".")
            ]
        cuts = [0, *(i for i in starts if i > 0), len(lines)]
        out.extend("\n".join(lines[a:b]) for a, b in itertools.pairwise(cuts) if a < b)
    return out


def _quoted(para: str) -> tuple[str, str, str] | None:
    """ "Quote 2024-07-23" / the quotation / "Mark Zuckerberg [ https://… ]": an entry
    quoting someone, titled by the name its closing line links; the quotation its blurb."""
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    if len(lines) < 3 or not _ENTRY_KICKER.fullmatch(lines[0]):
        return None
    last = lines[-1]
    m = _URL.search(last)
    if m is None or not _LINKED_LINE.match(last) or len(_URL.findall(last)) != 1:
        return None
    name = last[: m.start()].rstrip(" [(—–-")
    if not has_words(name) or len(name) > 80 or name.endswith("."):
        return None
    return name, m.group(1), _drop_urls(" ".join(lines[1:-1])).strip()


def _closing_sentence(para: str) -> bool:
    """One line, no list entry, whose bracketed link closes its sentence: "The implementation
    is 65 lines of Rust [https://…]." is prose under an entry, no title (Substack's text part
    brackets a link after its words; "A look back at our favorites (https://…) ." in
    Mailchimp's parentheses is the whole line linked, a title, unless a long sentence)."""
    line = para.strip()
    m = _URL.search(line) if "\n" not in line and not _BULLET.match(line) else None
    if m is None or m.start() == 0:
        return False
    after = line[m.end() :].replace(" ", "")
    return after == "]." or (after == ")." and m.start() > 100)


def _lone_line(para: str) -> str | None:
    """The paragraph when it is one line that could title the link below it (no URL, no
    sentence's end: "What Makes Team Topologies Humane?" may ask)."""
    line = para.strip()
    if "\n" in line or not 4 <= len(line) <= 150 or "http" in line:
        return None
    if line.endswith((".", ":", ",", ";", "!")) or not has_words(line):
        return None
    return squash(line)
