"""Tables of fines, legal names kept whole, title fragments that are no party; one table
per class of failure, in our own invented sentences across languages."""

from __future__ import annotations

import pytest

from tests.extract.helpers import measures, release


# A table of fines: one fine per row, with a caption row above the header, the currency
# in the header ("(kronor)") or in the cells ("kr").
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanktionsavgifter mot tre kommuner",
            "IMY har granskat kommunernas kameraövervakning.\n"
            "| Beslutade avgifter |  |\n|---|---|\n"
            "| Verksamhet | Sanktionsavgift (kronor) |\n|---|---|\n"
            "| Ekby kommun | 300 000 |\n| Norrvik Energi AB | 1 200 000 |",
            "sv",
            "imy",
            {("Ekby kommun", "fine", 300000.0), ("Norrvik Energi AB", "fine", 1200000.0)},
        ),
        (
            "Overtredelsesgebyr til to virksomheter",
            "Datatilsynet har fattet vedtak i to saker.\n"
            "| Virksomhet | Overtredelsesgebyr |\n|---|---|\n"
            "| Fjellbakken AS | 250 000 kr |\n| Solvik Transport AS | 400 000 kroner |",
            "no",
            "datatilsynet-no",
            {("Fjellbakken AS", "fine", 250000.0), ("Solvik Transport AS", "fine", 400000.0)},
        ),
        (
            "Bøder til to virksomheder",
            "Datatilsynet har indstillet to virksomheder til bøde.\n"
            "| Virksomhed | Bøde (kr.) |\n|---|---|\n"
            "| Havnegade ApS | 50.000 |\n| Kløverhuset A/S | 75.000 |",
            "da",
            "datatilsynet-dk",
            set(),  # a police recommendation ("indstillet til bøde") is no fine yet
        ),
        (
            "Pokuty za porušení GDPR",
            "Úřad uložil pokuty těmto správcům.\n"
            "| Správce | Pokuta (Kč) |\n|---|---|\n"
            "| Modrá Hvězda s.r.o. | 150 000 |\n| Lesní Stezka a.s. | 80 000 |",
            "cs",
            "uoou",
            {("Modrá Hvězda s.r.o.", "fine", 150000.0), ("Lesní Stezka a.s.", "fine", 80000.0)},
        ),
    ],
)
def test_a_table_of_fines_gives_one_fine_per_row(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert measures(release(title, body, language, authority)) == expected


# A legal name with a comma before its legal form, or a capitalised small word inside it,
# is kept whole.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Procedimiento sancionador",
            "La AEPD ha impuesto a Telefonía Sur, S.L. una multa de 20.000 euros.",
            "es",
            "aepd",
            {("Telefonía Sur, S.L.", "fine", 20000.0)},
        ),
        (
            "FTC action",
            "The FTC fined Brightline Apps, Inc. $500,000 for the breach.",
            "en",
            "ftc",
            {("Brightline Apps, Inc.", "fine", 500000.0)},
        ),
        (
            "Pokuta",
            "Úřad uložil společnosti Lesní Stezka, a.s. pokutu ve výši 80 000 Kč.",
            "cs",
            "uoou",
            {("Lesní Stezka, a.s.", "fine", 80000.0)},
        ),
        (
            "Kara",
            "Prezes UODO nałożył na Zielony Las Sp. z o.o. karę w wysokości 100 000 zł.",
            "pl",
            "uodo",
            {("Zielony Las Sp. z o.o.", "fine", 100000.0)},
        ),
    ],
)
def test_a_legal_name_is_kept_whole(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert measures(release(title, body, language, authority)) == expected


# A title fragment that opens with the measure word is no party: the body names it.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Boete Belastingdienst",
            "De Autoriteit Persoonsgegevens heeft de Belastingdienst een boete van 2,75 "
            "miljoen euro opgelegd.",
            "nl",
            "ap",
            {("Belastingdienst", "fine", 2750000.0)},
        ),
        (
            "Sanzione Comune di Vallerosa",
            "Il Garante ha inflitto al Comune di Vallerosa una sanzione di 10.000 euro.",
            "it",
            "garante",
            {("Comune di Vallerosa", "fine", 10000.0)},
        ),
    ],
)
def test_a_title_fragment_opening_with_the_measure_is_no_party(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert measures(release(title, body, language, authority)) == expected
