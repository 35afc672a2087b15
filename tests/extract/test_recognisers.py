"""Dates, defendants, normalised names, currency conversion and sentences."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import normalise_defendant
from scrapers.extract.currency import to_eur
from scrapers.extract.dates import find_dates
from scrapers.extract.defendants import find_candidates
from scrapers.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("le 13 avril 2023", "fr", date(2023, 4, 13)),
        ("le 1er juin 2022", "fr", date(2022, 6, 1)),
        ("17 ottobre 2022", "it", date(2022, 10, 17)),
        ("2 de noviembre de 2021", "es", date(2021, 11, 2)),
        ("5 de março de 2024", "pt", date(2024, 3, 5)),
        ("am 2. Juni 2023", "de", date(2023, 6, 2)),
        ("7 maart 2023", "nl", date(2023, 3, 7)),
        ("13 Απριλίου 2023", "el", date(2023, 4, 13)),
        ("10 maj 2023", "sv", date(2023, 5, 10)),
        ("14. juli 2023", "no", date(2023, 7, 14)),
        ("9. marts 2022", "da", date(2022, 3, 9)),
        ("21 sierpnia 2019", "pl", date(2019, 8, 21)),
        ("20 decembrie 2022", "ro", date(2022, 12, 20)),
        ("13. travnja 2023.", "hr", date(2023, 4, 13)),
        ("13. dubna 2023", "cs", date(2023, 4, 13)),
        ("13. huhtikuuta 2023", "fi", date(2023, 4, 13)),
        ("April 13, 2023", "en", date(2023, 4, 13)),
        ("12.09.2023", "de", date(2023, 9, 12)),
    ],
)
def test_dates_in_each_language(text: str, language: str, expected: date) -> None:
    assert [found.value for found in find_dates(text, language)] == [expected]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("la société CLEARVIEW AI", "clearview ai"),
        ("Clearview AI Inc.", "clearview ai"),
        ("Meta Platforms Ireland Ltd.", "meta platforms ireland"),
        ("Google Ireland Limited", "google ireland"),
        ("H&M", "h&m"),
        ("Uber B.V.", "uber"),
        ("Virgin Mobile Polska sp. z o.o.", "virgin mobile polska"),
        ("Enel Energia S.p.A.", "enel energia"),
        ("«Ελληνικά Ταχυδρομεία Α.Ε.»", "ελληνικα ταχυδρομεια"),
        ("Spotify AB", "spotify"),
        ("Telefónica Móviles España, S.A.U.", "telefonica moviles espana"),
    ],
)
def test_normalise_defendant_folds_case_accents_and_legal_forms(name: str, key: str) -> None:
    assert normalise_defendant(name) == key


@pytest.mark.parametrize(
    ("sentence", "language", "name"),
    [
        (
            "La CNIL sanctionne la société CLEARVIEW AI d'une amende de 20 millions d'euros.",
            "fr",
            "CLEARVIEW AI",
        ),
        (
            "Une amende de 150 000 euros à l'encontre d'un responsable de traitement "
            "pour défaut de sécurité.",
            "fr",
            "un responsable de traitement",
        ),
        (
            "The ICO has fined TikTok Information Technologies UK Limited £12.7 million.",
            "en",
            "TikTok Information Technologies UK Limited",
        ),
        (
            "Il Garante ha sanzionato Enel Energia S.p.A. con una multa di 79 milioni di euro.",
            "it",
            "Enel Energia S.p.A.",
        ),
        (
            "Die HmbBfDI hat gegen die H&M Hennes & Mauritz Online Shop A.B. & Co. KG ein Bußgeld "
            "verhängt.",
            "de",
            "H&M Hennes & Mauritz Online Shop A.B. & Co. KG",
        ),
        (
            "Prezes UODO nałożył na Virgin Mobile Polska sp. z o.o. z siedzibą w Warszawie karę.",
            "pl",
            "Virgin Mobile Polska sp. z o.o.",
        ),
        (
            "Seuraamuskollegio määräsi Posti Oy:lle 2,4 miljoonan euron seuraamusmaksun.",
            "fi",
            "Posti Oy",
        ),
    ],
)
def test_the_sanctioned_name_is_found_first(sentence: str, language: str, name: str) -> None:
    strong = [c.name for c in find_candidates(sentence, language) if c.strong]
    assert strong[0] == name


def test_conversion_uses_the_rate_of_the_day() -> None:
    eur = to_eur(7_552_800, "GBP", date(2022, 5, 23))
    assert eur is not None and 8_800_000 < eur < 9_000_000
    assert to_eur(1000, "EUR", None) == 1000


def test_unknown_currency_gives_no_eur_value() -> None:
    assert to_eur(1000, "XXX", date(2022, 5, 23)) is None


def test_abbreviations_do_not_split_sentences() -> None:
    text = "Bußgeld von 1,2 Mio. Euro am 2. Juni 2023 verhängt. Die Firma zahlt."
    assert [s.text for s in split_sentences(text)] == [
        "Bußgeld von 1,2 Mio. Euro am 2. Juni 2023 verhängt.",
        "Die Firma zahlt.",
    ]


@pytest.mark.parametrize(("text", "count"), [
    ("A CNPD aplicou ao Instituto Nacional de Estatística, I.P. (INE) uma coima.", 1),
    ("The fine on Acme Holdings Inc. (Acme) was paid. (The appeal) is pending.", 2),
    ("Die Strafe traf die Muster Co. (MC) wegen Verstößen. Sie zahlt.", 2),
    ("Il Garante ha sanzionato Alfa Servizi S.p.A. (AS) per 5 milioni. La società ricorre.", 2),
])
def test_an_abbreviation_glossed_after_a_dot_continues_the_sentence(text: str,
                                                                   count: int) -> None:
    assert len(split_sentences(text)) == count
