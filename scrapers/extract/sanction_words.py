"""The words of a sanction measure, per language: fines, penalty payments, reprimands,
warnings, orders. Data only; scrapers.extract.cues compiles and looks them up.

Each entry is a lower-case stem matched at the start of a word, case-insensitively, so
"amend" covers amende/amendes. A trailing "\\b" asks for the whole word. English cues
apply to every language, since aggregators and bilingual sites mix them in.
"""

from __future__ import annotations

Cues = dict[str, tuple[str, ...]]

# Nouns and verbs of an administrative fine.
FINE: Cues = {
    "en": (
        "fine",
        "fined",
        "fining",
        "monetary penalt",
        "civil penalt",
        "administrative penalt",
        "penalty of",
        "penalty notice",
        "financial penalt",
        "sanction",
        "pay ",
        "to pay",
        "will pay",
        "settle",
    ),
    "fr": ("amende", "sanction", "pécuniaire", "sanctionn", "inflig"),
    "it": ("sanzion", "multa", "pagamento", "pagare", "ordinanza ingiunzione", "ingiunzione"),
    "es": ("multa", "sanci", "sancion", "infracci"),
    "pt": ("coima", "multa", "sanç", "sancion", "coimas"),
    "el": ("πρόστιμ", "προστίμ", "κύρωσ", "επέβαλ", "επιβάλ"),
    "nl": ("boete", "geldboete", "beboet", "bestuurlijke boete", "sanctie"),
    "de": ("bußgeld", "bussgeld", "geldbuße", "geldbusse", "geldstrafe", "sanktion"),
    "sv": ("sanktionsavgift", "avgift", "böter"),
    "no": ("overtredelsesgebyr", "gebyr", "bot\\b", "bøter"),
    "da": ("bøde", "bøder"),
    "pl": ("kar", "grzywn", "ukara"),
    "ro": ("amend", "amenz", "sancți", "sancţi", "sanctiona", "contravenți", "contravenţi"),
    "hr": ("kazn", "novčan", "kažnjen"),
    "cs": ("pokut", "sankc"),
    "fi": ("seuraamusmaksu", "sakko", "sakot", "seuraamus"),
}
# An overdue or periodic penalty payment.
PERIODIC: Cues = {
    "en": ("periodic penalty", "penalty payment", "daily penalt", "overdue penalt"),
    "fr": ("astreinte",),
    "it": ("penalità di mora",),
    "es": ("multa coercitiva", "multas coercitivas"),
    "pt": ("sanção pecuniária compulsória",),
    "el": ("χρηματική ποινή",),
    "nl": ("dwangsom",),
    "de": ("zwangsgeld",),
    "sv": ("vite\\b", "viten"),
    "no": ("tvangsmulkt",),
    "da": ("tvangsbøde",),
    "pl": ("kara pieniężna za każdy",),
    "ro": ("amenzi cominatorii",),
    "hr": ("penal",),
    "cs": ("penále",),
    "fi": ("uhkasakko",),
}
REPRIMAND: Cues = {
    "en": ("reprimand",),
    "fr": ("rappel à l'ordre", "rappel à l’ordre", "réprimande", "blâme"),
    "it": ("ammonimento", "ammonito", "ammonisce"),
    "es": ("apercibimiento", "apercib"),
    "pt": ("repreensão",),
    "el": ("επίπληξ",),
    "nl": ("berisping",),
    "de": ("verwarnung", "verwarnt"),
    "sv": ("reprimand",),
    "no": ("irettesettelse",),
    "da": ("påtale", "alvorlig kritik", "udtaler kritik", "udtalt kritik"),
    "pl": ("upomnien",),
    "ro": ("mustrare",),
    "hr": ("opomen", "službena opomena"),
    "cs": ("napomenut",),
    "fi": ("huomautu",),
}
WARNING: Cues = {
    "en": ("formal warning", "issued a warning", "a warning\\b", "warned\\b"),
    "fr": ("avertissement",),
    "it": ("avvertimento",),
    "es": ("advertencia",),
    "pt": ("advertência",),
    "el": ("προειδοποίηση",),
    "nl": ("waarschuwing",),
    "de": ("warnung\\b", "gewarnt"),
    "sv": ("varning",),
    "no": ("advarsel",),
    "da": ("advarsel",),
    "pl": ("ostrzeżeni",),
    "ro": ("avertisment",),
    "hr": ("upozoren",),
    "cs": ("upozorněn",),
    "fi": ("varoitu", "varoitukse"),
}
ORDER: Cues = {
    "en": (
        "ordered",
        "ordering",
        "orders ",
        "order requir",
        "order bans",
        "order prohibit",
        "issued an order",
        "an order\\b",
        "enforcement notice",
        "compliance order",
        "required to",
        "directed to",
        "ban on",
        "banned",
        "injunction",
    ),
    "fr": ("injonction", "enjoint", "ordonn", "ordre de mise en conformité"),
    "it": (
        "ordina",
        "ordinato",
        # "ha ingiunto alla società di conformare": the object may sit between verb and "di"
        "ingiunto\\b",
        "ingiunge di conformare",  # bare "INGIUNGE" heads a payment injunction: the fine
        "divieto",
        "limitazione",
        "prescri",
        "blocca\\b",
        "bloccat",
    ),
    "es": ("ordena", "ordenó", "requiere a", "medidas correctivas", "adecue", "adecúe"),
    "pt": ("ordenou", "ordena\\b", "determinou", "determina\\b", "medida corretiva"),
    "el": ("εντολή", "διέταξε", "διατάσσει", "δώσει εντολή", "απαγόρευ"),
    "nl": ("last onder", "gelast", "verwerkingsverbod", "opgedragen", "bevel", "beveelt"),
    "de": ("anordnung", "angeordnet", "ordnete", "untersagt", "verbot", "verpflichtet"),
    "sv": ("föreläg", "förelag", "förbud", "ålägg"),
    "no": ("pålegg", "pålagt", "pålegger", "forbud"),
    "da": ("påbud", "påbyd", "forbud"),
    "pl": ("nakaz", "nakaza"),
    # "măsuri tehnice" (technical measures) is no order: only a measure imposed is.
    "ro": (
        "măsura corectivă",
        "măsuri corective",
        "a dispus",
        "s-a dispus",
        "a obligat",
        "obligat să",
    ),
    "hr": ("naređ", "nalož", "nalaže"),
    # "nařízení" is the Regulation itself: only the verb orders.
    "cs": ("nařídil", "nařízeno\\b", "uložil opatření", "opatření k nápravě", "zákaz"),
    "fi": ("määräsi korjaamaan", "määräyksen", "määräsi yrityksen", "velvoitti", "käski"),
}
