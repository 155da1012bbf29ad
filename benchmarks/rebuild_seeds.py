"""Rebuild the hand-built dataset from the five seed texts through the workflow, and say how much typing it took.

Usage: .venv/bin/python benchmarks/rebuild_seeds.py [--data DIR] [--texts DIR] [--keep DIR] [--json]
                                                    [--drop TABLE:ID ...]

Prints figures; asserts nothing (tests/test_rebuild_seeds.py does). Issue 18: "Run against the five seeds with empty
tables, then reviewed, the workflow rebuilds the hand-built dataset's facts."

1. A temporary copy of the data package (``--data``, default the project's ``data/``) with EVERY table emptied to its
   header: sources, places, events, casualty_reports, reactions, citations, wordings and review_log. Sources rows
   come back from ``qantar add-text`` (publication date, outlet and headline of the hand-built row given on the
   command line; the bases, language and retrieval day are add-text's own); places come back from candidates or
   are added by hand like any other row. The texts go into a new, empty texts folder. Wordings are not rebuilt:
   no workflow step writes them.
2. For each seed text, in the order of sources.csv: ``qantar add-text``, ``qantar extract --format json`` (with
   the rebuilt-so-far package as its dataset, so its hints are the ones a reviewer would see), a scripted reviewer
   that replays the hand-built record as a person's decisions, then ``qantar accept`` of the decided file: all real
   commands, one process each.
3. The rebuilt tables are compared with the hand-built ones, and ``qantar validate`` runs on the rebuilt package.

The scripted reviewer. A text "covers" the hand-built rows that give it as ``doc_id``, the rows a ``citations.csv``
row of it cites, and the places those rows refer to. Candidates are matched one-to-one to the covered rows of their
table with the benchmark's rules (``benchmarks/bench_extract.py``: place on id, GeoNames id or name; figure on
measure and value; event on overlapping dates, same place and same event kind, then the events left over on the same
ACLED type; reaction on actor and overlapping dates), the hand-built rows made into gold items by
``benchmarks/gold/make_seed_gold.py``.
  * matched, the row not yet rebuilt: ``accept`` when every coded column already holds the hand-built value,
    else ``edit`` to the hand-built values (the edited columns are counted);
  * matched, the row already rebuilt from an earlier text: ``accept`` with ``duplicate_of`` (a citation), for
    events, figures and reactions; a place is rejected ("already in places.csv": the hand-built record cites no
    text for a place beyond its own);
  * matched nothing: ``reject`` with a reason;
  * a covered row no candidate matched: ``add`` (by hand, ``"rule": ""``) with the hand-built values, or, when
    the row exists already, an added citation (``add`` with ``duplicate_of``).
A row is made by the first text that covers it; later texts cite it. Evidence: a matched candidate keeps its own
(verbatim, checked by accept); a row or citation added by hand quotes the hand-built evidence for that text (a place
the text's rows refer to, the evidence of the first such row).

Columns. Coded (compared, and replayed as edits): every column except the id (a place's id IS compared: other rows
refer to it), ``doc_id``, ``evidence`` and the prose a person writes in their own words (events description and
variant_note, casualty_reports notes, reactions summary, places notes). Prose is neither compared nor replayed,
except that a required prose column a candidate leaves empty gets the hand-built text (counted as an edit).
A column the review app offers as a choice (a vocabulary or true/false) is "picked"; any other edit is "typed".

The comparison, per table, of the multiset of fact keys: the coded columns (numbers compared as numbers); a
figure's ``event_id`` replaced by the key of the event it names; and, for events, figures and reactions, the set
of texts that cite the fact (its ``doc_id`` and its citations), texts identified by SHA-256. Ids, order, evidence
and prose are not compared. ``--drop TABLE:ID`` leaves a hand-built row out of the replay (the rebuild must then
fail to reproduce it: how the test checks that the comparison can fail).

Exit status: 0 when the facts are reproduced and the rebuilt package validates, 1 when not, 2 when the seed texts
or the data are missing or a command fails.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FACT_TABLES = ("places", "events", "casualty_reports", "reactions")  # the candidate file's tables, in accept's order
PRIMARY_KEYS = {"places": "place_id", "events": "event_id", "casualty_reports": "report_id", "reactions": "reaction_id"}
# Prose a person writes in their own words: not compared, not replayed (see the module docstring).
PROSE = {
    "places": ("notes",),
    "events": ("description", "variant_note"),
    "casualty_reports": ("notes",),
    "reactions": ("summary",),
}
# Columns holding the id of another record (a place's id is kept by accept; other ids are assigned anew).
REFERENCES = {
    "places": {"parent_id": "places"},
    "events": {"place_id": "places"},
    "casualty_reports": {"scope_place_id": "places", "event_id": "events"},
    "reactions": {"actor_for": "places", "counterpart_for": "places"},
}
REVIEWER = "rebuild_seeds (scripted replay of the hand-built record)"
HAND = "by_hand"  # candidate_id prefix of rows and citations added by hand


class RebuildError(Exception):
    """The rebuild could not run (a missing text, a command that failed): the message says which and why."""


def _module(path: Path, name: str) -> Any:
    """Import a benchmark script by path (benchmarks/ is no package); one definition of each matching rule."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


