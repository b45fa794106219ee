"""Throttling of failed sign-in attempts.

Kept in memory of the serving process (one waitress process serves the app; with several
processes each counts its own attempts, which still bounds guessing).  Three counters,
each over the last ``window`` seconds:

- **user name + address**: after ``max_failures_user`` failures further attempts for that
  account *from that address* are refused until the oldest failure leaves the window.
  Someone guessing from one machine is stopped without locking the real owner out, who
  signs in from another address.
- **user name** (any address): from ``max_failures_user`` failures on, every further
  attempt has to wait an exponentially growing delay after the last failure (1, 2, 4 …
  seconds, at most ``max_delay``).  That slows guessing spread over many addresses to
  about one try a minute, while the real owner waits at most ``max_delay``: nobody can
  keep an account (say ``admin``) locked for everybody.
- **address**: after ``max_failures_address`` failures (all user names together) the
  address is refused.  Behind a reverse proxy every request carries the proxy's address
  unless ``PROCMODEL_PROXY_FIX`` is set (docs/operations.md), so the limit is set well
  above what one office's typing errors produce.

A successful sign-in clears the user name's counters.
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
    max_failures_address: int = 50
    window: float = 15 * 60
    max_delay: float = 60
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _user(username: str) -> str:
        return username.strip().lower()

    def _recent(self, key: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        return stamps

    def wait_seconds(self, username: str, address: str) -> int:
        """Seconds until another attempt is allowed; 0 when one is allowed now."""
        now = self.clock()
        user = self._user(username)
        wait = 0.0
        with self._lock:
            for key, limit in ((f"pair:{user}|{address}", self.max_failures_user),
                               (f"addr:{address}", self.max_failures_address)):
                stamps = self._recent(key, now)
                if len(stamps) >= limit:
                    wait = max(wait, self.window - (now - stamps[-limit]))
            stamps = self._recent(f"user:{user}", now)
            over = len(stamps) - self.max_failures_user
            if over >= 0:
                delay = min(self.max_delay, 2.0 ** over)
                wait = max(wait, stamps[-1] + delay - now)
        return int(wait) + (1 if wait % 1 else 0)

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        user = self._user(username)
        with self._lock:
            for key in (f"pair:{user}|{address}", f"user:{user}", f"addr:{address}"):
                self._recent(key, now).append(now)

    def succeeded(self, username: str) -> None:
        user = self._user(username)
        with self._lock:
            for key in [k for k in self._failures
                        if k == f"user:{user}" or k.startswith(f"pair:{user}|")]:
                del self._failures[key]
