"""What dedup costs at ingest, and how its constants were chosen (issue #5, item 3).

    .venv/bin/python benchmarks/dedup.py              # overhead per document, side by side
    .venv/bin/python benchmarks/dedup.py --calibrate  # shingle size, threshold, permutations
    .venv/bin/python benchmarks/dedup.py --memory     # peak RSS of `ingest` on hostile files

Both use the 84 PolNeAR development articles (``../shared/datasets/polnear-attribution/dev/text``,
political news) and a syndicated variant of each made here: a new headline, a byline, an agency
footer, two sentences reworded, one dropped and the last tenth cut.

The overhead run codes the 168 documents once, then saves them into two fresh stores on disk,
timed side by side: the save path with dedup (fingerprints, the LSH lookups in DuckDB, copies and
counts) and the same rows inserted without it (what the store did before dedup). It repeats the
dedup save into a store that already indexes ``--indexed`` other documents, so the lookup runs
against a large band table.

The memory run measures the peak RSS of real `realpolitik ingest` processes side by side: on a
one-line file, on a gzip bomb (2.1 GB of NUL bytes in 16 MB gzip members, a few MB on disk), and on
2.5 GB sparse .txt and .jsonl files.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from realpolitik.extract.dedup import HASHFUNC, band_keys, fingerprint, shingles, signature_bytes
from realpolitik.models import RawDocument
from realpolitik.pipeline import default_engine, process
from realpolitik.store import Store, parquet
from realpolitik.store.dedup import BAND_SCHEMA, SIGNATURE_SCHEMA
from realpolitik.store.migrations import transaction

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "datasets" / "polnear-attribution" / "dev" / "text"
SENTENCE = re.compile(r"(?<=[.!?])\s+")
REWORD = {"said": "stated", "says": "states", "the": "this", "would": "will",
          "government": "administration", "people": "citizens"}


def syndicate(text: str, rng: random.Random) -> str:
    """A wire service's re-run of a story (see the module docstring)."""
    sentences = SENTENCE.split(text.strip())
    if len(sentences) > 6:
        del sentences[rng.randrange(1, len(sentences) - 1)]
    for _ in range(2):
        i = rng.randrange(len(sentences))
        words = sentences[i].split()
        sentences[i] = " ".join(REWORD.get(w, w) for w in words[:-3]) + " " + " ".join(reversed(words[-3:]))
    sentences = sentences[:max(3, int(len(sentences) * 0.9))]
    return ("Syndicated: a new headline for the story\nBy Jane Doe, Wire Service\n\n" + " ".join(sentences)
            + "\n\nCopyright Wire Service. All rights reserved. This material may not be published, "
              "broadcast, rewritten or redistributed.")


