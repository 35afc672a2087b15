"""Benchmark: `/fines` lookups over an archive of 100,000 decisions, and the CLI's cold start.

Run with `make bench` (or `.venv/bin/python bench/lookup.py [--decisions N] [--keep DIR]`).
Builds a synthetic archive (a few thousand companies with Zipf-like frequency, every
authority, 2018-2026, log-normal amounts) through storage's bulk path, then times
`bot.core.commands.find_fines` over exact, prefix, typo, multi-word, no-match and hostile
queries (p50 and p99 over many runs), and `dpawatch fines clearview` as a subprocess
(median wall time). Targets: p99 <= 10 ms, cold start <= 0.6 s. Prints the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.commands import find_fines  # noqa: E402
from scrapers.extract import normalise_defendant  # noqa: E402
from scrapers.models import Release, Sanction  # noqa: E402
from scrapers.registry import builtin_sources, load_authorities  # noqa: E402
from storage import Archive  # noqa: E402
from storage.bulk import bulk_load  # noqa: E402

TARGET_P99_MS = 10.0
TARGET_COLD_START_S = 0.6
RUNS_PER_QUERY = 200
COLD_START_RUNS = 7

#: Real defendants at the head of the distribution, so that the queries mean something.
FAMOUS = ["Clearview AI Inc.", "Meta Platforms Ireland Limited", "Google LLC",
          "Amazon Europe Core S.à r.l.", "TikTok Technology Limited", "CaixaBank, S.A.",
          "WhatsApp Ireland Limited", "Uber Technologies Inc.", "Criteo SA", "Vodafone Italia"]
_SYLLABLES = ["ar", "bel", "cor", "dan", "el", "fin", "gra", "hel", "in", "jo", "kar", "lum",
              "mar", "nor", "ost", "pol", "qua", "ros", "sol", "tek", "ul", "vel", "wes", "zen"]
_SECTORS = ["Bank", "Energia", "Telecom", "Retail", "Media", "Health", "Logistics",
            "Insurance", "Software", "Clinic", "Hotels", "Foods", "Mobility", "Data"]
_FORMS = ["S.A.", "GmbH", "Ltd", "SAS", "S.p.A.", "B.V.", "AB", "Sp. z o.o.", "s.r.o.",
          "Oy", "A/S", "Lda", "Inc.", ""]
QUERIES = {
    "exact": "Clearview AI Inc.",
    "prefix": "clearv",
    "typo": "clearveiw",
    "multi-word": "meta platforms",
    "no match": "zzyzx holdings",
    "hostile": '"; DROP TABLE decisions; -- NEAR( * OR',
    "long": "x" * 10_000,
}


def company_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct company names, the famous ones first (the most sanctioned)."""
    names = list(FAMOUS)
    seen = set(names)
    while len(names) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{stem} {rng.choice(_SECTORS)} {rng.choice(_FORMS)}".strip()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def synthetic_releases(total: int, companies: int, seed: int = 7
                       ) -> Iterator[tuple[Release, list[Sanction]]]:
    """`total` releases with one sanction each, defendants drawn with Zipf-like weights."""
    rng = random.Random(seed)
    names = company_names(companies, rng)
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(names))]
    sources = {s.authority: s for s in builtin_sources()}
    authorities = sorted(sources)
    first = date(2018, 5, 25)
    defendants = rng.choices(names, weights, k=total)
    for number, defendant in enumerate(defendants):
        source = sources[rng.choice(authorities)]
        decided = first + timedelta(days=rng.randrange(3000))
        kind = rng.choices(["fine", "reprimand", "order", "warning"], [70, 15, 10, 5])[0]
        amount = round(rng.lognormvariate(11, 2.2), -2) if kind == "fine" else None
        url = f"https://{source.authority}.example/decision/{number}"
        release = Release(source.id, source.authority, url, f"Decision against {defendant}",
                          source.language, decided + timedelta(days=rng.randrange(30)),
                          body_text=f"The authority sanctioned {defendant}.")
        yield release, [Sanction(defendant, kind, amount, "EUR" if amount else None, amount,
                                 decided, evidence=f"{defendant} was sanctioned.")]


def build(path: Path, decisions: int, companies: int, analyze: bool) -> float:
    """Create the archive at `path`; the seconds the load took."""
    archive = Archive.open(path)
    archive.sync_registry(load_authorities().values(), builtin_sources())
    started = time.perf_counter()
    bulk_load(archive, synthetic_releases(decisions, companies),
              now=datetime(2026, 11, 26, tzinfo=UTC), defendant_key=normalise_defendant)
    seconds = time.perf_counter() - started
    if analyze:  # what `PRAGMA optimize` may do on its own one day: see docs/performance.md
        archive.db.execute("ANALYZE")
    archive.close()
    return seconds


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


Figures = dict[str, tuple[float, float, int]]


def time_lookups(path: Path, runs: int) -> Figures:
    """Per query: (p50 ms, p99 ms, sanctions found) of find_fines."""
    archive = Archive.open(path)
    figures: Figures = {}
    try:
        for label, query in QUERIES.items():
            find_fines(archive, query)  # warm the page cache, as a running bot has it
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                answer = find_fines(archive, query)
                times.append((time.perf_counter() - started) * 1000)
            figures[label] = (percentile(times, 0.5), percentile(times, 0.99),
                              len(answer.fines))
    finally:
        archive.close()
    return figures


def time_cold_start(path: Path) -> float:
    """Median wall time of `dpawatch fines clearview` as a fresh process."""
    config = path.with_name("bench.toml")
    config.write_text(f'[storage]\npath = "{path}"\n')
    command = [str(Path(sys.executable).with_name("dpawatch")), "--config", str(config),
               "fines", "clearview"]
    if not Path(command[0]).exists():
        command[:1] = [sys.executable, "-m", "bot.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "SLACK"))}
    times = []
    for _ in range(COLD_START_RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Build, measure, print; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=4_000)
    parser.add_argument("--runs", type=int, default=RUNS_PER_QUERY, help="runs per query")
    parser.add_argument("--analyze", action="store_true",
                        help="run ANALYZE after loading (see the planner trap in the docs)")
    parser.add_argument("--keep", metavar="DIR", help="build the archive here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "lookup-bench.db"
        for stale in folder.glob("lookup-bench.db*"):
            stale.unlink()
        load_seconds = build(path, args.decisions, args.companies, args.analyze)
        size_mb = path.stat().st_size / 1e6
        lookups = time_lookups(path, args.runs)
        cold = time_cold_start(path)
    print(f"Lookups over {args.decisions:,} decisions, {args.companies:,} companies "
          f"({platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores); "
          f"bulk load {load_seconds:.1f} s, {size_mb:.0f} MB")
    print(f"ANALYZEd: {'yes' if args.analyze else 'no'}")
    print("| query | found | p50 ms | p99 ms |\n|---|---|---|---|")
    for label, (p50, p99, found) in lookups.items():
        print(f"| {label} | {found} | {p50:.2f} | {p99:.2f} |")
    worst = max(p99 for _p50, p99, _found in lookups.values())
    print(f"worst p99 {worst:.2f} ms (target {TARGET_P99_MS} ms); cold start of "
          f"`dpawatch fines clearview` {cold * 1000:.0f} ms median of {COLD_START_RUNS} "
          f"(target {TARGET_COLD_START_S * 1000:.0f} ms)")
    return 0 if worst <= TARGET_P99_MS and cold <= TARGET_COLD_START_S else 1


if __name__ == "__main__":
    sys.exit(main())
