"""Save docs/dashboard.png: code the sample data, serve the dashboard, photograph it with Chromium.

    .venv/bin/python tools/screenshot.py [--db out/screenshot.duckdb] [--out docs/dashboard.png]

Codes ``sample/putin-india-visit.txt`` (dated 2025-12-05) and ``sample/corpus.jsonl`` into a fresh
store, serves it on 127.0.0.1 with ``realpolitik.api.background.serve_in_thread``, opens
/dashboard#IND-RUS in Debian's Chromium (``make chromium`` installs it) through Playwright, clicks
the first event so its evidence is highlighted in the article, and saves a full-page PNG.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from realpolitik.api import InputOptions, code_paths
from realpolitik.api.app import ApiSettings, create_app
from realpolitik.api.background import serve_in_thread
from realpolitik.store.db import Store

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
DYAD = "IND-USA"  # the sample dyad with the longest record: twelve years of events
COLOURS = 256  # a flat UI needs few colours: a palette PNG keeps the picture under 300 KB


def code_sample(db: Path) -> None:
    """Code the seed article and the sample corpus into a new store at ``db``."""
    db.parent.mkdir(parents=True, exist_ok=True)
    for path in (db, Path(f"{db}.wal")):
        path.unlink(missing_ok=True)
    seed = REPO / "sample" / "putin-india-visit.txt"
    with Store.open(db) as store:
        store.save_many(code_paths([str(seed)], InputOptions(date="2025-12-05", title="Putin in Delhi")))
        store.save_many(code_paths([str(REPO / "sample" / "corpus.jsonl")]))


def photograph(base_url: str, out: Path) -> None:
    """Open the dashboard on ``DYAD``, select its first event and save a full-page screenshot."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{base_url}/dashboard#{DYAD}")
            page.wait_for_selector(f'body[data-dyad-ready="{DYAD}"]')
            page.click("#events-table tbody tr:nth-child(2)")
            page.wait_for_selector("#article mark.evidence")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
        finally:
            browser.close()


def shrink(png: Path) -> None:
    """Rewrite ``png`` as an optimised palette image (the README's picture must stay small)."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    small.save(png, optimize=True)


def main() -> None:
    """Parse the options, code the sample, serve it and take the picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "out" / "screenshot.duckdb")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "dashboard.png")
    args = parser.parse_args()
    code_sample(args.db)
    with serve_in_thread(create_app(ApiSettings(db=args.db, token=None))) as base_url:
        photograph(base_url, args.out)
    shrink(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
