"""The grammar and genre rules of the extractor, one table per rule, in our own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import extract_sanctions, normalise_defendant
from scrapers.extract.anonymous import find_anonymous
from scrapers.extract.dates import latest_time_reference
from scrapers.extract.defendants import find_candidates
from scrapers.extract.evaluate import Case, score_case
from scrapers.models import Release, Sanction
from tests.extract.helpers import release


def _release(title: str, body: str, language: str, authority: str, published: date) -> Release:
    return release(title, body, language, authority, published)


# Releases that recap, explain or report a review: no new sanction, whatever the money.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "The Commission publishes its Annual Report for 2024",
            "Among the highlights, the Commission fined Nordwind Shipping Ltd €3 million.",
            "en",
            "dpc",
        ),
        (
            "Otázky a odpovědi k pokutě pro společnost Alfa",
            "Úřad uložil společnosti Alfa s.r.o. pokutu 2 000 000 Kč.",
            "cs",
            "uoou",
        ),
        (
            "Ziua europeană a protecției datelor",
            "Autoritatea a aplicat o amendă de 50.000 lei operatorului Beta SRL.",
            "ro",
            "anspdcp",
        ),
        (
            "Bundesverwaltungsgericht hebt Bescheid gegen die Gamma AG auf",
            "Die Behörde verhängte gegen die Gamma AG eine Geldbuße von 2 Millionen Euro.",
            "de",
            "dsb-at",
        ),
        (
            "Marktenhof bevestigt beslissing over Delta NV",
            "De Geschillenkamer legde Delta NV een geldboete van 100.000 euro op.",
            "nl",
            "apd",
        ),
        (
            "A nova lei das coimas",
            "A lei prevê coimas entre 2000 € e 20 000 000 € para as grandes empresas.",
            "pt",
            "cnpd-pt",
        ),
        (
            "FTC Seeks Comment on Proposed Rule for Data Brokers",
            "The proposed rule would allow civil penalties of up to $50,000 per violation.",
            "en",
            "ftc",
        ),
    ],
)
def test_recaps_reviews_and_statutes_announce_nothing(
    title: str, body: str, language: str, authority: str
) -> None:
    assert extract_sanctions(_release(title, body, language, authority, date(2025, 3, 1))) == []


# A sentence dated well before the release recalls an earlier case; a recent one is news.
@pytest.mark.parametrize(
    ("sentence", "published", "is_news"),
    [
        ("In March 2021 the ICO fined Epsilon Ltd £500,000.", date(2023, 6, 1), False),
        (
            "I desember 2020 ila Datatilsynet Zeta AS et gebyr på 2 millioner kroner.",
            date(2023, 1, 5),
            False,
        ),
        ("On 2 May 2023 the ICO fined Epsilon Ltd £500,000.", date(2023, 6, 1), True),
        (
            "The ICO fined Epsilon Ltd £500,000 under Regulation 2016/679 of 27 April 2016.",
            date(2023, 6, 1),
            True,
        ),
    ],
)
def test_sentences_dated_long_before_the_release_are_recaps(
    sentence: str, published: date, is_news: bool
) -> None:
    language = "no" if sentence.startswith("I desember") else "en"
    authority = "datatilsynet-no" if language == "no" else "ico"
    found = extract_sanctions(_release("News", sentence, language, authority, published))
    assert bool(found) is is_news


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("In May 2022 we fined them", "en", date(2022, 5, 15)),
        ("a fost aplicată în anul 2019", "ro", date(2019, 12, 31)),
        ("under Regulation 2016/679 of 27 April 2016", "en", None),
        ("na podstawie ustawy z dnia 10 maja 2018 r.", "pl", None),
        ("during the Census 2021 operation", "en", None),
        ("case SAN-2022-019", "fr", None),
    ],
)
def test_latest_time_reference(text: str, language: str, expected: date | None) -> None:
    assert latest_time_reference(text, language) == expected


# Anonymised defendants named by their kind, in the case the verb wants.
@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        (
            "Osiguravajućem društvu izrečena je kazna od 20.000 eura.",
            "hr",
            "Osiguravajućem društvu",
        ),
        ("Agencija je voditelju obrade izrekla kaznu.", "hr", "voditelju obrade"),
        ("Úřad uložil provozovateli e-shopu pokutu 50 000 Kč.", "cs", "provozovateli e-shopu"),
        ("Prezes UODO nałożył na szpital karę.", "pl", "szpital"),
    ],
)
def test_anonymised_defendants_in_inflected_languages(
    sentence: str, language: str, expected: str
) -> None:
    assert [name for name, _, _ in find_anonymous(sentence, language)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "language", "expected", "strong"),
    [
        ("- Société B : amende de 3 000 euros ;", "fr", "Société B", True),
        (
            "| Omega Telecom, S.A.U. | PS/00012/2022 | 70.000 € |",
            "es",
            "Omega Telecom, S.A.U.",
            True,
        ),
        (
            "- Harbour Port Company, operator of the quay: fine of €10,000;",
            "en",
            "Harbour Port Company",
            True,
        ),
        ("Kontrola byla zahájena na podnět.", "cs", None, False),
        ("Decyzja DKE.561.9.2024 w sprawie", "pl", None, False),
        ("a rappelé à l’ordre le ministère de la Santé", "fr", "ministère de la Santé", True),
    ],
)
def test_names_rows_and_non_names(
    sentence: str, language: str, expected: str | None, strong: bool
) -> None:
    candidates = find_candidates(sentence, language)
    first = candidates[0] if candidates else None
    assert (first.name if first else None) == expected
    assert (first.strong if first else False) is strong


def test_placeholder_and_honorific_names_keep_their_letters() -> None:
    assert normalise_defendant("Société A") == "societe a"
    assert normalise_defendant("Pana A. Z.") == normalise_defendant("A. Z.")


# Orders come from verbs of ordering, not from nouns that look alike.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "orders"),
    [
        (
            "Amendă pentru Sigma SA",
            "Operatorul Sigma SA a fost sancționat cu amendă de 10.000 lei. Operatorul nu a "
            "implementat măsuri tehnice adecvate.",
            "ro",
            "anspdcp",
            0,
        ),
        (
            "Theta Inc. to pay $5 million",
            "Under the proposed order, Theta Inc. will pay a $5 million civil penalty.",
            "en",
            "ftc",
            0,
        ),
        (
            "Astreinte contre KAPPA SAS",
            "KAPPA SAS ne s’étant pas conformée à l’injonction de mars 2024, la CNIL liquide "
            "une astreinte de 200 000 euros.",
            "fr",
            "cnil",
            0,
        ),
        (
            "Midlertidig forbud",
            "Datatilsynet pålegger Lambda Norge AS og Omikron Data AS et forbud mot behandlingen.",
            "no",
            "datatilsynet-no",
            2,
        ),
    ],
)
def test_orders_need_an_ordering_verb(
    title: str, body: str, language: str, authority: str, orders: int
) -> None:
    found = extract_sanctions(_release(title, body, language, authority, date(2024, 9, 1)))
    assert sum(s.kind == "order" for s in found) == orders


def test_table_rows_take_their_kind_from_the_header() -> None:
    found = extract_sanctions(
        _release(
            "La AEPD sanciona a dos operadoras",
            "Las sanciones impuestas son las siguientes:\n| Entidad | Multa |\n|---|---|\n"
            "| Alfa Móvil, S.A. | 300.000 € |\n| Beta Redes, S.L. | 50.000 € |",
            "es",
            "aepd",
            date(2024, 2, 1),
        )
    )
    assert sorted((s.defendant, s.amount) for s in found) == [
        ("Alfa Móvil, S.A.", 300_000),
        ("Beta Redes, S.L.", 50_000),
    ]


def test_a_wrong_kind_counts_against_kind_accuracy_not_as_a_miss() -> None:
    case = Case(
        "x",
        "en",
        b"",
        {"category": "sanction", "expected": [{"defendant": "Acme Ltd", "kind": "reprimand"}]},
    )
    misses: list[dict[str, object]] = []
    tally = score_case(case, [Sanction(defendant="Acme Ltd", kind="warning")], misses)
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 0, 0)
    assert (tally.pairs, tally.kinds_right, tally.defendants_right) == (1, 0, 1)
