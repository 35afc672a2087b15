"""Whatever a site serves or a person types, we answer or refuse clearly: never a crash.

The documented refusals are scrapers.entries.ParseError (a feed or listing we cannot
read) and bot.core.errors.CommandError (an argument we cannot accept). Anything else
escaping from these entry points is a bug. A few seconds in all: examples are capped.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.commands import fines_reply
from bot.core.errors import CommandError
from bot.core.replies import Reply
from bot.core.subscriptions import build_filters, parse_min_eur
from scrapers.entries import Entry, ParseError
from scrapers.extract import normalise_defendant
from scrapers.feeds import parse_feed
from scrapers.listing import parse_listing
from scrapers.models import Harvest, Release, Sanction
from scrapers.pages import Page, extract_page
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive
from storage.filters import Filters

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Text that breaks naive code: markup, entities, quotes, controls, bidi marks, non-BMP.
_PIECES = [*"aé Z09<>&;\"'/=#%-_.,:()[]{}*\\\n\t\r", "\x00", "\x1b", "\u202e", "\ufeff", "€",
           "💶", "&amp;", "]]>", "<!--", "NEAR(", " OR ", "^"]
NASTY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
TAGS = st.sampled_from(["div", "p", "a", "table", "tr", "td", "li", "span", "article",
                        "main", "time", "h1", "script", "br", "html", "body", "title"])


@st.composite
def markup(draw: st.DrawFn, depth: int = 3) -> str:
    """Plausible, often broken HTML: nested tags with classes, hrefs and nasty text."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(TAGS)
        attributes = draw(st.sampled_from(
            ["", ' class="card-risultato"', ' href="/fr/sanction-1"', ' href="javascript:x"',
             ' class="views-row"', ' datetime="2024-02-30"', ' href="https://[::1"']))
        inner = draw(markup(depth - 1)) if depth > 0 and draw(st.booleans()) else draw(NASTY)
        closing = draw(st.sampled_from([f"</{tag}>", "", "</div>"]))
        parts.append(f"<{tag}{attributes}>{inner}{closing}")
    return "".join(parts)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """RSS and Atom skeletons filled with nasty text, or plain noise."""
    item = draw(st.sampled_from([
        "<item><title>{t}</title><link>{l}</link><pubDate>{d}</pubDate>"
        "<description>{t}</description></item>",
        "<entry><title>{t}</title><link href=\"{l}\"/><updated>{d}</updated></entry>",
        "<item><title>{t}</title></item>", "<item>{t}"]))
    filled = "".join(item.format(t=draw(NASTY), l=draw(st.sampled_from(
        ["https://www.cnil.fr/a", "/relative", "", "mailto:x", draw(NASTY)])),
        d=draw(st.sampled_from(["Thu, 20 Oct 2022 10:00:00 +0200", "2022-02-28", "",
                                draw(NASTY)])))
        for _ in range(draw(st.integers(0, 3))))
    shell = draw(st.sampled_from([
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{}</channel></rss>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{}</feed>',
        "<rss>{}", "{}", "<!DOCTYPE html><html>{}</html>"]))
    text = shell.format(filled)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    raw = text.encode(encoding, errors="replace")
    return raw if draw(st.booleans()) else draw(st.binary(max_size=200)) + raw


LISTINGS = [s for s in builtin_sources() if s.kind == "html"]


# Crashes this file found, now fixed and kept as regression tests below: an impossible
# ISO date, an empty body, a source language dateparser does not know, a NaN amount.


@pytest.mark.parametrize("content", [
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x'
    b"</title><link>https://www.cnil.fr/a</link><pubDate>2022-13-45</pubDate></item>"
    b"</channel></rss>",
    b"",
])
def test_known_feed_crashes(content: bytes) -> None:
    try:
        parse_feed(content, url="https://example.org/rss.xml", language="fr")
    except ParseError:
        pass


def test_unknown_source_language_with_a_written_date() -> None:
    feed = (b'<rss version="2.0"><channel><title>T</title><item><title>x</title>'
            b"<link>https://www.cnil.fr/a</link><pubDate>le 3 mars</pubDate></item>"
            b"</channel></rss>")
    parse_feed(feed, url="https://example.org/rss.xml", language="xx")


