"""Language tables for money: scale words and currency markers. Data only, no logic.

Keys are lower-case; the recogniser in amounts.py folds case before looking them up.
"""

from __future__ import annotations

# Scale words that follow a number ("5,2 millions", "€1.2bn", "45mila", "1,2 Mio.").
# Several languages share a spelling; the value never differs between them.
SCALE_WORDS: dict[str, int] = {
    # millions
    "million": 10**6, "millions": 10**6, "mln": 10**6, "mio": 10**6, "mio.": 10**6,
    "mill.": 10**6, "millionen": 10**6, "milioni": 10**6, "milione": 10**6,
    "millones": 10**6, "millón": 10**6, "miljoen": 10**6, "miljoner": 10**6, "miljon": 10**6,
    "millioner": 10**6, "millionen.": 10**6, "milioane": 10**6, "milion": 10**6,
    "miliony": 10**6, "milionów": 10**6, "milionow": 10**6, "milijuna": 10**6,
    "milijun": 10**6, "milijona": 10**6, "milhões": 10**6, "milhão": 10**6,
    "miljoonaa": 10**6, "miljoona": 10**6, "milj.": 10**6, "milionů": 10**6, "milionu": 10**6,
    "εκατομμύρια": 10**6, "εκατομμυρίων": 10**6, "εκατομμύριο": 10**6, "εκατ.": 10**6,
    "mn": 10**6, "m€": 10**6, "m": 10**6,
    # billions
    "bn": 10**9, "billion": 10**9, "billions": 10**9, "mrd": 10**9, "mrd.": 10**9,
    "milliard": 10**9, "milliards": 10**9, "miliardi": 10**9, "miliardo": 10**9,
    "miljard": 10**9, "miljarder": 10**9, "milliarder": 10**9, "mia.": 10**9,
    "miliard": 10**9, "miliardy": 10**9, "miliardów": 10**9, "miliarde": 10**9,
    "milliarden": 10**9, "δισεκατομμύρια": 10**9, "md€": 10**9,
    # thousands
    "mila": 10**3, "mil": 10**3, "mii": 10**3, "tys.": 10**3, "tys": 10**3,
    "tysięcy": 10**3, "tysiące": 10**3, "thousand": 10**3, "tsd.": 10**3, "tausend": 10**3,
    "tusen": 10**3, "tusind": 10**3, "tisíc": 10**3, "tisuća": 10**3, "tisuće": 10**3,
    "χιλιάδες": 10**3, "χιλιάδων": 10**3, "tuhatta": 10**3, "k": 10**3, "k€": 10**3,
}

# Scale words that are only safe glued to the number or right after a currency sign:
# "£7.5m" is money, "20 m" is a distance; "45mila" is Italian, "mil" alone is Spanish.
GLUED_ONLY_SCALES: frozenset[str] = frozenset({"m", "k", "mn"})
SCALE_LANGUAGES: dict[str, frozenset[str]] = {
    "mil": frozenset({"es", "pt", "ca"}),
    "mii": frozenset({"ro"}),
    "mila": frozenset({"it"}),
}

# Swedish compounds carry scale and currency in one word.
COMPOUND_MONEY: dict[str, tuple[int, str]] = {
    "mnkr": (10**6, "SEK"), "mkr": (10**6, "SEK"), "mdkr": (10**9, "SEK"),
    "miljarder kronor": (10**9, "SEK"), "tkr": (10**3, "SEK"),
}

# Currency markers written after the number. None: depends on the language (kr, kroner).
CURRENCY_AFTER: dict[str, str | None] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "eura": "EUR", "eure": "EUR",
    "euroa": "EUR", "euron": "EUR", "eurot": "EUR", "ευρώ": "EUR", "евро": "EUR",
    "eurů": "EUR", "eur.": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
    "$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "kronor": "SEK", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "kroner": None, "kr": None,
    "kr.": None, "kroon": None, "kronen": None,
    "zł": "PLN", "złotych": "PLN", "złote": "PLN", "zlotych": "PLN", "zloty": "PLN",
    "pln": "PLN", "lei": "RON", "ron": "RON", "leu": "RON",
    "kč": "CZK", "korun": "CZK", "czk": "CZK", "kuna": "HRK", "kuna.": "HRK", "kn": "HRK",
    "hrk": "HRK", "chf": "CHF", "francs suisses": "CHF", "huf": "HUF", "forint": "HUF",
    "isk": "ISK", "bgn": "BGN", "leva": "BGN",
}

# Currency markers written before the number ("€ 525.000", "EUR 1,2 Mio.", "euro 20.000").
CURRENCY_BEFORE: dict[str, str | None] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
    "$": "USD", "us$": "USD", "usd": "USD", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "pln": "PLN", "ron": "RON", "chf": "CHF", "czk": "CZK", "hrk": "HRK", "kr": None,
    "kr.": None, "zł": "PLN", "huf": "HUF",
}

# What "kr"/"kroner" means where the language does not say it outright.
KRONE_BY_LANGUAGE: dict[str, str] = {
    "sv": "SEK", "no": "NOK", "nb": "NOK", "nn": "NOK", "da": "DKK", "is": "ISK",
}

# Words that introduce a restatement of the same sum in another currency or in words,
# so the second figure is not a second amount ("5.089 lei (echivalentul a 1.000 EURO)").
EQUIVALENT_CUES: tuple[str, ...] = (
    "equivalent", "équivalent", "echivalentul", "echivalent", "soit environ", "soit",
    "approximately", "approx.", "about", "around", "roughly", "environ", "circa", "ca.",
    "cca", "rund", "etwa", "ungefär", "omkring", "cirka", "ok.", "około", "ongeveer",
    "ισοδύναμ", "περίπου", "noin", "přibližně", "približno", "aproximadamente", "cerca de",
    "pari a circa", "equivalente", "equivalentes", "ekvivalent", "i.e.", "≈", "odpowiada",
    "odpowiednik", "tj.", "tj", "svarende til", "tilsvarende", "motsvarande", "tilsvarer",
    "vastaa", "odpovídá", "što odgovara", "ossia", "vale a dire", "dvs.", "dvs", "d.h.",
    "entsprechen", "entspricht", "omgerekend", "omgerekend ongeveer", "omregnet", "or about",
)
