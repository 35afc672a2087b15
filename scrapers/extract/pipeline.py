"""A page's bytes to its sanctions: page text first, then the extractor."""

from __future__ import annotations

from datetime import date

from scrapers.extract.sanctions import extract_sanctions
from scrapers.models import Release, Sanction
from scrapers.pages import extract_page


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
        body_text=page.text,
        pdf_links=page.pdf_links,
    )
    return release, extract_sanctions(release)
