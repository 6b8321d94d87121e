"""The CAMEO code table with Goldstein weights, QuadClass and PLOVER type and mode.

The table is ``data/cameo.csv``, built by ``tools/build_cameo_table.py`` from the CAMEO 1.1b3 codebook
(Goldstein weights as published with ICEWS/GDELT) and the PLOVER 2021 CAMEO-to-PLOVER table; see
``data/SOURCES.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

ONTOLOGY_VERSION = "cameo-1.1b3+plover-2021"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Roots of cooperation, verbal and material (consult, cooperate diplomatically, materially, give aid, yield).
COOPERATION_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# The same with the intentions to cooperate (03): what a refusal or a negation turns into a rejection.
COOPERATIVE_ROOTS = COOPERATION_ROOTS | {"03"}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code and what it maps to."""

    code: str
    name: str
    goldstein: float
    plover: str
    mode: str | None
    quad_class: int


def quad_class_of(code: str) -> int:
    """Return the QuadClass of a CAMEO code from its root (GDELT's convention)."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Load the CAMEO table once."""
    text = resources.files("realpolitik").joinpath("data/cameo.csv").read_text(encoding="utf-8")
    table = {}
    for row in csv.DictReader(text.splitlines()):
        code = row["code"]
        table[code] = CameoCode(
            code=code, name=row["name"], goldstein=float(row["goldstein"]), plover=row["plover"],
            mode=row["mode"] or None, quad_class=quad_class_of(code),
        )
    return table


def is_cameo_code(code: str) -> bool:
    """Tell whether a string is a known CAMEO event code."""
    return code in cameo_table()


def lookup(code: str) -> CameoCode:
    """Return the entry of a CAMEO code; raises KeyError for unknown codes."""
    return cameo_table()[code]


def plover_of(code: str, modality: str) -> tuple[str, str | None]:
    """PLOVER type and mode of an event: cooperation still to come is AGREE, as the PLOVER manual codes
    "future meetings, summits, state visits" and promised aid, whatever its CAMEO act."""
    entry = lookup(code)
    if modality == "future" and code[:2] in COOPERATION_ROOTS:
        return "AGREE", None
    return entry.plover, entry.mode
