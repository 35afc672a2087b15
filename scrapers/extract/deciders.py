"""Which authority decided, when a release reports another authority's sanction.

Aggregators (the EDPB's national news) publish fines decided elsewhere; the text names
the deciding authority by acronym, name or nationality ("the Dutch SA"). Ids are those of
scrapers/authorities.toml. Pure, no I/O.
"""

from __future__ import annotations

import re

# Publishers that mostly report other authorities' decisions.
AGGREGATORS: frozenset[str] = frozenset({"edpb"})

# (pattern, authority id), tried in order; the earliest mention in the text wins.
_MENTIONS: tuple[tuple[str, str], ...] = (
    (r"\bCNIL\b|French (?:SA|supervisory authority|data protection authority|DPA)", "cnil"),
    (r"\bICO\b|Information Commissioner|UK (?:SA|supervisory authority|DPA)", "ico"),
    (r"\bGarante\b|Italian (?:SA|supervisory authority|data protection authority|DPA)", "garante"),
    (r"\bAEPD\b|Spanish (?:SA|supervisory authority|data protection authority|DPA)", "aepd"),
    (
        r"\bHDPA\b|Hellenic (?:SA|supervisory authority|DPA|Data Protection Authority)|"
        r"Greek (?:SA|supervisory authority|DPA)",
        "hdpa",
    ),
    (
        r"\bAutoriteit Persoonsgegevens\b|Dutch (?:SA|supervisory authority|data protection "
        r"authority|DPA)",
        "ap",
    ),
    (r"\bDPC\b|Irish (?:SA|supervisory authority|DPA)|Data Protection Commission\b", "dpc"),
    (r"\bIMY\b|Swedish (?:SA|supervisory authority|DPA|Authority for Privacy Protection)", "imy"),
    (r"Norwegian (?:SA|supervisory authority|DPA|Data Protection Authority)", "datatilsynet-no"),
    (r"Danish (?:SA|supervisory authority|DPA|Data Protection Agency)", "datatilsynet-dk"),
    (r"\bUODO\b|Polish (?:SA|supervisory authority|DPA)", "uodo"),
    (r"\bANSPDCP\b|Romanian (?:SA|supervisory authority|DPA)", "anspdcp"),
    (r"Belgian (?:SA|supervisory authority|DPA|Data Protection Authority)|\bGBA\b", "apd"),
    (r"Luxembourg(?:ish)? (?:SA|supervisory authority|DPA)|CNPD \(Luxembourg\)", "cnpd-lu"),
    (r"\bAZOP\b|Croatian (?:SA|supervisory authority|DPA)", "azop"),
    (r"\bHmbBfDI\b|Hamburg (?:SA|supervisory authority|DPA|Commissioner)", "hmbbfdi"),
    (r"\bLfDI\b|Baden-W[üu]rttemberg (?:SA|supervisory authority|DPA)", "lfdi-bw"),
    (r"\bBfDI\b|German Federal (?:SA|supervisory authority|DPA|Commissioner)", "bfdi"),
    (r"Austrian (?:SA|supervisory authority|DPA)|\bDSB\b", "dsb-at"),
    (r"Portuguese (?:SA|supervisory authority|DPA)|CNPD \(Portugal\)", "cnpd-pt"),
    (r"\bÚOOÚ\b|\bUOOU\b|Czech (?:SA|supervisory authority|DPA)", "uoou"),
    (r"Finnish (?:SA|supervisory authority|DPA)|Data Protection Ombudsman", "tietosuoja"),
    (r"\bFTC\b|Federal Trade Commission", "ftc"),
)
_COMPILED = tuple((re.compile(pattern), authority) for pattern, authority in _MENTIONS)
_ANY_AUTHORITY = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _MENTIONS))
# The authorities' own names in their languages: a release names its author as the one
# who decides ("A Comissão Nacional de Proteção de Dados (CNPD) determinou ..."), never as
# the party, so none of these is ever a defendant.
_NATIVE_NAMES = re.compile(
    r"Commission nationale (?:de l['’]informatique|pour la protection des données)|"
    r"Garante per la protezione|Agencia Española de Protección de Datos|"
    r"Αρχή Προστασίας Δεδομένων|Integritetsskyddsmyndigheten|Datatilsynet|"
    r"Urz[ąę]d Ochrony Danych|Prezes(?:a)? UODO|Autoritatea Na[țţ]ional[ăa] de Supraveghere|"
    r"Autorité de protection des données|Gegevensbeschermingsautoriteit|"
    r"Agencij[aei] za za[šs]titu osobnih|(?:Bundes|Landes)beauftragte[nr]? für (?:den )?"
    r"Datenschutz|Hamburgische[rn]? Beauftragte|Datenschutzbehörde|"
    r"Comiss[ãa]o Nacional de Prote[çc][ãa]o de Dados|Úřad pro ochranu osobních|"
    r"Tietosuojavaltuutetu|Seuraamuskollegio",
    re.I,
)
# The authority by its common noun alone, as the whole name: "a Comissão", "the
# Commission", "l'Autorité", "die Behörde".
_SELF_REFERENCE = re.compile(
    r"(?:(?:the|a|la|l['’]|die|de|het|el|il)\s*)?(?:Commission|Comiss[ãa]o|Comisi[óo]n|"
    r"Commissione|Autorité|Autorit[àa]|Autoridad|Autoridade|Autoriteit|Behörde|Authority|"
    r"Agencia|Agência|Agencija|Úřad|Urząd|Aufsichtsbehörde)",
    re.I,
)


def deciding_authority(text: str, publisher: str) -> str | None:
    """The authority a release says decided, when it is not `publisher`; else None."""
    if publisher not in AGGREGATORS:
        return None
    best: tuple[int, str] | None = None
    for pattern, authority in _COMPILED:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), authority)
    if best is None or best[1] == publisher:
        return None
    return best[1]


def mentions_authority(name: str) -> bool:
    """True when `name` is an authority's name or description ("the Dutch SA", "a Comissão")."""
    return (
        _ANY_AUTHORITY.search(name) is not None
        or _NATIVE_NAMES.search(name) is not None
        or _SELF_REFERENCE.fullmatch(name.strip()) is not None
    )
