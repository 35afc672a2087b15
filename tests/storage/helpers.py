"""Builders for archive tests: a registered source and harvests of releases."""

from __future__ import annotations

from datetime import date

from scrapers.models import Authority, Harvest, Release, Sanction, Source
from storage import Archive

CNIL = Authority("cnil", "CNIL", "FR", "https://www.cnil.fr")
AP = Authority("ap", "Autoriteit Persoonsgegevens", "NL", "https://autoriteitpersoonsgegevens.nl")
EDPB = Authority("edpb", "EDPB", "EU", "https://www.edpb.europa.eu")
SOURCE = Source("fr-cnil-rss", "cnil", "FR", "fr", "rss", "https://www.cnil.fr/fr/rss.xml")
AP_SOURCE = Source("nl-ap-rss", "ap", "NL", "nl", "rss", "https://ap.example/rss")
EDPB_SOURCE = Source("eu-edpb-rss", "edpb", "EU", "en", "rss", "https://edpb.example/rss")


def fold(name: str) -> str:
    """A stand-in for the real name folding: storage only stores and compares keys."""
    return " ".join(name.lower().replace("inc.", "").replace(",", " ").split())


def registered(archive: Archive) -> Archive:
    archive.sync_registry([CNIL, AP, EDPB], [SOURCE, AP_SOURCE, EDPB_SOURCE])
    return archive


def release(url: str = "https://www.cnil.fr/fr/clearview", *, title: str = "Sanction",
            body: str = "La CNIL prononce une amende.", source: Source = SOURCE,
            published: date | None = date(2022, 10, 20), guid: str | None = None) -> Release:
    return Release(source_id=source.id, authority=source.authority, url=url, title=title,
                   language=source.language, published=published, guid=guid,
                   body_text=body, listing_hash=f"h-{title}-{body}")


def harvest(*releases: Release, source: Source = SOURCE, status: str = "ok") -> Harvest:
    return Harvest(source.id, status, releases=list(releases), items_seen=len(releases))


CLEARVIEW_FINE = Sanction("CLEARVIEW AI", "fine", 20_000_000.0, "EUR", 20_000_000.0,
                          date(2022, 10, 17), "une amende de 20 millions d'euros", 0.9)
