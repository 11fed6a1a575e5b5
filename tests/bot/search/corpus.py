"""A small archive written for the search tests: several newsletters, dates, kinds and a sponsor."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.models import Email, Item, Kind, Newsletter, ParseResult
from bot.store import Store

NOW = datetime(2025, 4, 20, 12, 0, tzinfo=UTC)
"""The clock the tests search at: the newest issue is two days old."""

GEMMA = Item(
    title="Gemma 3 brings vision to small open models",
    url="https://blog.example.org/gemma-3?utm_source=news",
    canonical_url="https://blog.example.org/gemma-3",
    blurb="Google's Gemma 3 family runs on one accelerator and reads images as well as text.",
    section="Headlines & Launches",
    kind=Kind.ARTICLE,
)
GEMMA_CPP = Item(
    title="gemma.cpp: a lightweight inference engine",
    url="https://github.com/example/gemma.cpp",
    canonical_url="https://github.com/example/gemma.cpp",
    blurb="A standalone C++ runtime for the Gemma models, for experiments on a laptop.",
    section="Tools",
    kind=Kind.REPO,
    position=1,
)
SPONSOR = Item(
    title="Ship faster with AcmeDB @everyone <!channel>",
    url="https://acme.example.com/?ref=news",
    blurb="The database for agents. Sign up today and get gemma credits.",
    section="Sponsor",
    sponsor=True,
    position=2,
)
NSA = Item(
    title="Native Sparse Attention: Hardware-Aligned and Natively Trainable",
    url="https://arxiv.org/abs/2502.11089",
    canonical_url="https://arxiv.org/abs/2502.11089",
    blurb="A sparse attention mechanism that stays fast on modern accelerators for long context.",
    section="Papers",
    kind=Kind.PAPER,
)
AGENTS = Item(
    title="Tool use for web agents, measured",
    url="https://example.net/agents-benchmark",
    canonical_url="https://example.net/agents-benchmark",
    blurb="A benchmark of browsing agents that call tools; most fail at checkout.",
    section="Research",
    kind=Kind.PAPER,
    position=1,
)
OLD_SURVEY = Item(
    title="Efficient attention: a survey of sparse patterns",
    url="https://example.edu/survey",
    canonical_url="https://example.edu/survey",
    blurb="A review of sparse attention patterns from 2019 to 2023.",
    section="Research",
    kind=Kind.PAPER,
)
TWIN_OLD = Item(
    title="Quantised kernels explained",
    url="https://example.com/kernels-old",
    canonical_url="https://example.com/kernels-old",
    blurb="How low-bit matrix kernels work.",
    section="Deep dives",
    position=1,
)
TWIN_NEW = Item(
    title="Quantised kernels explained",
    url="https://example.com/kernels-new",
    canonical_url="https://example.com/kernels-new",
    blurb="How low-bit matrix kernels work.",
    section="Deep dives",
    position=3,
)

ISSUES: tuple[tuple[str, str, date, tuple[Item, ...]], ...] = (
    ("roundup", "Old Digest", date(2024, 1, 10), (OLD_SURVEY, TWIN_OLD)),
    ("hf_papers", "Hugging Face Papers", date(2025, 4, 14), (NSA, AGENTS, GEMMA)),
    ("tldr", "TLDR AI", date(2025, 4, 18), (GEMMA, GEMMA_CPP, SPONSOR, TWIN_NEW)),
)


def fill(store: Store) -> None:
    """Store every issue through the real save path (search index included)."""
    for family, name, day, items in ISSUES:
        message_id = f"<{family}-{day.isoformat()}@example.com>"
        email = Email(message_id=message_id, subject=name, sender=f"{family}@example.com")
        newsletter = Newsletter(
            family=family,
            name=name,
            issue_date=day,
            message_id=message_id,
            parser="test",
            parser_version="1",
            sender=email.sender,
            subject=name,
        )
        result = ParseResult(newsletter, items, reason="test")
        store.save_issue(message_id.encode(), "test", email, result, [[] for _ in items])
