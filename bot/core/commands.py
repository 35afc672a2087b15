"""The commands every surface shares (CLI, Discord, Slack): plain functions, data out.

Each takes the archive and typed arguments and returns a reply model; the surfaces only
parse their own input and render the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from bot.core.errors import CommandError
from bot.core.format import amount, plain, short_eur
from bot.core.replies import Card, CardField, Reply, sanction_card
from scrapers.extract import normalise_defendant
from storage import Archive
from storage.matching import key_matches

#: A query longer than this says nothing more about a company; it is cut, not refused.
MAX_QUERY_CHARS = 200

FINE_FIELDS = ("authority", "defendant", "kind", "amount", "currency", "amount_eur",
               "decision_date", "published", "title", "url")


@dataclass(frozen=True)
class Fine:
    """One sanction as the commands show it."""

    authority: str
    defendant: str
    kind: str
    amount: float | None
    currency: str | None
    amount_eur: float | None
    decision_date: str | None
    published: str | None
    title: str
    url: str
    urls: tuple[str, ...] = ()
    evidence: str = ""
    #: What courts did to it since: {"outcome", "amount", "currency", "published", "url"}.
    court_rulings: tuple[dict[str, Any], ...] = ()
    defendant_key: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Fine:
        """From a row of the archive's `fines` view."""
        urls = tuple(json.loads(row["urls"])) if row.get("urls") else (row["url"],)
        return cls(**{name: row[name] for name in FINE_FIELDS}, urls=urls,
                   evidence=row.get("evidence") or "",
                   defendant_key=row.get("defendant_key") or "")

    @property
    def ruling_note(self) -> str:
        """The latest court ruling in a few words: "upheld 2022-01-28"."""
        if not self.court_rulings:
            return ""
        last = self.court_rulings[-1]
        note = f"{last['outcome']} {last['published'] or ''}".strip()
        if last.get("amount") is not None:
            note += f" to {amount(last['amount'], last['currency'])}"
        return note

    @classmethod
    def from_decision(cls, decision: dict[str, Any], release: dict[str, Any]) -> Fine:
        """From a `decisions` row and its `releases` row."""
        return cls(**{name: decision[name] for name in FINE_FIELDS[:7]},
                   published=release["published"], title=release["title"],
                   url=release["url"], urls=(release["url"],),
                   evidence=decision.get("evidence") or "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `dpawatch fines --json`."""
        return {name: getattr(self, name) for name in FINE_FIELDS} | {
            "urls": list(self.urls), "evidence": self.evidence,
            "court_rulings": list(self.court_rulings)}


@dataclass(frozen=True)
class FinesAnswer:
    """The sanctions that answer a query, newest first, and their total in EUR."""

    query: str
    fines: list[Fine] = field(default_factory=list)

    @property
    def total_eur(self) -> float:
        """The sum of the EUR values (a sanction reported twice counts once)."""
        return sum(f.amount_eur for f in self.fines if f.amount_eur is not None)


def clean_query(text: str) -> str:
    """User input made harmless: control characters gone, spaces folded, length capped."""
    return plain(text)[:MAX_QUERY_CHARS]


def find_fines(archive: Archive, query: str, *, authority: str | None = None,
               since: date | None = None, limit: int = 200) -> FinesAnswer:
    """The sanctions whose defendant (else release) matches `query`.

    Case- and accent-insensitive, by prefix and fuzzily: "clearview", "CLEARVIEW AI",
    "Clearview AI Inc." and "clear view" all find Clearview AI.
    """
    text = clean_query(query)
    key = normalise_defendant(text)
    rows = archive.search_fines(key, text, authority=authority, since=since, limit=limit)
    return FinesAnswer(query=text, fines=with_court_rulings(
        archive, [Fine.from_row(row) for row in rows]))


def with_court_rulings(archive: Archive, fines: list[Fine]) -> list[Fine]:
    """Each sanction with what courts later did to it: a ruling reported by the same
    authority, about the same company, published after the sanction."""
    keys = sorted({fine.defendant_key for fine in fines if fine.defendant_key})
    rulings = archive.case_updates_for(
        sorted({k for key in keys for k in archive.company_keys(key)}))
    if not rulings:
        return fines
    linked = []
    for fine in fines:
        since = fine.decision_date or fine.published or ""
        mine = tuple(
            {name: ruling[name] for name in ("outcome", "amount", "currency", "published",
                                             "url", "evidence")}
            for ruling in rulings
            if ruling["authority"] == fine.authority and (ruling["published"] or "") >= since
            and key_matches(ruling["defendant_key"], fine.defendant_key))
        linked.append(replace(fine, court_rulings=mine) if mine else fine)
    return linked


def latest_fines(archive: Archive, *, authority: str | None = None, limit: int = 10
                 ) -> list[Fine]:
    """The newest sanctions, by publication date."""
    return [Fine.from_row(row) for row in archive.latest_fines(authority=authority, limit=limit)]


# -- replies for chat (the CLI prints the same data as a table) --------------------------

PAGE_SIZE = 10


def _fine_card(fine: Fine, labels: dict[str, str]) -> Card:
    row = {"defendant": fine.defendant, "kind": fine.kind, "amount": fine.amount,
           "currency": fine.currency, "amount_eur": fine.amount_eur,
           "decision_date": fine.decision_date, "authority": fine.authority,
           "evidence": ""}
    card = sanction_card(row, {"url": fine.url, "published": fine.published,
                               "title": fine.title}, labels.get(fine.authority, fine.authority))
    extra = []
    if len(fine.urls) > 1:
        extra.append(CardField("Also reported by", "\n".join(fine.urls[1:4]), inline=False))
    if fine.court_rulings:
        extra.append(CardField("In court", fine.ruling_note, inline=False))
    if extra:
        card = Card(card.title, card.url, card.description, (*card.fields, *extra), card.footer)
    return card


def _paged(head: str, cards: list[Card]) -> Reply:
    pages = [cards[i:i + PAGE_SIZE] for i in range(0, len(cards), PAGE_SIZE)] or [[]]
    replies = [Reply(text=f"{head} (page {n + 1}/{len(pages)})" if len(pages) > 1 else head,
                     cards=tuple(page)) for n, page in enumerate(pages)]
    return Reply(text=replies[0].text, cards=replies[0].cards, more=tuple(replies[1:]))


def fines_reply(archive: Archive, query: str, *, authority: str | None = None,
                since: date | None = None) -> Reply:
    """/fines: the sanctions of a company with a EUR total, ten per page."""
    answer = find_fines(archive, query, authority=authority, since=since)
    if not answer.fines:
        return Reply(text=f"No sanction found for “{answer.query}”.")
    labels = archive.authority_labels()
    noun = "sanction" if len(answer.fines) == 1 else "sanctions"
    head = (f"{len(answer.fines)} {noun} for “{answer.query}”, "
            f"{short_eur(answer.total_eur)} in total")
    return _paged(head, [_fine_card(f, labels) for f in answer.fines])


def latest_reply(archive: Archive, *, authority: str | None = None, count: int = 5) -> Reply:
    """/latest: the newest sanctions."""
    count = max(1, min(count, 25))
    fines = latest_fines(archive, authority=authority, limit=count)
    if not fines:
        return Reply(text="No sanction archived yet.")
    labels = archive.authority_labels()
    return _paged(f"The {len(fines)} newest sanctions", [_fine_card(f, labels) for f in fines])


def stats_reply(archive: Archive, *, year: int | None = None,
                authority: str | None = None) -> Reply:
    """/stats: totals per authority and the largest sanctions."""
    if year is not None and not 1995 <= year <= 2100:
        raise CommandError("year must be between 1995 and 2100.")
    stats = archive.stats(year=year, authority=authority)
    labels = archive.authority_labels()
    scope = f"in {year}" if year else "all time"
    if not stats["per_authority"]:
        return Reply(text=f"No sanction archived {scope}.")
    lines = [f"{labels.get(r['authority'], r['authority'])}: {r['sanctions']} sanctions, "
             f"{short_eur(r['total_eur'] or 0)}" for r in stats["per_authority"][:15]]
    cards = [_fine_card(Fine.from_row(r), labels) for r in stats["largest"]]
    return Reply(text=f"Sanctions {scope}:\n" + "\n".join(lines), cards=tuple(cards))


def sources_reply(archive: Archive) -> Reply:
    """/sources: each source's health in one line."""
    states = archive.source_states()
    bad = [s for s in states if not s["healthy"] or s["consecutive_failures"]]
    lines = [f"{'⚠' if not s['healthy'] else '•'} {s['id']}: last ok "
             f"{(s['last_ok_at'] or 'never')[:16]}, {s['consecutive_failures']} failures"
             + (f" ({plain(s['last_error'])[:80]})" if s["last_error"] else "")
             for s in bad[:20]]
    head = f"{len(states)} sources, {len(states) - len(bad)} polling normally."
    return Reply(text="\n".join([head, *lines]))


def defendant_suggestions(archive: Archive, partial: str, limit: int = 25) -> list[str]:
    """Autocomplete for /fines: known defendants matching what was typed so far."""
    text = clean_query(partial)
    if not text:
        return []
    return [name[:100] for name in archive.defendant_names(normalise_defendant(text), limit)]
