"""The sum actually paid after an AEPD reduction, for the sanction's note. Pure, no I/O.

The AEPD imposes a fine and, in the same release, states the smaller sum paid for
voluntary payment and/or acknowledgement of responsibility (20 % off each). The imposed
sum stays the amount; the paid one goes to the note, so a reader sees both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scrapers.extract.amounts import parse_amount
from scrapers.extract.cues import cue
from scrapers.extract.dates import fold
from scrapers.extract.sentences import Sentence

# Words before the paid sum that the generic reduction cue does not cover ("ha abonado").
_PAID_BEFORE = re.compile(r"(?:abonad[oa]|pagad[oa]|queda(?:ndo)?|hasta)\b[^.;]{0,25}$", re.I)
# Shares of the imposed sum a reduction leaves: 20 % off for each ground, or half.
_SHARES = (0.8, 0.6, 0.5)
_VOLUNTARY = re.compile(r"pago (?:voluntario|anticipado)|pronto pago|voluntari", re.I)
_ACKNOWLEDGED = re.compile(r"reconoc", re.I)


def reduction_note(sentences: Sequence[Sentence], imposed: float, language: str) -> str:
    """ "reduced to 9,000 EUR for voluntary payment and acknowledgement", or "" when no
    sum a reduction leaves of `imposed` is written after a reduction word."""
    for sentence in sentences:
        text = sentence.text
        for money in parse_amount(text, language):
            if money.currency not in (None, "EUR") or not imposed:
                continue
            if not any(abs(money.amount / imposed - share) < 0.005 for share in _SHARES):
                continue  # refuse a sum that is no reduction of this fine
            before = text[max(0, money.start - 45) : money.start]
            if not (cue("REDUCTION", language).search(before) or _PAID_BEFORE.search(before)):
                continue
            return f"reduced to {_figure(money.amount)} EUR{_grounds(sentences)}"
    return ""


def _grounds(sentences: Sequence[Sentence]) -> str:
    text = fold(" ".join(s.text for s in sentences))
    grounds = [
        label
        for label, pattern in (
            ("voluntary payment", _VOLUNTARY),
            ("acknowledgement", _ACKNOWLEDGED),
        )
        if pattern.search(text)
    ]
    return f" for {' and '.join(grounds)}" if grounds else ""


def _figure(amount: float) -> str:
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
