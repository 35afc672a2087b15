"""The real bot end to end: log in, sync, answer slash commands and autocomplete."""

from __future__ import annotations

from tests.discord.helpers import Running
from tests.support.fake_discord import APP_ID, EPHEMERAL

ALL_COMMANDS = {"fines", "latest", "stats", "sources", "subscribe", "unsubscribe",
                "subscriptions", "preview"}


async def test_logs_in_and_syncs_all_eight_commands(running: Running) -> None:
    puts = running.fake.sent("PUT", rf"/applications/{APP_ID}/commands")
    assert len(puts) == 1
    assert {command["name"] for command in puts[0].body} == ALL_COMMANDS
    fines = next(c for c in puts[0].body if c["name"] == "fines")
    company = next(o for o in fines["options"] if o["name"] == "company")
    assert company["autocomplete"] is True and company["required"] is True
    assert running.bot.synced_commands and set(running.bot.synced_commands) == ALL_COMMANDS


async def test_fines_clearview_answers_with_the_cnil_fine(running: Running) -> None:
    token = await running.fake.slash("fines", company="clearview")
    callbacks = await running.fake.wait_for(lambda: running.fake.callbacks(token))
    assert callbacks[0].body["type"] == 5  # deferred at once: the 3 s deadline is kept
    answer = await running.fake.reply_to(token)
    assert "1 sanction for “clearview”" in answer["content"]
    assert "€20M in total" in answer["content"]
    [embed] = answer["embeds"]
    assert embed["title"] == "CLEARVIEW AI"
    assert embed["url"] == "https://www.cnil.fr/fr/clearview"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Amount"] == "20,000,000 EUR"
    assert "CNIL" in fields["Authority"]
    assert answer["allowed_mentions"] == {"parse": []}
    assert not int(answer.get("flags") or 0) & EPHEMERAL


async def test_fines_for_an_unknown_company_says_so(running: Running) -> None:
    token = await running.fake.slash("fines", company="Nobody Ltd")
    answer = await running.fake.reply_to(token)
    assert answer["content"].startswith("No sanction found for “Nobody Ltd”")


async def test_autocomplete_offers_known_defendants(running: Running) -> None:
    token = await running.fake.autocomplete("fines", "company", company="clear")
    answer = await running.fake.reply_to(token)
    assert [c["name"] for c in answer["choices"]] == ["CLEARVIEW AI"]


async def test_authority_autocomplete_and_unknown_authority(running: Running) -> None:
    token = await running.fake.autocomplete("latest", "authority", authority="cn")
    answer = await running.fake.reply_to(token)
    assert [c["value"] for c in answer["choices"]] == ["cnil"]
    token = await running.fake.slash("latest", authority="nope")
    refusal = await running.fake.reply_to(token)
    assert "Unknown authority" in refusal["content"]
    assert int(refusal["flags"]) & EPHEMERAL


async def test_latest_stats_sources_answer(running: Running) -> None:
    for name, options, expected in (("latest", {"count": 3}, "newest sanctions"),
                                    ("stats", {"year": 2022}, "Sanctions in 2022"),
                                    ("sources", {}, "sources")):
        token = await running.fake.slash(name, **options)
        answer = await running.fake.reply_to(token)
        assert expected in answer["content"], name
