"""Prose is data: the sentences a page states, computed for the run that publishes them.

Every number, date and name in a finding comes from the frames the page's figures draw (and
downloads as CSV), so a page built for 5–10 January can never describe 2 January. Captions say
what a figure shows, for which parameters and by which rule.

One module per page family (overview, maps, casualties, reactions, landing, acled); what they share is in
``common``. Every public name is importable from ``qantar.prose``, as notebooks and tests use it.
"""

from __future__ import annotations

from qantar.prose.overview import (
    undrawn_note,
    timeline_findings,
    timeline_caption,
    coverage_findings,
    coverage_caption,
    disagreement_findings,
    tension_findings,
    timeline_alt,
    coverage_alt,
)
from qantar.prose.maps import (
    map_findings,
    map_caption,
    map_alt,
    MAX_NAMED,
)
from qantar.prose.casualties import (
    casualty_findings,
    toll_findings,
    casualty_caption,
    casualty_alt,
    TOLL_KEYS_PER_PERIOD,
)
from qantar.prose.reactions import (
    reaction_findings,
    network_findings,
    reactions_caption,
    bars_alt,
    reactions_timeline_alt,
    network_alt,
)
from qantar.prose.landing import (
    people_toll_caveat,
    site_intro,
)
from qantar.prose.acled import (
    acled_findings,
    acled_can_conclude,
    acled_cannot_conclude,
    acled_caption,
    acled_alt,
)

__all__ = [
    "MAX_NAMED",
    "TOLL_KEYS_PER_PERIOD",
    "acled_alt",
    "acled_can_conclude",
    "acled_cannot_conclude",
    "acled_caption",
    "acled_findings",
    "bars_alt",
    "casualty_alt",
    "casualty_caption",
    "casualty_findings",
    "coverage_alt",
    "coverage_caption",
    "coverage_findings",
    "disagreement_findings",
    "map_alt",
    "map_caption",
    "map_findings",
    "network_alt",
    "network_findings",
    "people_toll_caveat",
    "reaction_findings",
    "reactions_caption",
    "reactions_timeline_alt",
    "site_intro",
    "tension_findings",
    "timeline_alt",
    "timeline_caption",
    "timeline_findings",
    "toll_findings",
    "undrawn_note",
]
