"""A release page's main text: HTML in, title + text + PDF links out. Pure, no I/O.

Site selectors win where a source declares them (they know the site); otherwise
trafilatura finds the main content. Either way page chrome (menus, cookie banners,
"related news" blocks) stays out, because amounts in those blocks belong to other cases.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import trafilatura
from bs4 import BeautifulSoup, Tag

# Chrome that never belongs to a release's own text, on any site.
CHROME_SELECTORS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button",
    "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]",
    "[aria-hidden=true]",
    "[class*=cookie]", "[id*=cookie]", "[class*=breadcrumb]", "[class*=related]",
    "[id*=related]", "[class*=share]", "[class*=newsletter]", "[class*=sidebar]",
    "[class*=see-also]", "[class*=read-more]", "[class*=more-news]", "[class*=teaser-list]",
)

# A paragraph ending with a colon, then a list: "...the following fines:</p><ul>".
_INTRODUCED_LIST = re.compile(r":\s*(?:</[a-z]+>\s*)*</p>\s*<(?:ul|ol)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "dd", "dt",
               "div", "section", "article", "table", "br")


@dataclass(frozen=True)
class Page:
    title: str
    text: str
    pdf_links: tuple[str, ...] = ()


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM first, then the declared charset, the meta tag, UTF-8, cp1252.

    Never raises: a page in an odd encoding is still read, with replacement characters
    at worst, so one bad page cannot stop a poll.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates += ["utf-8", "cp1252"]
    for name in candidates:
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            continue
        # A page labelled latin-1 is in practice cp1252 (the WHATWG rule browsers follow).
        if encoding == "iso8859-1":
            encoding = "cp1252"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _title(soup: BeautifulSoup) -> str:
    for finder in (
        lambda: soup.select_one("meta[property='og:title']"),
        lambda: soup.select_one("main h1, article h1, h1"),
        lambda: soup.title,
    ):
        node = finder()
        if node is None:
            continue
        value = node.get("content") if node.name == "meta" else node.get_text(" ", strip=True)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _block_text(node: Tag) -> str:
    """Text of an element with one line per block, so sentences do not run together."""
    for br in node.find_all("br"):
        br.replace_with("\n")
    for block in node.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (" ".join(line.split()) for line in node.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def _pdf_links(soup: Tag, base_url: str | None) -> tuple[str, ...]:
    links: list[str] = []
    for anchor in soup.select("a[href]"):
        href = str(anchor.get("href", "")).strip()
        if re.search(r"\.pdf(?:$|[?#])", href, re.I):
            absolute = urljoin(base_url, href) if base_url else href
            if absolute not in links:
                links.append(absolute)
    return tuple(links)


def extract_page(
    html: str | bytes,
    *,
    url: str | None = None,
    selector: str | None = None,
    drop: Sequence[str] = (),
) -> Page:
    """The title, main text and PDF links of a release page.

    `selector` is a CSS selector for the article body (from the source's registry entry),
    `drop` more selectors for chrome inside it.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html)
    soup = BeautifulSoup(html, "lxml")
    title = _title(soup)
    body = soup.select_one(selector) if selector else None
    pdfs = _pdf_links(body or soup, url)
    if body is not None:
        for chrome in (*CHROME_SELECTORS, *drop):
            for node in body.select(chrome):
                node.decompose()
        return Page(title=title, text=_block_text(body), pdf_links=pdfs)
    for chrome in drop:
        for node in soup.select(chrome):
            node.decompose()
    text = trafilatura.extract(
        str(soup), url=url, include_tables=True, include_comments=False,
        favor_precision=True, deduplicate=False,
    )
    if not text:
        # trafilatura gives up on very short pages; the body without chrome is still right.
        fallback = soup.body or soup
        for chrome in CHROME_SELECTORS:
            for node in fallback.select(chrome):
                node.decompose()
        text = _block_text(fallback)
    elif _INTRODUCED_LIST.search(html):  # the cheap test first: most pages have no such list
        text = _with_introduced_lists(BeautifulSoup(html, "lxml"), text)
    return Page(title=title, text=text.strip(), pdf_links=pdfs)


def _with_introduced_lists(soup: BeautifulSoup, text: str) -> str:
    """`text` with the bulleted lists trafilatura left out put back.

    With favor_precision, trafilatura sometimes drops a short <ul> between two paragraphs
    it keeps, and with it the fines a release lists ("the following fines: - A - B"). A
    list counts as the article's when the paragraph right before it introduces it (ends
    with a colon) and is in `text`; it goes back, one "- item" line each, after that
    paragraph.
    """
    chrome = set(map(id, soup.select(", ".join(CHROME_SELECTORS))))
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
