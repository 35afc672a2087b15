"""The platform-neutral subscription commands: checked arguments, managers only, webhooks."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.core.caller import Caller
from bot.core.errors import CommandError
from bot.core.subscriptions import list_subscriptions, parse_min_eur, subscribe, unsubscribe
from storage import Archive
from tests.storage.helpers import registered

MANAGER = Caller("discord", "guild-1", "chan-1", "user-1", can_manage=True)
MEMBER = Caller("discord", "guild-1", "chan-1", "user-2", can_manage=False)
OTHER_GUILD = Caller("discord", "guild-2", "chan-1", "user-3", can_manage=True)
HOOK = "https://discord.com/api/webhooks/123456789012345678/" + "a" * 68


@pytest.mark.parametrize(("text", "value"), [
    ("50000", 50_000.0), ("250k", 250_000.0), ("1m", 1_000_000.0), ("1,5m", 1_500_000.0),
    ("2bn", 2e9), ("100 €", 100.0), ("", None), (None, None), (7.5, 7.5),
])
def test_min_eur_forms(text: str | float | None, value: float | None) -> None:
    assert parse_min_eur(text) == value


@pytest.mark.parametrize("text", ["lots", "-5", "1e400", "12 dollars", "9" * 40])
def test_min_eur_refusals_are_sentences(text: str) -> None:
    with pytest.raises(CommandError):
        parse_min_eur(text)


def test_only_managers_subscribe(archive: Archive, now: datetime) -> None:
    registered(archive)
    with pytest.raises(CommandError, match="manage this channel"):
        subscribe(archive, MEMBER, now, authority="cnil")
    reply = subscribe(archive, MANAGER, now, authority="CNIL", min_eur="1m", kind="fine")
    assert reply.ephemeral and "cnil" in reply.text and "€1M" in reply.text


def test_a_discord_webhook_from_chat(archive: Archive, now: datetime) -> None:
    registered(archive)
    reply = subscribe(archive, MANAGER, now, webhook=HOOK)
    assert "through the webhook" in reply.text
    [row] = archive.outbox.subscriptions_of("discord", "guild-1", "chan-1")
    assert row["platform"] == "discord_webhook" and row["webhook_url"] == HOOK
    assert "through a webhook" in list_subscriptions(archive, MANAGER).text
    assert HOOK not in list_subscriptions(archive, MANAGER).text


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/api/webhooks/123456789012345678/" + "a" * 68,
    "https://discord.com.evil.example/api/webhooks/123456789012345678/" + "a" * 68,
    "https://evil.example/api/webhooks/123456789012345678/" + "a" * 68,
    "https://discord.com/api/webhooks/123/short",
    "javascript:alert(1)", "", "https://discord.com/api/webhooks/123456789012345678/"
    + "a" * 68 + "?wait=true&thread_id=1",
])
def test_webhooks_from_chat_must_be_discord_s_own(archive: Archive, now: datetime,
                                                   url: str) -> None:
    registered(archive)
    with pytest.raises(CommandError, match="Discord webhook URL"):
        subscribe(archive, MANAGER, now, webhook=url or " ")
    assert archive.outbox.subscriptions_of("discord", "guild-1", "chan-1") == []


def test_another_guild_cannot_end_a_subscription(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, MANAGER, now)
    [row] = archive.outbox.subscriptions_of("discord", "guild-1", "chan-1")
    with pytest.raises(CommandError, match="No such subscription"):
        unsubscribe(archive, OTHER_GUILD, str(row["id"]))
    assert len(archive.outbox.subscriptions_of("discord", "guild-1", "chan-1")) == 1
    assert "Ended 1" in unsubscribe(archive, MANAGER, "all").text
