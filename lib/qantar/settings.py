"""Settings: every environment variable, default, limit and path the kit reads, in one place.

Paths come from the package location (the repository the package was installed from in
editable mode), never from the working directory. The source texts are not in the
repository; their folder is a setting: an explicit argument, else ``QANTAR_TEXTS_DIR``.
Nothing here reads the environment at import time; each function reads it when called.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

# Environment variables (the only ones the kit reads).
TEXTS_ENV = "QANTAR_TEXTS_DIR"  # folder holding the five source texts
DATA_ENV = "QANTAR_DATA_DIR"  # another copy of the dataset
DEBUG_ENV = "QANTAR_DEBUG"  # set to 1 to see tracebacks instead of one-line messages
REPORT_ENV = "QANTAR_REPORT"  # set by the report runner for its kernels: figures are linked, not embedded
APP_URL_ENV = "QANTAR_APP_URL"  # set by `qantar explore` for the app's kernels: the server's own address for links
APP_STEPS_ENV = "QANTAR_APP_STEPS"  # set to 1 to log the app's per-step timings
APP_TOKEN_ENV = "QANTAR_APP_TOKEN"  # the explorer's access token (never on a command line, where `ps` shows it)
# Set by the explorer's server for its own kernels only: the secret that opens the pre-heated kernel's query channel.
APP_QUERY_SECRET_ENV = "QANTAR_APP_QUERY_SECRET"
APP_QUERY_SECRET_HEADER = "X-Qantar-Query-Secret"  # the header a kernel sends it in
# Set by Voilà, read by the app: a pre-heated kernel (waits for its request) and the request's URL query.
VOILA_PREHEAT_ENV = "VOILA_PREHEAT"
QUERY_STRING_ENV = "QUERY_STRING"
CACHE_ENV = "QANTAR_CACHE_DIR"  # where validated tables are cached (qantar.cache); "off" turns the cache off
REVIEWER_ENV = "QANTAR_REVIEWER"  # the reviewer name written to the review log (default: the login name)
# Reproducible builds (reproducible-builds.org): fixes the ACLED export's timestamp and the workbook's build time.
SOURCE_DATE_ENV = "SOURCE_DATE_EPOCH"

# The explorer app: most kernels its server runs at once (one per open page, about 250 MB each, plus one kept ready).
APP_MAX_KERNELS = 10
APP_MIN_KERNELS = 2  # the least cap that serves a page: the kernel kept ready, and the page's own

# The period the kit covers by default: the first protests (2 January) to the day of mourning (10 January).
DEFAULT_START = date(2022, 1, 2)
DEFAULT_END = date(2022, 1, 10)
# The unrest the dataset covers. Casualty figures dated outside it (the 2019 arrests) are background and never
# join a January 2022 series.
UNREST_START = date(2022, 1, 1)
UNREST_END = date(2022, 1, 31)
# A notebook window longer than this is refused: figures draw one column or animation frame per day.
MAX_WINDOW_DAYS = 92
# The casualties notebook reads the record to its last official toll of 2022 (16 August, the list of the dead):
# its default window ends with August, and its chart compresses time after the first days (figures/casualties.py),
# so it allows a longer window than the day-by-day figures.
CASUALTY_DEFAULT_END = date(2022, 8, 31)
CASUALTY_MAX_WINDOW_DAYS = 400
# A casualty chart window up to this many days gets one column per day; a longer one is a broken axis.
CASUALTY_DAILY_MAX_DAYS = 31

# The workflow (add-text, accept, the review app): one writer at a time holds a lock file in the data folder; a
# write that spans several files records its renames in a journal first, finished by the next command.
LOCK_NAME = ".qantar.lock"
JOURNAL_NAME = ".qantar-journal.json"
LOCK_WAIT_S = 15.0  # how long a second writer waits for the first before it is refused

# Report runner defaults.
KERNEL_NAME = "qantar"  # kernelspec installed into the venv by `make venv` (nbval, make notebooks, JupyterLab)
CELL_TIMEOUT_S = 180  # per notebook cell of a report run; the slowest cell takes about 3 s on a 2-core machine
# `qantar notebooks` runs every notebook at once, cold (no figure cache), so a cell may take longer there.
NOTEBOOKS_CELL_TIMEOUT_S = 300
RUN_NAME_MAX = 64  # run names become folder names and URLs
PARAM_TEXT_MAX = 200  # a config parameter string (a date, a city, an event type) is never longer

# Figures on phones. A figure saved as <name>.png may have a variant <name>.phone.png drawn for a phone's width;
# the page shows it through <picture> when the screen matches PHONE_MEDIA.
# "screen and": a printout's A4 column (680 px) must not pick the phone image.
PHONE_MEDIA = "screen and (max-width: 600px)"
PHONE_VIEWPORT_PX = 390  # the phone width the site is checked at (CSS px)
# The width of the page's content column at a 390-px viewport, measured in Chromium on the built site
# (the body's 0.7rem side padding at <= 700 px): a figure's image is displayed this wide there.
PHONE_CONTENT_WIDTH_PX = 367.6
MIN_TEXT_PX = 10.0  # the least height of any text on a figure as displayed (CSS px), at every width checked
# A phone variant is drawn PHONE_FIG_WIDTH_IN inches wide: with 5 inches shown 367 px wide, text of n points is
# shown about n px tall (a text box is ~1.17 times its font size), so 9 points and up reads at >= 10 px.
PHONE_FIG_WIDTH_IN = 5.0
PHONE_DPI = 200  # 1,000 px wide: sharp on a 2.7x phone screen


def project_root() -> Path:
    """Return the repository root (the folder holding data/, seeds/, notebooks/ and lib/)."""
    return Path(__file__).resolve().parents[2]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the dataset folder: the argument, else $QANTAR_DATA_DIR, else <root>/data."""
    if override is not None:
        return Path(override)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data"


