"""Benchmark: the web application under load, against ``procmodel serve`` on SQLite.

Builds a register with ``--services`` services (default 10,000) and ``--history`` status
history rows (default 100,000) in a temporary SQLite file, starts ``procmodel serve`` (waitress,
8 threads) on a free local port, and drives it over HTTP from this machine:

1. **Simulated users** – ``--users`` (20) signed-in users, each requesting in turn the service
   list (a random page, every third request with a filter or search), a random service's
   detail page and the dashboard, with ``--think`` (1 s) between requests, for ``--duration``
   seconds.  Reported per page: count, errors, median, p95 and p99 latency.
2. **Highest throughput without errors** – per page, closed-loop clients without think time at
   1, 2, 4, 8 and 16 concurrent connections, ``--burst`` seconds each; the best requests/s
   among the levels without a single error (non-200 response or connection failure).

Baseline measured in the same run: the app's stylesheet (``/static/css/app.css``), served
through the same server, session and middleware — the cost of the stack without any page
work.  Ratios are page / baseline (latency: how many times slower; throughput: what share).

Also printed: what the dashboard's figures cost when they must be recomputed after a change
(:func:`web.dashboard.figures.build`) against reading their change key, which is all an
unchanged register costs per request (:class:`web.dashboard.figures.DashboardCache`).

Client and server share this machine's cores, so the figures are conservative.

Usage: ``python -m bench.bench_web [--services 10000] [--history 100000] [--users 20]
[--duration 60] [--burst 8]``
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from http.cookies import SimpleCookie
from pathlib import Path

from sqlalchemy import insert, select, text

from bench.register_data import WORDS, insert_history, service_row
from inventory import users
from inventory.db import make_engine, make_session_factory
from inventory.migrate import upgrade
from inventory.tables import Handlungsfeld, Service

PASSWORD = "benchmark-passwort"
PAGES = ("list", "detail", "dashboard")


def build_register(url: str, services: int, history: int) -> None:
    """A migrated register with one user and generated services and history (fixed seed)."""
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(7)
    now = datetime.now(UTC)
    with make_session_factory(engine)() as session:
        users.create_user(session, "bench", PASSWORD, role="viewer")
        fields = [h.id for h in session.scalars(select(Handlungsfeld))]
        rows = [service_row(rng, number, fields, now) for number in range(1, services + 1)]
        session.execute(insert(Service.__table__), rows)
        insert_history(session, rng, services, history, now, comment="generiert")
        session.commit()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()


def dashboard_costs(url: str, repeat: int = 5) -> tuple[float, float]:
    """(median seconds to build the dashboard figures, to read their change key)."""
    from web.dashboard.figures import build, change_key

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            builds, keys = [], []
            for _ in range(repeat):
                started = time.perf_counter()
                build(session)
                builds.append(time.perf_counter() - started)
                started = time.perf_counter()
                change_key(session, date.today())
                keys.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return statistics.median(builds), statistics.median(keys)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One signed-in browser: a keep-alive connection and the session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Accept-Language": "de"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return 0, ""
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, data

    def sign_in(self) -> None:
        from urllib.parse import urlencode

        _status, page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        status, _ = self.request("POST", "/login", urlencode(
            {"username": "bench", "password": PASSWORD, "csrf_token": token}))
        if status != 302:
            raise RuntimeError(f"sign-in failed with HTTP {status}")


def page_path(kind: str, rng: random.Random, services: int) -> str:
    if kind == "list":
        choice = rng.randint(0, 2)
        if choice == 0:
            return f"/services/?page={rng.randint(1, max(1, services // 50))}"
        if choice == 1:
            return f"/services/?q={rng.choice(WORDS).lower()}&sort=target_date"
        return f"/services/?reifegrad={rng.randint(0, 4)}&overdue=1&page={rng.randint(1, 5)}"
    if kind == "detail":
        return f"/services/{rng.randint(1, services)}"
    if kind == "dashboard":
        return "/"
    return "/static/css/app.css"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def simulate_users(port: int, count: int, think: float, duration: float, services: int
                   ) -> dict[str, dict[str, list]]:
    results: dict[str, dict[str, list]] = defaultdict(lambda: {"times": [], "errors": []})
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def user(number: int) -> None:
        rng = random.Random(number)
        client = Client(port)
        client.sign_in()
        kinds = [*PAGES, "baseline"]
        step = number  # users start at different pages
        time.sleep(rng.random() * think)
        while time.monotonic() < deadline:
            kind = kinds[step % len(kinds)]
            step += 1
            started = time.perf_counter()
            status, _ = client.request("GET", page_path(kind, rng, services))
            elapsed = time.perf_counter() - started
            with lock:
                results[kind]["times"].append(elapsed)
                if status != 200:
                    results[kind]["errors"].append(status)
            time.sleep(think)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def throughput(port: int, kind: str, concurrency: int, seconds: float, services: int
               ) -> tuple[float, int]:
    """(requests per second, errors) of ``concurrency`` clients without think time."""
    done = [0]
    errors = [0]
    lock = threading.Lock()
    clients = []
    for _ in range(concurrency):
        client = Client(port)
        client.sign_in()
        clients.append(client)
    start_at = time.monotonic() + 0.2
    deadline = start_at + seconds

    def loop(client: Client, number: int) -> None:
        rng = random.Random(1000 + number)
        while time.monotonic() < start_at:
            time.sleep(0.01)
        ok = bad = 0
        while time.monotonic() < deadline:
            status, _ = client.request("GET", page_path(kind, rng, services))
            if status == 200:
                ok += 1
            else:
                bad += 1
        with lock:
            done[0] += ok
            errors[0] += bad

    threads = [threading.Thread(target=loop, args=(c, n)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / seconds, errors[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--history", type=int, default=100000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--burst", type=float, default=8.0)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="procmodel-bench-web-"))
    url = f"sqlite:///{folder / 'register.sqlite3'}"
    started = time.perf_counter()
    build_register(url, args.services, args.history)
    print(f"register: {args.services} services, {args.history} history rows "
          f"({time.perf_counter() - started:.1f} s to build)")
    built, keyed = dashboard_costs(url)
    print(f"dashboard figures: recompute {built * 1000:.1f} ms, change key {keyed * 1000:.1f} ms "
          f"(ratio {built / keyed:.0f})")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCMODEL_")}
    env.update(PROCMODEL_SECRET_KEY="benchmark-secret-key-0123456789",
               PROCMODEL_INSTANCE_PATH=str(folder / "instance"))
    # The server's log goes to a file: an unread pipe would fill up and stall the server.
    log_path = folder / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "procmodel", "serve", "--port", str(port), "--db", url,
         "--threads", str(args.threads), "--no-worker"], env=env,
        stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    print(log_path.read_text(), file=sys.stderr)
                    return 1
                time.sleep(0.1)
        warm = Client(port)
        warm.sign_in()
        for kind in ("list", "detail", "dashboard", "baseline"):
            for _ in range(3):
                warm.request("GET", page_path(kind, random.Random(0), args.services))

        print(f"\n1) {args.users} users, {args.think:g} s think time, {args.duration:g} s "
              f"(waitress {args.threads} threads, SQLite)")
        results = simulate_users(port, args.users, args.think, args.duration, args.services)
        base = percentile(results["baseline"]["times"], 0.95)
        print(f"{'page':<10} {'n':>5} {'errors':>6} {'median ms':>10} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'p95/baseline':>13}")
        for kind in (*PAGES, "baseline"):
            times = results[kind]["times"]
            p95 = percentile(times, 0.95)
            print(f"{kind:<10} {len(times):>5} {len(results[kind]['errors']):>6} "
                  f"{statistics.median(times) * 1000:>10.1f} {p95 * 1000:>8.1f} "
                  f"{percentile(times, 0.99) * 1000:>8.1f} {p95 / base:>13.1f}")

        print(f"\n2) highest throughput without errors ({args.burst:g} s per level)")
        best: dict[str, tuple[float, int]] = {}
        for kind in ("baseline", *PAGES):
            for level in (1, 2, 4, 8, 16):
                rate, errors = throughput(port, kind, level, args.burst, args.services)
                print(f"   {kind:<10} {level:>2} connections: {rate:8.1f} req/s, "
                      f"{errors} errors")
                if errors == 0 and rate > best.get(kind, (0.0, 0))[0]:
                    best[kind] = (rate, level)
        print(f"{'page':<10} {'req/s':>8} {'at conns':>9} {'share of baseline':>18}")
        for kind in ("baseline", *PAGES):
            rate, level = best.get(kind, (0.0, 0))
            print(f"{kind:<10} {rate:>8.1f} {level:>9} "
                  f"{rate / best['baseline'][0]:>18.3f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        warnings = [line for line in log_path.read_text().splitlines()
                    if "WARNING" in line or "Error" in line]
        if warnings:
            print(f"\nserver log: {len(warnings)} warning/error lines, e.g. {warnings[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
