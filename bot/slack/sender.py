"""Senders for Slack: the bot (chat.postMessage / chat.update) and incoming webhooks.

Exactly once despite a crash between send and record: Slack has no idempotency key, so
each post carries message metadata with the delivery's nonce, and before posting a nonce
that this process has not seen fail cleanly, the channel's recent history is searched for
it. A message found there is the one a previous attempt (or process) posted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.replies import Card, Reply
from bot.dispatch import SendFailure
from bot.slack.render import render

log = logging.getLogger(__name__)

METADATA_EVENT = "dpawatch_delivery"
#: Slack's documented limit for chat.postMessage is about one message a second a channel.
DEFAULT_CHANNEL_INTERVAL = 1.0
#: How far back to look for a message a previous attempt posted: alerts are retried within
#: the hour, and few channels get more than this many messages in that time.
HISTORY_LOOKBACK = 100

# Errors that no retry will cure: the channel or the token is gone, or the message itself
# is refused. Anything else Slack answers (internal_error, fatal_error…) is retried.
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
    "account_inactive", "token_revoked", "token_expired", "missing_scope", "no_permission",
    "restricted_action", "team_access_not_granted", "ekm_access_denied", "invalid_blocks",
    "msg_too_long", "invalid_arguments", "message_not_found", "cant_update_message",
    "edit_window_closed", "no_text"})
# Incoming-webhook error bodies that mean the hook is gone or the payload is refused.
PERMANENT_WEBHOOK_ERRORS = frozenset({
    "invalid_payload", "invalid_token", "no_service", "no_service_id", "no_team",
    "team_disabled", "channel_not_found", "channel_is_archived", "action_prohibited",
    "no_active_hooks", "posting_to_general_channel_denied", "user_not_found"})


def _retry_after(headers: Mapping[str, str] | None) -> float:
    try:
        return max(0.0, float((headers or {}).get("Retry-After", "1")))
    except ValueError:
        return 1.0


def error_code(error: SlackApiError) -> str | None:
    """Slack's `error` field ("channel_not_found"…), when the answer had one."""
    data = getattr(error.response, "data", None)
    return data.get("error") if isinstance(data, dict) else None


def api_failure(method: str, error: SlackApiError) -> SendFailure:
    """What a refused Web API call means for the dispatcher: retry when, or never."""
    response = error.response
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    code = error_code(error)
    if status == 429 or code == "ratelimited":
        return SendFailure(f"Slack {method}: rate limited",
                           retry_after=_retry_after(getattr(response, "headers", None)))
    if code in PERMANENT_ERRORS:
        return SendFailure(f"Slack {method}: {code}", permanent=True)
    return SendFailure(f"Slack {method}: {code or f'HTTP {status}'}")


def split_message_id(message_id: str, default_channel: str) -> tuple[str, str]:
    """ "C123:1700000000.000100" -> ("C123", "1700000000.000100"); a bare ts keeps the
    subscription's channel."""
    channel, _, ts = message_id.rpartition(":")
    return (channel or default_channel), ts


