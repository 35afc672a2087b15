"""Scoring the extractor on a labelled corpus (tests/corpus/<lang>/<case>.html + .toml).

Found and expected sanctions are paired within a case by fuzzy defendant or by the same
amount, preferring pairs of the same kind (kind is scored on the pairs, so a wrong kind
costs kind accuracy instead of hiding as a miss); then detection precision/recall/F1,
release-level accuracy, amount precision/recall (exact amount and currency), defendant and
kind accuracy are counted per language and overall, and every miss is listed. The only
I/O is reading the corpus.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from scrapers.extract.defendants import normalise_defendant
from scrapers.extract.pipeline import extract_from_html
from scrapers.models import Sanction


@dataclass(frozen=True)
class Case:
    """One labelled page of the corpus."""

    id: str
    language: str
    html: bytes
    label: dict[str, Any]


@dataclass
class Tally:
    """Counts behind the figures of one language (or of all)."""

    releases: int = 0
    releases_right: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    amounts_found: int = 0
    amounts_found_right: int = 0
    amounts_expected: int = 0
    amounts_expected_found: int = 0
    pairs: int = 0
    defendants_right: int = 0
    kinds_right: int = 0

    def figures(self) -> dict[str, float]:
        """The ratios, 1.0 where nothing was there to count."""
        precision = _ratio(self.true_positives, self.true_positives + self.false_positives)
        recall = _ratio(self.true_positives, self.true_positives + self.false_negatives)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "detection_precision": precision,
            "detection_recall": recall,
            "detection_f1": f1,
            "release_accuracy": _ratio(self.releases_right, self.releases),
            "amount_precision": _ratio(self.amounts_found_right, self.amounts_found),
            "amount_recall": _ratio(self.amounts_expected_found, self.amounts_expected),
            "defendant_accuracy": _ratio(self.defendants_right, self.pairs),
            "kind_accuracy": _ratio(self.kinds_right, self.pairs),
        }

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass
class EvalReport:
    """Figures per language and overall, and the list of misses."""

    cases: int = 0
    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: counts, figures and misses."""
        return {
            "cases": self.cases,
            "overall": {**self.overall.figures(), "releases": self.overall.releases},
            "by_language": {
                lang: {**tally.figures(), "releases": tally.releases}
                for lang, tally in sorted(self.by_language.items())
            },
            "misses": self.misses,
        }

    def format_text(self) -> str:
        """A plain-text table of the figures, then the misses, for people."""
        columns = (
            "detection_f1",
            "detection_precision",
            "detection_recall",
            "release_accuracy",
            "amount_precision",
            "amount_recall",
            "defendant_accuracy",
            "kind_accuracy",
        )
        header = "lang  cases  " + "  ".join(
            f"{c.split('_')[0][:4]}.{c.split('_')[1][:4]}" for c in columns
        )
        lines = [f"{self.cases} cases", header]
        rows = [*sorted(self.by_language.items()), ("all", self.overall)]
        for lang, tally in rows:
            figures = tally.figures()
            lines.append(
                f"{lang:<5} {tally.releases:>5}  "
                + "  ".join(f"{figures[c]:>9.3f}" for c in columns)
            )
        lines.append(f"\n{len(self.misses)} misses")
        lines += [
            f"- {m['case']}: {m['problem']} expected={m.get('expected')} found={m.get('found')}"
            for m in self.misses
        ]
        return "\n".join(lines)


def load_cases(corpus_dir: Path) -> list[Case]:
    """Every case under `corpus_dir` that has both its .html and its .toml."""
    cases = []
    for label_path in sorted(corpus_dir.glob("*/*.toml")):
        html_path = label_path.with_suffix(".html")
        if not html_path.exists():
            continue
        with label_path.open("rb") as handle:
            label = tomllib.load(handle)
        cases.append(
            Case(
                label_path.stem,
                label.get("language", label_path.parent.name),
                html_path.read_bytes(),
                label,
            )
        )
    return cases


def same_defendant(expected: str, found: str) -> bool:
    """Whether two names designate the same defendant (normalised, then fuzzy)."""
    left, right = normalise_defendant(expected), normalise_defendant(found)
    if not left or not right:
        return False
    return (
        left == right
        or fuzz.ratio(left, right) >= 85
        or (fuzz.token_set_ratio(left, right) >= 95 and min(len(left), len(right)) >= 4)
        or _stems(left) == _stems(right) != ()
    )


