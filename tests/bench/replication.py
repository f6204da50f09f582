"""Benchmark: replication detection (issue 19) on the simulator's ground truth, and its cost.

    python -m tests.bench.replication                  # scale 1 and scale 10
    python -m tests.bench.replication --scales 1       # scale 1 only
    python -m tests.bench.replication --no-compare     # skip the comparison of similarities

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

YEAR, SEED = 2026, 2025
MIB = 1024 * 1024
GOALS = {"precision": 0.95, "recall": 0.90, "scale10_over_scale1": 10}


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

    from include import reference
    from include.replication import Normaliser

    with (reference.SEEDS / "regions.csv").open(newline="", encoding="utf-8") as fh:
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
        })
    return out


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
        cross = np.array([items[a].region_code != items[b].region_code for a, b in zip(iu, ju)])
        iu, ju = iu[cross], ju[cross]
        ids = [truth.get(r.innovation_id) for r in items]
        labels_all.append(np.array([ids[a] is not None and ids[a] == ids[b] for a, b in zip(iu, ju)]))

        def cosine(analyzer, ngrams):
            x = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, lowercase=False).fit_transform(texts)
            return (x @ x.T).toarray()[iu, ju]

        def jaccard(analyzer, ngrams):
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

    results = {"year": YEAR, "seed": SEED, "goals": GOALS, "scales": []}
    for scale in (float(s) for s in args.scales.split(",")):
        print(f"[bench] replication at scale {scale:g} ...", flush=True)
        results["scales"].append(_child(["--child-scale", str(scale), "--truth-at", args.truth_at,
                                         "--repeat", str(args.repeat)]))
    if not args.no_compare:
        print("[bench] comparing similarities on every pair of the two largest affairs (scale 1) ...", flush=True)
        results["methods"] = _child(["--child-compare"])
    report = render(results)
    print(report)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "replication.json").write_text(json.dumps(results, indent=2))
    (out / "replication.md").write_text(report)
    return 0


def render(results: dict) -> str:
    lines = ["# Replication detection", "",
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
