"""Peak memory while coding a large WARC: does it stay flat as the file grows?

    make bench-memory     # or: .venv/bin/python benchmarks/memory.py [--bytes 1000000000] [--small ...]

Generates WARC files of news pages (``benchmarks/generate.py``: about 100 kB a page, with request
and metadata records) into a temporary folder, a small one and a large one (1 GB by default), and
runs ``realpolitik ingest FILE --db ...`` on each in a fresh child process, one core. Prints pages,
pages per second and the child's peak resident memory (RSS, from the kernel's rusage). The target is
at most 1.5 GB on the 1 GB file; a peak that grows with the file size means something holds on to
documents.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MB = 1536


def ingest_peak(warc: Path, db: Path) -> tuple[float, float, str]:
    """Run `realpolitik ingest` on one file; return seconds, peak RSS in MB and its summary line."""
    command = [sys.executable, "-c", "from realpolitik.cli import main; main()", "ingest", str(warc),
               "--db", str(db)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env={**os.environ, "COLUMNS": "200"})
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 2):
        raise SystemExit(f"realpolitik ingest {warc} failed with status {child.returncode}")
    rows = [line for line in out.splitlines() if line.strip().startswith("│")]
    return seconds, usage.ru_maxrss / 1024, " ".join(rows[-1].replace("│", " ").split()) if rows else ""


def main() -> None:
    """Generate, ingest, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=1_000_000_000, help="Size of the large WARC.")
    parser.add_argument("--small", type=int, default=100_000_000, help="Size of the small WARC.")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import write_warc

    print("realpolitik ingest on generated WARC files (stored / already stored / rejected / events)")
    peaks = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (args.small, args.bytes):
            warc = Path(folder) / f"news-{size}.warc"
            pages = write_warc(warc, size)
            seconds, peak, summary = ingest_peak(warc, Path(folder) / f"store-{size}.duckdb")
            peaks.append(peak)
            megabytes = warc.stat().st_size / 1e6
            print(f"{megabytes:8,.0f} MB WARC, {pages:6,} pages: {pages / seconds:6.1f} pages/s "
                  f"({seconds:,.0f} s), peak RSS {peak:,.0f} MB   [{summary}]")
            warc.unlink()
    print(f"peak RSS on the large file: {peaks[-1]:,.0f} MB (target <= {TARGET_MB:,} MB); "
          f"large / small: {peaks[-1] / peaks[0]:.2f}x for {args.bytes / args.small:.0f}x the data")


if __name__ == "__main__":
    main()
