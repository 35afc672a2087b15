"""Soak: the real service under load for minutes, watching memory, descriptors and the outbox.

Run with `.venv/bin/python bench/soak.py [--seconds 600]`. This process plays the world:
ten changing RSS sources on the loopback fake site (a new item every few seconds, a third
of them news), the fake Discord, and 1,000 channel subscriptions made in the archive
before the start. A child process runs the service: the real Service, Poller, Dispatcher
and Discord bot (DpaWatchBot, through the fake), with the real APScheduler schedule whose
jobs are rescheduled to poll every few seconds (`dpawatch run` polls at most every
minute). Every 30 s it prints the child's RSS and open descriptors (/proc/PID), the outbox
states and the releases archived; at the end, after a drain period, the growth of memory
between minute 2 and the end, the growth of descriptors, and what is still pending.

Subscriptions are channel subscriptions through the bot (not webhooks): each follows one
authority above an amount, or all news of one country, so that a sanction alerts about
fifty channels and the bot's 45 requests a second keep up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the fakes live in tests/support

from storage import Archive  # noqa: E402
from storage.filters import Filters  # noqa: E402
from tests.support.fake_discord import GUILD_ID, VALID_TOKEN, FakeDiscord  # noqa: E402
from tests.support.fakesite import FakeSite, Reply  # noqa: E402

#: (authority id, country) of the ten sources; every item is written in French.
AUTHORITIES = [("cnil", "FR"), ("garante", "IT"), ("ico", "GB"), ("aepd", "ES"), ("ap", "NL"),
               ("dpc", "IE"), ("imy", "SE"), ("uodo", "PL"), ("bfdi", "DE"), ("cnpd-pt", "PT")]
SUBSCRIPTIONS = 1000
THRESHOLDS = (0.0, 100_000.0, 1_000_000.0, 10_000_000.0)
FEED_ITEMS = 20  # a feed shows its newest items only, as the authorities' feeds do
SAMPLE_SECONDS = 30.0
DRAIN_SECONDS = 180.0
#: Longer than aiohttp's keep-alive (15 s): pooled connections to Discord that the busiest
#: moments opened are closed by then, so what is left open is what the service holds.
IDLE_SECONDS = 20.0
NAMES = ("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL", "INDIA",
         "JULIETT", "KILO", "LIMA", "MIKE", "NOVEMBER", "OSCAR", "PAPA")

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Soak {source}</title><link>{{base}}/</link>
<description>Soak</description>{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{{base}}/{slug}</link><guid>{{base}}/{slug}</guid>
<pubDate>{date}</pubDate><description>{title}</description></item>"""
PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
</head><body><main><article><h1>{title}</h1><p>{body}</p></article></main></body></html>"""


@dataclass
class Item:
    """One synthetic release: a sanction (amount) or news (None)."""

    slug: str
    title: str
    body: str
    published: date


def make_item(number: int, rng: random.Random) -> Item:
    """A sanction with a unique amount (so no two fold together), or a news item."""
    # Dated like fresh releases: old dates would make the sources look stale (unhealthy).
    published = datetime.now(UTC).date() - timedelta(days=number % 3)
    if number % 3 == 2:
        return Item(f"news-{number}", f"Actualité numéro {number} : un nouveau guide",
                    "L'autorité publie un guide pratique pour aider les professionnels à "
                    "protéger les données personnelles.", published)
    amount = rng.choice((20_000, 250_000, 3_000_000, 25_000_000)) + number * 1000
    written = f"{amount:,}".replace(",", " ")
    company = f"SOAK {NAMES[number % len(NAMES)]} SAS"
    title = f"Sanction de {written} euros à l'encontre de la société {company}"
    body = (f"Le 3 mars 2025, la formation restreinte a prononcé une amende de {written} euros "
            f"à l'encontre de la société {company} pour des manquements à la sécurité des "
            "données.")
    return Item(f"sanction-{number}", title, body, published)


class ChangingFeeds:
    """Ten RSS sources on the fake site; `publish` puts a new item on one of them."""

    def __init__(self, site: FakeSite, rng: random.Random) -> None:
        self.site = site
        self.rng = rng
        self.origins: list[str] = []
        self.shown: list[list[Item]] = []
        self.published = 0

    async def start(self) -> None:
        """Serve every source with one item already (its backlog)."""
        for _ in AUTHORITIES:
            self.origins.append(await self.site.serve_routes({}))
            self.shown.append([])
        for index in range(len(AUTHORITIES)):
            self._add(index)

    def publish(self) -> None:
        """A new item on a random source."""
        self._add(self.rng.randrange(len(AUTHORITIES)))

    def _add(self, index: int) -> None:
        item = make_item(self.published, self.rng)
        self.published += 1
        self.shown[index] = [item, *self.shown[index]][:FEED_ITEMS]
        origin = self.origins[index]
        items = "".join(ITEM.format(title=i.title, slug=i.slug, date=format_datetime(
            datetime(i.published.year, i.published.month, i.published.day, 9, tzinfo=UTC)))
            for i in self.shown[index])
        self.site.set_reply(f"{origin}/rss.xml", Reply(
            body=FEED.format(source=index, items=items), content_type="application/rss+xml"))
        self.site.set_reply(f"{origin}/{item.slug}",
                            Reply(body=PAGE.format(title=item.title, body=item.body)))

    def config(self, archive: Path, fake: FakeDiscord) -> str:
        """The child's config: these sources only, no politeness delays."""
        sources = "".join(
            f'[[sources]]\nid = "soak-{authority}"\nauthority = "{authority}"\n'
            f'country = "{country}"\nlanguage = "fr"\nkind = "rss"\nurl = "{origin}/rss.xml"\n'
            for (authority, country), origin in zip(AUTHORITIES, self.origins, strict=True))
        return (f'[storage]\npath = "{archive}"\n[polling]\nbuiltin_sources = false\n'
                "min_delay_seconds = 0.0\njitter_seconds = 0\ninterval_minutes = 1\n"
                f'[log]\nlevel = "warning"\n[discord]\napi_base = "{fake.api_base}"\n'
                f'gateway_url = "{fake.gateway}"\n' + sources)


