"""Annotated news for training and evaluation: gold folders (GOLD_FORMAT: articles/ID.txt + gold/ID.json) and
PLOVER gold-standard records (JSONL, one coded sentence a line)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.records import Article

# A PLOVER record's type as the CAMEO code that stands for it (PLOVER v0.5 names included).
PLOVER_CODES = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070", "CONCEDE": "080",
    "RETREAT": "087", "REQUEST": "100", "DEMAND": "100", "ACCUSE": "110", "DISAPPROVE": "110",
    "INVESTIGATE": "090", "REJECT": "120", "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150",
    "SANCTION": "160", "COERCE": "170", "ASSAULT": "180", "FIGHT": "190",
}


class GoldError(ValueError):
    """Gold data that cannot be read: names the file (and line) and what is wrong."""


@dataclass
class GoldArticle:
    article: Article
    events: list[dict]
    kind: str = "articles"  # "articles" | "plover"
    record: dict = field(default_factory=dict)  # the PLOVER record, for PLOVER scoring


def read_gold(paths: list[Path]) -> list[GoldArticle]:
    """Every gold article under `paths`: folders with gold/ and articles/ (or a gold folder with ../articles),
    and PLOVER JSONL files. Errors name the file."""
    out: list[GoldArticle] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out += read_gold_folder(path)
        elif path.is_file():
            out += read_plover(path)
        else:
            raise GoldError(f"{path}: no such file or folder")
    ids = [g.article.id for g in out]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise GoldError(f"the same article id in several gold files: {', '.join(duplicated[:5])}")
    return out


def read_gold_folder(folder: Path) -> list[GoldArticle]:
    gold_dir, articles_dir = (folder / "gold", folder / "articles") if (folder / "gold").is_dir() \
        else (folder, folder.parent / "articles")
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            g = json.loads(path.read_text(encoding="utf-8"))
            article_id = str(g["article_id"])
            events = list(g["events"])
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as err:
            raise GoldError(f"{path}: not a gold file ({err})") from None
        text_path = articles_dir / f"{article_id}.txt"
        if not text_path.exists():
            raise GoldError(f"{path}: its article {text_path} is missing")
        meta, body = read_article_file(text_path)
        published = _day(g.get("published") or meta.get("PUBLISHED"), text_path)
        out.append(GoldArticle(Article(id=article_id, text=body, published=published, title=meta.get("TITLE"),
                                       url=meta.get("URL")), events))
    return out


def read_article_file(path: Path) -> tuple[dict[str, str], str]:
    """An annotated article: header lines (TITLE, PUBLISHED, URL), a blank line, the body."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().upper()] = value.strip()
    return meta, body


def _day(value: str | None, where: Path) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise GoldError(f"{where}: bad published date {value!r}") from None


def read_plover(path: Path) -> list[GoldArticle]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                text, kind, record_id = r["text"], r["event"], str(r["id"])
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise GoldError(f"{path}:{line_no}: not a PLOVER record ({err})") from None
            if not text or kind not in PLOVER_CODES:
                continue
            d = str(r.get("date") or "")
            published = date(int(d[:4]), int(d[4:6]), int(d[6:8])) if len(d) == 8 and d.isdigit() else None
            out.append(GoldArticle(Article(id=record_id, text=text, published=published),
                                   plover_events(r), kind="plover", record=r))
    return out


def plover_events(r: dict) -> list[dict]:
    """A PLOVER record as gold events: each source to each target; sources marked both source and target
    with no other target ("Hungarian and Romanian officials agreed") act on each other."""
    code = PLOVER_CODES[r["event"]]
    sources = [a for a in r.get("source", []) if a.get("code")]
    targets = [a for a in r.get("target", []) if a.get("code")]
    mode = r.get("mode") if r.get("mode") in ("negated", "future", "hypothetical") else "asserted"
    pairs = [(s, t) for s in sources for t in targets] if targets else \
        [(s, t) for s in sources for t in sources if t is not s] if len(sources) > 1 else [(s, None) for s in sources]
    return [{"sentence": r["text"], "source": s, "target": t, "cameo": code, "mode": mode} for s, t in pairs]
