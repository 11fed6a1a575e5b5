"""Bytes in, ``Email`` out (``message``), for mail and for newsletter files (``files``)."""

from bot.decode.body_text import LINE_TRANSPARENT, decode_bytes
from bot.decode.files import load_file, looks_like_rfc822
from bot.decode.message import (
    decode_email,
    decode_email_fast,
    decode_email_stdlib,
    synthetic_message_id,
)

__all__ = [
    "LINE_TRANSPARENT",
    "decode_bytes",
    "decode_email",
    "decode_email_fast",
    "decode_email_stdlib",
    "load_file",
    "looks_like_rfc822",
    "synthetic_message_id",
]
