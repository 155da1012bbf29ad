"""CAMEO event codes used by the reactions table, with GDELT's labels (CAMEO.eventcodes.txt).

Only codes the dataset uses or is likely to need are listed; validation rejects any
other code so that a typo cannot slip in as a new category.
"""
from __future__ import annotations

CAMEO: dict[str, str] = {
    "010": "Make statement, not specified below",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Appeal, not specified below",
    "0234": "Appeal for military protection or peacekeeping",
    "0243": "Appeal for rights",
    "0252": "Appeal for easing of popular dissent",
    "0256": "Appeal for de-escalation of military engagement",
    "027": "Appeal to others to settle dispute",
    "0332": "Express intent to provide military aid",
    "0334": "Express intent to provide military protection or peacekeeping",
    "040": "Consult, not specified below",
    "041": "Discuss by telephone",
    "051": "Praise or endorse",
    "053": "Rally support on behalf of",
    "074": "Provide military protection or peacekeeping",
    "112": "Accuse, not specified below",
    "137": "Threaten with violent repression",
    "138": "Threaten to use military force, not specified below",
}


def cameo_label(code: str) -> str:
    """Return the CAMEO label for ``code``; raise KeyError naming the known codes if unknown."""
    try:
        return CAMEO[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}; known: {', '.join(sorted(CAMEO))}") from None
