"""Figure rules: killed, injured, detained and arrested counts, as ``casualty_reports`` candidates (issue 18).

A figure is a quantity tied to a measure word in one sentence: "eight police officers were killed",
"18 killed and 748 injured", "police detained 3,811 people", "the death toll rose to 164". Each rule
(in :mod:`.counts` and :mod:`.phrases`) is a small function with the phrases it handles in its docstring.
The helpers read the rest of the row from the sentence: the qualifier as worded (:func:`quantity_at`), the
group (:func:`group_of`), who stated and who relayed it (:func:`sources_for`), the period (:func:`period_of`);
the as-of date comes from :func:`qantar.extract.dates.date_for` and the scope from
:func:`qantar.extract.places.location_for` (Kazakhstan when the sentence names no place).

Decisions the data dictionary settles: "arrested" and "taken into custody" are coded ``detained`` (the
table has one measure for both; the candidate notes the word); "hospitalised" and "sought medical
help" are ``injured`` (noted); children are ``civilians`` (noted); the authorities' labels ("armed
criminals", "bandits", "terrorists", "rioters") are ``armed_criminals``.

Further decisions (issue 18, afternoon): "a dozen" / "two dozen" are ``about`` (a round number, noted); "charged" is
``detained`` at low confidence with a note (the table has no measure for charges); crowd sizes ("thousands took to
the streets", "a crowd of about 1,000") are ``participants``, group ``protesters`` unless the words say otherwise; a
name the figure counts ("said 95 police officers had been injured") is never its speaker; figures of another
country's unrest ("In Iran in 2019 ...") are left out, and a Kazakh figure of an earlier year ("the 2011 Zhanaozen
massacre, in which ...") is kept, dated to 1 January of that year with precision ``year``.

Texts written after the unrest (issue 19's review log): a toll told as an earlier one ("the previous official toll",
"had previously acknowledged") is as of the day before publication, precision range (:func:`earlier_toll`); a month
that opens the statement ("In June, prosecutors said") dates it to the month's last day (:func:`month_of_statement`);
a dateline's city is no scope; ``status`` is withdrawn or disputed when the sentence says so (:func:`claim_status`,
with a note for the reviewer), else stated.

The modules, by job: :mod:`.numbers` (numbers, measures and groups), :mod:`.sources` (who stated and relayed a
figure), the rules by the phrases they read (:mod:`.counts`, :mod:`.phrases`) and :mod:`.assemble` (dates, scope,
status and :func:`find`). This package re-exports the names used elsewhere.
"""

from __future__ import annotations

from qantar.extract.figures.assemble import find
from qantar.extract.figures.counts import Figure
from qantar.extract.figures.numbers import GROUPS, Quantity, group_of, number_value, quantities
from qantar.extract.figures.sources import OFFICIAL_SOURCES, OUTLETS, Sources, person_sources, sources_for

__all__ = [
    "Figure",
    "GROUPS",
    "OFFICIAL_SOURCES",
    "OUTLETS",
    "Quantity",
    "Sources",
    "find",
    "group_of",
    "number_value",
    "person_sources",
    "quantities",
    "sources_for",
]
