"""Round-8 variations of the known families, from other issues of the sample newsletters:
a papers table whose summary holds a "|" the generator did not escape or an address
written out in its prose.

Each test feeds the smallest input that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse


def test_an_unescaped_pipe_in_the_last_column_stays_in_the_summary() -> None:
    # "p(x | c)" splits the row into one cell more than the header: the summary's text.
    text = (
        "## Papers for 2025-06-03\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| Guided Flows (Read more on [arXiv](https://arxiv.org/abs/2506.01712) or "
        "[HuggingFace](https://huggingface.co/papers/2506.01712))| Ana Lima | "
        "Estimates p(x | c) and p(x) with one network. |\n"
        "| Short Paper (Read more on [arXiv](https://arxiv.org/abs/2506.01713) or "
        "[HuggingFace](https://huggingface.co/papers/2506.01713))| Bo Li | Plain. | |\n"
    )
    result = parse(Email(message_id="<p@x>", text=text))
    assert result.newsletter.parser == "hf_papers"
    assert [(i.title, i.authors, i.blurb) for i in result.items] == [
        ("Guided Flows", ("Ana Lima",), "Estimates p(x | c) and p(x) with one network."),
        ("Short Paper", ("Bo Li",), "Plain."),  # an empty extra cell adds nothing
    ]


def test_an_address_written_out_in_the_summary_stays_in_its_sentence() -> None:
    # The address still goes to the paper's links; the summary keeps its words.
    text = (
        "## Papers for 2025-05-19\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| Token Merging (Read more on [arXiv](https://arxiv.org/abs/2505.10552) or "
        "[HuggingFace](https://huggingface.co/papers/2505.10552))| Kofi Mensah | "
        "Faster encoders. Code is at https://github.com/km/tome. Drop-in. |\n"
    )
    (item,) = parse(Email(message_id="<u@x>", text=text)).items
    assert item.blurb == "Faster encoders. Code is at https://github.com/km/tome. Drop-in."
    assert any(url == "https://github.com/km/tome" for _, url in item.links)
