"""Throughput and memory of realpolitik against the plain spaCy pipeline, side by side in one run.

    make bench            # or: .venv/bin/python benchmarks/speed.py [CORPUS_DIR ...] [--docs N] [--rounds R]

Part 1, on the same generated news documents (``benchmarks/generate.py``, written once to a
temporary JSON-lines file): the spaCy tokenizer alone (the floor), the plain spaCy pipeline with
every component over every document, realpolitik end to end on one core (reading, extraction,
actor dictionary, sentence filter, parse of candidate sentences, event coding), and realpolitik on
a Dask LocalCluster of 1 and of 2 worker processes (one thread each). Each run is a fresh child
process, so its peak resident memory (RSS, from the kernel's rusage) is its own; for Dask the
workers' peaks are added to the client's, and the CPU counted is the client's (with the
scheduler's, which runs in it), the workers' and their nannies'. Timings leave out loading the
model (and starting the cluster) and are taken after a warm-up. The compared runs repeat in rounds,
and each ratio is the median of the ratios taken within a round.

Part 2, as before: the same one-core comparison on real corpora, by default the shared sample
corpus (dense diplomatic readouts, where most sentences report an event) and the PolNeAR
development articles (ordinary political news).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
DEFAULT_CORPORA = [SHARED / "corpus", SHARED / "datasets" / "polnear-attribution" / "dev" / "text"]
# 1,200 documents give the Dask runs 19 tasks of 64 and 8-17 s of work: with 600 (10 tasks, 5 s on
# two workers) the last task's tail was a tenth of the time (2 workers / 1 read 1.69x where runs of
# 1,800 documents read 1.75-2.07x). Three rounds of 1,200 take about five minutes.
GENERATED_DOCS = 1200
ROUNDS = 3
WARMUP = 20  # documents coded before timing, so lazy set-up is not counted


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(args: list[str]) -> tuple[dict, float]:
    """Run a Python child; return the JSON it prints last and its own peak RSS in MB."""
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"benchmark child {args} failed with status {child.returncode}")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


# -- child runs: one measurement each -----------------------------------------------------------------


def _texts(path: Path) -> list[str]:
    """The texts of a JSON-lines file."""
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def _timed(run) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time this process has used (user + system, all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measured(run) -> dict:
    """Wall and CPU seconds of one call."""
    cpu = cpu_seconds()
    seconds = _timed(run)
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu}


def child_spacy(mode: str, path: Path) -> dict:
    """The tokenizer alone or the whole plain pipeline over every document."""
    import spacy

    from realpolitik.nlp.load import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    texts = _texts(path)
    if mode == "tokenizer":
        run = lambda docs: [nlp.make_doc(t) for t in docs]  # noqa: E731
    else:
        run = lambda docs: list(nlp.pipe(docs, batch_size=64))  # noqa: E731
    run(texts[:WARMUP])
    return {"docs": len(texts), **_measured(lambda: run(texts))}


def child_realpolitik(path: Path) -> dict:
    """realpolitik end to end in this process, reading the file as `code` does."""
    from realpolitik.api import code_paths
    from realpolitik.ingest.files import iter_inputs
    from realpolitik.pipeline import default_engine, process

    engine = default_engine()
    list(process(islice(iter_inputs([str(path)]), WARMUP), engine))
    count = 0

    def run():
        nonlocal count
        count = sum(1 for _ in code_paths([str(path)], engine=engine))

    measured = _measured(run)
    return {"docs": count, **measured}


def _warm_worker(texts: list[str]) -> int:
    """Load the engine in a worker and code a few documents there (sent by value: this is __main__)."""
    from realpolitik.distributed import worker_engine
    from realpolitik.ingest.files import ReadLimits
    from realpolitik.models import RawDocument
    from realpolitik.pipeline import process

    engine = worker_engine(ReadLimits().max_bytes)
    raws = [RawDocument(origin=f"warm{i}", content=text) for i, text in enumerate(texts)]
    return len(list(process(raws, engine)))


def _cluster_cpu(client) -> float:
    """CPU seconds used so far by the workers and by the nannies that watch them."""
    return sum(client.run(cpu_seconds).values()) + sum(client.run(cpu_seconds, nanny=True).values())


def child_dask(workers: int, path: Path) -> dict:
    """realpolitik on a LocalCluster of ``workers`` processes, through the scheduler address."""
    from distributed import Client

    from realpolitik.distributed import (
        DEFAULT_PARTITION_SIZE,
        ClusterOptions,
        ReadOptions,
        code_paths_distributed,
        start_local_cluster,
    )
    from realpolitik.ingest.files import Metadata, ReadLimits

    read = ReadOptions(Metadata(), ReadLimits())
    started = time.perf_counter()
    with start_local_cluster(workers, silence_logs=40) as cluster, Client(cluster) as client:
        client.run(_warm_worker, _texts(path)[:WARMUP])  # load the model on every worker and warm it
        startup = time.perf_counter() - started
        options = ClusterOptions(scheduler=cluster.scheduler_address, partition_size=DEFAULT_PARTITION_SIZE)
        with tempfile.TemporaryDirectory() as staging:
            count = 0

            def run():
                nonlocal count
                count = sum(1 for _ in code_paths_distributed([str(path)], read, options, Path(staging)))

            before = _cluster_cpu(client)
            measured = _measured(run)
            measured["client_cpu"] = measured["cpu"]  # the client's, with the scheduler's (in-process)
            measured["cpu"] += _cluster_cpu(client) - before
        workers_rss = list(client.run(peak_rss_mb).values())
    return {"docs": count, **measured, "startup": startup, "workers_rss": workers_rss}


def child_main(mode: str, path: Path) -> None:
    """Run one measurement and print it as JSON."""
    if mode in ("tokenizer", "plain"):
        result = child_spacy(mode, path)
    elif mode == "realpolitik":
        result = child_realpolitik(path)
    else:
        result = child_dask(int(mode.removeprefix("dask")), path)
    print(json.dumps(result))


# -- part 1: generated documents --------------------------------------------------------------------


LABELS = {
    "tokenizer": "spaCy tokenizer alone (floor)",
    "plain": "plain spaCy pipeline (all components)",
    "realpolitik": "realpolitik code, one core",
    "dask1": "realpolitik on Dask, 1 worker",
    "dask2": "realpolitik on Dask, 2 workers",
}


def _line(label: str, result: dict, rss: float) -> str:
    """One printed row: wall and CPU throughput, time, peak memory (workers' added for Dask)."""
    workers = result.get("workers_rss", [])
    memory = f"peak RSS {rss + sum(workers):,.0f} MB"
    if workers:
        memory += f" (client {rss:.0f} + workers {' + '.join(f'{w:.0f}' for w in workers)})"
    startup = f"; cluster start and model load {result['startup']:.1f} s" if "startup" in result else ""
    if "client_cpu" in result:
        startup += f"; client {result['client_cpu'] * 1000 / result['docs']:.1f} CPU-ms/doc"
    return (f"{label:<38} {result['docs'] / result['seconds']:8.1f} docs/s "
            f"{result['docs'] / max(result['cpu'], 1e-6):8.1f} docs/CPU-s  "
            f"({result['seconds']:.2f} s for {result['docs']} docs{startup})  {memory}")


def generated(count: int, rounds: int) -> None:
    """Measure every mode on the same generated documents and print the table and ratios.

    The compared runs go in rounds (plain spaCy, realpolitik, Dask 1, Dask 2, again and again), and
    each ratio is taken within a round and reported as the median over the rounds: a shared machine's
    speed drifts by a third over minutes, which one run of each cannot tell from a real difference.
    """
    sys.path.insert(0, str(HERE))
    from generate import write_jsonl

    speed: dict[str, list[float]] = {mode: [] for mode in LABELS}
    cpu_speed: dict[str, list[float]] = {mode: [] for mode in LABELS}
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(Path(folder) / "generated.jsonl", count)
        print(f"generated news documents: {count} ({path.stat().st_size:,} bytes of JSON lines), "
              f"the same file for every run, {rounds} rounds; wall-clock and CPU throughput")
        for round_number in range(1, rounds + 1):
            for mode, label in LABELS.items():
                if mode == "tokenizer" and round_number > 1:
                    continue  # the floor is a reference, not part of a ratio
                result, rss = run_child([__file__, "--child", mode, str(path)])
                speed[mode].append(result["docs"] / result["seconds"])
                cpu_speed[mode].append(result["docs"] / max(result["cpu"], 1e-6))
                print(f"[{round_number}] " + _line(label, result, rss))
    per_core = [ours / plain for ours, plain in zip(speed["realpolitik"], speed["plain"], strict=True)]
    per_cpu = [ours / plain for ours, plain in zip(cpu_speed["realpolitik"], cpu_speed["plain"], strict=True)]
    dask = [two / one for two, one in zip(speed["dask2"], speed["dask1"], strict=True)]
    print(f"realpolitik / plain spaCy, per core: {_rounds(per_core)} wall-clock, {_rounds(per_cpu)} CPU   "
          "(target >= 4x)")
    floor = statistics.median(speed["realpolitik"]) / speed["tokenizer"][0]
    print(f"realpolitik / tokenizer floor: {floor:.2f}x")
    print(f"Dask 2 workers / 1 worker: {_rounds(dask)}   (target >= 1.7x; {os.cpu_count()} cores on this "
          f"machine, load average {os.getloadavg()[0]:.1f} at the end)\n")


def _rounds(ratios: list[float]) -> str:
    """The median ratio and each round's, as printed."""
    return f"{statistics.median(ratios):.2f}x median (rounds: {', '.join(f'{r:.2f}x' for r in ratios)})"


# -- part 2: real corpora, in this process ----------------------------------------------------------


def _time(label: str, run, count: int) -> tuple[float, float]:
    """Run once to warm up, then time a second run; return docs per wall-clock and per CPU second."""
    run()
    measured = _measured(run)
    rate, cpu_rate = count / measured["seconds"], count / max(measured["cpu"], 1e-6)
    print(f"{label:<42} {rate:8.1f} docs/s {cpu_rate:8.1f} docs/CPU-s  "
          f"({measured['seconds']:.2f} s for {count} docs)")
    return rate, cpu_rate


def measure(folder: Path, repeat: int, full, engine) -> None:
    """Time the three runs on one corpus and print them side by side."""
    from realpolitik.models import RawDocument
    from realpolitik.pipeline import process

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] * repeat
    if not texts:
        print(f"no .txt files in {folder}; skipped\n")
        return
    raws = [RawDocument(origin=f"doc{i}", content=t) for i, t in enumerate(texts)]
    print(f"{folder}: {len(texts)} documents ({sum(map(len, texts)):,} characters), one core")
    floor = _time("spaCy tokenizer alone (floor)", lambda: [full.make_doc(t) for t in texts], len(texts))
    plain = _time("plain spaCy pipeline (all components)", lambda: list(full.pipe(texts, batch_size=64)),
                  len(texts))
    ours = _time("realpolitik code (end to end)", lambda: list(process(raws, engine)), len(texts))
    print(f"realpolitik / plain spaCy: {ours[0] / plain[0]:.2f}x wall-clock, {ours[1] / plain[1]:.2f}x CPU "
          "  (target >= 4x)")
    print(f"realpolitik / tokenizer floor: {ours[0] / floor[0]:.2f}x\n")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=5, help="Copies of the shared corpus to code.")
    parser.add_argument("--docs", type=int, default=GENERATED_DOCS, help="Generated documents for part 1.")
    parser.add_argument("--skip-generated", action="store_true", help="Only the real corpora (part 2).")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="Rounds of the compared runs in part 1.")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child[0], Path(args.child[1]))
        return
    if not args.skip_generated:
        generated(args.docs, args.rounds)

    import spacy

    from realpolitik.nlp.load import MODEL_NAME
    from realpolitik.pipeline import default_engine

    full = spacy.load(MODEL_NAME)
    engine = default_engine()
    for folder in args.corpora:
        measure(folder, args.repeat if folder.name == "corpus" else 1, full, engine)


if __name__ == "__main__":
    main()
