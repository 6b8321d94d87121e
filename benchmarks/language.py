"""Cost of language identification per document, measured side by side in one run.

Prints, for the English texts of ../shared/corpus and the PolNeAR development articles: the
function-word check alone, the full ``identify_language`` (fast path plus model when in doubt), and
the model forced on every text (its first 2,000 characters); plus the model's one-off load time.
Run: ``.venv/bin/python benchmarks/language.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from realpolitik.extract import language

SHARED = Path(__file__).resolve().parents[2] / "shared"
FOLDERS = [SHARED / "corpus", SHARED / "datasets" / "polnear-attribution" / "dev" / "text"]
ROUNDS = 5


def _texts() -> list[str]:
    """Every text file of the folders."""
    return [p.read_text(encoding="utf-8", errors="replace") for folder in FOLDERS if folder.is_dir()
            for p in sorted(folder.iterdir()) if p.is_file()]


def _per_doc_ms(func, texts: list[str]) -> float:
    """Mean milliseconds per text over ROUNDS passes."""
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            func(text)
    return (time.perf_counter() - started) * 1000 / (ROUNDS * len(texts))


def main() -> None:
    """Print the table."""
    texts = _texts()
    started = time.perf_counter()
    model = language._identifier()
    load = time.perf_counter() - started
    sample = language.MODEL_SAMPLE_CHARS
    rows = [
        ("function words only", _per_doc_ms(language.english_share, texts)),
        ("identify_language (as ingest runs it)", _per_doc_ms(language.identify_language, texts)),
        ("model on every text", _per_doc_ms(lambda t: model.classify(t[:sample]), texts)),
    ]
    asked = sum(language.identify_language(t).method == "model" for t in texts)
    print(f"{len(texts)} English texts; the model was asked for {asked}; model load {load:.2f} s (once)")
    for name, ms in rows:
        print(f"{name:<40} {ms:7.3f} ms/doc")


if __name__ == "__main__":
    main()
