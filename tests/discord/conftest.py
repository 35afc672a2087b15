"""The real bot against the fake Discord on loopback, over an archive holding Clearview AI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime

import discord
import pytest

from storage import Archive
from tests.discord.helpers import Running, record_release, settings_for, start_bot, stop_bot
from tests.storage.helpers import CLEARVIEW_FINE, registered
from tests.support.fake_discord import FakeDiscord


@pytest.fixture(autouse=True)
def restore_discord_globals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our code points discord.py's class-level URLs at the fake: put them back after."""
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY",
                        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A fake Discord serving on 127.0.0.1."""
    server = await FakeDiscord().start()
    yield server
    await server.stop()


@pytest.fixture
def clearview_archive(now: datetime) -> Iterator[Archive]:
    """An archive (in memory) that holds the CNIL's Clearview AI fine."""
    archive = registered(Archive.open(":memory:"))
    record_release(archive, now, CLEARVIEW_FINE)
    yield archive
    archive.close()


@pytest.fixture
async def running(fake: FakeDiscord, clearview_archive: Archive) -> AsyncIterator[Running]:
    """The bot logged in to the fake, its commands synced, over the Clearview archive."""
    bot, service, task, fetcher = await start_bot(clearview_archive, settings_for(fake))
    yield Running(fake, bot, service)
    await stop_bot(bot, service, task, fetcher)
