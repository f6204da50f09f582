"""Benchmark: extract+load throughput and peak memory, against the simulator, at a scale.

    python -m tests.bench.extract_load --scale 1 --scale 10

For each scale: a fresh warehouse database, the simulator in its own process (no faults),
every shard extracted as the DAG does (shards one after another, portals concurrently
within a shard), then two reference figures on the same landed rows: a raw COPY into an
empty table (the physical limit here) and a naive row-by-row INSERT (what we must beat).
Figures are printed and saved under bench-results/. Reported, never asserted.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from include import extraction  # noqa: E402
from include.config import read_registry  # noqa: E402
from include.embedded_postgres import EmbeddedPostgres  # noqa: E402
from include.simulator.server import free_port, read_tokens_file  # noqa: E402
from include.warehouse import bootstrap, connect, ensure_database  # noqa: E402


def peak_rss_mib(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_simulator(scale: float, out: Path) -> tuple[subprocess.Popen, Path]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "include.simulator.server", "--out", str(out), "--port",
                             str(port), "--scale", str(scale), "--faults", ""], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_admin/state", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    os.environ.update(read_tokens_file(out / "tokens.env"))
    return proc, out / "registry.csv"


def reference_loads(url, rows_limit: int = 5000) -> dict:
    """Raw COPY of the landed rows into an empty table, and a naive row-by-row INSERT."""
    with connect(url) as conn:
        buf = io.BytesIO()
        with conn.cursor().copy("COPY (SELECT run_id, year, portal_code, api_version, fetched_at, record_id, "
                                "updated_at, deleted, origin, content_hash, payload FROM raw.innovation_records) "
                                "TO STDOUT") as copy:
            for chunk in copy:
                buf.write(chunk)
        n = conn.execute("SELECT count(*) FROM raw.innovation_records").fetchone()[0]
        conn.execute("CREATE TEMP TABLE copy_target (LIKE raw.innovation_records INCLUDING DEFAULTS)")
        conn.execute("ALTER TABLE copy_target DROP COLUMN landed_seq")
        t0 = time.perf_counter()
        with conn.cursor().copy("COPY copy_target FROM STDIN") as copy:
            copy.write(buf.getvalue())
        copy_s = time.perf_counter() - t0
        conn.execute("CREATE TEMP TABLE naive_target (LIKE copy_target)")
        from psycopg.types.json import Jsonb

        rows = [(*r[:-1], Jsonb(r[-1]) if r[-1] is not None else None)
                for r in conn.execute(f"SELECT * FROM copy_target LIMIT {rows_limit}").fetchall()]
        conn.commit()
        t0 = time.perf_counter()
        for row in rows:  # what the platform must not do: one INSERT and one commit per record
            conn.execute("INSERT INTO naive_target VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", row)
            conn.commit()
        naive_s = time.perf_counter() - t0
    return {"rows": n, "raw_copy_s": round(copy_s, 3), "raw_copy_rows_per_s": round(n / copy_s),
            "naive_rows": len(rows), "naive_rows_per_s": round(len(rows) / naive_s)}


def bench(scale: float, pg: EmbeddedPostgres, year: int = 2026) -> dict:
    server = pg.start()
    db = f"bench_scale_{str(scale).replace('.', '_')}_{os.getpid()}"
    ensure_database(server, db)
    url = server.with_db(db)
    bootstrap(url)
    with tempfile.TemporaryDirectory() as tmp:
        sim, registry = start_simulator(scale, Path(tmp))
        try:
            entries = read_registry(registry)
            t0 = time.perf_counter()
            summaries = [extraction.extract_shard(url, shard, "bench", year, str(registry))
                         for shard in extraction.shards(entries)]
            seconds = time.perf_counter() - t0
            sim_peak = peak_rss_mib(sim.pid)
        finally:
            sim.terminate()
            sim.wait()
    records = sum(s["records"] for s in summaries)
    result = {
        "scale": scale, "portals": len(entries), "records": records, "stored": sum(s["stored"] for s in summaries),
        "extract_load_s": round(seconds, 2), "records_per_s": round(records / seconds),
        "peak_rss_mib_extractor": round(peak_rss_mib(), 1), "peak_rss_mib_simulator": round(sim_peak, 1),
        **reference_loads(url),
    }
    with connect(server.with_db("postgres"), role=None, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="repeatable; default 1 and 10")
    args = parser.parse_args()
    pg = EmbeddedPostgres(ROOT / ".iga" / "bench-pg", port=55450)
    results = []
    try:
        for scale in args.scale or [1, 10]:
            r = bench(scale, pg)
            results.append(r)
            print(f"[bench] scale {r['scale']:g}: {r['records']:,} records from {r['portals']} portals in "
                  f"{r['extract_load_s']} s = {r['records_per_s']:,} records/s (extract+load); peak RSS extractor "
                  f"{r['peak_rss_mib_extractor']} MiB, simulator {r['peak_rss_mib_simulator']} MiB; raw COPY of "
                  f"the same rows {r['raw_copy_rows_per_s']:,} rows/s; naive row-by-row "
                  f"{r['naive_rows_per_s']:,} rows/s", flush=True)
    finally:
        pg.stop()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "extract_load.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
