"""A poll end to end against authority sites played on loopback: fetch -> extract ->
archive -> alert. The real fetcher, parsers, extractor and archive; no mocks."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.alerts import TerminalNotifier
from bot.core.commands import find_fines
from bot.pipeline import Poller, assess_health, backoff_until
from scrapers.http import Fetcher
from scrapers.models import Source
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive
from storage.filters import Filters
from tests.support.fakesite import FakeSite, Reply

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>CNIL</title><link>{{base}}/</link>
<description>Actualités</description>{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{{base}}/{slug}</link>
<guid>{{base}}/{slug}</guid><pubDate>{date}</pubDate><description>{title}</description></item>"""
PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
</head><body><nav class="menu"><a href="/">Accueil</a> <a href="/sanctions">Sanctions</a></nav>
<div class="cookie-banner">Ce site utilise des cookies. Accepter</div>
<main><article><h1>{title}</h1><p class="date">Publié le 20 octobre 2022</p>
{body}</article></main><footer>CNIL - 3 place de Fontenoy</footer></body></html>"""
OLD_NEWS = ("guide", "Publication d'un guide sur les cookies",
            "<p>La CNIL publie un guide pratique à destination des professionnels pour les "
            "aider à se mettre en conformité avec les règles applicables aux traceurs.</p>")
FINE = ("clearview", "Reconnaissance faciale : sanction de 20 millions d'euros à l'encontre "
        "de CLEARVIEW AI",
        "<p>Le 17 octobre 2022, la formation restreinte de la CNIL a prononcé une amende de "
        "20 millions d'euros à l'encontre de la société CLEARVIEW AI pour traitement illicite "
        "de données biométriques.</p><p>Elle lui a également enjoint de cesser la collecte "
        "et l'usage des données des personnes se trouvant en France.</p>")


def feed(*entries: tuple[str, str, str]) -> str:
    items = "".join(ITEM.format(title=title, slug=slug, date="Thu, 20 Oct 2022 10:00:00 GMT")
                    for slug, title, _body in entries)
    return FEED.format(items=items)




async def cnil_like_site(site: FakeSite, *entries: tuple[str, str, str]) -> Source:
    routes = {"/rss.xml": Reply(body=feed(*entries), content_type="application/rss+xml")}
    for slug, title, body in (OLD_NEWS, FINE):
        routes[f"/{slug}"] = Reply(body=PAGE.format(title=title, body=body))
    origin = await site.serve_routes(routes)
    return Source("test-cnil", "cnil", "FR", "fr", "rss", f"{origin}/rss.xml")


def registered(archive: Archive, *sources: Source) -> None:
    archive.sync_registry(load_authorities().values(), sources)


async def test_first_poll_is_backlog_then_a_new_sanction_alerts(
        archive: Archive, site: FakeSite, fetcher: Fetcher) -> None:
    source = await cnil_like_site(site, OLD_NEWS)
    registered(archive, source)
    archive.outbox.subscribe(platform="discord", workspace_id="g", channel_id="c",
                             filters=Filters(), now=NOW)
    printed = io.StringIO()
    poller = Poller(archive, fetcher, TerminalNotifier(printed))

    first = await poller.poll(source, NOW)
    assert (first.status, first.items_new, first.backlog) == ("ok", 1, True)

    site.set_reply(source.url, Reply(body=feed(FINE, OLD_NEWS),
                                     content_type="application/rss+xml"))
    second = await poller.poll(source, NOW + timedelta(hours=1))
    assert (second.status, second.items_new, second.backlog) == ("ok", 1, False)
    assert second.sanctions_new >= 1
    assert "CLEARVIEW AI" in printed.getvalue() and "20,000,000 EUR" in printed.getvalue()
    assert site.count(source.url.rsplit("/", 1)[0] + "/guide") == 1  # not fetched again
    assert archive.outbox.counts() == {"pending": 1}
    fine = next(f for f in archive.search_fines("clearview", "clearview") if f["kind"] == "fine")
    assert fine["amount"] == 20_000_000 and fine["currency"] == "EUR"


async def test_an_unchanged_feed_costs_a_304_and_archives_nothing(
        archive: Archive, site: FakeSite, fetcher: Fetcher) -> None:
    source = await cnil_like_site(site, OLD_NEWS, FINE)
    registered(archive, source)
    poller = Poller(archive, fetcher)
    await poller.poll(source, NOW)
    again = await poller.poll(source, NOW + timedelta(hours=1))
    assert again.status == "not_modified" and again.items_new == 0
    assert archive.db.table("releases").count == 2


async def test_one_failing_source_never_stops_the_others(
        archive: Archive, site: FakeSite, fetcher: Fetcher) -> None:
    good = await cnil_like_site(site, OLD_NEWS)
    broken = Source("test-broken", "ico", "GB", "en", "rss",
                    (await site.serve_routes({})) + "/feed.xml")
    html_as_feed = Source("test-html", "aepd", "ES", "es", "rss", await site.serve_routes(
        {"/feed": Reply(body="<html><body>Access denied</body></html>")}) + "/feed")
    registered(archive, good, broken, html_as_feed)
    reports = await Poller(archive, fetcher).poll_many([broken, good, html_as_feed], NOW)
    by_id = {r.source_id: r for r in reports}
    assert by_id["test-cnil"].status == "ok" and by_id["test-cnil"].items_new == 1
    assert by_id["test-broken"].status == "failed" and by_id["test-broken"].error
    assert by_id["test-html"].status == "failed"
    assert archive.source_state("test-broken")["consecutive_failures"] == 1


async def test_every_builtin_source_polls_into_the_archive(
        archive: Archive, site: FakeSite, fetcher: Fetcher) -> None:
    served = [await site.serve(source) for source in builtin_sources()]
    registered(archive, *served)
    reports = await Poller(archive, fetcher).poll_many(served, NOW)
    failed = [(r.source_id, r.error) for r in reports if r.status != "ok"]
    assert failed == []
    empty = [r.source_id for r in reports if r.items_new == 0]
    assert empty == []
    assert archive.db.table("decisions").count > 0


@pytest.mark.parametrize(("failures", "minutes_ago", "expected_wait"), [
    (0, 0, None),
    (1, 0, 60),
    (2, 0, 120),
    (3, 0, 240),
    (20, 0, 24 * 60),  # capped
])
def test_repeated_failures_back_a_source_off(failures: int, minutes_ago: int,
                                             expected_wait: int | None) -> None:
    state = {"consecutive_failures": failures, "last_polled_at": NOW.isoformat()}
    until = backoff_until(state, timedelta(minutes=60))
    if expected_wait is None:
        assert until is None
    else:
        assert until == NOW + timedelta(minutes=expected_wait)


@pytest.mark.parametrize(("failures", "published", "healthy"), [
    (0, [], True),
    (2, [], True),
    (3, [], False),
    (0, ["2026-11-20", "2026-11-13", "2026-11-06", "2026-10-30"], True),
    (0, ["2026-06-20", "2026-06-13", "2026-06-06", "2026-05-30"], False),  # weekly, 5 months quiet
    (0, ["2026-09-01", "2026-03-01", "2025-09-01"], True),  # twice a year: not yet odd
])
def test_health(failures: int, published: list[str], healthy: bool) -> None:
    assert assess_health(failures, published, NOW)[0] is healthy


def test_dates_are_iso() -> None:
    assert date.fromisoformat("2026-11-26")


RULING = ("conseil-etat", "Le Conseil d'État confirme la sanction de 20 millions d'euros "
          "prononcée contre CLEARVIEW AI",
          "<p>Par une décision rendue ce jour, le Conseil d'État a rejeté le recours de la "
          "société CLEARVIEW AI et confirmé la sanction prononcée par la CNIL.</p>")


async def test_a_court_ruling_updates_the_case_and_is_not_a_new_sanction(
        archive: Archive, site: FakeSite, fetcher: Fetcher) -> None:
    routes = {"/rss.xml": Reply(body=feed(FINE, RULING), content_type="application/rss+xml")}
    for slug, title, body in (FINE, RULING):
        routes[f"/{slug}"] = Reply(body=PAGE.format(title=title, body=body))
    origin = await site.serve_routes(routes)
    source = Source("test-cnil", "cnil", "FR", "fr", "rss", f"{origin}/rss.xml")
    registered(archive, source)
    await Poller(archive, fetcher).poll(source, NOW)
    answer = find_fines(archive, "clearview")
    [fine] = [f for f in answer.fines if f.kind == "fine"]
    assert fine.amount == 20_000_000
    assert [r["outcome"] for r in fine.court_rulings] == ["upheld"]
    assert fine.ruling_note.startswith("upheld")
    assert archive.db.table("decisions").count == len(answer.fines)  # no new sanction
