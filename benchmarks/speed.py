"""Throughput of realpolitik against the plain spaCy pipeline, side by side in one run.

    make bench            # or: .venv/bin/python benchmarks/speed.py [CORPUS_DIR ...] [--repeat N]

Both sides code the same documents on one core: the plain pipeline runs every component of the
English model over every document with ``nlp.pipe``; realpolitik runs its whole path (extraction,
actor dictionary, sentence filter, parse of candidate sentences, event coding). The tokenizer alone
is the floor. Prints documents per second and the ratio, for each corpus: by default the shared
sample corpus (dense diplomatic readouts, where most sentences report an event) and the PolNeAR
development articles (ordinary political news).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_CORPORA = [SHARED / "corpus", SHARED / "datasets" / "polnear-attribution" / "dev" / "text"]


def _time(label: str, run, count: int) -> float:
    """Run once to warm up, then time a second run; return docs/s."""
    run()
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    print(f"{label:<42} {rate:9.1f} docs/s   ({elapsed:.2f} s for {count} docs)")
    return rate


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
    print(f"realpolitik / plain spaCy: {ours / plain:.2f}x   (target >= 4x)")
    print(f"realpolitik / tokenizer floor: {ours / floor:.2f}x\n")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=5, help="Copies of the shared corpus to code.")
    args = parser.parse_args()

    import spacy

    from realpolitik.nlp.load import MODEL_NAME
    from realpolitik.pipeline import default_engine

    full = spacy.load(MODEL_NAME)
    engine = default_engine()
    for folder in args.corpora:
        measure(folder, args.repeat if folder.name == "corpus" else 1, full, engine)


if __name__ == "__main__":
    main()
