"""The plain data types that flow from scrapers to storage to bot.

This module imports nothing of ours, so that storage/ may depend on it without
depending on the rest of scrapers/ (the one-way rule of docs/adr/0001).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: What a sanction can be. A periodic_penalty is an overdue or periodic penalty payment
#: actually imposed (not the per-day rate of an order).
SANCTION_KINDS: tuple[str, ...] = ("fine", "periodic_penalty", "reprimand", "order", "warning")

#: Kinds that carry an amount of money.
MONETARY_KINDS: frozenset[str] = frozenset({"fine", "periodic_penalty"})


@dataclass(frozen=True)
class Authority:
    """A data protection authority, or another body whose sanctions we follow."""

    id: str  # short and stable, e.g. "cnil"
    name: str
    country: str  # ISO 3166-1 alpha-2; "EU" for the EDPB
    website: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """One feed, listing or endpoint of an authority, as declared in the registry."""

    id: str
    authority: str  # an Authority.id
    country: str
    language: str  # ISO 639-1
    kind: str  # "rss" | "atom" | "html" | "json"
    url: str
    enabled: bool = True
    interval_minutes: int | None = None  # None: the [polling] interval_minutes default
    options: Mapping[str, Any] = field(default_factory=dict)  # per-kind fields (selectors...)


@dataclass(frozen=True)
class Release:
    """A press release or decision page, with its main text."""

    source_id: str
    authority: str
    url: str
    title: str
    language: str
    published: date | None = None
    guid: str | None = None
    summary: str = ""
    body_text: str = ""
    pdf_links: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """A hash of what a reader sees, to notice a release whose content changed."""
        digest = hashlib.sha256()
        digest.update(self.title.strip().encode())
        digest.update(b"\x00")
        digest.update(" ".join(self.body_text.split()).encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Sanction:
    """One measure against one defendant, as a release announces it."""

    defendant: str
    kind: str  # one of SANCTION_KINDS
    amount: float | None = None  # in `currency`; None for reprimands and orders
    currency: str | None = None  # ISO 4217
    amount_eur: float | None = None
    decision_date: date | None = None
    evidence: str = ""  # the sentence that states the sanction
    confidence: float = 0.5  # 0..1
    authority: str | None = None  # the deciding authority when it is not the publisher
    note: str = ""  # e.g. a reduction for voluntary payment, a EUR equivalent stated
