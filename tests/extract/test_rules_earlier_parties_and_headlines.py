"""Classes of miss met on real layouts (round 9), each in our own sentences and languages."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release
from tests.extract.helpers import release


def _fines(item: Release) -> set[tuple[str, float | None]]:
    return {(s.defendant, s.amount) for s in extract_sanctions(item) if s.kind == "fine"}


# The release's party is named first and the fine given to "the company"; a later sentence
# recalls another company fined "a week earlier": that one is not the defendant.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Kuljetusyhtiölle seuraamusmaksu",
            "Kaarnalinja Oy ei ollut arvioinut riskejä ennen kameravalvonnan käyttöönottoa. "
            "Seuraamuskollegio määräsi yhtiölle 45 000 euron seuraamusmaksun. "
            "Päätös on kolmas seuraamusmaksu: kuukautta aiemmin Revontuli Group Oyj:lle "
            "määrättiin 90 000 euron maksu.",
            "fi",
            "tietosuoja",
            {("Kaarnalinja Oy", 45000.0)},
        ),
        (
            "Penalty for a courier firm",
            "Fenwick Parcels Ltd had not assessed the risks of its dashboard cameras. "
            "The commissioner fined the company £45,000. "
            "It is the second penalty this year: a month earlier Harrow Group plc was fined "
            "£90,000 for direct marketing.",
            "en",
            "ico",
            {("Fenwick Parcels Ltd", 45000.0)},
        ),
        (
            "Bußgeld gegen ein Transportunternehmen",
            "Die Sturmweg Logistik GmbH hatte die Risiken der Kameras nicht bewertet. "
            "Der LfDI verhängte gegen das Unternehmen ein Bußgeld in Höhe von 45.000 Euro. "
            "Zwei Wochen zuvor Bergland Holding AG war ein Bußgeld von 90.000 Euro auferlegt "
            "worden.",
            "de",
            "lfdi-bw",
            {("Sturmweg Logistik GmbH", 45000.0)},
        ),
    ],
)
def test_a_party_fined_earlier_is_not_the_defendant(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, float]]
) -> None:
    assert _fines(release(title, body, language, authority)) == expected


# A facts table of field/value rows: the "Measure" field is the measure, never the party;
# the party is the one the title and the "Organisation" field name.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanction de 2 millions d'euros à l'encontre de la société NUAGEVERT SAS",
            "| La décision en bref |  |\n|---|---|\n| Organisme | NUAGEVERT SAS |\n"
            "| Date | 3 mars 2024 |\n| Mesure | Amende administrative de 2 000 000 € |\n"
            "La formation restreinte a relevé des cookies déposés sans consentement.",
            "fr",
            "cnil",
            {("NUAGEVERT SAS", 2000000.0)},
        ),
        (
            "Bußgeld gegen die Talblick Versand GmbH",
            "| Überblick |  |\n|---|---|\n| Verantwortlicher | Talblick Versand GmbH |\n"
            "| Maßnahme | Bußgeld in Höhe von 80.000 Euro |\n"
            "Der Versandhändler hatte Kundendaten zu lange gespeichert.",
            "de",
            "lfdi-bw",
            {("Talblick Versand GmbH", 80000.0)},
        ),
        (
            "Multa de 50.000 euros a Brisamar Servicios S.L.",
            "| Resumen |  |\n|---|---|\n| Entidad | Brisamar Servicios S.L. |\n"
            "| Medida | Multa de 50.000 euros |\n"
            "La entidad envió publicidad sin consentimiento.",
            "es",
            "aepd",
            {("Brisamar Servicios S.L.", 50000.0)},
        ),
    ],
)
def test_a_measure_field_in_a_facts_table_is_not_the_party(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, float]]
) -> None:
    assert _fines(release(title, body, language, authority)) == expected


# An English headline capitalises its verbs: "Will Require", "Requires" are no part of the
# party's name, so the headline and the body give one sanction, not two.
@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "FTC Will Require Brightloom to Pay $3 million over Charges it Kept Kids' Data",
            "Brightloom will pay $3 million to settle Federal Trade Commission charges that it "
            "kept children's data without their parents' consent.",
            {("Brightloom", 3000000.0)},
        ),
        (
            "FTC Requires Quillstone Apps to Pay $1.5 million Civil Penalty",
            "Quillstone Apps will pay a $1.5 million civil penalty to settle charges that it "
            "collected location data without consent.",
            {("Quillstone Apps", 1500000.0)},
        ),
        (
            "Marrow Labs Must Pay $750,000 Penalty to Settle FTC Charges",
            "Marrow Labs agreed to pay a $750,000 civil penalty to settle charges that it "
            "shared health data with advertisers.",
            {("Marrow Labs", 750000.0)},
        ),
    ],
)
def test_a_headline_verb_is_no_part_of_the_name(
    title: str, body: str, expected: set[tuple[str, float]]
) -> None:
    assert _fines(release(title, body, "en", "ftc")) == expected
