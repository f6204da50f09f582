"""Benchmark: replication detection (issues 19, 23) on labelled sets and the simulator, and its cost.

    python -m tests.bench.replication                  # labelled sets, scale 1 and scale 10
    python -m tests.bench.replication --scales 1       # scale 1 only
    python -m tests.bench.replication --no-compare     # skip the comparison of similarities
    python -m tests.bench.replication --code DIR       # measure the `include` package found in DIR
                                                       # (e.g. `git archive <commit> include | tar -x -C DIR`)

Labelled sets, each run through `find_replications` as `detect()` runs it (one call per
assessment year, every innovation of the year in it):
- the independent set (tests/data/replication_independent/innovations.csv, written without
  sight of the method): a pair is two innovations of two regions with the same idea_id; the
  expected origin of an idea is its earliest implementation; recall per pattern counts each
  true pair under the pattern tags of its adopter (the member that is not the expected origin,
  else the later one); a predicted cluster is mixed when its members carry two labels or more
  (two ideas, or an idea and a one-off, or two one-offs: every unlabelled innovation is a label
  of its own);
- the older hand-written pairs (tests/data/replication_pairs.csv): precision and recall over
  the labelled pairs, origins right over its same-idea pairs.

For each scale, in a process of its own: the simulated year's innovations (every region, as
the portals serve them) go through `include.replication.find_replications`, the pure function
that `detect()` runs between reading innovation_scores and writing its table. Reported:
precision and recall against `World.replication_truth` (pairwise, over pairs of innovations of
two regions; and per innovation: is it in a cluster at all), seconds, candidate pairs, and the
detection's peak memory (resident memory sampled every 0.05 s, above what the process held
before). The machine is shared, so each scale runs `--repeat` times (3) and the fastest counts.
Then, at scale 1, the similarities compared without choosing any threshold: on every pair of
innovations of the two largest affairs, the recall each reaches at precision >= 0.95.
Results go to bench-results/replication.{json,md}. Goals are reported, never asserted.
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if "--code" in sys.argv:        # an older `include` package, found before the work tree's
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--code") + 1]).resolve()))
INDEPENDENT = ROOT / "tests" / "data" / "replication_independent"
PAIRS = ROOT / "tests" / "data" / "replication_pairs.csv"

YEAR, SEED = 2026, 2025
MIB = 1024 * 1024
GOALS = {"precision": 0.95, "recall": 0.90, "scale10_over_scale1": 10, "independent_precision": 0.95,
         "independent_recall": 0.85}


class PeakMemory(threading.Thread):
    def __init__(self, every: float = 0.05):
        super().__init__(daemon=True)
        self.proc, self.every, self.peak, self.stop = psutil.Process(), every, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(self.every)


def _world(scale: float):
    from devtools.simulator.world import World
    from include.replication import Innovation

    world = World(seed=SEED, scale=scale)
    records = [Innovation(i.id, code, i.title, i.summary, i.affair, i.trial_date, i.implementation_date)
               for code in sorted(world.regions) for i in world.innovations(code, YEAR) if not i.deleted]
    return world, records


def _normaliser():
    """From the regions seed, as detect() reads it from reference.regions."""
    import csv

    from include.replication import Normaliser

    with (ROOT / "dbt_project" / "seeds" / "regions.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return Normaliser(sorted({r["name"] for r in rows} | {r["province_name"] for r in rows}))


def _true_pairs(records, truth) -> set:
    by_idea = defaultdict(list)
    for r in records:
        if truth.get(r.innovation_id):
            by_idea[truth[r.innovation_id]].append((r.region_code, r.innovation_id))
    out = set()
    for keys in by_idea.values():
        keys.sort()
        out.update((a, b) for a, b in itertools.combinations(keys, 2) if a[0] != b[0])
    return out


def measure(scale: float, with_truth: bool, repeat: int = 1) -> dict:
    """One scale, in this process: cost of the detection and, with the truth, its quality."""
    from include.replication import find_replications
    from include.replication.matching import Stats, pairs_within

    t0 = time.perf_counter()
    world, records = _world(scale)
    normaliser = _normaliser()
    generated = time.perf_counter() - t0
    baseline = psutil.Process().memory_info().rss
    sampler = PeakMemory()
    sampler.start()
    runs = []
    for _ in range(repeat):      # the machine is shared: the best of a few runs is the cost
        stats = Stats()
        started = time.perf_counter()
        members = find_replications(records, normaliser, YEAR, stats=stats)
        runs.append(round(time.perf_counter() - started, 2))
    seconds = min(runs)
    sampler.stop.set()
    sampler.join()
    out = {
        "scale": scale, "innovations": stats.innovations, "dated": stats.dated,
        "candidate_pairs": stats.candidate_pairs, "candidates_per_innovation": round(stats.candidate_pairs / stats.dated, 1),
        "matched_pairs": stats.matched_pairs, "clusters": stats.clusters, "members": stats.members,
        "seconds": round(seconds, 2), "runs_seconds": runs, "peak_mib_above_input": round((sampler.peak - baseline) / MIB, 1),
        "peak_rss_mib": round(sampler.peak / MIB, 1), "simulator_seconds": round(generated, 1),
    }
    if with_truth:
        truth = world.replication_truth(YEAR)
        true, said = _true_pairs(records, truth), pairs_within(members)
        hit = len(true & said)
        in_truth = {r.innovation_id for r in records if truth.get(r.innovation_id)}
        flagged = {m.innovation_id for m in members}
        out.update({
            "true_pairs": len(true), "said_pairs": len(said),
            "precision": round(hit / max(1, len(said)), 4), "recall": round(hit / max(1, len(true)), 4),
            "member_precision": round(len(in_truth & flagged) / max(1, len(flagged)), 4),
            "member_recall": round(len(in_truth & flagged) / max(1, len(in_truth)), 4),
            "true_clusters": len({truth[i] for i in in_truth}),
            **_origins_and_mixed(records, truth, members),
        })
    return out


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text[:10]) if text and text.strip() else None


def _codes() -> dict[str, str]:
    import csv

    with (ROOT / "dbt_project" / "seeds" / "regions.csv").open(newline="", encoding="utf-8") as fh:
        return {r["name"]: r["region_code"] for r in csv.DictReader(fh)}


def _by_year(records: list, years: dict) -> list:
    """Members of every year, each year matched on its own (as detect() does)."""
    from include.replication import find_replications

    normaliser, members = _normaliser(), []
    for year in sorted(set(years.values())):
        members.extend(find_replications([r for r in records if years[r.innovation_id] == year], normaliser, year))
    return members


def independent_set() -> dict:
    """Pairwise precision and recall, origins right, mixed clusters and recall per pattern."""
    import csv
    import re

    from include.replication import Innovation
    from include.replication.matching import origin_key, pairs_within

    codes = _codes()
    with (INDEPENDENT / "innovations.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    records, years, idea, tags = [], {}, {}, {}
    for r in rows:
        code = codes.get(r["region_code"], r["region_code"])
        x = Innovation(r["innovation_id"], code, r["title"] or None, r["summary"] or None, r["affair"] or None,
                       _date(r["trial_date"]), _date(r["implementation_date"]))
        records.append(x)
        years[x.innovation_id] = int(r["assessment_year"] or 0)
        idea[x.innovation_id] = (r["idea_id"] or "").strip() or None
        tags[x.innovation_id] = [t for t in re.split(r"[;|,\s]+", r.get("patterns") or "") if t] or ["(none)"]
    members = _by_year(records, years)
    key = {x.innovation_id: (x.region_code, x.innovation_id) for x in records}
    by_idea: dict = defaultdict(list)
    for x in records:
        if idea[x.innovation_id]:
            by_idea[idea[x.innovation_id]].append(x)
    origin = {i: min(xs, key=origin_key).innovation_id for i, xs in by_idea.items()}
    order = {x.innovation_id: origin_key(x) for x in records}
    true: dict = {}
    for i, xs in by_idea.items():
        for a, b in itertools.combinations(xs, 2):
            if a.region_code == b.region_code:
                continue
            pair = tuple(sorted((key[a.innovation_id], key[b.innovation_id])))
            ids = [a.innovation_id, b.innovation_id]
            adopter = next((k for k in ids if k != origin[i]), ids[0]) if origin[i] in ids else \
                max(ids, key=lambda k: order[k])
            true[pair] = adopter
    said = pairs_within(members)
    hit = len(set(true) & said)
    per_tag: dict = defaultdict(lambda: [0, 0])
    for pair, adopter in true.items():
        for t in tags[adopter]:
            per_tag[t][1] += 1
            per_tag[t][0] += pair in said
    cluster = {m.innovation_id: m.cluster_id for m in members}
    is_origin = {m.innovation_id for m in members if m.is_origin}
    right = sum(1 for i, o in origin.items() if len({x.region_code for x in by_idea[i]}) > 1 and o in is_origin
                and any(cluster.get(x.innovation_id) == cluster[o] for x in by_idea[i] if x.innovation_id != o))
    spread = sum(1 for xs in by_idea.values() if len({x.region_code for x in xs}) > 1)
    labels: dict = defaultdict(set)
    for m in members:
        labels[m.cluster_id].add(idea[m.innovation_id] or "one-off:" + m.innovation_id)
    evidence: dict = defaultdict(int)
    for m in members:
        evidence[getattr(m, "evidence", "-")] += 1
    return {
        "set": "independent", "innovations": len(records), "ideas": spread, "true_pairs": len(true),
        "said_pairs": len(said), "precision": round(hit / max(1, len(said)), 4),
        "recall": round(hit / max(1, len(true)), 4), "origins_right": right, "clusters": len(labels),
        "mixed_clusters": sum(1 for v in labels.values() if len(v) > 1),
        "recall_by_pattern": {t: {"pairs": n, "recall": round(h / max(1, n), 4)} for t, (h, n) in sorted(per_tag.items())},
        "evidence": dict(sorted(evidence.items(), key=lambda kv: -kv[1])[:12]),
    }


def older_pairs() -> dict:
    """The hand-written pairs: precision and recall over its labelled pairs; origins of its same pairs."""
    from tests.test_replication import _labelled  # the same reading of the pairs as the tests'

    _, records, labelled = _labelled(_codes())
    pairs = [(label, a, b) for _, label, a, b in labelled]
    members = _by_year(records, {x.innovation_id: 2026 for x in records})
    cluster = {m.innovation_id: m.cluster_id for m in members}
    is_origin = {m.innovation_id for m in members if m.is_origin}
    dates = {x.innovation_id: x.implementation_date for x in records}
    tp = fp = fn = right = 0
    for label, a, b in pairs:
        said = a in cluster and cluster.get(a) == cluster.get(b)
        tp, fp, fn = tp + (said and label == "same"), fp + (said and label != "same"), fn + (not said and label == "same")
        first = min((a, b), key=lambda k: (dates[k] or _date("9999-12-31"), k))
        right += said and label == "same" and first in is_origin
    return {"set": "older pairs", "innovations": len(records), "ideas": sum(p[0] == "same" for p in pairs),
            "true_pairs": tp + fn, "said_pairs": tp + fp, "precision": round(tp / max(1, tp + fp), 4),
            "recall": round(tp / max(1, tp + fn), 4), "origins_right": right, "clusters": len(set(cluster.values())),
            "mixed_clusters": None}


def labelled() -> list[dict]:
    out = [older_pairs()]
    if (INDEPENDENT / "FROZEN").exists() and (INDEPENDENT / "innovations.csv").exists():
        out.insert(0, independent_set())
    return out


def _origins_and_mixed(records, truth, members) -> dict:
    """Ideas whose expected origin heads a cluster holding another of its members; clusters of two labels."""
    from include.replication.matching import origin_key

    by_idea = defaultdict(list)
    for r in records:
        if truth.get(r.innovation_id):
            by_idea[truth[r.innovation_id]].append(r)
    cluster = {m.innovation_id: m.cluster_id for m in members}
    heads = {m.innovation_id for m in members if m.is_origin}
    right = spread = 0
    for xs in by_idea.values():
        if len({x.region_code for x in xs}) < 2:
            continue
        spread += 1
        o = min(xs, key=origin_key).innovation_id
        right += o in heads and any(cluster.get(x.innovation_id) == cluster[o] for x in xs if x.innovation_id != o)
    labels = defaultdict(set)
    for m in members:
        labels[m.cluster_id].add(truth.get(m.innovation_id) or "one-off:" + m.innovation_id)
    return {"ideas": spread, "origins_right": right, "mixed_clusters": sum(1 for v in labels.values() if len(v) > 1)}


def compare_methods(affairs: int = 2) -> list[dict]:
    """Recall at precision >= 0.95 of each similarity over every pair of the largest affairs."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    world, records = _world(1)
    truth = world.replication_truth(YEAR)
    normaliser = _normaliser()
    sizes = defaultdict(int)
    for r in records:
        sizes[r.affair] += 1
    rows = []
    scores: dict[str, list] = defaultdict(list)
    labels_all = []
    for affair in sorted(sizes, key=sizes.get, reverse=True)[:affairs]:
        items = [r for r in records if r.affair == affair and (r.implementation_date or r.trial_date)]
        texts = [f"{normaliser.text(r.title, affair)} {normaliser.text(r.summary, affair)}".strip() for r in items]
        iu, ju = np.triu_indices(len(items), 1)
        cross = np.array([items[a].region_code != items[b].region_code for a, b in zip(iu, ju, strict=True)])
        iu, ju = iu[cross], ju[cross]
        ids = [truth.get(r.innovation_id) for r in items]
        labels_all.append(np.array([ids[a] is not None and ids[a] == ids[b] for a, b in zip(iu, ju, strict=True)]))

        def cosine(analyzer, ngrams, texts=texts, iu=iu, ju=ju):
            x = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, lowercase=False).fit_transform(texts)
            return (x @ x.T).toarray()[iu, ju]

        def jaccard(analyzer, ngrams, texts=texts, iu=iu, ju=ju):
            b = CountVectorizer(analyzer=analyzer, ngram_range=ngrams, lowercase=False, binary=True).fit_transform(texts)
            b = b.astype(np.float32)
            inter = (b @ b.T).toarray()[iu, ju]
            size = np.asarray(b.sum(axis=1)).ravel()
            return inter / np.maximum(1, size[iu] + size[ju] - inter)

        scores["TF-IDF cosine, character 3-4-grams (chosen)"].append(cosine("char_wb", (3, 4)))
        scores["TF-IDF cosine, character 3-5-grams"].append(cosine("char_wb", (3, 5)))
        scores["TF-IDF cosine, words 1-2-grams"].append(cosine("word", (1, 2)))
        scores["Jaccard, character 3-5-grams (what MinHash/LSH estimates)"].append(jaccard("char_wb", (3, 5)))
        scores["Jaccard, words (what MinHash/LSH estimates)"].append(jaccard("word", (1, 1)))
    labels = np.concatenate(labels_all)
    for name, parts in scores.items():
        value = np.concatenate(parts)
        order = np.argsort(-value, kind="stable")
        hits = np.cumsum(labels[order])
        precision, recall = hits / np.arange(1, len(order) + 1), hits / max(1, labels.sum())
        ok = precision >= 0.95
        rows.append({"similarity": name, "pairs": int(len(value)), "true_pairs": int(labels.sum()),
                     "recall_at_precision_0.95": round(float(recall[ok].max()) if ok.any() else 0.0, 4)})
    return rows