def corpus() -> tuple[list[str], list[str]]:
    """The articles and their variants."""
    if not NEWS.is_dir():
        sys.exit(f"{NEWS} is missing: the benchmark needs ../shared/datasets.")
    texts = [p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.txt"))]
    rng = random.Random(5)
    return texts, [syndicate(t, rng) for t in texts]


def jaccard(a: set, b: set) -> float:
    """Exact Jaccard similarity of two sets."""
    return len(a & b) / len(a | b) if a | b else 0.0


def calibrate(texts: list[str], variants: list[str]) -> None:
    """Print the similarity of variants and of different articles per shingle size, then LSH recall."""
    words = [len(t.split()) for t in texts]
    print(f"{len(texts)} articles, {min(words)}-{max(words)} words (median {statistics.median(words)})")
    print("\nexact Jaccard of word shingles")
    print(f"{'words':>5}  {'variant min':>11}  {'variant median':>14}  {'different max':>13}")
    for size in (2, 3, 4, 5, 7, 9):
        own = [shingles(t, size) for t in texts]
        copies = [shingles(v, size) for v in variants]
        same = [jaccard(own[i], copies[i]) for i in range(len(texts))]
        apart = [jaccard(a, b) for a, b in combinations(own, 2)]
        print(f"{size:>5}  {min(same):>11.3f}  {statistics.median(same):>14.3f}  {max(apart):>13.3f}")
    print("\nMinHash LSH over 5-word shingles: variants found, different articles matched")
    for threshold in (0.3, 0.4, 0.5):
        for perms in (64, 128, 256):
            lsh = MinHashLSH(threshold=threshold, num_perm=perms)
            hashes = []
            for i, text in enumerate(texts):
                m = MinHash(num_perm=perms, hashfunc=HASHFUNC)
                m.update_batch(sorted(shingles(text, 5)))
                lsh.insert(i, m)
                hashes.append(m)
            found = wrong = 0
            for i, variant in enumerate(variants):
                m = MinHash(num_perm=perms, hashfunc=HASHFUNC)
                m.update_batch(sorted(shingles(variant, 5)))
                matches = [c for c in lsh.query(m) if m.jaccard(hashes[c]) >= threshold]
                found += i in matches
                wrong += sum(c != i for c in matches)
            print(f"threshold {threshold}  {perms:>3} permutations  {lsh.b:>2} bands x {lsh.r} rows: "
                  f"{found}/{len(texts)} found, {wrong} wrong")


def plain_save(store: Store, docs) -> None:
    """The rows inserted as the store did before dedup: no fingerprints, copies or counts."""
    now = datetime.now()
    with transaction(store.conn):
        for table, data in parquet.document_tables(docs, now).items():
            parquet.insert_arrow(store.conn, table, data)


def fill_index(store: Store, count: int) -> None:
    """Index ``count`` random signatures, as a store of that many other documents holds them."""
    rng = np.random.default_rng(7)
    signatures = rng.integers(0, 2**32, size=(count, 128), dtype=np.uint64).astype(np.uint32)
    ids = [f"other-{i}" for i in range(count)]
    sig_rows = [{"doc_id": i, "signature": signature_bytes(s)} for i, s in zip(ids, signatures, strict=True)]
    band_rows = [{"band": b, "bucket": k, "doc_id": i} for i, s in zip(ids, signatures, strict=True)
                 for b, k in enumerate(band_keys(s))]
    with transaction(store.conn):
        parquet.insert_arrow(store.conn, "document_signatures",
                             pa.Table.from_pylist(sig_rows, SIGNATURE_SCHEMA))
        store.conn.register("_bands", pa.Table.from_pylist(band_rows, BAND_SCHEMA))
        store.conn.execute("INSERT INTO minhash_bands SELECT * FROM _bands")
        store.conn.unregister("_bands")


def timed(action) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def overhead(texts: list[str], variants: list[str], indexed: int, repeats: int = 3) -> None:
    """Print coding, plain saving and dedup saving per document, side by side (best of ``repeats``,
    the three saves taking turns, each into a fresh store)."""
    # Variants carry the same date as their article, so only dedup tells them apart.
    raws = [RawDocument(origin=f"a{i}", content=t, date="2016-10-01") for i, t in enumerate(texts)]
    raws += [RawDocument(origin=f"v{i}", content=v, date="2016-10-01", source="wire")
             for i, v in enumerate(variants)]
    engine = default_engine()
    list(process(raws[:4], engine))  # warm up
    start = time.perf_counter()
    docs = list(process(raws, engine))
    coding = (time.perf_counter() - start) / len(docs)
    prints = min(timed(lambda: [fingerprint(d.text) for d in docs]) for _ in range(repeats)) / len(docs)
    found: dict[str, int] = {}

    def save_in_two_runs(store: Store, name: str) -> None:
        # the articles, then their variants: the copies are found through the stored index
        store.save_many(docs[:len(texts)])
        found[name] = store.save_many(docs[len(texts):]).near_duplicates

    times: dict[str, list[float]] = {"plain": [], "empty": [], "indexed": []}
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "indexed.duckdb"
        with Store.open(template) as big:
            fill_index(big, indexed)
            bands = big.conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
            big.conn.execute("CHECKPOINT")
        for run in range(repeats):
            shutil.copy(template, Path(folder) / f"big{run}.duckdb")
            with Store.open(Path(folder) / f"plain{run}.duckdb") as plain, \
                    Store.open(Path(folder) / f"empty{run}.duckdb") as empty, \
                    Store.open(Path(folder) / f"big{run}.duckdb") as big:
                times["plain"].append(timed(lambda: plain_save(plain, docs)))
                times["empty"].append(timed(lambda: save_in_two_runs(empty, "empty")))
                times["indexed"].append(timed(lambda: save_in_two_runs(big, "indexed")))
    base, with_dedup, with_big = (min(times[k]) / len(docs) for k in ("plain", "empty", "indexed"))
    ms = 1000
    print(f"{len(docs)} documents ({len(texts)} articles and a syndicated variant of each), one core, "
          f"best of {repeats}:")
    print(f"  coding (realpolitik pipeline)                 {coding * ms:8.2f} ms/doc")
    print(f"  save without dedup                            {base * ms:8.2f} ms/doc")
    print(f"  save with dedup, empty store                  {with_dedup * ms:8.2f} ms/doc  "
          f"(fingerprints alone {prints * ms:.2f})")
    print(f"  save with dedup, {indexed:,} documents indexed    {with_big * ms:8.2f} ms/doc  "
          f"({bands:,} band rows)")
    extra = with_big - base
    print(f"  dedup overhead: {extra * ms:.2f} ms/doc = {extra / (coding + base):.1%} of coding and saving")
    print(f"  near copies found: {found['empty']}/{len(variants)} (empty store), "
          f"{found['indexed']}/{len(variants)} ({indexed:,} indexed)")
    print(f"  peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def peak_rss_mb(*args: object) -> int:
    """Peak RSS in MB of one `realpolitik` run, measured by a wrapper process."""
    command = [sys.executable, "-c", PEAK_RSS, str(Path(sys.executable).with_name("realpolitik"))]
    done = subprocess.run([*command, *map(str, args)], capture_output=True, text=True, check=True)
    return int(done.stdout)


def memory() -> None:
    """Print the peak RSS of `ingest` on a small file, a gzip bomb and huge files."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        small = root / "small.jsonl"
        small.write_text("{not json\n", encoding="utf-8")
        bomb = root / "bomb.jsonl.gz"
        member = gzip.compress(bytes(16 << 20), compresslevel=9)
        bomb.write_bytes(member * int(2.1 * 1024 / 16))
        cases = [("one-line file", small), (f"gzip bomb, {bomb.stat().st_size / 1e6:.1f} MB on disk, "
                                            "2.1 GB inside", bomb)]
        for suffix in ("txt", "jsonl"):
            huge = root / f"huge.{suffix}"
            with huge.open("wb") as handle:
                handle.truncate(5 << 29)
            cases.append((f"2.5 GB .{suffix}", huge))
        db = root / "m.duckdb"
        for name, path in cases:
            start = time.perf_counter()
            rss = peak_rss_mb("ingest", path, "--db", db, "--quiet")
            print(f"  {name:<45} peak RSS {rss:>5} MB  ({time.perf_counter() - start:.1f} s)")


def main() -> None:
    """Run the calibration or the overhead measurement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calibrate", action="store_true", help="print the calibration tables")
    parser.add_argument("--memory", action="store_true", help="peak RSS of ingest on hostile files")
    parser.add_argument("--indexed", type=int, default=20_000, help="documents already indexed")
    args = parser.parse_args()
    if args.memory:
        memory()
        return
    texts, variants = corpus()
    if args.calibrate:
        calibrate(texts, variants)
    else:
        overhead(texts, variants, args.indexed)


if __name__ == "__main__":
    main()
