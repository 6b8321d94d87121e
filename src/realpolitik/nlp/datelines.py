"""Wire-story datelines ("GAZA CITY, Palestinian Territories:", "KHARTOUM, March 16 (Xinhua) --").

A dateline says where the reporter filed from, not who acted: its place names are no actors.
"""

from __future__ import annotations

import re

# At the start of the text or of the paragraph after a one-line headline: an upper-case place, an
# optional ", region or date", an optional "(agency)", then a colon or a dash; or a place in title
# case that an "(agency)" follows.
DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,[^\n:()—–]{1,40}?)?(?:\s*\([^()\n]{1,40}\))?"
    r"|[A-Z][\w.'’ -]{1,30}(?:,[^\n:()—–]{1,30}?)?\s*\([A-Z][\w .-]{1,30}\))\s*(?::|--?|—|–)\s")


HEADLINE = re.compile(r"[^\n]{1,300}\n[ \t]*\n")  # a first line standing alone


def dateline_span(text: str) -> tuple[int, int]:
    """Where the text's dateline starts and ends: at the text's start or after its headline ((0, 0): none)."""
    headline = HEADLINE.match(text)
    for start in (0, headline.end()) if headline else (0,):
        match = DATELINE.match(text, start)
        if match:
            return match.start(), match.end()
    return 0, 0
