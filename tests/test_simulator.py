"""The simulator looks like the country in 2025 (ISSUE 3's public figures) and is deterministic."""
from __future__ import annotations

import collections
import statistics

import requests

from devtools.simulator.world import World
from include import reference
from tests.reference_scoring import score_world


def test_scale_1_is_calibrated_to_the_public_figures():
    world = World(seed=2025, scale=1)
    scored = {r.code for r in reference.scored_regions()}
    counts = {code: world.count(code) for code in world.regions}
    total = sum(counts.values())
    assert 35_500 <= total <= 37_900, total                      # about 36,700 innovations
    assert sum(1 for c, n in counts.items() if n and c in scored) == 531  # 15 of 546 report nothing
    assert all(counts[c] for c in world.regions if c not in scored), "Jakarta's administrative cities report too"
    by_island = collections.Counter()
    for code, n in counts.items():
        by_island[world.regions[code].island_group] += n
    assert 0.72 <= (by_island["Jawa"] + by_island["Sumatera"]) / total <= 0.78
    assert 0.009 <= by_island["Papua"] / total <= 0.015
    stages = collections.Counter(i.stage for code in sorted(world.regions)[::4] for i in world.innovations(code, 2026))
    n = sum(stages.values())
    assert abs(stages["penerapan"] / n - 0.92) < 0.015 and abs(stages["uji_coba"] / n - 0.04) < 0.01
    v1 = sum(1 for v in world.api_version.values() if v == "v1") / len(world.regions)
    assert 0.16 <= v1 <= 0.24


def test_scored_national_mean_is_in_the_mid_40s_with_realistic_evidence():
    world = World(seed=2025, scale=1)
    scores = score_world(world, 2026)
    assessed = [float(s["iid"]) for s in scores.values() if s["predicate"] != "Tidak Dapat Dinilai"]
    assert 43 <= statistics.mean(assessed) <= 48
    answers = [a for code in sorted(world.regions)[::10] for i in world.innovations(code, 2026) for a in i.answers]
    share = collections.Counter(a.status for a in answers)
    assert 0.10 <= (share["invalid"] + share["missing"]) / len(answers) <= 0.30


def test_scale_10_has_ten_times_the_innovations_and_years_differ():
    one, ten = World(seed=2025, scale=1), World(seed=2025, scale=10)
    total1 = sum(one.count(c) for c in one.regions)
    total10 = sum(ten.count(c) for c in ten.regions)
    assert abs(total10 / total1 - 10) < 0.1
    code = "35.15"
    assert [i.id for i in one.innovations(code, 2025)] != [] and \
        [a.level for i in one.innovations(code, 2025) for a in i.answers] != \
        [a.level for i in one.innovations(code, 2026) for a in i.answers]


def test_deterministic_from_the_seed():
    a, b, c = World(seed=9, scale=0.2), World(seed=9, scale=0.2), World(seed=10, scale=0.2)
    code = next(code for code in sorted(a.regions) if a.count(code) > 3)
    assert a.innovations(code, 2026) == b.innovations(code, 2026)
    assert a.api_version == b.api_version and a.api_version != c.api_version


def test_advancing_a_night_over_http_edits_adds_and_deletes_about_one_percent(portals):
    p = portals(scale=0.5)
    before = {i.id: i.updated_at for code in p.world.regions for i in p.world.innovations(code, 2026)}
    base = f"http://127.0.0.1:{p.server.port}"
    assert requests.post(f"{base}/_admin/advance", timeout=5).json() == {"night": 1}
    after = {i.id: (i.updated_at, i.deleted) for code in p.world.regions for i in p.world.innovations(code, 2026)}
    edited = sum(1 for k, (ts, gone) in after.items() if k in before and ts != before[k] and not gone)
    deleted = sum(1 for k, (ts, gone) in after.items() if gone)
    added = len(set(after) - set(before))
    assert 0.005 <= edited / len(before) <= 0.02 and deleted > 0 and added > 0
    assert requests.get(f"{base}/_admin/state", timeout=5).json()["night"] == 1


def test_faults_switch_off_and_back_on_over_http(portals):
    """The benchmark's fault-free night: /_admin/faults?on=false serves every portal cleanly, on=true restores."""
    p = portals(scale=0.05, faults="down=1,server_error=1.0", burst=1000)
    base = f"http://127.0.0.1:{p.server.port}"
    down = next(iter(p.sim.faults.down))
    up = next(c for c in sorted(p.world.regions) if c != down and p.world.count(c))

    def status(code: str) -> int:
        """PORTAL_API.md's profile request, in the portal's own flavour."""
        entry = p.entry(code)
        if entry.api_version == "v2":
            url, headers = f"{entry.base_url}/api/v2/profile?year=2026", {"Authorization": f"Bearer {p.tokens[code]}"}
        else:
            url, headers = f"{entry.base_url}/api/v1/profil?tahun=2026", {"X-API-Key": p.tokens[code]}
        return requests.get(url, headers=headers, timeout=5).status_code

    assert status(down) >= 500 and status(up) >= 500   # every request fails while the faults are on
    assert requests.post(f"{base}/_admin/faults?on=false", timeout=5).json() == {"faults": False, "down": []}
    assert status(down) in (200, 404) and status(up) == 200  # 404: a region with no profile for the year yet
    assert requests.post(f"{base}/_admin/faults?on=true", timeout=5).json()["down"] == [down]
    assert status(down) >= 500 and status(up) >= 500
