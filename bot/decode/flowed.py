"""RFC 3676 ``format=flowed`` text: soft line breaks joined back into paragraphs.

Mail clients (Apple Mail, Thunderbird, some sending tools) wrap a text/plain body at
~72 columns and mark each soft break with a trailing space; ``delsp=yes`` says that
space was added by the wrapping (it is removed when joining, as it splits a word or a
URL). Without this a wrapped URL or title reaches the parsers in pieces.
"""

from __future__ import annotations

_SIGNATURE = "-- "


def unflow(text: str, *, delsp: bool = False) -> str:
    """The body with flowed lines joined (quote depth kept, space-stuffing removed)."""
    out: list[str] = []
    paragraph: str | None = None
    depth_of = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing (or the space after the quote marks)
        if paragraph is not None and depth != depth_of:
            out.append(_quoted(paragraph, depth_of))  # a quote depth change ends a paragraph
            paragraph = None
        paragraph = content if paragraph is None else paragraph + content
        depth_of = depth
        if content.endswith(" ") and content != _SIGNATURE:
            if delsp:
                paragraph = paragraph[:-1]
            continue
        out.append(_quoted(paragraph, depth))
        paragraph = None
    if paragraph is not None:
        out.append(_quoted(paragraph, depth_of))
    return "\n".join(out)


def _quoted(content: str, depth: int) -> str:
    return (">" * depth + " " + content) if depth else content
