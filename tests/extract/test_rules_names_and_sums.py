"""Names and sums: one table per rule, in our own invented sentences.

Names: distinct companies stay distinct, abbreviations and case endings resolve to the full
name, adjectives, laws, countries and compounds are no names. Sums: rounded headlines give
way to exact figures, one defendant's parts to its stated total, counterfactual and
conditional sums are none.
"""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import extract_sanctions
from scrapers.extract.context import clause_of
from scrapers.extract.defendants import find_candidates
from scrapers.extract.names import NameBook
from scrapers.models import Sanction
from tests.extract.helpers import release


def _found(title: str, body: str, language: str, authority: str) -> list[Sanction]:
    return extract_sanctions(release(title, body, language, authority, date(2024, 6, 1)))


def _rows(found: list[Sanction]) -> set[tuple[str, str, float | None]]:
    return {(s.defendant, s.kind, s.amount) for s in found}


# Two companies whose names share a first word are two defendants.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanctions contre ACME LLC et ACME EUROPE LIMITED",
            "- à l'encontre de la société ACME LLC, une amende de 4 millions d'euros ;\n"
            "- à l'encontre de la société ACME EUROPE LIMITED, une amende de 2 millions "
            "d'euros.",
            "fr",
            "cnil",
            {
                ("ACME LLC", "fine", 4_000_000),
                ("ACME EUROPE LIMITED", "fine", 2_000_000),
            },
        ),
        (
            "Forbud mot Nordlys",
            "Datatilsynet pålegger Nordlys Holding AS og Nordlys Data AS et forbud mot "
            "behandlingen.",
            "no",
            "datatilsynet-no",
            {("Nordlys Holding AS", "order", None), ("Nordlys Data AS", "order", None)},
        ),
        (
            "Limitazione provvisoria",
            "Il Garante ha disposto la limitazione del trattamento nei confronti di Alba "
            "Sistemi Digitali e di Borea Sistemi Digitali, società che gestiscono l'app.",
            "it",
            "garante",
            {("Alba Sistemi Digitali", "order", None), ("Borea Sistemi Digitali", "order", None)},
        ),
    ],
)
def test_distinct_legal_entities_stay_distinct(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _rows(_found(title, body, language, authority)) == expected


# A rounded or "more than" headline gives way to the exact figure of the same defendant.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "amount"),
    [
        (
            "Prawie 2 mln zł kary dla Kwiat.pl",
            "Prezes UODO nałożył na Kwiat.pl sp. z o.o. karę w kwocie 1 912 400 zł.",
            "pl",
            "uodo",
            1_912_400,
        ),
        (
            "Il Garante sanziona Delfino per oltre 12 milioni di euro",
            "Il Garante ha ingiunto a Delfino S.p.A. il pagamento di una sanzione di "
            "12.480.000 euro.",
            "it",
            "garante",
            12_480_000,
        ),
        (
            "Regulator fines Harbour Ltd more than £3.2m",
            "We have fined Harbour Ltd £3,254,100 for failing to protect customer data.",
            "en",
            "ico",
            3_254_100,
        ),
    ],
)
def test_exact_figure_wins_over_its_rounding(
    title: str, body: str, language: str, authority: str, amount: float
) -> None:
    found = _found(title, body, language, authority)
    assert [s.amount for s in found if s.kind == "fine"] == [amount]


def test_more_than_a_sum_with_no_exact_figure_is_no_sanction() -> None:
    # A fine without its sum would be an alert with a currency and no amount: refused.
    assert not _found(
        "Regulator fines Harbour Ltd more than £3.2m",
        "The penalty follows a breach of customer data.",
        "en",
        "ico",
    )


