"""/gleaner through Socket Mode: the real slack_sdk socket client against a local websocket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.slack.commands import CommandServer, build_app
from bot.chat.slack.commands_render import MORE_ACTION, SHARE_ACTION
from tests.bot.chat.slack.commands_setup import (
    archive,
    block_texts,
    button,
    buttons,
    command,
    deps,
    settings,
)
from tests.bot.search.corpus import GEMMA, GEMMA_CPP
from tests.fakes.slack_socket import FakeSlackSocket, eventually


@pytest.fixture
async def slack(tmp_path: Path) -> AsyncIterator[FakeSlackSocket]:
    fake = await FakeSlackSocket().start()
    store = archive(tmp_path)
    config = settings(fake)
    server = CommandServer(build_app(config, deps(store)), config)
    await server.start()
    try:
        await eventually(lambda: fake.connections == 1)
        yield fake
    finally:
        await server.stop()
        await fake.stop()
        store.close()


async def run(
    fake: FakeSlackSocket, kind: str, payload: dict[str, object], answers: int = 1
) -> str:
    before = len(fake.responses)
    envelope = await fake.send(kind, payload)
    await eventually(lambda: envelope in fake.acks and len(fake.responses) >= before + answers)
    return envelope


async def test_search_is_acknowledged_at_once_and_answered_privately(
    slack: FakeSlackSocket,
) -> None:
    envelope = await run(slack, "slash_commands", command(slack, "search gemma"))
    acked_at, _ = slack.acks[envelope]
    assert acked_at - slack.sent[envelope] < 3.0
    answer = slack.responses[-1]
    assert answer["response_type"] == "ephemeral"
    texts = block_texts(answer)
    assert texts[0] == "Results 1–2 for gemma"
    shown = "\n".join(texts[1:3])
    assert GEMMA.title.split()[0] in shown
    assert "*Gemma*" in shown or "*gemma*" in shown
    assert [b["action_id"] for b in buttons(answer)] == [SHARE_ACTION, SHARE_ACTION, MORE_ACTION]


async def test_more_replaces_the_answer_with_the_next_page(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "gemma"))
    more = buttons(slack.responses[-1])[-1]
    await run(slack, "interactive", button(slack, MORE_ACTION, more["value"]))
    answer = slack.responses[-1]
    assert answer["replace_original"] is True
    assert block_texts(answer)[0] == "Results 3–3 for gemma"
    assert MORE_ACTION not in [b["action_id"] for b in buttons(answer)]


async def test_share_posts_the_hit_to_the_channel(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "search gemma kind:repo"))
    share = buttons(slack.responses[-1])[0]
    await run(slack, "interactive", button(slack, SHARE_ACTION, share["value"]))
    assert slack.responses[-1]["text"] == "Shared to the channel."
    [post] = slack.posts("C0GENERAL")
    assert GEMMA_CPP.url in post["blocks"][0]["text"]["text"]
    assert post["blocks"][1]["elements"][0]["text"] == "Shared by <@U0ALICE> from a search"


async def test_share_where_the_bot_is_not_a_member_says_so(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "gemma kind:repo"))
    share = buttons(slack.responses[-1])[0]
    await run(
        slack, "interactive", button(slack, SHARE_ACTION, share["value"], channel="C0NOWHERE")
    )
    assert slack.responses[-1]["text"] == "I am not in this channel: invite me first."


async def test_newsletter_text_pings_nobody(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "search acmedb"))
    text = "\n".join(block_texts(slack.responses[-1]))
    assert "Ship faster with *AcmeDB* @\u2060everyone &lt;!channel&gt;" in text
    assert "<!channel>" not in text
    assert "&lt;!channel&gt;" in text
    assert "@everyone" not in text
    assert "@\u2060everyone" in text


async def test_bad_syntax_answers_with_the_help(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "search colour:red"))
    texts = block_texts(slack.responses[-1])
    assert texts[0].startswith(":warning: unknown filter colour:")
    assert texts[1].startswith("```Search syntax:")


async def test_rules_lists_the_routes_posting_here(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "rules"))
    texts = block_texts(slack.responses[-1])
    assert texts[0] == "2 route(s) post to #general:"
    assert texts[1] == "*papers*\nkind: paper; immediate"
    await run(slack, "slash_commands", command(slack, "rules", channel="C0OTHER"))
    assert block_texts(slack.responses[-1]) == ["No route posts to #general."]


async def test_help(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "help"))
    texts = block_texts(slack.responses[-1])
    assert texts[0].startswith("*/gleaner search &lt;query&gt;*")


async def test_slack_escaping_of_the_typed_text_is_undone(slack: FakeSlackSocket) -> None:
    await run(slack, "slash_commands", command(slack, "search gemma &amp; -&lt;none&gt;"))
    assert block_texts(slack.responses[-1])[0] == "Results 1–2 for gemma -&lt;none&gt;"
