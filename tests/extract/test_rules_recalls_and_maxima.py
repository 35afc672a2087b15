"""Rules: a fine recalled from an earlier year, and a maximum named as a clause's subject,
are no new sanction. Invented sentences, several languages."""

from __future__ import annotations

import pytest

from tests.extract.helpers import measures, release


@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Was Vereine aus dem Verfahren gegen Nordwerk lernen können",
            "Damals hatte die Behörde gegen die Nordwerk GmbH ein Bußgeld von 2,1 Mio. Euro "
            "festgesetzt. Heute veröffentlichen wir eine Checkliste.",
            "de",
            "hmbbfdi",
        ),
        (
            "Så arbetar vi med tillsyn i år",
            "Ett av förra årets beslut gällde Solbacken AB, som fick en sanktionsavgift på "
            "3 miljoner kronor. Läs mer om våra prioriteringar.",
            "sv",
            "imy",
        ),
        (
            "Sådan beregner vi bøder",
            "Et af sidste års sager gjaldt Havnegade A/S, der fik en bøde på 400.000 kr. "
            "Læs mere om metoden.",
            "da",
            "datatilsynet-dk",
        ),
        (
            "Sådan beregner vi bøder",
            "For kommuner er bødemaksimum efter databeskyttelsesloven 4 mio. kr. "
            "Læs mere om metoden.",
            "da",
            "datatilsynet-dk",
        ),
        (
            "Om bøter",
            "For offentlige organer er maksimum etter loven i dag 5 millioner kroner i bot; "
            "les mer om reglene.",
            "no",
            "datatilsynet-no",
        ),
        (
            "Om sanktionsavgifter",
            "För myndigheter gäller enligt lagen ett tak på 10 miljoner kronor i "
            "sanktionsavgift.",
            "sv",
            "imy",
        ),
    ],
)
def test_a_recalled_fine_or_a_maximum_is_no_new_sanction(
    title: str, body: str, language: str, authority: str
) -> None:
    """Neither the earlier year's fine nor the statutory maximum yields a sanction."""
    assert not {m for m in measures(release(title, body, language, authority)) if m[2]}


@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Sanction contre la société Lumière",
            "La formation restreinte a prononcé une amende de 50 000 euros contre la société "
            "LUMIÈRE SAS. Compte tenu de ses efforts, elle n'a donc pas assorti sa décision "
            "d'une injonction.",
            "fr",
            "cnil",
        ),
        (
            "Sanction contre la société Lumière",
            "La formation restreinte a prononcé une amende de 50 000 euros contre la société "
            "LUMIÈRE SAS. Elle n'a toutefois pas assorti ses décisions d'injonctions.",
            "fr",
            "cnil",
        ),
        (
            "Bußgeld gegen die Nordwerk GmbH",
            "Die Behörde hat gegen die Nordwerk GmbH ein Bußgeld von 80.000 Euro verhängt. "
            "Eine Anordnung hat sie nicht erlassen.",
            "de",
            "bfdi",
        ),
    ],
)
def test_an_order_said_not_to_be_given_is_none(
    title: str, body: str, language: str, authority: str
) -> None:
    """The fine stands; the order the release says was not given is not reported."""
    found = measures(release(title, body, language, authority))
    assert found and not {m for m in found if m[1] == "order"}


@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "party"),
    [
        (
            "Solbakken Kommune har vedtaget bøde",
            "Solbakken Kommune har vedtaget en bøde på 30.000 kr. for at have sendt "
            "helbredsoplysninger til en forkert modtager.",
            "da",
            "datatilsynet-dk",
            "Solbakken Kommune",
        ),
        (
            "Amende pour la société Vallon",
            "La CNIL a prononcé une amende de 20 000 euros contre la société Vallon pour avoir "
            "transmis les fichiers à une société tierce.",
            "fr",
            "cnil",
            "Vallon",
        ),
        (
            "Fjellvik Kommune ilagt gebyr",
            "Fjellvik Kommune har fått et gebyr på 200 000 kroner for å ha sendt "
            "pasientlister til en feil mottaker.",
            "no",
            "datatilsynet-no",
            "Fjellvik Kommune",
        ),
    ],
)
def test_a_name_in_the_cause_clause_is_not_the_party(
    title: str, body: str, language: str, authority: str, party: str
) -> None:
    """The party fined is the one named before the cause clause, not its object."""
    found = measures(release(title, body, language, authority))
    assert found and all(party.lower() in (m[0] or "").lower() for m in found if m[2])


