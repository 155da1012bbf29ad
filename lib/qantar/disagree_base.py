"""The disagreement engine's shared pieces: the thresholds its rules use, the shape of a finding, and how
conflicting pairs become findings (:mod:`qantar.disagree` and :mod:`qantar.disagree_figures` both use them)."""

from __future__ import annotations

from typing import Any

DISAGREEMENT_COLUMNS = ["kind", "subject", "doc_ids", "record_ids", "fields", "detail", "topic", "versions"]
STATED_BASES = frozenset({"stated", "weekday_resolved", "relative_resolved"})  # the rest is the project's placing
RANGE_AS_OF_DAYS = 1  # a range-dated figure ("as of 6 January, roughly") may describe the day before as well
ONSET_KIND = "unrest_onset"  # a document's statement of when the unrest began ("at the weekend")
TRIGGER_KIND = "price_rise"  # the price rise the documents give as the trigger, each naming its commodity
LABEL_GROUPS = {"protesters", "armed_criminals"}  # who the dead are, as two kinds of speaker name them
LABEL_DAYS = 2  # as-of dates this close may count the same people
NO_GROUP = "unspecified"  # a figure that names no group: compared only as a document's headline toll
STANDING = "stated"  # casualty_reports.status of a figure that still stands (withdrawn and disputed do not)

Finding = dict[str, Any]  # kind, topic, fields, versions; versions are dicts with doc_id, record_ids, value, ...


def _split(kind: str, topic: str, fields: str, pairs: list[tuple[Any, Any]], version: Any) -> list[Finding]:
    """Conflicting pairs as findings: one between documents (every version in a cross-document pair), and
    one per document whose own versions conflict. ``version`` turns a record into a version dict."""
    out: list[Finding] = []
    across = [(a, b) for a, b in pairs if version(a)["doc_id"] != version(b)["doc_id"]]
    if across:
        out.append(dict(kind=kind, topic=topic, fields=fields, versions=_unique(version, across)))
    inside: dict[str, list[tuple[Any, Any]]] = {}
    for a, b in pairs:
        if version(a)["doc_id"] == version(b)["doc_id"]:
            inside.setdefault(version(a)["doc_id"], []).append((a, b))
    for doc in sorted(inside):
        out.append(dict(kind=kind, topic=topic, fields=fields, versions=_unique(version, inside[doc])))
    return out


def _unique(version: Any, pairs: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """The versions taking part in ``pairs``, each once, in the order first met."""
    seen: dict[tuple[str, ...], dict[str, Any]] = {}
    for rec in (r for pair in pairs for r in pair):
        v = version(rec)
        seen.setdefault(tuple(v["record_ids"]), v)
    return list(seen.values())
