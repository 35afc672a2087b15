"""The reply model every surface renders: a short text and a few cards.

A card is an embed on Discord and a section of blocks on Slack. Texts here are plain and
may contain scraped words: each adapter escapes them for its own markup, and sends with
mentions disabled, so nothing scraped can notify anyone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.format import amount, plain, short_eur

#: Discord allows 10 embeds a message; Slack a few more blocks. One card per sanction,
#: and past this a last card says how many more there are.
MAX_CARDS = 10

KIND_LABELS = {"fine": "Fine", "periodic_penalty": "Periodic penalty payment",
               "reprimand": "Reprimand", "order": "Order", "warning": "Warning"}


@dataclass(frozen=True)
class CardField:
    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True)
class Card:
    """One sanction, release or row of results."""

    title: str
    url: str | None = None
    description: str = ""
    fields: tuple[CardField, ...] = ()
    footer: str = ""


@dataclass(frozen=True)
class Reply:
    """What a command or alert says."""

    text: str
    cards: tuple[Card, ...] = ()
    ephemeral: bool = False
    # For paginated answers: the pages after this one, each a Reply of its own.
    more: tuple[Reply, ...] = field(default=(), repr=False)


def _date_line(decision_date: str | None, published: str | None) -> str:
    parts = []
    if decision_date:
        parts.append(f"decided {decision_date}")
    if published:
        parts.append(f"published {published}")
    return ", ".join(parts)


def sanction_card(decision: Mapping[str, Any], release: Mapping[str, Any],
                  authority_label: str) -> Card:
    """One sanction as a card: who, what, how much (original and EUR), when, evidence."""
    kind = KIND_LABELS.get(decision["kind"], decision["kind"])
    fields = [CardField("Authority", authority_label), CardField("Measure", kind)]
    if decision.get("amount") is not None:
        fields.append(CardField("Amount", amount(decision["amount"], decision["currency"])))
        if decision.get("amount_eur") is not None and decision["currency"] != "EUR":
            fields.append(CardField("In euros", "≈ " + short_eur(decision["amount_eur"])))
    dates = _date_line(decision.get("decision_date"), release.get("published"))
    if dates:
        fields.append(CardField("Dates", dates))
    evidence = plain(decision.get("evidence"))
    return Card(title=plain(decision["defendant"]) or "(unnamed)", url=release["url"],
                description=f"“{evidence}”" if evidence else "", fields=tuple(fields),
                footer=plain(release.get("title")))


def release_card(release: Mapping[str, Any], authority_label: str) -> Card:
    """A release that announces no sanction (for subscriptions to all news)."""
    summary = plain(release.get("summary") or release.get("body_text") or "")
    return Card(title=plain(release.get("title")) or release["url"], url=release["url"],
                description=summary[:400],
                fields=(CardField("Authority", authority_label),
                        CardField("Published", release.get("published") or "?")))


def alert_reply(release: Mapping[str, Any], decisions: Sequence[Mapping[str, Any]],
                authority_labels: Mapping[str, str], *, correction: bool = False) -> Reply:
    """The message for a delivery: a line of text and one card per sanction."""
    def label(authority: str) -> str:
        return authority_labels.get(authority, authority)

    if not decisions:
        head = f"New from {label(release['authority'])}: {plain(release.get('title'))}"
        return Reply(text=head, cards=(release_card(release, label(release["authority"])),))
    cards = [sanction_card(d, release, label(d["authority"])) for d in decisions]
    if len(cards) > MAX_CARDS:
        rest = len(cards) - (MAX_CARDS - 1)
        cards = [*cards[: MAX_CARDS - 1],
                 Card(title=f"… and {rest} more sanctions", url=release["url"])]
    first = decisions[0]
    noun = "sanction" if len(decisions) == 1 else f"{len(decisions)} sanctions"
    text = f"New {noun} by {label(first['authority'])}: {plain(first['defendant'])}"
    if len(decisions) > 1:
        text += " and others"
    if correction:
        text = "Corrected: " + text
    return Reply(text=text, cards=tuple(cards))


def health_reply(source_id: str, healthy: bool, reason: str | None) -> Reply:
    """The one message an admin channel gets when a source turns unhealthy or recovers."""
    if healthy:
        return Reply(text=f"Source {source_id} has recovered: polling normally again.")
    why = plain(reason)[:300] or "no recent releases or repeated failures"
    return Reply(text=f"Source {source_id} is unhealthy: {why}. See /sources.")
