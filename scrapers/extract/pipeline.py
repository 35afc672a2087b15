"""A page's bytes to its sanctions: page text first, then the extractor."""

from __future__ import annotations

import re
from datetime import date

from bs4 import BeautifulSoup, Tag

from scrapers.extract.sanctions import extract_sanctions
from scrapers.models import Release, Sanction
from scrapers.pages import CHROME_SELECTORS, decode_bytes, extract_page

# Parents a list of the article itself sits in; a list inside other chrome is not its text.
_NOT_ARTICLE = ", ".join(CHROME_SELECTORS)
# A paragraph ending with a colon, then a list: "...the following fines:</p><ul>".
_INTRODUCED_LIST = re.compile(rb":\s*(?:</[a-z]+>\s*)*</p>\s*<(?:ul|ol)\b", re.I)


def extract_from_html(
    html: bytes, *, url: str, language: str, authority: str, published: date | None = None
) -> tuple[Release, list[Sanction]]:
    """The release a page holds and the sanctions it announces (for the CLI and eval)."""
    page = extract_page(html, url=url)
    release = Release(
        source_id=f"{authority}:page",
        authority=authority,
        url=url,
        title=page.title,
        language=language,
        published=published,
        body_text=with_dropped_lists(html, page.text),
        pdf_links=page.pdf_links,
    )
    return release, extract_sanctions(release)


def with_dropped_lists(html: bytes, text: str) -> str:
    """`text` with the bulleted lists the main-text extractor left out put back.

    With favor_precision, trafilatura sometimes drops a short <ul> between two paragraphs
    it keeps, and with it the fines a release lists ("the following fines: - A - B"). A
    list counts as the article's when the paragraph right before it introduces it (ends
    with a colon) and is in `text`; it goes back, one "- item" line each, after that
    paragraph.
    """
    if not _INTRODUCED_LIST.search(html):
        return text  # the cheap test first: most pages have no list after a colon
    soup = BeautifulSoup(decode_bytes(html), "lxml")
    chrome = set(map(id, soup.select(_NOT_ARTICLE)))
    for listing in soup.find_all(["ul", "ol"]):
        if any(id(parent) in chrome for parent in (listing, *listing.parents)):
            continue
        items = [" ".join(li.get_text(" ").split()) for li in listing.find_all("li")]
        items = [item for item in items if item]
        if not items or any(item[:40] in text for item in items):
            continue  # empty, or already in the text
        before = listing.find_previous_sibling()
        if not isinstance(before, Tag) or before.name != "p":
            continue
        lead = " ".join(before.get_text(" ").split())
        at = text.find(lead[:50]) if len(lead) >= 20 and lead.endswith(":") else -1
        if at < 0:
            continue
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        text = text[:end] + "".join(f"\n- {item}" for item in items) + text[end:]
    return text
