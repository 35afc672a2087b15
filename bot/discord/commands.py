"""The slash commands: parse what Discord gives, call the command core, render the reply.

Nothing here decides anything: bot/core does. Arguments are checked again on our side
(Discord's clients enforce option ranges, its API does not), errors are one private
sentence, and a member may change a channel's subscriptions only with Manage Channels
there, as Discord itself computed it for this interaction.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import discord
from discord import app_commands

from bot.app import Service
from bot.core import commands as core
from bot.core import subscriptions
from bot.core.caller import Caller
from bot.core.errors import CommandError
from bot.core.format import plain
from bot.core.replies import Reply
from bot.discord.render import render
from scrapers.models import SANCTION_KINDS

log = logging.getLogger(__name__)

#: How long the buttons of a paginated answer keep working.
PAGER_TIMEOUT_SECONDS = 600.0
COMMAND_NAMES = ("fines", "latest", "stats", "sources", "subscribe", "unsubscribe",
                 "subscriptions", "preview")
KIND_CHOICES = (*SANCTION_KINDS, "news")


# -- sending replies ---------------------------------------------------------------------


class Pager(discord.ui.View):
    """Previous/Next buttons over the pages of one answer; only its asker turns them."""

    def __init__(self, pages: list[Reply], owner_id: int) -> None:
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous_page.disabled = self.index == 0
        self.next_page.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Other members get a private note instead of turning someone else's pages."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message("Run the command yourself to page through "
                                                "its results.", ephemeral=True)
        return False

    async def _show(self, interaction: discord.Interaction[Any]) -> None:
        self._update_buttons()
        await interaction.response.edit_message(**render(self.pages[self.index]).send_kwargs(),
                                                view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction[Any],
                            _button: discord.ui.Button[Pager]) -> None:
        """Show the page before."""
        self.index = max(self.index - 1, 0)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next_page(self, interaction: discord.Interaction[Any],
                        _button: discord.ui.Button[Pager]) -> None:
        """Show the page after."""
        self.index = min(self.index + 1, len(self.pages) - 1)
        await self._show(interaction)


async def answer(interaction: discord.Interaction[Any], reply: Reply) -> None:
    """Send a reply (first response or followup after a defer), with a pager if long."""
    kwargs: dict[str, Any] = render(reply).send_kwargs()
    if reply.more:
        kwargs["view"] = Pager([reply, *reply.more], interaction.user.id)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs, ephemeral=reply.ephemeral, wait=True)
    else:
        await interaction.response.send_message(**kwargs, ephemeral=reply.ephemeral)


async def answer_error(interaction: discord.Interaction[Any], sentence: str) -> None:
    """One private sentence, whatever state the interaction is in."""
    kwargs = render(Reply(text=sentence)).send_kwargs()
    if not interaction.response.is_done():
        await interaction.response.send_message(**kwargs, ephemeral=True)
        return
    # After a public "thinking…", a followup would replace it in public: remove it first.
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        pass
    await interaction.followup.send(**kwargs, ephemeral=True)


class CommandTree(app_commands.CommandTree[Any]):
    """The bot's command tree: every error becomes one private sentence."""

    async def on_error(self, interaction: discord.Interaction[Any],
                       error: app_commands.AppCommandError, /) -> None:
        """Answer refusals as worded by the core; log the rest, never show a traceback."""
        original = error.original if isinstance(error, app_commands.CommandInvokeError) \
            else error
        if isinstance(original, CommandError):
            sentence = str(original)
        elif isinstance(original, app_commands.NoPrivateMessage):
            sentence = "This command works in a server channel, not in direct messages."
        elif isinstance(original, app_commands.TransformerError):
            sentence = "One of the options is not a valid value."
        else:
            command = interaction.command.name if interaction.command else "?"
            log.error("/%s failed", command, exc_info=original)
            sentence = "Something went wrong on our side; it has been logged."
        try:
            await answer_error(interaction, sentence[:300])
        except discord.HTTPException:
            log.warning("could not tell the user about an error (interaction expired?)")


# -- argument parsing (again, on our side) -----------------------------------------------