# An anonymised party is labelled as written, with its article and case: "ein
# Polizeibeamter" and "Polizeibeamten" are one party, inflected.
_ARTICLES = frozenset(
    "a an the ein eine einen einem einer der die das den dem des un une una uno el la le "
    "il lo het een en et ett".split()
)
_ENDINGS = ("en", "em", "er", "es", "e", "n", "s", "r")
_STEM_MIN = 5  # shorter words keep their ending: "Rosen" is no "Roser"


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_MIN:
            return word[: -len(ending)]
    return word


def _stems(key: str) -> tuple[str, ...]:
    """The words of a normalised name without articles, each without its regular ending."""
    return tuple(_stem(word) for word in key.split() if word not in _ARTICLES)


def _same_amount(expected: dict[str, Any], found: Sanction) -> bool:
    if expected.get("amount") is None or found.amount is None:
        return False
    return (
        abs(float(expected["amount"]) - found.amount) < 0.5
        and expected.get("currency") == found.currency
    )


def _pair(expected: list[dict[str, Any]], found: list[Sanction]) -> list[tuple[int, int]]:
    scored = []
    for i, want in enumerate(expected):
        for j, got in enumerate(found):
            same_kind = want.get("kind") == got.kind
            named = same_defendant(str(want.get("defendant", "")), got.defendant)
            amount = _same_amount(want, got)
            # Pair on who and how much, not on kind: a sanction found with the wrong kind
            # must count against kind accuracy rather than vanish as a miss and a spurious
            # row. Same-kind pairs still win when a defendant has several measures.
            if named or amount:
                scored.append((-(2 * amount + 2 * same_kind + named), i, j))
    pairs: list[tuple[int, int]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def _show(sanction: Sanction) -> dict[str, Any]:
    return {
        "defendant": sanction.defendant,
        "kind": sanction.kind,
        "amount": sanction.amount,
        "currency": sanction.currency,
        "authority": sanction.authority,
    }


def score_case(case: Case, found: list[Sanction], misses: list[dict[str, Any]]) -> Tally:
    """The tally of one case, appending its misses to `misses`."""
    tally = Tally(releases=1)
    expected: list[dict[str, Any]] = list(case.label.get("expected", []))
    is_sanction = case.label.get("category") == "sanction"
    tally.releases_right = int(bool(found) == is_sanction)
    if not tally.releases_right:
        misses.append(
            {
                "case": case.id,
                "problem": "release category",
                "expected": case.label.get("category"),
                "found": len(found),
            }
        )
    pairs = _pair(expected, found)
    tally.true_positives = len(pairs)
    tally.false_positives = len(found) - len(pairs)
    tally.false_negatives = len(expected) - len(pairs)
    paired_i = {i for i, _ in pairs}
    paired_j = {j for _, j in pairs}
    misses += [
        {"case": case.id, "problem": "missed", "expected": want, "found": None}
        for i, want in enumerate(expected)
        if i not in paired_i
    ]
    misses += [
        {"case": case.id, "problem": "spurious", "expected": None, "found": _show(got)}
        for j, got in enumerate(found)
        if j not in paired_j
    ]
    for i, j in pairs:
        want, got = expected[i], found[j]
        tally.pairs += 1
        tally.kinds_right += want.get("kind") == got.kind
        named = same_defendant(str(want.get("defendant", "")), got.defendant)
        tally.defendants_right += named
        if want.get("kind") != got.kind or not named or want.get("authority") != got.authority:
            misses.append(
                {"case": case.id, "problem": "wrong field", "expected": want, "found": _show(got)}
            )
    tally.amounts_found = sum(1 for got in found if got.amount is not None)
    tally.amounts_found_right = sum(
        1
        for got in found
        if got.amount is not None and any(_same_amount(want, got) for want in expected)
    )
    tally.amounts_expected = sum(1 for want in expected if want.get("amount") is not None)
    tally.amounts_expected_found = sum(
        1
        for want in expected
        if want.get("amount") is not None and any(_same_amount(want, got) for got in found)
    )
    for got in found:
        if got.amount is not None and not any(_same_amount(w, got) for w in expected):
            misses.append(
                {
                    "case": case.id,
                    "problem": "wrong amount",
                    "expected": [w.get("amount") for w in expected],
                    "found": _show(got),
                }
            )
    return tally


def _published(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def evaluate_corpus(corpus_dir: Path) -> EvalReport:
    """Run the extractor on every case of `corpus_dir` and score it."""
    report = EvalReport()
    for case in load_cases(corpus_dir):
        _, found = extract_from_html(
            case.html,
            url=str(case.label.get("url", "")),
            language=case.language,
            authority=str(case.label.get("authority", "")),
            published=_published(case.label.get("published")),
        )
        tally = score_case(case, found, report.misses)
        report.cases += 1
        report.overall.add(tally)
        report.by_language.setdefault(case.language, Tally()).add(tally)
    return report
