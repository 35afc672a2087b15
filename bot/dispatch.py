"""The dispatcher: sends the outbox's pending deliveries through the platform senders.

Platform-neutral: a Sender (Discord bot, Discord webhook, Slack bot, Slack webhook) turns
a Reply into a message and returns its id. Per channel, messages go one at a time in
order; channels go in parallel. A failed send is retried with exponential backoff and
jitter (or after the platform's Retry-After), and after `max_attempts` the delivery is
marked failed with its reason: never dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.core.replies import Reply, alert_reply
from storage import Archive
from storage.outbox import Delivery

log = logging.getLogger(__name__)


class SendFailure(Exception):
    """A send that did not go through; `permanent` ones are not retried."""

    def __init__(self, reason: str, *, retry_after: float | None = None,
                 permanent: bool = False) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


class Sender(Protocol):
    """Delivers replies to one platform. `target` is the subscription row."""

    async def post(self, target: Mapping[str, Any], reply: Reply, nonce: str) -> str:
        """Post a new message; returns the platform's message id."""

    async def edit(self, target: Mapping[str, Any], reply: Reply, message_id: str) -> None:
        """Replace a message posted before."""


@dataclass
class DispatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    waiting: int = 0  # for a platform that is not connected


def _channel_of(delivery: Delivery) -> tuple[Any, ...]:
    sub = delivery.subscription
    return (sub["platform"], sub["workspace_id"], sub["channel_id"], sub["webhook_url"])


class Dispatcher:
    """Sends due deliveries; `run` loops until stopped, woken early by `wake()`."""

    def __init__(self, archive: Archive, senders: Mapping[str, Sender], *,
                 max_attempts: int = 8, base_delay: float = 2.0, max_delay: float = 3600.0,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 batch: int = 500) -> None:
        self.archive = archive
        self.senders = dict(senders)
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.clock = clock
        self.batch = batch
        self._wake = asyncio.Event()
        self._labels: dict[str, str] | None = None

    def wake(self) -> None:
        """Ask the running loop to look at the outbox now (a poll queued alerts)."""
        self._wake.set()

    async def dispatch_due(self) -> DispatchResult:
        """Send every delivery that is due now; returns what happened."""
        result = DispatchResult()
        by_channel: dict[tuple[Any, ...], list[Delivery]] = defaultdict(list)
        # The outbox keeps each channel's order: a channel whose oldest delivery waits for
        # a retry returns nothing until then, across rounds and restarts alike.
        for delivery in self.archive.outbox.due(self.clock(), self.batch):
            if delivery.subscription["platform"] not in self.senders:
                result.waiting += 1
                continue
            by_channel[_channel_of(delivery)].append(delivery)
        await asyncio.gather(*(self._send_in_order(queue, result)
                               for queue in by_channel.values()))
        return result

    async def _send_in_order(self, queue: list[Delivery], result: DispatchResult) -> None:
        for delivery in queue:
            if not await self._send(delivery, result):
                # Keep this channel's order: what follows waits for the next round.
                return

    async def _send(self, delivery: Delivery, result: DispatchResult) -> bool:
        sender = self.senders[delivery.subscription["platform"]]
        if self._labels is None:
            self._labels = self.archive.authority_labels()
        correction = delivery.action == "edit"
        to_edit = None
        if correction:
            to_edit, post_pending = self.archive.outbox.message_to_edit(delivery)
            if post_pending:  # the first alert is not out yet: the correction waits for it
                result.waiting += 1
                return False
        reply = alert_reply(delivery.release, delivery.decisions, self._labels,
                            correction=correction)
        try:
            if to_edit:
                await sender.edit(delivery.subscription, reply, to_edit)
                message_id: str | None = to_edit
            else:
                message_id = await sender.post(delivery.subscription, reply, delivery.nonce)
        except SendFailure as failure:
            self._record_failure(delivery, failure, result)
            return False
        except Exception as error:  # a sender bug must not stop the other channels
            log.exception("sender crashed on delivery %s", delivery.id)
            self._record_failure(delivery, SendFailure(f"internal error: {error!r}"), result)
            return False
        self.archive.outbox.mark_sent(delivery.id, message_id, self.clock())
        result.sent += 1
        return True

    def _record_failure(self, delivery: Delivery, failure: SendFailure,
                        result: DispatchResult) -> None:
        attempts = delivery.attempts + 1
        reason = str(failure)[:300]
        if failure.permanent or attempts >= self.max_attempts:
            self.archive.outbox.mark_failed(delivery.id, f"{reason} (after {attempts} tries)")
            log.warning("delivery %s failed for good: %s", delivery.id, reason)
            result.failed += 1
            return
        delay = min(self.base_delay * 2 ** (attempts - 1), self.max_delay)
        delay = delay * (0.5 + random.random())  # jitter: channels do not retry in step
        if failure.retry_after is not None:
            delay = max(delay, failure.retry_after)
        self.archive.outbox.mark_retry(delivery.id, reason,
                                       self.clock() + timedelta(seconds=delay))
        result.retried += 1

    async def run(self, stop: asyncio.Event, every: float = 5.0) -> None:
        """Dispatch until `stop` is set: every few seconds, and at once when woken."""
        while not stop.is_set():
            try:
                await self.dispatch_due()
            except Exception:  # the archive was busy, say: try again next round
                log.exception("dispatch round failed")
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()),
                       asyncio.ensure_future(self._wake.wait())]
            await asyncio.wait(waiters, timeout=every, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
