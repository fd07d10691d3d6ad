"""Scores predictions against the gold formats (articles folder, PLOVER records, UD-PETRARCH records).

This is the project's own scorer (tools/score.py in the development kit), kept here so that `eventwire eval`
gives exactly the same figures. Gold kinds: `articles` (folder of ID.json + ID.txt articles), `plover` (JSONL of
PLOVER gold standard records), `petr` (JSONL of UD-PETRARCH records). Predictions are JSONL as
`eventwire code --format jsonl` prints them.
"""
# ruff: noqa: E501, SIM115, B007, E741, B905
import collections
import json
import os
import re

PLOVER_OLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO root -> PLOVER type, for gold that carries CAMEO only (CAMEO2PLOVER-2021; 01/02 have none).
ROOT_PLOVER = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
               "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
               "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
               "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
QUAD = {**{f"{i:02d}": 1 for i in range(1, 6)}, **{f"{i:02d}": 2 for i in range(6, 9)},
        **{f"{i:02d}": 3 for i in range(9, 14)}, **{f"{i:02d}": 4 for i in range(14, 21)}}


def norm(s):
    return re.sub(r"\s+", " ", (s or "")).strip().lower()


def article_text(path):
    """Body of an annotated article file (header lines TITLE/PUBLISHED/URL, blank line, body)."""
    raw = open(path, encoding="utf-8").read()
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        meta[k.strip().upper()] = v.strip()
    published = (meta.get("PUBLISHED") or "")[:10] or None
    return meta, published, body


