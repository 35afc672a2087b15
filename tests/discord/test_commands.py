"""Subscriptions through slash commands: who may, which guild sees what, hostile input."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from bot.app import Service
from bot.discord import run_discord
from bot.discord.client import DiscordLoginError
from scrapers.http import Fetcher
from scrapers.models import Sanction
from storage import Archive
from tests.discord.helpers import Running, record_release, settings_for, subscribe_channel
from tests.support.fake_discord import (
    APP_ID,
    CHANNEL_ID,
    EPHEMERAL,
    GUILD_ID,
    MEMBER_PERMISSIONS,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    FakeDiscord,
)


def is_private(answer: dict) -> bool:
    """Whether only the asker sees this answer."""
    return bool(int(answer.get("flags") or 0) & EPHEMERAL)


async def test_a_manager_subscribes_and_lists(running: Running) -> None:
    token = await running.fake.slash("subscribe", authority="cnil", min_eur="1m", kind="fine")
    answer = await running.fake.reply_to(token)
    assert answer["content"].startswith("Subscribed (#") and is_private(answer)
    token = await running.fake.slash("subscriptions")
    listing = await running.fake.reply_to(token)
    assert "cnil" in listing["content"] and "≥ €1M" in listing["content"]


async def test_a_member_without_manage_channels_is_refused(running: Running) -> None:
    token = await running.fake.slash("subscribe", authority="cnil",
                                     permissions=MEMBER_PERMISSIONS)
    answer = await running.fake.reply_to(token)
    assert is_private(answer)
    assert "manage this channel" in answer["content"]
    assert running.service.archive.outbox.subscriptions_of("discord", GUILD_ID, CHANNEL_ID) == []


async def test_another_guild_cannot_see_or_end_our_subscription(running: Running,
                                                                now: datetime) -> None:
    ours = subscribe_channel(running.service.archive, now)
    token = await running.fake.slash("unsubscribe", which=str(ours), guild_id=OTHER_GUILD_ID,
                                     channel_id=OTHER_CHANNEL_ID)
    answer = await running.fake.reply_to(token)
    assert is_private(answer) and "No such subscription" in answer["content"]
    token = await running.fake.slash("subscriptions", guild_id=OTHER_GUILD_ID,
                                     channel_id=OTHER_CHANNEL_ID)
    listing = await running.fake.reply_to(token)
    assert f"#{ours}" not in listing["content"]
    assert [row["id"] for row in running.service.archive.outbox.subscriptions_of(
        "discord", GUILD_ID, CHANNEL_ID)] == [ours]


async def test_long_answers_page_with_buttons(running: Running, now: datetime) -> None:
    for n in range(12):
        record_release(running.service.archive, now,
                       Sanction(f"Clearview Reseller {n}", "fine", 1000.0 + n, "EUR",
                                1000.0 + n), url=f"https://www.cnil.fr/fr/cv{n}")
    token = await running.fake.slash("fines", company="clearview")
    answer = await running.fake.reply_to(token)
    assert "(page 1/2)" in answer["content"] and len(answer["embeds"]) == 10
    buttons = [c["label"] for row in answer["components"] for c in row["components"]]
    assert buttons == ["Previous", "Next"]


HOSTILE_OPTIONS = [
    ("fines", {"company": "x" * 10_000}),
    ("fines", {"company": "\x00\x1b[31m\u202e\ufeff"}),
    ("fines", {"company": 'clearview" OR defendant:* NEAR(a b) -- ; DROP TABLE decisions'}),
    ("fines", {"company": "clearview", "since": "-1"}),
    ("fines", {"company": "clearview", "since": "99999-01-01"}),
    ("fines", {"company": "clearview", "authority": "x" * 5000}),
    ("latest", {"count": -5}),
    ("latest", {"count": 10**15}),
    ("stats", {"year": -1}),
    ("stats", {"year": 10**12}),
    ("subscribe", {"min_eur": "-1"}),
    ("subscribe", {"min_eur": "1e400"}),
    ("subscribe", {"watch": "a," * 5000}),
    ("subscribe", {"country": "\x00" * 100}),
    ("subscribe", {"kind": "fine; DROP"}),
    ("unsubscribe", {"which": "-1"}),
    ("unsubscribe", {"which": "9" * 400}),
    ("preview", {"min_eur": "abc", "watch": "x" * 10_000}),
]


@pytest.mark.parametrize(("name", "options"), HOSTILE_OPTIONS,
                         ids=[f"{n}-{i}" for i, (n, _o) in enumerate(HOSTILE_OPTIONS)])
async def test_hostile_arguments_get_a_reply_never_a_crash(
        running: Running, name: str, options: dict) -> None:
    token = await running.fake.slash(name, **options)
    answer = await running.fake.reply_to(token)
    assert answer["content"] and len(answer["content"]) <= 2000
    assert "Traceback" not in answer["content"]
    assert "went wrong on our side" not in answer["content"]


async def test_run_discord_refuses_a_bad_token_clearly(fake: FakeDiscord,
                                                       archive: Archive) -> None:
    async with Fetcher(respect_robots=False) as fetcher:
        service = Service(settings_for(fake), archive, [], fetcher)
        with pytest.raises(DiscordLoginError, match="DISCORD_TOKEN"):
            await asyncio.wait_for(run_discord(service, "bad-token"), 10)


async def test_run_discord_runs_until_stop_then_closes(fake: FakeDiscord,
                                                       archive: Archive) -> None:
    async with Fetcher(respect_robots=False) as fetcher:
        service = Service(settings_for(fake), archive, [], fetcher)
        runner = asyncio.create_task(run_discord(service, "fake-token",
                                                 guild_ready_timeout=0.05))
        await fake.wait_for(lambda: fake.sent("PUT", rf"/applications/{APP_ID}/commands"))
        assert "discord" in service.dispatcher.senders
        service.stop.set()
        await asyncio.wait_for(runner, 10)
        await service.wait_stopped()
