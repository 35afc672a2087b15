"""Alerts through the real bot and through webhooks, landing on the fake Discord."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path

from bot.discord import webhook_sender
from bot.discord.client import DpaWatchBot
from bot.discord.sender import DiscordWebhookSender
from bot.dispatch import Dispatcher
from bot.pipeline import PollReport
from scrapers.models import Sanction
from storage import Archive
from storage.filters import Filters
from tests.discord.helpers import Running, record_release, settings_for, subscribe_channel
from tests.storage.helpers import CLEARVIEW_FINE
from tests.support.fake_discord import ADMIN_CHANNEL_ID, CHANNEL_ID, FakeDiscord

HOSTILE = Sanction("@everyone **Evil** Corp <@123456789012345678>", "fine", 150_000.0, "EUR",
                   150_000.0, date(2022, 10, 1),
                   "@here une amende de 150 000 euros pour __Evil__ `Corp` <@&987654321098765432>",
                   0.9)


def embed_size(embed: dict) -> int:
    """Characters Discord counts towards the 6000 of a message."""
    return (len(embed.get("title", "")) + len(embed.get("description", ""))
            + len(embed.get("footer", {}).get("text", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", [])))


def within_discord_limits(body: dict) -> bool:
    """Content, embeds and fields inside Discord's documented limits."""
    embeds = body.get("embeds") or []
    return (len(body.get("content") or "") <= 2000 and len(embeds) <= 10
            and sum(embed_size(e) for e in embeds) <= 6000
            and all(len(e.get("title", "")) <= 256 and len(e.get("description", "")) <= 4096
                    and len(e.get("fields", [])) <= 25
                    and all(len(f["name"]) <= 256 and len(f["value"]) <= 1024
                            for f in e.get("fields", []))
                    for e in embeds))


async def test_an_alert_lands_once_with_nonce_and_no_mentions(running: Running,
                                                              now: datetime) -> None:
    archive = running.service.archive
    subscribe_channel(archive, now)
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil")
    [message] = await running.until(lambda: running.fake.channel_messages(CHANNEL_ID))
    body = message["body"]
    assert body["allowed_mentions"] == {"parse": []}
    assert body["enforce_nonce"] is True and len(body["nonce"]) <= 25
    assert within_discord_limits(body)
    content = body["content"]
    assert "@everyone" not in content and "@\u200beveryone" in content
    assert "\\*\\*Evil\\*\\*" in content and "<@123" not in content
    [embed] = body["embeds"]
    assert "**Evil**" not in embed["title"] and "<@123" not in embed["title"]
    assert "@here" not in embed["description"] and "<@&" not in embed["description"]
    assert "\\_\\_Evil\\_\\_" in embed["description"]
    await running.until(lambda: archive.outbox.counts().get("sent") == 1)


async def test_429_and_5xx_for_a_while_every_alert_arrives_exactly_once(
        running: Running, now: datetime) -> None:
    archive = running.service.archive
    running.fake.fail("POST", r"/channels/\d+/messages", 429, 503, 503, 429, 503)
    subscribe_channel(archive, now)
    names = [f"Company {n}" for n in range(3)]
    for n, name in enumerate(names):
        record_release(archive, now, Sanction(name, "fine", 1000.0 * (n + 1), "EUR",
                                              1000.0 * (n + 1)), url=f"https://cnil.fr/r{n}")
    await running.until(lambda: archive.outbox.counts().get("sent") == 3)
    messages = running.fake.channel_messages(CHANNEL_ID)
    assert [m["embeds"][0]["title"] for m in messages] == names  # once each, in order
    statuses = [r.status for r in running.fake.sent("POST", r"/channels/\d+/messages")]
    assert statuses.count(429) == 2 and statuses.count(503) == 3


async def test_a_channel_gone_fails_for_good_without_retrying(running: Running,
                                                              now: datetime) -> None:
    archive = running.service.archive
    running.fake.fail("POST", r"/channels/\d+/messages", 404)
    subscribe_channel(archive, now)
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil")
    await running.until(lambda: archive.outbox.counts().get("failed") == 1)
    await asyncio.sleep(0.1)
    assert len(running.fake.sent("POST", r"/channels/\d+/messages")) == 1


