"""Rubric leads: a bold lead ending in a colon that every story repeats ("**What
happened:** …", "**Where things stand:** …" under each heading) is a rubric of the story,
not the headline of an entry; a run of leads each written once still titles its entries."""

from parsers.blockshapes import in_colon_run
from parsers.htmlblocks import html_blocks

_RUBRICS = """
<h2>Tidal Turbines Reach the Grid</h2>
<p>Two estuary projects began selling power this month after a decade of trials.</p>
<p><b>What happened:</b> The Severnmouth array switched on its first twelve turbines, and
the operator <a href="https://news.example.org/severnmouth">published its figures</a>.</p>
<p><b>Where things stand:</b> Output held steady through two spring tides, though crews
still need calm water to reach the rotors, the <a href="https://harbour.example.net/114">harbour
board noted</a>.</p>
<h2>Freight Trains Get Longer</h2>
<p>Rail operators are testing trains twice the usual length to move more containers.</p>
<p><b>What happened:</b> A trial on the northern corridor ran a 1,400-metre train between two
inland ports, <a href="https://rail.example.com/trial">the ministry said</a> on Monday.</p>
<p><b>Where things stand:</b> Sidings at most yards are too short for such trains, so four
will be rebuilt first, according to <a href="https://rail.example.com/sidings">a planning
note</a>.</p>
"""

_HEADLINES = """
<p><b>Quarry Labs ships a faster planner:</b> The startup released a scheduler that
<a href="https://quarry.example.com/planner">cuts build queues in half</a> for large teams.</p>
<p><b>Orchard raises a seed round:</b> The note-taking app says the money will fund an
offline mode and <a href="https://orchard.example.org/seed">a desktop client</a> next year.</p>
"""


def _leads(markup: str) -> list[str]:
    blocks = html_blocks(markup)
    found = [in_colon_run(blocks, i) for i in range(len(blocks))]
    return [entry[0] for entry in found if entry is not None]


def test_repeated_leads_are_rubrics_not_entries() -> None:
    assert _leads(_RUBRICS) == []


def test_leads_written_once_still_title_their_entries() -> None:
    assert _leads(_HEADLINES) == [
        "Quarry Labs ships a faster planner",
        "Orchard raises a seed round",
    ]
