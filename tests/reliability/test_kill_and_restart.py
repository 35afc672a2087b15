"""Nothing is lost and nothing is sent twice when `dpawatch run` is killed at any moment.

The real `dpawatch run` (a subprocess, DISCORD_TOKEN set) polls three changing authority
sites on loopback and alerts four channel subscriptions through the real bot on the fake
Discord. It is SIGKILLed 50 times at seeded moments: at a random time (0.05-2.5 s after
it says it started); or, after a site changed, also the moment the fake Discord has
created a message whose answer the bot never gets (the nonce path), or the moment a poll
has been archived (alerts queued, none sent). Between most runs a site publishes a
release or corrects one. A last run goes until the outbox is empty
and stops on SIGTERM. Then every release is archived once, every delivery sent once, and
each channel holds exactly one message per release it wants, corrections being edits.

Trade-offs, to fit 40-80 s on 2 cores: a child needs about 0.9 s to start (imports),
so the 50 kills are two scenarios of 25 run side by side, each with its own sites, fake
Discord and archive. `dpawatch run` polls each source once at start (a second apart, in
config order) and then every minute at best, so each run is one round of first polls: the
site that just changed goes first in the config, the others are rotated run by run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storage import Archive
from storage.filters import Filters
from tests.reliability.sites import ChangingSites, Fact, LiveSite, release_url, write_config
from tests.support.fake_discord import GUILD_ID, VALID_TOKEN, FakeDiscord
from tests.support.fakesite import FakeSite

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
#: Scenarios run side by side, each with its own sites, fake Discord and archive.
SCENARIOS = 2
SEED = 20261126
#: A kill "at a random time" happens this long after the child said it started.
RANDOM_KILL_SECONDS = (0.05, 2.5)
#: A kill waiting for an event gives up waiting after this long and kills anyway.
EVENT_WAIT_SECONDS = 3.0
#: Four channels, each with its own filters.
CHANNELS: dict[str, Filters] = {
    "1200000000000000101": Filters(),
    "1200000000000000102": Filters(authorities=("cnil",)),
    "1200000000000000103": Filters(min_eur=20_000_000.0),
    "1200000000000000104": Filters(countries=("IT",), all_news=True),
}


def wanted_by(channel_id: str, live: LiveSite, fact: Fact) -> bool:
    """Should this channel get this release? Worked out from the facts, not the code."""
    return {
        "1200000000000000101": fact.is_sanction,
        "1200000000000000102": fact.is_sanction and live.spec.authority == "cnil",
        "1200000000000000103": (fact.amount_eur or 0) >= 20_000_000,
        "1200000000000000104": live.spec.country == "IT",
    }[channel_id]


@dataclass
class Child:
    """One `dpawatch run` process and what it printed."""

    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    archived: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self) -> None:
        """Collect stdout, noting the start line and each poll that archived something."""
        assert self.process.stdout is not None
        while line := (await self.process.stdout.readline()).decode():
            self.lines.append(line)
            if line.startswith("dpawatch: archive"):
                self.started.set()
            if " new, " in line and not line.startswith("dpawatch"):
                self.archived.set()


@dataclass
class Harness:
    """The sites, the fake Discord and the config the children run with."""

    tmp: Path
    sites: ChangingSites
    fake: FakeDiscord
    database: Path
    config: Path
    message_created: asyncio.Event = field(default_factory=asyncio.Event)

    def write_config(self, rotation: int, first: LiveSite | None = None) -> None:
        """The config, its sources in a rotated order (the first is polled at once, the
        others a second apart), or the site that just changed first."""
        live = self.sites.live
        order = live[rotation % len(live):] + live[:rotation % len(live)]
        if first is not None:
            order = [first, *(site for site in order if site is not first)]
        write_config(self.config, archive=self.database, sites=order,
                     api_base=self.fake.api_base, gateway_url=self.fake.gateway)

    async def spawn(self) -> tuple[Child, asyncio.Task[None]]:
        """Start `dpawatch run` with a (fake) Discord token."""
        with self.stderr.open("ab") as stderr:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "--config", str(self.config), "run",
                cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=stderr,
                env={**os.environ, "PYTHONUNBUFFERED": "1", "DISCORD_TOKEN": VALID_TOKEN})
        child = Child(process)
        return child, asyncio.create_task(child.read())

    @property
    def stderr(self) -> Path:
        """Where every child's stderr goes (read back after the last run)."""
        return self.tmp / "stderr.log"

    def archive(self) -> Archive:
        """The archive, opened by the test while no child runs (or to read)."""
        return Archive.open(self.database)


