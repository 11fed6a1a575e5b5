"""Title annotations, dates and furniture: the small recognisers every parser shares."""

from __future__ import annotations

from datetime import date

import pytest

from bot.models import Email, Kind
from parsers.naming import issue_free, newsletter_name
from parsers.text import find_date, is_boilerplate_link, is_dateline, split_title


@pytest.mark.parametrize(
    ("raw", "title", "minutes", "kind", "sponsor"),
    [
        ("Gemma 3 technical report (12 minute read)", "Gemma 3 technical report", 12, None, False),
        ("LM-IMPLICIT-REASONING (GITHUB REPO)", "LM-IMPLICIT-REASONING", None, Kind.REPO, False),
        ("Rotate LoRA for Wan (Hugging Face Hub)", "Rotate LoRA for Wan", None, Kind.MODEL, False),
        (
            "🩻 Building an AI platform in healthcare (Sponsor)",
            "Building an AI platform in healthcare",
            None,
            None,
            True,
        ),
        ("eBPF in 100 seconds (2 minute video)", "eBPF in 100 seconds", 2, Kind.VIDEO, False),
        (
            "Lakehouse formats, explained (54 minute podcast)",
            "Lakehouse formats, explained",
            54,
            Kind.VIDEO,
            False,
        ),
        (
            "A town hall with the team (1 hour video)",
            "A town hall with the team",
            60,
            Kind.VIDEO,
            False,
        ),
        ("--dangerously-skip-permissions", "--dangerously-skip-permissions", None, None, False),
        ("- Bulleted title", "Bulleted title", None, None, False),
        ("Ship faster (Sponsor) (5 min read)", "Ship faster", 5, None, True),
        (
            "Gaussian Processes at the Helm(holtz): A Fluid Model",
            "Gaussian Processes at the Helm(holtz): A Fluid Model",
            None,
            None,
            False,
        ),
        (
            "Attack-Defense Trees (with Appendix)",
            "Attack-Defense Trees (with Appendix)",
            None,
            None,
            False,
        ),
        ("1. Numbered title", "Numbered title", None, None, False),
        ("Read the incident report →", "Read the incident report", None, None, False),
    ],
)
def test_split_title(
    raw: str, title: str, minutes: int | None, kind: Kind | None, sponsor: bool
) -> None:
    got = split_title(raw)
    assert (got.text, got.read_minutes, got.kind, got.sponsor) == (title, minutes, kind, sponsor)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TLDR AI 2025-03-13", date(2025, 3, 13)),
        ("Articles TLDR AI 13-03-2025", date(2025, 3, 13)),
        ("The CoVar Zeitgeist: May, 2025", date(2025, 5, 1)),
        ("#688 — June 11, 2025", date(2025, 6, 11)),
        ("Week 23, 6 June 2025", date(2025, 6, 6)),
        ("Issue #510, 9th of March 2026", date(2026, 3, 9)),
        ("Monday 1st Dec. 2025", date(2025, 12, 1)),
        ("no date here", None),
        ("2025-02-30 is not a day", None),
    ],
)
def test_find_date(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "url", "furniture"),
    [
        ("Unsubscribe", "https://a.example/u?id=1", True),
        ("View this email in your browser", "https://us5.campaign-archive.com/?u=1", True),
        ("https://refer.tldr.tech/34c90d5b/2", "https://refer.tldr.tech/34c90d5b/2", True),
        ("ADVERTISE WITH US", "https://advertise.tldr.tech/?utm_source=x", True),
        ("Andrew Tan", "https://twitter.com/andrewztan", True),
        ("Priya", "https://www.linkedin.com/in/priya/", True),
        ("A thread on evals", "https://twitter.com/someone/status/123", False),
        ("Manage your subscriptions", "https://tldr.tech/ai/manage?email=x", True),
        ("🥇 Loved it", "https://x.beehiiv.example/polls/1?answer=1", True),
        ("Gemma 3 technical report", "https://storage.googleapis.com/g/Gemma3Report.pdf", False),
        ("Management lessons from SRE", "https://blog.example/management-lessons", False),
        ("Post", "https://twitter.com/intent/tweet?text=x&url=y", True),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=y", True),
        ("Bluesky", "https://bsky.app/profile/news.example", True),
        ("A thread on CVEs", "https://bsky.app/profile/cve.example/post/3lsx2abc", False),
        ("Update your profile", "https://news.example/profile?u=1", True),
        ("Profile pages that convert", "https://design.example/profile/redesign", False),
        ("eBPF in 100 seconds", "https://www.youtube.com/watch?v=q8Wd1ebpf00", False),
        ("Our channel", "https://www.youtube.com/@newsletter", True),
        (
            "Unsubscribe",
            "https://click.example/ls/click?upn=https%3A%2F%2Fn.example%2Funsubscribe%3Fu%3D1",
            True,
        ),
        (
            "Andrew Tan",
            "https://tracking.tldrnewsletter.com/CL0/https:%2F%2Ftwitter.com%2Fandrewztan/1/a/2=2",
            True,
        ),
        ("A story", "https://click.example/ls/click?upn=https%3A%2F%2Fnews.example%2Fstory", False),
    ],
)
def test_furniture_links(text: str, url: str, furniture: bool) -> None:
    assert is_boilerplate_link(text, url) is furniture


def test_datelines_are_not_sections() -> None:
    assert is_dateline("Monday, June 16")
    assert is_dateline("Issue #212 — 2025-06-09")
    assert not is_dateline("Big Tech & Startups")
    assert not is_dateline("TLDR AI 2025-03-13")


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Rust Notes — 2025-06-09", "Rust Notes"),
        ("Data Engineering Weekly #212", "Data Engineering Weekly"),
        ("Ops Weekly — Issue 97 — May 30, 2025", "Ops Weekly"),
        ("SECURITY DIGEST - Week 23, June 6, 2025", "SECURITY DIGEST"),
        ("Weekly digest 42", "Weekly digest 42"),
    ],
)
def test_newsletter_name_from_subject_drops_the_issue(subject: str, name: str) -> None:
    assert issue_free(subject) == name


@pytest.mark.parametrize(
    ("sender_name", "subject", "name"),
    [
        # A person sends the issue, titled by its newsletter's name and number.
        ("Enrique López Mañas", "Kotlin Weekly #510", "Kotlin Weekly"),
        ("Mary-Jane O'Neil", "Rust Notes - No. 12", "Rust Notes"),
        ("Suraj Kumar", "Pointer Issue 481", "Pointer"),
        ("Tess Okafor", "Ops Reading Issue #212", "Ops Reading"),
        # The sender names the newsletter, or the subject is no name and number.
        ("Android Weekly", "Android Weekly #737", "Android Weekly"),
        ("TLDR AI", "OpenAI ships a model #2", "TLDR AI"),
        ("Suraj Kumar", "Issue #480", "Suraj Kumar"),
        ("Suraj Kumar", "#541", "Suraj Kumar"),
        ("Lena Marsh", "Why pricing pages lie", "Lena Marsh"),
        ("Lena Marsh", "AI Dev Weekly #18 GPT-6 Goes Public", "Lena Marsh"),
    ],
)
def test_newsletter_name_of_a_person_sending_a_numbered_issue(
    sender_name: str, subject: str, name: str
) -> None:
    email = Email(message_id="<n@x>", subject=subject, sender_name=sender_name)
    assert newsletter_name(email) == name
