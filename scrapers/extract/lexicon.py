"""Language tables for defendants: introducers, descriptors, legal forms. Data only.

Word lists are folded (lower case, no accents: see dates.fold) because they are compared
with folded tokens; INTRODUCERS are regular expressions matched on the original text.
"""

from __future__ import annotations

import re

# Words that stand before a name without being part of it ("la société X").
DESCRIPTORS: frozenset[str] = frozenset(
    "the company firm la le les l de du des societe entreprise groupe group societa il lo "
    "entidad empresa compania a o empresa die der das den dem firma unternehmen gesellschaft "
    "bolaget foretaget selskapet selskabet virksomheden spolka spolki spolke spolce "
    "societatea operatorul operatorului η εταιρεια εταιρειας της spolecnost spolecnosti "
    "drustvo drustvu trgovacko trgovackom yhtio het bedrijf onderneming controller "
    "responsable pan pana panu pani panią herr frau mr mrs ms mme monsieur madame "
    "signor signora sig sr sra don dona".split()
)

# Legal forms as normalise_defendant sees them (folded, dots dropped inside, then spaces).
LEGAL_FORMS: frozenset[str] = frozenset(
    {
        "inc",
        "ltd",
        "limited",
        "llc",
        "plc",
        "corp",
        "corporation",
        "co",
        "lp",
        "llp",
        "unlimited company",
        "dac",
        "uc",
        "sa",
        "sas",
        "sasu",
        "sarl",
        "sca",
        "snc",
        "eurl",
        "spa",
        "srl",
        "srls",
        "sapa",
        "gmbh",
        "ag",
        "kg",
        "gmbh & co kg",
        "& co kg",
        "co kg",
        "se",
        "ev",
        "ab",
        "publ",
        "ab publ",
        "as",
        "asa",
        "aps",
        "is",
        "bv",
        "nv",
        "vof",
        "cv",
        "sp z oo",
        "z oo",
        "oo",
        "sp k",
        "sp j",
        "spzoo",
        "dd",
        "doo",
        "oy",
        "oyj",
        "abp",
        "ky",
        "sro",
        "vos",
        "lda",
        "sl",
        "slu",
        "sau",
        "ltda",
        "sgps",
        "αε",
        "επε",
        "ικε",
        "οε",
        "εε",
        "ae",
        "epe",
        "ike",
        "scs",
        "sprl",
        "bvba",
        "cvba",
        "asbl",
        "vzw",
        "kft",
        "zrt",
        "nyrt",
        "holding",
        "holdings",
        "group",
        "s",
    }
)

# Small words allowed inside a name between capitalised words ("Bank of Ireland").
CONNECTORS: frozenset[str] = frozenset(
    "of de du des di del della dello dei degli van von der den het & and und y e i og och "
    "et la le los las da do dos das für fur for w we v ve u".split()
) - frozenset({"for", "et", "and"})

