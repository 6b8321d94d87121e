"""Throughput of realpolitik against the plain spaCy pipeline, side by side in one run.

    make bench            # or: .venv/bin/python benchmarks/speed.py [CORPUS_DIR] [--repeat N]

Both sides code the same documents on one core: the plain pipeline runs every component of the
English model over every document with ``nlp.pipe``; realpolitik runs its whole path (extraction,
actor dictionary, sentence filter, parse of candidate sentences, event coding). The tokenizer alone
is the floor. Prints documents per second and the ratio.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _time(label: str, run, count: int) -> float:
    """Run once to warm up, then time a second run; return docs/s."""
    run()
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    print(f"{label:<42} {rate:9.1f} docs/s   ({elapsed:.2f} s for {count} docs)")
    return rate


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="Copies of the corpus to code.")
    args = parser.parse_args()

    import spacy

    from realpolitik.models import RawDocument
    from realpolitik.nlp.load import MODEL_NAME
    from realpolitik.pipeline import default_engine, process

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))] * args.repeat
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")
    full = spacy.load(MODEL_NAME)
    engine = default_engine()
    raws = [RawDocument(origin=f"doc{i}", content=t) for i, t in enumerate(texts)]
    print(f"{len(texts)} documents ({sum(map(len, texts)):,} characters) from {args.corpus}, one core\n")
    floor = _time("spaCy tokenizer alone (floor)", lambda: [full.make_doc(t) for t in texts], len(texts))
    plain = _time(f"plain spaCy pipeline ({', '.join(full.pipe_names)})",
                  lambda: list(full.pipe(texts, batch_size=64)), len(texts))
    ours = _time("realpolitik code (end to end)", lambda: list(process(raws, engine)), len(texts))
    print(f"\nrealpolitik / plain spaCy: {ours / plain:.2f}x   (target >= 4x)")
    print(f"realpolitik / tokenizer floor: {ours / floor:.2f}x")


if __name__ == "__main__":
    main()
