"""Builders shared by the rule tests: a release of invented text, and what it yields."""

from __future__ import annotations

from datetime import date

from scrapers.extract import extract_sanctions
from scrapers.models import Release


def release(title: str, body: str, language: str, authority: str,
            published: date = date(2024, 5, 2)) -> Release:
    """A release of our own invented text, published on a fixed day."""
    return Release(source_id="test", authority=authority, url="https://example.org/r",
                   title=title, language=language, published=published, body_text=body)


def measures(item: Release) -> set[tuple[str, str, float | None]]:
    """(defendant, kind, amount) of every sanction the release yields."""
    return {(s.defendant, s.kind, s.amount) for s in extract_sanctions(item)}
