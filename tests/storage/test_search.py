"""Full-text search stays in sync, matching is loose, and hostile queries are harmless."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrapers.models import Sanction
from storage import Archive
from storage.matching import key_matches
from tests.storage.helpers import CLEARVIEW_FINE, fold, harvest, registered, release


def fts_count(archive: Archive, table: str, query: str) -> int:
    return len(list(archive.db.query(
        f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [query])))


def test_fts_follows_insert_update_and_delete(archive: Archive, now: datetime) -> None:
    registered(archive)
    archive.record_harvest(harvest(release(body="reconnaissance faciale")), {}, now=now,
                           backlog=False, defendant_key=fold)
    assert fts_count(archive, "releases", "faciale") == 1
    archive.record_harvest(harvest(release(body="vidéosurveillance")), {}, now=now,
                           backlog=False, defendant_key=fold)
    assert fts_count(archive, "releases", "faciale") == 0
    assert fts_count(archive, "releases", "videosurveillance") == 1  # accents folded
    archive.db.execute("DELETE FROM releases")
    assert fts_count(archive, "releases", "videosurveillance") == 0


def test_defendant_search_index_follows_decisions(archive: Archive, now: datetime) -> None:
    registered(archive)
    item = release()
    archive.record_harvest(harvest(item), {item.url: [CLEARVIEW_FINE]}, now=now,
                           backlog=False, defendant_key=fold)
    assert fts_count(archive, "decisions", "clearview") == 1
    archive.record_harvest(harvest(release(body="changed")), {item.url: []}, now=now,
                           backlog=False, defendant_key=fold)
    assert fts_count(archive, "decisions", "clearview") == 0


@pytest.mark.parametrize(("query", "key", "expected"), [
    ("clearview", "clearview ai", True),
    ("clearview ai", "clearview ai", True),
    ("clear view", "clearview ai", True),
    ("clearveiw", "clearview ai", True),
    ("view", "clearview ai", False),
    ("ai", "clearview ai", True),  # a word of the name, by prefix
    ("meta", "meta platforms ireland", True),
    ("meta", "metro ag", False),
    ("google", "google ireland", True),
    ("", "google", False),
    ("x", "", False),
])
def test_key_matching_rules(query: str, key: str, expected: bool) -> None:
    assert key_matches(query, key) is expected


HOSTILE = ['"', 'OR', '*', 'NEAR(', 'clearview OR', '"unterminated', "') ; DROP TABLE x; --",
           "title:foo", "\x00\x1b[31m", "a" * 10_000, "^", "-", "AND AND", "{}[]()"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_none(archive: Archive, now: datetime,
                                              query: str) -> None:
    registered(archive)
    item = release()
    archive.record_harvest(harvest(item), {item.url: [CLEARVIEW_FINE]}, now=now,
                           backlog=False, defendant_key=fold)
    rows = archive.search_fines(fold(query), query)
    assert isinstance(rows, list)
    assert archive.db.table("decisions").count == 1


def test_filters_by_authority_and_date(archive: Archive, now: datetime) -> None:
    registered(archive)
    item = release()
    archive.record_harvest(harvest(item), {item.url: [CLEARVIEW_FINE]}, now=now,
                           backlog=False, defendant_key=fold)
    assert archive.search_fines("clearview", "clearview", authority="ico") == []
    assert archive.search_fines("clearview", "clearview", since=date(2023, 1, 1)) == []
    assert len(archive.search_fines("clearview", "clearview", since=date(2022, 1, 1))) == 1


def test_release_text_answers_when_no_defendant_matches(archive: Archive,
                                                        now: datetime) -> None:
    registered(archive)
    item = release(body="Sanction pour reconnaissance faciale")
    fine = Sanction("CLEARVIEW AI", "fine", 1.0, "EUR", 1.0)
    archive.record_harvest(harvest(item), {item.url: [fine]}, now=now, backlog=False,
                           defendant_key=fold)
    assert len(archive.search_fines("reconnaissance faciale", "reconnaissance faciale")) == 1
