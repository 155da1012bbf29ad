"""Sentences of the overview page: the daily timeline, the coverage matrix, disagreements and tensions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar import display as d
from qantar.disagree_text import DisagreementContext
from qantar.prose.common import params_sentence, top_labels

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset
    from qantar.notebook import Run


def _days_text(days: list[Any]) -> str:
    """'5 January', '4 and 5 January' (days of one month share it), '31 December and 1 January'."""
    if len({(x.year, x.month) for x in days}) == 1 and len(days) > 1:
        return f"{d.join([str(x.day) for x in days])} {d.month_label(days[-1])}"
    return d.join([d.day_label(x) for x in days])


def undrawn_note(happenings: "pd.DataFrame") -> str:
    """The timeline's note: the happenings it counts but does not draw, by why (empty when none)."""
    from qantar import dating

    n = dating.breakdown(happenings)
    parts = []
    if n[dating.RANGE]:
        parts.append(f"{d.plural(n[dating.RANGE], 'happening')} known only to a date range")
    if n[dating.DISPUTED]:
        parts.append(f"{d.plural(n[dating.DISPUTED], 'happening')} the texts date differently")
    if n[dating.MAY]:
        parts.append(f"{d.plural(n[dating.MAY], 'happening')} whose dates reach outside the period")
    return f"Not drawn: {d.join(parts)}." if parts else ""


def timeline_findings(run: "Run", counts: "pd.DataFrame", happenings: "pd.DataFrame") -> list[str]:
    """What the daily timeline shows for this window: each happening once, by the one rule (qantar.dating)."""
    from qantar import dating

    totals = counts.sum(axis=1)
    n = dating.breakdown(happenings)
    window = d.window_label(run.window.start, run.window.end)
    ranged = f" and {n[dating.RANGE]:,} more only to a date range within it" if n[dating.RANGE] else ""
    more = " more" if n[dating.DAY] or n[dating.RANGE] else ""  # "more" than the happenings already counted
    extra = []
    if n[dating.DISPUTED]:
        verb = "is" if n[dating.DISPUTED] == 1 else "are"
        extra.append(f"{n[dating.DISPUTED]:,}{more} {verb} dated differently by different texts")
    if n[dating.MAY]:
        more = more or (" more" if n[dating.DISPUTED] else "")
        extra.append(f"{n[dating.MAY]:,}{more} may fall in the period (known only to dates that reach outside it)")
    tail = (f"; {d.join(extra)}" if extra else "") + "."
    if n[dating.DAY] == 0:
        head = f"No happening in the texts is dated to a single day in {window}"
        if n[dating.RANGE]:
            head += (
                f"; {n[dating.RANGE]:,} {'is' if n[dating.RANGE] == 1 else 'are'} known only to a date range within it"
            )
        return [head + tail]
    out = [f"In {window} the texts date {d.plural(n[dating.DAY], 'happening')} to a single day{ranged}{tail}"]
    most = int(totals.max())
    days = [day for day, v in totals.items() if int(v) == most]  # every day of a tie, in date order
    if len(days) == 1:
        day = days[0]
        types, k = top_labels(counts.loc[day][counts.loc[day] > 0])
        out.append(
            f"The busiest day was {d.day_label(day)}, with {d.plural(most, 'happening')}, the most of them "
            f"{d.join([t.lower() for t in types])} ({k}{' each' if len(types) > 1 else ''})."
        )
    else:
        out.append(f"The busiest days were {_days_text(days)}, with {d.plural(most, 'happening')} each.")
    first = totals[totals > 0].index[0]
    out.append(
        f"The first happenings dated to a day in this period fall on {d.day_label(first)} ({int(totals[first])})."
    )
    return out


