"""Every built-in source, played from its fixture folder by the fake site, through collect."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scrapers.collect import collect
from scrapers.http import Fetcher
from scrapers.models import Source
from scrapers.registry import builtin_sources
from tests.support.fakesite import FIXTURES, FakeSite, fixture_manifest

SOURCES = {source.id: source for source in builtin_sources()}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "sources.md"




def test_every_source_has_a_fixture_folder_and_back() -> None:
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir()}
    assert sorted(set(SOURCES) - folders) == [], "registry entries without fixtures"
    assert sorted(folders - set(SOURCES)) == [], "fixture folders without a registry entry"


def test_every_source_has_a_docs_heading() -> None:
    headings = {line[4:].strip().strip("`") for line in DOCS.read_text("utf-8").splitlines()
                if line.startswith("### ")}
    assert sorted(set(SOURCES) - headings) == []


def test_coverage_of_the_first_release() -> None:
    authorities = {source.authority for source in SOURCES.values()}
    assert len(authorities) >= 20
    assert {"cnil", "ico", "garante", "aepd", "hdpa", "ap", "dpc", "edpb", "imy",
            "datatilsynet-no", "uodo", "anspdcp", "apd", "cnpd-lu", "azop", "ftc"} <= authorities
    assert authorities & {"bfdi", "hmbbfdi", "lfdi-bw"}


@pytest.mark.parametrize("source_id", sorted(SOURCES))
async def test_source_yields_its_releases(source_id: str, site: FakeSite,
                                          fetcher: Fetcher) -> None:
    manifest = fixture_manifest(source_id)
    source: Source = await site.serve(SOURCES[source_id])
    origin = source.url.split("/", 3)[:3]
    base = "/".join(origin)
    harvest = await collect(source, fetcher, validators={}, known={})
    assert harvest.status == "ok", harvest.error
    assert harvest.error is None
    assert harvest.items_seen == manifest["items_seen"]
    by_url = {release.url: release for release in harvest.releases}
    assert len(by_url) == len(manifest["expect"])
    for expected in manifest["expect"]:
        release = by_url[base + expected["url"]]
        assert release.title == expected["title"]
        assert release.published == (expected.get("published") or None)
        assert isinstance(release.published, date | None)
        assert expected["contains"] in release.body_text
        for chrome in manifest["chrome"]:
            assert chrome not in release.body_text, f"chrome {chrome!r} in {release.url}"
        assert release.listing_hash and release.source_id == source_id
    assert harvest.requests >= 1 and harvest.bytes_downloaded > 0

    # The second poll, told what the first found, reads no release page again.
    known = {release.url: release.listing_hash for release in harvest.releases}
    again = await collect(source, fetcher, validators=harvest.validators, known=known)
    assert again.status in ("ok", "not_modified"), again.error
    assert again.releases == []