def authority_id(service: Service, text: str | None) -> str | None:
    """A known authority id from what was typed, or None for "any"."""
    if not text or not plain(text):
        return None
    wanted = plain(text).lower()[:40]
    if wanted not in {row["id"] for row in service.archive.authorities()}:
        raise CommandError(f"Unknown authority “{wanted}”: pick one from the list.")
    return wanted


def since_date(text: str | None) -> date | None:
    """A YYYY-MM-DD (or YYYY) start date, within the years an archive can hold."""
    if not text or not plain(text):
        return None
    cleaned = plain(text)[:10]
    try:
        parsed = date(int(cleaned), 1, 1) if cleaned.isdigit() and len(cleaned) == 4 \
            else date.fromisoformat(cleaned)
    except ValueError:
        raise CommandError("since must be a date such as 2023-01-31 or a year.") from None
    if not 1995 <= parsed.year <= 2100:
        raise CommandError("since must be between 1995 and 2100.")
    return parsed


def caller_of(interaction: discord.Interaction[Any]) -> Caller:
    """The caller as the core sees it; the guild is the workspace."""
    if interaction.guild_id is None or interaction.channel_id is None:
        raise CommandError("Subscriptions belong to server channels: use this in a server.")
    # interaction.permissions is what Discord computed for this member in this channel
    # (roles and overwrites), sent with the interaction: not something the client claims.
    return Caller(platform="discord", workspace_id=str(interaction.guild_id),
                  channel_id=str(interaction.channel_id), user_id=str(interaction.user.id),
                  can_manage=interaction.permissions.manage_channels)


def filter_arguments(authority: str | None, country: str | None, min_eur: str | None,
                     kind: str | None, watch: str | None) -> dict[str, str | None]:
    """The filter options as the core takes them (it checks each one)."""
    return {"authority": authority, "country": country, "min_eur": min_eur, "kind": kind,
            "watch": watch}


# -- autocomplete ------------------------------------------------------------------------

Choices = list[app_commands.Choice[str]]


def defendant_choices(service: Service, current: str) -> Choices:
    """Known defendants starting like what was typed."""
    names = core.defendant_suggestions(service.archive, current[:200])
    return [app_commands.Choice(name=name[:100], value=name[:100]) for name in names[:25]]


def authority_choices(service: Service, current: str) -> Choices:
    """Authorities whose id or name contains what was typed."""
    typed = plain(current).lower()[:40]
    rows = [row for row in service.archive.authorities()
            if typed in row["id"] or typed in str(row.get("name", "")).lower()]
    return [app_commands.Choice(name=f"{row['id']}: {row.get('name', '')}"[:100],
                                value=row["id"]) for row in rows[:25]]


def kind_choices(current: str) -> Choices:
    """The sanction kinds, and news."""
    typed = plain(current).lower()
    return [app_commands.Choice(name=kind, value=kind) for kind in KIND_CHOICES
            if typed in kind]


# -- the commands ------------------------------------------------------------------------


