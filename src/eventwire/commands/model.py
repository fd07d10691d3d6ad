"""`eventwire model info [PATH]`: what an event model was trained on, when, and how it scored."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("model", help="show the event model's provenance",
                              description="Facts about an event model: the data it was trained on, its size, "
                              "date, settings and cross-validated scores.")
    sub = p.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    info = sub.add_parser("info", help="print the model's provenance")
    info.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a model file (default: the shipped one)")
    info.add_argument("--json", action="store_true", help="print it as one JSON object")
    info.set_defaults(func=run_info)


def run_info(args: argparse.Namespace) -> int:
    from eventwire.model.event_model import EventModel, ModelFileError

    path = args.path or EventModel.default_path()
    try:
        model = EventModel.load(path)
    except ModelFileError as exc:
        print(f"eventwire model info: {exc}", file=sys.stderr)
        return 2
    facts = {"path": str(path), "size_mb": round(Path(path).stat().st_size / 1e6, 2),
             "features": len(model.events.vocabulary), "threshold": model.threshold,
             "story_stage": model.stories is not None,
             "story_threshold": model.story_threshold if model.stories is not None else None, **model.provenance}
    if args.json:
        print(json.dumps(facts))
        return 0
    for key, value in facts.items():
        print(f"{key:22s} {json.dumps(value) if isinstance(value, (dict, list)) else value}")
    return 0
