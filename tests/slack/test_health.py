"""A source that turns unhealthy is posted once to the Slack admin channel."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.app import Service
from bot.config import parse_settings
from bot.slack import run_slack
from scrapers.http import Fetcher
from scrapers.models import Source
from scrapers.registry import load_authorities
from storage import Archive
from tests.support.fake_slack import FakeSlack
from tests.support.fakesite import FakeSite, Reply

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_health_changes_reach_the_admin_channel(archive: Archive, slack: FakeSlack,
                                                      site: FakeSite) -> None:
    origin = await site.serve_routes({"/feed.xml": Reply(status=503)})
    source = Source("flaky", "cnil", "FR", "fr", "rss", f"{origin}/feed.xml")
    archive.sync_registry(load_authorities().values(), [source])
    settings = parse_settings(
        {"slack": {"api_base": slack.api_base, "mode": "http", "http_port": 0,
                   "http_host": "127.0.0.1", "admin_channel_id": "CADMIN"}},
        env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s"})
    async with Fetcher(min_delay=0, retries=0, timeout=2) as fetcher:
        service = Service(settings, archive, [], fetcher)
        running = asyncio.create_task(run_slack(service))
        for _ in range(500):  # run_slack signs in, then registers its watcher
            if service.health_watchers:
                break
            await asyncio.sleep(0.01)
        reports = [await service.poller.poll(source, NOW) for _ in range(2)]
        for _ in range(2):  # the third failure in a row makes it unhealthy, once
            # Through the service (as the scheduler does), past the backoff.
            service.archive.db.execute(
                "UPDATE sources SET last_polled_at = '2000-01-01T00:00:00+00:00'")
            reports.append(await service.poll(source, NOW))
        assert [r.healthy for r in reports if r] == [True, True, False, False]
        posts = [c for c in slack.calls_to("chat.postMessage")
                 if c.params.get("channel") == "CADMIN"]
        assert len(posts) == 1 and "flaky is unhealthy" in posts[0].params["text"]
        service.stop.set()
        await asyncio.wait_for(running, 5)
