"""Round 8: parties named by what they are, and the sum an AEPD reduction leaves; one table
per class of failure, in our own invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Release


def _release(title: str, body: str, language: str, authority: str) -> Release:
    return Release(
        source_id="test",
        authority=authority,
        url="https://example.org/r",
        title=title,
        language=language,
        published=date(2024, 5, 2),
        body_text=body,
    )


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
    (fine,) = extract_sanctions(_release("Multa", body, "es", "aepd"))
    assert (fine.kind, fine.amount, fine.note) == ("fine", amount, note)
