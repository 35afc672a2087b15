"""collect() when sites misbehave: every failure is a Harvest, never an exception."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from scrapers.collect import collect
from scrapers.http import Fetcher
from scrapers.models import Source
from scrapers.registry import builtin_sources
from tests.support.fakesite import FakeSite, Reply

SOURCES = {source.id: source for source in builtin_sources()}
FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        '<item><title>Amende de 10 000 euros</title><link>{base}/a1</link>'
        '<pubDate>Tue, 23 Jan 2024 10:30:00 +0100</pubDate></item>'
        '<item><title>Guide</title><link>{base}/a2#top</link>'
        '<pubDate>Mon, 08 Apr 2024 09:00:00 +0200</pubDate></item></channel></rss>')
ARTICLE = "<html><body><main><h1>{t}</h1><p>{t}: texte de la décision.</p></main></body></html>"
CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><script>"
             "eval(function(p,a,c,k,e,d){return p})</script></body></html>")




def rss_source(origin: str, source_id: str = "test-rss") -> Source:
    return Source(id=source_id, authority="cnil", country="FR", language="fr", kind="rss",
                  url=origin + "/feed.xml")


async def serve_feed(site: FakeSite, feed: str = FEED) -> str:
    return await site.serve_routes({
        "/feed.xml": Reply(body=feed, content_type="application/rss+xml"),
        "/a1": Reply(body=ARTICLE.format(t="Sanction")),
        "/a2": Reply(body=ARTICLE.format(t="Guide pratique"))})


async def test_not_modified_feed_is_not_parsed(site: FakeSite, fetcher: Fetcher) -> None:
    source = rss_source(await serve_feed(site))
    first = await collect(source, fetcher, validators={}, known={})
    assert first.status == "ok" and len(first.releases) == 2
    assert first.releases[1].url == source.url.replace("feed.xml", "a2")  # fragment gone
    second = await collect(source, fetcher, validators=first.validators, known={})
    assert second.status == "not_modified" and second.releases == []
    assert second.bytes_downloaded == 0


async def test_known_entries_are_not_fetched_again(site: FakeSite, fetcher: Fetcher) -> None:
    source = rss_source(await serve_feed(site))
    first = await collect(source, fetcher, validators={}, known={})
    known = {first.releases[0].url: first.releases[0].listing_hash}
    second = await collect(source, fetcher, validators={}, known=known)
    assert second.items_seen == 2
    assert [r.title for r in second.releases] == ["Guide"]
    assert site.count(first.releases[0].url) == 1


async def test_since_skips_older_entries(site: FakeSite, fetcher: Fetcher) -> None:
    source = rss_source(await serve_feed(site))
    harvest = await collect(source, fetcher, validators={}, known={}, since=date(2024, 3, 1))
    assert [r.title for r in harvest.releases] == ["Guide"]


@pytest.mark.parametrize(("reply", "message"), [
    (Reply(status=500), "HTTP 500"),
    (Reply(body="<!DOCTYPE html><html><body>Page moved</body></html>"),
     "HTML served where a feed was expected"),
    (Reply(body=CHALLENGE), "firewall or captcha"),
    (Reply(body='<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><ite',
           content_type="application/rss+xml"), "Malformed feed"),
    (Reply(body=b"late", delay=2.0), "Timed out"),
])
async def test_broken_feed_is_a_failed_harvest(site: FakeSite, fetcher: Fetcher, reply: Reply,
                                               message: str) -> None:
    origin = await site.serve_routes({"/feed.xml": reply})
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert harvest.status == "failed"
    assert harvest.error is not None and message in harvest.error
    assert "\n" not in harvest.error


async def test_truncated_feed_with_entries_still_yields_them(site: FakeSite,
                                                             fetcher: Fetcher) -> None:
    truncated = FEED.split("<item><title>Guide")[0] + "<item><title>Gui"
    origin = await serve_feed(site, truncated)
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert harvest.status == "ok"
    assert [r.title for r in harvest.releases] == ["Amende de 10 000 euros"]


async def test_robots_disallow_fails_the_source(site: FakeSite, fetcher: Fetcher) -> None:
    origin = await site.serve_routes({
        "/robots.txt": Reply(body="User-agent: *\nDisallow: /\n", content_type="text/plain"),
        "/feed.xml": Reply(body=FEED)})
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert harvest.status == "failed" and "robots.txt disallows" in (harvest.error or "")
    assert site.count(origin + "/feed.xml") == 0


async def test_a_failed_article_keeps_the_summary(site: FakeSite, fetcher: Fetcher) -> None:
    origin = await serve_feed(site)
    site.add_fault(origin + "/a2", Reply(status=404))
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert harvest.status == "ok"
    assert harvest.error and "1 of 2 release pages failed" in harvest.error
    failed = next(r for r in harvest.releases if r.title == "Guide")
    assert failed.listing_hash == ""  # read again next time


async def test_all_articles_failing_fails_the_source(site: FakeSite, fetcher: Fetcher) -> None:
    origin = await serve_feed(site)
    site.add_fault(origin + "/a1", Reply(body=CHALLENGE))
    site.add_fault(origin + "/a2", Reply(status=403))
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert harvest.status == "failed" and harvest.error.startswith("All 2 release pages failed")


async def test_canonical_link_gives_the_identity(site: FakeSite, fetcher: Fetcher) -> None:
    page = ('<html><head><link rel="canonical" href="/decisions/a1"></head>'
            "<body><main><p>Texte.</p></main></body></html>")
    origin = await serve_feed(site)
    site.set_reply(origin + "/a1", Reply(body=page))
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert origin + "/decisions/a1" in {r.url for r in harvest.releases}


async def test_listing_without_items_fails_clearly(site: FakeSite, fetcher: Fetcher) -> None:
    source = await site.serve(SOURCES["dpc-news"])
    site.set_reply(source.url, Reply(body="<html><body><p>Maintenance</p></body></html>"))
    harvest = await collect(source, fetcher, validators={}, known={})
    assert harvest.status == "failed" and "No item matched" in (harvest.error or "")


async def test_listing_backfill_walks_pages(site: FakeSite, fetcher: Fetcher) -> None:
    source = await site.serve(SOURCES["dpc-news"])
    page_two = source.options["page_url"].replace("{n}", "1")
    site.set_reply(page_two, Reply(body=(
        '<div class="view-content"><div class="views-row"><article><p class="date">'
        '15th September 2023</p><h2><a href="/en/news-media/press-releases/tiktok-345">'
        "DPC fines TikTok €345 million</a></h2></article></div></div>")))
    site.set_reply(source.url.rsplit("/", 1)[0] + "/press-releases/tiktok-345",
                   Reply(body="<div class='field--name-body'><p>A fine of €345 million.</p></div>"))
    harvest = await collect(source, fetcher, validators={}, known={}, max_pages=2)
    assert harvest.items_seen == 3
    assert "DPC fines TikTok €345 million" in {r.title for r in harvest.releases}


async def test_one_broken_source_does_not_stop_the_others(site: FakeSite,
                                                          fetcher: Fetcher) -> None:
    healthy = [await site.serve(SOURCES[i]) for i in ("cnil-rss", "imy-news", "dpc-news")]
    broken_origin = await site.serve_routes({"/feed.xml": Reply(status=503)})
    broken = rss_source(broken_origin, "broken")
    harvests = await asyncio.gather(*(collect(s, fetcher, validators={}, known={})
                                      for s in [*healthy, broken]))
    assert [h.status for h in harvests] == ["ok", "ok", "ok", "failed"]
    assert harvests[-1].error == f"HTTP 503 from {broken.url}"


async def test_a_release_listed_twice_in_a_feed_is_read_once(site: FakeSite,
                                                            fetcher: Fetcher) -> None:
    twice = FEED.replace("</channel>", '<item><title>Amende de 10 000 euros</title>'
                         "<link>{base}/a1</link></item></channel>")
    origin = await serve_feed(site, twice)
    harvest = await collect(rss_source(origin), fetcher, validators={}, known={})
    assert sorted(r.url for r in harvest.releases) == [f"{origin}/a1", f"{origin}/a2"]
    assert site.count(f"{origin}/a1") == 1
