"""Sanction extraction: a release in, the sanctions it announces out. Pure, no I/O.

Public surface: extract_sanctions, extract_from_html, parse_amount (Money),
normalise_defendant. The evaluation engine is scrapers.extract.evaluate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.defendants import normalise_defendant
from scrapers.extract.sanctions import extract_sanctions

if TYPE_CHECKING:
    from scrapers.extract.pipeline import extract_from_html

__all__ = ["Money", "extract_from_html", "extract_sanctions", "normalise_defendant", "parse_amount"]


def __getattr__(name: str) -> Any:
    # extract_from_html pulls in trafilatura and bs4 (a quarter of a second): loaded on
    # first use, so that `dpawatch fines` (which only folds names) starts fast.
    if name == "extract_from_html":
        from scrapers.extract.pipeline import extract_from_html

        return extract_from_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
