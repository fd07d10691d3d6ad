"""Benchmark: loading the full Phoenix PETRARCH dictionaries (time and memory).

    python bench/bench_petrarch_load.py [PHOENIX_FOLDER] [--rounds N]

PHOENIX_FOLDER holds CAMEO.2.0.txt, Phoenix.agents.txt and the Phoenix.*.actors.txt files (default:
../shared/reference/phoenix beside the repository). Each round loads them in a fresh Python process and
prints the wall time of the load and the process's peak resident memory (the interpreter included) and what
the dictionaries added to it; then the same for building the whole PETRARCH-mode coder (spaCy model included).
The issue's limits: under 10 s and 600 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "reference" / "phoenix"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
folder, whole = Path(sys.argv[1]), sys.argv[2] == "coder"
actors = sorted(folder.glob("Phoenix.*.actors.txt"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if whole:
    from eventwire.pipeline import Coder
    coder = Coder.from_files(actors=actors, agents=folder / "Phoenix.agents.txt", verbs=folder / "CAMEO.2.0.txt")
    d = coder.dictionaries
else:
    from eventwire.petrarch.load import load_dictionaries
    d = load_dictionaries(actors, [folder / "Phoenix.agents.txt"], [folder / "CAMEO.2.0.txt"])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "added_mb": (peak - before) / 1024,
                  "problems": len(d.problems), "counts": d.report.counts}))
"""


def run(folder: Path, what: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), what], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (args.folder / "CAMEO.2.0.txt").is_file():
        sys.exit(f"no Phoenix dictionaries in {args.folder}")
    for what in ("dictionaries", "coder"):
        runs = [run(args.folder, what) for _ in range(args.rounds)]
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        added = max(r["added_mb"] for r in runs)
        print(f"{what:12s} load {seconds:5.2f} s (median of {args.rounds})   peak RSS {peak:6.1f} MB   "
              f"added by the load {added:6.1f} MB")
    print(f"read: {runs[-1]['counts']}; lines reported as errors: {runs[-1]['problems']}")


if __name__ == "__main__":
    main()
