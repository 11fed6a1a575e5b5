"""The real sample newsletters in ../shared/seeds: every item, exact titles and links.

Skipped only when the seeds folder is absent (it sits beside the repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.decode import load_file
from bot.models import Kind, ParseResult
from bot.normalise import normalise_result
from parsers import parse

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def parsed(name: str) -> ParseResult:
    return normalise_result(parse(load_file(SEEDS / name)))


# (title, url, section, sponsor) of the TLDR AI 2025-03-13 text/plain issue, in order.
TLDR_TEXT = [
    ("CASE STUDY: OPEN SOURCE MODEL TRAINING WITH 1000+ NVIDIA HOPPER GPUS AND CIRRASCALE",
     "https://www.cirrascale.com/ai2-case-study?utm_campaign=9070104-Ai2%20Case%20Study&utm_source=email&utm_term=TLDR&utm_content=TLDR%20Email",
     None, True),
    ("TRANSFORMING GAME ASSET CREATION WITH GENIES' AIGC-POWERED SYSTEM - GENIES",
     "https://genies.com/blog/transforming-game-asset-creation-with-genies-aigc-powered-system?utm_source=tldrai",
     "HEADLINES & LAUNCHES", False),
    ("AI SCIENTIST'S FIRST PUBLICATION", "https://sakana.ai/ai-scientist-first-publication/?utm_source=tldrai",
     "HEADLINES & LAUNCHES", False),
    ("GOOGLE'S NEW OPEN WEIGHTS MODEL", "https://blog.google/technology/developers/gemma-3/?utm_source=tldrai",
     "HEADLINES & LAUNCHES", False),
    ("GEMMA 3 TECHNICAL REPORT", "https://storage.googleapis.com/deepmind-media/gemma/Gemma3Report.pdf?utm_source=tldrai",
     "RESEARCH & INNOVATION", False),
    ("PREDICTING FUTURE FEATURES IN DIFFUSION MODELS", "https://arxiv.org/abs/2503.06923v1?utm_source=tldrai",
     "RESEARCH & INNOVATION", False),
    ("SUPER-RESOLUTION WITH TOKEN AGGREGATION", "https://arxiv.org/abs/2503.06896v1?utm_source=tldrai",
     "RESEARCH & INNOVATION", False),
    ("LM-IMPLICIT-REASONING", "https://github.com/TianheL/LM-Implicit-Reasoning?utm_source=tldrai",
     "ENGINEERING & RESOURCES", False),
    ("MULTIMODAL MOTION GENERATION", "https://steve-zeyu-zhang.github.io/MotionAnything/?utm_source=tldrai",
     "ENGINEERING & RESOURCES", False),
    ("DUAL-STREAM VIDEO INPAINTING", "https://yxbian23.github.io/project/video-painter/?utm_source=tldrai",
     "ENGINEERING & RESOURCES", False),
    ("PROMPTPEX", "https://github.com/microsoft/promptpex?utm_source=tldrai", "MISCELLANEOUS", False),
    ("INDUCTIVE MOMENT MATCHING", "https://github.com/lumalabs/imm?utm_source=tldrai", "MISCELLANEOUS", False),
    ("OPENR1 UPDATE 3", "https://huggingface.co/blog/open-r1/update-3?utm_source=tldrai", "MISCELLANEOUS", False),
    ("BUILDING AN AI PLATFORM IN HEALTHCARE",
     "https://languages.oup.com/products/on-demand-webinar-the-role-of-ai-in-healthcare-the-dermie-ai-story/?utm_source=tldr+ai&utm_medium=newsletter&utm_id=OL+on+demand+13032025",
     "QUICK LINKS", True),
    ("ROTATE LORA FOR WAN", "https://huggingface.co/Remade-AI/Rotate?utm_source=tldrai", "QUICK LINKS", False),
    ("FLAT COLOR LORA", "https://huggingface.co/motimalu/wan-flat-color-v2?utm_source=tldrai", "QUICK LINKS", False),
    ("SMALL REASONING MODELS WITH TWO-STAGE RULE-BASED RL",
     "https://forjadeforest.github.io/LMM-R1-ProjectPage/?utm_source=tldrai", "QUICK LINKS", False),
]  # fmt: skip


def test_tldr_text_every_item_with_links_resolved() -> None:
    result = parsed("tldr_ai_2025-03-13.txt")
    assert result.newsletter.parser == "tldr"
    assert result.newsletter.name == "TLDR AI"
    assert str(result.newsletter.issue_date) == "2025-03-13"
    assert result.newsletter.sponsor_name == "Cirrascale"
    got = [(i.title, i.url, i.section, i.sponsor) for i in result.items]
    assert got == TLDR_TEXT
    by_title = {i.title: i for i in result.items}
    assert by_title["GEMMA 3 TECHNICAL REPORT"].read_minutes == 12
    assert by_title["PROMPTPEX"].kind is Kind.REPO
    assert by_title["ROTATE LORA FOR WAN"].kind is Kind.MODEL
    assert by_title["PREDICTING FUTURE FEATURES IN DIFFUSION MODELS"].canonical_url == (
        "https://arxiv.org/abs/2503.06923"
    )
    # Refs are resolved, not left in blurbs; the footer is nobody's blurb.
    assert all("[" not in i.blurb for i in result.items)
    assert "referral" not in result.items[-1].blurb.lower()
    assert result.items[-1].blurb.endswith("even modalities.")


def test_tldr_web_markdown_same_items_with_mojibake_repaired() -> None:
    web = parsed("tldr_ai_2025-03-13.web.md")
    text = parsed("tldr_ai_2025-03-13.txt")
    assert web.newsletter.parser == "tldr"
    assert len(web.items) == 17
    # Same items (the archive orders some sections differently), same sections and flags.
    assert {(i.canonical_url, (i.section or "").upper(), i.sponsor) for i in web.items} == {
        (i.canonical_url, i.section or "", i.sponsor) for i in text.items
    }
    titles = [i.title for i in web.items]
    assert "Building an AI platform in healthcare" in titles
    assert "AI Scientist's First Publication" in titles
    assert web.newsletter.subject.startswith("Google’s Gemma 3 model 🚀")
    assert not any(bad in t for t in titles for bad in ("‚Ä", "üöÄ", "Ô∏è"))
    # The text alternative capitalises titles; otherwise they are the same words.
    assert sorted(t.upper() for t in titles) == sorted(i.title for i in text.items)


def test_hf_papers_every_paper() -> None:
    result = parsed("hf_papers_2025-04-14.md")
    assert result.newsletter.parser == "hf_papers"
    assert str(result.newsletter.issue_date) == "2025-04-14"
    raw = (SEEDS / "hf_papers_2025-04-14.md").read_text()
    assert len(result.items) == raw.count("(Read more on [arXiv]") == 13
    first, second = result.items[0], result.items[1]
    assert first.title == "Seaweed-7B: Cost-Effective Training of Video Generation Foundation Model"
    assert first.url == "https://arxiv.org/abs/2504.08685"
    assert first.links == (("Hugging Face", "https://huggingface.co/papers/2504.08685"),)
    assert first.authors == ("Zhijie Lin", "Ceyuan Yang", "Team Seawead", "zhenheny", "lingff")
    assert first.blurb.startswith("This paper details a cost-effective strategy")
    # A title wrapped over two lines inside its cell is joined.
    assert second.title == (
        "GigaTok: Scaling Visual Tokenizers to 3 Billion Parameters for Autoregressive Image Generation"
    )
    assert all(i.kind is Kind.PAPER and i.url and "arxiv.org/abs/" in i.url for i in result.items)
    assert all(i.authors and i.blurb and i.links for i in result.items)


def test_covar_every_paper_and_repeats_merged() -> None:
    result = parsed("covar_zeitgeist_2025-05.rst")
    raw = (SEEDS / "covar_zeitgeist_2025-05.rst").read_text()
    assert result.newsletter.parser == "roundup"
    assert result.newsletter.name == "The CoVar Zeitgeist"
    listed = [line for line in raw.splitlines() if line.startswith("`") and ">`_" in line]
    urls = {line.split("<", 1)[1].split(">", 1)[0] for line in listed}
    urls.discard("https://covar.com/")  # the masthead link, not an item
    assert len(result.items) == len({i.canonical_url for i in result.items})
    assert {i.url for i in result.items} <= urls
    assert len(result.items) == 52
    by_title = {i.title: i for i in result.items}
    gna = by_title[
        "Generalized Neighborhood Attention: Multi-dimensional Sparse Attention at the Speed of Light"
    ]
    assert gna.sections == ("Featured", "Novel Architectures")
    grok = by_title[
        "LET ME GROK FOR YOU: ACCELERATING GROKKING VIA EMBEDDING TRANSFER FROM A WEAKER MODEL"
    ]
    assert grok.sections == ("Featured", "Training & Continuous Learning")
    assert by_title["Mastering diverse control tasks through world models"].sections == (
        "Featured",
        "Reinforcement Learning",
    )
    assert (
        by_title["Why do LLMs attend to the first token?"].canonical_url
        == "https://arxiv.org/abs/2504.02732"
    )


def test_same_paper_in_digest_and_roundup_has_one_identity() -> None:
    hf = {i.canonical_url for i in parsed("hf_papers_2025-04-14.md").items}
    covar = {i.canonical_url for i in parsed("covar_zeitgeist_2025-05.rst").items}
    assert "https://arxiv.org/abs/2504.08685" in hf & covar  # Seaweed-7B
    assert "https://arxiv.org/abs/2504.07866" in hf & covar  # Pangu Ultra
