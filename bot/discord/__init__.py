"""The Discord adapter: the bot (slash commands, alerts) and incoming-webhook alerts.

The only package that imports discord.py. `bot.app` imports it lazily, when a Discord
token or a discord_webhook subscription is configured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.discord.sender import DiscordWebhookSender
from bot.dispatch import Sender

if TYPE_CHECKING:
    from bot.app import Service

__all__ = ["run_discord", "webhook_sender"]


def webhook_sender(settings: Settings) -> Sender:
    """The sender for subscriptions of platform "discord_webhook" (no bot token needed)."""
    return DiscordWebhookSender(settings.discord.api_base)


async def run_discord(service: Service, token: str, **options: Any) -> None:
    """Run the Discord bot until `service.stop` is set (DiscordLoginError on a bad token)."""
    # Imported here: the client pulls in the whole command layer, webhooks need none of it.
    from bot.discord.client import run_discord as run

    await run(service, token, **options)
