"""Alerts through the dispatcher to the fake Slack: Block Kit, corrections, and faults.

Whatever Slack does (429 with Retry-After, 500s for a while, a crash between its accepting
a message and our recording it), every alert arrives exactly once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.dispatch import Dispatcher
from bot.slack.app import web_client
from bot.slack.sender import METADATA_EVENT, SlackBotSender, SlackWebhookSender
from scrapers.models import Sanction
from storage import Archive
from storage.filters import Filters
from tests.slack.helpers import archive_release, eventually, slack_settings
from tests.storage.helpers import CLEARVIEW_FINE, registered, release
from tests.support.fake_slack import TEAM_ID, FakeSlack

CHANNEL = "C0ALERTS"
HOSTILE = Sanction("ACME <!channel> & Sons", "fine", 1_500_000.0, "EUR", 1_500_000.0, None,
                   "ping <@U123> and <!here>, see <https://evil.example|cnil.fr> > now", 0.9)


class Clock:
    """The dispatcher's clock, moved by the test instead of waited for."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def subscribe_channel(archive: Archive, now: datetime, channel: str = CHANNEL) -> int:
    return archive.outbox.subscribe(platform="slack", workspace_id=TEAM_ID,
                                    channel_id=channel, filters=Filters(), now=now)


def alert(archive: Archive, now: datetime, n: int, sanction: Sanction | None = None,
          title: str = "Sanction") -> int:
    """Archive release n with its sanction (by default one against "Company n": the same
    sanction in two releases is one sanction, alerted once)."""
    sanction = sanction or replace(CLEARVIEW_FINE, defendant=f"Company {n}")
    return archive_release(archive, now, release(f"https://www.cnil.fr/fr/s{n}",
                                                 title=f"{title} {n}"), sanction)


def dispatcher(archive: Archive, fake: FakeSlack, clock: Clock, **sender: Any) -> Dispatcher:
    client = web_client(slack_settings(fake), "xoxb-test")
    bot = SlackBotSender(client, **{"channel_interval": 0.0,
                                    "clock": lambda: clock.now.timestamp(), **sender})
    return Dispatcher(archive, {"slack": bot}, base_delay=0.01, clock=clock)


async def drain(dispatch: Dispatcher, clock: Clock, rounds: int = 12) -> None:
    """Dispatch rounds, moving the clock a minute between them, until nothing is pending."""
    for _ in range(rounds):
        await dispatch.dispatch_due()
        if not dispatch.archive.outbox.counts().get("pending"):
            return
        clock.advance(60)


def posted(fake: FakeSlack, channel: str = CHANNEL) -> list[str]:
    return [m["text"] for m in fake.messages[channel]]


@pytest.fixture
def clock(now: datetime) -> Clock:
    return Clock(now)


@pytest.fixture
def subscribed(archive: Archive, now: datetime) -> Archive:
    registered(archive)
    subscribe_channel(archive, now)
    return archive


async def test_alerts_are_block_kit_with_scraped_markup_escaped(
        subscribed: Archive, slack: FakeSlack, clock: Clock, now: datetime,
        texts: Callable[[dict[str, Any]], str]) -> None:
    alert(subscribed, now, 1, HOSTILE, title="<!everyone> Sanction & <#C0GENERAL>")
    await drain(dispatcher(subscribed, slack, clock), clock)
    [message] = slack.messages[CHANNEL]
    shown = texts(message)
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C0GENERAL>",
                "<https://evil.example|"):
        assert raw not in shown
    assert "ACME &lt;!channel&gt; &amp; Sons" in shown
    assert "&lt;https://evil.example|cnil.fr&gt; &gt; now" in shown
    params = message["params"]
    assert params["link_names"] is False and params["unfurl_links"] is False
    assert {b["type"] for b in message["blocks"]} >= {"section", "divider", "context"}
    [delivery] = subscribed.db.query("SELECT * FROM deliveries")
    assert message["metadata"] == {"event_type": METADATA_EVENT,
                                   "event_payload": {"nonce": delivery["nonce"]}}
    assert delivery["message_id"] == f"{CHANNEL}:{message['ts']}"


async def test_a_correction_updates_the_same_message(subscribed: Archive, slack: FakeSlack,
                                                     clock: Clock, now: datetime) -> None:
    alert(subscribed, now, 1, replace(CLEARVIEW_FINE, amount=2e6, amount_eur=2e6))
    await drain(dispatcher(subscribed, slack, clock), clock)
    [first] = slack.messages[CHANNEL]
    alert(subscribed, now, 1, CLEARVIEW_FINE, title="Sanction (corrigé)")
    await drain(dispatcher(subscribed, slack, clock), clock)
    [update] = slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (CHANNEL, first["ts"])
    [edited] = slack.messages[CHANNEL]
    assert edited["text"].startswith("Corrected: ") and "20,000,000 EUR" in str(edited)


