"""The amount recogniser, one row per real way of writing a sum, per language."""

from __future__ import annotations

import pytest

from scrapers.extract import parse_amount

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "language", "amount", "currency"),
    [
        ("une amende de 20 millions d'euros", "fr", 20_000_000, "EUR"),
        (f"une amende de 300{NNBSP}000 €", "fr", 300_000, "EUR"),
        ("20 M€ (20 000 000 €)", "fr", 20_000_000, "EUR"),
        ("175.000 (cent soixante-quinze mille) euros", "fr", 175_000, "EUR"),
        ("a fine of €20 million", "en", 20_000_000, "EUR"),
        ("EUR 20,000,000", "en", 20_000_000, "EUR"),
        ("a fine of €1.2bn", "en", 1_200_000_000, "EUR"),
        ("a fine of €485million", "en", 485_000_000, "EUR"),
        ("£7,552,800", "en", 7_552_800, "GBP"),
        ("fined £7.5m", "en", 7_500_000, "GBP"),
        ("fined SEK 12 million", "en", 12_000_000, "SEK"),
        ("$5 billion", "en", 5_000_000_000, "USD"),
        ("20.000.000 euro", "it", 20_000_000, "EUR"),
        ("una sanzione di 45mila euro", "it", 45_000, "EUR"),
        ("la somma di euro 10.000,00 (diecimila/00)", "it", 10_000, "EUR"),
        ("una multa de 1.400 € (mil cuatrocientos euros)", "es", 1_400, "EUR"),
        ("una multa de 20 mil euros", "es", 20_000, "EUR"),
        ("1,2 Mrd. Euro", "de", 1_200_000_000, "EUR"),
        ("EUR 1,2 Mio.", "de", 1_200_000, "EUR"),
        ("een boete van 475.000 euro", "nl", 475_000, "EUR"),
        ("58 miljoner kronor", "sv", 58_000_000, "SEK"),
        ("en sanktionsavgift på 12 mnkr", "sv", 12_000_000, "SEK"),
        (f"6{NBSP}000{NBSP}000 kronor", "sv", 6_000_000, "SEK"),
        ("65 millioner kroner", "no", 65_000_000, "NOK"),
        ("en bøde på 1,2 mio. kr.", "da", 1_200_000, "DKK"),
        (f"1{NBSP}440{NBSP}000 zł", "pl", 1_440_000, "PLN"),
        ("47.160,- zł", "pl", 47_160, "PLN"),
        ("2.475,3 lei", "ro", 2_475.3, "RON"),
        ("20 εκατομμύρια ευρώ", "el", 20_000_000, "EUR"),
        ("πρόστιμο ύψους δέκα χιλιάδων (10.000) ευρώ", "el", 10_000, "EUR"),
        ("15.000 eura", "hr", 15_000, "EUR"),
        ("1 000 000 Kč", "cs", 1_000_000, "CZK"),
        ("100 000 euroa", "fi", 100_000, "EUR"),
        ("coima de 4,3 milhões de euros", "pt", 4_300_000, "EUR"),
    ],
)
def test_each_written_form_gives_the_amount_and_currency(
    text: str, language: str, amount: float, currency: str
) -> None:
    found = parse_amount(text, language)
    assert [(m.amount, m.currency) for m in found] == [(amount, currency)]


def test_equivalent_in_another_currency_is_a_second_money() -> None:
    found = parse_amount("amendă de 5.089 lei (echivalentul a 1.000 EURO)", "ro")
    assert [(m.amount, m.currency) for m in found] == [(5089, "RON"), (1000, "EUR")]


@pytest.mark.parametrize(
    "text",
    [
        "article 83(5) of the GDPR",
        "in 2023 the ICO",
        "4 % du chiffre d'affaires",
        "DKN.5112.1.2023",
        "OIB: 28454963989",
        "20 m from the door",
    ],
)
def test_numbers_that_are_not_money_are_ignored(text: str) -> None:
    assert parse_amount(text, "en") == []


def test_scale_without_currency_is_kept_without_currency() -> None:
    (money,) = parse_amount("une astreinte de 5,2 millions", "fr")
    assert (money.amount, money.currency, money.scaled) == (5_200_000, None, True)