# Capitalised words that never name a defendant: authorities, laws, months, sentence
# openers. A scan stops at them.
NOT_NAMES: frozenset[str] = frozenset(
    (
        "the a an in on at this that these those it its our we he she they following after "
        "la le les l un une ce cette il lo gli i el los las der die das den dem des ein eine "
        "einem einer het een dit deze dat den det ett en et ei denne dette ta to tego ta "
        "o os as um uma ο η το οι τα στην στον στο της του την τον "
        "elle elles ils lui leur she he they him her them esso essa ella ellos sie er es ihm "
        "ihr ze hij zij hun hon han hen dem ona on ono oni αυτη αυτος hän se ne "
        "pour par for with to by from under according selon secondo segun gemass volgens "
        "enligt ifolge if whereas however moreover also additionally "
        # Verbs an English headline capitalises: "FTC Will Require X to Pay".
        "will must shall require requires settle settles "
        "cnil ico garante gpdp aepd dpc edpb edps imy datatilsynet uodo anspdcp azop bfdi hmbbfdi "
        "lfdi dsb cnpd apd gba uoou ftc ap hdpa aki tietosuojavaltuutettu tietosuojavaltuutetun "
        "information commissioner commissioner commission commissions commissioner's "
        "data protection commission autoriteit persoonsgegevens formation restreinte restricted "
        "committee prezes president presidente αρχη αρχης integritetsskyddsmyndigheten "
        "gdpr rgpd dsgvo avg rodo gdpr's uk eu eea european union ue ee article articles art "
        "artikel articolo articulo artigo artikla clanak clanka clanku στοιχ αρθρο αρθρου "
        "court tribunal regulation reglement regolamento reglamento verordnung regulamento "
        "regulamentul rozporzadzenie narizeni uredba uredbe asetus kanonismos "
        "january february march april may june july august september october november december "
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
        "monday tuesday wednesday thursday friday saturday sunday today yesterday "
        "euro euros eur gbp usd sek nok dkk pln ron "
        "sanction sanctions amende fine fines penalty reprimand decision decisione decision "
        "resolucion besluit beslut vedtak afgorelse decyzja decizia bescheid rozhodnuti "
        "rjesenje paatos deliberation deliberacao απόφαση αποφαση "
        "pour sur dans avec sans contre envers chez en au aux se si "
        "because due after over per con por para wegen fur för fordi za na pentru cu "
        "για με zbog koska vuoksi jonka which who whose that "
        # Definite nouns that refer back to the defendant ("Kommunen får kritik"): the
        # release's main defendant is meant, not a new name.
        "kommunen selskabet virksomheden regionen selskapet virksomheten bolaget foretaget "
        "myndigheten yhtio yritys spolecnost spolka societatea operatorul drustvo "
        "unternehmen behorde gemeente organisatie ziekenhuis"
        # Laws are cited by name ("Ley de Propiedad Horizontal", "Data Protection Act").
        " ley loi legge gesetz wet lag lov ustawa ustawy zakon zakona zákon laki lei nomos "
        "act "
        # Countries are where data goes ("overførsel til USA"), not who is sanctioned.
        "usa us kina china cina chine chiny kiina russia rusland ryssland rosja india"
    ).split()
)

# Nationality adjectives written with a capital (English, Dutch): "Irish users", "Nederlandse
# gebruikers" qualify a noun, they do not name a defendant. Folded.
NATIONALITIES: frozenset[str] = frozenset(
    "american british chinese danish dutch english european finnish french german greek "
    "irish italian norwegian polish portuguese romanian spanish swedish belgian austrian "
    "czech croatian luxembourgish scottish welsh canadian australian japanese indian "
    "amerikaanse britse chinese deense nederlandse europese finse franse duitse griekse "
    "ierse italiaanse noorse poolse portugese roemeense spaanse zweedse belgische "
    "oostenrijkse tsjechische".split()
)

# Definite nouns that refer back to the defendant: not a name alone ("Kommunen får
# kritik"), but the head of one when a name follows ("Gemeente Oosterveld").
ANAPHORS: frozenset[str] = frozenset(
    "kommunen selskabet virksomheden regionen selskapet virksomheten bolaget foretaget "
    "myndigheten yhtio yritys spolecnost spolka societatea operatorul drustvo "
    "unternehmen behorde gemeente organisatie ziekenhuis".split()
)
# Where a name scan stops: the names minus words that also occur inside company names.
STOP_TOKENS: frozenset[str] = (
    NOT_NAMES
    - ANAPHORS
    - frozenset(
        "information data protection commission commissions uk eu european union court a o "
        "i e the la le de der die das den het et en ei".split()
    )
)

# Words that follow a defendant's name when the sentence makes it the one sanctioned.
PASSIVE_AFTER_NAME: frozenset[str] = frozenset(
    (
        "fined has was is will must agrees agreed receives received gets got to reprimanded "
        "ordered sanctionnee sanctionne sanctionnees condamnee condamne multata multato "
        "sanzionata sanzionato multada multado sancionada sancionado beboet krijgt moet "
        "ukarana ukarany ukarane kaznjen kaznjena kaznjeno muss erhalt zahlt far ma skal ska "
        "maste betalar betaler dostala dostal zaplati sakotettiin sai saa foi multada "
        "multado condenada condenado sanctionata sanctionat amendata amendat "
        "επιβληθηκε τιμωρηθηκε"
    ).split()
)

