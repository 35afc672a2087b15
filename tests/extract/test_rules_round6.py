"""Round 6: who is sanctioned and which measure, on wording nobody tuned for; one table
per class of failure, in our own invented sentences across languages."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release


def _release(title: str, body: str, language: str, authority: str) -> Release:
    return Release(
        source_id="test",
        authority=authority,
        url="https://example.org/r",
        title=title,
        language=language,
        published=date(2024, 5, 2),
        body_text=body,
    )


def _measures(release: Release) -> set[tuple[str, str, float | None]]:
    return {(s.defendant, s.kind, s.amount) for s in extract_sanctions(release)}


# A negated order is none: the fine stands alone.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Bußgeld gegen Sonnenhof GmbH",
            "Gegen die Sonnenhof GmbH wurde ein Bußgeld von 20.000 Euro verhängt. Eine "
            "Anordnung ist damit nicht verbunden.",
            "de",
            "bfdi",
            {("Sonnenhof GmbH", "fine", 20000.0)},
        ),
        (
            "Sanction de la société BLEUCIEL",
            "La CNIL a prononcé une amende de 10 000 euros contre la société BLEUCIEL. Cette "
            "sanction n'est pas assortie d'une injonction.",
            "fr",
            "cnil",
            {("BLEUCIEL", "fine", 10000.0)},
        ),
        (
            "Greenway Ltd fined",
            "The ICO fined Greenway Ltd £10,000 without ordering it to change its processing.",
            "en",
            "ico",
            {("Greenway Ltd", "fine", 10000.0)},
        ),
        (
            "Sanzione a Lumetta S.r.l.",
            "Il Garante ha inflitto a Lumetta S.r.l. una sanzione di 40.000 euro, senza "
            "ordinare la cancellazione dei dati.",
            "it",
            "garante",
            {("Lumetta S.r.l.", "fine", 40000.0)},
        ),
    ],
)
def test_a_negated_order_is_no_order(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _measures(_release(title, body, language, authority)) == expected


# A fine and an order in one sentence: both, on the same party.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanzione ad Autostrade Nord",
            "Il Garante ha inflitto a Autostrade Nord S.p.A. una sanzione di 5 milioni di euro "
            "e ordinato di cancellare i dati raccolti.",
            "it",
            "garante",
            {
                ("Autostrade Nord S.p.A.", "fine", 5000000.0),
                ("Autostrade Nord S.p.A.", "order", None),
            },
        ),
    ],
)
def test_a_fine_and_an_order_in_one_sentence(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _measures(_release(title, body, language, authority)) == expected