def _child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "tests.bench.replication", *args], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--child-scale", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--child-compare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-labelled", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", help="a folder holding the `include` package to measure (default: the work tree)")
    parser.add_argument("--no-labelled", action="store_true")
    parser.add_argument("--truth-at", default="1", help="scales at which to score against the ground truth")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scale; the fastest is reported")
    args = parser.parse_args()
    if args.child_scale is not None:
        truth_at = {float(s) for s in args.truth_at.split(",")}
        print(json.dumps(measure(args.child_scale, args.child_scale in truth_at, args.repeat)))
        return 0
    if args.child_compare:
        print(json.dumps(compare_methods()))
        return 0
    if args.child_labelled:
        print(json.dumps(labelled()))
        return 0

    code = ["--code", args.code] if args.code else []
    results: dict = {"year": YEAR, "seed": SEED, "goals": GOALS, "code": args.code or "work tree", "scales": []}
    if not args.no_labelled:
        print("[bench] replication on the labelled sets ...", flush=True)
        results["labelled"] = _child(["--child-labelled", *code])
    for scale in (float(s) for s in args.scales.split(",")):
        print(f"[bench] replication at scale {scale:g} ...", flush=True)
        results["scales"].append(_child(["--child-scale", str(scale), "--truth-at", args.truth_at,
                                         "--repeat", str(args.repeat), *code]))
    if not args.no_compare:
        print("[bench] comparing similarities on every pair of the two largest affairs (scale 1) ...", flush=True)
        results["methods"] = _child(["--child-compare"])
    report = render(results)
    print(report)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    name = "replication" if not args.code else "replication-" + Path(args.code).name
    (out / f"{name}.json").write_text(json.dumps(results, indent=2))
    (out / f"{name}.md").write_text(report)
    return 0