def seeds_dir() -> Path:
    """Return the seeds folder (how to point the lib at the source texts; the register is data/sources.csv)."""
    return project_root() / "seeds"


def register_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the path of the source register, a table of the data package."""
    return data_dir(override) / "sources.csv"


def geo_dir() -> Path:
    """Return the folder holding the project's derived geo files."""
    return project_root() / "data" / "geo"


def notebooks_dir() -> Path:
    """Return the folder holding the analysis notebooks (the only ones a report config may run)."""
    return project_root() / "notebooks"


def default_config() -> Path:
    """Return the shipped report config listing the default report set."""
    return project_root() / "reports.yml"


def default_reports_dir() -> Path:
    """Return the default folder the report set is published to."""
    return project_root() / "reports"


def figures_dir(notebook: str) -> Path:
    """Return the default output folder of a notebook run outside the report runner."""
    return project_root() / "build" / "figures" / notebook


def texts_dir(override: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the source-texts folder from the argument or $QANTAR_TEXTS_DIR, or None if neither is set."""
    if override is not None:
        return Path(override)
    env = os.environ.get(TEXTS_ENV)
    return Path(env) if env else None


def cache_dir() -> Path | None:
    """Return the load cache's folder: $QANTAR_CACHE_DIR, else $XDG_CACHE_HOME/qantar, else ~/.cache/qantar.

    None when $QANTAR_CACHE_DIR is "off" (every load validates). The folder is outside the repository: the
    cache holds copies of the data, not something to commit.
    """
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() == "off":
        return None
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "qantar"
    try:
        return Path.home() / ".cache" / "qantar"
    except RuntimeError:  # no home folder to be found (a bare container): load without a cache
        return None


def debug() -> bool:
    """True when $QANTAR_DEBUG asks for full tracebacks."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def reviewer() -> str:
    """Return the reviewer name for the review log: $QANTAR_REVIEWER, else the login name, else "unknown"."""
    name = os.environ.get(REVIEWER_ENV, "").strip()
    if name:
        return name
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


# The review app (`qantar review DOC_ID`): who decides, and what it reviews (set by the command for its kernels).
REVIEW_DOC_ENV = "QANTAR_REVIEW_DOC"  # the document under review
REVIEW_CANDIDATES_ENV = "QANTAR_REVIEW_CANDIDATES"  # a candidate file to review instead of the extractor's output
# Shift+A accepts every open place candidate at least this sure (and valid); the rest wait for a person.
REVIEW_BATCH_CONFIDENCE = 0.9