class SlackBotSender:
    """Posts and edits alerts as the app's bot user, paced per channel."""

    def __init__(self, client: AsyncWebClient, *,
                 channel_interval: float = DEFAULT_CHANNEL_INTERVAL,
                 history_lookback: int = HISTORY_LOOKBACK,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.channel_interval = channel_interval
        self.history_lookback = history_lookback
        self.clock = clock
        self._next_slot: dict[str, float] = {}
        # After a 429, the channel is left alone until Retry-After has passed: the
        # dispatcher would otherwise send the next alerts of the channel at once.
        self._blocked_until: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # Nonces whose last attempt here got a clear "not posted" (an error answer):
        # only these may skip the history search.
        self._surely_unposted: set[str] = set()
        self._warned_history = False

    def _check_not_blocked(self, channel: str) -> None:
        remaining = self._blocked_until.get(channel, 0.0) - self.clock()
        if remaining > 0:
            raise SendFailure("Slack: rate limited, waiting for Retry-After",
                              retry_after=remaining)

    def _failed(self, channel: str, failure: SendFailure) -> SendFailure:
        if failure.retry_after is not None:
            self._blocked_until[channel] = self.clock() + failure.retry_after
        return failure

    async def _pace(self, channel: str) -> None:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            wait = self._next_slot.get(channel, 0.0) - self.clock()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_slot[channel] = self.clock() + self.channel_interval

    async def find_posted(self, channel: str, nonce: str) -> str | None:
        """The ts of a recent message in `channel` carrying this delivery nonce, if any."""
        try:
            response = await self.client.conversations_history(
                channel=channel, limit=self.history_lookback, include_all_metadata=True)
        except SlackApiError as error:
            if error_code(error) == "missing_scope":
                # Without channels:history we cannot look: post, at the risk of a double.
                if not self._warned_history:
                    log.warning("Slack: no history scope, a crash may repeat an alert")
                    self._warned_history = True
                return None
            raise self._failed(channel, api_failure("conversations.history", error)) from None
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if (metadata.get("event_type") == METADATA_EVENT
                    and (metadata.get("event_payload") or {}).get("nonce") == nonce):
                return str(message["ts"])
        return None

    async def post(self, target: Mapping[str, Any], reply: Reply, nonce: str) -> str:
        """chat.postMessage; returns "channel:ts" so that a correction can edit it."""
        channel = str(target["channel_id"])
        self._check_not_blocked(channel)
        try:
            if nonce not in self._surely_unposted:
                found = await self.find_posted(channel, nonce)
                if found:
                    log.info("Slack: delivery %s was already posted as %s", nonce, found)
                    return f"{channel}:{found}"
            await self._pace(channel)
            response = await self.client.chat_postMessage(
                channel=channel, **render(reply), link_names=False, unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"nonce": nonce}})
        except SlackApiError as error:
            failure = api_failure("chat.postMessage", error)
            status = getattr(error.response, "status_code", None)
            # An error answer below 500 is Slack saying it did not post.
            if status is not None and status < 500:
                self._surely_unposted.add(nonce)
            else:
                self._surely_unposted.discard(nonce)
            raise self._failed(channel, failure) from None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            self._surely_unposted.discard(nonce)  # the request may have landed
            raise SendFailure(f"Slack chat.postMessage: {error.__class__.__name__}") from None
        self._surely_unposted.discard(nonce)
        return f"{response.get('channel') or channel}:{response['ts']}"

    async def edit(self, target: Mapping[str, Any], reply: Reply, message_id: str) -> None:
        """chat.update of the message posted before (editing twice is harmless)."""
        channel, ts = split_message_id(message_id, str(target["channel_id"]))
        self._check_not_blocked(channel)
        await self._pace(channel)
        try:
            await self.client.chat_update(channel=channel, ts=ts, **render(reply),
                                          link_names=False)
        except SlackApiError as error:
            raise self._failed(channel, api_failure("chat.update", error)) from None
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
            raise SendFailure(f"Slack chat.update: {error.__class__.__name__}") from None


def correction_reply(reply: Reply) -> Reply:
    """A short message that stands for an edit where messages cannot be edited."""
    cards = tuple(Card(title=c.title, url=c.url, fields=c.fields) for c in reply.cards)
    text = reply.text if reply.text.startswith("Corrected") else f"Corrected: {reply.text}"
    return Reply(text=text + " (replaces an earlier alert)", cards=cards)


class SlackWebhookSender:
    """Posts to incoming-webhook URLs from the config. Webhooks cannot be edited, and
    return no message id, so a correction is a new, short message."""

    def __init__(self, *, timeout: float = 30.0) -> None:
        self.timeout = timeout

    async def _send(self, url: str, reply: Reply) -> None:
        payload = {**render(reply), "unfurl_links": False, "unfurl_media": False}
        try:
            async with aiohttp.ClientSession(
                    timeout=aiohttp.ClientTimeout(total=self.timeout)) as session, \
                    session.post(url, json=payload) as response:
                body = (await response.text())[:200]
                status, headers = response.status, response.headers
        except (aiohttp.ClientError, TimeoutError) as error:
            raise SendFailure(f"Slack webhook: {error.__class__.__name__}") from None
        if status == 200:
            return
        if status == 429:
            raise SendFailure("Slack webhook: rate limited", retry_after=_retry_after(headers))
        code = body.strip()
        if code in PERMANENT_WEBHOOK_ERRORS or status in (404, 410):
            raise SendFailure(f"Slack webhook: {code or status}", permanent=True)
        raise SendFailure(f"Slack webhook: HTTP {status} {code[:80]}")

    async def post(self, target: Mapping[str, Any], reply: Reply, nonce: str) -> str:
        """Post; the id returned names the delivery (webhooks give none back)."""
        await self._send(str(target["webhook_url"]), reply)
        return f"webhook:{nonce}"

    async def edit(self, target: Mapping[str, Any], reply: Reply, message_id: str) -> None:
        """Post a short correction, since a webhook message cannot be changed."""
        await self._send(str(target["webhook_url"]), correction_reply(reply))
