"""Slash commands over HTTP, signed as Slack signs them, answered through response_url."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.core.errors import CommandError
from bot.slack.commands import parse_arguments
from storage import Archive
from tests.slack.helpers import MANAGER, OTHER_TEAM, SlashCommands, signed_headers
from tests.support.fake_slack import TEAM_ID, FakeSlack


async def test_fines_answers_with_blocks(commands: SlashCommands,
                                         texts: Callable[[dict[str, Any]], str]) -> None:
    answer = await commands.run("/fines", "clearview")
    assert answer["response_type"] == "in_channel"
    shown = texts(answer)
    assert "1 sanction for “clearview”, €20M in total" in shown
    assert "CLEARVIEW AI" in shown and "20,000,000 EUR" in shown
    assert any(block["type"] == "divider" for block in answer["blocks"])
    assert "<https://www.cnil.fr/fr/clearview|CLEARVIEW AI>" in shown


async def test_fines_takes_options_after_the_name(commands: SlashCommands,
                                                  texts: Callable[[dict[str, Any]], str]
                                                  ) -> None:
    found = await commands.run("/fines", "clearview ai authority=cnil since=2022-01-01")
    assert "CLEARVIEW AI" in texts(found)
    later = await commands.run("/fines", "clearview ai since=2023-01-01")
    assert later["text"].startswith("No sanction found")
    bad = await commands.run("/fines", "clearview since=yesterday")
    assert bad["response_type"] == "ephemeral" and "since must be a date" in bad["text"]


async def test_latest_stats_and_sources_answer(commands: SlashCommands) -> None:
    assert "newest sanctions" in (await commands.run("/latest", "cnil 3"))["text"]
    assert "CNIL (FR): 1 sanctions, €20M" in (await commands.run("/stats", "2022"))["text"]
    assert "sources" in (await commands.run("/sources"))["text"]


@pytest.mark.parametrize(("secret", "age"), [("wrong-secret", 0), (None, 600)])
async def test_forged_or_stale_requests_are_refused(commands: SlashCommands,
                                                    slack: FakeSlack, secret: str | None,
                                                    age: int) -> None:
    body, name = commands.body("/fines", "clearview")
    headers = signed_headers(body, **({"secret": secret} if secret else {}),
                             at=time.time() - age)
    response = await commands.post(body, headers)
    assert response.status_code == 401
    assert not slack.responses[name]


async def test_a_member_may_not_subscribe(commands: SlashCommands, stocked: Archive) -> None:
    answer = await commands.run("/subscribe", "authority=cnil", user="U0MEMBER")
    assert answer["response_type"] == "ephemeral"
    assert answer["text"] == ("Only members who can manage this channel may change its "
                              "subscriptions.")
    assert stocked.outbox.subscriptions_of("slack", TEAM_ID, "C0ALERTS") == []


async def test_an_admin_subscribes_and_another_workspace_cannot_unsubscribe(
        commands: SlashCommands, stocked: Archive, slack: FakeSlack) -> None:
    answer = await commands.run(
        "/subscribe", "authority=cnil min_eur=1m kind=fine watch=meta,google", user="U0ADMIN")
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("Subscribed (#")
    [row] = stocked.outbox.subscriptions_of("slack", TEAM_ID, "C0ALERTS")
    assert row["created_by"] == "U0ADMIN" and row["min_eur"] == 1e6
    # Same channel id, another team: a configured manager there still ends nothing here.
    other = await commands.run("/unsubscribe", str(row["id"]), user=MANAGER, team=OTHER_TEAM)
    assert other["text"] == "No such subscription in this channel."
    seen = await commands.run("/subscriptions", user="U0MEMBER", team=OTHER_TEAM)
    assert "no subscription" in seen["text"]
    assert len(stocked.outbox.subscriptions_of("slack", TEAM_ID, "C0ALERTS")) == 1
    listed = await commands.run("/subscriptions", user="U0MEMBER")
    assert f"#{row['id']}: cnil" in listed["text"]
    ended = await commands.run("/unsubscribe", f"#{row['id']}", user="U0ADMIN")
    assert ended["text"] == "Ended 1 subscription."
    assert [c.params["user"] for c in slack.calls_to("users.info")] == ["U0ADMIN"]


async def test_configured_managers_need_no_admin_rights(commands: SlashCommands,
                                                        slack: FakeSlack) -> None:
    answer = await commands.run("/subscribe", "kind=news", user=MANAGER)
    assert answer["text"].startswith("Subscribed (#")
    assert slack.calls_to("users.info") == []


async def test_preview_says_what_would_have_been_posted(commands: SlashCommands) -> None:
    answer = await commands.run("/preview", "authority=cnil")
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("Over the last 30 days")


@pytest.mark.parametrize("text", [
    "x" * 10_000,
    "clear\x00view\x1b[31m\u202e\r\n\tai",
    '"clearview" OR NEAR(a b) AND * ^ -- ; DROP TABLE releases; \\"',
    "authority=cnil authority=ico",
    "min_eur=lots kind=bribe watch=" + ",".join("w" * 70 for _ in range(20)),
    "&lt;!channel&gt; <@U123> = == =x x=",
    "\u0000" * 50,
])
@pytest.mark.parametrize("command", ["/fines", "/subscribe", "/preview", "/latest", "/stats",
                                     "/unsubscribe"])
async def test_hostile_text_gets_a_reply(commands: SlashCommands, command: str,
                                         text: str) -> None:
    answer = await commands.run(command, text, user="U0ADMIN")
    assert answer["text"]
    assert "went wrong" not in answer["text"]
    assert "<!channel>" not in answer["text"] and "<@U123>" not in answer["text"]


@pytest.mark.parametrize(("command", "text", "words", "options"), [
    ("fines", "clearview ai", "clearview ai", {}),
    ("fines", "Clearview AI authority=CNIL since=2022", "Clearview AI",
     {"authority": "CNIL", "since": "2022"}),
    ("subscribe", 'watch="meta platforms,tiktok" min=1m', "",
     {"watch": "meta platforms,tiktok", "min_eur": "1m"}),
    ("subscribe", "authority=cnil  kind=fine", "", {"authority": "cnil", "kind": "fine"}),
    ("fines", "AT&amp;T", "AT&T", {}),
])
def test_arguments_are_split_into_words_and_options(command: str, text: str, words: str,
                                                    options: dict[str, str]) -> None:
    parsed = parse_arguments(command, text)
    assert (parsed.words, parsed.options) == (words, options)


def test_unknown_options_are_named() -> None:
    with pytest.raises(CommandError, match="does not take colour="):
        parse_arguments("fines", "clearview colour=red")
