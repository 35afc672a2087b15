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
    # A hash of the entry as the feed or listing showed it (title, summary, dates): when it
    # changes, the page is read again; when it does not, the page is not fetched again.
    listing_hash: str = ""

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


@dataclass(frozen=True)
class Validators:
    """What a server told us to send back for a conditional GET of one URL."""

    etag: str | None = None
    last_modified: str | None = None


#: The outcomes of one poll of one source.
POLL_STATUSES: tuple[str, ...] = ("ok", "not_modified", "failed")


@dataclass
class Harvest:
    """What one poll of one source brought back, for storage to record.

    `releases` holds only the new or changed releases (the pages whose listing entry is
    not known, or changed); `items_seen` counts every entry the feed or listing showed.
    """

    source_id: str
    status: str  # one of POLL_STATUSES
    releases: list[Release] = field(default_factory=list)
    items_seen: int = 0
    error: str | None = None  # one line, for people: "HTTP 503 from https://..."
    validators: dict[str, Validators] = field(default_factory=dict)  # URL -> to remember
    requests: int = 0
    bytes_downloaded: int = 0


#: What a court or appeal body did to an earlier sanction.
RULING_OUTCOMES: tuple[str, ...] = ("upheld", "reduced", "annulled", "ruled")


@dataclass(frozen=True)
class CaseUpdate:
    """A court's ruling on an earlier sanction, as a release reports it: not a new sanction,
    an update of the case (the reduced amount, the annulment)."""

    defendant: str
    outcome: str  # one of RULING_OUTCOMES; "ruled" when the release does not say which
    amount: float | None = None  # the amount after the ruling, when reduced
    currency: str | None = None
    evidence: str = ""