@asynccontextmanager
async def scenario_harness(tmp: Path) -> AsyncIterator[Harness]:
    """Three changing sites and a fake Discord, with subscriptions made beforehand."""
    os.makedirs(tmp)
    async with FakeSite() as site:
        sites = await ChangingSites(site).start()
        fake = await FakeDiscord().start()
        harness = Harness(tmp, sites, fake, tmp / "archive.db", tmp / "dpawatch.toml")
        fake.on_channel_message = lambda _message: harness.message_created.set()
        archive = harness.archive()
        for channel_id, filters in CHANNELS.items():
            archive.outbox.subscribe(platform="discord", workspace_id=GUILD_ID,
                                     channel_id=channel_id, filters=filters,
                                     now=datetime.now(UTC))
        archive.close()
        try:
            yield harness
        finally:
            if fake.hold_channel_responses is not None:
                fake.hold_channel_responses.set()
            await fake.stop()


async def wait_any(*events: asyncio.Event, within: float) -> None:
    """Wait until one of the events is set, or `within` seconds."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    await asyncio.wait(waiters, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()


async def kill_run(harness: Harness, kind: str, rng: random.Random) -> bool:
    """One run killed with SIGKILL at a moment of the given kind; False when the awaited
    moment never came (nothing to send or archive) and the kill came after a wait."""
    harness.message_created.clear()
    if kind == "accepted":
        # Discord creates the message, the bot never hears back: the resend must not
        # make a second message (enforce_nonce).
        harness.fake.hold_channel_responses = asyncio.Event()
    child, reader = await harness.spawn()
    hit = True
    try:
        await wait_any(child.started, within=10)
        if kind == "random":
            await asyncio.sleep(rng.uniform(*RANDOM_KILL_SECONDS))
        elif kind == "accepted":
            await wait_any(harness.message_created, within=EVENT_WAIT_SECONDS)
            hit = harness.message_created.is_set()
        else:
            await wait_any(child.archived, within=EVENT_WAIT_SECONDS)
            hit = child.archived.is_set()
    finally:
        child.process.kill()
        await child.process.wait()
        if harness.fake.hold_channel_responses is not None:
            harness.fake.hold_channel_responses.set()  # let the held handler finish
            harness.fake.hold_channel_responses = None
        await reader
    return hit


async def run_to_completion(harness: Harness, since: datetime) -> tuple[list[str], str, int]:
    """Run until every source was polled after `since` and nothing is pending; SIGTERM."""
    child, reader = await harness.spawn()
    archive = harness.archive()

    def settled() -> bool:
        states = [archive.source_state(live.spec.source_id) for live in harness.sites.live]
        polled = all(s and s["last_ok_at"] and s["last_ok_at"] >= since.isoformat()
                     for s in states)
        return polled and not archive.outbox.counts().get("pending")

    try:
        for _tick in range(600):  # 30 s at most
            if settled():
                break
            await asyncio.sleep(0.05)
        else:
            raise TimeoutError(f"not settled: {archive.outbox.counts()}")
    finally:
        archive.close()
        child.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            await child.process.wait()
            await reader
    return child.lines, harness.stderr.read_text(), child.process.returncode or 0


def all_first_polls_done(harness: Harness) -> bool:
    """Has every source had its first (backlog) poll recorded?"""
    archive = harness.archive()
    try:
        return all((archive.source_state(live.spec.source_id) or {}).get("last_ok_at")
                   for live in harness.sites.live)
    finally:
        archive.close()


def change_sites(harness: Harness, rng: random.Random) -> tuple[str, LiveSite] | None:
    """Publish a release or correct one, at random; says what it did, and where."""
    sites = harness.sites
    publishable, correctable = sites.can_publish(), sites.can_correct()
    if correctable and (not publishable or rng.random() < 0.3):
        live, fact = rng.choice(correctable)
        sites.correct(live, fact)
        return f"corrected {fact.slug}", live
    if publishable:
        live = rng.choice(publishable)
        return f"published {sites.publish(live).slug}", live
    return None


def message_release(message: dict[str, Any]) -> str:
    """The release URL an alert is about (its first card links to it)."""
    return str(message["embeds"][0]["url"])


@dataclass
class Outcome:
    """What one scenario did."""

    kinds: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)  # kills at the awaited moment
    changes: list[str] = field(default_factory=list)


async def scenario(harness: Harness, kills: int, seed: int) -> Outcome:
    """`kills` killed runs with site changes between some of them, then a clean last run."""
    rng = random.Random(seed)
    outcome = Outcome()
    for run in range(kills):
        first = None
        if all_first_polls_done(harness) and rng.random() < 0.6:
            if (change := change_sites(harness, rng)) is not None:
                outcome.changes.append(change[0])
                first = change[1]
        harness.write_config(run, first=first)
        # The awaited moments need something new to archive and send: after a change.
        kind = rng.choice(("random", "accepted", "archived") if first else ("random",))
        outcome.kinds[kind] += 1
        if await kill_run(harness, kind, rng):
            outcome.hits[kind] += 1
    harness.write_config(0)
    lines, err, status = await run_to_completion(harness, datetime.now(UTC))
    assert status == 0 and "Traceback" not in err, err
    assert lines[-1].strip() == "dpawatch: stopped."
    return outcome


async def test_fifty_kills_lose_nothing_and_send_nothing_twice(tmp_path: Path) -> None:
    began = time.monotonic()
    async with contextlib.AsyncExitStack() as stack:
        harnesses = [await stack.enter_async_context(scenario_harness(tmp_path / f"s{n}"))
                     for n in range(SCENARIOS)]
        # The scenarios run side by side: a child spends most of its life importing, so
        # two at a time use the second core.
        outcomes = await asyncio.gather(*(
            scenario(harness, KILLS // SCENARIOS, SEED + n)
            for n, harness in enumerate(harnesses)))
        resent = sum(resends(harness.fake) for harness in harnesses)
        print(f"{KILLS} kills in {time.monotonic() - began:.1f} s: "
              f"{sum((o.kinds for o in outcomes), Counter())}, at the awaited moment "
              f"{sum((o.hits for o in outcomes), Counter())}; {resent} posts resent after a "
              f"kill; changes: {[o.changes for o in outcomes]}")
        assert resent > 0  # the nonce path was taken
        for harness, outcome in zip(harnesses, outcomes, strict=True):
            assert any(c.startswith("corrected") for c in outcome.changes)
            assert sum(c.startswith("published") for c in outcome.changes) >= 6
            archive = harness.archive()
            try:
                check_archive(harness, archive)
                check_messages(harness, archive)
            finally:
                archive.close()


def resends(fake: FakeDiscord) -> int:
    """Channel posts that repeated a nonce already seen (answered with the first message)."""
    nonces = Counter(r.body.get("nonce") for r in fake.sent("POST", r"/channels/\d+/messages"))
    return sum(count - 1 for count in nonces.values())


def check_archive(harness: Harness, archive: Archive) -> None:
    """Every release served archived exactly once; every delivery sent exactly once."""
    archived = Counter(row["url"] for row in archive.db.table("releases").rows)
    served = {release_url(live.origin, fact) for live, fact in harness.sites.facts()}
    assert set(archived) == served
    assert set(archived.values()) == {1}
    backlog = {release_url(live.origin, fact) for live in harness.sites.live
               for fact in live.spec.backlog}
    assert {r["url"] for r in archive.db.table("releases").rows if r["backlog"]} == backlog
    assert set(archive.outbox.counts()) == {"sent"}
    deliveries = list(archive.db.table("deliveries").rows)
    assert all(d["message_id"] for d in deliveries)
    posts = [d for d in deliveries if d["action"] == "post"]
    assert len({d["message_id"] for d in posts}) == len(posts)  # one message per post


def edits_posted_anew(archive: Archive) -> set[tuple[str, str]]:
    """(channel, release URL) whose correction was posted as a second message instead of
    editing the first (test_corrections.py pins the case that once did this)."""
    first_post: dict[tuple[int, int], str] = {}
    anew: set[tuple[str, str]] = set()
    subscriptions = {s["id"]: s for s in archive.db.table("subscriptions").rows}
    releases = {r["id"]: r for r in archive.db.table("releases").rows}
    for delivery in sorted(archive.db.table("deliveries").rows, key=lambda d: d["id"]):
        key = (delivery["subscription_id"], delivery["release_id"])
        if delivery["action"] == "post":
            first_post[key] = delivery["message_id"]
        elif delivery["message_id"] != first_post.get(key):
            anew.add((subscriptions[key[0]]["channel_id"], releases[key[1]]["url"]))
    return anew


def check_messages(harness: Harness, archive: Archive) -> None:
    """Exactly one message per (channel, release) that should alert; corrections edited it.

    Any duplicate fails here.
    """
    fake = harness.fake
    messages = fake.channel_messages()
    got = Counter((m["channel_id"], message_release(m)) for m in messages)
    assert edits_posted_anew(archive) == set(), "a correction was posted as a new message"
    assert [key for key, count in got.items() if count > 1] == []
    expected = {(channel_id, release_url(live.origin, fact))
                for live, fact in harness.sites.facts() for channel_id in CHANNELS
                if fact not in live.spec.backlog and wanted_by(channel_id, live, fact)}
    assert set(got) == expected
    nonces = {d["nonce"] for d in archive.db.table("deliveries").rows}
    assert all(m["nonce"] in nonces for m in messages)
    corrected = {release_url(live.origin, fact): fact for live, fact in harness.sites.facts()
                 if fact.corrected}
    for message in messages:
        fact = corrected.get(message_release(message))
        if fact is None:
            continue
        path = rf"/channels/{message['channel_id']}/messages/{message['id']}"
        assert fake.sent("PATCH", path), f"correction of {fact.slug} was not an edit"
        shown = message["content"] + " ".join(e.get("title", "") + e.get("description", "")
                                              for e in message["embeds"])
        assert message["content"].startswith("Corrected:") or fact.title in shown
