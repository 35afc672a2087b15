"""One poll of one source, end to end: fetch -> extract -> archive -> alert.

The only module that joins scrapers and storage. `Poller.poll(source, now)` is all the
scheduler calls, and tests call it directly with a fixed time. It never raises for one
source: whatever goes wrong becomes a failed PollReport, so the others carry on.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.alerts import Alert, Notifier
from bot.core.commands import Fine
from scrapers.collect import collect
from scrapers.extract import extract_sanctions, normalise_defendant
from scrapers.http import Fetcher
from scrapers.models import Harvest, Release, Sanction, Source
from scrapers.renames import find_renames
from scrapers.rulings import find_case_update
from storage import Archive

log = logging.getLogger(__name__)

#: Failures in a row after which a source is unhealthy.
UNHEALTHY_AFTER_FAILURES = 3
#: A quiet source is unhealthy after this many of its usual gaps, and never before this.
QUIET_GAPS = 6
QUIET_FLOOR = timedelta(days=45)
#: The longest wait that repeated failures impose on a source.
MAX_BACKOFF = timedelta(hours=24)


@dataclass
class PollReport:
    """What one poll did, for the terminal summary and the exit status."""

    source_id: str
    status: str
    items_seen: int = 0
    items_new: int = 0
    items_changed: int = 0
    sanctions_new: int = 0
    backlog: bool = False
    error: str | None = None
    alerts: list[Alert] = field(default_factory=list)
    healthy: bool = True
    health_changed: bool = False


def backoff_until(state: dict[str, object] | None, interval: timedelta) -> datetime | None:
    """When a failing source may be polled again: the interval doubled per failure."""
    if not state or not state.get("consecutive_failures") or not state.get("last_polled_at"):
        return None
    failures = int(str(state["consecutive_failures"]))
    wait = min(interval * (2 ** min(failures - 1, 10)), MAX_BACKOFF)
    return datetime.fromisoformat(str(state["last_polled_at"])) + wait


def assess_health(failures: int, recent_published: Sequence[str], now: datetime
                  ) -> tuple[bool, str]:
    """Healthy or not, and why: failing repeatedly, or silent far beyond its rhythm."""
    if failures >= UNHEALTHY_AFTER_FAILURES:
        return False, f"{failures} failed polls in a row"
    dates = sorted({date.fromisoformat(d[:10]) for d in recent_published}, reverse=True)
    if len(dates) < 3:
        return True, ""
    gaps = [(a - b).days for a, b in itertools.pairwise(dates)]
    usual = timedelta(days=max(statistics.median(gaps), 1))
    silence = now.date() - dates[0]
    if silence > max(usual * QUIET_GAPS, QUIET_FLOOR):
        return False, f"nothing new for {silence.days} days (usually every {usual.days})"
    return True, ""


class Poller:
    """Polls sources into the archive and hands new sanctions to the notifier."""

    def __init__(
        self,
        archive: Archive,
        fetcher: Fetcher,
        notifier: Notifier | None = None,
        *,
        extract: Callable[[Release], list[Sanction]] = extract_sanctions,
        fold_name: Callable[[str], str] = normalise_defendant,
    ) -> None:
        self.archive = archive
        self.fetcher = fetcher
        self.notifier = notifier
        self.extract = extract
        self.fold_name = fold_name

    async def poll(self, source: Source, now: datetime, *, max_pages: int = 1,
                   since: date | None = None, backlog: bool | None = None) -> PollReport:
        """Poll one source once. The first poll of a source is backlog: it never alerts."""
        state = self.archive.source_state(source.id)
        first_poll = state is None or state.get("last_ok_at") is None
        is_backlog = first_poll if backlog is None else backlog
        validators, known = self.archive.poll_inputs(source.id)
        try:
            harvest = await collect(source, self.fetcher, validators=validators, known=known,
                                    max_pages=max_pages, since=since)
        except Exception as error:  # collect promises not to raise; a bug must not spread
            log.exception("collect crashed for %s", source.id)
            harvest = Harvest(source.id, "failed", error=f"internal error: {error!r}")
        # Extraction is pure CPU work (a few ms a release, hundreds on a first poll): in a
        # thread, so that the chat clients sharing this loop keep their heartbeats.
        sanctions = await asyncio.to_thread(
            lambda: {release.url: self._extract(release) for release in harvest.releases})
        stored = self.archive.record_harvest(harvest, sanctions, now=now, backlog=is_backlog,
                                             defendant_key=self.fold_name)
        report = PollReport(
            source_id=source.id, status=harvest.status, items_seen=harvest.items_seen,
            items_new=len(stored.new_release_ids), items_changed=len(stored.changed_release_ids),
            sanctions_new=len(stored.new_decision_ids), backlog=is_backlog, error=harvest.error)
        self._update_health(source, report, now)
        self._link_renamed_companies([*stored.new_release_ids, *stored.changed_release_ids],
                                     now)
        self._record_court_rulings(harvest, sanctions)
        if not is_backlog:
            report.alerts = self._alerts(source, stored.new_release_ids,
                                         stored.changed_release_ids)
            if self.notifier:
                for alert in report.alerts:
                    await self.notifier.send(alert)
        return report

    async def poll_many(self, sources: Sequence[Source], now: datetime, **options: object
                        ) -> list[PollReport]:
        """Poll several sources at once; the fetcher keeps each host polite."""
        return list(await asyncio.gather(
            *(self.poll(source, now, **options) for source in sources)))  # type: ignore[arg-type]

    def _extract(self, release: Release) -> list[Sanction]:
        try:
            return self.extract(release)
        except Exception:  # the release is still archived; its sanctions wait for a fix
            log.exception("extraction failed on %s", release.url)
            return []

    def _record_court_rulings(self, harvest: Harvest,
                              sanctions: dict[str, list[Sanction]]) -> None:
        """A release about a court's ruling on an earlier sanction updates that case."""
        for release in harvest.releases:
            if sanctions.get(release.url):
                continue
            update = find_case_update(release)
            stored = self.archive.release_by_url(release.url) if update else None
            if update and stored:
                self.archive.record_case_update(stored["id"], update,
                                                defendant_key=self.fold_name)

    def _link_renamed_companies(self, release_ids: Sequence[int], now: datetime) -> None:
        """"Meta Platforms Ireland Limited (formerly Facebook Ireland Limited)": one company."""
        for release_id in release_ids:
            release = self.archive.release(release_id)
            if release is None:
                continue
            for rename in find_renames(f"{release['title']}\n{release['body_text']}"):
                self.archive.link_names(rename.old, rename.new, fold=self.fold_name,
                                        origin="release", now=now, evidence=rename.evidence,
                                        release_id=release_id)

    def _update_health(self, source: Source, report: PollReport, now: datetime) -> None:
        state = self.archive.source_state(source.id) or {}
        healthy, reason = assess_health(int(state.get("consecutive_failures") or 0),
                                        self.archive.recent_published(source.id), now)
        report.healthy = healthy
        report.health_changed = bool(state.get("healthy", 1)) != healthy
        if report.health_changed:
            self.archive.set_source_health(source.id, healthy)
            log.warning("source %s is %s %s", source.id,
                        "healthy again" if healthy else "unhealthy:", reason)

    def _alerts(self, source: Source, new_ids: Sequence[int], changed_ids: Sequence[int]
                ) -> list[Alert]:
        alerts = []
        marked = [(i, False) for i in new_ids] + [(i, True) for i in changed_ids]
        for release_id, correction in marked:
            release = self.archive.release(release_id)
            if release is None:
                continue
            for decision in self.archive.decisions_of(release_id):
                if decision["duplicate_of"] is None:
                    alerts.append(Alert(Fine.from_decision(decision, release), correction))
        return alerts
