"""Progress on stderr for long runs.

- ``Bar``: a static run over many files, on a terminal only (a bar redrawn in place, at most ten
  times a second, cleared at the end).
- ``Lines``: ``--confirm``, also when stderr is not a terminal (CI logs): one line every few
  findings or seconds with the count and the elapsed time, and one at the end.
"""

from __future__ import annotations

import sys
import time


class Bar:
    MIN_FILES = 50  # fewer files than this finish before a bar would be worth drawing

    def __init__(self, stream=None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.width * done // total
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


class Lines:
    def __init__(self, stream=None, every: int = 5, seconds: float = 10.0, clock=time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.every, self.seconds, self.clock = every, seconds, clock
        self.start = clock()
        self.last_time, self.last_done = self.start, 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if done >= total or done - self.last_done >= self.every or now - self.last_time >= self.seconds:
            verb = "judged" if done >= total else "judged so far"
            self.stream.write(f"dropout-lint: --confirm: {done}/{total} findings {verb} ({now - self.start:.0f} s)\n")
            self.stream.flush()
            self.last_time, self.last_done = now, done
