"""APScheduler wiring only: one job per source, each calling Poller.poll(source, now)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scrapers.models import Source

log = logging.getLogger(__name__)

PollFunction = Callable[[Source, datetime], Awaitable[object]]
#: How long a stop waits for polls under way to record what they fetched.
STOP_GRACE_SECONDS = 5.0


class PollingSchedule:
    """One interval job per source (first polls at once, a second apart), one loop."""

    def __init__(self, sources: Sequence[Source], poll: PollFunction, *,
                 default_minutes: int, jitter_seconds: int) -> None:
        self.poll = poll
        self.inflight: set[asyncio.Task[object]] = set()
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
        start = datetime.now(UTC)
        for index, source in enumerate(sources):
            self.scheduler.add_job(
                self._job, "interval", args=[source], id=source.id, name=f"poll {source.id}",
                minutes=source.interval_minutes or default_minutes, jitter=jitter_seconds,
                next_run_time=start + timedelta(seconds=index))

    async def _job(self, source: Source) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.inflight.add(task)
        try:
            await self.poll(source, datetime.now(UTC))
        except asyncio.CancelledError:
            # A stop that outlasted the grace period: this poll's fetches are dropped (its
            # archive transaction never began, or rolled back), and the next run redoes it.
            log.info("poll of %s stopped before it finished", source.id)
        finally:
            if task is not None:
                self.inflight.discard(task)

    async def run_until(self, stop: asyncio.Event) -> None:
        """Run until `stop` is set; polls under way get a few seconds to finish."""
        self.scheduler.start()  # inside the running loop: APScheduler binds to it
        try:
            await stop.wait()
        finally:
            self.scheduler.shutdown(wait=False)
            if self.inflight:
                log.info("waiting for %d poll(s) under way", len(self.inflight))
                _done, pending = await asyncio.wait(set(self.inflight),
                                                    timeout=STOP_GRACE_SECONDS)
                for task in pending:
                    task.cancel()
