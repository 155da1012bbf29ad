"""The explorer's widgets: controls, figures, tables, share and export, wired to :mod:`qantar.explorer`.

Used by notebook 05 in JupyterLab and by the ``make explore`` app (Voilà, :mod:`qantar.app.serve`).
Nothing here computes: every frame, label, page, figure and zip comes from a lib function. One job
per module: :mod:`~qantar.app.widgets` builds the widgets (one builder per part, with the page's
CSS), :mod:`~qantar.app.explorer_widget` wires them (:class:`Explorer`), :mod:`~qantar.app.kernel`
starts the app in a Voilà kernel (:func:`start`); the names are re-exported here.
"""

from __future__ import annotations

from qantar.app.explorer_widget import Explorer as Explorer
from qantar.app.kernel import _base_url as _base_url
from qantar.app.kernel import _wait_for_request as _wait_for_request
from qantar.app.kernel import start as start
from qantar.app.widgets import (
    COPY_TEXTS as COPY_TEXTS,
    CSS as CSS,
    LOAD_LABEL as LOAD_LABEL,
    MAP_ASPECT as MAP_ASPECT,
    MAP_HEIGHT as MAP_HEIGHT,
    SHARE_HINT as SHARE_HINT,
    TEXT_FORM as TEXT_FORM,
)
