"""Benchmark: poll 25 built-in sources on the loopback fake site, cold and then unchanged.

Run with `make bench` (or `.venv/bin/python bench/poll.py`). Prints the median wall time,
requests and body bytes of a first poll (nothing known) and of a second poll with nothing
changed, over several runs, and appends them to docs/performance.md.
"""

from __future__ import annotations

import asyncio
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the fake site lives in tests/support

from scrapers.collect import collect  # noqa: E402
from scrapers.http import Fetcher  # noqa: E402
from scrapers.models import Harvest, Source  # noqa: E402
from scrapers.registry import builtin_sources  # noqa: E402
from tests.support.fakesite import FakeSite  # noqa: E402

RUNS = 5
SOURCES = 25


async def poll(sources: list[Source], fetcher: Fetcher,
               previous: dict[str, Harvest]) -> tuple[float, list[Harvest]]:
    """One poll of every source concurrently, told what the previous poll found."""
    started = time.perf_counter()
    harvests = await asyncio.gather(*(
        collect(source, fetcher,
                validators=previous[source.id].validators if source.id in previous else {},
                known={r.url: r.listing_hash for r in previous[source.id].releases}
                if source.id in previous else {})
        for source in sources))
    return time.perf_counter() - started, list(harvests)


async def one_run() -> list[tuple[float, int, int, list[str]]]:
    """(seconds, requests, body bytes, sources with a body) of the first and second poll."""
    async with FakeSite() as site:
        sources = [await site.serve(s) for s in builtin_sources()[:SOURCES]]
        figures = []
        # A fresh Fetcher per run: robots.txt is fetched again, as after a restart.
        async with Fetcher(min_delay=0.0) as fetcher:
            previous: dict[str, Harvest] = {}
            for _ in range(2):
                before = (fetcher.tally.requests, fetcher.tally.bytes_downloaded)
                seconds, harvests = await poll(sources, fetcher, previous)
                failed = [h for h in harvests if h.status == "failed"]
                assert not failed, failed
                figures.append((seconds, fetcher.tally.requests - before[0],
                                fetcher.tally.bytes_downloaded - before[1],
                                [h.source_id for h in harvests if h.bytes_downloaded]))
                previous = {h.source_id: h for h in harvests}
        return figures


def main() -> None:
    """Run the benchmark, print the medians and append them to docs/performance.md."""
    runs = [asyncio.run(one_run()) for _ in range(RUNS)]
    lines = [f"\n### Poll of {SOURCES} sources on loopback, {datetime.now(UTC):%Y-%m-%d} "
             f"({platform.python_version()}, {platform.machine()}, median of {RUNS} runs)\n",
             "| poll | wall time | requests | body bytes |", "|---|---|---|---|"]
    for index, name in enumerate(("first (nothing known)", "second (nothing changed)")):
        seconds = statistics.median(run[index][0] for run in runs)
        requests = statistics.median(run[index][1] for run in runs)
        body = statistics.median(run[index][2] for run in runs)
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {requests:.0f} | {body:.0f} |")
    lines.append(f"\nSources that still downloaded a body on the second poll: "
                 f"{', '.join(runs[0][1][3]) or 'none'}.")
    text = "\n".join(lines) + "\n"
    print(text)
    perf = ROOT / "docs" / "performance.md"
    if not perf.exists():
        perf.write_text("# Performance\n\nMeasured figures, newest last. Each section says "
                        "how it was measured; rerun with `make bench`.\n", encoding="utf-8")
    with perf.open("a", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
