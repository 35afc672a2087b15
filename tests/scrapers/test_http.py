"""The Fetcher against real local servers: politeness, conditional GET, retries, caps."""

from __future__ import annotations

import time

import pytest

from scrapers.http import (
    Disallowed,
    Fetcher,
    HttpStatusError,
    NetworkError,
    TooLarge,
    TooManyRedirects,
    user_agent,
)
from scrapers.models import Validators
from tests.support.fakesite import FakeSite, Reply


def fast_fetcher(**overrides: object) -> Fetcher:
    settings: dict = {"contact": "mailto:ops@example.org", "min_delay": 0.0,
                      "backoff_base": 0.01, "timeout": 2.0}
    settings.update(overrides)
    return Fetcher(**settings)


def test_user_agent_names_tool_version_and_contact() -> None:
    agent = user_agent("https://example.org/contact")
    assert agent.startswith("dpawatch/")
    assert agent.endswith("(+https://example.org/contact)")


async def test_sends_user_agent_and_counts(site: FakeSite) -> None:
    origin = await site.serve_routes({"/a": Reply(body=b"hello")})
    async with fast_fetcher() as fetcher:
        result = await fetcher.get(origin + "/a")
    assert result.content == b"hello"
    page_hit = next(h for h in site.hits if h.url.endswith("/a"))
    assert page_hit.headers["User-Agent"].endswith("(+mailto:ops@example.org)")
    # robots.txt (a 404 here) and the page
    assert fetcher.tally.requests == 2
    assert fetcher.tally.bytes_downloaded == len(b"hello") + len(b"Not found")


async def test_conditional_get_gives_not_modified(site: FakeSite) -> None:
    origin = await site.serve_routes({"/feed": Reply(body=b"<rss/>")})
    async with fast_fetcher() as fetcher:
        first = await fetcher.get(origin + "/feed")
        assert first.validators.etag and first.validators.last_modified
        second = await fetcher.get(origin + "/feed", first.validators)
        only_date = await fetcher.get(
            origin + "/feed", Validators(last_modified=first.validators.last_modified))
    assert second.not_modified and second.content == b""
    assert second.validators == first.validators
    assert only_date.not_modified
    assert site.hits[-2].headers["If-None-Match"] == first.validators.etag


async def test_retries_500_then_succeeds(site: FakeSite) -> None:
    origin = await site.serve_routes({"/p": Reply(body=b"ok")})
    site.add_fault(origin + "/p", Reply(status=500), Reply(status=503))
    async with fast_fetcher() as fetcher:
        result = await fetcher.get(origin + "/p")
    assert result.content == b"ok"
    assert site.count(origin + "/p") == 3


async def test_gives_up_after_retries(site: FakeSite) -> None:
    origin = await site.serve_routes({"/p": Reply(status=502)})
    async with fast_fetcher(retries=2) as fetcher:
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.get(origin + "/p")
    assert caught.value.status == 502
    assert str(caught.value) == f"HTTP 502 from {origin}/p"
    assert site.count(origin + "/p") == 3


async def test_404_is_not_retried(site: FakeSite) -> None:
    origin = await site.serve_routes({})
    async with fast_fetcher() as fetcher:
        with pytest.raises(HttpStatusError):
            await fetcher.get(origin + "/gone")
    assert site.count(origin + "/gone") == 1


async def test_429_honours_retry_after(site: FakeSite) -> None:
    origin = await site.serve_routes({"/p": Reply(body=b"ok")})
    site.add_fault(origin + "/p", Reply(status=429, headers={"Retry-After": "1"}))
    async with fast_fetcher(backoff_base=0.0) as fetcher:
        started = time.monotonic()
        result = await fetcher.get(origin + "/p")
    assert result.content == b"ok"
    assert time.monotonic() - started >= 0.9


