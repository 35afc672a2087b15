"""The run service: backoff of failing sources, and config subscriptions to webhooks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Service, config_subscriptions
from bot.config import parse_settings
from scrapers.http import Fetcher
from scrapers.models import Source
from scrapers.registry import load_authorities
from storage import Archive
from storage.filters import Filters
from tests.support.fakesite import FakeSite, Reply

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_a_failing_source_backs_off_then_is_polled_again(archive: Archive) -> None:
    async with FakeSite() as site, Fetcher(min_delay=0, retries=0, timeout=2) as fetcher:
        origin = await site.serve_routes({"/feed.xml": Reply(status=503)})
        source = Source("flaky", "cnil", "FR", "fr", "rss", f"{origin}/feed.xml",
                        interval_minutes=30)
        archive.sync_registry(load_authorities().values(), [source])
        service = Service(parse_settings({}), archive, [source], fetcher)
        first = await service.poll(source, NOW)
        assert first is not None and first.status == "failed"
        assert await service.poll(source, NOW + timedelta(minutes=10)) is None
        assert site.count(source.url) == 1
        again = await service.poll(source, NOW + timedelta(minutes=31))
        assert again is not None and again.status == "failed"
        # Two failures in a row: the wait doubles.
        assert await service.poll(source, NOW + timedelta(minutes=31 + 45)) is None


def test_config_subscriptions_become_webhook_subscriptions(archive: Archive) -> None:
    settings = parse_settings({"subscriptions": [
        {"discord_webhook": "https://discord.com/api/webhooks/1/abc", "countries": ["fr"],
         "min_eur": 1e6},
        {"slack_webhook": "https://hooks.slack.com/services/T/B/x", "kinds": ["reprimand"],
         "watch": ["meta"]},
    ]})
    declared = config_subscriptions(settings)
    assert declared == [
        ("discord_webhook", "https://discord.com/api/webhooks/1/abc",
         Filters(countries=("FR",), min_eur=1e6)),
        ("slack_webhook", "https://hooks.slack.com/services/T/B/x",
         Filters(kinds=("reprimand",), watch=("meta",))),
    ]
