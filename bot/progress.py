"""A one-line progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, total: int, stream: IO[str] | None = None, *, label: str = "import",
                 unit: str = "rows") -> None:
        self.total = total
        self.label = label
        self.unit = unit
        self.done = 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty() and total > 0
        self._last_draw = 0.0

    def advance(self, count: int) -> None:
        """Count `count` more done; redraw at most ten times a second."""
        self.done += count
        now = time.monotonic()
        if self.shown and (now - self._last_draw >= 0.1 or self.done >= self.total):
            self._last_draw = now
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                              f"{self.done}/{self.total} {self.unit}")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line, so the summary starts on a fresh one."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
