"""Classes of miss met on the second held-out corpus (round 12), in our own sentences."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from tests.extract.helpers import release


# The deciding authority, by its own name or its common noun, is never the party: the
# measure falls on whom it names, and with no such party the release yields no authority.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "party"),
    [
        (
            "CNPD ordena a suspensão de uma aplicação de controlo de assiduidade",
            "A Comissão Nacional de Proteção de Dados (CNPD) determinou a uma entidade "
            "empregadora que deixe de recolher dados biométricos dos trabalhadores.",
            "pt",
            "cnpd-pt",
            "entidade empregadora",
        ),
        (
            "Datatilsynet pålegger kommune å stanse kameraovervåking",
            "Datatilsynet har gitt Lillevik kommune pålegg om å stanse overvåkingen.",
            "no",
            "datatilsynet-no",
            "Lillevik kommune",
        ),
        (
            "Injonction à la société Boréal Logistique",
            "La Commission nationale de l'informatique et des libertés a prononcé une "
            "injonction à l'encontre de la société Boréal Logistique.",
            "fr",
            "cnil",
            "Boréal Logistique",
        ),
    ],
)
def test_the_deciding_authority_is_never_the_party(
    title: str, body: str, language: str, authority: str, party: str
) -> None:
    found = extract_sanctions(release(title, body, language, authority))
    assert found, "the measure is found"
    assert all(
        "Comissão" not in s.defendant
        and "Datatilsynet" not in s.defendant
        and "Commission" not in s.defendant
        for s in found
    )
    assert any(party.lower() in s.defendant.lower() for s in found)


@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "CNPD ordena suspensão de tratamento",
            "A Comissão Nacional de Proteção de Dados ordenou a suspensão imediata do "
            "tratamento.",
            "pt",
            "cnpd-pt",
        ),
        (
            "Die Behörde ordnet Löschung an",
            "Der Landesbeauftragte für den Datenschutz hat die Löschung der Daten angeordnet.",
            "de",
            "lfdi-bw",
        ),
    ],
)
def test_an_order_without_a_party_is_not_put_on_the_authority(
    title: str, body: str, language: str, authority: str
) -> None:
    found = extract_sanctions(release(title, body, language, authority))
    assert not any(
        "Comissão" in s.defendant or "Landesbeauftragte" in s.defendant for s in found
    )
