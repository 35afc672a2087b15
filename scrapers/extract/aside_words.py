"""The words of what surrounds a sanction without being one, per language. Data only.

Other cases cited as examples, guidance titles, and the right of appeal that closes a
decision. Same stem conventions as sanction_words; scrapers.extract.cues compiles them.
"""

from __future__ import annotations

from scrapers.extract.sanction_words import Cues

# Another case cited as an example ("for example, in 2021 X was fined..."): context.
EXAMPLE: Cues = {
    "en": ("for example", "for instance", "such as the fine"),
    "fr": ("à titre d'exemple", "à titre d’exemple", "par exemple"),
    "it": ("ad esempio", "per esempio", "a titolo di esempio"),
    "es": ("por ejemplo", "a modo de ejemplo"),
    "pt": ("por exemplo", "a título de exemplo"),
    "el": ("για παράδειγμα", "παραδείγματος χάριν"),
    "nl": ("bijvoorbeeld", "zo kreeg"),
    "de": ("zum beispiel", "beispielsweise"),
    "sv": ("till exempel", "exempelvis"),
    "no": ("for eksempel", "eksempelvis"),
    "da": ("for eksempel", "eksempelvis"),
    "pl": ("na przykład", "przykładowo"),
    "ro": ("de exemplu", "spre exemplu"),
    "hr": ("primjerice", "na primjer", "npr"),
    "cs": ("například", "např"),
    "fi": ("esimerkiksi", "esim"),
}
# A title that announces guidance, a recommendation or guidelines: fines it mentions are
# examples of earlier cases, unless the title itself names a measure.
GUIDANCE_TITLE: Cues = {
    "en": ("guidance", "guidelines", "recommendation", "guide\b", "checklist", "toolkit"),
    "fr": ("recommandation", "lignes directrices", "guide\b", "fiche pratique"),
    "it": ("linee guida", "vademecum", "raccomandazion"),
    "es": ("guía", "directrices", "recomendacion"),
    "pt": ("orientações", "diretrizes", "guia\b", "recomendaç"),
    "el": ("κατευθυντήριες", "οδηγός", "συστάσεις"),
    "nl": ("richtlijnen", "handreiking", "leidraad"),
    "de": ("leitfaden", "leitlinien", "orientierungshilfe", "handreichung", "empfehlung"),
    "sv": ("vägledning", "riktlinjer"),
    "no": ("veileder", "veiledning", "retningslinjer"),
    "da": ("vejledning", "retningslinjer"),
    "pl": ("wytyczne", "poradnik"),
    "ro": ("ghid\b", "ghidul", "orientări"),
    "hr": ("smjernice", "vodič"),
    "cs": ("metodik", "doporučení", "příručk"),
    "fi": ("ohje", "suositus"),
}
# A right of appeal against the decision just announced ("the decision can be appealed"):
# a modal about the appeal, not about the sanction, so it does not make a sum a maximum.
APPEAL_RIGHT: Cues = {
    "en": ("appeal", "challenge", "be contested"),
    "fr": ("recours", "contest", "faire appel"),
    "it": ("impugn", "ricors", "opposizione"),
    "es": ("recurso", "recurr", "impugn"),
    "pt": ("recurs", "impugn"),
    "el": ("προσφυγ", "προσβ"),
    "nl": ("beroep", "bezwaar"),
    "de": ("beschwerde", "anfecht", "einspruch", "rechtsmittel"),
    "sv": ("överklag",),
    "no": ("påklag", "klage"),
    "da": ("påklag", "klage", "indbring"),
    "pl": ("odwoła", "zaskarż", "skarg"),
    "ro": ("contest", "atac"),
    "hr": ("žalb", "upravni spor", "tužb"),
    "cs": ("rozklad", "odvola", "napad"),
    "fi": ("valitta", "valitus", "muutoksenha"),
}
# A court's ruling named as such: with a court in the title, the release is about the
# ruling (on an earlier sanction), not a sanction of its own.
RULING: Cues = {
    "en": ("judgment", "judgement", "ruling", "ruled", "rules that", "decided that"),
    "fr": ("arrêt\\b", "jugement", "a jugé", "décision du conseil", "statue"),
    "it": ("sentenza", "ordinanza della", "ha stabilito"),
    "es": ("sentencia", "fallo\\b", "anula", "confirma"),
    "pt": ("acórdão", "sentença", "decidiu"),
    "el": ("απόφαση του", "αποφάσισε"),
    "nl": ("uitspraak", "arrest\\b", "vonnis"),
    "de": ("urteil", "beschluss des", "entschieden", "entscheidet"),
    "sv": ("dom\\b", "domen", "avgörande"),
    "no": ("dom\\b", "dommen", "kjennelse"),
    # Danish fines are imposed by the courts: "Dom i sagen om X" from a district court IS
    # the sanction; only the appeal courts and appeal wording mark a ruling on an earlier one.
    "da": ("landsret", "højesteret", "ankesag", "anket", "stadfæst"),
    "pl": ("wyrok", "orzeczeni", "orzekł"),
    "ro": ("hotărâr", "decizia instanței", "sentinț"),
    "hr": ("presud", "odluk suda"),
    "cs": ("rozsud", "rozhodl"),
    "fi": ("tuomio", "ratkaisu", "päätti"),
}
