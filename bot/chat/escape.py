"""Making newsletter text safe to show in chat: no pings, no spoofed links.

Newsletter text is untrusted. In Slack mrkdwn, ``<!channel>`` or ``<@U123>``
ping people and ``<https://evil|https://bank>`` hides a link's target; in
Discord markdown ``@everyone`` and ``<@&1>`` ping and ``[label](url)`` hides
it. Every piece of newsletter text goes through these helpers before it is
put into a message, and the channels never turn on server-side mention
parsing (Slack ``link_names``, Discord ``allowed_mentions``) either.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

WORD_JOINER = "\u2060"
"""Invisible, but breaks ``@everyone`` and ``<@…>`` so no client reads a mention."""

_AT_WORD = re.compile(r"@(?=[\w&!#])")
_ANGLE_MENTION = re.compile(r"<(?=[@#!:&]|/?[a-z]+:)", re.IGNORECASE)
_HOSTLIKE = re.compile(
    r"^\s*(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}(?:[/:?#]\S*)?\s*$",
    re.IGNORECASE,
)
_SCHEMED = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def neutralise_mentions(text: str) -> str:
    """Break every ``@word`` and ``<@…>``-like token with an invisible word joiner."""
    text = _AT_WORD.sub("@" + WORD_JOINER, text)
    return _ANGLE_MENTION.sub("<" + WORD_JOINER, text)


def slack_escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` (Slack's control characters) and break mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _AT_WORD.sub("@" + WORD_JOINER, text)


_DISCORD_SPECIAL = re.compile(r"([\\*_~`|>\[\]()#-])")


def discord_escape(text: str) -> str:
    """Escape Discord markdown and break mentions (``@everyone``, ``<@&1>``, ``<#1>``)."""
    text = _DISCORD_SPECIAL.sub(r"\\\1", text)
    return neutralise_mentions(text)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, percent-encoded; else None.

    Characters that end a Slack link (``|``, ``>``) or a markdown link (``)``)
    and whitespace are percent-encoded so the URL cannot break out of its link.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in url):
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def host_of(url: str) -> str:
    """The host a URL points at, without ``www.``, for showing next to a link."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def link_label(label: str, url: str) -> str:
    """A label that cannot pretend to point elsewhere.

    A label that itself looks like a URL or a domain name is only kept when it
    names the same host as the target; otherwise the target's own host is shown.
    """
    label = " ".join(label.split())
    if not label:
        return host_of(url)
    if _HOSTLIKE.match(label) or _SCHEMED.search(label):
        candidate = label if _SCHEMED.match(label.strip()) else "http://" + label.strip()
        try:
            named = (urlsplit(candidate).hostname or "").lower().removeprefix("www.")
        except ValueError:
            named = ""
        if named != host_of(url):
            return host_of(url)
    return label


def slack_link(url: str | None, label: str) -> str:
    """``<url|label>`` for Slack mrkdwn, or the escaped label alone when the URL is unsafe."""
    target = safe_url(url)
    if target is None:
        return slack_escape(" ".join(label.split()))
    shown = slack_escape(link_label(label, target))
    return f"<{target.replace('&', '&amp;')}|{shown}>"


def discord_link(url: str | None, label: str) -> str:
    """``[label](<url>)`` for Discord markdown, or the escaped label alone when unsafe."""
    target = safe_url(url)
    if target is None:
        return discord_escape(" ".join(label.split()))
    shown = discord_escape(link_label(label, target))
    return f"[{shown}]({target.replace('(', '%28').replace(')', '%29')})"
