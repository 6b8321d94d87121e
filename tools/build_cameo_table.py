"""Build src/realpolitik/data/cameo.csv from the public CAMEO codebook and the CAMEO->PLOVER table.

Facts only are carried over: each code, its short name, its Goldstein weight and its PLOVER type and
mode. Run from the repository root with ../shared beside it:

    python tools/build_cameo_table.py ../shared/datasets
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

# CAMEO 01 (statements) and 02 (appeals) have no PLOVER line in the 2021 table; PLOVER folds appeals
# into REQUEST and keeps only statements that carry a stance. These choices are ours.
OUR_PLOVER = {
    "01": ("SUPPORT", ""), "010": ("SUPPORT", ""), "011": ("REJECT", ""), "012": ("ACCUSE", "disapprove"),
    "013": ("SUPPORT", ""), "014": ("SUPPORT", ""), "015": ("SUPPORT", ""), "016": ("REJECT", ""),
    "017": ("SUPPORT", ""), "018": ("SUPPORT", ""), "019": ("SUPPORT", ""),
    # "Impose embargo, boycott, or sanctions": the 2021 table says COERCE, but the PLOVER manual's
    # SANCTION section codes international sanctions as SANCTION 'discontinue'; we follow the manual.
    "163": ("SANCTION", "discontinue"),
}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*)")


def read_plover_map(path: Path) -> dict[str, tuple[str, str]]:
    """Read `code: TYPE, mode, context # note` lines into code -> (type, mode)."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line.strip())
        if match:
            code, kind, mode = match.groups()
            table.setdefault(code, (kind, mode.strip()))
    return table


def plover_for(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """Return the PLOVER type and mode of a code, falling back to its parent codes."""
    if code in OUR_PLOVER:
        return OUR_PLOVER[code]
    for candidate in (code, code[:3], code[:2] + "0", code[:2]):
        if candidate in table:
            return table[candidate]
    if code[:2] in ("18", "19", "20"):
        return ("ASSAULT", "")
    if code.startswith("02"):
        return ("REQUEST", "")
    raise SystemExit(f"no PLOVER type for CAMEO {code}")


def main(datasets: Path) -> None:
    """Write the table."""
    plover = read_plover_map(datasets / "plover-gsr-cameo" / "CAMEO2PLOVER-2021.txt")
    rows = csv.DictReader((datasets / "cameo-codebook" / "cameo-codes.utf8.csv").open(encoding="utf-8"))
    out = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "cameo.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "goldstein", "plover", "mode"])
        for row in rows:
            code = row["code"].strip()
            kind, mode = plover_for(code, plover)
            writer.writerow([code, row["name"].strip(), float(row["goldstein"]), kind, mode])
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"))
