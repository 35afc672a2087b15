"""Classes of miss met on the second held-out corpus (round 11), in our own sentences."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release
from tests.extract.helpers import release


def _fines(item: Release) -> set[tuple[str, float | None]]:
    return {(s.defendant, s.amount) for s in extract_sanctions(item) if s.kind == "fine"}


# An appeal court ruling on an earlier fine (kept, lowered or raised) is no new sanction.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Landsretten har afsagt dom i sagen om Nordlys Rejser",
            "Vestre Landsret har i dag idømt Nordlys Rejser A/S en bøde på 400.000 kr. "
            "Byrettens dom blev anket af anklagemyndigheden.",
            "da",
            "datatilsynet-dk",
        ),
        (
            "Højesteret stadfæstede bøden til Havbryg ApS",
            "Højesteret stadfæstede i dag bøden på 250.000 kr. til Havbryg ApS.",
            "da",
            "datatilsynet-dk",
        ),
        (
            "Kammarrätten ger IMY rätt – Björkvalls sanktionsavgift står fast",
            "Kammarrätten har bifallit överklagandet i målet om Björkvall Finans AB. "
            "Sanktionsavgiften på 3 miljoner kronor står fast.",
            "sv",
            "imy",
        ),
    ],
)
def test_an_appeal_ruling_is_not_a_new_sanction(
    title: str, body: str, language: str, authority: str
) -> None:
    assert _fines(release(title, body, language, authority)) == set()


# In Denmark a district court's first judgment imposes the fine: that IS the sanction.
def test_a_danish_district_court_fine_is_the_sanction() -> None:
    item = release(
        "Dom i sagen om Nordlys Rejser",
        "Københavns Byret har i dag idømt Nordlys Rejser A/S en bøde på 400.000 kr. "
        "for ikke at slette kundeoplysninger.",
        "da",
        "datatilsynet-dk",
    )
    assert {amount for _, amount in _fines(item)} == {400000.0}


# A questions-and-answers explainer cites earlier fines for context: none is announced.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Zove vas agencija za naplatu? Odgovori na najčešća pitanja",
            "Donosimo odgovore na najčešća pitanja građana. "
            "U ožujku je društvu Pravac Naplata d.o.o. izrečena kazna od 300.000 eura.",
            "hr",
            "azop",
        ),
        (
            "Debt collectors: frequently asked questions",
            "We answer the questions we hear most often. "
            "In March Kestrel Recoveries Ltd was fined £300,000 for unlawful calls.",
            "en",
            "ico",
        ),
    ],
)
def test_a_faq_explainer_announces_no_fine(
    title: str, body: str, language: str, authority: str
) -> None:
    assert _fines(release(title, body, language, authority)) == set()


# A sentence opening on "in total" sums the fines already listed: it is not a third one.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Zwei Bußgelder gegen Makler",
            "Der LfDI verhängte gegen die Lindenhof Immobilien GmbH ein Bußgeld von "
            "30.000 Euro. Gegen die Sonnhalde Bau AG verhängte er ein Bußgeld von 8.000 Euro. "
            "Insgesamt wurden damit Geldbußen in Höhe von 38.000 Euro festgesetzt.",
            "de",
            "lfdi-bw",
            {30000.0, 8000.0},
        ),
        (
            "Two fines for estate agents",
            "The commissioner fined Ashgrove Homes Ltd £30,000. "
            "The commissioner also fined Brackley Lettings Ltd £8,000. "
            "In total the commissioner has now imposed penalties worth £38,000.",
            "en",
            "ico",
            {30000.0, 8000.0},
        ),
    ],
)
def test_a_sentence_opening_on_a_total_is_not_a_fine(
    title: str, body: str, language: str, authority: str, expected: set[float]
) -> None:
    assert {amount for _, amount in _fines(release(title, body, language, authority))} == expected
