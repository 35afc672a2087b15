"""Classes of miss met on real layouts (round 10), each in our own sentences and languages."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release
from tests.extract.helpers import release


def _fines(item: Release) -> set[tuple[str, float | None]]:
    return {(s.defendant, s.amount) for s in extract_sanctions(item) if s.kind == "fine"}


# The party receives the fine after an article that is also a preposition elsewhere (Dutch
# "de"); the register the processing happened in is named later in the sentence.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Boete voor zwarte lijst",
            "De AP heeft de Waterschapsbank een boete van 1,2 miljoen euro opgelegd voor het "
            "onrechtmatig bijhouden van namen in het Signalen Register Voorziening (SRV).",
            "nl",
            "ap",
            {("Waterschapsbank", 1200000.0)},
        ),
        (
            "Boete voor een gemeente",
            "De toezichthouder heeft de Gemeente Duinwijk een boete van 600.000 euro gegeven "
            "voor het gebruik van het Wifi Tellen Systeem (WTS).",
            "nl",
            "ap",
            {("Gemeente Duinwijk", 600000.0)},
        ),
    ],
)
def test_the_recipient_after_an_article_beats_a_register(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, float]]
) -> None:
    assert _fines(release(title, body, language, authority)) == expected
