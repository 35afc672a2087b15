"""robots.txt rules per host, fetched once and kept for some hours. Pure policy, no I/O.

The Fetcher (scrapers/http.py) downloads robots.txt and hands the outcome here, so this
module never talks to the network itself. Imports nothing of ours but the models.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

#: The token we look for in robots.txt groups (`User-agent: dpawatch`).
ROBOTS_TOKEN = "dpawatch"


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt lets us do; `parser` None means "everything allowed"."""

    parser: Protego | None = None
    disallow_all: bool = False

    def allows(self, url: str) -> bool:
        """Whether our crawler may fetch `url`."""
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, ROBOTS_TOKEN))

    def crawl_delay(self) -> float:
        """Seconds the host asks crawlers to wait between requests (0 if it does not say)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(ROBOTS_TOKEN)
        return float(delay) if delay else 0.0


def rules_from_response(status: int | None, text: str) -> RobotsRules:
    """Rules for a robots.txt answer, following Google's reading of status codes.

    `status` None means the host could not be reached: like a 404 or a 5xx, that allows
    everything (a site that is down tells us nothing). 401 and 403 mean "keep out".
    """
    if status in (401, 403):
        return RobotsRules(disallow_all=True)
    if status is None or not 200 <= status < 300:
        return RobotsRules()
    return RobotsRules(parser=Protego.parse(text))