def subscribe_channels(archive_path: Path) -> None:
    """1,000 channel subscriptions, one per channel: an authority above an amount, or
    (one in ten) all news of a country."""
    archive = Archive.open(archive_path)
    now = datetime.now(UTC)
    for number in range(SUBSCRIPTIONS):
        authority, country = AUTHORITIES[number % len(AUTHORITIES)]
        filters = (Filters(countries=(country,), all_news=True) if number % 10 == 9 else
                   Filters(authorities=(authority,), min_eur=THRESHOLDS[number // 10 % 4]))
        archive.outbox.subscribe(platform="discord", workspace_id=GUILD_ID,
                                 channel_id=str(1300000000000000000 + number),
                                 filters=filters, now=now)
    archive.close()


# -- the child: the real service, polling fast ----------------------------------------


async def serve(config: str, poll_seconds: float) -> None:
    """The service as `dpawatch run` wires it, with the schedule's jobs every few seconds."""
    from bot.app import Service
    from bot.config import load_settings
    from bot.discord import run_discord
    from bot.scheduler import PollingSchedule
    from bot.wiring import make_fetcher, prepare

    settings = load_settings(config)
    archive, sources = prepare(settings)
    async with make_fetcher(settings) as fetcher:
        # No sources for the service's own schedule (minutes apart): ours polls instead.
        service = Service(settings, archive, [], fetcher)
        schedule = PollingSchedule(sources, service.poll, default_minutes=1, jitter_seconds=0)
        for source in sources:
            schedule.scheduler.reschedule_job(source.id, trigger="interval",
                                              seconds=poll_seconds)
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, service.stop.set)
        polling = asyncio.create_task(schedule.run_until(service.stop))
        await run_discord(service, settings.secrets.discord_token or "")
        await polling
    archive.close()


# -- the parent: load, samples, verdict ------------------------------------------------


@dataclass
class Sample:
    """One look at the child and the archive."""

    at: float
    rss_kb: int
    fds: int
    pending: int
    sent: int
    failed: int
    releases: int


def look(pid: int, archive: Archive, began: float) -> Sample:
    """The child's resident memory and descriptors, and the outbox and archive counts."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    counts = archive.outbox.counts()
    return Sample(time.monotonic() - began, rss, fds, counts.get("pending", 0),
                  counts.get("sent", 0), counts.get("failed", 0),
                  archive.db.table("releases").count)


def show(sample: Sample, published: int, messages: int) -> None:
    """One progress line."""
    print(f"{sample.at:6.0f} s  rss {sample.rss_kb / 1024:6.1f} MB  fds {sample.fds:3d}  "
          f"pending {sample.pending:5d}  sent {sample.sent:6d}  failed {sample.failed:3d}  "
          f"releases {sample.releases:5d}  published {published:5d}  messages {messages:6d}",
          flush=True)


async def soak(seconds: float, publish_every: float, poll_seconds: float) -> list[Sample]:
    """Run the load for `seconds`, drain, and return the samples: every 30 s, after the
    drain, and after IDLE_SECONDS more without load (the last two)."""
    rng = random.Random(2026)
    workdir = Path(tempfile.mkdtemp(prefix="dpawatch-soak-"))
    archive_path, config = workdir / "soak.db", workdir / "soak.toml"
    async with FakeSite() as site:
        fake = await FakeDiscord().start()
        feeds = ChangingFeeds(site, rng)
        await feeds.start()
        config.write_text(feeds.config(archive_path, fake), encoding="utf-8")
        subscribe_channels(archive_path)
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--serve", str(config), "--poll-seconds",
            str(poll_seconds), cwd=ROOT, env={**os.environ, "DISCORD_TOKEN": VALID_TOKEN},
            stdout=asyncio.subprocess.DEVNULL)  # the terminal notifier prints every alert
        archive = Archive.open(archive_path)
        began = time.monotonic()
        samples: list[Sample] = []
        next_sample = 0.0
        try:
            while (elapsed := time.monotonic() - began) < seconds:
                if elapsed >= next_sample:
                    samples.append(look(child.pid, archive, began))
                    show(samples[-1], feeds.published, len(fake.messages))
                    next_sample += SAMPLE_SECONDS
                    fake.requests.clear()  # the fake's own log: not the service's memory
                await asyncio.sleep(publish_every)
                feeds.publish()
            drain_until = time.monotonic() + DRAIN_SECONDS
            while time.monotonic() < drain_until:
                await asyncio.sleep(1)
                if not archive.outbox.counts().get("pending"):
                    break
            samples.append(look(child.pid, archive, began))
            show(samples[-1], feeds.published, len(fake.messages))
            await asyncio.sleep(IDLE_SECONDS)
            samples.append(look(child.pid, archive, began))
            show(samples[-1], feeds.published, len(fake.messages))
        finally:
            archive.close()
            child.send_signal(signal.SIGTERM)
            await asyncio.wait_for(child.wait(), 30)
            await fake.stop()
    return samples


def verdict(samples: list[Sample], seconds: float) -> str:
    """The figures for docs/performance.md: growth from minute 2, fds, pending."""
    warm = next((s for s in samples if s.at >= 120), samples[0])
    end, idle = samples[-2], samples[-1]
    growth = (end.rss_kb - warm.rss_kb) / warm.rss_kb * 100
    return "\n".join([
        f"### Soak, {datetime.now(UTC).date()} ({platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores), {seconds:.0f} s",
        "",
        "| figure | value |",
        "|---|---|",
        f"| RSS at {warm.at:.0f} s / at the end | {warm.rss_kb / 1024:.1f} MB / "
        f"{end.rss_kb / 1024:.1f} MB ({growth:+.1f} %, flat is < 10 %) |",
        f"| open descriptors at {warm.at:.0f} s / at the end / {IDLE_SECONDS:.0f} s idle "
        f"later | {warm.fds} / {end.fds} / {idle.fds} |",
        f"| releases archived | {end.releases} |",
        f"| deliveries sent / failed / pending after drain | {end.sent} / {end.failed} / "
        f"{end.pending} |",
        f"| alerts per minute (sent over the run) | {end.sent / (end.at / 60):.0f} |",
    ])


def main() -> None:
    """Parse the flags; run the soak (or, with --serve, the child service)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="length of the load")
    parser.add_argument("--publish-every", type=float, default=3.0,
                        help="seconds between two new items on the sites")
    parser.add_argument("--poll-seconds", type=float, default=5.0,
                        help="seconds between two polls of one source")
    parser.add_argument("--serve", metavar="CONFIG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.serve, args.poll_seconds))
        return
    samples = asyncio.run(soak(args.seconds, args.publish_every, args.poll_seconds))
    print()
    print(verdict(samples, args.seconds))


if __name__ == "__main__":
    main()
