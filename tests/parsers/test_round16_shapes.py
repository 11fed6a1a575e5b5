"""Shapes added in round 16 (newsletters read from their text/plain part): a label line
over a title line heads a section, a heading boxed between two rules, Japanese "■" section
marks and titles wholly in 【】, and footnote links into the post itself."""

from __future__ import annotations

from parsers.plaintext import parse_plain
from parsers.text import split_title


def test_a_short_line_over_a_title_line_is_its_section() -> None:
    text = (
        "Releases\n\n"
        "GCC 16 release notes [https://gcc.example/gcc-16]\n"
        "Better diagnostics.\n\n"
        "Watch\n\n"
        "Parsing at the speed of memory\n\n"
        "A talk on SIMD lexers.\n\n"
        "Read more [https://video.example/v/1]\n"
    )
    items, _, sections = parse_plain(text)
    assert [(i.title, i.section, i.blurb) for i in items] == [
        ("GCC 16 release notes", "Releases", "Better diagnostics."),  # not "… Watch"
        ("Parsing at the speed of memory", "Watch", "A talk on SIMD lexers."),
    ]
    assert sections == ["Releases", "Watch"]


def test_a_title_line_over_its_prose_is_no_section() -> None:
    text = (
        "Parsing at the speed of memory\n\n"
        "A talk on SIMD lexers.\n\n"
        "Read more [https://video.example/v/1]\n"
    )
    items, _, sections = parse_plain(text)
    assert [(i.title, i.section) for i in items] == [("Parsing at the speed of memory", None)]
    assert sections == []


def test_a_label_boxed_between_rules_is_a_heading_and_a_sponsor_banner() -> None:
    text = (
        "--------------------\nSponsored by Tallyrun\n--------------------\n\n"
        "Ship agents you can debug ( https://tallyrun.example/agents )\n\n"
        "Tallyrun records every tool call.\n\n"
        "---------------\nTOP STORIES\n---------------\n\n"
        "* Vellum Labs open-sources its harness ( https://git.example/evalkit ), with adapters.\n"
    )
    items, sponsor, _ = parse_plain(text)
    assert [(i.title, i.section, i.sponsor) for i in items] == [
        ("Ship agents you can debug", "Sponsored by Tallyrun", True),
        ("Vellum Labs open-sources its harness", "TOP STORIES", False),
    ]
    assert items[1].blurb == "with adapters."
    assert sponsor == "Tallyrun"


def test_japanese_section_marks_and_bracketed_titles() -> None:
    text = (
        "Webで読む\nhttps://mag.example/archive/122\n\n"
        "■ 今週のニュース\n\n"
        "【Kubernetes 1.36 リリース】\nhttps://k8s.example/blog/1-36\nサイドカーがGAに。\n\n"
        "【PR】ログ基盤のコストを半分に\nhttps://logs.example/trial\n階層型ストレージです。\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.url, i.section, i.sponsor) for i in items] == [
        ("Kubernetes 1.36 リリース", "https://k8s.example/blog/1-36", "今週のニュース", False),
        ("ログ基盤のコストを半分に", "https://logs.example/trial", "今週のニュース", True),
    ]
    assert split_title("【第3回】連載の続き").text == "【第3回】連載の続き"  # a tag, then words


def test_footnote_links_into_the_post_are_no_items() -> None:
    post = "https://letter.example/p/issue-41"
    text = (
        f"View this post on the web at {post}\n\n"
        f"Hello readers, the post below is the best I read [1] [{post}#footnote-1].\n\n"
        "Cranelift's allocator, two years on\n\n"
        f"A retrospective [2] [{post}#footnote-2].\n\n"
        "Read more [https://blog.example/regalloc]\n\n"
        f"1 [{post}#footnote-anchor-1]\n\n"
        "A low bar.\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.url) for i in items] == [
        ("Cranelift's allocator, two years on", "https://blog.example/regalloc")
    ]
    assert items[0].blurb == "A retrospective."  # the footnote under the post is not in it
