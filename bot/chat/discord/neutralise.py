"""Newsletter text made inert for Discord: no mention, no markdown trick, no odd link.

``allowed_mentions`` with an empty ``parse`` list on every message is what
guarantees that nobody is pinged; this module is the second belt: mention
syntax is broken with a zero-width space so it does not even render as a
mention, and markdown is escaped so a title cannot fake a masked link or
hide text. Slack's ``<!channel>`` is inert in Discord but is broken the same
way so that a copy pasted from Discord into Slack stays harmless.

Switch to ``bot.chat.escape`` once the shared helpers land there.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from discord.utils import escape_markdown

_ZWSP = "\u200b"
# @everyone / @here, and the <@…>, <@!…>, <@&…>, <#…>, </…:…>, <!…> forms.
_AT_WORD = re.compile(r"@(?=(everyone|here)\b)", re.IGNORECASE)
_ANGLE = re.compile(r"<(?=[@#!/:&])")


def neutralise(text: str) -> str:
    """Text that renders as written and can notify nobody."""
    text = escape_markdown(text, as_needed=False)
    text = _AT_WORD.sub("@" + _ZWSP, text)
    return _ANGLE.sub("<" + _ZWSP, text)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) link Discord accepts, else None."""
    if not url or len(url) > 2048 or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