# Indefinite articles that open an anonymised defendant ("un responsable de traitement").
INDEFINITE_ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an"}),
    "fr": frozenset({"un", "une"}),
    "it": frozenset({"un", "una", "uno", "un'"}),
    "es": frozenset({"un", "una"}),
    "pt": frozenset({"um", "uma"}),
    "de": frozenset({"ein", "eine", "einen", "einem", "einer"}),
    "nl": frozenset({"een"}),
    "sv": frozenset({"en", "ett"}),
    "no": frozenset({"en", "et", "ei"}),
    "da": frozenset({"en", "et"}),
    "ro": frozenset({"un", "o"}),
    "el": frozenset({"ενα", "μια", "μιας", "ενος", "εναν"}),
}
# Nouns an anonymised defendant is built on (folded), across our languages.
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    (
        "bank company controller processor hospital school municipality retailer telecom "
        "operator firm business website hotel insurer employer doctor clinic pharmacy council "
        "private person individual organisation organization data political party "
        "responsable societe entreprise banque hopital commune mairie etablissement organisme "
        "operateur association sous-traitant "
        "societa azienda banca ospedale comune titolare istituto medico scuola "
        "entidad empresa banco hospital ayuntamiento responsable comunidad particular "
        "instituicao entidade universidade escola municipio camara operadora seguradora "
        "unternehmen bank krankenhaus arzt versicherung verein onlinehandler gemeinde "
        "bedrijf ziekenhuis gemeente organisatie verzekeraar werkgever "
        "foretag bolag kommun region sjukhus myndighet "
        "selskap virksomhet kommune sykehus virksomhed kommune "
        "operator societate banca spital primarie "
        "εταιρεια τραπεζα νοσοκομειο δημος υπευθυνος"
    ).split()
)

