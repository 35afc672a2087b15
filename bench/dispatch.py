"""Benchmark: one new sanction for 1,000 subscribed Discord channels, through the real bot.

Run with `make bench` (or `.venv/bin/python bench/dispatch.py`). The fake Discord on
loopback enforces Discord's documented limits (50 requests a second for the bot, 5 per
5 s per channel route) and answers 429 beyond them. Measures, over several runs, the time
from the release being archived until every alert is delivered, and the 429s collected,
with our global pacing (45 requests/s) and without it; appends the medians to
docs/performance.md under "Dispatch".
"""

from __future__ import annotations

import asyncio
import logging
import platform
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the fake Discord lives in tests/support

from bot.app import Service  # noqa: E402
from bot.config import parse_settings  # noqa: E402
from bot.discord.client import DpaWatchBot  # noqa: E402
from bot.discord.sender import DEFAULT_REQUESTS_PER_SECOND  # noqa: E402
from scrapers.extract import normalise_defendant  # noqa: E402
from scrapers.http import Fetcher  # noqa: E402
from scrapers.models import Authority, Harvest, Release, Sanction, Source  # noqa: E402
from storage import Archive  # noqa: E402
from storage.filters import Filters  # noqa: E402
from tests.support.fake_discord import GUILD_ID, FakeDiscord  # noqa: E402

CHANNELS = 1000
RUNS = 3
CNIL = Authority("cnil", "Commission nationale de l'informatique et des libertés", "FR",
                 "https://www.cnil.fr")
SOURCE = Source("fr-cnil-rss", "cnil", "FR", "fr", "rss", "https://www.cnil.fr/fr/rss.xml")
FINE = Sanction("Clearview AI", "fine", 20_000_000.0, "EUR", 20_000_000.0, date(2022, 10, 17),
                "La CNIL prononce une amende de 20 millions d'euros à l'encontre de "
                "Clearview AI.", 0.9)


def archive_with_subscribers(now: datetime) -> Archive:
    """An archive where 1,000 channels of one guild subscribed to everything."""
    archive = Archive.open(":memory:")
    archive.sync_registry([CNIL], [SOURCE])
    for n in range(CHANNELS):
        archive.outbox.subscribe(platform="discord", workspace_id=GUILD_ID,
                                 channel_id=str(1600000000000000000 + n), filters=Filters(),
                                 now=now)
    return archive


def record_the_fine(archive: Archive, now: datetime) -> None:
    """A poll archives the release: 1,000 deliveries are queued in its transaction."""
    release = Release(SOURCE.id, "cnil", "https://www.cnil.fr/fr/clearview-ai", "Sanction",
                      "fr", published=date(2022, 10, 20), body_text="Amende.")
    archive.record_harvest(Harvest(SOURCE.id, "ok", releases=[release], items_seen=1),
                           {release.url: [FINE]}, now=now, backlog=False,
                           defendant_key=normalise_defendant)


async def one_run(requests_per_second: float | None) -> tuple[float, int, int]:
    """Seconds until all are delivered, 429s seen, and requests made."""
    now = datetime.now(UTC)
    fake = await FakeDiscord(enforce_limits=True).start()
    archive = archive_with_subscribers(now)
    settings = parse_settings({"discord": {"api_base": fake.api_base,
                                           "gateway_url": fake.gateway}}, env={})
    async with Fetcher(respect_robots=False) as fetcher:
        service = Service(settings, archive, [], fetcher)
        bot = DpaWatchBot(service, guild_ready_timeout=0.05,
                          requests_per_second=requests_per_second)
        runner = asyncio.create_task(bot.start("fake-token"))
        await asyncio.sleep(0)
        await asyncio.wait_for(bot.wait_until_ready(), 30)
        await asyncio.sleep(1.1)  # let the login's requests leave the global window
        fake.rate_limited_count = 0
        before = len(fake.requests)
        started = time.perf_counter()
        record_the_fine(archive, now)
        while archive.outbox.counts().get("sent", 0) < CHANNELS:
            # The service dispatcher naps 5 s between rounds unless woken, as a poll does.
            service.dispatcher.wake()
            await asyncio.sleep(0.05)
            if time.perf_counter() - started > 600:
                raise RuntimeError(f"not delivered in 10 min: {archive.outbox.counts()}")
        elapsed = time.perf_counter() - started
        delivered = len(fake.channel_messages())
        if delivered != CHANNELS:
            raise RuntimeError(f"{delivered} messages for {CHANNELS} channels")
        limited, requests = fake.rate_limited_count, len(fake.requests) - before
        service.stop.set()
        await service.wait_stopped()
        await bot.close()
        await runner
    await fake.stop()
    archive.close()
    return elapsed, limited, requests


async def main() -> None:
    """Run each setting several times and record the medians."""
    logging.basicConfig(level=logging.ERROR)  # discord.py warns on every 429
    rows = []
    for label, rate in ((f"paced at {DEFAULT_REQUESTS_PER_SECOND:g}/s (default)",
                         DEFAULT_REQUESTS_PER_SECOND), ("unpaced", None)):
        runs = [await one_run(rate) for _ in range(RUNS)]
        for elapsed, limited, requests in runs:
            print(f"{label}: {elapsed:.1f} s, {limited} × 429, {requests} requests", flush=True)
        rows.append((label, statistics.median(r[0] for r in runs),
                     statistics.median(r[1] for r in runs),
                     statistics.median(r[2] for r in runs)))
    append_to_docs(rows)


def append_to_docs(rows: list[tuple[str, float, float, float]]) -> None:
    """Append a dated table under the Dispatch heading of docs/performance.md."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text() if path.exists() else "# Performance\n"
    if "\n## Dispatch\n" not in text:
        text = text.rstrip("\n") + (
            "\n\n## Dispatch\n\n`bench/dispatch.py` archives one new sanction for "
            f"{CHANNELS:,} subscribed channels and lets the service's dispatcher deliver it "
            "through the real bot (discord.py) to the fake Discord on loopback, which "
            "enforces Discord's documented limits: 50 requests/s for the bot, 5 per 5 s per "
            "channel, 429 with Retry-After beyond. Time runs from the release being "
            "archived to the last alert recorded as sent.\n")
    table = [f"\n### {CHANNELS:,} channels, one sanction, {date.today().isoformat()} "
             f"({platform.python_version()}, {platform.machine()}, median of {RUNS} runs)\n",
             "| sender | time to deliver all | 429s | requests |", "|---|---|---|---|"]
    table += [f"| {label} | {elapsed:.1f} s | {limited:g} | {requests:g} |"
              for label, elapsed, limited, requests in rows]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(table) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
