"""Recording polls: identity of releases, revisions, decisions, one sanction seen twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from scrapers.models import Sanction, Validators
from storage import Archive
from tests.storage.helpers import (
    AP_SOURCE,
    CLEARVIEW_FINE,
    EDPB_SOURCE,
    fold,
    harvest,
    registered,
    release,
)


def record(archive: Archive, now: datetime, *releases, sanctions=None, source=None,
           backlog=False):
    kwargs = {"source": source} if source else {}
    return archive.record_harvest(harvest(*releases, **kwargs), sanctions or {}, now=now,
                                  backlog=backlog, defendant_key=fold)


def test_a_new_release_and_its_sanction_are_archived(archive: Archive, now: datetime) -> None:
    registered(archive)
    item = release()
    stored = record(archive, now, item, sanctions={item.url: [CLEARVIEW_FINE]})
    assert len(stored.new_release_ids) == 1 and len(stored.new_decision_ids) == 1
    row = archive.release(stored.new_release_ids[0])
    assert row is not None and row["is_sanction"] == 1 and row["backlog"] == 0
    assert archive.decisions_of(row["id"])[0]["defendant_key"] == "clearview ai"


def test_a_release_seen_again_is_not_added_again(archive: Archive, now: datetime) -> None:
    registered(archive)
    record(archive, now, release())
    stored = record(archive, now, release())
    assert stored.new_release_ids == [] and stored.changed_release_ids == []
    assert archive.db.table("releases").count == 1


def test_a_changed_release_is_updated_and_the_change_recorded(archive: Archive,
                                                              now: datetime) -> None:
    registered(archive)
    first = release(body="Amende de 2 millions.")
    record(archive, now, first, sanctions={first.url: [replace(CLEARVIEW_FINE, amount=2e6)]})
    corrected = release(body="Amende de 20 millions.")
    stored = record(archive, now, corrected, sanctions={corrected.url: [CLEARVIEW_FINE]})
    assert len(stored.changed_release_ids) == 1
    release_id = stored.changed_release_ids[0]
    assert archive.db.table("releases").count == 1
    assert archive.release(release_id)["revision"] == 2
    assert [d["amount"] for d in archive.decisions_of(release_id)] == [20_000_000.0]
    assert archive.db.table("release_changes").count == 1


def test_identity_falls_back_to_guid_then_content(archive: Archive, now: datetime) -> None:
    registered(archive)
    record(archive, now, release("https://www.cnil.fr/a", guid="node/1"))
    moved = record(archive, now, release("https://www.cnil.fr/a-renamed", guid="node/1",
                                         body="Texte revu."))
    assert moved.changed_release_ids and archive.db.table("releases").count == 1
    record(archive, now, release("https://www.cnil.fr/b", body="Même texte"))
    same = record(archive, now, release("https://www.cnil.fr/b?utm=1", body="Même texte"))
    assert same.new_release_ids == [] and archive.db.table("releases").count == 2


def test_backlog_releases_are_marked(archive: Archive, now: datetime) -> None:
    registered(archive)
    stored = record(archive, now, release(), backlog=True)
    assert archive.release(stored.new_release_ids[0])["backlog"] == 1


def test_one_sanction_reported_by_two_releases_is_listed_once(archive: Archive,
                                                              now: datetime) -> None:
    registered(archive)
    fine = Sanction("Uber Technologies Inc.", "fine", 290e6, "EUR", 290e6, date(2024, 7, 22))
    own = release("https://ap.example/uber", source=AP_SOURCE, published=date(2024, 8, 26))
    record(archive, now, own, sanctions={own.url: [fine]}, source=AP_SOURCE)
    news = release("https://edpb.example/uber", source=EDPB_SOURCE,
                   published=date(2024, 9, 2))
    record(archive, now, news, sanctions={news.url: [replace(fine, authority="ap")]},
           source=EDPB_SOURCE)
    rows = archive.search_fines("uber", "uber")
    assert len(rows) == 1
    assert rows[0]["authority"] == "ap"
    assert rows[0]["url"] == "https://ap.example/uber"
    assert '"https://edpb.example/uber"' in rows[0]["urls"]


def test_the_same_company_fined_again_later_is_a_new_sanction(archive: Archive,
                                                               now: datetime) -> None:
    registered(archive)
    first = release("https://www.cnil.fr/1", published=date(2022, 10, 20))
    record(archive, now, first, sanctions={first.url: [CLEARVIEW_FINE]})
    later = release("https://www.cnil.fr/2", body="Nouvelle amende", published=date(2024, 5, 1))
    again = replace(CLEARVIEW_FINE, decision_date=date(2024, 4, 30))
    record(archive, now, later, sanctions={later.url: [again]})
    assert len(archive.search_fines("clearview", "clearview")) == 2


def test_a_failed_poll_counts_failures_and_keeps_the_rest(archive: Archive,
                                                          now: datetime) -> None:
    registered(archive)
    archive.record_harvest(harvest(status="failed"), {}, now=now, backlog=False,
                           defendant_key=fold)
    failed = archive.record_harvest(
        replace(harvest(status="failed"), error="HTTP 503 from https://www.cnil.fr"), {},
        now=now, backlog=False, defendant_key=fold)
    assert failed.new_release_ids == []
    state = archive.source_state("fr-cnil-rss")
    assert state["consecutive_failures"] == 2 and state["last_ok_at"] is None
    assert state["last_error"] == "HTTP 503 from https://www.cnil.fr"
    record(archive, now)
    assert archive.source_state("fr-cnil-rss")["consecutive_failures"] == 0


def test_validators_are_kept_per_url(archive: Archive, now: datetime) -> None:
    registered(archive)
    result = harvest()
    result.validators = {"https://www.cnil.fr/fr/rss.xml": Validators('"v1"', "Mon"),
                         "https://www.cnil.fr/page/2": Validators('"p2"', None)}
    archive.record_harvest(result, {}, now=now, backlog=False, defendant_key=fold)
    validators, _known = archive.poll_inputs("fr-cnil-rss")
    assert validators["https://www.cnil.fr/page/2"] == Validators('"p2"', None)
    assert archive.source_state("fr-cnil-rss")["etag"] == '"v1"'


def test_poll_inputs_know_each_release_by_its_listing_hash(archive: Archive,
                                                          now: datetime) -> None:
    registered(archive)
    record(archive, now, release())
    _validators, known = archive.poll_inputs("fr-cnil-rss")
    assert known == {"https://www.cnil.fr/fr/clearview": release().listing_hash}