def build_commands(service: Service) -> list[app_commands.Command[Any, ..., None]]:
    """The eight slash commands, bound to the service's archive."""
    archive = service.archive

    async def complete_defendant(_interaction: discord.Interaction[Any], current: str
                                 ) -> Choices:
        return defendant_choices(service, current)

    async def complete_authority(_interaction: discord.Interaction[Any], current: str
                                 ) -> Choices:
        return authority_choices(service, current)

    async def complete_kind(_interaction: discord.Interaction[Any], current: str) -> Choices:
        return kind_choices(current)

    @app_commands.command(name="fines", description="Sanctions of a company, with a total.")
    @app_commands.describe(company="Company name (any spelling)",
                           authority="Only this authority", since="From this date (YYYY-MM-DD)")
    @app_commands.autocomplete(company=complete_defendant, authority=complete_authority)
    async def fines(interaction: discord.Interaction[Any], company: str,
                    authority: str | None = None, since: str | None = None) -> None:
        authority_key = authority_id(service, authority)
        start = since_date(since)
        # A fuzzy search over a large archive can take a while: acknowledge within 3 s.
        await interaction.response.defer(thinking=True)
        await answer(interaction, core.fines_reply(archive, company, authority=authority_key,
                                                   since=start))

    @app_commands.command(name="latest", description="The newest sanctions.")
    @app_commands.describe(authority="Only this authority", count="How many (1-25)")
    @app_commands.autocomplete(authority=complete_authority)
    async def latest(interaction: discord.Interaction[Any], authority: str | None = None,
                     count: app_commands.Range[int, 1, 25] = 5) -> None:
        authority_key = authority_id(service, authority)
        await answer(interaction, core.latest_reply(archive, authority=authority_key,
                                                    count=max(1, min(int(count), 25))))

    @app_commands.command(name="stats", description="Totals per authority and the largest.")
    @app_commands.describe(year="Only this year", authority="Only this authority")
    @app_commands.autocomplete(authority=complete_authority)
    async def stats(interaction: discord.Interaction[Any],
                    year: app_commands.Range[int, 1995, 2100] | None = None,
                    authority: str | None = None) -> None:
        authority_key = authority_id(service, authority)
        if year is not None and not 1995 <= year <= 2100:
            raise CommandError("year must be between 1995 and 2100.")
        await interaction.response.defer(thinking=True)
        await answer(interaction, core.stats_reply(archive, year=year, authority=authority_key))

    @app_commands.command(name="sources", description="How each source is polling.")
    async def sources(interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, core.sources_reply(archive))

    filter_help = {"authority": "Only this authority", "country": "Only authorities of "
                   "this country (FR, IE…)", "min_eur": "Only sanctions of at least this "
                   "much (50000, 250k, 1m)", "kind": "Only this kind (or news for every "
                   "release)", "watch": "Comma-separated words to watch for"}

    @app_commands.command(name="subscribe", description="Post matching sanctions here.")
    @app_commands.describe(**filter_help)
    @app_commands.autocomplete(authority=complete_authority, kind=complete_kind)
    @app_commands.guild_only()
    @app_commands.describe(webhook="Post through this Discord webhook instead of the bot")
    async def subscribe(interaction: discord.Interaction[Any], authority: str | None = None,
                        country: str | None = None, min_eur: str | None = None,
                        kind: str | None = None, watch: str | None = None,
                        webhook: str | None = None) -> None:
        await answer(interaction, subscriptions.subscribe(
            archive, caller_of(interaction), datetime.now(UTC), webhook=webhook,
            **filter_arguments(authority, country, min_eur, kind, watch)))

    @app_commands.command(name="unsubscribe", description="End a subscription of this channel.")
    @app_commands.describe(which="A subscription number from /subscriptions, or all")
    @app_commands.guild_only()
    async def unsubscribe(interaction: discord.Interaction[Any], which: str | None = None
                          ) -> None:
        await answer(interaction, subscriptions.unsubscribe(archive, caller_of(interaction),
                                                            which))

    @app_commands.command(name="subscriptions", description="This channel's subscriptions.")
    @app_commands.guild_only()
    async def list_subscriptions(interaction: discord.Interaction[Any]) -> None:
        await answer(interaction, subscriptions.list_subscriptions(archive,
                                                                   caller_of(interaction)))

    @app_commands.command(name="preview", description="What a subscription would have posted "
                          "over the last 30 days.")
    @app_commands.describe(**filter_help)
    @app_commands.autocomplete(authority=complete_authority, kind=complete_kind)
    async def preview(interaction: discord.Interaction[Any], authority: str | None = None,
                      country: str | None = None, min_eur: str | None = None,
                      kind: str | None = None, watch: str | None = None) -> None:
        arguments = filter_arguments(authority, country, min_eur, kind, watch)
        subscriptions.build_filters(archive, **arguments)  # refuse bad filters before deferring
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, subscriptions.preview(archive, datetime.now(UTC),
                                                        **arguments))

    return [fines, latest, stats, sources, subscribe, unsubscribe, list_subscriptions,
            preview]


def register_commands(tree: app_commands.CommandTree[Any], service: Service) -> None:
    """Add the slash commands to the tree (synced from the bot's setup_hook)."""
    for command in build_commands(service):
        tree.add_command(command)

