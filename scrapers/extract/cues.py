"""The words that tell a sanction from other money, per language. Data and a lookup.

Each entry is a lower-case stem matched at the start of a word, case-insensitively, so
"amend" covers amende/amendes. A trailing "\\b" asks for the whole word. English cues
apply to every language, since aggregators and bilingual sites mix them in.
"""

from __future__ import annotations

import re
from functools import cache

from scrapers.extract.money_words import EQUIVALENT_CUES

Cues = dict[str, tuple[str, ...]]

# Nouns and verbs of an administrative fine.
FINE: Cues = {
    "en": ("fine", "fined", "fining", "monetary penalt", "civil penalt", "administrative penalt",
           "penalty of", "penalty notice", "financial penalt", "sanction", "pay ", "to pay",
           "will pay", "settle"),
    "fr": ("amende", "sanction", "pécuniaire", "sanctionn", "inflig"),
    "it": ("sanzion", "multa", "pagamento", "pagare", "ordinanza ingiunzione", "ingiunzione"),
    "es": ("multa", "sanci", "sancion", "infracci"),
    "pt": ("coima", "multa", "sanç", "sancion", "coimas"),
    "el": ("πρόστιμ", "προστίμ", "κύρωσ", "επέβαλ", "επιβάλ"),
    "nl": ("boete", "beboet", "bestuurlijke boete", "sanctie"),
    "de": ("bußgeld", "bussgeld", "geldbuße", "geldbusse", "geldstrafe", "sanktion"),
    "sv": ("sanktionsavgift", "avgift", "böter"),
    "no": ("overtredelsesgebyr", "gebyr", "bot\\b", "bøter"),
    "da": ("bøde", "bøder"),
    "pl": ("kar", "grzywn", "ukara"),
    "ro": ("amend", "sancți", "sancţi", "sanctiona", "contravenți", "contravenţi"),
    "hr": ("kazn", "novčan", "kažnjen"),
    "cs": ("pokut", "sankc"),
    "fi": ("seuraamusmaksu", "sakko", "sakot", "seuraamus"),
}
# An overdue or periodic penalty payment.
PERIODIC: Cues = {
    "en": ("periodic penalty", "penalty payment", "daily penalt", "overdue penalt"),
    "fr": ("astreinte",), "it": ("penalità di mora",), "es": ("multa coercitiva", "multas coercitivas"),
    "pt": ("sanção pecuniária compulsória",), "el": ("χρηματική ποινή",),
    "nl": ("dwangsom",), "de": ("zwangsgeld",), "sv": ("vite\\b", "viten"),
    "no": ("tvangsmulkt",), "da": ("tvangsbøde",), "pl": ("kara pieniężna za każdy",),
    "ro": ("amenzi cominatorii",), "hr": ("penal",), "cs": ("penále",), "fi": ("uhkasakko",),
}
REPRIMAND: Cues = {
    "en": ("reprimand",), "fr": ("rappel à l'ordre", "rappel à l’ordre", "réprimande", "blâme"),
    "it": ("ammonimento", "ammonito", "ammonisce"), "es": ("apercibimiento", "apercib"),
    "pt": ("repreensão",), "el": ("επίπληξ",), "nl": ("berisping",),
    "de": ("verwarnung", "verwarnt"), "sv": ("reprimand",), "no": ("irettesettelse",),
    "da": ("påtale",), "pl": ("upomnien",), "ro": ("mustrare",),
    "hr": ("opomen", "službena opomena"), "cs": ("napomenut",), "fi": ("huomautu",),
}
WARNING: Cues = {
    "en": ("formal warning", "issued a warning", "a warning\\b", "warned\\b"),
    "fr": ("avertissement",), "it": ("avvertimento",), "es": ("advertencia",),
    "pt": ("advertência",), "el": ("προειδοποίηση",), "nl": ("waarschuwing",),
    "de": ("warnung\\b", "gewarnt"), "sv": ("varning",), "no": ("advarsel",),
    "da": ("advarsel",), "pl": ("ostrzeżeni",), "ro": ("avertisment",),
    "hr": ("upozoren",), "cs": ("upozorněn",), "fi": ("varoitu", "varoitukse"),
}
ORDER: Cues = {
    "en": ("ordered", "order to", "orders ", "enforcement notice", "compliance order",
           "required to", "directed to", "ban on", "banned", "injunction"),
    "fr": ("injonction", "enjoint", "ordonn", "ordre de mise en conformité"),
    "it": ("ordina", "ordinato", "ingiunto di", "ingiunge di conformare", "divieto",
           "limitazione", "prescri"),
    "es": ("ordena", "ordenó", "requiere a", "medidas correctivas", "adecue", "adecúe"),
    "pt": ("ordenou", "ordena", "determinou", "determina", "medida corretiva"),
    "el": ("εντολή", "διέταξε", "διατάσσει", "δώσει εντολή"),
    "nl": ("last onder", "gelast", "verwerkingsverbod", "opgedragen", "bevel"),
    "de": ("anordnung", "angeordnet", "ordnete", "untersagt", "verbot", "verpflichtet"),
    "sv": ("föreläg", "förelag", "förbud", "ålägg"),
    "no": ("pålegg", "pålagt", "pålegger", "forbud"),
    "da": ("påbud", "påbyd", "forbud"),
    "pl": ("nakaz", "nakaza"), "ro": ("măsur", "masur", "dispus"),
    "hr": ("naređ", "nalož", "nalaže"), "cs": ("nařídil", "nařízen", "uložil opatření", "náprav"),
    "fi": ("määräsi korjaamaan", "määräyksen", "määräsi yrityksen", "velvoitti", "käski"),
}
# Before a sum: a legal maximum, turnover, damages, budgets and the like.
NOT_PENALTY_BEFORE: Cues = {
    "en": ("up to", "maximum", "max.", "as much as", "ceiling", "cap of", "turnover",
           "revenue", "damages", "compensation", "refund", "budget", "worth", "valued",
           "income", "profit", "costs of", "spent", "stolen", "salary", "grant",
           "prize", "capped", "exceeding", "more than", "over \\b", "limit of", "tariff"),
    "fr": ("jusqu'à", "jusqu’à", "plafond", "maximum", "chiffre d'affaires",
           "chiffre d’affaires", "dommages", "indemn", "budget", "frais", "coût", "revenu",
           "bénéfice", "dépassant", "au plus"),
    "it": ("fino a", "massimo", "fatturato", "risarcimento", "budget", "importo inferiore",
           "ricavi", "costo", "bilancio", "metà"),
    "es": ("hasta", "máximo", "volumen de negocio", "cifra de negocio", "indemniz",
           "presupuesto", "facturación", "ingresos", "coste"),
    "pt": ("até\\b", "máximo", "volume de negócios", "indemniz", "orçamento", "faturação"),
    "el": ("έως", "μέγιστ", "κύκλο εργασιών", "κύκλος εργασιών", "αποζημίωσ", "προϋπολογισμ",
           "ποσού", "ανώτατ"),
    "nl": ("tot \\b", "maximaal", "maximum", "omzet", "schadevergoeding", "budget",
           "hoogstens", "ten hoogste"),
    "de": ("bis zu", "höchstens", "maximal", "umsatz", "schadensersatz", "schadenersatz",
           "budget", "höchst", "obergrenze"),
    "sv": ("upp till", "högst", "maximalt", "omsättning", "skadestånd", "budget", "intäkt"),
    "no": ("opp til", "inntil", "maksimalt", "omsetning", "erstatning", "budsjett",
           "stipend", "grunnbeløp"),
    "da": ("op til", "op til", "højst", "maksimalt", "omsætning", "erstatning", "budget"),
    "pl": ("do \\b", "maksymal", "obrot", "obrót", "odszkodowan", "budżet", "nie więcej"),
    "ro": ("până la", "pana la", "maxim", "cifra de afaceri", "cifră de afaceri",
           "despăgubir", "buget"),
    "hr": ("do \\b", "najviše", "maksimal", "prihod", "promet", "naknad", "proračun"),
    "cs": ("až do", "do výše", "maximál", "obrat", "náhrad", "rozpočet"),
    "fi": ("enintään", "jopa", "liikevaihto", "vahingonkorvau", "budjet"),
}
# Right after a sum: the rate of an order, or a share of something else.
RATE_AFTER: Cues = {
    "en": ("per day", "a day", "each day", "per week", "per violation", "for each day",
           "per month", "per infringement", "daily", "of turnover", "in turnover",
           "in revenue", "of revenue"),
    "fr": ("par jour", "par semaine", "par mois", "de chiffre", "par infraction"),
    "it": ("al giorno", "per ogni giorno", "giornalier", "di fatturato"),
    "es": ("por día", "por cada día", "diarios", "de facturación"),
    "pt": ("por dia", "diários"), "el": ("ημερησίως", "ανά ημέρα", "την ημέρα", "για κάθε ημέρα"),
    "nl": ("per dag", "per week", "per maand", "per overtreding", "omzet"),
    "de": ("pro tag", "je tag", "täglich", "pro woche", "je verstoß", "umsatz"),
    "sv": ("per dag", "om dagen", "per vecka", "i omsättning"),
    "no": ("per dag", "pr. dag", "pr dag", "dagen", "per uke", "i omsetning"),
    "da": ("pr. dag", "per dag", "om dagen", "i omsætning"),
    "pl": ("dziennie", "za każdy dzień", "obrotu"), "ro": ("pe zi", "pentru fiecare zi"),
    "hr": ("dnevno", "po danu", "za svaki dan"), "cs": ("denně", "za každý den"),
    "fi": ("päivältä", "päivässä", "liikevaihto"),
}
# The sentence tells of a proposal or an intention, not a decided sanction.
PROPOSAL: Cues = {
    "en": ("notice of intent", "intends to", "intention to", "provisional", "proposed",
           "proposes", "draft decision", "could face", "may face", "would be", "recommend",
           "provisionally", "preliminary"),
    "fr": ("propos", "envisag", "projet de décision", "pourrait", "encour"),
    "it": ("propost", "intende", "potrebbe", "schema di"),
    "es": ("propuesta", "propone", "sería de", "inicial", "acuerdo de inicio", "podría"),
    "pt": ("proposta", "projeto de decisão", "poderá"), "el": ("πρόταση", "σχέδιο απόφασης"),
    "nl": ("voornemen", "voorgenomen", "zou kunnen"), "de": ("beabsichtig", "vorgeschlagen",
                                                           "droht", "drohen"),
    "sv": ("avser", "föreslå", "kan komma"), "no": ("varsel", "varsle", "varslet", "vurderer"),
    "da": ("indstill", "politianmeld", "anbefal"), "pl": ("zamierza", "propon", "projekt decyzji"),
    "ro": ("propus", "intenți", "intenţi"), "hr": ("predlož", "namjerav"),
    "cs": ("navrh", "zamýšl"), "fi": ("ehdott", "ehdotta", "aikoo"),
}
# The sum is a total of several sanctions already counted one by one.
TOTAL: Cues = {
    "en": ("total", "totalling", "totaling", "combined", "in all", "altogether", "overall"),
    "fr": ("total", "au total", "cumul", "en tout"), "it": ("total", "complessiv", "in tutto"),
    "es": ("total", "en conjunto"), "pt": ("total", "no conjunto"), "el": ("συνολικ",),
    "nl": ("totaal", "in totaal", "samen"), "de": ("insgesamt", "gesamt", "zusammen"),
    "sv": ("totalt", "sammanlagt", "sammantaget"), "no": ("totalt", "samlet", "til sammen"),
    "da": ("i alt", "samlet", "tilsammen"), "pl": ("łącznie", "łączn", "w sumie"),
    "ro": ("total",), "hr": ("ukupn",), "cs": ("celkem", "celkov"), "fi": ("yhteensä",),
}
# Another case is being recalled, or the past: amounts cited for context.
CONTEXT: Cues = {
    "en": ("previously", "earlier", "in the past", "last year", "already", "similar",
           "other cases", "precedent", "in a previous", "record fine", "largest fine",
           "compared", "follows", "since 20", "annual report", "in 20"),
    "fr": ("précédemment", "déjà", "auparavant", "l'an dernier", "précédente", "rappel",
           "bilan", "rapport annuel", "depuis"),
    "it": ("già", "precedente", "in passato", "lo scorso anno", "relazione annuale"),
    "es": ("anteriormente", "ya\\b", "previamente", "memoria anual", "el año pasado"),
    "pt": ("anteriormente", "já\\b", "relatório anual"), "el": ("προηγούμεν", "ήδη", "ετήσια έκθεση"),
    "nl": ("eerder", "vorig jaar", "jaarverslag"), "de": ("bereits", "zuvor", "früher",
                                                         "vorjahr", "tätigkeitsbericht"),
    "sv": ("tidigare", "redan", "årsrapport"), "no": ("tidligere", "allerede", "årsrapport"),
    "da": ("tidligere", "allerede", "årsrapport", "årsberetning"),
    "pl": ("wcześniej", "już\\b", "poprzedni", "sprawozdani"), "ro": ("anterior", "deja", "raport anual"),
    "hr": ("ranije", "prethodn", "već\\b", "godišnje izvješće"),
    "cs": ("dříve", "předchozí", "již\\b", "výroční zpráv"), "fi": ("aiemmin", "jo\\b", "vuosikertomu"),
}
COURT: Cues = {
    "en": ("court", "tribunal", "appeal", "judgment", "judgement"),
    "fr": ("conseil d'état", "conseil d’état", "tribunal", "cour\\b", "juridiction", "recours"),
    "it": ("tribunale", "corte", "cassazione", "ricorso", "sentenza"),
    "es": ("audiencia nacional", "tribunal", "sentencia", "recurso"),
    "pt": ("tribunal", "acórdão", "sentença", "recurso"), "el": ("δικαστήρι", "συμβούλιο της επικρατείας", "προσφυγή"),
    "nl": ("rechtbank", "raad van state", "hof\\b", "rechter", "uitspraak", "beroep"),
    "de": ("gericht", "urteil", "einspruch", "beschluss des"),
    "sv": ("förvaltningsrätt", "kammarrätt", "domstol", "dom\\b", "överklag"),
    "no": ("personvernnemnda", "tingrett", "lagmannsrett", "høyesterett", "domstol", "klage"),
    "da": ("byret", "landsret", "højesteret", "domstol", "dom\\b"),
    "pl": ("sąd", "wsa", "nsa\\b", "wyrok", "skarg"), "ro": ("instanț", "instanţ", "curtea", "tribunal"),
    "hr": ("sud\\b", "suda\\b", "presud"), "cs": ("soud", "rozsud"), "fi": ("oikeus", "hallinto-oikeus", "tuomioistuin"),
}
APPEAL_OUTCOME: Cues = {
    "en": ("upheld", "upholds", "annulled", "annuls", "quashed", "overturned", "reduced",
           "reduces", "set aside", "dismissed", "confirmed", "confirms", "cancelled"),
    "fr": ("confirm", "annul", "réduit", "ramen", "rejet", "valid"),
    "it": ("conferma", "annulla", "ridott", "riduce", "respint"),
    "es": ("confirma", "anula", "reduce", "reducida", "desestima", "avala"),
    "pt": ("confirm", "anul", "reduz", "reduziu"), "el": ("επικύρω", "ακύρω", "μείω", "απέρριψε"),
    "nl": ("bevestig", "vernietig", "verlaag", "verminder", "ongegrond", "blijft"),
    "de": ("bestätig", "aufgehoben", "hebt", "reduziert", "herabgesetzt", "abgewiesen"),
    "sv": ("fastställ", "upphäv", "sänk", "avslog", "nedsatt"),
    "no": ("stadfest", "opphev", "redusert", "reduserte", "nedsatt", "opprettholdt"),
    "da": ("stadfæst", "ophæv", "nedsat", "frifandt"),
    "pl": ("utrzyma", "uchyli", "obniż", "oddali"), "ro": ("menținut", "menţinut", "anulat", "redus", "respins"),
    "hr": ("potvrdi", "poništi", "smanji", "odbi"), "cs": ("potvrdil", "zrušil", "snížil", "zamítl"),
    "fi": ("pysytti", "kumosi", "alensi", "hylkäsi"),
}
# A reduction for voluntary payment or acknowledgement (AEPD, Garante half-payment).
REDUCTION: Cues = {
    "en": ("reduced to", "reduction", "voluntary payment", "early payment", "discount"),
    "fr": ("réduit", "réduction", "ramen"), "it": ("ridott", "riduzione", "metà"),
    "es": ("reduc", "pago voluntario", "reconocimiento de responsabilidad", "abonó", "pagó",
           "quedando", "quedó"),
    "pt": ("redu",), "el": ("μειωμέν", "μείωση"), "nl": ("verlaag", "verminder"),
    "de": ("reduziert", "ermäßig", "herabgesetzt"), "sv": ("sänkt", "nedsatt"),
    "no": ("redusert", "nedsatt"), "da": ("nedsat",), "pl": ("obniż",), "ro": ("redus",),
    "hr": ("smanjen",), "cs": ("snížen",), "fi": ("alenn", "alennettu"),
}
# General statements of powers, not this case ("the CNIL can impose fines of...").
MODAL: Cues = {
    "en": ("can \\b", "may \\b", "could \\b", "can impose", "is able to", "powers to"),
    "fr": ("peut \\b", "peuvent", "pourra"), "it": ("può", "possono"),
    "es": ("puede", "pueden", "podrá"), "pt": ("pode\\b", "podem"), "el": ("μπορεί",),
    "nl": ("kan \\b", "kunnen", "mag \\b"), "de": ("kann \\b", "können", "darf"),
    "sv": ("kan \\b", "får \\b"), "no": ("kan \\b",), "da": ("kan \\b",),
    "pl": ("może", "mogą"), "ro": ("poate", "pot \\b"), "hr": ("može", "mogu"),
    "cs": ("může", "mohou"), "fi": ("voi \\b", "voivat", "voidaan"),
}


# A restatement of the sum just written ("(echivalentul a 1.000 EURO)").
EQUIVALENT: Cues = {"en": tuple(f"{word}\\b" if word[-1].isalnum() else word
                                for word in EQUIVALENT_CUES)}


@cache
def cue(table_name: str, language: str) -> re.Pattern[str]:
    """The compiled cues of one table for `language` (plus the English ones)."""
    table: Cues = globals()[table_name]
    stems = (*table.get(language, ()), *(table["en"] if language != "en" else ()))
    parts = sorted({stem.replace("\\b", "\x00") for stem in stems}, key=len, reverse=True)
    alternation = "|".join(re.escape(part).replace("\x00", r"\b") for part in parts)
    return re.compile(rf"(?<!\w)(?:{alternation})", re.I)