_INTRO: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bfine[sd]?(?: of)?",
        r"\bon",
        r"\bagainst",
        r"\bto",
        r"\breprimand(?:s|ed)?",
        r"\bcharges",
        r"\bsanctions?",
        r"\bsanctioned",
        r"\bordered",
        r"\borders",
        r"\bwarned",
        r"\bin respect of",
        r"\bthe controller,?",
        r"\bbanned",
        r"\bpenalises",
        r"\bpenalised",
        r"\bpenalty(?: notice)? (?:to|on)",
    ),
    "fr": (
        r"à l['’]encontre (?:de la société|des sociétés|de la|du|des|de l['’]|de|d['’])",
        r"\bcontre (?:la société|le groupe|la|le|l['’])?",
        r"\bsanctionne (?:la société|le "
        r"groupe|la|le|l['’])?",
        r"\bla société",
        r"\ble groupe",
        r"\bl['’]entreprise",
        r"\binflig\w* (?:à la société|aux sociétés|à|au|aux)",
        # The object of an order after its verb: "ordonne à X de", "enjoint aux sociétés X".
        r"\b(?:ordonn\w*|enjoin\w*)(?: en outre| également| aussi)? "
        r"(?:à la société|aux sociétés|à|au|aux)",
        r"\bà la société",
        r"\bau groupe",
        r"\baux sociétés",
        r"\benvers (?:la société)?",
        r"\bla CNIL sanctionne",
    ),
    "it": (
        r"\bnei confronti (?:di|della|del|dello|dell['’]|degli)",
        r"\ba carico (?:di|della|del)",
        r"\bsanziona(?:to)?",
        r"\balla società",
        r"\bla società",
        r"\bammonisce",
        r"\bingiunge (?:a|alla)",
        r"\bmulta(?:to)? (?:a|alla|al)",
        r"\balla",
        r"\bal",
        r"\ba",
    ),
    "es": (
        r"\bsanciona(?:r|do|da)? (?:a|al)(?: la entidad| la empresa)?",
        r"\bal",
        r"\bcontra(?: la entidad)?",
        r"\ba la entidad",
        r"\bla entidad",
        r"\ba la empresa",
        r"\bimpone a",
        r"\bmulta a",
        r"\bmultado a",
        r"\bapercibe a",
        r"\ba",
    ),
    "pt": (
        r"\bà empresa",
        r"\ba empresa",
        r"\bcontra",
        r"\baplicou (?:à|ao)",
        # "determinou a uma instituição", "ordenou a um banco": the article "a" before an
        # indefinite one is the party's preposition.
        r"\b(?:determinou|ordenou|impôs|aplicou|dirigiu) a(?= uma? )",
        r"\bmulta (?:à|ao)",
        r"\bà",
        r"\bao",
    ),
    "el": (
        r"στην εταιρεία",
        r"στην εταιρία",
        r"κατά της",
        r"κατά του",
        r"σε βάρος (?:της|του)",
        r"εταιρείας",
        r"στον υπεύθυνο επεξεργασίας",
        r"στην",
        r"στον",
        r"στο",
    ),
    "nl": (
        r"\blegt",
        r"\baan",
        r"\btegen",
        r"\bbeboet",
        r"\bboete voor",
        r"\bjegens",
        r"\bberisping voor",
    ),
    "de": (
        r"\bgegen (?:die|den|das)?",
        r"\bgegenüber (?:der|dem)?",
        r"\bdie Firma",
        r"\bdas Unternehmen",
        r"\bverhängt gegen",
    ),
    "sv": (r"\bmot", r"\bger", r"\bbolaget", r"\btill", r"\bföreläggande för"),
    "no": (r"\bilegger", r"\bmot", r"\btil", r"\bgir", r"\bselskapet"),
    "da": (
        r"\bindstiller",
        r"\btil",
        r"\bmod",
        r"\bselskabet",
        r"\bvirksomheden",
        r"\bover for",
        # Courts sentence ("idømt X en bøde"), the authority criticises ("kritik af, at X").
        r"\bidømt(?:e|er)?",
        r"\bidømmer",
        r"\bkritik af,?(?: at)?",
        r"\bpålægger",
    ),
    "pl": (
        r"\b(?:na|wobec|udziela upomnienia|nakłada na) (?:Pana|Panią|Pani|Panu)",
        r"\bPan(?:u|a|i|ią)(?= [A-ZĄĆĘŁŃÓŚŹŻ]\.)",
        r"\bna",
        r"\bwobec",
        r"\bdla",
        r"\bukarał",
        r"\bspółkę",
        r"\bspółce",
        r"\bspółki",
    ),
    "ro": (
        r"\boperatorul(?:ui)?",
        r"\bsocietatea",
        r"\bsocietății",
        r"\bîmpotriva",
        r"\bentitatea",
        r"\bsancționat(?:ă)?",
        r"\bsancţionat(?:ă)?",
    ),
    "hr": (r"\bdruštvu", r"\bdruštvo", r"\bvoditelju obrade", r"\btrgovačkom društvu", r"\bprotiv"),
    "cs": (r"\bspolečnosti", r"\bspolečnost", r"\buložil", r"\bfirmě"),
    "fi": (r"\byhtiölle", r"\byritykselle", r"\bmääräsi"),
}


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    english = () if patterns is _INTRO["en"] else _INTRO["en"]
    joined = "|".join(f"(?:{p})" for p in (*patterns, *english))
    return re.compile(rf"(?:{joined})(?:\s+|(?<=['’]))", re.I)


INTRODUCERS: dict[str, re.Pattern[str]] = {code: _compile(p) for code, p in _INTRO.items()}
INTRODUCERS.update({"nb": INTRODUCERS["no"], "nn": INTRODUCERS["no"]})
