"""Precision on text nobody tuned for: rules that refuse rather than guess, one table of
our own invented sentences per class of error, in several languages."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.extract import extract_sanctions
from scrapers.models import Sanction
from tests.extract.helpers import release


def _found(title: str, body: str, language: str, authority: str) -> list[Sanction]:
    return extract_sanctions(release(title, body, language, authority, date(2024, 6, 1)))


def _rows(found: list[Sanction]) -> set[tuple[str, str, float | None, str | None]]:
    return {(s.defendant, s.kind, s.amount, s.currency) for s in found}


# Class 3: a fine whose sum cannot be tied to the party is no sanction (no "fine, None,
# EUR"); a sentence recalling a fine whose sum was given for another party adds nothing.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanzioni a Delta Mobile S.p.A. e Sigma Rete S.p.A.",
            "Il Garante ha inflitto a Delta Mobile S.p.A. una sanzione di 2.400.000 euro. "
            "Con questi provvedimenti prosegue l'azione del Garante, che aveva già portato a "
            "una sanzione di oltre 9 milioni di euro nei confronti di un altro operatore.",
            "it",
            "garante",
            {("Delta Mobile S.p.A.", "fine", 2_400_000.0, "EUR")},
        ),
        (
            "Bußgeld gegen die Nordstern Wohnen GmbH",
            "Die Behörde hat gegen die Nordstern Wohnen GmbH ein Bußgeld in Höhe von "
            "120.000 Euro verhängt. Gegen die Muttergesellschaft wurde ein Bußgeld von rund "
            "1 Million Euro festgesetzt.",
            "de",
            "hmbbfdi",
            {("Nordstern Wohnen GmbH", "fine", 120_000.0, "EUR")},
        ),
        (
            "Amende de plus de 3 millions d'euros pour la société Orbis Data",
            "La formation restreinte a sanctionné la société Orbis Data pour des manquements "
            "à la sécurité des données.",
            "fr",
            "cnil",
            set(),
        ),
    ],
)
def test_a_fine_without_its_sum_is_no_sanction(
    title: str, body: str, language: str, authority: str, expected: set[tuple[object, ...]]
) -> None:
    found = _found(title, body, language, authority)
    assert {r for r in _rows(found) if r[1] in ("fine", "periodic_penalty")} == expected
    assert all(s.amount is not None for s in found if s.kind in ("fine", "periodic_penalty"))


# Class 4: a release about a court's ruling on an earlier fine announces nothing new, not
# even an order, whether the court annuls, upholds or reduces it.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Urteil des Gerichtshofs der Europäischen Union zu Bußgeldern gegen Unternehmen",
            "Der Gerichtshof hat heute entschieden, dass ein Bußgeld gegen ein Unternehmen nur "
            "bei schuldhaftem Verstoß verhängt werden darf. Gegen die Albis Immobilien AG war "
            "ein Bußgeld in Höhe von 9.200.000 Euro festgesetzt worden. Das Landgericht muss "
            "nun erneut entscheiden und kann die Löschung der Daten anordnen.",
            "de",
            "bfdi",
        ),
        (
            "Le Conseil d'État confirme la sanction prononcée contre la société Veloce",
            "Par une décision du 3 mai 2024, le Conseil d'État a rejeté la requête de la "
            "société Veloce contre l'amende de 250 000 euros et l'injonction de mise en "
            "conformité prononcées par la CNIL.",
            "fr",
            "cnil",
        ),
        (
            "Court of Appeal reduces the penalty imposed on Marlow Retail Ltd",
            "The Court of Appeal has reduced the monetary penalty imposed on Marlow Retail Ltd "
            "from £500,000 to £250,000. The court ordered Marlow Retail Ltd to pay the "
            "Commissioner's costs.",
            "en",
            "ico",
        ),
        (
            "El Tribunal Supremo anula la multa de 600.000 euros a Rutas Aéreas, S.A.",
            "La Sala ha anulado la sanción que la Agencia impuso a Rutas Aéreas, S.A. en 2021 "
            "y ha ordenado la devolución del importe.",
            "es",
            "aepd",
        ),
    ],
)
def test_a_ruling_on_an_earlier_fine_is_no_new_sanction(
    title: str, body: str, language: str, authority: str
) -> None:
    assert _found(title, body, language, authority) == []


# Class 1: a row counts only when its first cell names a party. Statutory scales (by
# category of person or company), provisions, years and infringement breakdowns are not
# sanctions, even under a header that says "fine".
@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Cuantía de las multas según el tamaño de la empresa",
            "La ley establece la siguiente escala:\n| Infractor | Multa |\n|---|---|\n"
            "| Grandes empresas | 300.000 € |\n| PYME | 40.000 € |\n"
            "| Personas físicas | 6.000 € |",
            "es",
            "aepd",
        ),
        (
            "Coimas aplicáveis",
            "Quadro das coimas:\n| Destinatário | Coima |\n|---|---|\n"
            "| Pessoas singulares | 5.000 € |\n| Pessoas coletivas | 20.000 € |",
            "pt",
            "cnpd-pt",
        ),
        (
            "Bußgelder nach Vorschrift",
            "Die Bußgelder verteilen sich so:\n| Vorschrift | Bußgeld |\n|---|---|\n"
            "| Art. 83 Abs. 5 DSGVO | 120.000 € |\n| Art. 83 Abs. 4 DSGVO | 35.000 € |",
            "de",
            "lfdi-bw",
        ),
        (
            "Fines by year",
            "Fines imposed by year:\n| Year | Fines |\n|---|---|\n| 2022 | £1,200,000 |\n"
            "| 2023 | £2,400,000 |",
            "en",
            "ico",
        ),
        (
            "Penalties for large undertakings",
            "The scale of fines:\n- Large undertakings – €2,000,000\n- Natural persons – €20,000",
            "en",
            "dpc",
        ),
        (
            "Amendes par manquement",
            "Répartition des amendes prononcées :\n| Manquement | Amende |\n|---|---|\n"
            "| Défaut d'information des personnes | 50 000 € |\n"
            "| Article 21 de la loi | 10 000 € |",
            "fr",
            "cnil",
        ),
    ],
)
def test_rows_of_a_scale_or_breakdown_are_no_sanctions(
    title: str, body: str, language: str, authority: str
) -> None:
    assert not [s for s in _found(title, body, language, authority) if s.amount is not None]


# ...while rows that name a party (a proper name, a public body, an anonymised party) and a
# row labelled by the measure itself (the release's defendant's) still count.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanciones impuestas en mayo",
            "La Agencia ha impuesto las siguientes multas:\n| Responsable | Multa |\n|---|---|\n"
            "| Ayuntamiento de Villaluz | 20.000 € |\n| Lácteos del Norte, S.L. | 6.000 € |",
            "es",
            "aepd",
            {
                ("Ayuntamiento de Villaluz", "fine", 20000.0, "EUR"),
                ("Lácteos del Norte, S.L.", "fine", 6000.0, "EUR"),
            },
        ),
        (
            "Amendes prononcées",
            "La CNIL a prononcé les amendes suivantes :\n| Organisme | Amende |\n|---|---|\n"
            "| Société A | 15 000 € |\n| une banque | 40 000 € |",
            "fr",
            "cnil",
            {("Société A", "fine", 15000.0, "EUR"), ("une banque", "fine", 40000.0, "EUR")},
        ),
        (
            "AP legt ministerie van Defensie boete op",
            "De AP heeft het ministerie van Defensie een boete opgelegd.\n"
            "| Maatregel | Reden | Bedrag |\n|---|---|---|\n"
            "| Bestuurlijke boete | onvoldoende beveiliging | € 250.000 |",
            "nl",
            "ap",
            {("ministerie van Defensie", "fine", 250000.0, "EUR")},
        ),
        (
            "Verwaltungsstrafen wegen Bildaufnahmen",
            "Die Datenschutzbehörde hat folgende Strafen verhängt:\n"
            "| Beschuldigte/r | Sachverhalt | Geldstrafe |\n|---|---|---|\n"
            "| Betreiber eines Imbisses | Kamera auf den Gehsteig | 1.500 Euro |",
            "de",
            "dsb-at",
            {("Betreiber eines Imbisses", "fine", 1500.0, "EUR")},
        ),
    ],
)
def test_rows_naming_a_party_still_count(
    title: str, body: str, language: str, authority: str, expected: set[tuple[object, ...]]
) -> None:
    assert {r for r in _rows(_found(title, body, language, authority)) if r[2]} == expected


# Class 2: the defendant is the party the measure is imposed on in that clause, never a
# heading or label word, the authority, a court, an acronym of a law or a system, or
# another company the release mentions nearby.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Sanción a Aerolíneas Brisa, S.A. por las cookies",
            "PRIMERO: IMPONER a AEROLÍNEAS BRISA, S.A., por una infracción del artículo 22.2 "
            "de la LSSI, tipificada en el artículo 38.4.g) de la LSSI, una multa de 25.000 €.",
            "es",
            "aepd",
            ("AEROLÍNEAS BRISA, S.A.", 25000.0),
        ),
        (
            "Amende pour le groupe de presse Ardent & Cie",
            "L'APD inflige une amende de 40.000 euros à Ardent & Cie pour ses cookies. Quelques "
            "semaines plus tôt, elle avait déjà infligé une amende du même montant à Brabant "
            "Media Group pour des pratiques comparables.",
            "fr",
            "apd",
            ("Ardent & Cie", 40000.0),
        ),
        (
            "Seuraamusmaksu Kaupunkitaksi Oy:lle",
            "Posti Group Oyj:n palveluun siirretyt tiedot olivat taksiyhtiön asiakkaiden. "
            "Seuraamuskollegio määräsi Kaupunkitaksi Oy:lle 30 000 euron seuraamusmaksun.",
            "fi",
            "tietosuoja",
            ("Kaupunkitaksi Oy", 30000.0),
        ),
    ],
)
def test_the_defendant_is_the_party_of_the_clause(
    title: str, body: str, language: str, authority: str, expected: tuple[str, float]
) -> None:
    fines = [(s.defendant, s.amount) for s in _found(title, body, language, authority)]
    assert fines == [expected]


@pytest.mark.parametrize(
    ("title", "body", "language", "authority"),
    [
        (
            "Mesure",
            "Mesure : une amende de 10 000 euros a été prononcée.",
            "fr",
            "cnil",
        ),
        (
            "Kontrolní plán na rok 2025",
            "Úřad nařídí opatření k nápravě, pokud zjistí nedostatky.",
            "cs",
            "uoou",
        ),
        (
            "Gerichtshof der Europäischen Union klärt Haftung",
            "Gerichtshof der Europäischen Union erhält eine Geldbuße von 5.000 Euro nicht.",
            "de",
            "bfdi",
        ),
        (
            "Coima aplicada",
            "Nos termos do Regulamento Geral sobre a Proteção de Dados, a CNPD aplicou uma "
            "coima de 4.000 euros.",
            "pt",
            "cnpd-pt",
        ),
        (
            "Audit of the fraud-detection system (FSV)",
            "The Authority ordered the suspension of processing in the fraud-detection "
            "system (FSV). FSV was fined nothing.",
            "en",
            "ap",
        ),
    ],
)
def test_common_words_courts_and_systems_are_no_defendants(
    title: str, body: str, language: str, authority: str
) -> None:
    names = {s.defendant for s in _found(title, body, language, authority)}
    assert not names & {
        "Mesure",
        "Úřad",
        "Gerichtshof der Europäischen Union",
        "FSV",
        "Regulamento Geral",
        "Proteção de Dados",
    }


# Class 5: an inflected party phrase stops at its verb, and comes back to the nominative
# when the release writes that form elsewhere; otherwise it stays as written.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Upravna novčana kazna zbog nadzora",
            "Voditelju obrade izriče se upravna novčana kazna u iznosu od 20.000,00 eura.",
            "hr",
            "azop",
            ("Voditelju obrade", 20000.0),
        ),
        (
            "Kazna trgovačkom društvu",
            "Trgovačko društvo obrađivalo je podatke bez pravne osnove. Trgovačkom društvu "
            "izrečena je upravna novčana kazna u iznosu od 15.000,00 eura.",
            "hr",
            "azop",
            ("Trgovačko društvo", 15000.0),
        ),
        (
            "Kazna zbog nepoštivanja prava",
            "Budući da voditelj obrade nije postupio po zahtjevu, Agencija je izrekla "
            "voditelju obrade upravnu novčanu kaznu u iznosu od 8.000,00 eura.",
            "hr",
            "azop",
            ("voditelj obrade", 8000.0),
        ),
        (
            "Pokuta za správce kamer",
            "Správce kamerového systému porušil povinnosti. Správci kamerového systému byla "
            "uložena pokuta ve výši 40 000 Kč.",
            "cs",
            "uoou",
            ("Správce kamerového systému", 40000.0),
        ),
    ],
)
def test_inflected_party_phrases(
    title: str, body: str, language: str, authority: str, expected: tuple[str, float]
) -> None:
    fines = [(s.defendant, s.amount) for s in _found(title, body, language, authority)]
    assert fines == [expected]


# Class 6: an order about a system or a product names the party (the company), not the
# product; "may order" is a power, not an order.
@pytest.mark.parametrize(
    ("title", "body", "language", "authority", "expected"),
    [
        (
            "Garante: stop a Lumina Vision S.r.l.",
            "Il Garante ha ordinato a Lumina Vision S.r.l., in via d'urgenza, la limitazione "
            "provvisoria del trattamento effettuato con il sistema FaceTrack.",
            "it",
            "garante",
            {("Lumina Vision S.r.l.", "order")},
        ),
        (
            "AP legt Velox B.V. verwerkingsverbod op",
            "De AP heeft Velox B.V. opgelegd om als voorlopige maatregel de verwerking met het "
            "systeem ScanPro op te schorten.",
            "nl",
            "ap",
            {("Velox B.V.", "order")},
        ),
        (
            "Datatilsynet: påbud til Nordby Kommune",
            "Datatilsynet påbyder Nordby Kommune at bringe brugen af Google Workspace i "
            "overensstemmelse med reglerne.",
            "da",
            "datatilsynet-dk",
            {("Nordby Kommune", "order")},
        ),
        (
            "The interim suspension of the SmartCam system",
            "Harbour Retail Ltd uses SmartCam in its shops. The Commissioner ordered the "
            "suspension of processing by the SmartCam system as an interim measure.",
            "en",
            "ico",
            {("Harbour Retail Ltd", "order")},
        ),
        (
            "Powers of the Authority",
            "The Authority may order the suspension of processing by the SmartCam system.",
            "en",
            "ico",
            set(),
        ),
    ],
)
def test_an_order_about_a_system_names_its_party(
    title: str, body: str, language: str, authority: str, expected: set[tuple[str, str]]
) -> None:
    found = _found(title, body, language, authority)
    assert {(s.defendant, s.kind) for s in found if s.kind == "order"} == expected


def test_a_title_product_is_not_the_party_of_an_unnamed_order() -> None:
    # The order falls on "kommunerne"; "Chromebooks" in the title is what they use.
    found = _found(
        "Datatilsynet og Chromebooks",
        "Datatilsynet påbyder kommunerne at bringe behandlingen i overensstemmelse med "
        "reglerne, når de bruger Google Workspace.",
        "da",
        "datatilsynet-dk",
    )
    assert not {s.defendant for s in found} & {"Chromebooks", "Google Workspace", "Google"}
