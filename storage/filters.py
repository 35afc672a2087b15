"""Which sanctions a subscription wants: pure functions over archive rows.

One rule for the outbox (should this release alert that channel?) and for rendering
(which of its sanctions to show), so the two can never disagree.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]


def fold(text: str | None) -> str:
    """Lower case without accents, for watch words."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Filters:
    """A subscription's filters; an empty list means "any"."""

    authorities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    min_eur: float | None = None
    kinds: tuple[str, ...] = ()
    watch: tuple[str, ...] = ()
    all_news: bool = False
    _folded_watch: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_folded_watch",
                           tuple(fold(w) for w in self.watch if fold(w).strip()))

    @classmethod
    def from_row(cls, row: Row) -> Filters:
        """From a `subscriptions` row (JSON lists)."""
        return cls(
            authorities=tuple(json.loads(row["authorities"] or "[]")),
            countries=tuple(json.loads(row["countries"] or "[]")),
            min_eur=row["min_eur"], kinds=tuple(json.loads(row["kinds"] or "[]")),
            watch=tuple(json.loads(row["watch"] or "[]")), all_news=bool(row["all_news"]))

    def as_columns(self) -> dict[str, Any]:
        """The `subscriptions` columns that hold these filters."""
        return {"authorities": json.dumps(list(self.authorities)),
                "countries": json.dumps(list(self.countries)), "min_eur": self.min_eur,
                "kinds": json.dumps(list(self.kinds)), "watch": json.dumps(list(self.watch)),
                "all_news": int(self.all_news)}

    def _authority_ok(self, authority: str, country_of: Mapping[str, str]) -> bool:
        return ((not self.authorities or authority in self.authorities)
                and (not self.countries or country_of.get(authority, "") in self.countries))

    def _watched(self, *texts: str | None) -> bool:
        if not self._folded_watch:
            return True
        haystack = " ".join(fold(t) for t in texts)
        return any(word in haystack for word in self._folded_watch)

    def matching_decisions(self, release: Row, decisions: Sequence[Row],
                           country_of: Mapping[str, str]) -> list[Row]:
        """The sanctions of a release that this subscription wants to see."""
        return [
            d for d in decisions
            if self._authority_ok(d["authority"], country_of)
            and (not self.kinds or d["kind"] in self.kinds)
            and (self.min_eur is None or (d["amount_eur"] or 0) >= self.min_eur)
            and self._watched(d["defendant"], d["defendant_key"], release["title"])
        ]

    def wants(self, release: Row, decisions: Sequence[Row],
              country_of: Mapping[str, str]) -> bool:
        """Should this release alert the subscription?"""
        if self.matching_decisions(release, decisions, country_of):
            return True
        return (self.all_news and self._authority_ok(release["authority"], country_of)
                and self._watched(release["title"], release["body_text"]))
