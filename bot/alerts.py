"""Alerts: a new sanction, ready for any channel. The terminal is the channel of last resort.

The chat adapters (Discord, Slack) render the same Alert; this module knows none of them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Protocol, TextIO

from bot.core.commands import Fine
from bot.core.format import money, plain


@dataclass(frozen=True)
class Alert:
    """One sanction to announce; `correction` when its release was corrected."""

    fine: Fine
    correction: bool = False

    def one_line(self) -> str:
        """The alert as one line of plain text (scraped text made inert)."""
        fine = self.fine
        parts = [f"[{fine.authority}]", plain(fine.defendant), "-", fine.kind.replace("_", " ")]
        if fine.amount is not None:
            parts.append(money(fine.amount, fine.currency, fine.amount_eur))
        if fine.decision_date:
            parts.append(f"decided {fine.decision_date}")
        prefix = "CORRECTED " if self.correction else ""
        return prefix + " ".join(parts) + f" <{fine.url}>"


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
