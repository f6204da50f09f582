"""deploy/airflow_local_settings.py: a task forked from an Airflow process inherits what the DAG file imports."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

PROBE = r"""
import json, os, sys
import airflow  # Airflow's settings import airflow_local_settings by name, from PYTHONPATH
import airflow_local_settings as als
before = {m: m in sys.modules for m in als._PRELOAD}
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, json.dumps({m: m in sys.modules for m in als._PRELOAD}).encode())
    os._exit(0)
os.close(w)
os.waitpid(pid, 0)
child = json.loads(os.read(r, 1 << 16))
print(json.dumps({"before": before, "child": child, "parent_after": {m: m in sys.modules for m in als._PRELOAD},
                  "settings_names": sorted(n for n in ("_PRELOAD", "_state") if hasattr(sys.modules["airflow.settings"], n)),
                  "platform_modules": sorted(m for m in sys.modules if m.startswith("include"))}))
"""


def probe() -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "deploy")]),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_forked_process_inherits_every_preloaded_module_and_starting_airflow_imports_none():
    seen = probe()
    # starting Airflow (every CLI command) pays nothing: the imports wait for the first fork
    assert not seen["before"]["cosmos.operators.local"]
    assert not seen["before"]["great_expectations_provider.operators.validate_checkpoint"]
    assert all(seen["child"].values()), seen["child"]       # each name still imports (a renamed module shows here)
    assert all(seen["parent_after"].values())
    assert seen["settings_names"] == [], "private names stay out of airflow.settings"
    assert seen["platform_modules"] == [], "the platform's own modules are left to each task (code changes apply)"
