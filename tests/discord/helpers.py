"""Helpers for the Discord tests: settings for the fake, archive builders, a running bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.app import Service
from bot.config import Settings, parse_settings
from bot.discord.client import DpaWatchBot
from scrapers.extract import normalise_defendant
from scrapers.http import Fetcher
from scrapers.models import Sanction
from storage import Archive
from storage.filters import Filters
from tests.storage.helpers import harvest, release
from tests.support.fake_discord import ADMIN_CHANNEL_ID, CHANNEL_ID, GUILD_ID, FakeDiscord


def settings_for(fake: FakeDiscord, **discord_keys: str) -> Settings:
    """Settings whose [discord] keys point at the fake."""
    return parse_settings({"discord": {"api_base": fake.api_base, "gateway_url": fake.gateway,
                                       "admin_channel_id": ADMIN_CHANNEL_ID, **discord_keys}},
                          env={})


def record_release(archive: Archive, now: datetime, *sanctions: Sanction,
                   url: str = "https://www.cnil.fr/fr/clearview", title: str = "",
                   body: str = "La CNIL prononce une amende.") -> None:
    """Archive a CNIL release with these sanctions, as a poll would (queues its alerts)."""
    # Each release its own title: the archive knows a release again by its content too.
    title = title or f"Sanction {url.rsplit('/', 1)[-1]}"
    item = release(url, title=title, body=body, published=date(2022, 10, 20))
    archive.record_harvest(harvest(item), {item.url: list(sanctions)}, now=now,
                           backlog=False, defendant_key=normalise_defendant)


def subscribe_channel(archive: Archive, now: datetime, channel_id: str = CHANNEL_ID,
                      **filters: Any) -> int:
    """A /subscribe done earlier in the guild's channel."""
    return archive.outbox.subscribe(platform="discord", workspace_id=GUILD_ID,
                                    channel_id=channel_id, filters=Filters(**filters), now=now)


@dataclass
class Running:
    """A bot connected to the fake, with its service."""

    fake: FakeDiscord
    bot: DpaWatchBot
    service: Service

    async def until(self, condition: Callable[[], Any], within: float = 5.0) -> Any:
        """Wait for a condition, waking the dispatcher so retries run without its 5 s nap."""
        async def nudge() -> None:
            while True:
                self.service.dispatcher.wake()
                await asyncio.sleep(0.02)

        nudger = asyncio.create_task(nudge())
        try:
            return await self.fake.wait_for(condition, within)
        finally:
            nudger.cancel()


async def start_bot(archive: Archive, settings: Settings
                    ) -> tuple[DpaWatchBot, Service, asyncio.Task[None], Fetcher]:
    """Log the real bot in against the fake and wait until its guilds are ready."""
    fetcher = Fetcher(respect_robots=False)
    service = Service(settings, archive, [], fetcher)
    service.dispatcher.base_delay = 0.01  # retries in milliseconds, not seconds
    bot = DpaWatchBot(service, guild_ready_timeout=0.05, requests_per_second=None)
    task = asyncio.create_task(bot.start("fake-token"))
    await asyncio.sleep(0)
    await asyncio.wait_for(bot.wait_until_ready(), 10)
    return bot, service, task, fetcher


async def stop_bot(bot: DpaWatchBot, service: Service, task: asyncio.Task[None],
                   fetcher: Fetcher) -> None:
    """Stop the service and close the bot cleanly."""
    service.stop.set()
    await service.wait_stopped()
    await bot.close()
    await asyncio.wait_for(task, 10)
    await fetcher.aclose()