bench = _module(ROOT / "benchmarks" / "bench_extract.py", "bench_extract")
gold = _module(ROOT / "benchmarks" / "gold" / "make_seed_gold.py", "make_seed_gold")


# ---------------------------------------------------------------- tables and columns


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV file's header and rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


@dataclass
class Schema:
    """Per table: the header, each column's type, and which columns are choices (a vocabulary or true/false)."""

    headers: dict[str, list[str]]
    types: dict[str, dict[str, str]]
    choices: dict[str, set[str]]
    paths: dict[str, str]

    @classmethod
    def read(cls, data: Path) -> "Schema":
        """The schema of the data package in ``data``."""
        desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
        headers, types, choices, paths = {}, {}, {}, {}
        for res in desc["resources"]:
            fields = res["schema"]["fields"]
            headers[res["name"]] = [f["name"] for f in fields]
            types[res["name"]] = {f["name"]: f.get("type", "string") for f in fields}
            choices[res["name"]] = {
                f["name"] for f in fields if f.get("constraints", {}).get("enum") or f.get("type") == "boolean"
            }
            paths[res["name"]] = res["path"]
        return cls(headers, types, choices, paths)

    def coded(self, table: str) -> list[str]:
        """The columns compared and replayed (see the module docstring)."""
        skip = {"doc_id", "evidence", *PROSE[table]}
        if table != "places":
            skip.add(PRIMARY_KEYS[table])
        return [c for c in self.headers[table] if c not in skip]

    def required_prose(self, table: str, data: Path) -> list[str]:
        """The prose columns the schema requires (a candidate must fill them to be accepted)."""
        desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
        res = next(r for r in desc["resources"] if r["name"] == table)
        req = {f["name"] for f in res["schema"]["fields"] if f.get("constraints", {}).get("required")}
        return [c for c in PROSE[table] if c in req]

    def norm(self, table: str, column: str, value: Any) -> str:
        """A cell as compared: numbers as numbers ("43.25" = 43.25), true/false in lower case, text stripped."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        s = str(value).strip()
        kind = self.types[table].get(column)
        if kind in ("integer", "number") and s:
            try:
                return repr(float(s))
            except ValueError:
                return s
        if kind == "boolean":
            return s.lower()
        return s


# ---------------------------------------------------------------- the hand-built record


@dataclass
class Record:
    """The hand-built dataset: fact tables by id, citations by document, sources."""

    schema: Schema
    rows: dict[str, list[dict[str, str]]]
    citations: list[dict[str, str]]
    sources: list[dict[str, str]]
    wordings: int

    @classmethod
    def read(cls, data: Path) -> "Record":
        """The hand-built record of the seed texts in ``data``.

        Seeds are the texts published by the main days' end (settings.DEFAULT_END, as make_seed_gold has it); the
        later texts (data 0.3.0) came in through the workflow itself, so their rows are not replayed here.
        """
        from qantar import settings

        schema = Schema.read(data)
        sources = [
            s
            for s in read_csv(data / schema.paths["sources"])[1]
            if s["published_date"] <= settings.DEFAULT_END.isoformat()
        ]
        seeds = {s["doc_id"] for s in sources}
        rows = {t: [r for r in read_csv(data / schema.paths[t])[1] if r["doc_id"] in seeds] for t in FACT_TABLES}
        wordings = [r for r in read_csv(data / schema.paths["wordings"])[1] if r["doc_id"] in seeds]
        return cls(
            schema,
            rows,
            [c for c in read_csv(data / schema.paths["citations"])[1] if c["doc_id"] in seeds],
            sources,
            len(wordings),
        )

    def row(self, table: str, rid: str) -> dict[str, str]:
        """The hand-built row ``rid`` of ``table``."""
        return next(r for r in self.rows[table] if r[PRIMARY_KEYS[table]] == rid)

    def covered(self, doc: str, drop: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """The rows a text covers: (table, id) -> (how: own/cited/referenced, the evidence for it in this text)."""
        out: dict[tuple[str, str], tuple[str, str]] = {}
        for t in FACT_TABLES:
            for r in self.rows[t]:
                if r["doc_id"] == doc:
                    out[(t, r[PRIMARY_KEYS[t]])] = ("own", r["evidence"])
        for c in self.citations:
            if c["doc_id"] == doc and (c["table"], c["record_id"]) not in out:
                out[(c["table"], c["record_id"])] = ("cited", c["evidence"])
        out = {k: v for k, v in out.items() if k not in drop}
        todo = list(out)
        while todo:  # the places (and parents) the covered rows refer to, quoting the referring row's evidence
            t, rid = todo.pop()
            r = self.row(t, rid)
            for col, target in REFERENCES[t].items():
                key = (target, r[col])
                if r[col] and key not in out and key not in drop:
                    out[key] = ("referenced", out[(t, rid)][1])
                    todo.append(key)
        return out

    def gold_item(self, table: str, row: dict[str, str], countries: dict[str, int]) -> dict:
        """A hand-built row as the benchmark's gold item (make_seed_gold's conversion)."""
        if table == "places":
            return gold.place_item(row, countries)
        if table == "events":
            return gold.event_item(row)
        if table == "casualty_reports":
            return gold.figure_item(row)
        return gold.reaction_item(row)


def match_rules(table: str, gold_places: list[dict], project_places: list[dict]) -> list[Any]:
    """The benchmark's matching rules for a table, tried in turn: events on the project's event kind first, then the
    events left over on the ACLED type alone (the issue's "the same event kind or ACLED type")."""
    if table == "places":
        return [bench.place_matches]
    if table == "casualty_reports":
        return [bench.figure_matches]
    if table == "reactions":
        return [bench.reaction_matches]
    places = bench.Places.build(gold_places, project_places)
    return [bench.event_matcher(places, "event_kind"), bench.event_matcher(places, "event_type")]


def match(preds: list[dict], golds: list[dict], rules: list[Any], attrs: dict) -> dict[int, tuple[int, int]]:
    """One-to-one matching with the benchmark's greedy_match, rule by rule on what is left: pred -> (gold, rule)."""
    out: dict[int, tuple[int, int]] = {}
    for n, rule in enumerate(rules):
        free_p = [i for i in range(len(preds)) if i not in out]
        taken = {g for g, _ in out.values()}
        free_g = [i for i in range(len(golds)) if i not in taken]
        pairs = bench.greedy_match([preds[i] for i in free_p], [golds[i] for i in free_g], rule, attrs)
        out.update({free_p[pi]: (free_g[gi], n) for pi, gi in pairs})
    return out


# ---------------------------------------------------------------- running the commands


def qantar(*args: str, env: dict[str, str]) -> str:
    """Run ``qantar ARGS`` as its own process (the real command line); its stdout, or a RebuildError."""
    exe = Path(sys.executable).with_name("qantar")
    cmd = [str(exe) if exe.exists() else "qantar", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)
    if proc.returncode != 0:
        raise RebuildError(f"qantar {' '.join(args)} exited {proc.returncode}:\n{proc.stderr.strip()[-3000:]}")
    return proc.stdout


def empty_package(src: Path, dest: Path) -> Schema:
    """Copy the data package in ``src`` to ``dest`` (a new folder) with every table cut to its header."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*"))
    schema = Schema.read(dest)
    for path in schema.paths.values():
        with (src / path).open(encoding="utf-8", newline="") as fh:
            header = fh.readline()
        (dest / path).write_text(header, encoding="utf-8", newline="")
    return schema


# ---------------------------------------------------------------- the scripted reviewer


@dataclass
class Tally:
    """Per table: what the reviewer did."""

    hand: int = 0
    candidates: int = 0
    accepted: int = 0  # as proposed
    edited: int = 0
    edited_picked_only: int = 0  # edited, but only in columns offered as choices
    rejected: int = 0
    added: int = 0  # rows typed by hand
    cited: int = 0  # a candidate accepted as a citation of a row rebuilt from an earlier text
    cited_by_hand: int = 0
    second_rule: int = 0  # events matched on the ACLED type alone (their event kind differs)
    columns: Counter = field(default_factory=Counter)  # edited column -> how many rows
    reasons: Counter = field(default_factory=Counter)
    edits: list = field(default_factory=list)  # (text, candidate_id, hand-built id, column, proposed, hand-built value)

    def as_dict(self) -> dict[str, Any]:
        """The tally as JSON-ready numbers."""
        d = {k: v for k, v in self.__dict__.items() if isinstance(v, int)}
        return d | {
            "columns": dict(self.columns.most_common()),
            "reasons": dict(self.reasons.most_common()),
            "edits": self.edits,
        }


@dataclass
class State:
    """What the rebuild has written so far: hand-built (table, id) -> rebuilt id."""

    rebuilt: dict[tuple[str, str], str] = field(default_factory=dict)


def review(
    cands: dict[str, list[dict]],
    record: Record,
    doc: str,
    new_doc: str,
    state: State,
    drop: set[tuple[str, str]],
    tallies: dict[str, Tally],
    data: Path,
    countries: dict[str, int],
) -> tuple[dict[str, list[dict]], dict[str, tuple[str, str]]]:
    """Decide every candidate of one text as the hand-built record says; the decided file and what each became.

    The second value maps each decided candidate_id to the hand-built (table, id) it writes (for the id map).
    """
    schema = record.schema
    covered = record.covered(doc, drop)
    out: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    creates: dict[tuple[str, str], str] = {}  # hand-built (table, id) made in this file -> its candidate_id
    pending: list[tuple[str, dict, dict]] = []  # (table, candidate, hand row) to be given the hand-built values
    all_places = record.rows["places"]
    gold_places = [record.gold_item("places", p, countries) for p in all_places]
    for t in FACT_TABLES:
        preds = [c for c in cands.get(t, []) if isinstance(c, dict)]
        tallies[t].candidates += len(preds)
        rows = [record.row(t, rid) for (tt, rid) in covered if tt == t]
        items = [record.gold_item(t, r, countries) for r in rows]
        rules = match_rules(t, gold_places, all_places)
        matched = match(preds, items, rules, bench.ATTRIBUTES.get(t, {}))
        pairs = {pi: gi for pi, (gi, _) in matched.items()}
        hit = set(pairs.values())
        tallies[t].second_rule += sum(1 for _, n in matched.values() if n > 0)
        others = [
            (r, record.gold_item(t, r, countries))
            for r in record.rows[t]
            if (t, r[PRIMARY_KEYS[t]]) not in covered and (t, r[PRIMARY_KEYS[t]]) not in drop
        ]
        for pi, cand in enumerate(preds):
            cand = dict(cand, doc_id=new_doc)
            cand.pop("duplicate_of", None)  # the extractor's hint; the reviewer decides
            gi = pairs.get(pi)
            if gi is None:
                elsewhere = next((r for r, g in others if any(ok(cand, g) for ok in rules)), None)
                kind = (
                    "a fact the hand-built record takes from another text"
                    if elsewhere
                    else "not in the hand-built record"
                )
                why = f"{kind} ({elsewhere[PRIMARY_KEYS[t]]})" if elsewhere else kind
                out[t].append(cand | {"decision": "reject", "reason": why})
                tallies[t].rejected += 1
                tallies[t].reasons[kind] += 1
                continue
            row = rows[gi]
            key = (t, row[PRIMARY_KEYS[t]])
            how = covered[key][0]
            if key in state.rebuilt:
                if t == "places" or how == "referenced":
                    why = f"already recorded as {state.rebuilt[key]}; the hand-built record cites no more for it"
                    out[t].append(cand | {"decision": "reject", "reason": why})
                    tallies[t].rejected += 1
                    tallies[t].reasons["already recorded"] += 1
                else:
                    out[t].append(cand | {"decision": "accept", "duplicate_of": state.rebuilt[key]})
                    tallies[t].cited += 1
                continue
            creates[key] = cand["candidate_id"]
            pending.append((t, cand, row))
            out[t].append(cand)
        for gi, row in enumerate(rows):
            key = (t, row[PRIMARY_KEYS[t]])
            if gi in hit:
                continue
            how, evidence = covered[key]
            cid = f"{HAND}:{t}:{key[1]}"
            if key in state.rebuilt:
                if t != "places" and how != "referenced":
                    out[t].append(
                        {
                            "candidate_id": cid,
                            "decision": "add",
                            "duplicate_of": state.rebuilt[key],
                            "evidence": evidence,
                        }
                    )
                    tallies[t].cited_by_hand += 1
                continue
            cand = {c: "" for c in schema.headers[t]} | {"candidate_id": cid, "doc_id": new_doc, "evidence": evidence}
            cand.update({c: row[c] for c in PROSE[t]})
            creates[key] = cid
            pending.append((t, cand, row))
            out[t].append(cand)
    # The hand-built values, with references to rows made in this file given as their candidate_id.
    for t, cand, row in pending:
        by_hand = cand["candidate_id"].startswith(f"{HAND}:")
        edited: list[str] = []
        for col in schema.coded(t):
            want = row[col]
            target = REFERENCES[t].get(col)
            if want and target and target != "places":
                ref = (target, want)
                want = state.rebuilt.get(ref) or creates.get(ref) or want
            if schema.norm(t, col, cand.get(col)) != schema.norm(t, col, want):
                if not by_hand:
                    tallies[t].edits.append([doc, cand["candidate_id"], row[PRIMARY_KEYS[t]], col, cand.get(col), want])
                cand[col] = want
                edited.append(col)
        if by_hand:
            cand.update({"decision": "add", "rule": ""})
            tallies[t].added += 1
            continue
        for col in schema.required_prose(t, data):
            if not str(cand.get(col) or "").strip():
                cand[col] = row[col]
                edited.append(col)
        ev = cand.get("evidence")
        if not isinstance(ev, str) or not ev.strip():
            cand["evidence"] = covered[(t, row[PRIMARY_KEYS[t]])][1]
            edited.append("evidence")
        if t != "places":
            cand[PRIMARY_KEYS[t]] = ""
        if edited:
            cand["decision"] = "edit"
            tallies[t].edited += 1
            tallies[t].columns.update(edited)
            if set(edited) <= schema.choices[t]:
                tallies[t].edited_picked_only += 1
        else:
            cand["decision"] = "accept"
            tallies[t].accepted += 1
    return out, {cid: key for key, cid in creates.items()}


# ---------------------------------------------------------------- comparing the rebuilt tables


def fact_keys(
    schema: Schema, rows: dict[str, list[dict]], citations: list[dict], doc_key: dict[str, str]
) -> dict[str, Counter]:
    """Per table, the multiset of fact keys (coded columns, the cited event's key, the citing texts)."""
    cited: dict[tuple[str, str], set[str]] = {}
    for c in citations:
        cited.setdefault((c["table"], c["record_id"]), set()).add(doc_key.get(c["doc_id"], c["doc_id"]))
    keys: dict[str, Counter] = {}
    event_key: dict[str, tuple] = {}
    for t in FACT_TABLES:
        keys[t] = Counter()
        for r in rows[t]:
            k: list[Any] = []
            for col in schema.coded(t):
                if t == "casualty_reports" and col == "event_id":
                    k.append(event_key.get(r[col], r[col]))
                else:
                    k.append(schema.norm(t, col, r[col]))
            if t != "places":
                rid = r[PRIMARY_KEYS[t]]
                docs = {doc_key.get(r["doc_id"], r["doc_id"])} | cited.get((t, rid), set())
                k.append(tuple(sorted(docs)))
            key = tuple(k)
            keys[t][key] += 1
            if t == "events":
                event_key[r["event_id"]] = key
    return keys


def compare(record: Record, rebuilt: Path) -> dict[str, Any]:
    """Per table: hand-built facts missing from the rebuild and rebuilt facts the hand-built record lacks."""
    schema = record.schema
    rows = {t: read_csv(rebuilt / schema.paths[t])[1] for t in FACT_TABLES}
    citations = read_csv(rebuilt / schema.paths["citations"])[1]
    sources = read_csv(rebuilt / schema.paths["sources"])[1]
    # Texts are the same text when their bytes are: a rebuilt doc id stands for the hand-built id of its SHA-256.
    hand_doc = {s["sha256"]: s["doc_id"] for s in record.sources}
    hand = fact_keys(schema, record.rows, record.citations, {d: d for d in hand_doc.values()})
    new = fact_keys(schema, rows, citations, {s["doc_id"]: hand_doc.get(s["sha256"], s["sha256"]) for s in sources})
    out: dict[str, Any] = {}
    for t in FACT_TABLES:
        missing, extra = hand[t] - new[t], new[t] - hand[t]
        cols = schema.coded(t) + ([] if t == "places" else ["cited_by"])

        def show(k: tuple, cols: list[str] = cols) -> str:
            return ", ".join(f"{c}={v}" for c, v in zip(cols, k, strict=True) if v not in ("", ()))[:300]

        out[t] = {
            "hand": sum(hand[t].values()),
            "rebuilt": sum(new[t].values()),
            "reproduced": sum((hand[t] & new[t]).values()),
            "missing": [show(k) for k in missing.elements()],
            "extra": [show(k) for k in extra.elements()],
        }
    return out


# ---------------------------------------------------------------- the run


def rebuild(
    data: Path, texts: Path, work: Path, drop: set[tuple[str, str]] | None = None, log: Any = None
) -> dict[str, Any]:
    """Rebuild ``data``'s facts from the texts in ``texts`` into ``work`` (a new folder); the figures."""
    drop = drop or set()
    record = Record.read(data)
    for t, rid in drop:
        if t not in FACT_TABLES or not any(r[PRIMARY_KEYS[t]] == rid for r in record.rows[t]):
            raise RebuildError(f"--drop {t}:{rid}: no such hand-built row")
    missing = [s["doc_id"] for s in record.sources if not (texts / f"{s['doc_id']}.txt").is_file()]
    if missing:
        raise RebuildError(f"seed texts not found in {texts}: {', '.join(missing)} (set QANTAR_TEXTS_DIR)")
    new_data, new_texts, files = work / "data", work / "texts", work / "candidates"
    empty_package(data, new_data)
    new_texts.mkdir()
    files.mkdir()
    env = dict(os.environ)
    env.update(
        {
            "QANTAR_DATA_DIR": str(new_data),
            "QANTAR_TEXTS_DIR": str(new_texts),
            "QANTAR_REVIEWER": REVIEWER,
        }
    )
    env.pop("QANTAR_DEBUG", None)
    countries = gold._country_geonames()
    tallies = {t: Tally(hand=len(record.rows[t])) for t in FACT_TABLES}
    state = State()
    doc_map: dict[str, str] = {}
    for src in record.sources:
        doc = src["doc_id"]
        path = texts / f"{doc}.txt"
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        args = ["add-text", str(path), "--published", src["published_date"], "--outlet", src["outlet"]]
        args += ["--title", src["headline"]] + (["--url", src["url"]] if src.get("url") else [])
        qantar(*args, "--data-dir", str(new_data), "--texts-dir", str(new_texts), env=env)
        new_doc = next(s["doc_id"] for s in read_csv(new_data / "sources.csv")[1] if s["sha256"] == sha)
        doc_map[doc] = new_doc
        extracted = qantar(
            "extract",
            str(new_texts / f"{new_doc}.txt"),
            "--published",
            src["published_date"],
            "--format",
            "json",
            "--doc-id",
            new_doc,
            env=env,
        )
        decided, made = review(json.loads(extracted), record, doc, new_doc, state, drop, tallies, data, countries)
        cfile = files / f"{new_doc}.json"
        cfile.write_text(json.dumps(decided, ensure_ascii=False, indent=1), encoding="utf-8")
        qantar(
            "accept",
            str(cfile),
            "--doc-id",
            new_doc,
            "--data-dir",
            str(new_data),
            "--texts-dir",
            str(new_texts),
            env=env,
        )
        for entry in read_csv(new_data / "review_log.csv")[1]:
            if entry["doc_id"] == new_doc and entry["candidate_id"] in made and entry["record_id"]:
                state.rebuilt[made[entry["candidate_id"]]] = entry["record_id"]
        if log:
            n = {t: len(v) for t, v in decided.items()}
            log(f"  {doc} -> {new_doc}: decided {n}")
    try:
        qantar("validate", "--data-dir", str(new_data), "--texts-dir", str(new_texts), env=env)
        valid, problems = True, []
    except RebuildError as exc:
        valid, problems = False, str(exc).splitlines()[:40]
    comparison = compare(record, new_data)
    reproduced = all(not c["missing"] and not c["extra"] for c in comparison.values())
    return {
        "texts": doc_map,
        "tables": {t: tallies[t].as_dict() for t in FACT_TABLES},
        "comparison": comparison,
        "reproduced": reproduced,
        "valid": valid,
        "validate_output": problems,
        "not_rebuilt": {"wordings": record.wordings},
        "dropped": sorted(f"{t}:{i}" for t, i in drop),
        "review_log": len(read_csv(new_data / "review_log.csv")[1]),
    }


def report(result: dict[str, Any]) -> str:
    """The printed figures."""
    tabs, cmp_ = result["tables"], result["comparison"]
    lines = [
        f"Rebuild from {len(result['texts'])} seed texts with empty tables: qantar add-text -> qantar extract "
        "--format json -> scripted review (the hand-built record replayed) -> qantar accept",
        "",
        f"  {'table':<18}{'hand':>6}{'cands':>7}{'as-is':>7}{'edited':>8}{'reject':>8}{'by hand':>9}"
        f"{'cited':>7}{'cited by hand':>15}",
    ]
    tot = Counter()
    for t in FACT_TABLES:
        x = tabs[t]
        lines.append(
            f"  {t:<18}{x['hand']:>6}{x['candidates']:>7}{x['accepted']:>7}{x['edited']:>8}{x['rejected']:>8}"
            f"{x['added']:>9}{x['cited']:>7}{x['cited_by_hand']:>15}"
        )
        tot.update({k: v for k, v in x.items() if isinstance(v, int)})
    lines.append(
        f"  {'all':<18}{tot['hand']:>6}{tot['candidates']:>7}{tot['accepted']:>7}{tot['edited']:>8}"
        f"{tot['rejected']:>8}{tot['added']:>9}{tot['cited']:>7}{tot['cited_by_hand']:>15}"
    )
    lines.append(
        f"  events matched on the ACLED type alone, their event kind another: {tabs['events']['second_rule']} "
        "(matched on the event kind first, then on the type)"
    )
    lines += ["", "  most-edited columns (rows edited in that column):"]
    for t in FACT_TABLES:
        cols = ", ".join(f"{c} {n}" for c, n in list(tabs[t]["columns"].items())[:6]) or "none"
        lines.append(f"    {t:<18}{cols}")
    lines += ["", "  rejection reasons:"]
    for t in FACT_TABLES:
        why = "; ".join(f"{r} ({n})" for r, n in tabs[t]["reasons"].items()) or "none"
        lines.append(f"    {t:<18}{why}")
    written = tot["accepted"] + tot["edited"] + tot["added"]
    picked = tot["accepted"] + tot["edited_picked_only"]
    cites = tot["cited"] + tot["cited_by_hand"]

    def share(a: int, b: int) -> str:
        return f"{a} of {b} ({100 * a / b:.0f}%)" if b else "n/a"

    lines += [
        "",
        f"  rows written: {written}; accepted as proposed {share(tot['accepted'], written)}; needing no typing "
        f"(as proposed, or changed only by picking from a list) {share(picked, written)}",
        f"  citations: {cites}; from a candidate, no typing {share(tot['cited'], cites)}",
        "",
        "  facts compared (coded columns, the cited event, the citing texts; not ids, order, evidence, prose):",
    ]
    for t in FACT_TABLES:
        c = cmp_[t]
        lines.append(f"    {t:<18}{c['reproduced']:>3} of {c['hand']:>3} hand-built reproduced; rebuilt {c['rebuilt']}")
        lines += [f"      MISSING: {m}" for m in c["missing"]]
        lines += [f"      EXTRA:   {m}" for m in c["extra"]]
    lines += [
        f"  facts reproduced: {'yes' if result['reproduced'] else 'NO'}; qantar validate on the rebuilt package: "
        f"{'passed' if result['valid'] else 'FAILED'}; review log: {result['review_log']} decisions",
        f"  not rebuilt: wordings ({result['not_rebuilt']['wordings']} hand-built rows; no workflow step writes them)",
    ]
    if result["dropped"]:
        lines.append(f"  left out of the replay on purpose (--drop): {', '.join(result['dropped'])}")
    if not result["valid"]:
        lines += [f"    {x}" for x in result["validate_output"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rebuild and print the figures; exit 0 when reproduced and valid, 1 when not, 2 when it could not run."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, default=ROOT / "data", help="the hand-built data package (default: %(default)s)"
    )
    ap.add_argument("--texts", type=Path, help="the seed texts (default: $QANTAR_TEXTS_DIR)")
    ap.add_argument("--keep", type=Path, help="build the rebuilt package in this new folder and keep it")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--drop", action="append", default=[], metavar="TABLE:ID", help="leave a hand-built row out")
    args = ap.parse_args(argv)
    texts = args.texts or (Path(os.environ["QANTAR_TEXTS_DIR"]) if os.environ.get("QANTAR_TEXTS_DIR") else None)
    if texts is None or not texts.is_dir():
        print("rebuild_seeds: the seed texts are needed: set QANTAR_TEXTS_DIR or pass --texts", file=sys.stderr)
        return 2
    drop = set()
    for d in args.drop:
        t, _, rid = d.partition(":")
        drop.add((t, rid))
    if args.keep and args.keep.exists():
        print(f"rebuild_seeds: --keep {args.keep} exists; give a new folder", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="qantar-rebuild-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = rebuild(args.data, texts, work, drop, log=None if args.json else lambda m: print(m, file=sys.stderr))
    except RebuildError as exc:
        print(f"rebuild_seeds: {exc}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1) if args.json else report(result), end="\n" if args.json else "")
    return 0 if result["reproduced"] and result["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
