"""Senders for the dispatcher: the bot posting to channels, and incoming webhooks.

discord.py already waits out per-route and global rate limits (and retries 429s and some
5xx itself); these senders never retry on their own. What discord.py gives up on becomes
a SendFailure that the dispatcher schedules, and a channel that is gone or forbidden is a
permanent failure, so it is not retried for hours.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from typing import Any

import aiohttp
import discord

from bot.core.replies import Reply
from bot.discord.render import render
from bot.dispatch import SendFailure

#: Discord's global limit is 50 requests a second per bot; stay a little under it so that
#: a burst of alerts to many channels does not collect global 429s.
DEFAULT_REQUESTS_PER_SECOND = 45.0

#: What a send can raise: discord.py's errors, and the network's below them.
SEND_ERRORS = (discord.DiscordException, aiohttp.ClientError, OSError, TimeoutError)

_WEBHOOK_PATH = re.compile(r"/webhooks/(\d{1,20})/([A-Za-z0-9._-]{1,200})/?$")


def use_api_base(api_base: str) -> None:
    """Point discord.py's REST and webhook requests at `api_base` (a fake one in tests)."""
    # Route.BASE is read when each request is built, by the bot and by webhooks alike.
    discord.http.Route.BASE = api_base.rstrip("/")


def _retry_after(error: discord.HTTPException) -> float | None:
    header = error.response.headers.get("Retry-After") if error.response is not None else None
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None


def send_failure(error: BaseException) -> SendFailure:
    """What a discord.py (or network) error means for the dispatcher."""
    if isinstance(error, discord.RateLimited):
        return SendFailure(f"rate limited for {error.retry_after:.0f} s",
                           retry_after=error.retry_after)
    if isinstance(error, discord.NotFound | discord.Forbidden):
        # The channel, message or webhook is gone, or we may not post there: retrying
        # cannot help until someone changes the channel.
        return SendFailure(f"HTTP {error.status}: {error.text[:120]}", permanent=True)
    if isinstance(error, discord.HTTPException):
        if error.status == 429 or error.status >= 500:
            return SendFailure(f"HTTP {error.status} after discord.py's retries",
                               retry_after=_retry_after(error))
        # 400 and the like: Discord refused this message; sending it again changes nothing.
        return SendFailure(f"HTTP {error.status}: {error.text[:120]}", permanent=True)
    return SendFailure(f"network: {error!r}"[:200])


class Pacer:
    """Spaces requests at most `rate` a second, shared by every channel of one sender."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Wait for this request's slot (returns at once when pacing is off)."""
        if not self.interval:
            return
        async with self._lock:
            now = time.monotonic()
            slot = max(self._next, now)
            self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


class DiscordBotSender:
    """Posts alerts to channels as the bot (subscriptions of platform "discord")."""

    def __init__(self, client: discord.Client, *,
                 requests_per_second: float | None = DEFAULT_REQUESTS_PER_SECOND) -> None:
        self.client = client
        self.pacer = Pacer(requests_per_second)

    def _channel(self, target: Mapping[str, Any]) -> discord.PartialMessageable:
        channel_id = str(target.get("channel_id") or "")
        if not channel_id.isdigit():
            raise SendFailure(f"not a Discord channel id: {channel_id[:30]!r}", permanent=True)
        return self.client.get_partial_messageable(int(channel_id))

    async def post(self, target: Mapping[str, Any], reply: Reply, nonce: str) -> str:
        """Post to the channel; the nonce with enforce_nonce makes a resend a no-op."""
        channel = self._channel(target)
        await self.pacer.wait()
        try:
            # discord.py sends enforce_nonce=True with every nonce it is given, so Discord
            # answers a resend after a crash with the message it already created.
            message = await channel.send(**render(reply).send_kwargs(), nonce=nonce)
        except SEND_ERRORS as error:
            raise send_failure(error) from error
        return str(message.id)

    async def edit(self, target: Mapping[str, Any], reply: Reply, message_id: str) -> None:
        """Replace an alert posted before (a corrected release)."""
        channel = self._channel(target)
        if not message_id.isdigit():
            raise SendFailure(f"not a Discord message id: {message_id[:30]!r}", permanent=True)
        await self.pacer.wait()
        try:
            await channel.get_partial_message(int(message_id)).edit(**render(reply).send_kwargs())
        except SEND_ERRORS as error:
            raise send_failure(error) from error


def parse_webhook_url(url: str) -> tuple[int, str]:
    """(id, token) of a webhook URL, whatever its host (tests use loopback)."""
    match = _WEBHOOK_PATH.search(url.split("?", 1)[0])
    if not match:
        raise SendFailure("not a Discord webhook URL (…/webhooks/<id>/<token>)", permanent=True)
    return int(match.group(1)), match.group(2)


class DiscordWebhookSender:
    """Posts alerts through incoming webhooks (platform "discord_webhook"); no bot needed.

    Webhooks take no nonce: a crash between the send and its record can repeat an alert.
    """

    def __init__(self, api_base: str) -> None:
        self.api_base = api_base
        self._session: aiohttp.ClientSession | None = None

    def _webhook(self, target: Mapping[str, Any]) -> discord.Webhook:
        webhook_id, token = parse_webhook_url(str(target.get("webhook_url") or ""))
        if self._session is None or self._session.closed:
            # Made on first use, inside the running loop, as aiohttp requires.
            self._session = aiohttp.ClientSession()
        use_api_base(self.api_base)
        return discord.Webhook.partial(webhook_id, token, session=self._session)

    async def post(self, target: Mapping[str, Any], reply: Reply, nonce: str) -> str:
        """Execute the webhook and wait for the message, to keep its id for edits."""
        webhook = self._webhook(target)
        try:
            message = await webhook.send(**render(reply).send_kwargs(), wait=True)
        except SEND_ERRORS as error:
            raise send_failure(error) from error
        return str(message.id)

    async def edit(self, target: Mapping[str, Any], reply: Reply, message_id: str) -> None:
        """Edit a message this webhook posted."""
        webhook = self._webhook(target)
        if not message_id.isdigit():
            raise SendFailure(f"not a Discord message id: {message_id[:30]!r}", permanent=True)
        try:
            await webhook.edit_message(int(message_id), **render(reply).send_kwargs())
        except SEND_ERRORS as error:
            raise send_failure(error) from error

    async def close(self) -> None:
        """Close the HTTP session (at shutdown)."""
        if self._session is not None:
            await self._session.close()
