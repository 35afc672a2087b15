"""Who is asking, as the chat adapters tell the core."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    """A person in a channel. `can_manage` is the platform's answer to "may this person
    change this channel's subscriptions" (Discord: Manage Channels on the channel; Slack:
    workspace admin or owner, or listed in config)."""

    platform: str  # "discord" or "slack"
    workspace_id: str  # guild or team id
    channel_id: str
    user_id: str
    can_manage: bool = False
