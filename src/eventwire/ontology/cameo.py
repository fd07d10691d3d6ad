"""The CAMEO code table (data/ontology/cameo.tsv): names, Goldstein scores, QuadClass and PLOVER type/mode."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# PLOVER 2021 names as the CAMEO2PLOVER table gives them, and the v0.5 names our gold and scorer use.
PLOVER_V05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    plover_mode: str | None


def quad_class_of(code: str) -> int | None:
    try:
        root = int(code[:2])
    except ValueError:
        return None
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


def default_cameo_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "ontology" / "cameo.tsv"))


class CameoTable:
    """Lookup of CAMEO codes; an unknown code falls back to its nearest known parent for scores and types."""

    def __init__(self, codes: dict[str, CameoCode]):
        self._codes = codes

    @classmethod
    def load(cls, path: Path | None = None) -> CameoTable:
        codes: dict[str, CameoCode] = {}
        with open(path or default_cameo_path(), encoding="utf-8", newline="") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            for row in rows:
                code = row["code"].strip()
                if not code:
                    continue
                gold = row.get("goldstein", "").strip()
                plover = (row.get("plover") or "").strip().upper() or None
                codes[code] = CameoCode(
                    code=code,
                    name=(row.get("name") or "").strip(),
                    goldstein=float(gold) if gold else None,
                    quad_class=quad_class_of(code),
                    plover=PLOVER_V05.get(plover, plover) if plover else None,
                    plover_mode=(row.get("plover_mode") or "").strip() or None,
                )
        return cls(codes)

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def get(self, code: str) -> CameoCode:
        """The entry for `code`, borrowing missing fields from its parents (0211 -> 021 -> 02)."""
        entry = self._codes.get(code)
        parents = [self._codes[c] for c in (code[:3], code[:2]) if c in self._codes and c != code]
        if entry is None:
            if not parents:
                return CameoCode(code, "", None, quad_class_of(code), None, None)
            base = parents[0]
            entry = CameoCode(code, base.name, base.goldstein, quad_class_of(code), base.plover, base.plover_mode)
        if entry.plover is None or entry.goldstein is None:
            for parent in parents:
                entry = CameoCode(entry.code, entry.name, entry.goldstein if entry.goldstein is not None
                                  else parent.goldstein, entry.quad_class, entry.plover or parent.plover,
                                  entry.plover_mode or parent.plover_mode)
        return entry

    def codes(self) -> list[str]:
        return sorted(self._codes)
