"""Parse speed: emails per second for each parser family, next to lxml alone.

For every input the whole step Gleaner runs per email is timed (decode for .eml files,
then parse with the registry, then normalise), and beside it the time lxml alone takes
to parse the same email's HTML into a tree: the floor no HTML parser can beat. The
ratio is the figure to watch (goal: at most 3x). Inputs are the project's own
fixtures, the samples in ../shared/seeds when present, and a "big" HTML issue built
by repeating the TLDR fixture's items to the size real newsletter HTML reaches
(inline styles and layout tables make 60-150 KB common), and a "styled" one with the
fixture's own 8 items laid out the way email builders lay them out.

    .venv/bin/python bench/parse.py [--seconds 1.0] [--warm] [EMAIL.eml ...]

Each run starts cold: the step's memo caches (``functools.lru_cache`` on link tests and
URL cleaning, and the stdlib's ``urlsplit`` cache) are cleared first, as a new issue's
item links are new; timing one email again and again with warm caches flattered the step
by 20-40% (``--warm`` keeps them, to compare with figures taken before). Extra .eml
files (real newsletters kept outside the repository) are timed after the fixtures.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import lxml.etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402
import bot.native  # noqa: E402
from bot.decode import decode_email, load_file  # noqa: E402
from bot.models import Email  # noqa: E402
from bot.normalise import normalise_result  # noqa: E402
from parsers import parse  # noqa: E402
from parsers.htmlblocks import _compiled_walk  # noqa: E402

COMPILED_WALK = _compiled_walk is not None

FIXTURES = ROOT / "tests" / "fixtures" / "parsers"
SEEDS = ROOT / ".." / "shared" / "seeds"


def memo_caches() -> list[Callable[[], None]]:
    """The ``cache_clear`` of every memo cache the parse step reads through."""
    modules = [importlib.import_module(m) for m in bot.native.COMPILED] + [urllib.parse]
    found = {
        fn
        for module in modules
        for name in dir(module)
        if callable(getattr(fn := getattr(module, name), "cache_clear", None))
    }
    return [fn.cache_clear for fn in sorted(found, key=lambda f: f"{f.__module__}.{f.__name__}")]


def rate(fn: Callable[[], object], seconds: float) -> float:
    """Calls per second, best of three rounds of ~seconds/3 each."""
    fn()
    best = 0.0
    for _ in range(3):
        n, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 3:
            fn()
            n += 1
        best = max(best, n / elapsed)
    return best


def big_html() -> bytes:
    """The TLDR HTML fixture with its item rows repeated to ~120 KB, wrapped as an .eml."""
    raw = (FIXTURES / "tldr" / "tldr_devops_2025-04-24.eml").read_bytes()
    email = decode_email(raw)
    assert email.html
    rows = re.findall(r'<tr><td class="text-block">\s*<span><a .*?</td></tr>', email.html, re.S)
    styled = "".join(rows).replace(
        "<span>",
        '<span style="font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:20px;color:#333333">',
    )
    html = email.html.replace(rows[-1], rows[-1] + styled * 14)
    head = (
        "From: TLDR <dan@tldrnewsletter.com>\r\nSubject: Big issue\r\nMessage-ID: <big@x>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    )
    return head.encode() + html.encode()


# An email builder's block (the tests' markup variants use it too): nested presentation
# tables with inline styles and Outlook conditional comments around one paragraph.
BUILDER_CELL = (
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
    'style="border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt;width:100%">'
    '<tr><td class="column" style="padding:0;vertical-align:top;font-family:Helvetica,Arial,'
    'sans-serif;font-size:15px;line-height:22px;color:#222222;text-align:left">'
    '<!--[if mso]><table role="presentation" width="600"><tr><td><![endif]-->'
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
    'style="border-collapse:collapse;width:100%"><tr><td class="pad" style="padding:10px 24px '
    '10px 24px;font-family:Helvetica,Arial,sans-serif;color:#222222">{}</td></tr></table>'
    "<!--[if mso]></td></tr></table><![endif]--></td></tr></table>"
)
BUILDER_SPACER_ROW = (
    '<tr><td class="spacer" style="height:16px;line-height:16px;font-size:1px;mso-line-height-'
    'rule:exactly">&nbsp;</td></tr>'
)


def styled_html() -> bytes:
    """The TLDR HTML fixture laid out as email builders send it: the same 8 items, each
    block in nested presentation tables with inline styles, spacer rows and Outlook
    conditional comments, and a responsive style sheet in the head (~70 KB in all)."""
    raw = (FIXTURES / "tldr" / "tldr_devops_2025-04-24.eml").read_bytes()
    email = decode_email(raw)
    assert email.html
    html = re.sub(
        r'<td class="text-block"([^>]*)>(.*?)</td></tr>',
        lambda m: (
            f'<td class="text-block"{m.group(1)}>{BUILDER_CELL.format(m.group(2))}</td></tr>{BUILDER_SPACER_ROW}'
        ),
        email.html,
        flags=re.S,
    )
    css = "".join(
        f"@media only screen and (max-width:{480 + i}px){{.col-{i}{{width:100%!important;"
        f"max-width:100%!important;display:block!important}}.pad-{i}{{padding:10px 16px!important}}"
        f".hide-{i}{{display:none!important;max-height:0!important;overflow:hidden!important}}}}\n"
        for i in range(180)
    )
    html = html.replace("</head>", f'<style type="text/css">{css}</style></head>', 1)
    head = (
        "From: TLDR <dan@tldrnewsletter.com>\r\nSubject: Styled issue\r\nMessage-ID: <styled@x>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    )
    return head.encode() + html.encode()


# Fixtures of every family, each also laid out the way email builders lay out any
# newsletter (``builder_styled``): the same items in the markup real issues arrive in.
BUILDER_STYLED = [
    "tldr/tldr_ai_2025-11-04_multipart.eml",
    "tldr/tldr_webdev_2025-09-16.html",
    "generic/cooperpress_weekly.html",
    "generic/mailchimp_briefing.eml",
    "generic/substack_link_roundup.html",
    "generic/beehiiv_style_issue.html",
    "generic/brevo_two_column_grid.eml",
    "generic/feedly_source_sections.eml",
    "hf_papers/hf_papers_2025-05-03.html",
    "hf_papers/hf_papers_2025-10-06_cards.html",
    "roundup/research_digest_2025-06.html",
    # Newsletters in other languages: accents, Cyrillic, Chinese, Korean (the mojibake
    # check reads every non-ASCII character).
    "generic/french_tech_hebdo.eml",
    "generic/r15_german_morgenlage_briefing.eml",
    "generic/russian_weekly_chitat_dalee.eml",
    "generic/chinese_weekly_yuedu.eml",
    "generic/korean_weekly_deobogi.eml",
]
# A builder's responsive style sheet: ~13 KB (the "styled" TLDR email carries ~40 KB).
_BUILDER_CSS = "".join(
    f"@media only screen and (max-width:{480 + i}px){{.col-{i}{{width:100%!important;"
    f"max-width:100%!important;display:block!important}}.pad-{i}{{padding:10px 16px!important}}"
    f".hide-{i}{{display:none!important;max-height:0!important;overflow:hidden!important}}}}\n"
    for i in range(60)
)


def builder_styled(path: Path) -> bytes:
    """The fixture's HTML with every paragraph and heading in a builder's nested
    presentation tables (inline styles, Outlook conditional comments, a spacer row after
    each) and a responsive style sheet in the head, as an .eml."""
    email = load_file(path)
    assert email.html
    html = re.sub(
        r"<(p|h[1-4])\b[^>]*>.*?</\1>",
        lambda m: (
            BUILDER_CELL.format(m.group(0))
            + f'<table role="presentation">{BUILDER_SPACER_ROW}</table>'
        ),
        email.html,
        flags=re.S,
    )
    sheet = f'<style type="text/css">{_BUILDER_CSS}</style>'
    if "</head>" in html:
        html = html.replace("</head>", sheet + "</head>", 1)
    else:
        html = f"<html><head>{sheet}</head><body>{html}</body></html>"
    head = (
        f"From: {email.sender_name} <{email.sender}>\r\nSubject: {email.subject}\r\n"
        f"Message-ID: <styled-{path.stem}@bench>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
    )
    return head.encode() + html.encode()


def _titles(email: Email) -> list[str]:
    return [item.title for item in normalise_result(parse(email)).items]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    ap.add_argument(
        "--generated", action="store_true", help="only the generated (styled, big) emails"
    )
    ap.add_argument("--warm", action="store_true", help="keep the memo caches warm between runs")
    ap.add_argument("emails", nargs="*", type=Path, help="more .eml files to time")
    args = ap.parse_args()
    clears = [] if args.warm else memo_caches()
    cases: list[tuple[str, str, Path | bytes]] = []
    if not args.generated:
        cases += sorted(
            (
                (p.parent.name, p.name, p)
                for p in FIXTURES.rglob("*")
                if p.is_file() and not p.name.endswith(".json")
            ),
            key=lambda c: str(c[2]),
        )
        if SEEDS.is_dir():
            cases += [
                ("seed", p.name, p)
                for p in sorted(SEEDS.glob("*"))
                if p.suffix in {".txt", ".md", ".rst"} and not p.name.startswith("README")
            ]
    cases.append(("tldr", "big TLDR HTML email (generated).eml", big_html()))
    cases.append(("tldr", "styled TLDR HTML email (generated).eml", styled_html()))
    for name in BUILDER_STYLED:
        path = FIXTURES / name
        raw = builder_styled(path)
        same = _titles(decode_email(raw)) == _titles(load_file(path))
        label = f"builder-styled {path.name}" + ("" if same else " (ITEMS DIFFER)")
        cases.append(("styled", label, raw))
    cases += [("given", p.name, p.read_bytes()) for p in args.emails]
    # Compiled or not (bot/native.py): a stale build runs the Python sources, slower.
    print(
        f"parse modules: {bot.NATIVE}; block walk: {'compiled' if COMPILED_WALK else 'python'}; "
        f"memo caches: {'warm' if args.warm else f'cleared before each run ({len(clears)})'}"
    )
    print(
        f"{'family':10} {'input':44} {'KB':>6} {'items':>5} {'emails/s':>9} {'lxml/s':>9} {'ratio':>6}"
    )
    seconds_per: dict[str, list[float]] = {}
    for family, name, source in cases:
        if isinstance(source, bytes):
            raw = source
            email = decode_email(raw)

            def step(raw: bytes = raw) -> object:
                for clear in clears:
                    clear()
                return normalise_result(parse(decode_email(raw)))
        else:
            email = load_file(source)
            if source.suffix == ".eml":
                data = source.read_bytes()

                def step(data: bytes = data) -> object:
                    for clear in clears:
                        clear()
                    return normalise_result(parse(decode_email(data)))
            else:
                # Raw files: the file is read once; decode is the .eml path's job.
                def step(email: Email = email) -> object:
                    for clear in clears:
                        clear()
                    return normalise_result(parse(email))

        items = len(normalise_result(parse(email)).items)
        size = len((email.html or email.text or "").encode()) / 1024
        ours = rate(step, args.seconds)
        if email.html:
            # lxml refuses str input that declares an encoding (docutils XHTML): the
            # parsers strip the declaration first, and so does the floor.
            html = re.sub(r"^\s*<\?xml[^>]*\?>", "", email.html, count=1)
            floor = rate(
                lambda html=html: lxml.etree.fromstring(html, lxml.etree.HTMLParser()), args.seconds
            )
            lx, ratio = f"{floor:9,.0f}", f"{floor / ours:5.1f}x"
        else:
            lx, ratio = f"{'-':>9}", f"{'-':>6}"
        print(f"{family:10} {name[:44]:44} {size:6.1f} {items:5} {ours:9,.0f} {lx} {ratio}")
        seconds_per.setdefault(family, []).append(1 / ours)
        if name.endswith(".eml") or isinstance(source, bytes):
            seconds_per.setdefault("whole .eml files", []).append(1 / ours)
    print()
    for group, times in seconds_per.items():
        # Emails per second over the group's inputs taken together (one of each).
        print(f"{group:18} {len(times) / sum(times):9,.0f} emails/s over {len(times)} inputs")


if __name__ == "__main__":
    main()
