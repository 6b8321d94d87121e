"""Analytics over the event store (issue #4): ``(conn, params) -> pyarrow.Table`` functions.

- ``queries``: ``dyad_series``, ``dyad_types``, ``dyad_sectors`` over a ``DyadQuery``.
- ``shifts``: ``detect_shifts`` flags breaks in a series (pure Python).
- ``reactions``: third parties acting toward either side of a dyad soon after its events.
- ``network``: ``actor_network``, the weighted, directed who-acts-toward-whom edges.

Asserted events are kept apart from hedged, future, hypothetical and negated ones in every figure.
"""

from realpolitik.analytics.network import actor_network
from realpolitik.analytics.queries import PERIODS, DyadQuery, dyad_sectors, dyad_series, dyad_types
from realpolitik.analytics.reactions import reactions
from realpolitik.analytics.shifts import Shift, detect_shifts

__all__ = [
    "DyadQuery",
    "PERIODS",
    "Shift",
    "actor_network",
    "detect_shifts",
    "dyad_sectors",
    "dyad_series",
    "dyad_types",
    "reactions",
]
