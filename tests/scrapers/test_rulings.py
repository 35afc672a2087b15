"""Court rulings on earlier sanctions become case updates, never new sanctions."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release
from scrapers.rulings import find_case_update


def release(language: str, title: str, body: str = "") -> Release:
    return Release("s", "cnil", "https://example.org/r", title, language, body_text=body)


@pytest.mark.parametrize(("language", "title", "body", "party", "outcome", "amount"), [
    ("fr", "Le Conseil d'État confirme la sanction de 30 millions d'euros prononcée contre "
     "la société NORDIS TELECOM", "", "NORDIS TELECOM", "upheld", None),
    ("en", "Tribunal reduces the fine on Harbour Cabs Ltd",
     "The First-tier Tribunal reduced the fine from £400,000 to £150,000.",
     "Harbour Cabs Ltd", "reduced", 150_000.0),
    ("sv", "Förvaltningsrätten sänker sanktionsavgiften för Nordbanken AB",
     "I maj 2021 beslutade myndigheten att Nordbanken AB skulle betala 40 miljoner kronor. "
     "Domstolen anser att avgiften ska bestämmas till 25 miljoner kronor.",
     "Nordbanken AB", "reduced", 25_000_000.0),
    ("nl", "Rechtbank vernietigt boete voor Sportvereniging Delta",
     "De rechtbank heeft de boete van 300.000 euro voor Sportvereniging Delta vernietigd.",
     "Sportvereniging Delta", "annulled", None),
    ("de", "Bundesverwaltungsgericht hebt Straferkenntnis gegen die Alpenbahn AG auf",
     "", "Alpenbahn AG", "annulled", None),
    ("es", "La Audiencia Nacional confirma la multa de 2 millones a Banco Levante, S.A.",
     "", "Banco Levante, S.A.", "upheld", None),
])
def test_a_ruling_is_an_update_of_the_case(language: str, title: str, body: str, party: str,
                                           outcome: str, amount: float | None) -> None:
    item = release(language, title, body)
    update = find_case_update(item)
    assert update is not None
    assert (update.defendant, update.outcome, update.amount) == (party, outcome, amount)
    assert extract_sanctions(item) == []  # not a new sanction


@pytest.mark.parametrize(("language", "title", "body"), [
    ("fr", "Sanction de 20 millions d'euros à l'encontre de CLEARVIEW AI",
     "La formation restreinte a prononcé une amende. Cette décision peut faire l'objet d'un "
     "recours devant le Conseil d'État."),
    ("en", "ICO publishes guidance on cookies", "The guidance explains the rules."),
    ("sv", "IMY ger sanktionsavgift till Nordbanken AB",
     "Beslutet kan överklagas till förvaltningsrätten."),
    ("de", "", ""),
])
def test_no_update_without_a_ruling(language: str, title: str, body: str) -> None:
    assert find_case_update(release(language, title, body)) is None
