"""Benchmark: the rank-uncertainty computation (issue 16) at scale 1 and scale 10.

    python -m tests.bench.uncertainty                  # scale 1 and 10, 1,000 draws
    python -m tests.bench.uncertainty --scale 1        # scale 1 only
    python -m tests.bench.uncertainty --rebuild        # rebuild the marts even if a previous run left them

For each scale it builds candidate marts the way a night does (the bundled simulator, fault-free, at
that scale; extraction over HTTP into raw; `dbt build`) into a database of its own,
`bench_uncertainty_s<scale>`, and keeps it, so a second run times the computation only. Building
scale 10 takes several minutes. The server is IGA_BENCH_WAREHOUSE_URL, else IGA_TEST_WAREHOUSE_URL,
else an embedded PostgreSQL under .iga/bench-uncertainty-pg. It then runs
`include.uncertainty.compute` `--repeat` times in a fresh process each and prints its seconds (total
and per phase) and the process's peak resident memory (VmHWM); the figures also go to
bench-results/uncertainty.json. Targets are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from include.config import WarehouseUrl, read_registry  # noqa: E402
from include.warehouse import bootstrap, connect, ensure_database  # noqa: E402

SCHEMA = "candidate_bench"
YEAR = 2026
TARGET_SCALE1_S = 10


def server_url() -> tuple[WarehouseUrl, object | None]:
    for var in ("IGA_BENCH_WAREHOUSE_URL", "IGA_TEST_WAREHOUSE_URL"):
        if os.environ.get(var):
            return WarehouseUrl.parse(os.environ[var], var), None
    from devtools.embedded_postgres import EmbeddedPostgres

    pg = EmbeddedPostgres(ROOT / ".iga" / "bench-uncertainty-pg", port=55451)
    return pg.start(), pg


def has_marts(url: WarehouseUrl) -> bool:
    try:
        with connect(url, role=None) as conn:
            return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.region_index",)).fetchone()[0]
    except Exception:  # noqa: BLE001 - a missing database is simply "not built"
        return False


def start_simulator(scale: float, out: Path) -> tuple[subprocess.Popen, int]:
    from devtools.simulator.server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "devtools.simulator.server", "--out", str(out), "--port",
                             str(port), "--scale", str(scale), "--faults", ""], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_admin/state", timeout=2)
            return proc, port
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("the simulator exited") from None
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("the simulator did not start")


def build_marts(url: WarehouseUrl, scale: float) -> float:
    """Simulator at `scale` -> extraction -> dbt build into SCHEMA; returns the seconds it took."""
    from devtools.simulator.server import read_tokens_file
    from include import extraction
    from include.config import HttpSettings
    from include.transform import dbt

    t0 = time.monotonic()
    bootstrap(url)
    with tempfile.TemporaryDirectory() as tmp:
        proc, _ = start_simulator(scale, Path(tmp))
        try:
            os.environ.update(read_tokens_file(Path(tmp) / "tokens.env"))
            registry = Path(tmp) / "registry.csv"
            for shard in extraction.shards(read_registry(registry)):
                extraction.extract_shard(url, shard, "bench-1", YEAR, str(registry),
                                         settings=HttpSettings(retries=2, backoff=0.05))
        finally:
            proc.terminate()
            proc.wait(30)
    # the scoring models as a night builds them, into the candidate schema the analysis reads
    dbt(url, "build", "--exclude", "tag:analysis", dbt_vars={"year": YEAR, "candidate_schema": SCHEMA},
        target_path=f"target/{url.dbname}")
    return time.monotonic() - t0


_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from include.config import WarehouseUrl
from include.warehouse import connect
from include import uncertainty
url = WarehouseUrl.parse({url!r})
with connect(url, role=None) as conn:
    figures = uncertainty.compute(conn, {schema!r}, {year}, draws={draws})
    rows = conn.execute("SELECT count(*) FROM {schema}._rank_uncertainty").fetchone()[0]
peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))
print(json.dumps({{**figures, "rows": rows, "peak_rss_mib": round(peak / 1024, 1)}}))
"""


def measure(url: WarehouseUrl, draws: int) -> dict:
    """One compute() in a fresh interpreter, so its peak memory is its own."""
    code = _CHILD.format(root=str(ROOT), url=url.url(), schema=SCHEMA, year=YEAR, draws=draws)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def sizes(url: WarehouseUrl) -> dict:
    with connect(url, role=None) as conn:
        q = lambda s: conn.execute(s, (YEAR,)).fetchone()[0]  # noqa: E731
        return {"regions": q(f"SELECT count(*) FROM {SCHEMA}.region_index WHERE assessment_year = %s"),
                "innovations": q(f"SELECT count(*) FROM {SCHEMA}.innovation_scores WHERE assessment_year = %s"),
                "eligible": q(f"SELECT count(*) FROM {SCHEMA}.innovation_scores WHERE assessment_year = %s "
                              "AND is_eligible"),
                "answers": q(f"SELECT count(*) FROM {SCHEMA}.indicator_scores WHERE assessment_year = %s")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="repeatable; default 1 and 10")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per scale (the best is reported too)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the marts even if they exist")
    args = parser.parse_args()
    server, pg = server_url()
    results = []
    try:
        for scale in args.scale or [1.0, 10.0]:
            url = server.with_db(f"bench_uncertainty_s{str(scale).replace('.', '_')}")
            if args.rebuild or not has_marts(url):
                ensure_database(server, url.dbname)
                print(f"scale {scale:g}: building the marts (simulator, extraction, dbt build) ...", flush=True)
                print(f"scale {scale:g}: marts built in {build_marts(url, scale):.0f} s", flush=True)
            size = sizes(url)
            runs = [measure(url, args.draws) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            phases = ", ".join(f"{k[8:]} {v:.2f}" for k, v in best.items() if k.startswith("seconds_"))
            verdict = "" if scale != 1 else (" (target 10 s: met)" if best["seconds"] <= TARGET_SCALE1_S
                                             else " (target 10 s: MISSED)")
            print(f"scale {scale:g}: {size['regions']} regions, {size['innovations']:,} innovations "
                  f"({size['eligible']:,} eligible), {size['answers']:,} answers; {args.draws} draws, "
                  f"Sobol n={best['sobol_n']} ({best['evaluations']:,} evaluations)")
            times = ", ".join(f"{r['seconds']:.2f}" for r in runs)
            print(f"  seconds: {times} (best {best['seconds']:.2f})"
                  f"{verdict}; peak memory {max(r['peak_rss_mib'] for r in runs):.0f} MiB")
            print(f"  best run by phase (s): {phases}", flush=True)
            results.append({"scale": scale, **size, "runs": runs, "best_seconds": best["seconds"],
                            "peak_rss_mib": max(r["peak_rss_mib"] for r in runs)})
    finally:
        if pg is not None:
            pg.stop()
    out = ROOT / "bench-results" / "uncertainty.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                               "machine": f"{os.cpu_count()} cores", "results": results}, indent=2))
    print(f"figures written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