async def test_rate_limits_wait_for_retry_after(subscribed: Archive, slack: FakeSlack,
                                                clock: Clock, now: datetime) -> None:
    for n in range(3):
        alert(subscribed, now, n)
    slack.fail("chat.postMessage", status=429, retry_after=30)
    dispatch = dispatcher(subscribed, slack, clock)
    result = await dispatch.dispatch_due()
    assert (result.sent, result.retried) == (0, 1)
    clock.advance(29)
    # Retry-After is for the channel: the alerts behind the first one wait too.
    assert (await dispatch.dispatch_due()).sent == 0
    assert len(slack.calls_to("chat.postMessage")) == 1
    clock.advance(2)
    assert (await dispatch.dispatch_due()).sent == 3
    assert posted(slack) == [f"New sanction by CNIL (FR): Company {n}\n• Company {n}"
                             for n in range(3)]
    assert len({m["ts"] for m in slack.messages[CHANNEL]}) == 3


async def test_server_errors_for_a_while_then_every_alert_once(
        subscribed: Archive, slack: FakeSlack, clock: Clock, now: datetime) -> None:
    for n in range(3):
        alert(subscribed, now, n)
    slack.fail("chat.postMessage", status=500, times=4)
    slack.fail("conversations.history", status=503, times=1)
    await drain(dispatcher(subscribed, slack, clock), clock)
    assert subscribed.outbox.counts() == {"sent": 3}
    nonces = [m["metadata"]["event_payload"]["nonce"] for m in slack.messages[CHANNEL]]
    assert sorted(nonces) == sorted(r["nonce"] for r in subscribed.db.query(
        "SELECT nonce FROM deliveries"))


async def test_a_crash_between_send_and_record_posts_nothing_twice(
        subscribed: Archive, slack: FakeSlack, clock: Clock, now: datetime) -> None:
    for n in range(3):
        alert(subscribed, now, n)
    slack.hang_after_accept("chat.postMessage")
    running = asyncio.create_task(dispatcher(subscribed, slack, clock).dispatch_due())
    await eventually(lambda: slack.messages[CHANNEL])
    running.cancel()  # the process dies: Slack has the message, the outbox does not know
    with pytest.raises(asyncio.CancelledError):
        await running
    assert subscribed.outbox.counts() == {"pending": 3}
    slack._hanging.clear()
    # A new process: a fresh client, sender and dispatcher over the same archive.
    await drain(dispatcher(subscribed, slack, clock), clock)
    assert subscribed.outbox.counts() == {"sent": 3}
    assert len(slack.calls_to("chat.postMessage")) == 3
    assert len(slack.messages[CHANNEL]) == 3
    [first] = subscribed.db.query("SELECT message_id FROM deliveries ORDER BY id LIMIT 1")
    assert first["message_id"] == f"{CHANNEL}:{slack.messages[CHANNEL][0]['ts']}"


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived",
                                   "invalid_auth"])
async def test_a_gone_channel_fails_at_once_with_its_reason(
        subscribed: Archive, slack: FakeSlack, clock: Clock, now: datetime,
        error: str) -> None:
    slack.channel_errors[CHANNEL] = error
    alert(subscribed, now, 1)
    result = await dispatcher(subscribed, slack, clock).dispatch_due()
    assert result.failed == 1
    [row] = subscribed.db.query("SELECT status, last_error FROM deliveries")
    assert row["status"] == "failed" and error in row["last_error"]


async def test_posts_are_paced_per_channel(subscribed: Archive, slack: FakeSlack,
                                           clock: Clock, now: datetime) -> None:
    subscribe_channel(subscribed, now, "C0OTHER")
    for n in range(3):
        alert(subscribed, now, n)
    started = time.monotonic()
    await dispatcher(subscribed, slack, clock, channel_interval=0.15).dispatch_due()
    elapsed = time.monotonic() - started
    # Three posts a channel, 0.15 s apart, the two channels side by side.
    assert 0.3 <= elapsed < 0.6
    assert len(posted(slack)) == len(posted(slack, "C0OTHER")) == 3


async def test_webhooks_post_and_corrections_are_new_messages(
        archive: Archive, slack: FakeSlack, clock: Clock, now: datetime) -> None:
    registered(archive)
    archive.outbox.subscribe(platform="slack_webhook", webhook_url=slack.webhook_url("h1"),
                             filters=Filters(), now=now, origin="config")
    dispatch = Dispatcher(archive, {"slack_webhook": SlackWebhookSender()}, base_delay=0.01,
                          clock=clock)
    alert(archive, now, 1, replace(CLEARVIEW_FINE, amount=2e6, amount_eur=2e6))
    slack.fail("webhook", status=429, retry_after=5)
    await drain(dispatch, clock)
    alert(archive, now, 1, CLEARVIEW_FINE, title="Corrigé")
    await drain(dispatch, clock)
    first, correction = slack.webhook_posts["h1"]
    assert first["text"].startswith("New sanction by CNIL")
    assert correction["text"].startswith("Corrected: ")
    assert "replaces an earlier alert" in correction["text"]
    assert archive.outbox.counts() == {"sent": 2}


async def test_a_removed_webhook_fails_for_good(archive: Archive, slack: FakeSlack,
                                                clock: Clock, now: datetime) -> None:
    registered(archive)
    archive.outbox.subscribe(platform="slack_webhook", webhook_url=slack.webhook_url("gone"),
                             filters=Filters(), now=now, origin="config")
    slack.fail("webhook", status=404, error="no_service")
    alert(archive, now, 1)
    dispatch = Dispatcher(archive, {"slack_webhook": SlackWebhookSender()}, clock=clock)
    assert (await dispatch.dispatch_due()).failed == 1
