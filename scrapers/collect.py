"""One poll of one source: list its entries, read the new pages, hand back a Harvest.

The only module of the scrapers side that does I/O, and only through the Fetcher. It never
raises: whatever goes wrong with a source ends as `status="failed"` with a one-line error,
so one broken site never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urljoin

from scrapers.entries import Entry, ParseError, canonical_url, looks_like_challenge
from scrapers.feeds import parse_feed
from scrapers.http import Fetcher, FetchError, FetchResult, Tally
from scrapers.jsonapi import parse_json_items, request_body
from scrapers.listing import page_urls, parse_listing
from scrapers.models import Harvest, Release, Source, Validators
from scrapers.pages import extract_page

log = logging.getLogger(__name__)

_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical["'\s>])[^>]*\bhref\s*=\s*["']([^"']+)["']""",
    re.I)


@dataclass
class _Listing:
    entries: list[Entry]
    validators: dict[str, Validators]
    not_modified: bool = False


async def collect(
    source: Source,
    fetcher: Fetcher,
    *,
    validators: Mapping[str, Validators],
    known: Mapping[str, str],
    max_pages: int = 1,
    since: date | None = None,
) -> Harvest:
    """Poll one source: new or changed releases, with their text; never raises."""
    tally = Tally()
    try:
        listing = await _list(source, fetcher, validators, tally, max_pages, since)
        if listing.not_modified:
            return _harvest(source, "not_modified", tally, validators=listing.validators)
        fresh = [e for e in listing.entries if _is_new(e, known, since)]
        outcomes = await asyncio.gather(*(_read(source, e, fetcher, tally) for e in fresh))
    except (FetchError, ParseError) as error:
        return _harvest(source, "failed", tally, error=str(error))
    except Exception as error:  # a bug of ours must not stop the other sources either
        log.exception("collect(%s) failed unexpectedly", source.id)
        return _harvest(source, "failed", tally,
                        error=f"Unexpected {type(error).__name__} on {source.url}: {error}")
    failures = [problem for _, problem in outcomes if problem]
    if failures and len(failures) == len(outcomes):
        return _harvest(source, "failed", tally, items_seen=len(listing.entries),
                        error=f"All {len(failures)} release pages failed: {failures[0]}")
    note = (f"{len(failures)} of {len(outcomes)} release pages failed (kept the listing "
            f"summary): {failures[0]}") if failures else None
    return _harvest(source, "ok", tally, releases=[r for r, _ in outcomes],
                    items_seen=len(listing.entries), validators=listing.validators, error=note)


def _harvest(source: Source, status: str, tally: Tally, *, releases: list[Release] | None = None,
             items_seen: int = 0, validators: Mapping[str, Validators] | None = None,
             error: str | None = None) -> Harvest:
    return Harvest(source_id=source.id, status=status, releases=releases or [],
                   items_seen=items_seen, error=error, validators=dict(validators or {}),
                   requests=tally.requests, bytes_downloaded=tally.bytes_downloaded)


def _is_new(entry: Entry, known: Mapping[str, str], since: date | None) -> bool:
    if since and entry.published and entry.published < since:
        return False
    for key in (entry.url, entry.guid):
        if key and known.get(key) == entry.listing_hash:
            return False
    return True


async def _list(source: Source, fetcher: Fetcher, validators: Mapping[str, Validators],
                tally: Tally, max_pages: int, since: date | None) -> _Listing:
    """Every entry of the feed, the listing pages or the endpoint pages."""
    if source.kind in ("rss", "atom"):
        result = await fetcher.get(source.url, validators.get(source.url), tally=tally)
        kept = _kept(source.url, result)
        if result.not_modified:
            return _Listing([], kept, not_modified=True)
        _refuse_challenge(result)
        entries = parse_feed(result.content, url=result.url, language=source.language,
                             content_type=result.headers.get("content-type", ""))
        return _Listing(_first_of_each_url(entries), kept)
    listed: list[Entry] = []
    kept_per_page: dict[str, Validators] = {}
    for page, url in enumerate(page_urls(source.url, source.options, max_pages), start=1):
        page_entries, page_kept, unchanged = await _list_page(
            source, fetcher, url, page, validators, tally)
        kept_per_page.update(page_kept)
        if unchanged:
            if page == 1:
                return _Listing([], kept_per_page, not_modified=True)
            continue
        listed = _first_of_each_url([*listed, *page_entries])
        if since and page_entries and all(e.published and e.published < since
                                          for e in page_entries):
            break  # backfill reached releases older than asked for
    return _Listing(listed, kept_per_page)


def _first_of_each_url(entries: list[Entry]) -> list[Entry]:
    """One entry per URL: a feed that lists a release twice must not archive it twice
    (nor make the second copy look like a correction of the first)."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    return unique


async def _list_page(source: Source, fetcher: Fetcher, url: str, page: int,
                     validators: Mapping[str, Validators],
                     tally: Tally) -> tuple[list[Entry], dict[str, Validators], bool]:
    options = source.options
    body = request_body(options, page) if source.kind == "json" else None
    if body is not None:
        # A POST search cannot be revalidated; the listing hashes still spare the pages.
        result = await fetcher.get(url, method=options.get("method", "POST"), json=body,
                                   headers=options.get("headers"), tally=tally)
    else:
        result = await fetcher.get(url, validators.get(url), headers=options.get("headers"),
                                   tally=tally)
    kept = _kept(url, result) if body is None else {}
    if result.not_modified:
        return [], kept, True
    _refuse_challenge(result)
    if source.kind == "json":
        items = parse_json_items(result.content, url=result.url, options=options,
                                 language=source.language)
    else:
        items = parse_listing(result.text, url=result.url, options=options,
                              language=source.language)
    return items, kept, False


def _kept(url: str, result: FetchResult) -> dict[str, Validators]:
    found = result.validators
    return {url: found} if found.etag or found.last_modified else {}


def _refuse_challenge(result: FetchResult) -> None:
    if result.content_type != "application/json" and looks_like_challenge(result.text):
        raise ParseError(f"A firewall or captcha page was served at {result.url}")


async def _read(source: Source, entry: Entry, fetcher: Fetcher,
                tally: Tally) -> tuple[Release, str | None]:
    """The release behind an entry, and what went wrong reading its page (or None)."""
    release = Release(
        source_id=source.id, authority=source.authority, url=entry.url, title=entry.title,
        language=source.language, published=entry.published, guid=entry.guid or entry.url,
        summary=entry.summary, body_text=entry.summary, listing_hash=entry.listing_hash)
    is_pdf = entry.url.lower().split("?")[0].endswith(".pdf")
    if is_pdf or not source.options.get("fetch_article", True):
        return (replace(release, pdf_links=(entry.url,)) if is_pdf else release), None
    try:
        result = await fetcher.get(entry.url, tally=tally)
        if looks_like_challenge(result.text):
            raise ParseError(f"A firewall or captcha page was served at {result.url}")
    except (FetchError, ParseError) as error:
        log.warning("%s: %s", source.id, error)
        # An empty listing_hash makes the next poll try this page again.
        return replace(release, listing_hash=""), str(error)
    html = result.text
    page = extract_page(html, url=result.url, selector=source.options.get("article_selector"),
                        drop=source.options.get("article_drop", ()))
    canonical = _CANONICAL.search(html[:50000])
    url = canonical_url(urljoin(result.url, canonical.group(1))) if canonical else entry.url
    return replace(release, url=url, title=entry.title or page.title,
                    body_text=page.text or entry.summary, pdf_links=page.pdf_links), None
