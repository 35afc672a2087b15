"""Sanction extraction: a release in, the sanctions it announces out. Pure, no I/O.

Public surface: extract_sanctions, extract_from_html, parse_amount (Money),
normalise_defendant. The evaluation engine is scrapers.extract.evaluate.
"""

from __future__ import annotations

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.defendants import normalise_defendant
from scrapers.extract.pipeline import extract_from_html
from scrapers.extract.sanctions import extract_sanctions

__all__ = ["Money", "extract_from_html", "extract_sanctions", "normalise_defendant", "parse_amount"]
