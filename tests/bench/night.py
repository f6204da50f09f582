"""Benchmark: whole nights through Airflow, stage by stage (`make bench`).

    python -m tests.bench.night                 # full scale 1, incremental scale 1, full scale 10
    python -m tests.bench.night --scale 1       # only the two scale-1 nights

Each night is `airflow dags test iga_nightly`, as `make run` does, against the bundled
simulator (its default faults: rate limits, 5xx bursts, slow and broken pages, two portals
down) and an embedded PostgreSQL of its own (.iga/bench-pg). Per stage (a task group of the
DAG) it reports wall time, rows per second and the peak resident memory of the processes
that ran it, sampled every 0.2 s; Airflow's own time is the night's wall time outside any
task. On the landed rows of each full night it also times three loaders, alone: a raw COPY
into an empty table (the physical limit), the platform's loader (`include.loading`), and a
naive INSERT-and-commit per row. Results go to bench-results/night.{json,md}. Targets are
reported, never asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from include import config, launcher  # noqa: E402
from devtools.embedded_postgres import EmbeddedPostgres  # noqa: E402
from devtools.simulator.server import free_port, read_tokens_file  # noqa: E402
from include.warehouse import bootstrap, connect, ensure_database  # noqa: E402

STAGES = ("plan", "extract", "load", "transform", "gate", "publish", "report")
MIB = 1024 * 1024
TARGETS = {"full_night_s": 90, "incremental_night_s": 30, "scale10_over_scale1": 12, "load_over_copy": 2,
           "peak_rss_mib": 1024}


class MemorySampler(threading.Thread):
    """RSS of a process tree (and of other watched processes) every `every` seconds."""

    def __init__(self, root_pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.every, self.samples, self.stop = psutil.Process(root_pid), every, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            rss = {}
            for p in procs:
                try:
                    rss[p.pid] = p.memory_info().rss
                except psutil.Error:
                    pass
            self.samples.append((time.time(), max(rss.values(), default=0), sum(rss.values())))
            self.stop.wait(self.every)

    def peak(self, start: float, end: float) -> tuple[float, float]:
        """(largest single process, whole tree) in MiB between two epoch times."""
        window = [s for s in self.samples if start - self.every <= s[0] <= end + self.every]
        return (round(max((s[1] for s in window), default=0) / MIB, 1),
                round(max((s[2] for s in window), default=0) / MIB, 1))


def postgres_peak_mib(pg_pid: int) -> float:
    """The largest PostgreSQL process's peak RSS (VmHWM), shared buffers it touched included."""
    peak = 0
    for p in [psutil.Process(pg_pid), *psutil.Process(pg_pid).children(recursive=True)]:
        try:
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) * 1024)
        except OSError:
            pass
    return round(peak / MIB, 1)


