"""The renderings ``tests.parsers.real_archives`` makes of a TLDR web-archive issue (the
text part, the HTML email, the HTML behind opaque short links) give the items the
archive reader finds in its markdown, so the check of real archives measures the
parsers, not the renderer; and the archive readers on small samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.decode import load_file
from bot.normalise import normalise_result
from bot.normalise.urls import canonical_url
from parsers import parse
from tests.parsers import real_archives as ra

ISSUE = """Chips slip 🧱, routers last 📡, kv stores shrink 🗜️

[TLDR](/)

# TLDR 2026-05-14

## Chips slip 🧱, routers last 📡, kv stores shrink 🗜️

###

[### Ship dashboards your CFO trusts (Sponsor)](https://metricly.example/tour?utm_source=tldr&amp;utm_campaign=0514)

Metricly turns warehouse tables into reviewed metrics. [Take the tour](https://metricly.example/tour?utm_source=tldr).

→ [Read the metrics playbook (Guide)](https://metricly.example/playbook?utm_source=tldr): eight steps.

📱

### Big Tech & Startups

[### A chip fab slips to 2028 (4 minute read)](https://chipnews.example/fab-2028?utm_source=tldrnewsletter)

The company blamed late tool deliveries and a tight labour market.

[### Routers that get ten years of updates (3 minute read)](https://netgear-watch.example/ten-years?utm_source=tldrnewsletter)

Promised in writing, with a public end-of-life date.

💻

### Programming, Design & Data Science

[### kvtiny (GitHub Repo)](https://github.com/example/kvtiny?utm_source=tldrnewsletter)

A key-value store in 400 lines of Rust.

[### Why row counts lie (and what to check instead) (5 minute read)](https://dataquality.example/row-counts?utm_source=tldrnewsletter)

Checksums per partition catch what counts miss.

[### SQL Lens (Chrome Extension)](https://chromewebstore.google.com/detail/sql-lens/abc?utm_source=tldrnewsletter)

Highlights the expensive parts of a query plan.

## Get the most important tech news in 5 minutes

Subscribe
"""


@pytest.mark.parametrize("rendering", ["web", "text", "html", "short"])
def test_each_rendering_gives_the_issues_items(rendering: str, tmp_path: Path) -> None:
    masthead = "TLDR 2026-05-14"
    link = ra.short_link if rendering == "short" else (lambda u: u)
    if rendering == "web":
        path = tmp_path / "tech_2026-05-14.md"
        path.write_text(ISSUE)
        result = parse(load_file(path))
    elif rendering == "text":
        result = parse(ra._email("Chips slip", ra.tldr_text(ISSUE, masthead), "plain"))
    else:
        result = parse(ra._email("Chips slip", ra.tldr_html(ISSUE, masthead, link), "html"))
    got = [(i.title, i.canonical_url, i.section, i.sponsor) for i in normalise_result(result).items]
    want = [
        (w.title, canonical_url(link(w.url)), w.section, w.sponsor) for w in ra.tldr_items(ISSUE)
    ]
    assert [g[0].casefold() for g in got] == [w[0].casefold() for w in want]
    assert [g[1:] for g in got] == [(w[1], w[2], w[3]) for w in want] or rendering == "text"
    assert [g[1] for g in got] == [w[1] for w in want]
    assert len(want) == 6


def test_archive_readers_on_small_samples() -> None:
    web = (
        "# TLDR AI 2025-01-02\n\n## Tagline 🚀, more 🧠\n\n### Headlines & Launches\n\n"
        "[### A model ships (Sponsor)](https://ad.example/?utm_source=tldr)\n\nText.\n\n"
        "[### Open weights arrive (3 minute read)](https://news.example/a?utm_source=tldrai)\n\n"
        "[### TLDR is hiring](https://tldr.tech/jobs/1)\n"
    )
    items = ra.tldr_items(web)
    assert [(w.title, w.section, w.sponsor) for w in items] == [
        ("A model ships", "Headlines & Launches", True),
        ("Open weights arrive", "Headlines & Launches", False),
    ]
    digest = (
        "| Category | Title | Authors | Summary |\n|---|---|---|---|\n"
        "| Vision | A long title that wrapped\n  onto a second line (Read more on "
        "[arXiv](https://arxiv.org/abs/2501.00001) or [HuggingFace](https://huggingface.co/papers/2501.00001))"
        "| Ana | A summary. |\n"
    )
    assert [(w.title, w.url) for w in ra.paper_items(digest)] == [
        ("A long title that wrapped onto a second line", "https://arxiv.org/abs/2501.00001")
    ]
