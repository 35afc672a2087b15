"""Authority sites that change while dpawatch runs, for the reliability test and the soak.

Three RSS sources (CNIL in French, Garante in Italian, ICO in English) served by FakeSite
on loopback. Each starts with a backlog (archived on the first poll, never alerted) and
has a queue of releases to publish later; a published release can be corrected (new
title and text under the same URL, as the authorities do). The facts (who, how much,
when) are real; the sentences and markup are ours.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from html import escape
from pathlib import Path

from tests.support.fakesite import FakeSite, Reply

RSS = "application/rss+xml; charset=utf-8"


@dataclass(frozen=True)
class Fact:
    """One release as published: its text, and what a reader knows it announces."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: date
    amount_eur: float | None = None  # the largest sanction in EUR; None for news
    corrected: bool = False

    @property
    def is_sanction(self) -> bool:
        """Does the release announce a sanction?"""
        return self.amount_eur is not None


@dataclass(frozen=True)
class SiteSpec:
    """One source: its identity in the config, its backlog and what it publishes later."""

    source_id: str
    authority: str
    country: str
    language: str
    channel_title: str
    correction_title: str  # how the site marks a corrected release, e.g. "(mise à jour)"
    correction_note: str
    backlog: tuple[Fact, ...]
    upcoming: tuple[Fact, ...]


def _fact(slug: str, title: str, published: date, amount_eur: float | None,
          *paragraphs: str) -> Fact:
    return Fact(slug, title, paragraphs, published, amount_eur)


CNIL = SiteSpec(
    "rel-cnil", "cnil", "FR", "fr", "CNIL - Actualités", "(mise à jour)",
    "Mise à jour : la délibération de la formation restreinte a été publiée sur Légifrance.",
    backlog=(
        _fact("guide-securite", "Publication d'un guide sur la sécurité des données",
              date(2024, 3, 12), None,
              "La CNIL publie un guide pratique à destination des professionnels pour les "
              "aider à sécuriser les données personnelles qu'ils traitent."),
        _fact("clearview", "Reconnaissance faciale : sanction de 20 millions d'euros à "
              "l'encontre de CLEARVIEW AI", date(2022, 10, 20), 20e6,
              "Le 17 octobre 2022, la formation restreinte de la CNIL a prononcé une amende "
              "de 20 millions d'euros à l'encontre de la société CLEARVIEW AI pour traitement "
              "illicite de données biométriques."),
    ),
    upcoming=(
        _fact("amazon", "Surveillance des salariés : sanction de 32 millions d'euros à "
              "l'encontre d'AMAZON FRANCE LOGISTIQUE", date(2024, 1, 23), 32e6,
              "Le 27 décembre 2023, la formation restreinte de la CNIL a prononcé une amende "
              "de 32 millions d'euros à l'encontre de la société AMAZON FRANCE LOGISTIQUE "
              "pour une surveillance excessive de l'activité de ses salariés."),
        _fact("yahoo", "Cookies : amende de 10 millions d'euros à l'encontre de YAHOO EMEA "
              "LIMITED", date(2024, 1, 18), 10e6,
              "Le 29 décembre 2023, la formation restreinte de la CNIL a prononcé une amende "
              "de 10 millions d'euros à l'encontre de la société YAHOO EMEA LIMITED pour "
              "avoir déposé des cookies sans le consentement des internautes."),
        _fact("agenda-cnil", "Les rendez-vous de la CNIL au salon des maires",
              date(2024, 2, 1), None,
              "La CNIL tiendra un stand lors du salon des maires et des collectivités locales "
              "pour répondre aux questions des élus."),
        _fact("criteo", "Publicité ciblée : sanction de 40 millions d'euros à l'encontre de "
              "CRITEO", date(2023, 6, 22), 40e6,
              "Le 15 juin 2023, la formation restreinte de la CNIL a prononcé une amende de "
              "40 millions d'euros à l'encontre de la société CRITEO pour des manquements "
              "relatifs au consentement des personnes."),
    ),
)

GARANTE = SiteSpec(
    "rel-garante", "garante", "IT", "it", "Garante privacy - Newsletter", "(aggiornato)",
    "Aggiornamento: il testo del provvedimento è disponibile sul sito del Garante.",
    backlog=(
        _fact("relazione", "Il Garante presenta la relazione annuale al Parlamento",
              date(2024, 7, 3), None,
              "Il Garante per la protezione dei dati personali presenta la relazione annuale "
              "sull'attività svolta nel corso dell'anno."),
    ),
    upcoming=(
        _fact("enel", "Telemarketing: il Garante sanziona Enel Energia per 26,5 milioni di "
              "euro", date(2022, 1, 17), 26.5e6,
              "Il Garante per la protezione dei dati personali ha inflitto a Enel Energia "
              "S.p.A. una sanzione di 26,5 milioni di euro per telemarketing aggressivo."),
        _fact("scuola", "Scuola: il vademecum del Garante per il nuovo anno scolastico",
              date(2023, 9, 11), None,
              "Il Garante pubblica un vademecum per aiutare le scuole a trattare "
              "correttamente i dati degli studenti."),
        _fact("openai", "ChatGPT: il Garante privacy sanziona OpenAI per 15 milioni di euro",
              date(2024, 12, 20), 15e6,
              "Il Garante per la protezione dei dati personali ha inflitto a OpenAI una "
              "sanzione di 15 milioni di euro per la gestione del servizio ChatGPT."),
    ),
)

