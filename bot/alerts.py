"""Alerts: a new sanction, ready for any channel. The terminal is the channel of last resort.

The chat adapters (Discord, Slack) render the same Alert; this module knows none of them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from bot.core.format import money, plain


@dataclass(frozen=True)
class Alert:
    """One sanction to announce, with the release that reported it."""

    decision_id: int
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
    evidence: str
    correction: bool = False

    @classmethod
    def from_rows(cls, decision: dict[str, Any], release: dict[str, Any], *,
                  correction: bool = False) -> Alert:
        """Build from an archive decision row and its release row."""
        return cls(
            decision_id=decision["id"], authority=decision["authority"],
            defendant=decision["defendant"], kind=decision["kind"], amount=decision["amount"],
            currency=decision["currency"], amount_eur=decision["amount_eur"],
            decision_date=decision["decision_date"], published=release["published"],
            title=release["title"], url=release["url"], evidence=decision["evidence"],
            correction=correction)

    def one_line(self) -> str:
        """The alert as one line of plain text (scraped text made inert)."""
        parts = [f"[{self.authority}]", plain(self.defendant), "-", self.kind.replace("_", " ")]
        if self.amount is not None:
            parts.append(money(self.amount, self.currency, self.amount_eur))
        if self.decision_date:
            parts.append(f"decided {self.decision_date}")
        prefix = "CORRECTED " if self.correction else ""
        return prefix + " ".join(parts) + f" <{self.url}>"


class Notifier(Protocol):
    """Anything that can deliver an alert."""

    async def send(self, alert: Alert) -> None:
        """Deliver one alert."""


class TerminalNotifier:
    """Prints alerts: what `dpawatch run` does when no chat is configured."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    async def send(self, alert: Alert) -> None:
        """Print one line per alert."""
        print(f"NEW SANCTION {alert.one_line()}", file=self.stream, flush=True)
