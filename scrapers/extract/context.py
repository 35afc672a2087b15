"""Whether a sentence or a release speaks of a new sanction at all. Pure, no I/O.

A sentence about a proposal, a court's review, an authority's powers, another case or a
period well before the release does not announce a sanction; nor does a release that is an
annual report, an awareness day, a Q&A page, or a court's review of an earlier sanction.
"""

from __future__ import annotations

import re
from datetime import date

from scrapers.extract.cues import cue
from scrapers.extract.dates import latest_time_reference
from scrapers.extract.sentences import Sentence

# A sentence dated this long before its release recalls an earlier case (decisions are
# published weeks or a few months after they are taken, rarely most of a year).
STALE_DAYS = 270
_COMMA = re.compile(r"[,;]\s*|\s[–—]\s*")
# A title that opens on "why" or "how" explains a practice ("Proč Úřad neukládá pokuty",
# "Sådan fastsætter vi bøder", "Warum ..."): it does not announce a decision.
_EXPLAINER_TITLE = re.compile(
    r"^\W*(?:why|how|pourquoi|comment|perché|come|por qué|cómo|porquê|por que|como|warum|"
    r"wie|waarom|hoe|varför|hur|hvorfor|hvordan|sådan|slik|dlaczego|jak|proč|zašto|kako|"
    r"de ce|cum|miksi|miten|näin|γιατί|πώς|πως)(?!\w)",
    re.I,
)
# How far into a release its opening paragraphs go, in sentences.
OPENING_SENTENCES = 8


def sentence_disqualified(sentence: str, language: str, published: date | None) -> bool:
    """True for sentences about proposals, courts' reviews, powers or other cases."""
    if any(
        cue(table, language).search(sentence)
        for table in ("PROPOSAL", "CONTEXT", "COUNTERFACTUAL", "EXAMPLE")
    ):
        return True
    if recalls_earlier_period(sentence, language, published):
        return True
    if cue("COURT", language).search(sentence) and cue("APPEAL_OUTCOME", language).search(sentence):
        return True
    return any(
        not cue("APPEAL_RIGHT", language).search(sentence, modal.end(), modal.end() + 40)
        for modal in cue("MODAL", language).finditer(sentence)
    )


def clause_of(sentence: str, position: int, language: str) -> str:
    """The sentence up to the subordinate clause that follows `position`: "fined €440,000,
    because it had not complied with an order given earlier" -> "fined €440,000"."""
    for comma in _COMMA.finditer(sentence, position):
        if cue("SUBORDINATE", language).match(sentence, comma.end()):
            return sentence[: comma.start()]
    return sentence


def recalls_earlier_period(sentence: str, language: str, published: date | None) -> bool:
    """True when the sentence dates its story well before the release: a recap."""
    if published is None:
        return False
    latest = latest_time_reference(sentence, language)
    return latest is not None and (published - latest).days > STALE_DAYS


def is_recap_genre(sentences: list[Sentence], language: str) -> bool:
    """An annual report, an awareness day or a Q&A page: it recalls, it does not announce;
    so does guidance whose title names no measure."""
    title = sentences[0].text if sentences else ""
    if _EXPLAINER_TITLE.search(title):
        return True
    if cue("GUIDANCE_TITLE", language).search(title) and not any(
        cue(table, language).search(title)
        for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
    ):
        return True
    return any(cue("RECAP_GENRE", language).search(s.text) for s in sentences[:OPENING_SENTENCES])


def is_review_of_earlier_sanction(sentences: list[Sentence], language: str) -> bool:
    """A court (or appeal board) upholding, reducing or annulling an earlier sanction."""
    lead = " ".join(s.text for s in sentences[:2])
    if cue("COURT", language).search(lead) and cue("APPEAL_OUTCOME", language).search(lead):
        return True
    # A title naming a court and its ruling ("Urteil des Gerichtshofs zu Bußgeldern"): the
    # release reports the ruling, whatever the court did to the earlier fine.
    title = sentences[0].text if sentences else ""
    return bool(
        cue("COURT", language).search(title)
        and (cue("RULING", language).search(title) or cue("APPEAL_OUTCOME", language).search(title))
        and not cue("APPEAL_RIGHT", language).search(title)
    )


def looks_like_decision(sentences: list[Sentence], language: str) -> bool:
    """The release itself announces a measure: its title or lead names one."""
    lead = " ".join(s.text for s in sentences[:OPENING_SENTENCES])
    return any(
        cue(table, language).search(lead)
        for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
    )