def same_sentence(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    ta, tb = set(a.split()), set(b.split())
    return len(ta & tb) / max(1, min(len(ta), len(tb))) >= 0.6


# Actors without a country: IGOs and blocs by canonical name, others by sector.
IGO_PATTERNS = [  # (regex over lower-cased name/text/code, canonical name); first match wins
    (r"\bnato\b|north atlantic treaty|^igowstnat", "NATO"),
    (r"\biaea\b|atomic energy agency|^igounoiae", "IAEA"),
    (r"\bwho\b|world health organi[sz]ation|^igounohlhwho", "WHO"),
    (r"\bunited nations\b|\bu\.?n\.?\b|security council|^igouno", "UN"),
    (r"european union|european community|european common market|\beu\b|\bec\b|^igoeureec", "EU"),
    (r"\bbrics\b", "BRICS"), (r"shanghai cooperation|\bsco\b", "SCO"),
    (r"commonwealth of independent states|\bcis\b", "CIS"), (r"eurasian economic union|\beaeu\b", "EAEU"),
    (r"african union|\bau\b|^igoafrafu", "AU"), (r"arab league|league of arab states", "Arab League"),
    (r"\basean\b|^igoseaasn", "ASEAN"), (r"\bopec\b|^igobusopc", "OPEC"),
    (r"international criminal court|\bicc\b", "ICC"), (r"interpol|^igocopitp", "Interpol"),
    (r"\bg-?7\b", "G7"), (r"\bg-?20\b", "G20"), (r"\bimf\b|international monetary fund|^igobusimf", "IMF"),
    (r"world bank|^igounodevwbk", "World Bank"), (r"coalition", "Coalition"),
]
BLOCS = {"west": "West", "the west": "West", "western countries": "West", "wst": "West",
         "europe": "Europe", "european countries": "Europe", "eur": "Europe"}


def igo_name(*fields):
    for f in fields:
        t = norm(f)
        if not t:
            continue
        for rx, canon in IGO_PATTERNS:
            if re.search(rx, t):
                return canon
    return None


def actor_key(actor, strict):
    """Comparable key of an actor: its country (ISO3, or the 3-letter prefix of a CAMEO code; plus the sector when
    strict); IGOs by canonical name; blocs and regions by name; other country-less actors by sector."""
    if not actor:
        return None
    if isinstance(actor, str):
        actor = {"code": actor}
    code = (actor.get("code") or "").upper().strip()
    country = (actor.get("country") or "").upper() or None
    sector = (actor.get("sector") or "").upper() or None
    texts = (actor.get("name"), actor.get("text"))
    if code.startswith("---"):
        sector = sector or code[3:6] or None
        code = ""
    if code[:3] in ("NGO", "MNC"):
        sector, code = sector or code[:3], ""
    is_igo = code.startswith("IGO") or sector == "IGO"
    if not country and not is_igo and len(code) >= 3 and code[:3].isalpha():
        country = code[:3]
    if not sector and len(code) >= 6 and country and code.startswith(country):
        sector = code[3:6]
    bloc = BLOCS.get(norm(country)) or next((BLOCS[norm(t)] for t in texts if norm(t) in BLOCS), None)
    if bloc:
        return bloc
    if is_igo or not country:
        name = igo_name(*texts, code if code.startswith("IGO") else None)
        if name:
            return name
        if is_igo:
            return "IGO"
        return sector or "?"
    return (country, sector) if strict else country


def root(code):
    code = str(code or "").strip()
    return code[:2] if len(code) >= 2 else None


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def match(gold, pred, key):
    """Greedy one-to-one matching of gold and predicted events of one article under `key` equality."""
    used = set()
    tp = 0
    pairs = []
    for g in gold:
        for j, p in enumerate(pred):
            if j in used or not same_sentence(g["sentence"], p.get("sentence")):
                continue
            if key(g) == key(p):
                used.add(j)
                tp += 1
                pairs.append((g, p))
                break
    return tp, pairs


def load_pred(path):
    by = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line:
            ev = json.loads(line)
            by[str(ev.get("article_id"))].append(ev)
    return by


def gold_articles(gold_dir, articles_dir):
    out = []
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json"):
            continue
        g = json.load(open(os.path.join(gold_dir, name), encoding="utf-8"))
        meta, published, body = article_text(os.path.join(articles_dir, g["article_id"] + ".txt"))
        out.append((g, published, body))
    return out


LEVELS = {
    # name: key(event) -> comparable tuple
    "sentence root+countries": lambda e: (root(e.get("cameo")), actor_key(e.get("source"), False), actor_key(e.get("target"), False)),
    "sentence code+actors(strict)": lambda e: (str(e.get("cameo")), actor_key(e.get("source"), True), actor_key(e.get("target"), True)),
    "sentence quad+countries": lambda e: (QUAD.get(root(e.get("cameo"))), actor_key(e.get("source"), False), actor_key(e.get("target"), False)),
    "sentence root only": lambda e: root(e.get("cameo")),
    "sentence countries only": lambda e: (actor_key(e.get("source"), False), actor_key(e.get("target"), False)),
}


def score_articles(gold_dir, articles_dir, pred_path):
    return score_gold(load_pred(pred_path), [g for g, _, _ in gold_articles(gold_dir, articles_dir)])


def score_gold(preds, golds):
    """Score predictions (article id -> events) against gold articles ({"article_id", "events"}) in memory."""
    res = {}
    n_gold = sum(len(g["events"]) for g in golds)
    n_pred = sum(len(preds.get(g["article_id"], [])) for g in golds)
    for level, key in LEVELS.items():
        tp = 0
        for g in golds:
            t, _ = match(g["events"], preds.get(g["article_id"], []), key)
            tp += t
        res[level] = dict(zip(("p", "r", "f1"), prf(tp, n_pred, n_gold)))
    # attribute accuracy on the events matched at the headline level
    attr = collections.Counter()
    for g in golds:
        _, pairs = match(g["events"], preds.get(g["article_id"], []), LEVELS["sentence root+countries"])
        for ge, pe in pairs:
            attr["matched"] += 1
            attr["mode"] += (ge.get("mode") or "asserted") == (pe.get("mode") or "asserted")
            gd, pd = str(ge.get("date") or ""), str(pe.get("date") or "")
            attr["date"] += bool(gd) and gd == pd[: len(gd)]
            attr["date_gold"] += bool(gd)
            gl, pl = ge.get("location"), pe.get("location")
            if gl:
                attr["loc_gold"] += 1
                attr["loc_country"] += bool(pl) and (pl.get("country") or "").upper() == (gl.get("country") or "").upper()
    m = attr["matched"] or 1
    res["attributes"] = {
        "mode_acc": round(attr["mode"] / m, 3),
        "date_acc": round(attr["date"] / (attr["date_gold"] or 1), 3),
        "loc_country_acc": round(attr["loc_country"] / (attr["loc_gold"] or 1), 3),
        "matched": attr["matched"],
    }
    # Story level: unique (root, source, target) triples per article, wherever in the article they are stated
    # (events, not mentions: a coder that states one event in three sentences gets no extra credit or blame).
    for level in ("root+countries", "code+actors(strict)", "quad+countries"):
        key = LEVELS["sentence " + level]
        tp = ng = npred = 0
        for g in golds:
            gs = {key(e) for e in g["events"]}
            ps = {key(e) for e in preds.get(g["article_id"], [])}
            tp, ng, npred = tp + len(gs & ps), ng + len(gs), npred + len(ps)
        res[f"story {level}"] = dict(zip(("p", "r", "f1"), prf(tp, npred, ng)))
    res["counts"] = {"gold": n_gold, "pred": n_pred}
    story = {k: v for k, v in res.items() if k.startswith("story ")}
    return {**story, **{k: v for k, v in res.items() if k not in story}}


def score_plover(gold_path, pred_path):
    rows = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    return score_plover_records(load_pred(pred_path), rows)


def score_plover_records(preds, rows):
    """Score predictions (record id -> events) against PLOVER records in memory."""
    c = collections.Counter()
    for r in rows:
        gold_type = PLOVER_OLD.get(r["event"], r["event"])
        ps = preds.get(str(r["id"]), [])
        types = {(p.get("plover") or ROOT_PLOVER.get(root(p.get("cameo")))) for p in ps}
        c["n"] += 1
        c["any_event"] += bool(ps)
        c["type_hit"] += gold_type in types
        fix = {"JAP": "JPN", "VTN": "VNM"}  # old codes in the PLOVER records
        gsrc = {actor_key({**a, "code": fix.get(a.get("code"), a.get("code"))}, False) for a in r.get("source", []) if a.get("code")}
        gtar = {actor_key({**a, "code": fix.get(a.get("code"), a.get("code"))}, False) for a in r.get("target", []) if a.get("code")}
        hit_full = False
        for p in ps:
            ptype = p.get("plover") or ROOT_PLOVER.get(root(p.get("cameo")))
            s = actor_key(p.get("source"), False)
            t = actor_key(p.get("target"), False)
            if ptype == gold_type and s in gsrc and (not gtar or t in gtar):
                hit_full = True
        c["full_hit"] += hit_full
        c["pred_events"] += len(ps)
    n = c["n"] or 1
    return {"sentences": c["n"], "type_recall": round(c["type_hit"] / n, 3),
            "full_recall(type+src+tgt country)": round(c["full_hit"] / n, 3),
            "coverage": round(c["any_event"] / n, 3), "pred_events": c["pred_events"]}


def score_petr(gold_path, pred_path):
    preds = load_pred(pred_path)
    rows = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    tp = n_gold = n_pred = 0
    tp_exact = 0
    for r in rows:
        if not r.get("text"):
            continue
        ps = preds.get(str(r["id"]), [])
        n_pred += len(ps)
        gold = [] if r.get("noevents") else r.get("codings", [])
        n_gold += len(gold)
        used = set()
        for g in gold:
            gk = (g["event"][:2], actor_key(g["source"], False), actor_key(g["target"], False))
            for j, p in enumerate(ps):
                pk = (root(p.get("cameo")), actor_key(p.get("source"), False), actor_key(p.get("target"), False))
                if j not in used and pk == gk:
                    used.add(j)
                    tp += 1
                    tp_exact += str(p.get("cameo")) == g["event"]
                    break
    p, r_, f = prf(tp, n_pred, n_gold)
    return {"triples_gold": n_gold, "pred": n_pred, "p": p, "r": r_, "f1": f,
            "exact_code_share_of_tp": round(tp_exact / (tp or 1), 3)}


