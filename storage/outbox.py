"""Subscriptions and the outbox of deliveries. Part of the archive; no SQL leaves storage/.

Delivery states: pending -> sent, or pending -> (retries) -> failed with its reason.
Nothing is dropped silently and nothing is sent twice: a row is marked sent with the
platform's message id, and every send carries the row's nonce so that a send that
succeeded just before a crash is recognised by the platform (Discord's enforce_nonce).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.filters import Filters

Row = dict[str, Any]
PLATFORMS = ("discord", "slack", "discord_webhook", "slack_webhook")


@dataclass(frozen=True)
class Delivery:
    """One message to send or edit, with what it is about."""

    id: int
    action: str  # "post" or "edit"
    nonce: str
    attempts: int
    subscription: Row
    release: Row
    decisions: list[Mapping[str, Any]]  # those the subscription wants, in release order


class Outbox:
    """Subscriptions and deliveries, over the archive's database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.db.query(sql, params))

    def _country_of(self) -> dict[str, str]:
        return {r["id"]: r["country"] for r in self._rows("SELECT id, country FROM authorities")}

    # -- subscriptions -------------------------------------------------------------------

    def subscribe(self, *, platform: str, filters: Filters, now: datetime,
                  workspace_id: str | None = None, channel_id: str | None = None,
                  webhook_url: str | None = None, created_by: str | None = None,
                  origin: str = "chat") -> int:
        """Add a subscription; returns its id."""
        if platform not in PLATFORMS:
            raise ValueError(f"unknown platform {platform!r}")
        values = {"platform": platform, "workspace_id": workspace_id,
                  "channel_id": channel_id, "webhook_url": webhook_url,
                  **filters.as_columns(), "origin": origin, "created_by": created_by,
                  "created_at": now.isoformat()}
        cursor = self.db.execute(
            f"INSERT INTO subscriptions ({', '.join(values)}) "
            f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def subscriptions_of(self, platform: str, workspace_id: str | None,
                         channel_id: str | None) -> list[Row]:
        """The active subscriptions of one channel, through the bot or a webhook."""
        return self._rows(
            "SELECT * FROM subscriptions WHERE active = 1 AND platform IN (?, ?) "
            "AND workspace_id IS ? AND channel_id IS ? ORDER BY id",
            [platform, f"{platform}_webhook", workspace_id, channel_id])

    def unsubscribe(self, platform: str, workspace_id: str | None, channel_id: str | None,
                    subscription_id: int | None = None) -> int:
        """End one subscription of a channel (or all, with no id); returns how many ended.

        Scoped to the channel: an id of another channel or workspace ends nothing.
        """
        sql = ("UPDATE subscriptions SET active = 0 WHERE active = 1 AND platform IN (?, ?) "
               "AND workspace_id IS ? AND channel_id IS ?")
        params: list[Any] = [platform, f"{platform}_webhook", workspace_id, channel_id]
        if subscription_id is not None:
            sql += " AND id = ?"
            params.append(subscription_id)
        return self.db.execute(sql, params).rowcount

    def replace_config_subscriptions(self, declared: Sequence[tuple[str, str, Filters]],
                                     now: datetime) -> None:
        """Make the config's [[subscriptions]] (platform, webhook URL, filters) the active
        ones of origin `config`, keeping the id (and so the history) of unchanged ones."""
        with self.db.atomic():
            current = self._rows(
                "SELECT * FROM subscriptions WHERE origin = 'config' AND active = 1")
            keep: set[int] = set()
            for platform, url, filters in declared:
                same = next((r["id"] for r in current if r["id"] not in keep
                             and r["platform"] == platform and r["webhook_url"] == url
                             and Filters.from_row(r) == filters), None)
                if same is None:
                    same = self.subscribe(platform=platform, filters=filters, now=now,
                                          webhook_url=url, origin="config")
                keep.add(same)
            for row in current:
                if row["id"] not in keep:
                    self.db.execute("UPDATE subscriptions SET active = 0 WHERE id = ?",
                                    [row["id"]])

    # -- the outbox --------------------------------------------------------------------

    def enqueue(self, release_id: int, *, now: datetime) -> int:
        """Queue the release's alert for every subscription that wants it; returns how many.

        Called inside the transaction that archives the release. A release already
        alerted to a channel gets an `edit` of that message instead of a new post.
        """
        release = self._rows("SELECT * FROM releases WHERE id = ?", [release_id])[0]
        if release["backlog"]:
            return 0
        decisions = self._rows(
            "SELECT * FROM decisions WHERE release_id = ? AND duplicate_of IS NULL "
            "ORDER BY id", [release_id])
        country_of = self._country_of()
        queued = 0
        for sub in self._rows("SELECT * FROM subscriptions WHERE active = 1"):
            if not Filters.from_row(sub).wants(release, decisions, country_of):
                continue
            alerted = self._rows(
                "SELECT 1 FROM deliveries WHERE subscription_id = ? AND release_id = ? "
                "LIMIT 1", [sub["id"], release_id])
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO deliveries (subscription_id, release_id, revision, "
                "action, nonce, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sub["id"], release_id, release["revision"], "edit" if alerted else "post",
                 secrets.token_hex(12), now.isoformat(), now.isoformat()])
            queued += cursor.rowcount
        return queued

    def due(self, now: datetime, limit: int = 100) -> list[Delivery]:
        """Pending deliveries whose time has come, oldest first, ready to render.

        A channel's messages keep their order: while a channel's oldest pending delivery
        waits for its retry (a 500, a Retry-After), the ones queued behind it wait too.
        """
        rows = self._rows(
            "SELECT d.*, s.platform, s.workspace_id, s.channel_id, s.webhook_url "
            "FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id "
            "WHERE d.status = 'pending' ORDER BY d.id")
        stamp = now.isoformat()
        blocked: set[tuple[Any, ...]] = set()
        chosen = []
        for row in rows:
            channel = (row["platform"], row["workspace_id"], row["channel_id"],
                       row["webhook_url"])
            if channel in blocked:
                continue
            if row["next_attempt_at"] is not None and row["next_attempt_at"] > stamp:
                blocked.add(channel)
                continue
            chosen.append(row)
            if len(chosen) >= limit:
                break
        country_of = self._country_of()
        due = []
        for row in chosen:
            sub = self._rows("SELECT * FROM subscriptions WHERE id = ?",
                             [row["subscription_id"]])[0]
            release = self._rows("SELECT * FROM releases WHERE id = ?", [row["release_id"]])[0]
            decisions = self._rows(
                "SELECT * FROM decisions WHERE release_id = ? AND duplicate_of IS NULL "
                "ORDER BY id", [row["release_id"]])
            shown = Filters.from_row(sub).matching_decisions(release, decisions, country_of)
            due.append(Delivery(row["id"], row["action"], row["nonce"], row["attempts"], sub,
                                release, shown))
        return due

    def message_to_edit(self, delivery: Delivery) -> tuple[str | None, bool]:
        """For a correction: the message posted for its release in its channel, and whether
        an earlier delivery of that release there is still pending (then the edit waits).

        Asked at send time, not when the round began: the post may have gone out a moment
        ago in the same round.
        """
        earlier = self._rows(
            "SELECT status, message_id FROM deliveries WHERE subscription_id = ? AND "
            "release_id = ? AND id < ? ORDER BY id",
            [delivery.subscription["id"], delivery.release["id"], delivery.id])
        posted = [r["message_id"] for r in earlier if r["status"] == "sent" and r["message_id"]]
        return (posted[-1] if posted else None), any(r["status"] == "pending" for r in earlier)

    def mark_sent(self, delivery_id: int, message_id: str | None, now: datetime) -> None:
        """Record a delivery as done, with the platform's id for its message."""
        self.db.execute(
            "UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, "
            "attempts = attempts + 1, last_error = NULL WHERE id = ?",
            [message_id, now.isoformat(), delivery_id])

    def mark_retry(self, delivery_id: int, error: str, at: datetime) -> None:
        """Record a failed attempt; the delivery stays pending until `at`."""
        self.db.execute(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, "
            "next_attempt_at = ? WHERE id = ?", [error, at.isoformat(), delivery_id])

    def mark_failed(self, delivery_id: int, error: str) -> None:
        """Give up on a delivery, keeping why."""
        self.db.execute(
            "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, "
            "last_error = ? WHERE id = ?", [error, delivery_id])

    def prune(self, before: datetime) -> int:
        """Forget deliveries settled before `before` (sent or failed); returns how many.

        The outbox would otherwise grow by a row per alert for ever. A correction of a
        release alerted before then is posted as a new message, not an edit.
        """
        return self.db.execute(
            "DELETE FROM deliveries WHERE status != 'pending' "
            "AND coalesce(sent_at, created_at) < ?", [before.isoformat()]).rowcount

    def counts(self) -> dict[str, int]:
        """How many deliveries are in each state."""
        return {r["status"]: r["n"] for r in self._rows(
            "SELECT status, count(*) AS n FROM deliveries GROUP BY status")}

    def preview(self, filters: Filters, since: datetime, limit: int = 50) -> list[Row]:
        """What a subscription with these filters would have been sent since `since`:
        one row per release, with its sanctions under `decisions`."""
        country_of = self._country_of()
        releases = self._rows(
            "SELECT * FROM releases WHERE coalesce(published, substr(fetched_at, 1, 10)) >= ?"
            " ORDER BY published DESC, id DESC", [since.date().isoformat()])
        shown = []
        for release in releases:
            decisions = self._rows(
                "SELECT * FROM decisions WHERE release_id = ? AND duplicate_of IS NULL "
                "ORDER BY id", [release["id"]])
            if filters.wants(release, decisions, country_of):
                matching = filters.matching_decisions(release, decisions, country_of)
                shown.append(release | {"decisions": matching})
            if len(shown) >= limit:
                break
        return shown