@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Proč Úřad neukládá pokuty obcím",
            "Úřad proto obcím ukládá pouze opatření k nápravě. U soukromých správců může "
            "pokuta dosáhnout až 20 milionů EUR.",
            "cs",
            "uoou",
        ),
        (
            "Warum wir Vereinen selten Bußgelder auferlegen",
            "Gegen den Sportverein Nordstern e.V. wurde ein Bußgeld von 5.000 Euro verhängt, "
            "weil er Mitgliederlisten veröffentlichte.",
            "de",
            "lfdi-bw",
        ),
        (
            "Hvordan vi behandler klager",
            "Datatilsynet påbød Fjordbyen Kommune å slette opptakene.",
            "no",
            "datatilsynet-no",
        ),
    ],
)
def test_a_why_or_how_title_explains_and_announces_nothing(
    title: str, body: str, language: str, authority: str
) -> None:
    """A release titled as an explanation yields no sanction, whatever it cites."""
    assert not measures(release(title, body, language, authority))


@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "parties"),
    [
        (
            "Kary dla Szpitala Miejskiego i Burmistrza Gminy Zalesie",
            "Prezes UODO nałożył kary:\n- Szpital Miejski S.A. - kara w wysokości 40 000 zł,\n"
            "- Burmistrz Gminy Zalesie - kara w wysokości 10 000 zł.",
            "pl",
            "uodo",
            {"Szpital Miejski S.A.", "Burmistrz Gminy Zalesie"},
        ),
        (
            "Sanctions contre deux sociétés du groupe Vallon",
            "La formation restreinte a prononcé deux amendes :\n- VALLON SAS : amende de "
            "30 000 euros ;\n- Mairie de Brives : amende de 5 000 euros.",
            "fr",
            "cnil",
            {"VALLON SAS", "Mairie de Brives"},
        ),
    ],
)
def test_the_name_heading_a_list_row_is_its_party(
    title: str, body: str, language: str, authority: str, parties: set[str]
) -> None:
    """Each bullet row's sum goes to the name that opens the row."""
    found = measures(release(title, body, language, authority))
    assert {m[0] for m in found if m[2]} == parties


@pytest.mark.parametrize(
    ("body", "language", "authority", "party"),
    [
        (
            "Datatilsynet har vedtatt å ilegge Helse- og omsorgsetaten (HOE) et "
            "overtredelsesgebyr på 800 000 kroner.",
            "no",
            "datatilsynet-no",
            "Helse- og omsorgsetaten",
        ),
        (
            "Der Landesbeauftragte hat gegen das Arbeits- und Sozialministerium (ASM) ein "
            "Bußgeld in Höhe von 60.000 Euro verhängt.",
            "de",
            "lfdi-bw",
            "Arbeits- und Sozialministerium",
        ),
    ],
)
def test_a_suspended_compound_names_one_body(
    body: str, language: str, authority: str, party: str
) -> None:
    """"Helse- og omsorgsetaten (HOE)" is one party, its abbreviation no thing."""
    found = measures(release("Gebyr", body, language, authority))
    assert {m[0] for m in found if m[2]} == {party}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "L'Autorità, oltre a irrogare la sanzione, ha ingiunto alla società Alfa S.p.A. di "
            "cancellare i dati raccolti.",
            True,
        ),
        ("Il Garante ha ingiunto ad Alfa S.p.A. di adeguare i trattamenti.", True),
        ("INGIUNGE\nad Alfa S.p.A. di pagare la somma di 20.000 euro.", False),
    ],
)
def test_an_italian_injunction_with_its_object_between_is_an_order(
    body: str, expected: bool
) -> None:
    """"ha ingiunto alla società di ..." orders; a bare "INGIUNGE" to pay is the fine."""
    found = measures(release("Provvedimento nei confronti di Alfa S.p.A.", body, "it", "garante"))
    assert any(m[1] == "order" for m in found) is expected
