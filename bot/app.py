"""The running service: scheduler, dispatcher and chat adapters in one asyncio loop.

`Service` owns the archive, the fetcher, the poller and the dispatcher. Without chat
tokens, `run()` starts polling and dispatching itself; with a Discord token, the Discord
client calls `start_background()` from its setup_hook, so everything shares its loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.alerts import TerminalNotifier
from bot.config import Settings
from bot.dispatch import Dispatcher, Sender
from bot.pipeline import Poller, PollReport, backoff_until
from bot.scheduler import PollingSchedule
from scrapers.http import Fetcher
from scrapers.models import Source
from storage import Archive
from storage.filters import Filters

log = logging.getLogger(__name__)


def config_subscriptions(settings: Settings) -> list[tuple[str, str, Filters]]:
    """The [[subscriptions]] of the config as (platform, webhook URL, filters)."""
    declared = []
    for entry in settings.subscriptions:
        platform = "discord_webhook" if "discord_webhook" in entry else "slack_webhook"
        filters = Filters(
            authorities=tuple(a.lower() for a in entry.get("authorities", ())),
            countries=tuple(c.upper() for c in entry.get("countries", ())),
            min_eur=entry.get("min_eur"), kinds=tuple(entry.get("kinds", ())),
            watch=tuple(entry.get("watch", ())), all_news=bool(entry.get("all_news", False)))
        declared.append((platform, entry[platform], filters))
    return declared


@dataclass
class Service:
    """Everything `dpawatch run` runs, wired once."""

    settings: Settings
    archive: Archive
    sources: list[Source]
    fetcher: Fetcher
    senders: dict[str, Sender] = field(default_factory=dict)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    on_report: Any = None  # called with each PollReport (the terminal summary)
    #: Called when a source turns unhealthy or recovers: each chat adapter's admin channel.
    health_watchers: list[Callable[[PollReport], Awaitable[None]]] = field(
        default_factory=list)

    def __post_init__(self) -> None:
        self.poller = Poller(self.archive, self.fetcher, TerminalNotifier())
        self.dispatcher = Dispatcher(self.archive, self.senders)
        self._tasks: list[asyncio.Task[None]] = []
        self.archive.outbox.replace_config_subscriptions(config_subscriptions(self.settings),
                                                         datetime.now(UTC))

    def add_senders(self, senders: Mapping[str, Sender]) -> None:
        """Let the dispatcher deliver to more platforms (a chat client that connected)."""
        self.dispatcher.senders.update(senders)
        self.dispatcher.wake()

    async def poll(self, source: Source, now: datetime) -> PollReport | None:
        """One scheduled poll, unless the source is backing off after failures; new alerts
        wake the dispatcher at once."""
        interval = timedelta(minutes=source.interval_minutes
                             or self.settings.polling.interval_minutes)
        resume_at = backoff_until(self.archive.source_state(source.id), interval)
        if resume_at is not None and now < resume_at:
            log.debug("%s backs off until %s", source.id, resume_at.isoformat())
            return None
        report = await self.poller.poll(source, now)
        if self.on_report:
            self.on_report(report)
        if report.health_changed:
            for watcher in self.health_watchers:
                try:
                    await watcher(report)
                except Exception:  # an admin notice must never stop polling
                    log.exception("health notice failed for %s", report.source_id)
        self.dispatcher.wake()
        return report

    def start_background(self) -> None:
        """Start polling and dispatching in the running loop (once: later calls do nothing,
        so that every chat client may call it from its own start hook)."""
        if self._tasks:
            return
        schedule = PollingSchedule(self.sources, self.poll,
                                   default_minutes=self.settings.polling.interval_minutes,
                                   jitter_seconds=self.settings.polling.jitter_seconds)
        self._tasks = [asyncio.create_task(schedule.run_until(self.stop)),
                       asyncio.create_task(self.dispatcher.run(self.stop)),
                       asyncio.create_task(self._prune_daily())]

    async def _prune_daily(self) -> None:
        """Once a day, forget deliveries settled longer ago than the config keeps them."""
        keep = timedelta(days=self.settings.storage.keep_deliveries_days)
        while not self.stop.is_set():
            pruned = self.archive.outbox.prune(datetime.now(UTC) - keep)
            if pruned:
                log.info("forgot %d settled deliveries older than %d days", pruned, keep.days)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), timeout=24 * 3600)

    async def wait_stopped(self) -> None:
        """Wait for the stop signal, then for the background tasks to wind down."""
        await self.stop.wait()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
        for task in self._tasks:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task


def webhook_senders(settings: Settings) -> dict[str, Sender]:
    """Senders for the config's webhook subscriptions: no bot token is needed for these."""
    senders: dict[str, Sender] = {}
    platforms = {platform for platform, _url, _filters in config_subscriptions(settings)}
    if "discord_webhook" in platforms:
        from bot.discord import webhook_sender

        senders["discord_webhook"] = webhook_sender(settings)
    if "slack_webhook" in platforms:
        from bot.slack import webhook_sender as slack_webhook_sender

        senders["slack_webhook"] = slack_webhook_sender(settings)
    return senders


async def run_service(service: Service) -> None:
    """Run until stopped: with each configured chat client, else polling alone."""
    secrets = service.settings.secrets
    clients = []
    if secrets.discord_token:
        from bot.discord import run_discord

        clients.append(run_discord(service, secrets.discord_token))
    if secrets.slack_bot_token:
        from bot.slack import run_slack

        clients.append(run_slack(service))
    service.start_background()
    if not clients:
        await service.wait_stopped()
        return
    # A chat client that fails to connect is one clear line; polling and the terminal
    # (and the other client) carry on.
    results = await asyncio.gather(*clients, service.wait_stopped(), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result,
                                                                 asyncio.CancelledError):
            log.error("chat client stopped: %s", result)
