"""The quality gate: every pinned figure must stay at or above its floor.

    .venv/bin/python tests/gold/eval_gate.py [--data-dir ../shared/datasets]

Floors live in tests/gold/floors.json. They only go up: a commit that lowers one must say why in its
message, on a line starting `floor-lowered:` (checked against the previous commit's floors). Run by
`make gate` and by .ci/run after the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

FLOORS = Path(__file__).resolve().parent / "floors.json"
REPO = FLOORS.parents[2]
REASON_PREFIX = "floor-lowered:"


def lowered_floors(current: dict, previous: dict) -> list[str]:
    """Floors that are lower now than in the previous commit (or gone)."""
    lowered = []
    for dataset, metrics in previous.items():
        for name, floor in metrics.items():
            now = current.get(dataset, {}).get(name)
            if now is None or now < floor:
                lowered.append(f"{dataset}.{name}: {floor} -> {now}")
    return lowered


def _git(*args: str) -> str | None:
    """Output of a git command in the repository, or None if it fails."""
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def check_lowering(current: dict) -> list[str]:
    """Problems with floors lowered without a stated reason."""
    previous_text = _git("show", "HEAD~1:tests/gold/floors.json")
    if previous_text is None:
        return []
    lowered = lowered_floors(current, json.loads(previous_text))
    message = _git("log", "-1", "--format=%B") or ""
    if lowered and not any(line.startswith(REASON_PREFIX) for line in message.splitlines()):
        return [f"floor lowered without a '{REASON_PREFIX} <reason>' line in the commit message: {item}"
                for item in lowered]
    return []


def main() -> int:
    """Evaluate every dataset with a floor and compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    from realpolitik.evaluation import evaluate

    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    problems = check_lowering(floors)
    for dataset, metrics in floors.items():
        result = evaluate(dataset, args.data_dir)
        for name, floor in metrics.items():
            value = result.metric(name).value
            verdict = "ok" if value >= floor else "BELOW FLOOR"
            print(f"{dataset:<14} {name:<28} {value:.4f}  floor {floor:.4f}  {verdict}")
            if value < floor:
                problems.append(f"{dataset}.{name} = {value:.4f} is below its floor {floor:.4f}")
    for problem in problems:
        print(f"gate: {problem}", file=sys.stderr)
    print("quality gate:", "failed" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
