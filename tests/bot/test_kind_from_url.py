"""What a link's address alone says about its kind (repo, model, paper, video)."""

from __future__ import annotations

import pytest

from bot.models import Kind
from bot.normalise.urls import kind_from_url


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/acme/tinyllm", Kind.REPO),
        ("https://gitlab.com/group/project", Kind.REPO),
        ("https://github.com/advisories/GHSA-abcd-1234-efgh", None),
        ("https://github.com/sponsors/someone", None),
        ("https://github.com/topics/llm", None),
        ("https://about.gitlab.com/blog", None),
        ("https://github.com/acme/tinyllm/releases/tag/v1.0", None),
        ("https://huggingface.co/acme/tiny-7b", Kind.MODEL),
        ("https://huggingface.co/papers/2501.00001", Kind.PAPER),
        ("https://arxiv.org/abs/2501.00001", Kind.PAPER),
        ("https://www.youtube.com/watch?v=abc", Kind.VIDEO),
        ("https://news.example/story", None),
    ],
)
def test_kind_from_url(url: str, kind: Kind | None) -> None:
    assert kind_from_url(url) == kind