def timeline_caption(run: "Run") -> str:
    """Caption of the daily timeline."""
    return (
        "Happenings reported per day, by ACLED event type; each happening is counted once, however many documents "
        "report it, on the day the texts date it to. A happening is dated to a day when a text gives the day and no "
        "other text excludes it; happenings known only to a date range, dated differently by different texts, or "
        "whose dates reach outside the period are counted in the note, not drawn. Labels mark the first report of "
        "key events; one known only to a range is pinned to the last day it can have happened by, and one dated "
        f"differently to the earliest day a text gives. {params_sentence(run)}"
    )


def coverage_findings(matrix: "pd.DataFrame", labels: dict[str, str], alike: "pd.Series") -> list[str]:
    """How many facts rest on one document, and which are the best corroborated (documents reporting them alike)."""
    if matrix.empty:
        return ["No document reports an event or a figure in this window."]
    per_fact = matrix.sum(axis=1)
    single = int((per_fact == 1).sum())
    best, n = top_labels(alike.reindex(matrix.index).fillna(0))
    out = (
        f"Of {d.plural(len(matrix), 'fact')} in this window, {single} "
        f"{'rests' if single == 1 else 'rest'} on a single document"
    )
    if n < 2:
        return [out + "; no fact is reported alike by two documents."]
    names = [f"“{labels.get(f, f)}”" for f in matrix.index if f in set(best)]
    if len(names) == 1:
        return [out + f"; the best corroborated, reported alike by {n} documents, is {names[0]}."]
    if len(names) <= 3:
        return [out + f"; the best corroborated, each reported alike by {n} documents, are {d.join(names)}."]
    return [
        out + f"; {len(names)} facts are each reported alike by {n} documents, the most, such as {d.join(names[:3])}."
    ]


def coverage_caption(run: "Run") -> str:
    """Caption of the coverage matrix."""
    return (
        "Which document reports which fact: rows are event happenings and casualty figures in the window, in date "
        "order; a dot means the document supports the fact (in its own row or as an additional citation). "
        "Documents report a fact alike when they support the same version of it (one events row, or the same "
        "figure in the same words); the data's “documents alike” column counts the largest such group. "
        f"{params_sentence(run)}"
    )


def disagreement_findings(dis: "pd.DataFrame") -> list[str]:
    """How many disagreements, and of which kinds."""
    if dis.empty:
        return ["The documents do not disagree on anything recorded here."]
    kinds = dis["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [f"The documents disagree in {d.plural(len(dis), 'place')}: {d.join(parts)}. Every version is kept."]


def tension_findings(inside: "pd.DataFrame", ds: "Dataset | None" = None) -> list[str]:
    """How many tensions within one document (not disagreements between documents), and in which documents (by
    outlet and date with ``ds``, else by number)."""
    if inside.empty:
        return ["No document contradicts itself on anything compared here."]
    ids = sorted({doc for ids in inside["doc_ids"] for doc in str(ids).split(", ")})
    docs = [DisagreementContext.of(ds).document(doc) for doc in ids] if ds is not None else map(d.short_id, ids)
    docs = list(docs)
    kinds = inside["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [
        f"Within one document, {d.plural(len(inside), 'tension')} ({d.join(parts)}) in "
        f"{d.plural(len(docs), 'document')} ({'; '.join(docs[:-1])}{' and ' if len(docs) > 1 else ''}{docs[-1]}); "
        "they are not counted as disagreements."
    ]


def timeline_alt(counts: "pd.DataFrame") -> str:
    """Alt text of the daily timeline."""
    totals = counts.sum(axis=1)
    days = d.join([f"{d.day_month(day)} {int(n)}" for day, n in totals.items() if n])
    return f"Stacked bar chart of happenings per day by ACLED event type: {days or 'none'}."


def coverage_alt(matrix: "pd.DataFrame") -> str:
    """Alt text of the coverage matrix."""
    per_doc = matrix.sum(axis=0)
    docs = d.join([f"document {d.short_id(doc)} reports {int(n)}" for doc, n in per_doc.items()])
    return f"Grid of {d.plural(len(matrix), 'fact')} against {d.plural(len(matrix.columns), 'document')}: {docs}."