# One defendant's parts give way to its stated total; a total over several is no sanction.
@pytest.mark.parametrize(
    ("body", "language", "authority", "expected"),
    [
        (
            "La Agencia impone a la COMUNIDAD DE VECINOS X una multa de 2.000 euros por la "
            "infracción del artículo 6 y otra de 1.000 euros por la del artículo 13, esto es, "
            "3.000 euros en total.",
            "es",
            "aepd",
            {("COMUNIDAD DE VECINOS X", "fine", 3000)},
        ),
        (
            "A CNPD aplicou à Clínica Aurora, Lda uma coima no valor total de 90.000 €. A "
            "coima resulta de duas contraordenações: 60.000 euros pela primeira e 30.000 "
            "euros pela segunda.",
            "pt",
            "cnpd-pt",
            {("Clínica Aurora, Lda", "fine", 90_000)},
        ),
        (
            "The Commissioner fined Alpha Ltd €40,000 and Beta Ltd €10,000, a total of €50,000.",
            "en",
            "dpc",
            {("Alpha Ltd", "fine", 40_000), ("Beta Ltd", "fine", 10_000)},
        ),
    ],
)
def test_stated_totals_and_parts(
    body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _rows(_found("Decision", body, language, authority)) == expected


# Sums not imposed: what a fine would have been, a penalty due only if an order is disobeyed.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Two councils reprimanded",
            "We have issued a reprimand to Northvale Council. Without our public sector "
            "approach, a fine of £900,000 would have been issued.",
            "en",
            "ico",
            {("Northvale Council", "reprimand", None)},
        ),
        (
            "AP legt Gemeente Oosterveld een last onder dwangsom op",
            "De AP heeft Gemeente Oosterveld een last onder dwangsom opgelegd. Doet de "
            "gemeente dat niet op tijd, dan moet zij een dwangsom van € 20.000 per week "
            "betalen.",
            "nl",
            "ap",
            {("Gemeente Oosterveld", "order", None)},
        ),
        (
            "Pålegg til Fjordbank",
            "Datatilsynet ga Fjordbank ASA et pålegg om å slette opplysningene. Dersom banken "
            "ikke etterlever pålegget, påløper en tvangsmulkt på 50 000 kroner.",
            "no",
            "datatilsynet-no",
            {("Fjordbank ASA", "order", None)},
        ),
    ],
)
def test_sums_not_imposed_are_no_amounts(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, None]]
) -> None:
    assert _rows(_found(title, body, language, authority)) == expected


# The name the release writes in full, whatever form a sentence uses.
@pytest.mark.parametrize(
    ("variant", "names", "text", "language", "full"),
    [
        ("Pohjola Linelle", ["Pohjola Line Oy Abp"], "", "fi", "Pohjola Line Oy Abp"),
        ("Kainuun Kirjastolle", ["Kainuun Kirjasto Oy"], "", "fi", "Kainuun Kirjasto Oy"),
        ("Aarhus Kommunes", ["Aarhus Kommune"], "", "da", "Aarhus Kommune"),
        ("Vejle Kommunes", [], "", "da", "Vejle Kommune"),
        ("Region Nords", [], "", "sv", "Region Nords"),  # no head: the genitive is unsure
        (
            "NHA",
            ["National Health Agency"],
            "the National Health Agency (NHA) was fined",
            "en",
            "National Health Agency",
        ),
        (
            "MareNet",
            ["Rete Mare Nazionale"],
            "la Rete Mare Nazionale (MareNet)",
            "it",
            "Rete Mare Nazionale",  # one of the full name's words
        ),
        (
            "Italia",
            ["Rete Mare Nazionale"],
            "la Rete Mare Nazionale (Italia)",
            "it",
            "Italia",  # neither initials nor one of the full name's words: a place
        ),
        ("Acme", ["Acme Inc"], "Acme Ltd and Acme Inc (Acme)", "en", "Acme"),  # joint alias
    ],
)
def test_canonical_names(
    variant: str, names: list[str], text: str, language: str, full: str
) -> None:
    assert NameBook(text, names, language).canonical(variant) == full


# Words that look like names and are not: adjectives, laws, countries, common compounds,
# a bracketed abbreviation of the name just before.
@pytest.mark.parametrize(
    ("sentence", "language", "names"),
    [
        (
            "De AP heeft Zoomly een boete gegeven omdat Nederlandse gebruikers klaagden.",
            "nl",
            ["Zoomly"],
        ),
        ("La Ley de Servicios Digitales obliga a Mercado Sol a informar.", "es", ["Mercado Sol"]),
        ("Overførsel til USA er ulovlig, siger Datatilsynet.", "da", []),
        ("Tilsynet afslutter Chromebook-sag om elever.", "da", []),
        (
            "A CNPD aplicou à Agência Nacional de Pesca (ANP) uma coima.",
            "pt",
            ["Agência Nacional de Pesca"],
        ),
    ],
)
def test_non_names(sentence: str, language: str, names: list[str]) -> None:
    assert [c.name for c in find_candidates(sentence, language)] == names


