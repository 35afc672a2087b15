"""The commands every surface shares (CLI, Discord, Slack): plain functions, data out.

Each takes the archive and typed arguments and returns a reply model; the surfaces only
parse their own input and render the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.core.format import plain
from scrapers.extract import normalise_defendant
from storage import Archive

#: A query longer than this says nothing more about a company; it is cut, not refused.
MAX_QUERY_CHARS = 200

FINE_FIELDS = ("authority", "defendant", "kind", "amount", "currency", "amount_eur",
               "decision_date", "published", "title", "url")


@dataclass(frozen=True)
class Fine:
    """One sanction as the commands show it."""

    authority: str
    defendant: str
    kind: str
    amount: float | None
    currency: str | None
    amount_eur: float | None
    decision_date: str | None
    published: str | None
    title: str
    url: str
    urls: tuple[str, ...] = ()
    evidence: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Fine:
        """From a row of the archive's `fines` view."""
        urls = tuple(json.loads(row["urls"])) if row.get("urls") else (row["url"],)
        return cls(**{name: row[name] for name in FINE_FIELDS}, urls=urls,
                   evidence=row.get("evidence") or "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `dpawatch fines --json`."""
        return {name: getattr(self, name) for name in FINE_FIELDS} | {
            "urls": list(self.urls), "evidence": self.evidence}


@dataclass(frozen=True)
class FinesAnswer:
    """The sanctions that answer a query, newest first, and their total in EUR."""

    query: str
    fines: list[Fine] = field(default_factory=list)

    @property
    def total_eur(self) -> float:
        """The sum of the EUR values (a sanction reported twice counts once)."""
        return sum(f.amount_eur for f in self.fines if f.amount_eur is not None)


def clean_query(text: str) -> str:
    """User input made harmless: control characters gone, spaces folded, length capped."""
    return plain(text)[:MAX_QUERY_CHARS]


def find_fines(archive: Archive, query: str, *, authority: str | None = None,
               since: date | None = None, limit: int = 200) -> FinesAnswer:
    """The sanctions whose defendant (else release) matches `query`.

    Case- and accent-insensitive, by prefix and fuzzily: "clearview", "CLEARVIEW AI",
    "Clearview AI Inc." and "clear view" all find Clearview AI.
    """
    text = clean_query(query)
    key = normalise_defendant(text)
    rows = archive.search_fines(key, text, authority=authority, since=since, limit=limit)
    return FinesAnswer(query=text, fines=[Fine.from_row(row) for row in rows])


def latest_fines(archive: Archive, *, authority: str | None = None, limit: int = 10
                 ) -> list[Fine]:
    """The newest sanctions, by publication date."""
    return [Fine.from_row(row) for row in archive.latest_fines(authority=authority, limit=limit)]
