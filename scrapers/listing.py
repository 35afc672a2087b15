"""HTML listings (news pages, decision registers) read with CSS selectors. Pure, no I/O.

Selectors come from the source's registry entry; links are made absolute against the
page's URL; dates are parsed in the source's language; rows that repeat an item (CNIL
renders each twice) are kept once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from scrapers.entries import Entry, ParseError, canonical_url, clean_text, parse_date


def parse_listing(
    html: str, *, url: str, options: Mapping[str, Any], language: str
) -> list[Entry]:
    """The entries of one listing page, in page order; ParseError if no item matched."""
    soup = BeautifulSoup(html, "lxml")
    base = soup.select_one("base[href]")
    base_url = urljoin(url, str(base["href"])) if base else url
    items = soup.select(options["item_selector"])
    if not items:
        raise ParseError(f"No item matched {options['item_selector']!r} at {url}: "
                         "the layout may have changed")
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in items:
        entry = _entry(item, base_url, options, language)
        if entry is not None and entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    if not entries:
        raise ParseError(f"Items at {url} had no links: the layout may have changed")
    return entries


def _entry(item: Tag, base_url: str, options: Mapping[str, Any], language: str) -> Entry | None:
    link_node = _first(item, options.get("link_selector"), "a[href]")
    title_node = _first(item, options.get("title_selector"), None) or link_node
    if link_node is not None and link_node.name != "a":
        link_node = link_node.select_one("a[href]") or link_node
    href = str(link_node.get("href", "")).strip() if link_node is not None else ""
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    title = clean_text(title_node.get_text(" ")) if title_node is not None else ""
    summary_node = _first(item, options.get("summary_selector"), None)
    summary = clean_text(summary_node.get_text(" ")) if summary_node is not None else ""
    return Entry(url=canonical_url(urljoin(base_url, href)), title=title,
                 published=_date(item, options, language), summary=summary)


def _first(item: Tag, selector: str | None, default: str | None) -> Tag | None:
    chosen = selector or default
    if not chosen:
        return None
    if chosen == ":scope":
        return item
    return item.select_one(chosen)


def _date(item: Tag, options: Mapping[str, Any], language: str) -> Any:
    node = _first(item, options.get("date_selector"), None)
    if node is None:
        return None
    attr = options.get("date_attr")
    text = str(node.get(attr, "")) if attr else node.get_text(" ")
    return parse_date(text, options.get("date_language", language), options.get("date_format"))


def page_urls(url: str, options: Mapping[str, Any], max_pages: int) -> list[str]:
    """The URLs of the first `max_pages` listing pages (only the first without page_url)."""
    template = options.get("page_url")
    if not template or max_pages <= 1:
        return [url]
    first = int(options.get("first_page", 0))
    step = int(options.get("page_step", 1))
    return [url] + [template.replace("{n}", str(first + i * step)) for i in range(1, max_pages)]
