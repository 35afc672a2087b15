"""One company under several names: found by any of them, corrected by people."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrapers.extract import normalise_defendant
from scrapers.models import Sanction
from scrapers.renames import find_renames
from storage import Archive
from tests.storage.helpers import harvest, registered, release


def fine(archive: Archive, now: datetime, url: str, defendant: str, amount: float) -> None:
    item = release(url, body=f"Amende {defendant}")
    sanction = Sanction(defendant, "fine", amount, "EUR", amount, date(2022, 1, 1))
    archive.record_harvest(harvest(item), {item.url: [sanction]}, now=now, backlog=True,
                           defendant_key=normalise_defendant)


def link(archive: Archive, now: datetime, old: str, new: str, origin: str = "release") -> bool:
    return archive.link_names(old, new, fold=normalise_defendant, origin=origin, now=now)


def names(archive: Archive, query: str) -> set[str]:
    return {r["defendant"] for r in archive.search_fines(normalise_defendant(query), query)}


def test_a_rename_groups_the_old_and_new_names(archive: Archive, now: datetime) -> None:
    registered(archive)
    fine(archive, now, "https://x/1", "Facebook Ireland Limited", 60e6)
    fine(archive, now, "https://x/2", "Meta Platforms Ireland Limited", 1.2e9)
    assert names(archive, "meta") == {"Meta Platforms Ireland Limited"}
    assert link(archive, now, "Facebook Ireland Ltd", "Meta Platforms Ireland Limited")
    both = {"Facebook Ireland Limited", "Meta Platforms Ireland Limited"}
    assert names(archive, "meta") == both
    assert names(archive, "facebook") == both


def test_chains_resolve_to_the_latest_name(archive: Archive, now: datetime) -> None:
    registered(archive)
    fine(archive, now, "https://x/1", "Twitter International Company", 450e3)
    link(archive, now, "Twitter International Company",
         "Twitter International Unlimited Company")
    link(archive, now, "Twitter International Unlimited Company",
         "X Internet Unlimited Company")
    assert names(archive, "x internet") == {"Twitter International Company"}


def test_a_person_s_correction_wins_over_a_release(archive: Archive, now: datetime) -> None:
    registered(archive)
    assert link(archive, now, "Old Widgets SA", "Zenith Tools AG", origin="user")
    assert not link(archive, now, "Old Widgets SA", "Other Corp")
    assert archive.company_aliases()[0]["company_name"] == "Zenith Tools AG"
    assert archive.unlink_name(normalise_defendant("Old Widgets SA"))
    assert archive.company_aliases() == []


def test_a_name_is_not_its_own_alias(archive: Archive, now: datetime) -> None:
    assert not link(archive, now, "Google LLC", "Google L.L.C.")


@pytest.mark.parametrize(("text", "old", "new"), [
    ("The DPC fined Meta Platforms Ireland Limited (formerly Facebook Ireland Limited).",
     "Facebook Ireland Limited", "Meta Platforms Ireland Limited"),
    ("sanction contre Meta Platforms Ireland Limited (anciennement Facebook Ireland Limited)",
     "Facebook Ireland Limited", "Meta Platforms Ireland Limited"),
    ("Twitter International Unlimited Company (now X Internet Unlimited Company) was fined",
     "Twitter International Unlimited Company", "X Internet Unlimited Company"),
    ("Facebook Ireland Ltd, now Meta Platforms Ireland Ltd, was fined",
     "Facebook Ireland Ltd", "Meta Platforms Ireland Ltd"),
    ("Bisnode Polska Sp. z o.o. (dawniej Dun & Bradstreet Poland Sp. z o.o.)",
     "Dun & Bradstreet Poland Sp. z o.o", "Bisnode Polska Sp. z o.o"),
    ("Deutsche Wohnen SE (vormals GSW Immobilien AG) wurde belangt",
     "GSW Immobilien AG", "Deutsche Wohnen SE"),
])
def test_renames_stated_in_releases(text: str, old: str, new: str) -> None:
    [rename] = find_renames(text)
    assert (rename.old, rename.new) == (old, new)


@pytest.mark.parametrize("text", [
    "The fine (formerly 5 million euros) was reduced on appeal.",
    "Le montant (anciennement fixé à 5 millions) a été revu.",
    "ex aequo", "", "(formerly)",
])
def test_no_rename_where_none_is_stated(text: str) -> None:
    assert find_renames(text) == []