async def test_a_corrected_release_edits_its_message(running: Running, now: datetime) -> None:
    archive = running.service.archive
    subscribe_channel(archive, now)
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil")
    [message] = await running.until(lambda: running.fake.channel_messages(CHANNEL_ID))
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil",
                   body="La CNIL prononce une amende (rectifiée).")
    path = rf"/channels/{CHANNEL_ID}/messages/{message['id']}"
    [edit] = await running.until(lambda: running.fake.sent("PATCH", path))
    assert edit.body["content"].startswith("Corrected:")
    assert edit.body["allowed_mentions"] == {"parse": []}


async def test_health_changes_go_to_the_admin_channel_once_each(running: Running) -> None:
    [notice] = running.service.health_watchers
    # The service calls the watchers only for reports whose health changed.
    await notice(PollReport("fr-cnil-rss", "failed", error="HTTP 503 from https://www.cnil.fr",
                            healthy=False, health_changed=True))
    await notice(PollReport("fr-cnil-rss", "ok", healthy=True, health_changed=True))
    messages = await running.until(
        lambda: len(running.fake.channel_messages(ADMIN_CHANNEL_ID)) == 2
        and running.fake.channel_messages(ADMIN_CHANNEL_ID))
    assert "unhealthy: HTTP 503" in messages[0]["content"]
    assert "recovered" in messages[1]["content"]


async def test_webhook_alerts_post_and_edit_without_a_bot(fake: FakeDiscord, archive: Archive,
                                                         now: datetime) -> None:
    from tests.storage.helpers import registered

    registered(archive)
    settings = settings_for(fake)
    archive.outbox.subscribe(platform="discord_webhook", webhook_url=fake.webhook_url(),
                             filters=Filters(), now=now, origin="config")
    sender = webhook_sender(settings)
    assert isinstance(sender, DiscordWebhookSender)
    try:
        await post_and_edit_through(sender, fake, archive, now)
    finally:
        await sender.close()


async def post_and_edit_through(sender: DiscordWebhookSender, fake: FakeDiscord,
                                archive: Archive, now: datetime) -> None:
    dispatcher = Dispatcher(archive, {"discord_webhook": sender}, base_delay=0.01)
    fake.fail("POST", r"/webhooks/\d+/[^/]+", 429)
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil")
    assert (await dispatcher.dispatch_due()).sent == 1
    [post] = [r for r in fake.sent("POST", r"/webhooks/\d+/[^/]+") if r.status == 200]
    assert post.query.get("wait") in ("1", "true")  # so Discord returns the message id
    assert post.body["allowed_mentions"] == {"parse": []}
    assert "@\u200beveryone" in post.body["content"] and within_discord_limits(post.body)
    record_release(archive, now, HOSTILE, url="https://www.cnil.fr/fr/evil", body="Rectifié.")
    assert (await dispatcher.dispatch_due()).sent == 1
    [edit] = fake.sent("PATCH", r"/webhooks/\d+/[^/]+/messages/\d+")
    assert edit.body["content"].startswith("Corrected:")


async def test_a_crash_between_send_and_record_resends_with_the_same_nonce(
        running: Running, tmp_path: Path, now: datetime) -> None:
    """The fake accepted the message, then the process died before mark_sent: a fresh
    dispatcher over the same file resends with the same nonce, and there is one message."""
    from tests.storage.helpers import registered

    path = str(tmp_path / "dpawatch.db")
    archive = registered(Archive.open(path))
    subscribe_channel(archive, now)
    record_release(archive, now, CLEARVIEW_FINE)
    bot: DpaWatchBot = running.bot
    accepted = asyncio.Event()
    hold = asyncio.Event()
    running.fake.on_channel_message = lambda _message: accepted.set()
    running.fake.hold_channel_responses = hold
    first = asyncio.create_task(Dispatcher(archive, {"discord": bot.sender}).dispatch_due())
    await asyncio.wait_for(accepted.wait(), 5)
    first.cancel()  # killed: the answer never arrives and mark_sent never runs
    hold.set()
    await asyncio.gather(first, return_exceptions=True)
    archive.close()

    restarted = Archive.open(path)
    [pending] = restarted.outbox.due(datetime.now(now.tzinfo), 10)
    result = await Dispatcher(restarted, {"discord": bot.sender}).dispatch_due()
    assert result.sent == 1
    posts = running.fake.sent("POST", rf"/channels/{CHANNEL_ID}/messages")
    assert len(posts) == 2 and posts[0].body["nonce"] == posts[1].body["nonce"] == pending.nonce
    assert len(running.fake.channel_messages(CHANNEL_ID)) == 1
    restarted.close()
