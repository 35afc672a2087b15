"""The outbox: who gets which alert, written with the release, sent once, never lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from scrapers.models import Sanction
from storage import Archive
from storage.filters import Filters
from tests.storage.helpers import CLEARVIEW_FINE, fold, harvest, registered, release


def archive_release(archive: Archive, now: datetime, *sanctions: Sanction,
                    body: str = "Amende.", backlog: bool = False) -> int:
    item = release(body=body)
    stored = archive.record_harvest(harvest(item), {item.url: list(sanctions)}, now=now,
                                    backlog=backlog, defendant_key=fold)
    return (stored.new_release_ids or stored.changed_release_ids)[0]


def subscribe(archive: Archive, now: datetime, channel: str = "c1", **filters: object) -> int:
    return archive.outbox.subscribe(platform="discord", workspace_id="g1", channel_id=channel,
                                    filters=Filters(**filters), now=now)  # type: ignore[arg-type]


REPRIMAND = Sanction("Some Hospital", "reprimand")


@pytest.mark.parametrize(("filters", "sanctions", "wanted"), [
    ({}, [CLEARVIEW_FINE], True),
    ({}, [], False),
    ({"all_news": True}, [], True),
    ({"authorities": ("cnil",)}, [CLEARVIEW_FINE], True),
    ({"authorities": ("ico",)}, [CLEARVIEW_FINE], False),
    ({"countries": ("FR",)}, [CLEARVIEW_FINE], True),
    ({"countries": ("IT",)}, [CLEARVIEW_FINE], False),
    ({"min_eur": 1e6}, [CLEARVIEW_FINE], True),
    ({"min_eur": 1e8}, [CLEARVIEW_FINE], False),
    ({"min_eur": 1.0}, [REPRIMAND], False),
    ({"kinds": ("reprimand",)}, [CLEARVIEW_FINE, REPRIMAND], True),
    ({"kinds": ("order",)}, [CLEARVIEW_FINE], False),
    ({"watch": ("clearview",)}, [CLEARVIEW_FINE], True),
    ({"watch": ("Clearview AI",)}, [CLEARVIEW_FINE], True),
    ({"watch": ("meta",)}, [CLEARVIEW_FINE], False),
])
def test_filters(archive: Archive, now: datetime, filters: dict, sanctions: list,
                 wanted: bool) -> None:
    registered(archive)
    subscribe(archive, now, **filters)
    archive_release(archive, now, *sanctions)
    assert archive.outbox.counts().get("pending", 0) == int(wanted)


def test_backlog_never_alerts(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now)
    archive_release(archive, now, CLEARVIEW_FINE, backlog=True)
    assert archive.outbox.counts() == {}


def test_a_delivery_is_due_then_sent_once(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now)
    archive_release(archive, now, CLEARVIEW_FINE, REPRIMAND)
    [delivery] = archive.outbox.due(now)
    assert delivery.action == "post" and len(delivery.decisions) == 2
    archive.outbox.mark_sent(delivery.id, "m-1", now)
    assert archive.outbox.due(now + timedelta(days=1)) == []


def test_retries_wait_and_failures_keep_their_reason(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now)
    archive_release(archive, now, CLEARVIEW_FINE)
    [delivery] = archive.outbox.due(now)
    archive.outbox.mark_retry(delivery.id, "HTTP 500", now + timedelta(seconds=30))
    assert archive.outbox.due(now) == []
    [again] = archive.outbox.due(now + timedelta(seconds=31))
    assert again.attempts == 1
    archive.outbox.mark_failed(again.id, "HTTP 500, 5 times")
    row = archive.db.table("deliveries").get(again.id)
    assert row["status"] == "failed" and row["last_error"] == "HTTP 500, 5 times"


def test_a_corrected_release_edits_the_posted_message(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now)
    archive_release(archive, now, replace(CLEARVIEW_FINE, amount=2e6, amount_eur=2e6),
                    body="Amende de 2 millions.")
    [first] = archive.outbox.due(now)
    archive.outbox.mark_sent(first.id, "m-1", now)
    archive_release(archive, now, CLEARVIEW_FINE, body="Amende de 20 millions.")
    [edit] = archive.outbox.due(now)
    assert edit.action == "edit" and archive.outbox.message_to_edit(edit) == ("m-1", False)
    assert edit.decisions[0]["amount"] == 20e6
    assert edit.nonce != first.nonce


def test_unsubscribe_is_scoped_to_the_channel(archive: Archive, now: datetime) -> None:
    registered(archive)
    mine = subscribe(archive, now, channel="c1")
    subscribe(archive, now, channel="c2")
    assert archive.outbox.unsubscribe("discord", "g1", "c2", mine) == 0
    assert archive.outbox.unsubscribe("discord", "g2", "c1", mine) == 0
    assert archive.outbox.unsubscribe("discord", "g1", "c1", mine) == 1
    assert len(archive.outbox.subscriptions_of("discord", "g1", "c2")) == 1
    assert archive.outbox.unsubscribe("discord", "g1", "c2") == 1


def test_config_subscriptions_are_replaced_keeping_unchanged_ones(archive: Archive,
                                                                  now: datetime) -> None:
    hook = "https://discord.com/api/webhooks/1/abc"
    archive.outbox.replace_config_subscriptions(
        [("discord_webhook", hook, Filters(min_eur=1e6))], now)
    [first] = archive.db.query("SELECT id FROM subscriptions WHERE active = 1")
    archive.outbox.replace_config_subscriptions(
        [("discord_webhook", hook, Filters(min_eur=1e6)),
         ("discord_webhook", hook, Filters(kinds=("reprimand",)))], now)
    active = [r["id"] for r in archive.db.query("SELECT id FROM subscriptions WHERE active=1")]
    assert first["id"] in active and len(active) == 2
    archive.outbox.replace_config_subscriptions([], now)
    assert list(archive.db.query("SELECT id FROM subscriptions WHERE active = 1")) == []


def test_preview_shows_what_would_have_been_sent(archive: Archive, now: datetime) -> None:
    registered(archive)
    archive_release(archive, now, CLEARVIEW_FINE, backlog=True)
    shown = archive.outbox.preview(Filters(min_eur=1e6), now - timedelta(days=3000))
    assert [len(r["decisions"]) for r in shown] == [1]
    assert archive.outbox.preview(Filters(min_eur=1e9), now - timedelta(days=3000)) == []


def test_a_channel_waiting_for_a_retry_keeps_its_order(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now, channel="c1")
    subscribe(archive, now, channel="c2")
    for n in range(2):
        item = release(f"https://www.cnil.fr/{n}", body=f"Amende {n}")
        sanction = replace(CLEARVIEW_FINE, amount=1000.0 + n)  # two distinct sanctions
        archive.record_harvest(harvest(item), {item.url: [sanction]}, now=now,
                               backlog=False, defendant_key=fold)
    first_c1 = next(d for d in archive.outbox.due(now) if d.subscription["channel_id"] == "c1")
    archive.outbox.mark_retry(first_c1.id, "HTTP 500", now + timedelta(seconds=60))
    due = archive.outbox.due(now)
    assert [d.subscription["channel_id"] for d in due] == ["c2", "c2"]
    later = archive.outbox.due(now + timedelta(seconds=61))
    assert next(d.id for d in later if d.subscription["channel_id"] == "c1") == first_c1.id


def test_settled_deliveries_are_forgotten_after_a_while(archive: Archive, now: datetime) -> None:
    registered(archive)
    subscribe(archive, now)
    archive_release(archive, now, CLEARVIEW_FINE)
    [delivery] = archive.outbox.due(now)
    assert archive.outbox.prune(now + timedelta(days=400)) == 0  # pending: kept
    archive.outbox.mark_sent(delivery.id, "m-1", now)
    assert archive.outbox.prune(now - timedelta(days=1)) == 0
    assert archive.outbox.prune(now + timedelta(days=1)) == 1
    assert archive.outbox.counts() == {}
