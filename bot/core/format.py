"""Formatting shared by every surface (terminal, Discord, Slack)."""

from __future__ import annotations

import unicodedata

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


def plain(text: str | None) -> str:
    """Scraped text made safe for one line: control characters gone, spaces folded."""
    if not text:
        return ""
    kept = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(kept.split())


def amount(value: float, currency: str | None) -> str:
    """20000000, EUR -> '20,000,000 EUR'; keeps cents only when there are some."""
    digits = f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
    return f"{digits} {currency or ''}".strip()


def short_eur(value: float) -> str:
    """20000000 -> '€20M', 1_250_000 -> '€1.25M', 7500 -> '€7,500'."""
    for size, suffix in ((1e9, "bn"), (1e6, "M")):
        if abs(value) >= size:
            return f"€{value / size:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"€{value:,.0f}"


def money(value: float, currency: str | None, value_eur: float | None) -> str:
    """The amount as imposed, with its EUR value when it was another currency."""
    text = amount(value, currency)
    if value_eur is not None and currency and currency != "EUR":
        text += f" (≈ {short_eur(value_eur)})"
    return text
