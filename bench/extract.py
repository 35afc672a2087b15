"""Releases per second, end to end (HTML -> main text -> sanctions), over the corpus pages.

Run: .venv/bin/python bench/extract.py [--corpus tests/corpus] [--runs 5]
A script, not a test: it prints the median of several runs on one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from scrapers.extract.evaluate import load_cases
from scrapers.extract.pipeline import extract_from_html


def main() -> None:
    """Time the extractor over every corpus page, several times, and print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = load_cases(args.corpus)
    if not cases:
        raise SystemExit(f"no cases under {args.corpus}")
    extract_from_html(cases[0].html, url="", language=cases[0].language, authority="cnil")
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for case in cases:
            extract_from_html(
                case.html,
                url=str(case.label.get("url", "")),
                language=case.language,
                authority=str(case.label["authority"]),
            )
        rates.append(len(cases) / (time.perf_counter() - started))
    print(
        f"{len(cases)} pages, {args.runs} runs: median {statistics.median(rates):.0f} "
        f"releases/s (min {min(rates):.0f}, max {max(rates):.0f})"
    )


if __name__ == "__main__":
    main()
