"""Explorer: every computation behind the explorer (JupyterLab notebook 05 and the ``make explore`` app).

One job per module: :mod:`~qantar.explorer.view` computes what a selection shows (:func:`compute_view`,
the records table's pages, titles and notes); :mod:`~qantar.explorer.figures` draws a view;
:mod:`~qantar.explorer.export` writes a selection as a zip (:func:`export_zip`);
:mod:`~qantar.explorer.html` writes the app's text parts as HTML. All of it is unit-tested;
:mod:`qantar.app` only wires widgets to it. Every public name is re-exported here, so
``from qantar.explorer import compute_view`` and ``explorer.export_zip`` keep working.
"""

from __future__ import annotations

from qantar.explorer.view import (
    MEASURES as MEASURES,
    TABLE_COLUMNS as TABLE_COLUMNS,
    SORT_KEYS as SORT_KEYS,
    PAGE_SIZE as PAGE_SIZE,
    NO_CITY as NO_CITY,
    View as View,
    APPLIES as APPLIES,
    filter_label as filter_label,
    places_label as places_label,
    place_note as place_note,
    place_facets as place_facets,
    filter_rows as filter_rows,
    search as search,
    selected_places as selected_places,
    scope_claims as scope_claims,
    compute_view as compute_view,
    table_rows as table_rows,
    table_page as table_page,
    figure_titles as figure_titles,
    section_titles as section_titles,
    chart_note as chart_note,
    timeline_note as timeline_note,
    timing_text as timing_text,
)
from qantar.explorer.figures import (
    APP_EVENT_TYPE_COLOURS as APP_EVENT_TYPE_COLOURS,
    map_frame as map_frame,
    build_figures as build_figures,
    plotly_bundle as plotly_bundle,
    static_figures as static_figures,
    static_files as static_files,
    figure_files as figure_files,
    day_ticks as day_ticks,
    legend_below_ticks as legend_below_ticks,
)
from qantar.explorer.export import (
    EVENT_EXPORT as EVENT_EXPORT,
    CLAIM_EXPORT as CLAIM_EXPORT,
    REACTION_EXPORT as REACTION_EXPORT,
    export_frames as export_frames,
    EXPORT_DIR as EXPORT_DIR,
    EXPORT_NOTES as EXPORT_NOTES,
    FIGURE_NOTES as FIGURE_NOTES,
    export_sources as export_sources,
    export_zip as export_zip,
    export_readme as export_readme,
)
from qantar.explorer.html import (
    heading_html as heading_html,
    table_html as table_html,
    REACTION_COLUMNS as REACTION_COLUMNS,
    reactions_html as reactions_html,
    count_html as count_html,
    notes_html as notes_html,
    note_html as note_html,
    page_label_html as page_label_html,
    map_legend_html as map_legend_html,
)
