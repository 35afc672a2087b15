"""Slack: the same alerts and commands as Discord, in Slack workspaces.

The only package that imports slack_sdk or slack_bolt. `run_slack` serves the bot (slash
commands, alerts through chat.postMessage); `webhook_sender` posts to the incoming-webhook
URLs of the config's [[subscriptions]].
"""

from __future__ import annotations

from bot.config import Settings
from bot.dispatch import Sender
from bot.slack.app import run_slack
from bot.slack.sender import SlackWebhookSender

__all__ = ["run_slack", "webhook_sender"]


def webhook_sender(settings: Settings) -> Sender:
    """The sender for platform "slack_webhook": incoming webhooks, corrected by a new post."""
    return SlackWebhookSender(timeout=settings.polling.timeout_seconds)