ICO = SiteSpec(
    "rel-ico", "ico", "GB", "en", "ICO news", "(updated)",
    "Update: the monetary penalty notice has now been published.",
    backlog=(
        _fact("guidance", "ICO publishes new guidance on employment practices",
              date(2024, 2, 20), None,
              "The ICO has published new guidance to help employers handle the personal "
              "information of their workers."),
    ),
    upcoming=(
        _fact("tiktok", "ICO fines TikTok £12.7 million for misusing children's data",
              date(2023, 4, 4), 14.7e6,
              "The Information Commissioner's Office (ICO) has issued a £12,700,000 fine to "
              "TikTok Information Technologies UK Limited for a number of breaches of data "
              "protection law."),
        _fact("ticketmaster", "ICO fines Ticketmaster UK Limited £1.25 million",
              date(2020, 11, 13), 1.45e6,
              "The Information Commissioner's Office has fined Ticketmaster UK Limited £1.25 "
              "million for failing to put appropriate security measures in place."),
        _fact("annual-report", "ICO annual report: a year of regulatory action",
              date(2024, 7, 18), None,
              "The ICO has laid its annual report before Parliament, setting out how it "
              "supported organisations over the year."),
    ),
)

SITES = (CNIL, GARANTE, ICO)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{{base}}/</link>
<description>{title}</description>{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{{base}}/{slug}</link><guid>{{base}}/{slug}</guid>
<pubDate>{date}</pubDate><description>{title}</description></item>"""
PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
</head><body><header><nav><a href="/">Home</a></nav></header><main><article>
<h1>{title}</h1><p class="date">{date}</p>{paragraphs}</article></main>
<footer>{channel}</footer></body></html>"""


def release_url(origin: str, fact: Fact) -> str:
    """The URL a fact is served at (and archived under)."""
    return f"{origin}/{fact.slug}"


@dataclass
class LiveSite:
    """One served source and what it shows now, newest first."""

    spec: SiteSpec
    origin: str
    shown: list[Fact] = field(default_factory=list)
    waiting: list[Fact] = field(default_factory=list)

    @property
    def feed_url(self) -> str:
        """The RSS feed the config points at."""
        return f"{self.origin}/rss.xml"

    def config_entry(self) -> str:
        """This source as a [[sources]] table."""
        spec = self.spec
        return (f'[[sources]]\nid = "{spec.source_id}"\nauthority = "{spec.authority}"\n'
                f'country = "{spec.country}"\nlanguage = "{spec.language}"\nkind = "rss"\n'
                f'url = "{self.feed_url}"\n')


class ChangingSites:
    """The three sources on one FakeSite, changed by `publish` and `correct`."""

    def __init__(self, site: FakeSite, specs: Sequence[SiteSpec] = SITES) -> None:
        self.site = site
        self.specs = specs
        self.live: list[LiveSite] = []

    async def start(self) -> ChangingSites:
        """Serve every source with its backlog."""
        for spec in self.specs:
            origin = await self.site.serve_routes({})
            live = LiveSite(spec, origin, list(spec.backlog), list(spec.upcoming))
            self.live.append(live)
            self._serve(live)
        return self

    def facts(self) -> Iterator[tuple[LiveSite, Fact]]:
        """Every release shown now, with its site."""
        for live in self.live:
            for fact in live.shown:
                yield live, fact

    def can_publish(self) -> list[LiveSite]:
        """The sites that still have something to publish."""
        return [live for live in self.live if live.waiting]

    def can_correct(self) -> list[tuple[LiveSite, Fact]]:
        """Releases published after the backlog that were not corrected yet."""
        return [(live, fact) for live, fact in self.facts()
                if not fact.corrected and fact not in live.spec.backlog]

    def publish(self, live: LiveSite, fact: Fact | None = None) -> Fact:
        """Put the next waiting release (or `fact`) on top of the site's feed."""
        fact = fact or live.waiting.pop(0)
        live.shown.insert(0, fact)
        self._serve(live)
        return fact

    def correct(self, live: LiveSite, fact: Fact) -> Fact:
        """The release again, corrected: a marked title and a note, same URL."""
        corrected = replace(fact, title=f"{fact.title} {live.spec.correction_title}",
                            paragraphs=(*fact.paragraphs, live.spec.correction_note),
                            corrected=True)
        live.shown[live.shown.index(fact)] = corrected
        self._serve(live)
        return corrected

    def _serve(self, live: LiveSite) -> None:
        spec = live.spec
        items = "".join(ITEM.format(title=escape(f.title), slug=f.slug,
                                    date=format_datetime(datetime.combine(
                                        f.published, time(9), UTC)))
                        for f in live.shown)
        self.site.set_reply(live.feed_url, Reply(
            body=FEED.format(title=escape(spec.channel_title), items=items), content_type=RSS))
        for fact in live.shown:
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in fact.paragraphs)
            self.site.set_reply(release_url(live.origin, fact), Reply(body=PAGE.format(
                lang=spec.language, title=escape(fact.title), date=fact.published.isoformat(),
                paragraphs=paragraphs, channel=escape(spec.channel_title))))


def write_config(path: Path, *, archive: Path, sites: Sequence[LiveSite], api_base: str,
                 gateway_url: str) -> None:
    """A config that polls only these sites, at once and without politeness delays."""
    path.write_text(
        f'[storage]\npath = "{archive}"\n'
        "[polling]\nbuiltin_sources = false\nmin_delay_seconds = 0.0\njitter_seconds = 0\n"
        "interval_minutes = 1\ntimeout_seconds = 5.0\n"
        '[log]\nlevel = "warning"\n'
        f'[discord]\napi_base = "{api_base}"\ngateway_url = "{gateway_url}"\n'
        + "".join(live.config_entry() for live in sites), encoding="utf-8")
