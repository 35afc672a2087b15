"""Sanctions laid out in rows (tables with a header, lists after an introduction), and the
classes of failure that generalise across languages, in our own invented sentences."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release
from tests.extract.helpers import release


def _triples(release: Release) -> set[tuple[str, str, float | None, str | None]]:
    return {(s.defendant, s.kind, s.amount, s.currency) for s in extract_sanctions(release)}


# A table whose header names the measure (or whose introduction does): each row's sum is
# a sanction on the row's first cell; a currency in the header serves bare figures; a
# total row is no sanction.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Nye vedtak – april 2024",
            "Oversikten viser vedtakene fra april.\n| Virksomhet | Dato | Overtredelsesgebyr |\n"
            "|---|---|---|\n| Fjordvik kommune | 12.04.2024 | 250 000 kr |\n"
            "| Nordlys Helse AS | 18.04.2024 | 900 000 kr |",
            "no",
            "datatilsynet-no",
            {
                ("Fjordvik kommune", "fine", 250000.0, "NOK"),
                ("Nordlys Helse AS", "fine", 900000.0, "NOK"),
            },
        ),
        (
            "Πρόστιμα σε δύο εταιρείες",
            "Η Αρχή επέέβαλε τα εξής πρόστιμα:\n| Υπεύθυνος επεξεργασίας | Πρόστιμο (€) |\n"
            "|---|---|\n| Αλφα Τηλεπικοινωνίες Α.Ε. | 15.000 |\n| Βήτα Ασφαλιστική Α.Ε. | 8.000 |",
            "el",
            "hdpa",
            {
                ("Αλφα Τηλεπικοινωνίες Α.Ε.", "fine", 15000.0, "EUR"),
                ("Βήτα Ασφαλιστική Α.Ε.", "fine", 8000.0, "EUR"),
            },
        ),
        (
            "Novčane kazne dvjema tvrtkama",
            "Agencija je izrekla sljedeće kazne:\n| Voditelj obrade | Iznos kazne |\n|---|---|\n"
            "| prva tvrtka | 10.000,00 EUR |\n| druga tvrtka | 4.000,00 EUR |\n"
            "| Ukupno | 14.000,00 EUR |",
            "hr",
            "azop",
            {
                ("prva tvrtka", "fine", 10000.0, "EUR"),
                ("druga tvrtka", "fine", 4000.0, "EUR"),
            },
        ),
    ],
)
def test_table_rows_take_their_header_kind(
    title: str, body: str, language: str, authority: str, expected: set[tuple[object, ...]]
) -> None:
    assert _triples(release(title, body, language, authority)) == expected


# A bulleted list after a line that names the measure: each row's label before its dash
# is the defendant; a row without money, or a list under a line about something else,
# gives nothing.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Kolme seuraamusmaksua maaliskuussa",
            "Seuraamuskollegio määräsi maaliskuussa seuraavat seuraamusmaksut:\n"
            "- Kuljetusliike Pohjola Oy – 12 000 euroa.\nYhtiö oli kerännyt liikaa tietoja.\n"
            "- Hammaslääkäriasema – 3 500 euroa.",
            "fi",
            "tietosuoja",
            {
                ("Kuljetusliike Pohjola Oy", "fine", 12000.0, "EUR"),
                ("Hammaslääkäriasema", "fine", 3500.0, "EUR"),
            },
        ),
        (
            "Sancțiuni aplicate în luna martie",
            "În urma investigațiilor au fost aplicate următoarele amenzi:\n"
            "- Delta Retail SRL – 24.500 lei, pentru încălcarea art. 32 din RGPD;\n"
            "- Omega Asigurări S.A. – 49.700 lei.",
            "ro",
            "anspdcp",
            {
                ("Delta Retail SRL", "fine", 24500.0, "RON"),
                ("Omega Asigurări S.A.", "fine", 49700.0, "RON"),
            },
        ),
        (
            "Our budget for the coming year",
            "The office will spend its money as follows:\n- Staff – €2,000,000.\n"
            "- Rent – €300,000.",
            "en",
            "dpc",
            set(),
        ),
    ],
)
def test_list_rows_take_their_introduction_kind(
    title: str, body: str, language: str, authority: str, expected: set[tuple[object, ...]]
) -> None:
    assert _triples(release(title, body, language, authority)) == expected
