"""A release page's main text: encodings, chrome kept out, lists kept in."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scrapers.pages import _with_introduced_lists, decode_bytes, extract_page


@pytest.mark.parametrize(("data", "declared", "expected"), [
    ("Amende de 20 000 €".encode(), None, "Amende de 20 000 €"),
    (b"\xef\xbb\xbf" + "Sanción".encode(), None, "Sanción"),
    ("Sanción".encode("cp1252"), None, "Sanción"),
    ("Sanción".encode("cp1252"), "iso-8859-1", "Sanción"),
    ("€ 5".encode("cp1252"), "latin-1", "€ 5"),  # browsers read latin-1 as cp1252
    ("Πρόστιμο".encode("iso-8859-7"), "iso-8859-7", "Πρόστιμο"),
    (b'<meta charset="iso-8859-2">' + "Kara pieniężna".encode("iso-8859-2"), None,
     '<meta charset="iso-8859-2">Kara pieniężna'),
    (b"Sanction", "no-such-charset", "Sanction"),
])
def test_decode_bytes(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(data, declared) == expected


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="Sanction de 20 millions d'euros"><title>CNIL</title></head>
<body><nav><a href="/">Accueil</a> <a href="/sanctions">Sanctions</a></nav>
<div class="cookie-banner">Ce site utilise des cookies</div>
<main><article><h1>Sanction de 20 millions d'euros</h1>
<p>La formation restreinte a prononcé une amende de 20 millions d'euros à l'encontre de la
société CLEARVIEW AI pour traitement illicite de données biométriques de personnes.</p>
<p>La société doit cesser la collecte des données des personnes se trouvant en France et
supprimer celles qu'elle a déjà collectées, dans un délai de deux mois.</p>
<p><a href="/sites/default/files/deliberation.pdf">La délibération</a></p></article></main>
<aside class="related"><p>Amende de 60 millions d'euros à l'encontre d'une autre société</p></aside>
<footer>3 place de Fontenoy</footer></body></html>"""


@pytest.mark.parametrize("selector", [None, "main article"])
def test_main_text_without_chrome(selector: str | None) -> None:
    page = extract_page(PAGE.encode(), url="https://www.cnil.fr/fr/x", selector=selector)
    assert page.title == "Sanction de 20 millions d'euros"
    assert "amende de 20 millions" in page.text
    for chrome in ("Accueil", "cookies", "60 millions", "Fontenoy"):
        assert chrome not in page.text
    assert page.pdf_links == ("https://www.cnil.fr/sites/default/files/deliberation.pdf",)


def test_a_list_the_page_extractor_dropped_is_put_back_after_its_introduction() -> None:
    html = ("<html><body><nav><p>Meniu:</p><ul><li>Acasă</li></ul></nav><div>"
            "<p>În luna martie au fost aplicate următoarele amenzi:</p>"
            "<ul><li><b>Delta Retail SRL</b> – amendă de 24.500 lei;</li></ul>"
            "<p>Operatorii pot contesta procesele-verbale.</p></div></body></html>")
    text = ("În luna martie au fost aplicate următoarele amenzi:\n"
            "Operatorii pot contesta procesele-verbale.")
    restored = _with_introduced_lists(BeautifulSoup(html, "lxml"), text)
    assert restored.splitlines() == [
        "În luna martie au fost aplicate următoarele amenzi:",
        "- Delta Retail SRL – amendă de 24.500 lei;",
        "Operatorii pot contesta procesele-verbale.",
    ]