def start_simulator(scale: float, out: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "devtools.simulator.server", "--out", str(out), "--port",
                             str(port), "--scale", str(scale)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_admin/state", timeout=2)
            return proc, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the simulator did not start")


def union_seconds(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, None
    for s, e in sorted(intervals):
        if end is None or s > end:
            total += e - s
            end = e
        elif e > end:
            total += e - end
            end = e
    return total


def task_instances(env: dict, run_id: str) -> list[dict]:
    meta = config.WarehouseUrl.parse(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("+psycopg2", ""), "meta")
    with connect(meta, role=None) as conn:
        rows = conn.execute("SELECT task_id, map_index, start_date, end_date, state, try_number "
                            "FROM task_instance WHERE dag_id = 'iga_nightly' AND run_id = %s", (run_id,)).fetchall()
    return [dict(zip(("task_id", "map_index", "start", "end", "state", "tries"), r)) for r in rows]


def latest_run_id(env: dict) -> str:
    meta = config.WarehouseUrl.parse(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("+psycopg2", ""), "meta")
    with connect(meta, role=None) as conn:
        return conn.execute("SELECT run_id FROM dag_run WHERE dag_id = 'iga_nightly' ORDER BY id DESC LIMIT 1"
                            ).fetchone()[0]


def stage_rows(url, run_id: str, candidate: str) -> dict[str, tuple[int, str]]:
    """What each stage processed: (rows, unit)."""
    with connect(url, role=None) as conn:
        q = lambda sql, *p: int(conn.execute(sql, p).fetchone()[0] or 0)  # noqa: E731
        records = q("SELECT sum(records) FROM ops.portal_health WHERE run_id = %s", run_id)
        stored = q("SELECT count(*) FROM raw.innovation_records WHERE run_id = %s", run_id) + \
            q("SELECT count(*) FROM raw.profile_records WHERE run_id = %s", run_id)
        built = sum(q(f"SELECT count(*) FROM {rel}") for rel in (
            "intermediate.int_innovation_latest_versions", "intermediate.int_innovation_answers",
            "intermediate.int_profile_answers", "intermediate.int_innovation_eligibility",
            f"{candidate}.region_index", f"{candidate}.innovation_scores", f"{candidate}.indicator_scores"))
        checked = q("SELECT count(*) FROM raw.innovation_records WHERE run_id = %s", run_id) + \
            q(f"SELECT count(*) FROM {candidate}.region_index")
        published = q("SELECT sum(n) FROM (SELECT count(*) AS n FROM published.region_index UNION ALL "
                      "SELECT count(*) FROM published.innovation_scores UNION ALL "
                      "SELECT count(*) FROM published.indicator_scores) t")
        regions = q("SELECT count(*) FROM published.region_index WHERE assessment_year = 2026")
    return {"plan": (0, ""), "extract": (records, "records"), "load": (stored, "rows stored"),
            "transform": (built, "rows built"), "gate": (checked, "rows checked"),
            "publish": (published, "rows published"), "report": (regions + 1, "pages")}


def run_night(label: str, url, env: dict, sim_pid: int, pg_pid: int) -> dict:
    """One `airflow dags test`, sampled; then its tasks from Airflow's metadata database."""
    log = config.state_dir() / f"bench-{label.replace(' ', '-')}.log"
    t0 = time.time()
    with log.open("w") as out:
        proc = subprocess.Popen([str(launcher.VENV_BIN / "airflow"), "dags", "test", "iga_nightly", "--conf",
                                 json.dumps({"year": 2026})], env={**os.environ, **env}, cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)
        sampler = MemorySampler(proc.pid)
        sampler.start()
        rc = proc.wait()
        sampler.stop.set()
        sampler.join()
    wall = time.time() - t0
    run_id = latest_run_id(env)
    tis = task_instances(env, run_id)
    failed = sorted({t["task_id"] for t in tis if t["state"] not in ("success", "skipped")})
    by_stage: dict[str, list[dict]] = defaultdict(list)
    for t in tis:
        if t["start"] and t["end"]:
            by_stage[t["task_id"].split(".")[0]].append(t)
    with connect(url, role=None) as conn:
        candidate = conn.execute("SELECT candidate_schema FROM published.publication_log WHERE run_id = %s "
                                 "ORDER BY finished_at DESC LIMIT 1", (run_id,)).fetchone()
        health = conn.execute("SELECT count(*) FILTER (WHERE status <> 'success'), coalesce(sum(retries), 0), "
                              "coalesce(sum(load_s), 0), coalesce(max(duration_s), 0) "
                              "FROM ops.portal_health WHERE run_id = %s", (run_id,)).fetchone()
    rows = stage_rows(url, run_id, candidate[0]) if candidate else {}
    stages, intervals = {}, []
    for stage in STAGES:
        tasks = by_stage.get(stage, [])
        if not tasks:
            continue
        start = min(t["start"] for t in tasks).timestamp()
        end = max(t["end"] for t in tasks).timestamp()
        busy = union_seconds([(t["start"].timestamp(), t["end"].timestamp()) for t in tasks])
        intervals += [(t["start"].timestamp(), t["end"].timestamp()) for t in tasks]
        n, unit = rows.get(stage, (0, ""))
        largest, tree = sampler.peak(start, end)
        stages[stage] = {"tasks": len(tasks), "wall_s": round(end - start, 2), "busy_s": round(busy, 2),
                         "rows": n, "unit": unit, "rows_per_s": round(n / (end - start)) if n else None,
                         "peak_rss_mib": largest, "peak_rss_tree_mib": tree}
    in_tasks = union_seconds(intervals)
    first_start = min((s for s, _ in intervals), default=t0)
    largest, tree = sampler.peak(t0, time.time())
    return {
        "night": label, "run_id": run_id, "returncode": rc, "failed_tasks": failed, "wall_s": round(wall, 2),
        "stages": stages,
        "airflow_overhead": {"wall_s": round(wall - in_tasks, 2), "startup_s": round(first_start - t0, 2),
                             "between_tasks_s": round(wall - in_tasks - (first_start - t0), 2),
                             "tasks": len(tis)},
        "portals_not_complete": health[0], "http_retries": int(health[1]),
        "load_s_inside_extract": round(float(health[2]), 2), "slowest_portal_s": float(health[3]),
        "peak_rss_mib": {"airflow_largest_process": largest, "airflow_tree": tree,
                         "simulator": round(psutil.Process(sim_pid).memory_info().rss / MIB, 1)
                         if psutil.pid_exists(sim_pid) else None,
                         "postgres_largest_process": postgres_peak_mib(pg_pid)},
        "log": str(log),
    }


def reference_loads(url, run_id: str, naive_rows: int = 5000) -> dict:
    """The night's landed innovation rows loaded three ways into empty tables, each timed alone."""
    from include.loading import PortalLanding
    from include.portals.contract import Landed

    with connect(url, role=None) as conn:
        rows = conn.execute("SELECT portal_code, api_version, record_id, updated_at, deleted, payload::text "
                            "FROM raw.innovation_records WHERE run_id = %s AND origin = 'portal' "
                            "ORDER BY portal_code, landed_seq", (run_id,)).fetchall()
        conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
        conn.execute("DROP TABLE IF EXISTS bench.copy_target, bench.naive_target")
        conn.execute("CREATE TABLE bench.copy_target (LIKE raw.innovation_records INCLUDING DEFAULTS)")
        conn.execute("CREATE TABLE bench.naive_target (LIKE raw.innovation_records INCLUDING DEFAULTS)")
        conn.commit()
        cols = "run_id, year, portal_code, api_version, fetched_at, record_id, updated_at, deleted, origin, " \
               "content_hash, payload"
        buf = io.BytesIO()
        with conn.cursor().copy(f"COPY (SELECT {cols} FROM raw.innovation_records WHERE run_id = %s AND "
                                f"origin = 'portal') TO STDOUT", (run_id,)) as copy:
            for chunk in copy:
                buf.write(chunk)
        t0 = time.perf_counter()
        with conn.cursor().copy(f"COPY bench.copy_target ({cols}) FROM STDIN") as copy:
            copy.write(buf.getvalue())
        conn.commit()
        copy_s = time.perf_counter() - t0
        sample = conn.execute(f"SELECT {cols} FROM bench.copy_target LIMIT %s", (naive_rows,)).fetchall()
        t0 = time.perf_counter()
        for row in sample:  # what the platform must not do: one INSERT and one commit per record
            conn.execute(f"INSERT INTO bench.naive_target ({cols}) VALUES ({', '.join(['%s'] * 11)})",
                         (*row[:-1], json.dumps(row[-1])))
            conn.commit()
        naive_s = time.perf_counter() - t0
        conn.execute("DROP TABLE bench.copy_target, bench.naive_target")
        conn.commit()

    # the platform's loader, alone, on the same rows, in the portal's page size, into an empty raw table
    server = url.with_db("postgres")
    db = f"{url.dbname}_loader"
    with connect(server, role=None, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    ensure_database(server, db)
    target = url.with_db(db)
    bootstrap(target)
    by_portal: dict[tuple[str, str], list] = defaultdict(list)
    for portal, api, rid, updated, deleted, payload in rows:
        by_portal[(portal, api)].append((Landed(rid, updated, deleted), payload))
    t0 = time.perf_counter()
    with connect(target, autocommit=True) as conn:
        for (portal, api), landed in by_portal.items():
            landing = PortalLanding(conn, "bench", 2026, portal, api)
            for i in range(0, len(landed), 500):
                landing.land_page(landed[i:i + 500], [])
    loader_s = time.perf_counter() - t0
    with connect(server, role=None, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
    n = len(rows)
    return {"rows": n, "raw_copy_s": round(copy_s, 3), "raw_copy_rows_per_s": round(n / copy_s),
            "platform_loader_s": round(loader_s, 3), "platform_loader_rows_per_s": round(n / loader_s),
            "loader_over_copy": round(loader_s / copy_s, 2),
            "naive_rows": len(sample), "naive_rows_per_s": round(len(sample) / naive_s),
            "naive_s_extrapolated": round(naive_s / len(sample) * n, 1)}


def prepare_scale(pg_url, scale: float, workdir: Path) -> tuple:
    db = f"bench_{str(scale).replace('.', '_')}"
    with connect(pg_url.with_db("postgres"), role=None, autocommit=True) as conn:
        for name in (db, "airflow"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ensure_database(pg_url, db)
    url = pg_url.with_db(db)
    bootstrap(url)
    sim, port = start_simulator(scale, workdir / "portals")
    os.environ["IGA_WAREHOUSE_URL"] = url.url()
    os.environ["IGA_PORTAL_REGISTRY"] = str(workdir / "portals" / "registry.csv")
    os.environ.update(read_tokens_file(workdir / "portals" / "tokens.env"))
    config.export_derived_env()
    env = launcher.airflow_environment(url)
    launcher.migrate_airflow(env)
    return url, env, sim, port


def check(results: dict) -> list[str]:
    """Each target, met or not, in words."""
    nights = {r["night"]: r for r in results["nights"]}
    lines = []
    full, inc, big = nights.get("full, scale 1"), nights.get("incremental, scale 1"), nights.get("full, scale 10")

    def slowest(r):
        stage = max(r["stages"].items(), key=lambda kv: kv[1]["wall_s"])
        return f"{stage[0]} {stage[1]['wall_s']} s"

    if full:
        lines.append(f"full national night {full['wall_s']} s (target < {TARGETS['full_night_s']} s): "
                     f"{'met' if full['wall_s'] < TARGETS['full_night_s'] else 'MISSED; slowest stage ' + slowest(full)}")
    if inc:
        lines.append(f"incremental night {inc['wall_s']} s (target < {TARGETS['incremental_night_s']} s): "
                     f"{'met' if inc['wall_s'] < TARGETS['incremental_night_s'] else 'MISSED; slowest stage ' + slowest(inc)}")
    if full and big:
        ratio = big["wall_s"] / full["wall_s"]
        lines.append(f"scale 10 / scale 1 = {ratio:.1f}x (target < {TARGETS['scale10_over_scale1']}x): "
                     f"{'met' if ratio < TARGETS['scale10_over_scale1'] else 'MISSED; slowest stage ' + slowest(big)}")
    for ref in results["loads"]:
        lines.append(f"loader on {ref['rows']:,} rows at {ref['loader_over_copy']}x raw COPY (target <= "
                     f"{TARGETS['load_over_copy']}x): "
                     f"{'met' if ref['loader_over_copy'] <= TARGETS['load_over_copy'] else 'MISSED'}")
    peaks = [(r["night"], k, v) for r in results["nights"] for k, v in r["peak_rss_mib"].items() if v]
    worst = max(peaks, key=lambda p: p[2], default=None)
    if worst:
        lines.append(f"largest process {worst[2]} MiB ({worst[1]}, {worst[0]}) (target < 1024 MiB): "
                     f"{'met' if worst[2] < TARGETS['peak_rss_mib'] else 'MISSED'}")
    return lines


def markdown(results: dict) -> str:
    out = [f"# Nightly benchmark, {results['when']}", "", f"Machine: {results['machine']}", ""]
    for r in results["nights"]:
        out += [f"## {r['night']}: {r['wall_s']} s end to end through Airflow"
                f"{'' if r['returncode'] == 0 else ' (FAILED: ' + ', '.join(r['failed_tasks']) + ')'}", "",
                "| stage | tasks | wall s | busy s | rows | rows/s | peak RSS MiB (largest process / tree) |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for name, s in r["stages"].items():
            out.append(f"| {name} | {s['tasks']} | {s['wall_s']} | {s['busy_s']} | {s['rows']:,} {s['unit']} | "
                       f"{s['rows_per_s'] or '-'} | {s['peak_rss_mib']} / {s['peak_rss_tree_mib']} |")
        o = r["airflow_overhead"]
        out += [f"| Airflow overhead | {o['tasks']} | {o['wall_s']} | | startup {o['startup_s']} s, between "
                f"tasks {o['between_tasks_s']} s | | |", "",
                f"Portals not complete: {r['portals_not_complete']}; HTTP retries {r['http_retries']}; time in "
                f"the loader inside extract {r['load_s_inside_extract']} s (summed over portals); slowest portal "
                f"{r['slowest_portal_s']} s. Peak RSS MiB: " +
                ", ".join(f"{k} {v}" for k, v in r["peak_rss_mib"].items()), ""]
    out += ["## Loading, alone, on the landed rows", "",
            "| rows | raw COPY rows/s | platform loader rows/s | loader / COPY | naive row-by-row rows/s |",
            "|---:|---:|---:|---:|---:|"]
    for ref in results["loads"]:
        out.append(f"| {ref['rows']:,} | {ref['raw_copy_rows_per_s']:,} | {ref['platform_loader_rows_per_s']:,} | "
                   f"{ref['loader_over_copy']}x | {ref['naive_rows_per_s']:,} (on {ref['naive_rows']:,} rows) |")
    out += ["", "## Targets", ""] + [f"- {line}" for line in results["targets"]] + [""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="repeatable; default 1 and 10")
    args = parser.parse_args()
    scales = args.scale or [1, 10]
    os.environ["IGA_HOME"] = str(ROOT / ".iga" / "bench")
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
    config.state_dir().mkdir(parents=True, exist_ok=True)
    from include.transform import ensure_manifest

    ensure_manifest()
    pg = EmbeddedPostgres(ROOT / ".iga" / "bench-pg", port=55450)
    server = pg.start()
    pg_pid = int((ROOT / ".iga" / "bench-pg" / "data" / "postmaster.pid").read_text().split()[0])
    results = {"when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB",
               "nights": [], "loads": []}
    try:
        for scale in scales:
            with tempfile.TemporaryDirectory() as tmp:
                url, env, sim, port = prepare_scale(server, scale, Path(tmp))
                try:
                    full = run_night(f"full, scale {scale:g}", url, env, sim.pid, pg_pid)
                    results["nights"].append(full)
                    print(json.dumps({k: full[k] for k in ("night", "wall_s", "returncode")}), flush=True)
                    if scale == 1:
                        urllib.request.urlopen(urllib.request.Request(
                            f"http://127.0.0.1:{port}/_admin/advance", method="POST"), timeout=10).read()
                        inc = run_night(f"incremental, scale {scale:g}", url, env, sim.pid, pg_pid)
                        results["nights"].append(inc)
                        print(json.dumps({k: inc[k] for k in ("night", "wall_s", "returncode")}), flush=True)
                finally:
                    sim.terminate()
                    sim.wait()
                results["loads"].append({"scale": scale, **reference_loads(url, full["run_id"])})
    finally:
        pg.stop()
    results["targets"] = check(results)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "night.json").write_text(json.dumps(results, indent=2, default=str))
    (out / "night.md").write_text(markdown(results))
    print(markdown(results))


if __name__ == "__main__":
    main()
