"""Wire-story datelines ("GAZA CITY, Palestinian Territories:", "KHARTOUM, March 16 (Xinhua) --").

A dateline says where the reporter filed from, not who acted: its place names are no actors.
"""

from __future__ import annotations

import re

# At the start of the text: an upper-case place, an optional ", region or date", an optional
# "(agency)", then a colon or a dash; or a place in title case that an "(agency)" follows.
DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,[^\n:()—–]{1,40}?)?(?:\s*\([^()\n]{1,40}\))?"
    r"|[A-Z][\w.'’ -]{1,30}(?:,[^\n:()—–]{1,30}?)?\s*\([A-Z][\w .-]{1,30}\))\s*(?::|--?|—|–)\s")


def dateline_end(text: str) -> int:
    """Where the text's dateline ends (0: it has none)."""
    match = DATELINE.match(text)
    return match.end() if match else 0
