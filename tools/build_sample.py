"""Build sample/corpus.jsonl from ../shared/corpus (title, URL and date on lines 1-3, then the body).

    python tools/build_sample.py ../shared/corpus
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(corpus: Path) -> None:
    """Write one JSON object per text, with its metadata."""
    out = Path(__file__).resolve().parents[1] / "sample" / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for path in sorted(corpus.glob("[0-9][0-9][0-9].txt")):
            title, url, date, *body = path.read_text(encoding="utf-8").split("\n")
            record = {"id": f"corpus-{path.stem}", "title": title.strip(), "url": url.strip(),
                      "date": date.strip(), "source": "shared corpus", "text": "\n".join(body).strip() + "\n"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
