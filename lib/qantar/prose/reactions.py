"""Sentences of the reactions page: who reacted and how, the call network, captions and alt texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d
from qantar.prose.common import params_sentence, top_labels

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run


def reaction_findings(run: "Run", rv: "pd.DataFrame", by_state: "pd.DataFrame") -> list[str]:
    """Who reacted, how, and the most common stance, for this run's filters."""
    from qantar.dating import count_may

    if rv.empty:
        return [f"No statement or call matches these parameters in {d.window_label(run.window.start, run.window.end)}."]
    stances, n_stance = top_labels(rv["stance"].astype(str).value_counts())
    states, n_state = top_labels(by_state.sum(axis=1))
    present = set(rv["actor_kind"].astype(str))
    kinds = [d.actor_kinds_phrase(kind) for kind in d.ACTOR_KIND_LABELS if kind in present]
    kinds += sorted(d.words(k) for k in present - set(d.ACTOR_KIND_LABELS))
    out = [
        f"{d.plural(len(rv), 'statement or call', 'statements and calls')} by {d.join(kinds)}: "
        f"{d.plural(rv['actor'].nunique(), 'actor')} "
        f"speaking for {d.plural(len(by_state), 'state or body', 'states and bodies')}.",
        f"The most common {'stance' if len(stances) == 1 else 'stances'}: "
        f"{d.leaders([d.STANCE_LABELS.get(s, d.words(s)) for s in stances], n_stance)}.",
        f"{d.join(states)} {'accounts' if len(states) == 1 else 'account'} for the most "
        f"({n_state}{' each' if len(states) > 1 else ''}).",
    ]
    ranged = int((rv["date_precision"].astype(str) != "day").sum())
    if ranged:
        out.append(f"{ranged} {'is' if ranged == 1 else 'are'} dated only to a range.")
    may = count_may(rv, run.window.start, run.window.end)
    if may:
        out.append(
            f"{may} of them {'is' if may == 1 else 'are'} known only to dates that reach outside the period, "
            "so may not fall in it."
        )
    return out


def network_findings(edges: "pd.DataFrame") -> list[str]:
    """The phone-call network in one sentence."""
    if edges.empty:
        return ["No phone call matches these parameters."]
    import pandas as pd

    people = pd.Series(list(edges["person_a"]) + list(edges["person_b"])).astype(str).value_counts()
    hubs, n = top_labels(people)
    out = [
        f"{d.plural(len(edges), 'phone call')} link {d.plural(len(people), 'person', 'people')}; "
        f"{d.join(hubs)} took part in the most ({n}{' each' if len(hubs) > 1 else ''})."
    ]
    if "reaction_ids" in edges:  # the table under the figure lists statements, and a call can carry several
        said = sum(len([i for i in str(ids).split(";") if i]) for ids in edges["reaction_ids"])
        if said != len(edges):
            out.append(
                f"The texts report {d.plural(said, 'statement')} made in these calls; the evidence under the figure "
                "lists each."
            )
    return out


def reactions_caption(run: "Run", what: str) -> str:
    """Caption of a reactions figure."""
    return (
        f"{what} Stances are the project's categories; each statement also carries its CAMEO code. "
        f"{params_sentence(run)}"
    )


def bars_alt(counts: "pd.DataFrame", what: str) -> str:
    """Alt text of a stance bar chart."""
    rows = d.join([f"{name} {int(n)}" for name, n in counts.sum(axis=1).items()])
    return f"Horizontal bar chart of statements and calls by {what}, split by stance: {rows or 'none'}."


def reactions_timeline_alt(rv: "pd.DataFrame") -> str:
    """Alt text of the reaction timeline."""
    return (
        f"Timeline of {d.plural(len(rv), 'statement or call', 'statements and calls')}, one row per state or body "
        f"({d.join(list(dict.fromkeys(rv['speaks_for'].astype(str))))}), coloured by stance."
    )


def network_alt(edges: "pd.DataFrame") -> str:
    """Alt text of the call network."""
    pairs = d.join([f"{a} with {b}" for a, b in zip(edges["person_a"], edges["person_b"], strict=True)])
    return f"Network of phone calls: {pairs or 'none'}."
