"""extract_sanctions on short releases: what is a sanction, and what only looks like one."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.extract import extract_sanctions, parse_amount
from scrapers.models import Release
from tests.extract.helpers import release


def _release(title: str, body: str, language: str, authority: str,
             published: date = date(2022, 10, 20)) -> Release:
    return release(title, body, language, authority, published)


def test_fine_and_order_for_one_defendant_give_two_rows_and_no_daily_rate() -> None:
    found = extract_sanctions(
        _release(
            "Sanction de 20 millions d'euros à l'encontre de CLEARVIEW AI",
            "Le 17 octobre 2022, la formation restreinte a prononcé une amende de 20 millions "
            "d'euros à l'encontre de la société CLEARVIEW AI. Elle lui a enjoint de supprimer "
            "les données, sous astreinte de 100 000 euros par jour de retard.",
            "fr",
            "cnil",
        )
    )
    rows = {(s.kind, s.amount) for s in found}
    assert rows == {("fine", 20_000_000), ("order", None)}
    fine = next(s for s in found if s.kind == "fine")
    assert fine.defendant == "CLEARVIEW AI" and fine.decision_date == date(2022, 10, 17)
    assert fine.amount_eur == 20_000_000 and fine.currency == "EUR"


def test_one_row_per_entity_and_a_total_is_not_a_sanction() -> None:
    found = extract_sanctions(
        _release(
            "Cookies : la CNIL sanctionne GOOGLE et FACEBOOK",
            "La formation restreinte a prononcé une amende de 90 millions d'euros à l'encontre de "
            "GOOGLE LLC, de 60 millions d'euros à l'encontre de GOOGLE IRELAND LIMITED et de 60 "
            "millions d'euros à l'encontre de FACEBOOK IRELAND LIMITED, soit un total de 210 "
            "millions d'euros.",
            "fr",
            "cnil",
        )
    )
    assert sorted((s.defendant, s.amount) for s in found) == [
        ("FACEBOOK IRELAND LIMITED", 60_000_000),
        ("GOOGLE IRELAND LIMITED", 60_000_000),
        ("GOOGLE LLC", 90_000_000),
    ]


def test_aggregator_records_the_deciding_authority() -> None:
    (fine,) = extract_sanctions(
        _release(
            "Dutch SA fines Uber",
            "The Dutch SA has imposed a fine of 290 million euros on "
            "Uber B.V. for transferring drivers' data to the US.",
            "en",
            "edpb",
            date(2024, 8, 26),
        )
    )
    assert (fine.defendant, fine.authority, fine.amount) == ("Uber B.V.", "ap", 290_000_000)


def test_local_currency_is_kept_and_converted() -> None:
    (fine,) = extract_sanctions(
        _release(
            "Sanktionsavgift mot Spotify",
            "IMY beslutar att Spotify AB ska betala en "
            "administrativ sanktionsavgift på 58 miljoner kronor.",
            "sv",
            "imy",
            date(2023, 6, 13),
        )
    )
    assert (fine.currency, fine.amount) == ("SEK", 58_000_000)
    assert fine.amount_eur is not None and 4_000_000 < fine.amount_eur < 6_000_000


def test_statutory_maximum_and_notice_of_intent_are_not_sanctions() -> None:
    assert (
        extract_sanctions(
            _release(
                "Guidance on fines",
                "Organisations can be fined up to £17.5 million or 4% of global "
                "turnover. The ICO issued a notice of intent to fine a retailer £27 million.",
                "en",
                "ico",
            )
        )
        == []
    )


def test_court_review_of_an_earlier_fine_is_not_a_new_sanction() -> None:
    assert (
        extract_sanctions(
            _release(
                "Le Conseil d'État confirme l'amende infligée à GOOGLE LLC",
                "Le Conseil d'État a confirmé l'amende de 100 millions d'euros.",
                "fr",
                "cnil",
            )
        )
        == []
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["fr", "en", "el", "pl", "sv", "xx", ""]))
def test_parse_amount_never_raises(text: str, language: str) -> None:
    for money in parse_amount(text, language):
        assert money.amount > 0


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=300),
    st.text(max_size=600),
    st.sampled_from(["fr", "en", "el", "de", "da", "fi", "zz"]),
)
def test_extract_sanctions_never_raises(title: str, body: str, language: str) -> None:
    assert isinstance(extract_sanctions(_release(title, body, language, "cnil")), list)
