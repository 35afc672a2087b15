"""The questions people ask of the archive: lookups by company, latest, totals.

A base class of Archive, kept apart so that each module stays readable; it writes
nothing but the company aliases that people correct.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from storage.matching import KeyIndex, fts_phrase

Row = dict[str, Any]


def _short_name(name: str) -> str:
    """ "Commission nationale ... (CNIL)" -> "CNIL"; "Datatilsynet (Norway)" -> "Datatilsynet"."""
    head, _, inner = name.partition("(")
    acronym = inner.rstrip(")").split(",")[0].strip()
    return acronym if acronym and acronym.replace("/", "").isupper() else head.strip()


class Lookups:
    """Read-side functions over the archive's database."""

    db: Database
    # The names to match, read again only when the file changed (ours or another
    # process's write): reading and preparing thousands of keys per query cost more
    # than the query itself.
    _names_stamp: tuple[int, int] = (-1, -1)
    _names: tuple[KeyIndex, dict[str, str]] = (KeyIndex([]), {})

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.db.query(sql, params))

    def release(self, release_id: int) -> Row | None:
        """One release by id."""
        rows = self._rows("SELECT * FROM releases WHERE id = ?", [release_id])
        return rows[0] if rows else None

    def release_by_url(self, url: str) -> Row | None:
        """One release by its canonical URL."""
        rows = self._rows("SELECT * FROM releases WHERE url = ?", [url])
        return rows[0] if rows else None

    def decisions_of(self, release_id: int) -> list[Row]:
        """The sanctions a release announced, in the order extraction found them."""
        return self._rows("SELECT * FROM decisions WHERE release_id = ? ORDER BY id",
                          [release_id])

    def defendant_keys(self) -> list[str]:
        """Every folded defendant name in the archive."""
        return list(self._name_index()[0].keys)

    def _name_index(self) -> tuple[KeyIndex, dict[str, str]]:
        """Defendant keys and aliases (alias key -> company key), cached until a write."""
        connection = self.db.conn
        stamp = (int(connection.execute("PRAGMA data_version").fetchone()[0]),
                 connection.total_changes)
        if stamp != self._names_stamp:
            keys = [row["k"] for row in self._rows(
                "SELECT DISTINCT defendant_key AS k FROM decisions WHERE defendant_key != ''")]
            aliases = {r["alias_key"]: r["company_key"] for r in self._rows(
                "SELECT alias_key, company_key FROM company_aliases")}
            names = sorted(set(keys) | set(aliases) | set(aliases.values()))
            self._names, self._names_stamp = (KeyIndex(names), aliases), stamp
        return self._names

    def search_fines(self, query_key: str, query_text: str, *, authority: str | None = None,
                     since: date | None = None, limit: int = 200) -> list[Row]:
        """Sanctions whose defendant matches the folded query, newest first.

        A company known under several names (company_aliases) is found by any of them.
        When no defendant matches, releases whose title or text match the words of
        `query_text` answer instead (a query about a sector or a law, say).
        """
        keys = self.company_keys(query_key)
        where, params = self._filters(authority, since)
        if keys:
            marks = ", ".join("?" * len(keys))
            ids = self._rows(
                f"SELECT id FROM decisions WHERE defendant_key IN ({marks}) "
                f"AND duplicate_of IS NULL{where} ORDER BY sort_date DESC, id DESC LIMIT ?",
                [*keys, *params, limit])
        else:
            phrase = fts_phrase(query_text)
            if phrase is None:
                return []
            # CROSS JOIN: start from the few releases the index found, never from a walk of
            # every decision by date that tests each one against the match.
            ids = self._rows(
                "SELECT id FROM (SELECT rowid AS found FROM releases_fts "
                "WHERE releases_fts MATCH ?) CROSS JOIN decisions ON release_id = found "
                f"WHERE duplicate_of IS NULL{where} ORDER BY sort_date DESC, id DESC LIMIT ?",
                [phrase, *params, limit])
        return self._fines_in_order([row["id"] for row in ids])

    def _fines_in_order(self, decision_ids: list[int]) -> list[Row]:
        """`fines` rows for these decisions, in this order. Choosing the ids first keeps the
        per-row `urls` list to the rows shown, not every row that matched."""
        if not decision_ids:
            return []
        marks = ", ".join("?" * len(decision_ids))
        rows = {row["decision_id"]: row for row in self._rows(
            f"SELECT * FROM fines WHERE decision_id IN ({marks})", decision_ids)}
        return [rows[i] for i in decision_ids if i in rows]

    def case_updates_for(self, keys: Sequence[str]) -> list[Row]:
        """Court rulings reported about these defendants, oldest first, with their release."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        return self._rows(
            "SELECT u.*, r.published, r.url, r.title FROM case_updates u "
            f"JOIN releases r ON r.id = u.release_id WHERE u.defendant_key IN ({marks}) "
            "ORDER BY r.published, u.id", list(keys))

    def company_keys(self, query_key: str) -> list[str]:
        """Every defendant key of the companies the folded query names, aliases included."""
        index, aliases = self._name_index()
        matched = set(index.matching(query_key))
        companies = {aliases.get(key, key) for key in matched}
        return sorted(matched | companies
                      | {alias for alias, company in aliases.items() if company in companies})

    def link_names(self, old_name: str, new_name: str, *, fold: Callable[[str], str],
                   origin: str, now: datetime, evidence: str = "",
                   release_id: int | None = None) -> bool:
        """Record that `old_name` is the same company as `new_name`; True if recorded.

        A person's correction (origin "user") is never overwritten by what a release says.
        """
        alias_key, company_key = fold(old_name), fold(new_name)
        if not alias_key or not company_key or alias_key == company_key:
            return False
        current = self._rows("SELECT origin FROM company_aliases WHERE alias_key = ?",
                             [alias_key])
        if current and current[0]["origin"] == "user" and origin != "user":
            return False
        target = self._rows("SELECT company_key, company_name FROM company_aliases "
                            "WHERE alias_key = ?", [company_key])
        company_name = target[0]["company_name"] if target else new_name
        company_key = target[0]["company_key"] if target else company_key
        if company_key == alias_key:
            return False
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO company_aliases (alias_key, company_key, alias_name, company_name,"
                " origin, evidence, release_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(alias_key) DO UPDATE SET company_key=excluded.company_key, "
                "company_name=excluded.company_name, origin=excluded.origin, "
                "evidence=excluded.evidence, release_id=excluded.release_id",
                [alias_key, company_key, old_name, company_name, origin, evidence, release_id,
                 now.isoformat()])
            # Names that pointed at the old name now point at the company it became.
            self.db.execute("UPDATE company_aliases SET company_key = ?, company_name = ? "
                            "WHERE company_key = ?", [company_key, company_name, alias_key])
        return True

    def unlink_name(self, alias_key: str) -> bool:
        """Forget that a name belongs to another company; True if it did."""
        return self.db.execute("DELETE FROM company_aliases WHERE alias_key = ?",
                               [alias_key]).rowcount > 0

    def company_aliases(self) -> list[Row]:
        """Every alias, grouped by company."""
        return self._rows("SELECT * FROM company_aliases ORDER BY company_key, alias_key")

    def latest_fines(self, *, authority: str | None = None, limit: int = 10) -> list[Row]:
        """The newest sanctions by publication date."""
        where = " AND d.authority = ?" if authority else ""
        ids = self._rows(
            "SELECT d.id FROM decisions d JOIN releases r ON r.id = d.release_id "
            f"WHERE d.duplicate_of IS NULL{where} ORDER BY r.published DESC, d.id DESC "
            "LIMIT ?", [*([authority] if authority else []), limit])
        return self._fines_in_order([row["id"] for row in ids])

    def stats(self, *, year: int | None = None, authority: str | None = None,
              top: int = 5) -> dict[str, Any]:
        """Totals per authority and the largest sanctions, for a year or all time."""
        where, params = self._filters(authority, None)
        if year is not None:
            where += " AND substr(sort_date, 1, 4) = ?"
            params.append(str(year))
        per_authority = self._rows(
            f"SELECT authority, count(*) AS sanctions, sum(amount_eur) AS total_eur "
            f"FROM decisions WHERE duplicate_of IS NULL{where} GROUP BY authority "
            "ORDER BY total_eur DESC", params)
        largest = self._rows(
            f"SELECT id FROM decisions WHERE duplicate_of IS NULL AND amount_eur IS NOT NULL"
            f"{where} ORDER BY amount_eur DESC LIMIT ?", [*params, top])
        return {"per_authority": per_authority,
                "largest": self._fines_in_order([row["id"] for row in largest])}

    def authority_labels(self) -> dict[str, str]:
        """A short label per authority id, for messages: "CNIL (FR)"."""
        labels = {}
        for row in self._rows("SELECT id, name, country FROM authorities"):
            labels[row["id"]] = f"{_short_name(row['name'])} ({row['country']})"
        return labels

    def authorities(self) -> list[Row]:
        """Every authority known to the archive."""
        return self._rows("SELECT * FROM authorities ORDER BY id")

    def defendant_names(self, prefix_key: str, limit: int = 25) -> list[str]:
        """Defendant names whose folded key matches, most sanctioned first (autocomplete)."""
        rows = self._rows(
            "SELECT defendant, defendant_key, count(*) AS n FROM decisions "
            "WHERE duplicate_of IS NULL GROUP BY defendant ORDER BY n DESC, defendant")
        matching = set(self._name_index()[0].matching(prefix_key))
        return [r["defendant"] for r in rows if r["defendant_key"] in matching
                ][:limit]

    @staticmethod
    def _filters(authority: str | None, since: date | None) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if authority:
            clauses.append(" AND authority = ?")
            params.append(authority)
        if since:
            clauses.append(" AND sort_date >= ?")
            params.append(since.isoformat())
        return "".join(clauses), params
