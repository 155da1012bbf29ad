"""Benchmark: the extractor scored on gold files (prints figures, asserts nothing).

Usage: .venv/bin/python benchmarks/bench_extract.py [--gold DIR] [--texts DIR] [--json] [--by-text]
                                                    [--cli] [--no-dataset]

Runs ``qantar.extract.extract`` (or, with ``--cli``, the ``qantar extract PATH --published DATE --format json``
command) on every text a gold file names, and prints, for the seed texts, the project's own test texts, both
together, and (as blocks of their own) real news texts published on or after 12 Jan 2022 and the locked set of real
texts (gold marked ``"set": "locked"``: scored once at the end of a round, never used to tune rules). Real texts are
kept outside the repository and looked for with ``--texts DIR`` or ``$QANTAR_BENCH_TEXTS``, either of which may name
several folders separated by ``os.pathsep`` (a real text not found is listed as NOT scored, with the reason; it is
never an error):
  * precision and recall per kind: places, figures (casualty_reports), events (matched on ACLED type and,
    separately, on the project's event kind) and reactions;
  * among matched items, the accuracy of a figure's qualifier, group, stated_by and as-of date, an event's
    day (start and end) and ACLED sub-event type, and a reaction's CAMEO root (two digits);
  * evidence: the share of candidates whose evidence is verbatim in the text and at most 160 characters,
    and the longest evidence;
  * seconds per text (max and mean) and per 5,000 characters.
Matching, one-to-one and greedy (compatible pairs that also agree on more scored fields are paired first):
  * place: same place_id (or the candidate's duplicate_of), or same GeoNames id, or a name the gold lists;
  * figure: same measure and value; for a value-less gold figure, same measure and qualifier, no value;
  * event: overlapping dates, the same place, and the same ACLED event_type (or event_kind);
  * reaction: the same actor (case, accents, punctuation and titles ignored; a gold alias such as a surname
    counts; a candidate actor ending in the gold name, "Tajik President Emomali Rahmon", counts) and
    overlapping dates.
Gold format: benchmarks/gold/README.md. Targets (issue 18, on held-out real news texts): places R>=0.90
P>=0.85; figures R>=0.90 P>=0.70, qualifier>=0.95, stated_by>=0.75, as-of>=0.80; events R>=0.60 P>=0.50
(ACLED type), day>=0.85; reactions R>=0.60, CAMEO root>=0.60; evidence 100% verbatim; <=2 s per text.
Scores on the seeds say little: the rules were written while reading them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "benchmarks" / "gold"
OWN_TEXTS = GOLD_DIR / "texts"
EVIDENCE_MAX = 160  # the validator's limit (qantar.contract.EVIDENCE_MAX); checked equal in the tests
CHARS_PER_UNIT = 5000  # the time budget is per 5,000-character text
KINDS = ("places", "casualty_reports", "events", "reactions")
# Required fields per kind in a gold file, and the coded fields checked against data/datapackage.json's enums.
REQUIRED = {
    "places": ("place_id", "geonames_id", "kind", "names"),
    "casualty_reports": ("measure", "value", "qualifier", "group", "stated_by", "as_of_date"),
    "events": ("date_start", "date_end", "place_id", "event_type", "sub_event_type", "event_kind"),
    "reactions": ("actor", "aliases", "date_start", "date_end", "cameo_code"),
}
CODED = {
    "places": ("kind",),
    "casualty_reports": ("measure", "qualifier", "group", "stated_by"),
    "events": ("event_type", "sub_event_type", "event_kind"),
    "reactions": (),
}
# Titles and honorifics dropped before two actor names are compared ("President Tokayev" is "Tokayev").
TITLES = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "mr", "mrs", "ms", "dr", "sir", "the",
    "spokesperson", "spokesman", "spokeswoman", "secretary", "general", "press", "former", "acting", "leader",
}  # fmt: skip
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORIGINS = ("seed", "own", "real")
# The report's blocks. "all" is the seed and own texts together (both always in the repository or the seeds
# folder), so it stays comparable between machines; the real texts are a block of their own.
GROUPS = ("seed", "own", "all", "real", "locked")
IN_ALL = ("seed", "own")
GROUP_NAMES = {
    "seed": "seed texts (the rules were written on them)",
    "own": "own test texts",
    "all": "seed and own texts together",
    "real": "real texts published on or after 12 Jan 2022 (not in the repo)",
    "locked": "locked real texts, scored once per round and never used to tune rules (not in the repo)",
}
# Real gold may carry "set": "locked" (the only set there is): the locked set is reported as a block of its own, and
# --by-text shows its counts but not the items it missed, so the misses cannot become a list of rules to write.
LOCKED = "locked"
# Real news texts are kept outside the repository; the benchmark looks for them in --texts and in this folder.
REAL_TEXTS_ENV = "QANTAR_BENCH_TEXTS"
# Real texts must be published on or after this day: earlier ones are the held-out set the targets are measured on.
REAL_EARLIEST = date(2022, 1, 12)


# ---------------------------------------------------------------- gold files


class GoldError(Exception):
    """A gold file that cannot be used: the message names the file, the item and the field."""


def _enums() -> dict[str, dict[str, set[str]]]:
    """The project's vocabularies for the coded gold fields, read from data/datapackage.json."""
    desc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, set[str]]] = {}
    for res in desc["resources"]:
        for f in res["schema"]["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if enum:
                out.setdefault(res["name"], {})[f["name"]] = set(enum)
    return out


def check_gold(gold: Any, where: str) -> list[str]:
    """Every problem in one parsed gold file (an empty list when it is usable), each naming item and field."""
    if not isinstance(gold, dict):
        return [f"{where}: the file must hold a JSON object"]
    problems = []
    for key in ("doc_id", "published", "text", "origin"):
        if not isinstance(gold.get(key), str) or not gold.get(key):
            problems.append(f"{where}: '{key}' must be a non-empty string")
    if isinstance(gold.get("published"), str) and not _parse_date(gold["published"]):
        problems.append(f"{where}: published {gold['published']!r} is not a YYYY-MM-DD date")
    if gold.get("origin") not in ORIGINS:
        problems.append(f"{where}: origin must be one of {', '.join(ORIGINS)}, not {gold.get('origin')!r}")
    if gold.get("origin") == "real":
        problems += _check_real(gold, where)
    if "set" in gold and (gold.get("origin") != "real" or gold["set"] != LOCKED):
        problems.append(f"{where}: 'set' may only be {LOCKED!r}, and only on real gold, not {gold['set']!r}")
    enums = _enums()
    ids = (
        [p.get("place_id") for p in gold.get("places", []) if isinstance(p, dict)]
        if isinstance(gold.get("places"), list)
        else []
    )
    problems += [f"{where}: place {i!r} is listed twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for kind in KINDS:
        items = gold.get(kind)
        if not isinstance(items, list):
            problems.append(f"{where}: '{kind}' must be a list (empty when the text has none)")
            continue
        for i, item in enumerate(items):
            at = f"{where}: {kind}[{i}]" + (f" ({item.get('ref')})" if isinstance(item, dict) and "ref" in item else "")
            if not isinstance(item, dict):
                problems.append(f"{at}: must be an object")
                continue
            problems += [f"{at}: missing field '{f}'" for f in REQUIRED[kind] if f not in item]
            table = kind
            for f in CODED[kind]:
                if f in item and item[f] not in enums.get(table, {}).get(f, {item[f]}):
                    problems.append(f"{at}: {f} {item[f]!r} is not in the project's vocabulary")
            for f in ("as_of_date", "date_start", "date_end"):
                if f in item and not _parse_date(item[f]):
                    problems.append(f"{at}: {f} {item[f]!r} is not a YYYY-MM-DD date")
            if kind == "events" and _parse_date(item.get("date_start")) and _parse_date(item.get("date_end")):
                if _parse_date(item["date_end"]) < _parse_date(item["date_start"]):
                    problems.append(f"{at}: date_end is before date_start")
            if kind == "casualty_reports" and item.get("value") is not None and not _is_count(item.get("value")):
                problems.append(f"{at}: value {item.get('value')!r} must be a whole number or null")
            if kind == "reactions" and not re.fullmatch(r"\d{2,4}", str(item.get("cameo_code", ""))):
                problems.append(f"{at}: cameo_code {item.get('cameo_code')!r} must be a CAMEO code of 2-4 digits")
            if kind in ("places", "reactions"):
                lst = item.get("names" if kind == "places" else "aliases")
                if not isinstance(lst, list) or not all(isinstance(n, str) and n for n in lst):
                    problems.append(f"{at}: {'names' if kind == 'places' else 'aliases'} must be a list of strings")
    return problems


def _check_real(gold: dict, where: str) -> list[str]:
    """The extra fields a real news text's gold must carry: address, a publication day >= 12 Jan 2022, hash."""
    problems = []
    if not isinstance(gold.get("url"), str) or not gold["url"].startswith(("http://", "https://")):
        problems.append(f"{where}: a real text needs its address in 'url' (http/https)")
    if not isinstance(gold.get("excerpt"), bool):
        problems.append(f"{where}: a real text needs 'excerpt': true (the stored page is partial) or false")
    if not isinstance(gold.get("sha256"), str) or not re.fullmatch(r"[0-9a-f]{64}", gold["sha256"]):
        problems.append(f"{where}: a real text needs the sha256 of the text it was coded on")
    pub = _parse_date(gold.get("published"))
    if pub and pub < REAL_EARLIEST:
        problems.append(
            f"{where}: published {pub} is before {REAL_EARLIEST}: texts of 1-11 Jan 2022 are the held-out set"
        )
    return problems


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def load_gold(folder: Path) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Every ``*.json`` gold file in ``folder`` (sorted) with the problems met; a bad file is left out."""
    files, problems = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: cannot read: {exc}")
            continue
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}: not JSON: {exc.msg} on line {exc.lineno}, column {exc.colno}")
            continue
        found = check_gold(gold, path.name)
        if found:
            problems += found
        else:
            files.append((path, gold))
    if not files and not problems:
        problems.append(f"{folder}: no gold files (*.json) found")
    return files, problems


def group_of(gold: dict) -> str:
    """The report block a gold file is scored in: its origin, or "locked" for the locked set of real texts."""
    return LOCKED if gold.get("origin") == "real" and gold.get("set") == LOCKED else gold["origin"]


def split_folders(value: str) -> list[Path]:
    """The folders named in a setting or option value, separated by os.pathsep (':' on Linux); empty entries skipped."""
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def text_dirs(texts: Path | list[Path] | None) -> list[Path]:
    """Where a gold file's text is looked for, in order: the --texts folders, benchmarks/gold/texts,
    $QANTAR_TEXTS_DIR, the $QANTAR_BENCH_TEXTS folders (the real news texts, kept outside the repository)."""
    dirs = list(texts) if isinstance(texts, list) else [texts] if texts else []
    dirs.append(OWN_TEXTS)
    seeds = os.environ.get("QANTAR_TEXTS_DIR")
    if seeds:
        dirs.append(Path(seeds))
    dirs += split_folders(os.environ.get(REAL_TEXTS_ENV, ""))
    return dirs


def find_text(gold: dict, dirs: list[Path]) -> Path | None:
    """The path of the text a gold file names, or None when no folder holds it."""
    for d in dirs:
        p = d / gold["text"]
        if p.is_file():
            return p
    return None


# ---------------------------------------------------------------- normalising


def _parse_date(v: Any) -> date | None:
    if not isinstance(v, str) or not _DATE.match(v.strip()):
        return None
    try:
        return date.fromisoformat(v.strip())
    except ValueError:
        return None


def _span(item: dict, start: str = "date_start", end: str = "date_end") -> tuple[date, date] | None:
    """An item's (start, end) dates; a missing end is the start; None without a start."""
    a = _parse_date(item.get(start))
    if a is None:
        return None
    b = _parse_date(item.get(end)) or a
    return (a, b) if b >= a else (b, a)


def overlaps(pred: dict, gold: dict) -> bool:
    """True when the candidate's date range and the gold item's date range share a day."""
    p, g = _span(pred), _span(gold)
    return bool(p and g and p[0] <= g[1] and g[0] <= p[1])


def _key(v: Any) -> str:
    """A comparable id or name: accents dropped, lower case, every run of other characters one underscore."""
    s = unicodedata.normalize("NFKD", str(v)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def actor_words(name: Any) -> list[str]:
    """An actor's words for comparison: accents, case, possessives, punctuation and titles dropped."""
    s = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['’]s\b", "", s)
    return [w for w in re.split(r"[^a-z0-9]+", s) if w and w not in TITLES]


def same_actor(pred: Any, gold: dict) -> bool:
    """True when the candidate's actor is the gold actor or one of its aliases (or ends with one of them)."""
    p = actor_words(pred)
    if not p:
        return False
    for name in [gold["actor"], *gold.get("aliases", [])]:
        g = actor_words(name)
        if g and (p == g or p[-len(g) :] == g):
            return True
    return False


def _value(v: Any) -> int | None:
    """A figure's value as a whole number ("1,000", 1000.0 and 1000 agree); None when absent or not a number."""
    if v is None or v == "":
        return None
    try:
        f = float(str(v).replace(",", ""))
    except ValueError:
        return None
    return int(f) if f == int(f) else None


def cameo_root(code: Any) -> str:
    """The two-digit CAMEO root of a code ("0334" -> "03"; an integer 41 read as "041" -> "04")."""
    s = str(code or "").strip()
    if not s.isdigit():
        return ""
    return s.zfill(3)[:2]


@dataclass
class Places:
    """Which keys (place_id, GeoNames id, names) name the same place, from the gold file and places.csv."""

    groups: list[set[str]] = field(default_factory=list)

    @classmethod
    def build(cls, gold_places: list[dict], project: list[dict] | None = None) -> "Places":
        """Key sets for every gold place, merged with the project's place rows of the same place_id."""
        by_id = {p["place_id"]: p for p in project or []}
        groups = []
        for g in gold_places:
            keys = {_key(g["place_id"]), *(_key(n) for n in g.get("names", []))}
            if g.get("geonames_id"):
                keys.add(str(g["geonames_id"]))
            row = by_id.get(g["place_id"])
            if row:
                for col in ("name", "name_jan2022", "name_current", "alternate_names"):
                    keys |= {_key(n) for n in str(row.get(col) or "").split(";") if n.strip() and "(" not in n}
                if row.get("geonames_id"):
                    keys.add(str(row["geonames_id"]).split(".")[0])
            groups.append(keys - {""})
        return cls(groups)

    def keys_of(self, place_id: str) -> set[str]:
        """Every key of the place ``place_id`` names (just its own key when the gold does not know it)."""
        k = _key(place_id)
        for g in self.groups:
            if k in g:
                return g
        return {k} if k else set()


def place_matches(pred: dict, gold: dict) -> bool:
    """Place rule: same place_id (or duplicate_of), or same GeoNames id, or a name the gold lists."""
    ids = {_key(pred.get(c)) for c in ("place_id", "duplicate_of") if pred.get(c)}
    if _key(gold["place_id"]) in ids:
        return True
    gid = _value(pred.get("geonames_id"))
    if gid is not None and gold.get("geonames_id") is not None and gid == gold["geonames_id"]:
        return True
    names = {_key(n) for n in gold.get("names", [])}
    return bool(pred.get("name")) and _key(pred["name"]) in names


def figure_matches(pred: dict, gold: dict) -> bool:
    """Figure rule: same measure and value; a value-less gold figure matches on measure and qualifier."""
    if _key(pred.get("measure")) != _key(gold["measure"]):
        return False
    if gold["value"] is not None:
        return _value(pred.get("value")) == gold["value"]
    return _value(pred.get("value")) is None and _key(pred.get("qualifier")) == _key(gold["qualifier"])


def event_matcher(places: Places, on: str) -> Callable[[dict, dict], bool]:
    """Event rule: overlapping dates, the same place, and the same ``on`` field (event_type or event_kind)."""

    def match(pred: dict, gold: dict) -> bool:
        if _key(pred.get(on)) != _key(gold[on]) or not overlaps(pred, gold):
            return False
        return _key(pred.get("place_id")) in places.keys_of(gold["place_id"])

    return match


def reaction_matches(pred: dict, gold: dict) -> bool:
    """Reaction rule: the same actor (normalised) and overlapping dates."""
    return same_actor(pred.get("actor"), gold) and overlaps(pred, gold)


# What is scored among matched pairs: name -> (pred, gold) -> right?
ATTRIBUTES: dict[str, dict[str, Callable[[dict, dict], bool]]] = {
    "places": {},
    "casualty_reports": {
        "qualifier": lambda p, g: _key(p.get("qualifier")) == _key(g["qualifier"]),
        "group": lambda p, g: _key(p.get("group")) == _key(g["group"]),
        "stated_by": lambda p, g: _key(p.get("stated_by")) == _key(g["stated_by"]),
        "as_of_date": lambda p, g: _parse_date(p.get("as_of_date")) == _parse_date(g["as_of_date"]),
    },
    "events": {
        "day": lambda p, g: _span(p) == _span(g),
        "sub_event_type": lambda p, g: _key(p.get("sub_event_type")) == _key(g["sub_event_type"]),
    },
    "reactions": {"cameo_root": lambda p, g: cameo_root(p.get("cameo_code")) == cameo_root(g["cameo_code"])},
}


def greedy_match(
    preds: list[dict], golds: list[dict], ok: Callable[[dict, dict], bool], attrs: dict[str, Callable] | None = None
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: (pred index, gold index) pairs.

    Every compatible pair is ranked by how many scored fields it agrees on, then the candidate's confidence,
    then text order; pairs are taken best first while both sides are free.
    """
    attrs = attrs or {}
    pairs = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            if ok(p, g):
                agree = sum(1 for f in attrs.values() if f(p, g))
                pairs.append((-agree, -float(p.get("confidence") or 0), pi, gi))
    pairs.sort()
    used_p, used_g, out = set(), set(), []
    for _, _, pi, gi in pairs:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            out.append((pi, gi))
    return sorted(out, key=lambda t: t[1])


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    """Counts for one kind: gold items, candidates, matched pairs, and per attribute right/scored."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        """Add another tally's counts to this one."""
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched
        for k, v in other.scored.items():
            self.scored[k] = self.scored.get(k, 0) + v
            self.right[k] = self.right.get(k, 0) + other.right.get(k, 0)
        self.missed += other.missed

    def summary(self) -> dict[str, Any]:
        """Precision, recall and attribute accuracies (None where nothing was there to divide by)."""
        p = self.matched / self.pred if self.pred else None
        r = self.matched / self.gold if self.gold else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and (p + r) > 0 else None
        acc = {k: {"right": self.right.get(k, 0), "of": n, "accuracy": self.right.get(k, 0) / n if n else None}
               for k, n in self.scored.items()}  # fmt: skip
        return {"gold": self.gold, "pred": self.pred, "matched": self.matched,
                "precision": p, "recall": r, "f1": f1, "attributes": acc}  # fmt: skip


SCORED = ("places", "casualty_reports", "events_type", "events_kind", "reactions")
LABELS = {
    "places": "places",
    "casualty_reports": "figures",
    "events_type": "events (ACLED type)",
    "events_kind": "events (event kind)",
    "reactions": "reactions",
}


def score_text(cands: dict[str, list[dict]], gold: dict, project_places: list[dict] | None = None) -> dict[str, Tally]:
    """Tallies for one text: the candidate file against its gold, per scored kind."""
    places = Places.build(gold["places"], project_places)
    rules: dict[str, tuple[str, Callable, dict]] = {
        "places": ("places", place_matches, ATTRIBUTES["places"]),
        "casualty_reports": ("casualty_reports", figure_matches, ATTRIBUTES["casualty_reports"]),
        "events_type": ("events", event_matcher(places, "event_type"), ATTRIBUTES["events"]),
        "events_kind": ("events", event_matcher(places, "event_kind"), {}),
        "reactions": ("reactions", reaction_matches, ATTRIBUTES["reactions"]),
    }
    out = {}
    for name, (kind, ok, attrs) in rules.items():
        preds = [c for c in cands.get(kind, []) if isinstance(c, dict)]
        golds = gold[kind]
        pairs = greedy_match(preds, golds, ok, attrs)
        t = Tally(gold=len(golds), pred=len(preds), matched=len(pairs))
        for a, f in attrs.items():
            t.scored[a] = len(pairs)
            t.right[a] = sum(1 for pi, gi in pairs if f(preds[pi], golds[gi]))
        hit = {gi for _, gi in pairs}
        t.missed = [f"{gold['doc_id']}:{g.get('ref', i)}" for i, g in enumerate(golds) if i not in hit]
        out[name] = t
    return out


def evidence_stats(cands: dict[str, list[dict]], text: str) -> dict[str, int]:
    """How many candidates there are, how many have verbatim evidence of at most 160 characters, the longest."""
    n = ok = longest = 0
    for kind in KINDS:
        for c in cands.get(kind, []):
            ev = c.get("evidence") if isinstance(c, dict) else None
            n += 1
            if isinstance(ev, str) and ev:
                longest = max(longest, len(ev))
                ok += int(len(ev) <= EVIDENCE_MAX and ev in text)
    return {"candidates": n, "verbatim": ok, "max_length": longest}


# ---------------------------------------------------------------- running the extractor


def run_library(text: str, published: date, doc_id: str, dataset: Any) -> dict:
    """The candidate file from ``qantar.extract.extract`` in this process."""
    from qantar.extract import extract

    return extract(text, published, doc_id=doc_id, dataset=dataset)


def run_cli(path: Path, published: date) -> dict:
    """The candidate file from ``qantar extract PATH --published DATE --format json`` (a new process)."""
    exe = Path(sys.executable).with_name("qantar")
    cmd = [str(exe) if exe.exists() else "qantar", "extract", str(path), "--published", published.isoformat()]
    proc = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]  # argparse puts the usage first
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {last[-400:]}")
    return json.loads(proc.stdout)


def _project_places() -> list[dict]:
    import csv

    with (ROOT / "data" / "places.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def run(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """Score every gold file; the results (JSON-ready) and the problems that kept files from being scored."""
    files, problems = load_gold(args.gold)
    dirs = text_dirs(args.texts)
    dataset = None
    if not args.no_dataset and not args.cli:
        from qantar import load

        dataset = load()
    project_places = _project_places()
    groups = {g: {k: Tally() for k in SCORED} for g in GROUPS}
    per_text, times, evid = [], [], {"candidates": 0, "verbatim": 0, "max_length": 0}
    missing = []
    for path, gold in files:
        tpath = find_text(gold, dirs)
        group = group_of(gold)
        if tpath is None:
            real_hint = f"pass --texts DIR or set {REAL_TEXTS_ENV} (folders separated by {os.pathsep!r})"
            hint = {
                "seed": " (set QANTAR_TEXTS_DIR to the seeds folder)",
                "real": f" (a real news text kept outside the repository: {real_hint})",
                LOCKED: f" (a text of the locked set, kept outside the repository: {real_hint})",
            }.get(group, "")
            missing.append(f"{path.name}: text {gold['text']} not found in {', '.join(map(str, dirs))}{hint}")
            continue
        raw = tpath.read_bytes()
        if gold.get("sha256") and hashlib.sha256(raw).hexdigest() != gold["sha256"]:
            problems.append(f"{path.name}: {tpath} has changed since the gold was made (sha256 differs)")
            continue
        text = raw.decode("utf-8")
        published = date.fromisoformat(gold["published"])
        t0 = time.perf_counter()
        try:
            cands = run_cli(tpath, published) if args.cli else run_library(text, published, gold["doc_id"], dataset)
        except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as exc:
            problems.append(f"{path.name}: the extractor failed: {exc}")
            continue
        secs = time.perf_counter() - t0
        times.append((secs, len(text)))
        tallies = score_text(cands, gold, project_places)
        for g in (group, "all") if group in IN_ALL else (group,):
            for k, t in tallies.items():
                groups[g][k].add(t)
        ev = evidence_stats(cands, text)
        evid["candidates"] += ev["candidates"]
        evid["verbatim"] += ev["verbatim"]
        evid["max_length"] = max(evid["max_length"], ev["max_length"])
        per_text.append(
            {
                "gold": path.name,
                "doc_id": gold["doc_id"],
                "origin": gold["origin"],
                "group": group,
                "chars": len(text),
                "seconds": secs,
                "evidence": ev,
                # The locked set's misses are counted, never listed (here or in --by-text): no list to tune on.
                "kinds": {
                    k: t.summary()
                    | ({"missed": [], "missed_not_listed": len(t.missed)} if group == LOCKED else {"missed": t.missed})
                    for k, t in tallies.items()
                },
            }
        )
    secs = [s for s, _ in times]
    per5k = [s * CHARS_PER_UNIT / max(n, 1) for s, n in times]
    result = {
        "extractor": "qantar extract --format json" if args.cli else "qantar.extract.extract",
        "dataset": "none" if (args.no_dataset or args.cli) else "project data/",
        "gold_files": len(files),
        "texts_scored": len(times),
        "texts_missing": missing,
        "groups": {g: {k: t.summary() for k, t in tallies.items()} for g, tallies in groups.items()},
        # Counted per report block: a locked text counts under "locked", not under "real".
        "texts_by_origin": {g: sum(1 for t in per_text if t["group"] == g) for g in (*ORIGINS, LOCKED)}
        | {"all": sum(1 for t in per_text if t["group"] in IN_ALL)},
        "evidence": evid | {"verbatim_rate": evid["verbatim"] / evid["candidates"] if evid["candidates"] else None},
        "time": {
            "max_seconds": max(secs, default=None),
            "mean_seconds": sum(secs) / len(secs) if secs else None,
            "seconds_per_5000_chars": sum(secs) * CHARS_PER_UNIT / sum(n for _, n in times) if times else None,
            "max_seconds_per_5000_chars": max(per5k, default=None),
        },
        "per_text": per_text,
    }
    return result, problems


# ---------------------------------------------------------------- printing


def _f(v: float | None, width: int = 6) -> str:
    return f"{'n/a':>{width}}" if v is None else f"{v:>{width}.2f}"


def report(result: dict[str, Any], by_text: bool) -> str:
    """The benchmark's plain-text report."""
    lines = [
        f"Extraction benchmark: {result['gold_files']} gold files, {result['texts_scored']} texts scored "
        f"(extractor: {result['extractor']}; dataset for hints: {result['dataset']})"
    ]
    lines += [f"  NOT scored: {m}" for m in result["texts_missing"]]
    for g in GROUPS:
        n = result["texts_by_origin"].get(g, result["texts_scored"])
        s = result["groups"][g]
        if g in ("real", LOCKED) and n == 0:
            lines += ["", f"{GROUP_NAMES[g]}: none scored (see NOT scored above)"]
            continue
        lines += [
            "",
            f"{GROUP_NAMES[g]} ({n}):",
            f"  {'kind':<22}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}",
        ]
        for k in SCORED:
            x = s[k]
            lines.append(
                f"  {LABELS[k]:<22}{x['gold']:>6}{x['pred']:>6}{x['matched']:>7} "
                f"{_f(x['precision'])} {_f(x['recall'])} {_f(x['f1'])}"
            )
        lines.append("  accuracy among matched items:")
        for k in SCORED:
            for a, v in s[k]["attributes"].items():
                acc = "n/a (nothing matched)" if v["accuracy"] is None else f"{v['accuracy']:.2f}"
                lines.append(f"    {LABELS[k] + ' ' + a:<36}{acc:>8}  ({v['right']}/{v['of']})")
    ev, tm = result["evidence"], result["time"]
    rate = "n/a (no candidates)" if ev["verbatim_rate"] is None else f"{ev['verbatim_rate']:.3f}"
    lines += [
        "",
        f"evidence: {ev['candidates']} candidates, verbatim and <= {EVIDENCE_MAX} chars: {rate}; "
        f"longest {ev['max_length']} chars",
        f"time per text: max {_f(tm['max_seconds'], 0)} s, mean {_f(tm['mean_seconds'], 0)} s; per 5,000 chars: "
        f"overall {_f(tm['seconds_per_5000_chars'], 0)} s, worst text {_f(tm['max_seconds_per_5000_chars'], 0)} s "
        "(target <= 2 s)",
    ]
    if by_text:
        lines += ["", "per text (matched/gold, candidates):"]
        for t in result["per_text"]:
            cells = "  ".join(
                f"{LABELS[k].split(' ')[0] + ('/kind' if k == 'events_kind' else '')} "
                f"{t['kinds'][k]['matched']}/{t['kinds'][k]['gold']},{t['kinds'][k]['pred']}"
                for k in SCORED
            )
            lines.append(f"  {t['gold']:<40} {t['chars']:>5} ch {t['seconds']:.3f} s  {cells}")
            missed = [m.split(":", 1)[1] for k in SCORED if k != "events_kind" for m in t["kinds"][k]["missed"]]
            hidden = sum(t["kinds"][k].get("missed_not_listed", 0) for k in SCORED if k != "events_kind")
            if hidden:
                lines.append(f"    locked: misses not listed ({hidden}; the locked set is never used to tune rules)")
            if missed:
                lines.append(f"    missed: {', '.join(missed)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Score the extractor on the gold files and print the figures; exit 1 when a gold file or a text is bad."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold *.json files (default: %(default)s)")
    ap.add_argument(
        "--texts",
        action="append",
        metavar="DIR[:DIR...]",
        help="look for texts in these folders first (repeatable; several folders separated by os.pathsep), then in "
        "benchmarks/gold/texts, $QANTAR_TEXTS_DIR and the $QANTAR_BENCH_TEXTS folders",
    )
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the report")
    ap.add_argument("--by-text", action="store_true", help="add a per-text breakdown with the missed gold items")
    ap.add_argument("--cli", action="store_true", help="run the `qantar extract --format json` command on each text")
    ap.add_argument("--no-dataset", action="store_true", help="extract without the project's dataset (no id hints)")
    args = ap.parse_args(argv)
    args.texts = [d for value in args.texts or [] for d in split_folders(value)]
    if not args.gold.is_dir():
        print(f"bench_extract: gold folder {args.gold} not found", file=sys.stderr)
        return 1
    result, problems = run(args)
    if args.json:
        print(json.dumps(result | {"problems": problems}, indent=2))
    else:
        print(report(result, args.by_text), end="")
    for p in problems:
        print(f"bench_extract: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