# Who receives the measure: the object after the verb, the name before "een boete", the
# subject past a clause between commas, names joined by "and".
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "La Chambre Contentieuse sanctionne Lumen Media",
            "La Chambre Contentieuse inflige à Lumen Media une amende de 30.000 euros. Elle "
            "ordonne en outre à Lumen Media de supprimer les données.",
            "fr",
            "apd",
            {("Lumen Media", "fine", 30_000), ("Lumen Media", "order", None)},
        ),
        (
            "Boete voor Klikker",
            "De Autoriteit Persoonsgegevens heeft Klikker een boete opgelegd van 80.000 euro "
            "omdat Duitse klanten niet werden geïnformeerd.",
            "nl",
            "ap",
            {("Klikker", "fine", 80_000)},
        ),
        (
            "Boetes voor twee bedrijven",
            "- Parkeer Partners, dat de camera's beheerde, krijgt een boete van 15.000 euro;\n"
            "- Stadsgarage Noord krijgt een boete van 5.000 euro.",
            "nl",
            "apd",
            {("Parkeer Partners", "fine", 15_000), ("Stadsgarage Noord", "fine", 5_000)},
        ),
        (
            "Fines for a ministry and a mayor",
            "The Authority imposed on the Ministry of Ports a fine of €60,000 and on Jan "
            "Novak a fine of €6,000.",
            "en",
            "edpb",
            {("Ministry of Ports", "fine", 60_000), ("Jan Novak", "fine", 6_000)},
        ),
        (
            "Lejre-lignende sag: Kommune idømt bøde",
            "Retten har idømt Gribskov Kommune en bøde på 40.000 kr. Bødens størrelse "
            "svarer til Datatilsynets indstilling.",
            "da",
            "datatilsynet-dk",
            {("Gribskov Kommune", "fine", 40_000)},
        ),
    ],
)
def test_who_receives_the_measure(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _rows(_found(title, body, language, authority)) == expected


# Measures that are not taken now: earlier orders recalled, orders breached, summaries.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Liquidation d'astreinte contre ORBIS SAS",
            "La formation restreinte a prononcé à l'encontre de la société ORBIS SAS une "
            "astreinte d'un montant de 300 000 euros. Elle lui avait aussi ordonné de "
            "cesser la collecte.",
            "fr",
            "cnil",
            {("ORBIS SAS", "periodic_penalty", 300_000)},
        ),
        (
            "Seuraamusmaksu Kivijärven Sähkölle määräyksen noudattamatta jättämisestä",
            "Seuraamuskollegio on määrännyt Kivijärven Sähkö Oy:lle 90 000 euron "
            "seuraamusmaksun, koska yhtiö ei noudattanut aiemmin annettua määräystä.",
            "fi",
            "tietosuoja",
            {("Kivijärven Sähkö Oy", "fine", 90_000)},
        ),
        (
            "IMY granskar tre bolag",
            "Två av bolagen påförs sanktionsavgifter, och ett förelägger IMY att rätta sig. "
            "Alfa Handel AB ska betala en sanktionsavgift på 2 miljoner kronor och Beta "
            "Resor AB en sanktionsavgift på 500 000 kronor. IMY förelägger Gamma Data AB att "
            "sluta.",
            "sv",
            "imy",
            {
                ("Alfa Handel AB", "fine", 2_000_000),
                ("Beta Resor AB", "fine", 500_000),
                ("Gamma Data AB", "order", None),
            },
        ),
    ],
)
def test_measures_not_taken_now(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str, float]]
) -> None:
    assert _rows(_found(title, body, language, authority)) == expected


@pytest.mark.parametrize(
    ("sentence", "position", "language", "clause"),
    [
        ("Fined €5,000, because it had previously ignored us.", 10, "en", "Fined €5,000"),
        (
            "Määrättiin 5 000 euroa, koska yhtiö oli aiemmin laiminlyönyt.",
            20,
            "fi",
            "Määrättiin 5 000 euroa",
        ),
        (
            "Amende de 5 000 euros prononcée le 3 mai.",
            20,
            "fr",
            "Amende de 5 000 euros prononcée le 3 mai.",
        ),
    ],
)
def test_clause_of_a_sum_stops_at_its_explanation(
    sentence: str, position: int, language: str, clause: str
) -> None:
    assert clause_of(sentence, position, language) == clause
