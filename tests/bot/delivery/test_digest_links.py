"""Posted links carry no trackers; the stored item keeps the link as the newsletter wrote it."""

from __future__ import annotations

import pytest

from bot.delivery.digest import build_digests
from bot.models import Item
from bot.normalise.urls import clean_url
from tests.bot.delivery.test_digest_build import SLOT, row


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (
            "https://arxiv.org/abs/2503.06923v1?utm_source=tldrai",
            "https://arxiv.org/abs/2503.06923v1",
        ),
        (
            "https://www.example.com/a?id=3&utm_source=x&mc_cid=9#part",
            "https://www.example.com/a?id=3#part",
        ),
        ("https://blog.example.net/post?ref=letter", "https://blog.example.net/post"),
        ("https://example.com/p?q=a%20b&page=2", "https://example.com/p?q=a%20b&page=2"),
        (
            "https://click.example.com/track?url=https%3A%2F%2Fnews.example.org%2Fstory%3Futm_medium%3Demail",
            "https://news.example.org/story",
        ),
        ("mailto:editor@example.com", "mailto:editor@example.com"),
    ],
)
def test_clean_url_drops_only_tracking(written: str, shown: str) -> None:
    assert clean_url(written) == shown


def test_digests_post_clean_links() -> None:
    item = Item(
        "Paper",
        "https://arxiv.org/abs/2503.06923v1?utm_source=tldrai",
        links=(("Hugging Face", "https://huggingface.co/papers/2503.06923?utm_campaign=d"),),
    )
    (digest,) = build_digests([(row(1, item=item), SLOT)]).digests
    (entry,) = digest.entries
    assert entry.item.url == "https://arxiv.org/abs/2503.06923v1"
    assert entry.item.links == (("Hugging Face", "https://huggingface.co/papers/2503.06923"),)
