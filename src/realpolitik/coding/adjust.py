"""How the CAMEO code of an act changes when it is intended, threatened or refused.

PLOVER codes future-tense cooperation as AGREE and announced force as THREATEN; CAMEO codes a refusal
to meet as 125 "reject proposal to meet". These tables turn the code of the act into the code of the
intention, threat or refusal.
"""

from __future__ import annotations

REJECTION_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# Future acts as intentions (see intent_code); 03 and 13 are intentions already.
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "15": "138", "16": "131",
                  "17": "130", "18": "138", "19": "138", "20": "138", "10": "100", "11": "110", "12": "120",
                  "14": "133"}


# Acts whose intention has a CAMEO subcode of its own (the 03 subcodes mirror 06-08), by code prefix.
INTENT_BY_PREFIX = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}


def intent_code(code: str) -> str:
    """The CAMEO code of intending an act: promised cooperation is AGREE (03), a planned attack a
    THREATEN (13), as the PLOVER manual codes future-tense reports."""
    root = code[:2]
    if code[:3] in INTENT_BY_PREFIX:
        return INTENT_BY_PREFIX[code[:3]]
    if root in INTENT_BY_ROOT:
        return INTENT_BY_ROOT[root]
    return code


def threat_code(code: str) -> str:
    """The CAMEO 13 code for threatening an act of the given code."""
    root = code[:2]
    if root == "13":
        return code
    if code == "163":
        return "1312"
    if root == "16":
        return "131"
    if root in ("18", "19", "20"):
        return "138"
    return "130"


def rejection_code(code: str) -> str:
    """The CAMEO 12 code for refusing an act of the given code."""
    return REJECTION_BY_ROOT.get(code[:2], code)


def request_code(code: str, act: str) -> str:
    """The code of an appeal (02) or demand (10) for an act: CAMEO gives both the subcodes of the
    intentions (03), so "urged Russia to withdraw" is 0256 as "Russia promised to withdraw" is 0356.
    Acts with no cooperative intention (force, threats) keep the plain request code."""
    intent = intent_code(act)
    if intent[:2] != "03" or len(intent) < 3 or intent == "030":
        return code
    return code[:2] + intent[2:]
