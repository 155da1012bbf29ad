"""ACLED's event and sub-event types (codebook Table 2), with the disorder type of each: a vocabulary only.

Kept apart from :mod:`qantar.acled` (the export) so that the descriptor contract, which only needs the
vocabulary, does not depend on the export and, through it, on the dataset loader.
"""

from __future__ import annotations

POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC = "Political violence", "Demonstrations", "Strategic developments"
# Table 2, in the codebook's order: within an event type the sub-event types run from highest to lowest.
EVENT_TYPES: dict[str, dict[str, str]] = {
    "Battles": {
        s: POLITICAL_VIOLENCE
        for s in ("Government regains territory", "Non-state actor overtakes territory", "Armed clash")
    },
    "Protests": {
        "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
        "Protest with intervention": DEMONSTRATIONS,
        "Peaceful protest": DEMONSTRATIONS,
    },
    "Riots": {"Violent demonstration": DEMONSTRATIONS, "Mob violence": POLITICAL_VIOLENCE},
    "Explosions/Remote violence": {
        s: POLITICAL_VIOLENCE
        for s in (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        )
    },
    "Violence against civilians": {
        s: POLITICAL_VIOLENCE for s in ("Sexual violence", "Attack", "Abduction/forced disappearance")
    },
    "Strategic developments": {
        s: STRATEGIC
        for s in (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        )
    },
}
