"""The Discord bot: slash commands, channel alerts and source-health notices.

One AutoShardedClient per process, sharing the service's asyncio loop: its setup_hook
starts polling and dispatching, so alerts and commands run side by side. It needs no
privileged intent: slash commands arrive as interactions, not as messages.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any

import discord
import yarl

from bot.app import Service
from bot.core.replies import health_reply
from bot.discord.commands import CommandTree, register_commands
from bot.discord.render import NO_MENTIONS
from bot.discord.sender import DEFAULT_REQUESTS_PER_SECOND, DiscordBotSender, use_api_base
from bot.dispatch import SendFailure
from bot.pipeline import PollReport

log = logging.getLogger(__name__)

#: discord.py sleeps through rate limits up to this long; past it the send fails with a
#: Retry-After and the dispatcher reschedules it, so one channel cannot hold up a round.
MAX_RATELIMIT_WAIT_SECONDS = 30.0


class DiscordLoginError(RuntimeError):
    """The bot could not log in (a bad or revoked DISCORD_TOKEN)."""


class DpaWatchBot(discord.AutoShardedClient):
    """The bot, with the service (archive, dispatcher, settings) injected."""

    def __init__(self, service: Service, *, guild_ready_timeout: float = 2.0,
                 requests_per_second: float | None = DEFAULT_REQUESTS_PER_SECOND) -> None:
        super().__init__(intents=discord.Intents.default(),
                         guild_ready_timeout=guild_ready_timeout,
                         max_ratelimit_timeout=MAX_RATELIMIT_WAIT_SECONDS,
                         allowed_mentions=NO_MENTIONS)
        self.service = service
        self.tree = CommandTree(self)
        register_commands(self.tree, service)
        self.sender = DiscordBotSender(self, requests_per_second=requests_per_second)
        self.synced_commands: list[str] = []

    async def login(self, token: str) -> None:
        """Log in against the configured API (the first request already needs it)."""
        use_api_base(self.service.settings.discord.api_base)
        await super().login(token)

    async def setup_hook(self) -> None:
        """Connect the gateway override, sync commands, start polling and alerts."""
        settings = self.service.settings.discord
        if settings.gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
            if self.shard_count is None:
                # With a shard count set, discord.py connects to DEFAULT_GATEWAY instead
                # of the URL that /gateway/bot returns.
                self.shard_count, _url, _limits = await self.http.get_bot_gateway()
        try:
            synced = await self.tree.sync()
            self.synced_commands = [command.name for command in synced]
        except discord.HTTPException as error:
            # The commands synced last time still work; alerts must not wait on this.
            log.error("could not sync slash commands: %s", error)
        self.service.start_background()
        self.service.add_senders({"discord": self.sender})
        self._watch_health()

    def _watch_health(self) -> None:
        """Post source health changes to the admin channel, if one is set."""
        if self.service.settings.discord.admin_channel_id:
            self.service.health_watchers.append(self.post_health)

    async def post_health(self, report: PollReport) -> None:
        """Say once that a source became unhealthy, or recovered."""
        reply = health_reply(report.source_id, report.healthy, report.error)
        target = {"channel_id": self.service.settings.discord.admin_channel_id}
        try:
            await self.sender.post(target, reply, secrets.token_hex(12))
        except SendFailure as failure:
            log.warning("could not post to the admin channel: %s", failure)


async def run_discord(service: Service, token: str, **options: Any) -> None:
    """Run the bot until `service.stop` is set, then close it cleanly.

    Raises DiscordLoginError when Discord refuses the token.
    """
    bot = DpaWatchBot(service, **options)
    runner = asyncio.create_task(bot.start(token))
    stopper = asyncio.create_task(service.stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        if not runner.done():
            await bot.close()
            await asyncio.wait({runner}, timeout=10)
    if runner.cancelled():
        return
    error = runner.exception()
    if isinstance(error, discord.LoginFailure):
        raise DiscordLoginError("Discord refused DISCORD_TOKEN (401): copy the bot token "
                                "again from the Developer Portal's Bot page.") from None
    if error is not None:
        raise error
