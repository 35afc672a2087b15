"""Logging, configured once at start: readable text by default, JSON for collectors.

Secrets are blanked from the finished line, after formatting, so that they are caught
wherever they hide: in the message, its arguments, an exception's text or a traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from bot.config import SECRET_ENV

REDACTED = "[redacted]"

#: Shorter values are not blanked: "abc" would turn every "abc" of every line into noise,
#: and no real token is that short.
MIN_SECRET_LENGTH = 6

# Webhook URLs carry their own credential in the path. They come from the config rather
# than the environment, so they are recognised by shape; the id before the token stays.
_WEBHOOK_TOKENS = re.compile(
    r"(?P<keep>(?:discord(?:app)?\.com/api(?:/v\d+)?/webhooks/\d+/"
    r"|hooks\.slack\.com/(?:services|workflows|triggers)/))[^\s\"'<>)]+")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the exception)."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as JSON."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class Redactor:
    """Blanks known secret values and webhook tokens from a piece of text."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        # Longest first, so that a secret containing another is blanked whole.
        values = {s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}
        self.secrets = sorted(values, key=len, reverse=True)
        # A JSON line escapes some characters; blank the escaped spelling too.
        self._spellings = [(spelling, REDACTED) for secret in self.secrets
                           for spelling in dict.fromkeys(
                               (secret, json.dumps(secret, ensure_ascii=False)[1:-1]))]

    def __call__(self, text: str) -> str:
        """The text without any secret."""
        for spelling, replacement in self._spellings:
            text = text.replace(spelling, replacement)
        return _WEBHOOK_TOKENS.sub(lambda m: m.group("keep") + REDACTED, text)


class RedactingFormatter(logging.Formatter):
    """Wraps another formatter and blanks the secrets in each finished line."""

    def __init__(self, inner: logging.Formatter, redact: Redactor) -> None:
        super().__init__()
        self.inner = inner
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        """Format with the inner formatter, then redact the whole line."""
        return self.redact(self.inner.format(record))


class RedactSecrets(logging.Filter):
    """Blanks any secret value that found its way into a log message.

    Kept for handlers that other code adds; the handler of `configure_logging` redacts
    the formatted line instead, which also covers exceptions and tracebacks.
    """

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.redact = Redactor(secrets)
        self.secrets = self.redact.secrets

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message without the secrets; always keep the record."""
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(level: str = "info", fmt: str = "text",
                      secrets: list[str] | None = None) -> None:
    """Send dpawatch's logs to stderr at `level`, as text or JSON, secrets redacted."""
    import os

    handler = logging.StreamHandler(sys.stderr)
    inner = JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S")
    values = secrets if secrets is not None else [os.environ.get(n, "") for n in SECRET_ENV]
    handler.setFormatter(RedactingFormatter(inner, Redactor(values)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("dpawatch").setLevel(level.upper())
    for ours in ("bot", "scrapers", "storage"):
        logging.getLogger(ours).setLevel(level.upper())
