"""Derived views of the reactions: filtered statements, stance counts and the phone-call network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from qantar.frames import filter_values, in_window

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd

    from qantar.dataset import Dataset


def reactions_view(
    ds: "Dataset",
    actor_kinds: Iterable[str] | str | None = None,
    stances: Iterable[str] | str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> "pd.DataFrame":
    """Reactions filtered by actor kind, stance and date overlap, with the name of the state or body spoken for."""
    re_ = in_window(
        filter_values(filter_values(ds.reactions, "actor_kind", actor_kinds), "stance", stances), start, end
    )
    places = ds.places
    # Organisations are known by their abbreviation (CSTO, EU, UN); states by name.
    short = {
        str(pid): (str(alt).split(";")[0] if kind == "organisation" and alt is not None else str(name))
        for pid, kind, alt, name in zip(
            places["place_id"], places["kind"], places["alternate_names"], places["name"], strict=True
        )
    }
    speaks_for = re_["actor_for"].astype(str).map(short)
    re_ = re_.assign(
        speaks_for=speaks_for.fillna(re_["actor"].astype(str)),
        counterpart_state=re_["counterpart_for"].astype(str).map(short),
    )
    return re_.sort_values(["date_start", "reaction_id"]).reset_index(drop=True)


def stance_counts(reactions: "pd.DataFrame", by: str = "speaks_for") -> "pd.DataFrame":
    """Number of statements per actor (or state) and stance."""
    table = reactions.groupby([by, "stance"], observed=True).size().unstack(fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def call_network(reactions: "pd.DataFrame") -> "nx.Graph":
    """Undirected networkx graph of phone calls: nodes are people (with their state), edges carry dates and sources."""
    import networkx as nx

    graph = nx.Graph()
    calls = reactions[(reactions["channel"].astype(str) == "phone_call") & reactions["counterpart"].notna()]
    for r in calls.itertuples():
        a, b = str(r.actor), str(r.counterpart)
        graph.add_node(a, state=r.speaks_for)
        if b not in graph:
            graph.add_node(b, state=r.counterpart_state if isinstance(r.counterpart_state, str) else None)
        if graph.has_edge(a, b):
            graph[a][b]["reaction_ids"].append(r.reaction_id)
            continue
        graph.add_edge(
            a,
            b,
            date_start=r.date_start,
            date_end=r.date_end,
            date_precision=str(r.date_precision),
            reaction_ids=[r.reaction_id],
            doc_id=str(r.doc_id),
        )
    return graph


def call_records(reactions: "pd.DataFrame", edges: "pd.DataFrame") -> "pd.DataFrame":
    """The statements behind the call network's lines (a call can carry several: the table under the figure)."""
    ids = {i for joined in edges["reaction_ids"].astype(str) for i in joined.split(";") if i}
    return reactions[reactions["reaction_id"].astype(str).isin(ids)]


def call_edges(graph: "nx.Graph") -> "pd.DataFrame":
    """The call network as a table: one row per pair of people who spoke by phone (what the network figure draws)."""
    import pandas as pd

    rows = [
        dict(
            person_a=a,
            state_a=graph.nodes[a].get("state"),
            person_b=b,
            state_b=graph.nodes[b].get("state"),
            date_start=d["date_start"],
            date_end=d["date_end"],
            reaction_ids=";".join(d["reaction_ids"]),
            doc_id=d["doc_id"],
        )
        for a, b, d in sorted(graph.edges(data=True))
    ]
    return pd.DataFrame(
        rows, columns=["person_a", "state_a", "person_b", "state_b", "date_start", "date_end", "reaction_ids", "doc_id"]
    )
