"""Throttling of failed sign-in attempts, per user name and per client address.

Kept in memory of the serving process (one waitress process serves the app; with several
processes each counts its own attempts, which still bounds guessing).  After
``max_failures`` failures within ``window`` seconds further attempts for that key are
refused until the oldest failure leaves the window.  A successful sign-in clears the
user name's counter.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SignInThrottle:
    max_failures_user: int = 5
    max_failures_address: int = 20
    window: float = 15 * 60
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _keys(self, username: str, address: str) -> tuple[tuple[str, int], tuple[str, int]]:
        return ((f"user:{username.strip().lower()}", self.max_failures_user),
                (f"addr:{address}", self.max_failures_address))

    def _recent(self, key: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        return stamps

    def wait_seconds(self, username: str, address: str) -> int:
        """Seconds until another attempt is allowed; 0 when one is allowed now."""
        now = self.clock()
        wait = 0.0
        with self._lock:
            for key, limit in self._keys(username, address):
                stamps = self._recent(key, now)
                if len(stamps) >= limit:
                    wait = max(wait, self.window - (now - stamps[-limit]))
        return int(wait) + (1 if wait % 1 else 0)

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key, _limit in self._keys(username, address):
                self._recent(key, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{username.strip().lower()}", None)