def _render_labelled(sets: list[dict], scales: list[dict]) -> list[str]:
    rows = [dict(r) for r in sets] + [{"set": f"simulator, scale {r['scale']:g}", **r} for r in scales if "precision" in r]
    if not rows:
        return []
    lines = ["| set | innovations | ideas (2+ regions) | true pairs | said pairs | precision | recall | origins right "
             "| mixed clusters |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        mixed = "-" if r.get("mixed_clusters") is None else f"{r['mixed_clusters']} of {r.get('clusters', '?')}"
        lines.append(f"| {r['set']} | {r['innovations']:,} | {r.get('ideas', '-')} | {r.get('true_pairs', '-')} | "
                     f"{r.get('said_pairs', '-')} | {r['precision']:.3f} | {r['recall']:.3f} | "
                     f"{r.get('origins_right', '-')} of {r.get('ideas', '-')} | {mixed} |")
    for r in sets:
        if r.get("recall_by_pattern"):
            lines += ["", f"Recall by pattern ({r['set']}; a pair counts under its adopter's tags):", "",
                      "| pattern | true pairs | recall |", "|---|---|---|"]
            lines += [f"| {t} | {v['pairs']} | {v['recall']:.3f} |" for t, v in r["recall_by_pattern"].items()]
            lines += ["", "Why members matched: " + ", ".join(f"{k} {v}" for k, v in r.get("evidence", {}).items())]
    ind = next((r for r in sets if r["set"] == "independent"), None)
    if ind:
        met = ind["precision"] >= GOALS["independent_precision"] and ind["recall"] >= GOALS["independent_recall"]
        lines += ["", f"- independent set: precision {ind['precision']:.3f} (goal >= {GOALS['independent_precision']}), "
                  f"recall {ind['recall']:.3f} (goal >= {GOALS['independent_recall']}): {'met' if met else 'missed'}"]
    return lines + [""]


def render(results: dict) -> str:
    lines = ["# Replication detection", "", f"Code measured: {results.get('code', 'work tree')}", ""]
    lines += _render_labelled(results.get("labelled") or [], results["scales"])
    lines += [
             "| scale | innovations | candidate pairs (per innovation) | clusters | members | seconds | peak MiB above input | precision | recall | member precision / recall |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results["scales"]:
        quality = (f"{r['precision']:.3f} | {r['recall']:.3f} | {r['member_precision']:.3f} / {r['member_recall']:.3f}"
                   if "precision" in r else "- | - | -")
        lines.append(f"| {r['scale']:g} | {r['innovations']:,} | {r['candidate_pairs']:,} ({r['candidates_per_innovation']}) | "
                     f"{r['clusters']:,} | {r['members']:,} | {r['seconds']} | {r['peak_mib_above_input']} | {quality} |")
    by_scale = {r["scale"]: r for r in results["scales"]}
    lines.append("")
    if 1.0 in by_scale and "precision" in by_scale[1.0]:
        one = by_scale[1.0]
        met = one["precision"] >= GOALS["precision"] and one["recall"] >= GOALS["recall"]
        lines.append(f"- scale 1 quality: precision {one['precision']:.3f} (goal >= {GOALS['precision']}), "
                     f"recall {one['recall']:.3f} (goal >= {GOALS['recall']}): {'met' if met else 'missed'}")
    if 1.0 in by_scale and 10.0 in by_scale:
        ratio = by_scale[10.0]["seconds"] / max(0.01, by_scale[1.0]["seconds"])
        lines.append(f"- scale 10 / scale 1 seconds: {ratio:.1f}x (goal <= {GOALS['scale10_over_scale1']}x): "
                     f"{'met' if ratio <= GOALS['scale10_over_scale1'] else 'missed'}; candidate pairs "
                     f"{by_scale[10.0]['candidate_pairs'] / max(1, by_scale[1.0]['candidate_pairs']):.1f}x")
    if results.get("methods"):
        lines += ["", "Similarity compared on every pair of innovations of two regions in the two largest affairs "
                  "(scale 1), threshold-free:", "",
                  "| similarity | pairs | true pairs | recall at precision >= 0.95 |", "|---|---|---|---|"]
        for m in results["methods"]:
            lines.append(f"| {m['similarity']} | {m['pairs']:,} | {m['true_pairs']:,} | {m['recall_at_precision_0.95']:.3f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
