"""Classes of failure that recur across languages, one table each, in our own sentences."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.extract.defendants import find_candidates
from scrapers.models import Release
from tests.extract.helpers import release


def _pairs(release: Release) -> set[tuple[str, float | None]]:
    return {(s.defendant, s.amount) for s in extract_sanctions(release) if s.kind == "fine"}


# "The decision can be appealed": the modal is about the appeal, so the sum stays a
# sanction; the body the appeal goes to is never the defendant.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Gebyr til Fjellbu AS",
            "Vedtaket om et overtredelsesgebyr på 300 000 kroner kan påklages til "
            "Personvernnemnda innen tre uker.",
            "no",
            "datatilsynet-no",
            {("Fjellbu AS", 300000.0)},
        ),
        (
            "Sanktionsavgift mot Skogsbolaget AB",
            "Beslutet om en sanktionsavgift på 200 000 kronor kan överklagas till "
            "Förvaltningsrätten i Stockholm.",
            "sv",
            "imy",
            {("Skogsbolaget AB", 200000.0)},
        ),
        (
            "Penalty for Harbour Logistics Ltd",
            "The fine of £40,000 imposed on Harbour Logistics Ltd can be appealed to the "
            "First-tier Tribunal.",
            "en",
            "ico",
            {("Harbour Logistics Ltd", 40000.0)},
        ),
        (
            "Powers of the authority",
            "The authority can impose a fine of up to €20 million on any company.",
            "en",
            "dpc",
            set(),
        ),
    ],
)
def test_a_right_of_appeal_does_not_disqualify_the_sum(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(release(title, body, language, authority)) == expected


# How a name is written: a camel-case brand is a name; a legal form closes a name before
# the next sentence's capital; a location inside an official name stays in it; a Slavic
# ministry keeps its lower-case field.
@pytest.mark.parametrize(
    ("sentence", "language", "name"),
    [
        (
            "Prezes UODO nałożył na eKredyt S.A. Spółka nie zgłosiła naruszenia.",
            "pl",
            "eKredyt S.A.",
        ),
        ("The regulator fined eShopper Ltd £10,000.", "en", "eShopper Ltd"),
        (
            "Prezes UODO nałożył na Uniwersytet Medyczny w Łodzi karę w wysokości 20 000 zł.",
            "pl",
            "Uniwersytet Medyczny w Łodzi",
        ),
        (
            "Úřad uložil Ministerstvu zemědělství pokutu ve výši 100 000 Kč.",
            "cs",
            "Ministerstvu zemědělství",
        ),
        (
            "Agencija je izrekla Ministarstvu financija kaznu od 10.000 eura.",
            "hr",
            "Ministarstvu financija",
        ),
    ],
)
def test_names_as_written(sentence: str, language: str, name: str) -> None:
    assert name in [c.name for c in find_candidates(sentence, language)]


# A public body's lower-case head after its place name is part of the name, and its
# definite form later ("Universitetet", "Kommunen") refers back to it.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanktionsavgift mot Lunds universitet",
            "IMY har granskat en forskargrupp vid Lunds universitet.\n"
            "Universitetet ska betala en sanktionsavgift på 300 000 kronor.",
            "sv",
            "imy",
            {("Lunds universitet", 300000.0)},
        ),
        (
            "Gebyr til Fjordvik kommune",
            "Datatilsynet har kontrollert Fjordvik kommune.\n"
            "Kommunen må betale et overtredelsesgebyr på 200 000 kroner.",
            "no",
            "datatilsynet-no",
            {("Fjordvik kommune", 200000.0)},
        ),
    ],
)
def test_a_public_body_and_its_definite_form(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(release(title, body, language, authority)) == expected


# Guidance that cites earlier fines as examples announces none; a sentence that gives a
# case "for example" is context in any release.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Smjernice o kolačićima za web trgovine",
            "Agencija objavljuje smjernice. Prošlog mjeseca izrečena je kazna od 8.000 eura "
            "web trgovini Alfa d.o.o. zbog kolačića.",
            "hr",
            "azop",
        ),
        (
            "Nouvelle recommandation sur les journaux de connexion",
            "En octobre, une amende de 50 000 euros a été infligée à la société DELTA SAS.",
            "fr",
            "cnil",
        ),
        (
            "Nieuwe regels voor camera's in winkels",
            "Zo kreeg bijvoorbeeld Supermarkt Oost B.V. vorige maand een boete van € 20.000.",
            "nl",
            "ap",
        ),
        (
            "Kameraovervåking på arbeidsplassen",
            "For eksempel fikk Byggmester Nord AS et overtredelsesgebyr på 150 000 kroner.",
            "no",
            "datatilsynet-no",
        ),
    ],
)
def test_guidance_and_examples_announce_nothing(
    title: str, body: str, language: str, authority: str
) -> None:
    assert extract_sanctions(release(title, body, language, authority)) == []
