"""Bounded load test of the dyad series endpoint: 50 concurrent requests over 100,000 stored events.

    .venv/bin/python benchmarks/load.py [--events 100000] [--concurrency 50] [--rounds 20]

1. Builds a DuckDB file of synthetic events through the store's own save path (``Store.save_many``):
   documents of 50 events each between 20 states, dated over ten years, one dyad in ten IND-RUS.
2. Serves it with uvicorn on 127.0.0.1 in a process of its own (``realpolitik serve``).
3. Fires ``concurrency`` simultaneous GET /dyads/IND/RUS/series?period=month requests per round
   for ``rounds`` rounds with an httpx async client, and prints p50 and p99 latency and requests/s,
   next to the same query run in-process without HTTP (the floor the server cannot beat).
Nothing is timed in the test suite; this script only reports.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx

from realpolitik.analytics import DyadQuery, dyad_series
from realpolitik.api.background import LOOPBACK, START_TIMEOUT_S, free_port
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store.db import DB_ENV_VAR, Store

STATES = ("IND", "RUS", "USA", "CHN", "PAK", "JPN", "DEU", "FRA", "GBR", "BRA",
          "ZAF", "TUR", "IRN", "ISR", "SAU", "UKR", "KOR", "PRK", "AUS", "NGA")
CODES = (("040", "CONSULT", 1, 1.0), ("057", "AGREE", 1, 8.0), ("061", "COOPERATE", 2, 6.4),
         ("111", "ACCUSE", 3, -2.0), ("163", "SANCTION", 4, -8.0), ("190", "ASSAULT", 4, -10.0))
MODALITIES = ("asserted",) * 6 + ("hedged", "future", "hypothetical", "negated")
EVENTS_PER_DOC = 50
FIRST_DAY = date(2015, 1, 1)
DAYS = 3652
PATH = "/dyads/IND/RUS/series"
PARAMS = {"period": "month"}
SEQUENTIAL = 30  # requests sent one after another, for the latency without queueing


def make_documents(n_events: int, seed: int = 4) -> list[CodedDocument]:
    """Synthetic coded documents holding ``n_events`` events in all (reproducible with ``seed``)."""
    rng = random.Random(seed)
    docs = []
    for d in range(n_events // EVENTS_PER_DOC):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        events = []
        for i in range(EVENTS_PER_DOC):
            a, b = ("IND", "RUS") if rng.random() < 0.1 else rng.sample(STATES, 2)
            cameo, plover, quad, goldstein = rng.choice(CODES)
            sentence = f"Synthetic sentence {i} of document {d}: {a} and {b}."
            events.append(Event(
                event_id=f"load-{d}-{i}", date=day.isoformat(), source=ActorRef(a, a, a, None, a),
                target=ActorRef(b, b, b, None, b), symmetric=False, plover=plover, mode=None,
                cameo=cameo, quad_class=quad, goldstein=goldstein, modality=rng.choice(MODALITIES),
                sectors=("diplomacy",), evidence=Evidence(sentence, 0, len(sentence)), confidence=0.8,
                coder="benchmark.synthetic.v1", sentence_index=i))
        docs.append(CodedDocument(id=f"load-{d}", origin=f"load-{d}.txt", date=day.isoformat(),
                                  text="synthetic", events=tuple(events)))
    return docs


def build_store(path: Path, n_events: int) -> float:
    """Write the synthetic events to a new store at ``path``; return the seconds it took."""
    started = time.perf_counter()
    with Store.open(path) as store:
        summary = store.save_many(make_documents(n_events), batch_size=100)
    assert summary.events == n_events, summary
    return time.perf_counter() - started


def in_process_ms(path: Path, repeat: int = 20) -> float:
    """The median time of the endpoint's query run directly on the store, without HTTP."""
    times = []
    with Store.open(path) as store:
        for _ in range(repeat):
            started = time.perf_counter()
            dyad_series(store.conn, DyadQuery(a="IND", b="RUS", period="month"))
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def fire(base_url: str, concurrency: int, rounds: int) -> tuple[list[float], float]:
    """Send ``rounds`` waves of ``concurrency`` simultaneous requests; return latencies and wall time."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def one() -> float:
            started = time.perf_counter()
            response = await client.get(PATH, params=PARAMS)
            response.raise_for_status()
            return time.perf_counter() - started

        await asyncio.gather(*(one() for _ in range(concurrency)))  # warm-up: connections, caches
        latencies: list[float] = []
        started = time.perf_counter()
        for _ in range(rounds):
            latencies += await asyncio.gather(*(one() for _ in range(concurrency)))
        return latencies, time.perf_counter() - started


@contextmanager
def serve_in_process(path: Path) -> Iterator[str]:
    """Run the API under uvicorn in its own process (so the load generator does not share the
    server's interpreter); yield its base URL once it answers."""
    port = free_port()
    # The app `realpolitik serve` runs, over $REALPOLITIK_DB; keep-alive outlasts a slow round.
    command = [sys.executable, "-m", "uvicorn", "realpolitik.api.app:create_app", "--factory",
               "--host", LOOPBACK, "--port", str(port), "--timeout-keep-alive", "120",
               "--log-level", "warning"]
    log = path.with_suffix(".log").open("w+b")  # a file, not a pipe: a full pipe would block the server
    env = {**os.environ, DB_ENV_VAR: str(path)}
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base_url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                httpx.get(f"{base_url}/openapi.json", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"the server did not start: {log.read().decode()[-2000:]}") from None
                time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    """Build the store, serve it, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.duckdb"
        seconds = build_store(path, args.events)
        print(f"stored {args.events:,} events through Store.save_many in {seconds:.1f} s")
        floor = in_process_ms(path)
        with serve_in_process(path) as base_url:
            alone, _ = asyncio.run(fire(base_url, 1, SEQUENTIAL))
            latencies, wall = asyncio.run(fire(base_url, args.concurrency, args.rounds))
    n = len(latencies)
    load_1m = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load_1m:.1f} after the run (other jobs included)")
    print(f"GET {PATH}?period=month, {args.concurrency} concurrent, {args.rounds} rounds, {n} requests:")
    p50, p99 = (percentile(latencies, share) * 1000 for share in (0.50, 0.99))
    print(f"  p50 {p50:.1f} ms   p99 {p99:.1f} ms"
          f"   {n / wall:.0f} requests/s")
    print(f"  one request at a time: p50 {percentile(alone, 0.50) * 1000:.1f} ms ({SEQUENTIAL} requests)")
    print(f"  the same query in-process, no HTTP: {floor:.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
