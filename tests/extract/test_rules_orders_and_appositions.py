"""Negated orders, a fine and an order in one sentence, the party apposed to a role word,
Nordic public bodies; one table per class of failure, in our own invented sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import measures, release


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
    assert measures(release(title, body, language, authority)) == expected


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
    assert measures(release(title, body, language, authority)) == expected


# A role word and its party side by side: the party is the phrase between the commas.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Upravna novčana kazna",
            "Voditelju obrade, agenciji za naplatu potraživanja, izrečena je upravna novčana "
            "kazna u iznosu od 120.000 eura.",
            "hr",
            "azop",
            {("agencija za naplatu potraživanja", "fine", 120000.0)},
        ),
        (
            "Debt collector fined",
            "The ICO fined the controller, a debt collection agency, £45,000 for calling "
            "people at night.",
            "en",
            "ico",
            {("a debt collection agency", "fine", 45000.0)},
        ),
        (
            "Bußgeld gegen Inkassounternehmen",
            "Dem Verantwortlichen, einem Inkassounternehmen, wurde ein Bußgeld von 12.000 Euro "
            "auferlegt.",
            "de",
            "bfdi",
            {("ein Inkassounternehmen", "fine", 12000.0)},
        ),
        (
            "Pokuta",
            "Úřad uložil správci, společnosti Modrý Dům s.r.o., pokutu ve výši 150 000 Kč.",
            "cs",
            "uoou",
            {("společnosti Modrý Dům s.r.o.", "fine", 150000.0)},
        ),
        (
            "Kara",
            "Prezes UODO nałożył na administratora, Szpital Miejski w Lesznie, karę w "
            "wysokości 40 000 zł.",
            "pl",
            "uodo",
            {("Szpital Miejski w Lesznie", "fine", 40000.0)},
        ),
    ],
)
def test_the_party_apposed_to_a_role_word(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert measures(release(title, body, language, authority)) == expected


# A Nordic public body: a genitive and its lower-case noun ("Statens pensjonskasse").
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Gebyr til Statens pensjonskasse",
            "Datatilsynet har ilagt Statens pensjonskasse et overtredelsesgebyr på 1 000 000 "
            "kroner for behandlingen i registeret PERSYS.",
            "no",
            "datatilsynet-no",
            {("Statens pensjonskasse", "fine", 1000000.0)},
        ),
        (
            "Sanktionsavgift mot Statens servicecenter",
            "IMY har beslutat att Statens servicecenter ska betala en sanktionsavgift på "
            "400 000 kronor.",
            "sv",
            "imy",
            {("Statens servicecenter", "fine", 400000.0)},
        ),
    ],
)
def test_a_nordic_public_body_with_a_lower_case_noun(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert measures(release(title, body, language, authority)) == expected