async def test_retry_after_http_date_is_capped(site: FakeSite) -> None:
    origin = await site.serve_routes({"/p": Reply(body=b"ok")})
    site.add_fault(origin + "/p", Reply(status=503, headers={
        "Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}))
    async with fast_fetcher(max_retry_after=0.05) as fetcher:
        started = time.monotonic()
        await fetcher.get(origin + "/p")
    assert time.monotonic() - started < 1


async def test_timeout_is_a_network_error(site: FakeSite) -> None:
    origin = await site.serve_routes({"/slow": Reply(body=b"late", delay=1.0)})
    async with fast_fetcher(timeout=0.2, retries=1) as fetcher:
        with pytest.raises(NetworkError, match="Timed out"):
            await fetcher.get(origin + "/slow")


async def test_refused_connection_is_a_network_error() -> None:
    async with fast_fetcher(retries=0) as fetcher:
        with pytest.raises(NetworkError):
            await fetcher.get("http://127.0.0.1:9/nothing-listens-here")


async def test_redirect_followed_and_loop_stopped(site: FakeSite) -> None:
    origin = await site.serve_routes({
        "/old": Reply(status=301, headers={"Location": "/new"}),
        "/new": Reply(body=b"moved"),
        "/a": Reply(status=302, headers={"Location": "/b"}),
        "/b": Reply(status=302, headers={"Location": "/a"}),
    })
    async with fast_fetcher() as fetcher:
        moved = await fetcher.get(origin + "/old")
        with pytest.raises(TooManyRedirects, match="Redirect loop"):
            await fetcher.get(origin + "/a")
    assert moved.url == origin + "/new" and moved.content == b"moved"


async def test_body_cap_stops_a_20_mb_page(site: FakeSite) -> None:
    origin = await site.serve_routes({"/huge": Reply(stream_bytes=20 * 1024 * 1024)})
    async with fast_fetcher(max_bytes=1024 * 1024) as fetcher:
        with pytest.raises(TooLarge):
            await fetcher.get(origin + "/huge")
        assert fetcher.tally.bytes_downloaded < 2 * 1024 * 1024


async def test_robots_disallow(site: FakeSite) -> None:
    origin = await site.serve_routes({
        "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\nDisallow: /*.pdf$\n",
                             content_type="text/plain"),
        "/private/x": Reply(body=b"secret"), "/doc.pdf": Reply(body=b"%PDF"),
        "/public": Reply(body=b"ok")})
    async with fast_fetcher() as fetcher:
        with pytest.raises(Disallowed, match=r"robots\.txt disallows"):
            await fetcher.get(origin + "/private/x")
        with pytest.raises(Disallowed):
            await fetcher.get(origin + "/doc.pdf")
        assert (await fetcher.get(origin + "/public")).content == b"ok"
    assert site.count(origin + "/private/x") == 0
    assert site.count(origin + "/robots.txt") == 1  # cached per host


async def test_robots_403_means_keep_out(site: FakeSite) -> None:
    origin = await site.serve_routes({"/robots.txt": Reply(status=403), "/p": Reply(body=b"x")})
    async with fast_fetcher() as fetcher:
        with pytest.raises(Disallowed):
            await fetcher.get(origin + "/p")


async def test_robots_crawl_delay_spaces_requests(site: FakeSite) -> None:
    origin = await site.serve_routes({
        "/robots.txt": Reply(body=b"User-agent: dpawatch\nCrawl-delay: 0.3\n",
                             content_type="text/plain"),
        "/1": Reply(body=b"1"), "/2": Reply(body=b"2")})
    async with fast_fetcher() as fetcher:
        started = time.monotonic()
        await fetcher.get(origin + "/1")
        await fetcher.get(origin + "/2")
    assert time.monotonic() - started >= 0.55


async def test_wrong_charsets_are_decoded(site: FakeSite) -> None:
    french = "Sanction de 50 000 € à l'encontre de la société".encode("cp1252")
    greek = "Επιβολή προστίμου".encode("iso-8859-7")
    origin = await site.serve_routes({
        "/fr": Reply(body=french, content_type="text/html; charset=utf-8"),
        "/el": Reply(body=greek, content_type="text/html; charset=iso-8859-7")})
    async with fast_fetcher() as fetcher:
        assert "50 000 € à l'encontre" in (await fetcher.get(origin + "/fr")).text
        assert (await fetcher.get(origin + "/el")).text == "Επιβολή προστίμου"
