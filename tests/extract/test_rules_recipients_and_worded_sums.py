"""Classes of miss met on real layouts (round 10), each in our own sentences and languages."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.extract.amounts import parse_amount
from scrapers.extract.evaluate import same_defendant
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


def _kinds(item: Release) -> set[tuple[str, str, float | None]]:
    return {(s.defendant, s.kind, s.amount) for s in extract_sanctions(item)}


# A sum written in words before its scale ("Cinque milioni di euro") is the fine; an order
# the authority "had" given in an earlier year, however many words stand between the
# auxiliary and the measure, is no new order.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanzione a una app di incontri",
            "Tre milioni di euro: è la sanzione che il Garante ha inflitto a Corallo Apps S.r.l. "
            "Con il provvedimento del 3 marzo 2025 l'Autorità ha accertato che, nel maggio "
            "2023 in cui il Garante aveva disposto in via d'urgenza la limitazione del "
            "trattamento, la società non verificava l'età degli utenti.",
            "it",
            "garante",
            {("Corallo Apps S.r.l.", "fine", 3000000.0)},
        ),
        (
            "Fine for a dating app",
            "The commissioner fined Harbour Apps Ltd two million pounds. In 2022, when the "
            "commissioner had urgently and provisionally ordered a temporary ban on the "
            "processing, the firm checked no ages, the decision of 3 March 2025 found.",
            "en",
            "ico",
            {("Harbour Apps Ltd", "fine", 2000000.0)},
        ),
        (
            "Vedtak om overtredelsesgebyr til Nordvik Pensjon AS",
            "Datatilsynet har ilagt Nordvik Pensjon AS et overtredelsesgebyr på én "
            "million kroner.",
            "no",
            "datatilsynet-no",
            {("Nordvik Pensjon AS", "fine", 1000000.0)},
        ),
        (
            "Boete voor een ziekenhuis",
            "De AP heeft Ziekenhuis Westkust een boete van één miljoen euro opgelegd.",
            "nl",
            "ap",
            {("Ziekenhuis Westkust", "fine", 1000000.0)},
        ),
        (
            "Bußgeld gegen eine App",
            "Der LfDI verhängte gegen die Wiesental Apps GmbH ein Bußgeld von zwei Millionen "
            "Euro.",
            "de",
            "lfdi-bw",
            {("Wiesental Apps GmbH", "fine", 2000000.0)},
        ),
    ],
)
def test_a_worded_sum_is_the_fine_and_an_earlier_order_is_none(
    title: str,
    body: str,
    language: str,
    authority: str,
    expected: set[tuple[str, str, float]],
) -> None:
    assert _kinds(release(title, body, language, authority)) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("two million users", "en"),
        ("zwei Millionen Nutzer", "de"),
        ("cinq millions de clients", "fr"),
    ],
)
def test_a_worded_count_is_no_money(text: str, language: str) -> None:
    assert parse_amount(text, language) == []


# The scorer pairs one anonymised party written with its article and in another case, and
# never two different parties.
@pytest.mark.parametrize(
    ("expected", "found", "paired"),
    [
        ("ein Polizeibeamter", "Polizeibeamten", True),
        ("eine Krankenkasse", "Krankenkassen", True),
        ("a pharmacist", "pharmacists", True),
        ("un dipendente comunale", "dipendente comunale", True),
        ("ein Polizeibeamter", "ein Lehrer", False),
        ("eine Bank", "ein Versicherer", False),
        ("Kommune Nord", "Kommune Syd", False),
    ],
)
def test_the_scorer_pairs_an_inflected_party_only(
    expected: str, found: str, paired: bool
) -> None:
    assert same_defendant(expected, found) is paired
