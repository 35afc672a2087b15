"""Parties named by what they are or by a count, and the sum an AEPD reduction leaves; one
table per class of failure, in our own invented sentences."""

from __future__ import annotations

import pytest

from scrapers.extract import extract_sanctions
from scrapers.extract.defendants import find_candidates
from tests.extract.helpers import measures, release


# An AEPD reduction: the imposed sum is the amount, the sum paid goes to the note; a sum
# that is no 20 %/40 %/half reduction of the fine is refused.
@pytest.mark.parametrize(
    ("body", "amount", "note"),
    [
        (
            "La AEPD ha impuesto a Distribuciones Norte, S.L. una multa de 15.000 euros. La "
            "entidad reconoció su responsabilidad y efectuó el pago voluntario, por lo que la "
            "sanción quedó reducida a 9.000 euros.",
            15000.0,
            "reduced to 9,000 EUR for voluntary payment and acknowledgement",
        ),
        (
            "Se sanciona a Clínica Arenal, S.L. con una multa de 5.000 euros por tratar datos "
            "de salud sin base jurídica; tras el pago voluntario, el importe se redujo a "
            "4.000 euros.",
            5000.0,
            "reduced to 4,000 EUR for voluntary payment",
        ),
        (
            "La Agencia impone a Talleres Ribera, S.A. una multa de 10.000 euros. Al reconocer "
            "su responsabilidad, la empresa ha abonado 8.000 euros.",
            10000.0,
            "reduced to 8,000 EUR for acknowledgement",
        ),
        (
            "La AEPD impone a Ópticas Duero, S.L. una multa de 10.000 euros; la entidad pagó "
            "de forma voluntaria 7.300 euros de otra sanción anterior.",
            10000.0,
            "reduction for voluntary payment stated",
        ),
    ],
)
def test_an_aepd_reduction_puts_the_sum_paid_in_the_note(
    body: str, amount: float, note: str
) -> None:
    (fine,) = extract_sanctions(release("Multa", body, "es", "aepd"))
    assert (fine.kind, fine.amount, fine.note) == ("fine", amount, note)



# A party named by what it is (indefinite article or a count, lower-case words, perhaps a
# complement) is the party, over a system or product named in the same sentence or title.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Reprimand for an energy supplier",
            "The ICO has issued a reprimand to an energy supplier after its staff looked up "
            "customer accounts using a system called FleetTrack.",
            "en",
            "ico",
            {("an energy supplier", "reprimand", None)},
        ),
        (
            "Reprimand issued",
            "The ICO has issued a reprimand to a housing association from the social sector "
            "after it sent tenants' files through a tool called DocuBridge.",
            "en",
            "ico",
            {("a housing association from the social sector", "reprimand", None)},
        ),
        (
            "Reprimands for hospitals",
            "The ICO has issued a reprimand to two hospitals after letters were sent to the "
            "wrong addresses.",
            "en",
            "ico",
            {("two hospitals", "reprimand", None)},
        ),
        (
            "Rappel à l'ordre",
            "La présidente de la CNIL a adressé un rappel à l'ordre à deux hôpitaux pour des "
            "accès trop larges aux dossiers des patients.",
            "fr",
            "cnil",
            {("deux hôpitaux", "reprimand", None)},
        ),
        (
            "Reprimand till kommuner om Google Chromebooks",
            "IMY ger 53 kommuner en reprimand för hur de har använt Google Chromebooks i skolan.",
            "sv",
            "imy",
            {("53 kommuner", "reprimand", None)},
        ),
    ],
)
def test_a_party_named_by_what_it_is_is_the_party(
    title: str,
    body: str,
    language: str,
    authority: str,
    expected: set[tuple[str, str, float | None]],
) -> None:
    assert measures(release(title, body, language, authority)) == expected


# A count of things or the measure itself after an article is no party.
@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The company was fined for two years of unlawful marketing calls.", "en"),
        ("La AEPD impuso a la empresa una sanción de 3.150.000 euros.", "es"),
        ("Il Garante ordina alla società di cancellare i dati.", "it"),
    ],
)
def test_a_count_of_things_or_a_measure_is_no_common_party(sentence: str, language: str) -> None:
    names = {c.name for c in find_candidates(sentence, language)}
    assert not names & {"two years", "una sanción", "alla società di cancellare i dati"}
