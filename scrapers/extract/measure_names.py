"""Whether a name found in a sentence is a title's fragment that opens with the measure.

Titles put the measure before the party ("Boete Belastingdienst", "Amende Société X",
"Sanzione Comune di Roma"); scanned for capitalised words, the measure and the party read
as one name. Such a fragment is never the party: the body's own clause names it. Pure.
"""

from __future__ import annotations

from scrapers.extract.cues import cue

_MEASURE_TABLES = ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
# How many letters an inflection may add to the measure's stem ("Sanzione", "Bußgelder"):
# more, and the word is a name that only begins like one ("Finecobank").
_INFLECTION = 3


def opens_with_measure(name: str, language: str) -> bool:
    """True when `name` is the measure word and more ("Boete Belastingdienst")."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    for table in _MEASURE_TABLES:
        match = cue(table, language).match(name)
        if match and len(words[0]) <= match.end() + _INFLECTION:
            return True
    return False
