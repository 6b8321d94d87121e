"""Dyad briefings (issue #4): what happened between two sides, how ties moved, who reacted, what risks.

- ``build``: ``build_brief(conn, query, rules) -> Brief`` gathers the data from the store.
- ``risks``: user-editable YAML risk rules (``data/risks.yml``) and their matching.
- ``render``: ``render_markdown(brief)`` and ``render_html(brief)``; every claim links to evidence.
- ``chart``: ``render_chart(brief)``, the cooperation-conflict series as PNG bytes (matplotlib).
"""

from realpolitik.briefing.build import Brief, build_brief, summarise_event
from realpolitik.briefing.render import render_html, render_markdown
from realpolitik.briefing.risks import RiskFlag, RiskRule, load_rules, match_rules, parse_rules

__all__ = [
    "Brief",
    "RiskFlag",
    "RiskRule",
    "build_brief",
    "load_rules",
    "match_rules",
    "parse_rules",
    "render_html",
    "render_markdown",
    "summarise_event",
]