@FUZZ
@given(content=feeds(), language=st.sampled_from(["fr", "de", "el", ""]))
def test_parse_feed_returns_entries_or_a_parse_error(content: bytes, language: str) -> None:
    try:
        entries = parse_feed(content, url="https://example.org/rss.xml", language=language)
    except ParseError as error:
        assert str(error)
        return
    assert all(isinstance(entry, Entry) and entry.url for entry in entries)


@FUZZ
@given(html=markup(), source_index=st.integers(0, len(LISTINGS) - 1))
def test_parse_listing_returns_entries_or_a_parse_error(html: str, source_index: int) -> None:
    source = LISTINGS[source_index]
    try:
        entries = parse_listing(html, url=source.url, options=source.options,
                                language=source.language)
    except ParseError as error:
        assert str(error)
        return
    assert entries and all(entry.url for entry in entries)


@FUZZ
@given(html=st.one_of(markup(), st.binary(max_size=300)),
       source_index=st.integers(0, len(LISTINGS) - 1))
def test_extract_page_always_returns_a_page(html: str | bytes, source_index: int) -> None:
    options = LISTINGS[source_index].options
    page = extract_page(html, url="https://www.example.org/fr/page",
                        selector=options.get("article_selector"),
                        drop=options.get("drop_selectors", ()))
    assert isinstance(page, Page) and isinstance(page.text, str)


@pytest.fixture(scope="module")
def seeded() -> Iterator[Archive]:
    """An in-memory archive with the registry and a few sanctions."""
    archive = Archive.open(":memory:")
    archive.sync_registry(load_authorities().values(), builtin_sources())
    now = datetime(2026, 11, 26, tzinfo=UTC)
    for slug, defendant, amount in (("clearview", "Clearview AI Inc.", 20e6),
                                    ("google", "Google LLC", 90e6),
                                    ("caixa", "CaixaBank, S.A.", 6e6)):
        url = f"https://www.cnil.fr/{slug}"
        release = Release("cnil-rss", "cnil", url, f"Sanction {defendant}", "fr",
                          body_text=f"Sanction de {amount} euros contre {defendant}")
        archive.record_harvest(Harvest("cnil-rss", "ok", [release]),
                               {url: [Sanction(defendant, "fine", amount, "EUR", amount)]},
                               now=now, backlog=True, defendant_key=normalise_defendant)
    yield archive
    archive.close()


ARGUMENT = st.one_of(st.none(), NASTY, st.sampled_from(
    ["cnil", "CNIL ", "fr", "FR", "fine", "news", "periodic penalty", "1m", "250k", "-5",
     "1e400", "nan", "inf", "5,5", "€", "x" * 500]))


def test_parse_min_eur_refuses_nan() -> None:
    with pytest.raises(CommandError):
        parse_min_eur(float("nan"))


@FUZZ
@given(text=st.one_of(ARGUMENT, st.floats(allow_nan=False), st.integers(-10**20, 10**20)))
def test_parse_min_eur_returns_a_number_or_a_command_error(text: str | float | None) -> None:
    try:
        value = parse_min_eur(text)  # type: ignore[arg-type]
    except CommandError as error:
        assert str(error)
        return
    assert value is None or 0 <= value <= 1e13


@FUZZ
@given(authority=ARGUMENT, country=ARGUMENT, min_eur=ARGUMENT, kind=ARGUMENT, watch=ARGUMENT)
def test_build_filters_returns_filters_or_a_command_error(
        seeded: Archive, authority: str | None, country: str | None, min_eur: str | None,
        kind: str | None, watch: str | None) -> None:
    try:
        filters = build_filters(seeded, authority=authority, country=country,
                                min_eur=min_eur, kind=kind, watch=watch)
    except CommandError as error:
        assert str(error)
        return
    assert isinstance(filters, Filters)


@FUZZ
@given(query=st.one_of(NASTY, st.text(max_size=300)), authority=st.one_of(st.none(), NASTY))
def test_fines_reply_always_replies(seeded: Archive, query: str,
                                    authority: str | None) -> None:
    try:
        reply = fines_reply(seeded, query, authority=authority)
    except CommandError as error:
        assert str(error)
        return
    assert isinstance(reply, Reply) and reply.text
